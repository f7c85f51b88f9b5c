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
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
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


def line_edit_full(edit) -> None:
    """A one-line box holds as much as the model does (Qt's default is 32,767); when a paste
    fills it, say so (Qt has cut what did not fit; a :class:`LineBox` cuts it itself)."""
    from ...model.text import MAX_TEXT

    if isinstance(edit, QLineEdit) and len(edit.text()) >= MAX_TEXT:
        tell_limit(edit)


#: The most lines a text box grows to show (beyond, it scrolls).
GROW_LINES = 12


class TextBox(QPlainTextEdit):
    """A plain-text editor at least a given number of lines high, growing with its text up to
    :data:`GROW_LINES` lines (so that what was written shows whole, not a line and a half
    under a scroll bar), always a whole number of lines high. Tab moves on to the next
    field. Pasted text keeps its line breaks, Word's included (shown and stored as line breaks)."""

    def __init__(self, lines: int, parent=None) -> None:
        super().__init__(parent)
        self.lines = lines
        self._shown_lines = lines
        self.setTabChangesFocus(True)
        self.document().documentLayout().documentSizeChanged.connect(self._grow)
        self.textChanged.connect(self._grow)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._grow()  # (laid out again at a new width: more or fewer lines)

    def wanted_lines(self) -> int:
        """Lines the box is high: its text's (as laid out at its width), within its bounds."""
        count = int(self.document().documentLayout().documentSize().height())  # (lines, for a plain-text layout)
        return max(self.lines, min(count, max(self.lines, GROW_LINES)))

    def _grow(self, _size=None) -> None:
        if self.wanted_lines() != self._shown_lines:
            self._shown_lines = self.wanted_lines()
            self.updateGeometry()

    def _height(self, lines: int) -> int:
        return (self.fontMetrics().lineSpacing() * lines + self.frameWidth() * 2
                + round(self.document().documentMargin() * 2) + 2)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 (Qt API)
        if source.hasText():
            self.insertPlainText(line_breaks(source.text()))
        else:
            super().insertFromMimeData(source)

    def sizeHint(self):  # noqa: N802 (Qt API)
        from PySide6.QtCore import QSize

        hint = super().sizeHint()
        return QSize(hint.width(), self._height(self.wanted_lines()))

    def minimumSizeHint(self):  # noqa: N802 (Qt API)
        from PySide6.QtCore import QSize

        return QSize(120, self.fontMetrics().lineSpacing() * min(self.lines, 2) + 12)


class LineBox(TextBox):
    """A one-line text shown on as many lines as the box's width needs: a long authority's
    name or an annex's title is read whole, never cut at the box's edge (issue 11's screenshots
    at 1024×768). Enter adds no line (it goes on to the window, as in a line box) and a line
    break pasted into it is a space: what it holds is one line. It answers as a ``QLineEdit``
    does (``text``, ``setText``, ``textEdited`` for the user's edits, ``setMaxLength`` ...)."""

    textEdited = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(1, parent)
        self.document().setDocumentMargin(2)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._max_length = MAX_TEXT
        self._setting = False
        self.textChanged.connect(self._changed)

    # -- as QLineEdit ---------------------------------------------------------------------
    def text(self) -> str:
        """The text as one line (the raw text: no-break spaces kept)."""
        return line_breaks(self.document().toRawText()).replace("\n", " ")

    def setText(self, text: str) -> None:  # noqa: N802 (QLineEdit's API)
        self._setting = True
        try:
            self.setPlainText(line_breaks(text or "").replace("\n", " "))
        finally:
            self._setting = False

    def setMaxLength(self, length: int) -> None:  # noqa: N802 (QLineEdit's API)
        self._max_length = length

    def maxLength(self) -> int:  # noqa: N802 (QLineEdit's API)
        return self._max_length

    def cursorPosition(self) -> int:  # noqa: N802 (QLineEdit's API)
        return self.textCursor().position()

    def setCursorPosition(self, position: int) -> None:  # noqa: N802 (QLineEdit's API)
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(position, self.document().characterCount() - 1)))
        self.setTextCursor(cursor)

    def hasSelectedText(self) -> bool:  # noqa: N802 (QLineEdit's API)
        return self.textCursor().hasSelection()

    def del_(self) -> None:
        self.textCursor().deleteChar()

    # -- one line ---------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # no new line: the window may act on Enter, as for a line box
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 (Qt API)
        if source.hasText():
            self.insertPlainText(line_breaks(source.text()).replace("\n", " "))
        else:
            super().insertFromMimeData(source)

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.selectAll()  # (as a line box does when tabbed into)

    def _changed(self) -> None:
        if self._setting:
            return
        raw = self.document().toRawText()
        if "\u2029" in raw or "\u2028" in raw:  # a line break that came another way (a drop)
            position = self.cursorPosition()
            self.setText(raw)
            self.setCursorPosition(position)
        if self.document().characterCount() - 1 > self._max_length:
            enforce_limit(self)
        self.textEdited.emit(self.text())


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
    """Text kept as written on one line (a telephone number, a name in Latin letters), shown
    on as many lines as the box's width needs (:class:`LineBox`)."""

    def __init__(self, session, path, parent=None) -> None:
        super().__init__(session, path, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = LineBox(self)
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


class _WrapDelegate(QStyledItemDelegate):
    """The choices of a :class:`WrapCombo`'s pop-up, each on as many lines as it needs at the
    box's width (Qt's own pop-up cut a long annex title in its middle: "témoin d… 2027")."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self.combo = combo

    def initStyleOption(self, option, index) -> None:  # noqa: N802 (Qt API)
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        option.textElideMode = Qt.TextElideMode.ElideNone

    def sizeHint(self, option, index):  # noqa: N802 (Qt API)
        from PySide6.QtCore import QRect, QSize

        hint = super().sizeHint(option, index)
        view = self.combo.view()
        # (the pop-up's width once shown; before, the box's: Qt then widens it for long choices)
        width = max(view.viewport().width() if view.isVisible() else self.combo.width() - 2, 40)
        text = str(index.data() or "")
        margin = 2 * (self.combo.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.combo) + 1)
        height = self.combo.fontMetrics().boundingRect(QRect(0, 0, width - margin - 4, 1 << 20),
                                                       int(Qt.TextFlag.TextWordWrap), text).height() + 6
        return QSize(width, max(hint.height(), height))


class WrapCombo(QComboBox):
    """A drop-down whose closed box shows the whole of its choice, on as many lines as the
    box's width needs (a long French or Russian choice, an annex's title, is never cut off:
    issue 11's screenshots at 1024×768). It is as high as its chosen text needs at its width
    (height-for-width, like a word-wrapped label), so it takes the column's width it is given
    and grows downwards; its pop-up is as wide as Qt makes it (its widest choice, within the
    screen). Property ``wrapsText`` says so to those who measure it."""

    _PAD = 2  # px between the text and the edge of the box's text field

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setProperty("wrapsText", True)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setVerticalPolicy(policy.Policy.Preferred)
        self.setSizePolicy(policy)
        self.currentIndexChanged.connect(lambda _i: self.updateGeometry())
        self.setItemDelegate(_WrapDelegate(self))
        self.view().setWordWrap(True)
        self.view().setTextElideMode(Qt.TextElideMode.ElideNone)

    def showPopup(self) -> None:  # noqa: N802 (Qt API)
        """Qt's pop-up, its choices measured again at its real width (wider than the box for
        long choices) and its height made what they then need."""
        super().showPopup()
        view = self.view()
        view.doItemsLayout()
        popup = view.window()
        rows = [view.sizeHintForRow(row) for row in range(self.count()) if not view.isRowHidden(row)]
        needed = sum(rows[: self.maxVisibleItems()]) + popup.height() - view.viewport().height()
        if 0 < needed < popup.height():
            popup.resize(popup.width(), needed)

    def _one_line(self) -> int:
        return super().sizeHint().height()

    def _field(self, width: int, height: int):
        from PySide6.QtCore import QRect
        from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.rect = QRect(0, 0, width, height)
        return self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                           QStyle.SubControl.SC_ComboBoxEditField, self)

    def _text_height(self, text: str, width: int) -> int:
        from PySide6.QtCore import QRect

        return self.fontMetrics().boundingRect(QRect(0, 0, max(width, 1), 1 << 20),
                                               int(Qt.TextFlag.TextWordWrap), text).height()

    def height_for_text(self, text: str, width: int) -> int:
        """The box's height (px) that shows ``text`` whole at ``width`` px wide."""
        one = self._one_line()
        field = self._field(width, one)
        needed = self._text_height(text, field.width() - 2 * self._PAD) + (one - field.height()) + 2 * self._PAD
        return max(one, needed)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return self.height_for_text(self.currentText(), width)

    def sizeHint(self):  # noqa: N802 (Qt API)
        from PySide6.QtCore import QSize

        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(max(self.width(), hint.width())))

    def minimumSizeHint(self):  # noqa: N802 (Qt API)
        from PySide6.QtCore import QSize

        hint = super().minimumSizeHint()
        return QSize(hint.width(), self._one_line())

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        from PySide6.QtGui import QPalette
        from PySide6.QtWidgets import QStyle, QStyleOptionComboBox, QStylePainter

        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        text = option.currentText
        option.currentText = ""
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        box = field.adjusted(self._PAD, self._PAD, -self._PAD, -self._PAD)
        painter.setPen(self.palette().color(QPalette.ColorGroup.Active if self.isEnabled() else QPalette.ColorGroup.Disabled,
                                            QPalette.ColorRole.ButtonText))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap), text)


class ChoiceField(FieldEditor):
    """A choice among fixed values; ``options`` is a list of ``(value, label)``. With
    ``nullable`` a first entry "— choose —" writes ``blank`` (None, or "" for a text field)."""

    def __init__(self, session, path, options, nullable: bool = True, parent=None, wide: bool = False,
                 blank: object = None) -> None:
        super().__init__(session, path, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = WrapCombo(self)
        longest = max((len(label) for _value, label in options), default=10)
        wide = wide or longest > 32  # long choices get the full width (and wrap, never cut)
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
