"""The field declarations (mla_writer.fields) match the model, one to one, and every layer reads them."""

from __future__ import annotations

import re
import subprocess
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from mla_writer import fields, storage, vocab
from mla_writer.checklist import POINT_BY_ID, check
from mla_writer.model import LetterOfRequest, MLText
from mla_writer.model.assistance import ASSISTANCE_CLASSES, COMMON_FIELDS
from mla_writer.model.letter import BilateralTreatyBasis, InstrumentBasis, OtherBasis, ReciprocityBasis
from mla_writer.model.values import Amount

ROOT = Path(__file__).parents[1]
LEAVES = (MLText, Amount)


def _model_class(annotation):
    """The BaseModel class inside an annotation (Optional/list unwrapped), or None."""
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel) and arg not in LEAVES:
            return arg
    return None


def _is_list(annotation) -> bool:
    return typing.get_origin(annotation) is list


def model_paths(cls: type[BaseModel], prefix: str = "") -> set[str]:
    """Every leaf field of the model as a declaration pattern."""
    out: set[str] = set()
    for name, info in cls.model_fields.items():
        path = f"{prefix}{name}"
        if cls is LetterOfRequest and name == "assistance":
            for kind, variant in ASSISTANCE_CLASSES.items():
                for sub in model_paths(variant, f"assistance[{kind}]."):
                    attr = sub.split("].", 1)[1].split(".")[0]
                    out.add(sub.replace(f"[{kind}]", "[]") if attr in COMMON_FIELDS or attr == "kind" else sub)
            continue
        if cls is LetterOfRequest and name == "legal_bases":
            for variant in (InstrumentBasis, BilateralTreatyBasis, OtherBasis, ReciprocityBasis):
                tag = variant.model_fields["type"].default
                for sub in model_paths(variant, f"legal_bases[{tag}]."):
                    out.add("legal_bases[].type" if sub.endswith("].type") else sub)
            continue
        inner = _model_class(info.annotation)
        if inner is not None and _is_list(info.annotation):
            out |= model_paths(inner, f"{path}[].")
        elif inner is not None:
            out |= model_paths(inner, f"{path}.")
        else:
            out.add(path)
    return out


def test_every_model_field_is_declared_and_every_declaration_is_a_model_field():
    in_model = model_paths(LetterOfRequest)
    # the lists that are not part of the letter are not walked into
    in_model = {p for p in in_model if not p.startswith(("review.", "upgrade_notes", "translation"))} | {
        "review", "upgrade_notes", "translation"}
    declared = set(fields.BY_PATH) | set(fields.NOT_DECLARED)
    assert in_model - declared == set(), "model fields without a declaration"
    assert declared - in_model == set(), "declarations that name no model field"


def test_each_section_lists_its_fields():
    """Every section of the checklist has its declared fields (points 11 and 12 through the measures)."""
    for section_id, point in POINT_BY_ID.items():
        mine = [f for f in fields.all_fields() if fields.section_id(f) == section_id]
        assert mine, section_id
        for f in mine:
            top = re.split(r"[.\[]", f.path, maxsplit=1)[0]
            assert top in point.fields, (section_id, f.path)


def test_declarations_are_well_formed():
    for f in fields.all_fields():
        assert f.kind in fields.KINDS
        assert f.label and f.label.strip() == f.label
        if f.kind in (fields.CODE, fields.CODES):
            assert f.vocab in vocab.VOCABULARIES, f.path
        if f.need:
            assert re.fullmatch(r"[a-z_]+\.[a-z_]+", f.need.code), f.path
            if "[" in f.path:  # an item's message says which item
                assert "{n}" in f.need.message, f.path
    # every condition is used by some declaration or by the checklist/template
    used = {f.when for f in fields.all_fields()} | {f.need.when for f in fields.all_fields() if f.need}
    sources = "".join(p.read_text("utf-8") for p in (ROOT / "mla_writer").rglob("*.py")) + (ROOT / "templates" / "letter.j2").read_text("utf-8")
    for name in fields.CONDITIONS:
        assert name in used or re.search(rf"\b{name}\b", sources.replace("fields.py", "")), name


def test_model_codes_come_from_the_vocabularies():
    """A code the model accepts always has labels: the Literal types are built from vocab."""
    from mla_writer.model.letter import ContactEvent, Person

    channel = ContactEvent.model_fields["channel"].annotation
    assert set(typing.get_args(typing.get_args(channel)[0])) == set(vocab.CONTACT_CHANNEL.codes)
    role = Person.model_fields["role"].annotation
    assert set(typing.get_args(typing.get_args(role)[0])) == set(vocab.PERSON_ROLE.codes)
    for code in ("interpol", "eurojust", "ejn", "liaison_magistrate"):
        ContactEvent(channel=code)  # accepted as means of prior contact (point 2)


def test_concrete_paths_are_described_by_label_and_item():
    letter = storage.load(ROOT / "tests" / "data" / "complete_letter.mlar")
    index = next(i for i, m in enumerate(letter.assistance) if m.kind == "records")
    text = fields.describe(letter, f"assistance[{index}].institution", "en")
    assert text == f"Measure {index + 1} (Documents and records (bank, corporate, government)): Institution holding the records"
    fr = fields.describe(letter, f"assistance[{index}].institution", "fr")
    assert fr.startswith(f"Mesure {index + 1} (") and "assistance[" not in fr
    assert fields.describe(letter, "persons[1].birth_place", "ru") == "Лицо 2: Место рождения"
    assert fields.describe(letter, "identification.officer.position", "en") == "Position"
    assert fields.pattern_of(f"assistance[{index}].institution", letter) == "assistance[records].institution"


def test_an_english_only_institution_fails_point_14_by_label():
    letter = storage.load(ROOT / "tests" / "data" / "complete_letter.mlar")
    index = next(i for i, m in enumerate(letter.assistance) if m.kind == "records")
    letter.assistance[index].institution = MLText.model_validate({"en": "Exemplu Bank"})
    letter.output_language = "fr"
    report = check(letter, "en")
    found = [p for p in report.result("language").errors if p.code == "language.untranslated"]
    assert [p.path for p in found] == [f"assistance[{index}].institution"]
    assert f"Measure {index + 1}" in found[0].message and "Institution holding the records" in found[0].message
    assert "assistance[" not in found[0].message


def test_conditions_are_defined_once():
    """Each named condition's logic lives in fields.py only: the wizard, the checklist and the
    template refer to it by name (``git grep`` would show the same)."""
    patterns = {
        "urgent": r"urgency\.urgent\b",
        "confidential": r"confidentiality\.confidential\b",
        "officer_withheld": r"(?<!when)\.officer_withheld\b(?!_reason)",
        "legal_person": r"(?<!when)\.legal_person\b",
    }
    files = [p for p in (ROOT / "mla_writer").rglob("*.py") if p.name not in ("fields.py",) and "model" not in p.parts]
    files.append(ROOT / "templates" / "letter.j2")
    for name, pattern in patterns.items():
        offenders = []
        for path in files:
            for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
                code = re.sub(r'"[^"]*"|\'[^\']*\'', '""', line)  # a path named in a string is a reference, not logic
                if re.search(pattern, code):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
        assert not offenders, f"condition {name!r} re-derived:\n" + "\n".join(offenders)


def test_the_latin_form_of_each_postal_address_is_declared_postal():
    """Every ``latin_…`` field whose original is a postal address is declared ``postal`` (the
    letter prints its Latin form alone), and no Latin form of a name is."""
    from mla_writer import fields

    latin = [f for f in fields.all_fields() if f.name.rpartition(".")[2].startswith("latin_")]
    postal = sorted(f.path for f in latin if f.postal)
    assert postal and all("address" in p.rpartition(".")[2] for p in postal)
    assert all(not f.postal for f in latin if "address" not in f.name)
    assert all(f.postal for f in latin if "address" in f.name.rpartition(".")[2])
