"""The State pack in the wizard: Preferences -> State pack (import, remove, what the pack holds and
where each value came from), and the requested State's profile on the first step.

The pack's authorities are offered by "Fill from my office" (:class:`mla_writer.packs.PackSource`,
registered here), its offences by point 9's "Add an offence" (:mod:`.widgets.offences`). The
:class:`ProfileBar` on the first step fills the addressee and the accepted languages when a
requested State with a profile is chosen, and proposes a language the State accepts.
"""

from __future__ import annotations

from functools import partial
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import office, packs
from ..checklist import language_name
from ..states import name as state_name
from .i18n import N_, _, ui_language

TITLE = N_("State pack")



class _Source(packs.PackSource):
    """The pack's authorities in "Fill from my office", each with where it comes from as its tooltip."""

    def tooltip(self, of: office.Office) -> str:
        merged = packs.active()
        if merged is None:
            return ""
        for a in merged.pack.authorities:
            if packs.text_in(a.name, self.lang()) == of.label:
                return provenance(merged, f"authorities.{a.id}")
        return ""


_SOURCE = _Source(ui_language)
office.register_source(_SOURCE)


def origin_text(origin: packs.Origin) -> str:
    """One pack as a tooltip names it: its title, whether national or local additions, its file."""
    kind = _("national pack") if origin.kind == "national" else _("local additions")
    return _("{title} ({kind}), file {file}").format(title=origin.title, kind=kind, file=origin.file)


#: How a tooltip names the fields of a pack a local addition gave (labels, not the file's keys).
FIELD_LABELS = {
    "name": N_("Designation"), "address": N_("Address"), "latin_address": N_("Address in Latin letters"),
    "phone": N_("Telephone"), "email": N_("E-mail"), "signatory_title": N_("Title of the signatory"),
    "provision": N_("Provision"), "max_penalty": N_("Maximum penalty"), "law_text": N_("Text of the law"),
    "central_authority": N_("Central authority"), "languages": N_("Languages accepted"),
    "channels": N_("Channels"), "means": N_("Means of sending"), "e_signature_required": N_("Electronic signature"),
    "encryption_required": N_("Encryption"), "double_criminality": N_("Double criminality"),
    "use_limitation": N_("Use of the evidence"), "documents": N_("Documents for measures"),
    "legal_bases": N_("Legal bases"), "notes": N_("Notes"), "source": N_("Source of the information"),
    "last_verified": N_("Last verified"),
}


def provenance(merged: packs.Merged, prefix: str) -> str:
    """Tooltip text: where the values under ``prefix`` came from (each pack that gave some, the
    local additions' own fields named)."""
    lines = []
    for origin in merged.origins_under(prefix):
        if origin.kind == "local":
            mine = sorted({p[len(prefix) + 1:] for p, o in merged.origins.items()
                           if o == origin and p.startswith(prefix + ".")} - {""})
            top = sorted({m.split(".")[0] for m in mine})
            detail = (": " + ", ".join(_(FIELD_LABELS[t]) if t in FIELD_LABELS else t for t in top)) if top else ""
            lines.append(_("From {pack}{fields}").format(pack=origin_text(origin), fields=detail))
        else:
            lines.append(_("From {pack}").format(pack=origin_text(origin)))
    return "\n".join(lines)


def condition_label(condition: str) -> str:
    from .. import vocab

    return vocab.LANGUAGE_CONDITION.label(condition, ui_language())


def accepted_text(profile: packs.StateProfile) -> str:
    """"French (always), English (only if the request is urgent)" in the UI language."""
    lang = ui_language()
    return ", ".join(f"{language_name(r.language, lang)} ({condition_label(r.condition)})" for r in profile.languages)


def profile_details(profile: packs.StateProfile, lang: str) -> list[tuple[str, str, str]]:
    """What else the profile says, as ``(label, text in lang, path under the profile)``: double
    criminality, the limitation on the use of evidence, the documents each measure needs, notes."""
    from .. import vocab

    out = []
    if profile.double_criminality:
        out.append((_("Double criminality"), packs.text_in(profile.double_criminality, lang), "double_criminality"))
    if profile.use_limitation:
        out.append((_("Use of the evidence"), packs.text_in(profile.use_limitation, lang), "use_limitation"))
    for need in profile.documents:
        label = _("Documents for \u201c{measure}\u201d").format(measure=vocab.ASSISTANCE_KIND.label(need.measure, lang))
        out.append((label, packs.text_in(need.documents, lang), "documents"))
    if profile.notes:
        out.append((_("Notes"), packs.text_in(profile.notes, lang), "notes"))
    return out


class PackDialog(QDialog):
    """Preferences -> State pack: the installed packs, Import and Remove, and what the pack in use
    holds, each value's origin in its tooltip. ``choose_file`` (replaced by tests) returns the
    file to import or ""."""

    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_(TITLE))
        self.choose_file = self._choose_file
        self.confirm = self._confirm
        outer = QVBoxLayout(self)
        intro = QLabel(_("A State pack holds your State's authorities, its letterhead and offences, and what each "
                         "requested State requires. Import the pack your central authority gives you; local "
                         "additions override it. Hover over a value to see which pack it comes from."), self)
        intro.setWordWrap(True)
        outer.addWidget(intro)
        self.installed = QListWidget(self)
        self.installed.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 10)
        self.installed.setAccessibleName(_("Installed packs"))
        outer.addWidget(QLabel(_("Installed packs:"), self))
        self.installed.itemSelectionChanged.connect(self._selection_changed)
        outer.addWidget(self.installed)
        buttons = QHBoxLayout()
        self.import_button = QPushButton(_("&Import\u2026"), self)
        self.import_button.clicked.connect(self.import_pack)
        self.remove_button = QPushButton(_("&Remove"), self)
        self.remove_button.clicked.connect(self.remove_pack)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        outer.addWidget(self.message)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([_("Entry"), _("Value")])
        self.tree.setAccessibleName(_("What the pack holds"))
        outer.addWidget(self.tree, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        close.accepted.connect(self.accept)
        outer.addWidget(close)
        self.refresh()
        self.resize(820, 620)

    # -- showing ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.installed.clear()
        for item in packs.installed():
            kind = _("national pack") if item.kind == "national" else _("local additions")
            if item.fictional:
                kind = _("{kind}, fictional example").format(kind=kind)
            self.installed.addItem(_("{title} \u2014 {kind}").format(title=item.title, kind=kind))
            self.installed.item(self.installed.count() - 1).setData(Qt.ItemDataRole.UserRole, item.id)
        self.installed.setCurrentItem(None)
        self.remove_button.setEnabled(False)  # until a pack is selected
        self.tree.clear()
        merged = packs.active()
        if merged is None:
            empty = QTreeWidgetItem(self.tree, [_("No State pack is installed."), ""])
            empty.setFirstColumnSpanned(True)  # the whole width: the sentence is never cut off
            return
        lang = ui_language()
        pack = merged.pack

        def node(parent, label, value, path):
            item = QTreeWidgetItem(parent, [label, value])
            tip = provenance(merged, path)
            item.setToolTip(0, tip)
            item.setToolTip(1, tip)
            return item

        if pack.requesting_state is not None:
            node(self.tree, _("Requesting State"), state_name(pack.requesting_state.code, lang), "requesting_state")
        if merged.letterhead is not None:
            node(self.tree, _("Letterhead"), packs.letterhead_name(merged.letterhead), "letterhead")
        group = QTreeWidgetItem(self.tree, [_("Authorities"), str(len(pack.authorities))])
        for a in pack.authorities:
            path = f"authorities.{a.id}"
            item = node(group, packs.text_in(a.name, lang), a.email or a.address, path)
            node(item, _("Address"), a.address, f"{path}.address")
        group = QTreeWidgetItem(self.tree, [_("Offences"), str(len(pack.offences))])
        for o in pack.offences:
            node(group, packs.text_in(o.name, lang), packs.text_in(o.provision, lang), f"offences.{o.id}")
        group = QTreeWidgetItem(self.tree, [_("Requested States"), str(len(pack.profiles))])
        for p in pack.profiles:
            path = f"profiles.{p.state}"
            stale = packs.stale(p, pack.max_age_days, _today())
            verified = _("last verified {date}").format(date=p.last_verified.isoformat())
            if stale:
                verified += " \u2014 " + _("may be out of date")
            item = node(group, state_name(p.state, lang), verified, path)
            node(item, _("Central authority"), packs.text_in(p.central_authority.name, lang), f"{path}.central_authority")
            node(item, _("Address"), p.central_authority.address, f"{path}.central_authority.address")
            node(item, _("Languages accepted"), accepted_text(p), f"{path}.languages")
            for label, text, sub in profile_details(p, lang):
                node(item, label, text, f"{path}.{sub}")
            node(item, _("Source of the information"), p.source, f"{path}.source")
        self.tree.expandToDepth(0)
        self.tree.resizeColumnToContents(0)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.show()

    # -- acting -------------------------------------------------------------------------------------
    def _choose_file(self) -> str:
        from PySide6.QtWidgets import QFileDialog

        start = str(packs.example_path().parent)  # the fictional example pack, to try the feature
        path, _filter = QFileDialog.getOpenFileName(self, _("Import a State pack"), start, _("State packs (*.toml)"))
        return path

    def import_pack(self) -> bool:
        """Ask for a pack file and install it; say every problem when it is refused (nothing is then installed)."""
        path = self.choose_file()
        if not path:
            return False
        try:
            item = packs.install(path)
        except packs.PackError as exc:
            problems = exc.localized(ui_language())
            self.say(_("The pack was not imported; nothing was changed:") + "\n" + "\n".join(f"\u2022 {p}" for p in problems),
                     error=True)
            return False
        self.say(_("Imported \u201c{title}\u201d.").format(title=item.title))
        self.refresh()
        self.changed.emit()
        return True

    def removal_text(self, pack_id: str) -> str:
        """The question asked before removing ``pack_id``: what will be removed, naming the local
        additions that go with a national pack."""
        items = packs.installed()
        item = next(i for i in items if i.id == pack_id)
        if item.kind == "national":
            extra = [i for i in items if i.kind == "local" and i.extends == pack_id]
            text = _("Remove the national pack \u201c{title}\u201d?").format(title=item.title)
            if extra:
                text += " " + _("Its local additions will be removed with it: {names}.").format(
                    names=", ".join(f"\u201c{i.title}\u201d" for i in extra))
            text += " " + _("Its authorities, offences and requested-State profiles will no longer be offered.")
        else:
            text = _("Remove the local additions \u201c{title}\u201d?").format(title=item.title)
        return text + " " + _("To use it again, import its file again.")

    def _confirm(self, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, _("Remove a State pack"), text, QMessageBox.StandardButton.Cancel, self)
        remove = box.addButton(_("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is remove

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(self.installed.currentItem() is not None and self.installed.currentItem().isSelected())

    def remove_pack(self) -> bool:
        """Remove the selected pack after ``confirm`` (replaced by tests) says yes; nothing without a selection."""
        item = self.installed.currentItem()
        if item is None or not item.isSelected():
            self.say(_("Select the pack to remove first."), error=True)
            return False
        pack_id = item.data(Qt.ItemDataRole.UserRole)
        if not self.confirm(self.removal_text(pack_id)):
            return False
        packs.remove(pack_id)
        self.say(_("Removed."))
        self.refresh()
        self.changed.emit()
        return True


def _today():
    import datetime as dt

    return dt.date.today()


# -- the requested State's profile on the first step --------------------------------------------------------


class ProfileBar(QWidget):
    """On the first step: when the requested State has a profile in the State pack, fill the
    addressee and the accepted languages (only what is empty), say what the State requires,
    and offer to write the letter in a language it accepts."""

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("profileBar")
        self.session = session
        self.last: list = []
        self.proposed: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.setFrameShape(QFrame.Shape.StyledPanel)  # a block of its own, apart from the step's intro
        self.note.setMargin(6)
        self.note.linkActivated.connect(self._link)
        layout.addWidget(self.note)
        self.seen = getattr(session, "profile_state_seen", None)
        if self.seen is None:
            self.seen = session.letter.requested_state  # an opened draft: nothing is filled until the State changes
            session.profile_state_seen = self.seen
        session.edited.connect(self._edited)
        session.languages_changed.connect(self.show_profile)
        self.show_profile()

    def profile(self) -> packs.StateProfile | None:
        return packs.profile_for(self.session.letter.requested_state)

    def _edited(self) -> None:
        code = self.session.letter.requested_state
        if code == self.seen:
            return
        self.seen = self.session.profile_state_seen = code
        profile = self.profile()
        if profile is not None:
            self.fill(profile)
        elif self.last:
            # a State without a profile: what the previous profile filled (and the user left) goes
            self.clear_filled()
        self.show_profile()

    def clear_filled(self) -> list:
        """Take back what the last profile filled and the user left as it was (never what the
        user typed); returns the changes taken back."""
        changes, self.last = self.last, []
        undone: list = []
        if changes:
            self.session.change(lambda L: undone.extend(office.undo_changes(L, changes)))
            self.session.reloaded.emit()
            self.session.check_requested.emit()
        return undone

    def fill(self, profile: packs.StateProfile) -> list:
        """Fill the empty addressee fields and accepted languages from ``profile``; returns the
        changes. What the previous State's profile filled (and the user left as it was) is taken
        back first: another State, another central authority."""
        previous, self.last = self.last, []
        if previous:
            self.session.change(partial(office.undo_changes, changes=previous))
        changes = packs.profile_changes(self.session.letter, profile)
        if changes:
            self.session.change(partial(office.apply_changes, changes=changes))
        if previous or changes:
            self.session.reloaded.emit()
            self.session.check_requested.emit()
        self.last = changes
        return changes

    def show_profile(self) -> None:
        profile = self.profile()
        merged = packs.active()
        if profile is None or merged is None:
            self.note.hide()
            self.hide()  # no empty gap where the note was
            self.proposed = None
            return
        from .. import vocab
        from ..languages import languages

        lang = ui_language()
        letter = self.session.letter
        from ..states import form

        parts = [escape(_("State pack: profile {state_of}. Languages accepted: {languages}.").format(
            state_of=form(profile.state, lang, "de"), languages=accepted_text(profile)))]
        if self.last:
            parts.append(escape(_("The addressee and the languages accepted were filled from it.")))
        how = [vocab.TRANSMISSION_CHANNEL.label(c, lang) for c in profile.channels]
        how += [vocab.TRANSMISSION_MEANS.label(m, lang) for m in profile.means]
        if profile.e_signature_required:
            how.append(_("electronic signature required"))
        if profile.encryption_required:
            how.append(_("encryption required"))
        if how:
            parts.append(escape(_("Sending: {how}.").format(how="; ".join(how))))
        details = profile_details(profile, lang)
        if details:
            parts.append("<br>" + "<br>".join(escape(f"{label}: {text}") for label, text, _path in details))
        rule = profile.rule(letter.output_language)
        self.proposed = None
        if rule is None or rule.condition != "always":
            self.proposed = profile.proposed_language(languages())
        links = []
        if self.proposed and self.proposed != letter.output_language:
            from ..language_phrases import in_language

            offer = _("Write the letter {in_language}").format(in_language=in_language(self.proposed, lang))
            condition = profile.rule(self.proposed).condition
            if condition != "always":  # the State's condition goes with the offer ("only with a certified translation")
                offer = _("{offer} ({condition})").format(offer=offer, condition=condition_label(condition))
            links.append('<a href="language">{}</a>'.format(escape(offer)))
        if self.last:
            links.append('<a href="undo">{}</a>'.format(escape(_("Undo"))))
        self.note.setText(" ".join(parts) + ("<br>" + " \u00b7 ".join(links) if links else ""))
        tip = provenance(merged, f"profiles.{profile.state}")
        tip += "\n" + _("Source of the information: {source}; last verified {date}.").format(
            source=profile.source, date=profile.last_verified.isoformat())
        self.note.setToolTip(tip)
        self.note.show()
        self.show()

    def _link(self, link: str) -> None:
        if link == "language":
            self.use_proposed_language()
        elif link == "undo":
            self.undo()

    def use_proposed_language(self) -> None:
        """Make the proposed accepted language the letter's output language."""
        if not self.proposed:
            return
        self.session.change(partial(office.apply_changes, changes=[
            office.Change("output_language", None, self.session.letter.output_language, self.proposed)]))
        self.session.reloaded.emit()
        self.session.languages_changed.emit()
        self.session.check_requested.emit()

    def undo(self) -> None:
        changes, self.last = self.last, []
        if changes:
            self.session.change(partial(office.undo_changes, changes=changes))
            self.session.reloaded.emit()
            self.session.check_requested.emit()
        self.show_profile()
