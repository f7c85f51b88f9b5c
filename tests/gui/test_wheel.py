"""The mouse wheel over a drop-down, spin box or date box that has no focus changes nothing
(issue 11: a wheel notch turned the requested State into Turkmenistan).

Offscreen here, with synthetic wheel events on every value editor of every step; on a real X
display (Xvfb, xcb, the real wheel through xdotool) in ``xcb_wheel.py``, where the wheel also
takes the focus and Qt passes it on to the page.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from mla_writer.storage import document

from .xvfb import run_xcb_cases

pytestmark = pytest.mark.gui


def wheel(widget, notches: int = 1) -> None:
    """A wheel event as a mouse sends it, ``notches`` down (negative: up)."""
    pos = QPointF(widget.rect().center())
    event = QWheelEvent(
        pos, QPointF(widget.mapToGlobal(pos)), QPoint(0, 0), QPoint(0, -120 * notches),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )
    QApplication.sendEvent(widget, event)
    QApplication.processEvents()


def _letter(window) -> str:
    return json.dumps(document(window.session.letter)["letter"], sort_keys=True, default=str)


def _value_editors(page):
    from mla_writer.gui.widgets.wheel import guarded_editor

    return [w for w in page.findChildren(QWidget) if guarded_editor(w) is w and w.isVisibleTo(page)]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_wheel_over_unfocused_editors_changes_nothing(make_window, example_path, lang):
    window = make_window(lang)
    window.open_file(str(example_path))
    before = _letter(window)
    turned = 0
    for step in range(1, len(window.plan)):
        window.go_to(step)
        page = window.current_page()
        page.layout().activate()
        parking = QLineEdit(page)  # the focus is elsewhere, as when the user scrolls the page
        parking.show()
        for editor in _value_editors(page):
            parking.setFocus()
            for notches in (1, 3, -1, -5):
                wheel(editor, notches)
                line = editor.lineEdit() if hasattr(editor, "lineEdit") else None
                if line is not None:
                    wheel(line, notches)
            assert not editor.hasFocus()
            turned += 1
        parking.deleteLater()
    assert turned >= 10  # drop-downs of languages, States, currencies, persons, number boxes
    assert _letter(window) == before
    assert not window.session.dirty


def test_the_wheel_still_works_in_the_editor_being_used(make_window):
    window = make_window("en")
    window.go_to(window.step_of_section["parties"])
    editor, _label = window.current_page().problem_map.entries["output_language"]
    combo = editor.combo
    combo.setFocus()
    assert combo.hasFocus()
    before = combo.currentIndex()
    wheel(combo, 1)
    assert combo.currentIndex() != before


def test_value_editors_take_the_focus_by_click_or_tab_not_by_wheel(make_window, example_path):
    window = make_window("en")
    window.open_file(str(example_path))
    seen = 0
    for step in range(1, len(window.plan)):
        window.go_to(step)
        for editor in _value_editors(window.current_page()):
            assert editor.focusPolicy() == Qt.FocusPolicy.StrongFocus, type(editor).__name__
            seen += 1
    assert seen >= 10


def test_wheel_under_a_real_x_display():
    """Real wheel events on Xvfb (xcb): the value stays, the page scrolls, the focus stays put."""
    run_xcb_cases("xcb_wheel.py")
