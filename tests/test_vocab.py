"""One vocabulary per code: every code the model accepts has its labels in every language."""

from __future__ import annotations

import typing

import pytest
from pydantic import BaseModel

from mla_writer import fields, vocab
from mla_writer.i18n import translations
from mla_writer.languages import translated_languages
from mla_writer.model import LetterOfRequest
from mla_writer.model.assistance import ASSISTANCE_CLASSES
from mla_writer.model.letter import BilateralTreatyBasis, InstrumentBasis, OtherBasis, ReciprocityBasis
from mla_writer.model.values import Amount


def _literals(annotation) -> list[tuple[str, ...]]:
    found = []
    if typing.get_origin(annotation) is typing.Literal:
        found.append(typing.get_args(annotation))
    for arg in typing.get_args(annotation):
        found.extend(_literals(arg))
    return found


def _accepted_codes() -> dict[str, tuple[str, ...]]:
    """Every Literal the model accepts, by "Class.field" (discriminators excepted)."""
    out = {}
    seen = set()

    def walk(cls):
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            for codes in _literals(info.annotation):
                if name not in ("kind", "type") or len(codes) > 1:
                    out[f"{cls.__name__}.{name}"] = codes
            for arg in (info.annotation, *typing.get_args(info.annotation)):
                for sub in (arg, *typing.get_args(arg)):
                    if isinstance(sub, type) and issubclass(sub, BaseModel) and sub is not Amount:
                        walk(sub)

    walk(LetterOfRequest)
    for cls in (*ASSISTANCE_CLASSES.values(), InstrumentBasis, BilateralTreatyBasis, OtherBasis, ReciprocityBasis):
        walk(cls)
    return out


def test_every_accepted_code_belongs_to_a_vocabulary():
    vocabularies = {v.codes for v in vocab.VOCABULARIES.values()}
    for where, codes in _accepted_codes().items():
        assert codes in vocabularies, f"{where} accepts {codes}, which no vocabulary declares"
    # and the discriminators are vocabularies too
    assert set(vocab.ASSISTANCE_KIND.codes) == set(ASSISTANCE_CLASSES)
    assert set(vocab.BASIS_TYPE.codes) == {"instrument", "bilateral", "other", "reciprocity"}


@pytest.mark.parametrize("lang", translated_languages())
def test_every_code_has_its_labels_in_every_language(lang):
    ui = translations("ui", lang)._catalog
    letter = translations("letter", lang)._catalog
    missing = []
    for v in vocab.VOCABULARIES.values():
        for term in v.terms.values():
            if not ui.get(term.label):
                missing.append(f"ui: {v.name}.{term.code} {term.label!r}")
            if term.hint and not ui.get(term.hint):
                missing.append(f"ui hint: {v.name}.{term.code}")
            if term.letter and not letter.get(term.letter):
                missing.append(f"letter: {v.name}.{term.code} {term.letter!r}")
            if term.letter_female and not letter.get("\x04".join(term.letter_female)):
                missing.append(f"letter (female): {v.name}.{term.code}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("lang", translated_languages())
def test_every_declared_label_is_translated(lang):
    ui = translations("ui", lang)._catalog
    missing = [f.path for f in fields.all_fields() if not ui.get(f.label)]
    missing += [f"{f.path} (hint)" for f in fields.all_fields() if f.hint and not ui.get(f.hint)]
    missing += [f"{f.path} (need)" for f in fields.all_fields() if f.need and not ui.get(f.need.message)]
    missing += [i.path for i in fields.ITEMS.values() if not ui.get(i.item_label)]
    assert not missing, missing


def test_labels_are_looked_up_not_invented():
    assert vocab.CONTACT_CHANNEL.label("interpol", "fr") == "Par l'intermédiaire d'INTERPOL"
    assert vocab.PERSON_ROLE.letter_label("victim", "ru", "female") == "Потерпевшая"
    assert vocab.PERSON_ROLE.letter_label("victim", "ru", "male") != "Потерпевшая"
    with pytest.raises(KeyError):
        vocab.CONTACT_CHANNEL.label("carrier_pigeon", "en")
