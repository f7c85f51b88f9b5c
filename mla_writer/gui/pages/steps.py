"""One small view per wizard step, in checklist order (see :mod:`.plan` and :data:`mla_writer.points.SECTIONS`)."""

from __future__ import annotations

from ...model import Attendee, ChannelUse, ContactEvent
from ...model.text import LANGUAGES
from ..i18n import _, language_endonym
from ..widgets.assistance import assistance_editor
from ..widgets.labels import CONTACT_CHANNELS, OTHER_CHANNELS, URGENCY_REASONS, options
from ..widgets.legalbasis import legal_bases_editor
from ..widgets.listeditor import ListEditor
from ..widgets.offences import offences_editor
from ..widgets.persons import persons_editor
from ..session import shown_text
from .base import StepPage
from .plan import SHARED_STEPS


def _letter_languages():
    return [(lang, language_endonym(lang)) for lang in LANGUAGES]


class PartiesPage(StepPage):
    section_ids = ("parties",)

    def guidance(self):
        return _(
            "Choose the two States and name the central authority that will receive the letter. "
            "You type your texts in the drafting language; the finished letter is produced in the "
            "output language. Both are independent of the language of this window."
        )

    def build(self, form):
        form.country("requesting_state", _("Requesting State (your State)"))
        form.country("requested_state", _("Requested State"))
        form.heading(_("Languages of the letter"))
        drafting = form.choice("drafting_language", _("Drafting language (the language you type in)"), _letter_languages(), nullable=False)
        output = form.choice("output_language", _("Output language (the language of the letter)"), _letter_languages(), nullable=False)
        for row in (drafting, output):
            row.editor.changed.connect(self.session.languages_changed)
        form.heading(_("Addressee: central authority of the requested State"))
        form.authority("addressee", _("Name of the central authority"))
        form.heading(_("References"))
        form.line("references.requesting_reference", _("Your file reference"))
        form.line("references.court_case_number", _("Court case number (if any)"))
        form.line("references.requested_reference", _("Reference of the requested State (if known)"))


class IdentificationPage(StepPage):
    section_ids = ("identification",)

    def guidance(self):
        return _(
            "Say who is asking and who is in charge of the case, with contact details that a "
            "foreign official can really use. Name the officer, prosecutor or judge in charge "
            "unless there is a good reason not to."
        )

    def build(self, form):
        base = "identification"
        form.heading(_("Authority making the request"))
        form.authority(f"{base}.requesting_authority")
        form.heading(_("Authority conducting the investigation or proceedings"))
        form.check(f"{base}.conducting_same_as_requesting", _("It is the authority making the request"))
        rows = form.authority(f"{base}.conducting_authority")
        form.visible_when(rows, lambda letter: not letter.identification.conducting_same_as_requesting)
        form.heading(_("Officer, prosecutor or judge in charge"))
        form.check(f"{base}.officer_withheld", _("It would be inappropriate to give the officer's details"))
        reason = [form.text(f"{base}.officer_withheld_reason", _("Why the details are not given"), lines=2)]
        officer = [
            form.line(f"{base}.officer.name", _("Name")),
            form.mlline(f"{base}.officer.position", _("Position")),
            form.line(f"{base}.officer.phone", _("Direct telephone")),
            form.line(f"{base}.officer.email", _("Direct e-mail")),
            form.line(f"{base}.officer.languages", _("Languages in which the officer can be contacted")),
        ]
        form.visible_when(reason, lambda letter: letter.identification.officer_withheld)
        form.visible_when(officer, lambda letter: not letter.identification.officer_withheld)


def _contact_title(index, contact, letter):
    when = contact.date.isoformat() if contact.date else _("date not given")
    who = contact.who or _("(who?)")
    return f"{index + 1}. {who} \u2014 {when}"


def _build_contact(form, path, contact):
    form.date(f"{path}.date", _("Date"))
    form.line(f"{path}.who", _("Who was in contact (both sides)"))
    form.choice(f"{path}.channel", _("Means of contact"), options(CONTACT_CHANNELS))
    form.line(f"{path}.reference", _("Reference"))
    form.text(f"{path}.details", _("What was discussed or agreed"), lines=2)


class PriorContactPage(StepPage):
    section_ids = ("prior_contact",)

    def guidance(self):
        return _(
            "Mention every earlier exchange with officials of the requested State about this case: "
            "it helps them find the file and the right person. If there was none, say so explicitly."
        )

    def build(self, form):
        form.yesno(
            "prior_contact.had_contact",
            _("Have officials of the two States already been in contact about this matter?"),
            _("Yes, there has been contact"),
            _("No, there has been no contact"),
        )
        editor = ListEditor(
            self.session, self.problem_map, "prior_contact.contacts", [(_("Add a contact"), lambda items: ContactEvent())],
            _build_contact, _contact_title, _("&Add a contact"), form,
        )
        row = form.widget("prior_contact.contacts", editor, _("Earlier contacts"))
        form.visible_when([row], lambda letter: bool(letter.prior_contact.had_contact))


def _channel_title(index, use, letter):
    name = _(OTHER_CHANNELS[use.channel]) if use.channel else _("(channel not chosen)")
    return f"{index + 1}. {name}" + (f" \u2014 {use.reference}" if use.reference else "")


def _build_channel(form, path, use):
    form.choice(f"{path}.channel", _("Channel"), options(OTHER_CHANNELS))
    form.date(f"{path}.date", _("Date sent"))
    form.line(f"{path}.reference", _("Reference"))
    form.text(f"{path}.details", _("Details"), lines=2)


class OtherChannelsPage(StepPage):
    section_ids = ("other_channels",)

    def guidance(self):
        return _(
            "If a copy of this request has gone, or will go, another way (INTERPOL, Eurojust, a "
            "liaison officer, the diplomatic channel), say so, so that it is not executed twice."
        )

    def build(self, form):
        form.yesno(
            "other_channels.used",
            _("Has a copy of this request been, or is it being, sent through another channel?"),
            _("Yes, through another channel"),
            _("No, only through this channel"),
        )
        editor = ListEditor(
            self.session, self.problem_map, "other_channels.channels", [(_("Add a channel"), lambda items: ChannelUse())],
            _build_channel, _channel_title, _("&Add a channel"), form,
        )
        row = form.widget("other_channels.channels", editor, _("Other channels used"))
        form.visible_when([row], lambda letter: bool(letter.other_channels.used))


class AcknowledgementPage(StepPage):
    section_ids = ("acknowledgement",)

    def guidance(self):
        return _(
            "The letter comes with a cover sheet that the requested State fills in and sends back "
            "to confirm receipt. Say where it should be sent."
        )

    def build(self, form):
        base = "acknowledgement"
        form.mlline(f"{base}.authority", _("Office to which the acknowledgement is returned"))
        form.line(f"{base}.name", _("Person to receive it"))
        form.line(f"{base}.address", _("Postal address"))
        form.line(f"{base}.email", _("E-mail"))
        form.line(f"{base}.phone", _("Telephone"))
        form.line(f"{base}.fax", _("Fax"))


class UrgencyPage(StepPage):
    section_ids = ("urgency",)

    def guidance(self):
        return _(
            "If the request must be executed by a certain date, give that date and the real reason. "
            "Urgency without a reason is rarely taken seriously; the letter will show it prominently."
        )

    def build(self, form):
        form.check("urgency.urgent", _("The request is urgent or has a time limit"))
        rows = [
            form.date("urgency.deadline", _("Execute by")),
            form.choice("urgency.reason_kind", _("Why it is urgent"), options(URGENCY_REASONS)),
            form.text("urgency.reason", _("Explain the urgency"), lines=3),
        ]
        form.visible_when(rows, lambda letter: letter.urgency.urgent)


class ConfidentialityPage(StepPage):
    section_ids = ("confidentiality",)

    def guidance(self):
        return _(
            "If the persons concerned must not learn of the request, say why. Normally you also ask "
            "to be consulted before execution if confidentiality cannot be kept."
        )

    def build(self, form):
        form.check("confidentiality.confidential", _("The request must be kept confidential"))
        rows = [
            form.text("confidentiality.reason", _("Why confidentiality is needed"), lines=3),
            form.check(
                "confidentiality.consult_if_not_possible",
                _("Ask to be consulted before execution if confidentiality cannot be kept"),
            ),
        ]
        form.visible_when(rows, lambda letter: letter.confidentiality.confidential)


class LegalBasisPage(StepPage):
    section_ids = ("legal_basis",)

    def guidance(self):
        return _(
            "Name the treaty, convention or scheme the request relies on, with the article. "
            "Where none applies, rely on reciprocity and assure the requested State that you would "
            "help it in the same way."
        )

    def build(self, form):
        form.widget("legal_bases", legal_bases_editor(self.session, self.problem_map, form), _("Legal bases"))


class FactsPage(StepPage):
    section_ids = ("facts",)

    def guidance(self):
        return _(
            "Tell the case so that a stranger understands it: who did what, when and where, and how "
            "it concerns the requested State. Identify the alleged offenders as fully as you can."
        )

    def build(self, form):
        form.text("facts.summary", _("Summary of the relevant facts"), lines=10)
        form.text("facts.stage", _("Stage of the proceedings"), _("For example: investigation opened on ..., trial set for ..."), lines=2)
        form.widget("persons", persons_editor(self.session, self.problem_map, form), _("Persons concerned"))


class OffencesPage(StepPage):
    section_ids = ("offences",)

    def guidance(self):
        return _(
            "For each offence give the legal provision, the maximum penalty and the text of the law. "
            "The requested State may check dual criminality and penalty thresholds against it."
        )

    def build(self, form):
        form.widget("offences", offences_editor(self.session, self.problem_map, form), _("Offences"))


class AssistancePage(StepPage):
    section_ids = SHARED_STEPS[0]  # points 10-12: their fields belong to each measure

    def guidance(self):
        return _(
            "Add each measure you ask for and describe it precisely. For each one, explain how it "
            "serves the case (point 11) and which formalities make the evidence usable in your "
            "courts (point 12). Ask broadly enough to avoid a second request later."
        )

    def build(self, form):
        form.widget("assistance", assistance_editor(self.session, self.problem_map, form), _("Measures requested"))


def _attendee_title(index, attendee, letter):
    name = attendee.name or _("(no name yet)")
    return f"{index + 1}. {name}"


def _build_attendee(form, path, attendee):
    form.line(f"{path}.name", _("Name"))
    form.mlline(f"{path}.function", _("Function"))


class PresencePage(StepPage):
    section_ids = ("presence",)

    def guidance(self):
        return _(
            "Say whether your officials or other persons (for example the defence) wish to attend "
            "or take part, who they are and why. The requested State may allow presence without "
            "active participation."
        )

    def build(self, form):
        form.check("officials_presence.wanted", _("Officials or other persons wish to be present"))
        editor = ListEditor(
            self.session, self.problem_map, "officials_presence.attendees", [(_("Add a person"), lambda items: Attendee())],
            _build_attendee, _attendee_title, _("&Add a person"), form,
        )
        rows = [
            form.widget("officials_presence.attendees", editor, _("Who wishes to attend")),
            form.text("officials_presence.participation", _("What they wish to do"), lines=2),
            form.text("officials_presence.reason", _("Why their presence is needed"), lines=2),
        ]
        form.visible_when(rows, lambda letter: letter.officials_presence.wanted)


class LanguagePage(StepPage):
    section_ids = ("language",)

    def guidance(self):
        return _(
            "Give the languages in which the requested State accepts requests. The letter must be in "
            "one of them or come with a certified translation. Texts not yet translated into the "
            "output language are listed just below: click one to go to it."
        )

    def build(self, form):
        form.languages("language.accepted_languages", _("Languages accepted by the requested State"))
        form.check("language.certified_translation", _("A certified translation is attached"))
        form.text("language.translation_note", _("Note on the translation (optional)"), lines=2)


def _annex_title(index, annex, letter):
    title = shown_text(annex.title, letter) or _("(no title yet)")
    return f"{index + 1}. {title}"


def _build_annex(form, path, annex):
    form.mlline(f"{path}.title", _("Title of the annex"))
    form.number(f"{path}.pages", _("Number of pages"))


class ClosingPage(StepPage):
    section_ids = ("closing",)

    def guidance(self):
        return _("Where and when the letter is signed, who signs it, and what is annexed to it.")

    def build(self, form):
        from ...model import Annex

        form.mlline("place", _("Place"))
        form.date("date", _("Date of the letter"))
        form.line("signatory.name", _("Name of the signatory"))
        form.mlline("signatory.title", _("Title of the signatory"))
        form.mlline("signatory.authority", _("Authority of the signatory"))
        editor = ListEditor(
            self.session, self.problem_map, "annexes", [(_("Add an annex"), lambda items: Annex())],
            _build_annex, _annex_title, _("&Add an annex"), form,
        )
        form.widget("annexes", editor, _("Annexes"))


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
