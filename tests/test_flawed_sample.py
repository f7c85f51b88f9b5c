"""The deliberately flawed sample (issue 17): a first draft with the gaps central authorities send
back, each one caught by the checklist at its point. The test lists every finding expected, point
by point; a change to the sample or to the rules that adds, drops or moves one fails here."""

from __future__ import annotations

import pytest

from mla_writer import samples
from mla_writer.checklist import check
from mla_writer.cli import main
from mla_writer.points import SECTIONS

NAME = "flawed-fraud-it-ar"

#: point -> the codes of its findings (errors and advice), sorted; every other point is clean.
EXPECTED = {
    # 1: the officer in charge is named without a direct telephone number or e-mail address
    "identification": ["identification.officer_contact"],
    # 2: whether officials of the two States were in contact is not answered
    "prior_contact": ["prior_contact.unanswered"],
    # 5: marked urgent, with a deadline but with no reason
    "urgency": ["urgency.reason_kind", "urgency.reason_missing"],
    # 6: marked confidential with no reason
    "confidentiality": ["confidentiality.reason_missing"],
    # 7: UNTOC cited without its article on mutual legal assistance (advice)
    "legal_basis": ["legal_basis.article_missing"],
    # 8: two sentences of facts; the alleged offender without date of birth or nationality (advice)
    "facts": ["facts.offender_identity", "facts.summary_thin"],
    # 9: no maximum penalty, no text of the law; a search with no word on dual criminality (advice)
    "offences": ["offences.dual_criminality", "offences.excerpt", "offences.penalty"],
    # 10: the tracing of assets does not say what it is for
    "assistance": ["assistance.field_missing"],
    # 11: the bank records are not linked to the proceedings; the search's and the tracing's links
    #     restate nothing, and the tracing names no offence (advice)
    "link": ["link.missing", "link.no_offence", "link.thin", "link.thin"],
    # 12: a chain of custody asked for without saying why
    "procedures": ["procedures.reason"],
    # 13: officials wish to attend without saying why or what they would do; one without a function
    "presence": ["presence.attendee", "presence.participation", "presence.reason"],
    # 14: the stage of the proceedings and one link are still only in English; the letter is in Spanish
    "language": ["language.untranslated", "language.untranslated"],
    # closing: the signatory has no title (advice)
    "closing": ["closing.signatory_title"],
}


def _findings(report) -> dict[str, list[str]]:
    return {r.point.id: sorted(p.code for p in r.errors + r.warnings) for r in report.results if r.errors or r.warnings}


def test_the_flawed_sample_is_declared_flawed():
    assert samples.sample_info(NAME).flawed
    assert NAME in samples.flawed_sample_names() and NAME not in samples.complete_sample_names()


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es"])
def test_the_checklist_catches_each_flaw_at_its_point(lang):
    letter = samples.load_sample(NAME)
    report = check(letter, lang, today=letter.date)
    assert _findings(report) == EXPECTED
    assert not report.complete
    assert {point.id for point in SECTIONS} >= set(EXPECTED)


def test_the_untranslated_text_is_named_by_its_field():
    letter = samples.load_sample(NAME)
    paths = [p.path for p in check(letter, "en", today=letter.date).result("language").errors]
    assert paths == ["facts.stage", "assistance[1].relevance"]
    assert letter.output_language == "es"


def test_the_command_line_check_reports_it_incomplete(capsys):
    letter = samples.load_sample(NAME)
    assert main(["check", str(samples.sample_path(NAME)), "--today", letter.date.isoformat()]) == 1
    out = capsys.readouterr().out
    assert out.rstrip().endswith("The letter is incomplete: 1, 2, 5, 6, 9, 10, 11, 12, 13, 14.")
    assert "Not yet translated into Spanish" in out


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es"])
def test_it_still_renders_marked_as_a_draft_with_what_is_untranslated(lang):
    import sys
    from pathlib import Path

    from mla_writer.render import render_docx

    sys.path.insert(0, str(Path(__file__).resolve().parent / "render"))
    from render_helpers import docx_parts

    letter = samples.load_sample(NAME)
    xml = docx_parts(render_docx(letter, lang, today=letter.date))["word/document.xml"].decode()
    assert "Valsecchi".upper() in xml
    # the stage of the proceedings exists only in English: every other language marks it untranslated
    assert ("MLAUntranslated" in xml) == (lang != "en")
