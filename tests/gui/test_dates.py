"""Dates as people type them (issue 11): the UI language's order (English: day first, as
en_GB), ISO everywhere, impossible days refused with a message, no 1800, an undoable clear
button outside the Tab order."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mla_writer.gui.widgets.dates import DateField, DateInputError, PartialDateField, parse_date, reads_month_first

from .helpers import type_text

pytestmark = pytest.mark.gui

JAN_15 = dt.date(2027, 1, 15)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "15/01/2027"), ("en", "2027-01-15"), ("en", "15/1/2027"), ("fr", "15/01/2027"), ("ru", "15.01.2027"),
     ("ru", "15/01/2027"), ("es", "15/01/2027"), ("es", "15/1/2027"), ("fr", "2027-01-15"), ("ru", "2027-01-15"),
     ("es", "2027-01-15"), ("en", "1/15/2027"), ("en", "01/15/2027")],
)
def test_dates_are_read_in_the_ui_languages_order_and_as_iso(lang, text):
    assert parse_date(text, lang=lang) == JAN_15


def test_english_reads_a_date_month_first_only_when_it_cannot_be_read_day_first():
    """American "1/15/2027" is 15 January; "1/2/2027" is 1 February, as the placeholder (31/01/2027) shows."""
    assert parse_date("1/15/2027", lang="en") == JAN_15 and reads_month_first("1/15/2027", lang="en")
    assert parse_date("1/2/2027", lang="en") == dt.date(2027, 2, 1) and not reads_month_first("1/2/2027", lang="en")
    assert parse_date("12/31/2027 14:30", with_time=True, lang="en") == dt.datetime(2027, 12, 31, 14, 30)
    assert not reads_month_first("15/01/2027", lang="en") and not reads_month_first("2027-01-15", lang="en")
    for lang in ("fr", "ru", "es"):  # nobody writes month first there: refused, not guessed
        with pytest.raises(DateInputError):
            parse_date("1/15/2027", lang=lang)
    with pytest.raises(DateInputError) as refused:  # no 31st of February either way
        parse_date("2/31/2027", lang="en")
    assert refused.value.impossible


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es"])
@pytest.mark.parametrize("text", ["31/02/2027", "31.02.2027", "2027-02-31", "29/02/2027", "1/15/2027", "15/01/27", "15 janvier"])
def test_a_date_that_does_not_exist_is_refused_not_moved(lang, text):
    if lang == "en" and text == "1/15/2027":
        return  # American order, read as 15 January (above)
    with pytest.raises(DateInputError) as refused:
        parse_date(text, lang=lang)
    assert refused.value.impossible == (text in ("31/02/2027", "31.02.2027", "2027-02-31", "29/02/2027"))


def test_times_are_read_with_the_date():
    assert parse_date("15/01/2027 14:30", with_time=True, lang="en") == dt.datetime(2027, 1, 15, 14, 30)
    assert parse_date("2027-01-15 09:05", with_time=True, lang="ru") == dt.datetime(2027, 1, 15, 9, 5)
    with pytest.raises(DateInputError):
        parse_date("15/01/2027 25:00", with_time=True, lang="en")


def _date_field(window, path: str = "date") -> DateField:
    window.go_to(window.step_of_section["closing"])
    editor, _label = window.current_page().problem_map.entries[path]
    assert isinstance(editor, DateField)
    return editor


def _leave(editor) -> None:
    QTest.keyClick(editor.edit, Qt.Key.Key_Return)
    QApplication.processEvents()


@pytest.mark.parametrize(("lang", "typed"), [("en", "15/01/2027"), ("en", "2027-01-15"), ("fr", "15/01/2027"),
                                             ("ru", "15.01.2027"), ("es", "15/01/2027")])
def test_an_empty_date_field_takes_typing(make_window, lang, typed):
    window = make_window(lang)
    editor = _date_field(window)
    assert window.session.letter.date is None and editor.edit.text() == ""
    assert "31" in editor.edit.placeholderText()  # the expected format, with a day that shows the order
    type_text(editor.edit, typed)
    assert window.session.letter.date == JAN_15
    _leave(editor)
    assert editor.edit.text() == {"ru": "15.01.2027"}.get(lang, "15/01/2027")
    assert not editor.error.isVisible()


def test_an_american_date_is_taken_and_shown_as_it_was_read(make_window):
    window = make_window("en")
    editor = _date_field(window)
    type_text(editor.edit, "1/15/2027")
    _leave(editor)
    assert window.session.letter.date == JAN_15
    assert editor.edit.text() == "15/01/2027"  # shown day first, as the placeholder
    assert editor.note.isVisible() and editor.note.text() == "Read as 15 January 2027."
    assert not editor.error.isVisible()
    editor.edit.selectAll()
    type_text(editor.edit, "1/2/2027")  # both numbers could be a month: read day first, and said so
    _leave(editor)
    assert window.session.letter.date == dt.date(2027, 2, 1) and editor.edit.text() == "01/02/2027"
    assert editor.note.isVisible() and editor.note.text() == "Read as 1 February 2027."


@pytest.mark.parametrize("typed", ["3/4/2027", "03/04/2027", "3.4.2027"])
def test_an_english_date_that_reads_either_way_says_how_it_was_read(make_window, typed):
    """Issue 11 trial: "3/4/2027" was taken as 3 April without a word, although an English-UI
    user may mean 4 March."""
    window = make_window("en")
    editor = _date_field(window)
    type_text(editor.edit, typed)
    _leave(editor)
    assert window.session.letter.date == dt.date(2027, 4, 3) and editor.edit.text() == "03/04/2027"
    assert editor.note.isVisible() and editor.note.text() == "Read as 3 April 2027."


@pytest.mark.parametrize(("lang", "typed"), [("en", "15/01/2027"), ("en", "4/4/2027"), ("en", "2027-03-04"),
                                             ("fr", "3/4/2027"), ("ru", "3.4.2027"), ("es", "3/4/2027")])
def test_a_date_that_reads_one_way_only_gets_no_note(make_window, lang, typed):
    window = make_window(lang)
    editor = _date_field(window)
    type_text(editor.edit, typed)
    _leave(editor)
    assert window.session.letter.date is not None and not editor.error.isVisible()
    assert not editor.note.isVisible()


def test_a_date_not_typed_gets_no_note(make_window):
    """The date of the draft, the calendar's and the arrow keys' are not read from typing."""
    window = make_window("en")
    editor = _date_field(window)
    editor.set_date(dt.date(2027, 4, 3))
    editor.edit.setFocus()
    _leave(editor)
    assert not editor.note.isVisible()
    QTest.keyClick(editor.edit, Qt.Key.Key_Up)
    _leave(editor)
    assert window.session.letter.date == dt.date(2027, 4, 4) and not editor.note.isVisible()


def test_an_english_date_of_birth_that_reads_either_way_says_how_it_was_read(make_window, example_path):
    window = make_window("en")
    assert window.open_file(str(example_path))
    editor = _person_birth_field(window)
    editor.edit.selectAll()
    type_text(editor.edit, "3/4/1985")
    _leave(editor)
    assert window.session.get(editor.path) == "1985-04-03" and editor.edit.text() == "03/04/1985"
    assert editor.note.isVisible() and editor.note.text() == "Read as 3 April 1985."
    editor.edit.selectAll()
    type_text(editor.edit, "23/04/1985")
    _leave(editor)
    assert window.session.get(editor.path) == "1985-04-23" and not editor.note.isVisible()


@pytest.mark.parametrize(("lang", "typed"), [("en", "31/02/2027"), ("ru", "31.02.2027"), ("fr", "31/02/2027"),
                                             ("es", "31/02/2027"), ("en", "2/31/2027")])
def test_an_impossible_date_is_refused_with_a_message(make_window, lang, typed):
    window = make_window(lang)
    editor = _date_field(window)
    editor.set_date(JAN_15)
    editor.edit.selectAll()
    type_text(editor.edit, typed)
    _leave(editor)
    assert window.session.letter.date is None  # never 2 December 2027 (or 3 March)
    assert editor.edit.text() == typed  # what was typed stays, for the user to correct
    assert editor.error.isVisible() and typed in editor.error.text()
    editor.edit.selectAll()
    type_text(editor.edit, typed.replace("31", "28"))
    assert window.session.letter.date == dt.date(2027, 2, 28)
    assert not editor.error.isVisible()


def _person_birth_field(window) -> PartialDateField:
    window.go_to(window.step_of_section["facts"])
    page = window.current_page()
    fields = [f for f in page.findChildren(PartialDateField) if f.path.endswith("birth_date")]
    assert fields, "no date of birth on the facts step (add a person first)"
    return fields[0]


@pytest.mark.parametrize(("lang", "typed", "stored", "shown"), [
    ("en", "1985", "1985", "1985"), ("ru", "04.1985", "1985-04", "04.1985"), ("fr", "04/1985", "1985-04", "04/1985"),
    ("es", "1985-04", "1985-04", "04/1985"), ("ru", "23.04.1985", "1985-04-23", "23.04.1985"),
])
def test_a_partial_date_of_birth_is_accepted(make_window, example_path, lang, typed, stored, shown):
    window = make_window(lang)
    assert window.open_file(str(example_path))
    editor = _person_birth_field(window)
    editor.edit.selectAll()
    type_text(editor.edit, typed)
    _leave(editor)
    assert window.session.get(editor.path) == stored
    assert editor.edit.text() == shown and not editor.error.isVisible()


def test_a_date_of_birth_that_does_not_exist_is_refused(make_window, example_path):
    window = make_window("ru")
    assert window.open_file(str(example_path))
    editor = _person_birth_field(window)
    editor.edit.selectAll()
    type_text(editor.edit, "31.02.1985")
    _leave(editor)
    assert window.session.get(editor.path) is None and editor.error.isVisible()


def _y(widget) -> int:
    """Where ``widget`` is, in its page's coordinates."""
    return widget.mapTo(widget.window(), widget.rect().topLeft()).y()


def test_a_date_message_moves_nothing_below_it(make_window):
    """Space reserved for the date's messages once the box has the focus (issue 11: the form
    jumped and clicks landed on the wrong field; trial L5: no blank gap before that):
    refusing, clearing and accepting leave what follows where it was."""
    window = make_window("en")
    editor = _date_field(window)
    below = [e for e, _l in window.current_page().problem_map.entries.values()
             if e.isVisible() and _y(e) > _y(editor)]
    assert below, "nothing under the date to watch"
    watched = min(below, key=_y)
    untouched = _y(watched)
    editor.edit.setFocus()
    QApplication.processEvents()
    before = _y(watched)
    assert before > untouched  # the room for a message appears with the focus, in the box's column
    type_text(editor.edit, "31/02/2027")
    _leave(editor)
    assert editor.error.isVisible() and _y(watched) == before
    editor.edit.selectAll()
    type_text(editor.edit, "15/01/2027")
    _leave(editor)
    QApplication.processEvents()
    assert not editor.error.isVisible() and _y(watched) == before
    editor.clear()
    QApplication.processEvents()
    assert editor.undo_label.isVisible() and _y(watched) == before
    editor.undo()
    QApplication.processEvents()
    assert _y(watched) == before


def test_english_dates_are_shown_day_first(make_window, example_path):
    window = make_window("en")
    window.open_file(str(example_path))
    editor = _date_field(window)
    day = window.session.letter.date
    assert editor.edit.text() == f"{day.day:02d}/{day.month:02d}/{day.year}"


def test_arrow_keys_in_an_empty_field_start_from_today_never_1800(make_window):
    window = make_window("en")
    editor = _date_field(window)
    editor.edit.setFocus()
    QTest.keyClick(editor.edit, Qt.Key.Key_Up)
    assert window.session.letter.date == dt.date.today()
    QTest.keyClick(editor.edit, Qt.Key.Key_Up)
    assert window.session.letter.date == dt.date.today() + dt.timedelta(days=1)
    editor.clear()
    QTest.keyClick(editor.edit, Qt.Key.Key_Down)
    assert window.session.letter.date == dt.date.today()


def test_the_clear_button_is_out_of_the_tab_order_and_clearing_can_be_undone(make_window):
    window = make_window("en")
    editor = _date_field(window)
    editor.set_date(JAN_15)
    assert editor.clear_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert editor.calendar_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    editor.edit.setFocus()
    QTest.keyClick(editor.edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() not in (editor.edit, editor.clear_button, editor.calendar_button, None)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is editor.edit  # Shift+Tab comes straight back: no button between
    QTest.mouseClick(editor.clear_button, Qt.MouseButton.LeftButton)
    assert window.session.letter.date is None and editor.edit.text() == ""
    assert editor.undo_label.isVisible()
    QTest.keyClick(editor.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z
    assert window.session.letter.date == JAN_15 and editor.edit.text() == "15/01/2027"
    QTest.mouseClick(editor.clear_button, Qt.MouseButton.LeftButton)
    assert window.session.letter.date is None
    editor.undo_label.linkActivated.emit("undo")  # the "Undo" link under the box
    assert window.session.letter.date == JAN_15
    assert not editor.undo_label.isVisible()


def test_the_calendar_picks_a_day(make_window, qtbot):
    window = make_window("fr")
    editor = _date_field(window)
    editor.open_calendar()
    popup = editor.popup
    qtbot.waitUntil(popup.isVisible)
    assert popup.calendar.selectedDate().year() == dt.date.today().year  # opens on today, not 1800
    popup.calendar.setSelectedDate(popup.calendar.selectedDate().addDays(1))
    popup.calendar.activated.emit(popup.calendar.selectedDate())
    assert not popup.isVisible()
    assert window.session.letter.date == dt.date.today() + dt.timedelta(days=1)


def test_dates_and_the_state_search_with_a_real_keyboard_on_an_x_display():
    """Xvfb with xcb and xdotool: typing, Tab, Shift+Tab, Ctrl+Z, the clear button (xcb_keyboard.py)."""
    from .xvfb import run_xcb_cases

    run_xcb_cases("xcb_keyboard.py")
