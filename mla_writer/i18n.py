"""Gettext catalogues: ``.po`` sources under ``locales/``, compiled ``.mo`` files read at run time.

Domains: ``ui`` (the application and the checklist messages) and ``letter`` (the fixed text
of the letter); :data:`DOMAINS` lists the ones :func:`translations` serves, and the tools
below compile and check every ``locales/<lang>/LC_MESSAGES/<domain>.po`` they find. The
languages come from :mod:`mla_writer.languages`. The UI language and the letter's output
language are independent: callers always ask for a language explicitly.

The standard route: Babel compiles each ``.po`` to a ``.mo`` beside it (``read_po`` +
``write_mo(use_fuzzy=False)``: fuzzy entries are not used) when the project is installed
(``scripts/setup-common.sh``, i.e. ``scripts/run-app`` and ``scripts/test``) and when the
bundle is built (``build_installer.spec``); at run time :class:`gettext.GNUTranslations`
reads the ``.mo``. A ``.mo`` is never used stale: when the ``.po`` is newer than its
``.mo`` (or the ``.mo`` is missing or damaged), :func:`translations` compiles the ``.po``
again -- importing Babel only then -- and replaces the ``.mo`` atomically (a temporary file,
then :func:`os.replace`); where ``locales/`` is read-only it uses the catalogue compiled in
memory. The frozen bundle ships only ``.mo`` files and reads them.

    python -m mla_writer.i18n check               # untranslated, fuzzy or malformed entries (exit 1)
    python -m mla_writer.i18n compile [--force]   # .po -> .mo where stale (strict; exit 1 on an error)
"""

from __future__ import annotations

import gettext
import io
import os
import sys
from functools import cache
from pathlib import Path

from .assets import get_asset

DOMAINS = ("ui", "letter")


class CatalogueError(ValueError):
    """A ``.po`` catalogue that cannot be compiled (the message names the file and, if known, the line)."""


def locales_dir() -> Path:
    return get_asset("locales")


def po_path(domain: str, lang: str) -> Path:
    return get_asset("locales", lang, "LC_MESSAGES", f"{domain}.po")


def mo_path(domain: str, lang: str) -> Path:
    return get_asset("locales", lang, "LC_MESSAGES", f"{domain}.mo")


def _frozen() -> bool:
    """Running from the PyInstaller bundle (which ships compiled ``.mo`` catalogues only)."""
    return bool(getattr(sys, "frozen", False))


@cache
def translations(domain: str, lang: str) -> gettext.NullTranslations:
    """Translations for ``domain`` in ``lang``; English (the source language) is the identity.

    Reads ``locales/<lang>/LC_MESSAGES/<domain>.mo``, compiling it from the ``.po`` first if
    the ``.po`` is newer than the ``.mo`` or the ``.mo`` is missing or cannot be read (see the module's
    docstring). The frozen bundle reads its ``.mo`` as it is. A catalogue that is missing,
    unreadable or that Babel refuses gives English -- ``gettext.NullTranslations()`` -- with a
    warning on the log: a broken catalogue must not stop the program. The tests compile every
    shipped catalogue strictly, so a broken one is caught before it ships. Cached per
    (domain, language) for the life of the process.
    """
    if domain not in DOMAINS:
        raise ValueError(f"unknown gettext domain {domain!r}")
    if lang == "en":
        return gettext.NullTranslations()
    mo = mo_path(domain, lang)
    if _frozen():
        found = _read_mo(mo)
        if found is not None:
            return found
    po = po_path(domain, lang)
    try:
        po_mtime = po.stat().st_mtime_ns
    except OSError:  # no source (an installation that ships .mo files only): the .mo or English
        found = _read_mo(mo)
        if found is None:
            _warn(f"no catalogue {po} (nor {mo.name}): {lang} shown in English")
        return found or gettext.NullTranslations()
    try:
        fresh = mo.stat().st_mtime_ns >= po_mtime
    except OSError:
        fresh = False
    if fresh:
        found = _read_mo(mo)
        if found is not None:
            return found
    try:
        data = compile_po(po, lang)
    except CatalogueError as exc:
        _warn(f"{exc}; {lang} shown in English")
        return gettext.NullTranslations()
    save_mo(mo, data, po_mtime)
    return gettext.GNUTranslations(_named_buffer(data, str(mo)))


def _read_mo(mo: Path) -> gettext.GNUTranslations | None:
    """The compiled catalogue at ``mo``, or None if it is missing or damaged."""
    # Missing or bad magic number: OSError; truncated: struct.error; bad bytes or plural: ValueError.
    try:
        with open(mo, "rb") as fh:
            return gettext.GNUTranslations(fh)
    except Exception:  # noqa: BLE001
        return None


def _named_buffer(data: bytes, name: str) -> io.BytesIO:
    buf = io.BytesIO(data)
    buf.name = name  # GNUTranslations names the file in its errors
    return buf


def _warn(message: str) -> None:
    import logging

    logging.getLogger(__name__).warning("gettext catalogue: %s", message)


# -- compiling ------------------------------------------------------------------------------------


def compile_po(po: Path, lang: str, *, strict: bool = False) -> bytes:
    """The ``.mo`` bytes of the catalogue ``po`` (Babel: ``read_po`` + ``write_mo(use_fuzzy=False)``).

    Raises :class:`CatalogueError` if Babel refuses the file (``abort_invalid``) or the result
    does not load in :class:`gettext.GNUTranslations` (an invalid ``Plural-Forms``, say).
    ``strict`` (the tests, ``compile``, the bundle) also refuses what Babel's reader would
    accept with a guess: a line that is not a keyword with one well-quoted string, an escape
    other than ``\\n \\t \\r \\\\ \\"`` (the ones every Babel release reads alike), a
    duplicate message.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    po = Path(po)
    try:
        raw = po.read_bytes()
    except OSError as exc:
        raise CatalogueError(f"{po}: cannot read: {exc.strerror or exc}") from None
    try:
        catalog = read_po(io.BytesIO(raw), locale=lang, domain=po.stem, abort_invalid=True)
    except PoFileError as exc:
        reason = str(exc).removesuffix(f" on {exc.lineno}")  # Babel appends its 0-based line number
        raise CatalogueError(f"{po}: line {exc.lineno + 1}: {reason}") from None
    except Exception as exc:  # noqa: BLE001 - undecodable bytes, unknown locale, ...
        raise CatalogueError(f"{po}: {type(exc).__name__}: {exc}") from None
    if strict:
        problem = _strict_problem(raw, catalog)
        if problem:
            raise CatalogueError(f"{po}: {problem}")
    buf = io.BytesIO()
    try:
        write_mo(buf, catalog, use_fuzzy=False)
        data = buf.getvalue()
        gettext.GNUTranslations(_named_buffer(data, str(po)))  # what the reader will make of it
    except Exception as exc:  # noqa: BLE001
        raise CatalogueError(f"{po}: {type(exc).__name__}: {exc}") from None
    return data


def _strict_problem(raw: bytes, catalog) -> str | None:
    """What makes a catalogue that Babel read unfit to ship, or None (see :func:`compile_po`)."""
    import re

    string = re.compile(r'"(?:[^"\\]|\\[ntr\\"])*"')
    keyword = re.compile(r"(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\]) +(.*)")
    try:
        text = raw.decode(catalog.charset or "utf-8")
    except (LookupError, UnicodeDecodeError) as exc:
        return f"cannot decode as {catalog.charset}: {exc}"
    msgid_lines = []  # the lines of the live entries' msgid keywords
    for lineno, line in enumerate(text.split("\n"), 1):  # numbered as Babel numbers them
        line = line.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        elif line.startswith("#"):
            continue
        if not line:
            continue
        match = keyword.fullmatch(line)
        if not string.fullmatch(match.group(2) if match else line):
            return (f"line {lineno}: expected a keyword and one quoted string "
                    f"(escapes: \\n \\t \\r \\\\ \\\"): {line[:60]!r}")
        if match and match.group(1) == "msgid" and not obsolete:
            msgid_lines.append(lineno)
    # Babel keeps one message per (context, msgid) and starts an entry at its msgid line; the
    # header (the first entry) is not kept as a message.
    entry_lines = {message.lineno for message in catalog if message.id}
    for lineno in msgid_lines[1:]:
        if lineno not in entry_lines:
            return f"line {lineno}: duplicate message, or a msgid that does not start an entry of its own"
    return None


def save_mo(mo: Path, data: bytes, source_mtime_ns: int | None = None) -> bool:
    """Write ``data`` to ``mo`` atomically (temporary file beside it, then ``os.replace``).

    The ``.mo`` gets the ``.po``'s modification time (``source_mtime_ns``), so a ``.po``
    edited while it was being compiled is newer and compiled again next time. Returns False,
    writing nothing, where the folder is not writable (an installation on a read-only
    medium): the caller uses the catalogue compiled in memory.
    """
    tmp = mo.with_name(f".{mo.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        if source_mtime_ns is not None:
            os.utime(tmp, ns=(source_mtime_ns, source_mtime_ns))
        os.replace(tmp, mo)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
    return True


def catalogue_files(root: Path | None = None) -> list[tuple[str, str, Path]]:
    """``(lang, domain, po)`` for every ``<root>/<lang>/LC_MESSAGES/<domain>.po`` (root: ``locales/``)."""
    root = Path(root) if root is not None else locales_dir()
    return [(po.parent.parent.name, po.stem, po) for po in sorted(root.glob("*/LC_MESSAGES/*.po"))]


def compile_catalogues(root: Path | None = None, out: Path | None = None, *, force: bool = False,
                       strict: bool = True) -> tuple[list[tuple[Path, bool]], list[str]]:
    """Compile every ``.po`` under ``root`` (``locales/``) to ``.mo``: beside it, or under ``out``.

    A ``.mo`` at least as new as its ``.po`` is kept unless ``force``. Returns
    ``([(mo, compiled_now), ...], [error, ...])``; one bad catalogue does not stop the others.
    """
    root = Path(root) if root is not None else locales_dir()
    done: list[tuple[Path, bool]] = []
    errors: list[str] = []
    for lang, domain, po in catalogue_files(root):
        target = po.with_suffix(".mo") if out is None else Path(out) / lang / "LC_MESSAGES" / f"{domain}.mo"
        po_mtime = po.stat().st_mtime_ns
        if not force:
            try:
                if target.stat().st_mtime_ns >= po_mtime and _read_mo(target) is not None:
                    done.append((target, False))
                    continue
            except OSError:
                pass
        try:
            data = compile_po(po, lang, strict=strict)
        except CatalogueError as exc:
            errors.append(str(exc))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if not save_mo(target, data, po_mtime):
            errors.append(f"{target}: cannot write (folder not writable?)")
            continue
        done.append((target, True))
    return done, errors


# -- developer tools ------------------------------------------------------------------------------


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


def L_(message: str) -> str:
    """Mark a msgid of the ``letter`` domain (the fixed text of the letter) without translating it now."""
    return message


def LN_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural msgid of the ``letter`` domain without translating it now: ``(singular, plural)``
    for ``ngettext(*forms, n)``."""
    return singular, plural


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


def _check() -> int:
    """Every registered language has every domain's catalogue, well-formed and complete."""
    from .languages import translated_languages

    failed = False
    found = {(lang, domain) for lang, domain, _po in catalogue_files()}
    domains = sorted(set(DOMAINS) | {domain for _lang, domain in found}, key=lambda d: (d not in DOMAINS, d))
    for lang in translated_languages():
        for domain in domains:
            po = po_path(domain, lang)
            if (lang, domain) not in found:
                failed = True
                print(f"{lang}/{domain}.po: missing ({po})", file=sys.stderr)
                continue
            try:
                compile_po(po, lang, strict=True)
            except CatalogueError as exc:
                failed = True
                print(f"{lang}/{domain}.po: malformed: {exc}", file=sys.stderr)
                continue
            for problem in catalogue_problems(domain, lang):
                failed = True
                print(f"{lang}/{domain}.po: {problem}", file=sys.stderr)
    return 1 if failed else 0


def _main(argv: list[str] | None = None) -> int:  # python -m mla_writer.i18n [check | compile ...]
    import argparse

    parser = argparse.ArgumentParser(prog="python -m mla_writer.i18n", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("check", help="list untranslated, fuzzy or malformed entries; exit 1 if any")
    comp = sub.add_parser("compile", help="compile each locales/<lang>/LC_MESSAGES/<domain>.po to .mo where stale")
    comp.add_argument("--force", action="store_true", help="compile even the .mo files that are up to date")
    comp.add_argument("--locales", type=Path, default=None, help="the locales folder (default: the project's)")
    comp.add_argument("--out", type=Path, default=None, help="write the .mo files under OUT/<lang>/LC_MESSAGES/")
    comp.add_argument("-q", "--quiet", action="store_true", help="print only errors and a one-line summary")
    args = parser.parse_args(argv)
    if args.command in (None, "check"):
        return _check()
    done, errors = compile_catalogues(args.locales, args.out, force=args.force)
    if not args.quiet:
        for mo, compiled in done:
            print(f"{'compiled  ' if compiled else 'up to date'} {mo}")
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    fresh = sum(1 for _mo, compiled in done if compiled)
    print(f"gettext catalogues: {fresh} compiled, {len(done) - fresh} up to date, {len(errors)} failed")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(_main())
