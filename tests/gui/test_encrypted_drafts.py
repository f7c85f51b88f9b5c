"""Encrypted drafts in the window (issue 12): File > Save encrypted takes a passphrase; the
draft, its .bak and its recovery copy reach the disk encrypted (the test scans every file the
app wrote); opening and recovering ask for the passphrase, and a wrong one is refused clearly."""

from __future__ import annotations

import pytest

from mla_writer.storage import MAGIC, load

from .helpers import type_text

pytestmark = pytest.mark.gui

SECRET = "Ivanova Marina Petrovna"
PASS = "correct horse battery staple"


def _scan(root):
    """Every file under ``root`` that holds the secret in plain text (UTF-8 or UTF-16)."""
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(form in data for form in (b"Ivanova", "Ivanova".encode("utf-16-le"), "Ivanova".encode("utf-16-be"))):
                found.append(path)
    return found


def _type_secret(window, text=SECRET):
    window.go_to(window.step_of_section["closing"])
    edit = window.current_page().problem_map.entries["place"][0].edit
    type_text(edit, text)
    return edit


def test_nothing_reaches_the_disk_in_plain_text(make_window, tmp_path):
    window = make_window(folder=tmp_path / "autosave")
    window.ask_passphrase = lambda name, confirm: PASS
    window.ask_draft_path = lambda: str(tmp_path / "drafts" / "case.mlar")
    (tmp_path / "drafts").mkdir()
    assert window.save_encrypted()
    edit = _type_secret(window)
    assert window.autosaver.save_now()  # the recovery copy
    assert window.save_draft()  # the draft, and a .bak of the first save
    type_text(edit, " Jr")
    assert window.autosaver.save_now()
    window.settings.sync()
    draft = tmp_path / "drafts" / "case.mlar"
    assert draft.read_bytes().startswith(MAGIC)
    assert draft.with_name("case.mlar.bak").read_bytes().startswith(MAGIC)
    assert window.autosaver.path.read_bytes().startswith(MAGIC)
    assert _scan(tmp_path) == []
    assert load(draft, PASS).place.get("en") == SECRET


def test_opening_asks_for_the_passphrase_and_refuses_a_wrong_one(make_window, tmp_path):
    first = make_window(folder=tmp_path / "a1")
    first.ask_passphrase = lambda name, confirm: PASS
    first.ask_draft_path = lambda: str(tmp_path / "case.mlar")
    _type_secret(first)
    assert first.save_encrypted()
    first.session.dirty = False
    first.close()
    second = make_window(folder=tmp_path / "a2")
    asked = []
    second.ask_passphrase = lambda name, confirm, problem="": asked.append((name, confirm, problem)) or "wrong passphrase"
    assert second.open_file(str(tmp_path / "case.mlar"), ask=False) is False
    # asked again twice, each time saying why, then refused
    assert [a[:2] for a in asked] == [("case.mlar", False)] * 3
    assert asked[0][2] == "" and all("passphrase is wrong" in a[2] for a in asked[1:])
    assert "passphrase is wrong" in second.error_box.text()
    second.error_box.close()
    # a typing slip corrected at the second try opens the draft
    answers = iter(["wrong passphrase", PASS])
    second.ask_passphrase = lambda name, confirm, problem="": next(answers)
    assert second.open_file(str(tmp_path / "case.mlar"), ask=False)
    assert second.session.letter.place.get("en") == SECRET
    second.session.dirty = False
    second.session.release()
    second.ask_passphrase = lambda name, confirm: None  # cancelled: nothing happens
    assert second.open_file(str(tmp_path / "case.mlar"), ask=False) is False
    second.ask_passphrase = lambda name, confirm: PASS
    assert second.open_file(str(tmp_path / "case.mlar"), ask=False)
    assert second.session.letter.place.get("en") == SECRET
    second.session.letter.place.set("en", "Changed")
    second.session.touch()
    assert second.save_draft()  # saved again without asking, still encrypted
    assert (tmp_path / "case.mlar").read_bytes().startswith(MAGIC)


def test_an_encrypted_recovery_copy_asks_and_is_kept_on_a_wrong_passphrase(make_window, tmp_path):
    folder = tmp_path / "autosave"
    first = make_window(folder=folder)
    first.ask_passphrase = lambda name, confirm: PASS
    first.ask_draft_path = lambda: str(tmp_path / "case.mlar")
    assert first.save_encrypted()
    _type_secret(first)
    assert first.autosaver.save_now()
    first.autosaver.timer.stop()
    first.autosaver.deadline.stop()
    first.autosaver.lock.unlock()  # as if its process had died
    copy = first.autosaver.path
    second = make_window(folder=folder)
    second.ask_recover = lambda orphan, i, n: True
    second.ask_passphrase = lambda name, confirm: "wrong passphrase"
    assert second.offer_recovery() is False
    assert copy.exists()  # a wrong passphrase is not a damaged copy: kept, not renamed
    second.error_box.close()
    third = make_window(folder=folder)
    third.ask_recover = lambda orphan, i, n: True
    third.ask_passphrase = lambda name, confirm: PASS
    assert third.offer_recovery() is True
    assert third.session.letter.place.get("en") == SECRET
    # the copy said, sealed with it, which draft it was editing: recovered into that file (a
    # save writes it back there, not a new "Recovered draft" beside it)
    assert third.session.path is not None and third.session.path.resolve() == (tmp_path / "case.mlar").resolve()
    assert "case.mlar" in third.windowTitle()
    assert third.session.sealer is not None and third.autosaver.path.read_bytes().startswith(MAGIC)
    assert _scan(tmp_path) == []


def test_recent_files_name_an_encrypted_draft_by_its_file_only(make_window, tmp_path):
    """The recent-files register (the settings file), the File menu and the start step hold the
    encrypted draft's path and show its file name: nothing of what the letter says."""
    window = make_window(folder=tmp_path / "autosave")
    window.ask_passphrase = lambda name, confirm: PASS
    path = tmp_path / "drafts" / "case-0417.mlar"
    path.parent.mkdir()
    window.ask_draft_path = lambda: str(path)
    _type_secret(window)
    window.session.letter.facts.summary.set("en", SECRET + " was heard on 12 March.")
    assert window.save_encrypted()
    window.session.dirty = False
    assert window.open_file(str(path), ask=False)
    assert window.settings.recent_files() == [str(path.resolve())]
    window._fill_recent()
    shown = [(action.text(), action.toolTip()) for action in window.recent_menu.actions()]
    assert shown == [("case-0417.mlar", str(path.resolve()))]
    window.go_to(0)
    start = window.current_page()
    rows = [start.recent.item(i).text() + start.recent.item(i).toolTip() for i in range(start.recent.count())]
    assert len(rows) == 1 and rows[0].startswith("case-0417.mlar")
    assert not any(word in " ".join(rows + [t for pair in shown for t in pair]) for word in ("Ivanova", "Marina", "March"))
    window.settings.sync()
    assert _scan(tmp_path) == []  # the settings file included
