"""A list of model objects (persons, offences, measures ...): list + buttons + form of the selected one.

:class:`ListSpec` describes one declared list (:data:`mla_writer.fields.ITEMS`): how items
are made and named; the form of an item is built from the declarations of its fields.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import fields
from ..i18n import _
from ..session import parse_path
from .flow import FlowLayout
from .form import Form
from .problems import ProblemMap


def fresh_id(items, prefix: str) -> str:
    """The first identifier ``<prefix><n>`` not used by ``items`` (ids are stable: never renumbered)."""
    used = {item.id for item in items}
    n = len(items) + 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


class ListEditor(QWidget):
    """Edits ``session.letter.<path>``, a list of pydantic objects.

    ``factories`` is a list of ``(label, make)``: one means a plain Add button, several an
    Add menu (for example one entry per kind of assistance). ``build(form, item_path, obj)``
    fills the form of the selected item; ``title(index, obj, letter)`` names it in the list.
    """

    changed = Signal()

    def __init__(
        self,
        session,
        problems: ProblemMap,
        path: str,
        factories: list[tuple[str, Callable[[list], object]]],
        build: Callable[[Form, str, object], None],
        title: Callable[[int, object, object], str],
        add_text: str,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.problem_map = problems
        self.path = path
        self.build = build
        self.title = title
        self.factories = factories
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The list has the column's whole width, its buttons under it, wrapped onto a second
        # line in a narrow column (issue 11, trial L3: beside the buttons the list of legal
        # bases was 120 px wide, its entries cut off).
        self.list = QListWidget(self)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 10)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.currentRowChanged.connect(self._selected)
        layout.addWidget(self.list, 1)
        self.empty_hint = QLabel(_("Nothing added yet: use the button below."), self)
        self.empty_hint.setWordWrap(True)
        layout.addWidget(self.empty_hint)
        self.add_button = QPushButton(add_text, self)
        if len(factories) > 1:
            menu = QMenu(self.add_button)
            menu.setToolTipsVisible(True)
            for label, make, *tooltip in factories:  # an optional third element: the entry's tooltip
                action = menu.addAction(label, lambda make=make: self.add_item(make))
                if tooltip:
                    action.setToolTip(tooltip[0])
            self.add_button.setMenu(menu)
        else:
            self.add_button.clicked.connect(lambda: self.add_item(factories[0][1]))
        self.remove_button = QPushButton(_("Remove"), self)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button = QPushButton(_("Move up"), self)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton(_("Move down"), self)
        self.down_button.clicked.connect(lambda: self.move_current(1))
        buttons = FlowLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.box = QFrame(self)
        self.box.setFrameShape(QFrame.Shape.StyledPanel)
        self.box_layout = QVBoxLayout(self.box)
        self.box_title = QLabel(self.box)
        self.box_title.setWordWrap(True)
        font = self.box_title.font()
        font.setBold(True)
        self.box_title.setFont(font)
        self.box_layout.addWidget(self.box_title)
        layout.addWidget(self.box)
        self.form: Form | None = None
        session.edited.connect(self._refresh_current_title)
        self.setFocusProxy(self.list)
        self.refresh(0)

    # -- data --------------------------------------------------------------------------
    def items(self) -> list:
        return self.session.get(self.path)

    def item_path(self, index: int) -> str:
        return f"{self.path}[{index}]"

    def refresh(self, select: int | None = None) -> None:
        items = self.items()
        self.list.blockSignals(True)
        self.list.clear()
        for i, obj in enumerate(items):
            entry = QListWidgetItem(self.title(i, obj, self.session.letter))
            self.list.addItem(entry)
        self.list.blockSignals(False)
        self.list.setAccessibleName(self.accessibleName())
        if items:
            row = min(select if select is not None else 0, len(items) - 1)
            self.list.blockSignals(True)  # the form is built once, just below
            self.list.setCurrentRow(row)
            self.list.blockSignals(False)
            self._selected(row)
        else:
            self._selected(-1)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row, n = self.list.currentRow(), self.list.count()
        self.empty_hint.setVisible(n == 0)
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < n - 1)

    def _refresh_current_title(self) -> None:
        row = self.list.currentRow()
        items = self.items()
        if 0 <= row < len(items) and self.list.item(row) is not None:
            text = self.title(row, items[row], self.session.letter)
            self.list.item(row).setText(text)
            self.box_title.setText(text)

    # -- the selected item's form ------------------------------------------------------
    def _selected(self, row: int) -> None:
        if self.form is not None:
            self.session.flush()  # (text typed just now is read before its editor goes)
            self.problem_map.drop_under(self.path + "[")
            old, self.form = self.form, None
            # Hidden and taken out of the layout but kept in its parent until deleted: a widget
            # given no parent could come up as a window of its own before it is gone.
            old.hide()
            self.box_layout.removeWidget(old)
            old.deleteLater()
        items = self.items()
        self.box.setVisible(0 <= row < len(items))
        if 0 <= row < len(items):
            self.form = Form(self.session, self.problem_map, self.box)
            self.build(self.form, self.item_path(row), items[row])
            self.box_layout.addWidget(self.form)
            self.form.show()
            self.box_title.setText(self.title(row, items[row], self.session.letter))
            if self.session.report is not None:
                self.window_report_refresh()
        self._update_buttons()

    def window_report_refresh(self) -> None:
        page = self._page()
        if page is not None:
            page.show_report(self.session.report)

    def _page(self):
        widget = self.parent()
        while widget is not None and not hasattr(widget, "show_report"):
            widget = widget.parent()
        return widget

    # -- editing -------------------------------------------------------------------------
    def add_item(self, make) -> None:
        items = list(self.items())
        items.append(make(items))
        self.session.set(self.path, items)
        self.session.structure_changed.emit(self.path)
        self.refresh(len(items) - 1)
        if self.form is not None:
            self.form.setFocus(Qt.FocusReason.OtherFocusReason)
            self.form.focusNextChild()
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        items = list(self.items())
        if not 0 <= row < len(items):
            return
        del items[row]
        self.session.set(self.path, items)
        self.session.structure_changed.emit(self.path)
        self.refresh(max(row - 1, 0))
        self.changed.emit()

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        items = list(self.items())
        target = row + step
        if not (0 <= row < len(items) and 0 <= target < len(items)):
            return
        items[row], items[target] = items[target], items[row]
        self.session.set(self.path, items)
        self.session.structure_changed.emit(self.path)
        self.refresh(target)
        self.changed.emit()

    # -- problems and focus ----------------------------------------------------------------
    def focus_path(self, path: str):
        parts = parse_path(path[len(self.path):]) if path.startswith(self.path + "[") else []
        if parts and isinstance(parts[0], int) and parts[0] < self.list.count():
            if self.list.currentRow() != parts[0]:
                self.list.setCurrentRow(parts[0])
            target = self.problem_map.target(path)
            if target is not None and target != self.path:
                return self.problem_map.focus(path)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.list

    def focus_widget(self):
        return self.list

    def set_accessible(self, name: str) -> None:
        self.setAccessibleName(name)
        self.list.setAccessibleName(name)

    def mark_items(self, report) -> None:
        """Put a mark on items that have blocking problems (text, not colour alone). A long
        list is marked :data:`MARK_SLICE` items per event (the titles of the 4x large case's
        800 persons took 160 ms at once, a stall of typing at each report); the titles are
        made from the letter as it is, without the text still being typed (nothing flushed)."""
        from ..session import get_value, stored_letter

        prefix = self.path + "["
        errors = set()
        for problem in report.problems():  # (one pass: not a search of the report per item)
            if problem.severity.value == "error" and problem.path.startswith(prefix):
                index = problem.path[len(prefix):].split("]", 1)[0]
                if index.isdigit():
                    errors.add(int(index))
        letter = stored_letter(self.session)
        self._marking = (errors, get_value(letter, self.path), letter, 0)
        self._mark_slice()

    def _mark_slice(self) -> None:
        if getattr(self, "_marking", None) is None:
            return
        errors, items, letter, start = self._marking
        end = min(self.list.count(), len(items), start + MARK_SLICE)
        for i in range(start, end):
            text = self.title(i, items[i], letter)
            self.list.item(i).setText(("\u2716 " + text) if i in errors else text)
        if end < min(self.list.count(), len(items)):
            from PySide6.QtCore import QTimer

            self._marking = (errors, items, letter, end)
            QTimer.singleShot(0, self, self._mark_slice)
        else:
            self._marking = None


#: Items of a list marked per event by :meth:`ListEditor.mark_items`.
MARK_SLICE = 100


def item_fields(list_path: str, item) -> list:
    """The declarations of the fields of ``item``, an element of the list at ``list_path``:
    those of every item (``persons[]...``) and those of its variant (``assistance[records]...``)."""
    items = fields.ITEMS[list_path]
    tag = getattr(item, items.variant, "") if items.variant else ""
    wanted = {f"{list_path}[]", f"{list_path}[{tag}]"}
    return [f for f in fields.all_fields() if f.item_pattern in wanted]


class ListSpec:
    """How the wizard edits one declared list.

    ``path``       the list (a key of :data:`mla_writer.fields.ITEMS`);
    ``label``      msgid of the list's label; ``add_text`` msgid of the Add button (with its mnemonic);
    ``factories``  ``() -> [(label, make)]`` (or ``(label, make, tooltip)``), built when the editor is (labels in the UI language);
    ``title``      ``(index, item, letter) -> str``, the item's line in the list;
    ``build``      ``(form, item_path, item)`` to fill an item's form; by default its declared fields;
    ``options``    per declaration path, options for :meth:`Form.field` (``yes``/``no`` texts);
    ``with_session`` ``factories`` takes the session (what it offers depends on the letter).
    """

    def __init__(self, path: str, label: str, add_text: str, factories: Callable[..., list], title: Callable,
                 build: Callable | None = None, options: dict | None = None, with_session: bool = False) -> None:
        self.path = path
        self.with_session = with_session  # ``factories(session)``: what it offers depends on the letter
        self.label = label
        self.add_text = add_text
        self.factories = factories
        self.title = title
        self.build = build or self.build_declared
        self.options = options or {}

    def build_declared(self, form: Form, item_path: str, item) -> None:
        form.declared(item_fields(self.path, item), item_path, self.options)

    def editor(self, session, problems: ProblemMap, parent=None) -> ListEditor:
        factories = self.factories(session) if self.with_session else self.factories()
        return ListEditor(session, problems, self.path, factories, self.build, self.title, _(self.add_text), parent)
