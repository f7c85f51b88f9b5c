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


def export_pdf(letter: "LetterOfRequest", path: "str | os.PathLike[str]", lang: str | None = None,
               bilingual: str | None = None, reference: "str | os.PathLike[str] | None" = None,
               today: dt.date | None = None) -> None:
    """Render the letter and write it as PDF/A-2b at ``path``, converted by LibreOffice (headless,
    a temporary profile, no network; see :mod:`mla_writer.render.pdf`), atomically (a failure
    leaves any previous file untouched). The arguments are those of :func:`export_docx`.

    Raises :class:`RenderError` (one-line message): LibreOffice is not installed (the message
    says how to install it; ``$MLA_WRITER_SOFFICE`` may name the program), the reference is
    unusable, the conversion fails or times out, or the file cannot be written.
    """
    from .pdf import docx_to_pdf, find_soffice

    find_soffice()  # before rendering: a missing LibreOffice is told at once
    docx_to_pdf(render_docx(letter, lang, bilingual, reference, today), path)


__all__ = ["RenderError", "render_html", "render_docx", "export_docx", "export_pdf"]
