"""Where checklist problems are shown: a label under each field, keyed by the field's path."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

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


class ProblemLabel(QLabel):
    """Shows the problems of one field; hidden when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
        self.problems: list = []

    def show_problems(self, problems) -> None:
        self.problems = list(problems)
        self.setText(problem_html(self.problems))
        self.setVisible(bool(self.problems))


class ProblemMap:
    """Path -> (editor, label) for one page. Problems go to the nearest registered path."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[QWidget, ProblemLabel]] = {}

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

    def distribute(self, problems) -> list:
        """Show each problem beside its field; return those that have no field here."""
        buckets: dict[str, list] = {path: [] for path in self.entries}
        orphans = []
        for problem in problems:
            target = self.target(problem.path)
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
    message on bad input ("“lots” is not an amount …"); the editor shows and hides it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.hide()
    return label
