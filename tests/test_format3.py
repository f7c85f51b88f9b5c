"""Draft format 3: every older draft loads, gets the verdict it had, and round-trips.

``tests/data/legacy/`` holds drafts written in formats 1 and 2: the format-2 sample as it
shipped, and two hand-written drafts (Russian, Spanish) with the shapes users typed: languages
as a sentence, an amount as text, a victim called "V1" in the family-name field.
``verdicts-before-format-3.json`` is what the format-2 program's ``check`` said of each (run on
commit 51ddfa2, as of 2026-11-29). The format-3 program must say the same, apart from the new
translation findings of point 14 (fields that now hold text per language) and the notes on
values the upgrade could not convert.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from mla_writer import storage
from mla_writer.checklist import check

LEGACY = Path(__file__).parent / "data" / "legacy"
TODAY = dt.date(2026, 11, 29)
BEFORE = json.loads((LEGACY / "verdicts-before-format-3.json").read_text("utf-8"))
NEW_FINDINGS = {"language.untranslated", "upgrade.unconverted"}
#: Rules added to the checker after these verdicts were recorded (contradictions, rules that read the
#: measures): they may add findings to an old draft; the migration itself must not.
NEW_RULES = {"offences.dual_criminality", "acknowledgement.no_usable_route", "legal_basis.reciprocity_subsidiary",
             "assistance.after_request_deadline", "assistance.person_legal", "assistance.person_identity",
             "assistance.person_address",
             # format 4 (issue 10): the annex holding an attached order, a video hearing's time and time zone
             # (and advice to propose a date), the measures officials wish to attend
             "assistance.order_annex", "assistance.hearing_time", "assistance.hearing_date", "presence.measures",
             # format 5: the annex holding the documents to be served
             "assistance.documents_annex"}


def _new_rule(code: str) -> bool:
    return code in NEW_RULES or code.endswith(".hidden_data")


def _new_warnings(letter, section: str) -> bool:
    return any(_new_rule(p.code) for p in check(letter, "en", TODAY).result(section).warnings)


def _verdict(letter):
    report = check(letter, "en", TODAY)
    return {
        r.point.id: {
            "status": r.status.value,
            "errors": sorted(p.code for p in r.errors if p.code not in NEW_FINDINGS and not _new_rule(p.code)),
            "warnings": sorted(p.code for p in r.warnings if p.code not in NEW_FINDINGS and not _new_rule(p.code)),
            "new_rule_errors": any(_new_rule(p.code) for p in r.errors),
        }
        for r in report.results
    }


@pytest.mark.parametrize("name", sorted(BEFORE))
def test_old_drafts_keep_their_verdict(name):
    letter = storage.load(LEGACY / name)
    after = _verdict(letter)
    for section, before in BEFORE[name].items():
        got = after[section]
        assert got["errors"] == before["errors"], (section, got, before)
        assert got["warnings"] == before["warnings"], (section, got, before)
        if section != "language" and not got["new_rule_errors"] and not _new_warnings(letter, section):  # point 14: new translation findings
            assert got["status"] == before["status"], (section, got, before)


@pytest.mark.parametrize("name", sorted(BEFORE))
def test_old_drafts_round_trip(name, tmp_path):
    letter = storage.load(LEGACY / name)
    path = tmp_path / name
    storage.save(letter, path)
    saved = json.loads(path.read_text("utf-8"))
    assert saved["format_version"] == storage.FORMAT_VERSION == 8
    again = storage.load(path)
    assert again == letter
    storage.save(again, path)
    assert json.loads(path.read_text("utf-8"))["letter"] == saved["letter"]


def test_format_2_words_become_text_in_the_drafting_language():
    letter = storage.load(LEGACY / "format2-handwritten-ru.mlar")
    assert letter.offences[0].provision.root == {"ru": "ст. 165 УК РМ"}
    assert letter.prior_contact.contacts[0].who.root == {"ru": "Прокурор Попеску / прокурор Коваленко"}
    assert letter.persons[0].birth_place.root == {"ru": "Бельцы"}
    freezing, records, evidence = letter.assistance
    assert freezing.holder.root == {"ru": "ПриватБанк"} and records.institution.root == {"ru": "ПриватБанк"}
    # identifiers stay verbatim
    assert freezing.identifiers == "UA00 0000 0000"


def test_format_2_languages_amounts_and_pseudonyms():
    letter = storage.load(LEGACY / "format2-handwritten-ru.mlar")
    # "русский, English, румынский, эльфийский": three languages CLDR names, one it does not
    assert letter.identification.officer.languages == ["ru", "en", "ro"]
    victim = letter.persons[0]
    assert victim.protected and victim.pseudonym == "V1" and victim.family_name == ""
    freezing, _records, evidence = letter.assistance
    assert freezing.amount.value is None and freezing.amount.currency == ""  # "около 200 тыс." is not guessed
    assert evidence.interpreter_language == "ro"  # "Romanian"
    notes = {n.path: n.original for n in letter.upgrade_notes}
    assert notes == {
        "identification.officer.languages": "русский, English, румынский, эльфийский",
        "assistance[0].amount": "около 200 тыс.",
        # format 5: the records' old "certification: yes" (its default), with no special procedure
        # and so no reason given, is left to the drafter rather than made a procedure
        "assistance[1].procedures.requested": "certification for admissibility: yes",
    }
    # nothing is lost silently: the checker shows each note, naming the field by its label
    report = check(letter, "en", TODAY)
    shown = [p for p in report.problems() if p.code == "upgrade.unconverted"]
    assert len(shown) == 3
    assert any("около 200 тыс." in p.message and "Measure 1" in p.message and "Amount" in p.message for p in shown)
    assert report.result("identification").warnings and any(
        p.code == "upgrade.unconverted" for p in report.result("identification").warnings
    )


def test_format_1_goes_through_both_migrations():
    letter = storage.load(LEGACY / "format1-handwritten-es.mlar")
    assert letter.place.root == {"es": "Madrid"}
    witness, suspect = letter.persons
    assert witness.protected and witness.pseudonym == "T-2"
    assert witness.id_document.type == "passport"
    assert suspect.id_document.type == "other" and suspect.id_document.details.root == {"es": "Libreta de marino"}
    freezing, video = letter.assistance
    assert freezing.amount.value == Decimal("1500.50") and freezing.amount.currency == "EUR"
    assert video.conducting_authority.root == {"es": "Audiencia Nacional"}
    assert letter.upgrade_notes == []


def test_every_draft_in_the_repository_loads_in_format_3():
    root = Path(__file__).parents[1]
    drafts = [p for p in root.rglob("*.mlar") if ".venv" not in p.parts and "build" not in p.parts and "dist" not in p.parts]
    assert len(drafts) >= 5
    for path in drafts:
        letter = storage.load(path)
        assert letter is not None, path


def test_an_upgrade_note_goes_once_the_field_is_entered_again():
    letter = storage.load(LEGACY / "format2-handwritten-ru.mlar")
    assert letter.settle_upgrade_notes("assistance[0].amount")
    assert [n.path for n in letter.upgrade_notes] == ["identification.officer.languages", "assistance[1].procedures.requested"]
    assert not letter.settle_upgrade_notes("assistance[0].amount")
    report = check(letter, "en", TODAY)
    assert [p.path for p in report.problems() if p.code == "upgrade.unconverted"] == [
        "identification.officer.languages", "assistance[1].procedures.requested"]


def test_upgrade_notes_follow_their_measure_and_settle_when_entered_again(tmp_path):
    from mla_writer.model.values import Amount

    letter = storage.load(LEGACY / "format2-handwritten-ru.mlar")
    # reordered: the note follows the freezing measure
    letter.assistance = [letter.assistance[1], letter.assistance[0], letter.assistance[2]]
    paths = [p for p, _n in letter.open_upgrade_notes()]
    assert "assistance[1].amount" in paths
    report = check(letter, "en", TODAY)
    assert any(p.path == "assistance[1].amount" and "Measure 2 (Freezing of assets)" in p.message
               for p in report.problems() if p.code == "upgrade.unconverted")
    # entered again (by the wizard or by hand in the file): settled, and not saved again
    letter.assistance[1].amount = Amount(value=200000, currency="UAH")
    assert "assistance[1].amount" not in [p for p, _n in letter.open_upgrade_notes()]
    path = tmp_path / "x.mlar"
    storage.save(letter, path)
    assert [n["path"] for n in json.loads(path.read_text("utf-8"))["letter"]["upgrade_notes"]] == [
        "identification.officer.languages", "assistance[1].procedures.requested"]  # as upgraded; the item id follows
    # removed: the note goes with its measure
    again = storage.load(LEGACY / "format2-handwritten-ru.mlar")
    del again.assistance[0]
    assert [p for p, _n in again.open_upgrade_notes()] == ["identification.officer.languages", "assistance[0].procedures.requested"]


def test_a_short_real_surname_is_not_taken_for_a_pseudonym():
    data = json.loads((LEGACY / "format2-handwritten-ru.mlar").read_text("utf-8"))
    data["letter"]["persons"][0]["family_name"] = "WU"
    letter = storage.loads(json.dumps(data))
    assert not letter.persons[0].protected and letter.persons[0].family_name == "WU"


def test_hand_written_format_3_values_in_the_ways_people_write_them():
    data = {"format": storage.FORMAT_NAME, "format_version": 3, "letter": {
        "persons": [{"id": "p1", "birth_date": "23.04.1985"}, {"id": "p2", "birth_date": "04.1985"}],
        "assistance": [{"id": "a1", "kind": "freezing", "amount": "EUR 210,000"}]}}
    letter = storage.loads(json.dumps(data))
    assert [p.birth_date for p in letter.persons] == ["1985-04-23", "1985-04"]
    assert letter.assistance[0].amount.value == Decimal("210000") and letter.assistance[0].amount.currency == "EUR"
