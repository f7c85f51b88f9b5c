"""Offences and penalties (point 9); each offence's form is built from the declarations ``offences[]...``."""

from __future__ import annotations

from ...model import Offence
from ..i18n import N_, _
from ..session import shown_text
from .listeditor import ListEditor, ListSpec, fresh_id


def _new_offence(items) -> Offence:
    return Offence(id=fresh_id(items, "o"))


def offence_title(index: int, offence, letter) -> str:
    name = shown_text(offence.name, letter) or _("(not named yet)")
    return f"{index + 1}. {name}"


OFFENCES = ListSpec(
    "offences", N_("Offences"), N_("&Add an offence"), lambda: [(_("Add an offence"), _new_offence)], offence_title,
)


def offences_editor(session, problems, parent=None) -> ListEditor:
    return OFFENCES.editor(session, problems, parent)
