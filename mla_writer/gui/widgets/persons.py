"""Persons concerned (point 8): natural and legal persons, each with a role.

The form of a person is built from the declarations ``persons[]...`` (:mod:`mla_writer.fields`):
which rows show (natural or legal person, protected identity ...) follows their named conditions.
"""

from __future__ import annotations

from ... import fields, vocab
from ...model import Person
from ..i18n import N_, _, ui_language
from .form import person_name
from .listeditor import ListEditor, ListSpec, fresh_id


def _new_person(items) -> Person:
    return Person(id=fresh_id(items, "p"))


def person_title(index: int, person, letter) -> str:
    """"2. MORARU Elena — Потерпевшая": the role agrees with a woman's sex, as in the letter."""
    if not person.role:
        role = _("role not chosen")
    elif person.sex == "female" and fields.holds("natural_person", letter, person):
        role = vocab.PERSON_ROLE.letter_label(person.role, ui_language(), "female")
    else:
        role = vocab.PERSON_ROLE.label(person.role, ui_language())
    return f"{index + 1}. {person_name(person)} \u2014 {role}"


PERSONS = ListSpec(
    "persons", N_("Persons concerned"), N_("&Add a person"),
    lambda: [(_("Add a person"), _new_person)], person_title,
)


def persons_editor(session, problems, parent=None) -> ListEditor:
    return PERSONS.editor(session, problems, parent)
