"""One small view per wizard step, in checklist order (see :mod:`.plan` and :data:`mla_writer.points.SECTIONS`).

Every step's form is built from the field declarations of its sections
(:data:`mla_writer.fields.SECTION_FIELDS`): a row per field of the letter, and a list
editor (:class:`~..widgets.listeditor.ListSpec`) where the fields belong to list items.
A step only adds its guidance text and, where a declaration alone cannot say it, the
texts of a yes/no question.
"""

from __future__ import annotations

from ... import fields, vocab
from ...model import Annex, Attendee, ChannelUse, ContactEvent
from ..i18n import N_, _, ui_language
from ..session import shown_text
from ..widgets.assistance import MEASURES
from ..widgets.form import letter_languages
from ..widgets.legalbasis import LEGAL_BASES
from ..widgets.listeditor import ListSpec, fresh_id
from ..widgets.offences import OFFENCES
from ..widgets.persons import PERSONS
from .base import StepPage
from .plan import SHARED_STEPS


def _letter_languages():
    return letter_languages()


# -- the lists of points 2, 3, 13 and of the closing section -----------------------------------------


def _contact_title(index, contact, letter):
    when = contact.date.isoformat() if contact.date else _("date not given")
    who = shown_text(contact.who, letter) or _("(who?)")
    return f"{index + 1}. {who} \u2014 {when}"


def _channel_title(index, use, letter):
    name = vocab.OTHER_CHANNEL.label(use.channel, ui_language()) if use.channel else _("(channel not chosen)")
    return f"{index + 1}. {name}" + (f" \u2014 {use.reference}" if use.reference else "")


def _attendee_title(index, attendee, letter):
    name = attendee.name or _("(no name yet)")
    return f"{index + 1}. {name}"


def _annex_title(index, annex, letter):
    title = shown_text(annex.title, letter) or _("(no title yet)")
    return f"{index + 1}. {title}"


CONTACTS = ListSpec(
    "prior_contact.contacts", N_("Earlier contacts"), N_("&Add a contact"),
    lambda: [(_("Add a contact"), lambda items: ContactEvent())], _contact_title,
)
CHANNELS = ListSpec(
    "other_channels.channels", N_("Other channels used"), N_("&Add a channel"),
    lambda: [(_("Add a channel"), lambda items: ChannelUse())], _channel_title,
)
ATTENDEES = ListSpec(
    "officials_presence.attendees", N_("Who wishes to attend"), N_("&Add a person"),
    lambda: [(_("Add a person"), lambda items: Attendee())], _attendee_title,
)
ANNEXES = ListSpec(
    "annexes", N_("Annexes"), N_("&Add an annex"), lambda: [(_("Add an annex"), lambda items: Annex(id=fresh_id(items, "x")))], _annex_title,
)

#: How each declared list is edited, by its path (every key of :data:`mla_writer.fields.ITEMS`).
LISTS: dict[str, ListSpec] = {spec.path: spec for spec in (CONTACTS, CHANNELS, LEGAL_BASES, PERSONS, OFFENCES, MEASURES, ATTENDEES, ANNEXES)}


def _list_condition(list_path: str) -> str | None:
    """The letter-wide condition every field of a list's items shares (the list shows only then)."""
    names = {f.when for f in fields.all_fields() if f.item_pattern.startswith(list_path + "[") and f.kind != fields.ID}
    if len(names) == 1:
        (name,) = names
        if name is not None and fields.CONDITIONS[name].scope == "letter":
            return name
    return None


class DeclaredStep(StepPage):
    """A step whose form is the declared fields of its sections, in their declared order."""

    def field_options(self) -> dict[str, dict]:
        """Per declaration path, options of its row (the ``yes``/``no`` texts of a question)."""
        return {}

    def top_widgets(self, parent):
        from ... import office

        if not set(self.section_ids) & set(office.SECTIONS):
            return []
        from ..office import OfficeBar

        self.office_bar = OfficeBar(self.session, self.section_ids, parent)
        return [self.office_bar]

    def build(self, form):
        options = self.field_options()
        shown_lists: set[str] = set()
        for sid in self.section_ids:
            for decl in fields.SECTION_FIELDS[sid]:
                if "[" not in decl.path:
                    form.field(decl, decl.path, **options.get(decl.path, {}))
                    continue
                list_path = decl.path.split("[", 1)[0]
                if list_path in shown_lists:
                    continue
                shown_lists.add(list_path)
                spec = LISTS[list_path]
                row = form.widget(list_path, spec.editor(self.session, self.problem_map, form), _(spec.label))
                condition = _list_condition(list_path)
                if condition is not None:
                    form.visible_when([row], condition)


class PartiesPage(DeclaredStep):
    section_ids = ("parties",)

    def top_widgets(self, parent):
        from ..packs import ProfileBar

        self.profile_bar = ProfileBar(self.session, parent)  # the requested State's profile in the State pack
        return [*super().top_widgets(parent), self.profile_bar]

    def guidance(self):
        return _(
            "Choose the two States and name the central authority that will receive the letter. "
            "You type your texts in the drafting language; the finished letter is produced in the "
            "output language. Both are independent of the language of this window."
        )


class IdentificationPage(DeclaredStep):
    section_ids = ("identification",)

    def guidance(self):
        return _(
            "Say who is asking and who is in charge of the case, with contact details that a "
            "foreign official can really use. Name the officer, prosecutor or judge in charge "
            "unless there is a good reason not to."
        )


class PriorContactPage(DeclaredStep):
    section_ids = ("prior_contact",)

    def guidance(self):
        return _(
            "Mention every earlier exchange with officials of the requested State about this case: "
            "it helps them find the file and the right person. If there was none, say so explicitly."
        )

    def field_options(self):
        return {"prior_contact.had_contact": {"yes": _("Yes, there has been contact"), "no": _("No, there has been no contact")}}


class OtherChannelsPage(DeclaredStep):
    section_ids = ("other_channels",)

    def guidance(self):
        return _(
            "If a copy of this request has gone, or will go, another way (INTERPOL, Eurojust, a "
            "liaison officer, the diplomatic channel), say so, so that it is not executed twice."
        )

    def field_options(self):
        return {"other_channels.used": {"yes": _("Yes, through another channel"), "no": _("No, only through this channel")}}


class AcknowledgementPage(DeclaredStep):
    section_ids = ("acknowledgement",)

    def guidance(self):
        return _(
            "The letter comes with a cover sheet that the requested State fills in and sends back "
            "to confirm receipt. Say where it should be sent."
        )


class UrgencyPage(DeclaredStep):
    section_ids = ("urgency",)

    def guidance(self):
        return _(
            "If the request must be executed by a certain date, give that date and the real reason. "
            "Urgency without a reason is rarely taken seriously; the letter will show it prominently."
        )


class ConfidentialityPage(DeclaredStep):
    section_ids = ("confidentiality",)

    def guidance(self):
        return _(
            "If the persons concerned must not learn of the request, say why. Normally you also ask "
            "to be consulted before execution if confidentiality cannot be kept."
        )


class LegalBasisPage(DeclaredStep):
    section_ids = ("legal_basis",)

    def guidance(self):
        return _(
            "Name the treaty, convention or scheme the request relies on, with the article. "
            "Where none applies, rely on reciprocity and assure the requested State that you would "
            "help it in the same way."
        )


class FactsPage(DeclaredStep):
    section_ids = ("facts",)

    def guidance(self):
        return _(
            "Tell the case so that a stranger understands it: who did what, when and where, and how "
            "it concerns the requested State. Identify the alleged offenders as fully as you can."
        )


class OffencesPage(DeclaredStep):
    section_ids = ("offences",)

    def guidance(self):
        return _(
            "For each offence give the legal provision, the maximum penalty and the text of the law. "
            "The requested State may check dual criminality and penalty thresholds against it."
        )


class AssistancePage(DeclaredStep):
    section_ids = SHARED_STEPS[0]  # points 10-12: their fields belong to each measure

    def guidance(self):
        return _(
            "Add each measure you ask for and describe it precisely. For each one, explain how it "
            "serves the case (point 11) and which formalities make the evidence usable in your "
            "courts (point 12). Ask broadly enough to avoid a second request later."
        )


class PresencePage(DeclaredStep):
    section_ids = ("presence",)

    def guidance(self):
        return _(
            "Say whether your officials or other persons (for example the defence) wish to attend "
            "or take part, who they are and why. The requested State may allow presence without "
            "active participation."
        )


class LanguagePage(DeclaredStep):
    section_ids = ("language",)

    def guidance(self):
        return _(
            "Give the languages in which the requested State accepts requests. The letter must be in "
            "one of them or come with a certified translation. Texts not yet translated into the "
            "output language are listed just below: click one to go to it."
        )


class ClosingPage(DeclaredStep):
    section_ids = ("closing",)

    def guidance(self):
        return _("Where and when the letter is signed, who signs it, and what is annexed to it.")


#: The steps in order; each lists the checklist sections it shows.
STEP_CLASSES = (
    PartiesPage,
    IdentificationPage,
    PriorContactPage,
    OtherChannelsPage,
    AcknowledgementPage,
    UrgencyPage,
    ConfidentialityPage,
    LegalBasisPage,
    FactsPage,
    OffencesPage,
    AssistancePage,
    PresencePage,
    LanguagePage,
    ClosingPage,
)
