"""The case register: every letter of request saved, opened, scanned or imported on this desk
(or, with PostgreSQL, on every desk of a central authority), with its references, States,
kinds of assistance, status and deadlines. No Qt. Draft files stay the source of truth.

See ``docs/register.md``. Main entry points: :class:`Register` (``Register.open()``),
:func:`read_entry`, :mod:`.calendar` (``.ics`` export), :mod:`.zones` (deadlines' time zones).
"""

from __future__ import annotations

from .db import (ENV_URL, Register, RegisterError, RegisterOffline, ScanResult, default_folder, describe_url,
                 effective_url, other_letter, place, reason_text, register_url)
from .entry import DRAFT, Deadline, Entry, entry_for, letter_deadlines, letter_status, read_entry, stamp_facts

__all__ = [
    "DRAFT", "ENV_URL", "Deadline", "Entry", "Register", "RegisterError", "RegisterOffline", "ScanResult",
    "default_folder", "describe_url", "effective_url", "other_letter", "place", "reason_text", "entry_for", "letter_deadlines", "letter_status", "read_entry",
    "register_url", "stamp_facts",
]
