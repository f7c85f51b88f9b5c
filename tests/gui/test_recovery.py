"""Recovery keeps everything (issue 12): every crashed run's copy is offered, a copy that cannot
be read is kept and the user told where, stale locks are cleaned, the settings file is private,
and the recovered draft reopens the step the user was on, with the copy's local time."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time

import pytest
from mla_writer import storage
from mla_writer.model import LetterOfRequest

pytestmark = pytest.mark.gui


def _orphan(folder, name: str, place: str, saved_at: str, step: int | None = None, source=None):
    """The copy a run that died left behind (no lock: its process is gone)."""
    folder.mkdir(parents=True, exist_ok=True)
    letter = LetterOfRequest(drafting_language="en", output_language="en")
    letter.place.set("en", place)
    doc = storage.document(letter)
    doc.update(saved_at=saved_at, autosave_of=source, autosave_step=step)
    path = folder / f"{name}.mlar"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_every_crashed_run_is_offered_and_none_is_lost(make_window, tmp_path):
    folder = tmp_path / "autosave"
    older = _orphan(folder, "aaaa", "Older run", "2026-11-29T08:00:00+00:00")
    newer = _orphan(folder, "bbbb", "Newer run", "2026-11-29T09:00:00+00:00")
    window = make_window(folder=folder)
    asked = []
    window.ask_recover = lambda orphan, i, n: asked.append((orphan.path, i, n)) or True
    assert window.offer_recovery() is True
    assert asked == [(newer, 1, 2)]
    assert window.session.letter.place.get("en") == "Newer run"
    assert not newer.exists()  # its work is in this window's own copy
    assert older.exists()  # kept, not deleted
    assert "1 more automatic copy is kept" in window.statusBar().currentMessage()
    window.session.dirty = False
    window.close()
    later = make_window(folder=folder)  # the next start offers the other run's work
    later.ask_recover = lambda orphan, i, n: True
    assert later.offer_recovery() is True
    assert later.session.letter.place.get("en") == "Older run"
    assert not older.exists()


def test_decide_later_keeps_the_copy(make_window, tmp_path):
    folder = tmp_path / "autosave"
    copy = _orphan(folder, "cccc", "Kept", "2026-11-29T09:00:00+00:00")
    window = make_window(folder=folder)
    window.ask_recover = lambda orphan, i, n: None
    assert window.offer_recovery() is False
    assert copy.exists() and not copy.with_suffix(".lock").exists()


def test_an_unreadable_copy_is_kept_and_the_user_told_where(make_window, tmp_path):
    folder = tmp_path / "autosave"
    copy = _orphan(folder, "dddd", "x", "2026-11-29T09:00:00+00:00")
    damaged = copy.read_text(encoding="utf-8").replace('"letter"', '"letter": 5, "x"', 1)
    copy.write_text(damaged, encoding="utf-8")
    window = make_window(folder=folder)
    window.ask_recover = lambda orphan, i, n: True
    assert window.offer_recovery() is False
    kept = folder / "dddd.mlar.unreadable"
    assert kept.read_text(encoding="utf-8") == damaged  # byte for byte, not deleted
    assert str(kept) in window.error_box.text()
    window.error_box.close()
    again = make_window(folder=folder)
    again.ask_recover = lambda orphan, i, n: pytest.fail("an unreadable copy is not offered twice")
    assert again.offer_recovery() is False
    assert kept.exists()


def test_the_step_the_user_was_on_reopens_and_the_time_is_local(make_window, tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Almaty")  # UTC+5 all year
    time.tzset()
    try:
        folder = tmp_path / "autosave"
        _orphan(folder, "eeee", "Almaty", "2026-11-29T22:40:00+00:00", step=5)
        window = make_window("ru", folder=folder)
        shown = []
        window.ask_recover = lambda orphan, i, n: shown.append(window.recovery_time(orphan)) or True
        assert window.offer_recovery() is True
        assert window.current == 5
        assert "30.11" in shown[0] and "03:40" in shown[0]  # 22:40 UTC is 03:40 the next day in Almaty
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_copy_written_by_the_window_records_its_step(make_window, tmp_path):
    window = make_window(folder=tmp_path / "autosave")
    window.go_to(window.step_of_section["closing"])
    window.session.letter.place.set("en", "Here")
    window.session.touch()
    assert window.autosaver.save_now()
    doc = json.loads(window.autosaver.path.read_text(encoding="utf-8"))
    assert doc["autosave_step"] == window.step_of_section["closing"]


def test_stale_locks_are_cleaned_and_live_ones_kept(make_window, tmp_path):
    folder = tmp_path / "autosave"
    folder.mkdir()
    stale = folder / "ffff.lock"
    child = ("import os; from PySide6.QtCore import QLockFile; lock = QLockFile(%r); "
             "assert lock.tryLock(0); os._exit(3)" % str(stale))  # a run that died before its first copy
    assert subprocess.run([sys.executable, "-c", child], timeout=60).returncode == 3
    assert stale.exists()
    live = make_window(folder=folder)  # holds its own lock, with no copy written yet
    assert not live.autosaver.path.exists()
    other = make_window(folder=folder)
    other.offer_recovery()
    assert not stale.exists()
    assert os.path.exists(live.autosaver.lock.fileName())
    assert live.autosaver.lock.isLocked()


def test_settings_and_autosave_folder_are_private(make_window, tmp_path):
    old = os.umask(0o022)
    try:
        window = make_window(folder=tmp_path / "autosave")
        window.settings.add_recent(tmp_path / "Victim X case.mlar")
        window.settings.sync()
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "settings.ini").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "autosave").st_mode) == 0o700


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_copy_cut_off_while_written_names_its_draft_and_says_it_is_damaged(make_window, tmp_path, example_path, lang):
    """The tester's k.mlar: a copy cut off mid-write was offered as "a new draft", then refused
    with "saved ?" and Python's JSON message, in English in the Russian window."""
    draft = tmp_path / "k.mlar"
    draft.write_bytes(example_path.read_bytes())
    folder = tmp_path / "autosave"
    writer = make_window(lang, folder=tmp_path / "writer")
    assert writer.open_file(str(draft), ask=False)
    writer.session.letter.place.set(writer.session.letter.drafting_language, "Алматы")
    writer.session.touch()
    writer.autosaver.note_edit()
    assert writer.autosaver.save_now()
    whole = writer.autosaver.path.read_bytes()
    folder.mkdir()
    cut = folder / "ffff.mlar"  # a run that died while writing its copy
    truncated = whole[: len(whole) * 2 // 3]
    cut.write_bytes(truncated)
    window = make_window(lang, folder=folder)
    asked = []
    window.ask_recover = lambda orphan, i, n: asked.append(window.recovery_question(orphan, i, n)) or True
    assert window.offer_recovery() is False
    assert "k.mlar" in asked[0]
    message = window.error_box.text()
    kept = folder / "ffff.mlar.unreadable"
    assert kept.read_bytes() == truncated and str(kept) in message
    assert " ? " not in message and "saved ?" not in message
    assert "Unterminated" not in message and "Expecting" not in message and "JSON" not in message
    if lang == "ru":
        assert "повреждён" in message and "строка" in message
    else:
        assert "damaged at line" in message
    window.error_box.close()


def test_an_encrypted_copy_does_not_pretend_to_be_a_new_draft(make_window, tmp_path):
    folder = tmp_path / "autosave"
    folder.mkdir()
    letter = LetterOfRequest(drafting_language="en", output_language="en")
    sealed = storage.Sealer("correct horse battery").seal(storage.dump_bytes(letter))
    (folder / "gggg.mlar").write_bytes(sealed)
    window = make_window(folder=folder)
    asked = []
    window.ask_recover = lambda orphan, i, n: asked.append(window.recovery_question(orphan, i, n)) or None
    window.offer_recovery()
    assert "a new draft" not in asked[0] and "draft name unknown" in asked[0]
