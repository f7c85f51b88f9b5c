"""The translation workspace's domain: progress, stale translations, point 14 (mla_writer.translation)."""

from __future__ import annotations

import pytest

from mla_writer import fields, storage, translation
from mla_writer.assets import get_asset
from mla_writer.checklist import check
from mla_writer.model import LetterOfRequest, MLText, Person, ml


def french_only(name: str = "trafficking-fr-md") -> LetterOfRequest:
    """A shipped sample with its free text in French only, its letter to be in Spanish."""
    letter = storage.load(get_asset("resources", "samples", f"{name}.mlar"))
    for _path, _field, text in list(fields.text_fields(letter)):
        for lang in list(text.languages()):
            if lang != "fr":
                text.set(lang, "")
    letter.output_language = "es"
    return letter


def small_letter() -> LetterOfRequest:
    letter = LetterOfRequest(drafting_language="fr", output_language="es")
    letter.facts.summary = ml(fr="Les faits.")
    letter.dual_criminality = ml(fr="Punissable en Espagne.")
    letter.persons = [Person(id="p1", birth_place=ml(fr="Lyon")), Person(id="p2", birth_place=ml(fr="Nice"))]
    return letter


def test_progress_counts_fields_per_point_and_overall():
    letter = small_letter()
    p = translation.progress(letter, "es")
    assert (p.overall.done, p.overall.total) == (0, 4)
    letter.facts.summary.set("es", "Los hechos.")
    translation.record(letter, "facts.summary", "es", "fr")
    letter.persons[1].birth_place.set("es", "Niza")
    p = translation.progress(letter, "es")
    assert (p.overall.done, p.overall.total, p.overall.stale) == (2, 4, 0)
    assert (p.by_point["facts"].done, p.by_point["facts"].total) == (2, 3)  # summary and the persons' places
    assert (p.by_point["offences"].done, p.by_point["offences"].total) == (0, 1)  # dual criminality is point 9
    assert p.states["persons[0].birth_place"] == translation.MISSING
    assert p.states["persons[1].birth_place"] == translation.CURRENT
    # French is the source everywhere: all done toward French
    assert translation.progress(letter, "fr").overall.complete


def test_a_source_edit_marks_exactly_that_field_stale():
    letter = small_letter()
    for path in ("facts.summary", "persons[0].birth_place", "persons[1].birth_place"):
        fields.value_at(letter, path).set("es", "traducido")
        translation.record(letter, path, "es", "fr")
    assert translation.stale_paths(letter, "es") == []
    letter.persons[0].birth_place.set("fr", "Lyon (Rhône)")
    assert translation.stale_paths(letter, "es") == ["persons[0].birth_place"]
    assert translation.progress(letter, "es").overall.stale == 1
    # the mark follows its person when the list is reordered
    letter.persons.reverse()
    assert translation.stale_paths(letter, "es") == ["persons[1].birth_place"]
    # translated again (recorded from the source as it is now): current again
    translation.record(letter, "persons[1].birth_place", "es", "fr")
    assert translation.stale_paths(letter, "es") == []


def test_typing_in_the_wizard_beside_the_drafting_language_is_a_translation():
    letter = small_letter()
    letter.facts.summary.set("es", "Los hechos.")
    translation.note_typed(letter, "facts.summary", "es")
    letter.facts.summary.set("fr", "Les faits, autrement.")
    assert translation.stale_paths(letter, "es") == ["facts.summary"]
    letter.facts.summary.set("es", "Los hechos, de otro modo.")
    translation.note_typed(letter, "facts.summary", "es")
    assert translation.stale_paths(letter, "es") == []
    translation.note_typed(letter, "facts.summary", "fr")  # the drafting language is never a translation
    assert [m.target for m in letter.translation.marks] == ["es"]


def test_point_14_follows_untranslated_and_stale_text():
    letter = french_only()
    letter.language.accepted_languages = ["es"]
    result = check(letter, "en").result("language")
    untranslated = [p for p in result.errors if p.code == "language.untranslated"]
    assert len(untranslated) == translation.progress(letter, "es").overall.total > 50
    for unit in translation.units(letter):
        unit.text.set("es", "[es] " + unit.text.get("fr"))
        translation.record(letter, unit.path, "es", "fr")
    result = check(letter, "en").result("language")
    assert result.errors == [] and result.state == "complete"
    letter.facts.summary.set("fr", letter.facts.summary.get("fr") + " Ajout.")
    result = check(letter, "en").result("language")
    assert [(p.code, p.path) for p in result.errors] == [("language.stale", "facts.summary")]
    assert "Spanish" in result.errors[0].message and "Summary" in result.errors[0].message
    assert check(letter, "ru").result("language").errors[0].message.startswith("Перевод на испанский устарел")


def test_the_marks_survive_saving_and_an_older_format_loads(tmp_path):
    letter = small_letter()
    letter.facts.summary.set("es", "Los hechos.")
    translation.record(letter, "facts.summary", "es", "fr")
    translation.ensure_draft_id(letter)
    storage.save(letter, tmp_path / "x.mlar")
    again = storage.load(tmp_path / "x.mlar")
    assert again.translation == letter.translation and len(again.translation.draft_id) == 32
    old = storage.load(get_asset("resources", "samples", "witness-transfer-fr-ch.mlar"))  # format 6
    assert old.translation.marks == [] and old.translation.draft_id == ""


def test_record_refuses_a_path_that_does_not_exist():
    with pytest.raises((LookupError, AttributeError)):
        translation.record(small_letter(), "persons[5].birth_place", "es", "fr")
    assert isinstance(small_letter().facts.summary, MLText)


def test_fields_that_would_read_the_same_are_told_apart_by_their_group():
    letter = french_only()
    found = translation.units(letter)
    names = translation.labels(letter, found, "en")
    assert names["identification.requesting_authority.name"] == "Authority making the request: Name of the authority"
    assert names["identification.conducting_authority.name"].endswith(": Name of the authority")
    assert names["facts.summary"] == "Summary of the relevant facts"  # unique: as the wizard labels it
    per_point = [(u.point.id, names[u.path]) for u in found]
    assert len(per_point) == len(set(per_point))


def test_fields_come_item_by_item_and_point_14_tells_the_two_authorities_apart():
    from mla_writer.checklist import check

    letter = french_only()
    paths = [u.path for u in translation.units(letter)]
    persons = [p for p in paths if p.startswith("persons[")]
    indexes = [int(p.split("[")[1].split("]")[0]) for p in persons]
    assert indexes == sorted(indexes)  # Person 1's fields, then Person 2's ...
    assert paths.index("offences[0].law_excerpt") < paths.index("offences[1].name")
    letter.identification.conducting_authority.name.set("fr", "Parquet de Paris")
    messages = [p.message for p in check(letter, "en").result("language").errors
                if p.path.startswith("identification.") and p.path.endswith("authority.name")]
    assert len(messages) == 2 and len(set(messages)) == 2, messages
    assert any("Authority making the request: Name of the authority" in m for m in messages)


def test_editing_the_source_of_a_translation_nobody_marked_makes_it_stale():
    """A draft whose other-language text carries no mark (a sample, a draft from before marks
    were kept): editing the drafting language's text in the wizard first marks the others as
    translations of the text as it was, so the edit makes them stale, not silently out of date."""
    letter = small_letter()
    letter.facts.summary.set("es", "Los hechos.")
    letter.persons[0].birth_place.set("es", "Lyon")
    assert letter.translation.marks == []
    translation.note_source_edit(letter, "facts.summary", "fr")
    letter.facts.summary.set("fr", "Les faits, et une phrase ajoutée.")
    assert translation.stale_paths(letter, "es") == ["facts.summary"]
    assert "language.stale" in [p.code for p in check(letter, "en").problems()]
    # a field not edited keeps no mark; an edit in another language than the drafting one marks nothing
    assert [m.path for m in letter.translation.marks] == ["facts.summary"]
    translation.note_source_edit(letter, "persons[0].birth_place", "es")
    assert [m.path for m in letter.translation.marks] == ["facts.summary"]
    # a second edit keeps the first mark (the translation is of the text before both edits)
    translation.note_source_edit(letter, "facts.summary", "fr")
    letter.facts.summary.set("fr", "Les faits, encore autrement.")
    assert translation.stale_paths(letter, "es") == ["facts.summary"]
