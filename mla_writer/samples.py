"""Sample letters shipped for trainers and demonstrations (``resources/samples/*.mlar``).

``mla-writer sample --list`` names them with their title and summary in the UI language;
``mla-writer sample NAME -o OUT.mlar`` writes a copy the trainer can open and edit (the shipped
file is never changed). The samples are fictional. No Qt here.

Each sample is declared once in ``resources/samples/index.json``::

    {"format": "mla-writer-samples", "format_version": 1,
     "samples": {"NAME": {"title": {"en": ..., "fr": ..., "ru": ..., "es": ...},
                          "summary": {...the same languages...},
                          "flawed": true}}}          # optional, default false

``title`` and ``summary`` are one line each, in every UI language (:func:`mla_writer.languages.languages`).
``flawed`` marks a sample written with deliberate gaps for teaching: the checklist is meant to
find them, so it is left out of :func:`complete_sample_names`. :func:`index` refuses an index
that lacks a sample file's entry, names a file that is not there, or misses a language.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .assets import get_asset

SUFFIX = ".mlar"
INDEX = "index.json"
INDEX_FORMAT = "mla-writer-samples"
INDEX_VERSION = 1
#: The example the window's "Open example" opens and the smoke test loads: the France -> Moldova
#: case, which uses every kind of assistance.
DEFAULT_SAMPLE = "trafficking-fr-md"


def samples_dir() -> Path:
    return get_asset("resources", "samples")


def sample_names() -> list[str]:
    """Names of the shipped samples (file names without ``.mlar``), sorted."""
    folder = samples_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob(f"*{SUFFIX}") if p.is_file())


def sample_path(name: str) -> Path:
    """Path of a shipped sample; ``KeyError`` (with the known names) if there is none."""
    name = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    if name not in sample_names():  # also refuses path tricks such as "../x"
        known = ", ".join(sample_names()) or "none"
        raise KeyError(f"no sample named {name!r} (samples: {known})")
    return samples_dir() / f"{name}{SUFFIX}"


class SampleIndexError(ValueError):
    """``resources/samples/index.json`` is missing, unreadable or does not match the sample files."""


@dataclass(frozen=True)
class SampleInfo:
    """A sample's declaration: ``title`` and ``summary`` by UI language, ``flawed`` for teaching."""

    name: str
    title: dict[str, str]
    summary: dict[str, str]
    flawed: bool = False

    def title_in(self, lang: str) -> str:
        """The title in UI language ``lang`` (English for a language the index does not have)."""
        return self.title.get(lang) or self.title["en"]

    def summary_in(self, lang: str) -> str:
        """The one-line summary in UI language ``lang`` (English for a language the index does not have)."""
        return self.summary.get(lang) or self.summary["en"]


def _one_line_texts(value: object, where: str, langs: tuple[str, ...]) -> dict[str, str]:
    if not isinstance(value, dict):
        raise SampleIndexError(f"{where}: expected an object with the languages {', '.join(langs)}")
    missing = [lang for lang in langs if not isinstance(value.get(lang), str) or not value[lang].strip()]
    if missing:
        raise SampleIndexError(f"{where}: no text in {', '.join(missing)}")
    if any("\n" in text for text in value.values() if isinstance(text, str)):
        raise SampleIndexError(f"{where}: must be one line")
    return {lang: value[lang].strip() for lang in langs}


def parse_index(data: object, names: list[str]) -> dict[str, SampleInfo]:
    """The declarations in ``data`` (the parsed index) for the sample files ``names``, in the
    index's order (the order lists show them in). Raises :class:`SampleIndexError` naming the
    first problem."""
    from .languages import languages

    langs = languages()
    if not isinstance(data, dict) or data.get("format") != INDEX_FORMAT:
        raise SampleIndexError(f"{INDEX}: not a sample index (format {INDEX_FORMAT!r} expected)")
    if data.get("format_version") != INDEX_VERSION:
        raise SampleIndexError(f"{INDEX}: format version {data.get('format_version')!r} is not {INDEX_VERSION}")
    entries = data.get("samples")
    if not isinstance(entries, dict):
        raise SampleIndexError(f"{INDEX}: \"samples\" must be an object")
    undeclared = [name for name in names if name not in entries]
    if undeclared:
        raise SampleIndexError(f"{INDEX}: no entry for {', '.join(undeclared)}")
    no_file = [name for name in entries if name not in names]
    if no_file:
        raise SampleIndexError(f"{INDEX}: no sample file {', '.join(n + SUFFIX for n in no_file)}")
    out = {}
    for name, entry in entries.items():
        if not isinstance(entry, dict):
            raise SampleIndexError(f"{INDEX}: {name}: expected an object")
        unknown = set(entry) - {"title", "summary", "flawed"}
        if unknown:
            raise SampleIndexError(f"{INDEX}: {name}: unknown key {', '.join(sorted(unknown))}")
        flawed = entry.get("flawed", False)
        if not isinstance(flawed, bool):
            raise SampleIndexError(f"{INDEX}: {name}: \"flawed\" must be true or false")
        out[name] = SampleInfo(name, _one_line_texts(entry.get("title"), f"{INDEX}: {name}: title", langs),
                               _one_line_texts(entry.get("summary"), f"{INDEX}: {name}: summary", langs), flawed)
    return out


@lru_cache(maxsize=1)
def index() -> dict[str, SampleInfo]:
    """Every shipped sample's declaration, by name, in the index's order. Raises :class:`SampleIndexError`."""
    path = samples_dir() / INDEX
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if not sample_names():
            return {}
        raise SampleIndexError(f"{path} is missing") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise SampleIndexError(f"{path} cannot be read: {exc}") from None
    return parse_index(data, sample_names())


def sample_info(name: str) -> SampleInfo:
    """The declaration of sample ``name``; ``KeyError`` if there is no such sample."""
    name = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    return index()[name]


def complete_sample_names() -> list[str]:
    """The samples meant to be complete letters (every one but the deliberately flawed), in the index's order."""
    return [name for name, info in index().items() if not info.flawed]


def flawed_sample_names() -> list[str]:
    """The samples written with deliberate gaps for teaching, in the index's order."""
    return [name for name, info in index().items() if info.flawed]


def load_sample(name: str):
    """The sample as a :class:`~mla_writer.model.LetterOfRequest`."""
    from .storage import load

    return load(sample_path(name))


# -- command line ----------------------------------------------------------------------------


def add_arguments(p: argparse.ArgumentParser) -> None:
    from .languages import languages

    p.add_argument("name", nargs="?", help="name of the sample (see --list)")
    p.add_argument("--list", action="store_true", help="list the shipped samples with their title and summary")
    p.add_argument("--lang", choices=languages(), default=None,
                   help="language of the titles and summaries (default: the language of the environment, "
                        "LANGUAGE, LC_ALL, LC_MESSAGES or LANG, else en)")
    p.add_argument("-o", "--output", metavar="OUT.mlar", help="where to write the copy of the sample")
    p.add_argument("--force", action="store_true", help="replace OUT.mlar if it exists (the old one is kept as .bak)")


def run(args: argparse.Namespace) -> int:
    from .cli import EXIT_OK, EXIT_UNREADABLE, _fail
    from .storage import DraftError, save

    if args.list or not args.name:
        if not args.list:
            print("mla-writer sample: give a sample NAME and -o OUT.mlar, or --list", file=sys.stderr)
        from .languages import environment_language

        try:
            declared = index()
        except SampleIndexError as exc:
            return _fail(str(exc))
        lang = args.lang or environment_language()
        for name, info in declared.items():
            print(f"{name}\n    {info.title_in(lang)}\n    {info.summary_in(lang)}")
        return EXIT_OK if args.list else EXIT_UNREADABLE
    if not args.output:
        return _fail("sample: say where to write the copy with -o OUT.mlar")
    try:
        letter = load_sample(args.name)
    except KeyError as exc:
        return _fail(str(exc.args[0]))
    except DraftError as exc:
        return _fail(f"the shipped sample is damaged: {exc}")
    out = Path(args.output)
    if out.exists() and not args.force:
        return _fail(f"{out} exists; use --force to replace it")
    try:
        save(letter, out, backup=True)
    except OSError as exc:
        return _fail(f"cannot write {out}: {exc.strerror or exc}")
    print(f"Wrote the sample {args.name} to {out}")
    return EXIT_OK
