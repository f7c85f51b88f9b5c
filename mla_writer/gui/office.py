"""The office profile in the wizard: Preferences -> My office, and "Fill from my office" on the steps.

The dialog edits the profile with the wizard's own editors: a scratch letter holds the
office's values at their places in a letter (:data:`mla_writer.office.PARTS`), and a
:class:`~.widgets.form.Form` shows the declared fields :func:`mla_writer.office.office_fields`
lists, labelled by their declarations. Texts are typed per language: a choice of language at
the top switches every text box to it (the application never translates).

On the parties step, points 1 and 4 and the closing step an :class:`OfficeBar` offers the registered offices
(:func:`mla_writer.office.available_offices`): it fills what the letter does not hold yet,
asks before replacing anything typed, and can take its filling back.
"""

from __future__ import annotations

from functools import partial
from typing import Callable, NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .. import fields, office
from ..points import POINT_BY_ID
from .i18n import N_, _, language_endonym, ui_language

#: The dialog's and the button's names (also used in messages that point to them).
MY_OFFICE = office.ProfileSource.title
FILL = N_("Fill from my office")


def _scratch_letter(of: office.Office, lang: str):
    """A letter holding ``of``'s values where a letter keeps them, drafted in ``lang``."""
    from ..model import LetterOfRequest

    letter = LetterOfRequest(drafting_language=lang, output_language=lang)
    office.put_into(letter, of)
    return letter


def ngettext(singular: str, plural: str, n: int) -> str:
    """``singular`` or ``plural`` for ``n``, in the UI language ("ui" domain)."""
    from ..i18n import translations

    return translations("ui", ui_language()).ngettext(singular, plural, n)


class OfficeDialog(QDialog):
    """Preferences -> My office: edit and save the user's office profile.

    ``path`` the profile file (default :func:`mla_writer.office.profile_path`). A damaged file
    is reported (``error``) and the dialog starts empty; saving then keeps the damaged file as
    ``office.json.bak``.
    """

    saved = Signal()

    def __init__(self, parent=None, path=None) -> None:
        super().__init__(parent)
        from ..languages import languages
        from .session import Session
        from .widgets.form import Form
        from .widgets.problems import ProblemMap

        self.path = path
        self.setWindowTitle(_(MY_OFFICE))
        self.error: office.OfficeError | None = None
        try:
            profile = office.load_profile(path)
        except office.OfficeError as exc:
            self.error = exc
            profile = office.Profile()
        self.profile = profile
        lang = ui_language() if ui_language() in languages() else languages()[0]
        self.session = Session(_scratch_letter(profile.office, lang), parent=self)

        outer = QVBoxLayout(self)
        intro = QLabel(_("Your State, your authority, the officer in charge, the return address for the acknowledgement "
                         "of receipt and the signature, saved once. The first step, points 1 and 4 and the last step "
                         "offer to fill them in each letter. Type each text in every language you write letters in."), self)
        intro.setWordWrap(True)
        outer.addWidget(intro)
        self.damaged = QLabel(self)
        self.damaged.setWordWrap(True)
        self.damaged.setTextFormat(Qt.TextFormat.PlainText)
        self.damaged.setStyleSheet("color: #b00020;")
        self.damaged.setVisible(self.error is not None)
        if self.error is not None:
            self.damaged.setText(self.error.localized(ui_language()))
        outer.addWidget(self.damaged)

        line = QHBoxLayout()
        self.language_label = QLabel(_("Language of the texts:"), self)
        self.language = QComboBox(self)
        for code in languages():
            self.language.addItem("", code)
        self.language.setCurrentIndex(self.language.findData(lang))
        self.language_label.setBuddy(self.language)
        self.language.currentIndexChanged.connect(self._language_chosen)
        line.addWidget(self.language_label)
        line.addWidget(self.language, 1)
        outer.addLayout(line)

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problem_map = ProblemMap()
        self.form = Form(self.session, self.problem_map)
        self._build_form()
        self.scroll.setWidget(self.form)
        outer.addWidget(self.scroll, 1)

        self.fill_new = QCheckBox(_("Start every new letter filled from my office"), self)
        self.fill_new.setChecked(profile.fill_new_letters)
        outer.addWidget(self.fill_new)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.session.edited.connect(self._name_languages)
        self._name_languages()
        area = self.screen().availableGeometry() if self.screen() else None
        height = min(760, int(area.height() * 0.9)) if area else 700
        self.resize(640, height)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Return picks a State or a language in a search box: it never saves the dialog by accident."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.accept()
            return
        super().keyPressEvent(event)

    def _build_form(self) -> None:
        section = None
        for f in office.office_fields():
            if f.section != section:
                section = f.section
                self.form.heading(POINT_BY_ID[section].heading(ui_language()))
            if f.group and f.decl.group is None:  # the heading the letter's step shows above it
                self.form.heading(_(f.group))
            self.form.field(f.decl, f.decl.path)
        self.form.layout_.addStretch(1)

    # -- languages ----------------------------------------------------------------------------
    def text_language(self) -> str:
        return self.language.currentData()

    def set_text_language(self, lang: str) -> None:
        self.language.setCurrentIndex(self.language.findData(lang))

    def _language_chosen(self, *_args) -> None:
        letter = self.session.letter
        letter.drafting_language = letter.output_language = self.text_language()
        self.session.languages_changed.emit()

    def _name_languages(self) -> None:
        """Each language named in itself, with a mark when the profile holds text in it."""
        held = office.office_from(self.session.letter).languages()
        for i in range(self.language.count()):
            code = self.language.itemData(i)
            mark = " \u2713" if code in held else ""
            self.language.setItemText(i, language_endonym(code) + mark)

    # -- saving ---------------------------------------------------------------------------------
    def current_profile(self) -> office.Profile:
        return office.Profile(office=office.office_from(self.session.letter, self.profile.office.label),
                              fill_new_letters=self.fill_new.isChecked())

    def save(self) -> bool:
        """Write the profile; on failure say why and stay open. Returns True when saved."""
        profile = self.current_profile()
        try:
            office.save_profile(profile, self.path)
        except OSError as exc:
            reason = exc.localized(ui_language()) if hasattr(exc, "localized") else (exc.strerror or str(exc))
            QMessageBox.warning(self, _(MY_OFFICE), _("Your office profile could not be saved: {reason}").format(reason=reason))
            return False
        self.profile = profile
        self.saved.emit()
        self.accept()
        return True


# -- the bar on the steps an office fills -------------------------------------------------------------


class Said(NamedTuple):
    """What an :class:`OfficeBar` said last, kept in the session (``session.office_notes``, by
    the bar's sections) so that the step built again (another UI language) says it again.

    ``text`` gives the message in the current UI language; ``undo`` and ``settings`` add the
    "Undo" and "Open My office…" links; ``last`` the changes "Undo" takes back."""

    text: Callable[[], str]
    undo: bool
    settings: bool
    last: list


def _notes(session) -> dict | None:
    notes = getattr(session, "office_notes", None)
    return notes if isinstance(notes, dict) else None


def describe_change(letter, change: office.Change) -> str:
    """A change as the user reads it: the field's label, with the text's language."""
    text = fields.describe(letter, change.path, ui_language())
    return f"{text} ({language_endonym(change.lang)})" if change.lang else text


class OfficeBar(QWidget):
    """"Fill from my office" for the sections of one step, and what the last filling did.

    ``open_settings`` is called (with no argument) when the user asks to edit the profile.
    """

    filled = Signal()

    def __init__(self, session, section_ids, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("officeBar")
        self.session = session
        self.section_ids = tuple(s for s in section_ids if s in office.SECTIONS)
        #: the changes the last filling made (what "Undo" takes back)
        self.last: list[office.Change] = []
        #: asked before replacing typed values: returns True to replace (tests replace it)
        self.ask_replace = self._ask_replace
        self.message_box: QMessageBox | None = None
        self.menu: QMenu | None = None  # the choice of office, when several are on offer
        layout = QVBoxLayout(self)  # the note under the button: a long message reads across the column
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        self.button = QPushButton(_(FILL), self)
        self.button.setObjectName("fillFromOffice")
        self.button.setToolTip(_("Fill the empty fields of this step from your office profile (Preferences \u2192 My office)."))
        self.button.clicked.connect(self.fill)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.linkActivated.connect(self._link)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.note)
        said = (_notes(session) or {}).get(self.section_ids)
        made = [c for c in getattr(session, "office_changes", []) if self._mine(c)]
        if said is not None:  # the step is built again (another UI language): say again what was said
            self.last = list(said.last)
            self._say(said.text, said.undo, said.settings)
        elif made:  # the letter was started filled from the profile: say so, and let it be taken back
            self.last = made
            if getattr(session, "office_filled_on_save", False):
                self._say(lambda: _("This step of the new letter was filled from your office profile when you saved it."),
                          undo=True)
            else:
                self._say(lambda: _("This step was filled from your office profile when the letter was started."), undo=True)
        else:
            self.note.hide()

    def _mine(self, change: office.Change) -> bool:
        from ..points import section_of

        return section_of(change.path).id in self.section_ids

    def _say(self, text: Callable[[], str], undo: bool = False, settings: bool = False) -> None:
        """Show ``text()`` (the message in the UI language) with its links, and keep it in the
        session (:class:`Said`)."""
        from html import escape

        notes = _notes(self.session)
        if notes is not None:
            notes[self.section_ids] = Said(text, undo, settings, list(self.last))
        html = escape(text())
        if undo:
            html += ' <a href="undo">{}</a>'.format(escape(_("Undo")))
        if settings:
            html += ' <a href="settings">{}</a>'.format(escape(_("Open My office\u2026")))
        self.note.setText(html)
        self.note.show()

    def _link(self, link: str) -> None:
        if link == "undo":
            self.undo()
        elif link == "settings":
            window = self.window()
            if hasattr(window, "edit_office"):
                window.edit_office()

    # -- filling ------------------------------------------------------------------------------
    def offices(self) -> list[tuple[office.OfficeSource, office.Office]] | None:
        """The offices on offer; None (after saying why) when the profile cannot be read."""
        from . import packs  # noqa: F401 (registers the State pack's authorities as a source of offices)

        try:
            return office.available_offices()
        except office.OfficeError as exc:
            self._say(lambda exc=exc: exc.localized(ui_language()), settings=True)
            return None

    def fill(self) -> None:
        """Fill this step from the one office on offer, or let the user choose among several."""
        found = self.offices()
        if found is None:
            return
        if not found:
            self._say(lambda: _("Your office profile is empty."), settings=True)
            return
        if len(found) == 1:
            self.fill_from(found[0][1], found[0][0])
            return
        menu = self.menu = QMenu(self)
        menu.setToolTipsVisible(True)
        for source, of in found:
            name = of.label or _(source.title)
            action = menu.addAction(name, lambda of=of, source=source: self.fill_from(of, source))
            tooltip = getattr(source, "tooltip", None)  # where the office comes from (a State pack)
            action.setToolTip(tooltip(of) if tooltip else _(source.title))
        menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))

    def fill_from(self, of: office.Office, source: office.OfficeSource | None = None) -> list[office.Change]:
        """Fill this step's empty fields from ``of`` (offered by ``source``: the office profile
        or the State pack); values already typed are replaced only if the user agrees. A pack
        authority also sets the requesting State when the letter has none yet. Returns the changes made."""
        letter = self.session.letter
        plan = office.plan_fill(letter, of, self.section_ids)
        from .. import packs as _packs

        from_pack = isinstance(source, _packs.PackSource)
        if from_pack and of.requesting_state and not letter.requesting_state and "parties" not in self.section_ids:
            # the pack's authorities are the requesting State's (what point 14's reciprocity is checked against)
            plan.fills.append(office.Change("requesting_state", None, "", of.requesting_state))
        replace = bool(plan.conflicts) and self.ask_replace([describe_change(letter, c) for c in plan.conflicts])
        changes = plan.fills + (plan.conflicts if replace else [])
        kept = 0 if replace else len({c.path for c in plan.conflicts})
        if not changes:
            self._say(lambda: ngettext("Kept what you had typed in {count} field.",
                                       "Kept what you had typed in {count} fields.", kept).format(count=kept) if kept
                      else _("Nothing to fill: this step already holds what your office profile gives."))
            return []
        self.session.change(partial(office.apply_changes, changes=changes))
        self.last = changes
        self.session.reloaded.emit()
        self.session.check_requested.emit()
        from ..checklist import language_name

        missing = office.missing_languages(of, (letter.drafting_language, letter.output_language), self.section_ids)
        filled = len(changes)

        def text() -> str:  # (in the UI language of the moment: the step may be shown again in another)
            if from_pack:
                said = ngettext("Filled from the State pack: {count} value.",
                                "Filled from the State pack: {count} values.", filled).format(count=filled)
            else:
                said = ngettext("Filled from your office profile: {count} value.",
                                "Filled from your office profile: {count} values.", filled).format(count=filled)
            if kept:
                said += " " + ngettext("Kept what you had typed in {count} field.",
                                       "Kept what you had typed in {count} fields.", kept).format(count=kept)
            if missing:
                said += " " + _("Your office profile holds no text in {languages} for some of these fields: type it "
                                "here, or add it under Preferences \u2192 My office.").format(
                    languages=", ".join(language_name(lang, ui_language()) for lang in missing))
            return said

        self._say(text, undo=True)
        self.filled.emit()
        return changes

    def undo(self) -> None:
        """Take back the last filling (every value as it was before)."""
        if not self.last:
            return
        changes, self.last = self.last, []
        self.session.change(partial(office.undo_changes, changes=changes))
        if hasattr(self.session, "office_changes"):
            self.session.office_changes = [c for c in self.session.office_changes if c not in changes]
        self.session.reloaded.emit()
        self.session.check_requested.emit()
        self._say(lambda: _("The values filled from your office profile were taken back."))

    def _ask_replace(self, described: list[str]) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, _(FILL),
                          _("These fields already hold something else than your office profile. Replace what is typed?"),
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText("\n".join(f"\u2022 {d}" for d in described))
        replace = box.addButton(_("Replace"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(_("Keep what is typed"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        self.message_box = box
        box.exec()
        return box.clickedButton() is replace
