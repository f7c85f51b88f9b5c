"""The one definition of the checklist's sections: the 14 points and the two formal sections.

Each section has its number, a stable id, its title in the four languages and the
top-level fields of the letter that belong to it. The checklist attaches one rule to each
section (:mod:`mla_writer.checklist`); the wizard's steps and sidebar, the report, the
command line and the letter's section order all read these definitions.

This module imports nothing heavy (no pydantic, no Qt), so the window can list the points
and paint before the model is loaded.
"""

from __future__ import annotations

import re
from enum import Enum


class Status(str, Enum):
    COMPLETE = "complete"
    INCOMPLETE = "incomplete"
    NOT_APPLICABLE = "not_applicable"


class Severity(str, Enum):
    ERROR = "error"  # blocking
    WARNING = "warning"  # advisory


class PointDef:
    """One section of the checklist. ``number`` is None for the two formal sections.

    (A plain class, not a dataclass: importing ``dataclasses`` would cost the window's first
    paint a few milliseconds. One instance per section, compared by identity.)
    """

    __slots__ = ("number", "id", "title", "fields")

    def __init__(self, number: int | None, id: str, title: dict[str, str], fields: tuple[str, ...]) -> None:  # noqa: A002
        self.number = number
        self.id = id
        self.title = title
        self.fields = fields  # top-level model fields that belong to this section

    def __repr__(self) -> str:
        return f"PointDef({self.number!r}, {self.id!r})"

    def __setattr__(self, name, value) -> None:
        if hasattr(self, name):
            raise AttributeError(f"PointDef.{name} is read-only")
        object.__setattr__(self, name, value)

    def label(self, lang: str) -> str:
        return self.title.get(lang) or self.title["en"]

    def heading(self, lang: str) -> str:
        return f"{self.number}. {self.label(lang)}" if self.number else self.label(lang)


def _t(en: str, fr: str, ru: str, es: str) -> dict[str, str]:
    return {"en": en, "fr": fr, "ru": ru, "es": es}


#: The formal section before the points: States, addressee, references, languages.
PARTIES = PointDef(
    None,
    "parties",
    _t("States and addressee", "États et destinataire", "Государства и адресат", "Estados y destinatario"),
    ("requesting_state", "requested_state", "addressee", "references", "drafting_language", "output_language"),
)

#: The 14 points, in order.
POINTS: tuple[PointDef, ...] = (
    PointDef(1, "identification", _t("Identification", "Identification", "Идентификация", "Identificación"), ("identification",)),
    PointDef(2, "prior_contact", _t("Prior contact", "Contacts préalables", "Предварительные контакты", "Contactos previos"), ("prior_contact",)),
    PointDef(
        3,
        "other_channels",
        _t("Use of other channels", "Recours à d'autres voies", "Использование других каналов", "Uso de otras vías"),
        ("other_channels",),
    ),
    PointDef(
        4,
        "acknowledgement",
        _t("Acknowledgement of receipt", "Accusé de réception", "Подтверждение получения", "Acuse de recibo"),
        ("acknowledgement",),
    ),
    PointDef(5, "urgency", _t("Urgency and time limit", "Urgence et délai", "Срочность и сроки", "Urgencia y plazo"), ("urgency",)),
    PointDef(6, "confidentiality", _t("Confidentiality", "Confidentialité", "Конфиденциальность", "Confidencialidad"), ("confidentiality",)),
    PointDef(7, "legal_basis", _t("Legal basis", "Base juridique", "Правовое основание", "Fundamento jurídico"), ("legal_bases",)),
    PointDef(
        8,
        "facts",
        _t("Summary of the relevant facts", "Résumé des faits pertinents", "Краткое изложение соответствующих фактов", "Resumen de los hechos pertinentes"),
        ("facts", "persons"),
    ),
    PointDef(
        9,
        "offences",
        _t("Offences and penalties", "Infractions et peines", "Преступления и наказания", "Delitos y penas"),
        ("offences",),
    ),
    PointDef(
        10,
        "assistance",
        _t("Assistance requested", "Entraide demandée", "Запрашиваемая помощь", "Asistencia solicitada"),
        ("assistance",),
    ),
    PointDef(
        11,
        "link",
        _t(
            "Link to the proceedings",
            "Lien avec la procédure",
            "Связь с производством по делу",
            "Relación con el procedimiento",
        ),
        ("assistance",),
    ),
    PointDef(
        12,
        "procedures",
        _t("Procedures to be followed", "Procédures à suivre", "Процедуры исполнения", "Procedimientos que deben seguirse"),
        ("assistance",),
    ),
    PointDef(
        13,
        "presence",
        _t(
            "Presence of officials of the requesting State",
            "Présence d'agents de l'État requérant",
            "Присутствие должностных лиц запрашивающего государства",
            "Presencia de funcionarios del Estado requirente",
        ),
        ("officials_presence",),
    ),
    PointDef(14, "language", _t("Language", "Langue", "Язык", "Idioma"), ("language",)),
)

#: The formal section after the points: place, date, signature, annexes.
CLOSING = PointDef(
    None,
    "closing",
    _t("Place, date, signature and annexes", "Lieu, date, signature et annexes", "Место, дата, подпись и приложения", "Lugar, fecha, firma y anexos"),
    ("place", "date", "signatory", "annexes"),
)

#: Everything the checklist reports on, in the order of the wizard and of the letter.
SECTIONS: tuple[PointDef, ...] = (PARTIES, *POINTS, CLOSING)
POINT_BY_ID: dict[str, PointDef] = {p.id: p for p in SECTIONS}


def section_of(path: str) -> PointDef:
    """The section a field path belongs to (the first whose fields include its top-level name)."""
    if re.match(r"assistance\[\d+\]\.relevance", path):
        return POINT_BY_ID["link"]
    if re.match(r"assistance\[\d+\]\.procedures", path):
        return POINT_BY_ID["procedures"]
    top = re.split(r"[.\[]", path, maxsplit=1)[0]
    return next((p for p in SECTIONS if top in p.fields), PARTIES)
