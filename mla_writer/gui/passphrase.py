"""The passphrase of an encrypted draft: asked to open it, asked twice to encrypt it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QLineEdit, QVBoxLayout

from .i18n import _, ngettext

#: Shortest passphrase accepted when a draft is encrypted.
MIN_LENGTH = 8


class PassphraseDialog(QDialog):
    """Asks for a passphrase; with ``confirm``, twice, and at least :data:`MIN_LENGTH` characters."""

    def __init__(self, name: str, confirm: bool, parent=None) -> None:
        super().__init__(parent)
        self.confirm = confirm
        self.setWindowTitle(_("Encrypt the draft") if confirm else _("Encrypted draft"))
        layout = QVBoxLayout(self)
        # never smaller than its content: the message of a refused passphrase makes it grow
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        intro = QLabel(_("Choose a passphrase for {name}. Without it the draft cannot be opened again: "
                         "nobody can recover it.").format(name=name) if confirm
                       else _("{name} is encrypted. Enter its passphrase.").format(name=name), self)
        intro.setWordWrap(True)
        intro.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)  # (wrapped at a readable width)
        self.intro = intro
        layout.addWidget(intro)
        form = QFormLayout()
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Passphrase:"), self.first)
        #: The passphrase typed again (only when encrypting; None when opening).
        self.second: QLineEdit | None = None
        if confirm:
            self.second = QLineEdit(self)
            self.second.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(_("Repeat it:"), self.second)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        problem = self.check()
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            self.adjustSize()  # (room for the message: nothing above it is cut)
            return
        super().accept()

    def check(self) -> str:
        """What is wrong with the passphrase typed ("" if nothing)."""
        text = self.first.text()
        if not text:
            return _("Enter the passphrase.")
        if self.confirm and len(text) < MIN_LENGTH:
            return ngettext("A passphrase has at least {count} character.", "A passphrase has at least {count} characters.",
                            MIN_LENGTH).format(count=MIN_LENGTH)
        if self.second is not None and self.second.text() != text:
            return _("The two passphrases differ.")
        return ""

    def passphrase(self) -> str:
        return self.first.text()
