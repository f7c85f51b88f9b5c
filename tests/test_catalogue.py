"""Catalogues under resources/ agree with the model and carry all four languages."""

from __future__ import annotations

import pytest

from mla_writer import catalogue
from mla_writer.model import ASSISTANCE_KINDS, PROCEDURE_KINDS, own_fields
from mla_writer.model.assistance import _ItemBase

LANGS = {"en", "fr", "ru", "es"}


def _four(texts):
    return set(texts) == LANGS and all(isinstance(t, str) and t.strip() for t in texts.values())


def test_every_kind_of_the_model_is_catalogued_with_its_own_fields():
    kinds = catalogue.assistance_kinds()
    assert list(kinds) == list(ASSISTANCE_KINDS)
    for kind, spec in kinds.items():
        assert [f["name"] for f in spec["fields"]] == own_fields(kind), kind
        assert _four(spec["title"]) and _four(spec["hint"]), kind
        for field in spec["fields"]:
            assert _four(field["label"]), (kind, field["name"])
            assert set(field) <= {"name", "label", "required", "hint"}


def test_common_fields_and_procedures_are_labelled():
    cat = catalogue.assistance_catalogue()
    assert set(cat["common_fields"]) == set(_ItemBase.model_fields) - {"id"}
    assert list(cat["procedures"]) == list(PROCEDURE_KINDS)
    for spec in [*cat["common_fields"].values(), *cat["procedures"].values()]:
        assert _four(spec["label"])


def test_instruments_have_four_titles_and_flags():
    items = catalogue.instruments()
    for required in ("untoc", "uncac", "vienna1988", "ecma1959", "ecma1978", "ecma2001", "budapest",
                     "minsk1993", "chisinau2002", "oas1992", "asean2004"):
        assert required in items
    for item in items.values():
        assert _four(item["title"]), item["id"]
        assert set(item["official"]) == LANGS
    assert catalogue.instrument_title("untoc", "es").startswith("Convención de las Naciones Unidas")


def test_eio_states_are_the_eu_minus_denmark_and_ireland():
    states = catalogue.eio_states()
    assert len(states) == 25 and {"FR", "DE", "GR"} <= states and not {"DK", "IE", "GB"} & states


@pytest.mark.parametrize("lang, name", [("en", "France"), ("fr", "France"), ("ru", "Франция"), ("es", "Francia")])
def test_country_names_come_from_cldr(lang, name):
    names = catalogue.country_names(lang)
    assert names["FR"] == name
    assert "EU" not in names and "UN" not in names and len(names) > 240
