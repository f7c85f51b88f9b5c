"""Ctrl+F finds text in the preview (issue 11, part 6): a find bar, Enter/F3 the next match,
Shift+F3 the previous, Esc closes it, "not found" said."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from .helpers import type_text

pytestmark = pytest.mark.gui


def _window_with_preview(make_window, example_path, qtbot, lang="en"):
    window = make_window(lang)
    window.open_file(str(example_path))
    window.preview_action.setChecked(True)
    window.toggle_preview(True)
    window.preview.render_now()
    preview = window.preview
    # rendered, and no other rendering on its way (a new one would replace the text found)
    qtbot.waitUntil(lambda: preview.view is not None and not preview.timer.isActive()
                    and preview.shown_generation == preview.generation > 0, timeout=20000)
    return window


def _press(widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    QTest.keyClick(widget, key, modifier)
    QApplication.processEvents()


def test_ctrl_f_opens_the_find_bar_and_finds_matches_in_turn(make_window, example_path, qtbot):
    window = _window_with_preview(make_window, example_path, qtbot)
    view, bar = window.preview.view, window.preview.find_bar
    QTest.keySequence(window, QKeySequence("Ctrl+F"))
    QApplication.processEvents()
    assert bar.isVisible() and bar.box.hasFocus()
    text = view.toPlainText()
    word = "Moldova"  # (the search ignores case, as the positions here do)
    starts = [i for i in range(len(text)) if text.lower().startswith(word.lower(), i)]
    assert len(starts) >= 3, (word, text[:300])
    type_text(bar.box, word)
    assert view.textCursor().selectedText().lower() == word.lower()
    assert view.textCursor().selectionStart() == starts[0]
    _press(bar.box, Qt.Key.Key_Return)  # Enter: the next one
    assert view.textCursor().selectionStart() == starts[1]
    _press(bar.box, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)  # Shift+F3: back
    assert view.textCursor().selectionStart() == starts[0]
    _press(bar.box, Qt.Key.Key_F3)  # F3: forward again
    assert view.textCursor().selectionStart() == starts[1]
    _press(bar.box, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    _press(bar.box, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)  # before the first: wraps to the last
    assert view.textCursor().selectionStart() == starts[-1]
    assert bar.status.text() == ""
    _press(bar.box, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_a_text_not_in_the_letter_is_said_not_found(make_window, example_path, qtbot):
    window = _window_with_preview(make_window, example_path, qtbot, "ru")
    bar = window.preview.find_bar
    window.find_in_preview()
    type_text(bar.box, "Zorglub")
    assert bar.status.text() == "Не найдено" and bar.status.isVisible()
    assert not window.preview.view.textCursor().hasSelection()


def test_ctrl_f_shows_a_hidden_preview(make_window, example_path, qtbot):
    window = _window_with_preview(make_window, example_path, qtbot)
    window.preview_action.setChecked(False)
    window.toggle_preview(False)
    QTest.keySequence(window, QKeySequence("Ctrl+F"))
    QApplication.processEvents()
    assert window.preview.isVisible() and window.preview.find_bar.isVisible()


def test_ctrl_f_is_the_shortcut_of_one_command_only(make_window):
    window = make_window("en")
    holders = [a.text() for a in window.findChildren(__import__("PySide6.QtGui").QtGui.QAction)
               if QKeySequence("Ctrl+F") in a.shortcuts()]
    assert len(holders) == 1, holders
