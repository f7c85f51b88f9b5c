"""The language registry: the one list of languages the letter and the window can be in.

Every other module reads its languages from here (the model's multilingual text, the
command line's ``--lang`` choices, the window's language menu, the catalogue checks, the
letter). Adding a language means adding one :class:`LanguageDef` to :data:`REGISTRY` and
its gettext catalogues under ``locales/<code>/LC_MESSAGES/`` (see ``docs/adding-a-language.md``).

Nothing heavy is imported here (no pydantic, no Qt, no Babel): the window reads this
module before its first paint.
"""

from __future__ import annotations

import datetime as dt
import functools


class LanguageDef:
    """One language of the application.

    ``code``     ISO 639-1 code, also the gettext catalogue directory name ("fr").
    ``endonym``  the language's name in itself, as the language menus show it ("Français").
    ``locale``   the CLDR locale Babel formats dates, numbers and currencies with ("en_GB").
    ``source``   True for the source language of the catalogues (English): it needs none.
    """

    __slots__ = ("code", "endonym", "locale", "source")

    def __init__(self, code: str, endonym: str, locale: str | None = None, source: bool = False) -> None:
        self.code = code
        self.endonym = endonym
        self.locale = locale or code
        self.source = source

    def __repr__(self) -> str:
        return f"LanguageDef({self.code!r})"


#: Languages by code, in the order menus and reports list them. English is the source
#: language of every catalogue; international English formats dates the British way
#: ("20 November 2026"), which is the form UN documents use.
REGISTRY: dict[str, LanguageDef] = {
    lang.code: lang
    for lang in (
        LanguageDef("en", "English", "en_GB", source=True),
        LanguageDef("fr", "Français"),
        LanguageDef("ru", "Русский"),
        LanguageDef("es", "Español"),
    )
}


def languages() -> tuple[str, ...]:
    """The registered language codes, in registry order (read each time: the registry may grow)."""
    return tuple(REGISTRY)


def translated_languages() -> tuple[str, ...]:
    """The registered languages that have catalogues of their own (every one but the source)."""
    return tuple(code for code, lang in REGISTRY.items() if not lang.source)


def environment_language(environ: "dict[str, str] | None" = None) -> str:
    """The registered language the environment asks for, as gettext reads it: the first of
    ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set ("fr_CH.UTF-8" -> "fr";
    ``LANGUAGE`` may list several, "ru:en"); English when it names none of ours ("C.UTF-8").
    ``environ`` defaults to ``os.environ``."""
    import os

    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if not value:
            continue
        for part in value.split(":"):
            code = part.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in REGISTRY:
                return code
        if var != "LANGUAGE":
            break
    return "en"


def is_language(code: object) -> bool:
    return isinstance(code, str) and code in REGISTRY


def endonym(code: str) -> str:
    lang = REGISTRY.get(code)
    return lang.endonym if lang else code


def babel_locale(code: str) -> str:
    """The CLDR locale identifier to format in for language ``code`` (``"en"`` -> ``"en_GB"``)."""
    lang = REGISTRY.get(code)
    return lang.locale if lang else code


@functools.cache
def short_date_pattern(code: str) -> str:
    """CLDR's short date pattern of language ``code`` (``"dd/MM/y"`` in en_GB, ``"dd.MM.y"`` in
    ru); the international ``"dd.MM.y"`` for a locale CLDR does not know. Imports Babel."""
    from babel.dates import get_date_format

    try:
        return get_date_format("short", locale=babel_locale(code)).pattern
    except Exception:  # noqa: BLE001 - an unknown locale: the international form
        return "dd.MM.y"


@functools.cache
def date_order(code: str) -> tuple[str, str]:
    """The order of day, month and year in language ``code``'s short date (``"dmy"``, ``"mdy"``
    or ``"ymd"``) and its separator (``"/"``, ``"."`` or ``"-"``): ``("dmy", "/")`` in English."""
    pattern = short_date_pattern(code)
    positions = {ch: pattern.find(ch) for ch in "dMy"}
    if min(positions.values()) < 0:
        return "dmy", "."
    order = "".join(sorted("dMy", key=positions.__getitem__)).lower()
    sep = next((ch for ch in pattern if ch in "./-"), ".")
    return order, sep


def short_date(value: "dt.date | None", code: str, with_time: bool = False) -> str:
    """``value`` as language ``code`` writes a date in figures, two-digit day and month and a
    four-digit year: ``date(2027, 1, 15)`` -> "15/01/2027" (en, fr, es), "15.01.2027" (ru); with
    ``with_time``, " HH:MM" on the 24-hour clock after it (00:00 for a date). "" for None. The
    one formatter of the window's date fields and the register's calendar."""
    if value is None:
        return ""
    order, sep = date_order(code)
    parts = {"d": f"{value.day:02d}", "m": f"{value.month:02d}", "y": f"{value.year:04d}"}
    text = sep.join(parts[ch] for ch in order)
    if with_time:
        hour, minute = (value.hour, value.minute) if isinstance(value, dt.datetime) else (0, 0)
        text += f" {hour:02d}:{minute:02d}"
    return text


def register(lang: LanguageDef) -> None:
    """Add a language at run time (for tests and for an authority's own build).

    Call it before the rest of the application is imported: modules that read
    :data:`LANGUAGES` when they are imported (the command line's choices) see it then.
    """
    global LANGUAGES
    REGISTRY[lang.code] = lang
    LANGUAGES = languages()


#: The languages at import time. Prefer :func:`languages` in code that may run after a
#: language is registered.
LANGUAGES: tuple[str, ...] = languages()
