"""The renderer's fast paths write the same letter as the slow ones: the banner's check passed by
the caller, the smallest pieces of the markup (tx, label, missing) as Python functions, user text
escaped once, and the sandbox's shortcuts for the view's dicts and the letter's own callables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from markupsafe import Markup, escape

from mla_writer import storage
from mla_writer.checklist import check, incomplete_in_languages
from mla_writer.i18n import translations
from mla_writer.render import render_docx, render_html
from mla_writer.render.context import FSI, PDI, Txt, as_markup, pieces
from mla_writer.render.engine import environment

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def flawed():
    """A sample with sections left to complete: its letter carries the "draft — incomplete" banner."""
    return storage.load(ROOT / "resources" / "samples" / "flawed-fraud-it-ar.mlar")


def test_the_check_passed_by_the_caller_gives_the_same_letter(flawed):
    results = incomplete_in_languages(flawed, ["fr"], today=TODAY)
    assert results, "the sample must be incomplete for this test to mean anything"
    assert render_html(flawed, "fr", today=TODAY, incomplete=results) == render_html(flawed, "fr", today=TODAY)
    # the GUI's own check (messages in the UI language) names the same sections
    report = check(flawed.model_copy(update={"output_language": "fr"}), "ru", today=TODAY)
    assert render_html(flawed, "fr", today=TODAY, incomplete=report.incomplete()) == render_html(flawed, "fr", today=TODAY)
    both = incomplete_in_languages(flawed, ["en", "es"], today=TODAY)
    assert (render_docx(flawed, "en", "es", today=TODAY, incomplete=both)
            == render_docx(flawed, "en", "es", today=TODAY))


def test_the_banner_names_what_the_caller_passed(flawed):
    banner = translations("letter", "fr").gettext("DRAFT — INCOMPLETE")
    assert banner in render_html(flawed, "fr", today=TODAY)
    assert banner not in render_html(flawed, "fr", today=TODAY, incomplete=[])


def test_tx_marks_text_not_in_the_letters_language():
    piece = pieces(translations("letter", "fr"))
    mark = translations("letter", "fr").gettext("[untranslated passage; language: %(language)s]")
    shown = piece.tx(Txt("a < b\nc", "en", True, "anglais & co"))
    assert isinstance(shown, Markup)
    tag = str(Markup(mark) % {"language": "anglais & co"})
    assert "anglais &amp; co" in tag
    assert shown == f'<ut lang="en"><tag>{tag}</tag> {FSI}a &lt; b{PDI}<br/>{FSI}c{PDI}</ut>'
    assert piece.tx(Txt("a & b", "fr")) == f"{FSI}a &amp; b{PDI}"
    assert piece.tx(Txt("", "fr")) == ""


def test_tx_refuses_anything_but_user_text():
    piece = pieces(translations("letter", "en"))
    with pytest.raises(UndefinedError):
        piece.tx("plain string")
    assert issubclass(UndefinedError, TemplateError)  # (the renderer turns it into a RenderError)


def test_label_and_missing_in_the_letters_language():
    piece = pieces(translations("letter", "fr"))
    colon = translations("letter", "fr").gettext("%(text)s:")
    assert piece.label("Adresse") == f"<b>{colon % {'text': 'Adresse'}}</b>"
    assert piece.label("A & B") == f"<b>{colon % {'text': 'A &amp; B'}}</b>"
    assert piece.label("Adresse") is piece.label("Adresse")  # kept per text
    assert piece.label(Markup("<i>x</i>")) == f"<b>{colon % {'text': '<i>x</i>'}}</b>"  # markup as it is
    assert piece.missing() == f"<i>{escape(translations('letter', 'fr').gettext('[to be completed]'))}</i>"
    assert pieces(translations("letter", "fr")) is piece
    assert pieces(translations("letter", "ru")).missing() != piece.missing()


@given(st.text(alphabet=st.sampled_from("ab <>&\"'\n\u05d0\u2067\u00a0"), max_size=40))
def test_user_text_escaped_once_is_escaped_and_isolated_line_by_line(text):
    from mla_writer.model import clean_text

    cleaned = clean_text(text)
    expected = "<br/>".join(FSI + escape(line) + PDI for line in cleaned.split("\n")) if cleaned else ""
    assert as_markup(text) == expected


def test_the_view_dicts_keep_the_sandbox_rules():
    env = environment()
    view = {"name": "x", "items": "a key", "nested": {"value": 3}}
    assert env.from_string("{{ L.name }} {{ L.nested.value }} {{ L['items'] }}").render(L=view) == "x 3 a key"
    # a dict's own attribute is still the attribute (as the sandbox has it), and a method that
    # changes the dict is still refused
    assert env.from_string("{{ L.items is callable }}").render(L=view) == "True"
    with pytest.raises(SecurityError):
        env.from_string("{{ L.update({'name': 'y'}) }}").render(L=view)
    with pytest.raises(UndefinedError):
        env.from_string("{{ L.absent }}").render(L=view)


def test_other_callables_still_go_through_the_sandbox():
    def unsafe():
        return "ran"

    unsafe.unsafe_callable = True
    env = environment()
    with pytest.raises(SecurityError):
        env.from_string("{{ f() }}").render(f=unsafe)
    piece = pieces(translations("letter", "en"))
    # the letter's own pieces called with keyword arguments, inside a loop (Jinja passes its loop variables)
    out = env.from_string("{% for t in texts %}{{ label(text=t) }}{% endfor %}").render(texts=["A", "B"], label=piece.label)
    assert out == "<b>A:</b><b>B:</b>"
