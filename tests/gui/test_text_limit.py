"""Editing holds a text to the limit loading enforces (issue 12): a paste beyond it is cut back,
the user is told, and the draft saves and opens again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mla_writer import storage
from mla_writer.model.text import MAX_TEXT

from .helpers import type_text

pytestmark = pytest.mark.gui


#: Pasted text in lines (Qt lays out one line of a million characters for minutes: see bench/).
LINE = "x" * 79 + "\n"


def _lines(n_chars: int) -> str:
    return (LINE * (n_chars // len(LINE) + 1))[:n_chars]


def _editor(window, section: str, path: str):
    window.go_to(window.step_of_section[section])
    editor, _label = window.current_page().problem_map.entries[path]
    return editor


def _paste(edit, text: str) -> None:
    QApplication.clipboard().setText(text)
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()


def test_a_paste_beyond_the_limit_is_cut_and_the_draft_opens_again(make_window, tmp_path):
    window = make_window("en")
    editor = _editor(window, "facts", "facts.summary")
    type_text(editor.edit, "Start. ")
    _paste(editor.edit, _lines(MAX_TEXT + 9))
    stored = window.session.letter.facts.summary.get("en")
    assert len(stored) == MAX_TEXT
    assert stored.startswith("Start. xxx") and stored.endswith(_lines(MAX_TEXT + 9)[MAX_TEXT - 7 - 9: MAX_TEXT - 7])
    assert len(editor.edit.document().toRawText()) == MAX_TEXT  # shown as it is held
    assert "at most 1,000,000 characters" in window.statusBar().currentMessage()
    path = tmp_path / "big.mlar"
    assert window.save_to(path)
    assert storage.load(path).facts.summary.get("en") == stored


def test_typing_into_a_full_field_adds_nothing(make_window):
    window = make_window("en")
    editor = _editor(window, "facts", "facts.summary")
    _paste(editor.edit, "y" + _lines(MAX_TEXT - 2) + "y")
    window.statusBar().clearMessage()
    type_text(editor.edit, "z")
    assert window.session.letter.facts.summary.get("en") == "y" + _lines(MAX_TEXT - 2) + "y"
    assert "at most" in window.statusBar().currentMessage()


def test_a_plain_text_field_over_several_lines_is_held_to_the_limit(make_window, tmp_path):
    window = make_window("ru")
    path = "identification.requesting_authority.address"
    editor = _editor(window, "identification", path)
    _paste(editor.edit, "a\n" * (MAX_TEXT // 2 + 10))
    assert len(window.session.get(path)) <= MAX_TEXT
    assert "1\u00a0000\u00a0000" in window.statusBar().currentMessage() or "1 000 000" in window.statusBar().currentMessage()
    out = tmp_path / "a.mlar"
    assert window.save_to(out)
    assert storage.load(out).identification.requesting_authority.address == window.session.get(path)


def test_typing_into_a_full_field_touches_only_the_line_typed_in(make_window):
    """What is taken out again is taken out where it was typed: the rest of the text is not set
    again (a full text of a million characters was laid out and spell-checked anew on every
    keystroke), and the cursor stays where the user types."""
    window = make_window("en")
    editor = _editor(window, "facts", "facts.summary")
    text = "y" + _lines(MAX_TEXT - 2) + "y"
    _paste(editor.edit, text)
    assert window.session.letter.facts.summary.get("en") == text
    cursor = editor.edit.textCursor()
    cursor.setPosition(4000)  # inside line 51 of 12,500
    editor.edit.setTextCursor(cursor)
    changes = []
    editor.edit.document().contentsChange.connect(lambda at, removed, added: changes.append((at, removed, added)))
    window.statusBar().clearMessage()
    type_text(editor.edit, "zz")
    assert window.session.letter.facts.summary.get("en") == text
    assert editor.edit.textCursor().position() == 4000
    assert "at most" in window.statusBar().currentMessage()
    assert changes and all(at == 4000 and removed + added <= 2 for at, removed, added in changes), changes
