"""What the register keeps of one draft file (:class:`Entry`), read from a letter or a file.

Draft files are the source of truth; an entry is an index card. For an encrypted draft the
card holds only what can be read without the passphrase (the file's name, path, size, hash
and time): never anything of its content, even when the application has it open.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import hashlib
import os
import socket
from pathlib import Path
from typing import Any

#: The status of a letter that no review has touched.
DRAFT = "draft"


@dataclasses.dataclass(frozen=True)
class Deadline:
    """A deadline: ``due`` (a date, taken as the end of that day in the requesting State's time
    zone), ``source`` "letter" (point 5) or "measure" (with ``measure``, numbered from 1 as in
    point 10, and its ``kind``)."""

    due: dt.date
    source: str
    kind: str = ""
    measure: int | None = None


@dataclasses.dataclass(frozen=True)
class Entry:
    """An index card of one draft file. ``path`` is absolute; ``kinds`` are codes of
    :data:`mla_writer.vocab.ASSISTANCE_KIND`; ``changed_at`` is the file's modification time
    (UTC); ``content_hash`` the SHA-256 of the file's bytes (hex)."""

    path: str
    file_name: str
    encrypted: bool = False
    requesting_reference: str = ""
    court_case_number: str = ""
    requested_reference: str = ""
    requesting_state: str = ""
    requested_state: str = ""
    kinds: tuple[str, ...] = ()
    status: str = DRAFT
    deadlines: tuple[Deadline, ...] = ()
    changed_at: dt.datetime | None = None
    changed_by: str = ""
    content_hash: str = ""
    missing: bool = False
    id: int | None = None

    @property
    def next_deadline(self) -> dt.date | None:
        return min((d.due for d in self.deadlines), default=None)

    @property
    def reference(self) -> str:
        """The reference to show (and to put in a calendar): the requesting State's, else the
        requested State's, else the court case number; "" if none (never the file name, which
        may name a person)."""
        return self.requesting_reference or self.requested_reference or self.court_case_number


def letter_status(letter: Any) -> str:
    """The review status of ``letter``: the ``status`` of its ``review`` section when the draft
    format has one (central authority review), else :data:`DRAFT`. The one place that reads it."""
    review = getattr(letter, "review", None)
    status = getattr(review, "status", None) if review is not None else None
    if status is None:
        status = getattr(letter, "review_status", None)
    return str(status) if status else DRAFT


def letter_deadlines(letter: Any) -> tuple[Deadline, ...]:
    """The letter's deadline (point 5) and each measure's (point 10), by date."""
    out = []
    urgency = getattr(letter, "urgency", None)
    if urgency is not None and urgency.deadline is not None:
        out.append(Deadline(urgency.deadline, "letter"))
    for number, item in enumerate(getattr(letter, "assistance", []), 1):
        if item.deadline is not None:
            out.append(Deadline(item.deadline, "measure", item.kind, number))
    return tuple(sorted(out, key=lambda d: (d.due, d.source != "letter", d.measure or 0)))


def who() -> str:
    """Who changes the register from this process: ``user@host`` (the system's login name)."""
    try:
        user = getpass.getuser()
    except Exception:  # no login name (a container without passwd entry)
        user = str(os.getuid()) if hasattr(os, "getuid") else "?"
    return f"{user}@{socket.gethostname()}"


def file_facts(path: str | os.PathLike[str]) -> tuple[str, dt.datetime]:
    """``(sha256 hex, modification time in UTC)`` of the file at ``path``. Raises OSError."""
    path = Path(path)
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
        mtime = os.fstat(f.fileno()).st_mtime
    return digest.hexdigest(), dt.datetime.fromtimestamp(mtime, dt.timezone.utc)


def absolute(path: str | os.PathLike[str]) -> str:
    """The path the register keys a file by: absolute, symbolic links resolved."""
    return str(Path(path).expanduser().resolve())


def entry_for(path: str | os.PathLike[str], letter: Any = None, *, encrypted: bool = False,
              content_hash: str | None = None, changed_at: dt.datetime | None = None,
              changed_by: str | None = None) -> Entry:
    """The card of the draft at ``path``. ``letter`` (a LetterOfRequest) gives the content;
    with ``encrypted`` it is ignored (only the file's name, hash and time are kept). The hash and
    time are read from the file when not given. Raises OSError if the file cannot be read."""
    if content_hash is None or changed_at is None:
        digest, mtime = file_facts(path)
        content_hash = content_hash or digest
        changed_at = changed_at or mtime
    full = absolute(path)
    common = dict(path=full, file_name=Path(full).name, content_hash=content_hash, changed_at=changed_at,
                  changed_by=who() if changed_by is None else changed_by)
    if encrypted or letter is None:
        return Entry(encrypted=encrypted, status=DRAFT if encrypted else "", **common)
    refs = letter.references
    return Entry(
        requesting_reference=refs.requesting_reference,
        court_case_number=refs.court_case_number,
        requested_reference=refs.requested_reference,
        requesting_state=letter.requesting_state,
        requested_state=letter.requested_state,
        kinds=tuple(sorted({item.kind for item in letter.assistance})),
        status=letter_status(letter),
        deadlines=letter_deadlines(letter),
        **common,
    )


def read_entry(path: str | os.PathLike[str]) -> Entry:
    """The card of the draft file at ``path``, read from disk: an encrypted draft is not opened
    (metadata only). Raises :class:`mla_writer.storage.DraftError` for a file that is not a
    readable draft, OSError if it cannot be read."""
    from ..storage import is_encrypted_file, open_draft

    if is_encrypted_file(path):
        return entry_for(path, encrypted=True)
    letter, stamp, _sealer = open_draft(path)
    return entry_for(path, letter, **stamp_facts(stamp))


def stamp_facts(stamp: Any) -> dict[str, Any]:
    """``content_hash`` and ``changed_at`` for :func:`entry_for` from a storage ``Stamp``."""
    return {"content_hash": stamp.sha256,
            "changed_at": dt.datetime.fromtimestamp(stamp.mtime_ns / 1e9, dt.timezone.utc)}
