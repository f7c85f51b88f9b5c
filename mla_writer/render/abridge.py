"""A shortened letter for the live preview of a very large case. No Qt here.

Qt lays a rich-text document out on the GUI thread, in steps that grow to 200,000
characters: a letter of two million characters of facts and 800 persons froze the window
for up to a quarter of a second per step after each preview (issue 12: typing must not
stall beyond 50 ms). The preview is a preview: a letter of more than :data:`WHOLE_LIMIT`
characters shows each free text up to :data:`TEXT_LIMIT` characters and each part of the
letter (from one main heading to the next) up to :data:`PART_LIMIT` characters, and says,
where it stops, in a visible note, how much more the exported letter holds. The letters
exported (.docx, PDF) are never shortened.

A letter within :data:`WHOLE_LIMIT` (every ordinary letter: the longest shipped sample, in two
languages side by side, holds 52,000 characters) is shown whole.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from .engine import Blocks

#: A letter of at most this many characters (both languages of a bilingual one) is shown whole.
WHOLE_LIMIT = 80_000
#: The most characters of one paragraph (a free text, a cell) the preview of a longer letter shows.
TEXT_LIMIT = 2_000
#: The most characters of one part of the letter (a main heading to the next) it shows.
PART_LIMIT = 6_000
#: A cut is moved back to a space at most this many characters before the limit.
_WORD_SLACK = 200

#: ``note(kind, count)``: the note's text; ``kind`` is ``"characters"`` (of a text cut short)
#: or ``"blocks"`` (paragraphs, items or table rows of a part left out).
Note = Callable[[str, int], str]


def _length(elem: ET.Element) -> int:
    return sum(len(t) for t in elem.itertext())


def _cut_point(text: str, budget: int) -> int:
    space = text.rfind(" ", max(0, budget - _WORD_SLACK), budget + 1)
    return space if space > 0 else budget


def _truncate(elem: ET.Element, budget: int) -> int:
    """Keep the first ``budget`` characters of ``elem``'s content (text, children, tails), in
    document order; returns the budget left (< 0: something was cut)."""
    if elem.text:
        if len(elem.text) > budget:
            elem.text = elem.text[:_cut_point(elem.text, budget)]
            for child in list(elem):
                elem.remove(child)
            return -1
        budget -= len(elem.text)
    for child in list(elem):
        if budget < 0:
            elem.remove(child)
            continue
        budget = _truncate(child, budget)
        if budget < 0:
            child.tail = None
            continue
        if child.tail:
            if len(child.tail) > budget:
                child.tail = child.tail[:_cut_point(child.tail, budget)]
                budget = -1
            else:
                budget -= len(child.tail)
    return budget


def _note(text: str) -> ET.Element:
    cut = ET.Element("cut")
    cut.text = text
    return cut


def _shorten_texts(root: ET.Element, note: Note) -> None:
    """Every paragraph (or cell of inline text) longer than :data:`TEXT_LIMIT` cut there, a note after it."""
    for elem in list(root.iter()):
        if elem.tag not in ("p", "td") or (elem.tag == "td" and len(elem) and elem[0].tag == "p"):
            continue
        total = _length(elem)
        if total <= TEXT_LIMIT:
            continue
        _truncate(elem, TEXT_LIMIT)
        kept = _length(elem)
        last = elem[-1] if len(elem) else None
        if last is not None and last.tail:
            last.tail += " "
        elif last is None and elem.text:
            elem.text += " "
        elem.append(_note(note("characters", total - kept)))


def _parts_plan(root: ET.Element) -> tuple[list[int], dict[int, int]]:
    """From the first language's letter: the indices of top-level blocks to leave out, and the
    tables (by index) to keep only so many rows of."""
    drop: list[int] = []
    rows: dict[int, int] = {}
    used = 0
    for i, elem in enumerate(root):
        if elem.tag == "h" and elem.get("n", "1") == "1":
            used = 0
        if elem.tag == "running" or (elem.tag == "h" and elem.get("n", "1") == "1"):
            used += _length(elem)
            continue
        size = _length(elem)
        if used + size <= PART_LIMIT:
            used += size
            continue
        if elem.tag == "table" and elem.get("kind") != "layout" and used < PART_LIMIT:
            keep = 0
            for row in elem:
                row_size = _length(row)
                if row.get("head") != "1" and used + row_size > PART_LIMIT:
                    break
                used += row_size
                keep += 1
            rows[i] = keep
            used = PART_LIMIT
            continue
        drop.append(i)
        used = PART_LIMIT
    return drop, rows


def _apply_plan(root: ET.Element, drop: list[int], rows: dict[int, int], note: Note) -> None:
    children = list(root)
    noted: list[tuple[int, ET.Element]] = []  # (index to insert before, note paragraph)
    run_start, run = None, 0
    for i in sorted(set(drop) | set(rows)):
        if i >= len(children):
            continue
        if i in rows:
            table = children[i]
            cut = list(table)[rows[i]:]
            for row in cut:
                table.remove(row)
            if cut:
                noted.append((i + 1, _block_note(note, len(cut))))
            continue
        if run_start is not None and i == run_start + run:
            run += 1
        else:
            if run_start is not None:
                noted.append((run_start + run, _block_note(note, run)))
            run_start, run = i, 1
    if run_start is not None:
        noted.append((run_start + run, _block_note(note, run)))
    for i in sorted(drop, reverse=True):
        if i < len(children):
            root.remove(children[i])
    # insert the notes where the left-out blocks were (positions in the list as it now is)
    dropped = sorted(drop)
    for index, paragraph in sorted(noted, key=lambda n: n[0], reverse=True):
        position = index - sum(1 for d in dropped if d < index)
        root.insert(position, paragraph)


def _block_note(note: Note, count: int) -> ET.Element:
    paragraph = ET.Element("p", {"s": "cut-note"})
    paragraph.append(_note(note("blocks", count)))
    return paragraph


def abridge(blocks: Blocks, note: Note) -> bool:
    """Shorten ``blocks`` in place for the preview (see the module's description): a letter
    over :data:`WHOLE_LIMIT` characters has its free texts
    to :data:`TEXT_LIMIT` characters, parts to :data:`PART_LIMIT`, each cut followed by a
    ``<cut>`` element holding ``note(kind, count)``. Both languages of a bilingual letter
    leave out the same blocks, so they still line up. True if anything was shortened."""
    before = [_length(root) for root in blocks.roots]
    if sum(before) <= WHOLE_LIMIT:
        return False
    for root in blocks.roots:
        _shorten_texts(root, note)
    drop, rows = _parts_plan(blocks.roots[0])
    if drop or rows:
        for root in blocks.roots:
            _apply_plan(root, drop, rows, note)
    return bool(drop or rows) or any(_length(root) != size for root, size in zip(blocks.roots, before))
