"""Issue 16's trial by a registry clerk: an encrypted card leaves no old content in SQLite's
files, the register named in words, a located file that holds another letter recognised."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mla_writer.register import Register, RegisterOffline, entry_for, other_letter, place, read_entry

from .helpers import write_letter


def _sqlite_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.glob("register.sqlite*")))


def test_a_card_reduced_to_an_encrypted_one_leaves_no_old_content_in_the_files(tmp_path):
    from mla_writer.storage.crypto import Sealer

    db = tmp_path / "db"
    url = "sqlite:///" + str(db / "register.sqlite")
    path = write_letter(tmp_path / "case.mlar", "OLDREF-7431", "FR", "DE", letter_deadline=dt.date(2027, 1, 5))
    with Register.open(url, journal=tmp_path / "j.txt") as reg:
        reg.record(path)
        assert b"OLDREF-7431" in _sqlite_bytes(db)
        write_letter(path, "OLDREF-7431", "FR", "DE", sealer=Sealer("pass phrase", cost=(10, 8, 1)))
        reg.upsert(entry_for(path, encrypted=True))
        assert reg.entry(path).encrypted
        assert b"OLDREF-7431" not in _sqlite_bytes(db)  # not in the file, its free pages, nor the log
    assert b"OLDREF-7431" not in _sqlite_bytes(db)


def test_the_register_is_named_in_words_without_password():
    assert place("sqlite:////home/x/register.sqlite") == "this computer"
    assert place("postgresql+psycopg://alice:s3cret@db.example:5433/mla_register") == \
        "database mla_register on server db.example:5433"
    assert place("postgresql+psycopg://alice:s3cret@db.example:5433/mla_register", "ru") == \
        "база данных mla_register на сервере db.example:5433"


def test_offline_sentence_is_translated_and_detail_kept_apart():
    try:
        Register.open("postgresql://nobody:s3cret@127.0.0.1:1/reg", timeout=2)
    except RegisterOffline as exc:
        assert exc.summary("ru") == "Реестр дел (база данных reg на сервере 127.0.0.1:1) недоступен."
        assert exc.detail and "s3cret" not in exc.detail and "s3cret" not in str(exc)
        assert "%2F" not in exc.summary("en")
    else:  # pragma: no cover
        raise AssertionError("port 1 answered")


def test_a_located_file_holding_another_letter_is_recognised(tmp_path):
    a = read_entry(write_letter(tmp_path / "a.mlar", "RGNR 0000/2026", "FR", "DE"))
    same = read_entry(write_letter(tmp_path / "a2.mlar", "RGNR 0000/2026", "FR", "DE"))
    other = read_entry(write_letter(tmp_path / "b.mlar", "MLA/13/0471-26", "FR", "DE"))
    other_state = read_entry(write_letter(tmp_path / "c.mlar", "RGNR 0000/2026", "ES", "DE"))
    assert not other_letter(a, same)
    assert other_letter(a, other) and other_letter(a, other_state)
    bare = entry_for(tmp_path / "a.mlar", encrypted=True)
    assert not other_letter(bare, other)  # nothing to compare with
