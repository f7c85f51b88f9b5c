"""Next is refused while the step has blocking problems; the message is shown and focus goes there."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from mla_writer.model import ContactEvent, InstrumentBasis, Person

from .helpers import visible_problem_texts

pytestmark = pytest.mark.gui


def _clear(letter, dotted, value):
    obj = letter
    *parents, last = dotted.split(".")
    for name in parents:
        obj = getattr(obj, name)
    setattr(obj, last, value)


# (section id, what to break in the complete example, the rule's code)
RULES = [
    ("parties", lambda L: _clear(L, "requesting_state", ""), "parties.requesting_state_missing"),
    ("parties", lambda L: _clear(L, "requested_state", "FR"), "parties.same_state"),
    ("parties", lambda L: L.addressee.name.root.clear(), "parties.addressee_missing"),
    ("identification", lambda L: L.identification.requesting_authority.name.root.clear(), "identification.requesting_name"),
    ("identification", lambda L: _clear(L, "identification.requesting_authority.address", ""), "identification.requesting_address"),
    ("identification", lambda L: _clear(L, "identification.officer.name", ""), "identification.officer_name"),
    ("prior_contact", lambda L: _clear(L, "prior_contact.had_contact", None), "prior_contact.unanswered"),
    ("prior_contact", lambda L: _clear(L, "prior_contact.contacts", []), "prior_contact.none_listed"),
    ("prior_contact", lambda L: _clear(L, "prior_contact.contacts", [ContactEvent()]), "prior_contact.who"),
    ("other_channels", lambda L: _clear(L, "other_channels.used", None), "other_channels.unanswered"),
    ("acknowledgement", lambda L: L.acknowledgement.authority.root.clear(), "acknowledgement.authority"),
    ("urgency", lambda L: _clear(L, "urgency.deadline", None), "urgency.deadline_missing"),
    ("urgency", lambda L: L.urgency.reason.root.clear(), "urgency.reason_missing"),
    ("confidentiality", lambda L: L.confidentiality.reason.root.clear(), "confidentiality.reason_missing"),
    ("legal_basis", lambda L: _clear(L, "legal_bases", []), "legal_basis.missing"),
    ("legal_basis", lambda L: _clear(L, "legal_bases", [InstrumentBasis()]), "legal_basis.instrument_missing"),
    ("facts", lambda L: L.facts.summary.root.clear(), "facts.summary_missing"),
    ("facts", lambda L: _clear(L, "persons", [*L.persons, Person(id="p9", role="witness")]), "facts.family_name"),
    ("offences", lambda L: _clear(L, "offences", []), "offences.missing"),
    ("offences", lambda L: L.offences[1].max_penalty.root.clear(), "offences.penalty"),
    ("assistance", lambda L: _clear(L, "assistance", []), "assistance.missing"),
    ("assistance", lambda L: L.assistance[2].description.root.clear(), "assistance.description"),
    ("link", lambda L: L.assistance[1].relevance.root.clear(), "link.missing"),
    ("procedures", lambda L: L.assistance[0].procedures.reason.root.clear(), "procedures.reason"),
    ("presence", lambda L: _clear(L.officials_presence, "attendees", []), "presence.who"),
    ("language", lambda L: _clear(L.language, "accepted_languages", []), "language.accepted_missing"),
    ("language", lambda L: (L.facts.summary.set("es", ""), _clear(L, "output_language", "es")), "language.untranslated"),
    ("closing", lambda L: L.place.root.clear(), "closing.place"),
    ("closing", lambda L: _clear(L.signatory, "name", ""), "closing.signatory"),
]


@pytest.mark.parametrize(("section", "breaker", "code"), RULES, ids=[r[2] for r in RULES])
def test_next_is_refused_and_the_problem_shown(make_window, example_path, section, breaker, code):
    window = make_window()
    assert window.open_file(str(example_path))
    window.session.letter.officials_presence.wanted = True
    breaker(window.session.letter)
    window.run_check()
    step = window.step_of_section[section]
    window.go_to(step)
    problem = next(p for p in window.session.report.result(section).errors if p.code == code)
    assert window.go_next() is False
    assert window.current == step
    page = window.current_page()
    assert problem.message in visible_problem_texts(page)
    assert "problem" in window.nav_message.text()
    # Focus went to the page (to the field of the first blocking problem, where there is one).
    focus = QApplication.focusWidget()
    assert focus is not None and page.isAncestorOf(focus)


def test_next_moves_on_when_the_step_is_complete(make_window, example_path):
    window = make_window()
    window.open_file(str(example_path))
    window.go_to(0)
    for step in range(1, len(window.plan)):
        assert window.go_next() is True
        assert window.current == step
    assert window.go_next() is False  # nothing after the review step
    window.go_back()
    assert window.current == len(window.plan) - 2


def test_warnings_do_not_block(make_window, example_path):
    window = make_window()
    window.open_file(str(example_path))
    window.session.letter.addressee.address = ""
    window.run_check()
    window.go_to(window.step_of_section["parties"])
    warning = next(p for p in window.session.report.result("parties").warnings if p.code == "parties.addressee_address")
    assert warning.message in visible_problem_texts(window.current_page())
    assert window.go_next() is True


def test_focus_goes_to_the_first_blocking_field(make_window, example_path):
    window = make_window()
    window.open_file(str(example_path))
    window.session.letter.identification.requesting_authority.address = ""
    window.run_check()
    window.go_to(window.step_of_section["identification"])
    assert not window.go_next()
    editor = window.current_page().problem_map.entries["identification.requesting_authority.address"][0]
    assert QApplication.focusWidget() is editor.edit


def test_problem_of_an_unselected_measure_selects_it(make_window, example_path):
    window = make_window()
    window.open_file(str(example_path))
    window.session.letter.assistance[3].relevance.root.clear()
    window.run_check()
    window.go_to(window.step_of_section["link"])
    assert not window.go_next()
    page = window.current_page()
    lists = page.problem_map.entries["assistance"][0]
    assert lists.list.currentRow() == 3
    assert QApplication.focusWidget() is page.problem_map.entries["assistance[3].relevance"][0].edit

