"""Pairing for the two-column (bilingual) letter.

Both languages are rendered from the same template and the same data, so their block
sequences have the same shape; block *i* of one language sits beside block *i* of the other.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from . import RenderError
from .engine import Blocks


def top_blocks(root: ET.Element) -> list[ET.Element]:
    return [elem for elem in root if elem.tag != "running"]


def pair_blocks(blocks: Blocks) -> list[tuple[ET.Element, ET.Element]]:
    left, right = (top_blocks(root) for root in blocks.roots)
    if len(left) != len(right) or any(a.tag != b.tag for a, b in zip(left, right)):
        raise RenderError("the two language versions of the letter do not line up (template error)")
    return list(zip(left, right))
