"""Text in the wrong alphabet for the language it is stored under: the checklist's advice
(mla_writer.textscript, checklist rule ``text.wrong_script``)."""

from __future__ import annotations

import pytest

from mla_writer import textscript
from mla_writer.checklist import Severity, check
from mla_writer.model import ml

RUSSIAN = "Подозреваемый открыл счёт в банке и перевёл туда деньги потерпевших."
FRENCH = "Le suspect a ouvert un compte bancaire et y a viré l'argent des victimes."


@pytest.mark.parametrize("text, lang, script", [
    (RUSSIAN, "en", "Cyrl"), (RUSSIAN, "fr", "Cyrl"), (RUSSIAN, "es", "Cyrl"), (FRENCH, "ru", "Latn"),
])
def test_mismatch_found(text, lang, script):
    assert textscript.mismatch(text, lang) == script


@pytest.mark.parametrize("text, lang", [
    (RUSSIAN, "ru"), (FRENCH, "fr"), (FRENCH, "en"),
    ("Иванов Иван", "en"),  # a short name: not judged
    ("Майор полиции (commandant de police), OCRTEH", "ru"),  # a quotation and an abbreviation
    ("The suspect Иванов Иван Петрович lives in Chisinau", "en"),  # a name in another alphabet
    ("МВД РФ, ГУ МВД, УВД", "en"),  # abbreviations only
    ("", "ru"), ("12345 67890 12345", "ru"),
])
def test_no_mismatch(text, lang):
    assert textscript.mismatch(text, lang) is None


def test_move_targets_are_empty_letter_languages_in_that_script():
    assert textscript.move_targets(["en"], "en", "Cyrl", ["en", "ru"]) == ["ru"]
    assert textscript.move_targets(["en", "ru"], "en", "Cyrl", ["en", "ru"]) == []  # the Russian slot is taken
    assert textscript.move_targets(["ru"], "ru", "Latn", ["ru", "fr"]) == ["fr"]
    assert textscript.move_targets(["en"], "en", "Cyrl", ["en", "fr"]) == []  # no Cyrillic language in the letter


def test_checklist_advises_in_the_section_of_the_field(example, today):
    example.facts.summary = ml(fr=example.facts.summary.get("fr"), en=RUSSIAN * 8)
    report = check(example, "fr", today)
    found = [p for p in report.problems() if p.code == "text.wrong_script"]
    assert [(p.path, p.severity) for p in found] == [("facts.summary", Severity.WARNING)]
    assert "cyrillique" in found[0].message and "anglais" in found[0].message
    assert report.complete  # advice only: nothing blocks the letter


def test_letter_languages_written_rightly_give_no_advice(example, today):
    assert not [p for p in check(example, "ru", today).problems() if p.code == "text.wrong_script"]
