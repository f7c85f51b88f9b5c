"""Dates typed as people write them, with a calendar pop-up; empty is allowed. Dates known
only to the month or the year are typed too (:class:`PartialDateField`).

Dates are written as the UI language's CLDR locale writes them (:func:`mla_writer.languages.babel_locale`:
English is the British form, day first, like the letter and UN documents), always with the
day and month in two digits and a four-digit year ("15/01/2027", "15.01.2027"); ISO
``2027-01-15`` is understood in every language. Nothing typed is ever reinterpreted: a day
that does not exist ("31/02/2027") is refused with a message under the box, not moved to
another day, and an empty box stays empty (no 1 January 1800, no date from the arrow keys
but today's). In English, where writers also put the month first, a typed date that can be
read both ways ("3/4/2027") or that was read month first ("1/15/2027") is followed by how it
was read ("Read as 3 April 2027.").
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from ... import languages
from ..i18n import _, ui_language
from .fields import FieldEditor


def date_locale() -> QLocale:
    """The locale dates are shown in: the UI language's CLDR locale ("en" -> en_GB, day first)."""
    from ...languages import babel_locale

    return QLocale(babel_locale(ui_language()))


_short_pattern = languages.short_date_pattern
_pattern_of = languages.date_order


def date_format(with_time: bool = False) -> str:
    """The UI language's date format, two-digit day and month, four-digit year (Qt notation:
    ``dd/MM/yyyy`` in English, ``dd.MM.yyyy`` in Russian), with `` HH:mm`` for a time."""
    order, sep = _pattern_of(ui_language())
    parts = {"d": "dd", "m": "MM", "y": "yyyy"}
    return sep.join(parts[ch] for ch in order) + (" HH:mm" if with_time else "")


def format_date(value, with_time: bool = False) -> str:
    """``date(2027, 1, 15)`` -> "15/01/2027" (English), "15.01.2027" (Russian); "" for None
    (:func:`mla_writer.languages.short_date` in the UI language)."""
    return languages.short_date(value, ui_language(), with_time)


class DateInputError(ValueError):
    """Typed text that is not a date; ``impossible`` when it has the form of one but names a
    day that does not exist (31/02/2027)."""

    def __init__(self, text: str, impossible: bool = False) -> None:
        super().__init__(text)
        self.text = text
        self.impossible = impossible


#: UI languages whose writers also put the month first (American English): there a typed date
#: whose second number cannot be a month ("1/15/2027") is read month first. Anything that can be
#: read day first ("1/2/2027") is, as the placeholder shows.
MONTH_FIRST_TOO = frozenset({"en"})

_NUM = r"(\d{1,4})"
_DATE_SEP = r"\s*[./\-]\s*"
_TIME = r"(?:[ T]+(\d{1,2})[:.h](\d{2}))?"


def parse_date(text: str, with_time: bool = False, lang: str | None = None):
    """Typed text -> ``date`` (``datetime`` with ``with_time``), or None for empty text.

    Accepts the UI language's order (``15/01/2027`` in English, French and Spanish,
    ``15.01.2027`` in Russian; one-digit day and month too) and ISO ``2027-01-15``; with a
    time, ``15/01/2027 14:30`` (a date alone is midnight). In English an American date is
    read month first when it can only be read so (``1/15/2027``; ``1/2/2027`` is 1 February).
    The year has four digits. Raises :class:`DateInputError` for anything else, and for a day
    that does not exist.
    """
    return _read_date(text, with_time, lang or ui_language())[0]


def reads_month_first(text: str, with_time: bool = False, lang: str | None = None) -> bool:
    """Whether ``text`` is a date read month first, against the UI language's order ("1/15/2027" in English)."""
    try:
        return _read_date(text.strip(), with_time, lang or ui_language())[1]
    except DateInputError:
        return False


def reads_either_way(text: str, with_time: bool = False, lang: str | None = None) -> bool:
    """Whether ``text`` is a date a writer of the UI language may have meant month first as well
    as day first: in a language whose writers also put the month first (English), a date not in
    ISO form whose day and month are both 12 or less and differ ("3/4/2027": 3 April or 4 March)."""
    lang = lang or ui_language()
    try:
        value, swapped = _read_date(text.strip(), with_time, lang)
    except DateInputError:
        return False
    if value is None or swapped or lang not in MONTH_FIRST_TOO or re.match(r"\s*\d{4}", text):
        return False
    return value.day <= 12 and value.month <= 12 and value.day != value.month


def _read_date(text: str, with_time: bool, lang: str):
    """(``parse_date``'s value, whether it was read month first against the language's order)."""
    text = text.strip()
    if not text:
        return None, False
    m = re.fullmatch(_NUM + _DATE_SEP + _NUM + _DATE_SEP + _NUM + (_TIME if with_time else ""), text)
    if m is None:
        raise DateInputError(text)
    numbers = m.group(1, 2, 3)
    swapped = False
    if len(numbers[0]) == 4:  # ISO (year first), in every language
        order = "ymd"
    else:
        order, _sep = _pattern_of(lang)
        if (order == "dmy" and lang in MONTH_FIRST_TOO and len(numbers[2]) == 4
                and 1 <= int(numbers[0]) <= 12 < int(numbers[1]) <= 31):
            order, swapped = "mdy", True  # "1/15/2027": no 15th month, so 15 January
    parts = dict(zip(order, numbers))
    if len(parts["y"]) != 4 or len(parts["d"]) > 2 or len(parts["m"]) > 2:
        raise DateInputError(text)
    year, month, day = int(parts["y"]), int(parts["m"]), int(parts["d"])
    if year < 1000:
        raise DateInputError(text)
    try:
        day_of = dt.date(year, month, day)
    except ValueError:  # 31/02, month 13: never moved to another day
        raise DateInputError(text, impossible=1 <= month <= 12 and 1 <= day <= 31) from None
    if not with_time:
        return day_of, swapped
    hour = minute = 0
    if m.group(4) is not None:
        hour, minute = int(m.group(4)), int(m.group(5))
    if hour > 23 or minute > 59:
        raise DateInputError(text)
    return dt.datetime(year, month, day, hour, minute), swapped


def long_date(value) -> str:
    """``date(2027, 1, 15)`` -> "15 January 2027" ("15 января 2027 г."), in the UI language."""
    from babel.dates import format_date as babel_format_date

    from ...languages import babel_locale

    return babel_format_date(value, format="long", locale=babel_locale(ui_language()))


class _Popup(QWidget):
    """The calendar under a date box: a click or Return picks the day, Escape closes it."""

    picked = Signal(QDate)

    def __init__(self, parent) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)
        layout.addWidget(self.calendar)

    def _pick(self, day: QDate) -> None:
        self.hide()
        self.picked.emit(day)


class _DateLine(QLineEdit):
    """The box a date is typed in. Up and Down move the date a day (in an empty box: today);
    Alt+Down or F4 opens the calendar."""

    step = Signal(int)
    calendar_requested = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
            self.calendar_requested.emit()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            self.step.emit(1 if key == Qt.Key.Key_Up else -1)
            return
        super().keyPressEvent(event)


class DateField(FieldEditor):
    """``datetime.date | None`` (or ``datetime.datetime`` with ``with_time``), typed.

    The box shows the date in the UI language's format; the expected format is its
    placeholder. Text that is not a date leaves the field empty in the draft and, once the
    user leaves the box, is kept on screen with a message saying why it was refused. The ×
    button clears the date (it is not in the Tab order; Ctrl+Z or the "Undo" link under the
    box brings the date back); ▾ (or Alt+Down) opens a calendar.
    """

    def __init__(self, session, path, with_time: bool = False, parent=None) -> None:
        from .problems import input_error_label, message_slot

        super().__init__(session, path, parent)
        self.with_time = with_time
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = _DateLine(self)
        self.edit.setPlaceholderText(self.example())
        width = self.edit.fontMetrics().horizontalAdvance(self.example() + "00") + 16
        self.edit.setMinimumWidth(width)
        self.edit.setMaximumWidth(width * 2)
        self.edit.setText(format_date(session.get(path), with_time))
        #: the user typed in the box since it was last left (a date read from the draft, or
        #: put by the calendar or the arrow keys, is not a typed one: no "Read as" note)
        self._typed = False
        self._replacing = False
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self._finished)
        self.edit.step.connect(self.step)
        self.edit.calendar_requested.connect(self.open_calendar)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("\u25be")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down from the box
        self.calendar_button.setToolTip(_("Choose the date in a calendar (Alt+Down)"))
        self.calendar_button.setAccessibleName(_("Choose the date in a calendar (Alt+Down)"))
        self.calendar_button.clicked.connect(self.open_calendar)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("\u2715")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not in the Tab order: Space never clears
        self.clear_button.setToolTip(_("Clear the date"))
        self.clear_button.setAccessibleName(_("Clear the date"))
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.edit)
        layout.addWidget(self.calendar_button)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        outer.addLayout(layout)
        self.error = input_error_label(self)
        self.undo_label = QLabel(self)
        self.undo_label.setTextFormat(Qt.TextFormat.RichText)
        self.undo_label.setWordWrap(True)
        self.undo_label.linkActivated.connect(lambda _link: self.undo())
        self.undo_label.hide()
        #: How a date typed month first, or typed so that it reads either way, was read ("Read
        #: as 15 January 2027."), after the box is left.
        self.note = QLabel(self)
        self.note.setObjectName("dateReadAs")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.hide()
        # One place under the box for the three, a line kept for them: nothing below moves.
        outer.addWidget(message_slot(self, self.error, self.undo_label, self.note, samples=self._samples, watch=self.edit))
        self.popup: _Popup | None = None
        self.setFocusProxy(self.edit)

    # -- the value -------------------------------------------------------------------------
    def example(self) -> str:
        """The format the box expects, as an example (a day over 12 shows the order)."""
        sample = dt.datetime(2027, 1, 31, 14, 30) if self.with_time else dt.date(2027, 1, 31)
        return format_date(sample, self.with_time)

    def parse(self, text: str):
        return parse_date(text, self.with_time)

    def value(self):
        """The date in the box, or None when it is empty or not a date."""
        try:
            return self.parse(self.edit.text())
        except DateInputError:
            return None

    def set_value(self, value) -> None:
        """Show ``value`` (from the draft; no edit)."""
        self.edit.setText(format_date(value, self.with_time))
        self._show_message(None)

    def _show_message(self, label: QLabel | None, text: str = "") -> None:
        """Show ``label`` (the error, the undo link or the note) with ``text``, the others hidden."""
        for other in (self.error, self.undo_label, self.note):
            if other is not label:
                other.hide()
        if label is not None:
            label.setText(text)
            label.show()

    def set_date(self, value) -> None:
        """Set the date from code (tests, recovery): shown and written to the draft."""
        self.set_value(value)
        self._store(value)

    def set_text(self, text: str) -> None:
        """Type ``text`` from code (tests): as if entered and confirmed."""
        self.edit.setText(text)
        self._edited(text)
        self._finished()

    # -- editing -------------------------------------------------------------------------
    def _replace_text(self, text: str) -> None:
        """Put ``text`` in the box as an edit the user can undo (Ctrl+Z)."""
        self._replacing = True
        try:
            self.edit.selectAll()
            if text:
                self.edit.insert(text)
            else:
                self.edit.del_()
        finally:
            self._replacing = False

    def _store(self, value) -> None:
        from pydantic import ValidationError

        if value == self.session.get(self.path):
            return
        try:
            self.write(value)
        except ValidationError:  # the model refuses it: say so, the draft stays as it was
            self._show_error(DateInputError(self.edit.text().strip()))

    def _edited(self, text: str) -> None:
        self._typed = not self._replacing
        self.undo_label.hide()
        self.note.hide()
        try:
            value = self.parse(text)
        except DateInputError:
            value = None  # not (yet) a date: the draft has none; said when the box is left
        else:
            self.error.hide()
        self._store(value)

    def _finished(self) -> None:
        text = self.edit.text()
        try:
            value = self.parse(text)
        except DateInputError as exc:
            self._show_error(exc)
            return
        self.error.hide()
        shown = format_date(value, self.with_time)
        # "1/15/2027" shown as "15/01/2027", or "3/4/2027" that an English writer may mean as
        # 4 March: say how the typed date was read
        read_as = value is not None and self._typed and (
            reads_month_first(text, self.with_time) or reads_either_way(text, self.with_time))
        self._typed = False
        if shown != text:
            self._replace_text(shown)  # "1/2/2027" -> "01/02/2027", undoable
        if read_as:
            self._show_message(self.note, _("Read as {date}.").format(date=long_date(value)))

    def _error_text(self, exc: DateInputError) -> str:
        fields = {"text": exc.text, "example": self.example(), "iso": "2027-01-31" + (" 14:30" if self.with_time else "")}
        if exc.impossible:
            message = _("\u201c{text}\u201d is not a day of the calendar, so no date was recorded. "
                        "Write it as {example} or {iso}.")
        else:
            message = _("\u201c{text}\u201d is not a date, so no date was recorded. Write it as {example} or {iso}.")
        return message.format(**fields)

    def _show_error(self, exc: DateInputError) -> None:
        self._show_message(self.error, self._error_text(exc))

    def _samples(self) -> list[str]:
        """The messages the box may show, with a date typed in full: the space kept for them."""
        typed = self.example()
        return [self._error_text(DateInputError(typed, impossible=True)), self._error_text(DateInputError(typed)),
                _("Date cleared ({date}).").format(date=typed) + " " + _("Undo"),
                _("Read as {date}.").format(date=long_date(dt.date(2027, 9, 30)))]

    def step(self, days: int) -> None:
        """Up/Down: a day later or earlier; an empty box starts from today."""
        current = self.value()
        if current is None:
            if self.edit.text().strip():
                return  # text that is not a date is left for the user to correct
            today = dt.date.today()
            value = dt.datetime(today.year, today.month, today.day) if self.with_time else today
        else:
            value = current + dt.timedelta(days=days)
        self._replace_text(format_date(value, self.with_time))

    def clear(self) -> None:
        """The × button: empty the box, undoably (Ctrl+Z in the box, or the Undo link)."""
        had = self.edit.text()
        if not had:
            return
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._replace_text("")
        from html import escape

        undo = escape(_("Undo"))  # (outside the f-string, where Babel's extraction finds it)
        self._show_message(
            self.undo_label, escape(_("Date cleared ({date}).").format(date=had.strip())) + f' <a href="undo">{undo}</a>'
        )

    def undo(self) -> None:
        """Bring back what the last edit (a clearing) took away."""
        self.edit.undo()
        self._edited(self.edit.text())
        self._typed = False  # the date as it was shown, not one typed now
        self._finished()
        self.undo_label.hide()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- calendar ------------------------------------------------------------------------
    def open_calendar(self) -> None:
        if self.popup is None:
            self.popup = _Popup(self)
            self.popup.picked.connect(self._picked)
        calendar = self.popup.calendar
        calendar.setLocale(date_locale())
        current = self.value() or dt.date.today()
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self.popup.adjustSize()
        self.popup.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.popup.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, day: QDate) -> None:
        current = self.value()
        if self.with_time:
            hour, minute = (current.hour, current.minute) if isinstance(current, dt.datetime) else (0, 0)
            value = dt.datetime(day.year(), day.month(), day.day(), hour, minute)
        else:
            value = dt.date(day.year(), day.month(), day.day())
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)
        self._replace_text(format_date(value, self.with_time))

    def focus_widget(self):
        return self.edit


# -- dates known to the day, the month or the year only -------------------------------------------

_YEAR = r"(\d{4})"
_SMALL = r"(\d{1,2})"
_SEP = r"\s*[-./]\s*"


def _date_order() -> tuple[str, bool]:
    """The UI language's date separator and whether the month comes before the day."""
    return _date_order_of(ui_language())


@functools.cache
def _date_order_of(lang: str) -> tuple[str, bool]:
    pattern = _short_pattern(lang)
    sep = next((ch for ch in pattern if ch in "./-"), ".")
    month_first = 0 <= pattern.find("M") < pattern.find("d")
    return sep, month_first


def parse_partial_date(text: str, month_first: bool = False) -> str | None:
    """``"23.04.1985"``, ``"1985-04-23"``, ``"04.1985"``, ``"1985-04"`` or ``"1985"`` -> ISO text
    (``"1985-04-23"``, ``"1985-04"``, ``"1985"``); ``""`` -> ``""``. Raises ValueError for
    anything else, or a day or month that does not exist."""
    import re

    text = text.strip()
    if not text:
        return ""
    year = month = day = None
    if m := re.fullmatch(_YEAR, text):
        (year,) = m.groups()
    elif m := re.fullmatch(_YEAR + _SEP + _SMALL, text):
        year, month = m.groups()
    elif m := re.fullmatch(_SMALL + _SEP + _YEAR, text):
        month, year = m.groups()
    elif m := re.fullmatch(_YEAR + _SEP + _SMALL + _SEP + _SMALL, text):
        year, month, day = m.groups()
    elif m := re.fullmatch(_SMALL + _SEP + _SMALL + _SEP + _YEAR, text):
        first, second, year = m.groups()
        day, month = (second, first) if month_first else (first, second)
    else:
        raise ValueError(text)
    y = int(year)
    if y < 1000:
        raise ValueError(text)
    if month is None:
        return f"{y:04d}"
    mo = int(month)
    if not 1 <= mo <= 12:
        raise ValueError(text)
    if day is None:
        return f"{y:04d}-{mo:02d}"
    d = dt.date(y, mo, int(day))  # ValueError for 31.02.
    return d.isoformat()


def format_partial_date(value: str | None) -> str:
    """ISO partial date -> as the UI language writes it (``"1985-04"`` -> ``"04.1985"`` in Russian)."""
    if not value:
        return ""
    sep, month_first = _date_order()
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return f"{parts[1]}{sep}{parts[0]}"
    year, month, day = parts
    return f"{month}{sep}{day}{sep}{year}" if month_first else f"{day}{sep}{month}{sep}{year}"


class PartialDateField(FieldEditor):
    """A date known to the day, the month or only the year, typed: ``23.04.1985``, ``04.1985``
    or ``1985`` (ISO ``1985-04-23`` too). Stored as ISO text; what cannot be read is shown as
    an error under the box and leaves the field empty in the draft."""

    def __init__(self, session, path, parent=None) -> None:
        from PySide6.QtWidgets import QLineEdit, QVBoxLayout

        from .problems import input_error_label, message_slot

        super().__init__(session, path, parent)
        self._sep, self._month_first = _date_order()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        examples = self.examples()
        self.edit.setPlaceholderText(" \u00b7 ".join(examples))
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance(self.edit.placeholderText()) + 24)
        self.edit.setText(format_partial_date(session.get(path)))
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self._finished)
        row.addWidget(self.edit)
        row.addStretch(1)
        layout.addLayout(row)
        self.error = input_error_label(self)
        #: how a full date typed so that it reads either way was read ("Read as 3 April 1985.")
        self.note = QLabel(self)
        self.note.setObjectName("dateReadAs")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.hide()
        self._typed = False  # the user typed in the box since it was last left
        layout.addWidget(message_slot(self, self.error, self.note, samples=lambda: [
            self._error_text(self.examples()[0]), _("Read as {date}.").format(date=long_date(dt.date(2027, 9, 30)))], watch=self.edit))
        self.setFocusProxy(self.edit)

    def examples(self) -> tuple[str, str, str]:
        return format_partial_date("1985-04-23"), format_partial_date("1985-04"), "1985"

    def parse(self, text: str) -> str | None:
        """The ISO value of ``text`` ("" when empty), or None when it is not a date."""
        try:
            return parse_partial_date(text, self._month_first)
        except ValueError:
            return None

    def _edited(self, text: str) -> None:
        self._typed = True
        self.note.hide()
        value = self.parse(text)
        if value is None:
            if self.session.get(self.path) is not None:
                self.write(None)
            return
        self.error.hide()
        self._store(value or None)

    def _store(self, value) -> None:
        from pydantic import ValidationError

        try:
            self.write(value)
        except ValidationError:  # the model refuses it: say so, keep the draft as it was
            self._show_error()

    def _finished(self) -> None:
        text = self.edit.text()
        value = self.parse(text)
        typed, self._typed = self._typed, False
        if value is None:
            self.note.hide()
            self._show_error()
        else:
            self.error.hide()
            self.edit.setText(format_partial_date(value or None))
            if typed and len(value) == 10 and reads_either_way(text):  # "3/4/1985": 3 April, or 4 March?
                self.note.setText(_("Read as {date}.").format(date=long_date(dt.date.fromisoformat(value))))
                self.note.show()

    def _error_text(self, text: str) -> str:
        full, month, year = self.examples()
        return _("\u201c{text}\u201d is not a date. Write the full date ({full}), the month and year ({month}) "
                 "or the year alone ({year}).").format(text=text, full=full, month=month, year=year)

    def _show_error(self) -> None:
        self.error.setText(self._error_text(self.edit.text().strip()))
        self.error.show()

    def set_text(self, text: str) -> None:
        """Type ``text`` from code (tests): as if entered and confirmed."""
        self.edit.setText(text)
        self._edited(text)
        self._finished()

    def focus_widget(self):
        return self.edit
