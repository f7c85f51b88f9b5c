"""The checklist on a large case (issue 12): the work that made it slow (the hidden-data scan once
per section, a search of the whole text once per protected name) is done once per check; what
it finds is unchanged. Nothing here is timed (see bench/run_all.py for the figures)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from mla_writer import checklist, fields, storage
from mla_writer.points import SECTIONS

ROOT = Path(__file__).resolve().parents[1]
TODAY = __import__("datetime").date(2026, 11, 22)


def _large_case():
    spec = importlib.util.spec_from_file_location("run_all", ROOT / "bench" / "run_all.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.large_case(1)


def test_a_whole_check_says_what_each_section_says_alone():
    letter = _large_case()
    report = checklist.check(letter, "en", today=TODAY)
    alone = [checklist.check_section(letter, point, "en", TODAY) for point in SECTIONS]
    assert [(r.status, [p.code for p in r.errors], [p.code for p in r.warnings]) for r in report.results] == \
        [(r.status, [p.code for p in r.errors], [p.code for p in r.warnings]) for r in alone]


def test_hidden_data_is_scanned_once_per_check(monkeypatch):
    letter = storage.load(ROOT / "tests" / "data" / "complete_letter.mlar")
    calls = []
    real = fields.hidden_data
    monkeypatch.setattr(fields, "hidden_data", lambda L, *table: calls.append(1) or real(L, *table))
    checklist.check(letter, "en", today=TODAY)
    assert len(calls) == 1


@pytest.mark.parametrize("name, text, found", [
    ("Ivanova", "Mrs IVANOVA was seen.", True),
    ("Ivanova", "Ivanovas were seen.", False),  # a whole word only
    ("Ivan", "Ivanova was seen.", False),
    ("De la Cruz", "Maria de la Cruz testified.", True),  # several words
    ("Smith-Jones", "(Smith-Jones) said so.", True),
    ("Łukasz", "ŁUKASZ was there.", True),
])
def test_a_protected_name_is_found_in_the_text(name, text, found):
    letter = storage.load(ROOT / "tests" / "data" / "complete_letter.mlar")
    protected = next((i for i, p in enumerate(letter.persons) if p.protected), None)
    assert protected is not None
    letter.persons[protected].family_name = name
    letter.facts.summary.set(letter.drafting_language, text)
    letter.facts.summary.set(letter.output_language, text)
    codes = [p.code for r in checklist.check(letter, "en", today=TODAY).results for p in r.warnings]
    assert ("facts.protected_name_in_text" in codes) is found


@pytest.mark.parametrize("names, text, found", [
    ({"ciobanu", "rusu"}, "Ciobanu's car; RUSU.", {"ciobanu", "rusu"}),
    ({"ana"}, "mañana, semana y ana", {"ana"}),  # found after occurrences inside words
    ({"ana"}, "mañana, semana_ana, 2ana", set()),
    ({"ana"}, "ana", {"ana"}),  # at both ends of the text
    ({"i\u0307stanbul"}, "İstanbul", set()),  # a name lower case made into two words is never one word
])
def test_names_are_found_as_whole_words_by_search_and_by_words(names, text, found, monkeypatch):
    """Both ways of finding names in a text (a search per name for a few names, the text's words
    for many) find the same."""
    by_search = checklist._find_names(text, frozenset(names))
    monkeypatch.setattr(checklist, "_FEW_NAMES", 0)
    by_words = checklist._find_names(text, frozenset(names))
    assert by_search == by_words == found


def _without_saved_at(text: str) -> str:
    import re

    return re.sub(r'"saved_at": "[^"]*"', '"saved_at": ""', text)


@pytest.mark.parametrize("name", ["complete_letter.mlar", "legacy/format2-complete-fr-md.mlar"])
def test_a_draft_is_written_as_the_json_module_writes_it(name):
    """The draft is serialised by pydantic straight to indented bytes (a large case saves in a
    fraction of the time); the file is the same text json.dumps(indent=2) made before."""
    import json

    letter = storage.load(ROOT / "tests" / "data" / name)
    letter.facts.summary.set("en", 'a "quote", a back\\slash, a tab\t, lines\nand \u2028, \x7f, \U0001F600, </p>, \u00e9\u00a0')
    expected = json.dumps(storage.document(letter), ensure_ascii=False, indent=2) + "\n"
    assert _without_saved_at(storage.dumps(letter)) == _without_saved_at(expected)
    assert _without_saved_at(storage.dump_bytes(letter).decode("utf-8")) == _without_saved_at(storage.dumps(letter))
    assert storage.loads(storage.dump_bytes(letter)) == letter


@pytest.mark.parametrize("text", [
    '{"format": "mla-writer-draft", "format_version": 3, "letter": {"place": {"fr": "a\ud800"}}}',  # a raw surrogate
    '{"format": "mla-writer-draft", "format_version": 3, "letter": {"place": {"fr": "a\\uDC00"}}}',  # an escaped one
    '{"format": "mla-writer-draft", "format_version": 3, "letter": {"place": {"fr\\udbff": "a"}}}',  # in a key
])
def test_a_surrogate_is_refused_however_it_is_written(text):
    """The loader looks at the whole text before walking the strings one by one (a large case
    loads faster): a surrogate raw or escaped, in a value or a key, is still refused."""
    with pytest.raises(storage.DraftError, match="surrogate"):
        storage.loads(text)


def test_an_escaped_backslash_before_u_is_not_a_surrogate():
    letter = storage.load(ROOT / "tests" / "data" / "complete_letter.mlar")
    letter.place.set("fr", "C:\\udb00\\x")
    assert storage.loads(storage.dumps(letter)).place.get("fr") == "C:\\udb00\\x"
