"""A hyphen between digits ("article 225-4-1 du code pénal") is written as a no-break hyphen
in the .docx, so that a citation is never cut across lines; other hyphens stay as typed."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from mla_writer import storage
from mla_writer.model import MLText
from mla_writer.render import render_docx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_helpers import docx_paragraphs  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def test_hyphens_between_digits_never_break_and_others_stay():
    letter = storage.load(ROOT / "resources" / "samples" / "trafficking-fr-md.mlar")
    letter.facts.summary = MLText({**letter.facts.summary.root,
                                   "fr": "Faits prévus par l'article 225-4-1 du code pénal ; société VEST-LOGISTIC."})
    text = "\n".join(docx_paragraphs(render_docx(letter, "fr", today=dt.date(2026, 11, 22)), ("all",)))
    assert "225\u20114\u20111" in text and "225-4" not in text
    assert "VEST-LOGISTIC" in text
