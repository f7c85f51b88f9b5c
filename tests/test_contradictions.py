"""Issue "contradictions": data an answer hides, rules that read the measures, messages that name the thing.

The walk over the named conditions is built from the declarations (mla_writer.fields), not from
a hand list: every condition that gates fields, flipped, must make the checker report the data it
would drop from the letter, at the answer, until the answer changes back or the data is cleared.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from mla_writer import fields, storage, vocab
from mla_writer.checklist import check
from mla_writer.model import MLText
from mla_writer.model.values import Amount

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "tests" / "data" / "complete_letter.mlar"
TODAY = dt.date(2026, 11, 29)

GATING = sorted({f.when for f in fields.all_fields() if f.when and fields.CONDITIONS[f.when].off is not None})


def _some_value(field: fields.Field):
    """A value of the field's kind that is not its default."""
    kind = field.kind
    if kind == fields.TEXT:
        return MLText.model_validate({lang: "x" for lang in ("en", "fr", "ru", "es")})
    if kind in (fields.DATE,):
        return dt.date(2027, 1, 4)
    if kind == fields.PARTIAL_DATE:
        return "1980"
    if kind == fields.DATETIME:
        return dt.datetime(2027, 1, 4, 8, 0)
    if kind == fields.AMOUNT:
        return Amount(value=1, currency="EUR")
    if kind == fields.CODE:
        return vocab.VOCABULARIES[field.vocab].codes[0]
    if kind == fields.CODES:
        return [vocab.VOCABULARIES[field.vocab].codes[0]]
    if kind == fields.STATE:
        return "MD"
    if kind in (fields.LANGUAGES,):
        return ["ro"]
    if kind == fields.LANGUAGE:
        return "ro"
    if kind == fields.BOOL:
        return True
    return "x"


def _instance_where_it_holds(letter, condition: str):
    """A field gated by ``condition`` and an instance of it where the condition holds."""
    for field in fields.all_fields():
        if field.when != condition or field.kind in (fields.ID, fields.YESNO, fields.BOOL):
            continue
        for path, _value, item in fields.instances(letter, field):
            if fields.holds(condition, letter, item):
                return field, path, item
    return None


@pytest.mark.parametrize("condition", GATING)
def test_every_answer_that_hides_entered_data_is_a_contradiction(condition):
    letter = storage.load(SAMPLE)
    cond = fields.CONDITIONS[condition]
    found = _instance_where_it_holds(letter, condition)
    if found is None:  # make the condition hold first: the opposite of its "off" answer
        target = letter if cond.scope == "letter" else fields.value_at(letter, cond.scope)[0]
        fields._assign(target, cond.answer, "other" if isinstance(cond.off, str) else (not cond.off))
        found = _instance_where_it_holds(letter, condition)
    assert found is not None, condition
    field, path, item = found
    fields._assign(letter, path, _some_value(field))
    assert not [h for h in fields.hidden_data(letter) if h.condition == condition]
    # flip the answer
    answer = cond.answer if cond.scope == "letter" else f"{path[: path.index(']') + 1]}.{cond.answer}"
    fields._assign(letter, answer, cond.off)
    hidden = [h for h in fields.hidden_data(letter) if h.condition == condition]
    assert hidden and path in hidden[0].paths and hidden[0].answer == answer
    report = check(letter, "en", TODAY)
    problems = [p for p in report.problems() if p.code.endswith(".hidden_data") and p.path == answer]
    assert problems, (condition, [p.code for p in report.problems()])
    assert problems[0].severity.value == "error"
    assert "leaves out of the letter" in problems[0].message
    # cleared with consent: nothing hidden, nothing reported
    fields.clear_hidden(letter, hidden[0])
    assert not [h for h in fields.hidden_data(letter) if h.condition == condition]
    assert not [p for p in check(letter, "en", TODAY).problems() if p.code.endswith(".hidden_data") and p.path == answer]


def test_the_letter_of_a_contradicting_draft_is_marked_incomplete():
    """The letter never silently omits entered data: the draft is incomplete, so marked DRAFT."""
    from mla_writer.render import render_html

    letter = storage.load(SAMPLE)
    letter.prior_contact.had_contact = False
    html = render_html(letter, "en", today=TODAY)
    assert "DRAFT" in html and "2." in html


def test_eio_warning_only_when_a_measure_gathers_evidence():
    letter = storage.load(SAMPLE)
    letter.requested_state = "ES"
    assert "legal_basis.eio" in {p.code for p in check(letter, "en", TODAY).problems()}
    letter.assistance = [m for m in letter.assistance if m.kind == "service"]
    assert "legal_basis.eio" not in {p.code for p in check(letter, "en", TODAY).problems()}


def test_reciprocity_alone_needs_the_assurance_beside_a_treaty_it_is_advised():
    from mla_writer.model.letter import ReciprocityBasis

    letter = storage.load(SAMPLE)
    letter.legal_bases = [ReciprocityBasis()]
    codes = {p.code: p.severity.value for p in check(letter, "en", TODAY).problems()}
    assert codes.get("legal_basis.reciprocity_assurance") == "error"
    letter.legal_bases[0].assurance = True
    assert "legal_basis.reciprocity_assurance" not in {p.code for p in check(letter, "en", TODAY).problems()}


@pytest.mark.parametrize("email, phone, address, code", [
    ("name(at)example.org", "", "", "acknowledgement.no_usable_route"),
    ("name(at)example.org", "+33 1 00 00 00 02", "", "acknowledgement.email_format"),  # the phone works: advisory
    ("", "call me", "", "acknowledgement.no_usable_route"),
    ("", "", "", "acknowledgement.where"),
    ("", "", "-", "acknowledgement.no_usable_route"),  # a dash is not an address
    ("ok@example.org", "", "", None),
])
def test_the_acknowledgement_needs_a_route_that_works(email, phone, address, code):
    letter = storage.load(SAMPLE)
    ack = letter.acknowledgement
    ack.email, ack.phone, ack.address, ack.fax = email, phone, address, ""
    found = {p.code for p in check(letter, "en", TODAY).result("acknowledgement").errors + check(letter, "en", TODAY).result("acknowledgement").warnings}
    if code is None:
        assert not found & {"acknowledgement.no_usable_route", "acknowledgement.where", "acknowledgement.email_format"}
    else:
        assert code in found


@pytest.mark.parametrize("lang, words", [
    ("en", ("Measure 1 (Taking evidence or statements)", "p9")),
    ("fr", ("Mesure 1 (Recueil de témoignages ou de dépositions)", "p9")),
    ("ru", ("Мера 1 (Получение свидетельских показаний или заявлений)", "p9")),
    ("es", ("Medida 1 (", "p9")),
])
def test_unknown_references_name_the_id_and_the_measure(lang, words):
    letter = storage.load(SAMPLE)
    letter.assistance[0].person_id = "p9"
    message = next(p.message for p in check(letter, lang, TODAY).problems() if p.code == "assistance.unknown_person")
    assert all(w in message for w in words), message


@pytest.mark.parametrize("lang, fill, correct", [
    ("en", "incomplete", "needs correction"),
    ("fr", "incomplet", "à corriger"),
    ("ru", "не заполнено", "требует исправления"),
    ("es", "incompleto", "requiere corrección"),
])
def test_status_words_tell_missing_from_wrong(lang, fill, correct, tmp_path, capsys):
    from mla_writer import cli

    letter = storage.load(SAMPLE)
    letter.facts.summary = MLText()  # missing
    letter.requested_state = "IC"  # wrong
    path = tmp_path / "x.mlar"
    storage.save(letter, path)
    cli.main(["check", str(path), "--lang", lang, "--today", "2026-11-29"])
    out = capsys.readouterr().out
    facts = next(line for line in out.splitlines() if line.startswith("[!!]  8"))
    parties = next(line for line in out.splitlines() if line.startswith("[!!]   "))
    assert facts.rstrip().endswith(fill) and parties.rstrip().endswith(correct), out
    report = check(letter, "en", TODAY)
    assert report.result("facts").state == "to_fill" and report.result("parties").state == "to_correct"


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es"])
@pytest.mark.parametrize("mutate, expect", [
    (lambda d: d["letter"]["persons"][1].__setitem__("birth_date", "yesterday"), {"en": "Person 2", "fr": "Personne 2", "ru": "Лицо 2", "es": "Persona 2"}),
    (lambda d: d["letter"]["urgency"].__setitem__("deadline", "1979"), {"en": "YYYY-MM-DD", "fr": "AAAA-MM-JJ", "ru": "ГГГГ-ММ-ДД", "es": "AAAA-MM-DD"}),
    (lambda d: d["letter"]["assistance"][3].__setitem__("amount", "lots"), {"en": "Measure 4 (Freezing of assets)", "fr": "Mesure 4 (Gel", "ru": "Мера 4 (", "es": "Medida 4 ("}),
])
def test_load_errors_say_what_is_expected_in_the_ui_language(lang, mutate, expect):
    data = json.loads(SAMPLE.read_text("utf-8"))
    mutate(data)
    with pytest.raises(storage.DraftError) as caught:
        storage.loads(json.dumps(data), "x.mlar")
    text = caught.value.localized(lang)
    assert expect[lang] in text, text
    for pydantic_words in ("Input should", "Value error", "validation error", "type=", "Datetimes provided"):
        assert pydantic_words not in text


def test_a_period_mixing_naive_and_aware_times_is_checked_not_crashed():
    """Editing one date of an electronic-data period in the window can leave one end naive."""
    letter = storage.load(SAMPLE)
    item = next(m for m in letter.assistance if m.kind == "electronic")
    item.period_from = dt.datetime(2026, 3, 1, 8, 0)  # naive
    item.period_to = dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.timezone.utc)
    codes = {p.code for p in check(letter, "en", TODAY).problems()}
    assert "assistance.period_order" in codes
