"""Finding text that a window shows cut off: labels, buttons, tick boxes, drop-downs, boxes.

:func:`clipped` measures what each visible widget under a root has to show (its text in its
font) against the room it was given, the way a reader would see it: a one-line text wider than
its box, a wrapped text taller than its box, a word wider than a wrapping label, a drop-down
whose chosen text (or any of its choices, once chosen) does not fit its closed box, a widget
that runs past the right edge of the scrolled column or of the window.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QToolButton,
    QWidget,
)

WRAP = int(Qt.TextFlag.TextWordWrap)


def plain(text: str) -> str:
    """A button's or label's text without its mnemonic ampersands."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def wrapped_height(metrics, text: str, width: int) -> int:
    """Height of ``text`` wrapped at word boundaries in ``width`` px."""
    return metrics.boundingRect(QRect(0, 0, max(width, 1), 1 << 20), WRAP, text).height()


def widest_word(metrics, text: str) -> int:
    return max((metrics.horizontalAdvance(word) for word in text.split()), default=0)


def combo_text_rect(combo: QComboBox) -> QRect:
    """Where a closed drop-down draws its chosen text."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo)


def combo_problems(combo: QComboBox) -> list[str]:
    """A closed drop-down whose chosen text, or any choice it offers once chosen, is cut."""
    found = []
    metrics = combo.fontMetrics()
    if combo.isEditable():
        edit = combo.lineEdit()
        text = edit.text()
        room = edit.contentsRect().width() - 4
        if not combo.property("wrapsText") or edit.hasFocus():
            if text and metrics.horizontalAdvance(text) > room:
                found.append(f"drop-down {text!r}: the text is cut ({metrics.horizontalAdvance(text)} px in {room})")
            return found
        chrome = combo.height() - edit.contentsRect().height()
        for i in range(combo.count()):
            choice = combo.itemText(i)
            if metrics.horizontalAdvance(choice) <= room:
                continue
            needed = wrapped_height(metrics, choice, room)
            if choice == text and needed > edit.contentsRect().height():
                found.append(f"drop-down {choice!r} is cut ({edit.contentsRect().height()} px high, needs {needed})")
            elif choice != text and combo.height_for_text(choice, combo.width()) - chrome < needed:
                found.append(f"drop-down choice {choice!r} would be cut once chosen")
        return found
    box = combo_text_rect(combo)
    wraps = bool(combo.property("wrapsText"))
    shown = combo.currentText()
    for i in range(combo.count()):
        text = combo.itemText(i)
        if wraps:
            if widest_word(metrics, text) > box.width():
                found.append(f"drop-down choice {text!r}: a word is wider than the box ({box.width()} px)")
            elif text == shown and wrapped_height(metrics, text, box.width()) > box.height():
                found.append(f"drop-down {text!r} is cut ({box.height()} px high, needs "
                             f"{wrapped_height(metrics, text, box.width())})")
            elif text != shown and combo.height_for_text(text, combo.width()) - (combo.height() - box.height()) \
                    < wrapped_height(metrics, text, box.width()):
                found.append(f"drop-down choice {text!r} would be cut once chosen")
        elif metrics.horizontalAdvance(text) > box.width():
            what = "drop-down" if text == shown else "drop-down choice"
            found.append(f"{what} {text!r} is cut ({metrics.horizontalAdvance(text)} px in {box.width()})")
    return found


def label_problems(label: QLabel) -> list[str]:
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return []
    found = []
    shown = label.contentsRect()
    name = plain(text) if label.buddy() is not None else text
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height():
            found.append(f"label {name[:60]!r} is cut off ({label.height()} px high, needs {needed})")
        if label.textFormat() != Qt.TextFormat.RichText and not ('<' in text and '>' in text) \
                and widest_word(label.fontMetrics(), name) > shown.width():
            found.append(f"label {name[:60]!r}: a word is wider than the label")
    else:
        hint = label.sizeHint()
        if hint.width() > label.width() + 1:
            found.append(f"label {name[:60]!r} is cut ({label.width()} px wide, needs {hint.width()})")
        if hint.height() > label.height() + 1:
            found.append(f"label {name[:60]!r} is cut ({label.height()} px high, needs {hint.height()})")
    return found


def button_problems(button: QAbstractButton) -> list[str]:
    text = plain(button.text())
    if not text:
        return []
    hint = button.sizeHint()
    if isinstance(button, (QPushButton, QToolButton, QCheckBox, QRadioButton)) and hint.width() > button.width():
        return [f"button {text!r} is cut ({button.width()} px wide, needs {hint.width()})"]
    return []


def text_box_problems(box) -> list[str]:
    """A one-line box whose text is wider than it, or a text box that shows its text under a
    scroll bar although it would grow to show it whole (up to ``GROW_LINES`` lines)."""
    from PySide6.QtWidgets import QPlainTextEdit

    from mla_writer.gui.widgets.fields import GROW_LINES

    if isinstance(box, QLineEdit):
        text = box.text()
        room = box.contentsRect().width() - box.textMargins().left() - box.textMargins().right() - 4
        if text and box.fontMetrics().horizontalAdvance(text) > room:
            return [f"box {text[:50]!r} is cut ({box.fontMetrics().horizontalAdvance(text)} px in {room})"]
        return []
    if isinstance(box, QPlainTextEdit):
        lines = int(box.document().documentLayout().documentSize().height())
        text = box.document().toRawText()
        if box.horizontalScrollBar().isVisible():
            return [f"text {text[:50]!r} runs past its box's right edge"]
        if box.verticalScrollBar().isVisible() and lines <= GROW_LINES:
            return [f"text {text[:50]!r} ({lines} lines) is shown under a scroll bar"]
    return []


def _scroller(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


def edge_problems(window: QWidget, widget: QWidget, name: str) -> list[str]:
    """A widget that runs past the right edge of its scrolled column, or out of the window."""
    found = []
    scroller = _scroller(widget)
    if scroller is not None:
        right = widget.mapTo(scroller.viewport(), QPoint(widget.width(), 0)).x()
        if right > scroller.viewport().width() + 1:
            found.append(f"{name} runs past the column's right edge ({right} > {scroller.viewport().width()})")
    else:
        box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not window.rect().contains(box):
            found.append(f"{name} is (partly) outside the window")
    return found


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.isVisible() and widget.width() > 0


def clipped(window: QWidget, root: QWidget | None = None) -> list[str]:
    """Every text cut off under ``root`` (default: the window), as readable sentences."""
    root = root or window
    found: list[str] = []
    for widget in root.findChildren(QWidget):
        if not _shown(widget, root):
            continue
        inside_combo = isinstance(widget.parentWidget(), (QComboBox, QLineEdit, QTabBar))
        if isinstance(widget, QComboBox):
            problems = combo_problems(widget)
            name = f"drop-down {widget.currentText()!r}"
        elif isinstance(widget, QLabel) and not inside_combo:
            problems = label_problems(widget)
            name = f"label {widget.text()[:40]!r}"
        elif isinstance(widget, QAbstractButton) and not inside_combo and not isinstance(widget.parentWidget(), QTabBar):
            problems = button_problems(widget)
            name = f"button {plain(widget.text())!r}"
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)) and not inside_combo:
            found += text_box_problems(widget)
            continue
        else:
            continue
        found += problems
        if widget.text() if hasattr(widget, "text") and callable(widget.text) else True:
            found += edge_problems(window, widget, name)
    return found
