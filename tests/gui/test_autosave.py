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
