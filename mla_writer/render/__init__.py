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
    from collections.abc import Sequence

    from ..checklist import PointResult
    from ..model import LetterOfRequest


class RenderError(Exception):
    """The letter cannot be rendered. ``str(error)`` is a one-line reason for the user."""


def render_html(letter: "LetterOfRequest", lang: str | None = None, bilingual: str | None = None,
                today: dt.date | None = None, identities: str = "pseudonyms", training: bool = False,
                abridged=None, incomplete: "Sequence[PointResult] | None" = None) -> str:
    """A complete HTML document for the live preview (Qt rich-text subset, no CSS layout, no JS);
    ``identities``, ``training`` and ``incomplete`` as for :func:`render_docx` (the training mark
    opens the page). ``abridged``: None (the whole letter), or ``note(kind, count) -> str`` to
    shorten a very large letter for the preview, each cut followed by that note (:func:`.abridge.abridge`)."""
    from .engine import build_blocks
    from .html_writer import write_html

    blocks = build_blocks(letter, lang, bilingual, today, identities, training=training, incomplete=incomplete)
    if abridged is not None:
        from .abridge import abridge

        abridge(blocks, abridged)
    return write_html(blocks)


def _reference(reference: "str | os.PathLike[str] | None") -> "str | os.PathLike[str] | None":
    """``reference``, else the installed State pack's letterhead (:func:`mla_writer.packs.letterhead`), else None (the default)."""
    if reference is not None:
        return reference
    from ..packs import letterhead

    return letterhead()


def render_docx(letter: "LetterOfRequest", lang: str | None = None, bilingual: str | None = None,
                reference: "str | os.PathLike[str] | None" = None, today: dt.date | None = None,
                identities: str = "pseudonyms", training: bool = False,
                incomplete: "Sequence[PointResult] | None" = None) -> bytes:
    """The letter as .docx bytes, built on ``reference`` (default ``templates/reference.docx``).

    ``identities``: ``"pseudonyms"`` (default: the letter as sent, protected victims and
    witnesses by pseudonym only) or ``"full"`` (a copy for the file that names them; never send
    it). ``training``: "TRAINING — NOT A REAL REQUEST" in the header of every page (every
    section's headers) and in a notice at the start, in the letter's language.
    ``incomplete``: the sections the "draft — incomplete" banner names, as
    :func:`mla_writer.checklist.incomplete_in_languages` gives them for this letter in
    ``[lang]`` (or ``[lang, bilingual]``) on ``today``, when the caller has just run the check
    (the GUI does, after each edit); None (the default) runs it here.
    Raises :class:`RenderError`."""
    from .docx_writer import write_docx
    from .engine import build_blocks

    return write_docx(build_blocks(letter, lang, bilingual, today, identities, training=training, incomplete=incomplete),
                      _reference(reference))


def has_protected_identities(letter: "LetterOfRequest") -> bool:
    """Whether the letter names a victim or witness by a pseudonym (it then has an identities annex)."""
    from .. import fields

    return any(fields.holds("identity_protected", letter, p) for p in letter.persons)


def render_identities_annex(letter: "LetterOfRequest", lang: str | None = None, bilingual: str | None = None,
                            reference: "str | os.PathLike[str] | None" = None, today: dt.date | None = None,
                            training: bool = False) -> bytes:
    """The confidential annex of identities as .docx bytes: each pseudonym of the letter with the
    person's true identity, "CONFIDENTIAL" in the header of every page (and the training mark
    when ``training``). To be sent apart from the letter. Raises :class:`RenderError`, also when no person is named by a pseudonym."""
    from .docx_writer import write_docx
    from .engine import build_blocks

    if not has_protected_identities(letter):
        raise RenderError("the letter names no victim or witness by a pseudonym: there is no identities annex to write")
    return write_docx(build_blocks(letter, lang, bilingual, today, "full", name="identities.j2", training=training),
                      _reference(reference))


def export_docx(letter: "LetterOfRequest", path: "str | os.PathLike[str]", lang: str | None = None,
                bilingual: str | None = None, reference: "str | os.PathLike[str] | None" = None,
                today: dt.date | None = None, identities: str = "pseudonyms", part: str = "letter",
                training: bool = False) -> None:
    """Render and write the .docx atomically (a failure leaves any previous file untouched).

    ``identities``, ``training``: see :func:`render_docx`; ``part``: ``"letter"`` or
    ``"identities-annex"`` (:func:`render_identities_annex`)."""
    from ..storage import atomic_write_bytes

    if part == "identities-annex":
        data = render_identities_annex(letter, lang, bilingual, reference, today, training)
    else:
        data = render_docx(letter, lang, bilingual, reference, today, identities, training)
    try:
        atomic_write_bytes(path, data, backup=False)
    except OSError as exc:
        raise RenderError(f"cannot write {os.fspath(path)}: {exc.strerror or exc}") from None


def export_pdf(letter: "LetterOfRequest", path: "str | os.PathLike[str]", lang: str | None = None,
               bilingual: str | None = None, reference: "str | os.PathLike[str] | None" = None,
               today: dt.date | None = None, identities: str = "pseudonyms", part: str = "letter",
               training: bool = False) -> None:
    """Render the letter and write it as PDF/A-2b at ``path``, converted by LibreOffice (headless,
    a temporary profile, no network; see :mod:`mla_writer.render.pdf`), atomically (a failure
    leaves any previous file untouched). The arguments are those of :func:`export_docx`.

    Raises :class:`RenderError` (one-line message): LibreOffice is not installed (the message
    says how to install it; ``$MLA_WRITER_SOFFICE`` may name the program), the reference is
    unusable, the conversion fails or times out, or the file cannot be written.
    """
    from .pdf import docx_to_pdf, find_soffice

    find_soffice()  # before rendering: a missing LibreOffice is told at once
    if part == "identities-annex":
        data = render_identities_annex(letter, lang, bilingual, reference, today, training)
    else:
        data = render_docx(letter, lang, bilingual, reference, today, identities, training)
    docx_to_pdf(data, path)


__all__ = ["RenderError", "render_html", "render_docx", "render_identities_annex", "has_protected_identities",
           "export_docx", "export_pdf"]
