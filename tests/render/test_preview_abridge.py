"""The preview of a very large letter is shortened, each cut with a note (mla_writer.render.abridge);
ordinary letters are shown whole; the worker's copy of a snapshot is the letter itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mla_writer import storage
from mla_writer.model import LetterOfRequest
from mla_writer.render import render_docx, render_html
from mla_writer.render.abridge import PART_LIMIT, TEXT_LIMIT, WHOLE_LIMIT

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 22)
SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.mlar")) + [ROOT / "tests" / "data" / "complete_letter.mlar"]


def note(kind: str, count: int) -> str:
    return f"[NOTE {kind} {count}]"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_ordinary_letters_are_previewed_whole(path):
    letter = storage.load(path)
    for lang in ("en", "ru"):
        assert render_html(letter, lang, today=TODAY, abridged=note) == render_html(letter, lang, today=TODAY)


def _large() -> LetterOfRequest:
    letter = storage.load(ROOT / "tests" / "data" / "complete_letter.mlar")
    lang = letter.drafting_language
    letter.facts.summary.set(lang, "Word " * 40_000)  # 200,000 characters
    letter.persons = [p.model_copy(update={"id": f"p{i}"}) for i in range(300) for p in letter.persons[:1]]
    return letter


def test_a_long_text_and_a_long_part_are_cut_with_a_note_that_counts_what_is_left_out():
    letter = _large()
    lang = letter.output_language
    html = render_html(letter, lang, today=TODAY, abridged=note)
    whole = render_html(letter, lang, today=TODAY)
    assert len(html) < len(whole) / 3
    assert "[NOTE characters " in html and "[NOTE blocks " in html
    left_out = int(html.split("[NOTE characters ")[1].split("]")[0])
    assert left_out > 200_000 - TEXT_LIMIT - 300 and WHOLE_LIMIT < 200_000  # what the text holds beyond what is shown
    assert html.count("Word") <= TEXT_LIMIT // 5 + 1
    assert whole.count("Word") >= 40_000  # the letter itself is whole ...
    assert b"Word Word" in __import__("zipfile").ZipFile(__import__("io").BytesIO(
        render_docx(letter, lang, today=TODAY))).read("word/document.xml")  # ... and so is the export


def test_a_bilingual_preview_still_lines_up_when_shortened():
    letter = _large()
    other = "ru" if letter.output_language != "ru" else "en"
    html = render_html(letter, letter.output_language, other, today=TODAY, abridged=note)  # (RenderError if not)
    assert html.count("[NOTE blocks ") % 2 == 0 and "[NOTE blocks " in html


def test_the_workers_copy_of_a_snapshot_is_the_letter():
    from mla_writer.gui.background import thaw

    for path in SAMPLES[:3]:
        letter = storage.load(path)
        snapshot = letter.model_dump()
        assert thaw(snapshot) == LetterOfRequest.model_validate(snapshot)
    letter = _large()
    snapshot = letter.model_dump()
    copy = thaw(snapshot)
    assert copy == letter and copy.persons is not letter.persons and storage.dumps(copy) == storage.dumps(letter)
    assert PART_LIMIT > TEXT_LIMIT
