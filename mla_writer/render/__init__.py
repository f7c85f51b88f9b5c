"""The letter renderer: one set of Jinja templates, two writers (.docx and HTML preview).

Pipeline (see ``templates/README.md``)::

    LetterOfRequest --context.py--> plain view data (text resolved per language, dates and
    names from Babel) --templates/letter.j2 (sandboxed Jinja, autoescaped, gettext domain
    "letter")--> a small block markup (headings, paragraphs, notices, tables, page breaks)
    --blocks.py--> element tree --docx_writer.py / html_writer.py--> .docx bytes / HTML

No Qt here, and nothing heavy is imported until a function is called: the GUI's cold
start does not pay for Jinja, python-docx or Babel.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..model import LetterOfRequest


class RenderError(Exception):
    """The letter cannot be rendered. ``str(error)`` is a one-line reason for the user."""


def render_html(letter: "LetterOfRequest", lang: str | None = None, bilingual: str | None = None,
                today: dt.date | None = None) -> str:
    """A complete HTML document for the live preview (Qt rich-text subset, no CSS layout, no JS)."""
    from .engine import build_blocks
    from .html_writer import write_html

    return write_html(build_blocks(letter, lang, bilingual, today))


def render_docx(letter: "LetterOfRequest", lang: str | None = None, bilingual: str | None = None,
                reference: "str | os.PathLike[str] | None" = None, today: dt.date | None = None) -> bytes:
    """The letter as .docx bytes, built on ``reference`` (default ``templates/reference.docx``)."""
    from .docx_writer import write_docx
    from .engine import build_blocks

    return write_docx(build_blocks(letter, lang, bilingual, today), reference)


def export_docx(letter: "LetterOfRequest", path: "str | os.PathLike[str]", lang: str | None = None,
                bilingual: str | None = None, reference: "str | os.PathLike[str] | None" = None,
                today: dt.date | None = None) -> None:
    """Render and write the .docx atomically (a failure leaves any previous file untouched)."""
    from ..storage import atomic_write_bytes

    data = render_docx(letter, lang, bilingual, reference, today)
    try:
        atomic_write_bytes(path, data, backup=False)
    except OSError as exc:
        raise RenderError(f"cannot write {os.fspath(path)}: {exc.strerror or exc}") from None


__all__ = ["RenderError", "render_html", "render_docx", "export_docx"]
