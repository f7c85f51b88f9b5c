"""The recovery copy follows the typing (issue 11: with a 30-second timer, the last ~34 s of
typing were lost after a kill). Nothing here measures time: the tests wait for the
autosaver's ``saved`` signal or for the file, with generous time-outs."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from mla_writer.storage import load

from .helpers import type_text

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def _place_editor(window):
    window.go_to(window.step_of_section["closing"])
    editor, _label = window.current_page().problem_map.entries["place"]
    return editor


def _autosaved_place(window) -> str:
    return load(window.autosaver.path).place.get(window.session.letter.drafting_language)


def test_the_copy_is_written_soon_after_typing_stops(make_window, tmp_path, qtbot):
    window = make_window("fr", folder=tmp_path / "autosave")
    editor = _place_editor(window)
    type_text(editor.edit, "L")
    assert window.autosaver.timer.isActive()
    assert not window.autosaver.path.exists()  # not on every key: once the user pauses
    with qtbot.waitSignal(window.autosaver.saved, timeout=10_000):
        type_text(editor.edit, "yon — 3\u1d49")
    assert _autosaved_place(window) == "Lyon — 3\u1d49"


def test_leaving_the_field_writes_the_copy_at_once(make_window, tmp_path, qtbot):
    """At once, in the background (the JSON and the fsync off the GUI thread)."""
    window = make_window("en", folder=tmp_path / "autosave")
    window.autosaver.timer.setInterval(60_000)  # (only the focus change can write it)
    window.autosaver.deadline.setInterval(60_000)
    editor = _place_editor(window)
    type_text(editor.edit, "Chișinău")
    assert not window.autosaver.path.exists()
    with qtbot.waitSignal(window.autosaver.saved, timeout=15_000):
        window.next_button.setFocus()  # Tab, a click elsewhere: the focus leaves the field
    assert window.autosaver.path.exists() and _autosaved_place(window) == "Chișinău"


def test_background_writes_land_in_order_and_never_after_a_clear(make_window, tmp_path, qtbot):
    """A copy written in the background never replaces a newer one, and a save that clears
    the copy is not undone by a background write still running."""
    window = make_window("en", folder=tmp_path / "autosave")
    autosaver = window.autosaver
    editor = _place_editor(window)
    type_text(editor.edit, "One")
    assert autosaver.save_later()
    type_text(editor.edit, " two")
    assert autosaver.save_now()  # waits for the background write first
    assert _autosaved_place(window) == "One two"
    qtbot.wait(50)
    assert _autosaved_place(window) == "One two" and not autosaver.pending()
    type_text(editor.edit, " three")
    assert autosaver.save_later()
    autosaver.clear()  # the draft was saved: no copy may remain
    qtbot.wait(50)
    assert not autosaver.path.exists()


def test_closing_writes_the_copy_before_asking(make_window, tmp_path):
    window = make_window("en", folder=tmp_path / "autosave")
    editor = _place_editor(window)
    type_text(editor.edit, "Comrat")
    seen = []
    window.ask_unsaved = lambda: seen.append(window.autosaver.path.exists()) or QMessageBox.StandardButton.Cancel
    assert window.close() is False
    assert seen == [True] and _autosaved_place(window) == "Comrat"


def test_a_long_stretch_of_typing_is_written_without_a_pause(make_window, tmp_path, qtbot):
    window = make_window("en", folder=tmp_path / "autosave")
    window.autosaver.timer.setInterval(60_000)  # as if the user never paused
    editor = _place_editor(window)
    with qtbot.waitSignal(window.autosaver.saved, timeout=15_000):
        type_text(editor.edit, "Bălți")
        editor.edit.setFocus()
    assert _autosaved_place(window) == "Bălți"


def test_typing_then_a_kill_is_recovered(make_window, tmp_path):
    """A real process types, waits (at most 10 s) for its recovery copy and is killed."""
    folder = tmp_path / "autosave"
    child = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        sys.path.insert(0, {str(ROOT)!r})
        from PySide6.QtCore import QEventLoop, QSettings, QTimer
        from mla_writer.gui.main import make_app, make_window
        from tests.gui.helpers import type_text
        app = make_app(sys.argv)
        settings = QSettings({str(tmp_path / "child.ini")!r}, QSettings.Format.IniFormat)
        settings.setValue("ui/language", "en")
        window = make_window(settings, __import__("pathlib").Path({str(folder)!r}))
        window.show()
        window.ensure_ready()
        window.go_to(window.step_of_section["closing"])
        editor, _label = window.current_page().problem_map.entries["place"]
        loop = QEventLoop()
        window.autosaver.saved.connect(loop.quit)
        QTimer.singleShot(10_000, lambda: os._exit(4))  # no copy within 10 s of the last key
        type_text(editor.edit, "Cahul, 22 h 15")
        loop.exec()
        os._exit(3)  # no clean-up: like a kill
        """
    )
    proc = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == 3, proc.stderr[-3000:]
    window = make_window("en", folder=folder)
    window.ask_recover = lambda orphan, *_: True
    assert window.offer_recovery() is True
    assert window.session.letter.place.get("en") == "Cahul, 22 h 15"


@pytest.fixture
def user_folders(monkeypatch, tmp_path, qapp):
    """The user's data folder in ``tmp_path/data`` (XDG), with the application named as
    ``main.make_app`` names it (organisation and application both "MLA Writer")."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    names = qapp.applicationName(), qapp.organizationName()
    qapp.setApplicationName("MLA Writer")
    qapp.setOrganizationName("MLA Writer")
    yield tmp_path / "data"
    qapp.setApplicationName(names[0])
    qapp.setOrganizationName(names[1])


def _window_in_the_users_folders(qtbot, tmp_path):
    """A window as the application makes it: no test folder, the user's own."""
    from PySide6.QtCore import QSettings

    from mla_writer.gui import i18n
    from mla_writer.gui.main import make_window

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/language", "en")
    window = make_window(settings, None)
    qtbot.addWidget(window)
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
    window.ensure_ready()
    i18n.set_ui_language("en")
    return window


def test_the_autosave_folder_names_the_application_once(user_folders, qtbot, tmp_path):
    """Issue 11 trial: autosaves went to ".../MLA Writer/MLA Writer/autosave" (Qt's folder names
    the organisation and the application)."""
    from mla_writer.gui import autosave, spellcheck

    window = _window_in_the_users_folders(qtbot, tmp_path)
    assert window.autosaver.folder == user_folders / "MLA Writer" / "autosave"
    assert spellcheck.personal_folder() == user_folders / "MLA Writer" / "dictionary"
    assert autosave.legacy_folders() == [user_folders / "MLA Writer" / "MLA Writer" / "autosave"]
    window.show_guide()
    assert f"{user_folders / 'MLA Writer' / 'autosave'}" in window.guide.html()
    assert "MLA Writer/MLA Writer" not in window.guide.html()


def test_an_autosave_left_in_the_old_folder_is_still_recovered(user_folders, qtbot, tmp_path):
    """A recovery copy an earlier version left in the folder that named the application twice
    is offered like any other; once recovered, its copy lives in the new folder."""
    import json

    from mla_writer.model import LetterOfRequest, ml
    from mla_writer.storage import document

    old = user_folders / "MLA Writer" / "MLA Writer" / "autosave"
    old.mkdir(parents=True)
    doc = document(LetterOfRequest(drafting_language="en", output_language="en", place=ml(en="Ungheni")))
    doc["autosave_of"] = None
    (old / "0a1b2c3d4e5f.mlar").write_text(json.dumps(doc), encoding="utf-8")  # its window died: no lock held

    window = _window_in_the_users_folders(qtbot, tmp_path)
    offered = []
    window.ask_recover = lambda orphan, *_: offered.append(orphan.path) or True
    assert window.offer_recovery() is True
    assert offered == [old / "0a1b2c3d4e5f.mlar"]
    assert window.session.letter.place.get("en") == "Ungheni"
    assert not (old / "0a1b2c3d4e5f.mlar").exists()
    assert window.autosaver.path.parent == user_folders / "MLA Writer" / "autosave"
    assert load(window.autosaver.path).place.get("en") == "Ungheni"  # the recovered work is kept in the new place


def test_the_personal_word_lists_move_from_the_old_folder(user_folders, qtbot, tmp_path):
    old = user_folders / "MLA Writer" / "MLA Writer" / "dictionary"
    new = user_folders / "MLA Writer" / "dictionary"
    old.mkdir(parents=True)
    new.mkdir(parents=True)
    (old / "fr.dic").write_text("OCRTEH\nChișinău\n", encoding="utf-8")
    (old / "ru.dic").write_text("Кишинёв\n", encoding="utf-8")
    (new / "fr.dic").write_text("Chișinău\nUngheni\n", encoding="utf-8")  # already added in the new place
    _window_in_the_users_folders(qtbot, tmp_path)
    assert (new / "fr.dic").read_text(encoding="utf-8").splitlines() == ["Chișinău", "Ungheni", "OCRTEH"]
    assert (new / "ru.dic").read_text(encoding="utf-8") == "Кишинёв\n"
    assert not old.exists()  # moved, and the empty old folder removed


def test_the_json_conversion_runs_in_the_worker_not_on_the_gui_thread(make_window, tmp_path, qtbot, monkeypatch):
    """The GUI thread takes the letter's plain data only; the copy's JSON values are made in
    the worker (issue 12: storage.document on the GUI thread stalled typing in a large case)."""
    import threading

    from mla_writer import storage

    calls = []
    for name in ("document", "document_of_data"):
        real = getattr(storage, name)
        monkeypatch.setattr(storage, name, lambda letter, _real=real, _name=name: (
            calls.append((_name, threading.current_thread() is threading.main_thread())), _real(letter))[1])
    window = make_window("en", folder=tmp_path / "autosave")
    editor = _place_editor(window)
    with qtbot.waitSignal(window.autosaver.saved, timeout=10_000):
        type_text(editor.edit, "Bălți")
    assert calls == [("document_of_data", False)]
    assert _autosaved_place(window) == "Bălți"


def test_a_letter_the_worker_cannot_convert_is_still_written(make_window, tmp_path, qtbot, monkeypatch):
    """Should the worker fail to convert the letter's data, the copy is made from the letter
    itself on the GUI thread: recovery never loses the typing for it."""
    import threading

    from mla_writer import storage

    real = storage.document_of_data

    def refuse_in_worker(data):
        if threading.current_thread() is not threading.main_thread():
            raise ValueError("not convertible")
        return real(data)

    monkeypatch.setattr(storage, "document_of_data", refuse_in_worker)
    window = make_window("en", folder=tmp_path / "autosave")
    editor = _place_editor(window)
    with qtbot.waitSignal(window.autosaver.saved, timeout=10_000):
        type_text(editor.edit, "Cahul")
    assert _autosaved_place(window) == "Cahul" and window.autosaver.last_error is None


def test_the_copys_json_is_encoded_a_value_at_a_time_and_reads_back_whole(tmp_path):
    """The recovery copy's JSON is made by json's C encoder a value at a time (the indented
    encoder, in Python, kept the autosave's thread busy for most of a second on a 4x large
    case, typing stalled): the same document reads back, and a copy cut off while being
    written still says which draft it was and its step."""
    import json

    from mla_writer import storage
    from mla_writer.gui.autosave import _read_meta, json_bytes
    from tests.conftest import DATA

    letter = storage.load(DATA / "complete_letter.mlar")
    letter.persons = [letter.persons[i % len(letter.persons)] for i in range(60)]  # a long list: an item per line
    letter.facts.summary.set(letter.drafting_language, "Line one\nline \"two\" \u00e9\u0436\u00a0\\ end")
    document = {"autosave_of": "/drafts/a.mlar", "autosave_step": 5, **storage.document(letter)}
    data = json_bytes(document)
    assert json.loads(data) == document
    assert storage.loads(data) == letter
    assert data.count(b"\n") > 60
    cut = tmp_path / "cut.mlar"
    cut.write_bytes(data[: len(data) // 2])
    source, _saved_at, step, known = _read_meta(cut)
    assert (source, step, known) == ("/drafts/a.mlar", 5, True)
