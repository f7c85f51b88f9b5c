"""The case register: every letter of request saved, opened, scanned or imported on this desk
(or, with PostgreSQL, on every desk of a central authority), with its references, States,
kinds of assistance, status and deadlines. No Qt. Draft files stay the source of truth.

See ``docs/register.md``. Main entry points: :class:`Register` (``Register.open()``),
:func:`read_entry`, :mod:`.calendar` (``.ics`` export), :mod:`.zones` (deadlines' time zones).
"""

from __future__ import annotations

# The names below are read from .db and .entry when first used (PEP 562): importing a submodule
# (the command line's register.cli, to build its parser) must not load SQLAlchemy (~0.3 s).
_FROM = {
    **dict.fromkeys(("ENV_URL", "Register", "RegisterError", "RegisterOffline", "ScanResult", "default_folder",
                     "describe_url", "effective_url", "other_letter", "place", "reason_text", "register_url"), "db"),
    **dict.fromkeys(("DRAFT", "Deadline", "Entry", "entry_for", "letter_deadlines", "letter_status", "read_entry",
                     "stamp_facts"), "entry"),
}


def __getattr__(name: str):
    module = _FROM.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "DRAFT", "ENV_URL", "Deadline", "Entry", "Register", "RegisterError", "RegisterOffline", "ScanResult",
    "default_folder", "describe_url", "effective_url", "other_letter", "place", "reason_text", "entry_for", "letter_deadlines", "letter_status", "read_entry",
    "register_url", "stamp_facts",
]
