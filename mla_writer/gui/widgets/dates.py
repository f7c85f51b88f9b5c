"""Dates with a calendar pop-up, shown in the UI language's format; empty is allowed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QTime
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QHBoxLayout, QToolButton

from ..i18n import _, qlocale
from .fields import FieldEditor

_EMPTY = QDate(1800, 1, 1)


def date_format(with_time: bool = False) -> str:
    """The UI locale's short date format, always with a four-digit year."""
    locale = qlocale()
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
        self.edit.setLocale(qlocale())
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

