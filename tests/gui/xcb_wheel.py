"""Wheel cases on a real X display (run by test_wheel.py through tests/gui/xvfb.py, under
Xvfb with QT_QPA_PLATFORM=xcb; not collected on their own)."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from mla_writer.storage import document

from .xvfb import focus_window, wheel_over

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _on_xcb():
    assert os.environ.get("QT_QPA_PLATFORM") == "xcb" and QApplication.platformName() == "xcb"


def _letter(window) -> str:
    return json.dumps(document(window.session.letter)["letter"], sort_keys=True, default=str)


def _value_editors(page):
    from mla_writer.gui.widgets.wheel import guarded_editor

    return [w for w in page.findChildren(QWidget) if guarded_editor(w) is w and w.isVisibleTo(page)]


@pytest.mark.parametrize("section", ["parties", "identification", "assistance", "closing"])
def test_real_wheel_over_unfocused_editors_scrolls_the_page(make_window, example_path, qtbot, section):
    window = make_window("en")
    window.open_file(str(example_path))
    window.resize(1024, 700)
    window.go_to(window.step_of_section[section])
    page = window.current_page()
    focus_window(window)
    from mla_writer.gui.widgets.fields import LineBox

    boxes = [*page.findChildren(LineBox), *page.findChildren(QLineEdit)]  # (one-line texts, then dates ...)
    parking = next(w for w in boxes if w.isVisible() and not w.parent().inherits("QComboBox"))
    before = _letter(window)
    editors = _value_editors(page)
    assert editors
    scrolled = False
    for editor in editors:
        page.scroll.ensureWidgetVisible(editor, 0, 80)
        parking.setFocus()
        qtbot.waitUntil(parking.hasFocus, timeout=3000)
        qtbot.wait(50)
        bar = page.scroll.verticalScrollBar()
        start = bar.value()
        wheel_over(editor, 1, down=bar.value() < bar.maximum())
        qtbot.wait(100)
        # Qt gave the wheel to the page: it scrolled (unless it cannot), nothing took the focus.
        if bar.maximum() > 0:
            try:
                qtbot.waitUntil(lambda: bar.value() != start, timeout=3000)
            except Exception:
                from PySide6.QtGui import QCursor
                under = QApplication.widgetAt(QCursor.pos())
                chain = []
                while under is not None:
                    chain.append(type(under).__name__)
                    under = under.parentWidget()
                raise AssertionError(f"page did not scroll over {type(editor).__name__} {editor.accessibleName()!r}; "
                                     f"under pointer: {chain}; bar {start}/{bar.maximum()}")
            scrolled = True
        assert parking.hasFocus(), f"{type(editor).__name__} took the focus from the wheel"
        assert _letter(window) == before, f"the wheel changed {type(editor).__name__} {editor.accessibleName()!r}"
    assert not window.session.dirty
    if section in ("identification", "assistance"):
        assert scrolled


def test_real_wheel_over_the_focused_drop_down_still_chooses(make_window, qtbot):
    window = make_window("en")
    window.go_to(window.step_of_section["parties"])
    focus_window(window)
    editor, _label = window.current_page().problem_map.entries["output_language"]
    combo = editor.combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=3000)
    before = combo.currentIndex()
    wheel_over(combo, 1, down=True)
    qtbot.waitUntil(lambda: combo.currentIndex() != before, timeout=3000)
