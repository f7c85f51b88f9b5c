"""The checklist's kept work gives the report a plain reading gives.

A check reads every field's instances once (:class:`mla_writer.fields.Instances`), finds items
by id once, and keeps what it reads from long texts between checks (:mod:`mla_writer.textmemo`).
Here the report of :func:`mla_writer.checklist.check` is compared, problem by problem and in
order, with a reference check that keeps nothing: every instance read again with
:func:`mla_writer.fields.instances` and :func:`mla_writer.fields.applies`, items found with the
letter's own look-ups, and every text read afresh. Letters: the example broken in each of the
ways tests/test_checklist.py lists, and letters changed at random in many fields at once, each
checked once before it is changed (so a result kept from the text before the change would show).
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

import pytest

from mla_writer import checklist, fields, textscript
from mla_writer.model import MLText, ml
from mla_writer.model.values import Amount
from tests.conftest import TODAY
from tests.test_checklist import RULES

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


# -- the reference: nothing kept ------------------------------------------------------------------


class _PlainTable:
    """:class:`mla_writer.fields.Instances` read straight from the declarations, every time."""

    def __init__(self, letter):
        self.letter = letter

    def rows(self, field):
        return [(path, value, item, fields.applies(self.letter, field, item))
                for path, value, item in fields.instances(self.letter, field)]

    def holds(self, name, item=None):
        return fields.holds(name, self.letter, item)


class _PlainScan(checklist._Scan):
    def __init__(self, letter):
        super().__init__(letter)
        self.table = _PlainTable(letter)

    @property
    def hidden(self):
        return fields.hidden_data(self.letter)

    @property
    def texts(self):
        return list(fields.text_fields(self.letter))

    def texts_of(self, section):
        return [found for found in self.texts if fields.section_id(found[1]) == section]

    def by_id(self, list_name, item_id):
        L = self.letter
        found = {"persons": L.person, "offences": L.offence}.get(list_name)
        if found is not None:
            return found(item_id)
        numbered = (L.measure if list_name == "assistance" else L.annex)(item_id)
        return numbered[1] if numbered else None


def reference_check(letter, lang, monkeypatch):
    """The report of a check that keeps nothing (see the module docstring)."""
    with monkeypatch.context() as m:
        m.setattr(checklist, "_Scan", _PlainScan)
        m.setattr(textscript, "mismatch", textscript._mismatch)
        m.setattr(checklist, "_names_in", checklist._find_names)
        m.setattr(checklist, "_words", checklist._words.__wrapped__)
        m.setattr(checklist, "_lowered", str.lower)
        return checklist.check(letter, lang, today=TODAY)


def _problems(report):
    return [(r.point.id, r.status, [p.to_dict() for p in r.errors], [p.to_dict() for p in r.warnings])
            for r in report.results]


def assert_same_report(letter, lang, monkeypatch):
    fast = checklist.check(letter, lang, today=TODAY)
    plain = reference_check(letter, lang, monkeypatch)
    assert _problems(fast) == _problems(plain)
    return fast


def test_the_reference_keeps_nothing(example, monkeypatch):
    """(The reference really bypasses the kept work: it reads the letter through other functions.)"""
    calls = []
    monkeypatch.setattr(fields.Instances, "rows", lambda self, field: calls.append(field) or [])
    reference_check(example, "en", monkeypatch)
    assert calls == []
    checklist.check(example, "en", today=TODAY)
    assert calls


@pytest.mark.parametrize("mutate", [r[3] for r in RULES], ids=[f"{r[1]}-{i}" for i, r in enumerate(RULES)])
def test_same_report_for_each_broken_rule(example, monkeypatch, mutate):
    checklist.check(example, "en", today=TODAY)  # (what the unbroken letter gives, kept)
    mutate(example)
    report = assert_same_report(example, "en", monkeypatch)
    assert list(report.problems())  # (a letter with something to say)


def test_same_report_in_other_ui_languages(example, monkeypatch):
    for _section, _code, _severity, mutate in RULES[::3]:  # many broken at once
        try:
            mutate(example)
        except (KeyError, IndexError):
            pass  # (one that an earlier one made impossible)
    for lang in ("ru", "fr", "es"):
        assert list(assert_same_report(example, lang, monkeypatch).problems())


def test_a_text_edited_after_a_check_is_read_again(example, monkeypatch):
    """A text that changes between two checks is judged as it is now, not as it was."""
    summary = example.facts.summary
    assert not [p for p in checklist.check(example, "en", today=TODAY).problems() if p.code == "text.wrong_script"]
    summary.set("en", summary.get("ru"))  # Russian typed into the English text
    found = [p.path for p in checklist.check(example, "en", today=TODAY).problems() if p.code == "text.wrong_script"]
    assert found == ["facts.summary"]
    assert_same_report(example, "en", monkeypatch)
    summary.set("en", "The accused " * 40)  # and put right again
    assert not [p for p in checklist.check(example, "en", today=TODAY).problems() if p.code == "text.wrong_script"]
    # a protected person's real name typed into the facts, then taken out again
    protected = next(p for p in example.persons if fields.holds("identity_protected", example, p))
    summary.set("en", summary.get("en") + f" {protected.family_name} said so.")
    assert any(p.code == "facts.protected_name_in_text" for p in checklist.check(example, "en", today=TODAY).problems())
    assert_same_report(example, "en", monkeypatch)
    summary.set("en", "The accused " * 40)
    assert not any(p.code == "facts.protected_name_in_text"
                   for p in checklist.check(example, "en", today=TODAY).problems())


# -- letters changed at random ------------------------------------------------------------------

#: Values a field of each kind is set to: the empty value (None: the default), and wrong or foreign ones.
_VALUES = {
    fields.TEXT: [ml(en="Короткий текст на русском языке о фактах дела.", ru="Short English text about the facts here."),
                  ml(en="x"), ml(ru="Только по-русски, без перевода на другой язык.")],
    fields.VERBATIM: ["ул. Абая, 12, Алматы", "Ionescu", "-", "n/a", "+373 22 00 00 00"],
    fields.STATE: ["XX", "MD", "RO", "EU"],
    fields.TIME: ["25:61", "09:30"],
    fields.TIME_ZONE: ["Mars/Base", "Europe/Chisinau"],
    fields.ANNEX: ["x99"],
    fields.MEASURES: [["a99"], []],
    fields.LANGUAGE: ["zz", "ro"],
    fields.LANGUAGES: [["zz", "ro"], ["en"]],
    fields.AMOUNT: [Amount(value=Decimal("1000")), Amount(value=Decimal("5"), currency="XYZ")],
    fields.BOOL: [True, False],
    fields.YESNO: [True, False, None],
    fields.DATE: [dt.date(2020, 1, 1), dt.date(2030, 1, 1)],
    fields.ID: ["", "p1"],
}
_FIELDS = list(fields.all_fields())
_CONDITIONS = [c for c in fields.CONDITIONS.values() if c.off is not None or c.scope == "letter"]


def _set(letter, path, value):
    *owner, last = fields._steps(path)
    target = letter
    for step in owner:
        target = target[step] if type(step) is int else getattr(target, step)
    if type(last) is int:
        target[last] = value
    else:
        setattr(target, last, value)


def _change(letter, op: int, a: int, b: int, c: int) -> None:
    """One change: a field's value (emptied or set to a wrong value), an answer turned off, or an
    item removed or copied."""
    if op == 0:  # a field's value
        field = _FIELDS[a % len(_FIELDS)]
        found = list(fields.instances(letter, field))
        if not found:
            return
        path, value, _item = found[b % len(found)]
        choices = [None, *_VALUES.get(field.kind, [])]
        new = choices[c % len(choices)]
        if new is None:
            owner_path = path.rpartition("]")[0] + "]" if "]" in path else ""
            owner = fields.value_at(letter, owner_path) if owner_path else letter
            tail = path[len(owner_path) + 1:] if owner_path else path
            new = fields._resolve(type(owner)(), tail)
        elif isinstance(new, (MLText, list)):
            new = copy.deepcopy(new)
    elif op == 1:  # an answer that hides what was entered under it
        cond = _CONDITIONS[a % len(_CONDITIONS)]
        if cond.scope == "letter":
            if cond.answer == "assistance":
                return
            path, new = cond.answer, cond.off
        else:
            items = fields.value_at(letter, cond.scope)
            if not items:
                return
            path, new = f"{cond.scope}[{b % len(items)}].{cond.answer}", copy.deepcopy(cond.off)
    else:  # an item removed, or a copy of it added (the same id twice)
        lists = ["persons", "offences", "assistance", "annexes", "legal_bases"]
        items = getattr(letter, lists[a % len(lists)])
        if not items:
            return
        item = items[b % len(items)]
        if op == 2:
            items.remove(item)
        else:
            items.append(item.model_copy(deep=True))
        return
    try:
        _set(letter, path, new)
    except (ValueError, TypeError, AttributeError):
        pass  # (a value the model refuses: the change is not made)


_changes = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 400), st.integers(0, 50), st.integers(0, 10)),
                    min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=_changes, lang=st.sampled_from(["en", "ru"]), output=st.sampled_from([None, "en", "ru", "fr"]))
def test_same_report_for_letters_changed_at_random(example, monkeypatch, changes, lang, output):
    letter = example.model_copy(deep=True)
    checklist.check(letter, lang, today=TODAY)  # (kept from the letter before the changes)
    for change in changes:
        _change(letter, *change)
    if output is not None:
        letter.output_language = output
    assert_same_report(letter, lang, monkeypatch)


def test_incomplete_in_languages_matches_the_reference(example, monkeypatch):
    """The preview's banner: the sections incomplete in the letter written in another language."""
    example.facts.summary.root.pop("es")
    example.signatory.name = ""
    found = checklist.incomplete_in_languages(example, ["es"], "en", today=TODAY)
    plain = reference_check(example.model_copy(update={"output_language": "es"}), "en", monkeypatch).incomplete()
    assert [(r.point.id, r.errors) for r in found] == [(r.point.id, r.errors) for r in plain]
    assert {"language", "closing"} <= {r.point.id for r in found}


@pytest.mark.parametrize("before", ["Istanbul", "\u0130" * 40 + "stanbul", "\u039f\u0394\u039f\u03a3"], ids=["latin", "dotted-capital-i", "greek"])
def test_a_protected_name_is_found_in_the_right_short_text(example, monkeypatch, before):
    """Short texts are searched joined as one: the name is still placed in the text that holds it,
    also after a text that lowering makes longer (\u0130 becomes two characters)."""
    protected = next(p for p in example.persons if fields.holds("identity_protected", example, p))
    example.addressee.name = ml(en=before)
    example.urgency.urgent = True
    example.urgency.reason = ml(en=f"{protected.family_name.upper()} leaves")
    found = [p.path for p in checklist.check(example, "en", today=TODAY).problems()
             if p.code == "facts.protected_name_in_text"]
    assert found == ["urgency.reason"]
    assert_same_report(example, "en", monkeypatch)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=_changes, hidden_first=st.booleans())
def test_instances_table_reads_as_the_plain_functions(example, changes, hidden_first):
    """fields.Instances: every field's rows are fields.instances with fields.applies, and its
    hidden rows those that do not apply, whichever is asked first."""
    letter = example.model_copy(deep=True)
    for change in changes:
        _change(letter, *change)
    letter.persons.append(letter.persons[0].model_copy(update={"legal_person": True}))  # (some data hidden)
    table = fields.Instances(letter)
    for field in fields.all_fields():
        plain = [(path, value, item, fields.applies(letter, field, item))
                 for path, value, item in fields.instances(letter, field)]
        hidden = [(path, value, item) for path, value, item, ok in plain if not ok]
        if hidden_first:
            assert table.hidden_rows(field) == hidden
        assert list(table.rows(field)) == plain
        assert table.hidden_rows(field) == hidden
    assert [(h.answer, h.paths, h.clear) for h in fields.hidden_data(letter, fields.Instances(letter))] == \
        [(h.answer, h.paths, h.clear) for h in fields.hidden_data(letter)]
    assert list(fields.text_fields(letter, fields.Instances(letter))) == list(fields.text_fields(letter))
