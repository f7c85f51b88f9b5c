"""Measures of assistance (points 10, 11, 12): one form per kind, built from the declarations.

The kinds are the vocabulary ``assistance_kind`` (label and hint of each); a measure's form
holds the fields every measure has (:mod:`mla_writer.fields`, ``assistance[]...``) and those
of its kind (``assistance[<kind>]...``, :data:`mla_writer.fields.MEASURE_FIELDS`), under the
headings of the points they belong to (10, 11 link to the proceedings, 12 procedures).
"""

from __future__ import annotations

from ... import fields, vocab
from ...model import ASSISTANCE_CLASSES
from ...points import POINT_BY_ID
from ..i18n import N_, _, ui_language
from ..session import shown_text
from .listeditor import ListEditor, ListSpec, fresh_id, item_fields

#: The sections of a measure's fields, in the order its form shows them.
MEASURE_SECTIONS = ("assistance", "link", "procedures")


def _new_item(kind: str):
    def make(items):
        return ASSISTANCE_CLASSES[kind](id=fresh_id(items, "a"))

    return make


def kind_label(kind: str) -> str:
    return vocab.ASSISTANCE_KIND.label(kind, ui_language())


def item_title(index: int, item, letter) -> str:
    what = shown_text(item.description, letter)
    if len(what) > 70:
        what = what[:67] + "\u2026"
    return f"{index + 1}. {kind_label(item.kind)}" + (f": {what}" if what else "")


def measure_fields(item) -> dict[str, list]:
    """A measure's declarations by section: point 10 first what is sought, then the kind's own
    fields, then the fields every measure has; then point 11, then point 12."""
    by_section: dict[str, list] = {sid: [] for sid in MEASURE_SECTIONS}
    for decl in item_fields("assistance", item):
        by_section[fields.section_id(decl)].append(decl)
    point10 = by_section["assistance"]
    common = [d for d in point10 if d.item_pattern == "assistance[]"]
    lead = [d for d in common if d.kind == fields.ID or d.name == "description"]
    own = [d for d in point10 if d.item_pattern != "assistance[]"]
    by_section["assistance"] = lead + own + [d for d in common if d not in lead]
    return by_section


def build_item(form, path: str, item) -> None:
    lang = ui_language()
    hint = vocab.ASSISTANCE_KIND[item.kind].hint
    if hint:
        form.note(_(hint))
    for sid, decls in measure_fields(item).items():
        if not decls:
            continue
        form.heading(POINT_BY_ID[sid].heading(lang))
        form.declared(decls, path)


def _factories() -> list:
    return [(kind_label(kind), _new_item(kind)) for kind in vocab.ASSISTANCE_KIND.codes if kind in ASSISTANCE_CLASSES]


MEASURES = ListSpec("assistance", N_("Measures requested"), N_("&Add a measure"), _factories, item_title, build_item)


def assistance_editor(session, problems, parent=None) -> ListEditor:
    return MEASURES.editor(session, problems, parent)
