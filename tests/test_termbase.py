"""The termbase: the shipped UN glossary, the user's entries, advice on translations, TBX (mla_writer.termbase)."""

from __future__ import annotations

import json

import pytest

from mla_writer import termbase
from mla_writer.termbase import FORBIDDEN, PREFERRED, Concept, Term, TermbaseError


def test_the_shipped_glossary_holds_the_design_terms_in_the_four_languages():
    tb = termbase.load()
    by_id = {c.id: c for c in tb.concepts}
    assert by_id["un-requested-state"].usable("ru") == ["запрашиваемое государство"]
    assert by_id["un-mla"].usable("fr") == ["entraide judiciaire"]
    assert by_id["un-requested-state"].usable("es") == ["Estado requerido"]
    assert all(c.usable(lang) for c in tb.concepts for lang in ("en", "fr", "ru", "es"))
    assert not tb.user_concepts()
    pair = {e.concept.id: e for e in tb.entries("fr", "es")}
    assert pair["un-requesting-state"].source_terms == ("État requérant",)
    assert pair["un-requesting-state"].target == "Estado requirente"


def test_terms_are_found_in_their_inflected_and_plural_forms_longest_first():
    entries = termbase.load().entries("fr", "es")
    text = "La demande d\u2019entraide judiciaire vise les États requis et l'autorité centrale."
    found = [(h.found, h.entry.target) for h in termbase.find(text, entries)]
    assert found == [("demande d\u2019entraide judiciaire", "solicitud de asistencia judicial recíproca"),
                     ("États requis", "Estado requerido"), ("autorité centrale", "autoridad central")]
    ru = termbase.load().entries("ru", "en")
    found = [h.entry.target for h in termbase.find("направить запрашиваемому государству и центральному органу", ru)]
    assert found == ["requested State", "central authority"]
    # a requesting State is not a requested one
    assert [h.entry.target for h in termbase.find("l'État requérant", entries)] == ["Estado requirente"]


def test_advice_on_a_forbidden_variant_and_a_missing_target_term():
    entries = termbase.load().entries("fr", "es")
    source = "Le principe de la double incrimination est respecté par l'État requis."
    advice = termbase.advise(source, "Se respeta el principio de la doble criminalidad en el Estado requerido.", entries)
    assert [(a.kind, a.entry.concept.id, a.variant) for a in advice] == [
        ("forbidden", "un-dual-criminality", "doble criminalidad"),
        ("missing", "un-dual-criminality", "double incrimination"),
    ]
    good = "Se respeta el principio de la doble incriminación en el Estado requerido."
    assert termbase.advise(source, good, entries) == []
    assert termbase.advise(source, "", entries) == []  # nothing translated yet: nothing to say
    advice = termbase.advise(source, "Se respeta el principio de la doble incriminación en el Estado requirente.", entries)
    assert [(a.kind, a.entry.target) for a in advice] == [("missing", "Estado requerido")]


def test_the_users_entries_are_kept_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MLA_WRITER_DATA_DIR", str(tmp_path / "data"))
    tb = termbase.load()
    concept = tb.add("fr", "es", "commission rogatoire", "comisión rogatoria", note="CPP art. 151",
                     forbidden=["carta rogatoria "])
    path = termbase.save_user(tb)
    assert path == tmp_path / "data" / "termbase.json"
    saved = json.loads(path.read_text("utf-8"))
    assert [c["id"] for c in saved["concepts"]] == [concept.id]  # the shipped glossary is not copied
    again = termbase.load()
    entry = next(e for e in again.entries("fr", "es") if e.concept.user)
    assert (entry.source_terms, entry.target, entry.forbidden, entry.note) == (
        ("commission rogatoire",), "comisión rogatoria", ("carta rogatoria",), "CPP art. 151")
    assert again.entries("es", "fr")  # usable the other way too
    assert again.remove(entry.concept.id) and not again.remove("un-mla")
    with pytest.raises(TermbaseError, match="both"):
        tb.add("fr", "es", "x", " ")


def test_a_damaged_user_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "termbase.json"
    path.write_text("{not json", "utf-8")
    with pytest.raises(TermbaseError, match="not valid JSON"):
        termbase.load(path)
    path.write_text(json.dumps({"format": "mla-writer-termbase", "concepts": [{"terms": {"fr": [{"text": "x", "status": "odd"}]}}]}))
    with pytest.raises(TermbaseError, match="entry 1"):
        termbase.load(path)
    assert "odd" in path.read_text("utf-8")


def test_tbx_round_trip_keeps_terms_statuses_and_notes():
    concepts = [c for c in termbase.load().concepts if c.id in ("un-dual-criminality", "un-untoc")]
    concepts.append(Concept("mine", {"fr": [Term("commission rogatoire")], "ru": [Term("судебное поручение"),
                                                                                   Term("рогаторное письмо", FORBIDDEN)]},
                            "à vérifier", user=True))
    data = termbase.export_tbx(concepts)
    assert b"<martif" in data and b"deprecatedTerm-admn-sts" in data
    back = termbase.import_tbx(data)
    assert [(c.id, c.terms, c.note) for c in back] == [(c.id, c.terms, c.note) for c in concepts]
    assert all(c.user for c in back)
    tb = termbase.load()
    assert termbase.merge(tb, back) == 1  # the two shipped concepts are there already
    assert [c.id for c in tb.user_concepts()] == ["mine"]


def test_tbx_from_another_tool_is_read_and_garbage_refused():
    other = """<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="t1"><descrip type="definition">Seizing goods</descrip>
<langSet xml:lang="en"><tig><term>seizure</term></tig></langSet>
<langSet xml:lang="es-ES"><tig><term>incautación</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
<tig><term>secuestro</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>""".encode()
    (concept,) = termbase.import_tbx(other)
    assert concept.terms == {"en": [Term("seizure", PREFERRED)],
                             "es": [Term("incautación", "admitted"), Term("secuestro", FORBIDDEN)]}
    assert concept.note == "Seizing goods"
    with pytest.raises(TermbaseError, match="not a TBX glossary"):
        termbase.import_tbx(b"<html><body>no</body></html>")
    with pytest.raises(TermbaseError, match="not a TBX glossary"):
        termbase.import_tbx(b"\x00\x01 binary")
    with pytest.raises(TermbaseError, match="holds no term"):
        termbase.import_tbx(b'<martif type="TBX"><text><body></body></text></martif>')


# -- issue 14 trial: false warnings, duplicates, notes per language ------------------------------


def test_a_single_common_word_is_not_taken_for_the_legal_term_but_the_full_phrase_is():
    entries = termbase.load().entries("fr", "es")
    assert termbase.find("Saisie d'un gel douche et d'un flacon de parfum.", entries) == []
    hits = termbase.find("Le gel des avoirs est demandé.", entries)
    assert [(h.found, h.entry.target) for h in hits] == [("gel des avoirs", "embargo preventivo")]
    ru = termbase.load().entries("ru", "en")
    assert termbase.find("Арест подозреваемого произведён 3 марта.", ru) == []
    assert [h.found for h in termbase.find("Наложен арест имущества.", ru)] == ["арест имущества"]
    # a user's own single word is meant as a term: it is found
    tb = termbase.load()
    tb.add("fr", "es", "commission", "comisión")
    assert [h.found for h in termbase.find("La commission a siégé.", tb.entries("fr", "es"))] == ["commission"]


def test_a_declared_feminine_form_counts_as_the_target_term():
    entries = termbase.load().entries("fr", "es")
    source = "Le juge d'instruction a délivré la demande."
    assert termbase.advise(source, "La jueza de instrucción expidió la solicitud.", entries) == []
    assert [a.kind for a in termbase.advise(source, "La magistrada expidió la solicitud.", entries)] == ["missing"]


def test_an_identical_entry_is_not_added_twice():
    tb = termbase.load()
    tb.add("fr", "es", "commission rogatoire", "comisión rogatoria")
    with pytest.raises(TermbaseError) as refused:
        tb.add("fr", "es", "Commission  rogatoire", "comisión rogatoria")
    assert refused.value.kind == "duplicate" and len(tb.user_concepts()) == 1
    with pytest.raises(TermbaseError):  # a shipped entry too
        tb.add("fr", "es", "État requis", "Estado requerido")


def test_notes_are_written_per_language_and_kept_by_the_users_file(tmp_path):
    by_id = {c.id: c for c in termbase.load().concepts}
    mla = by_id["un-mla"]
    assert (mla.note_in("en"), mla.note_in("ru"), mla.note_in("fr"), mla.note_in("es")) == (
        "UNTOC, art. 18", "КТОП, ст. 18", "CTO, art. 18", "UNTOC/Convención de Palermo, art. 18")
    tb = termbase.Termbase([Concept("user-1", {"fr": [Term("a b")], "es": [Term("c d")]}, "n", True, {"en": "n", "ru": "н"})])
    path = termbase.save_user(tb, tmp_path / "termbase.json")
    again = termbase.load(path).user_concepts()[0]
    assert again.note_in("ru") == "н" and again.note_in("fr") == "n"


def test_a_broken_tbx_is_refused_with_a_kind_the_ui_can_translate():
    for data, kind in ((b"<martif><text><body><termEntry>", "not_tbx"), (b"\x00\x01garbage", "not_tbx")):
        with pytest.raises(TermbaseError) as refused:
            termbase.import_tbx(data)
        assert refused.value.kind == kind
    again = termbase.import_tbx(termbase.export_tbx(termbase.load().concepts, "fr"))
    tb = termbase.load()
    assert termbase.merge(tb, again) == 0  # its own export: every entry is already there


def test_tbx_keeps_the_notes_written_per_language():
    shipped = [c for c in termbase.load().concepts if c.id == "un-mla"]
    again = termbase.import_tbx(termbase.export_tbx(shipped, "fr"))
    assert again[0].note_in("ru") == "КТОП, ст. 18" and again[0].note_in("es") == "UNTOC/Convención de Palermo, art. 18"
    assert again[0].note_in("en") == "UNTOC, art. 18"
