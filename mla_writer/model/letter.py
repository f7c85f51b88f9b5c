"""The Letter of Request: every field of the 14 points and of the letter around them.

A draft may be incomplete: the model checks types and shapes only. Completeness is the
checklist's business (``mla_writer.checklist``), never the model's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from .. import vocab
from .assistance import AssistanceItem
from .review import Review
from .text import CleanStr, Language, MLText
from .values import Amount, LanguageCode, PartialDate, UpgradeNote, vocabulary_type  # noqa: F401 (re-exported)

#: ISO 3166-1 alpha-2 code ("" while not chosen). Whether the code exists is checked by the checklist.
CountryCode = Annotated[
    str, BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v), StringConstraints(pattern=r"^([A-Z]{2})?$")
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


def _ml() -> MLText:
    return MLText()


# -- people and authorities --------------------------------------------------------------
class Authority(_Strict):
    name: MLText = Field(default_factory=_ml)
    address: CleanStr = ""
    latin_address: CleanStr = Field(default="", description="The postal address in Latin script, where ``address`` is written in another script.")
    phone: CleanStr = ""
    email: CleanStr = ""


class Officer(_Strict):
    """The investigating officer, prosecutor or judge in charge."""

    name: CleanStr = ""
    latin_name: CleanStr = Field(default="", description="The name in Latin script, where ``name`` is written in another script.")
    position: MLText = Field(default_factory=_ml)
    phone: CleanStr = ""
    email: CleanStr = ""
    languages: list[LanguageCode] = Field(default=[], description="ISO 639 codes of the languages the officer can be contacted in.")


class Identification(_Strict):
    """Point 1."""

    requesting_authority: Authority = Field(default_factory=Authority)
    conducting_same_as_requesting: bool = False
    conducting_authority: Authority = Field(default_factory=Authority)
    officer: Officer = Field(default_factory=Officer)
    officer_withheld: bool = Field(default=False, description="Officer's details inappropriate to give.")
    officer_withheld_reason: MLText = Field(default_factory=_ml)


# -- points 2 and 3 ---------------------------------------------------------------------
ContactChannel = vocabulary_type(vocab.CONTACT_CHANNEL)


class ContactEvent(_Strict):
    date: dt.date | None = None
    who: MLText = Field(default_factory=_ml, description="Officials involved on both sides (names and positions).")
    channel: ContactChannel | None = None
    reference: CleanStr = ""
    details: MLText = Field(default_factory=_ml)


class PriorContact(_Strict):
    """Point 2: ``had_contact`` must be answered: True (with contacts) or False ("none")."""

    had_contact: bool | None = None
    contacts: list[ContactEvent] = []


OtherChannelKind = vocabulary_type(vocab.OTHER_CHANNEL)


class ChannelUse(_Strict):
    channel: OtherChannelKind | None = None
    date: dt.date | None = None
    reference: CleanStr = ""
    details: MLText = Field(default_factory=_ml)


class OtherChannels(_Strict):
    """Point 3: ``used`` must be answered."""

    used: bool | None = None
    channels: list[ChannelUse] = []


# -- point 4 -----------------------------------------------------------------------------
class AcknowledgementReturn(_Strict):
    """Point 4: where and to whom the acknowledgement of receipt is to be returned."""

    authority: MLText = Field(default_factory=_ml)
    name: CleanStr = ""
    latin_name: CleanStr = Field(default="", description="The name in Latin script, where ``name`` is written in another script.")
    address: CleanStr = ""
    latin_address: CleanStr = Field(default="", description="The postal address in Latin script, where ``address`` is written in another script.")
    email: CleanStr = ""
    phone: CleanStr = ""
    fax: CleanStr = ""


# -- points 5, 6 -------------------------------------------------------------------------
UrgencyReason = vocabulary_type(vocab.URGENCY_REASON)


class Urgency(_Strict):
    """Point 5."""

    urgent: bool = False
    deadline: dt.date | None = None
    reason_kind: UrgencyReason | None = None
    reason: MLText = Field(default_factory=_ml)


class Confidentiality(_Strict):
    """Point 6."""

    confidential: bool = False
    reason: MLText = Field(default_factory=_ml)
    consult_if_not_possible: bool = True


# -- point 7 -----------------------------------------------------------------------------
class InstrumentBasis(_Strict):
    type: Literal["instrument"] = "instrument"
    instrument_id: CleanStr = Field(default="", description="Id in resources/instruments.json.")
    articles: CleanStr = ""


class BilateralTreatyBasis(_Strict):
    type: Literal["bilateral"] = "bilateral"
    title: MLText = Field(default_factory=_ml)
    date: dt.date | None = None
    articles: CleanStr = ""


class OtherBasis(_Strict):
    type: Literal["other"] = "other"
    description: MLText = Field(default_factory=_ml)


class ReciprocityBasis(_Strict):
    type: Literal["reciprocity"] = "reciprocity"
    assurance: bool = Field(default=False, description="The requesting State assures reciprocity.")
    assurance_details: MLText = Field(default_factory=_ml)


LegalBasis = Annotated[
    Union[InstrumentBasis, BilateralTreatyBasis, OtherBasis, ReciprocityBasis],
    Field(discriminator="type"),
]


# -- points 8, 9 -------------------------------------------------------------------------
PersonRole = vocabulary_type(vocab.PERSON_ROLE)
Sex = vocabulary_type(vocab.SEX)
OFFENDER_ROLES: tuple[str, ...] = vocab.OFFENDER_ROLES


DocumentType = vocabulary_type(vocab.DOCUMENT_TYPE)


class IdentityDocument(_Strict):
    type: DocumentType | None = None
    details: MLText = Field(default_factory=_ml, description="What the document is, when the type is 'other'.")
    number: CleanStr = ""
    issuing_country: CountryCode = ""


class Person(_Strict):
    id: CleanStr = Field(default="", description="Stable identifier referred to by assistance items, e.g. 'p1'.")
    legal_person: bool = False
    role: PersonRole | None = None
    procedural_status: MLText = Field(default_factory=_ml, description="The person's status in the requesting "
                                      "State's proceedings in its own legal terms ('mis en examen', 'investigado').")
    sex: Sex | None = Field(default=None, description="Used only for grammatical agreement in the letter.")
    # protected identity (victims, witnesses): the letter names the person by the pseudonym
    protected: bool = Field(default=False, description="Identity protected: the letter uses the pseudonym.")
    pseudonym: CleanStr = Field(default="", description="What the letter calls a protected person, e.g. 'V1'.")
    # natural persons
    family_name: CleanStr = ""
    given_names: CleanStr = ""
    other_names: CleanStr = ""
    latin_name: CleanStr = Field(default="", description="The name (a company's too) in Latin script, as in the passport or "
                                 "register, where the name is written in another script.")
    birth_date: PartialDate | None = Field(default=None, description="'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'.")
    birth_place: MLText = Field(default_factory=_ml)
    nationality: CountryCode = ""
    id_document: IdentityDocument = Field(default_factory=IdentityDocument)
    # legal persons
    company_name: CleanStr = ""
    registration_number: CleanStr = ""
    seat: CleanStr = ""
    # both
    address: CleanStr = ""
    latin_address: CleanStr = Field(default="", description="The address in Latin script, where ``address`` is written in another script.")
    notes: MLText = Field(default_factory=_ml)

    def display_name(self) -> str:
        """The name as written in the file: the company name, or "FAMILY Given names"."""
        if self.legal_person:
            return self.company_name
        return " ".join(p for p in (self.family_name.upper(), self.given_names) if p)


class Facts(_Strict):
    """Point 8."""

    summary: MLText = Field(default_factory=_ml)
    stage: MLText = Field(default_factory=_ml, description="Stage of the proceedings (investigation, trial ...).")


class Offence(_Strict):
    """Point 9."""

    id: CleanStr = ""
    name: MLText = Field(default_factory=_ml)
    provision: MLText = Field(default_factory=_ml, description="Article and code as cited in each language.")
    max_penalty: MLText = Field(default_factory=_ml)
    law_excerpt: MLText = Field(default_factory=_ml)


# -- point 13, 14 ------------------------------------------------------------------------
class Attendee(_Strict):
    name: CleanStr = ""
    function: MLText = Field(default_factory=_ml)


class OfficialsPresence(_Strict):
    """Point 13."""

    wanted: bool = False
    attendees: list[Attendee] = []
    measure_ids: list[CleanStr] = Field(default=[], description="Ids of the measures (point 10) they wish to attend.")
    participation: MLText = Field(default_factory=_ml, description="What they wish to do (attend, put questions ...).")
    reason: MLText = Field(default_factory=_ml)


class LanguageRequirements(_Strict):
    """Point 14."""

    accepted_languages: list[LanguageCode] = []
    certified_translation: bool = False
    translation_note: MLText = Field(default_factory=_ml)


# -- around the points -------------------------------------------------------------------
class References(_Strict):
    requesting_reference: CleanStr = ""
    court_case_number: CleanStr = ""
    requested_reference: CleanStr = Field(default="", description="The requested State's reference, if known.")


class Signatory(_Strict):
    name: CleanStr = ""
    latin_name: CleanStr = Field(default="", description="The name in Latin script, where ``name`` is written in another script.")
    title: MLText = Field(default_factory=_ml)
    authority: MLText = Field(default_factory=_ml)


class Annex(_Strict):
    id: CleanStr = Field(default="", description="Stable identifier, e.g. 'x1' (measures refer to it).")
    title: MLText = Field(default_factory=_ml)
    pages: int | None = Field(default=None, ge=0)


class TranslationMark(_Strict):
    """That the text of one free-text field in ``target`` was translated from its text in
    ``source``, and a fingerprint of that source text then (:func:`mla_writer.translation.source_hash`).
    The source text changing afterwards makes the translation stale. ``item_id`` follows the
    item (person, measure ...) when its list is reordered."""

    path: CleanStr = ""
    item_id: CleanStr = ""
    target: CleanStr = ""
    source: CleanStr = ""
    source_hash: CleanStr = ""


class TranslationState(_Strict):
    """What the translation workspace keeps in the draft (format 8): an identifier that an
    exported XLIFF file names (so that a file for another draft is refused), and one
    :class:`TranslationMark` per translated field and language."""

    draft_id: CleanStr = ""
    marks: list[TranslationMark] = []


class LetterOfRequest(_Strict):
    """A letter of request for mutual legal assistance in a criminal matter."""

    drafting_language: Language = "en"
    output_language: Language = "en"

    requesting_state: CountryCode = ""
    requested_state: CountryCode = ""
    addressee: Authority = Field(default_factory=Authority, description="Central authority of the requested State.")
    references: References = Field(default_factory=References)
    place: MLText = Field(default_factory=_ml, description="Where the letter is signed (names differ by language).")
    date: dt.date | None = None

    identification: Identification = Field(default_factory=Identification)  # 1
    prior_contact: PriorContact = Field(default_factory=PriorContact)  # 2
    other_channels: OtherChannels = Field(default_factory=OtherChannels)  # 3
    acknowledgement: AcknowledgementReturn = Field(default_factory=AcknowledgementReturn)  # 4
    urgency: Urgency = Field(default_factory=Urgency)  # 5
    confidentiality: Confidentiality = Field(default_factory=Confidentiality)  # 6
    legal_bases: list[LegalBasis] = []  # 7
    facts: Facts = Field(default_factory=Facts)  # 8
    persons: list[Person] = []  # 8 (and referred to by 10)
    offences: list[Offence] = []  # 9
    dual_criminality: MLText = Field(
        default_factory=_ml, description="How the conduct is also punishable under the law of the requested State (point 9)."
    )
    assistance: list[AssistanceItem] = []  # 10, 11, 12
    officials_presence: OfficialsPresence = Field(default_factory=OfficialsPresence)  # 13
    language: LanguageRequirements = Field(default_factory=LanguageRequirements)  # 14

    signatory: Signatory = Field(default_factory=Signatory)
    annexes: list[Annex] = []
    review: Review = Field(default_factory=Review, description="The central authority's review: status changes, comments "
                           "and snapshots in a hash-chained history (mla_writer.review); never part of the letter.")
    upgrade_notes: list[UpgradeNote] = Field(
        default=[], description="Values an upgrade of the draft format could not convert; shown until dealt with."
    )
    translation: TranslationState = Field(
        default_factory=TranslationState, description="Which translations were made from which source text (format 8)."
    )

    def upgrade_note_path(self, note: UpgradeNote) -> str | None:
        """Where ``note``'s field is now: its concrete path, following the item it belongs to
        when the list was reordered; None when that item has been removed."""
        if not note.item_id or "[" not in note.path:
            return note.path
        head, rest = note.path.split("[", 1)
        tail = rest.split("]", 1)[1]
        items = getattr(self, head, None)
        if not isinstance(items, list):
            return None
        index = next((i for i, item in enumerate(items) if getattr(item, "id", None) == note.item_id), None)
        return None if index is None else f"{head}[{index}]{tail}"

    def upgrade_value(self, path: str) -> str | None:
        """The JSON of the value at concrete ``path`` (what an upgrade note compares), or None."""
        import json

        from pydantic_core import to_jsonable_python

        from ..fields import value_at

        try:
            value = value_at(self, path)
        except (AttributeError, IndexError, KeyError, ValueError):
            return None
        return json.dumps(to_jsonable_python(value), sort_keys=True, ensure_ascii=False)

    def open_upgrade_notes(self) -> list[tuple[str, UpgradeNote]]:
        """The upgrade notes still to deal with, each with its field's current path: not those
        whose item was removed, nor those whose field no longer holds what the upgrade stored."""
        out = []
        for note in self.upgrade_notes:
            path = self.upgrade_note_path(note)
            if path is None:
                continue
            if note.converted is not None and self.upgrade_value(path) != note.converted:
                continue
            out.append((path, note))
        return out

    def settle_upgrade_notes(self, path: str | None = None) -> bool:
        """Drop the upgrade notes that are settled (their item removed, their field entered
        again) and, with ``path``, any note about the field at that concrete path; True when
        one was dropped."""
        still = [note for p, note in self.open_upgrade_notes() if p != path]
        if len(still) == len(self.upgrade_notes):
            return False
        self.upgrade_notes = still
        return True

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.persons if p.id and p.id == person_id), None)

    def offence(self, offence_id: str) -> Offence | None:
        return next((o for o in self.offences if o.id and o.id == offence_id), None)

    def measure(self, measure_id: str) -> tuple[int, Any] | None:
        """``(number, measure)`` of the measure with id ``measure_id`` (numbered from 1 as in point 10), or None."""
        return next(((i + 1, m) for i, m in enumerate(self.assistance) if m.id and m.id == measure_id), None)

    def annex(self, annex_id: str) -> tuple[int, Annex] | None:
        """``(number, annex)`` of the annex with id ``annex_id`` (numbered from 1 as the letter lists them), or None."""
        return next(((i + 1, a) for i, a in enumerate(self.annexes) if a.id and a.id == annex_id), None)

    def service_only(self) -> bool:
        """True when every measure is service of documents (UNTOC 18(15)(c): facts not required)."""
        return bool(self.assistance) and all(item.kind == "service" for item in self.assistance)
