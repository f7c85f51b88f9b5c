"""Free text held per language: a tab for the drafting language and one for the output language.

Multi-line editors check spelling in the language of the tab (:mod:`..spellcheck`) and count
words and characters. Any editor whose text is mostly in another alphabet than its tab's
language offers to move it to the letter's language written in that alphabet, when that
language holds no text yet (:mod:`mla_writer.textscript`; the checklist advises the same).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QTabBar, QVBoxLayout, QWidget

from ... import textscript
from ..i18n import _, language_endonym, ngettext
from ...model.text import MAX_TEXT
from .fields import FieldEditor, LineBox, TextBox, enforce_limit, line_edit_full, one_line, raw_text

#: How long (ms) after the last keystroke a multi-line editor's text goes into the letter (and
#: its word count, tabs and alphabet advice follow). Anything reading the letter sooner
#: (a save, the window closing) gets it at once (:meth:`Session.typing`).
SYNC_MS = 150
#: A text longer than this has its words counted and its alphabet judged off the GUI thread
#: (a million characters: 40-50 ms of ``str.split`` alone, on every pause in typing).
LONG_TEXT = 50_000
#: Characters counted at a time (the worker lets the GUI thread run between pieces).
_PIECE = 1 << 16


def count_words(text: str) -> int:
    """``len(text.split())``, counted in pieces of :data:`_PIECE` characters (a word cut by
    a piece's end counted once)."""
    words = 0
    for start in range(0, len(text), _PIECE):
        piece = text[start:start + _PIECE]
        words += len(piece.split())
        if start and piece[:1] and not piece[0].isspace() and not text[start - 1].isspace():
            words -= 1  # (the word that goes on from the piece before)
    return words


def _measure(text: str, lang: str) -> tuple[int, int, str | None]:
    """In a worker: ``(characters, words, script or None)`` of ``text`` stored under ``lang``."""
    return len(text), count_words(text), textscript.mismatch(text, lang)


_measurer = None


def _measuring_pool():
    global _measurer
    if _measurer is None:
        from concurrent.futures import ThreadPoolExecutor

        _measurer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mla-writer-count")
    return _measurer



class MLTextField(FieldEditor):
    """Edits an :class:`~mla_writer.model.MLText` in the drafting and the output language.

    The output-language tab appears only when it differs from the drafting language; it is
    marked "to translate" while the field holds text in another language but none in it (an
    empty field needs no translation). Multi-line editors show a word and a character
    count, underline misspelt words and say when a language cannot be checked.
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
        # Never scroll buttons: the tabs say "Drafting: Français" where the column has room and
        # only the language's name where it has not (issue 11, trial L2: "ançais" beside arrows).
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.tabs.setSizePolicy(QSizePolicy.Policy.Ignored, self.tabs.sizePolicy().verticalPolicy())
        self._tab_texts: list[tuple[str, str]] = []  # (full, short) per tab
        self.tabs.currentChanged.connect(self._show_language)
        layout.addWidget(self.tabs)
        self.highlighter = None
        #: The language of the typed text not yet in the letter (None: nothing pending).
        self._pending_lang: str | None = None
        self.sync_timer = QTimer(self)
        self.sync_timer.setSingleShot(True)
        self.sync_timer.setInterval(SYNC_MS)
        self.sync_timer.timeout.connect(self._sync)
        self._measuring = None  # (future, text) of a long text counted in the worker
        self.measure_timer = QTimer(self)
        self.measure_timer.setInterval(20)
        self.measure_timer.timeout.connect(self._measured)
        if multiline:
            from ..spellcheck import SpellHighlighter

            self.edit = TextBox(lines, self)
            self.edit.textChanged.connect(self._typed)
            self.highlighter = SpellHighlighter(self.edit.document(), self.edit)
            self.edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            self.edit.customContextMenuRequested.connect(self._context_menu)
        else:
            self.edit = LineBox(self)  # one line, shown whole on as many as it needs
            self.edit.setMaxLength(MAX_TEXT)
            self.edit.textEdited.connect(self._edited)
        layout.addWidget(self.edit)
        # text in the wrong alphabet for its tab: offer to move it (hidden unless so)
        self.script_bar = QWidget(self)
        bar = QHBoxLayout(self.script_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.script_note = QLabel(self.script_bar)
        self.script_note.setWordWrap(True)
        self.move_button = QPushButton(self.script_bar)
        self.move_button.setObjectName("moveToLanguage")
        self.move_button.setAutoDefault(False)
        self.move_button.clicked.connect(self.move_to_suggested)
        bar.addWidget(self.script_note, 1)
        bar.addWidget(self.move_button)
        self.script_bar.hide()
        self.move_target: str | None = None
        layout.addWidget(self.script_bar)
        footer = QHBoxLayout()
        footer.setContentsMargins(0, 0, 0, 0)
        self.spell_note = QLabel(self)  # why this language is not spell-checked
        self.spell_note.setObjectName("spellNote")
        self.spell_note.setWordWrap(True)
        self.spell_note.hide()
        self.words = QLabel(self)
        self.words.setObjectName("wordCount")
        self.count = QLabel(self)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        footer.addWidget(self.spell_note, 1)
        footer.addStretch(0)
        footer.addWidget(self.words)
        footer.addWidget(self.count)
        if multiline:
            layout.addLayout(footer)
        else:
            self.count.hide()
            self.words.hide()
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
        """Name each tab: "Drafting: Français", "Output: Español • to translate" (its tooltip
        always), or where the bar is too narrow for that, "Français", "Español •"; a tab whose
        translation is missing is in the warning colour."""
        from .problems import WARNING_COLOUR

        text = self.session.get(self.path)
        self._tab_texts = []
        for i, lang in enumerate(self.languages):
            role = _("Drafting") if i == 0 else _("Output")
            # to translate: the field holds text, but none in this output language yet
            missing = " \u2022 " + _("to translate") if i > 0 and text and lang not in text else ""
            full = f"{role}: {language_endonym(lang)}{missing}"
            self._tab_texts.append((full, language_endonym(lang) + (" \u2022" if missing else "")))
            self.tabs.setTabToolTip(i, full)
            self.tabs.setTabTextColor(i, QColor(WARNING_COLOUR) if missing else QColor())
        self._fit_tabs()

    def _fit_tabs(self) -> None:
        """The tabs' full names if they fit the field's width, else their short ones."""
        if not self._tab_texts or self.tabs.count() != len(self._tab_texts):
            return
        for i, (full, _short) in enumerate(self._tab_texts):
            self.tabs.setTabText(i, full)
        if sum(self.tabs.tabSizeHint(i).width() for i in range(self.tabs.count())) > self.width():
            for i, (_full, short) in enumerate(self._tab_texts):
                self.tabs.setTabText(i, short)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_tabs()

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
        self._sync()  # what was typed in the tab shown before goes to its own language
        self._loading = True
        value = self.session.get(self.path).get(self.language())
        if self.multiline:
            self.edit.setPlainText(value)
        else:
            self.edit.setText(value)
            self.edit.setCursorPosition(0)
        self._loading = False
        self._update_spelling()
        if self.multiline and len(value) > LONG_TEXT:
            self._measure_later(value, self.language())
        else:
            self._update_count()
            self._update_script()

    # -- editing ---------------------------------------------------------------------
    def text(self) -> str:
        return raw_text(self.edit) if self.multiline else one_line(self.edit)

    def _typed(self) -> None:
        """A keystroke (or paste) in a multi-line editor: O(1) in the length of the text. The
        text is read once, after a pause of :data:`SYNC_MS` or when something reads the letter
        (:meth:`_sync`). The spelling highlighter's own repaints change no text: skipped."""
        if self._loading or (self.highlighter is not None and self.highlighter.repainting):
            return
        enforce_limit(self.edit)  # the limit loading enforces: what is saved always loads (O(1) below it)
        if self._pending_lang is None:
            self._pending_lang = self.language()
            self.session.typing(self, self._sync)
        self.sync_timer.start()

    def _sync(self) -> None:
        """Put the text typed since the last pause into the letter (see :meth:`_typed`)."""
        lang, self._pending_lang = self._pending_lang, None
        self.session.typed(self)
        self.sync_timer.stop()
        if lang is not None:
            self._edited(lang=lang)

    def _edited(self, *_args, lang: str | None = None) -> None:
        if self._loading:
            return
        if not self.multiline:
            line_edit_full(self.edit)
        lang = lang or self.language()
        text, value = self.text(), self.session.get(self.path)  # (one copy of the text per pause)
        if value.get(lang) == text:
            return  # no edit: the spelling highlighter's repaint also reports a change of the document
        from ...translation import note_source_edit, note_typed

        note_source_edit(self.session.letter, self.path, lang)  # its unmarked translations go stale
        value.set(lang, text)

        note_typed(self.session.letter, self.path, lang)  # a translation typed here is current again
        self.session.touch()
        self._label_tabs()
        if self.multiline and len(text) > LONG_TEXT:
            self._measure_later(text, lang)
        else:
            self._update_count(text)
            self._update_script(text)
        self.changed.emit()

    def _measure_later(self, text: str, lang: str) -> None:
        """Count a long text's words and judge its alphabet in a worker; shown when done."""
        self._measuring = (_measuring_pool().submit(_measure, text, lang), lang)
        self.measure_timer.start()

    def _measured(self) -> None:
        if self._measuring is None or not self._measuring[0].done():
            return
        (future, lang), self._measuring = self._measuring, None
        self.measure_timer.stop()
        if future.exception() is not None or lang != self.language():
            return  # (another tab is shown: it was measured when shown)
        n, words, script = future.result()
        self._show_count(n, words)
        self._show_script(script)

    def _update_count(self, text: str | None = None) -> None:
        text = self.text() if text is None else text
        self._show_count(len(text), count_words(text))

    def _show_count(self, n: int, words: int) -> None:
        self.count.setText(ngettext("{count} character", "{count} characters", n).format(count=n))
        self.words.setText(ngettext("{count} word", "{count} words", words).format(count=words) + " \u00b7")

    # -- spelling ------------------------------------------------------------------------------
    def _update_spelling(self) -> None:
        if self.highlighter is None:
            return
        from ..spellcheck import unavailable_note

        lang = self.language()
        note = unavailable_note(lang)
        self.spell_note.setText(note)
        self.spell_note.setVisible(bool(note))
        self.edit.setToolTip(note)
        self.highlighter.set_language(None if note else lang)

    def spelling_menu(self, pos):
        """The editor's context menu at viewport point ``pos``, with the spelling suggestions
        and "Add to dictionary" first when the word there is misspelt."""
        from ..spellcheck import add_spelling_actions

        menu = self.edit.createStandardContextMenu(pos)
        add_spelling_actions(menu, self.edit, self.highlighter, pos, on_error=self._spelling_error)
        return menu

    def _context_menu(self, pos) -> None:
        menu = self.spelling_menu(pos)
        menu.exec(self.edit.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _spelling_error(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, _("Spelling"), message)

    # -- text in the wrong alphabet ------------------------------------------------------------
    def _update_script(self, text: str | None = None) -> None:
        self._show_script(textscript.mismatch(self.text() if text is None else text, self.language()))

    def _show_script(self, script: str | None) -> None:
        lang = self.language()
        targets = []
        if script is not None:
            letter = self.session.letter
            held = self.session.get(self.path).languages()
            targets = textscript.move_targets(held, lang, script, [letter.drafting_language, letter.output_language])
        self.move_target = targets[0] if targets else None
        if self.move_target is None:
            self.script_bar.hide()
            return
        from ...checklist import language_name
        from ..i18n import ui_language

        ui = ui_language()
        self.script_note.setText(_("This text is in {script} letters, not in {language}.").format(
            script=textscript.script_name(script, ui), language=language_name(lang, ui)))
        self.move_button.setText(_("Move it to {language}").format(language=language_endonym(self.move_target)))
        self.script_bar.show()

    def move_to_suggested(self) -> None:
        """Move the text of the tab shown to the language :meth:`_update_script` found for it
        (empty so far in this field), and show that language's tab."""
        target, lang = self.move_target, self.language()
        if target is None:
            return
        text = self.session.get(self.path)
        value = text.get(lang)
        text.set(target, value)
        text.set(lang, "")
        self.session.touch()
        self._label_tabs()
        self.set_language(target)
        self._show_language()
        self.changed.emit()

    def focus_widget(self):
        return self.edit
