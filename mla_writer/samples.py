"""Sample letters shipped for trainers and demonstrations (``resources/samples/*.mlar``).

``mla-writer sample --list`` names them; ``mla-writer sample NAME -o OUT.mlar`` writes a copy
the trainer can open and edit (the shipped file is never changed). The samples are fictional.
No Qt here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .assets import get_asset

SUFFIX = ".mlar"
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


def load_sample(name: str):
    """The sample as a :class:`~mla_writer.model.LetterOfRequest`."""
    from .storage import load

    return load(sample_path(name))


def describe(letter) -> str:
    """One line for ``sample --list``: States and languages."""
    return (f"{letter.requesting_state} \u2192 {letter.requested_state}, "
            f"drafted in {letter.drafting_language}, letter in {letter.output_language}")


# -- command line ----------------------------------------------------------------------------


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", nargs="?", help="name of the sample (see --list)")
    p.add_argument("--list", action="store_true", help="list the shipped samples")
    p.add_argument("-o", "--output", metavar="OUT.mlar", help="where to write the copy of the sample")
    p.add_argument("--force", action="store_true", help="replace OUT.mlar if it exists (the old one is kept as .bak)")


def run(args: argparse.Namespace) -> int:
    from .cli import EXIT_OK, EXIT_UNREADABLE, _fail
    from .storage import DraftError, save

    if args.list or not args.name:
        if not args.list:
            print("mla-writer sample: give a sample NAME and -o OUT.mlar, or --list", file=sys.stderr)
        for name in sample_names():
            try:
                summary = describe(load_sample(name))
            except DraftError as exc:
                summary = f"(cannot be read: {exc})"
            print(f"{name:<28} {summary}")
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
