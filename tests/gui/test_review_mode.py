"""Review mode (issue 13): a central authority takes a draft from submitted to returned with two
comments on fields, the drafter sees them beside the fields and in the sidebar, fixes them and
submits again, and the reviewer resolves the comments and approves. Comments never reach the letter."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil

import pytest
from PySide6.QtWidgets import QLabel

from mla_writer import review, storage
from mla_writer.points import POINT_BY_ID

from .helpers import type_text

SHOTS = os.environ.get("MLA_REVIEW_SHOTS")  # a folder: the test saves screenshots there


@pytest.fixture
def submitted(tmp_path, example_path):
    path = tmp_path / "case.mlar"
    shutil.copy(example_path, path)
    letter = storage.load(path)
    review.set_status(letter, "submitted", review.Actor("Ion Ceban", "Prosecutor"))
    storage.save(letter, path)
    return path


def _records(letter) -> int:
    return next(i for i, m in enumerate(letter.assistance) if m.kind == "records")


def _comment(window, target: str, text: str) -> None:
    assert window.select_target(target), target
    type_text(window.comment_edit, text)
    assert window.add_comment()


def _set_status(window, code: str, note: str = "") -> bool:
    window.next_status.setCurrentIndex(window.next_status.findData(code))
    if note:
        type_text(window.note_edit, note)
    return window.change_status()


def _comment_labels(page) -> list[str]:
    return [label.text() for label in page.findChildren(QLabel, "reviewComment") if label.isVisible()]


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, name))


@pytest.mark.parametrize("lang", ["en", "ru", "fr", "es"])
def test_submitted_returned_fixed_resubmitted_approved(make_window, qtbot, submitted, lang):
    window = make_window(lang)
    reviewer = window.open_for_review(submitted)
    qtbot.addWidget(reviewer)
    reviewer.name_edit.setText("Anna Popescu")
    reviewer.role_edit.setText("Central authority")
    records = _records(reviewer.letter)
    assert reviewer.next_status.findData("approved") >= 0 and reviewer.next_status.findData("sent") < 0
    _comment(reviewer, "urgency.deadline", "Too short for the bank: give three months.")
    _comment(reviewer, f"assistance[{records}].institution", "Name the bank's head office.")
    assert _set_status(reviewer, "returned", "Two points to fix.")
    assert review.state(storage.load(submitted).review).status == "returned"
    reviewer.tabs.setCurrentIndex(0)
    _shot(reviewer, f"review-{lang}.png")

    # the drafter opens the draft: each comment beside its field, a count per point in the sidebar
    assert window.open_file(submitted, ask=False)
    assert "\u270e 1" in window.sidebar.item(window.sidebar.row_ids.index("urgency")).text()
    assert window.review_banner.isVisible()
    window.go_to(window.step_of_section["urgency"])
    page = window.current_page()
    labels = _comment_labels(page)
    assert len(labels) == 1 and "Too short for the bank" in labels[0]
    (label,) = [w for w in page.findChildren(QLabel, "reviewComment") if w.isVisible()]
    row = label.parentWidget()
    assert page.form.rows["urgency.deadline"][1] is row  # beside the deadline, not elsewhere
    _shot(window, f"drafter-{lang}.png")
    window.go_to(window.step_of_section["assistance"])
    page = window.current_page()
    page.focus_path(f"assistance[{records}].institution")
    qtbot.waitUntil(lambda: any("head office" in t for t in _comment_labels(page)))
    # fixes, then submits again
    window.session.set("urgency.deadline", dt.date(2027, 9, 1))
    institution = window.session.letter.assistance[records].institution.model_copy(deep=True)
    institution.set(window.session.letter.drafting_language, "Banca Centrală, head office")
    window.session.set(f"assistance[{records}].institution", institution)
    assert window.submit_for_review()

    # the reviewer sees the new version and what changed, resolves both comments, approves
    reviewer2 = window.open_for_review(submitted)
    qtbot.addWidget(reviewer2)
    reviewer2.name_edit.setText("Anna Popescu")
    diff = reviewer2.diff_view.toPlainText()
    assert "1 September 2027" in diff or "2027" in diff
    assert not _set_status(reviewer2, "approved")  # two comments still open
    reviewer2.error_box.close()
    for row_index in range(2):
        reviewer2.comment_list.setCurrentRow(row_index)
        assert reviewer2.resolve_button.isEnabled()
        reviewer2.resolve_button.click()
    assert all(c.resolved for c in review.state(reviewer2.letter.review).comments)
    assert _set_status(reviewer2, "approved")
    saved = storage.load(submitted)
    assert review.state(saved.review).status == "approved" and review.verify(saved.review) == []
    assert [e.status for e in saved.review.events if e.kind == "status"] == ["submitted", "returned", "submitted", "approved"]

    # comments never reach the letter
    assert "Too short for the bank" not in reviewer2.letter_view.toPlainText()
    from mla_writer.render import render_html

    assert "head office." not in render_html(saved, saved.output_language)


def test_the_reviewer_cannot_skip_steps_or_act_without_a_name(make_window, qtbot, submitted):
    window = make_window("en")
    reviewer = window.open_for_review(submitted)
    qtbot.addWidget(reviewer)
    codes = [reviewer.next_status.itemData(i) for i in range(reviewer.next_status.count())]
    assert codes == list(review.TRANSITIONS["submitted"])
    reviewer.name_edit.setText("")
    assert not _set_status(reviewer, "returned")
    assert "Give your name" in reviewer.error_box.text()
    assert review.state(storage.load(submitted).review).status == "submitted"


def test_a_hand_edited_history_is_shown_broken_in_the_wizard_and_in_review(make_window, qtbot, submitted):
    data = json.loads(submitted.read_text("utf-8"))
    data["letter"]["review"]["events"][0]["name"] = "Someone else"
    submitted.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    window = make_window("en")
    assert window.open_file(submitted, ask=False)
    assert window.review_banner.isVisible() and "changed outside MLA Writer" in window.review_banner.text()
    reviewer = window.open_for_review(submitted)
    qtbot.addWidget(reviewer)
    assert "BROKEN" in reviewer.chain_label.text()
    assert not reviewer.status_button.isEnabled() and not reviewer.add_button.isEnabled()


def test_a_point_comment_shows_at_the_top_of_its_step(make_window, qtbot, submitted):
    letter = storage.load(submitted)
    review.add_comment(letter, "point:facts", "The facts do not say when the money moved.", review.Actor("A. P."))
    storage.save(letter, submitted)
    window = make_window("en")
    assert window.open_file(submitted, ask=False)
    window.go_to(window.step_of_section["facts"])
    assert any("when the money moved" in t for t in _comment_labels(window.current_page()))
    assert POINT_BY_ID["facts"].id in review.open_counts(window.session.letter)


def test_the_review_window_writes_the_review_report(make_window, qtbot, submitted, tmp_path):
    from docx import Document

    window = make_window("ru")
    reviewer = window.open_for_review(submitted)
    qtbot.addWidget(reviewer)
    reviewer.name_edit.setText("Анна Попеску")
    _comment(reviewer, "urgency.deadline", "Срок слишком короткий.")
    out = tmp_path / "report.docx"
    reviewer.ask_report_path = lambda: str(out)
    assert reviewer.write_report()
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Срок слишком короткий." in text and "Статус: Передан на проверку" in text


def test_name_and_role_come_from_the_office_profile_then_from_the_last_review(make_window, qtbot, submitted):
    from mla_writer.office import Profile, save_profile

    profile = Profile()
    profile.office.signatory.name = "Claire Vasseur"
    profile.office.signatory.title.set("en", "Head of the international cooperation office")
    save_profile(profile)
    window = make_window("en")
    reviewer = window.open_for_review(submitted)
    qtbot.addWidget(reviewer)
    assert (reviewer.name_edit.text(), reviewer.role_edit.text()) == (
        "Claire Vasseur", "Head of the international cooperation office")
    reviewer.name_edit.setText("Anna Popescu")
    reviewer.role_edit.setText("Deputy head")
    _comment(reviewer, "point:urgency", "Check the time limit.")
    event = storage.load(submitted).review.events[-1]
    assert (event.name, event.role) == ("Anna Popescu", "Deputy head")
    again = window.open_for_review(submitted)
    qtbot.addWidget(again)
    assert (again.name_edit.text(), again.role_edit.text()) == ("Anna Popescu", "Deputy head")


def test_a_comment_stays_beside_its_field_when_the_step_is_rebuilt(make_window, qtbot, submitted):
    letter = storage.load(submitted)
    review.add_comment(letter, "urgency.deadline", "Give three months.", review.Actor("A. P."))
    storage.save(letter, submitted)
    window = make_window("en")
    assert window.open_file(submitted, ask=False)
    window.go_to(window.step_of_section["urgency"])
    page = window.current_page()
    page.rebuild()
    qtbot.waitUntil(lambda: any("three months" in t for t in _comment_labels(page)))
    (label,) = [w for w in page.findChildren(QLabel, "reviewComment") if w.isVisible()]
    assert label.parentWidget() is page.form.rows["urgency.deadline"][1]
