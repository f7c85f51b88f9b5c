"""The model: text hygiene, multilingual text, shapes, round trips."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mla_writer import storage
from mla_writer.model import ASSISTANCE_KINDS, LetterOfRequest, MLText, clean_text, ml
from mla_writer.model.text import MAX_TEXT


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("  hello  ", "hello"),
        ("a\x0bb\x0cc\x00d\x1fe", "abcde"),
        ("line1\r\nline2\rline3", "line1\nline2\nline3"),
        ("tab\tkept", "tab\tkept"),
        ("Ягодка «ёлка» — d'été, ñandú \"q\"", "Ягодка «ёлка» — d'été, ñandú \"q\""),
        ("\ufffe\uffffx", "x"),
        ("\u202eRTL override kept", "\u202eRTL override kept"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_text_is_cleaned_at_the_model_boundary():
    letter = LetterOfRequest.model_validate(
        {"references": {"requesting_reference": " PNF\x0b-1 \r\n"}, "facts": {"summary": {"fr": "\x0c Faits\r\nsuite ", "en": "   "}}}
    )
    assert letter.references.requesting_reference == "PNF-1"
    assert letter.facts.summary.root == {"fr": "Faits\nsuite"}  # empty English dropped
    letter.references.requesting_reference = "JI-2\x0b"  # assignment is validated too
    assert letter.references.requesting_reference == "JI-2"


def test_mltext_resolve_falls_back_to_drafting_language():
    text = ml(fr="Bonjour")
    assert text.resolve("ru", "fr") == ("Bonjour", "fr")
    assert ml(en="Hi", ru="Привет").resolve("ru", "en") == ("Привет", "ru")
    assert MLText().resolve("en", "fr") == ("", "en")
    text.set("es", "  Hola ")
    assert text.root == {"fr": "Bonjour", "es": "Hola"}
    text.set("es", "")
    assert "es" not in text


def test_mltext_rejects_unknown_language_and_huge_text():
    with pytest.raises(ValidationError):
        MLText.model_validate({"de": "Hallo"})
    with pytest.raises(ValidationError):
        MLText.model_validate({"en": "x" * (MAX_TEXT + 1)})


def test_country_codes_are_normalised_and_checked_for_shape():
    assert LetterOfRequest(requested_state=" fr ").requested_state == "FR"
    with pytest.raises(ValidationError):
        LetterOfRequest(requested_state="France")


def test_unknown_field_and_wrong_type_are_refused():
    with pytest.raises(ValidationError):
        LetterOfRequest.model_validate({"no_such_field": 1})
    with pytest.raises(ValidationError):
        LetterOfRequest.model_validate({"urgency": {"urgent": True, "deadline": "tomorrow"}})
    with pytest.raises(ValidationError):
        LetterOfRequest.model_validate({"assistance": [{"kind": "teleportation"}]})


def test_empty_draft_is_valid():
    letter = LetterOfRequest()
    assert letter.assistance == [] and not letter.facts.summary


def test_example_has_every_kind_of_assistance(example):
    assert sorted(item.kind for item in example.assistance) == sorted(ASSISTANCE_KINDS)


def test_round_trip_in_four_languages_with_every_kind(example, tmp_path):
    for lang, text in {
        "en": "Facts in English",
        "fr": "Faits : l'été « déjà » vu",
        "ru": "Фактические обстоятельства дела — ёж",
        "es": "Hechos: año, niño, ¿qué?",
    }.items():
        example.facts.summary.set(lang, text)
        example.assistance[0].questions.set(lang, text + " ?")
    path = tmp_path / "letter.mlar"
    storage.save(example, path)
    again = storage.load(path)
    assert again == example
    assert again.facts.summary.get("ru") == "Фактические обстоятельства дела — ёж"
    assert [type(i) for i in again.assistance] == [type(i) for i in example.assistance]
    raw = path.read_text(encoding="utf-8")
    assert "Фактические" in raw  # stored as UTF-8, not \u escapes


def test_service_only():
    letter = LetterOfRequest.model_validate({"assistance": [{"kind": "service"}, {"kind": "service"}]})
    assert letter.service_only()
    letter = LetterOfRequest.model_validate({"assistance": [{"kind": "service"}, {"kind": "records"}]})
    assert not letter.service_only()
    assert not LetterOfRequest().service_only()
