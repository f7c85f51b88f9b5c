"""Draft files for the register's tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.conftest import EXAMPLE


def write_letter(path: Path, ref: str, requesting: str = "FR", requested: str = "DE",
                 letter_deadline: dt.date | None = None, measure_deadlines: dict[int, dt.date] | None = None,
                 kinds: int = 2, sealer=None) -> Path:
    """Save a copy of the example letter at ``path`` with these references, States, deadlines
    and its first ``kinds`` measures."""
    from mla_writer import storage

    letter = storage.load(EXAMPLE)
    letter.references.requesting_reference = ref
    letter.references.court_case_number = ""
    letter.references.requested_reference = ""
    letter.requesting_state = requesting
    letter.requested_state = requested
    letter.assistance = letter.assistance[:kinds]
    letter.urgency.deadline = letter_deadline
    for i, item in enumerate(letter.assistance):
        item.deadline = (measure_deadlines or {}).get(i + 1)
    storage.save(letter, path, backup=False, sealer=sealer)
    return path
