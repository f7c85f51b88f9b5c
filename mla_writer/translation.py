"""Translating a draft: its free-text fields side by side, progress, and stale translations.

No Qt here. The fields are those the declarations (:mod:`mla_writer.fields`) give the kind
"text per language" and that go into the letter with some text
(:func:`mla_writer.fields.text_fields`): what point 14 asks to have in the output language.

A translation is *stale* when the text it was translated from has changed since. Each time a
field's text in a target language is written from a source language (in the translation
workspace, from an imported XLIFF file, or typed in the wizard beside the drafting language),
:func:`record` keeps a fingerprint of the source text then (:func:`source_hash`) in the draft
(``letter.translation.marks``, draft format 8). :func:`field_state` compares it with the
source text now. The application never translates: it only says what is missing or out of date.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import fields
from .model import LetterOfRequest, MLText, TranslationMark
from .points import PointDef, section_of

#: A field's state in a target language.
MISSING = "missing"  # no text in the target language
STALE = "stale"  # text in the target language, translated from a source text changed since
CURRENT = "current"  # text in the target language, up to date as far as the draft knows
STATES = (MISSING, STALE, CURRENT)


def source_hash(text: str) -> str:
    """A fingerprint of a source text: 16 hexadecimal digits of its SHA-256 (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Unit:
    """One field instance to translate: ``path`` (concrete), ``field`` (its declaration),
    ``text`` (the :class:`MLText` itself, live: writing to it writes to the letter) and
    ``point`` (the section it belongs to)."""

    path: str
    field: fields.Field
    text: MLText
    point: PointDef

    def label(self, letter: LetterOfRequest, lang: str) -> str:
        """The field as the user reads it in UI language ``lang`` ("Person 2: Place of birth")."""
        return fields.describe(letter, self.path, lang)


def units(letter: LetterOfRequest) -> list[Unit]:
    """Every free-text field of ``letter`` that goes into the letter and holds text in some
    language, in the order of the sections (the order point 14 lists them)."""
    out = []
    for path, decl, text in fields.text_fields(letter):
        out.append(Unit(path, decl, text, section_of(path)))
    order = {p.id: i for i, p in enumerate(_sections())}
    out.sort(key=lambda u: order.get(u.point.id, len(order)))
    return out


def _group_of(field: fields.Field) -> str | None:
    """The msgid of the heading the wizard shows above ``field`` (the last group declared before
    it in its section), or None."""
    group = None
    for decl in fields.section_fields(fields.section_id(field)):
        if decl.item_pattern != field.item_pattern:
            continue
        group = decl.group or group
        if decl is field:
            return group
    return None


def labels(letter: LetterOfRequest, found: list[Unit], lang: str) -> dict[str, str]:
    """How each unit is called in UI language ``lang``: its label (:meth:`Unit.label`), with the
    heading of its group in front where two fields of the same point would read the same
    ("Authority making the request: Name of the authority")."""
    from .i18n import ui_gettext

    _ = ui_gettext(lang)
    out = {u.path: u.label(letter, lang) for u in found}
    seen: dict[tuple[str, str], int] = {}
    for u in found:
        key = (u.point.id, out[u.path])
        seen[key] = seen.get(key, 0) + 1
    for u in found:
        group = _group_of(u.field)
        if seen[(u.point.id, out[u.path])] > 1 and group:
            out[u.path] = f"{_(group)}: {out[u.path]}"
    return out


def _sections() -> list[PointDef]:
    from .points import SECTIONS

    return list(SECTIONS)


def source_language(letter: LetterOfRequest, text: MLText, target: str, preferred: str | None = None) -> str | None:
    """The language ``text`` is translated from into ``target``: ``preferred`` (the workspace's
    choice) when the text holds it, else the drafting language, else the first other language
    held; None when the text holds nothing but ``target``."""
    for lang in (preferred, letter.drafting_language, *text.languages()):
        if lang and lang != target and lang in text:
            return lang
    return None


# -- marks ------------------------------------------------------------------------------------


def _item_id(letter: LetterOfRequest, path: str) -> str:
    """The id of the list item ``path`` is in ("" for a letter-wide field or an item without id)."""
    if "[" not in path:
        return ""
    head, rest = path.split("[", 1)
    try:
        item = getattr(letter, head)[int(rest.split("]", 1)[0])]
    except (AttributeError, IndexError, ValueError, TypeError):
        return ""
    return str(getattr(item, "id", "") or "")


def mark_path(letter: LetterOfRequest, mark: TranslationMark) -> str | None:
    """Where ``mark``'s field is now: its concrete path, following its item when the list was
    reordered; None when that item is gone."""
    if not mark.item_id or "[" not in mark.path:
        return mark.path
    head, rest = mark.path.split("[", 1)
    tail = rest.split("]", 1)[1]
    items = getattr(letter, head, None)
    if not isinstance(items, list):
        return None
    index = next((i for i, item in enumerate(items) if getattr(item, "id", None) == mark.item_id), None)
    return None if index is None else f"{head}[{index}]{tail}"


def _marks_by_path(letter: LetterOfRequest) -> dict[tuple[str, str], TranslationMark]:
    out: dict[tuple[str, str], TranslationMark] = {}
    for mark in letter.translation.marks:
        path = mark_path(letter, mark)
        if path is not None:
            out[(path, mark.target)] = mark
    return out


def record(letter: LetterOfRequest, path: str, target: str, source: str) -> None:
    """Remember that the text at ``path`` in ``target`` is a translation of its text in ``source``
    as it is now (replacing what was remembered for that field and language). Nothing is kept
    when the field has no text in ``source`` or ``source == target``. Raises LookupError /
    AttributeError for a path that does not exist."""
    text = fields.value_at(letter, path)
    if source == target or not isinstance(text, MLText):
        return
    marks = []
    for m in letter.translation.marks:  # (the marks of items removed since are dropped too)
        where = mark_path(letter, m)
        if where is not None and not (where == path and m.target == target):
            marks.append(m)
    if source in text:
        marks.append(TranslationMark(path=path, item_id=_item_id(letter, path), target=target, source=source,
                                     source_hash=source_hash(text.get(source))))
    letter.translation.marks = marks


def note_typed(letter: LetterOfRequest, path: str, lang: str) -> None:
    """The text of ``path`` in ``lang`` was typed in the wizard: when ``lang`` is not the
    drafting language and the field holds text in another language, remember it as a
    translation of that text (:func:`record`), so that it is current again. Harmless for any
    other path."""
    try:
        text = fields.value_at(letter, path)
    except (AttributeError, IndexError, KeyError, ValueError, TypeError):
        return
    if not isinstance(text, MLText) or lang == letter.drafting_language:
        return
    if lang not in text:  # emptied: nothing to keep
        letter.translation.marks = [m for m in letter.translation.marks
                                    if not (mark_path(letter, m) == path and m.target == lang)]
        return
    source = source_language(letter, text, lang)
    if source is not None:
        record(letter, path, lang, source)


def field_state(letter: LetterOfRequest, path: str, text: MLText, target: str,
                marks: dict[tuple[str, str], TranslationMark] | None = None) -> str:
    """:data:`MISSING`, :data:`STALE` or :data:`CURRENT`: the text at ``path`` in ``target``.
    ``marks``: :func:`_marks_by_path` when the caller asks for many fields."""
    if target not in text:
        return MISSING
    mark = (marks if marks is not None else _marks_by_path(letter)).get((path, target))
    if mark is not None and (mark.source not in text or source_hash(text.get(mark.source)) != mark.source_hash):
        return STALE
    return CURRENT


def stale_paths(letter: LetterOfRequest, target: str, texts: Iterable[tuple[str, Any, MLText]] | None = None) -> list[str]:
    """Concrete paths of the fields whose text in ``target`` is stale, in the order of ``texts``
    (``(path, field, text)``, by default :func:`mla_writer.fields.text_fields`)."""
    if not letter.translation.marks:
        return []
    marks = _marks_by_path(letter)
    texts = fields.text_fields(letter) if texts is None else texts
    return [path for path, _f, text in texts if field_state(letter, path, text, target, marks) == STALE]


# -- progress -----------------------------------------------------------------------------------


@dataclass
class Count:
    """How many fields are done (current text in the target language), stale and in all."""

    done: int = 0
    stale: int = 0
    total: int = 0

    @property
    def complete(self) -> bool:
        return self.done == self.total


@dataclass
class Progress:
    """:class:`Count` over the whole draft and per section (by section id, sections with no
    field to translate left out), toward language ``target``."""

    target: str
    overall: Count
    by_point: dict[str, Count]
    states: dict[str, str]  # concrete path -> MISSING / STALE / CURRENT


def progress(letter: LetterOfRequest, target: str, found: list[Unit] | None = None) -> Progress:
    """Progress of the translation of ``letter`` into ``target`` (a language code)."""
    found = units(letter) if found is None else found
    marks = _marks_by_path(letter)
    overall, by_point, states = Count(), {}, {}
    for unit in found:
        state = field_state(letter, unit.path, unit.text, target, marks)
        states[unit.path] = state
        count = by_point.setdefault(unit.point.id, Count())
        for c in (overall, count):
            c.total += 1
            c.done += state == CURRENT
            c.stale += state == STALE
    return Progress(target, overall, by_point, states)


def points_with_text(letter: LetterOfRequest) -> list[PointDef]:
    """The sections that have a field to translate, in order."""
    ids = {u.point.id for u in units(letter)}
    return [p for p in _sections() if p.id in ids]


def ensure_draft_id(letter: LetterOfRequest) -> bool:
    """Give the draft its translation identifier (a random UUID) if it has none; True when it
    was given now (the draft is then changed and should be saved)."""
    if letter.translation.draft_id:
        return False
    letter.translation.draft_id = uuid.uuid4().hex
    return True


__all__ = ["MISSING", "STALE", "CURRENT", "Unit", "Count", "Progress", "units", "progress", "record", "note_typed",
           "field_state", "stale_paths", "source_hash", "source_language", "mark_path", "ensure_draft_id",
           "points_with_text", "labels"]
