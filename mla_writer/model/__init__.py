"""The Letter of Request model (pydantic v2, no Qt)."""

from .assistance import (
    ASSISTANCE_CLASSES,
    ASSISTANCE_KINDS,
    COMMON_FIELDS,
    PROCEDURE_KINDS,
    AssistanceItem,
    Procedures,
    own_fields,
)
from .letter import (
    OFFENDER_ROLES,
    Annex,
    Attendee,
    Authority,
    BilateralTreatyBasis,
    ChannelUse,
    ContactEvent,
    IdentityDocument,
    InstrumentBasis,
    LegalBasis,
    LetterOfRequest,
    Offence,
    OtherBasis,
    Person,
    ReciprocityBasis,
    TranslationMark,
    TranslationState,
)
from .text import LANGUAGES, Language, MLText, clean_text, ml

__all__ = [name for name in dir() if not name.startswith("_")]
