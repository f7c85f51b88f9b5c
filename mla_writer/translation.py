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
    language, in letter order (:func:`letter_order`: by section, then item by item)."""
    found = {path: (decl, text) for path, decl, text in fields.text_fields(letter)}
    return [Unit(path, found[path][0], found[path][1], section_of(path)) for path in letter_order(list(found))]


def letter_order(paths: list[str]) -> list[str]:
    """Concrete paths (in declaration order, as :func:`mla_writer.fields.text_fields` gives them)
    in the order a reader meets them: by section, and inside a section item by item (every field
    of Person 1, then those of Person 2), each list where its first field is declared."""
    order = {p.id: i for i, p in enumerate(_sections())}
    first: dict[tuple[str, str], int] = {}
    keys = {}
    for i, path in enumerate(paths):
        section = order.get(section_of(path).id, len(order))
        head, _sep, rest = path.partition("[")
        item = int(rest.split("]", 1)[0]) if rest and rest.split("]", 1)[0].isdigit() else -1
        rank = first.setdefault((str(section), head if item >= 0 else path), i)
        keys[path] = (section, rank, item, i)
    return sorted(paths, key=keys.__getitem__)


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


def labels(letter: LetterOfRequest, found: list[Unit], lang: str, noun: bool = False) -> dict[str, str]:
    """How each unit is called in UI language ``lang``: its label (:meth:`Unit.label`; with
    ``noun``, its noun where the label is a prompt, :attr:`mla_writer.fields.Field.noun`), with the
    heading of its group in front where two fields of the same point would read the same
    ("Authority making the request: Name of the authority")."""
    from .i18n import ui_gettext

    _ = ui_gettext(lang)
    out = {u.path: fields.describe(letter, u.path, lang, noun=noun) for u in found}
    seen: dict[tuple[str, str], int] = {}
    for u in found:
        key = (u.point.id, out[u.path])
        seen[key] = seen.get(key, 0) + 1
    base = dict(out)
    for u in found:
        group = _group_of(u.field)
        if seen[(u.point.id, base[u.path])] > 1 and group:
            out[u.path] = f"{_(group)}: {base[u.path]}"
    return out


#: How many fields a list in a message names before "and n more fields".
MAX_LISTED = 8


def field_lines(letter: LetterOfRequest, paths: list[str], lang: str, limit: int = MAX_LISTED) -> list[str]:
    """The fields at ``paths`` as lines for a message in UI language ``lang``, one per field:
    "5. Urgency and time limit — Explanation of the urgency" (point, then the field named as a
    noun, told apart from a field of the same name by its group or item, as the workspace does).
    At most ``limit`` lines, then "and 12 more fields". A path the draft does not have is
    quoted as it was read (cut to a bounded length). Never raises for a bad path."""
    from .i18n import translations
    from .storage.errors import clip

    ngettext = translations("ui", lang).ngettext
    every = units(letter)  # (all of them: a field is told apart from its namesakes even when they are not listed)
    names = labels(letter, every, lang, noun=True) if every else {}
    lines = []
    for path in paths[:limit]:
        if path in names:
            lines.append(f"{section_of(path).heading(lang)} — {names[path]}")
        else:
            try:
                decl = fields.declaration(path, letter)
            except Exception:  # noqa: BLE001 - a path read from a file: anything may be wrong with it
                decl = None
            if decl is not None:
                lines.append(f"{section_of(path).heading(lang)} — {fields.describe(letter, path, lang, noun=True)}")
            else:
                lines.append(clip(path))
    rest = len(paths) - limit
    if rest > 0:
        lines.append(ngettext("and {count} more field", "and {count} more fields", rest).format(count=rest))
    return lines


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


def note_source_edit(letter: LetterOfRequest, path: str, lang: str) -> None:
    """The text of ``path`` in ``lang`` is about to change in the wizard (call it before the
    change): when ``lang`` is the drafting language, each of the field's other languages that
    holds text nobody has yet marked as a translation (a draft from before marks were kept,
    a sample, text typed before the source) is marked as a translation of the source as it is
    now, so that the change makes it stale (:data:`STALE`) rather than silently out of date.
    Harmless for any other path."""
    if lang != letter.drafting_language:
        return
    try:
        text = fields.value_at(letter, path)
    except (AttributeError, IndexError, KeyError, ValueError, TypeError):
        return
    if not isinstance(text, MLText) or lang not in text:
        return
    targets = [code for code in text.languages() if code != lang]
    if not targets:
        return
    marked = {m.target for m in letter.translation.marks if mark_path(letter, m) == path}
    for target in targets:
        if target not in marked:
            record(letter, path, target, lang)


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
           "points_with_text", "labels", "letter_order", "field_lines", "MAX_LISTED"]
