"""Driving the wizard like a user: typing (non-ASCII safe), choosing, ticking, adding list items."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from mla_writer.model import MLText


def type_text(widget, text: str) -> None:
    """Type ``text`` into ``widget`` one key event per character (``keyClicks`` breaks on non-ASCII)."""
    widget.setFocus()
    for ch in text:
        if ch == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)
    QApplication.processEvents()


def replace_text(widget, text: str, typed_limit: int = 120) -> None:
    """Clear a line or text edit and enter ``text``: typed if short, pasted-like if long."""
    widget.selectAll()
    if isinstance(widget, QLineEdit):
        if widget.hasSelectedText():
            widget.del_()
        type_text(widget, text)
        return
    widget.textCursor().removeSelectedText()
    if len(text) <= typed_limit:
        type_text(widget, text)
    else:
        widget.insertPlainText(text)


def visible_problem_texts(page) -> list[str]:
    """Problem messages currently shown on a page (beside fields and at its top)."""
    from mla_writer.gui.widgets.problems import ProblemLabel

    return [
        p.message
        for label in page.findChildren(ProblemLabel)
        if label.isVisible()
        for p in label.problems
    ]


def fill_editor(window, editor, path: str, value, source) -> None:
    """Give the editor at ``path`` the value ``value`` through its widgets, like a user would."""
    from mla_writer.gui.widgets.amount import AmountField, format_number
    from mla_writer.gui.widgets.codes import LanguageField
    from mla_writer.gui.widgets.country import CountryField, LanguageListField
    from mla_writer.gui.widgets.dates import DateField, PartialDateField, format_partial_date
    from mla_writer.gui.widgets.fields import (
        CheckField, ChoiceField, IntField, LineField, LinesField, ListChoiceField, MultiCheckField, YesNoField,
    )
    from mla_writer.gui.widgets.listeditor import ListEditor
    from mla_writer.gui.widgets.mltext import MLTextField

    if isinstance(editor, ListEditor):
        fill_list(window, editor, value, source)
    elif isinstance(editor, MLTextField):
        for lang in editor.languages:
            if isinstance(value, MLText) and lang in value:
                editor.set_language(lang)
                replace_text(editor.edit, value.get(lang))
    elif isinstance(editor, (LineField, LinesField)):
        if value:
            replace_text(editor.edit, value)
    elif isinstance(editor, PartialDateField):
        if value:
            replace_text(editor.edit, format_partial_date(value))
            editor.edit.editingFinished.emit()
    elif isinstance(editor, AmountField):
        if value.value is not None:
            replace_text(editor.edit, format_number(value.value))
            editor.edit.editingFinished.emit()
        if value.currency:
            choose_code(editor.currency, value.currency)
    elif isinstance(editor, LanguageField):
        if value:
            choose_code(editor.combo, value)
    elif isinstance(editor, CountryField):
        if value:
            combo = editor.combo
            combo.showPopup()  # like a user opening the list: it is filled when first needed
            combo.hidePopup()
            assert combo.count() > 100
            name = combo.itemText(combo.findData(value))
            combo.lineEdit().selectAll()
            type_text(combo.lineEdit(), name)
            QTest.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
            combo.lineEdit().editingFinished.emit()
    elif isinstance(editor, CheckField):
        if editor.box.isChecked() != bool(value):
            QTest.mouseClick(editor.box, Qt.MouseButton.LeftButton)
            if editor.box.isChecked() != bool(value):  # hidden boxes do not take clicks
                editor.box.setChecked(bool(value))
    elif isinstance(editor, YesNoField):
        if value is not None:
            (editor.yes if value else editor.no).setChecked(True)
    elif isinstance(editor, ListChoiceField):
        editor.select(value)
    elif isinstance(editor, ChoiceField):
        editor.combo.setCurrentIndex(editor.combo.findData(value))
    elif isinstance(editor, MultiCheckField):
        for option, box in editor.boxes:
            box.setChecked(option in (value or []))
    elif isinstance(editor, DateField):
        editor.set_date(value)
    elif isinstance(editor, IntField):
        editor.spin.setValue(-1 if value is None else value)
    elif isinstance(editor, LanguageListField):
        for code in value:
            editor.combo.set_code(code)
            QTest.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    else:  # pragma: no cover - a new editor type needs a line here
        raise AssertionError(f"no way to fill {type(editor).__name__} at {path}")


def choose_code(combo, code: str) -> None:
    """Type a code into a searchable code box (currency, language) and leave it, like a user."""
    combo.setFocus()
    combo.lineEdit().selectAll()
    type_text(combo.lineEdit(), code.lower())
    QTest.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    combo.lineEdit().editingFinished.emit()


def fill_list(window, editor, items, source) -> None:
    for index, item in enumerate(items):
        if len(editor.factories) == 1:
            QTest.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        else:
            kind = getattr(item, "kind", None) or getattr(item, "type")
            made = [make([]) for _label, make in editor.factories]
            choice = next(i for i, obj in enumerate(made) if (getattr(obj, "kind", None) or obj.type) == kind)
            editor.add_button.menu().actions()[choice].trigger()
        item_path = f"{editor.path}[{index}]"
        assert editor.list.currentRow() == index
        fill_entries(window, editor.problem_map, item_path + ".", source)


def fill_entries(window, problem_map, prefix: str, source) -> None:
    from mla_writer.gui.session import get_value

    for path in list(problem_map.entries):
        if not path.startswith(prefix) or path not in problem_map.entries:
            continue
        editor, _label = problem_map.entries[path]
        fill_editor(window, editor, path, get_value(source, path), source)


def fill_page(window, source) -> None:
    """Fill every field of the current step with the values of ``source`` (a letter)."""
    from mla_writer.gui.session import get_value

    page = window.current_page()
    entries = page.problem_map.entries
    for first in ("drafting_language", "output_language"):  # texts are typed in the drafting language
        if first in entries:
            fill_editor(window, entries[first][0], first, get_value(source, first), source)
    for path in list(entries):
        if path in ("drafting_language", "output_language") or "[" in path or path not in entries:
            continue
        editor, _label = entries[path]
        fill_editor(window, editor, path, get_value(source, path), source)
