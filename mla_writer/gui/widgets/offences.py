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


def _choices():
    """"Add an offence", then each offence of the State pack's catalogue (with its origin as tooltip)."""
    from ... import packs
    from ..i18n import ui_language

    out = [(_("Add an offence"), _new_offence)]
    merged = packs.active()
    if merged is not None:
        from ..packs import provenance

        for entry in merged.pack.offences:
            label = _("From the State pack: {offence} ({provision})").format(
                offence=packs.text_in(entry.name, ui_language()), provision=packs.text_in(entry.provision, ui_language()))
            out.append((label, lambda items, entry=entry: packs.letter_offence(entry, fresh_id(items, "o")),
                        provenance(merged, f"offences.{entry.id}")))
    return out


OFFENCES = ListSpec("offences", N_("Offences"), N_("&Add an offence"), _choices, offence_title)


def offences_editor(session, problems, parent=None) -> ListEditor:
    return OFFENCES.editor(session, problems, parent)
