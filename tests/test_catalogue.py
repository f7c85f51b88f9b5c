"""Catalogues under resources/ (legal instruments, EIO-bound States) carry all four languages.

Kinds of assistance are a vocabulary (tests/test_vocab.py); States are tested in tests/test_states.py.
The European instruments and their ``parties`` lists are described in docs/instruments.md."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest

from mla_writer import catalogue, states

LANGS = {"en", "fr", "ru", "es"}
EXAMPLE = Path(__file__).parent / "data" / "complete_letter.mlar"

EU27 = frozenset("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split())

#: The European instruments: official languages, the articles a request relies on, place and date.
EUROPEAN = {
    "eumla2000": dict(official={"en", "fr", "es"}, mla="1–6", date="2000-05-29", place="Brussels",
                      reference="OJ C 197, 12.7.2000, p. 3"),
    "eumla2001": dict(official={"en", "fr", "es"}, mla="1–3", date="2001-10-16", place="Luxembourg",
                      reference="OJ C 326, 21.11.2001, p. 2"),
    "cisa1990": dict(official={"en", "fr", "es"}, mla="48–53", date="1990-06-19", place="Schengen",
                     reference="OJ L 239, 22.9.2000, p. 19"),
    "warsaw2005": dict(official={"en", "fr"}, mla="15–45", date="2005-05-16", place="Warsaw",
                       reference="CETS No. 198"),
    "budapest-2ap": dict(official={"en", "fr"}, mla="8–12", date="2022-05-12", place="Strasbourg",
                         reference="CETS No. 224"),
}


def _four(texts):
    return set(texts) == LANGS and all(isinstance(t, str) and t.strip() for t in texts.values())


def test_instruments_have_four_titles_and_flags():
    items = catalogue.instruments()
    for required in ("untoc", "uncac", "vienna1988", "ecma1959", "ecma1978", "ecma2001", "budapest",
                     "minsk1993", "chisinau2002", "oas1992", "asean2004", *EUROPEAN):
        assert required in items
    for item in items.values():
        assert _four(item["title"]), item["id"]
        assert set(item["official"]) == LANGS
    assert catalogue.instrument_title("untoc", "es").startswith("Convención de las Naciones Unidas")


def test_eio_states_are_the_eu_minus_denmark_and_ireland():
    states = catalogue.eio_states()
    assert len(states) == 25 and {"FR", "DE", "GR"} <= states and not {"DK", "IE", "GB"} & states


# -- European instruments ----------------------------------------------------------------------


@pytest.mark.parametrize("iid", EUROPEAN)
def test_european_instrument_entry(iid):
    item, want = catalogue.instruments()[iid], EUROPEAN[iid]
    assert _four(item["title"]) and _four(item["place"]) and set(item["short"]) == LANGS
    assert _four(item["other_articles"])
    assert {lang for lang, official in item["official"].items() if official} == want["official"]
    assert item["mla_articles"] == want["mla"]
    assert item["date"] == want["date"] and item["place"]["en"] == want["place"]
    assert item["reference"] == want["reference"]
    assert item["applies_through"] in ("", *catalogue.instruments())


def test_european_titles():
    title = catalogue.instrument_title
    assert title("eumla2000", "en").endswith("on Mutual Assistance in Criminal Matters between the Member States "
                                              "of the European Union")
    assert "relative à l'entraide judiciaire en matière pénale" in title("eumla2000", "fr")
    assert "relativo a la asistencia judicial en materia penal" in title("eumla2000", "es")
    assert title("eumla2001", "en").startswith("Protocol established by the Council")
    assert title("cisa1990", "en").startswith("Convention implementing the Schengen Agreement of 14 June 1985")
    assert title("cisa1990", "fr").startswith("Convention d'application de l'Accord de Schengen du 14 juin 1985")
    assert title("warsaw2005", "ru").startswith("Конвенция Совета Европы об отмывании")
    assert title("budapest-2ap", "fr").startswith("Deuxième Protocole additionnel à la Convention sur la "
                                                  "cybercriminalité")


# -- parties -----------------------------------------------------------------------------------


def _with_parties():
    return [item for item in catalogue.instruments().values() if "parties" in item]


def test_parties_are_states_with_a_date():
    items = _with_parties()
    assert {item["id"] for item in items} >= set(EUROPEAN)
    for item in items:
        parties = item["parties"]
        assert parties and all(states.is_state(code) for code in parties), item["id"]
        assert parties == sorted(set(parties)), item["id"]
        assert set(item.get("parties_partial", [])) <= set(parties), item["id"]
        assert dt.date.fromisoformat(item["parties_as_of"]) <= dt.date(2026, 12, 31)
        if item.get("entry_into_force"):
            assert dt.date.fromisoformat(item["entry_into_force"]) >= dt.date.fromisoformat(item["date"])


def test_eu_convention_and_protocol_bind_the_27_including_denmark_and_ireland():
    items = catalogue.instruments()
    for iid in ("eumla2000", "eumla2001"):
        parties = set(items[iid]["parties"])
        assert parties == EU27, iid
        # outside the EIO (Directive 2014/41/EU) the Convention is still the instrument between States
        assert parties - catalogue.eio_states() == {"DK", "IE"}
        assert "GB" not in parties and "NO" not in parties


def test_schengen_states():
    item = catalogue.instruments()["cisa1990"]
    assert set(item["parties"]) == EU27 | {"IS", "NO", "CH", "LI"}
    assert set(item["parties_partial"]) == {"CY", "IE"}


def test_coe_parties_as_known():
    items = catalogue.instruments()
    warsaw = set(items["warsaw2005"]["parties"])
    assert {"AL", "MD", "NL", "FR", "GB", "DE", "UA", "TR"} <= warsaw and "US" not in warsaw
    protocol = items["budapest-2ap"]
    assert {"JP", "RS"} <= set(protocol["parties"])
    assert protocol["entry_into_force"] is None  # five ratifications needed (art. 16(3)); not yet in force


# -- the letter cites each of them in each language -------------------------------------------


@pytest.fixture(scope="module")
def letter():
    from mla_writer import storage

    return storage.load(EXAMPLE)


@pytest.mark.parametrize("lang", sorted(LANGS))
@pytest.mark.parametrize("iid", EUROPEAN)
def test_letter_cites_european_instrument(letter, iid, lang):
    from mla_writer.model.letter import InstrumentBasis
    from mla_writer.render import render_html

    item = catalogue.instruments()[iid]
    basis = InstrumentBasis(instrument_id=iid, articles=item["mla_articles"])
    page = html.unescape(render_html(letter.model_copy(update={"legal_bases": [basis]}), lang))
    assert catalogue.instrument_title(iid, lang) in page
    assert f"{catalogue.instrument_title(iid, lang)} ({item['place'][lang]}, " in page
    assert item["mla_articles"] in page
