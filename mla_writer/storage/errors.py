"""The errors of :mod:`mla_writer.storage`, and how a message quotes what it read.

Every message is one line: whatever it quotes from the input (a file name, a value, a key) has
its control characters, line and paragraph separators and bidirectional overrides escaped
(``\\x1b``, ``\\n``, ``\\u202e``) and is cut to a bounded length, so that a hostile draft cannot
forge lines or colours on a terminal or in a dialog.
"""

from __future__ import annotations

import re
from typing import Any

#: Longest quoted piece of input in a message, and the longest message.
MAX_QUOTE = 120
MAX_MESSAGE = 1000

# C0 and C1 controls and DEL, line/paragraph separators, bidi embeddings/overrides/isolates and marks.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(text: str) -> str:
    """``text`` with every character that could break a line or drive a terminal escaped."""
    return _UNSAFE.sub(lambda m: _escape_char(m.group()), text)


def _escape_char(c: str) -> str:
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" if ord(c) < 0x10000
                             else f"\\U{ord(c):08x}")


def quote(text: str) -> str:
    """``text`` from the input, with every character that is not printable (controls, format
    characters, separators other than the space, unassigned and private-use code points)
    escaped."""
    return text if text.isprintable() else "".join(c if c.isprintable() or c == " " else _escape_char(c) for c in text)


def clip(text: str, limit: int = MAX_QUOTE) -> str:
    """``text`` from the input, escaped (see :func:`quote`) and cut to ``limit`` characters
    ("..." marks what was cut from the middle)."""
    text = quote(text)
    if len(text) <= limit:
        return text
    head = (limit - 3) * 2 // 3  # keep the end too: a path's file name, a value's last characters
    return text[:head] + "..." + text[len(text) - (limit - 3 - head):]


class DraftError(Exception):
    """A draft file cannot be read. ``str(error)`` is a one-line reason for the user (English);
    :meth:`localized` gives it in a UI language (the "ui" gettext domain). String parameters
    (which may quote the input) are escaped and clipped, and so is the final text."""

    def __init__(self, message: str, /, **params: Any) -> None:
        self.msgid = message
        self.params = {k: clip(v) if isinstance(v, str) else v for k, v in params.items()}
        super().__init__(self.localized("en"))

    def localized(self, lang: str) -> str:
        from ..i18n import ui_gettext

        params = {k: (v.localized(lang) if isinstance(v, _Localizable) else v) for k, v in self.params.items()}
        text = self.msgid if lang == "en" else ui_gettext(lang)(self.msgid)
        text = escape(text.format(**params))
        return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 3] + "..."


class DraftReadOnly(DraftError, PermissionError):
    """The draft is read-only: it is not overwritten (the application offers Save As).
    Also a :class:`PermissionError`, so callers that handle ``OSError`` on saving still do."""


class DraftChangedOnDisk(DraftError):
    """The draft on disk is no longer the one that was opened (another program or a colleague
    saved it, or it was deleted): ``save(..., expect=stamp)`` refuses to overwrite it.
    ``current`` is the file's stamp now (None: the file is gone)."""

    def __init__(self, message: str, /, current: Any = None, **params: Any) -> None:
        self.current = current
        super().__init__(message, **params)


class _Localizable:
    """A parameter of a :class:`DraftError` that is itself a message in the UI language."""

    def localized(self, lang: str) -> str:  # pragma: no cover - abstract
        raise NotImplementedError
