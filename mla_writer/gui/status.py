"""How a section's checklist status is named and marked: symbol + words, never colour alone."""

from __future__ import annotations

from ..points import Status
from .i18n import _

SYMBOLS = {"complete": "\u2714", "incomplete": "\u2716", "correction": "\u2716", "warnings": "\u25b2", "not_applicable": "\u2013"}
COLOURS = {"complete": "#1d6b2c", "incomplete": "#a40000", "correction": "#a40000", "warnings": "#7a4f00",
           "not_applicable": "#555555"}


def status_key(result) -> str:
    if result.status is Status.INCOMPLETE:
        return "correction" if result.needs_correction else "incomplete"
    if result.status is Status.NOT_APPLICABLE:
        return "not_applicable"
    return "warnings" if result.warnings else "complete"


def status_text(key: str) -> str:
    words = {
        "complete": _("complete"),
        "incomplete": _("incomplete"),
        "correction": _("needs correction"),
        "warnings": _("complete, with warnings"),
        "not_applicable": _("not applicable"),
    }[key]
    return f"{SYMBOLS[key]} {words}"
