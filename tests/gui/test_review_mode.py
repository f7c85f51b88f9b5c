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
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()  # the layout follows a label's new text
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
    window.ask_drafter_name = lambda: "Ion Ceban"  # no office profile: the name is asked once
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
    assert codes == [c for c in review.TRANSITIONS["submitted"] if c != "submitted"]
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
    assert "Срок слишком короткий." in text and "Статус проверки: Передан на проверку" in text


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


# -- the lawyer's trial of issue 13 ----------------------------------------------------------------


def _returned(window, qtbot, path):
    reviewer = window.open_for_review(path)
    qtbot.addWidget(reviewer)
    reviewer.name_edit.setText("Anna Popescu")
    _comment(reviewer, "urgency.deadline", "Too short.")
    assert _set_status(reviewer, "returned")
    return reviewer


def test_the_drafter_without_a_profile_is_asked_a_name_once_and_submit_twice_is_refused(make_window, qtbot, submitted):
    window = make_window("en")
    reviewer = _returned(window, qtbot, submitted)
    assert reviewer.next_status.findData("submitted") < 0  # the drafter submits, not the reviewer
    assert window.open_file(submitted, ask=False)
    asked = []
    window.ask_drafter_name = lambda: asked.append(1) or "Ion Ceban"
    assert window.submit_for_review()
    assert review.state(storage.load(submitted).review).status_events[-1].name == "Ion Ceban"
    errors = []
    window.show_error = lambda title, text: errors.append(text)
    assert not window.submit_for_review()
    assert errors == ["The draft is already submitted for review."] and asked == [1]


def test_the_status_note_is_not_reused_for_resolving_a_comment(make_window, qtbot, submitted):
    window = make_window("en")
    reviewer = _returned(window, qtbot, submitted)
    type_text(reviewer.note_edit, "For the status only")
    reviewer.comment_list.setCurrentRow(0)
    type_text(reviewer.comment_note_edit, "Fixed in version 2")
    assert reviewer.resolve_button.isEnabled()
    reviewer.resolve_button.click()
    resolved = reviewer.letter.review.events[-1]
    assert resolved.kind == "resolve" and resolved.note == "Fixed in version 2"
    assert reviewer.comment_note_edit.text() == ""  # cleared after use
    reviewer.comment_list.setCurrentRow(0)
    reviewer.reopen_button.click()
    assert reviewer.letter.review.events[-1].note == ""


def test_the_versions_tab_of_a_first_review_says_what_it_compares(make_window, qtbot, submitted):
    window = make_window("en")
    reviewer = window.open_for_review(submitted)
    qtbot.addWidget(reviewer)
    assert reviewer.from_box.currentData() == 1 and reviewer.to_box.currentData() == 0
    assert reviewer.compared_label.text() == "Compared: version 1 \u2192 the draft as it is now"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_change_after_approval_is_shown_to_the_drafter_and_the_reviewer(make_window, qtbot, submitted, lang):
    from mla_writer.i18n import ui_gettext

    warning = ui_gettext(lang)("The letter was changed after it was approved: these changes were not approved.")
    refusal = ui_gettext(lang)("The letter was changed after it was approved: submit it again or return it "
                               "for changes before sending it.")
    window = make_window(lang)
    reviewer = window.open_for_review(submitted)
    qtbot.addWidget(reviewer)
    reviewer.name_edit.setText("Anna Popescu")
    assert _set_status(reviewer, "approved")
    assert window.open_file(submitted, ask=False)
    assert warning not in window.review_banner.text()
    window.session.set("urgency.deadline", dt.date(2027, 9, 1))
    window.run_check()
    qtbot.waitUntil(lambda: warning in window.review_banner.text())
    _shot(window, f"drafter-changed-{lang}.png")
    assert window.save_draft()
    reviewer2 = window.open_for_review(submitted)
    qtbot.addWidget(reviewer2)
    assert reviewer2.changed_label.isVisible() and warning in reviewer2.changed_label.text()
    assert (reviewer2.from_box.currentData(), reviewer2.to_box.currentData()) == (1, 0)  # the approved version
    assert "2027" in reviewer2.diff_view.toPlainText() and reviewer2.diff_view.toPlainText().count("\u2192") == 1
    reviewer2.tabs.setCurrentIndex(3)
    _shot(reviewer2, f"review-changed-{lang}.png")
    assert reviewer2.next_status.findData("sent") >= 0
    assert not _set_status(reviewer2, "sent")  # refused until approved again
    assert reviewer2.error_box.text() == refusal


def test_the_wizard_notices_a_middle_event_edited_with_the_same_count_and_head(make_window, qtbot, submitted):
    from mla_writer.gui import review_marks

    window = make_window("en")
    _returned(window, qtbot, submitted)
    letter = storage.load(submitted)
    assert review_marks.chain_intact(letter)
    letter.review.events[1].text = "Edited elsewhere."  # same number of events, same head
    assert not review_marks.chain_intact(letter)


def test_a_reviewer_acting_after_the_drafter_saved_keeps_the_drafters_letter(make_window, qtbot, submitted):
    window = make_window("en")
    reviewer = window.open_for_review(submitted)
    qtbot.addWidget(reviewer)
    reviewer.name_edit.setText("Anna Popescu")
    drafter = storage.load(submitted)
    drafter.urgency.deadline = dt.date(2027, 9, 1)
    storage.save(drafter, submitted)
    _comment(reviewer, "urgency.deadline", "Still too short.")
    saved = storage.load(submitted)
    assert saved.urgency.deadline == dt.date(2027, 9, 1)
    assert [c.text for c in review.state(saved.review).comments] == ["Still too short."]
    assert review.verify(saved.review) == []
