"""Countries and languages: searchable combos with CLDR names in the UI language."""

from __future__ import annotations

from PySide6.QtCore import QCollator, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ..i18n import _, qlocale, ui_language
from .fields import FieldEditor


def _sorted(names: dict[str, str]) -> list[tuple[str, str]]:
    collator = QCollator(qlocale())
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return sorted(names.items(), key=lambda item: collator.sortKey(item[1]))


def country_names() -> dict[str, str]:
    from ...catalogue import country_names as cldr

    return cldr(ui_language())


def language_names() -> dict[str, str]:
    from babel import Locale

    names = Locale.parse(ui_language()).languages
    return {code: name for code, name in names.items() if code.isalpha() and code.islower() and 2 <= len(code) <= 3}


class SearchCombo(QComboBox):
    """An editable combo that only accepts its own items; typing filters by any part of the name.

    With ``source`` (a function returning the items) the list is filled when first needed
    (focus, pop-up, or a value to show), so an empty form costs no CLDR lookup at start-up.
    """

    def __init__(self, parent=None, source=None, placeholder: str = "") -> None:
        super().__init__(parent)
        self.source = source
        self.placeholder = placeholder
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().editingFinished.connect(self._snap)
        self.lineEdit().setPlaceholderText(placeholder)

    def ensure_filled(self) -> None:
        if self.source is not None:
            source, self.source = self.source, None
            self.fill(source(), self.placeholder)

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.ensure_filled()
        super().focusInEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.ensure_filled()
        super().keyPressEvent(event)

    def showPopup(self) -> None:  # noqa: N802 (Qt API)
        self.ensure_filled()
        super().showPopup()

    def fill(self, items: list[tuple[str, str]], placeholder: str) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItem("", "")
        for code, name in items:
            self.addItem(name, code)
        self.lineEdit().setPlaceholderText(placeholder)
        self.blockSignals(False)

    def _snap(self) -> None:
        """Typed text that names an item selects it; anything else goes back to the choice."""
        text = self.currentText().strip().casefold()
        for i in range(self.count()):
            if self.itemText(i).casefold() == text:
                if i != self.currentIndex():
                    self.setCurrentIndex(i)
                return
        self.setEditText(self.itemText(self.currentIndex()))

    def code(self) -> str:
        return self.currentData() or ""

    def set_code(self, code: str) -> None:
        if code:
            self.ensure_filled()
        self.setCurrentIndex(max(self.findData(code), 0))


class CountryField(FieldEditor):
    def __init__(self, session, path, parent=None) -> None:
        super().__init__(session, path, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = SearchCombo(self, lambda: _sorted(country_names()), _("Search for a country\u2026"))
        self.combo.setMinimumContentsLength(30)
        self.combo.set_code(session.get(path))
        self.combo.currentIndexChanged.connect(lambda _i: self.write(self.combo.code()))
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)

    def focus_widget(self):
        return self.combo


class LanguageListField(FieldEditor):
    """A list of language codes (any language), picked by name."""

    def __init__(self, session, path, parent=None) -> None:
        super().__init__(session, path, parent)
        self.names = language_names()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.combo = SearchCombo(self)
        self.combo.setMinimumContentsLength(20)
        self.combo.fill(_sorted(self.names), _("Search for a language\u2026"))
        self.add_button = QPushButton(_("Add language"), self)
        self.add_button.clicked.connect(self._add)
        self.remove_button = QPushButton(_("Remove language"), self)
        self.remove_button.clicked.connect(self._remove)
        row.addWidget(self.combo)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 8)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self.setFocusProxy(self.combo)
        self._refresh()

    def _refresh(self) -> None:
        self.list.clear()
        for code in self.session.get(self.path):
            item = QListWidgetItem(f"{self.names.get(code, code)} ({code})")
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.list.addItem(item)
        self.remove_button.setEnabled(self.list.count() > 0)

    def add_code(self, code: str) -> None:
        codes = list(self.session.get(self.path))
        if code and code not in codes:
            self.write([*codes, code])
            self._refresh()

    def _add(self) -> None:
        self.add_code(self.combo.code())

    def _remove(self) -> None:
        item = self.list.currentItem() or self.list.item(self.list.count() - 1)
        if item is None:
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        self.write([c for c in self.session.get(self.path) if c != code])
        self._refresh()

    def focus_widget(self):
        return self.combo

    def set_accessible(self, name: str) -> None:
        self.setAccessibleName(name)
        self.combo.setAccessibleName(name)
        self.list.setAccessibleName(name)
