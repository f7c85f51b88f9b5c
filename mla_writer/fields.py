"""The one declaration of every field of every section: kind, label, hint, condition, need.

The wizard builds its forms from these declarations, the checklist derives its plain
"missing" rules from them, the letter's template tests the same named conditions, point 14
lists untranslated text by these labels, and every message names a field by its label.
Adding a field to a point is: the model attribute, one declaration here, one line in
``templates/letter.j2`` and its catalogue strings (``docs/adding-a-field.md``).

Paths
    A declaration's :attr:`Field.path` is a *pattern*: ``identification.officer.position``,
    ``persons[].birth_place`` (any person), ``assistance[records].institution`` (a measure of
    kind ``records``), ``legal_bases[bilateral].title``. A concrete path names one value:
    ``assistance[2].institution``. :func:`pattern_of` turns the second into the first.

Conditions
    Each named condition is defined once in :data:`CONDITIONS`. A letter-wide condition
    takes the letter; an item condition takes the item (person, measure, contact ...) the
    field belongs to. The wizard shows a field only while its condition holds, the checklist
    asks for it only then, and the letter's template tests ``L.when.<name>`` or
    ``item.when.<name>``.

Labels, hints and messages are English msgids of the gettext domain ``ui``.
No pydantic, no Qt here: the declarations are plain data read by every layer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from . import vocab
from .vocab import L_, N_

# -- kinds ---------------------------------------------------------------------------------

TEXT = "text"  # free text held per language (MLText)
VERBATIM = "verbatim"  # identifier or proper name kept as written: references, numbers, IBAN, phone, e-mail, names, addresses
DATE = "date"  # a full date
PARTIAL_DATE = "partial_date"  # a date known to the day, the month or the year
DATETIME = "datetime"  # a date and time of day
AMOUNT = "amount"  # a number and an ISO 4217 currency
CODE = "code"  # one code of the vocabulary named by ``vocab``
CODES = "codes"  # several codes of that vocabulary
STATE = "state"  # a State (ISO 3166-1 alpha-2 code of a State: mla_writer.states)
LANGUAGE = "language"  # an ISO 639 language code (any language)
LANGUAGES = "languages"  # several ISO 639 language codes
LETTER_LANGUAGE = "letter_language"  # a language of the letter (mla_writer.languages)
PERSON = "person"  # a reference to a person of point 8 (by id)
OFFENCES = "offences"  # references to offences of point 9 (by id)
INSTRUMENT = "instrument"  # a legal instrument of resources/instruments.json (by id)
BOOL = "bool"  # a tick box
YESNO = "yesno"  # a question that must be answered yes or no
COUNT = "count"  # a whole number
ID = "id"  # the stable identifier of an item (set by the application)
TIME_ZONE = "time_zone"  # an IANA time zone ("Europe/Chisinau"), kept as written and explained in the letter
TIME = "time"  # a time of day written "HH:MM" (24-hour clock)
ANNEX = "annex"  # a reference to an annex of the letter (by id)
MEASURES = "measures"  # references to measures of point 10 (by id)

KINDS = frozenset(
    {TEXT, VERBATIM, DATE, PARTIAL_DATE, DATETIME, AMOUNT, CODE, CODES, STATE, LANGUAGE, LANGUAGES, LETTER_LANGUAGE,
     PERSON, OFFENCES, INSTRUMENT, BOOL, YESNO, COUNT, ID, TIME_ZONE, TIME, ANNEX, MEASURES}
)


# -- needs -----------------------------------------------------------------------------------


class Need:
    """What the checklist says when a field is empty while its condition holds.

    ``code`` is the stable problem code; ``message`` an English msgid (``ui`` domain) that may
    use ``{n}`` (the item's number), ``{kind}`` (a measure's kind) and ``{field}`` (the label).
    ``blocking`` False makes it an advisory warning. ``when`` names a condition that must hold
    too, where the field is shown more widely than it is needed (a channel's details are
    shown for every channel and needed for "other").
    """

    __slots__ = ("code", "message", "blocking", "when")

    def __init__(self, code: str, message: str, blocking: bool = True, when: str | None = None) -> None:
        self.code = code
        self.message = message
        self.blocking = blocking
        self.when = when


def required(code: str, message: str, when: str | None = None) -> Need:
    return Need(code, message, True, when)


def advised(code: str, message: str, when: str | None = None) -> Need:
    return Need(code, message, False, when)


#: The message a measure's own field uses when it is required and empty.
MEASURE_FIELD_MISSING = N_("Measure {n} ({kind}): fill in \u201c{field}\u201d.")


# -- declarations ------------------------------------------------------------------------------


class Field:
    """One field: where it is, what it holds, how it is labelled, when it applies, whether it is needed.

    ``path``     pattern path (see the module docstring);
    ``kind``     one of :data:`KINDS`;
    ``label``    msgid of its label; ``hint`` msgid of a hint, or None;
    ``vocab``    the vocabulary's name for kinds ``code``/``codes``;
    ``when``     the name of the condition under which it applies (None: always);
    ``need``     a :class:`Need` when the checklist asks for it, else None;
    ``section``  the section id it belongs to when not its item's (a measure's link and procedures);
    ``group``    msgid of the heading the wizard puts above it (the first field of a group carries it);
    ``lines``    for text: how many lines the wizard's editor shows (1: a single line);
    ``letter_when`` a condition under which the value goes into the letter, where that is
                 narrower than ``when`` (a protected person's real identity is held in the
                 draft and shown in the wizard, but kept out of the letter);
    ``letter_label`` msgid (domain "letter") of the label the letter prints before the value,
                 where the form's label would read as a form in a legal letter (None: the
                 letter uses ``label``).
    ``noun``     msgid of the field named as a noun ("Explanation of the urgency"), where
                 ``label`` is a prompt ("Explain the urgency"): lists of fields in messages
                 (XLIFF, translation) use it (None: ``label`` is a noun already).
    ``postal``   the Latin form of a postal address (a ``latin_…`` field): a letter in a
                 Latin-script language prints it alone, in place of the address; the Latin form
                 of a name is printed with the original after it, in brackets.
    """

    __slots__ = ("path", "kind", "label", "hint", "vocab", "when", "need", "section", "group", "lines", "letter_when",
                 "letter_label", "noun", "postal", "_name")

    def __init__(self, path: str, kind: str, label: str, *, hint: str | None = None, vocab: str | None = None,
                 when: str | None = None, need: Need | None = None, section: str | None = None,
                 group: str | None = None, lines: int = 1, letter_when: str | None = None,
                 letter_label: str | None = None, noun: str | None = None, postal: bool = False) -> None:
        if kind not in KINDS:
            raise ValueError(f"{path}: unknown kind {kind!r}")
        if kind in (CODE, CODES) and vocab not in vocab_names():
            raise ValueError(f"{path}: unknown vocabulary {vocab!r}")
        self.path = path
        self.kind = kind
        self.label = label
        self.hint = hint
        self.vocab = vocab
        self.when = when
        self.need = need
        self.section = section
        self.group = group
        self.lines = lines
        self.letter_when = letter_when
        self.letter_label = letter_label
        self.noun = noun
        self.postal = postal
        self._name = re.split(r"\]\.", path)[-1] if "]" in path else path

    @property
    def name(self) -> str:
        """The attribute path inside its item (``"id_document.number"``) or in the letter."""
        return self._name

    @property
    def item_pattern(self) -> str:
        """The pattern of the list item the field belongs to (``"assistance[records]"``), or ``""``."""
        return self.path[: self.path.rindex("]") + 1] if "]" in self.path else ""

    def __repr__(self) -> str:
        return f"Field({self.path!r}, {self.kind!r})"


def vocab_names() -> frozenset[str]:
    return frozenset(vocab.VOCABULARIES)


class Items:
    """A list of items (persons, offences, measures ...): how one item is called in messages.

    ``path``       the list's path in the letter (``"persons"``);
    ``item_label`` msgid naming one item, with ``{n}`` (1-based) and, for measures, ``{kind}``;
    ``variant``    for a list of several kinds of item, the attribute that tells them apart
                   (``"kind"``, ``"type"``) and the vocabulary naming them.
    """

    __slots__ = ("path", "item_label", "variant", "variant_vocab")

    def __init__(self, path: str, item_label: str, variant: str | None = None, variant_vocab: str | None = None) -> None:
        self.path = path
        self.item_label = item_label
        self.variant = variant
        self.variant_vocab = variant_vocab


ITEMS: dict[str, Items] = {
    i.path: i
    for i in (
        Items("prior_contact.contacts", N_("Contact {n}")),
        Items("other_channels.channels", N_("Channel {n}")),
        Items("legal_bases", N_("Basis {n}"), "type", "basis_type"),
        Items("persons", N_("Person {n}")),
        Items("offences", N_("Offence {n}")),
        Items("assistance", N_("Measure {n} ({kind})"), "kind", "assistance_kind"),
        Items("officials_presence.attendees", N_("Attendee {n}")),
        Items("annexes", N_("Annex {n}")),
    )
}


# -- conditions -------------------------------------------------------------------------------


class Condition:
    """A named condition. ``scope`` is ``"letter"`` (``test(letter)``) or the path of the list
    whose items it tests (``test(item)``).

    ``answer`` is the field whose answer decides it (a path in the letter, or inside the item
    for an item condition) and ``off`` an answer that makes it false: with them the checklist
    names the answer that hides data, the wizard can change it, and the tests can flip it.
    """

    __slots__ = ("name", "scope", "test", "doc", "answer", "off", "requires")

    def __init__(self, name: str, scope: str, test: Callable[[Any], bool], doc: str, answer: str, off: Any,
                 requires: str | None = None) -> None:
        self.name = name
        self.scope = scope
        self.test = test
        self.doc = doc
        self.answer = answer
        self.off = off
        #: a condition this one implies (it cannot hold unless that one does): when that one is
        #: false, it is the answer to change, and data hidden by both is reported under it
        self.requires = requires


CONDITIONS: dict[str, Condition] = {
    c.name: c
    for c in (
        Condition("conducting_separate", "letter", lambda L: not L.identification.conducting_same_as_requesting,
                  "another authority than the requesting one conducts the proceedings",
                  "identification.conducting_same_as_requesting", True),
        Condition("addressee_named", "letter", lambda L: bool(L.addressee.name),
                  "the central authority addressed is named", "addressee.name", None),
        Condition("officer_withheld", "letter", lambda L: L.identification.officer_withheld,
                  "the officer's details are not given", "identification.officer_withheld", False),
        Condition("officer_given", "letter", lambda L: not L.identification.officer_withheld,
                  "the officer's details are given", "identification.officer_withheld", True),
        Condition("had_contact", "letter", lambda L: bool(L.prior_contact.had_contact),
                  "officials of the two States were already in contact", "prior_contact.had_contact", False),
        Condition("channels_used", "letter", lambda L: bool(L.other_channels.used),
                  "a copy went through another channel", "other_channels.used", False),
        Condition("urgent", "letter", lambda L: L.urgency.urgent, "the request is urgent", "urgency.urgent", False),
        Condition("confidential", "letter", lambda L: L.confidentiality.confidential, "the request is confidential",
                  "confidentiality.confidential", False),
        Condition("facts_required", "letter", lambda L: not L.service_only(),
                  "not a request for service of documents only (UNTOC art. 18(15)(c))", "assistance", None),
        Condition("coercive_measures", "letter", lambda L: any(m.kind in vocab.COERCIVE_KINDS for m in L.assistance),
                  "a coercive measure is requested (search and seizure, freezing, production of electronic data or of records)",
                  "assistance", None),
        Condition("presence_wanted", "letter", lambda L: L.officials_presence.wanted,
                  "officials wish to be present at the execution", "officials_presence.wanted", False),
        Condition("legal_person", "persons", lambda p: p.legal_person, "the person is a legal person", "legal_person", False),
        Condition("natural_person", "persons", lambda p: not p.legal_person, "the person is a natural person",
                  "legal_person", True),
        Condition("identity_protected", "persons", lambda p: (not p.legal_person) and p.protected,
                  "a protected victim or witness, named in the letter by a pseudonym", "protected", False,
                  requires="natural_person"),
        Condition("identity_disclosed", "persons", lambda p: (not p.legal_person) and not p.protected,
                  "a natural person whose identity the letter gives", "protected", True, requires="natural_person"),
        Condition("other_document", "persons", lambda p: (not p.legal_person) and p.id_document.type == "other",
                  "the identity document is of another type", "id_document.type", "passport", requires="natural_person"),
        Condition("other_channel", "other_channels.channels", lambda u: u.channel == "other",
                  "the channel is 'other'", "channel", "interpol"),
        Condition("other_procedure", "assistance", lambda m: "other" in m.procedures.requested,
                  "an 'other' special procedure is requested", "procedures.requested", []),
        Condition("order_attached", "assistance", lambda m: bool(getattr(m, "order_attached", False)),
                  "the measure's warrant or order is attached to the letter", "order_attached", False),
        Condition("consent_given", "assistance", lambda m: getattr(m, "consent", None) is True,
                  "the detained person consents to the transfer", "consent", None),
        Condition("transfer_requested", "letter", lambda L: any(m.kind == "transfer" for m in L.assistance),
                  "the temporary transfer of a detained person is requested", "assistance", None),
        Condition("hearing_dated", "assistance", lambda m: getattr(m, "date", None) is not None and m.kind == "videoconference",
                  "a date is proposed for the hearing by video conference", "date", None),
        Condition("procedures_requested", "assistance", lambda m: bool(m.procedures.requested),
                  "special procedures are requested for the measure", "procedures.requested", []),
    )
}


def holds(name: str | None, letter: Any, item: Any = None) -> bool:
    """Whether condition ``name`` holds (None always holds). Raises KeyError for an unknown name."""
    if name is None:
        return True
    cond = CONDITIONS[name]
    return bool(cond.test(letter if cond.scope == "letter" else item))


def letter_conditions(letter: Any) -> dict[str, bool]:
    """Every letter-wide condition by name (for the template's ``L.when``)."""
    return {c.name: bool(c.test(letter)) for c in CONDITIONS.values() if c.scope == "letter"}


def item_conditions(list_path: str, item: Any) -> dict[str, bool]:
    """Every condition on the items of ``list_path``, for one item (the template's ``item.when``)."""
    return {c.name: bool(c.test(item)) for c in CONDITIONS.values() if c.scope == list_path}


# -- the declarations, section by section -------------------------------------------------------

F = Field


_LATIN_NAME = N_("Where the name is written in another script (Cyrillic, Arabic, Greek ...), its Latin form as in the "
                 "register or the passport: letters in English, French or Spanish give it first, with the original in brackets.")
_LATIN_ADDRESS = N_("Where the address is written in another script (Cyrillic, Arabic, Greek ...), the same address "
                    "in Latin script: letters in English, French or Spanish print this form instead.")


def _authority(base: str, name_label: str, name_need: Need | None = None, address_need: Need | None = None,
               when: str | None = None, group: str | None = None) -> tuple[Field, ...]:
    return (
        F(f"{base}.name", TEXT, name_label, need=name_need, when=when, group=group),
        F(f"{base}.address", VERBATIM, N_("Postal address"), need=address_need, when=when, lines=2),
        F(f"{base}.latin_address", VERBATIM, N_("Postal address in Latin script"), when=when, lines=2, hint=_LATIN_ADDRESS, postal=True),
        F(f"{base}.phone", VERBATIM, N_("Telephone"), when=when),
        F(f"{base}.email", VERBATIM, N_("E-mail"), when=when),
    )


_MEASURE_COMMON: tuple[Field, ...] = (
    F("assistance[].id", ID, N_("Identifier")),
    F("assistance[].description", TEXT, N_("What exactly is sought"), noun=N_("Description of the assistance sought"), lines=4,
      hint=N_("Describe the measure so that an official who has never seen the file can carry it out: who, what, where, and in what form the result should come back."),
      need=required("assistance.description", N_("Measure {n} ({kind}): say exactly what is sought."))),
    F("assistance[].offence_ids", OFFENCES, N_("Offences concerned"),
      hint=N_("Tick the offences (point 9) this measure serves; States that apply dual criminality or a penalty threshold check the measure against them.")),
    F("assistance[].deadline", DATE, N_("Deadline"),
      hint=N_("Set a date only when there is a real reason (custody time limit, trial date, limitation period, risk of data loss) and give that reason under point 5.")),
    F("assistance[].relevance", TEXT, N_("Relevance to the proceedings"), section="link", lines=3,
      hint=N_("Explain how this measure connects to the facts and the offences; the requested State must see why the material matters, and a request that looks speculative is likely to be refused."),
      need=required("link.missing", N_("Measure {n}: explain how it will serve the investigation or proceedings."))),
    F("assistance[].procedures.requested", CODES, N_("Special procedures"), vocab="procedure_kind", section="procedures",
      hint=N_("Ask only for the formalities your courts need for the evidence to be admissible, and say why each one is needed; the requested State follows them unless its law forbids it.")),
    F("assistance[].procedures.details", TEXT, N_("Details of the procedures"), section="procedures", lines=2,
      when="procedures_requested",
      need=required("procedures.details", N_("Measure {n}: describe the other procedure requested."), when="other_procedure")),
    F("assistance[].procedures.reason", TEXT, N_("Why these procedures are needed"), noun=N_("Reason for the procedures"), section="procedures", lines=2,
      need=required("procedures.reason", N_("Measure {n}: explain why the special procedures are needed (for example, admissibility at trial).")),
      when="procedures_requested"),
)


def _m(kind: str, name: str, field_kind: str, label: str, needed: bool = False, **kw: Any) -> Field:
    need = required("assistance.field_missing", MEASURE_FIELD_MISSING) if needed else None
    return F(f"assistance[{kind}].{name}", field_kind, label, need=need, **kw)


#: Each kind of assistance's own fields (point 10), in the order the wizard and the letter show them.
MEASURE_FIELDS: dict[str, tuple[Field, ...]] = {
    "evidence": (
        _m("evidence", "person_id", PERSON, N_("Person to be heard"), True),
        _m("evidence", "person_status", CODE, N_("Status of the person"), True, vocab="witness_status"),
        _m("evidence", "questions", TEXT, N_("Questions or topics"), True, lines=4),
        _m("evidence", "recording", CODE, N_("Form of record"), vocab="recording"),
        _m("evidence", "interpreter_language", LANGUAGE, N_("Interpreter language")),
    ),
    "service": (
        _m("service", "documents", TEXT, N_("Documents to be served"), True, lines=3),
        F("assistance[service].documents_annex", ANNEX, N_("Annex holding the documents"),
          hint=N_("List the documents among the annexes (last step) and choose them here, so that the letter gives their annex number."),
          need=advised("assistance.documents_annex", N_("Measure {n} ({kind}): list the documents to be served among the annexes (last step) and choose them here."))),
        _m("service", "person_id", PERSON, N_("Person to be served"), True),
        _m("service", "address", VERBATIM, N_("Address for service"), True, lines=2),
        _m("service", "latin_address", VERBATIM, N_("Address for service in Latin script"), lines=2, hint=_LATIN_ADDRESS, postal=True),
        _m("service", "hearing_date", DATE, N_("Date of appearance")),
        _m("service", "hearing_time", TIME, N_("Time of appearance"), hint=N_("24-hour clock, for example 09:30; give its time zone below.")),
        _m("service", "hearing_time_zone", TIME_ZONE, N_("Time zone of the place of appearance"),
           hint=N_("The IANA name of the time zone of the place of appearance, for example Europe/Paris.")),
        _m("service", "hearing_place", TEXT, N_("Court or authority, and place of appearance"), lines=2),
        _m("service", "proof_of_service", BOOL, N_("Proof of service requested")),
    ),
    "search": (
        _m("search", "premises_address", VERBATIM, N_("Address of the premises"), True, lines=2),
        _m("search", "latin_premises_address", VERBATIM, N_("Address of the premises in Latin script"), lines=2, hint=_LATIN_ADDRESS, postal=True),
        _m("search", "premises_description", TEXT, N_("Description of the premises"), lines=2),
        _m("search", "occupant", VERBATIM, N_("Occupant")),
        _m("search", "items_sought", TEXT, N_("Items sought"), True, lines=3),
        _m("search", "to_seize", TEXT, N_("Items to be seized"), lines=2),
        _m("search", "order_attached", BOOL, N_("Warrant or order attached")),
        F("assistance[search].order_annex", ANNEX, N_("Annex holding the warrant or order"), when="order_attached",
          need=advised("assistance.order_annex", N_("Measure {n} ({kind}): list the warrant or order among the annexes (last step) and choose it here, so that the letter gives its annex number."))),
    ),
    "freezing": (
        _m("freezing", "holder", TEXT, N_("Bank or holder of the asset"), True),
        _m("freezing", "identifiers", VERBATIM, N_("Account or asset identifiers"), True, lines=2),
        _m("freezing", "amount", AMOUNT, N_("Amount")),
        _m("freezing", "order_attached", BOOL, N_("Freezing order attached")),
        F("assistance[freezing].order_annex", ANNEX, N_("Annex holding the freezing order"), when="order_attached",
          need=advised("assistance.order_annex", N_("Measure {n} ({kind}): list the warrant or order among the annexes (last step) and choose it here, so that the letter gives its annex number."))),
    ),
    "examination": (
        _m("examination", "subject", TEXT, N_("Object or site"), True, lines=2),
        _m("examination", "examination", TEXT, N_("Examination requested"), True, lines=3),
        _m("examination", "expert_wanted", BOOL, N_("Expert required"),
           letter_label=L_("Examination by an expert requested")),
    ),
    "information": (
        _m("information", "what", TEXT, N_("Information or items sought"), True, lines=3),
        _m("information", "held_by", TEXT, N_("Held by"), True),
        _m("information", "delivery_form", TEXT, N_("Form of delivery"), lines=2),
    ),
    "records": (
        _m("records", "institution", TEXT, N_("Institution holding the records"), True),
        _m("records", "identifiers", VERBATIM, N_("Account, company or record identifiers"), True, lines=2),
        _m("records", "holder", VERBATIM, N_("Account holder")),
        _m("records", "latin_holder", VERBATIM, N_("Account holder in Latin script"), hint=_LATIN_NAME),
        _m("records", "period_from", DATE, N_("Period from")),
        _m("records", "period_to", DATE, N_("Period to")),
        _m("records", "order_attached", BOOL, N_("Production order attached")),
        F("assistance[records].order_annex", ANNEX, N_("Annex holding the production order"), when="order_attached",
          need=advised("assistance.order_annex", N_("Measure {n} ({kind}): list the warrant or order among the annexes (last step) and choose it here, so that the letter gives its annex number."))),
    ),
    "tracing": (
        _m("tracing", "target", VERBATIM, N_("Person or entity concerned"), True),
        _m("tracing", "known_assets", TEXT, N_("Assets already known"), lines=2),
        _m("tracing", "period_from", DATE, N_("Period from")),
        _m("tracing", "period_to", DATE, N_("Period to")),
        _m("tracing", "purpose", TEXT, N_("Purpose"), True, lines=2,
           hint=N_("For example, evidence of the offence or a later confiscation.")),
    ),
    "appearance": (
        _m("appearance", "person_id", PERSON, N_("Person invited to appear"), True),
        _m("appearance", "role", CODE, N_("Role in the proceedings"), True, vocab="witness_status"),
        _m("appearance", "date", DATE, N_("Date of appearance")),
        _m("appearance", "place", TEXT, N_("Place of appearance")),
        _m("appearance", "costs_covered", BOOL, N_("Travel and stay costs covered"),
           letter_label=L_("Travel and subsistence costs borne by the requesting State")),
        _m("appearance", "safe_conduct", BOOL, N_("Safe conduct assured"),
           letter_label=L_("Safe conduct guaranteed by the requesting State")),
    ),
    "videoconference": (
        _m("videoconference", "person_id", PERSON, N_("Person to be heard"), True),
        _m("videoconference", "person_status", CODE, N_("Status of the person"), vocab="witness_status"),
        F("assistance[videoconference].date", DATE, N_("Proposed date"),
          need=advised("assistance.hearing_date", N_("Measure {n} ({kind}): propose a date and time for the hearing, with its time zone."))),
        F("assistance[videoconference].time", TIME, N_("Proposed time"), hint=N_("24-hour clock, for example 10:00; give its time zone below."),
          need=required("assistance.hearing_time", N_("Measure {n} ({kind}): give the time of the hearing and its time zone."), when="hearing_dated")),
        F("assistance[videoconference].time_zone", TIME_ZONE, N_("Time zone"),
          hint=N_("The IANA name of the time zone of the proposed time, for example Europe/Madrid or America/Bogota."),
          need=required("assistance.hearing_time", N_("Measure {n} ({kind}): give the time of the hearing and its time zone."), when="hearing_dated")),
        _m("videoconference", "conducting_authority", TEXT, N_("Authority conducting the hearing"), True),
        _m("videoconference", "interpreter_language", LANGUAGE, N_("Interpreter language")),
        _m("videoconference", "technical_contact", VERBATIM, N_("Technical contact"), True),
    ),
    "transfer": (
        _m("transfer", "person_id", PERSON, N_("Detained person"), True),
        _m("transfer", "place_of_detention", TEXT, N_("Place of detention"), True),
        _m("transfer", "consent", YESNO, N_("Consent of the person"), True),
        F("assistance[transfer].consent_annex", ANNEX, N_("Annex holding the written consent"), when="consent_given"),
        _m("transfer", "purpose", TEXT, N_("Purpose of the transfer"), True, lines=2),
        _m("transfer", "custody_terms", TEXT, N_("Custody and return arrangements"), lines=2),
        _m("transfer", "return_date", DATE, N_("Planned return date")),
    ),
    "electronic": (
        _m("electronic", "provider", VERBATIM, N_("Service provider"), True),
        _m("electronic", "latin_provider", VERBATIM, N_("Service provider in Latin script"), hint=_LATIN_NAME),
        _m("electronic", "identifiers", VERBATIM, N_("Accounts, numbers or IP addresses"), True, lines=2),
        _m("electronic", "data_types", CODES, N_("Types of data"), True, vocab="data_type"),
        _m("electronic", "period_from", DATETIME, N_("Period from"), True),
        _m("electronic", "period_to", DATETIME, N_("Period to"), True),
        _m("electronic", "time_zone", TIME_ZONE, N_("Time zone"),
           hint=N_("The IANA name of the time zone of the period, for example Europe/Chisinau or UTC.")),
        _m("electronic", "preservation_reference", VERBATIM, N_("Preservation request reference")),
        _m("electronic", "order_attached", BOOL, N_("Production order attached")),
        F("assistance[electronic].order_annex", ANNEX, N_("Annex holding the production order"), when="order_attached",
          need=advised("assistance.order_annex", N_("Measure {n} ({kind}): list the warrant or order among the annexes (last step) and choose it here, so that the letter gives its annex number."))),
    ),
    "locate": (
        _m("locate", "person_id", PERSON, N_("Person to be located or identified"), True),
        _m("locate", "last_known_address", VERBATIM, N_("Last known address"), lines=2),
        _m("locate", "latin_last_known_address", VERBATIM, N_("Last known address in Latin script"), lines=2, hint=_LATIN_ADDRESS, postal=True),
        _m("locate", "identifiers", VERBATIM, N_("Identifying details"), lines=2),
    ),
    "other": (),
}

#: Each legal basis type's fields (point 7).
BASIS_FIELDS: dict[str, tuple[Field, ...]] = {
    "instrument": (
        F("legal_bases[instrument].instrument_id", INSTRUMENT, N_("Instrument"),
          need=required("legal_basis.instrument_missing", N_("Basis {n}: choose the instrument."))),
        F("legal_bases[instrument].articles", VERBATIM, N_("Articles relied on"),
          hint=N_("For example 18 (UNTOC) or 1, 3 and 7 (1959 Convention).")),
    ),
    "bilateral": (
        F("legal_bases[bilateral].title", TEXT, N_("Title of the treaty"),
          need=required("legal_basis.treaty_title", N_("Basis {n}: give the title of the treaty."))),
        F("legal_bases[bilateral].date", DATE, N_("Date of the treaty")),
        F("legal_bases[bilateral].articles", VERBATIM, N_("Articles relied on")),
    ),
    "other": (
        F("legal_bases[other].description", TEXT, N_("Describe the legal basis"), noun=N_("Description of the legal basis"), lines=3,
          need=required("legal_basis.other_description", N_("Basis {n}: describe the legal basis."))),
    ),
    "reciprocity": (
        F("legal_bases[reciprocity].assurance", BOOL, N_("The requesting State assures that it would grant the same assistance")),
        F("legal_bases[reciprocity].assurance_details", TEXT, N_("Details of the assurance (optional)"), noun=N_("Details of the assurance"), lines=2),
    ),
}

_IDENT = "identification"

#: The fields of each section, by section id (:data:`mla_writer.points.POINT_BY_ID`), in the
#: order the wizard shows them. Item fields carry their list's path (``persons[]...``).
SECTION_FIELDS: dict[str, tuple[Field, ...]] = {
    "parties": (
        F("requesting_state", STATE, N_("Requesting State (your State)"),
          need=required("parties.requesting_state_missing", N_("Choose the requesting State."))),
        F("requested_state", STATE, N_("Requested State"),
          need=required("parties.requested_state_missing", N_("Choose the requested State."))),
        F("drafting_language", LETTER_LANGUAGE, N_("Drafting language (the language you type in)"),
          group=N_("Languages of the letter")),
        F("output_language", LETTER_LANGUAGE, N_("Output language (the language of the letter)")),
        F("addressee.name", TEXT, N_("Name of the central authority"),
          group=N_("Addressee: central authority of the requested State"),
          need=required("parties.addressee_missing",
                        N_("Name the central authority of the requested State to which the letter is addressed."))),
        F("addressee.address", VERBATIM, N_("Postal address"), lines=2,
          need=advised("parties.addressee_address", N_("Give the postal address of the central authority."),
                       when="addressee_named")),
        F("addressee.latin_address", VERBATIM, N_("Postal address in Latin script"), lines=2, hint=_LATIN_ADDRESS, postal=True),
        F("addressee.phone", VERBATIM, N_("Telephone")),
        F("addressee.email", VERBATIM, N_("E-mail")),
        F("references.requesting_reference", VERBATIM, N_("Your file reference"), group=N_("References"),
          need=advised("parties.reference_missing",
                       N_("Give your file reference so that the requested State can quote it in every reply."))),
        F("references.court_case_number", VERBATIM, N_("Court case number (if any)")),
        F("references.requested_reference", VERBATIM, N_("Reference of the requested State (if known)")),
    ),
    "identification": (
        *_authority(f"{_IDENT}.requesting_authority", N_("Name of the authority"),
                    required("identification.requesting_name", N_("Name the authority making or transmitting the request.")),
                    required("identification.requesting_address", N_("Give the address of the authority making the request.")),
                    group=N_("Authority making the request")),
        F(f"{_IDENT}.conducting_same_as_requesting", BOOL, N_("It is the authority making the request"),
          group=N_("Authority conducting the investigation or proceedings")),
        *_authority(f"{_IDENT}.conducting_authority", N_("Name of the authority"),
                    required("identification.conducting_name",
                             N_("Name the authority conducting the investigation, prosecution or proceedings, "
                                "or state that it is the requesting authority.")),
                    when="conducting_separate"),
        F(f"{_IDENT}.officer_withheld", BOOL, N_("It would be inappropriate to give the officer's details"),
          group=N_("Officer, prosecutor or judge in charge")),
        F(f"{_IDENT}.officer_withheld_reason", TEXT, N_("Why the details are not given"), noun=N_("Reason for not giving the details"), when="officer_withheld", lines=2,
          need=advised("identification.withheld_reason", N_("Say briefly why the officer's details are not given."))),
        F(f"{_IDENT}.officer.name", VERBATIM, N_("Name"), when="officer_given",
          need=required("identification.officer_name",
                        N_("Name the officer, prosecutor or judge in charge of the case, "
                           "or indicate that it would be inappropriate to do so."))),
        F(f"{_IDENT}.officer.latin_name", VERBATIM, N_("Name in Latin script"), when="officer_given",
          hint=N_("Where the name is written in another script (Cyrillic, Arabic, Greek ...), its Latin form as in the passport or register: letters in English, French or Spanish give it first, with the original in brackets.")),
        F(f"{_IDENT}.officer.position", TEXT, N_("Position"), when="officer_given"),
        F(f"{_IDENT}.officer.phone", VERBATIM, N_("Direct telephone"), when="officer_given"),
        F(f"{_IDENT}.officer.email", VERBATIM, N_("Direct e-mail"), when="officer_given"),
        F(f"{_IDENT}.officer.languages", LANGUAGES, N_("Languages in which the officer can be contacted"), when="officer_given"),
    ),
    "prior_contact": (
        F("prior_contact.had_contact", YESNO, N_("Have officials of the two States already been in contact about this matter?"),
          need=required("prior_contact.unanswered",
                        N_("Say whether officials of the two States have already been in contact about this matter."))),
        F("prior_contact.contacts[].date", DATE, N_("Date"), when="had_contact"),
        F("prior_contact.contacts[].who", TEXT, N_("Who was in contact (both sides)"), noun=N_("Persons in contact"), when="had_contact",
          need=required("prior_contact.who", N_("Contact {n}: say who was in contact."))),
        F("prior_contact.contacts[].channel", CODE, N_("Means of contact"), vocab="contact_channel", when="had_contact"),
        F("prior_contact.contacts[].reference", VERBATIM, N_("Reference"), when="had_contact"),
        F("prior_contact.contacts[].details", TEXT, N_("What was discussed or agreed"), noun=N_("Content of the contact"), when="had_contact", lines=2),
    ),
    "other_channels": (
        F("other_channels.used", YESNO, N_("Has a copy of this request been, or is it being, sent through another channel?"),
          need=required("other_channels.unanswered",
                        N_("Say whether a copy of this request has been or is being sent through another channel."))),
        F("other_channels.channels[].channel", CODE, N_("Channel"), vocab="other_channel", when="channels_used",
          need=required("other_channels.kind", N_("Channel {n}: choose the channel."))),
        F("other_channels.channels[].date", DATE, N_("Date sent"), when="channels_used"),
        F("other_channels.channels[].reference", VERBATIM, N_("Reference"), when="channels_used"),
        F("other_channels.channels[].details", TEXT, N_("Details"), when="channels_used", lines=2,
          need=required("other_channels.details", N_("Channel {n}: describe the channel."), when="other_channel")),
    ),
    "acknowledgement": (
        F("acknowledgement.authority", TEXT, N_("Office to which the acknowledgement is returned"),
          need=required("acknowledgement.authority",
                        N_("Name the office to which the acknowledgement of receipt is to be returned."))),
        F("acknowledgement.name", VERBATIM, N_("Person to receive it"),
          need=advised("acknowledgement.name", N_("Name the person who should receive the acknowledgement."))),
        F("acknowledgement.latin_name", VERBATIM, N_("Name in Latin script"),
          hint=N_("Where the name is written in another script (Cyrillic, Arabic, Greek ...), its Latin form as in the passport or register: letters in English, French or Spanish give it first, with the original in brackets.")),
        F("acknowledgement.address", VERBATIM, N_("Postal address"), lines=2),
        F("acknowledgement.latin_address", VERBATIM, N_("Postal address in Latin script"), lines=2, hint=_LATIN_ADDRESS, postal=True),
        F("acknowledgement.email", VERBATIM, N_("E-mail")),
        F("acknowledgement.phone", VERBATIM, N_("Telephone")),
        F("acknowledgement.fax", VERBATIM, N_("Fax")),
    ),
    "urgency": (
        F("urgency.urgent", BOOL, N_("The request is urgent or has a time limit")),
        F("urgency.deadline", DATE, N_("Execute by"), when="urgent",
          need=required("urgency.deadline_missing", N_("Give the date by which the request must be executed."))),
        F("urgency.reason_kind", CODE, N_("Why it is urgent"), vocab="urgency_reason", when="urgent",
          need=required("urgency.reason_kind", N_("Choose why the request is urgent."))),
        F("urgency.reason", TEXT, N_("Explain the urgency"), noun=N_("Explanation of the urgency"), when="urgent", lines=3,
          need=required("urgency.reason_missing", N_("Explain the urgency (for example a custody time limit or a trial date)."))),
    ),
    "confidentiality": (
        F("confidentiality.confidential", BOOL, N_("The request must be kept confidential")),
        F("confidentiality.reason", TEXT, N_("Why confidentiality is needed"), noun=N_("Reason for confidentiality"), when="confidential", lines=3,
          need=required("confidentiality.reason_missing", N_("Explain why the request must be kept confidential."))),
        F("confidentiality.consult_if_not_possible", BOOL,
          N_("Ask to be consulted before execution if confidentiality cannot be kept"), when="confidential"),
    ),
    "legal_basis": tuple(f for fields in BASIS_FIELDS.values() for f in fields),
    "facts": (
        F("facts.summary", TEXT, N_("Summary of the relevant facts"), lines=10,
          need=required("facts.summary_missing", N_("Summarise the relevant facts of the case."), when="facts_required")),
        F("facts.stage", TEXT, N_("Stage of the proceedings"), lines=2,
          hint=N_("For example: investigation opened on ..., trial set for ...")),
        F("persons[].id", ID, N_("Identifier")),
        F("persons[].role", CODE, N_("Role in the case"), vocab="person_role",
          need=required("facts.person_role", N_("Person {n}: choose the person's role."))),
        F("persons[].procedural_status", TEXT, N_("Procedural status under your law"), noun=N_("Procedural status"),
          hint=N_("Where your law gives the person a status that says more than the role, write it in your legal terms, "
                  "for example \u201cmis en examen\u201d, \u201cinvestigado\u201d or \u201cобвиняемый\u201d, "
                  "and what follows from it (\u201cremanded in custody\u201d). The letter prints it in place of the role.")),
        F("persons[].legal_person", BOOL, N_("This is a legal person (company, association ...)")),
        F("persons[].protected", BOOL, N_("Protect this person's identity (the letter uses a pseudonym)"), when="natural_person",
          hint=N_("For a victim or witness whose name must not appear in the letter. The identity you enter below is kept in the draft but left out of the letter.")),
        F("persons[].pseudonym", VERBATIM, N_("Pseudonym used in the letter"), when="identity_protected",
          hint=N_("For example V1 or Witness A."),
          need=required("facts.pseudonym", N_("Person {n}: give the pseudonym the letter will use."))),
        F("persons[].family_name", VERBATIM, N_("Family name"), when="natural_person", letter_when="identity_disclosed",
          need=required("facts.family_name", N_("Person {n}: give the family name."), when="identity_disclosed")),
        F("persons[].given_names", VERBATIM, N_("Given names"), when="natural_person", letter_when="identity_disclosed"),
        F("persons[].other_names", VERBATIM, N_("Other names or aliases"), when="natural_person", letter_when="identity_disclosed"),
        F("persons[].latin_name", VERBATIM, N_("Name in Latin script"), letter_when="identity_disclosed",
          hint=N_("Where the name is written in another script (Cyrillic, Arabic, Greek ...), its Latin form as in the passport or register: letters in English, French or Spanish give it first, with the original in brackets.")),
        F("persons[].sex", CODE, N_("Sex"), vocab="sex", when="natural_person", letter_when="identity_disclosed",
          hint=N_("Optional; used only so that the letter's words agree (e.g. Russian \u201cпотерпевшая\u201d).")),
        F("persons[].birth_date", PARTIAL_DATE, N_("Date of birth"), when="natural_person", letter_when="identity_disclosed",
          hint=N_("The full date, or only the year and month, or only the year.")),
        F("persons[].birth_place", TEXT, N_("Place of birth"), when="natural_person", letter_when="identity_disclosed"),
        F("persons[].nationality", STATE, N_("Nationality"), when="natural_person", letter_when="identity_disclosed"),
        F("persons[].id_document.type", CODE, N_("Identity document (type)"), vocab="document_type", when="natural_person", letter_when="identity_disclosed"),
        F("persons[].id_document.details", TEXT, N_("Identity document (what it is, if another kind)"), noun=N_("Identity document (other kind)"), when="other_document",
          letter_when="identity_disclosed",
          need=required("facts.document_details", N_("Person {n}: say what the identity document is."))),
        F("persons[].id_document.number", VERBATIM, N_("Identity document (number)"), when="natural_person", letter_when="identity_disclosed"),
        F("persons[].id_document.issuing_country", STATE, N_("Identity document (issuing country)"), when="natural_person", letter_when="identity_disclosed"),
        F("persons[].company_name", VERBATIM, N_("Name of the legal person"), when="legal_person",
          need=required("facts.company_name", N_("Person {n}: give the name of the legal person."))),
        F("persons[].registration_number", VERBATIM, N_("Registration number"), when="legal_person"),
        F("persons[].seat", VERBATIM, N_("Registered office"), when="legal_person"),
        F("persons[].address", VERBATIM, N_("Address"), lines=2, letter_when="identity_disclosed"),
        F("persons[].latin_address", VERBATIM, N_("Address in Latin script"), lines=2, letter_when="identity_disclosed",
          hint=_LATIN_ADDRESS, postal=True),
        F("persons[].notes", TEXT, N_("Notes on this person"), lines=2),
    ),
    "offences": (
        F("offences[].id", ID, N_("Identifier")),
        F("offences[].name", TEXT, N_("Name of the offence"),
          need=required("offences.name", N_("Offence {n}: name the offence."))),
        F("offences[].provision", TEXT, N_("Legal provision"),
          hint=N_("Article and code as the letter should cite them in each language, for example \u201cart. 225-4-1 of the Penal Code\u201d."),
          need=required("offences.provision", N_("Offence {n}: cite the legal provision."))),
        F("offences[].max_penalty", TEXT, N_("Maximum penalty"),
          need=required("offences.penalty", N_("Offence {n}: give the maximum penalty."))),
        F("offences[].law_excerpt", TEXT, N_("Text of the law"), lines=6,
          hint=N_("Quote the provision defining the offence and the one setting the penalty."),
          need=required("offences.excerpt", N_("Offence {n}: quote the text of the law."))),
        F("dual_criminality", TEXT, N_("Dual criminality"), lines=3,
          hint=N_("For a search, a freezing order or the production of data, the requested State usually checks that "
                  "the conduct is an offence under its own law too. Say which offence and provision of that law it "
                  "corresponds to, if you know."),
          need=advised("offences.dual_criminality",
                       N_("A coercive measure is requested (search, freezing, production of data or of records): say how the "
                          "conduct is also an offence under the law of the requested State (dual criminality)."),
                       when="coercive_measures")),
    ),
    "assistance": (*_MEASURE_COMMON, *(f for fields in MEASURE_FIELDS.values() for f in fields)),
    "link": (),  # its fields are the measures' (declared with section="link")
    "procedures": (),  # likewise (section="procedures")
    "presence": (
        F("officials_presence.wanted", BOOL, N_("Officials or other persons wish to be present")),
        F("officials_presence.attendees[].name", VERBATIM, N_("Name"), when="presence_wanted"),
        F("officials_presence.attendees[].function", TEXT, N_("Function"), when="presence_wanted"),
        F("officials_presence.measure_ids", MEASURES, N_("Measures they wish to attend"), when="presence_wanted",
          need=required("presence.measures", N_("Say which measures of point 10 they wish to attend."))),
        F("officials_presence.participation", TEXT, N_("What they wish to do"), noun=N_("Intended participation"), when="presence_wanted", lines=2,
          need=advised("presence.participation", N_("Say what they wish to do: attend only, or also put questions."))),
        F("officials_presence.reason", TEXT, N_("Why their presence is needed"), noun=N_("Reason for their presence"), when="presence_wanted", lines=2,
          need=required("presence.reason", N_("Explain why their presence is needed."))),
    ),
    "language": (
        F("language.accepted_languages", LANGUAGES, N_("Languages accepted by the requested State"),
          need=required("language.accepted_missing", N_("Give the language(s) in which the requested State accepts requests."))),
        F("language.certified_translation", BOOL, N_("A certified translation is attached")),
        F("language.translation_note", TEXT, N_("Note on the translation (optional)"), noun=N_("Note on the translation"), lines=2),
    ),
    "closing": (
        F("place", TEXT, N_("Place"), need=required("closing.place", N_("Give the place where the letter is signed."))),
        F("date", DATE, N_("Date of the letter"), need=required("closing.date", N_("Give the date of the letter."))),
        F("signatory.name", VERBATIM, N_("Name of the signatory"),
          need=required("closing.signatory", N_("Give the name of the person who signs the letter."))),
        F("signatory.latin_name", VERBATIM, N_("Name in Latin script"),
          hint=N_("Where the name is written in another script (Cyrillic, Arabic, Greek ...), its Latin form as in the passport or register: letters in English, French or Spanish give it first, with the original in brackets.")),
        F("signatory.title", TEXT, N_("Title of the signatory"),
          need=advised("closing.signatory_title", N_("Give the signatory's title."))),
        F("signatory.authority", TEXT, N_("Authority of the signatory")),
        F("annexes[].id", ID, N_("Identifier")),
        F("annexes[].title", TEXT, N_("Title of the annex"), need=required("closing.annex_title", N_("Annex {n}: give its title."))),
        F("annexes[].pages", COUNT, N_("Number of pages")),
    ),
}

#: Model fields that belong to no section, and why (the declarations test reads this).
NOT_DECLARED: dict[str, str] = {
    "review": "the central authority's review (status, comments, snapshots; mla_writer.review), not part of the letter",
    "translation": "which translations were made from which source text (mla_writer.translation), not part of the letter",
    "upgrade_notes": "values an upgrade of the file format could not convert; reported by the checklist",
    "assistance[].kind": "the measure's kind: chosen when the measure is added (vocabulary assistance_kind)",
    "legal_bases[].type": "the basis's type: chosen when the basis is added (vocabulary basis_type)",
}


def all_fields() -> Iterator[Field]:
    """Every declared field, section by section."""
    for fields in SECTION_FIELDS.values():
        yield from fields


#: pattern path -> declaration
BY_PATH: dict[str, Field] = {f.path: f for f in all_fields()}
if len(BY_PATH) != sum(len(v) for v in SECTION_FIELDS.values()):  # pragma: no cover - a declaration error
    raise RuntimeError("a field is declared twice")
for _f in BY_PATH.values():
    for _name in (_f.when, _f.letter_when, _f.need.when if _f.need else None):
        if _name is not None and _name not in CONDITIONS:  # pragma: no cover - a declaration error
            raise RuntimeError(f"{_f.path}: unknown condition {_name!r}")


#: The declarations of free text, and those with a condition, in declaration order.
_TEXT_FIELDS: tuple[Field, ...] = tuple(f for f in BY_PATH.values() if f.kind == TEXT)
_CONDITIONAL_FIELDS: tuple[Field, ...] = tuple(f for f in BY_PATH.values() if f.when is not None)

#: declaration -> the section it belongs to (its own ``section``, else the one declaring it)
_SECTION_OF: dict[Field, str] = {f: f.section or sid for sid, fs in SECTION_FIELDS.items() for f in fs}
#: section id -> its declarations, in declaration order (a measure's link and procedures included)
_FIELDS_OF: dict[str, tuple[Field, ...]] = {}
for _f, _sid in _SECTION_OF.items():
    _FIELDS_OF[_sid] = (*_FIELDS_OF.get(_sid, ()), _f)


def section_id(field: Field) -> str:
    """The section a field belongs to."""
    if field.section:
        return field.section
    return _SECTION_OF[field]


def section_fields(section: str) -> tuple[Field, ...]:
    """The declarations whose :func:`section_id` is ``section``, in declaration order
    (empty for a section that declares none)."""
    return _FIELDS_OF.get(section, ())


# -- concrete paths -------------------------------------------------------------------------------

_INDEX = re.compile(r"\[(\d+)\]")


def pattern_of(path: str, letter: Any = None) -> str:
    """``"assistance[2].institution"`` -> ``"assistance[records].institution"`` (with the letter,
    to know the measure's kind) or ``"assistance[].institution"`` (without it)."""
    out, pos = [], 0
    for match in _INDEX.finditer(path):
        list_path = path[:match.start()]
        out.append(path[pos:match.start()])
        tag = ""
        items = ITEMS.get(_INDEX.sub("", list_path).replace("[]", ""))
        if items is not None and items.variant and letter is not None:
            try:
                element = _resolve(letter, list_path)[int(match.group(1))]
                tag = getattr(element, items.variant)
            except (IndexError, AttributeError, TypeError, ValueError):
                tag = ""
        out.append(f"[{tag}]")
        pos = match.end()
    out.append(path[pos:])
    return "".join(out)


def declaration(path: str, letter: Any = None) -> Field | None:
    """The declaration of a concrete path (``"assistance[2].institution"``), or None."""
    pattern = pattern_of(path, letter)
    found = BY_PATH.get(pattern)
    if found is None and "[" in pattern:
        found = BY_PATH.get(re.sub(r"\[[a-z_]+\]", "[]", pattern))
    return found


@lru_cache(maxsize=4096)
def _steps(path: str) -> tuple[str | int, ...]:
    """A concrete path's steps: attribute names and list indexes (``"a[2].b"`` -> ``("a", 2, "b")``)."""
    return tuple(int(part[1:-1]) if part.startswith("[") else part for part in re.findall(r"[A-Za-z_]+|\[\d+\]", path))


def _resolve(obj: Any, path: str) -> Any:
    for step in _steps(path):
        obj = obj[step] if type(step) is int else getattr(obj, step)
    return obj


def value_at(letter: Any, path: str) -> Any:
    """The value at a concrete path. Raises LookupError/AttributeError when the path does not exist."""
    return _resolve(letter, path)


def _items_of(list_path: str) -> Items:
    return ITEMS[list_path]


def item_name(letter: Any, list_path: str, index: int, lang: str) -> str:
    """How messages call item ``index`` of a list: "Person 2", "Measure 3 (Documents and records ...)"."""
    from .i18n import ui_gettext

    _ = ui_gettext(lang)
    items = ITEMS[list_path]
    params: dict[str, Any] = {"n": index + 1}
    if items.variant == "kind":
        element = _resolve(letter, list_path)[index]
        params["kind"] = vocab.ASSISTANCE_KIND.label(element.kind, lang)
    return _(items.item_label).format(**params)


def describe(letter: Any, path: str, lang: str, noun: bool = False) -> str:
    """A concrete path as a person reads it, in UI language ``lang``:
    ``"assistance[2].institution"`` -> "Measure 3 (Documents and records ...): Institution holding the records".
    With ``noun``, the field's noun (:attr:`Field.noun`) where its label is a prompt.
    Falls back to the path itself for a path that is not declared."""
    from .i18n import ui_gettext

    _ = ui_gettext(lang)
    decl = declaration(path, letter)
    label = _((decl.noun if noun else None) or decl.label) if decl else path
    match = None
    for match in _INDEX.finditer(path):
        pass
    if match is None:
        return label
    list_path = _INDEX.sub("", path[:match.start()])
    if list_path not in ITEMS:
        return label
    try:
        item = item_name(letter, list_path, int(match.group(1)), lang)
    except (IndexError, AttributeError, KeyError):
        return label
    # TRANSLATORS: a field of one item in messages, e.g. "Measure 3 (Search and seizure): Items sought"
    pattern = N_("{item}: {field}")
    return _(pattern).format(item=item, field=label)


def by_pattern(pattern: str) -> Field | None:
    """The declaration of a pattern path: exact (``"assistance[records].institution"``), as a
    field common to every variant (``"assistance[].description"``), or for an element of a
    list-valued field (``"identification.officer.languages[]"``); None when none is declared."""
    for candidate in (pattern, re.sub(r"\[[a-z_]+\]", "[]", pattern), re.sub(r"\[\]$", "", pattern)):
        if candidate in BY_PATH:
            return BY_PATH[candidate]
    return None


def describe_pattern(path: str, pattern: str, lang: str) -> str:
    """Like :func:`describe`, for a draft that could not be read (no letter to look into): the
    item's number comes from ``path``, a measure's kind from ``pattern``'s tag
    (``"assistance[freezing].amount"``)."""
    from .i18n import ui_gettext

    _ = ui_gettext(lang)
    decl = by_pattern(pattern)
    label = _(decl.label) if decl else path
    match = re.match(r"^([a-z_.]+)\[(\d+)\]", path)
    if match is None or match.group(1) not in ITEMS:
        return label
    items = ITEMS[match.group(1)]
    params: dict[str, Any] = {"n": int(match.group(2)) + 1}
    tag = re.match(r"^[a-z_.]+\[([a-z_]*)\]", pattern)
    if items.variant == "kind":
        kind = tag.group(1) if tag else ""
        params["kind"] = vocab.ASSISTANCE_KIND.label(kind, lang) if kind in vocab.ASSISTANCE_KIND else "?"
    pattern_text = N_("{item}: {field}")
    return _(pattern_text).format(item=_(items.item_label).format(**params), field=label)


def instances(letter: Any, field: Field) -> Iterator[tuple[str, Any, Any]]:
    """Every place ``field`` has in ``letter``: ``(concrete path, value, item)``; ``item`` is
    the list element it belongs to (None for a letter-wide field). Only list elements of the
    right variant are visited."""
    if "[" not in field.path:
        yield field.path, _resolve(letter, field.path), None
        return
    head, tag, tail, variant = _split_pattern(field.path)
    for i, element in enumerate(_resolve(letter, head)):
        if variant and getattr(element, variant) != tag:
            continue
        yield f"{head}[{i}]{tail}", _resolve(element, tail[1:]), element


class Instances:
    """Every field's instances in one letter, with whether each applies, read once and kept:
    what a whole check reads again and again (each section's plain rules, the data answers
    hide, the texts that go into the letter, the Latin forms), found in one pass per field.

    Valid only while ``letter`` is not changed: made afresh for every check (nothing is kept
    between two checks, so an edit is always seen). :meth:`rows` gives the same instances, in
    the same order, as :func:`instances`, and the same ``applies`` as :func:`applies`.
    (Kept as a few lists per field, not an object per instance: a large letter's check then
    leaves the garbage collector little to do.)"""

    __slots__ = ("letter", "_columns", "_lists", "_letter_holds", "_verdicts")

    def __init__(self, letter: Any) -> None:
        self.letter = letter
        #: field -> (paths, values, items, applies), one entry per instance
        self._columns: dict[Field, tuple[list[str], list[Any], list[Any], list[bool]]] = {}
        #: (list, variant) -> variant tag (None: any) -> (indexes, items)
        self._lists: dict[tuple[str, str | None], dict[Any, tuple[list[int], list[Any]]]] = {}
        self._letter_holds: dict[str, bool] = {}
        self._verdicts: dict[tuple[str, str, str | None, str], list[bool]] = {}

    def holds(self, name: str | None, item: Any = None) -> bool:
        """:func:`holds` of the letter, a letter-wide condition's answer kept for the whole check."""
        if name is None:
            return True
        cond = CONDITIONS[name]
        if cond.scope != "letter":
            return bool(cond.test(item))
        found = self._letter_holds.get(name)
        if found is None:
            found = self._letter_holds[name] = bool(cond.test(self.letter))
        return found

    def rows(self, field: Field) -> Iterator[tuple[str, Any, Any, bool]]:
        """``(concrete path, value, item, applies)`` for every instance of ``field``
        (:func:`instances`; ``applies`` as :func:`applies` says), read once per table."""
        columns = self._columns.get(field)
        if columns is None:
            columns = self._columns[field] = self._read(field)
        return zip(*columns)

    def _read(self, field: Field) -> tuple[list[str], list[Any], list[Any], list[bool]]:
        if "[" not in field.path:
            return [field.path], [_getter(field.path)(self.letter)], [None], [self.holds(field.when)]
        head, tag, tail, variant = _split_pattern(field.path)
        indexes, items = self._elements(head, variant, tag)
        paths = [f"{head}[{i}]{tail}" for i in indexes]
        values = list(map(_getter(tail[1:]), items))
        if field.when is None or CONDITIONS[field.when].scope == "letter":
            return paths, values, items, [self.holds(field.when)] * len(items)
        return paths, values, items, self._item_verdicts(field.when, head, variant, tag)

    def hidden_rows(self, field: Field) -> list[tuple[str, Any, Any]]:
        """``(concrete path, value, item)`` of the instances of ``field`` that do not apply (its
        condition is false), in the order of :meth:`rows`; only their values are read."""
        if field in self._columns or "[" not in field.path or field.when is None \
                or CONDITIONS[field.when].scope == "letter":
            if field.when is not None and CONDITIONS[field.when].scope == "letter" and self.holds(field.when):
                return []
            return [(path, value, item) for path, value, item, ok in self.rows(field) if not ok]
        head, tag, tail, variant = _split_pattern(field.path)
        get = _getter(tail[1:])
        indexes, items = self._elements(head, variant, tag)
        verdicts = self._item_verdicts(field.when, head, variant, tag)
        return [(f"{head}[{i}]{tail}", get(item), item) for i, item, ok in zip(indexes, items, verdicts) if not ok]

    def _item_verdicts(self, name: str, head: str, variant: str | None, tag: str) -> list[bool]:
        """Whether item condition ``name`` holds, for each of :meth:`_elements` (kept: several
        fields of an item share a condition)."""
        key = (name, head, variant, tag)
        found = self._verdicts.get(key)
        if found is None:
            test = CONDITIONS[name].test
            found = self._verdicts[key] = [bool(test(item)) for item in self._elements(head, variant, tag)[1]]
        return found

    def _elements(self, head: str, variant: str | None, tag: str) -> tuple[list[int], list[Any]]:
        """``(indexes, items)`` of the list ``head``, those whose ``variant`` is ``tag`` when
        ``variant`` is given (the list read, and split by variant, once)."""
        key = (head, variant)
        split = self._lists.get(key)
        if split is None:
            items = list(_getter(head)(self.letter))
            if variant is None:
                split = {None: (list(range(len(items))), items)}
            else:
                split = {}
                for i, item in enumerate(items):
                    indexes, kept = split.setdefault(getattr(item, variant), ([], []))
                    indexes.append(i)
                    kept.append(item)
            self._lists[key] = split
        return split.get(tag if variant is not None else None, ([], []))


@lru_cache(maxsize=None)
def _getter(path: str) -> Callable[[Any], Any]:
    """A function reading the value at ``path`` (attribute names only: ``"id_document.number"``)."""
    from operator import attrgetter

    return attrgetter(path)


@lru_cache(maxsize=None)
def _split_pattern(pattern: str) -> tuple[str, str, str, str | None]:
    """``"assistance[records].institution"`` -> ``("assistance", "records", ".institution", "kind")``:
    the list, the variant tag, the rest, and the attribute the tag is tested on (None when any item counts)."""
    head, rest = pattern.split("[", 1)
    tag, tail = rest.split("]", 1)
    variant = ITEMS[head].variant
    return head, tag, tail, variant if tag and variant else None


def is_empty(value: Any) -> bool:
    """Whether a value counts as not given (None, "", [], empty text or amount)."""
    if value is None:
        return True
    kind = type(value)
    if kind is str or kind is list:
        return not value
    if isinstance(value, bool):
        return False
    if isinstance(value, (str, list, tuple)):
        return not value
    if hasattr(value, "__bool__") and type(value).__name__ in ("MLText", "Amount"):
        return not value
    return False


def applies(letter: Any, field: Field, item: Any) -> bool:
    """Whether ``field``'s condition holds for this instance."""
    return holds(field.when, letter, item)


def needed(letter: Any, field: Field, item: Any) -> bool:
    """Whether the checklist asks for this instance of ``field`` (it applies and its need's condition holds)."""
    return field.need is not None and applies(letter, field, item) and holds(field.need.when, letter, item)


def in_letter(letter: Any, field: Field, item: Any) -> bool:
    """Whether this instance of ``field`` goes into the letter (it applies, and its letter condition holds)."""
    return applies(letter, field, item) and holds(field.letter_when, letter, item)


def text_fields(letter: Any, table: Instances | None = None) -> Iterator[tuple[str, Field, Any]]:
    """Every declared free-text field that goes into the letter and holds text: ``(path, field, MLText)``.
    ``table``: the letter's :class:`Instances`, where a caller has one (the same answer, faster)."""
    if table is None:
        for field in _TEXT_FIELDS:
            for path, value, item in instances(letter, field):
                if value and in_letter(letter, field, item):
                    yield path, field, value
        return
    for field in _TEXT_FIELDS:
        letter_when = field.letter_when
        for path, value, item, ok in table.rows(field):
            if ok and value and (letter_when is None or table.holds(letter_when, item)):
                yield path, field, value


# -- data an answer hides ----------------------------------------------------------------------


class Hidden:
    """Values entered under an answer that now hides them (they would be left out of the letter).

    ``condition`` the named condition that is false; ``answer`` the concrete path of the answer
    that decides it; ``paths`` the concrete paths of the hidden values, in declaration order;
    ``clear`` the concrete paths to reset so that nothing is hidden any more (a whole list when
    the answer hides the list, e.g. the contacts of point 2).
    """

    __slots__ = ("condition", "answer", "paths", "clear")

    def __init__(self, condition: str, answer: str, paths: list[str], clear: list[str]) -> None:
        self.condition = condition
        self.answer = answer
        self.paths = paths
        self.clear = clear

    def __repr__(self) -> str:
        return f"Hidden({self.condition!r}, {self.answer!r}, {self.paths!r})"


def _default_value(owner: Any, tail: str) -> Any:
    """The value a freshly made ``owner`` (the letter or an item) holds at ``tail``."""
    return _resolve(type(owner)(), tail)


#: (type of the owner, tail) -> the value a fresh owner holds there, for :func:`hidden_data`'s
#: comparisons (a model's defaults are constants and factories of empty values).
_DEFAULTS: dict[tuple[type, str], Any] = {}


def hidden_data(letter: Any, table: Instances | None = None) -> list[Hidden]:
    """Every group of values that an answer hides: fields whose condition (``when``) is false
    but which hold something other than their default. One :class:`Hidden` per condition and
    item (per condition for a letter-wide one), in the order of the declarations.
    ``table``: the letter's :class:`Instances`, where a caller has one (the same answer, faster)."""
    groups: dict[tuple[str, str], Hidden] = {}
    defaults = _DEFAULTS  # (compared only, never handed out: one default per type and field)
    for field in _CONDITIONAL_FIELDS:
        if table is not None:
            found = table.hidden_rows(field)
        else:
            found = [(path, value, item) for path, value, item in instances(letter, field)
                     if not holds(field.when, letter, item)]
        listed = "[" in field.path
        if listed:
            head, rest = field.path.split("[", 1)
            tail = rest.split("]", 1)[1][1:]
        else:
            tail = field.path
        for path, value, item in found:
            owner = item if listed else letter
            key = (type(owner), tail)
            if key not in defaults:
                defaults[key] = _default_value(owner, tail)
            if value == defaults[key]:
                continue
            cond = CONDITIONS[field.when]
            while cond.requires is not None and not holds(cond.requires, letter, item):
                cond = CONDITIONS[cond.requires]  # the outer answer is the one that hides it
            item_path = f"{head}[{path[len(head) + 1: path.index(']')]}]" if listed else ""
            if cond.scope == "letter":
                key, answer = (cond.name, ""), cond.answer
                clear = head if "[" in field.path else path
            else:
                key, answer = (cond.name, item_path), f"{item_path}.{cond.answer}"
                clear = path
            group = groups.setdefault(key, Hidden(cond.name, answer, [], []))
            group.paths.append(path)
            if clear not in group.clear:
                group.clear.append(clear)
    return list(groups.values())


def _assign(letter: Any, path: str, value: Any) -> None:
    parts = re.findall(r"[A-Za-z_]+|\[\d+\]", path)
    parent = letter
    for part in parts[:-1]:
        parent = parent[int(part[1:-1])] if part.startswith("[") else getattr(parent, part)
    last = parts[-1]
    if last.startswith("["):
        parent[int(last[1:-1])] = value
    else:
        setattr(parent, last, value)


def clear_hidden(letter: Any, hidden: Hidden) -> None:
    """Reset what ``hidden`` lists to the defaults (with the user's consent: the wizard asks):
    a whole list the answer hides becomes empty, any other value its default."""
    for path in hidden.clear:
        if path in ITEMS:
            _assign(letter, path, [])
            continue
        if "]" in path:
            head, tail = path.rsplit("]", 1)
            owner, tail = _resolve(letter, head + "]"), tail[1:]
        else:
            owner, tail = letter, path
        _assign(letter, path, _default_value(owner, tail))
