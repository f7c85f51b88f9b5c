"""The case register on SQLite and PostgreSQL: cards, filters, missing files, rebuild, scan,
encrypted drafts, server faults, migrations, and two processes writing at once."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from mla_writer.register import DRAFT, Register, RegisterOffline, letter_status, read_entry

from .helpers import write_letter

D = dt.date


def three_letters(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    return [
        write_letter(folder / "a.mlar", "REF-A", "FR", "DE", letter_deadline=D(2026, 12, 20), measure_deadlines={2: D(2026, 12, 5)}),
        write_letter(folder / "b.mlar", "REF-B", "ES", "FR", measure_deadlines={1: D(2027, 1, 10)}, kinds=1),
        write_letter(folder / "c.mlar", "REF-C", "MD", "RO"),
    ]


def test_saved_letters_are_listed_with_what_the_issue_asks(open_register, tmp_path):
    paths = three_letters(tmp_path / "cases")
    reg = open_register()
    for path in paths:
        reg.record(path)
    entries = reg.entries()
    assert [e.reference for e in entries] == ["REF-A", "REF-B", "REF-C"]  # earliest deadline first, none last
    a = entries[0]
    assert (a.requesting_state, a.requested_state) == ("FR", "DE")
    assert a.status == DRAFT
    assert a.kinds == tuple(sorted(a.kinds)) and len(a.kinds) >= 1
    assert [(d.due, d.source, d.measure) for d in a.deadlines] == [(D(2026, 12, 5), "measure", 2), (D(2026, 12, 20), "letter", None)]
    assert a.next_deadline == D(2026, 12, 5)
    assert a.path == str(paths[0].resolve()) and a.file_name == "a.mlar"
    assert a.content_hash == hashlib.sha256(paths[0].read_bytes()).hexdigest()
    assert a.changed_by and "@" in a.changed_by
    assert a.changed_at is not None and a.changed_at.tzinfo is not None
    assert abs(a.changed_at.timestamp() - paths[0].stat().st_mtime) < 1
    assert not any(e.missing for e in entries)
    assert reg.count() == 3


def test_saving_again_updates_the_card_not_a_new_one(open_register, tmp_path):
    [a, *_] = three_letters(tmp_path / "cases")
    reg = open_register()
    reg.record(a)
    write_letter(a, "REF-A2", "IT", "DE", letter_deadline=D(2027, 2, 1))
    reg.record(a)
    [entry] = reg.entries()
    assert (entry.reference, entry.requesting_state, [d.due for d in entry.deadlines]) == ("REF-A2", "IT", [D(2027, 2, 1)])


def test_filters_and_search(open_register, tmp_path):
    reg = open_register()
    for path in three_letters(tmp_path / "cases"):
        reg.record(path)
    refs = lambda **kw: [e.reference for e in reg.entries(**kw)]  # noqa: E731
    assert refs(state="fr") == ["REF-A", "REF-B"]  # requesting or requested
    assert refs(state="RO") == ["REF-C"]
    assert refs(search="ref-b") == ["REF-B"]
    assert refs(search="c.mlar") == ["REF-C"]
    assert refs(deadline_before=D(2026, 12, 31)) == ["REF-A"]
    assert refs(status=DRAFT) == ["REF-A", "REF-B", "REF-C"]
    assert refs(status="approved") == []
    only_b = reg.entries(search="REF-B")[0].kinds[0]
    assert "REF-B" in refs(kind=only_b)
    assert refs(kind="no-such-kind") == []


def test_a_moved_file_is_missing_and_can_be_located(open_register, tmp_path):
    a, b, c = three_letters(tmp_path / "cases")
    reg = open_register()
    for path in (a, b, c):
        reg.record(path)
    moved = tmp_path / "elsewhere" / "b-moved.mlar"
    moved.parent.mkdir()
    shutil.move(b, moved)
    assert [e.reference for e in reg.entries() if e.missing] == ["REF-B"]
    reg.locate(str(b.resolve()), moved)
    entries = reg.entries()
    assert not any(e.missing for e in entries)
    assert sorted(e.path for e in entries) == sorted(str(p.resolve()) for p in (a, moved, c))


def test_deleting_the_sqlite_database_rebuilds_it_from_the_known_files(tmp_path):
    journal = tmp_path / "known-files.txt"
    url = "sqlite:///" + str(tmp_path / "db" / "register.sqlite")
    a, b, c = three_letters(tmp_path / "cases")
    with Register.open(url, journal=journal) as reg:
        for path in (a, b, c):
            reg.record(path)
        before = {e.path: e for e in reg.entries()}
    shutil.move(b, tmp_path / "b-away.mlar")
    (tmp_path / "db" / "register.sqlite").unlink()
    with Register.open(url, journal=journal) as reg:
        assert reg.created
        after = {e.path: e for e in reg.entries()}
    assert set(after) == set(before)
    assert after[str(a.resolve())] == before[str(a.resolve())].__class__(**{**before[str(a.resolve())].__dict__, "id": after[str(a.resolve())].id})
    gone = after[str(b.resolve())]
    assert gone.missing and gone.reference == "" and gone.deadlines == () and gone.requesting_state == ""  # nothing invented


def test_a_new_shared_database_gets_this_desks_drafts_only_when_asked(pg_url, tmp_path, request):
    journal = tmp_path / "known-files.txt"
    a, b, c = three_letters(tmp_path / "cases")
    with Register.open("sqlite:///" + str(tmp_path / "old.sqlite"), journal=journal) as reg:
        for path in (a, b, c):
            reg.record(path)
    c.unlink()
    with Register.open(pg_url, journal=journal) as reg:
        assert reg.created and reg.backend == "postgresql"
        assert reg.entries() == []  # a shared register is not filled from one desk's journal unasked
        reg.rebuild()
        assert reg.entries() == []  # nor by a rebuild
        result = reg.add_known_files()
        assert [Path(p).name for p in result.missing] == ["c.mlar"]
        assert [e.reference for e in reg.entries()] == ["REF-A", "REF-B"]  # no bare card for a file that is gone


def test_scan_folder_indexes_drafts_and_reports_bad_files(open_register, tmp_path):
    three_letters(tmp_path / "cases")
    (tmp_path / "cases" / "sub").mkdir()
    write_letter(tmp_path / "cases" / "sub" / "d.mlar", "REF-D")
    (tmp_path / "cases" / "broken.mlar").write_text("{not json", encoding="utf-8")
    (tmp_path / "cases" / "notes.txt").write_text("not a draft", encoding="utf-8")
    reg = open_register()
    result = reg.scan(tmp_path / "cases")
    assert len(result.indexed) == 4
    assert [Path(p).name for p, _reason in result.failed] == ["broken.mlar"]
    assert sorted(e.reference for e in reg.entries()) == ["REF-A", "REF-B", "REF-C", "REF-D"]


def test_an_encrypted_draft_is_indexed_by_its_file_only(open_register, tmp_path, register_url):
    from mla_writer.storage.crypto import Sealer

    path = write_letter(tmp_path / "secret.mlar", "SECRET-REF-77", "FR", "DE", letter_deadline=D(2026, 12, 1),
                        sealer=Sealer("correct horse", cost=(10, 8, 1)))
    reg = open_register()
    entry = reg.record(path)
    [stored] = reg.entries()
    for e in (entry, stored):
        assert e.encrypted and e.file_name == "secret.mlar"
        assert (e.reference, e.requesting_state, e.requested_state, e.kinds, e.deadlines) == ("", "", "", (), ())
        assert e.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    if register_url.startswith("sqlite"):
        reg.close()
        database = Path(register_url[len("sqlite:///"):])
        files = list(database.parent.glob(database.name + "*"))  # the database and any write-ahead log
        assert database in files
        assert not [f for f in files if b"SECRET-REF-77" in f.read_bytes()]


def test_letter_status_reads_the_review_section_when_there_is_one(example):
    assert letter_status(example) == DRAFT
    assert letter_status(SimpleNamespace(review=SimpleNamespace(status="approved"))) == "approved"
    assert letter_status(SimpleNamespace(review=SimpleNamespace(status=""))) == DRAFT


def test_an_unreachable_server_says_offline_and_writes_nothing(tmp_path):
    with pytest.raises(RegisterOffline, match="cannot be reached") as info:
        Register.open("postgresql://nobody@127.0.0.1:1/register", journal=tmp_path / "j.txt", timeout=2)
    assert "127.0.0.1" in str(info.value) and "Traceback" not in str(info.value)
    assert not (tmp_path / "j.txt").exists()  # nothing queued


def test_a_server_that_goes_away_after_opening_says_offline(pg_url, tmp_path):
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    reg = Register.open(pg_url, journal=tmp_path / "j.txt")
    path = write_letter(tmp_path / "a.mlar", "REF-A")
    name = make_url(pg_url).database
    admin = create_engine(make_url(pg_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:  # the server drops the desk's connections (as a restart would) and refuses new ones
        conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        conn.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
    try:
        with pytest.raises(RegisterOffline):
            reg.record(path)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        admin.dispose()
        reg.close()


def test_the_migrations_give_the_declared_tables(open_register):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from mla_writer.register.tables import Base

    reg = open_register()
    with reg.engine.connect() as conn:
        ctx = MigrationContext.configure(conn)
        assert ctx.get_current_revision() == "0001"
        diffs = [d for d in compare_metadata(ctx, Base.metadata)
                 if not (isinstance(d, tuple) and d[0] in ("add_index", "remove_index"))]
    assert diffs == []


_WRITER = textwrap.dedent("""
    import datetime as dt, sys
    from mla_writer.register import Entry, Deadline, Register
    url, who, count, journal = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    reg = Register.open(url, journal=__import__("pathlib").Path(journal))
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    for i in range(count):
        reg.upsert(Entry(path=f"/cases/{who}-{i}.mlar", file_name=f"{who}-{i}.mlar", requesting_reference=f"{who}-{i}",
                         deadlines=(Deadline(dt.date(2027, 1, 1) + dt.timedelta(days=i), "letter"),), changed_by=who))
        reg.upsert(Entry(path="/cases/shared.mlar", file_name="shared.mlar", requesting_reference=f"{who}-{i}",
                         deadlines=(Deadline(dt.date(2027, 1, 1), "letter"), Deadline(dt.date(2027, 2, 1), "measure", "search", 1)),
                         changed_by=who))
    reg.close()
""")


def test_two_processes_writing_200_cards_each_lose_none(open_register, register_url, tmp_path):
    open_register().close()  # the schema exists before both start (creating it together is tested by opening)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, register_url, who, "200", str(tmp_path / f"j-{who}.txt")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for who in ("p1", "p2")]
    for p in procs:
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        _out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    reg = open_register()
    entries = reg.entries(check_files=False)
    paths = {e.path for e in entries}
    assert paths == {f"/cases/{w}-{i}.mlar" for w in ("p1", "p2") for i in range(200)} | {"/cases/shared.mlar"}
    for e in entries:
        expected = 2 if e.path == "/cases/shared.mlar" else 1
        assert len(e.deadlines) == expected, e  # each card's deadlines written with it, never twice or half
    shared = next(e for e in entries if e.path == "/cases/shared.mlar")
    assert shared.requesting_reference in {"p1-199", "p2-199"}


def test_two_processes_creating_a_new_register_at_once(register_url, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, register_url, who, "5", str(tmp_path / f"j-{who}.txt")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for who in ("q1", "q2")]
    for p in procs:
        out, err = p.communicate("go\n", timeout=600)
        assert p.returncode == 0, err
    with Register.open(register_url, journal=tmp_path / "j.txt") as reg:
        assert reg.count() == 11


def test_read_entry_of_a_file_that_is_not_a_draft(tmp_path):
    from mla_writer.storage import DraftError

    bad = tmp_path / "x.mlar"
    bad.write_bytes(b"\x00garbage")
    with pytest.raises(DraftError):
        read_entry(bad)
