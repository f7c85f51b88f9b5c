"""Data an answer hides (mla_writer.fields.hidden_data): flipping the answer in the wizard shows
the checker's problem under the answer at once, with "Change the answer back" and "Clear what
was entered…"; clearing asks first, naming the fields. Driven from the declarations: every
condition some field is shown under, and whose answer can be flipped (``Condition.off``)."""

from __future__ import annotations

import re

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from mla_writer import catalogue, fields, vocab
from mla_writer.model import MLText
from mla_writer.model.values import Amount
from mla_writer.storage import load

from .helpers import fill_editor

pytestmark = pytest.mark.gui

#: Every condition a field is shown under whose answer can be flipped, from the declarations.
GATED = sorted({f.when for f in fields.all_fields() if f.when is not None and fields.CONDITIONS[f.when].off is not None})


def _answer_decl(cond):
    pattern = cond.answer if cond.scope == "letter" else f"{cond.scope}[].{cond.answer}"
    if pattern in fields.BY_PATH:
        return fields.BY_PATH[pattern]
    # an answer declared for some kinds of item only ("assistance[search].order_attached")
    return next(f for p, f in fields.BY_PATH.items() if re.sub(r"\[[a-z_]+\]", "[]", p) == pattern)


#: Those whose answer can be set back by the wizard: a tick box, a yes/no question or a choice
#: (not a set of codes: which special procedures were meant cannot be guessed).
RESTORABLE = [n for n in GATED if _answer_decl(fields.CONDITIONS[n]).kind in (fields.BOOL, fields.YESNO, fields.CODE)]


def test_the_declarations_give_conditions_to_test():
    assert {"had_contact", "urgent", "legal_person", "natural_person", "officer_withheld", "procedures_requested"} <= set(GATED)
    assert "procedures_requested" not in RESTORABLE and "urgent" in RESTORABLE


# -- building a letter in which a condition's fields hold data --------------------------------------


def _get(root, path):
    from mla_writer.gui.session import get_value

    return get_value(root, path)


def _set(root, path, value):
    from mla_writer.gui.session import set_value

    set_value(root, path, value)


def _on_value(cond):
    """An answer under which the condition's fields show (the opposite of ``off``)."""
    decl = _answer_decl(cond)
    if decl.kind in (fields.BOOL, fields.YESNO):
        return not cond.off
    codes = vocab.VOCABULARIES[decl.vocab].codes
    if decl.kind == fields.CODE:
        return "other" if "other" in codes else codes[0]
    return [codes[0]]


def _sample(decl, letter, current):
    """Some value of the declaration's kind, other than ``current``."""
    kind = decl.kind
    if kind == fields.TEXT:
        return MLText({"en": "x", "fr": "x", "ru": "x", "es": "x"})
    if kind == fields.VERBATIM:
        return "x"
    if kind == fields.TIME_ZONE:
        return "UTC"
    if kind == fields.DATE:
        return dt.date(2027, 1, 1)
    if kind == fields.DATETIME:
        return dt.datetime(2027, 1, 1, 9, 0)
    if kind == fields.PARTIAL_DATE:
        return "1985"
    if kind == fields.AMOUNT:
        return Amount(value=Decimal("1"), currency="EUR")
    if kind == fields.CODE:
        return next(c for c in vocab.VOCABULARIES[decl.vocab].codes if c != current)
    if kind == fields.CODES:
        return [vocab.VOCABULARIES[decl.vocab].codes[0]]
    if kind == fields.STATE:
        return "FR" if current != "FR" else "DE"
    if kind == fields.LANGUAGE:
        return "fr" if current != "fr" else "de"
    if kind == fields.LANGUAGES:
        return ["fr"]
    if kind in (fields.BOOL, fields.YESNO):
        return not current
    if kind == fields.COUNT:
        return 1
    if kind == fields.PERSON:
        return letter.persons[0].id
    if kind == fields.OFFENCES:
        return [letter.offences[0].id]
    if kind == fields.INSTRUMENT:
        return next(iter(catalogue.instruments()))
    raise AssertionError(f"no sample value for kind {kind!r}")


def _holds(letter, cond, item_path):
    return fields.holds(cond.name, letter, _get(letter, item_path) if item_path else None)


def _hidden_for(letter, name, answer):
    return [h for h in fields.hidden_data(letter) if h.condition == name and h.answer == answer]


def _flipped_copy(letter, cond, answer):
    trial = letter.model_copy(deep=True)
    _set(trial, answer, cond.off)
    return trial


def _new_item(list_path):
    from mla_writer.gui.pages.steps import LISTS

    return LISTS[list_path].factories()[0][1]([])


def _prepare(example_path, name):
    """The example letter, changed so that condition ``name`` holds somewhere with data under it.
    Returns ``(letter, answer path, item path or None)``."""
    letter = load(example_path)
    cond = fields.CONDITIONS[name]
    gated = [f for f in fields.all_fields() if f.when == name and f.kind != fields.ID]
    if cond.scope == "letter":
        item_path = None
        if not _holds(letter, cond, None):
            _set(letter, cond.answer, _on_value(cond))
        for list_path in {f.path.split("[", 1)[0] for f in gated if "[" in f.path}:
            if not _get(letter, list_path):
                _set(letter, list_path, [_new_item(list_path)])
    else:
        items = _get(letter, cond.scope)
        if not items:
            _set(letter, cond.scope, [_new_item(cond.scope)])
            items = _get(letter, cond.scope)
        paths = [f"{cond.scope}[{i}]" for i in range(len(items))]
        holding = [p for p in paths if _holds(letter, cond, p)]
        if holding:  # an item with data under the condition, else any where it holds
            with_data = [p for p in holding if _hidden_for(_flipped_copy(letter, cond, f"{p}.{cond.answer}"), name, f"{p}.{cond.answer}")]
            item_path = (with_data or holding)[0]
        else:
            item_path = next(p for p in paths if _try_on(letter, cond, p))
            _set(letter, f"{item_path}.{cond.answer}", _on_value(cond))
    answer = cond.answer if item_path is None else f"{item_path}.{cond.answer}"
    assert _holds(letter, cond, item_path), name
    if not _hidden_for(_flipped_copy(letter, cond, answer), name, answer):
        # nothing under the answer yet: fill the first of its fields (on the chosen item)
        for decl in gated:
            for path, value, item in fields.instances(letter, decl):
                if item_path is not None and not path.startswith(item_path + "."):
                    continue
                _set(letter, path, _sample(decl, letter, value))
                break
            else:
                continue
            break
    assert _hidden_for(_flipped_copy(letter, cond, answer), name, answer), f"{name}: no data under {answer}"
    return letter, answer, item_path


def _try_on(letter, cond, item_path):
    trial = letter.model_copy(deep=True)
    _set(trial, f"{item_path}.{cond.answer}", _on_value(cond))
    return _holds(trial, cond, item_path)


# -- driving the wizard -------------------------------------------------------------------------------


def _open(window, letter):
    from mla_writer.gui.session import Session

    window.set_session(Session(letter))


def _flip(qtbot, window, answer, value):
    """Show the answer's step, give the answer ``value`` through its editor like a user, and wait
    for the check (run by the edit, no dialog) to report the hidden data at the answer."""
    from mla_writer.points import section_of

    window.go_to(window.step_of_section[section_of(answer).id])
    page = window.current_page()
    page.focus_path(answer)  # selects the person, measure ... in its list
    editor, _label = page.problem_map.entries[answer]
    assert editor.isVisible(), f"{answer}: the answer is not shown"
    fill_editor(window, editor, answer, value, None)
    assert _get(window.session.letter, answer) == value
    qtbot.waitUntil(lambda: bool(_hidden_problems(window, answer)), timeout=3000)
    assert QApplication.activeModalWidget() is None, "flipping an answer must not open a dialog"
    return page


def _hidden_problems(window, answer):
    report = window.session.report
    return [p for p in report.problems() if p.path == answer and p.code.endswith(".hidden_data")] if report else []


def _laid_out(qtbot, buttons):
    """Wait until the buttons have their place (as they have before a user can see them)."""
    shown = [b for b in buttons if b is not None]
    qtbot.waitUntil(lambda: all(b.isVisible() and b.height() > 0 and b.width() > 0 for b in shown), timeout=2000)


def _shown_actions(qtbot, page, answer):
    """The problem label and the buttons shown for the answer (under the answer's own row)."""
    target = page.problem_map.shown_target(answer)
    assert target == answer, f"the problem at {answer} is shown at {target}"
    _editor, label = page.problem_map.entries[target]
    assert label.isVisible() and label.actions is not None and label.actions.isVisible()
    assert any(p.path == answer for p in label.problems)
    buttons = label.actions.buttons[answer]
    _laid_out(qtbot, buttons)
    return label, buttons


def _answer_next_box(accept: bool, seen: list) -> None:
    """Answer the confirmation that is about to open (accept, or cancel); note its text."""
    tries = [0]

    def act():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            tries[0] += 1
            if tries[0] < 300:
                QTimer.singleShot(10, act)
            return
        seen.append((box.windowTitle(), box.text()))
        if accept:
            box.findChild(QPushButton, "confirmClear").click()
        else:
            box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, act)


def _default_at(letter, path):
    """What a fresh letter or item holds at ``path`` (a list the answer hides: nothing)."""
    if path in fields.ITEMS:
        return []
    if "]" in path:
        head, tail = path.rsplit("]", 1)
        owner = _get(letter, head + "]")
        return _get(type(owner)(), tail[1:])
    return _get(type(letter)(), path)


# -- (a) clear what was entered, for every condition ---------------------------------------------------------


@pytest.mark.parametrize("name", GATED)
def test_flipping_an_answer_shows_the_problem_and_clearing_empties_the_fields(qtbot, make_window, example_path, name):
    cond = fields.CONDITIONS[name]
    letter, answer, item_path = _prepare(example_path, name)
    window = make_window()
    _open(window, letter)
    page = _flip(qtbot, window, answer, cond.off)
    (hidden,) = _hidden_for(window.session.letter, name, answer)
    labels = [fields.describe(window.session.letter, p, "en") for p in hidden.paths]
    label, (_back, clear) = _shown_actions(qtbot, page, answer)
    assert clear.isVisible() and clear.text() == "Clear what was entered\u2026"

    seen: list = []
    _answer_next_box(True, seen)
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert seen, "clearing must ask first"
    title, text = seen[0]
    assert title == "Clear what was entered"
    for shown in labels[:12]:
        assert shown in text

    letter = window.session.letter
    assert _hidden_for(letter, name, answer) == []
    for path in hidden.clear:
        assert _get(letter, path) == _default_at(letter, path), path
    assert _get(letter, answer) == cond.off  # the answer stays as given
    assert window.session.dirty and window.isWindowModified()
    assert _hidden_problems(window, answer) == []  # the check ran at once
    page = window.current_page()
    target = page.problem_map.target(answer)
    assert not any(p.code.endswith(".hidden_data") for p in page.problem_map.entries[target][1].problems)


def test_cleared_values_are_gone_from_the_editors_too(qtbot, make_window, example_path):
    """The step is built again from the letter: answering "urgent" again shows empty fields."""
    letter, answer, _item = _prepare(example_path, "urgent")
    window = make_window()
    _open(window, letter)
    page = _flip(qtbot, window, answer, False)
    _label, (_back, clear) = _shown_actions(qtbot, page, answer)
    _answer_next_box(True, [])
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    page = window.current_page()
    fill_editor(window, page.problem_map.entries[answer][0], answer, True, None)
    deadline = page.problem_map.entries["urgency.deadline"][0]
    assert deadline.isVisible() and deadline.value() is None
    reason = page.problem_map.entries["urgency.reason"][0]
    assert reason.edit.toPlainText() == ""
    assert window.session.letter.urgency.deadline is None


# -- (b) change the answer back ---------------------------------------------------------------------------


def _shown_answer(editor):
    from mla_writer.gui.widgets.fields import CheckField, ChoiceField, YesNoField

    if isinstance(editor, CheckField):
        return editor.box.isChecked()
    if isinstance(editor, YesNoField):
        return True if editor.yes.isChecked() else False if editor.no.isChecked() else None
    if isinstance(editor, ChoiceField):
        return editor.combo.currentData()
    raise AssertionError(type(editor).__name__)


@pytest.mark.parametrize("name", GATED)
def test_changing_the_answer_back_keeps_the_data(qtbot, make_window, example_path, name):
    cond = fields.CONDITIONS[name]
    letter, answer, item_path = _prepare(example_path, name)
    window = make_window()
    _open(window, letter)
    page = _flip(qtbot, window, answer, cond.off)
    (hidden,) = _hidden_for(window.session.letter, name, answer)
    before = {p: _get(window.session.letter, p) for p in hidden.paths}
    _label, (back, clear) = _shown_actions(qtbot, page, answer)
    assert clear is not None
    if name not in RESTORABLE:
        assert back is None  # nothing sensible to restore: only clearing is offered
        return
    assert back.isVisible() and back.text() == "Change the answer back"
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    letter = window.session.letter
    assert _holds(letter, cond, item_path)
    assert {p: _get(letter, p) for p in hidden.paths} == before
    assert _hidden_for(letter, name, answer) == []
    # what the answer hides now is another condition's (the officer's details, beside the reason)
    assert len(_hidden_problems(window, answer)) == len([h for h in fields.hidden_data(letter) if h.answer == answer])
    assert window.session.dirty
    page = window.current_page()
    editor, _label = page.problem_map.entries[answer]
    assert _shown_answer(editor) == _get(letter, answer)  # the step shows the answer as it now is
    assert QApplication.activeModalWidget() is None


# -- (c) cancelling the confirmation changes nothing -----------------------------------------------------------


@pytest.mark.parametrize("name", GATED)
def test_cancelling_the_confirmation_changes_nothing(qtbot, make_window, example_path, name):
    cond = fields.CONDITIONS[name]
    letter, answer, _item = _prepare(example_path, name)
    window = make_window()
    _open(window, letter)
    page = _flip(qtbot, window, answer, cond.off)
    before = window.session.letter.model_dump()
    _label, (_back, clear) = _shown_actions(qtbot, page, answer)
    seen: list = []
    _answer_next_box(False, seen)
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert seen
    assert window.session.letter.model_dump() == before
    assert _hidden_for(window.session.letter, name, answer)
    window.run_check()
    assert _hidden_problems(window, answer)
    _shown_actions(qtbot, window.current_page(), answer)


# -- where the answer itself is hidden, and the review step ------------------------------------------------------


def test_data_hidden_by_two_answers_is_reported_under_the_outer_one(qtbot, make_window, example_path):
    """A protected person made a legal person: the pseudonym is gated by "protect this person's
    identity", which itself requires a natural person. The data is reported under the answer
    that hides it ("legal person", whose row is visible), and clearing it clears the pseudonym
    with the rest, so no second problem follows."""
    letter = load(example_path)
    index = next(i for i, p in enumerate(letter.persons) if p.protected and p.pseudonym and not p.legal_person)
    window = make_window()
    _open(window, letter)
    answer = f"persons[{index}].legal_person"
    page = _flip(qtbot, window, answer, True)
    _shown_actions(qtbot, page, answer)
    assert not _hidden_problems(window, f"persons[{index}].protected")
    (problem,) = _hidden_problems(window, answer)
    assert "Pseudonym used in the letter" in problem.message
    _editor, label = page.problem_map.entries[answer]
    _back, clear = label.actions.buttons[answer]
    _laid_out(qtbot, [clear])
    _answer_next_box(True, [])
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    person = window.session.letter.persons[index]
    assert person.pseudonym == "" and not person.protected and person.family_name == ""
    assert not _hidden_problems(window, answer)


def test_the_review_step_offers_the_same_actions(qtbot, make_window, example_path):
    from PySide6.QtCore import QUrl

    from mla_writer.gui.pages.review import CLEAR, RESTORE

    letter, answer, _item = _prepare(example_path, "had_contact")
    window = make_window()
    _open(window, letter)
    _flip(qtbot, window, answer, False)
    window.go_to(len(window.plan) - 1)
    review = window.current_page()
    html = review.report_view.toHtml()
    assert f"{RESTORE}:{answer}" in html and f"{CLEAR}:{answer}" in html
    assert "Change the answer back" in html
    review.report_view.anchorClicked.emit(QUrl(f"{RESTORE}:{answer}"))
    assert window.session.letter.prior_contact.had_contact is True
    assert f"{CLEAR}:{answer}" not in review.report_view.toHtml()
    assert window.current_page() is review  # the review stays where it is

    window.session.letter.prior_contact.had_contact = False
    window.run_check()
    seen: list = []
    _answer_next_box(True, seen)
    review.report_view.anchorClicked.emit(QUrl(f"{CLEAR}:{answer}"))
    assert seen and window.session.letter.prior_contact.contacts == []


@pytest.mark.parametrize("lang", ["fr", "ru", "es"])
def test_the_actions_are_translatable(qtbot, make_window, example_path, lang, monkeypatch):
    """The buttons' texts go through the catalogue of the window's language (checked with a
    stand-in catalogue: the shipped translations come with the .po files)."""
    from mla_writer.gui import hidden, i18n

    stand_in = {hidden.CHANGE_BACK: f"<back {lang}>", hidden.CLEAR: f"<clear {lang}>"}
    real = i18n._
    monkeypatch.setattr(i18n, "_", lambda m: stand_in.get(m) or real(m))
    monkeypatch.setattr(hidden, "_", i18n._)
    letter, answer, _item = _prepare(example_path, "urgent")
    window = make_window(lang)
    _open(window, letter)
    page = _flip(qtbot, window, answer, False)
    _label, (back, clear) = _shown_actions(qtbot, page, answer)
    assert (back.text(), clear.text()) == (f"<back {lang}>", f"<clear {lang}>")


def test_a_long_list_of_fields_is_cut_short_in_the_confirmation_and_given_whole_in_its_details():
    from mla_writer.gui import hidden

    labels = [f"Field {n}" for n in range(1, 16)]
    text, details = hidden.confirm_text(labels)
    assert "\u2022 Field 12" in text and "Field 13" not in text and "\u2026 and 3 more" in text
    assert details.splitlines() == labels
    text, details = hidden.confirm_text(labels[:3])
    assert "\u2022 Field 3" in text and details == ""
