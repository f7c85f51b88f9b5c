"""``mla-writer register list|scan|rebuild`` and ``mla-writer ics`` on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io

from icalendar import Calendar

from mla_writer.cli import main

from .helpers import write_letter


def test_scan_list_filter_csv_and_rebuild(register_url, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MLA_WRITER_REGISTER_URL", register_url)
    folder = tmp_path / "cases"
    folder.mkdir()
    write_letter(folder / "a.mlar", "REF-A", "FR", "DE", letter_deadline=dt.date(2020, 1, 1))
    write_letter(folder / "b.mlar", "REF-B", "ES", "IT", letter_deadline=dt.date(2099, 1, 1))
    assert main(["register", "scan", str(folder)]) == 0
    assert "2 draft(s)" in capsys.readouterr().out
    assert main(["register", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("OVERDUE 2020-01-01 FR>DE") and "REF-A" in lines[0]
    assert "REF-B" in lines[1] and not lines[1].startswith("OVERDUE")
    assert main(["register", "list", "--overdue"]) == 0
    assert "REF-A" in (out := capsys.readouterr().out) and "REF-B" not in out
    assert main(["register", "list", "--state", "it", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["reference"], r["requesting_state"], r["overdue"]) for r in rows] == [("REF-B", "ES", "no")]
    (folder / "a.mlar").unlink()
    assert main(["register", "rebuild"]) == 0
    captured = capsys.readouterr()
    assert "1 missing" in captured.out and "a.mlar: missing" in captured.err
    assert main(["register", "list"]) == 0
    assert capsys.readouterr().out.startswith("MISSING ")


def test_ics_from_a_file_and_from_the_register(register_url, tmp_path, capsys):
    path = write_letter(tmp_path / "a.mlar", "REF-A", "FR", "DE", letter_deadline=dt.date(2026, 12, 20),
                        measure_deadlines={1: dt.date(2026, 12, 1)})
    out = tmp_path / "a.ics"
    assert main(["ics", str(path), "-o", str(out)]) == 0
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 2
    assert main(["register", "scan", str(tmp_path), "--url", register_url]) == 0
    out2 = tmp_path / "all.ics"
    assert main(["ics", "--register", "--url", register_url, "-o", str(out2), "--lang", "fr"]) == 0
    events = Calendar.from_ical(out2.read_bytes()).walk("VEVENT")
    assert sorted(e.decoded("dtstart") for e in events) == [dt.date(2026, 12, 1), dt.date(2026, 12, 20)]


def test_errors_are_one_line_and_exit_2(tmp_path, capsys):
    assert main(["register", "list", "--url", "postgresql://nobody@127.0.0.1:1/x"]) == 2
    err = capsys.readouterr().err
    assert "cannot be reached" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert main(["register", "list", "--url", "mysql://x@y/z"]) == 2
    assert "SQLite or PostgreSQL" in capsys.readouterr().err
    assert main(["register", "scan", str(tmp_path / "nowhere")]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert main(["ics", "-o", str(tmp_path / "x.ics")]) == 2
    bad = tmp_path / "bad.mlar"
    bad.write_text("nonsense", encoding="utf-8")
    assert main(["ics", str(bad), "-o", str(tmp_path / "x.ics")]) == 2
    assert not (tmp_path / "x.ics").exists()
