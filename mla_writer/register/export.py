"""The register's cards as CSV (for statistics) and the overdue / near-deadline marks."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

from .entry import Entry
from .zones import is_overdue, time_left

#: Columns of the CSV export, in order.
CSV_COLUMNS = ("reference", "requesting_reference", "court_case_number", "requested_reference", "requesting_state",
               "requested_state", "kinds", "status", "next_deadline", "deadlines", "overdue", "changed_at",
               "changed_by", "file", "missing", "encrypted", "sha256")


def overdue(entry: Entry, now: dt.datetime) -> bool:
    """True when one of the card's deadlines has expired at ``now`` (aware)."""
    return any(is_overdue(d.due, entry.requesting_state, now) for d in entry.deadlines)


def near(entry: Entry, now: dt.datetime, days: int) -> bool:
    """True when a deadline expires within ``days`` days of ``now`` and none has expired yet."""
    if overdue(entry, now) or not entry.deadlines:
        return False
    return any(time_left(d.due, entry.requesting_state, now) <= dt.timedelta(days=days) for d in entry.deadlines)


def _cell(value: str) -> str:
    """A cell a spreadsheet will not take for a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_text(entries: Iterable[Entry], now: dt.datetime | None = None) -> str:
    """The cards as CSV (a header row, then one row per card; dates ISO 8601; ``kinds`` and
    ``deadlines`` separated by spaces). An encrypted draft's row has its file only."""
    now = now or dt.datetime.now(dt.timezone.utc)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        writer.writerow([_cell(str(v)) for v in (
            e.reference, e.requesting_reference, e.court_case_number, e.requested_reference, e.requesting_state,
            e.requested_state, " ".join(e.kinds), e.status, e.next_deadline.isoformat() if e.next_deadline else "",
            " ".join(f"{d.due.isoformat()}:{d.kind or d.source}" for d in e.deadlines),
            "yes" if overdue(e, now) else "no",
            e.changed_at.astimezone(dt.timezone.utc).isoformat(timespec="seconds") if e.changed_at else "",
            e.changed_by, e.path, "yes" if e.missing else "no", "yes" if e.encrypted else "no", e.content_hash)])
    return out.getvalue()
