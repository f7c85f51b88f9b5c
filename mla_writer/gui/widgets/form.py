"""A form of labelled fields, labels above their editors so long French or Russian labels wrap.

Each row: label (word-wrapped, buddy of the editor), optional hint, the editor, and a
:class:`ProblemLabel` where the checklist's problems for that path appear, with the
:class:`ProblemActions` some of them offer (change an answer back, clear what it hides).

The rows are built from the field declarations (:mod:`mla_writer.fields`): :meth:`Form.field`
picks the editor by the declaration's kind, labels it with its translated label and hint,
and shows it only while its named condition holds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ... import fields, vocab
from ..i18n import _, ui_language
from .fields import CheckField, ChoiceField, IntField, LineField, LinesField, ListChoiceField, MultiCheckField, YesNoField
from .fields import blank_choice
from .mltext import MLTextField
from .problems import ProblemActions, ProblemLabel, ProblemMap


class FieldRow(QWidget):
    def __init__(self, label: str, editor: QWidget, hint: str | None = None, parent=None, session=None) -> None:
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
        self.hint = None
        if hint:
            self.hint = QLabel(hint, self)
            self.hint.setWordWrap(True)
            self.hint.setObjectName("hint")
            self.hint.setStyleSheet("color: palette(placeholder-text);")
        if self.hint is not None and label:  # a field's hint between its label and its box
            layout.addWidget(self.hint)
        layout.addWidget(editor)
        if self.hint is not None and not label:  # a tick box's hint under its text
            layout.addWidget(self.hint)
        self.problems = ProblemLabel(self)
        layout.addWidget(self.problems)
        self.actions = None
        if session is not None:
            self.actions = ProblemActions(session, self)
            self.problems.actions = self.actions
            layout.addWidget(self.actions)
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
        #: (rows, condition name, path of the item the condition tests or None)
        self.conditions: list[tuple[list[QWidget], str, str | None]] = []
        self.editors: dict[str, QWidget] = {}
        #: concrete path -> (declaration, row) of every declared field shown
        self.rows: dict[str, tuple[fields.Field, FieldRow]] = {}
        session.edited.connect(self.update_visibility)

    # -- rows --------------------------------------------------------------------------
    def add(self, path: str, label: str, editor: QWidget, hint: str | None = None) -> FieldRow:
        row = FieldRow(label, editor, hint, self, self.session)
        if label:
            if hasattr(editor, "set_accessible"):
                editor.set_accessible(label)
            else:
                editor.setAccessibleName(label)
        self.layout_.addWidget(row)
        self.problem_map.register(path, editor, row.problems)
        self.editors[path] = editor
        return row

    def field(self, decl: fields.Field, path: str, item_path: str | None = None, **options) -> FieldRow | None:
        """The row of the declared field ``decl`` at the concrete ``path``.

        ``item_path`` is the list item the field belongs to (``"persons[2]"``), which item
        conditions test. ``options``: ``yes``/``no`` texts of a yes/no question. A field
        of kind ``id`` has no row (None).
        """
        if decl.kind == fields.ID:
            return None
        if decl.group:
            self.heading(_(decl.group))
        label = _(decl.label)
        hint = _(decl.hint) if decl.hint else None
        editor = self.editor(decl, path, label, **options)
        if decl.kind == fields.BOOL:
            row = self.add(path, "", editor, hint)
            editor.set_accessible(label)
        else:
            row = self.add(path, label, editor, hint)
        row.decl = decl
        self.rows[path] = (decl, row)
        if decl.when is not None:
            self.visible_when([row], decl.when, item_path)
        return row

    def declared(self, decls, item_path: str | None = None, options: dict | None = None) -> list[FieldRow]:
        """Rows for several declarations: of the letter, or (with ``item_path``) of one list item."""
        rows = []
        for decl in decls:
            path = decl.path if item_path is None else f"{item_path}.{decl.name}"
            row = self.field(decl, path, item_path, **(options or {}).get(decl.path, {}))
            if row is not None:
                rows.append(row)
        return rows

    def editor(self, decl: fields.Field, path: str, label: str, **options) -> QWidget:
        """The editor that fits the declaration's kind, bound to ``path``."""
        session, kind = self.session, decl.kind
        if kind == fields.TEXT:
            return MLTextField(session, path, decl.lines > 1, max(decl.lines, 1), self)
        if kind in (fields.VERBATIM, fields.TIME_ZONE, fields.TIME):
            return LinesField(session, path, decl.lines, self) if decl.lines > 1 else LineField(session, path, self)
        if kind in (fields.DATE, fields.DATETIME):
            from .dates import DateField

            return DateField(session, path, kind == fields.DATETIME, self)
        if kind == fields.PARTIAL_DATE:
            from .dates import PartialDateField

            return PartialDateField(session, path, self)
        if kind == fields.AMOUNT:
            from .amount import AmountField

            return AmountField(session, path, self)
        if kind == fields.CODE:
            choices = vocab.VOCABULARIES[decl.vocab].options(ui_language())
            offer_blank, blank = blank_choice(session, path)
            return ChoiceField(session, path, choices, offer_blank, self, blank=blank)
        if kind == fields.CODES:
            return MultiCheckField(session, path, vocab.VOCABULARIES[decl.vocab].options(ui_language()), self)
        if kind == fields.STATE:
            from .country import CountryField

            return CountryField(session, path, self)
        if kind == fields.LANGUAGE:
            from .codes import LanguageField

            return LanguageField(session, path, self)
        if kind == fields.LANGUAGES:
            from .country import LanguageListField

            return LanguageListField(session, path, self)
        if kind == fields.LETTER_LANGUAGE:
            editor = ChoiceField(session, path, letter_languages(), False, self)
            editor.changed.connect(session.languages_changed)
            return editor
        if kind == fields.PERSON:
            offer_blank, blank = blank_choice(session, path)
            return ChoiceField(session, path, person_options(session.letter), offer_blank, self, wide=True, blank=blank)
        if kind == fields.OFFENCES:
            return MultiCheckField(
                session, path, offence_options(session.letter), self,
                empty=_("No offence yet: add the offences under point 9 first."),
            )
        if kind == fields.ANNEX:
            offer_blank, blank = blank_choice(session, path)
            return ChoiceField(session, path, annex_options(session.letter), offer_blank, self, wide=True, blank=blank)
        if kind == fields.MEASURES:
            return MultiCheckField(session, path, measure_options(session.letter), self,
                                   empty=_("No measure yet: add the measures under point 10 first."))
        if kind == fields.INSTRUMENT:
            from .legalbasis import instrument_options

            return ListChoiceField(session, path, instrument_options(), parent=self)
        if kind == fields.BOOL:
            return CheckField(session, path, label, self)
        if kind == fields.YESNO:
            return YesNoField(session, path, options.get("yes"), options.get("no"), self)
        if kind == fields.COUNT:
            return IntField(session, path, self)
        raise ValueError(f"{decl.path}: no editor for kind {kind!r}")  # pragma: no cover - fields.KINDS are all above

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
    def visible_when(self, rows, condition: str, item_path: str | None = None) -> None:
        """Show ``rows`` only while the named condition (:data:`mla_writer.fields.CONDITIONS`)
        holds: for the letter, or for the list item at ``item_path``."""
        if fields.CONDITIONS[condition].scope != "letter" and item_path is None:
            raise ValueError(f"condition {condition!r} tests a list item: give the item's path")
        rows = [r for r in rows if r is not None]
        self.conditions.append((rows, condition, item_path))
        self._apply(rows, condition, item_path)

    def holds(self, condition: str, item_path: str | None = None) -> bool:
        from ..session import get_value

        letter = self.session.letter
        item = get_value(letter, item_path) if item_path is not None else None
        return fields.holds(condition, letter, item)

    def _apply(self, rows, condition: str, item_path: str | None) -> None:
        try:
            shown = self.holds(condition, item_path)
        except (IndexError, AttributeError, TypeError):  # the item is gone: its form is about to go too
            return
        for row in rows:
            row.setVisible(shown)

    def update_visibility(self) -> None:
        for rows, condition, item_path in self.conditions:
            try:
                self._apply(rows, condition, item_path)
            except RuntimeError:  # rows deleted with a rebuilt sub-form
                pass


# -- options of the choices that depend on the letter ---------------------------------------------


def letter_languages() -> list[tuple[str, str]]:
    """The languages a letter can be in, each named in itself."""
    from ... import languages

    return [(code, languages.endonym(code)) for code in languages.languages()]


def person_name(person) -> str:
    """How the wizard names a person of point 8 (a protected person's pseudonym beside the name)."""
    name = person.display_name() or _("(no name yet)")
    if person.pseudonym and fields.holds("identity_protected", None, person):
        name = f"{name} [{person.pseudonym}]"
    return name


def person_options(letter) -> list[tuple[str, str]]:
    lang = ui_language()
    out = []
    for person in letter.persons:
        role = vocab.PERSON_ROLE.label(person.role, lang) if person.role else ""
        name = person_name(person)
        out.append((person.id, f"{name} ({role})" if role else name))
    return out


def measure_options(letter) -> list[tuple[str, str]]:
    """Measures of point 10 as "10.2 Search and seizure" (id, text)."""
    lang = ui_language()
    return [(m.id, f"10.{i + 1} {vocab.ASSISTANCE_KIND.label(m.kind, lang)}") for i, m in enumerate(letter.assistance) if m.id]


def annex_options(letter) -> list[tuple[str, str]]:
    """Annexes as "Annex 2: <title>" (id, text), numbered as the letter lists them."""
    from ..session import shown_text

    return [(a.id, _("Annex {n}: {title}").format(n=i + 1, title=shown_text(a.title, letter) or "\u2026"))
            for i, a in enumerate(letter.annexes) if a.id]


def offence_options(letter) -> list[tuple[str, str]]:
    from ..session import shown_text

    return [(o.id, shown_text(o.name, letter) or o.id) for o in letter.offences]
