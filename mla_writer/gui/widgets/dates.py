"""Dates with a calendar pop-up, shown in the UI language's format; empty is allowed. Dates
known only to the month or the year are typed (:class:`PartialDateField`).

Dates are written as the UI language's CLDR locale writes them (:func:`mla_writer.languages.babel_locale`:
English is the British form, day first, like the letter and UN documents).
"""

from __future__ import annotations

import datetime as dt
import functools

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QObject, QTime
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QHBoxLayout, QToolButton

from ..i18n import _, ui_language
from .fields import FieldEditor

_EMPTY = QDate(1800, 1, 1)


def date_locale() -> QLocale:
    """The locale dates are shown in: the UI language's CLDR locale ("en" -> en_GB, day first)."""
    from ...languages import babel_locale

    return QLocale(babel_locale(ui_language()))


def date_format(with_time: bool = False) -> str:
    """The UI locale's short date format, always with a four-digit year."""
    locale = date_locale()
    fmt = locale.dateFormat(locale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return fmt + (" HH:mm" if with_time else "")


class _OpenOnToday(QObject):
    """When the calendar opens on an empty date, show the current month, not 1800."""

    def __init__(self, edit) -> None:
        super().__init__(edit)
        self.edit = edit

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Show and self.edit.date() == _EMPTY:
            obj.setCurrentPage(QDate.currentDate().year(), QDate.currentDate().month())
        return False


class DateField(FieldEditor):
    """``datetime.date | None`` (or ``datetime.datetime`` with ``with_time``)."""

    def __init__(self, session, path, with_time: bool = False, parent=None) -> None:
        super().__init__(session, path, parent)
        self.with_time = with_time
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QDateTimeEdit(self) if with_time else QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setLocale(date_locale())
        self.edit.setDisplayFormat(date_format(with_time))
        self.edit.setMinimumDate(_EMPTY)
        self.edit.setSpecialValueText(" ")
        self.edit.calendarWidget().installEventFilter(_OpenOnToday(self.edit))
        self.clear_button = QToolButton(self)
        self.clear_button.setText("\u2715")
        self.clear_button.setToolTip(_("Clear the date"))
        self.clear_button.setAccessibleName(_("Clear the date"))
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.edit)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.set_value(session.get(path))
        if with_time:
            self.edit.dateTimeChanged.connect(self._edited)
        else:
            self.edit.dateChanged.connect(self._edited)
        self.setFocusProxy(self.edit)

    def set_value(self, value) -> None:
        if value is None:
            self.edit.setDate(_EMPTY)
        elif self.with_time:
            self.edit.setDateTime(QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute)))
        else:
            self.edit.setDate(QDate(value.year, value.month, value.day))

    def value(self):
        d = self.edit.date()
        if d == _EMPTY:
            return None
        if self.with_time:
            t = self.edit.time()
            return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
        return dt.date(d.year(), d.month(), d.day())

    def set_date(self, value) -> None:
        """Set the date from code (tests, recovery); writes to the model."""
        self.set_value(value)

    def clear(self) -> None:
        self.edit.setDate(_EMPTY)

    def _edited(self, *_args) -> None:
        self.write(self.value())

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
    from babel.dates import get_date_format

    from ...languages import babel_locale

    try:
        pattern = get_date_format("short", locale=babel_locale(lang)).pattern
    except Exception:  # noqa: BLE001 - an unknown locale: the international form
        pattern = "dd.MM.y"
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

        from .problems import input_error_label

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
        layout.addWidget(self.error)
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
        if value is None:
            self._show_error()
        else:
            self.error.hide()
            self.edit.setText(format_partial_date(value or None))

    def _show_error(self) -> None:
        full, month, year = self.examples()
        self.error.setText(
            _("\u201c{text}\u201d is not a date. Write the full date ({full}), the month and year ({month}) "
              "or the year alone ({year}).").format(text=self.edit.text().strip(), full=full, month=month, year=year)
        )
        self.error.show()

    def set_text(self, text: str) -> None:
        """Type ``text`` from code (tests): as if entered and confirmed."""
        self.edit.setText(text)
        self._edited(text)
        self._finished()

    def focus_widget(self):
        return self.edit
