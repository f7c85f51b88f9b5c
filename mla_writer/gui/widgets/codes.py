"""Choosing one code of a long list by typing its code or any part of its name: a language
(ISO 639, CLDR names in the UI language) or a currency (ISO 4217, from Babel)."""

from __future__ import annotations

from PySide6.QtCore import QCollator, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout

from ..i18n import _, qlocale, ui_language
from .country import FillOnFirstUse, WrapsChosen
from .fields import FieldEditor

_NAME = Qt.ItemDataRole.UserRole + 1  # an item's name without its code


def collated(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``[(code, name)]`` sorted by name as the UI language sorts."""
    collator = QCollator(qlocale())
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return sorted(items, key=lambda item: collator.sortKey(item[1]))


def language_names(lang: str | None = None) -> dict[str, str]:
    """ISO 639 code -> CLDR name of the language in the UI language (two- and three-letter codes)."""
    from babel import Locale

    names = Locale.parse(lang or ui_language()).languages
    return {code: name for code, name in names.items() if code.isalpha() and code.islower() and 2 <= len(code) <= 3}


def currency_names(lang: str | None = None) -> dict[str, str]:
    """ISO 4217 code -> name in the UI language, for every currency Babel knows."""
    from babel.numbers import get_currency_name, list_currencies

    from ...languages import babel_locale

    locale = babel_locale(lang or ui_language())
    return {code: get_currency_name(code, locale=locale) for code in sorted(list_currencies())}


class CodeCombo(WrapsChosen, FillOnFirstUse, QComboBox):
    """An editable combo of codes that accepts only its own items. Each item reads
    "name (code)" or "code — name"; typing filters by any part of it, and a typed code
    (``eur``, ``ro``) or a whole name selects that item when the box is left.

    ``source`` returns ``[(code, text, name)]`` in display order (``name``: the item's name
    alone, which typed in full selects it too); it is called when the list is first needed
    (focus, pop-up, a value to show), so an unused box costs no CLDR lookup.
    """

    def __init__(self, parent=None, source=None, placeholder: str = "", empty: str = "") -> None:
        super().__init__(parent)
        self.source = source
        self.empty = empty
        self.setEditable(True)
        self._wrap_setup()  # a long name chosen shows whole, on wrapped lines
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText(placeholder)
        self.lineEdit().editingFinished.connect(self.snap)
        self.addItem(empty, "")

    def ensure_filled(self) -> None:
        if self.source is None:
            return
        source, self.source = self.source, None
        current = self.code()
        self.blockSignals(True)
        self.clear()
        self.addItem(self.empty, "")
        for code, text, name in source():
            self.addItem(text, code)
            self.setItemData(self.count() - 1, name, _NAME)
        self.setCurrentIndex(max(self.findData(current), 0))
        self.blockSignals(False)


    def snap(self) -> None:
        """Typed text naming one item (its code, its whole text, or the only item containing
        it) selects that item; anything else goes back to the current choice."""
        self.ensure_filled()
        typed = self.currentText().strip().casefold()
        if not typed:
            self.setCurrentIndex(0)
            return
        found = None
        for i in range(1, self.count()):
            if typed in (self.itemText(i).casefold(), str(self.itemData(i)).casefold(),
                         str(self.itemData(i, _NAME) or "").casefold()):
                found = i
                break
        if found is None:
            matches = [i for i in range(1, self.count()) if typed in self.itemText(i).casefold()]
            found = matches[0] if len(matches) == 1 else None
        if found is not None:
            if found != self.currentIndex():
                self.setCurrentIndex(found)
            self.setEditText(self.itemText(found))
            return
        self.setEditText(self.itemText(self.currentIndex()))

    def code(self) -> str:
        return self.currentData() or ""

    def set_code(self, code: str) -> None:
        if code:
            self.ensure_filled()
        self.setCurrentIndex(max(self.findData(code or ""), 0))


def language_items() -> list[tuple[str, str, str]]:
    return [(code, f"{name} ({code})", name) for code, name in collated(list(language_names().items()))]


class LanguageField(FieldEditor):
    """One language (ISO 639 code, or None), picked by its name in the UI language or its code."""

    def __init__(self, session, path, parent=None) -> None:
        super().__init__(session, path, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = CodeCombo(self, language_items, _("Search for a language\u2026"))
        self.combo.setMinimumContentsLength(24)
        self.combo.set_code(session.get(path) or "")
        self.combo.currentIndexChanged.connect(lambda _i: self.write(self.combo.code() or None))
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)

    def focus_widget(self):
        return self.combo
