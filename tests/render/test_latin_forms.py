"""Names and postal addresses written in another script than Latin: a letter in English, French
or Spanish prints the Latin form the drafter gave; a Russian letter prints them as written; and
the checklist advises giving the Latin form when a Latin-script letter would print Cyrillic."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from mla_writer import checklist, storage
from mla_writer.render import render_docx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_helpers import docx_paragraphs  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 25)
SAMPLE = ROOT / "resources" / "samples" / "online-recruitment-kz-kg.mlar"
CYRILLIC = "ул. Мангилик Ел, 00, г. Астана, 010000, Республика Казахстан"
LATIN = "ul. Mangilik El, 00, Astana, 010000"


@pytest.fixture(scope="module")
def letter():
    L = storage.load(SAMPLE)
    assert L.identification.requesting_authority.address == CYRILLIC
    assert L.identification.requesting_authority.latin_address == LATIN
    return L


def _text(letter, lang: str) -> str:
    return "\n".join(docx_paragraphs(render_docx(letter, lang, today=TODAY), ("all",)))


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_latin_script_letter_prints_the_latin_address(letter, lang):
    text = _text(letter, lang)
    assert LATIN in text and "bul. Erkindik, 00, Bishkek, 720040" in text
    assert "Мангилик" not in text and "Эркиндик" not in text and "Абая" not in text
    # a person's address, a measure's address, a provider's and an account holder's name
    assert "Bishkek, mkr. Dzhal, d. 00, kv. 00" in text and "Джал" not in text
    assert "OsOO Primer Mobail (ОсОО «Пример Мобайл»)" in text
    assert "ASANOV Nurbek Talantbekovich (АСАНОВ Нурбек Талантбекович)" in text
    # the acknowledgement goes abroad: its address names the requesting State in the letter's language
    kazakhstan = {"en": "Kazakhstan", "fr": "Kazakhstan", "es": "Kazajstán"}[lang]
    assert f"{LATIN}, {kazakhstan}" in text


def test_a_russian_letter_prints_the_address_as_written(letter):
    text = _text(letter, "ru")
    assert CYRILLIC in text and "бульвар Эркиндик, 00, г. Бишкек, 720040" in text
    assert "Mangilik" not in text


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_checklist_asks_for_the_latin_form_a_latin_letter_needs(letter, lang):
    draft = letter.model_copy(deep=True)
    draft.output_language = lang
    draft.identification.requesting_authority.latin_address = ""
    draft.acknowledgement.latin_name = ""
    found = {p.path for p in checklist.check(draft, "en", today=TODAY).problems() if p.code == "text.latin_form"}
    assert found == {"identification.requesting_authority.latin_address", "acknowledgement.latin_name"}
    # advice, not an error: the letter stays complete as far as this goes
    assert all(p.severity is checklist.Severity.WARNING for p in checklist.check(draft, "en", today=TODAY).problems()
               if p.code == "text.latin_form")
    # once given, the advice goes
    draft.identification.requesting_authority.latin_address = LATIN
    draft.acknowledgement.latin_name = "Daniyar SEITOV"
    assert not [p for p in checklist.check(draft, "en", today=TODAY).problems() if p.code == "text.latin_form"]


def test_a_russian_letter_needs_no_latin_form(letter):
    draft = letter.model_copy(deep=True)
    draft.output_language = "ru"
    draft.identification.requesting_authority.latin_address = ""
    assert not [p for p in checklist.check(draft, "en", today=TODAY).problems() if p.code == "text.latin_form"]


def test_a_person_named_in_cyrillic_needs_a_latin_name_in_a_latin_letter(letter):
    draft = letter.model_copy(deep=True)
    draft.output_language = "en"
    person = next(p for p in draft.persons if not p.legal_person and p.family_name and p.latin_name
                  and not p.pseudonym)
    person.latin_name = ""
    found = [p for p in checklist.check(draft, "en", today=TODAY).problems() if p.code == "text.latin_form"]
    index = draft.persons.index(person)
    assert [p.path for p in found] == [f"persons[{index}].latin_name"]
    assert "Cyrillic" in found[0].message
