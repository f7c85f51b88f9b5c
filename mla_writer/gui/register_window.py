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
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)
        self.banner = QWidget(self)
        self.banner.setStyleSheet("QWidget#registerBanner { background: #fbeccb; }")
        self.banner.setObjectName("registerBanner")
        banner = QHBoxLayout(self.banner)
        banner.setContentsMargins(6, 4, 6, 4)
        self.message = QLabel(self.banner)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel { color: #3b2a00; }")
        self.details_button = QPushButton(_("&Details\u2026"), self.banner)
        self.details_button.setAutoDefault(False)
        self.details_button.clicked.connect(self.show_details)
        banner.addWidget(self.message, 1)
        banner.addWidget(self.details_button)
        self.banner.hide()
        self.error = None
        layout.addWidget(self.banner)

        filters = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search outgoing numbers and file names"))
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
            _("Outgoing number"), _("Requesting State"), _("Requested State"), _("Kinds of assistance"), _("Status"),
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

        # two rows (in one, the eleven buttons made the window wider than a laptop's screen in
        # Russian): the selected letter's actions and filling the register; exports, the
        # database and the window's own
        buttons, more = QHBoxLayout(), QHBoxLayout()
        self.open_button = QPushButton(_("&Open"), self)
        self.locate_button = QPushButton(_("&Locate\u2026"), self)
        self.scan_button = QPushButton(_("Add Drafts from &Folder\u2026"), self)
        self.rebuild_button = QPushButton(_("Re&build Register"), self)
        self.known_button = QPushButton(_("Add &My Known Drafts"), self)
        self.known_button.setToolTip(_("Add to this shared register the drafts this computer has saved or opened"))
        self.remove_button = QPushButton(_("Re&move from Register\u2026"), self)
        self.ics_button = QPushButton(_("Export &Calendar\u2026"), self)
        self.csv_button = QPushButton(_("Export CS&V\u2026"), self)
        self.database_button = QPushButton(_("&Database\u2026"), self)
        self.refresh_button = QPushButton(_("&Refresh"), self)
        close = QPushButton(_("Close"), self)
        for button, slot in ((self.open_button, self.open_selected), (self.locate_button, self.locate_selected),
                             (self.remove_button, self.remove_selected),
                             (self.scan_button, self.scan_folder), (self.rebuild_button, self.rebuild),
                             (self.known_button, self.add_known_files),
                             (self.ics_button, self.export_ics), (self.csv_button, self.export_csv),
                             (self.database_button, self.choose_database), (self.refresh_button, self.refresh),
                             (close, self.close)):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            row = buttons if button in (self.open_button, self.locate_button, self.remove_button, self.scan_button,
                                        self.rebuild_button, self.known_button) else more
            if button is self.scan_button or button is self.database_button:
                row.addSpacing(12)
            if button is self.refresh_button:
                row.addStretch(1)
            row.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addLayout(more)

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

        self.show_where()
        try:
            self.entries = self.main.register().entries()
        except RegisterError as exc:
            self.entries = []
            self.say_offline(exc)
        else:
            self.error = None
            self.banner.hide()
        self._fill_filters()
        self.show_rows()

    def show_where(self) -> None:
        """Say which register the window shows: this computer's, or the shared server's (and
        that the environment variable chose it)."""
        from ..register import effective_url, place

        url, source = effective_url(self.main.settings.register_url())
        where = place(url, ui_language())
        if url.startswith("sqlite"):
            text = _("Register: {place}.").format(place=where)
        else:
            text = _("Register: shared, {place}.").format(place=where)
        if source == "environment":
            text += " " + _("Chosen by the environment variable {name}.").format(name="MLA_WRITER_REGISTER_URL")
        self.known_button.setVisible(not url.startswith("sqlite"))
        self.where.setText(text)

    def say_offline(self, exc) -> None:
        """Show ``exc`` (a RegisterError) in the banner: one sentence in the UI language, the
        technical reason behind Details…"""
        from ..register import RegisterOffline

        self.error = exc
        if isinstance(exc, RegisterOffline):
            text = _("{problem} Drafts open and save as usual; the register is not updated until it can be "
                     "reached again.")
        else:
            text = _("{problem} Drafts open and save as usual.")
        self.message.setText(text.format(problem=exc.summary(ui_language())))
        self.details_button.setVisible(bool(exc.detail))
        self.banner.show()

    def details_text(self) -> str:
        """The technical reason of the problem shown in the banner ("" if none)."""
        if self.error is None:
            return ""
        from ..register import describe_url

        address = describe_url(self.error.url) if self.error.url else ""
        return "\n\n".join(t for t in (self.error.detail, _("Address: {url}").format(url=address) if address else "") if t)

    def show_details(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, _("Case Register"), self.message.text(),
                          QMessageBox.StandardButton.Close, self)
        box.setInformativeText(self.details_text())
        box.open()
        self._details_box = box

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
        from ..register.zones import has_zone
        from .widgets.dates import format_date

        lang = ui_language()
        now = self.now()
        days = self.near_days.value()
        shown = self.visible_entries()
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(shown))
        for row, e in enumerate(shown):
            late, soon = overdue(e, now), near(e, now, days)
            due = format_date(e.next_deadline)
            if late:
                due = _("{date} (overdue)").format(date=due)
            elif soon:
                due = _("{date} (soon)").format(date=due)
            if e.next_deadline is not None and not has_zone(e.requesting_state):
                due += " \u00b7 " + _("State unknown: UTC\u221212 assumed")
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
                format_date(e.changed_at.astimezone(), with_time=True) if e.changed_at else "",
                e.changed_by, file_text)
            keys = {5: e.next_deadline.isoformat() if e.next_deadline else "9999",
                    6: e.changed_at.isoformat() if e.changed_at else ""}
            for column, value in enumerate(values):
                item = _Item(value, keys.get(column, value.casefold()))
                item.setToolTip(e.path if column in (0, 8) else value)
                if column == 5 and e.next_deadline is not None and not has_zone(e.requesting_state):
                    item.setToolTip(_("The requesting State is not known, so the deadline is taken to end at midnight "
                                      "in the latest time zone on Earth (UTC\u221212): it is never shown as expired "
                                      "too early."))
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
        self.remove_button.setEnabled(entry is not None)

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
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose the new location of {name}").format(name=entry.file_name), folder,
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
        from ..register import other_letter, read_entry

        try:
            found = read_entry(new_path)
        except (DraftError, OSError) as exc:
            self.main.show_error(_("Cannot use this file"), exc.localized(ui_language()) if isinstance(exc, DraftError)
                                 else f"{new_path}: {exc.strerror or exc}")
            return False
        if other_letter(entry, found) and not self.ask_use_other_letter(entry, found):
            return False
        try:
            moved = self.main.register().locate(entry.path, new_path, found)
        except (DraftError, OSError) as exc:
            self.main.show_error(_("Cannot use this file"), str(exc))
            return False
        except RegisterError as exc:
            self.say_offline(exc)
            return False
        self.refresh()
        self.select_path(moved.path)
        return True

    def ask_use_other_letter(self, card, found) -> bool:
        """The located file holds another letter than the card: use it anyway? (Default: no.)"""
        from .. import states

        lang = ui_language()

        def name(e) -> str:
            ref = e.reference or _("no reference")
            if e.requesting_state and e.requesting_state != (card.requesting_state if e is found else found.requesting_state):
                state = states.name(e.requesting_state, lang) if states.is_state(e.requesting_state) else e.requesting_state
                return f"{ref} ({state})"
            return ref

        answer = QMessageBox.question(
            self, _("Another letter"),
            _("This file holds {found}, not {card}. Use it anyway?\n\nThe register's row for {card} would then "
              "show this file instead.").format(found=name(found), card=name(card)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_remove(self, entry) -> bool:
        what = entry.reference or entry.file_name
        answer = QMessageBox.question(
            self, _("Remove from Register"),
            _("Remove {what} from the register?\n\nThe draft file itself is not touched; scanning its folder "
              "adds it again.").format(what=what),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _on_register(self, action):
        """Run ``action(register)``, then show the register again; None (said in the window) when
        the register cannot be reached."""
        from ..register import RegisterError

        try:
            result = action(self.main.register())
        except RegisterError as exc:
            self.say_offline(exc)
            return None
        self.refresh()
        return result

    def remove_selected(self) -> bool:
        """Remove the selected row from the register (after a confirmation; the file stays)."""
        entry = self.selected_entry()
        if entry is None or not self.ask_remove(entry):
            return False
        return self._on_register(lambda register: register.forget(entry.path) or True) is not None

    def _added(self, result) -> bool:
        if result is None:
            return False
        self.tell_result(ngettext("{n} draft added or updated.", "{n} drafts added or updated.", len(result.indexed))
                         .format(n=len(result.indexed)), result.failed)
        return True

    def add_known_files(self) -> bool:
        """Shared register: add the drafts this computer knows (its journal)."""
        return self._added(self._on_register(lambda register: register.add_known_files()))

    def ask_scan_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, _("Add the drafts of a folder"), self.main.settings.last_folder())

    def scan_folder(self) -> bool:
        folder = self.ask_scan_folder()
        if not folder:
            return False
        return self._added(self._on_register(lambda register: register.scan(folder)))

    def rebuild(self) -> bool:
        result = self._on_register(lambda register: register.rebuild())
        if result is None:
            return False
        text = ngettext("{n} draft read again.", "{n} drafts read again.", len(result.indexed)).format(n=len(result.indexed))
        if result.missing:
            text += " " + ngettext("{n} file is missing.", "{n} files are missing.", len(result.missing)).format(
                n=len(result.missing))
        self.tell_result(text, result.failed)
        return True

    def tell_result(self, text: str, failed) -> None:
        """Say what a scan or rebuild did (in the status line; the unreadable files listed, each
        with its reason in the UI language)."""
        from ..register import reason_text

        if failed:
            text += " " + ngettext("{n} file could not be read:", "{n} files could not be read:", len(failed)).format(
                n=len(failed)) + "\n" + "\n".join(f"{Path(p).name}: {reason_text(reason, ui_language())}"
                                                   for p, reason in failed[:10])
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

    def database_dialog(self, current: str) -> QDialog:
        """The Database… dialog: the register in effect (its URL, password masked, and whether
        the environment variable chose it) and the setting, ``current``, to edit (``.url``)."""
        from PySide6.QtWidgets import QDialogButtonBox, QFormLayout

        from ..register import describe_url, effective_url, place

        url, source = effective_url(current)
        dialog = QDialog(self)
        dialog.setWindowTitle(_("Register database"))
        form = QVBoxLayout(dialog)
        shown = describe_url(url) if not url.startswith("sqlite") else url[len("sqlite:///"):]
        info = QFormLayout()
        info.addRow(_("In use:"), QLabel(place(url, ui_language()), dialog))
        address = QLabel(shown, dialog)
        from PySide6.QtCore import Qt

        address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        info.addRow(_("Address:"), address)
        source_text = {
            "environment": _("the environment variable {name}, which takes precedence over the setting below"),
            "setting": _("the setting below"),
            "default": _("the register on this computer (no address set)"),
        }[source].format(name="MLA_WRITER_REGISTER_URL")
        source_label = QLabel(source_text, dialog)
        source_label.setWordWrap(True)
        info.addRow(_("Chosen by:"), source_label)
        form.addLayout(info)
        prompt = QLabel(_("A PostgreSQL address shared by the central authority (postgresql://user@server/register), "
                          "or nothing for the register on this computer:"), dialog)
        prompt.setWordWrap(True)
        form.addWidget(prompt)
        dialog.url = QLineEdit(current, dialog)
        dialog.url.setAccessibleName(_("Register database"))
        prompt.setBuddy(dialog.url)
        form.addWidget(dialog.url)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addWidget(buttons)
        dialog.resize(620, dialog.sizeHint().height())
        return dialog

    def ask_database_url(self, current: str) -> str | None:
        dialog = self.database_dialog(current)
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.url.text().strip() if ok else None

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
