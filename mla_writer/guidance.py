"""Guidance on each of the 14 points: why it matters, what gets a request refused or sent back,
a short good example and a short bad one, in each UI language.

Where it is kept, and why there: one JSON file per UI language,
``resources/guidance/<lang>.json`` (found through :mod:`mla_writer.assets`, so a bundle has it
too), shaped ::

    {"language": "ru",
     "points": {"identification": {"why": "...", "refusals": "...", "good": "...", "bad": "..."},
                ...one entry per point id of mla_writer.points.POINTS...}}

This follows the user guide (``resources/help/<lang>/guide.html``), not the gettext catalogues:
the guidance is advice written afresh in each language by someone who knows its legal usage,
paragraphs long, and its examples are examples of that language's own letters. A gettext
catalogue would key each paragraph by its English wording, so that every touch to the English
would orphan three good texts and silently fall back to English. Here each text is keyed by
the point's id (declared once in :mod:`mla_writer.points`) and by its part (:data:`PARTS`),
and :func:`load_guidance` refuses a file in which any point or part is missing, empty, or not
a point at all.

No Qt here (a domain module): the help panel of the wizard (:mod:`mla_writer.gui.guidance_panel`)
and the tests read it.
"""

from __future__ import annotations

import json
from functools import cache

from .assets import get_asset
from .points import POINTS

#: The parts of each point's guidance, in the order they are shown.
PARTS: tuple[str, ...] = ("why", "refusals", "good", "bad")


class GuidanceError(ValueError):
    """A guidance file is missing, unreadable, or lacks a point or a part (the message says which)."""


class PointGuidance:
    """The guidance on one point in one language: four non-empty texts (plain text, one paragraph each)."""

    __slots__ = ("point_id", "why", "refusals", "good", "bad")

    def __init__(self, point_id: str, why: str, refusals: str, good: str, bad: str) -> None:
        self.point_id = point_id
        self.why = why
        self.refusals = refusals
        self.good = good
        self.bad = bad

    def part(self, name: str) -> str:
        """The text of one of :data:`PARTS`; KeyError for another name."""
        if name not in PARTS:
            raise KeyError(name)
        return getattr(self, name)


def guidance_file(lang: str):
    """The path of the guidance file for ``lang`` (it may not exist)."""
    return get_asset("resources", "guidance", f"{lang}.json")


def parse_guidance(data: object, lang: str) -> dict[str, PointGuidance]:
    """Check the decoded JSON of ``lang``'s file and return ``{point id: PointGuidance}``, one per
    point of :data:`mla_writer.points.POINTS`, in their order.

    Raises GuidanceError naming every problem: a point missing or unknown, a part missing, empty
    or not text, or a file that says it is in another language."""
    where = f"guidance ({lang})"
    if not isinstance(data, dict) or not isinstance(data.get("points"), dict):
        raise GuidanceError(f"{where}: the file must be an object with a \"points\" object")
    if data.get("language") != lang:
        raise GuidanceError(f"{where}: the file says it is in {data.get('language')!r}")
    points = data["points"]
    ids = [p.id for p in POINTS]
    problems = [f"point {pid!r} is missing" for pid in ids if pid not in points]
    problems += [f"{pid!r} is not one of the 14 points" for pid in points if pid not in ids]
    for pid in ids:
        entry = points.get(pid)
        if entry is None:
            continue
        if not isinstance(entry, dict):
            problems.append(f"point {pid!r} must be an object")
            continue
        for part in PARTS:
            text = entry.get(part)
            if not isinstance(text, str) or not text.strip():
                problems.append(f"point {pid!r} has no {part!r} text")
        problems += [f"point {pid!r}: unknown part {extra!r}" for extra in entry if extra not in PARTS]
    if problems:
        raise GuidanceError(f"{where}: " + "; ".join(problems))
    return {pid: PointGuidance(pid, *(points[pid][part].strip() for part in PARTS)) for pid in ids}


@cache
def load_guidance(lang: str) -> dict[str, PointGuidance]:
    """The guidance of every point in ``lang`` (a UI language of :mod:`mla_writer.languages`), validated, cached.

    Raises GuidanceError when the file is missing, is not valid JSON, or lacks anything."""
    path = guidance_file(lang)
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise GuidanceError(f"guidance ({lang}): cannot read {path}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise GuidanceError(f"guidance ({lang}): {path} is not valid JSON: {exc}") from exc
    return parse_guidance(data, lang)


def guidance_for(point_id: str, lang: str) -> PointGuidance | None:
    """The guidance on one point in ``lang``, falling back to English for a language that ships
    no file (as the user guide does); None for a section that is not one of the 14 points (the
    States and addressee, the closing).

    Raises GuidanceError when the file to use is broken (tests/test_guidance.py keeps every
    shipped UI language's file whole)."""
    if point_id not in {p.id for p in POINTS}:
        return None
    return load_guidance(lang if guidance_file(lang).is_file() else "en")[point_id]
