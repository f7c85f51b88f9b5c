"""Kinds of assistance (point 10) as a discriminated union on ``kind``.

Each kind carries the fields every measure has (what is sought, its link to the
proceedings for point 11, its special procedures for point 12, a deadline) plus its own
fields. Labels, hints, kinds and which fields are required are declared once, in
:mod:`mla_writer.fields` (``MEASURE_FIELDS``) and :mod:`mla_writer.vocab` (``ASSISTANCE_KIND``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .. import vocab
from .text import CleanStr, MLText
from .values import Amount, LanguageCode, Moment, vocabulary_type, zone

ProcedureKind = vocabulary_type(vocab.PROCEDURE_KIND)
PROCEDURE_KINDS: tuple[str, ...] = vocab.PROCEDURE_KIND.codes


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Procedures(_Strict):
    """Special procedures the requested State is asked to follow (point 12)."""

    requested: list[ProcedureKind] = []
    details: MLText = Field(default_factory=MLText)
    reason: MLText = Field(default_factory=MLText)


class _ItemBase(_Strict):
    id: CleanStr = Field(default="", description="Stable identifier of the measure, e.g. 'a1'.")
    description: MLText = Field(default_factory=MLText, description="What exactly is sought (point 10).")
    relevance: MLText = Field(default_factory=MLText, description="Why it is relevant to the proceedings (point 11).")
    offence_ids: list[CleanStr] = Field(default=[], description="Offences this measure relates to.")
    procedures: Procedures = Field(default_factory=Procedures)
    deadline: dt.date | None = None


WitnessStatus = vocabulary_type(vocab.WITNESS_STATUS)
Recording = vocabulary_type(vocab.RECORDING)


class TakingEvidence(_ItemBase):
    kind: Literal["evidence"] = "evidence"
    person_id: CleanStr = ""
    person_status: WitnessStatus | None = None
    questions: MLText = Field(default_factory=MLText)
    recording: Recording = "written"
    interpreter_language: LanguageCode | None = None


class ServiceOfDocuments(_ItemBase):
    kind: Literal["service"] = "service"
    documents: MLText = Field(default_factory=MLText)
    documents_annex: CleanStr = Field(default="", description="Id of the annex (``annexes[].id``) that holds the documents.")
    person_id: CleanStr = ""
    address: CleanStr = ""
    latin_address: CleanStr = Field(default="", description="The address in Latin script, where it is written in another script.")
    hearing_date: dt.date | None = None
    hearing_time: CleanStr = Field(default="", description='Time of the hearing, "HH:MM" (24-hour clock) in ``hearing_time_zone``.')
    hearing_time_zone: CleanStr = Field(default="", description="IANA time zone of ``hearing_time`` (e.g. Europe/Madrid).")
    hearing_place: MLText = Field(default_factory=MLText, description="Court or authority and place of the hearing.")
    proof_of_service: bool = True


class SearchAndSeizure(_ItemBase):
    kind: Literal["search"] = "search"
    premises_address: CleanStr = ""
    latin_premises_address: CleanStr = Field(default="", description="The address of the premises in Latin script, where it is written in another script.")
    premises_description: MLText = Field(default_factory=MLText)
    occupant: CleanStr = ""
    items_sought: MLText = Field(default_factory=MLText)
    to_seize: MLText = Field(default_factory=MLText)
    order_attached: bool = False
    order_annex: CleanStr = Field(default="", description="Id of the annex (``annexes[].id``) that holds the order.")


class FreezingOfAssets(_ItemBase):
    kind: Literal["freezing"] = "freezing"
    holder: MLText = Field(default_factory=MLText)
    identifiers: CleanStr = ""
    amount: Amount = Field(default_factory=Amount)
    order_attached: bool = False
    order_annex: CleanStr = Field(default="", description="Id of the annex (``annexes[].id``) that holds the order.")


class ExaminingObjects(_ItemBase):
    kind: Literal["examination"] = "examination"
    subject: MLText = Field(default_factory=MLText)
    examination: MLText = Field(default_factory=MLText)
    expert_wanted: bool = False


class Information(_ItemBase):
    kind: Literal["information"] = "information"
    what: MLText = Field(default_factory=MLText)
    held_by: MLText = Field(default_factory=MLText)
    delivery_form: MLText = Field(default_factory=MLText)


class Records(_ItemBase):
    kind: Literal["records"] = "records"
    institution: MLText = Field(default_factory=MLText)
    identifiers: CleanStr = ""
    holder: CleanStr = ""
    latin_holder: CleanStr = Field(default="", description="The holder's name in Latin script, where it is written in another script.")
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    order_attached: bool = False
    order_annex: CleanStr = Field(default="", description="Id of the annex (``annexes[].id``) that holds the order.")


class TracingProceeds(_ItemBase):
    kind: Literal["tracing"] = "tracing"
    target: CleanStr = ""
    known_assets: MLText = Field(default_factory=MLText)
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    purpose: MLText = Field(default_factory=MLText)


class VoluntaryAppearance(_ItemBase):
    kind: Literal["appearance"] = "appearance"
    person_id: CleanStr = ""
    role: WitnessStatus | None = None
    date: dt.date | None = None
    place: MLText = Field(default_factory=MLText)
    costs_covered: bool = True
    safe_conduct: bool = False


class VideoHearing(_ItemBase):
    kind: Literal["videoconference"] = "videoconference"
    person_id: CleanStr = ""
    person_status: WitnessStatus | None = None
    date: dt.date | None = None
    time: CleanStr = Field(default="", description='Proposed time, "HH:MM" (24-hour clock) in ``time_zone``.')
    time_zone: CleanStr = Field(default="", description="IANA time zone of ``time`` (e.g. Europe/Madrid).")
    conducting_authority: MLText = Field(default_factory=MLText)
    interpreter_language: LanguageCode | None = None
    technical_contact: CleanStr = ""


class TemporaryTransfer(_ItemBase):
    kind: Literal["transfer"] = "transfer"
    person_id: CleanStr = ""
    place_of_detention: MLText = Field(default_factory=MLText)
    consent: bool | None = None
    consent_annex: CleanStr = Field(default="", description="Id of the annex (``annexes[].id``) holding the person's written consent.")
    purpose: MLText = Field(default_factory=MLText)
    custody_terms: MLText = Field(default_factory=MLText)
    return_date: dt.date | None = None


DataType = vocabulary_type(vocab.DATA_TYPE)


class ElectronicData(_ItemBase):
    kind: Literal["electronic"] = "electronic"
    provider: CleanStr = ""
    latin_provider: CleanStr = Field(default="", description="The provider's name in Latin script, where it is written in another script.")
    identifiers: CleanStr = ""
    data_types: list[DataType] = []
    period_from: Moment | None = None
    period_to: Moment | None = None
    time_zone: CleanStr = "UTC"
    preservation_reference: CleanStr = ""
    order_attached: bool = False
    order_annex: CleanStr = Field(default="", description="Id of the annex (``annexes[].id``) that holds the order.")

    @model_validator(mode="after")
    def _aware(self) -> "ElectronicData":
        """A date-time without a time zone (typed in the window, or in an old file) is the
        wall-clock time in ``time_zone`` (UTC if unknown): on every entry, not only on loading,
        so that the period never mixes aware and naive date-times."""
        for name in ("period_from", "period_to"):
            value = self.__dict__.get(name)
            if isinstance(value, dt.datetime) and (value.tzinfo is None or value.utcoffset() is None):
                self.__dict__[name] = value.replace(tzinfo=zone(self.time_zone))
        return self


class LocatingPersons(_ItemBase):
    kind: Literal["locate"] = "locate"
    person_id: CleanStr = ""
    last_known_address: CleanStr = ""
    latin_last_known_address: CleanStr = Field(default="", description="The last known address in Latin script, where it is written in another script.")
    identifiers: CleanStr = ""


class OtherAssistance(_ItemBase):
    kind: Literal["other"] = "other"


AssistanceItem = Annotated[
    Union[
        TakingEvidence,
        ServiceOfDocuments,
        SearchAndSeizure,
        FreezingOfAssets,
        ExaminingObjects,
        Information,
        Records,
        TracingProceeds,
        VoluntaryAppearance,
        VideoHearing,
        TemporaryTransfer,
        ElectronicData,
        LocatingPersons,
        OtherAssistance,
    ],
    Field(discriminator="kind"),
]

#: kind -> class, in the order of DESIGN §3 (UNTOC art. 18(3) first, then practice).
ASSISTANCE_CLASSES: dict[str, type[_ItemBase]] = {
    cls.model_fields["kind"].default: cls for cls in AssistanceItem.__origin__.__args__  # type: ignore[attr-defined]
}
ASSISTANCE_KINDS: tuple[str, ...] = tuple(ASSISTANCE_CLASSES)
COMMON_FIELDS: tuple[str, ...] = tuple(_ItemBase.model_fields)


def own_fields(kind: str) -> list[str]:
    """The fields a kind adds to the common ones (in declaration order)."""
    cls = ASSISTANCE_CLASSES[kind]
    return [name for name in cls.model_fields if name not in COMMON_FIELDS and name != "kind"]
