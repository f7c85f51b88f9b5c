"""Keyboard and focus cases on a real X display (run by test_dates.py through
tests/gui/xvfb.py, under Xvfb with QT_QPA_PLATFORM=xcb; not collected on their own)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from PySide6.QtWidgets import QApplication

from .xvfb import click, focus_window, keys, type_keys

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _on_xcb():
    assert os.environ.get("QT_QPA_PLATFORM") == "xcb" and QApplication.platformName() == "xcb"


def _editor(window, section: str, path: str):
    window.go_to(window.step_of_section[section])
    editor, _label = window.current_page().problem_map.entries[path]
    window.current_page().scroll.ensureWidgetVisible(editor)
    return editor


def _suggestions(combo) -> list[str]:
    from PySide6.QtCore import Qt

    model = combo.completer().completionModel()
    return [model.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(model.rowCount())]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_typing_turk_offers_turkiye(make_window, qtbot, lang):
    window = make_window(lang)
    combo = _editor(window, "parties", "requested_state").combo
    focus_window(window)
    click(combo.lineEdit())
    qtbot.waitUntil(combo.lineEdit().hasFocus, timeout=3000)
    type_keys("Turk")
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    assert "TR" in _suggestions(combo)[:2]
    keys("ctrl+a", "BackSpace")
    type_keys("turkiye")
    qtbot.waitUntil(lambda: popup.isVisible() and _suggestions(combo)[:1] == ["TR"], timeout=3000)
    keys("Return")
    qtbot.waitUntil(lambda: window.session.letter.requested_state == "TR", timeout=3000)


def test_dates_typed_refused_cleared_and_undone_with_the_keyboard(make_window, qtbot):
    window = make_window("en")
    editor = _editor(window, "closing", "date")
    focus_window(window)
    click(editor.edit)
    qtbot.waitUntil(editor.edit.hasFocus, timeout=3000)
    type_keys("31/02/2027")
    keys("Tab")
    qtbot.waitUntil(editor.error.isVisible, timeout=3000)
    assert window.session.letter.date is None and editor.edit.text() == "31/02/2027"
    focus = QApplication.focusWidget()
    assert focus not in (editor.edit, editor.clear_button, editor.calendar_button)  # Tab skips the buttons
    keys("shift+Tab")
    qtbot.waitUntil(editor.edit.hasFocus, timeout=3000)
    keys("ctrl+a")
    type_keys("15/01/2027")
    keys("Return")
    qtbot.waitUntil(lambda: window.session.letter.date == dt.date(2027, 1, 15), timeout=3000)
    assert not editor.error.isVisible()
    click(editor.clear_button)
    qtbot.waitUntil(lambda: window.session.letter.date is None, timeout=3000)
    assert editor.edit.hasFocus()  # so that Ctrl+Z undoes the clearing
    keys("ctrl+z")
    qtbot.waitUntil(lambda: window.session.letter.date == dt.date(2027, 1, 15), timeout=3000)
    keys("ctrl+a", "BackSpace")
    qtbot.waitUntil(lambda: window.session.letter.date is None, timeout=3000)
    keys("Up")  # an empty date: today, never 1800
    qtbot.waitUntil(lambda: window.session.letter.date == dt.date.today(), timeout=3000)
