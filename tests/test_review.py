"""The central authority's review (mla_writer.review): status machine, comments, hash chain,
versions and the field-by-field diff."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re

import pytest

from mla_writer import review, storage
from mla_writer.review import Actor, ReviewError

REVIEWER = Actor("Anna Popescu", "Head of the central authority")
DRAFTER = Actor("Ion Ceban", "Prosecutor")
AT = "2026-11-30T09:15:00+02:00"


def _records(letter) -> int:
    return next(i for i, m in enumerate(letter.assistance) if m.kind == "records")


def _returned(letter):
    """submitted -> two comments on fields -> returned."""
    review.set_status(letter, "submitted", DRAFTER, at=AT)
    review.add_comment(letter, "urgency.deadline", "The deadline is too short for the bank.", REVIEWER, at=AT)
    review.add_comment(letter, f"assistance[{_records(letter)}].institution", "Name the bank.", REVIEWER, at=AT)
    review.set_status(letter, "returned", REVIEWER, "See the two comments.", at=AT)
    return letter


# -- status ----------------------------------------------------------------------------------


def test_a_new_draft_is_a_draft_with_an_empty_intact_history(example):
    assert review.state(example.review).status == "draft"
    assert review.verify(example.review) == []


FORBIDDEN = [(a, b) for a, b in itertools.product(review.STATUSES, repeat=2) if b not in review.TRANSITIONS[a]]


@pytest.mark.parametrize("start, target", FORBIDDEN)
def test_a_forbidden_transition_is_refused_and_nothing_is_recorded(example, start, target):
    path = {"draft": [], "submitted": ["submitted"], "returned": ["submitted", "returned"],
            "approved": ["submitted", "approved"], "sent": ["submitted", "approved", "sent"],
            "acknowledged": ["submitted", "approved", "sent", "acknowledged"],
            "executed": ["submitted", "approved", "sent", "executed"],
            "partly_executed": ["submitted", "approved", "sent", "partly_executed"],
            "refused": ["submitted", "approved", "sent", "refused"], "withdrawn": ["withdrawn"]}[start]
    for step in path:
        review.set_status(example, step, REVIEWER, at=AT)
    assert review.state(example.review).status == start
    before = len(example.review.events)
    refusal = "already submitted" if start == target == "submitted" else "cannot become"
    with pytest.raises(ReviewError, match=refusal):
        review.set_status(example, target, REVIEWER, at=AT)
    assert len(example.review.events) == before


def test_the_forbidden_transition_is_said_in_the_ui_language(example):
    with pytest.raises(ReviewError) as caught:
        review.set_status(example, "approved", REVIEWER)
    assert "Approved" in str(caught.value) and "Draft" in str(caught.value)
    assert caught.value.localized("ru") != str(caught.value)


def test_approval_waits_for_every_comment_to_be_resolved(example):
    _returned(example)
    review.set_status(example, "submitted", DRAFTER, at=AT)
    with pytest.raises(ReviewError, match="2 open"):
        review.set_status(example, "approved", REVIEWER, at=AT)
    for comment in review.state(example.review).comments:
        review.resolve(example, comment.id, REVIEWER, at=AT)
    review.set_status(example, "approved", REVIEWER, at=AT)
    assert review.state(example.review).status == "approved"


def test_each_change_records_who_when_and_the_note(example):
    _returned(example)
    event = example.review.events[-1]
    assert (event.name, event.role, event.note, event.status) == (REVIEWER.name, REVIEWER.role, "See the two comments.", "returned")
    assert event.moment().utcoffset() == dt.timedelta(hours=2)
    now = review.set_status(example, "submitted", DRAFTER)  # the present moment, with its offset
    assert review.dt.datetime.fromisoformat(now.at).tzinfo is not None


# -- comments --------------------------------------------------------------------------------


def test_comments_round_trip_through_the_file(example, tmp_path):
    _returned(example)
    review.resolve(example, "c1", REVIEWER, "Fixed.", at=AT)
    review.reopen(example, "c1", REVIEWER, at=AT)
    path = tmp_path / "case.mlar"
    storage.save(example, path)
    again = storage.load(path)
    comments = review.state(again.review).comments
    assert [(c.id, c.target, c.text, c.resolved) for c in comments] == [
        ("c1", "urgency.deadline", "The deadline is too short for the bank.", False),
        ("c2", f"assistance[{_records(again)}].institution", "Name the bank.", False),
    ]
    assert review.verify(again.review) == []
    assert again.review == example.review


def test_comments_never_reach_the_letter(example):
    from mla_writer.checklist import check
    from mla_writer.render import render_html

    plain = render_html(example, "en")
    _returned(example)
    review.add_comment(example, "point:facts", "UNIQUE-COMMENT-MARK Ukrainian names", REVIEWER, at=AT)
    html = render_html(example, "en")
    assert "UNIQUE-COMMENT-MARK" not in html and REVIEWER.name not in html
    assert html == plain
    import io
    import zipfile

    from mla_writer.render import render_docx

    with zipfile.ZipFile(io.BytesIO(render_docx(example, "fr"))) as docx:
        words = "".join(docx.read(name).decode("utf-8", "replace") for name in docx.namelist() if name.endswith(".xml"))
    assert "UNIQUE-COMMENT-MARK" not in words and "too short for the bank" not in words
    report = check(example, "en", today=dt.date(2026, 11, 22))
    assert "UNIQUE-COMMENT-MARK" not in json.dumps(report.to_dict(), ensure_ascii=False)


def test_comments_attach_to_a_point_a_field_or_one_item(example):
    n = _records(example)
    review.add_comment(example, "point:urgency", "a", REVIEWER, at=AT)
    review.add_comment(example, "urgency.deadline", "b", REVIEWER, at=AT)
    review.add_comment(example, f"assistance[{n}]", "c", REVIEWER, at=AT)
    review.add_comment(example, f"assistance[{n}].institution", "d", REVIEWER, at=AT)
    targets = [review.describe_target(example, c, "en") for c in review.state(example.review).comments]
    assert targets[0] == "5. Urgency and time limit"
    assert targets[1].startswith("5. Urgency and time limit \u2014 ")
    assert targets[2] == f"10. Assistance requested \u2014 Measure {n + 1} (Documents and records (bank, corporate, government))"
    assert targets[3].endswith(": Institution holding the records")
    assert review.open_counts(example) == {"urgency": 2, "assistance": 2}


@pytest.mark.parametrize("target", ["point:nowhere", "urgency.nonsense", "assistance[99].institution", "persons[0]x", ""])
def test_a_comment_on_something_the_letter_does_not_have_is_refused(example, target):
    with pytest.raises(ReviewError):
        review.add_comment(example, target, "text", REVIEWER)
    assert example.review.events == []


def test_a_comment_follows_its_item_when_the_list_is_reordered(example):
    n = _records(example)
    review.add_comment(example, f"assistance[{n}].institution", "Name the bank.", REVIEWER, at=AT)
    moved = example.assistance.pop(n)
    example.assistance.insert(0, moved)
    (comment,) = review.state(example.review).comments
    assert review.comment_path(example, comment) == "assistance[0].institution"
    assert [c.id for c in review.open_comments_at(example, "assistance[0].institution")] == [comment.id]
    example.assistance.pop(0)
    assert review.comment_path(example, comment) is None


def test_resolving_twice_or_an_unknown_comment_is_refused(example):
    _returned(example)
    review.resolve(example, "c1", REVIEWER)
    with pytest.raises(ReviewError):
        review.resolve(example, "c1", REVIEWER)
    with pytest.raises(ReviewError):
        review.reopen(example, "c2", REVIEWER)
    with pytest.raises(ReviewError):
        review.resolve(example, "c9", REVIEWER)


# -- the chain -------------------------------------------------------------------------------


def _saved(letter, tmp_path):
    path = tmp_path / "case.mlar"
    storage.save(letter, path)
    return path, json.loads(path.read_text("utf-8"))


def _reload(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return storage.load(path)


def test_an_edited_event_breaks_the_chain(example, tmp_path):
    path, data = _saved(_returned(example), tmp_path)
    data["letter"]["review"]["events"][1]["text"] = "Nothing to say."
    broken = _reload(path, data)
    problems = review.verify(broken.review)
    assert [p.localized("en") for p in problems] == ["Event 2 or event 3 was changed by hand."]
    with pytest.raises(ReviewError, match="broken"):
        review.add_comment(broken, "point:facts", "more", REVIEWER)


def test_a_deleted_event_breaks_the_chain(example, tmp_path):
    path, data = _saved(_returned(example), tmp_path)
    del data["letter"]["review"]["events"][1]
    assert review.verify(_reload(path, data).review)


def test_reordered_events_break_the_chain(example, tmp_path):
    path, data = _saved(_returned(example), tmp_path)
    events = data["letter"]["review"]["events"]
    events[1], events[2] = events[2], events[1]
    events[1]["seq"], events[2]["seq"] = 1, 2
    assert review.verify(_reload(path, data).review)


def test_the_last_event_edited_or_removed_breaks_the_chain(example, tmp_path):
    path, data = _saved(_returned(example), tmp_path)
    data["letter"]["review"]["events"][-1]["note"] = "Approved after all."
    problems = review.verify(_reload(path, data).review)
    assert [p.localized("en") for p in problems] == [
        "Event 4, the last one, was changed by hand, or events after it were removed."]
    path, data = _saved(example, tmp_path)
    data["letter"]["review"]["events"].pop()
    assert review.verify(_reload(path, data).review)


def test_a_broken_chain_is_said_in_every_language(example):
    _returned(example)
    example.review.events[0].note = "edited"
    for lang in ("en", "fr", "ru", "es"):
        lines = review.chain_summary(example.review, lang)
        assert len(lines) >= 2
    assert "BROKEN" in review.chain_summary(example.review, "en")[0]


# -- versions and the diff ----------------------------------------------------------------------


def test_submission_and_return_keep_versions_that_restore_the_letter(example):
    original = example.model_copy(deep=True)
    _returned(example)  # returned unchanged: no second copy, the return refers to version 1
    assert [v.number for v in review.versions(example.review)] == [1]
    assert "(unchanged: version 1)" in review.history_lines(example, "en")[-1]
    example.urgency.deadline = dt.date(2027, 1, 10)
    review.set_status(example, "submitted", DRAFTER, at=AT)
    assert [v.number for v in review.versions(example.review)] == [1, 2]
    assert [c.where for c in review.diff(review.version_letter(example, 1), review.version_letter(example, 2), "en")] \
        == ["Execute by"]
    first = review.version_letter(example, 1)
    assert first.model_dump(exclude={"review"}) == original.model_dump(exclude={"review"})
    assert first.review.events == []
    with pytest.raises(ReviewError):
        review.version_letter(example, 3)


LABELS = {
    "en": ("Execute by", "15 June 2027", "10 January 2027", "Date of birth", "added"),
    "fr": ("À exécuter avant le", "15 juin 2027", "10 janvier 2027", "Date de naissance", None),
    "ru": ("Исполнить до", "15 июня 2027", "10 января 2027", "Дата рождения", None),
    "es": ("Ejecutar antes del", "15 de junio de 2027", "10 de enero de 2027", "Fecha de nacimiento", None),
}


@pytest.mark.parametrize("lang", sorted(LABELS))
def test_the_diff_names_the_fields_by_their_labels_in_each_language(example, lang):
    from mla_writer.i18n import ui_gettext

    old = example.model_copy(deep=True)
    example.urgency.deadline = dt.date(2027, 1, 10)
    example.persons[0].birth_date = None
    lines = [review.describe_change(c, lang) for c in review.diff(old, example, lang)]
    label, before, after, birth, _added = LABELS[lang]
    _ = ui_gettext(lang)
    assert _("Execute by") == label
    assert any(f"5. {_('Urgency and time limit')} \u2014 {label}: " in line and before in line and after in line
               for line in lines), lines
    assert any(birth in line and _("Person {n}").format(n=1) in line for line in lines), lines


def test_the_diff_says_items_added_and_removed_and_text_changed(example):
    old = example.model_copy(deep=True)
    example.assistance.pop(0)
    example.facts.summary.set("en", example.facts.summary.get("en") + " One more sentence.")
    changes = review.diff(old, example, "en")
    kinds = [(c.section.id, c.what) for c in changes]
    assert ("assistance", "removed") in kinds
    text = next(c for c in changes if c.section.id == "facts" and c.what == "changed")
    assert "(English)" in text.where and "One more sentence." in text.after and len(text.after) < 400
    assert review.diff(example, example, "en") == []


def test_an_unchanged_reordered_list_is_no_change(example):
    old = example.model_copy(deep=True)
    example.assistance.reverse()
    changes = review.diff(old, example, "en")
    # renumbered, not changed (only what cites the measures by number reads differently)
    assert [c.where for c in changes if c.what != "moved"] == ["Measures they wish to attend"]
    moved = [c for c in changes if c.what == "moved"]
    assert len(moved) == len(example.assistance) - (len(example.assistance) % 2)
    assert review.describe_change(moved[0], "en") == (f"10. Assistance requested \u2014 {moved[0].where} is now number 1")
    assert moved[0].where.startswith(f"Measure {len(example.assistance)} (")


# -- the old format ------------------------------------------------------------------------------


def test_format_6_review_comments_become_the_history(tmp_path):
    data = json.loads((__import__("pathlib").Path(__file__).parent / "data" / "complete_letter.mlar").read_text("utf-8"))
    data["format_version"] = 6
    data["letter"].pop("review", None)
    data["letter"]["review_comments"] = [
        {"path": "urgency.deadline", "author": "A. Popescu", "created": "2026-11-01T10:00:00", "text": "Too short.",
         "resolved": True},
        {"path": "facts.summary", "author": "A. Popescu", "created": None, "text": "Shorter, please.", "resolved": False},
    ]
    letter = storage.loads(json.dumps(data))
    current = review.state(letter.review)
    assert [(c.target, c.text, c.resolved, c.name) for c in current.comments] == [
        ("urgency.deadline", "Too short.", True, "A. Popescu"), ("facts.summary", "Shorter, please.", False, "A. Popescu")]
    assert review.verify(letter.review) == []
    assert current.comments[0].at == "2026-11-01T10:00:00+00:00"


def test_twenty_versions_of_the_large_case_keep_the_file_manageable(tmp_path):
    """Issue 13: 20 kept versions of the large case (bench/bench_review.py gives the times)."""
    from .test_large_case import _large_case

    letter = _large_case()
    first = letter.urgency.deadline
    path = tmp_path / "large.mlar"
    storage.save(letter, path, backup=False)
    plain = path.stat().st_size
    for i in range(10):  # a copy is kept only when the letter changed: change it each time
        review.set_status(letter, "submitted", DRAFTER, at=AT)
        letter.urgency.deadline = dt.date(2027, 1, 1) + dt.timedelta(days=i)
        review.set_status(letter, "returned", REVIEWER, at=AT)
        letter.urgency.deadline = dt.date(2027, 6, 1) + dt.timedelta(days=i)
    storage.save(letter, path, backup=False)
    again = storage.load(path)
    assert len(review.versions(again.review)) == 20 and review.verify(again.review) == []
    assert path.stat().st_size < plain + 20 * 200_000  # each version compressed to well under 200 kB
    assert review.version_letter(again, 1).urgency.deadline == first


# -- merging the review of a file saved meanwhile (issue 13 trial) --------------------------------


def test_merge_takes_the_files_review_when_it_extends_ours_and_rechains_ours_when_both_grew(example):
    review.set_status(example, "submitted", DRAFTER, at=AT)
    ours = example.review.model_copy(deep=True)
    review.add_comment(example, "urgency.deadline", "Too short.", REVIEWER, at=AT)
    disk = example.review.model_copy(deep=True)
    assert review.merge(ours, disk) == disk and review.merge(disk, ours) == disk
    assert review.grown(ours, disk) == 1 and review.grown(disk, ours) == 0
    # both grew: the drafter commented on their side too
    mine = example.model_copy(deep=True)
    mine.review = ours.model_copy(deep=True)
    review.add_comment(mine, "point:facts", "Facts updated.", DRAFTER, at=AT)
    merged = review.merge(mine.review, disk)
    assert review.verify(merged) == []
    assert [(c.id, c.text) for c in review.state(merged).comments] == [("c1", "Too short."), ("c2", "Facts updated.")]
    # a status change the file's status no longer allows cannot be merged
    review.set_status(example, "returned", REVIEWER, at=AT)
    mine = example.model_copy(deep=True)
    mine.review = ours.model_copy(deep=True)
    review.set_status(mine, "withdrawn", DRAFTER, at=AT)
    assert review.merge(mine.review, example.review) is not None  # returned -> withdrawn is allowed
    review.set_status(example, "withdrawn", REVIEWER, at=AT)
    assert review.merge(mine.review, example.review) is None


def test_a_long_text_is_cut_at_word_boundaries():
    before = " ".join(f"word{i}" for i in range(80))
    after = before.replace("word40", "changed40")
    was, now = review._clip_pair(before, after)
    assert "changed40" in now and "word40" in was
    for text in (was, now):  # no word cut in two: each piece is a whole "wordN" / "changedN"
        pieces = text.replace("\u2026", " ").split()
        assert pieces and all(re.fullmatch(r"(word|changed)\d+", p) for p in pieces), text


def test_the_intact_history_counts_its_events_in_good_english(example):
    review.set_status(example, "submitted", DRAFTER, at=AT)
    assert review.chain_summary(example.review, "en")[0].startswith("The history is intact (1 event);")


def test_a_comment_on_a_removed_item_keeps_the_items_name(example):
    records = _records(example)
    name = __import__("mla_writer.fields", fromlist=["item_name"]).item_name(example, "assistance", records, "en")
    review.set_status(example, "submitted", DRAFTER, at=AT)
    review.add_comment(example, f"assistance[{records}].institution", "Name the bank.", REVIEWER, at=AT)
    del example.assistance[records]
    (comment,) = review.state(example.review).comments
    assert review.describe_target(example, comment, "en") == f"10. Assistance requested \u2014 {name} (no longer in the draft)"
    assert review.describe_target(example, comment, "ru").endswith("(больше нет в черновике)")
