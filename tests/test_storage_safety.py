"""Saves that cannot lose a version, changes on disk noticed, a loader that reads only what a
draft can be (issue 12, parts 1 and 2)."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import stat
import time

import pytest

from mla_writer import storage
from mla_writer.checklist import check
from mla_writer.model import LetterOfRequest
from mla_writer.storage import DraftChangedOnDisk, DraftError, DraftReadOnly


def _names(folder):
    return sorted(p.name for p in folder.iterdir())


def _enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def saved_twice(tmp_path, example):
    """A draft (the example) whose .bak holds a first version (place "Old")."""
    path = tmp_path / "case.mlar"
    storage.save(LetterOfRequest(place={"fr": "Old"}), path)
    storage.save(example, path)
    return path


# -- part 1: saves ---------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["os.write", "os.write backup", "fsync", "fsync backup", "replace"])
def test_failed_save_leaves_draft_and_backup_as_they_were(saved_twice, monkeypatch, where):
    """ENOSPC (or any error) while writing the new version, while copying the old one, or on
    the rename: the draft and its .bak are as they were, and no temporary file is left."""
    path, bak = saved_twice, saved_twice.with_name("case.mlar.bak")
    before, bak_before = path.read_bytes(), bak.read_bytes()
    name = where.split()[0]
    real = {"os.write": os.write, "fsync": os.fsync, "replace": os.replace}[name]
    calls = []

    def fail_on_nth(*args, **kwargs):
        calls.append(args)
        if len(calls) >= (2 if where.endswith("backup") else 1):
            _enospc()
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name.replace("os.", ""), fail_on_nth)
    with pytest.raises(OSError):
        storage.save(LetterOfRequest(place={"fr": "New"}), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert bak.read_bytes() == bak_before
    assert _names(path.parent) == ["case.mlar", "case.mlar.bak"]  # no temp file left


def test_backup_is_replaced_by_rename_never_written_in_place(saved_twice, monkeypatch):
    """The .bak is never opened for writing: it is replaced by a rename, so it is always whole."""
    bak = saved_twice.with_name("case.mlar.bak")
    real_open = os.open

    def guarded_open(file, flags, *args, **kwargs):
        if os.fspath(file).endswith(".bak") and flags & (os.O_WRONLY | os.O_RDWR):
            raise AssertionError("the .bak was opened for writing")
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    import builtins

    real_builtin_open = builtins.open

    def guarded_builtin_open(file, mode="r", *args, **kwargs):
        if os.fspath(file).endswith(".bak") and any(c in mode for c in "wa+"):
            raise AssertionError("the .bak was opened for writing")
        return real_builtin_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_builtin_open)
    ino = bak.stat().st_ino
    storage.save(LetterOfRequest(place={"fr": "Third"}), saved_twice)
    monkeypatch.undo()
    assert bak.stat().st_ino != ino
    assert storage.load(bak).place.get("fr") != "Third"


def test_backup_holds_the_previous_version_each_time(tmp_path):
    path = tmp_path / "case.mlar"
    for n in range(4):
        storage.save(LetterOfRequest(place={"fr": f"v{n}"}), path)
        if n:
            assert storage.load(path.with_name("case.mlar.bak")).place.get("fr") == f"v{n - 1}"
    assert _names(tmp_path) == ["case.mlar", "case.mlar.bak"]


def test_stale_temp_files_are_swept_on_load_and_save(tmp_path, example):
    path = tmp_path / "case.mlar"
    storage.save(example, path)
    old = time.time() - 3600
    stale = [tmp_path / ".case.mlar.abc123.tmp", tmp_path / ".case.mlar.zz9.tmp"]
    for p in stale:
        p.write_text("a full copy of the letter")
        os.utime(p, (old, old))
    fresh = tmp_path / ".case.mlar.fresh.tmp"  # another instance saving right now: left alone
    fresh.write_text("in progress")
    other = tmp_path / ".other.mlar.abc.tmp"  # another draft's: not ours to judge
    other.write_text("x")
    os.utime(other, (old, old))
    storage.load(path)
    assert _names(tmp_path) == sorted([".case.mlar.fresh.tmp", ".other.mlar.abc.tmp", "case.mlar"])
    stale[0].write_text("again")
    os.utime(stale[0], (old, old))
    storage.save(example, path)
    assert not stale[0].exists() and fresh.exists()


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX permissions")
def test_read_only_draft_is_not_overwritten(saved_twice):
    path = saved_twice
    before = path.read_bytes()
    path.chmod(0o444)
    with pytest.raises(DraftReadOnly) as info:
        storage.save(LetterOfRequest(place={"fr": "New"}), path)
    assert isinstance(info.value, DraftError) and isinstance(info.value, PermissionError)
    assert "read-only" in str(info.value)
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX permissions")
def test_backup_does_not_take_a_read_only_mode(tmp_path, example):
    """A draft made read-only, then writable again: every save still works and the .bak follows."""
    path = tmp_path / "case.mlar"
    storage.save(example, path)
    path.chmod(0o440)
    path.chmod(0o640)
    storage.save(example, path)
    bak = path.with_name("case.mlar.bak")
    assert stat.S_IMODE(bak.stat().st_mode) & 0o200  # owner can write
    assert not stat.S_IMODE(bak.stat().st_mode) & 0o007  # never wider than the draft
    bak.chmod(0o444)  # a .bak left read-only by an older version is still replaced
    storage.save(LetterOfRequest(place={"fr": "x"}), path)
    assert storage.load(bak) == example


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX permissions")
def test_shared_draft_keeps_its_mode(tmp_path, example):
    path = tmp_path / "shared.mlar"
    storage.save(example, path)
    path.chmod(0o664)
    storage.save(example, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_symbolic_link_is_followed_to_its_target(tmp_path, example):
    real_dir = tmp_path / "share"
    real_dir.mkdir()
    real = real_dir / "case.mlar"
    storage.save(LetterOfRequest(place={"fr": "Old"}), real)
    link = tmp_path / "link.mlar"
    link.symlink_to(real)
    storage.save(example, link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert storage.load(real) == example
    assert storage.load(real_dir / "case.mlar.bak").place.get("fr") == "Old"
    assert _names(tmp_path) == ["link.mlar", "share"]
    assert _names(real_dir) == ["case.mlar", "case.mlar.bak"]


# -- part 1: change on disk since open ---------------------------------------------------------


def test_load_with_stamp_and_save_expecting_it(tmp_path, example):
    path = tmp_path / "case.mlar"
    first = storage.save(example, path)
    letter, stamp = storage.load_with_stamp(path)
    assert letter == example and storage.load(path) == example
    assert stamp.size == path.stat().st_size and stamp.mtime_ns == path.stat().st_mtime_ns
    assert len(stamp.sha256) == 64 and stamp == first
    again = storage.save(letter, path, expect=stamp)  # unchanged on disk: saved
    os.utime(path)  # touched, same content: still ours
    storage.save(letter, path, expect=again)


def test_change_on_disk_since_open_is_refused(tmp_path, example):
    path = tmp_path / "case.mlar"
    storage.save(example, path)
    letter, stamp = storage.load_with_stamp(path)
    storage.save(LetterOfRequest(place={"fr": "A colleague"}), path)  # a colleague's save
    theirs, bak = path.read_bytes(), path.with_name("case.mlar.bak").read_bytes()
    with pytest.raises(DraftChangedOnDisk) as info:
        storage.save(letter, path, expect=stamp)
    assert isinstance(info.value, DraftError) and "changed on disk" in str(info.value)
    assert info.value.current == storage.current_stamp(path)
    assert path.read_bytes() == theirs and path.with_name("case.mlar.bak").read_bytes() == bak
    storage.save(letter, path)  # "overwrite": without expect, as before
    assert storage.load(path) == example
    path.unlink()
    with pytest.raises(DraftChangedOnDisk, match="deleted or moved"):
        storage.save(letter, path, expect=stamp)


# -- part 2: what is read ------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.mlar"
    os.mkfifo(fifo)
    with pytest.raises(DraftError, match="not a regular file"):
        storage.load(fifo)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="/dev/zero")
def test_device_is_refused():
    with pytest.raises(DraftError, match="not a regular file"):
        storage.load("/dev/zero")


def test_never_reads_more_than_the_limit(tmp_path, monkeypatch):
    """A file that grows (or lies about its size) is read only up to the limit + 1 byte."""
    path = tmp_path / "big.mlar"
    path.write_bytes(b" " * 5000)
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 100)
    reads = []
    real_read = os.read

    def counting_read(fd, n):
        data = real_read(fd, n)
        reads.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting_read)
    with pytest.raises(DraftError, match="never that large"):
        storage.load(path)
    assert sum(reads) <= 101


def _doc(letter: dict) -> str:
    return json.dumps({"format": storage.FORMAT_NAME, "format_version": storage.FORMAT_VERSION, "letter": letter})


@pytest.mark.parametrize(
    "text, expected",
    [
        ('{"format": "mla-writer-draft", "format_version": 3, "letter": {"urgency": {"deadline": NaN}}}', "NaN"),
        ('{"format": "mla-writer-draft", "format_version": 3, "letter": {}, "x": Infinity}', "Infinity"),
        ('{"format": "mla-writer-draft", "format_version": 3, "letter": {"place": {"fr": "A"}, "place": {"fr": "B"}}}', "duplicate"),
        ('{"format": "mla-writer-draft", "format_version": 3, "format_version": 1, "letter": {}}', "duplicate"),
        ('{"format": "mla-writer-draft", "format_version": 3, "letter": {}, "n": 1' + "0" * 5000 + "}", "too large"),
        ('{"format": "mla-writer-draft", "format_version": 3' + "0" * 30 + ', "letter": {}}', "too large"),
        ('{"format": "mla-writer-draft", "format_version": 3, "letter": {}, "n": 1e999}', "too large"),
        ('{"format": "mla-writer-draft", "format_version": 3, "letter": {"place": {"fr": "\\ud800"}}}', "surrogate"),
        (_doc({"urgency": {"deadline": 20261231}}), "Execute by"),
        (_doc({"urgency": {"deadline": 1.5e9}}), "is not a date"),
        (_doc({"urgency": {"deadline": "1798761600"}}), "is not a date"),
        (_doc({"assistance": [{"kind": "electronic", "period_from": 1700000000}]}), "is not a date and time"),
        (_doc({"assistance": [{"kind": "electronic", "period_from": "1700000000"}]}), "is not a date and time"),
    ],
)
def test_strict_json_and_dates(text, expected):
    with pytest.raises(DraftError) as info:
        storage.loads(text)
    assert expected in str(info.value)
    assert "\n" not in str(info.value)


def test_iso_dates_and_datetimes_still_load():
    letter = storage.loads(_doc({"urgency": {"deadline": "2026-12-31"},
                                 "assistance": [{"kind": "electronic", "period_from": "2026-01-01T08:30",
                                                 "period_to": "2026-01-02T08:30:00+01:00"}]}))
    assert letter.urgency.deadline == dt.date(2026, 12, 31)


def test_datetimes_become_time_zone_aware_and_check_never_raises():
    """Naive date-times are wall-clock time in the measure's time zone (UTC when it names none
    known); mixed with aware ones, the checker used to crash comparing them."""
    letter = storage.loads(_doc({"assistance": [
        {"kind": "electronic", "period_from": "2026-01-01T08:30", "period_to": "2026-01-02T08:30:00+00:00"},
        {"kind": "electronic", "period_from": "2026-01-01T08:30:00+02:00", "period_to": "2026-01-02T08:30",
         "time_zone": "Europe/Paris"},
        {"kind": "electronic", "period_from": "2026-01-03T00:00", "time_zone": "Nowhere/Atlantis"},
    ]}))
    a, b, c = letter.assistance
    for when in (a.period_from, a.period_to, b.period_from, b.period_to, c.period_from):
        assert when.tzinfo is not None and when.utcoffset() is not None
    assert a.period_from.utcoffset() == dt.timedelta(0)
    assert b.period_to.utcoffset() == dt.timedelta(hours=1)  # Paris in January
    assert b.period_to.hour == 8  # the wall-clock time is kept
    assert c.period_from.utcoffset() == dt.timedelta(0)
    check(letter, "en")
    # and saved that way: the next load reads the same instants
    assert storage.loads(storage.dumps(letter)) == letter


# -- part 2: migrations never crash on the wrong shapes ---------------------------------------

GARBAGE = [None, 0, 7, -1.5, True, "text", "", [], [1, "x", None], {}, {"a": 1}, [[[]]], [{"kind": []}]]
SHAPES = ["letter", "letter.persons", "letter.persons.0", "letter.persons.0.id_document",
          "letter.persons.0.id_document.type", "letter.persons.0.family_name", "letter.persons.0.given_names",
          "letter.persons.0.role", "letter.drafting_language", "letter.place", "letter.assistance",
          "letter.assistance.0", "letter.assistance.0.kind", "letter.assistance.0.amount",
          "letter.assistance.0.interpreter_language", "letter.identification", "letter.identification.officer",
          "letter.identification.officer.languages", "letter.upgrade_notes", "letter.prior_contact.contacts",
          "letter.prior_contact.contacts.0.who", "letter.offences", "letter.offences.0.provision"]


def _base(version: int) -> dict:
    return {"format": storage.FORMAT_NAME, "format_version": version, "letter": {
        "drafting_language": "fr", "place": "Paris",
        "identification": {"officer": {"languages": "français, English"}},
        "prior_contact": {"contacts": [{"who": "M. X"}]},
        "persons": [{"id": "p1", "role": "victim", "family_name": "V1", "given_names": "",
                     "id_document": {"type": "Passeport"}}],
        "offences": [{"provision": "art. 1"}],
        "assistance": [{"kind": "freezing", "amount": "EUR 1", "interpreter_language": "fr"}],
    }}


def _put(data: dict, dotted: str, value) -> None:
    *parents, last = dotted.split(".")
    node = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


@pytest.mark.parametrize("version", [1, 2])
@pytest.mark.parametrize("shape", SHAPES)
def test_migrations_refuse_garbage_shapes_with_a_draft_error(version, shape):
    for value in GARBAGE:
        data = _base(version)
        try:
            _put(data, shape, value)
        except (TypeError, KeyError, IndexError, ValueError):
            continue
        try:
            storage.loads(json.dumps(data))
        except DraftError:
            pass


@pytest.mark.parametrize("version", [1, 2])
def test_migrations_called_directly_on_garbage(version):
    for value in GARBAGE:
        for data in ({"letter": value}, {"letter": {"persons": value, "assistance": value, "place": value}}):
            try:
                storage.MIGRATIONS[version](data)
            except DraftError:
                pass


# -- part 2: messages that quote the input -----------------------------------------------------


@pytest.mark.parametrize("value", ["31/12\n2026", "\x1b[31mred\x1b[0m", "x" * 10000, "a\u2028b\u202ec\rd\x00"])
def test_messages_quoting_input_are_one_escaped_bounded_line(value):
    for doc in (_doc({"urgency": {"deadline": value}}), _doc({value: 1}), _doc({"requested_state": value}),
                json.dumps({"format": storage.FORMAT_NAME, "format_version": value, "letter": {}})):
        with pytest.raises(DraftError) as info:
            storage.loads(doc, source="name\x1b]0;evil\x07\n.mlar")
        for text in (str(info.value), info.value.localized("fr"), info.value.localized("ru")):
            assert text.isprintable(), repr(text)
            assert not any(c in text for c in "\n\r\x1b\x00\u2028\u202e")
            assert len(text) <= 1000


def test_file_name_with_control_characters_is_escaped(tmp_path):
    path = tmp_path / "bad\x1b[2J\nname.mlar"
    path.write_text("not json")
    with pytest.raises(DraftError) as info:
        storage.load(path)
    assert "\\x1b[2J\\nname.mlar" in str(info.value) and str(info.value).isprintable()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_save_never_replaces_something_that_is_not_a_regular_file(tmp_path, example):
    fifo = tmp_path / "pipe.mlar"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        storage.save(example, fifo)
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and _names(tmp_path) == ["pipe.mlar"]


# -- the exit status of the command line, whatever happens to stdout and stderr ---------------

import subprocess  # noqa: E402
import sys  # noqa: E402


def _cli(args, stdout, stderr=subprocess.PIPE):
    proc = subprocess.run([sys.executable, "-m", "mla_writer", *args], stdout=stdout, stderr=stderr, timeout=120)
    return proc.returncode, (proc.stderr or b"").decode("utf-8", "replace")


@pytest.fixture
def incomplete_draft(tmp_path):
    path = tmp_path / "incomplete.mlar"
    storage.save(LetterOfRequest(place={"fr": "Paris"}), path)
    return path


@pytest.fixture
def closed_pipe():
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head -0`: the reader is gone
    yield write_end
    os.close(write_end)


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_incomplete_check_into_a_closed_pipe_exits_1(incomplete_draft, closed_pipe, extra):
    code, err = _cli(["check", str(incomplete_draft), *extra], closed_pipe)
    assert code == 1, err
    assert "Traceback" not in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="/dev/full")
@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_incomplete_check_onto_a_full_disk_exits_1(incomplete_draft, extra):
    with open("/dev/full", "wb") as full:
        code, err = _cli(["check", str(incomplete_draft), *extra], full)
        assert code == 1, err
        assert "Traceback" not in err and "cannot write the report" in err
        code, err = _cli(["check", str(incomplete_draft)], full, full)  # stderr full too
        assert code == 1


def test_complete_check_into_a_closed_pipe_still_exits_0(closed_pipe):
    from .conftest import EXAMPLE, TODAY

    code, err = _cli(["check", str(EXAMPLE), "--today", TODAY.isoformat()], closed_pipe)
    assert code == 0, err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="/dev/full")
def test_complete_check_onto_a_full_disk_is_not_a_success():
    """The report asked for was lost (not a closed pipe, where the reader left on purpose): exit 2."""
    from .conftest import EXAMPLE, TODAY

    with open("/dev/full", "wb") as full:
        code, err = _cli(["check", str(EXAMPLE), "--today", TODAY.isoformat()], full)
    assert code == 2 and "cannot write the report" in err, err


@pytest.mark.parametrize("name", ["letter.xyz", "letter"])
def test_render_to_a_name_it_cannot_tell_the_kind_of_is_refused(tmp_path, name):
    from .conftest import EXAMPLE

    code, err = _cli(["render", str(EXAMPLE), "-o", str(tmp_path / name)], subprocess.PIPE)
    assert code == 2 and ".docx, .pdf or .html" in err, err
    assert not (tmp_path / name).exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="/dev/full")
def test_unreadable_draft_with_nowhere_to_say_so_exits_2(tmp_path, closed_pipe):
    bad = tmp_path / "bad.mlar"
    bad.write_text("{")
    with open("/dev/full", "wb") as full:
        assert _cli(["check", str(bad)], closed_pipe, full)[0] == 2


def test_strict_render_of_an_incomplete_letter_exits_1_whatever_stderr(incomplete_draft, tmp_path, closed_pipe):
    out = tmp_path / "letter.html"
    code, _err = _cli(["render", str(incomplete_draft), "-o", str(out), "--strict"], closed_pipe, closed_pipe)
    assert code == 1 and out.exists()


def test_cli_messages_escape_what_they_quote(tmp_path):
    bad = tmp_path / "x\x1b[31m.mlar"
    bad.write_text('{"format": "mla-writer-draft", "format_version": 3, "letter": {"urgency": {"deadline": "\\u001b[2J\\nnow"}}}')
    proc = subprocess.run([sys.executable, "-m", "mla_writer", "check", str(bad)], capture_output=True, timeout=120)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "\x1b" not in err and err.count("\n") == 1, err


def test_a_settled_upgrade_note_in_a_file_loads_as_it_saves():
    """Found by the long fuzz run: an upgrade note naming no field loaded, was dropped on save,
    and the draft then reloaded different from what was opened."""
    from mla_writer.model import LetterOfRequest

    doc = storage.document(LetterOfRequest(drafting_language="en", output_language="en"))
    doc["letter"]["upgrade_notes"] = [{}]
    letter = storage.loads(json.dumps(doc).encode(), "x.mlar")
    assert storage.loads(storage.dumps(letter), "x.mlar") == letter


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
@pytest.mark.parametrize("command", [["check"], ["render", "-o", "out.docx"], ["history"]])
def test_fifo_given_to_the_command_line_is_refused_without_blocking(tmp_path, command):
    """The CLI asks whether the file is encrypted before it loads it: that look must not block either
    (it once opened a FIFO for reading and waited for a writer forever)."""
    import subprocess
    import sys

    fifo = tmp_path / "pipe.mlar"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "mla_writer", command[0], str(fifo), *command[1:]], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "not a regular file" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert storage.is_encrypted_file(fifo) is False


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_side_files_are_read_only_when_regular(tmp_path):
    """XLIFF, TBX and office-profile files are read the same way: a FIFO or a folder is refused at once."""
    from mla_writer.storage.files import read_regular_file

    fifo = tmp_path / "pipe.xlf"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="Not a regular file"):
        read_regular_file(fifo, 1000)
    with pytest.raises(IsADirectoryError):
        read_regular_file(tmp_path, 1000)
    (tmp_path / "big.xlf").write_bytes(b"x" * 5000)
    assert len(read_regular_file(tmp_path / "big.xlf", 100)) == 101


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "1899-12-31T23:00:00+00:00"])
def test_a_date_time_at_the_edge_of_the_calendar_is_refused_naming_the_field(tmp_path, moment):
    """Such a moment once loaded, checked complete, and then crashed the letter (OverflowError
    converting it to another time zone)."""
    from mla_writer.samples import load_sample

    letter = load_sample("online-recruitment-kz-kg")
    data = json.loads(storage.dump_bytes(letter))
    electronic = next(m for m in data["letter"]["assistance"] if m["kind"] == "electronic")
    electronic["period_to"] = moment
    path = tmp_path / "edge.mlar"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DraftError) as caught:
        storage.load(path)
    message = str(caught.value)
    assert "Period to" in message and "1900" in message and "2999" in message
    with pytest.raises(ValueError):
        letter.assistance[[m.kind for m in letter.assistance].index("electronic")].period_to = dt.datetime(1, 1, 1, tzinfo=dt.timezone.utc)
