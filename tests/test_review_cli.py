"""``mla-writer history``, ``mla-writer diff`` and ``check`` on a draft's review history."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from mla_writer import review, storage
from mla_writer.cli import main
from mla_writer.review import Actor

from .conftest import EXAMPLE

ASOF = ["--today", "2026-11-22"]
REVIEWER = Actor("Anna Popescu", "Head of the central authority")
AT = "2026-11-30T09:15:00+02:00"


@pytest.fixture
def reviewed(tmp_path):
    letter = storage.load(EXAMPLE)
    review.set_status(letter, "submitted", Actor("Ion Ceban", "Prosecutor"), at=AT)
    review.add_comment(letter, "urgency.deadline", "Too short for the bank.", REVIEWER, at=AT)
    review.set_status(letter, "returned", REVIEWER, "See the comment.", at=AT)
    letter.urgency.deadline = dt.date(2027, 1, 10)
    review.set_status(letter, "submitted", Actor("Ion Ceban", "Prosecutor"), at="2026-12-01T10:00:00+02:00")
    path = tmp_path / "case.mlar"
    storage.save(letter, path)
    return path


def _hand_edit(path):
    data = json.loads(path.read_text("utf-8"))
    data["letter"]["review"]["events"][1]["text"] = "All fine."
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def test_history_prints_the_events_and_an_intact_chain(reviewed, capsys):
    assert main(["history", str(reviewed)]) == 0
    out = capsys.readouterr().out
    assert "Status: Submitted for review" in out.splitlines()[0]
    assert "Anna Popescu, Head of the central authority" in out and "UTC+02:00" in out
    assert "Too short for the bank." in out and "See the comment." in out
    assert "intact (4 events)" in out and "not a signature" in out


def test_history_reports_a_hand_edited_history_as_broken(reviewed, capsys):
    _hand_edit(reviewed)
    assert main(["history", str(reviewed)]) == 1
    out = capsys.readouterr().out
    assert "BROKEN" in out and "Event 2 or event 3 was changed by hand." in out  # event 2 was edited


def test_history_in_russian(reviewed, capsys):
    assert main(["history", str(reviewed), "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "Returned for changes" not in out and "Anna Popescu" in out


def test_check_reports_a_broken_history(reviewed, capsys):
    assert main(["check", str(reviewed), *ASOF]) == 0
    assert "BROKEN" not in capsys.readouterr().out
    _hand_edit(reviewed)
    assert main(["check", str(reviewed), *ASOF]) == 1
    assert "BROKEN" in capsys.readouterr().out
    assert main(["check", str(reviewed), "--json", *ASOF]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["complete"] is True and report["review_history_broken"]


def test_diff_prints_the_changes_field_by_field(reviewed, capsys):
    assert main(["diff", str(reviewed), "--from", "1", "--to", "2"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out == ["5. Urgency and time limit \u2014 Execute by: 15 June 2027 \u2192 10 January 2027"]
    assert main(["diff", str(reviewed), "--from", "2", "--to", "0"]) == 0
    assert capsys.readouterr().out.strip() == "No change between these versions."


def test_diff_of_a_version_the_draft_does_not_keep_is_a_clear_error(reviewed, capsys):
    assert main(["diff", str(reviewed), "--from", "1", "--to", "9"]) == 2
    err = capsys.readouterr().err
    assert "keeps no version 9" in err and "Traceback" not in err


def _docx_text(path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("lang, status", [("en", "Submitted for review"), ("ru", "Передан на проверку")])
def test_the_review_report_gives_status_history_comments_checklist_and_changes(reviewed, tmp_path, lang, status):
    out = tmp_path / "report.docx"
    assert main(["review-report", str(reviewed), "-o", str(out), "--lang", lang, *ASOF]) == 0
    text = _docx_text(out)
    assert status in text and "Anna Popescu" in text
    assert "Too short for the bank." in text  # the comment, under its point
    from mla_writer.i18n import ui_gettext

    _ = ui_gettext(lang)
    assert _("Checklist report") in text and _("Changes since the last submission") in text
    assert _("Since version {n}:").format(n=2) in text or _("No change since version {n}.").format(n=2) in text


def test_the_review_report_lists_the_changes_since_the_last_submission(reviewed, tmp_path):
    letter = storage.load(reviewed)
    letter.urgency.deadline = dt.date(2027, 2, 1)
    storage.save(letter, reviewed)
    out = tmp_path / "report.docx"
    assert main(["review-report", str(reviewed), "-o", str(out), *ASOF]) == 0
    text = _docx_text(out)
    assert "Since version 2:" in text
    assert "5. Urgency and time limit \u2014 Execute by: 10 January 2027 \u2192 1 February 2027" in text


def test_libreoffice_converts_the_review_report(reviewed, tmp_path):
    out = tmp_path / "report.pdf"
    assert main(["review-report", str(reviewed), "-o", str(out), *ASOF]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_the_report_after_approval_shows_the_whole_review_and_who_resolved(reviewed, tmp_path):
    letter = storage.load(reviewed)
    review.resolve(letter, "c1", REVIEWER, "Three months now.", at="2026-12-02T10:00:00+02:00")
    review.set_status(letter, "approved", REVIEWER, at="2026-12-02T10:05:00+02:00")
    storage.save(letter, reviewed)
    out = tmp_path / "report.docx"
    assert main(["review-report", str(reviewed), "-o", str(out), *ASOF]) == 0
    text = _docx_text(out)
    assert "From version 1, first submitted, to version 2, approved:" in text
    assert "Execute by: 15 June 2027 \u2192 10 January 2027" in text
    assert "Resolved by Anna Popescu, Head of the central authority, 2 Dec 2026" in text and "Three months now." in text
    assert "Comment 1 [resolved] Execute by: Too short for the bank." in text  # not under its heading again
    assert "5. Urgency and time limit \u2014 Execute by:" not in text.split("Checklist report")[0]


def test_the_report_in_russian_names_the_reference_as_the_letter_does(reviewed, tmp_path):
    out = tmp_path / "report.docx"
    assert main(["review-report", str(reviewed), "-o", str(out), "--lang", "ru", *ASOF]) == 0
    assert "Исходящий номер запрашивающего органа" in _docx_text(out)


def test_history_and_check_say_the_letter_changed_after_approval(reviewed, capsys):
    letter = storage.load(reviewed)
    review.resolve(letter, "c1", REVIEWER, at=AT)
    review.set_status(letter, "approved", REVIEWER, at=AT)
    storage.save(letter, reviewed)
    assert main(["check", str(reviewed), *ASOF]) == 0
    assert "changed after it was approved" not in capsys.readouterr().out
    letter.urgency.deadline = dt.date(2027, 3, 1)
    storage.save(letter, reviewed)
    assert main(["history", str(reviewed)]) == 0
    out = capsys.readouterr().out
    assert "The letter was changed after it was approved" in out and "version 2" in out
    assert main(["check", str(reviewed), *ASOF]) == 0  # advisory: the exit status is the checklist's
    assert "The letter was changed after it was approved" in capsys.readouterr().out
    assert main(["check", str(reviewed), "--json", *ASOF]) == 0
    assert "approved" in json.loads(capsys.readouterr().out)["review_changed_since"]
