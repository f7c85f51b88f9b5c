"""Simple editors bound to one model path: text line or lines, check box, yes/no, choice, number, set of options."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...model.text import MAX_TEXT
from ..i18n import _
from . import wheel


class FieldEditor(QWidget):
    """Base: an editor for ``session.letter.<path>``."""

    changed = Signal()

    def __init__(self, session, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path = path
        wheel.install()  # once per application: the wheel changes no unfocused value editor

    def write(self, value) -> None:
        self.session.set(self.path, value)
        self.changed.emit()

    def focus_widget(self) -> QWidget:
        return self

    def set_accessible(self, name: str) -> None:
        self.setAccessibleName(name)
        self.focus_widget().setAccessibleName(name)


#: What ends a line in pasted text besides "\n": Word's manual line break (U+000B) and page
#: break (U+000C), Unicode's line and paragraph separators, NEL, and "\r".
_BREAKS = re.compile("\r\n|[\r\v\f\u0085\u2028\u2029]")


def line_breaks(text: str) -> str:
    """Every kind of line break in ``text`` as "\n" (the model would delete U+000B and U+000C,
    characters XML cannot hold, and run "width" into "Line"): what ``_BREAKS.sub("\n", text)``
    gives, by :meth:`str.replace` (a scan in C per kind of break, several times faster on the
    long texts read at every keystroke than the regular expression)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for brk in "\v\f\u0085\u2028\u2029":
        if brk in text:
            text = text.replace(brk, "\n")
    return text


def raw_text(edit: QPlainTextEdit) -> str:
    """The text of a plain-text editor as typed: ``toPlainText()`` turns no-break spaces
    (French "texte\u00a0;") into ordinary spaces, the raw text keeps them; its paragraph and
    line separators, and Word's line breaks, are "\n"."""
    return line_breaks(edit.document().toRawText())


def one_line(edit: QLineEdit) -> str:
    """The text of a one-line box, any line break pasted into it (Word's U+000B too) made a
    space, in the box as well: what the box shows is what the draft holds."""
    text = edit.text()
    clean = line_breaks(text).replace("\n", " ")
    if clean != text:
        cursor = edit.cursorPosition() - (len(text) - len(clean))
        edit.setText(clean)
        edit.setCursorPosition(max(cursor, 0))
    return clean


def tell_limit(widget: QWidget) -> str:
    """Say that a field is full (in the window's status bar and a tooltip at the field); return
    the message."""
    from PySide6.QtWidgets import QToolTip

    from ...model.text import MAX_TEXT
    from ..i18n import qlocale

    message = _("This field holds at most {limit} characters; the text beyond that was not added.").format(
        limit=qlocale().toString(MAX_TEXT))
    bar = getattr(widget.window(), "statusBar", None)
    if callable(bar):
        bar().showMessage(message, 15000)
    QToolTip.showText(widget.mapToGlobal(widget.rect().bottomLeft()), message, widget)
    return message


def _py_index(text: str, utf16: int) -> int:
    """The index in ``text`` of the character at UTF-16 position ``utf16`` (Qt's positions)."""
    return len(text.encode("utf-16-le")[: utf16 * 2].decode("utf-16-le", errors="ignore"))


def enforce_limit(edit: QPlainTextEdit) -> bool:
    """Keep a plain-text editor within :data:`~mla_writer.model.text.MAX_TEXT` characters, the
    limit loading enforces: what was just typed or pasted beyond it (the characters before the
    cursor) is taken out again, and the user is told. True if something was taken out.

    Only those characters are removed from the document (not the whole text set again, which
    laid out and spell-checked a text of a million characters on every keystroke in a full field)."""
    from ...model.text import MAX_TEXT

    if edit.document().characterCount() - 1 <= MAX_TEXT:  # UTF-16 units >= characters: cannot be over
        return False
    raw = edit.document().toRawText()
    excess = len(line_breaks(raw)) - MAX_TEXT
    if excess <= 0:
        return False
    end = _py_index(raw, edit.textCursor().position())
    start = max(0, end - excess)
    kept = raw[:start] + raw[end:]
    cut = len(kept) - max(0, len(line_breaks(kept)) - MAX_TEXT)  # (cursor at the start: cut the end)
    blocked = edit.blockSignals(True)
    try:
        cursor = edit.textCursor()
        if cut < len(kept):  # the end goes too: its UTF-16 span in the document as it is now
            tail = len(kept) - cut
            cursor.setPosition(_utf16_len(raw) - _utf16_len(raw[len(raw) - tail:]))
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        cursor.setPosition(_utf16_len(raw[:start]))
        cursor.setPosition(_utf16_len(raw[:end]), QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
    finally:
        edit.blockSignals(blocked)
    edit.setTextCursor(cursor)
    tell_limit(edit)
    return True


def _utf16_len(text: str) -> int:
    """How many UTF-16 units (Qt's positions) ``text`` takes."""
    return len(text.encode("utf-16-le")) // 2


def line_edit_full(edit: QLineEdit) -> None:
    """A one-line box holds as much as the model does (Qt's default is 32,767); when a paste
    fills it, say so (Qt has cut what did not fit)."""
    from ...model.text import MAX_TEXT

    if len(edit.text()) >= MAX_TEXT:
        tell_limit(edit)


class TextBox(QPlainTextEdit):
    """A plain-text editor a given number of lines high; Tab moves on to the next field.
    Pasted text keeps its line breaks, Word's included (shown and stored as line breaks)."""

    def __init__(self, lines: int, parent=None) -> None:
        super().__init__(parent)
        self.lines = lines
        self.setTabChangesFocus(True)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 (Qt API)
        if source.hasText():
            self.insertPlainText(line_breaks(source.text()))
        else:
            super().insertFromMimeData(source)

    def sizeHint(self):  # noqa: N802 (Qt API)
        from PySide6.QtCore import QSize

        hint = super().sizeHint()
        frame = self.frameWidth() * 2 + int(self.document().documentMargin() * 2) + 4
        return QSize(hint.width(), self.fontMetrics().lineSpacing() * self.lines + frame)

    def minimumSizeHint(self):  # noqa: N802 (Qt API)
        from PySide6.QtCore import QSize

        return QSize(120, self.fontMetrics().lineSpacing() * min(self.lines, 2) + 12)


def _annotation(session, path: str):
    """The pydantic annotation of the model field at ``path`` (None if it cannot be found)."""
    from ..session import parse_path

    parts = parse_path(path)
    name = parts[-1]
    if not isinstance(name, str):
        return None
    parent = session.letter
    for part in parts[:-1]:
        parent = parent[part] if isinstance(part, int) else getattr(parent, part)
    info = type(parent).model_fields.get(name)
    return None if info is None else info.annotation


def nullable(session, path: str) -> bool:
    """Whether the model accepts None at ``path`` (``X | None``), from the pydantic field's annotation."""
    import types
    import typing

    annotation = _annotation(session, path)
    if annotation is None:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return type(None) in typing.get_args(annotation)
    return annotation is type(None)


def blank_choice(session, path: str) -> tuple[bool, object]:
    """Whether a choice at ``path`` may be left blank, and the value that blank writes:
    None for ``X | None``, ``""`` for a plain text reference (a person's id), else no blank."""
    import typing

    if nullable(session, path):
        return True, None
    annotation = _annotation(session, path)
    if annotation is str or (typing.get_origin(annotation) is typing.Annotated and typing.get_args(annotation)[0] is str):
        return True, ""
    return False, None


class LineField(FieldEditor):
    def __init__(self, session, path, parent=None) -> None:
        super().__init__(session, path, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setMaxLength(MAX_TEXT)
        self.edit.setText(session.get(path) or "")
        self.edit.setCursorPosition(0)  # show the beginning of long values
        self.edit.textEdited.connect(self._edited)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def _edited(self, _text: str) -> None:
        line_edit_full(self.edit)
        self.write(one_line(self.edit))

    def focus_widget(self):
        return self.edit


class LinesField(FieldEditor):
    """Text kept as written over a few lines (a postal address): one string, line breaks kept."""

    def __init__(self, session, path, lines: int = 2, parent=None) -> None:
        super().__init__(session, path, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = TextBox(lines, self)
        self.edit.setPlainText(session.get(path) or "")
        self.edit.textChanged.connect(self._edited)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def _edited(self) -> None:
        enforce_limit(self.edit)
        self.write(raw_text(self.edit))

    def focus_widget(self):
        return self.edit


class _ClickLabel(QLabel):
    """The word-wrapped text of a check box: clicking it toggles the box."""

    def __init__(self, text: str, box: QCheckBox, parent=None) -> None:
        super().__init__(text, parent)
        self.box = box
        self.setWordWrap(True)
        self.setBuddy(box)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.MouseButton.LeftButton and self.box.isEnabled():
            self.box.toggle()
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseReleaseEvent(event)


class CheckField(FieldEditor):
    """A check box whose text wraps (long French or Russian labels are never cut off)."""

    def __init__(self, session, path, text: str, parent=None) -> None:
        super().__init__(session, path, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox(self)
        self.box.setChecked(bool(session.get(path)))
        self.box.toggled.connect(self.write)
        self.box.setAccessibleName(text)
        self.label = _ClickLabel(text, self.box, self)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.setFocusProxy(self.box)

    def focus_widget(self):
        return self.box


class YesNoField(FieldEditor):
    """An explicit answer to a yes/no question (``bool | None``: nothing chosen yet)."""

    def __init__(self, session, path, yes: str | None = None, no: str | None = None, parent=None) -> None:
        super().__init__(session, path, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.yes = QRadioButton(yes or _("Yes"), self)
        self.no = QRadioButton(no or _("No"), self)
        current = session.get(path)
        for value, button in ((True, self.yes), (False, self.no)):
            self.group.addButton(button)
            layout.addWidget(button)
            button.setChecked(current is value)  # showing the answer is no edit: before connecting
            button.toggled.connect(lambda on, value=value: on and self.write(value))
        self.setFocusProxy(self.yes)

    def focus_widget(self):
        return self.no if self.no.isChecked() else self.yes

    def set_accessible(self, name: str) -> None:
        self.setAccessibleName(name)
        self.yes.setAccessibleDescription(name)
        self.no.setAccessibleDescription(name)


class ChoiceField(FieldEditor):
    """A choice among fixed values; ``options`` is a list of ``(value, label)``. With
    ``nullable`` a first entry "— choose —" writes ``blank`` (None, or "" for a text field)."""

    def __init__(self, session, path, options, nullable: bool = True, parent=None, wide: bool = False,
                 blank: object = None) -> None:
        super().__init__(session, path, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox(self)
        longest = max((len(label) for _value, label in options), default=10)
        wide = wide or longest > 32  # long choices get the full width rather than being cut
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(min(max(longest, 12), 36))
        if nullable:
            self.combo.addItem(_("\u2014 choose \u2014"), blank)
        for value, label in options:
            self.combo.addItem(label, value)
        index = self.combo.findData(session.get(path))
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.currentIndexChanged.connect(lambda i: i >= 0 and self.write(self.combo.itemData(i)))  # -1: none shown
        layout.addWidget(self.combo, 1 if wide else 0)
        if not wide:
            layout.addStretch(1)
        self.setFocusProxy(self.combo)

    def focus_widget(self):
        return self.combo


class ListChoiceField(FieldEditor):
    """A choice among long labels (e.g. titles of conventions): a list whose lines wrap."""

    def __init__(self, session, path, options, rows: int = 6, parent=None) -> None:
        super().__init__(session, path, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setMinimumHeight(self.fontMetrics().lineSpacing() * rows * 2)
        current = session.get(path)
        for value, label in options:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            self.list.addItem(item)
            if value == current:
                self.list.setCurrentItem(item)
        self.list.currentItemChanged.connect(lambda item, _old: item is not None and self.write(item.data(Qt.ItemDataRole.UserRole)))
        layout.addWidget(self.list)
        self.setFocusProxy(self.list)

    def select(self, value) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == value:
                self.list.setCurrentRow(i)
                return

    def focus_widget(self):
        return self.list


class IntField(FieldEditor):
    """A whole number or nothing (shown as a dash)."""

    def __init__(self, session, path, parent=None) -> None:
        super().__init__(session, path, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.spin = QSpinBox(self)
        self.spin.setRange(-1, 99999)
        self.spin.setSpecialValueText("\u2014")
        value = session.get(path)
        self.spin.setValue(-1 if value is None else value)
        self.spin.valueChanged.connect(lambda v: self.write(None if v < 0 else v))
        layout.addWidget(self.spin)
        layout.addStretch(1)
        self.setFocusProxy(self.spin)

    def focus_widget(self):
        return self.spin


class MultiCheckField(FieldEditor):
    """A set of values from a fixed list, one check box each; stored in the list's order.

    ``empty`` is the text shown when there is nothing to choose from (yet).
    """

    def __init__(self, session, path, options, parent=None, empty: str = "") -> None:
        super().__init__(session, path, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty = None
        if not options and empty:
            self.empty = QLabel(empty, self)
            self.empty.setWordWrap(True)
            self.empty.setObjectName("hint")
            self.empty.setStyleSheet("color: palette(placeholder-text);")
            layout.addWidget(self.empty)
        chosen = set(session.get(path) or [])
        self.boxes: list[tuple[object, QCheckBox]] = []
        for value, label in options:
            box = QCheckBox(self)
            box.setChecked(value in chosen)
            box.setAccessibleName(label)
            box.toggled.connect(self._toggled)
            row = QHBoxLayout()
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(_ClickLabel(label, box, self), 1)
            layout.addLayout(row)
            self.boxes.append((value, box))
        if self.boxes:
            self.setFocusProxy(self.boxes[0][1])

    def _toggled(self) -> None:
        self.write([value for value, box in self.boxes if box.isChecked()])

    def focus_widget(self):
        return self.boxes[0][1] if self.boxes else self

    def set_accessible(self, name: str) -> None:
        self.setAccessibleName(name)
        for _value, box in self.boxes:
            box.setAccessibleDescription(name)
