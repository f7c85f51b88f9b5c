"""The wizard at 1024×768 in every UI language: navigation buttons, the step's message and
titles whole, nothing outside the window (issue 11: in Russian the navigation bar wrapped at
1024 px); messages that come and go move nothing under the user's pointer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenuBar, QScrollArea, QWidget

pytestmark = pytest.mark.gui

LANGS = ["en", "fr", "ru", "es"]


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _in_window(window, widget: QWidget) -> bool:
    box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return window.rect().contains(box)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _button_problems(window, button) -> list[str]:
    name = _plain(button.text())
    found = []
    if not button.isVisible():
        found.append(f"{name!r} is not shown")
    if button.width() < button.sizeHint().width():
        found.append(f"{name!r} is {button.width()} px wide, its text needs {button.sizeHint().width()}")
    if button.fontMetrics().horizontalAdvance(name) > button.contentsRect().width():
        found.append(f"{name!r}: text wider than the button")
    if not _in_window(window, button):
        found.append(f"{name!r} is (partly) outside the window")
    return found


def _label_problems(window, label, one_line: bool) -> list[str]:
    text = label.text()
    found = []
    width = label.contentsRect().width()
    needed = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
    if label.height() < needed:
        found.append(f"{text!r} is cut off ({label.height()} px high, needs {needed})")
    longest = max((label.fontMetrics().horizontalAdvance(word) for word in text.split()), default=0)
    if longest > width:
        found.append(f"{text!r}: a word is wider than the label")
    if one_line and label.fontMetrics().horizontalAdvance(text) > width:
        found.append(f"{text!r} wraps ({label.fontMetrics().horizontalAdvance(text)} px in {width})")
    if not _in_window(window, label):
        found.append(f"{text!r} is (partly) outside the window")
    return found


def _sidebar_problems(window) -> list[str]:
    sidebar = window.sidebar
    found = []
    viewport = sidebar.viewport().rect()
    for row in range(sidebar.count()):
        item = sidebar.item(row)
        box = sidebar.visualItemRect(item)
        if box.right() > viewport.right():
            found.append(f"sidebar {item.text()!r} runs past the list's edge")
        needed = sidebar.fontMetrics().boundingRect(
            QRect(0, 0, box.width() - 4, 1 << 16), int(Qt.TextFlag.TextWordWrap), item.text()
        ).height()
        if box.height() < needed:
            found.append(f"sidebar {item.text()!r} is cut off ({box.height()} px high, needs {needed})")
    return found


def _menu_problems(window) -> list[str]:
    bar: QMenuBar = window.menuBar()
    return [f"menu {a.text()!r} does not fit the menu bar" for a in bar.actions()
            if a.isVisible() and not bar.rect().contains(bar.actionGeometry(a))]


@pytest.mark.parametrize("lang", LANGS)
def test_navigation_fits_at_1024_by_768(make_window, example_path, lang):
    window = make_window(lang)
    window.resize(1024, 768)
    assert window.open_file(str(example_path))
    _settle()
    assert (window.width(), window.height()) == (1024, 768)
    problems: list[str] = []
    for step in range(len(window.plan)):
        window.go_to(step)
        _settle()
        page = window.current_page()
        where = f"step {step + 1}"
        for button in (window.back_button, window.next_button, window.preview_button):
            problems += [f"{where}: {p}" for p in _button_problems(window, button)]
        problems += [f"{where}: {p}" for p in _label_problems(window, window.nav_message, one_line=True)]
        scroll = getattr(page, "scroll", None)
        if isinstance(scroll, QScrollArea) and scroll.widget().width() > scroll.viewport().width():
            problems.append(f"{where}: the form is {scroll.widget().width()} px wide in {scroll.viewport().width()}: "
                            "its right side is cut off")
        title = page.findChild(QLabel, "stepTitle")
        if title is not None:
            problems += [f"{where}: title {p}" for p in _label_problems(window, title, one_line=False)]
            if title.mapTo(page.scroll.viewport(), QPoint(title.width(), 0)).x() > page.scroll.viewport().width():
                problems.append(f"{where}: the title runs past the page's edge")
    problems += _sidebar_problems(window)
    problems += _menu_problems(window)
    assert problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_refusal_message_fits_without_moving_the_buttons(make_window, example_path, lang):
    window = make_window(lang)
    window.resize(1024, 768)
    assert window.open_file(str(example_path))
    window.go_to(window.step_of_section["closing"])
    _settle()
    before = window.next_button.mapTo(window, QPoint(0, 0))
    window.session.set("date", None)
    window.run_check()
    assert window.go_next() is False
    _settle()
    assert window.nav_message.text() != ""
    assert _label_problems(window, window.nav_message, one_line=False) == []
    assert _button_problems(window, window.next_button) == []
    assert window.next_button.mapTo(window, QPoint(0, 0)) == before  # the buttons stay where they were


def _y(widget) -> int:
    return widget.mapTo(widget.window(), QPoint(0, 0)).y()


def test_a_checklist_message_that_goes_keeps_its_space_until_the_step_is_left(make_window, example_path):
    """Issue 11: "the form jumps when a warning disappears, so clicks land on the wrong field"."""
    window = make_window("en")
    assert window.open_file(str(example_path))
    step = window.step_of_section["closing"]
    window.go_to(step)
    page = window.current_page()
    editor, label = page.problem_map.entries["date"]
    below = [e for e, _l in page.problem_map.entries.values() if e.isVisible() and _y(e) > _y(editor)]
    assert below
    watched = min(below, key=_y)
    day = window.session.letter.date
    window.session.set("date", None)
    window.run_check()
    _settle()
    assert label.isVisible() and label.problems
    shown_at = _y(watched)
    window.session.set("date", day)
    window.run_check()
    _settle()
    assert not label.isVisible() and not label.problems  # the message went ...
    assert _y(watched) == shown_at  # ... and nothing under it moved
    window.go_to(step + 1)
    window.go_to(step)
    _settle()
    assert _y(watched) < shown_at  # the space is given back once the step was left
