"""The office profile (mla_writer.office): its fields come from the declarations, the file
round-trips privately, a damaged file is a clear error, and filling never overwrites silently."""

from __future__ import annotations

import os
import stat

import pytest

from mla_writer import fields, office
from mla_writer.model import LetterOfRequest, ml


def sample_office() -> office.Office:
    of = office.Office(requesting_state="MD")
    of.requesting_authority.name = ml(en="Prosecutor General's Office", fr="Parquet général", ru="Генеральная прокуратура")
    of.requesting_authority.address = "26 Banulescu-Bodoni St., Chisinau"
    of.requesting_authority.email = "office@procuratura.md"
    of.officer.name = "Ion Popescu"
    of.officer.position = ml(en="Senior prosecutor", fr="Procureur principal")
    of.officer.languages = ["ro", "en"]
    of.acknowledgement.authority = ml(en="International Cooperation Section", fr="Section de la coopération internationale")
    of.acknowledgement.address = "26 Banulescu-Bodoni St., Chisinau"
    of.place = ml(en="Chisinau", fr="Chisinau")
    of.signatory.name = "Ana Rusu"
    of.signatory.title = ml(en="Prosecutor General", fr="Procureur général")
    return of


def test_office_fields_are_the_declared_fields_under_the_office_paths():
    declared = {f.decl.path for f in office.office_fields()}
    expected = {d.path for d in fields.all_fields()
                if any(d.path == p or d.path.startswith(p + ".") for p in office.PARTS.values()) and "[" not in d.path}
    assert declared == expected
    for f in office.office_fields():
        assert fields.BY_PATH[f.decl.path] is f.decl  # the declaration itself: one label, one kind
        assert office.office_path_of(f.decl.path) == f.office_path
    assert {f.section for f in office.office_fields()} == set(office.SECTIONS)
    assert "identification.officer.position" in declared and "signatory.title" in declared and "place" in declared
    assert "identification.conducting_authority.name" not in declared and "date" not in declared
    assert "requesting_state" in declared and "requested_state" not in declared


def test_profile_round_trip_is_private(tmp_path):
    path = tmp_path / "conf" / "office.json"
    profile = office.Profile(office=sample_office(), fill_new_letters=False)
    assert office.save_profile(profile, path) == path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert office.load_profile(path) == profile
    again = office.Profile(office=office.Office())
    office.save_profile(again, path)  # the previous file is kept, as private as the profile
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.with_name("office.json.bak")).st_mode) == 0o600
    assert office.load_profile(path.with_name("office.json.bak")) == profile
    assert office.load_profile(path) == again


def test_default_path_is_the_config_folder(_private_config_dir):
    assert office.profile_path() == _private_config_dir / "office.json"
    assert office.load_profile() == office.Profile()  # no file yet: an empty profile
    office.save_profile(office.Profile(office=sample_office()))
    assert office.load_profile().office.signatory.name == "Ana Rusu"


@pytest.mark.parametrize("content, problem", [
    (b'{"format": "mla-writer-office", "office": ', "not valid JSON (line 1"),
    (b"\xff\xfe garbage", "not a text file"),
    (b'{"format": "something-else"}', "not an office profile"),
    (b'[1, 2]', "not an office profile"),
    (b'{"format": "mla-writer-office", "office": {"officer": {"name": 5}}}', "office.officer.name"),
    (b'{"format": "mla-writer-office", "office": {"shoe_size": 43}}', "office.shoe_size"),
    (b'{"format": "mla-writer-office", "a": 1, "a": 2}', "damaged"),
])
def test_damaged_profile_is_a_clear_error(tmp_path, content, problem):
    path = tmp_path / "office.json"
    path.write_bytes(content)
    with pytest.raises(office.OfficeError) as caught:
        office.load_profile(path)
    message = str(caught.value)
    assert "office profile" in message and problem in message and "\n" not in message
    assert "Traceback" not in message
    assert path.read_bytes() == content  # left as it was
    fr = caught.value.localized("fr")
    assert fr and fr != message  # said in the UI language
    assert office.fill_new_letter(LetterOfRequest(), path) == []  # a new letter never fails on it


def test_damaged_profile_is_kept_when_saving_over_it(tmp_path):
    path = tmp_path / "office.json"
    path.write_text("{not json", encoding="utf-8")
    office.save_profile(office.Profile(office=sample_office()), path)
    assert path.with_name("office.json.bak").read_text(encoding="utf-8") == "{not json"
    assert office.load_profile(path).office.officer.name == "Ion Popescu"


def test_plan_fills_every_language_and_never_overwrites_typed_text():
    letter = LetterOfRequest(drafting_language="en", output_language="fr")
    letter.identification.officer.name = "Someone Else"
    letter.identification.requesting_authority.name.set("fr", "Parquet de Chisinau")
    plan = office.plan_fill(letter, sample_office())
    fills = {(c.path, c.lang) for c in plan.fills}
    conflicts = {(c.path, c.lang): (c.old, c.new) for c in plan.conflicts}
    assert ("identification.requesting_authority.name", "en") in fills
    assert ("identification.requesting_authority.name", "ru") in fills  # every language the profile holds
    assert conflicts == {
        ("identification.officer.name", None): ("Someone Else", "Ion Popescu"),
        ("identification.requesting_authority.name", "fr"): ("Parquet de Chisinau", "Parquet général"),
    }
    done = office.apply_changes(letter, plan.fills)
    assert letter.identification.officer.name == "Someone Else"  # conflicts are only applied when passed on
    assert letter.identification.requesting_authority.name.get("fr") == "Parquet de Chisinau"
    assert letter.identification.requesting_authority.name.get("en") == "Prosecutor General's Office"
    assert letter.identification.officer.position.get("fr") == "Procureur principal"
    assert letter.identification.officer.languages == ["ro", "en"]
    assert letter.acknowledgement.authority.get("fr") == "Section de la coopération internationale"
    assert letter.signatory.title.get("en") == "Prosecutor General" and letter.place.get("fr") == "Chisinau"
    office.undo_changes(letter, done)
    fresh = LetterOfRequest(drafting_language="en", output_language="fr")
    fresh.identification.officer.name = "Someone Else"
    fresh.identification.requesting_authority.name.set("fr", "Parquet de Chisinau")
    assert letter == fresh


def test_missing_languages_of_an_office():
    of = sample_office()
    assert office.missing_languages(of, ["fr", "en"]) == []
    assert office.missing_languages(of, ["ru", "ru"]) == ["ru"]  # the officer's position has no Russian
    assert office.missing_languages(of, ["ru"], ["identification"]) == ["ru"]
    assert office.missing_languages(of, ["es"], ["acknowledgement"]) == ["es"]
    assert office.missing_languages(office.Office(), ["es"]) == []


def test_undo_leaves_what_was_typed_since():
    letter = LetterOfRequest()
    done = office.apply_changes(letter, office.plan_fill(letter, sample_office()).fills)
    letter.identification.officer.name = "Petru Lungu"  # typed after the filling
    letter.place.set("fr", "Bălți")
    undone = office.undo_changes(letter, done)
    assert letter.identification.officer.name == "Petru Lungu" and letter.place.root == {"fr": "Bălți"}
    assert len(undone) == len(done) - 2
    assert letter.signatory.name == "" and letter.place.get("en") == ""


def test_plan_keeps_to_the_sections_asked_and_to_fields_the_answers_show():
    letter = LetterOfRequest()
    plan = office.plan_fill(letter, sample_office(), ["acknowledgement"])
    assert plan.fills and all(c.path.startswith("acknowledgement.") for c in plan.fills)
    letter.identification.officer_withheld = True  # the officer's details are not given: none filled
    paths = {c.path for c in office.plan_fill(letter, sample_office()).fills}
    assert not any(p.startswith("identification.officer.") for p in paths)
    assert "identification.requesting_authority.name" in paths
    office.apply_changes(letter, office.plan_fill(letter, sample_office()).fills)
    assert office.plan_fill(letter, sample_office()) == office.FillPlan([], [])  # filled once: nothing more


def test_office_from_a_letter_and_back():
    of = sample_office()
    letter = LetterOfRequest()
    office.put_into(letter, of)
    assert office.office_from(letter) == of
    assert of.languages() == ["en", "fr", "ru"]
    assert not of.is_empty() and office.Office().is_empty()


def test_new_letter_is_filled_only_when_the_profile_asks(tmp_path):
    path = tmp_path / "office.json"
    assert office.fill_new_letter(LetterOfRequest(), path) == []  # no profile
    office.save_profile(office.Profile(office=sample_office(), fill_new_letters=False), path)
    assert office.fill_new_letter(LetterOfRequest(), path) == []
    office.save_profile(office.Profile(office=sample_office()), path)
    letter = LetterOfRequest()
    assert office.fill_new_letter(letter, path)
    assert letter.signatory.name == "Ana Rusu"


def test_sources_offer_every_registered_office(tmp_path):
    path = tmp_path / "office.json"

    class PackSource:  # what a State pack will register
        title = "Offices of the pack"

        def offices(self):
            return [office.Office(label="Chisinau district prosecutor", signatory=office.Signatory(name="X Y"))]

    pack = PackSource()
    office.register_source(pack)
    try:
        found = office.available_offices()
        assert [(s, o.label) for s, o in found] == [(pack, "Chisinau district prosecutor")]  # the empty profile offers none
        office.save_profile(office.Profile(office=sample_office()))
        found = office.available_offices()
        assert [type(s).__name__ for s, _o in found] == ["ProfileSource", "PackSource"]
        assert office.ProfileSource(path).offices() == []
    finally:
        office.unregister_source(pack)
    assert pack not in office.sources()
