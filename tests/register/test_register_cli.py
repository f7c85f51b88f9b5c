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
    assert "2 drafts added or updated. 0 files not readable." in capsys.readouterr().out
    assert main(["register", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Note", "Deadline", "States", "Status", "Reference", "Kinds", "of", "assistance", "File"]
    assert lines[1].split()[:6] == ["overdue", "2020-01-01", "FR", ">", "DE", "Draft"] and "REF-A" in lines[1]
    assert "REF-B" in lines[2] and not lines[2].startswith("overdue")
    assert "Taking evidence or statements; Service" in lines[1] and "evidence," not in lines[1]  # labels, not codes
    assert main(["register", "list", "--overdue"]) == 0
    assert "REF-A" in (out := capsys.readouterr().out) and "REF-B" not in out
    assert main(["register", "list", "--state", "it", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["reference"], r["requesting_state"], r["overdue"]) for r in rows] == [("REF-B", "ES", "no")]
    (folder / "a.mlar").unlink()
    assert main(["register", "rebuild"]) == 0
    captured = capsys.readouterr()
    assert "1 file is missing." in captured.out and "a.mlar: missing" in captured.err
    assert main(["register", "list"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("missing ")


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
    assert main(["register", "list", "--url", "postgresql://nobody:secret@127.0.0.1:1/x"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "mla-writer: The case register (database x on server 127.0.0.1:1) cannot be reached."
    # the technical reason on a second line with --verbose; never the password
    assert main(["register", "list", "--verbose", "--url", "postgresql://nobody:secret@127.0.0.1:1/x"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 2 and "connect" in err.splitlines()[1] and "secret" not in err
    assert "Traceback" not in err
    assert main(["register", "list", "--url", "notaurl"]) == 2
    assert capsys.readouterr().err.strip() == "mla-writer: This is not a database address: notaurl"
    assert main(["register", "list", "--url", "mysql://x@y/z"]) == 2
    assert "SQLite or PostgreSQL" in capsys.readouterr().err
    assert main(["register", "scan", str(tmp_path / "nowhere")]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert main(["ics", "-o", str(tmp_path / "x.ics")]) == 2
    bad = tmp_path / "bad.mlar"
    bad.write_text("nonsense", encoding="utf-8")
    assert main(["ics", str(bad), "-o", str(tmp_path / "x.ics")]) == 2
    assert not (tmp_path / "x.ics").exists()


def test_unknown_kind_or_state_exits_2_listing_valid_values(capsys):
    assert main(["register", "list", "--kind", "nonsense"]) == 2
    err = capsys.readouterr().err
    assert "unknown kind 'nonsense'" in err and "search" in err and "Traceback" not in err
    assert main(["register", "list", "--state", "XX"]) == 2
    assert "unknown State 'XX'" in capsys.readouterr().err


def test_singular_counts_and_scan_reasons_in_words(register_url, tmp_path, capsys):
    folder = tmp_path / "cases"
    folder.mkdir()
    write_letter(folder / "a.mlar", "REF-A", "FR", "DE")
    (folder / "broken.mlar").write_text("{", encoding="utf-8")
    assert main(["register", "scan", str(folder), "--url", register_url]) == 0
    captured = capsys.readouterr()
    assert "1 draft added or updated. 1 file not readable." in captured.out
    assert "broken.mlar: not added (" in captured.err and "line 1" in captured.err


def test_ics_of_an_encrypted_draft_takes_the_passphrase_on_stdin(tmp_path, capsys, monkeypatch):
    from mla_writer.storage.crypto import Sealer

    path = write_letter(tmp_path / "s.mlar", "SECRET-9", "FR", "DE", letter_deadline=dt.date(2026, 12, 5),
                        sealer=Sealer("pass phrase", cost=(10, 8, 1)))
    monkeypatch.setattr("sys.stdin", io.StringIO("pass phrase\n"))
    assert main(["ics", str(path), "--passphrase-file", "-", "-o", str(tmp_path / "s.ics")]) == 0
    assert "1 deadline written to" in capsys.readouterr().out
    assert len(Calendar.from_ical((tmp_path / "s.ics").read_bytes()).walk("VEVENT")) == 1
