"""Which alphabet (writing system) a text is written in, against the language it is stored under.

Russian typed into the English slot of a field (or French into the Russian one) is the same
mistake every time: the keyboard layout or the tab was wrong. The checklist warns about it
(advice, not a block: a quotation in another alphabet is legitimate) and the wizard offers to
move the text to a language of the letter written in that alphabet.

A language's alphabet comes from CLDR (Babel's likely subtags: ``ru`` -> ``ru_Cyrl_RU``);
a character's from Unicode (its name starts with the script: "CYRILLIC SMALL LETTER A").
No Qt here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

from .textmemo import memo_by_text

#: ISO 15924 script codes (as CLDR gives them) and the word Unicode character names start with.
UNICODE_SCRIPTS: dict[str, str] = {
    "Latn": "LATIN", "Cyrl": "CYRILLIC", "Grek": "GREEK", "Arab": "ARABIC", "Hebr": "HEBREW",
    "Armn": "ARMENIAN", "Geor": "GEORGIAN",
}
_CODE_OF = {word: code for code, word in UNICODE_SCRIPTS.items()}

#: Texts with fewer letters than this are not judged (a name, an abbreviation, a reference).
MIN_LETTERS = 12
#: A text is "in" another script when at least this share of its letters are in that script.
MAJORITY = 2 / 3


@cache
def language_script(lang: str) -> str | None:
    """The ISO 15924 code of the script ``lang`` is usually written in (``"ru"`` -> ``"Cyrl"``),
    from CLDR; None when CLDR does not know the language."""
    from babel.core import get_global

    tag = get_global("likely_subtags").get(lang)
    if not tag:
        return None
    parts = tag.split("_")
    return parts[1] if len(parts) > 1 and len(parts[1]) == 4 else None


@cache
def char_script(ch: str) -> str | None:
    """The ISO 15924 code of a letter (``"Ж"`` -> ``"Cyrl"``); None for a non-letter or a script
    not in :data:`UNICODE_SCRIPTS`."""
    if not ch.isalpha():
        return None
    return _CODE_OF.get(unicodedata.name(ch, "").split(" ", 1)[0])


def other_script(text: str) -> str | None:
    """The script (ISO 15924 code) of the first letter of ``text`` written in a script other
    than Latin (``"ул. Абая, 00"`` -> ``"Cyrl"``), or None when every letter is Latin: a name
    or an address that a letter in a Latin-script language prints in its Latin form."""
    if text.isascii():
        return None  # (every ASCII letter is Latin)
    for ch in text:
        script = char_script(ch)
        if script not in (None, "Latn"):
            return script
    return None


#: ... and the script of the language it is stored under holds less than this share.
MINORITY = 1 / 4

#: Abbreviations in capitals (OCRTEH, UNTOC, МВД) say nothing about the language of a text.
#: Candidates for them: runs of two or more word characters without a lower-case
#: letter of the common alphabets (Latin, Latin-1, Cyrillic); :meth:`str.isupper` decides.
_CAPITALS = re.compile(r"(?<!\w)[^\Wa-z\u00df-\u00ff\u0430-\u045f]{2,}(?!\w)")


def script_shares(text: str) -> tuple[Counter, int]:
    """``(counts, letters)``: how many letters of ``text`` are in each script (ISO 15924 code ->
    count) and how many letters it has in all, abbreviations in capitals (words of two or more
    characters that are :meth:`str.isupper`) left out. Linear in the text: each distinct
    character is looked up once, so a long text costs little more than counting its characters."""
    distinct = set(text)
    chars = Counter(text) if len(distinct) > 200 else {ch: text.count(ch) for ch in distinct}
    counts: Counter = Counter()
    letters = 0
    for ch, n in chars.items():
        if ch.isalpha():
            letters += n
            script = char_script(ch)
            if script is not None:
                counts[script] += n
    for match in _CAPITALS.finditer(text):
        word = match.group(0)
        if word.isupper():
            for ch in word:
                if ch.isalpha():
                    letters -= 1
                    script = char_script(ch)
                    if script is not None:
                        counts[script] -= 1
    return +counts, letters


def mismatch(text: str, lang: str) -> str | None:
    """The script ``text`` is written in when that is not the script of ``lang`` (the language it
    is stored under), else None: at least :data:`MIN_LETTERS` letters, :data:`MAJORITY` of them
    in another script and under :data:`MINORITY` in the language's own. So a name, a quotation
    or an e-mail address in another alphabet inside a text is never a mismatch.
    Kept for each text read (the checklist asks again after every edit, mostly about unchanged texts)."""
    if text.isascii() and language_script(lang) == "Latn":
        return None  # (every letter is Latin: at once, without keeping it)
    return _kept_mismatch(text, lang)


def _mismatch(text: str, lang: str) -> str | None:
    """:func:`mismatch`, worked out."""
    expected = language_script(lang)
    if expected is None:
        return None
    if expected == "Latn" and _ascii_lower_share(text) >= MINORITY:
        return None  # (a shortcut: the Latin letters' share is at least this)
    counts, letters = script_shares(text)
    if not counts or letters < MIN_LETTERS:
        return None
    script, n = counts.most_common(1)[0]
    if script == expected or n / letters < MAJORITY or counts.get(expected, 0) / letters >= MINORITY:
        return None
    return script


_kept_mismatch = memo_by_text(_mismatch)
mismatch.cache_clear = _kept_mismatch.cache_clear  # type: ignore[attr-defined]

_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))
_ASCII_LETTERS = _ASCII_LOWER + _ASCII_LOWER.upper()
_NOT_ASCII_LOWER = bytes(b for b in range(256) if b not in _ASCII_LOWER)
_NOT_ASCII_OTHER = bytes(b for b in range(256) if b >= 0x80 or b in _ASCII_LETTERS)


def _ascii_lower_share(text: str) -> float:
    """A lower bound, found in C at the speed of encoding, of the share of Latin letters among
    the letters :func:`script_shares` counts: ASCII lower-case letters (never in an abbreviation
    in capitals) over every character but ASCII ones that are not letters. 0.0 for no such character."""
    data = text.encode("utf-8", "surrogatepass")  # ASCII characters are single bytes < 0x80
    lower = len(data.translate(None, _NOT_ASCII_LOWER))
    others = len(data.translate(None, _NOT_ASCII_OTHER))
    bound = len(text) - others
    return lower / bound if bound else 0.0


def move_targets(text_languages, stored_under: str, script: str, letter_languages) -> list[str]:
    """The languages the text stored under ``stored_under`` could be moved to: those of
    ``letter_languages`` (the letter's drafting and output language, in that order) written in
    ``script`` that hold no text yet in this field (``text_languages``: the languages it holds)."""
    held = set(text_languages)
    return [lang for lang in dict.fromkeys(letter_languages)
            if lang != stored_under and lang not in held and language_script(lang) == script]


def script_name(script: str, lang: str) -> str:
    """The name of ``script`` in UI language ``lang`` ("Cyrl", "fr" -> "cyrillique"), from CLDR."""
    from babel import Locale

    try:
        return Locale.parse(lang).scripts.get(script, script)
    except (ValueError, LookupError):
        return script
