"""Gettext catalogues, loaded straight from the ``.po`` files under ``locales/``.

Two domains: ``ui`` (the application and the checklist messages) and ``letter`` (the fixed
text of the letter). Catalogues are read from the ``.po`` text when first used, so there is
never a stale binary; the result is cached per (domain, language). The UI language and the
letter's output language are independent: callers always ask for a language explicitly.

A checkout reads the ``.po`` files with :class:`mla_writer.po.PoTranslations`, a small strict reader
(stdlib only, loaded on first need) so that start-up does not pay for importing Babel. Babel is
still used by the developer tools below (:func:`catalogue_problems`, ``python -m
mla_writer.i18n``) and by the tests, which check that the reader gives exactly what Babel's
``read_po`` + ``write_mo(use_fuzzy=False)`` gave.
"""

from __future__ import annotations

import gettext
import sys
from functools import cache

from .assets import get_asset

DOMAINS = ("ui", "letter")


def po_path(domain: str, lang: str):
    return get_asset("locales", lang, "LC_MESSAGES", f"{domain}.po")


def mo_path(domain: str, lang: str):
    return get_asset("locales", lang, "LC_MESSAGES", f"{domain}.mo")


def _frozen() -> bool:
    """Running from the PyInstaller bundle (which ships compiled ``.mo`` catalogues)."""
    return bool(getattr(sys, "frozen", False))


@cache
def translations(domain: str, lang: str) -> gettext.NullTranslations:
    """Translations for ``domain`` in ``lang``; English (the source language) is the identity.

    A checkout reads the ``.po`` file with :class:`PoTranslations` (any ``.mo`` lying
    there may be stale); the bundle, built by ``build_installer.spec``, reads the ``.mo``
    it was given. A missing, unreadable or malformed ``.po`` (see :class:`PoTranslations`
    for what it refuses) gives English — ``gettext.NullTranslations()`` — silently: a
    broken catalogue must not stop the program. The tests read every shipped catalogue
    strictly, so a broken one is caught before it ships.
    """
    if domain not in DOMAINS:
        raise ValueError(f"unknown gettext domain {domain!r}")
    if lang == "en":
        return gettext.NullTranslations()
    if _frozen():
        mo = mo_path(domain, lang)
        if mo.is_file():
            with mo.open("rb") as fh:
                return gettext.GNUTranslations(fh)
    from .po import PoSyntaxError, PoTranslations

    path = po_path(domain, lang)
    try:
        with path.open("rb") as fh:
            return PoTranslations(fh)
    except (OSError, PoSyntaxError):
        return gettext.NullTranslations()


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


def ui_gettext(lang: str):
    return translations("ui", lang).gettext


def catalogue_problems(domain: str, lang: str) -> list[str]:
    """Entries of a catalogue that are untranslated, fuzzy or obsolete (for tests and scripts/i18n)."""
    from babel.messages.pofile import read_po

    with po_path(domain, lang).open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=domain)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
        elif not all(strings):
            problems.append(f"untranslated: {msgid!r}")
    return problems


def _main() -> int:  # python -m mla_writer.i18n : report catalogue problems
    import sys

    failed = False
    for domain in DOMAINS:
        for lang in ("fr", "ru", "es"):
            if not po_path(domain, lang).is_file():
                continue
            for problem in catalogue_problems(domain, lang):
                failed = True
                print(f"{lang}/{domain}.po: {problem}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(_main())

