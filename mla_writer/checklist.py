"""The 14-point checklist: every rule about the points defined in :mod:`.points`.

The wizard's pages and sidebar, the checklist report, the command line and the order of
the letter's sections all read :data:`POINTS` (and :data:`SECTIONS`, which adds the two
formal sections around them). No rule about the points lives anywhere else.

``check(letter, lang)`` returns a :class:`Report`: per section a status (complete,
incomplete, not applicable), blocking problems and advisory warnings, each with a stable
code, a message in the requested UI language and the path of the field concerned.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from . import catalogue
from .i18n import ui_gettext
from .model import OFFENDER_ROLES, LetterOfRequest, MLText
from .points import CLOSING, PARTIES, POINT_BY_ID, POINTS, SECTIONS, PointDef, Severity, Status, section_of  # noqa: F401 (re-exported)

# -- the definition ------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    code: str
    severity: Severity
    message: str
    path: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "severity": self.severity.value, "message": self.message, "path": self.path}


@dataclass
class PointResult:
    point: PointDef
    status: Status
    errors: list[Problem]
    warnings: list[Problem]

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "number": self.point.number,
            "id": self.point.id,
            "title": self.point.label(lang),
            "status": self.status.value,
            "errors": [p.to_dict() for p in self.errors],
            "warnings": [p.to_dict() for p in self.warnings],
        }


@dataclass
class Report:
    lang: str
    results: list[PointResult]

    @property
    def complete(self) -> bool:
        return all(r.status is not Status.INCOMPLETE for r in self.results)

    def result(self, point_id: str) -> PointResult:
        return next(r for r in self.results if r.point.id == point_id)

    def incomplete(self) -> list[PointResult]:
        return [r for r in self.results if r.status is Status.INCOMPLETE]

    def problems(self) -> Iterator[Problem]:
        for r in self.results:
            yield from r.errors
            yield from r.warnings

    def for_path(self, prefix: str) -> list[Problem]:
        """Problems whose path is ``prefix`` or lies under it (for showing beside a field)."""
        return [p for p in self.problems() if p.path == prefix or p.path.startswith((prefix + ".", prefix + "["))]

    def to_dict(self) -> dict[str, Any]:
        return {
            "complete": self.complete,
            "language": self.lang,
            "points": [r.to_dict(self.lang) for r in self.results],
        }


# -- the rule context ----------------------------------------------------------------------


class _Ctx:
    """What a rule sees: the letter, today, the UI language, and where to report."""

    def __init__(self, letter: LetterOfRequest, lang: str, today: dt.date) -> None:
        self.letter = letter
        self.lang = lang
        self.today = today
        self._ = ui_gettext(lang)
        self.problems: list[Problem] = []
        self.not_applicable = False

    def error(self, code: str, message: str, path: str, /, **kw: Any) -> None:
        self.problems.append(Problem(code, Severity.ERROR, self._(message).format(**kw), path))

    def warning(self, code: str, message: str, path: str, /, **kw: Any) -> None:
        self.problems.append(Problem(code, Severity.WARNING, self._(message).format(**kw), path))

    # helpers ----------------------------------------------------------------------
    def has(self, text: MLText) -> bool:
        return bool(text)

    def past(self, day: dt.date | None) -> bool:
        return day is not None and day < self.today

    def country_ok(self, code: str) -> bool:
        return code in catalogue.country_names("en")


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: Below this many characters a summary of facts is too thin to act on.
THIN_FACTS = 400
#: Below this many characters a link to the proceedings restates nothing.
THIN_LINK = 60


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, (str, list, MLText)):
        return not value
    return False


# -- the rules, one function per section ---------------------------------------------------


def _parties(c: _Ctx) -> None:
    L = c.letter
    for attr, label_code in (("requesting_state", "requesting"), ("requested_state", "requested")):
        code = getattr(L, attr)
        if not code:
            if label_code == "requesting":
                c.error("parties.requesting_state_missing", "Choose the requesting State.", attr)
            else:
                c.error("parties.requested_state_missing", "Choose the requested State.", attr)
        elif not c.country_ok(code):
            c.error("parties.unknown_country", "{code} is not a known ISO 3166 country code.", attr, code=code)
    if L.requesting_state and L.requesting_state == L.requested_state:
        c.error(
            "parties.same_state",
            "The requesting and the requested State must be different.",
            "requested_state",
        )
    if not L.addressee.name:
        c.error(
            "parties.addressee_missing",
            "Name the central authority of the requested State to which the letter is addressed.",
            "addressee.name",
        )
    elif not L.addressee.address:
        c.warning("parties.addressee_address", "Give the postal address of the central authority.", "addressee.address")
    if not L.references.requesting_reference:
        c.warning(
            "parties.reference_missing",
            "Give your file reference so that the requested State can quote it in every reply.",
            "references.requesting_reference",
        )


def _identification(c: _Ctx) -> None:
    ident = c.letter.identification
    req = ident.requesting_authority
    if not req.name:
        c.error(
            "identification.requesting_name",
            "Name the authority making or transmitting the request.",
            "identification.requesting_authority.name",
        )
    if not req.address:
        c.error(
            "identification.requesting_address",
            "Give the address of the authority making the request.",
            "identification.requesting_authority.address",
        )
    if not (req.phone or req.email):
        c.error(
            "identification.requesting_contact",
            "Give a telephone number or an e-mail address for the authority making the request.",
            "identification.requesting_authority.email",
        )
    if not ident.conducting_same_as_requesting:
        cond = ident.conducting_authority
        if not cond.name:
            c.error(
                "identification.conducting_name",
                "Name the authority conducting the investigation, prosecution or proceedings, "
                "or state that it is the requesting authority.",
                "identification.conducting_authority.name",
            )
        elif not (cond.address or cond.phone or cond.email):
            c.warning(
                "identification.conducting_contact",
                "Give contact details for the authority conducting the proceedings.",
                "identification.conducting_authority.address",
            )
    officer = ident.officer
    if ident.officer_withheld:
        if not ident.officer_withheld_reason:
            c.warning(
                "identification.withheld_reason",
                "Say briefly why the officer's details are not given.",
                "identification.officer_withheld_reason",
            )
    else:
        if not officer.name:
            c.error(
                "identification.officer_name",
                "Name the officer, prosecutor or judge in charge of the case, "
                "or indicate that it would be inappropriate to do so.",
                "identification.officer.name",
            )
        if not (officer.phone or officer.email):
            c.error(
                "identification.officer_contact",
                "Give a direct telephone number or e-mail address for the officer in charge.",
                "identification.officer.email",
            )
    for path, email in (
        ("identification.requesting_authority.email", req.email),
        ("identification.conducting_authority.email", ident.conducting_authority.email),
        ("identification.officer.email", officer.email),
    ):
        if email and not _EMAIL.match(email):
            c.warning("identification.email_format", "{email} does not look like an e-mail address.", path, email=email)


def _prior_contact(c: _Ctx) -> None:
    pc = c.letter.prior_contact
    if pc.had_contact is None:
        c.error(
            "prior_contact.unanswered",
            "Say whether officials of the two States have already been in contact about this matter.",
            "prior_contact.had_contact",
        )
        return
    if not pc.had_contact:
        return
    if not pc.contacts:
        c.error("prior_contact.none_listed", "Describe the earlier contact: who, when, how.", "prior_contact.contacts")
    for i, contact in enumerate(pc.contacts):
        path = f"prior_contact.contacts[{i}]"
        if not contact.who:
            c.error("prior_contact.who", "Contact {n}: say who was in contact.", f"{path}.who", n=i + 1)
        if contact.date is None or contact.channel is None:
            c.warning("prior_contact.when_how", "Contact {n}: give the date and the means of contact.", f"{path}.date", n=i + 1)
        elif contact.date > c.today:
            c.error("prior_contact.future", "Contact {n}: the date is in the future.", f"{path}.date", n=i + 1)


def _other_channels(c: _Ctx) -> None:
    oc = c.letter.other_channels
    if oc.used is None:
        c.error(
            "other_channels.unanswered",
            "Say whether a copy of this request has been or is being sent through another channel.",
            "other_channels.used",
        )
        return
    if not oc.used:
        return
    if not oc.channels:
        c.error("other_channels.none_listed", "Name the other channel used.", "other_channels.channels")
    for i, use in enumerate(oc.channels):
        path = f"other_channels.channels[{i}]"
        if use.channel is None:
            c.error("other_channels.kind", "Channel {n}: choose the channel.", f"{path}.channel", n=i + 1)
        elif use.channel == "other" and not use.details:
            c.error("other_channels.details", "Channel {n}: describe the channel.", f"{path}.details", n=i + 1)


def _acknowledgement(c: _Ctx) -> None:
    ack = c.letter.acknowledgement
    if not ack.authority:
        c.error(
            "acknowledgement.authority",
            "Name the office to which the acknowledgement of receipt is to be returned.",
            "acknowledgement.authority",
        )
    if not (ack.address or ack.email or ack.fax):
        c.error(
            "acknowledgement.where",
            "Give an address, e-mail or fax number to which the acknowledgement is to be returned.",
            "acknowledgement.email",
        )
    if not ack.name:
        c.warning("acknowledgement.name", "Name the person who should receive the acknowledgement.", "acknowledgement.name")
    if ack.email and not _EMAIL.match(ack.email):
        c.warning(
            "acknowledgement.email_format", "{email} does not look like an e-mail address.", "acknowledgement.email", email=ack.email
        )


def _urgency(c: _Ctx) -> None:
    u = c.letter.urgency
    if not u.urgent:
        c.not_applicable = True
        return
    if u.deadline is None:
        c.error("urgency.deadline_missing", "Give the date by which the request must be executed.", "urgency.deadline")
    elif c.past(u.deadline):
        c.error("urgency.deadline_past", "The deadline {date} has already passed.", "urgency.deadline", date=u.deadline.isoformat())
    if u.reason_kind is None:
        c.error("urgency.reason_kind", "Choose why the request is urgent.", "urgency.reason_kind")
    if not u.reason:
        c.error(
            "urgency.reason_missing",
            "Explain the urgency (for example a custody time limit or a trial date).",
            "urgency.reason",
        )


def _confidentiality(c: _Ctx) -> None:
    conf = c.letter.confidentiality
    if not conf.confidential:
        c.not_applicable = True
        return
    if not conf.reason:
        c.error(
            "confidentiality.reason_missing",
            "Explain why the request must be kept confidential.",
            "confidentiality.reason",
        )
    if not conf.consult_if_not_possible:
        c.warning(
            "confidentiality.no_consultation",
            "Normally the requested State is asked to consult you before executing the request "
            "if it cannot keep it confidential.",
            "confidentiality.consult_if_not_possible",
        )


def _legal_basis(c: _Ctx) -> None:
    L = c.letter
    if not L.legal_bases:
        c.error(
            "legal_basis.missing",
            "Give the legal basis: a treaty or convention, a scheme, or reciprocity.",
            "legal_bases",
        )
    known = catalogue.instruments()
    for i, basis in enumerate(L.legal_bases):
        path = f"legal_bases[{i}]"
        if basis.type == "instrument":
            if not basis.instrument_id:
                c.error("legal_basis.instrument_missing", "Basis {n}: choose the instrument.", f"{path}.instrument_id", n=i + 1)
            elif basis.instrument_id not in known:
                c.error(
                    "legal_basis.instrument_unknown",
                    "Basis {n}: {id} is not in the catalogue of instruments.",
                    f"{path}.instrument_id",
                    n=i + 1,
                    id=basis.instrument_id,
                )
            elif not basis.articles and known[basis.instrument_id].get("mla_articles"):
                c.warning(
                    "legal_basis.article_missing",
                    "Basis {n}: cite the article relied on (for this instrument usually article {art}).",
                    f"{path}.articles",
                    n=i + 1,
                    art=known[basis.instrument_id]["mla_articles"],
                )
        elif basis.type == "bilateral":
            if not basis.title:
                c.error("legal_basis.treaty_title", "Basis {n}: give the title of the treaty.", f"{path}.title", n=i + 1)
            if basis.date is None or not basis.articles:
                c.warning(
                    "legal_basis.treaty_details",
                    "Basis {n}: give the date of the treaty and the article relied on.",
                    f"{path}.articles",
                    n=i + 1,
                )
        elif basis.type == "other":
            if not basis.description:
                c.error("legal_basis.other_description", "Basis {n}: describe the legal basis.", f"{path}.description", n=i + 1)
        elif basis.type == "reciprocity":
            if not basis.assurance:
                c.error(
                    "legal_basis.reciprocity_assurance",
                    "A request based on reciprocity must assure the requested State that the requesting "
                    "State would grant the same assistance.",
                    f"{path}.assurance",
                )
    eio = catalogue.eio_states()
    if L.requesting_state in eio and L.requested_state in eio and L.requesting_state != L.requested_state:
        c.warning(
            "legal_basis.eio",
            "Both States are bound by Directive 2014/41/EU: evidence is normally gathered with a European "
            "Investigation Order, not a letter of request.",
            "legal_bases",
        )


def _facts(c: _Ctx) -> None:
    L = c.letter
    service_only = L.service_only()
    if not L.facts.summary:
        if service_only:
            c.not_applicable = True
        else:
            c.error("facts.summary_missing", "Summarise the relevant facts of the case.", "facts.summary")
    elif len(L.facts.summary.longest()) < THIN_FACTS:
        c.warning(
            "facts.summary_thin",
            "The summary of facts is very short: say who did what, when and where, and how it "
            "concerns the requested State.",
            "facts.summary",
        )
    seen: set[str] = set()
    for i, person in enumerate(L.persons):
        path = f"persons[{i}]"
        if not person.id or person.id in seen:
            c.error("facts.person_id", "Person {n} has no identifier or shares one with another person.", f"{path}.id", n=i + 1)
        seen.add(person.id)
        if person.role is None:
            c.error("facts.person_role", "Person {n}: choose the person's role.", f"{path}.role", n=i + 1)
        if person.legal_person:
            if not person.company_name:
                c.error("facts.company_name", "Person {n}: give the name of the legal person.", f"{path}.company_name", n=i + 1)
        elif not person.family_name:
            c.error("facts.family_name", "Person {n}: give the family name.", f"{path}.family_name", n=i + 1)
        if person.role in OFFENDER_ROLES and not person.legal_person and (person.birth_date is None or not person.nationality):
            c.warning(
                "facts.offender_identity",
                "Person {n}: identify the alleged offender as fully as possible (date of birth, nationality, "
                "identity document).",
                f"{path}.birth_date",
                n=i + 1,
            )
        if person.id_document.type == "other" and not person.id_document.details:
            c.error(
                "facts.document_details",
                "Person {n}: say what the identity document is.",
                f"{path}.id_document.details",
                n=i + 1,
            )
        if person.birth_date and person.birth_date > c.today:
            c.error("facts.birth_future", "Person {n}: the date of birth is in the future.", f"{path}.birth_date", n=i + 1)
    if not service_only and not any(p.role in OFFENDER_ROLES for p in L.persons):
        c.warning(
            "facts.no_offender",
            "No alleged offender is identified. Identify them as far as possible, or say in the facts that "
            "they are unknown.",
            "persons",
        )


def _offences(c: _Ctx) -> None:
    L = c.letter
    if not L.offences:
        c.error("offences.missing", "Describe at least one offence.", "offences")
    seen: set[str] = set()
    for i, off in enumerate(L.offences):
        path = f"offences[{i}]"
        if not off.id or off.id in seen:
            c.error("offences.id", "Offence {n} has no identifier or shares one with another offence.", f"{path}.id", n=i + 1)
        seen.add(off.id)
        if not off.name:
            c.error("offences.name", "Offence {n}: name the offence.", f"{path}.name", n=i + 1)
        if not off.provision:
            c.error("offences.provision", "Offence {n}: cite the legal provision.", f"{path}.provision", n=i + 1)
        if not off.max_penalty:
            c.error("offences.penalty", "Offence {n}: give the maximum penalty.", f"{path}.max_penalty", n=i + 1)
        if not off.law_excerpt:
            c.error("offences.excerpt", "Offence {n}: quote the text of the law.", f"{path}.law_excerpt", n=i + 1)


def _assistance(c: _Ctx) -> None:
    L = c.letter
    if not L.assistance:
        c.error("assistance.missing", "Add at least one measure of assistance.", "assistance")
    seen: set[str] = set()
    for i, item in enumerate(L.assistance):
        path = f"assistance[{i}]"
        n = i + 1
        kind = catalogue.kind_title(item.kind, c.lang)
        if not item.id or item.id in seen:
            c.error("assistance.id", "Measure {n} has no identifier or shares one with another measure.", f"{path}.id", n=n)
        seen.add(item.id)
        if not item.description:
            c.error("assistance.description", "Measure {n} ({kind}): say exactly what is sought.", f"{path}.description", n=n, kind=kind)
        for name in catalogue.required_fields(item.kind):
            if _empty(getattr(item, name)):
                c.error(
                    "assistance.field_missing",
                    "Measure {n} ({kind}): fill in \u201c{field}\u201d.",
                    f"{path}.{name}",
                    n=n,
                    kind=kind,
                    field=catalogue.field_label(item.kind, name, c.lang),
                )
        person_id = getattr(item, "person_id", "")
        if person_id and L.person(person_id) is None:
            c.error(
                "assistance.unknown_person",
                "Measure {n}: the person it refers to is not among the persons concerned.",
                f"{path}.person_id",
                n=n,
            )
        for off_id in item.offence_ids:
            if L.offence(off_id) is None:
                c.error(
                    "assistance.unknown_offence",
                    "Measure {n}: it refers to an offence that is not described.",
                    f"{path}.offence_ids",
                    n=n,
                )
        if c.past(item.deadline):
            c.error("assistance.deadline_past", "Measure {n}: its deadline has already passed.", f"{path}.deadline", n=n)
        start, end = getattr(item, "period_from", None), getattr(item, "period_to", None)
        if start is not None and end is not None and start > end:
            c.error("assistance.period_order", "Measure {n}: the period ends before it starts.", f"{path}.period_to", n=n)
        for attr in ("date", "hearing_date"):
            when = getattr(item, attr, None)
            if isinstance(when, dt.date) and c.past(when):
                c.error("assistance.date_past", "Measure {n}: the date has already passed.", f"{path}.{attr}", n=n)
        if item.kind == "transfer" and item.consent is False:
            c.warning(
                "assistance.transfer_consent",
                "Measure {n}: a detained person is normally transferred only with their consent.",
                f"{path}.consent",
                n=n,
            )
        if item.kind == "evidence" and item.under_oath and "oath" not in item.procedures.requested:
            c.warning(
                "assistance.oath_procedure",
                "Measure {n}: the statement is to be taken under oath; say so among the procedures (point 12).",
                f"{path}.procedures.requested",
                n=n,
            )


def _link(c: _Ctx) -> None:
    L = c.letter
    if not L.assistance:
        c.not_applicable = True
        return
    for i, item in enumerate(L.assistance):
        path = f"assistance[{i}]"
        if not item.relevance:
            c.error(
                "link.missing",
                "Measure {n}: explain how it will serve the investigation or proceedings.",
                f"{path}.relevance",
                n=i + 1,
            )
            continue
        relevance = item.relevance.longest()
        if len(relevance) < THIN_LINK or relevance.casefold() == item.description.longest().casefold():
            c.warning(
                "link.thin",
                "Measure {n}: the link to the proceedings restates little; say what the evidence will prove "
                "and how it connects to the facts.",
                f"{path}.relevance",
                n=i + 1,
            )
        if not item.offence_ids and L.offences:
            c.warning(
                "link.no_offence",
                "Measure {n}: say which offence it relates to.",
                f"{path}.offence_ids",
                n=i + 1,
            )


def _procedures(c: _Ctx) -> None:
    items = c.letter.assistance
    if not any(item.procedures.requested for item in items):
        c.not_applicable = True
        return
    for i, item in enumerate(items):
        proc = item.procedures
        path = f"assistance[{i}].procedures"
        if not proc.requested:
            continue
        if not proc.reason:
            c.error(
                "procedures.reason",
                "Measure {n}: explain why the special procedures are needed (for example, admissibility at trial).",
                f"{path}.reason",
                n=i + 1,
            )
        if "other" in proc.requested and not proc.details:
            c.error("procedures.details", "Measure {n}: describe the other procedure requested.", f"{path}.details", n=i + 1)


def _presence(c: _Ctx) -> None:
    op = c.letter.officials_presence
    if not op.wanted:
        c.not_applicable = True
        return
    if not op.attendees:
        c.error("presence.who", "Say who wishes to attend the execution of the request.", "officials_presence.attendees")
    for i, person in enumerate(op.attendees):
        if not person.name or not person.function:
            c.error(
                "presence.attendee",
                "Attendee {n}: give the name and function.",
                f"officials_presence.attendees[{i}].name",
                n=i + 1,
            )
    if not op.reason:
        c.error("presence.reason", "Explain why their presence is needed.", "officials_presence.reason")
    if not op.participation:
        c.warning(
            "presence.participation",
            "Say what they wish to do: attend only, or also put questions.",
            "officials_presence.participation",
        )


def _language(c: _Ctx) -> None:
    L = c.letter
    lang_req = L.language
    if not lang_req.accepted_languages:
        c.error(
            "language.accepted_missing",
            "Give the language(s) in which the requested State accepts requests.",
            "language.accepted_languages",
        )
    elif L.output_language not in lang_req.accepted_languages and not lang_req.certified_translation:
        c.error(
            "language.not_accepted",
            "The letter is not in a language the requested State accepts: produce it in one of them or "
            "attach a certified translation.",
            "language.certified_translation",
        )
    missing = untranslated(L)
    out_name = language_name(L.output_language, c.lang) if missing else ""
    for path in missing:
        c.error(
            "language.untranslated",
            "Not yet translated into {language} — {section}: {field}",
            path,
            language=out_name,
            section=section_of(path).heading(c.lang),
            field=path,
        )


def _closing(c: _Ctx) -> None:
    L = c.letter
    if not L.place:
        c.error("closing.place", "Give the place where the letter is signed.", "place")
    if L.date is None:
        c.error("closing.date", "Give the date of the letter.", "date")
    elif L.date > c.today:
        c.warning("closing.date_future", "The letter is dated in the future.", "date")
    if not L.signatory.name:
        c.error("closing.signatory", "Give the name of the person who signs the letter.", "signatory.name")
    if not L.signatory.title:
        c.warning("closing.signatory_title", "Give the signatory's title.", "signatory.title")
    for i, annex in enumerate(L.annexes):
        if not annex.title:
            c.error("closing.annex_title", "Annex {n}: give its title.", f"annexes[{i}].title", n=i + 1)
    if any(getattr(item, "order_attached", False) for item in L.assistance) and not L.annexes:
        c.warning(
            "closing.order_not_annexed",
            "A measure says an order is attached, but no annex is listed.",
            "annexes",
        )


#: One rule per section, by section id (the sections themselves are defined in :mod:`.points`).
RULES: dict[str, Callable[["_Ctx"], None]] = {
    "parties": _parties,
    "identification": _identification,
    "prior_contact": _prior_contact,
    "other_channels": _other_channels,
    "acknowledgement": _acknowledgement,
    "urgency": _urgency,
    "confidentiality": _confidentiality,
    "legal_basis": _legal_basis,
    "facts": _facts,
    "offences": _offences,
    "assistance": _assistance,
    "link": _link,
    "procedures": _procedures,
    "presence": _presence,
    "language": _language,
    "closing": _closing,
}
if set(RULES) != set(POINT_BY_ID):  # a section without a rule, or a rule without a section
    raise RuntimeError(f"checklist rules and sections differ: {sorted(set(RULES) ^ set(POINT_BY_ID))}")


# -- free text still to translate (point 14) ------------------------------------------------

_NOT_LETTER_TEXT = frozenset({"review_comments"})


def free_text_fields(model: BaseModel, prefix: str = "") -> Iterator[tuple[str, MLText]]:
    """Every non-empty free-text field of the letter, with its path."""
    for name in type(model).model_fields:
        if not prefix and name in _NOT_LETTER_TEXT:
            continue
        value = getattr(model, name)
        path = f"{prefix}.{name}" if prefix else name
        if isinstance(value, MLText):
            if value:
                yield path, value
        elif isinstance(value, BaseModel):
            yield from free_text_fields(value, path)
        elif isinstance(value, list):
            for i, element in enumerate(value):
                if isinstance(element, BaseModel):
                    yield from free_text_fields(element, f"{path}[{i}]")


def language_name(code: str, lang: str) -> str:
    """Name of language ``code`` in UI language ``lang`` (CLDR via Babel)."""
    from babel import Locale

    try:
        return Locale.parse(lang).languages.get(code, code)
    except (ValueError, LookupError):
        return code


def untranslated(letter: LetterOfRequest) -> list[str]:
    """Paths of the free-text fields that have no text in the output language."""
    lang = letter.output_language
    return [path for path, text in free_text_fields(letter) if lang not in text]


# -- running the checklist -------------------------------------------------------------------


def check_section(letter: LetterOfRequest, point: PointDef, lang: str = "en", today: dt.date | None = None) -> PointResult:
    ctx = _Ctx(letter, lang, today or dt.date.today())
    RULES[point.id](ctx)
    errors = [p for p in ctx.problems if p.severity is Severity.ERROR]
    warnings = [p for p in ctx.problems if p.severity is Severity.WARNING]
    if errors:
        status = Status.INCOMPLETE
    elif ctx.not_applicable:
        status = Status.NOT_APPLICABLE
    else:
        status = Status.COMPLETE
    return PointResult(point, status, errors, warnings)


def check(letter: LetterOfRequest, lang: str = "en", today: dt.date | None = None) -> Report:
    """Run every rule of every section on ``letter``; messages in UI language ``lang``."""
    today = today or dt.date.today()
    return Report(lang, [check_section(letter, point, lang, today) for point in SECTIONS])
