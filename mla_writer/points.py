"""The one definition of the checklist's sections: the 14 points and the two formal sections.

Each section has its number, a stable id, its title (an English msgid of the gettext domain
``ui``, translated like every other label) and the top-level fields of the letter that belong
to it; the fields themselves are declared in :mod:`mla_writer.fields`. The checklist attaches one rule to each
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

    __slots__ = ("number", "id", "title", "fields", "letter_title")

    def __init__(self, number: int | None, id: str, title: str, fields: tuple[str, ...],  # noqa: A002
                 letter_title: str | None = None) -> None:
        self.number = number
        self.id = id
        self.title = title  # the window's and the report's name (domain "ui")
        self.fields = fields  # top-level model fields that belong to this section
        # the heading the letter gives the point (domain "letter"): a legal heading, not a form label
        self.letter_title = letter_title or title

    def __repr__(self) -> str:
        return f"PointDef({self.number!r}, {self.id!r})"

    def __setattr__(self, name, value) -> None:
        if hasattr(self, name):
            raise AttributeError(f"PointDef.{name} is read-only")
        object.__setattr__(self, name, value)

    def label(self, lang: str) -> str:
        """The section's title in ``lang`` (any registered language; the ``ui`` catalogue)."""
        from .i18n import ui_gettext

        return ui_gettext(lang)(self.title)

    def heading(self, lang: str) -> str:
        return f"{self.number}. {self.label(lang)}" if self.number else self.label(lang)

    def letter_heading(self, lang: str) -> str:
        """The point's heading in the letter written in ``lang`` ("9. Infractions et peines applicables")."""
        from .i18n import translations

        title = translations("letter", lang).gettext(self.letter_title)
        return f"{self.number}. {title}" if self.number else title


from .i18n import L_, N_  # noqa: E402 - mark msgids of the "letter" and "ui" domains


#: The formal section before the points: States, addressee, references, languages.
PARTIES = PointDef(
    None,
    "parties",
    N_("States and addressee"),
    ("requesting_state", "requested_state", "addressee", "references", "drafting_language", "output_language"),
)

#: The 14 points, in order.
POINTS: tuple[PointDef, ...] = (
    PointDef(1, "identification", N_("Identification"), ("identification",), L_("Requesting authority and officer in charge of the case")),
    PointDef(2, "prior_contact", N_("Prior contact"), ("prior_contact",), L_("Previous contacts between the two States")),
    PointDef(
        3,
        "other_channels",
        N_("Use of other channels"),
        ("other_channels",), L_("Transmission through other channels")),
    PointDef(
        4,
        "acknowledgement",
        N_("Acknowledgement of receipt"),
        ("acknowledgement",), L_("Acknowledgement of receipt")),
    PointDef(5, "urgency", N_("Urgency and time limit"), ("urgency",), L_("Urgency")),
    PointDef(6, "confidentiality", N_("Confidentiality"), ("confidentiality",), L_("Confidentiality")),
    PointDef(7, "legal_basis", N_("Legal basis"), ("legal_bases",), L_("Legal basis of the request")),
    PointDef(
        8,
        "facts",
        N_("Summary of the relevant facts"),
        ("facts", "persons"), L_("Summary of the facts")),
    PointDef(
        9,
        "offences",
        N_("Offences and penalties"),
        ("offences", "dual_criminality"), L_("Offences and applicable penalties")),
    PointDef(
        10,
        "assistance",
        N_("Assistance requested"),
        ("assistance",), L_("Assistance requested")),
    PointDef(
        11,
        "link",
        N_("Link to the proceedings"),
        ("assistance",), L_("Relevance of the assistance to the proceedings")),
    PointDef(
        12,
        "procedures",
        N_("Procedures to be followed"),
        ("assistance",), L_("Procedures to be followed in execution")),
    PointDef(
        13,
        "presence",
        N_("Presence of officials of the requesting State"),
        ("officials_presence",), L_("Presence of officials of the requesting State")),
    PointDef(14, "language", N_("Language"), ("language",), L_("Language of the request")),
)

#: The formal section after the points: place, date, signature, annexes.
CLOSING = PointDef(
    None,
    "closing",
    N_("Place, date, signature and annexes"),
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
