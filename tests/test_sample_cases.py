"""The sample cases (issue 10, part 5; trainers' samples, issue 17).

Each case has its own pair of States, legal basis and output language:

- ``labour-exploitation-ch-be``: Switzerland -> Belgium, 1959 European Convention, letter in French;
- ``online-recruitment-kz-kg``: Kazakhstan -> Kyrgyzstan, Minsk Convention 1993, letter in Russian;
- ``migrant-smuggling-co-es``: Colombia -> Spain, UNTOC art. 18, letter in Spanish;
- ``corruption-ge-ae``: Georgia -> United Arab Emirates, UNCAC art. 46 and reciprocity, letter in
  English with a certified Arabic translation;
- ``witness-transfer-fr-ch``: France -> Switzerland, 1959 European Convention, the 1996 bilateral
  agreement and the Budapest Convention, letter in French.

Every sample meant to be complete (:func:`mla_writer.samples.complete_sample_names`: all but the
deliberately flawed) loads, is complete for the checker as of the date of the letter, with no
advice either, holds every free text in the four languages, and renders in each language with
nothing marked "not translated". Together the samples use every kind of assistance and every
family of legal basis, natural and legal persons, women and men, urgency and confidentiality.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from mla_writer import catalogue, samples, storage, vocab
from mla_writer.checklist import check, untranslated
from mla_writer.cli import main
from mla_writer.render import render_docx

sys.path.insert(0, str(Path(__file__).resolve().parent / "render"))
from render_helpers import docx_paragraphs, docx_parts  # noqa: E402

LANGS = ("en", "fr", "ru", "es")

#: name -> (requesting State, requested State, drafting language, output language, main legal basis)
CASES = {
    "labour-exploitation-ch-be": ("CH", "BE", "fr", "fr", "ecma1959"),
    "online-recruitment-kz-kg": ("KZ", "KG", "ru", "ru", "minsk1993"),
    "migrant-smuggling-co-es": ("CO", "ES", "es", "es", "untoc"),
    "corruption-ge-ae": ("GE", "AE", "en", "en", "uncac"),
    "witness-transfer-fr-ch": ("FR", "CH", "fr", "fr", "ecma1959"),
}
#: Every sample meant to be a complete letter (the shipped ones but the deliberately flawed).
COMPLETE = samples.complete_sample_names()


def _letter(name: str):
    return samples.load_sample(name)


def _text(data: bytes) -> str:
    return "\n".join(docx_paragraphs(data, ("all",)))


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], bytes]:
    """Every complete sample in every language, rendered once (as of the date of the letter)."""
    out = {}
    for name in COMPLETE:
        letter = _letter(name)
        for lang in LANGS:
            out[name, lang] = render_docx(letter, lang, today=letter.date)
    return out


# -- the files --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CASES)
def test_the_case_is_shipped_and_loads(name):
    assert name in samples.sample_names()
    letter = storage.load(samples.sample_path(name))
    requesting, requested, drafting, output, basis = CASES[name]
    assert (letter.requesting_state, letter.requested_state) == (requesting, requested)
    assert (letter.drafting_language, letter.output_language) == (drafting, output)
    assert basis in [b.instrument_id for b in letter.legal_bases if b.type == "instrument"]
    assert output in letter.language.accepted_languages or letter.language.certified_translation


def test_each_case_has_its_own_pair_of_states_and_output_language():
    pairs = {(c[0], c[1]) for c in CASES.values()}
    assert len(pairs) == len(CASES) and ("FR", "MD") not in pairs
    assert {c[3] for c in CASES.values()} == {"en", "fr", "ru", "es"}


def test_every_listed_case_is_meant_to_be_complete():
    assert set(CASES) <= set(COMPLETE)
    assert len(COMPLETE) >= 6


@pytest.mark.parametrize("name", COMPLETE)
def test_the_check_finds_the_case_complete(name, capsys):
    letter = _letter(name)
    report = check(letter, "en", today=letter.date)
    assert report.complete, [f"{p.path}: {p.message}" for r in report.incomplete() for p in r.errors]
    assert not [p for p in report.problems() if p.severity.name == "WARNING"], "no advice either"
    path = str(samples.sample_path(name))
    assert main(["check", path, "--today", letter.date.isoformat()]) == 0
    assert "complete" in capsys.readouterr().out


@pytest.mark.parametrize("name", COMPLETE)
def test_every_free_text_is_in_the_four_languages(name):
    """Any per-language text in the file (the letter's, and the notes kept out of the letter)
    has all four languages, none of them blank."""
    data = json.loads(samples.sample_path(name).read_text(encoding="utf-8"))
    texts: list[tuple[str, dict]] = []

    def walk(value, path):
        if isinstance(value, dict):
            if value and set(value) <= set(LANGS):
                texts.append((path, value))
                return
            for key, item in value.items():
                walk(item, f"{path}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")

    walk(data["letter"], "letter")
    assert len(texts) > 40
    missing = [path for path, text in texts if set(text) != set(LANGS) or not all(t.strip() for t in text.values())]
    assert not missing, missing


# -- the letters ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", COMPLETE)
def test_renders_in_every_language_with_nothing_untranslated(name, lang, rendered):
    letter = _letter(name)
    letter.output_language = lang
    assert untranslated(letter) == []
    data = rendered[name, lang]
    xml = docx_parts(data)["word/document.xml"].decode()
    assert "MLAUntranslated" not in xml  # no text marked "[not translated ...]"
    text = _text(data)
    first_words = " ".join(letter.facts.summary.get(lang).split()[:6])
    assert first_words in text  # the case's own text, in that language


@pytest.mark.parametrize("name", CASES)
def test_the_letter_comes_out_in_its_output_language(name, rendered):
    letter = _letter(name)
    output = CASES[name][3]
    assert letter.output_language == output
    by_default = _text(render_docx(letter, today=letter.date))
    assert by_default == _text(rendered[name, output])
    for lang in LANGS:
        if lang != output:
            assert by_default != _text(rendered[name, lang])


def test_a_protected_victim_appears_only_by_pseudonym(rendered):
    letter = _letter("online-recruitment-kz-kg")
    victim = next(p for p in letter.persons if p.protected)
    assert victim.pseudonym == "A-1"
    for lang in LANGS:
        text = _text(rendered["online-recruitment-kz-kg", lang])
        assert "A-1" in text
        for secret in (victim.family_name, victim.given_names, victim.id_document.number, victim.address):
            assert secret not in text, (lang, secret)


# -- what the cases show together ---------------------------------------------------------------

#: The families of legal basis the samples must show between them (issue 17): family -> the
#: catalogue's instruments that belong to it.
INSTRUMENT_FAMILIES = {
    "UNTOC": {"untoc"},
    "UNCAC": {"uncac"},
    "1959 European Convention": {"ecma1959"},
    "Budapest Convention": {"budapest"},
    "Minsk or Chisinau Convention": {i for i, item in catalogue.instruments().items() if item.get("scope") == "cis"},
}
#: Basis types that are a family of their own; "other" (national law, a scheme) is not required.
TYPE_FAMILIES = set(vocab.BASIS_TYPE.codes) - {"instrument", "other"}


def test_the_families_are_in_the_catalogue():
    assert {"minsk1993", "chisinau2002"} <= INSTRUMENT_FAMILIES["Minsk or Chisinau Convention"]
    for ids in INSTRUMENT_FAMILIES.values():
        assert ids and ids <= set(catalogue.instruments())
    assert TYPE_FAMILIES == {"bilateral", "reciprocity"}


def test_together_the_samples_use_every_kind_of_assistance_and_every_legal_basis():
    letters = [_letter(name) for name in COMPLETE]
    kinds = {m.kind for letter in letters for m in letter.assistance}
    missing_kinds = set(vocab.ASSISTANCE_KIND.codes) - kinds
    assert not missing_kinds, f"no sample uses {sorted(missing_kinds)}"
    bases = [b for letter in letters for b in letter.legal_bases]
    instruments = {b.instrument_id for b in bases if b.type == "instrument"}
    missing = [family for family, ids in INSTRUMENT_FAMILIES.items() if not ids & instruments]
    missing += sorted(TYPE_FAMILIES - {b.type for b in bases})
    assert not missing, f"no sample rests on {missing}"
    assert any(b.type == "reciprocity" and b.assurance for b in bases)


def test_together_the_cases_cover_the_ground():
    letters = [_letter(name) for name in CASES]
    persons = [p for letter in letters for p in letter.persons]
    assert any(p.legal_person for p in persons) and any(not p.legal_person for p in persons)
    assert {p.sex for p in persons if not p.legal_person} == {"female", "male"}
    assert any(p.protected for p in persons)
    assert any(letter.urgency.urgent and letter.urgency.reason for letter in letters)
    assert any(letter.confidentiality.confidential and letter.confidentiality.reason for letter in letters)
    assert any(letter.officials_presence.wanted for letter in letters)
