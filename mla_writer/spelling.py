"""Spell checking of free text, per language, through Enchant (PyEnchant) and Hunspell dictionaries.

Each text is checked in the language it is stored under, with that language's dictionary
(:func:`dictionary_tag`: the CLDR locale of the language, e.g. ``en_GB``, ``fr_FR``, ``ru_RU``,
``es_ES``). Words the user adds go to a personal word list per language, a plain text file
(``<folder>/<lang>.dic``, one word a line) that the caller's folder holds.

Nothing here fails: without libenchant (PyEnchant cannot load it) or without a dictionary for
a language, :func:`checker` returns an :class:`Unavailable` that says why, and the editors
turn checking off for that language with a note.

A bundled application carries its dictionaries under ``dictionaries/hunspell/`` of its data
folder (:mod:`mla_writer.assets`); Enchant's Hunspell provider is pointed there first (its
configuration folder, ``ENCHANT_CONFIG_DIR``, before the library loads), then looks in the
system's folders. No Qt here.
"""

from __future__ import annotations

import os
import re
import threading
from functools import cache
from pathlib import Path

from .assets import get_asset

#: Where a bundle keeps its Hunspell dictionaries (``<tag>.aff`` and ``<tag>.dic``).
BUNDLED = ("dictionaries",)

#: Why a language is not checked.
NO_LIBRARY = "no_library"  # PyEnchant or libenchant-2 is missing
NO_DICTIONARY = "no_dictionary"  # no Hunspell dictionary for the language

#: A word as the checker sees it: letters, with inner apostrophes or hyphens ("l'enquête",
#: "aujourd'hui", "vice-président"). Digits and underscores end a word.
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")

#: A run of text without spaces longer than this is no word, nor a run of words worth checking
#: (a pasted base64 or hexadecimal blob, a long address): its words are not checked.
LONGEST_TOKEN = 64

#: Space-free runs of text (the tokens :data:`LONGEST_TOKEN` bounds).
_TOKEN = re.compile(r"\S+")

#: How many answers of the dictionary each checker keeps (word -> spelt right); when full it
#: starts again, so memory stays bounded whatever is pasted.
CACHE_SIZE = 50_000


class Unavailable:
    """No checking for ``lang``: ``reason`` is :data:`NO_LIBRARY` or :data:`NO_DICTIONARY`,
    ``detail`` the library's own message (for the log), ``tag`` the dictionary looked for."""

    available = False

    def __init__(self, lang: str, reason: str, tag: str, detail: str = "") -> None:
        self.lang = lang
        self.reason = reason
        self.tag = tag
        self.detail = detail

    def __repr__(self) -> str:
        return f"Unavailable({self.lang!r}, {self.reason!r})"


class Checker:
    """Checks the words of one language: an Enchant dictionary with the personal word list."""

    available = True

    def __init__(self, lang: str, tag: str, dictionary, word_list: Path | None = None) -> None:
        self.lang = lang
        self.tag = tag
        self._dict = dictionary
        #: The personal word list's file (None: added words are kept for this session only).
        self.word_list = word_list
        self._known: dict[str, bool] = {}  # the dictionary's answers so far (at most CACHE_SIZE)
        #: How many times the dictionary was asked (words not known yet).
        self.lookups = 0

    def check(self, word: str) -> bool:
        """Whether ``word`` is spelt right (in the dictionary or the personal word list). The
        answer is kept: asking again about the same word does not ask the dictionary again."""
        known = self._known.get(word)
        if known is None:
            self.lookups += 1
            try:
                known = bool(self._dict.check(word))
            except Exception:  # noqa: BLE001 - a word Enchant cannot take is not worth an error
                known = True
            if len(self._known) >= CACHE_SIZE:
                self._known.clear()
            self._known[word] = known
        return known

    def known(self, word: str) -> bool:
        """Whether the answer for ``word`` is kept (:meth:`check` would not ask the dictionary)."""
        return word in self._known

    def suggest(self, word: str, limit: int = 6) -> list[str]:
        """Up to ``limit`` corrections for ``word``, best first (may be empty)."""
        try:
            return list(self._dict.suggest(word))[:limit]
        except Exception:  # noqa: BLE001
            return []

    def add(self, word: str) -> None:
        """Add ``word`` to the personal word list (kept in its file for later sessions).

        Raises OSError when the word list cannot be written."""
        try:
            self._dict.add(word)
            self._known[word] = True
            if self.word_list is not None:
                private(self.word_list)  # (a list Enchant made itself: owner-only too)
        except OSError:
            raise
        except Exception as exc:  # noqa: BLE001 - Enchant reports a failed write as its own error
            raise OSError(str(exc)) from exc

    def misspelt(self, text: str) -> list[tuple[int, int]]:
        """``(start, length)`` of each misspelt word of ``text``, in character offsets."""
        return [(start, len(word)) for start, word in words(text, self.lang) if not self._word_ok(word)]

    def scan(self, text: str, lookups: int | None = None) -> tuple[list[tuple[int, int]], bool]:
        """Like :meth:`misspelt`, asking the dictionary about at most ``lookups`` words not asked
        before (None: no bound): ``(misspelt, complete)``, where ``complete`` is False when words
        were left unchecked (not underlined) because the bound was reached."""
        found, asked, complete = [], 0, True
        for start, word in words(text, self.lang):
            if not self.known(word):
                if lookups is not None and asked >= lookups:
                    complete = False
                    continue
                asked += 1
            if not self._word_ok(word):
                found.append((start, len(word)))
        return found, complete

    def _word_ok(self, word: str) -> bool:
        if self.check(word):
            return True
        # an elided article or pronoun before a name or an abbreviation ("l'OCRTEH", "d'Interpol")
        head, sep, tail = word.replace("\u2019", "'").rpartition("'")
        return bool(sep) and len(head) <= 2 and (tail.isupper() or self.check(tail) or tail[:1].isupper())


def words(text: str, lang: str | None = None) -> list[tuple[int, str]]:
    """``(start, word)`` of the words of ``text`` worth checking: not one letter alone, not an
    abbreviation in capitals (UNTOC, МВД); with ``lang``, only words in its alphabet (a Latin
    name in Russian text is no word of the Russian dictionary; text in the wrong alphabet
    altogether is :mod:`mla_writer.textscript`'s business); not in a run of text without spaces
    longer than :data:`LONGEST_TOKEN` characters (a pasted code or blob)."""
    from .textscript import char_script, language_script

    script = language_script(lang) if lang else None
    found = []
    for token in _TOKEN.finditer(text):
        if token.end() - token.start() > LONGEST_TOKEN:
            continue
        for match in _WORD.finditer(text, token.start(), token.end()):
            word = match.group(0)
            if len(word) < 2 or (word.isupper() and len(word) <= 6):
                continue
            if script is not None and char_script(word[0]) != script:
                continue
            found.append((match.start(), word))
    return found


def dictionary_tag(lang: str) -> str:
    """The Hunspell dictionary name for ``lang``: its CLDR locale, completed with the likely
    territory (``en`` -> ``en_GB`` from the registry, ``fr`` -> ``fr_FR``, ``ru`` -> ``ru_RU``)."""
    from babel.core import get_global

    from .languages import babel_locale

    locale = babel_locale(lang)
    if "_" in locale:
        return locale
    likely = get_global("likely_subtags").get(locale, "")
    parts = [p for p in likely.split("_") if p]
    territory = next((p for p in parts[1:] if len(p) == 2 and p.isupper()), "")
    return f"{locale}_{territory}" if territory else locale


def bundled_folder() -> Path:
    """The folder of the dictionaries a bundle ships (it may not exist: a checkout has none)."""
    return get_asset(*BUNDLED)


@cache
def _enchant():
    """The ``enchant`` module, or the message of why it cannot be loaded."""
    folder = bundled_folder()
    if (folder / "hunspell").is_dir() and "ENCHANT_CONFIG_DIR" not in os.environ:
        os.environ["ENCHANT_CONFIG_DIR"] = str(folder)
    try:
        import enchant
    except Exception as exc:  # noqa: BLE001 - ImportError without libenchant-2; pyenchant also asserts on
        return f"{type(exc).__name__}: {exc}"  # a wrong PYENCHANT_LIBRARY_PATH: checking off, never a crash
    return enchant


def library_problem() -> str | None:
    """Why spell checking cannot run at all here (libenchant or PyEnchant missing), or None."""
    module = _enchant()
    return module if isinstance(module, str) else None


_checkers: dict[tuple[str, str], Checker | Unavailable] = {}
_making = threading.Lock()


def checker(lang: str, personal: Path | None = None) -> Checker | Unavailable:
    """The checker of language ``lang`` (one per language and word-list folder, kept).

    ``personal`` is the folder of the personal word lists (created when needed); None keeps
    added words for this session only. Never raises: an :class:`Unavailable` says why not.
    Loading a dictionary takes a few tenths of a second: :func:`warm_up` does it beforehand.
    Safe to call from several threads (one of them loads, the others wait for it)."""
    key = (lang, str(personal or ""))
    found = _checkers.get(key)
    if found is None:
        with _making:
            found = _checkers.get(key)
            if found is None:
                found = _checkers[key] = _make(lang, personal)
    return found


def warm_up(langs, personal: Path | None = None) -> threading.Thread:
    """Load the checkers of ``langs`` in a background thread (returned, already started), so
    that the first editor shown does not wait for its dictionary."""
    thread = threading.Thread(target=lambda: [checker(lang, personal) for lang in dict.fromkeys(langs)],
                              name="spelling-warm-up", daemon=True)
    thread.start()
    return thread


def _make(lang: str, personal: Path | None) -> Checker | Unavailable:
    tag = dictionary_tag(lang)
    enchant = _enchant()
    if isinstance(enchant, str):
        return Unavailable(lang, NO_LIBRARY, tag, enchant)
    try:
        found = next((t for t in (tag, lang) if enchant.dict_exists(t)), None)
        if found is None:
            return Unavailable(lang, NO_DICTIONARY, tag)
        if personal is not None:
            try:
                private(personal, folder=True)
                word_list = personal / f"{lang}.dic"
                word_list.touch(mode=0o600, exist_ok=True)
                private(word_list)  # (one an earlier version left readable by all: owner-only now)
                return Checker(lang, found, enchant.DictWithPWL(found, str(word_list)), word_list)
            except OSError:  # a folder that cannot be written: check without the word list
                pass
        return Checker(lang, found, enchant.DictWithPWL(found))
    except Exception as exc:  # noqa: BLE001 - a broken dictionary turns checking off, no more
        return Unavailable(lang, NO_DICTIONARY, tag, f"{type(exc).__name__}: {exc}")


def private(path: Path, folder: bool = False) -> None:
    """Make ``path`` readable and writable by its owner only: a folder (created with its parents
    if missing) 0700, a file 0600. The personal word lists hold names from case files. Raises
    OSError when a folder cannot be created; a mode that cannot be changed (a file system
    without modes, a file of another user's) is left as it is."""
    if folder:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.chmod(path, 0o700 if folder else 0o600)
    except OSError:
        pass


def forget() -> None:
    """Drop the checkers made so far (tests; a dictionary installed while running)."""
    _checkers.clear()
