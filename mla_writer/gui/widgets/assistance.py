"""Measures of assistance (points 10, 11, 12): one form per kind, generated from the catalogue.

The catalogue (``resources/assistance_kinds.json``) gives each kind's fields, labels, hints
and which are required; the model's type annotation of each field picks the editor.
"""

from __future__ import annotations

import datetime as dt
import types
import typing

from ... import catalogue
from ...model import ASSISTANCE_CLASSES, MLText
from ..i18n import _, ui_language
from .labels import PERSON_ROLES
from ..session import shown_text
from .listeditor import ListEditor, fresh_id


def _new_item(kind: str):
    def make(items):
        return ASSISTANCE_CLASSES[kind](id=fresh_id(items, "a"))

    return make


def item_title(index: int, item, letter) -> str:
    title = catalogue.kind_title(item.kind, ui_language())
    what = shown_text(item.description, letter)
    if len(what) > 70:
        what = what[:67] + "\u2026"
    return f"{index + 1}. {title}" + (f": {what}" if what else "")


def _value_label(value: str) -> str:
    labels = catalogue.assistance_catalogue().get("values", {}).get(value)
    return catalogue.localized(labels, ui_language()) if labels else value


def _unwrap(annotation):
    """``X | None`` -> ``(X, True)``."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return rest[0], True
    return annotation, False


def person_options(letter) -> list[tuple[str, str]]:
    out = []
    for person in letter.persons:
        role = _(PERSON_ROLES[person.role]) if person.role else ""
        name = person.display_name() or _("(no name yet)")
        out.append((person.id, f"{name} ({role})" if role else name))
    return out


def add_field(form, path: str, name: str, annotation, label: str, hint: str | None = None):
    """The editor that fits the model's type of the field."""
    letter = form.session.letter
    inner, nullable = _unwrap(annotation)
    if name == "person_id":
        return form.choice(path, label, person_options(letter), hint)
    if inner is MLText:
        return form.text(path, label, hint, lines=3)
    if inner is bool:
        if nullable:
            return form.yesno(path, label, _("Yes"), _("No"), hint)
        return form.check(path, label, hint)
    if inner is dt.datetime:
        return form.date(path, label, hint, with_time=True)
    if inner is dt.date:
        return form.date(path, label, hint)
    if typing.get_origin(inner) is typing.Literal:
        return form.choice(path, label, [(v, _value_label(v)) for v in typing.get_args(inner)], hint, nullable=nullable)
    if typing.get_origin(inner) is list:
        (element,) = typing.get_args(inner)
        values = typing.get_args(element)
        return form.multi(path, label, [(v, _value_label(v)) for v in values], hint)
    return form.line(path, label, hint)


def build_item(form, path: str, item) -> None:
    lang = ui_language()
    cat = catalogue.assistance_catalogue()
    common = cat["common_fields"]
    spec = catalogue.assistance_kinds()[item.kind]
    fields = type(item).model_fields

    def label(name: str, required: bool = False) -> str:
        text = catalogue.field_label(item.kind, name, lang)
        return f"{text} *" if required else text

    def hint(name: str) -> str | None:
        entry = common.get(name, {})
        return catalogue.localized(entry["hint"], lang) if entry.get("hint") else None

    kind_hint = catalogue.localized(spec.get("hint", {}), lang)
    if kind_hint:
        form.note(kind_hint)
    form.heading(_("Point 10 \u2014 the measure"))
    form.text(f"{path}.description", label("description", True), hint("description"), lines=3)
    for field in spec["fields"]:
        name = field["name"]
        add_field(form, f"{path}.{name}", name, fields[name].annotation, label(name, field.get("required", False)))
    form.date(f"{path}.deadline", label("deadline"), hint("deadline"))
    form.heading(_("Point 11 \u2014 link to the proceedings"))
    form.text(f"{path}.relevance", label("relevance", True), hint("relevance"), lines=3)
    offences = [(o.id, shown_text(o.name, form.session.letter) or o.id) for o in form.session.letter.offences]
    if offences:
        form.multi(f"{path}.offence_ids", label("offence_ids"), offences, hint("offence_ids"))
    form.heading(_("Point 12 \u2014 procedures to be followed"))
    procedures = [(key, catalogue.localized(value["label"], lang)) for key, value in cat["procedures"].items()]
    form.multi(f"{path}.procedures.requested", label("procedures"), procedures, hint("procedures"))
    index = int(path.rsplit("[", 1)[1].rstrip("]"))

    def has_procedures(letter) -> bool:
        return index < len(letter.assistance) and bool(letter.assistance[index].procedures.requested)

    rows = [
        form.text(f"{path}.procedures.details", _("How the procedures should be carried out"), lines=2),
        form.text(f"{path}.procedures.reason", _("Why these procedures are needed *"), lines=2),
    ]
    form.visible_when(rows, has_procedures)


def assistance_editor(session, problems, parent=None) -> ListEditor:
    lang = ui_language()
    factories = [(catalogue.kind_title(kind, lang), _new_item(kind)) for kind in catalogue.assistance_kinds()]
    return ListEditor(session, problems, "assistance", factories, build_item, item_title, _("&Add a measure"), parent)
