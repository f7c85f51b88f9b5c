"""Issue 14 trial: a French-only draft rendered into Spanish or Russian prints each French passage
inside the "untranslated passage" mark, or not at all: the subject line, the offences under each
measure and every other place a text per language reaches the letter."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mla_writer import storage
from mla_writer.checklist import free_text_fields
from mla_writer.render.context import lower_first
from mla_writer.render.engine import render_markup

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def french_only():
    letter = storage.load(ROOT / "resources" / "samples" / "trafficking-fr-md.mlar")
    for _path, text in free_text_fields(letter):
        for lang in [code for code in text.root if code != "fr"]:
            text.root.pop(lang)
    letter.drafting_language = "fr"
    return letter


def _unmarked_text(markup: str) -> str:
    """The letter's text with every <ut> (untranslated) element removed, bidi isolates dropped."""
    root = ET.fromstring(f"<letter>{markup}</letter>")
    for parent in root.iter():
        for child in list(parent):
            if child.tag == "ut":
                tail = child.tail or ""
                parent.remove(child)
                if tail:  # keep the text after the mark
                    parent.text = (parent.text or "") + " " + tail
    return re.sub(r"\s+", " ", "".join(root.itertext()).translate(str.maketrans("", "", "\u2068\u2069")))


@pytest.mark.parametrize("lang", ["es", "ru"])
def test_every_french_passage_is_marked_or_absent(french_only, lang):
    markup = render_markup(french_only, lang, [])
    text = _unmarked_text(markup)
    french = {path: value.get("fr") for path, value in free_text_fields(french_only) if value.get("fr")}
    assert any("offences" in path for path in french)
    leaked = []
    for path, value in french.items():
        for line in value.split("\n"):
            line = line.strip()
            if len(line) < 10 or " " not in line:  # a single word ("Paris") also appears in addresses
                continue
            if line in text or lower_first(line) in text:
                leaked.append((path, line[:60]))
    assert not leaked, f"{lang}: French text printed without the untranslated mark: {leaked}"


@pytest.mark.parametrize("lang", ["es", "ru"])
def test_subject_line_and_measure_offences_carry_the_mark(french_only, lang):
    root = ET.fromstring(f"<letter>{render_markup(french_only, lang, [])}</letter>")
    subject = next(p for p in root.iter("p") if p.get("s") == "subject")
    assert subject.find("ut") is not None and subject.find("ut").get("lang") == "fr"
    name = french_only.offences[0].name.get("fr")
    offence_lines = [p for p in root.iter("p") if p.get("s") == "field" and any(
        name[:20] in "".join(ut.itertext()) for ut in p.iter("ut"))]
    assert len(offence_lines) >= 1  # "Delitos a los que se refiere la medida: [mark] Traite des …"
