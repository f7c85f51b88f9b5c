"""The export dialog for a letter that names victims or witnesses by a pseudonym: which letter
to write, and what each variant hides (issue 10, protected identities).

- **The letter to send** names protected persons by their pseudonym only; the confidential
  annex of identities (a separate file, sent apart) can be written beside it.
- **The copy for the file** names them in full and says "not to be sent" on every page.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from .i18n import _


class ExportVariantDialog(QDialog):
    """Choose the letter to send (with or without the identities annex) or the copy for the file.

    :meth:`choice` gives ``(identities, annex)``: ``("pseudonyms", True|False)`` or ``("full", False)``.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export letter"))
        layout = QVBoxLayout(self)
        intro = QLabel(_("This letter names some victims or witnesses only by a pseudonym. Which letter do you want to export?"), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.send = QRadioButton(_("The letter to send"), self)
        send_note = QLabel(_("Protected persons appear by their pseudonym only: no name, date or place of birth, "
                             "identity document or address."), self)
        self.annex = QCheckBox(_("Also write the confidential annex of identities"), self)
        annex_note = QLabel(_("A separate file, to be sent apart from the letter, for the executing authority only."), self)
        self.file_copy = QRadioButton(_("The copy for the file"), self)
        file_note = QLabel(_("Names protected persons in full and is marked \u201cnot to be sent\u201d on every page. "
                             "Keep it in the file; never send it."), self)
        for note in (send_note, file_note, annex_note):
            note.setWordWrap(True)
            note.setContentsMargins(24, 0, 0, 6)
        annex_note.setContentsMargins(48, 0, 0, 6)
        self.annex.setStyleSheet("margin-left: 24px;")
        group = QButtonGroup(self)
        group.addButton(self.send)
        group.addButton(self.file_copy)
        self.send.setChecked(True)
        self.annex.setChecked(True)
        self.send.toggled.connect(self.annex.setEnabled)
        self.send.toggled.connect(annex_note.setEnabled)
        for widget in (self.send, send_note, self.annex, annex_note, self.file_copy, file_note):
            layout.addWidget(widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def choice(self) -> tuple[str, bool]:
        if self.file_copy.isChecked():
            return ("full", False)
        return ("pseudonyms", self.annex.isChecked())
