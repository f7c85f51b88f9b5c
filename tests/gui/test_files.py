"""Files: open (bad files change nothing), save, unsaved-changes prompt, autosave and recovery."""

from __future__ import annotations

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


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": "mla-writer-draft", "format_version": 1, "letter": {"requesting_state": "F',
        b"\x00\x01 not a draft at all \xff",
        b'{"format": "mla-writer-draft", "format_version": 1, "letter": {"urgency": {"deadline": "someday"}}}',
    ],
    ids=["truncated", "binary", "invalid-field"],
)
def test_opening_a_damaged_file_shows_the_reason_and_changes_nothing(make_window, example_path, tmp_path, qtbot, content):
    from mla_writer.storage import DraftError

    window = make_window()
    assert window.open_file(str(example_path))
    before = window.session.letter.model_dump()
    session = window.session
    bad = tmp_path / "damaged.mlar"
    bad.write_bytes(content)
    with pytest.raises(DraftError) as expected:
        load(bad)
    assert window.open_file(str(bad)) is False
    qtbot.waitUntil(lambda: window.error_box is not None and window.error_box.isVisible())
    if b"F" == content[-1:]:  # not JSON: said to be damaged, where, without the parser's own English
        assert window.error_box.text() == ("damaged.mlar is damaged at line 1, column 84: it may have been cut off "
                                           "while it was being written.")
    else:
        assert window.error_box.text() == str(expected.value)  # English UI: the loader's own words
    assert window.session is session and window.session.letter.model_dump() == before
    assert window.session.path == example_path
    assert str(bad.resolve()) not in window.settings.recent_files()
    window.error_box.close()


def test_damaged_file_message_in_the_ui_language(make_window, tmp_path, qtbot):
    from mla_writer.storage import DraftError

    window = make_window("fr")
    bad = tmp_path / "vide.mlar"
    bad.write_bytes(b"")
    with pytest.raises(DraftError) as expected:
        load(bad)
    assert window.open_file(str(bad)) is False
    qtbot.waitUntil(lambda: window.error_box is not None and window.error_box.isVisible())
    assert window.error_box.text() == expected.value.localized("fr")
    assert window.session.letter.requesting_state == ""


def test_save_and_reopen_round_trip(make_window, example_path, tmp_path):
    window = make_window()
    window.open_file(str(example_path))
    window.go_to(window.step_of_section["closing"])
    edit = window.current_page().problem_map.entries["place"][0].edit
    edit.selectAll()
    type_text(edit, "Saint-Étienne")
    assert window.session.dirty and window.isWindowModified()
    target = tmp_path / "copy.mlar"
    assert window.save_to(target)
    assert not window.session.dirty and not window.isWindowModified()
    assert load(target).place.get("fr") == "Saint-Étienne"  # the drafting language's text
    assert window.settings.recent_files()[0] == str(target.resolve())
    window.new_draft()
    assert window.session.letter.place.get("fr") == ""
    window.open_recent(str(target))
    assert window.session.letter.place.get("fr") == "Saint-Étienne"


def test_unsaved_changes_prompt_on_close(make_window, example_path):
    window = make_window()
    window.open_file(str(example_path))
    window.session.letter.place.set("fr", "Nice")
    window.session.touch()
    asked = []
    window.ask_unsaved = lambda: asked.append(1) or QMessageBox.StandardButton.Cancel
    assert window.close() is False and window.isVisible()
    window.ask_unsaved = lambda: asked.append(1) or QMessageBox.StandardButton.Discard
    assert window.close() is True
    assert len(asked) == 2


def test_autosave_writes_and_clean_exit_removes_it(make_window, example_path, tmp_path):
    folder = tmp_path / "autosave"
    window = make_window(folder=folder)
    window.open_file(str(example_path))
    assert not window.autosaver.timer.isActive()  # nothing to write until an edit (test_autosave.py)
    assert not window.autosaver.save_now()  # nothing changed yet
    window.session.letter.place.set("fr", "Lille")
    window.session.touch()
    assert window.autosaver.save_now()
    assert load(window.autosaver.path).place.get("fr") == "Lille"
    window.session.dirty = False
    window.close()
    assert not list(folder.glob("*.mlar"))


def test_recovery_after_a_crash(make_window, example_path, tmp_path):
    """A real crash: a child process edits, autosaves, and dies; the next window offers its work."""
    folder = tmp_path / "autosave"
    child = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        sys.path.insert(0, {str(ROOT)!r})
        from PySide6.QtCore import QSettings
        from mla_writer.gui.main import make_app, make_window
        app = make_app(sys.argv)
        window = make_window(QSettings({str(tmp_path / "child.ini")!r}, QSettings.Format.IniFormat), __import__("pathlib").Path({str(folder)!r}))
        window.open_file({str(example_path)!r}, ask=False)
        window.session.letter.place.set("fr", "Marseille — après l'incident")
        window.session.touch()
        assert window.autosaver.save_now()
        os._exit(3)  # no clean-up: like a crash
        """
    )
    proc = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stderr
    assert len(list(folder.glob("*.mlar"))) == 1
    window = make_window(folder=folder)
    offered = []
    window.ask_recover = lambda orphan, *_: offered.append(orphan) or True
    assert window.offer_recovery() is True
    assert len(offered) == 1 and offered[0].source == str(example_path)
    assert window.session.letter.place.get("fr") == "Marseille — après l'incident"
    assert window.session.dirty and window.session.path == example_path
    # The orphan is gone; only this window's own autosave remains.
    assert [p for p in folder.glob("*.mlar")] == [window.autosaver.path]


def test_declined_recovery_discards_the_copy(make_window, example_path, tmp_path):
    folder = tmp_path / "autosave"
    first = make_window(folder=folder)
    first.open_file(str(example_path))
    first.session.touch()
    first.autosaver.save_now()
    first.autosaver.timer.stop()
    first.autosaver.lock.unlock()  # as if its process had died
    second = make_window(folder=folder)
    second.ask_recover = lambda orphan, *_: False
    assert second.offer_recovery() is False
    assert not first.autosaver.path.exists()
    assert second.session.letter.place.get("fr") == ""


def test_window_geometry_and_preview_choice_are_remembered(make_window, qtbot):
    first = make_window()
    first.resize(760, 560)
    qtbot.waitUntil(lambda: (first.width(), first.height()) == (760, 560))
    first.toggle_preview(False)
    assert first.close()
    second = make_window()
    assert (second.width(), second.height()) == (760, 560)
    assert not second.preview.isVisible() and not second.preview_action.isChecked()


def test_export_of_an_incomplete_letter_asks_first(make_window, tmp_path):
    window = make_window()
    asked, paths = [], []
    window.ask_export_incomplete = lambda count: asked.append(count) or False
    window.ask_export_path = lambda: paths.append(1) or str(tmp_path / "x.docx")
    assert window.export_letter() is False
    assert asked and asked[0] > 0 and paths == []
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_browsing_the_example_letter_changes_nothing(make_window, lang):
    """Issue 11 trial: the example letter was marked modified (*) and asked to be saved on
    Ctrl+N after the user had only looked at its steps."""
    from mla_writer.gui.widgets.listeditor import ListEditor
    from mla_writer.gui.widgets.mltext import MLTextField

    window = make_window(lang)
    assert window.open_example()
    letter = window.session.letter.model_copy(deep=True)
    for step in range(len(window.step_classes)):
        window.go_to(step)
        entries = getattr(window.current_page(), "problem_map", None)  # (the start page has no fields)
        for editor, _label in list(entries.entries.values()) if entries else []:
            if isinstance(editor, ListEditor):
                for row in range(editor.list.count()):
                    editor.list.setCurrentRow(row)  # each item shown in turn
            elif isinstance(editor, MLTextField):
                for lang_shown in editor.languages:
                    editor.set_language(lang_shown)
    assert window.session.letter == letter
    assert not window.session.dirty and not window.isWindowModified()
    asked = []
    window.ask_unsaved = lambda: asked.append(1) or QMessageBox.StandardButton.Cancel
    window.new_draft()  # Ctrl+N
    assert asked == [] and window.session.name is None
