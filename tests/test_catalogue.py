"""Catalogues under resources/ (legal instruments, EIO-bound States) carry all four languages.

Kinds of assistance are a vocabulary (tests/test_vocab.py); States are tested in tests/test_states.py."""

from __future__ import annotations


from mla_writer import catalogue

LANGS = {"en", "fr", "ru", "es"}


def _four(texts):
    return set(texts) == LANGS and all(isinstance(t, str) and t.strip() for t in texts.values())


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
