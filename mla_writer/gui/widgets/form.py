"""A form of labelled fields, labels above their editors so long French or Russian labels wrap.

Each row: label (word-wrapped, buddy of the editor), optional hint, the editor, and a
:class:`ProblemLabel` where the checklist's problems for that path appear.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ..i18n import _
from .country import CountryField, LanguageListField
from .dates import DateField
from .fields import CheckField, ChoiceField, IntField, LineField, ListChoiceField, MultiCheckField, YesNoField
from .mltext import MLTextField
from .problems import ProblemLabel, ProblemMap


class FieldRow(QWidget):
    def __init__(self, label: str, editor: QWidget, hint: str | None = None, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        self.label = None
        if label:
            self.label = QLabel(label, self)
            self.label.setWordWrap(True)
            font = self.label.font()
            font.setBold(True)
            self.label.setFont(font)
            self.label.setBuddy(editor.focus_widget() if hasattr(editor, "focus_widget") else editor)
            layout.addWidget(self.label)
        if hint:
            self.hint = QLabel(hint, self)
            self.hint.setWordWrap(True)
            self.hint.setObjectName("hint")
            self.hint.setForegroundRole(self.hint.foregroundRole())
            self.hint.setStyleSheet("color: palette(placeholder-text);")
            layout.addWidget(self.hint)
        layout.addWidget(editor)
        self.problems = ProblemLabel(self)
        layout.addWidget(self.problems)
        self.editor = editor


class Form(QWidget):
    """Builds rows bound to model paths and registers them in the page's :class:`ProblemMap`."""

    def __init__(self, session, problems: ProblemMap, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.problem_map = problems
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(4)
        self.conditions: list[tuple[list[QWidget], Callable]] = []
        self.editors: dict[str, QWidget] = {}
        session.edited.connect(self.update_visibility)

    # -- rows --------------------------------------------------------------------------
    def add(self, path: str, label: str, editor: QWidget, hint: str | None = None) -> FieldRow:
        row = FieldRow(label, editor, hint, self)
        if label:
            if hasattr(editor, "set_accessible"):
                editor.set_accessible(label)
            else:
                editor.setAccessibleName(label)
        self.layout_.addWidget(row)
        self.problem_map.register(path, editor, row.problems)
        self.editors[path] = editor
        return row

    def line(self, path, label, hint=None):
        return self.add(path, label, LineField(self.session, path, self), hint)

    def text(self, path, label, hint=None, lines=4):
        return self.add(path, label, MLTextField(self.session, path, True, lines, self), hint)

    def mlline(self, path, label, hint=None):
        return self.add(path, label, MLTextField(self.session, path, False, parent=self), hint)

    def check(self, path, label, hint=None):
        editor = CheckField(self.session, path, label, self)
        row = self.add(path, "", editor, hint)
        editor.set_accessible(label)
        return row

    def yesno(self, path, label, yes, no, hint=None):
        return self.add(path, label, YesNoField(self.session, path, yes, no, self), hint)

    def choice(self, path, label, options, hint=None, nullable=True, wide=False):
        return self.add(path, label, ChoiceField(self.session, path, options, nullable, self, wide), hint)

    def pick(self, path, label, options, hint=None):
        return self.add(path, label, ListChoiceField(self.session, path, options, parent=self), hint)

    def multi(self, path, label, options, hint=None):
        return self.add(path, label, MultiCheckField(self.session, path, options, self), hint)

    def date(self, path, label, hint=None, with_time=False):
        return self.add(path, label, DateField(self.session, path, with_time, self), hint)

    def number(self, path, label, hint=None):
        return self.add(path, label, IntField(self.session, path, self), hint)

    def country(self, path, label, hint=None):
        return self.add(path, label, CountryField(self.session, path, self), hint)

    def languages(self, path, label, hint=None):
        return self.add(path, label, LanguageListField(self.session, path, self), hint)

    def authority(self, path, name_label=None) -> list:
        """The rows of an :class:`~mla_writer.model.letter.Authority`: name, address, telephone, e-mail."""
        return [
            self.mlline(f"{path}.name", name_label or _("Name of the authority")),
            self.line(f"{path}.address", _("Postal address")),
            self.line(f"{path}.phone", _("Telephone")),
            self.line(f"{path}.email", _("E-mail")),
        ]

    def heading(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 10, 0, 2)
        self.layout_.addWidget(label)
        return label

    def note(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.layout_.addWidget(label)
        return label

    def separator(self) -> None:
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.layout_.addWidget(line)

    def widget(self, path: str | None, widget: QWidget, label: str = "") -> QWidget:
        """Add a composite editor (e.g. a list editor) that handles its own rows."""
        if path is None:
            self.layout_.addWidget(widget)
            return widget
        return self.add(path, label, widget)

    # -- conditional rows ----------------------------------------------------------------
    def visible_when(self, rows, predicate: Callable) -> None:
        rows = [r for r in rows if r is not None]
        self.conditions.append((rows, predicate))
        self._apply(rows, predicate)

    def _apply(self, rows, predicate) -> None:
        shown = bool(predicate(self.session.letter))
        for row in rows:
            row.setVisible(shown)

    def update_visibility(self) -> None:
        for rows, predicate in self.conditions:
            try:
                self._apply(rows, predicate)
            except RuntimeError:  # rows deleted with a rebuilt sub-form
                pass
