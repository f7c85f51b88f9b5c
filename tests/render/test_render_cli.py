"""``mla-writer render``: exit codes, messages, outputs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from mla_writer.cli import EXIT_INCOMPLETE, EXIT_OK, EXIT_UNREADABLE, main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "complete_letter.mlar"


def test_render_complete_letter(tmp_path, capsys):
    out = tmp_path / "letter.docx"
    assert main(["render", str(EXAMPLE), "-o", str(out), "--today", "2026-11-22"]) == EXIT_OK
    assert zipfile.is_zipfile(out)
    assert capsys.readouterr().err == ""


def test_render_incomplete_letter_writes_a_draft_and_lists_points(tmp_path, capsys):
    out = tmp_path / "letter-es.docx"
    # Spanish output: the requested State does not accept Spanish and no certified
    # translation is announced, so point 14 is incomplete
    assert main(["render", str(EXAMPLE), "--lang", "es", "-o", str(out), "--today", "2026-11-22"]) == EXIT_OK
    assert zipfile.is_zipfile(out)
    err = capsys.readouterr().err
    assert "DRAFT" in err and "14. Language" in err
    assert main(["render", str(EXAMPLE), "--lang", "es", "-o", str(out), "--today", "2026-11-22", "--strict"]) == EXIT_INCOMPLETE


def test_render_empty_draft(tmp_path, capsys):
    from mla_writer import storage
    from mla_writer.model import LetterOfRequest

    draft = tmp_path / "empty.mlar"
    storage.save(LetterOfRequest(), draft)
    out = tmp_path / "empty.docx"
    assert main(["render", str(draft), "-o", str(out)]) == EXIT_OK
    err = capsys.readouterr().err
    assert "States and addressee" in err and "1. Identification" in err


def test_render_html_and_bilingual(tmp_path):
    out = tmp_path / "preview.html"
    assert main(["render", str(EXAMPLE), "--lang", "es", "--bilingual", "en", "-o", str(out), "--today", "2026-11-22"]) == EXIT_OK
    page = out.read_text(encoding="utf-8")
    from mla_writer.points import POINT_BY_ID

    facts = POINT_BY_ID["facts"]
    assert page.startswith("<!DOCTYPE html>") and facts.letter_heading("es") in page and facts.letter_heading("en") in page


@pytest.mark.parametrize("problem", ["missing", "not-json", "bad-reference", "bad-folder"])
def test_render_failures_exit_2_with_one_line(tmp_path, capsys, problem):
    args = ["render", str(EXAMPLE), "-o", str(tmp_path / "x.docx")]
    if problem == "missing":
        args[1] = str(tmp_path / "nope.mlar")
    elif problem == "not-json":
        bad = tmp_path / "bad.mlar"
        bad.write_text("{not json")
        args[1] = str(bad)
    elif problem == "bad-reference":
        ref = tmp_path / "ref.docx"
        ref.write_bytes(b"PK\x03\x04 broken")
        args += ["--reference", str(ref)]
    else:
        args[3] = str(tmp_path / "no" / "such" / "folder" / "x.docx")
    assert main(args) == EXIT_UNREADABLE
    err = capsys.readouterr().err.strip()
    assert err.startswith("mla-writer: ") and "\n" not in err and "Traceback" not in err


def test_render_help_documents_exit_codes(capsys):
    with pytest.raises(SystemExit):
        from mla_writer.cli import build_parser

        build_parser().parse_args(["render", "--help"])
    text = capsys.readouterr().out
    assert "Exit codes" in text and "--strict" in text and "--bilingual" in text
