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
from functools import cache, lru_cache

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
    for ch in text:
        script = char_script(ch)
        if script not in (None, "Latn"):
            return script
    return None


#: ... and the script of the language it is stored under holds less than this share.
MINORITY = 1 / 4

#: Abbreviations in capitals (OCRTEH, UNTOC, МВД) say nothing about the language of a text.
_WORD = re.compile(r"\w+")


def script_shares(text: str) -> tuple[Counter, int]:
    """``(counts, letters)``: how many letters of ``text`` are in each script (ISO 15924 code ->
    count) and how many letters it has in all, abbreviations in capitals left out."""
    text = _WORD.sub(lambda m: "" if len(m.group(0)) > 1 and m.group(0).isupper() else m.group(0), text)
    counts = Counter(s for s in map(char_script, text) if s is not None)
    return counts, sum(1 for ch in text if ch.isalpha())


@lru_cache(maxsize=2048)  # the checklist asks again after every edit, mostly about unchanged texts
def mismatch(text: str, lang: str) -> str | None:
    """The script ``text`` is written in when that is not the script of ``lang`` (the language it
    is stored under), else None: at least :data:`MIN_LETTERS` letters, :data:`MAJORITY` of them
    in another script and under :data:`MINORITY` in the language's own. So a name, a quotation
    or an e-mail address in another alphabet inside a text is never a mismatch."""
    expected = language_script(lang)
    if expected is None:
        return None
    counts, letters = script_shares(text)
    if not counts or letters < MIN_LETTERS:
        return None
    script, n = counts.most_common(1)[0]
    if script == expected or n / letters < MAJORITY or counts.get(expected, 0) / letters >= MINORITY:
        return None
    return script


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
