"""Offences and penalties (point 9)."""

from __future__ import annotations

from ...model import Offence
from ..i18n import _
from ..session import shown_text
from .listeditor import ListEditor, fresh_id


def _new_offence(items) -> Offence:
    return Offence(id=fresh_id(items, "o"))


def offence_title(index: int, offence, letter) -> str:
    name = shown_text(offence.name, letter) or _("(not named yet)")
    return f"{index + 1}. {name}"


def build_offence(form, path: str, offence) -> None:
    form.mlline(f"{path}.name", _("Name of the offence"))
    form.line(f"{path}.provision", _("Legal provision"), _("Article and code, for example \u201cart. 225-4-1 Penal Code\u201d."))
    form.mlline(f"{path}.max_penalty", _("Maximum penalty"))
    form.text(
        f"{path}.law_excerpt",
        _("Text of the law"),
        _("Quote the provision defining the offence and the one setting the penalty."),
        lines=5,
    )


def offences_editor(session, problems, parent=None) -> ListEditor:
    return ListEditor(
        session, problems, "offences", [(_("Add an offence"), _new_offence)], build_offence, offence_title,
        _("&Add an offence"), parent,
    )
