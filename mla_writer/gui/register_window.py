"""View → Case Register…: every letter the register knows, with search, filters, sort, the
deadlines that are overdue or near, missing files, and the calendar and CSV exports.

:class:`RegisterMixin` (on the main window) keeps the register up to date: the one place where
opening and saving a draft writes its card (:meth:`RegisterMixin.update_register`). A register
that cannot be reached is said in the status bar and in the window; the draft itself is saved
and opened as usual, and nothing is queued.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .i18n import _, ngettext, ui_language

# (Qt's namespace is not touched when the main window imports this module for RegisterMixin:
# its first use costs 30-80 ms, before the window's first paint.)
#: Item data role of the first cell: the card's path (Qt.ItemDataRole.UserRole).
PATH_ROLE = 0x0100
OVERDUE_BRUSH = "#f6d5d5"
NEAR_BRUSH = "#fbeccb"
MISSING_COLOR = "#6b6b6b"


class _Item(QTableWidgetItem):
    """A cell that sorts by ``key`` (dates by date, no deadline last), not by its text."""

    def __init__(self, text: str, key: str) -> None:
        super().__init__(text)
        self.key = key

    def __lt__(self, other) -> bool:  # Qt API: the table's sort
        return (self.key, self.text()) < (getattr(other, "key", other.text()), other.text())


def status_label(status: str) -> str:
    """The window's word for a register status (a status the app does not know is shown as is)."""
    return {"draft": _("Draft"), "": _("unknown")}.get(status, status)


class RegisterWindow(QDialog):
    """The case register's window (not modal). ``main`` is the main window: it opens drafts,
    holds the settings and the open register (:meth:`RegisterMixin.register`)."""

    COLUMNS = ("reference", "requesting", "requested", "kinds", "status", "deadline", "changed", "by", "file")

    def __init__(self, main) -> None:
        from PySide6.QtCore import Qt

        super().__init__(main)
        self.main = main
        self.entries: list = []
        self.now = lambda: dt.datetime.now(dt.timezone.utc)
        self.setWindowTitle(_("Case Register"))
        self.resize(1100, 560)
        layout = QVBoxLayout(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel { background: #fbeccb; color: #3b2a00; padding: 6px; }")
        self.message.hide()
        layout.addWidget(self.message)

        filters = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search references and file names"))
        self.search.setAccessibleName(_("Search"))
        self.search.setClearButtonEnabled(True)
        filters.addWidget(self.search, 2)
        self.state = QComboBox(self)
        self.state.setAccessibleName(_("State"))
        self.status = QComboBox(self)
        self.status.setAccessibleName(_("Status"))
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(_("Kind of assistance"))
        self.kind.setMinimumContentsLength(18)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for combo in (self.state, self.status, self.kind):
            filters.addWidget(combo, 1)
        self.overdue = QCheckBox(_("Overdue only"), self)
        filters.addWidget(self.overdue)
        layout.addLayout(filters)

        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels([
            _("Reference"), _("Requesting State"), _("Requested State"), _("Kinds of assistance"), _("Status"),
            _("Next deadline"), _("Last change"), _("Changed by"), _("File")])
        self.table.setAccessibleName(_("Letters in the register"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(self.COLUMNS.index("deadline"), Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        layout.addWidget(self.table, 1)

        near = QHBoxLayout()
        self.near_label = QLabel(_("Mark deadlines due within"), self)
        self.near_days = QSpinBox(self)
        self.near_days.setRange(0, 365)
        self.near_days.setSuffix(" " + _("days"))
        self.near_days.setValue(main.settings.register_near_days())
        self.near_label.setBuddy(self.near_days)
        self.count = QLabel(self)
        near.addWidget(self.near_label)
        near.addWidget(self.near_days)
        near.addStretch(1)
        near.addWidget(self.count)
        layout.addLayout(near)

        buttons = QHBoxLayout()
        self.open_button = QPushButton(_("&Open"), self)
        self.locate_button = QPushButton(_("&Locate\u2026"), self)
        self.scan_button = QPushButton(_("&Scan Folder\u2026"), self)
        self.rebuild_button = QPushButton(_("Re&build"), self)
        self.ics_button = QPushButton(_("Export &Calendar\u2026"), self)
        self.csv_button = QPushButton(_("Export CS&V\u2026"), self)
        self.database_button = QPushButton(_("&Database\u2026"), self)
        self.refresh_button = QPushButton(_("&Refresh"), self)
        close = QPushButton(_("Close"), self)
        for button, slot in ((self.open_button, self.open_selected), (self.locate_button, self.locate_selected),
                             (self.scan_button, self.scan_folder), (self.rebuild_button, self.rebuild),
                             (self.ics_button, self.export_ics), (self.csv_button, self.export_csv),
                             (self.database_button, self.choose_database), (self.refresh_button, self.refresh),
                             (close, self.close)):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            if button is self.rebuild_button or button is self.csv_button:
                buttons.addSpacing(12)
        buttons.insertStretch(buttons.count() - 1, 1)
        layout.addLayout(buttons)

        self.search.textChanged.connect(self.show_rows)
        for combo in (self.state, self.status, self.kind):
            combo.currentIndexChanged.connect(self.show_rows)
        self.overdue.toggled.connect(self.show_rows)
        self.near_days.valueChanged.connect(self._near_changed)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.refresh()

    # -- data -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the cards again (a register offline says so and shows nothing)."""
        from ..register import RegisterError

        try:
            self.entries = self.main.register().entries()
        except RegisterError as exc:
            self.entries = []
            self.say_offline(exc)
        else:
            self.message.hide()
        self._fill_filters()
        self.show_rows()

    def say_offline(self, exc) -> None:
        from ..register import RegisterOffline

        if isinstance(exc, RegisterOffline):
            text = _("The case register is offline: drafts open and save as usual, but the register is not "
                     "updated until it can be reached again. ({reason})")
        else:
            text = _("The case register cannot be used: {reason}")
        self.message.setText(text.format(reason=str(exc)))
        self.message.show()

    def _fill_filters(self) -> None:
        from .. import states, vocab

        lang = ui_language()
        keep = (self.state.currentData(), self.status.currentData(), self.kind.currentData())
        for combo in (self.state, self.status, self.kind):
            combo.blockSignals(True)
            combo.clear()
        self.state.addItem(_("All States"), "")
        codes = sorted({c for e in self.entries for c in (e.requesting_state, e.requested_state) if c},
                       key=lambda c: states.name(c, lang) if states.is_state(c) else c)
        for code in codes:
            self.state.addItem(states.name(code, lang) if states.is_state(code) else code, code)
        self.status.addItem(_("All statuses"), None)
        for status in sorted({e.status for e in self.entries}):
            self.status.addItem(status_label(status), status)
        self.kind.addItem(_("All kinds of assistance"), "")
        for code, label in vocab.ASSISTANCE_KIND.options(lang):
            self.kind.addItem(label, code)
        for combo, value in zip((self.state, self.status, self.kind), keep):
            index = combo.findData(value)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def visible_entries(self) -> list:
        """The cards the search and filters let through, in the register's order."""
        from ..register.export import overdue

        now = self.now()
        text = self.search.text().strip().lower()
        state, status, kind = self.state.currentData(), self.status.currentData(), self.kind.currentData()
        out = []
        for e in self.entries:
            if text and not any(text in v.lower() for v in (
                    e.requesting_reference, e.court_case_number, e.requested_reference, e.file_name)):
                continue
            if state and state not in (e.requesting_state, e.requested_state):
                continue
            if status is not None and e.status != status:
                continue
            if kind and kind not in e.kinds:
                continue
            if self.overdue.isChecked() and not overdue(e, now):
                continue
            out.append(e)
        return out

    def show_rows(self) -> None:
        from .. import states, vocab
        from ..register.export import near, overdue

        lang = ui_language()
        now = self.now()
        days = self.near_days.value()
        shown = self.visible_entries()
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(shown))
        for row, e in enumerate(shown):
            late, soon = overdue(e, now), near(e, now, days)
            due = e.next_deadline.isoformat() if e.next_deadline else ""
            if late:
                due = _("{date} (overdue)").format(date=due)
            elif soon:
                due = _("{date} (soon)").format(date=due)
            file_text = e.file_name
            if e.missing:
                file_text = _("missing: {name}").format(name=e.file_name)
            elif e.encrypted:
                file_text = _("{name} (encrypted)").format(name=e.file_name)
            values = (
                e.reference or ("\u2014" if e.encrypted else ""),
                states.name(e.requesting_state, lang) if states.is_state(e.requesting_state) else e.requesting_state,
                states.name(e.requested_state, lang) if states.is_state(e.requested_state) else e.requested_state,
                ", ".join(vocab.ASSISTANCE_KIND.label(k, lang) if k in vocab.ASSISTANCE_KIND else k for k in e.kinds),
                status_label(e.status), due,
                e.changed_at.astimezone().strftime("%Y-%m-%d %H:%M") if e.changed_at else "",
                e.changed_by, file_text)
            keys = {5: e.next_deadline.isoformat() if e.next_deadline else "9999",
                    6: e.changed_at.isoformat() if e.changed_at else ""}
            for column, value in enumerate(values):
                item = _Item(value, keys.get(column, value.casefold()))
                item.setToolTip(e.path if column in (0, 8) else value)
                if column == 0:
                    item.setData(PATH_ROLE, e.path)
                if late:
                    item.setBackground(QBrush(QColor(OVERDUE_BRUSH)))
                elif soon:
                    item.setBackground(QBrush(QColor(NEAR_BRUSH)))
                if e.missing:
                    item.setForeground(QBrush(QColor(MISSING_COLOR)))
                    font = QFont(item.font())
                    font.setItalic(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))
        self.count.setText(ngettext("{n} letter of {total}", "{n} letters of {total}", len(shown)).format(
            n=len(shown), total=len(self.entries)))
        self._selection_changed()

    def _near_changed(self, value: int) -> None:
        self.main.settings.set_register_near_days(value)
        self.show_rows()

    def selected_entry(self):
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        path = self.table.item(rows[0].row(), 0).data(PATH_ROLE)
        return next((e for e in self.entries if e.path == path), None)

    def select_path(self, path: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(PATH_ROLE) == path:
                self.table.selectRow(row)
                return

    def _selection_changed(self) -> None:
        entry = self.selected_entry()
        self.open_button.setEnabled(entry is not None)
        self.locate_button.setEnabled(entry is not None and entry.missing)

    # -- actions --------------------------------------------------------------------------------
    def open_selected(self) -> bool:
        """Open the selected draft in the main window (a missing one offers "Locate…")."""
        entry = self.selected_entry()
        if entry is None:
            return False
        if entry.missing or not Path(entry.path).exists():
            if self.ask_locate_missing(entry):
                return self.locate_selected()
            return False
        return bool(self.main.open_file(entry.path))

    def ask_locate_missing(self, entry) -> bool:
        answer = QMessageBox.question(
            self, _("Draft not found"),
            _("{path} is no longer there: it was moved, renamed or deleted outside MLA Writer.\n\n"
              "Locate it now?").format(path=entry.path))
        return answer == QMessageBox.StandardButton.Yes

    def ask_locate_path(self, entry) -> str:
        from ..storage import EXTENSION

        folder = str(Path(entry.path).parent) if Path(entry.path).parent.exists() else self.main.settings.last_folder()
        path, _filter = QFileDialog.getOpenFileName(self, _("Locate {name}").format(name=entry.file_name), folder,
                                                   _("Letter drafts (*{ext})").format(ext=EXTENSION))
        return path

    def locate_selected(self) -> bool:
        """Point a missing card at the file where the draft now is."""
        from ..register import RegisterError
        from ..storage import DraftError

        entry = self.selected_entry()
        if entry is None:
            return False
        new_path = self.ask_locate_path(entry)
        if not new_path:
            return False
        try:
            moved = self.main.register().locate(entry.path, new_path)
        except (DraftError, OSError) as exc:
            self.main.show_error(_("Cannot use this file"), str(exc))
            return False
        except RegisterError as exc:
            self.say_offline(exc)
            return False
        self.refresh()
        self.select_path(moved.path)
        return True

    def ask_scan_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, _("Scan a folder for drafts"), self.main.settings.last_folder())

    def scan_folder(self) -> bool:
        from ..register import RegisterError

        folder = self.ask_scan_folder()
        if not folder:
            return False
        try:
            result = self.main.register().scan(folder)
        except RegisterError as exc:
            self.say_offline(exc)
            return False
        self.refresh()
        self.tell_result(ngettext("{n} draft added or updated.", "{n} drafts added or updated.", len(result.indexed))
                         .format(n=len(result.indexed)), result.failed)
        return True

    def rebuild(self) -> bool:
        from ..register import RegisterError

        try:
            result = self.main.register().rebuild()
        except RegisterError as exc:
            self.say_offline(exc)
            return False
        self.refresh()
        text = ngettext("{n} draft read again.", "{n} drafts read again.", len(result.indexed)).format(n=len(result.indexed))
        if result.missing:
            text += " " + ngettext("{n} file is missing.", "{n} files are missing.", len(result.missing)).format(
                n=len(result.missing))
        self.tell_result(text, result.failed)
        return True

    def tell_result(self, text: str, failed) -> None:
        """Say what a scan or rebuild did (in the status line; the unreadable files listed)."""
        if failed:
            text += " " + ngettext("{n} file could not be read:", "{n} files could not be read:", len(failed)).format(
                n=len(failed)) + "\n" + "\n".join(f"{p}: {reason}" for p, reason in failed[:10])
            QMessageBox.information(self, _("Case Register"), text)
        self.count.setText(text.splitlines()[0])

    def _save_path(self, title: str, name: str, file_filter: str) -> str:
        folder = self.main.settings.last_folder()
        path, _filter = QFileDialog.getSaveFileName(self, title, str(Path(folder) / name) if folder else name, file_filter)
        return path

    def ask_ics_path(self) -> str:
        return self._save_path(_("Export deadlines to a calendar"), "deadlines.ics", _("Calendar (*.ics)"))

    def ask_csv_path(self) -> str:
        return self._save_path(_("Export the register as CSV"), "register.csv", _("CSV (*.csv)"))

    def export_ics(self) -> bool:
        """The deadlines of the letters shown, to an ``.ics`` file."""
        from ..register.calendar import ics_bytes

        path = self.ask_ics_path()
        return bool(path) and self._write(path, ics_bytes(self.visible_entries(), ui_language()))

    def export_csv(self) -> bool:
        """The letters shown, as CSV (UTF-8 with a byte order mark, for spreadsheets)."""
        from ..register.export import csv_text

        path = self.ask_csv_path()
        return bool(path) and self._write(path, csv_text(self.visible_entries(), self.now()).encode("utf-8-sig"))

    def _write(self, path: str, data: bytes) -> bool:
        from ..storage import atomic_write_bytes

        try:
            atomic_write_bytes(Path(path), data, backup=False)
        except OSError as exc:
            self.main.show_error(_("Cannot write the file"), f"{path}: {exc.strerror or exc}")
            return False
        self.count.setText(_("Written: {name}").format(name=Path(path).name))
        return True

    def ask_database_url(self, current: str) -> str | None:
        text, ok = QInputDialog.getText(
            self, _("Register database"),
            _("A PostgreSQL URL shared by the central authority (postgresql://user@server/register), "
              "or nothing for the register on this computer:"), QLineEdit.EchoMode.Normal, current)
        return text.strip() if ok else None

    def choose_database(self) -> bool:
        url = self.ask_database_url(self.main.settings.register_url())
        if url is None:
            return False
        self.main.settings.set_register_url(url)
        self.main.close_register()
        self.refresh()
        return True


from .register_mixin import RegisterMixin  # noqa: E402 (where it lives now; kept importable from here)

__all__ = ["RegisterMixin", "RegisterWindow", "status_label"]
