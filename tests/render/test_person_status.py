"""A person's procedural status in the requesting State's own legal terms ("mis en examen") is
printed in place of the role, in the letter's language; without one the role stands."""

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
TODAY = dt.date(2026, 11, 22)
STATUS = {"fr": "mis en examen\u202f; placé en détention provisoire",
          "en": "placed under formal investigation (mis en examen); remanded in custody",
          "ru": "находится под следствием (mis en examen); содержится под стражей",
          "es": "procesado (mis en examen); en prisión provisional"}


@pytest.fixture(scope="module")
def letter():
    return storage.load(ROOT / "resources" / "samples" / "trafficking-fr-md.mlar")


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es"])
def test_the_status_follows_the_role_in_the_letters_language(letter, lang):
    paragraphs = docx_paragraphs(render_docx(letter, lang, today=TODAY), ("all",))
    status = STATUS[lang][0].upper() + STATUS[lang][1:]  # in place of the role, at the head of its cell
    at = paragraphs.index(status)
    assert paragraphs[at + 1].startswith("LUNGU Victor"), paragraphs[at - 1:at + 2]
    others = [s for code, s in STATUS.items() if code != lang]
    assert not any(s in p for p in paragraphs for s in others)


def test_without_a_status_the_role_stands_alone_and_a_missing_translation_is_reported(letter):
    draft = letter.model_copy(deep=True)
    lungu = next(p for p in draft.persons if p.family_name.upper() == "LUNGU")
    del lungu.procedural_status.root["es"]
    draft.output_language = "es"
    untranslated = [p.path for p in checklist.check(draft, "en", today=TODAY).problems()
                    if p.code == "language.untranslated"]
    assert any("procedural_status" in path for path in untranslated), untranslated
    lungu.procedural_status.root.clear()
    paragraphs = docx_paragraphs(render_docx(draft, "es", today=TODAY), ("all",))
    at = paragraphs.index("LUNGU Victor")
    assert paragraphs[at - 1] == "Acusado"
