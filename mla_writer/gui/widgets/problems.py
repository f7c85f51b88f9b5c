"""Where checklist problems are shown: a label under each field, keyed by the field's path.

Under the label, a :class:`ProblemActions` offers what can be done about a problem at the
user's request: for data an answer hides (:mod:`..hidden`), change the answer back or clear
what was entered.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ..session import parent_path

ERROR_COLOUR = "#a40000"
WARNING_COLOUR = "#7a4f00"


def problem_html(problems) -> str:
    lines = []
    for p in problems:
        error = p.severity.value == "error"
        mark = "\u2716" if error else "\u25b2"
        colour = ERROR_COLOUR if error else WARNING_COLOUR
        lines.append(f'<span style="color:{colour}">{mark} {escape(p.message)}</span>')
    return "<br>".join(lines)


def keep_space(label: QWidget, keep: bool = True) -> None:
    """Whether ``label`` keeps its place in the layout while hidden (its last text's height)."""
    policy = label.sizePolicy()
    if policy.retainSizeWhenHidden() != keep:
        policy.setRetainSizeWhenHidden(keep)
        label.setSizePolicy(policy)


def release_space(root: QWidget) -> None:
    """Give back the space that hidden messages under ``root`` kept (see :class:`ProblemLabel`
    and :func:`message_slot`): called when the step is left, so nothing moves under the user."""
    for label in root.findChildren(QLabel):
        if label.property("keepsSpace") and label.isHidden():
            label.clear()
            if isinstance(label, ProblemLabel):
                keep_space(label, False)
    for slot in root.findChildren(MessageSlot):
        slot.release()


class ProblemLabel(QLabel):
    """Shows the problems of one field; hidden when there are none.

    A message that goes leaves its space empty while the step is on screen (issue 11: the form
    jumped when a warning disappeared, and the next click landed on another field); the
    space is given back when the step is left (:func:`release_space`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setProperty("keepsSpace", True)
        self.hide()
        self.problems: list = []
        #: The buttons shown under it for problems that offer actions (None: no actions here).
        self.actions: ProblemActions | None = None

    def show_problems(self, problems) -> None:
        self.show_html(problem_html(problems), problems)
        if self.actions is not None:
            self.actions.show_for(self.problems)

    def show_html(self, html: str, problems) -> None:
        """Show ``html`` for ``problems``; with none, hide but keep the space (text kept for its height)."""
        self.problems = list(problems)
        if self.problems:
            self.setText(html)
            keep_space(self)
            self.show()
        else:
            self.hide()


class ButtonLine(QWidget):
    """Buttons side by side, or one under the other when the row is too narrow for them (a
    long Russian or French label in a narrow column is never cut off, nor widens the page)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addStretch(1)
        self.line_buttons: list[QPushButton] = []
        # its width is what the row gives it (at least one button's): the buttons then fit it
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def add(self, button: QPushButton) -> None:
        self.box.insertWidget(len(self.line_buttons), button, 0, Qt.AlignmentFlag.AlignLeft)
        self.line_buttons.append(button)
        self.setMinimumWidth(max(b.sizeHint().width() for b in self.line_buttons))

    def side_by_side_width(self) -> int:
        spacing = max(self.box.spacing(), 0)
        return sum(b.sizeHint().width() for b in self.line_buttons) + spacing * (len(self.line_buttons) - 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        wide = event.size().width() >= self.side_by_side_width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.box.direction() != direction:
            self.box.setDirection(direction)
            self.updateGeometry()
        super().resizeEvent(event)


class ProblemActions(QWidget):
    """Buttons for the problems of one label that the wizard can act on: for each answer that
    hides entered data, "Change the answer back" (where a value can be derived) and "Clear
    what was entered…" (after a confirmation). Hidden when no problem offers an action."""

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemActions")
        self.session = session
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 2, 0, 2)
        self.layout_.setSpacing(2)
        #: answer path -> (its "change back" button or None, its "clear" button)
        self.buttons: dict[str, tuple[QPushButton | None, QPushButton]] = {}
        self._shown: tuple = ()
        self.hide()

    def show_for(self, problems) -> None:
        from .. import hidden
        from ..i18n import _
        from ..session import stored_letter

        paths = list(dict.fromkeys(p.path for p in problems if hidden.is_hidden_problem(p)))
        # (hidden answers are not being typed in: the letter as it is, nothing flushed -- a
        # flush of a long text at every report stalled typing)
        letter = stored_letter(self.session) if paths else None
        wanted = tuple((path, hidden.can_change_back(letter, path)) for path in paths if hidden.hidden_at(letter, path))
        self.setVisible(bool(wanted))
        messages = {p.path: p.message for p in problems}
        if wanted == self._shown:  # the same buttons: keep them (and the keyboard focus on them)
            for path, buttons in self.buttons.items():
                for button in buttons:
                    if button is not None:
                        button.setAccessibleDescription(messages.get(path, ""))
            return
        self._shown = wanted
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        self.buttons.clear()
        for path, restorable in wanted:
            if len(wanted) > 1:  # several answers here (items of a list): say which one
                from ... import fields
                from ..i18n import ui_language

                caption = QLabel(fields.describe(letter, path, ui_language()), self)
                caption.setWordWrap(True)
                caption.setTextFormat(Qt.TextFormat.PlainText)
                self.layout_.addWidget(caption)
            line = ButtonLine(self)
            back = None
            if restorable:
                back = QPushButton(_(hidden.CHANGE_BACK), line)
                back.setObjectName("changeAnswerBack")
                back.clicked.connect(lambda _checked=False, path=path: self._change_back(path))
                line.add(back)
            clear = QPushButton(_(hidden.CLEAR), line)
            clear.setObjectName("clearHiddenData")
            clear.clicked.connect(lambda _checked=False, path=path: self._clear(path))
            line.add(clear)
            for button in (back, clear):
                if button is not None:
                    button.setAutoDefault(False)
                    button.setAccessibleDescription(messages.get(path, ""))
            self.layout_.addWidget(line)
            self.buttons[path] = (back, clear)

    def _page(self):
        widget = self.parentWidget()
        while widget is not None and not hasattr(widget, "focus_path"):
            widget = widget.parentWidget()
        return widget

    def _after(self, page, path: str) -> None:
        """Back on the answer once the page shows the letter again (this widget may be gone)."""
        if page is not None:
            QTimer.singleShot(0, page, lambda: page.focus_path(path))

    def _change_back(self, path: str) -> None:
        from .. import hidden

        page = self._page()
        if hidden.change_back(self.session, path):
            self._after(page, path)

    def _clear(self, path: str) -> None:
        from .. import hidden

        page = self._page()
        if hidden.clear_with_consent(self.session, path, self.window()):
            self._after(page, path)


class ProblemMap:
    """Path -> (editor, label) for one page. Problems go to the nearest registered path."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[QWidget, ProblemLabel]] = {}
        #: The page the rows are on (a row hidden inside it does not show its problems).
        self.root: QWidget | None = None

    def register(self, path: str, editor: QWidget, label: ProblemLabel) -> None:
        self.entries[path] = (editor, label)

    def drop_under(self, prefix: str) -> None:
        for path in [p for p in self.entries if p.startswith(prefix)]:
            del self.entries[path]

    def target(self, path: str) -> str | None:
        current: str | None = path
        while current is not None:
            if current in self.entries:
                return current
            current = parent_path(current)
        return None

    def _row_hidden(self, path: str) -> bool:
        """Whether the row of ``path`` is hidden on its page (its condition is false): an
        answer hidden by another answer, whose problem must still be seen."""
        _editor, label = self.entries[path]
        try:
            widget = label.parentWidget()
            while widget is not None and widget is not self.root:
                if widget.isHidden() and widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
                    return True
                widget = widget.parentWidget()
        except RuntimeError:  # widget already deleted
            return True
        return False

    def shown_target(self, path: str) -> str | None:
        """Like :meth:`target`, but passing over rows that are hidden (to the item's list, say)."""
        current: str | None = path
        while current is not None:
            if current in self.entries and not self._row_hidden(current):
                return current
            current = parent_path(current)
        return None

    def distribute(self, problems) -> list:
        """Show each problem beside its field (or, where that row is hidden, the nearest shown
        one above it); return those that have no field here."""
        buckets: dict[str, list] = {path: [] for path in self.entries}
        orphans = []
        for problem in problems:
            target = self.shown_target(problem.path) or self.target(problem.path)
            if target is None:
                orphans.append(problem)
            else:
                buckets[target].append(problem)
        for path, found in buckets.items():
            editor, label = self.entries[path]
            try:
                label.show_problems(found)
                editor.setAccessibleDescription(" ".join(p.message for p in found))
            except RuntimeError:  # widget already deleted
                pass
        return orphans

    def focus(self, path: str) -> QWidget | None:
        target = self.target(path)
        if target is None:
            return None
        editor, _label = self.entries[target]
        if target != path and hasattr(editor, "focus_path"):
            return editor.focus_path(path)
        if hasattr(editor, "show_missing_language"):
            editor.show_missing_language()
        widget = editor.focus_widget() if hasattr(editor, "focus_widget") else editor
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return widget


def input_error_label(parent):
    """A hidden, word-wrapped plain-text label in the error colour, for an editor's own
    message on bad input ("“lots” is not an amount …"); the editor shows and hides it. Put it
    in a :func:`message_slot` so that its coming and going moves nothing."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.hide()
    return label


class MessageSlot(QWidget):
    """A place under an editor for its messages (``labels``, shown one at a time).

    It takes no room until a message could come: once the editor (``watch``) has the focus, it
    is as high as the longest message it may show (``samples()``: their plain texts) at its
    current width, so that a message that then comes or goes moves nothing below it; a shown
    message is never cut (issue 11, trial L5 and L7: a blank gap of 50 px under every date, and
    a refusal whose third line lay under the next one). The labels lie on top of each other; a
    hidden one, and the space kept for the samples, stay until the step is left
    (:func:`release_space`)."""

    def __init__(self, parent: QWidget, labels, samples=None, watch: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageSlot")
        self.samples = samples or (lambda: [])
        self.labels = list(labels)
        #: Whether the space for the samples is kept (the editor had the focus on this visit of the step).
        self.reserving = False
        for label in self.labels:
            label.setParent(self)
            label.setProperty("keepsSpace", True)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        if watch is not None:
            watch.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.FocusIn:
            self.reserve()
        return False

    def reserve(self) -> None:
        """Keep the space of the longest message from now until the step is left."""
        if not self.reserving:
            self.reserving = True
            self.updateGeometry()

    def release(self) -> None:
        """The step was left: no space kept for messages that may come."""
        if self.reserving:
            self.reserving = False
            self.updateGeometry()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        from PySide6.QtCore import QRect

        metrics = self.fontMetrics()
        height = 0
        if self.reserving:
            for text in self.samples():
                box = metrics.boundingRect(QRect(0, 0, max(width, 1), 1 << 20), Qt.TextFlag.TextWordWrap, text)
                height = max(height, box.height())
        for label in self.labels:
            if label.text():  # shown, or hidden with its space kept
                height = max(height, label.heightForWidth(width))
        return height

    def sizeHint(self):  # noqa: N802 (Qt API)
        from PySide6.QtCore import QSize

        width = max((label.sizeHint().width() for label in self.labels if label.text()), default=0)
        return QSize(width, self.heightForWidth(max(self.width(), width, 1)))

    def minimumSizeHint(self):  # noqa: N802 (Qt API)
        from PySide6.QtCore import QSize

        return QSize(0, 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._place()

    def event(self, event) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LayoutRequest:  # a message was shown, hidden or changed
            self.updateGeometry()
            self._place()
        return super().event(event)

    def _place(self) -> None:
        width = self.width()
        for label in self.labels:
            label.setGeometry(0, 0, width, label.heightForWidth(width) if label.wordWrap() else label.sizeHint().height())


def message_slot(parent: QWidget, *labels: QLabel, samples=None, watch: QWidget | None = None) -> MessageSlot:
    """A :class:`MessageSlot` for ``labels`` under an editor of ``parent`` (``watch``: its box)."""
    return MessageSlot(parent, labels, samples, watch)
