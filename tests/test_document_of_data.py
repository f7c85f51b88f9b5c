"""storage.document_of_data(storage.letter_data(letter)): the same document as
storage.document(letter), made in small steps from plain data (the autosave's worker uses it so
as never to hold the interpreter lock for long)."""

from __future__ import annotations

import json
from pathlib import Path

from mla_writer import storage

DATA = Path(__file__).parent / "data"


def _same(letter) -> None:
    a, b = storage.document(letter), storage.document_of_data(storage.letter_data(letter))
    a.pop("saved_at"), b.pop("saved_at")
    assert json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)  # (key order too)


def test_the_complete_letter_is_the_same_document():
    _same(storage.load(DATA / "complete_letter.mlar"))


def test_long_lists_are_the_same_document():
    letter = storage.load(DATA / "complete_letter.mlar")
    persons = letter.persons
    assert persons, "the complete letter has persons"
    letter.persons = [persons[i % len(persons)].model_copy(update={"id": f"p{i}"}) for i in range(61)]
    doc = storage.document_of_data(storage.letter_data(letter))
    assert [p["id"] for p in doc["letter"]["persons"]] == [f"p{i}" for i in range(61)]
    _same(letter)


def test_an_empty_letter_is_the_same_document():
    from mla_writer.model import LetterOfRequest

    _same(LetterOfRequest())
