"""Widgets are bound to model paths; the checklist's problem paths find their fields."""

from __future__ import annotations

import pytest

from mla_writer.gui.session import get_value, join_path, parent_path, parse_path, set_value
from mla_writer.model import LetterOfRequest, Person

pytestmark = pytest.mark.gui


def test_paths_round_trip():
    path = "assistance[2].procedures.reason"
    assert parse_path(path) == ["assistance", 2, "procedures", "reason"]
    assert join_path(parse_path(path)) == path
    assert parent_path(path) == "assistance[2].procedures"
    assert parent_path("assistance[2]") == "assistance"
    assert parent_path("place") is None


def test_set_value_validates_through_the_model():
    letter = LetterOfRequest(persons=[Person(id="p1")])
    set_value(letter, "persons[0].family_name", "  Ceban\x0b ")
    assert get_value(letter, "persons[0].family_name") == "Ceban"
    set_value(letter, "requested_state", "md")
    assert letter.requested_state == "MD"


def test_every_checklist_problem_of_an_empty_letter_has_a_place(make_window):
    """Each problem is shown beside a field of its step, or at the top of the step."""
    window = make_window()
    window.run_check()
    for step in range(len(window.plan) - 1):
        window.go_to(step)
        page = window.current_page()
        for problem in page.blocking(window.session.report):
            assert page.problem_map.target(problem.path) is not None, problem.path
