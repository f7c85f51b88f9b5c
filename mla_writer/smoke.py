"""``mla-writer --smoke-test``: does this installation (a checkout or the bundle) work?

1. imports every dependency and every module of the application;
2. checks the data a bundle must carry: Babel's locale data for the four languages,
   the gettext catalogues, Qt's translations and platform plugin;
3. builds the main window offscreen (when there is no display) and shows it;
4. renders the sample letter to a .docx in English, French, Russian and Spanish and
   reopens each with python-docx.

Prints one line per step and, per language, the paragraph count and a hash of the
paragraph texts (so a bundle and a checkout can be compared); exits 0. On the first
failure: one line ``mla-writer --smoke-test: FAILED: reason`` on stderr, exit 1.

``--startup-only`` only shows the main window and prints how long that took (used by
``bench/bench_bundle_startup.py``). This module imports no Qt itself: the Qt half is
:mod:`mla_writer.gui.smoke`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib
import os
import pkgutil
import sys
import tempfile
import time
from pathlib import Path

#: The sample letter every smoke test renders (resources/samples/NAME.mlar).
from .samples import DEFAULT_SAMPLE as SAMPLE  # noqa: E402

#: Third-party modules the application imports (some only lazily, so a bundle could miss them).
DEPENDENCIES = (
    "docx", "docx.oxml", "docx.opc.package", "lxml.etree",
    "jinja2", "jinja2.sandbox", "jinja2.ext", "markupsafe",
    "pydantic", "pydantic_core",
    "babel", "babel.core", "babel.dates", "babel.numbers",
    "translate.storage.xliff", "translate.storage.xliff2", "translate.storage.tbx",  # translation (XLIFF, TBX)
)

#: Application modules that must be found when walking the package (a bundle that lost one fails).
REQUIRED_MODULES = ("mla_writer.render", "mla_writer.storage", "mla_writer.checklist", "mla_writer.gui.main")

#: A rendered letter has at least this many non-empty paragraphs.
MIN_PARAGRAPHS = 20

_T0 = time.perf_counter()


class SmokeFailure(Exception):
    """One-line reason the smoke test failed."""


def _say(line: str) -> None:
    print(f"smoke: {line}", flush=True)


def _process_age() -> float | None:
    """Seconds since this process started (Linux), or None."""
    try:
        stat = Path("/proc/self/stat").read_text()
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def ensure_platform() -> None:
    """Without a display, Qt must use the offscreen platform (set before QApplication)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


# -- steps -----------------------------------------------------------------------------------


def check_imports() -> int:
    """Import the dependencies and every module of the package; return how many."""
    import mla_writer

    count = 0
    for name in DEPENDENCIES:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            raise SmokeFailure(f"cannot import {name}: {exc}") from None
        count += 1
    from .gui import smoke as gui_smoke  # Qt itself

    count += len(gui_smoke.import_qt())
    found = []

    def _failed(name: str) -> None:
        raise SmokeFailure(f"cannot import {name}: {sys.exc_info()[1]}")

    for info in pkgutil.walk_packages(mla_writer.__path__, "mla_writer.", onerror=_failed):
        if info.name == "mla_writer.__main__":
            continue
        try:
            importlib.import_module(info.name)
        except Exception as exc:  # noqa: BLE001 - any failure to import is the finding
            raise SmokeFailure(f"cannot import {info.name}: {type(exc).__name__}: {exc}") from None
        found.append(info.name)
    missing = [m for m in REQUIRED_MODULES if m not in found]
    if missing:
        raise SmokeFailure(f"application modules not found: {', '.join(missing)}")
    return count + len(found)


def check_locale_data() -> str:
    """Babel's CLDR data for the four languages: names of States, dates."""
    from babel import Locale
    from babel.dates import format_date

    from .model import LANGUAGES

    for lang in LANGUAGES:
        try:
            locale = Locale.parse(lang)
            name = locale.territories.get("MD")
            date = format_date(dt.date(2026, 11, 22), format="long", locale=locale)
        except Exception as exc:  # noqa: BLE001
            raise SmokeFailure(f"Babel's locale data for {lang!r} is unusable: {type(exc).__name__}: {exc}") from None
        if not name or not date:
            raise SmokeFailure(f"Babel's locale data for {lang!r} has no name for Moldova or no date format")
    return " ".join(LANGUAGES)


def check_catalogues() -> str:
    """The gettext catalogues of every domain load, with translations, in every translated language."""
    import gettext

    from .i18n import DOMAINS, translations
    from .languages import translated_languages

    langs = translated_languages()
    for domain in DOMAINS:
        for lang in langs:
            try:
                tr = translations(domain, lang)
            except Exception as exc:  # noqa: BLE001
                raise SmokeFailure(f"the {domain!r} catalogue for {lang} cannot be read: {exc}") from None
            if not isinstance(tr, gettext.GNUTranslations) or len(getattr(tr, "_catalog", {})) < 2:
                raise SmokeFailure(f"the {domain!r} catalogue for {lang} is missing or empty")
    return f"{'+'.join(DOMAINS)} in {' '.join(langs)}"


def check_register() -> str:
    """The case register: a new SQLite register (its Alembic migrations run), a card written and
    read back, its deadline as a calendar event."""
    from .register import Deadline, Entry, Register
    from .register.calendar import ics_bytes

    with tempfile.TemporaryDirectory(prefix="mla-writer-smoke-register-") as tmp:
        try:
            with Register.open("sqlite:///" + str(Path(tmp) / "register.sqlite"), journal=Path(tmp) / "known.txt") as reg:
                reg.upsert(Entry(path=str(Path(tmp) / "x.mlar"), file_name="x.mlar", requesting_reference="SMOKE-1",
                                 requesting_state="FR", deadlines=(Deadline(dt.date(2026, 12, 1), "letter"),)))
                [entry] = reg.entries(check_files=False)
            events = ics_bytes([entry]).count(b"BEGIN:VEVENT")
        except Exception as exc:  # noqa: BLE001
            raise SmokeFailure(f"the case register does not work: {type(exc).__name__}: {exc}") from None
    if entry.reference != "SMOKE-1" or events != 1:
        raise SmokeFailure("the case register did not give back what was written")
    return "SQLite, calendar"


def check_window() -> dict:
    from .gui import smoke as gui_smoke

    ensure_platform()
    try:
        seen = gui_smoke.show_main_window()
        files = gui_smoke.check_qt_files()
    except Exception as exc:  # noqa: BLE001
        raise SmokeFailure(f"the main window cannot be shown: {type(exc).__name__}: {exc}") from None
    if not seen["visible"]:
        raise SmokeFailure("the main window was created but is not visible")
    if not seen.get("steps_loaded"):
        raise SmokeFailure(f"the wizard's steps did not load: {seen.get('steps_error', 'no draft open')}")
    seen["files"] = files
    return seen


def docx_paragraph_texts(path: str | os.PathLike[str]) -> list[str]:
    """Texts of a .docx's paragraphs in document order, table cells included."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(os.fspath(path))
    texts: list[str] = []

    def walk(container) -> None:
        for block in container.iter_inner_content():
            if isinstance(block, Paragraph):
                texts.append(block.text)
            elif isinstance(block, Table):
                for row in block.rows:
                    seen_cells = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen_cells:  # merged cells repeat
                            continue
                        seen_cells.add(id(cell._tc))
                        walk(cell)

    walk(document)
    return texts


def texts_digest(texts: list[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()


def render_sample(out_dir: Path, today: dt.date | None) -> list[tuple[str, int, str]]:
    """Render the sample letter in each language; reopen each .docx; (lang, paragraphs, digest)."""
    from .model import LANGUAGES
    from .render import render_docx
    from .samples import load_sample

    try:
        letter = load_sample(SAMPLE)
    except Exception as exc:  # noqa: BLE001
        raise SmokeFailure(f"the sample letter {SAMPLE} cannot be loaded: {exc}") from None
    results = []
    for lang in LANGUAGES:
        path = out_dir / f"{SAMPLE}-{lang}.docx"
        try:
            path.write_bytes(render_docx(letter, lang=lang, today=today))
        except Exception as exc:  # noqa: BLE001
            raise SmokeFailure(f"rendering the sample letter in {lang} failed: {type(exc).__name__}: {exc}") from None
        try:
            texts = docx_paragraph_texts(path)
        except Exception as exc:  # noqa: BLE001
            raise SmokeFailure(f"the {lang} letter is not a valid .docx: {type(exc).__name__}: {exc}") from None
        filled = sum(1 for t in texts if t.strip())
        if filled < MIN_PARAGRAPHS:
            raise SmokeFailure(f"the {lang} letter has only {filled} non-empty paragraphs")
        results.append((lang, len(texts), texts_digest(texts)))
    return results


# -- entry -----------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mla-writer --smoke-test",
                                description="Check that this installation of MLA Writer works; exit 0 if it does.")
    p.add_argument("--startup-only", action="store_true",
                   help="only show the main window, print the time it took, and exit")
    p.add_argument("--out", metavar="DIR", help="keep the rendered letters in DIR (default: a temporary folder)")
    p.add_argument("--today", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                   help="render as of this date (default: today), for comparing two installations")
    return p


def _startup_only() -> int:
    seen = check_window()
    age = _process_age()
    since = f", {age * 1000:.0f} ms after the process started" if age is not None else ""
    _say(f"window shown in {seen['seconds'] * 1000:.0f} ms from QApplication{since} "
         f"(platform {seen['platform']})")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.startup_only:
            return _startup_only()
        frozen = "bundle" if getattr(sys, "frozen", False) else "checkout"
        _say(f"MLA Writer {__import__('mla_writer').__version__} ({frozen}, Python {sys.version.split()[0]}, {sys.platform})")
        ensure_platform()
        _say(f"imports ok ({check_imports()} modules)")
        _say(f"locale data ok ({check_locale_data()})")
        _say(f"catalogues ok ({check_catalogues()})")
        _say(f"case register ok ({check_register()})")
        seen = check_window()
        _say(f"main window ok (platform {seen['platform']}, \"{seen['title']}\", "
             f"{seen['size'][0]}x{seen['size'][1]}; {seen['files']})")
        if args.out:
            out = Path(args.out)
            out.mkdir(parents=True, exist_ok=True)
            results = render_sample(out, args.today)
        else:
            with tempfile.TemporaryDirectory(prefix="mla-writer-smoke-") as tmp:
                results = render_sample(Path(tmp), args.today)
        for lang, count, digest in results:
            _say(f"letter {lang}: {count} paragraphs, sha256 {digest[:16]}")
    except SmokeFailure as exc:
        print(f"mla-writer --smoke-test: FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    except Exception as exc:  # noqa: BLE001 - never a traceback for the person running it
        print(f"mla-writer --smoke-test: FAILED: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 1
    _say(f"ok in {time.perf_counter() - _T0:.1f} s")
    return 0
