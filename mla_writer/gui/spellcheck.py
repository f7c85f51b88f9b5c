"""Spell checking in the free-text editors: a red wavy underline under misspelt words, and
suggestions and "Add to dictionary" in the editor's context menu.

The checking itself (dictionaries, personal word lists, what a word is) is in
:mod:`mla_writer.spelling`; this module only paints and offers the menu.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor

from .. import spelling
from .i18n import _

#: The colour of the wavy underline.
UNDERLINE = QColor("#d00000")

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


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines the misspelt words of a document with a red wavy line, in one language."""

    def __init__(self, document) -> None:
        super().__init__(document)
        self.checker = None
        self.format = QTextCharFormat()
        self.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.format.setUnderlineColor(UNDERLINE)

    def set_language(self, lang: str | None) -> None:
        """Check in ``lang`` (None: no checking); the document is painted again."""
        found = checker(lang) if lang else None
        self.checker = found if found is not None and found.available else None
        self.rehighlight()

    def misspelt(self, text: str) -> list[tuple[int, int]]:
        """``(start, length)`` of the misspelt words of ``text`` (Python string offsets)."""
        return self.checker.misspelt(text) if self.checker is not None else []

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt API)
        for start, length in self.misspelt(text):
            begin = _utf16(text, start)
            self.setFormat(begin, _utf16(text, start + length) - begin, self.format)


def word_at(edit, pos) -> tuple[QTextCursor, str] | None:
    """The word under the viewport point ``pos`` of a plain-text editor: a cursor selecting it and
    the word, or None when there is no word there."""
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
    highlighter.rehighlight()
