"""File → New from Sample…: choose one of the shipped sample letters and open a copy of it.

The list is the one ``mla-writer sample --list`` prints (:func:`mla_writer.samples.index`): each
sample's title, and the summary of the one selected, in the UI language. The chosen sample opens
as a new untitled draft: Save asks where to write it, so the shipped file is never changed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from .i18n import _, ui_language

#: Item data role holding the sample's name.
NAME_ROLE = Qt.ItemDataRole.UserRole


class SampleDialog(QDialog):
    """The samples by title; the summary of the selected one below. ``chosen()`` after ``exec()``."""

    def __init__(self, infos, lang: str, parent=None, title: str | None = None, intro: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or _("New from Sample"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(intro or _("Choose a fictional case to start from. It opens as a new draft: what you change "
                                  "is never written to the sample itself."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Sample letters"))
        self.list.setWordWrap(True)  # a long title wraps rather than hiding behind a scroll bar
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        for info in infos:
            item = QListWidgetItem(info.title_in(lang), self.list)
            item.setData(NAME_ROLE, info.name)
            item.setToolTip(info.summary_in(lang))
        layout.addWidget(self.list, 1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * 3)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.list.currentItemChanged.connect(self._show_summary)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.list.setCurrentRow(0)
        self.list.setFocus()

    def _show_summary(self, item) -> None:
        self.summary.setText(item.toolTip() if item is not None else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(item is not None)

    def chosen(self) -> str | None:
        """The name of the selected sample, or None."""
        item = self.list.currentItem()
        return item.data(NAME_ROLE) if item is not None else None


def ask_sample(parent, infos, title: str | None = None, intro: str | None = None) -> str | None:
    """Show the list (modal); the name chosen, or None when cancelled. Tests replace this.
    ``title`` and ``intro``: the dialog's own (default: those of File → New from Sample)."""
    dialog = SampleDialog(infos, ui_language(), parent, title, intro)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def new_from_sample(window) -> bool:
    """File → New from Sample…: ask which sample, then (after the unsaved-changes prompt) open a
    copy of it as a new untitled draft. False when cancelled or when the sample cannot be read
    (the window then shows why and keeps the current draft)."""
    from ..samples import SampleIndexError, index

    window.ensure_ready()
    try:
        infos = list(index().values())
    except SampleIndexError as exc:
        window.show_error(_("Cannot open the sample"), str(exc))
        return False
    if not infos:
        window.show_error(_("Cannot open the sample"), _("No sample letter is installed."))
        return False
    name = ask_sample(window, infos)
    if name is None or not window.maybe_save():
        return False
    return open_sample(window, name)


def open_sample(window, name: str) -> bool:
    """Open a copy of sample ``name`` as a new untitled draft named after its title."""
    from ..samples import load_sample, sample_info
    from ..storage import DraftError
    from .files import draft_error_text
    from .session import Session

    try:
        letter = load_sample(name)
    except (DraftError, KeyError) as exc:
        window.show_error(_("Cannot open the sample"), draft_error_text(exc))
        return False
    session = Session(letter)
    session.name = _("{title} (copy)").format(title=sample_info(name).title_in(ui_language()))
    window.set_session(session)
    return True
