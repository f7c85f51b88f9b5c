"""Persons concerned (point 8): natural and legal persons, each with a role."""

from __future__ import annotations

from ...model import Person
from ..i18n import _
from .labels import DOCUMENT_TYPES, PERSON_ROLES, options
from .listeditor import ListEditor, fresh_id


def _new_person(items) -> Person:
    return Person(id=fresh_id(items, "p"))


def person_title(index: int, person, letter) -> str:
    name = person.display_name() or _("(no name yet)")
    role = _(PERSON_ROLES[person.role]) if person.role else _("role not chosen")
    return f"{index + 1}. {name} \u2014 {role}"


def build_person(form, path: str, person) -> None:
    form.choice(f"{path}.role", _("Role in the case"), options(PERSON_ROLES))
    form.check(f"{path}.legal_person", _("This is a legal person (company, association ...)"))
    natural = [
        form.line(f"{path}.family_name", _("Family name")),
        form.line(f"{path}.given_names", _("Given names")),
        form.line(f"{path}.other_names", _("Other names or aliases")),
        form.date(f"{path}.birth_date", _("Date of birth")),
        form.line(f"{path}.birth_place", _("Place of birth")),
        form.country(f"{path}.nationality", _("Nationality")),
        form.choice(f"{path}.id_document.type", _("Identity document (type)"), options(DOCUMENT_TYPES)),
        form.line(f"{path}.id_document.details", _("Identity document (what it is, if another kind)")),
        form.line(f"{path}.id_document.number", _("Identity document (number)")),
        form.country(f"{path}.id_document.issuing_country", _("Identity document (issuing country)")),
    ]
    legal = [
        form.line(f"{path}.company_name", _("Name of the legal person")),
        form.line(f"{path}.registration_number", _("Registration number")),
        form.line(f"{path}.seat", _("Registered office")),
    ]
    form.line(f"{path}.address", _("Address"))
    form.text(f"{path}.notes", _("Notes on this person"), lines=2)
    index = int(path.rsplit("[", 1)[1].rstrip("]"))

    def is_legal(letter) -> bool:
        return index < len(letter.persons) and letter.persons[index].legal_person

    form.visible_when(natural, lambda letter: not is_legal(letter))
    form.visible_when(legal, is_legal)


def persons_editor(session, problems, parent=None) -> ListEditor:
    return ListEditor(
        session, problems, "persons", [(_("Add a person"), _new_person)], build_person, person_title,
        _("&Add a person"), parent,
    )
