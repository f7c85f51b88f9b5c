"""Countries and languages: searchable combos with names in the UI language.

The country picker offers only States (:mod:`mla_writer.states`: UN official short names)
and finds one by any of its names or aliases in the four languages, without diacritics, or
by its ISO code ("Turkey", "turkiye", "Moldavia", "Holland", "TR"). Languages come from CLDR.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCollator, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
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
    """Code -> UN short name in the UI language, for every State (see :mod:`mla_writer.states`)."""
    from ... import states

    return dict(states.sorted_names(ui_language()))


def state_items() -> list[tuple[str, str]]:
    """(code, name) of every State in the UI language, in display order."""
    from ... import states

    return states.sorted_names(ui_language())


def search_states(text: str) -> list[str] | None:
    """Codes of the States matching ``text``, best first (None: no filter, for empty text)."""
    from ... import states

    if not text.strip():
        return None
    return states.search(text, ui_language(), limit=None)


def resolve_state(text: str) -> str | None:
    """The State that ``text`` names: exactly (any name, alias or code), or as the only match."""
    from ... import states

    code = states.lookup(text)
    if code is None:
        found = states.search(text, ui_language(), limit=2) if text.strip() else []
        code = found[0] if len(found) == 1 else None
    return code


def describe_code(code: str) -> str:
    """How the picker shows a value that is not a State: the code, with a name if known."""
    from ... import states

    label = states.name(code, ui_language())
    return code if label == code else f"{code} ({label})"


class RankedFilter(QSortFilterProxyModel):
    """The combo's items whose code (``UserRole``) is among search results, in their order."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.ranks: dict[str, int] | None = None
        self.setDynamicSortFilter(True)

    def set_codes(self, codes: list[str] | None) -> None:
        self.ranks = None if codes is None else {code: i for i, code in enumerate(codes)}
        self.invalidate()
        self.sort(0)

    def _code(self, index) -> str:
        return index.data(Qt.ItemDataRole.UserRole) or ""

    def filterAcceptsRow(self, row, parent) -> bool:  # noqa: N802 (Qt API)
        code = self._code(self.sourceModel().index(row, 0, parent))
        if not code:
            return False
        return self.ranks is None or code in self.ranks

    def lessThan(self, left, right) -> bool:  # noqa: N802 (Qt API)
        if self.ranks is None:
            return left.row() < right.row()
        last = len(self.ranks)
        return self.ranks.get(self._code(left), last) < self.ranks.get(self._code(right), last)


def language_names() -> dict[str, str]:
    from babel import Locale

    names = Locale.parse(ui_language()).languages
    return {code: name for code, name in names.items() if code.isalpha() and code.islower() and 2 <= len(code) <= 3}


class RankedCompleter(QCompleter):
    """A completer over an already filtered and ranked model: it shows the model as it is.

    It highlights the top row (which Return then chooses) only when ``top`` is set: when the
    typed text names that one item. Otherwise nothing is highlighted and the user picks a
    suggestion with the arrow keys or the mouse: "Korea" must not choose one of the two
    Koreas behind the user's back.
    """

    top = False

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt API)
        # [] makes the first row current; "\x00" starts no item's text, so none is.
        return [] if self.top else ["\x00"]


class FillOnFirstUse:
    """For a combo whose items are costly (CLDR names): ``ensure_filled()`` runs when the box
    is first focused, typed into or opened, not when the form is built."""

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.ensure_filled()
        super().focusInEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.ensure_filled()
        super().keyPressEvent(event)

    def showPopup(self) -> None:  # noqa: N802 (Qt API)
        self.ensure_filled()
        super().showPopup()


class _WrapLineEdit(QLineEdit):
    """The line of an editable drop-down that, while the user is not typing in it, shows a
    chosen name too long for it on wrapped lines (its drop-down is as high as that needs: see
    :class:`WrapsChosen`), not cut off: "Соединенное Королевство Великобритании и Северной
    Ирландии" at 1024×768. Typed into, it is the plain line it always was."""

    def wraps(self) -> bool:
        return (not self.hasFocus() and bool(self.text())
                and self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width() - 4)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self.wraps():
            super().paintEvent(event)
            return
        from PySide6.QtGui import QPainter, QPalette

        painter = QPainter(self)
        group = QPalette.ColorGroup.Active if self.isEnabled() else QPalette.ColorGroup.Disabled
        painter.fillRect(self.rect(), self.palette().color(group, QPalette.ColorRole.Base))
        painter.setPen(self.palette().color(group, QPalette.ColorRole.Text))
        painter.drawText(self.contentsRect().adjusted(2, 0, -2, 0),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap),
                         self.text())

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().focusOutEvent(event)
        self.update()


class WrapsChosen:
    """For an editable :class:`QComboBox`: as high as its chosen item's text needs at its width
    (height-for-width), which its line (:class:`_WrapLineEdit`) shows wrapped while not typed
    in. Its height follows the choice only, never the typing. Property ``wrapsText``."""

    def _wrap_setup(self) -> None:
        self.setLineEdit(_WrapLineEdit(self))
        self.setProperty("wrapsText", True)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.currentIndexChanged.connect(lambda _i: self.updateGeometry())

    def chosen_text(self) -> str:
        index = self.currentIndex()
        return self.itemText(index) if index >= 0 else ""

    def height_for_text(self, text: str, width: int) -> int:
        """The drop-down's height (px) that shows ``text`` whole at ``width`` px wide."""
        from PySide6.QtCore import QRect
        from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

        one = QComboBox.sizeHint(self).height()
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.rect = QRect(0, 0, width, one)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        room = field.width() - 8  # (the line's own margins, and the 2 px its painting keeps each side)
        needed = self.fontMetrics().boundingRect(QRect(0, 0, max(room, 1), 1 << 20),
                                                 int(Qt.TextFlag.TextWordWrap), text).height()
        return max(one, needed + (one - field.height()) + 4)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return self.height_for_text(self.chosen_text(), width)

    def sizeHint(self):  # noqa: N802 (Qt API)
        from PySide6.QtCore import QSize

        hint = QComboBox.sizeHint(self)
        return QSize(hint.width(), self.heightForWidth(max(self.width(), hint.width())))


class SearchCombo(WrapsChosen, FillOnFirstUse, QComboBox):
    """An editable combo that only accepts its own items; typing filters the items.

    With ``source`` (a function returning the items) the list is filled when first needed
    (focus, pop-up, or a value to show), so an empty form costs no lookup at start-up.

    By default typing filters by any part of the displayed name. With ``search`` (text ->
    item codes best first, or None for all) the completer shows the items it returns, in
    its order, so an item can be found by names it does not display; ``resolve`` (text ->
    code or None) then says which item typed text that is not a displayed name stands for.
    ``describe`` (code -> text) shows a value that is not among the items instead of
    dropping it (default: the code itself).
    """

    def __init__(
        self,
        parent=None,
        source=None,
        placeholder: str = "",
        search: Callable[[str], list[str] | None] | None = None,
        resolve: Callable[[str], str | None] | None = None,
        describe: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.placeholder = placeholder
        self.search = search
        self.resolve = resolve
        self.describe = describe or (lambda code: code)
        self.setEditable(True)
        self._wrap_setup()
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        if search is None:
            self.ranked = None
            completer = QCompleter(self.model(), self)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        else:
            self.ranked = RankedFilter(self)
            self.ranked.setSourceModel(self.model())
            completer = RankedCompleter(self.ranked, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
            # Before the line edit asks the completer to complete (same signal, connected later).
            self.lineEdit().textEdited.connect(self._filter_for)
        completer.setMaxVisibleItems(15)
        self.setCompleter(completer)
        self.lineEdit().editingFinished.connect(self._snap)
        self.lineEdit().setPlaceholderText(placeholder)

    def _filter_for(self, text: str) -> None:
        self.ensure_filled()
        codes = self.search(text)
        self.ranked.set_codes(codes)
        named = self.resolve(text) if self.resolve is not None and codes else None
        self.completer().top = bool(codes) and named == codes[0]

    def ensure_filled(self) -> None:
        if self.source is not None:
            source, self.source = self.source, None
            edit = self.lineEdit()
            typed, cursor = edit.text(), edit.cursorPosition()
            self.fill(source(), self.placeholder)
            if typed:  # filled while the user types: keep what was typed
                edit.setText(typed)
                edit.setCursorPosition(cursor)


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
        code = self.resolve(self.currentText()) if self.resolve is not None and text else None
        if code:
            index = self.findData(code)
            if index >= 0:
                if index != self.currentIndex():
                    self.setCurrentIndex(index)
                else:
                    self.setEditText(self.itemText(index))
                return
        self.setEditText(self.itemText(self.currentIndex()))

    def code(self) -> str:
        return self.currentData() or ""

    def set_code(self, code: str) -> None:
        """Show ``code``; one that is not among the items (a value from an older or hand-made
        draft) is added as it is, described, so that it is shown rather than lost."""
        if code:
            self.ensure_filled()
            if self.findData(code) < 0:
                self.addItem(self.describe(code), code)
        self.setCurrentIndex(max(self.findData(code), 0))


class CountryField(FieldEditor):
    def __init__(self, session, path, parent=None) -> None:
        super().__init__(session, path, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = SearchCombo(
            self,
            state_items,
            _("Search for a country\u2026"),
            search=search_states,
            resolve=resolve_state,
            describe=describe_code,
        )
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
        row.addWidget(self.combo, 1)
        # the buttons beside the box, or under each other where the column is narrow (a French
        # or Russian window at 1024 pixels with the preview shown): never wider than the page
        from .problems import ButtonLine

        buttons = ButtonLine(self)
        buttons.add(self.add_button)
        buttons.add(self.remove_button)
        row.addWidget(buttons, 1)
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
