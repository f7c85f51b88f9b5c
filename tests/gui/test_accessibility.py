"""Every input has an accessible name; no button, box or unwrapped label is cut off, in any UI language."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QTextBrowser,
    QWidget,
)

pytestmark = pytest.mark.gui

INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton, QAbstractSpinBox, QListWidget, QTextBrowser)


def _inputs(page):
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, INPUTS):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # the editor inside a combo or date box: the box carries the name
        if not widget.isVisibleTo(page) or widget.focusPolicy() == 0:
            continue
        yield widget


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es"])
def test_every_input_is_named_and_nothing_is_clipped(make_window, example_path, lang):
    window = make_window(lang)
    window.open_file(str(example_path))
    window.resize(1280, 820)
    unnamed, clipped = [], []
    for step in range(len(window.plan)):
        window.go_to(step)
        page = window.current_page()
        page.layout().activate()
        for widget in _inputs(page):
            text = widget.text() if isinstance(widget, (QAbstractButton,)) else ""
            if not (widget.accessibleName() or text.replace("&", "").strip()):
                unnamed.append(f"step {step}: {type(widget).__name__} {widget.objectName()}")
        for widget in page.findChildren(QWidget):
            if not isinstance(widget, (QAbstractButton, QLabel)):
                continue
            if not widget.isVisible() or (isinstance(widget, QLabel) and widget.wordWrap()):
                continue
            if widget.width() < widget.minimumSizeHint().width() - 1:
                text = widget.text()
                clipped.append(f"step {step}: {type(widget).__name__} {text!r} {widget.width()} < {widget.minimumSizeHint().width()}")
        for combo in page.findChildren(QComboBox):
            if combo.isVisible() and not combo.isEditable() and combo.currentText():
                needed = combo.fontMetrics().horizontalAdvance(combo.currentText()) + 24  # text + arrow
                if combo.width() < needed:
                    clipped.append(f"step {step}: combo {combo.currentText()!r} {combo.width()} < {needed}")
    for button in (window.back_button, window.next_button):
        if button.width() < button.minimumSizeHint().width():
            clipped.append(button.text())
    assert unnamed == []
    assert clipped == []


def test_keyboard_shortcuts(make_window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = make_window()
    window.go_to(3)
    QTest.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current == 2
    QTest.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.current == 1
    texts = {a.text(): a.shortcuts() for a in window.findChildren(type(window.next_action))}
    assert any(s.toString() == "Ctrl+S" for s in texts["&Save"])
    assert any(s.toString() == "Ctrl+O" for s in texts["&Open\u2026"])
    assert any(s.toString() == "Ctrl+N" for s in texts["&New"])
    assert {s.toString() for s in window.next_action.shortcuts()} == {"Alt+Right", "Ctrl+PgDown"}
    assert "&" in window.next_button.text() and "&" in window.back_button.text()


def test_radio_buttons_carry_the_question(make_window):
    window = make_window()
    window.go_to(window.step_of_section["prior_contact"])
    radios = window.current_page().findChildren(QRadioButton)
    assert radios and all(r.accessibleDescription() for r in radios)


def test_sidebar_arrow_keys_move_through_the_steps(make_window):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = make_window()
    window.sidebar.setFocus()
    QTest.keyClick(window.sidebar, Qt.Key.Key_Down)
    assert window.current == 1
    QTest.keyClick(window.sidebar, Qt.Key.Key_End)
    assert window.current == len(window.plan) - 1


def _mnemonic(text: str) -> str | None:
    import re

    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es"])
def test_no_mnemonic_is_used_twice_on_a_step(make_window, example_path, lang):
    """Alt+letter must reach one thing: the menus, Back/Next and the step's own buttons and labels."""
    window = make_window(lang)
    window.open_file(str(example_path))
    shared = [a.text() for a in window.menuBar().actions()] + [window.back_button.text(), window.next_button.text()]
    clashes = []
    for step in range(len(window.plan)):
        window.go_to(step)
        page = window.current_page()
        widgets = [*page.findChildren(QAbstractButton), *page.findChildren(QLabel)]
        texts = shared + [w.text() for w in widgets if w.isVisibleTo(page)]
        seen: dict[str, str] = {}
        for text in texts:
            key = _mnemonic(text)
            if key is None:
                continue
            if key in seen:
                clashes.append(f"step {step}: {seen[key]!r} and {text!r}")
            seen[key] = text
    assert clashes == []


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es"])
def test_no_mnemonic_is_used_twice_in_a_menu(make_window, lang):
    """Within one menu, Alt+letter (then the letter) must choose one entry, in every UI language."""
    from PySide6.QtWidgets import QMenu

    window = make_window(lang)
    clashes = []
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    while menus:
        menu = menus.pop()
        seen: dict[str, str] = {}
        for action in menu.actions():
            if action.isSeparator():
                continue
            if isinstance(action.menu(), QMenu):
                menus.append(action.menu())
            key = _mnemonic(action.text())
            if key is None:
                continue
            if key in seen:
                clashes.append(f"{menu.title()!r}: {seen[key]!r} and {action.text()!r}")
            seen[key] = action.text()
    assert clashes == []
