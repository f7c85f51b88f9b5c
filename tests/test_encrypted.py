"""Encrypted drafts (issue 12): scrypt + AES-256-GCM in a versioned, documented format; a wrong
passphrase or a tampered file is refused with a clear message; the .bak and temporary files
hold no plain text; check and render take the passphrase from a file."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from mla_writer import storage
from mla_writer.storage.crypto import HEADER_SIZE, MAGIC, PassphraseNeeded, Sealer, WrongPassphrase

SECRET = "Ivanova Marina Petrovna"
PASS = "correct horse battery staple \u00e9"


@pytest.fixture
def letter(example_path):
    letter = storage.load(example_path)
    letter.facts.summary.set(letter.drafting_language, f"The witness {SECRET} saw it.")
    return letter


@pytest.fixture
def example_path():
    from tests.conftest import EXAMPLE

    return EXAMPLE


def _no_plaintext(folder):
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SECRET.encode() not in data and b"Ivanova" not in data, path
            assert "Ivanova".encode("utf-16-le") not in data, path


def test_round_trip_and_the_header(letter, tmp_path):
    path = tmp_path / "case.mlar"
    storage.save(letter, path, sealer=Sealer(PASS))
    data = path.read_bytes()
    assert data.startswith(MAGIC) and data[8] == 1 and data[9] == 1 and data[10:13] == bytes([15, 8, 1])
    again, _stamp, sealer = storage.open_draft(path, PASS)
    assert again == letter and sealer is not None
    _no_plaintext(tmp_path)


def test_without_or_with_a_wrong_passphrase_it_is_refused_clearly(letter, tmp_path):
    path = tmp_path / "case.mlar"
    storage.save(letter, path, sealer=Sealer(PASS))
    with pytest.raises(PassphraseNeeded, match="is encrypted: a passphrase is needed"):
        storage.load(path)
    with pytest.raises(WrongPassphrase, match="the passphrase is wrong, or the encrypted file was altered"):
        storage.load(path, "wrong")


@pytest.mark.parametrize("where", [HEADER_SIZE + 5, 20, 30, -1])  # ciphertext, salt, nonce, tag
def test_a_tampered_file_is_refused(letter, tmp_path, where):
    path = tmp_path / "case.mlar"
    storage.save(letter, path, sealer=Sealer(PASS))
    data = bytearray(path.read_bytes())
    data[where] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(WrongPassphrase):
        storage.load(path, PASS)


@pytest.mark.parametrize("header", [MAGIC + b"\x02" + bytes(40), MAGIC + b"\x01\x01\x30\x08\x01" + bytes(60), MAGIC + b"\x01"])
def test_a_damaged_or_future_header_is_a_draft_error_not_a_traceback(tmp_path, header):
    path = tmp_path / "case.mlar"
    path.write_bytes(header)
    with pytest.raises(storage.DraftError) as info:
        storage.load(path, PASS)
    assert "\n" not in str(info.value)


def test_saving_again_keeps_it_encrypted_and_the_bak_too(letter, tmp_path):
    path = tmp_path / "case.mlar"
    storage.save(letter, path)  # a plain draft first
    _again, stamp, _ = storage.open_draft(path)
    sealer = Sealer(PASS)
    storage.save(letter, path, expect=stamp, sealer=sealer)  # File > Save encrypted over it
    storage.save(letter, path, sealer=sealer)
    bak = path.with_name(path.name + ".bak")
    assert bak.read_bytes().startswith(MAGIC)
    assert storage.load(bak, PASS) == letter
    _no_plaintext(tmp_path)


def test_cli_check_and_render_take_a_passphrase_file(letter, tmp_path):
    path = tmp_path / "case.mlar"
    storage.save(letter, path, sealer=Sealer(PASS))
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n", encoding="utf-8")
    run = lambda *a: subprocess.run([sys.executable, "-m", "mla_writer", *a], capture_output=True, text=True,
                                    stdin=subprocess.DEVNULL, timeout=300)
    plain = run("check", str(path), "--passphrase-file", str(secret), "--json")
    assert plain.returncode in (0, 1) and '"complete"' in plain.stdout
    none = run("check", str(path))
    assert none.returncode == 2 and "--passphrase-file" in none.stderr and "Traceback" not in none.stderr
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("nope\n", encoding="utf-8")
    bad = run("check", str(path), "--passphrase-file", str(wrong))
    assert bad.returncode == 2 and "passphrase is wrong" in bad.stderr
    out = tmp_path / "letter.html"
    rendered = run("render", str(path), "--passphrase-file", str(secret), "-o", str(out))
    assert rendered.returncode in (0, 1), rendered.stderr
    assert SECRET in out.read_text(encoding="utf-8")


def _at_terminal(args, answer: bytes | None, timeout: float = 300):
    """Run ``python -m mla_writer *args`` on a pseudo-terminal of its own (so that getpass reads
    /dev/tty with echo off, as at a real terminal); when it asks for the passphrase, type
    ``answer`` (None: press Ctrl+D). Returns ``(exit status, everything the terminal showed)``."""
    import os
    import pty
    import select
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, its terminal the pty
        os.execv(sys.executable, [sys.executable, "-m", "mla_writer", *args])
    shown, asked, deadline = b"", False, time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1.0)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
            if not asked and b"Passphrase for case.mlar: " in shown:
                asked = True
                os.write(fd, b"\x04" if answer is None else answer + b"\n")
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    assert asked, shown
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8", "replace")


def test_cli_asks_for_the_passphrase_at_the_terminal(letter, tmp_path):
    path = tmp_path / "case.mlar"
    storage.save(letter, path, sealer=Sealer(PASS))
    status, shown = _at_terminal(["check", str(path), "--json"], PASS.encode("utf-8"))
    assert status in (0, 1) and '"complete"' in shown, shown
    assert PASS not in shown and "correct horse" not in shown  # not echoed
    out = tmp_path / "letter.html"
    status, shown = _at_terminal(["render", str(path), "-o", str(out)], PASS.encode("utf-8"))
    assert status in (0, 1), shown
    assert SECRET in out.read_text(encoding="utf-8")
    status, shown = _at_terminal(["check", str(path)], b"not the passphrase")
    assert status == 2 and "passphrase is wrong" in shown and "Traceback" not in shown
    status, shown = _at_terminal(["check", str(path)], None)  # Ctrl+D: nothing given
    assert status == 2 and "--passphrase-file" in shown and "Traceback" not in shown
