"""Free text held per language: a tab for the drafting language and one for the output language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTabBar, QVBoxLayout

from ..i18n import _, language_endonym
from ...model.text import MAX_TEXT
from .fields import FieldEditor, TextBox, enforce_limit, line_edit_full, one_line, raw_text


class MLTextField(FieldEditor):
    """Edits an :class:`~mla_writer.model.MLText` in the drafting and the output language.

    The output-language tab appears only when it differs from the drafting language; an
    empty translation is marked on its tab. Multi-line editors show a character count.
    """

    def __init__(self, session, path, multiline: bool = True, lines: int = 4, parent=None) -> None:
        super().__init__(session, path, parent)
        self.multiline = multiline
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.tabs = QTabBar(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        self.tabs.currentChanged.connect(self._show_language)
        layout.addWidget(self.tabs)
        if multiline:
            self.edit = TextBox(lines, self)
            self.edit.textChanged.connect(self._edited)
        else:
            self.edit = QLineEdit(self)
            self.edit.setMaxLength(MAX_TEXT)
            self.edit.textEdited.connect(self._edited)
        layout.addWidget(self.edit)
        footer = QHBoxLayout()
        footer.setContentsMargins(0, 0, 0, 0)
        self.count = QLabel(self)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        footer.addStretch(1)
        footer.addWidget(self.count)
        if multiline:
            layout.addLayout(footer)
        else:
            self.count.hide()
        self.setFocusProxy(self.edit)
        self._loading = False
        self.languages: list[str] = []
        session.languages_changed.connect(self.reload)
        self.reload()

    # -- languages -----------------------------------------------------------------
    def reload(self) -> None:
        letter = self.session.letter
        langs = [letter.drafting_language]
        if letter.output_language != letter.drafting_language:
            langs.append(letter.output_language)
        current = self.language() if self.languages else langs[0]
        self.languages = langs
        self.tabs.blockSignals(True)
        while self.tabs.count():
            self.tabs.removeTab(0)
        for lang in langs:
            self.tabs.addTab("")
        self.tabs.blockSignals(False)
        self._label_tabs()
        self.tabs.setVisible(len(langs) > 1)
        self.tabs.setCurrentIndex(langs.index(current) if current in langs else 0)
        self._show_language()

    def _label_tabs(self) -> None:
        text = self.session.get(self.path)
        for i, lang in enumerate(self.languages):
            role = _("Drafting") if i == 0 else _("Output")
            missing = "" if (lang in text or i == 0) else " \u2022 " + _("to translate")
            self.tabs.setTabText(i, f"{role}: {language_endonym(lang)}{missing}")

    def language(self) -> str:
        index = self.tabs.currentIndex()
        return self.languages[index] if 0 <= index < len(self.languages) else self.session.letter.drafting_language

    def set_language(self, lang: str) -> None:
        if lang in self.languages:
            self.tabs.setCurrentIndex(self.languages.index(lang))

    def show_missing_language(self) -> None:
        """Show the first tab whose language has no text yet (where a translator is needed)."""
        text = self.session.get(self.path)
        for lang in self.languages:
            if lang not in text:
                self.set_language(lang)
                return

    def _show_language(self, *_args) -> None:
        if not self.languages:
            return
        self._loading = True
        value = self.session.get(self.path).get(self.language())
        if self.multiline:
            self.edit.setPlainText(value)
        else:
            self.edit.setText(value)
            self.edit.setCursorPosition(0)
        self._loading = False
        self._update_count()

    # -- editing ---------------------------------------------------------------------
    def text(self) -> str:
        return raw_text(self.edit) if self.multiline else one_line(self.edit)

    def _edited(self, *_args) -> None:
        if self._loading:
            return
        if self.multiline:
            enforce_limit(self.edit)  # the limit loading enforces: what is saved always loads
        else:
            line_edit_full(self.edit)
        text = self.text()  # (one copy of the text per keystroke, not one per use)
        self.session.get(self.path).set(self.language(), text)
        self.session.touch()
        self._label_tabs()
        self._update_count(text)
        self.changed.emit()

    def _update_count(self, text: str | None = None) -> None:
        n = len(self.text() if text is None else text)
        self.count.setText(_("{count} characters").format(count=n))

    def focus_widget(self):
        return self.edit
