"""The termbase for a language pair: the shipped UN terms and the user's own, TBX import and export.

The entries come from :mod:`mla_writer.termbase`; the user's are saved at once in the user's
data folder. The shipped glossary cannot be changed here (the user adds an entry of their own).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from .. import termbase
from ..storage.files import read_regular_file
from .i18n import _, language_endonym, ngettext, ui_language


class TermbaseDialog(QDialog):
    """The entries of ``tb`` for ``source`` → ``target``; adding, removing (the user's own) and
    TBX. Emits :attr:`changed` after each change. ``read_only``: the user's file is damaged, so
    nothing is saved over it."""

    changed = Signal()

    def __init__(self, parent, tb: termbase.Termbase, source: str, target: str, read_only: bool = False) -> None:
        super().__init__(parent)
        self.tb, self.source, self.target, self.read_only = tb, source, target, read_only
        self.setWindowTitle(_("Termbase: {source} \u2192 {target}").format(
            source=language_endonym(source), target=language_endonym(target)))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Source term"), _("Target term"), _("Variants to avoid"), _("Note")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.source_term = QLineEdit()
        self.target_term = QLineEdit()
        self.forbidden = QLineEdit()
        self.forbidden.setPlaceholderText(_("separated by semicolons"))
        self.note = QLineEdit()
        form.addRow(_("Source term:"), self.source_term)
        form.addRow(_("Target term:"), self.target_term)
        form.addRow(_("Variants to avoid:"), self.forbidden)
        form.addRow(_("Note:"), self.note)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Add entry"))
        self.remove_button = QPushButton(_("Remove my entry"))
        self.import_button = QPushButton(_("Import TBX\u2026"))
        self.export_button = QPushButton(_("Export TBX\u2026"))
        close = QPushButton(_("Close"))
        for b in (self.add_button, self.remove_button, self.import_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        for b in (self.add_button, self.remove_button, self.import_button):
            b.setEnabled(not read_only)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.import_button.clicked.connect(lambda: self.import_tbx())
        self.export_button.clicked.connect(lambda: self.export_tbx())
        close.clicked.connect(self.accept)
        self.resize(900, 560)
        self.fill()

    def fill(self) -> None:
        entries = self.tb.entries(self.source, self.target)
        self.table.setRowCount(len(entries))
        for i, entry in enumerate(entries):
            values = [", ".join(entry.source_terms), ", ".join((entry.target, *entry.alternatives)),
                      ", ".join(entry.forbidden), entry.note_in(ui_language())]
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, entry.concept.id)
                if not entry.concept.user:
                    item.setToolTip(_("From the glossary of UN terms shipped with MLA Writer"))
                self.table.setItem(i, j, item)

    def _save(self) -> bool:
        try:
            termbase.save_user(self.tb)
        except OSError as exc:
            self.message.setText(_("Your termbase cannot be saved: {reason}").format(reason=exc.strerror or exc))
            return False
        self.changed.emit()
        return True

    def add(self) -> bool:
        try:
            self.tb.add(self.source, self.target, self.source_term.text(), self.target_term.text(), self.note.text(),
                        self.forbidden.text().split(";"))
        except termbase.TermbaseError as exc:
            if exc.kind == "duplicate":
                self.message.setText(_("This entry is already in the termbase: it was not added again."))
            else:
                self.message.setText(_("Give both the source term and the target term."))
            return False
        for edit in (self.source_term, self.target_term, self.forbidden, self.note):
            edit.clear()
        self.message.setText(_("Entry added to your termbase."))
        self.fill()
        return self._save()

    def remove(self) -> bool:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None or not self.tb.remove(item.data(Qt.ItemDataRole.UserRole)):
            self.message.setText(_("Choose one of your own entries: the shipped UN terms stay."))
            return False
        self.fill()
        return self._save()

    def import_tbx(self, path: str | None = None) -> int:
        path = path or QFileDialog.getOpenFileName(self, _("Import TBX"), "", _("TBX files (*.tbx *.xml)"))[0]
        if not path:
            return 0
        try:
            concepts = termbase.import_tbx(read_regular_file(path, termbase.MAX_FILE_BYTES), source=path)
        except OSError as exc:
            self.message.setText(_("The file was not imported: {reason}").format(reason=exc.strerror or exc))
            return 0
        except termbase.TermbaseError as exc:
            self.message.setText(tbx_problem(exc))
            return 0
        added = termbase.merge(self.tb, concepts)
        text = ngettext("{count} entry imported.", "{count} entries imported.", added).format(count=added)
        known = len(concepts) - added
        if known:
            text += " " + ngettext("{count} entry was already in the termbase.", "{count} entries were already in the termbase.",
                                   known).format(count=known)
        self.message.setText(text)
        self.fill()
        self._save()
        return added

    def export_tbx(self, path: str | None = None) -> bool:
        path = path or QFileDialog.getSaveFileName(self, _("Export TBX"), "termbase.tbx", _("TBX files (*.tbx)"))[0]
        if not path:
            return False
        from ..storage import atomic_write_bytes

        try:
            atomic_write_bytes(path, termbase.export_tbx(self.tb.concepts, self.source), backup=False)
        except OSError as exc:
            QMessageBox.warning(self, _("Export TBX"), _("The file cannot be written: {reason}").format(reason=exc.strerror or exc))
            return False
        self.message.setText(_("Termbase exported to {path}").format(path=path))
        return True


def tbx_problem(exc: termbase.TermbaseError) -> str:
    """Why a TBX file was not imported, in the UI language (never the parser's own words)."""
    if exc.kind == "too_large":
        return _("The file was not imported: it is far larger than any glossary.")
    if exc.kind == "empty":
        return _("The file was not imported: it holds no term.")
    return _("The file was not imported: it is not a TBX glossary, or it is damaged.")
