"""Spell checking in the free-text editors: a red wavy underline under misspelt words, and
suggestions and "Add to dictionary" in the editor's context menu.

The checking itself (dictionaries, personal word lists, what a word is) is in
:mod:`mla_writer.spelling`; this module only paints and offers the menu.
"""

from __future__ import annotations

from pathlib import Path

# (QColor, QTextCharFormat and QTextCursor are imported where used: the window imports this
# module before its first paint, and the first use of each of those classes builds its enums)
from PySide6.QtGui import QSyntaxHighlighter

from .. import spelling
from .i18n import _

#: The colour of the wavy underline (a QColor's name).
UNDERLINE = "#d00000"

_folder: Path | None = None


def personal_folder() -> Path:
    """The folder of the personal word lists: ``dictionary/`` beside the autosave folder, in the
    user's data folder (the window sets it; :func:`set_personal_folder`)."""
    if _folder is None:
        from .autosave import data_folder

        return data_folder() / "dictionary"
    return _folder


def set_personal_folder(folder: Path | None) -> None:
    global _folder
    _folder = folder


def checker(lang: str):
    """The :mod:`mla_writer.spelling` checker of ``lang`` with the user's personal word list."""
    return spelling.checker(lang, personal_folder())


def warm_up(letter) -> None:
    """Load the dictionaries of the letter's drafting and output languages in the background."""
    spelling.warm_up([letter.drafting_language, letter.output_language], personal_folder())


def unavailable_note(lang: str) -> str:
    """Why ``lang`` is not checked, as the editor says it ("" when it is checked)."""
    found = checker(lang)
    if found.available:
        return ""
    if found.reason == spelling.NO_LIBRARY:
        return _("Spell checking is off: the spelling library (Enchant) is not installed.")
    from ..checklist import language_name
    from .i18n import ui_language

    return _("Spell checking is off for {language}: no dictionary for it is installed.").format(
        language=language_name(lang, ui_language()))


def _utf16(text: str, index: int) -> int:
    """A Python string index as Qt counts it (UTF-16 code units)."""
    return len(text[:index].encode("utf-16-le")) // 2


#: A block (paragraph) whose words were not all checked yet (its QTextBlock user state).
_PENDING = 1
#: A block whose words were all checked.
_DONE = 0


class _Pass:
    """What the highlighters have spent in the pass under way (one turn of the event loop):
    shared, so that a page of several editors is bounded as one."""

    active = False
    lookups = 0
    characters = 0
    waiting: "list[SpellHighlighter]" = []

    @classmethod
    def start(cls, highlighter) -> None:
        if not cls.active:
            from PySide6.QtCore import QTimer

            cls.active = True
            cls.lookups = cls.characters = 0
            QTimer.singleShot(0, cls.end)  # the pass ends when the event loop turns
        if highlighter not in cls.waiting:
            cls.waiting.append(highlighter)

    @classmethod
    def end(cls) -> None:
        cls.active = False
        waiting, cls.waiting = cls.waiting, []
        for highlighter in waiting:
            try:
                highlighter.resume()
            except RuntimeError:  # (deleted meanwhile)
                pass


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines the misspelt words of a document with a red wavy line, in one language.

    Never one long pass on the GUI thread, whatever the document's size: each pass Qt makes
    (a text set, a paste, a change of language) asks the dictionary about at most
    :attr:`LOOKUPS` words it was not asked about before, and checks at most :attr:`CHARACTERS`
    characters of blocks (paragraphs); the blocks left are marked pending and checked a few at
    a time when the event loop is idle, those shown in ``view`` (the editor) first. The
    checker keeps each answer (:meth:`mla_writer.spelling.Checker.check`), so a language
    checked once is painted again without asking the dictionary."""

    #: Words asked of the dictionary (not known yet) in one pass.
    LOOKUPS = 300
    #: Characters of blocks checked in one pass (a bigger block is checked alone).
    CHARACTERS = 8_000
    #: Pause between two idle passes, in milliseconds.
    IDLE_MS = 0

    def __init__(self, document, view=None) -> None:
        super().__init__(document)
        from PySide6.QtCore import QTimer

        self.checker = None
        self.view = view
        from PySide6.QtGui import QColor, QTextCharFormat

        self.format = QTextCharFormat()
        self.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.format.setUnderlineColor(QColor(UNDERLINE))
        self._resume_at = 0  # no block before this number is pending
        #: True while the highlighter repaints blocks of its own accord (an idle pass, a new
        #: language): the document reports a change, but its text is the same (editors that
        #: read their text after a change skip it: a 1,000,000-character text read for nothing)
        self.repainting = False
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(self.IDLE_MS)
        self._idle.timeout.connect(self._continue)

    def set_language(self, lang: str | None) -> None:
        """Check in ``lang`` (None: no checking); the document is painted again (the blocks the
        pass has no room for are checked while the event loop is idle)."""
        found = checker(lang) if lang else None
        self.checker = found if found is not None and found.available else None
        self.repaint()

    def repaint(self) -> None:
        """Highlight the whole document again (:attr:`repainting` meanwhile)."""
        self.repainting = True
        try:
            self.rehighlight()
        finally:
            self.repainting = False

    def pending(self) -> bool:
        """Whether blocks of the document wait to be checked."""
        return self._first_pending() is not None

    def misspelt(self, text: str) -> list[tuple[int, int]]:
        """``(start, length)`` of the misspelt words of ``text`` (Python string offsets)."""
        return self.checker.misspelt(text) if self.checker is not None else []

    def resume(self) -> None:
        """Check the pending blocks when the event loop is next idle (nothing if none)."""
        if self.checker is not None and not self._idle.isActive() and self.pending():
            self._idle.start()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt API)
        # (an edit highlights its own block first: blocks moved by it are found again from here)
        self._resume_at = min(self._resume_at, self.currentBlock().blockNumber())
        if self.checker is None:
            self.setCurrentBlockState(_DONE)
            return
        _Pass.start(self)
        if _Pass.characters and _Pass.characters + len(text) > self.CHARACTERS:
            _Pass.characters = self.CHARACTERS  # (this pass has checked enough)
            self.setCurrentBlockState(_PENDING)
            return
        _Pass.characters += len(text)
        before = self.checker.lookups
        found, complete = self.checker.scan(text, max(self.LOOKUPS - _Pass.lookups, 0))
        _Pass.lookups += self.checker.lookups - before
        for start, length in found:
            begin = _utf16(text, start)
            self.setFormat(begin, _utf16(text, start + length) - begin, self.format)
        self.setCurrentBlockState(_DONE if complete else _PENDING)

    def _first_pending(self, block=None):
        """The first pending block from ``block`` (default: the first that can be), or None."""
        if block is None:
            block = self.document().findBlockByNumber(self._resume_at)
            if not block.isValid():
                block = self.document().firstBlock()
            start = True
        else:
            start = False
        while block.isValid():
            if block.userState() == _PENDING:
                if start:
                    self._resume_at = block.blockNumber()
                return block
            block = block.next()
        if start:
            self._resume_at = self.document().blockCount()
        return None

    def _continue(self) -> None:
        """One idle pass: check pending blocks, those in view first; come back if any are left."""
        if self.checker is None:
            return
        block = None
        if self.view is not None:
            try:
                shown = self.view.firstVisibleBlock()
                bottom = self.view.viewport().height()
                while shown.isValid() and self.view.blockBoundingGeometry(shown).translated(
                        self.view.contentOffset()).top() < bottom:
                    if shown.userState() == _PENDING:
                        block = shown
                        break
                    shown = shown.next()
            except RuntimeError:  # (the editor is gone)
                self.view = None
        if block is None:
            block = self._first_pending()
        if block is None:
            return
        _Pass.start(self)
        # one edit block: the document reports one change for the whole pass, not one a block
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(self.document())
        self.repainting = True
        try:
            cursor.beginEditBlock()
            while block is not None and _Pass.lookups < self.LOOKUPS and _Pass.characters < self.CHARACTERS:
                # Qt goes on by itself to the next blocks while their state changes (pending ->
                # checked): one call checks a run of pending blocks, up to the pass's bounds
                self.rehighlightBlock(block)
                block = self._first_pending(block.next())
            cursor.endEditBlock()
        finally:
            self.repainting = False


def word_at(edit, pos) -> tuple[QTextCursor, str] | None:
    """The word under the viewport point ``pos`` of a plain-text editor: a cursor selecting it and
    the word, or None when there is no word there."""
    from PySide6.QtGui import QTextCursor

    cursor = edit.cursorForPosition(pos)
    block = cursor.block()
    text = block.text()
    # Qt's position in the block is in UTF-16 units; find the Python index that matches it
    offset = cursor.position() - block.position()
    index = next((i for i in range(len(text) + 1) if _utf16(text, i) >= offset), len(text))
    for start, word in spelling.words(text):
        if start <= index <= start + len(word):
            found = QTextCursor(block)
            found.setPosition(block.position() + _utf16(text, start))
            found.setPosition(block.position() + _utf16(text, start + len(word)), QTextCursor.MoveMode.KeepAnchor)
            return found, word
    return None


def add_spelling_actions(menu, edit, highlighter: SpellHighlighter, pos, on_error=None) -> int:
    """Put at the top of ``menu`` the suggestions for the misspelt word under ``pos`` and "Add to
    dictionary". Returns how many actions were added (0: the word is right, or no checking)."""
    if highlighter.checker is None:
        return 0
    found = word_at(edit, pos)
    if found is None:
        return 0
    cursor, word = found
    from PySide6.QtGui import QTextCursor

    if highlighter.checker.misspelt(word) == []:
        return 0
    first = menu.actions()[0] if menu.actions() else None
    added = []
    suggestions = highlighter.checker.suggest(word)
    for suggestion in suggestions:
        action = menu.addAction(suggestion)
        font = action.font()
        font.setBold(True)
        action.setFont(font)
        action.triggered.connect(lambda _checked=False, s=suggestion, c=QTextCursor(cursor): _replace(edit, c, s))
        added.append(action)
    if not suggestions:
        none = menu.addAction(_("No suggestions"))
        none.setEnabled(False)
        added.append(none)
    add = menu.addAction(_("Add \u201c{word}\u201d to the dictionary").format(word=word))
    add.setObjectName("addToDictionary")
    add.triggered.connect(lambda _checked=False: _add(highlighter, word, edit, on_error))
    added.append(add)
    for action in added:
        menu.removeAction(action)
        menu.insertAction(first, action)
    if first is not None:
        menu.insertSeparator(first)
    return len(added)


def _replace(edit, cursor: QTextCursor, text: str) -> None:
    cursor.beginEditBlock()
    cursor.insertText(text)
    cursor.endEditBlock()
    edit.setTextCursor(cursor)


def _add(highlighter: SpellHighlighter, word: str, edit, on_error) -> None:
    try:
        highlighter.checker.add(word)
    except OSError as exc:
        if on_error is not None:
            on_error(_("The word could not be added to the dictionary: {reason}").format(reason=exc))
        return
    highlighter.repaint()
