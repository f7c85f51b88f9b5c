"""User text is data, never template code or markup: hostile text in every field renders verbatim."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from mla_writer.checklist import free_text_fields
from mla_writer.model import MLText, clean_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_helpers import docx_parts, docx_paragraphs, html_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
#: Every character XML 1.0 forbids (tab, newline and carriage return are allowed; \r is
#: normalised to \n by clean_text, so it is left out to compare text verbatim).
XML_INVALID = "".join(chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)) + "\ud800\udfff\ufffe\uffff"
HOSTILE = (
    "{{ 7*7 }} {% for x in range(9) %}x{% endfor %} {{ L.__class__ }} {# comment #} "
    "</w:t></w:r></w:p><w:p><w:r><w:t>injected</w:t></w:r></w:p> <b>bold?</b> <br/> ]]> <!-- c --> "
    "& < > \" ' &amp; &lt; %s %(x)s {0} "
    "\u202eRIGHT-TO-LEFT OVERRIDE\u202c tab\there "
    f"start{XML_INVALID}end"
)
HUGE = HOSTILE + " " + ("lorem ipsum " * 20_000)[: 200_000 - len(HOSTILE) - 1]
#: Plain (CleanStr) fields that are codes or references, not text to stuff.
_SKIP = {"id", "person_id", "offence_ids", "instrument_id", "kind", "type", "nationality", "issuing_country",
         "requesting_state", "requested_state", "drafting_language", "output_language", "accepted_languages",
         "interpreter_language", "time_zone", "path", "author", "text", "birth_date", "currency"}

#: Sections of the draft that never reach the letter (the review's hash chain, the translation
#: marks): their own tests cover hostile input.
_NOT_LETTER = {"review", "translation"}


def _stuff(letter, payload: str):
    letter = letter.model_copy(deep=True)
    count = 0
    for _path, text in list(free_text_fields(letter)):
        for lang in list(text.root) or ["fr"]:
            text.root[lang] = payload  # raw: bypasses the model's cleaning, the renderer must cope
        count += 1  # one field, rendered once whatever the number of languages it holds

    def walk(model: BaseModel) -> None:
        for name, info in type(model).model_fields.items():
            if name in _NOT_LETTER:
                continue
            value = getattr(model, name)
            if isinstance(value, MLText):
                continue
            if isinstance(value, BaseModel):
                walk(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, BaseModel):
                        walk(item)
            elif isinstance(value, str) and name not in _SKIP and info.annotation is not None and "Literal" not in str(info.annotation):
                setattr(model, name, payload)  # validated assignment: cleaned by the model

    walk(letter)
    return letter, count


@pytest.fixture(scope="module")
def example():
    from mla_writer import storage

    return storage.load(ROOT / "tests" / "data" / "complete_letter.mlar")


@pytest.mark.parametrize("payload", [HOSTILE, HUGE], ids=["hostile", "200k"])
@pytest.mark.parametrize("lang", ["fr", "ru"])
def test_hostile_text_renders_verbatim(example, payload, lang):
    import docx
    from lxml import etree

    from mla_writer.render import render_docx, render_html

    letter, count = _stuff(example, payload)
    assert count > 60
    expected = clean_text(payload)
    assert "\x00" not in expected and "\u202e" in expected and "{{ 7*7 }}" in expected

    data = render_docx(letter, lang)
    parts = docx_parts(data)
    parser = etree.XMLParser(huge_tree=True)
    for name, blob in parts.items():
        if name.endswith(".xml") or name.endswith(".rels"):
            etree.fromstring(blob, parser)  # every part is well-formed XML
    docx.Document(io.BytesIO(data))  # and python-docx opens the package
    document_xml = parts["word/document.xml"]
    assert b"<w:t>injected</w:t>" not in document_xml
    assert b"x" * 9 not in document_xml  # the loop was not run
    text = "\n".join(docx_paragraphs(data))
    occurrences = text.count(expected)
    assert occurrences >= count, (occurrences, count)

    page = render_html(letter, lang)
    assert "<w:p>" not in page and "</w:t>" not in page and "<b>bold?</b>" not in page
    assert html_text(page).count(expected) >= count


def test_template_expressions_are_not_evaluated(example):
    from mla_writer.render import render_html

    letter, _ = _stuff(example, "{{ 7*7 }}")
    text = html_text(render_html(letter, "fr"))
    assert "{{ 7*7 }}" in text
    assert not re.search(r"(?<![\d+ ])49(?!\d)", text.replace("{{ 7*7 }}", ""))


def test_sandbox_and_autoescape_are_on():
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from mla_writer.render.engine import environment

    env = environment()
    assert isinstance(env, ImmutableSandboxedEnvironment)
    assert env.autoescape is True or env.autoescape("letter.j2")
