"""``mla-writer register list|scan|rebuild`` and ``mla-writer ics``. No Qt.

Each command uses the register :func:`mla_writer.register.register_url` names (the
environment variable ``MLA_WRITER_REGISTER_URL``, else the default SQLite file), or ``--url``.
Exit codes: 0 done; 2 the register is offline or fails, a file cannot be read or written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 2


def _url_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--url", help="the register's database URL (default: $MLA_WRITER_REGISTER_URL, else the SQLite "
                                 "file in the user's data folder); e.g. postgresql://user@host/register")
    p.add_argument("--verbose", action="store_true", help="on a failure, also print the technical reason")


def ngettext(singular: str, plural: str, n: int) -> str:
    """English plural of the command line's messages (the command line speaks English)."""
    from ..i18n import translations

    return translations("ui", "en").ngettext(singular, plural, n)


def _kind(value: str) -> str:
    """``--kind``: a code of :data:`mla_writer.vocab.ASSISTANCE_KIND` (argparse error listing them)."""
    from .. import vocab

    if value not in vocab.ASSISTANCE_KIND:
        raise argparse.ArgumentTypeError(
            f"unknown kind {value!r}; one of: {', '.join(code for code, _label in vocab.ASSISTANCE_KIND.options('en'))}")
    return value


def _state(value: str) -> str:
    """``--state``: an ISO 3166 code the project knows (argparse error otherwise)."""
    from .. import states

    code = value.strip().upper()
    if not states.is_state(code):
        raise argparse.ArgumentTypeError(f"unknown State {value!r}: give an ISO 3166 two-letter code (e.g. FR, DE, RU)")
    return code


def _fail(exc, args: argparse.Namespace) -> int:
    """Say a RegisterError: its sentence; with ``--verbose`` the technical reason on a second line."""
    _say(exc.summary("en"))
    if getattr(args, "verbose", False) and exc.detail:
        _say(exc.detail)
    return EXIT_FAILED


def add_register_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="register_command", metavar="ACTION", required=True)
    ls = sub.add_parser("list", help="list the letters in the register, earliest deadline first")
    _url_arg(ls)
    ls.add_argument("--overdue", action="store_true", help="only letters with a deadline that has expired")
    ls.add_argument("--state", metavar="XX", type=_state,
                    help="only letters whose requesting or requested State is XX (ISO code)")
    ls.add_argument("--status", help="only letters with this status (e.g. draft)")
    ls.add_argument("--kind", type=_kind, help="only letters seeking this kind of assistance (a code, e.g. search)")
    ls.add_argument("--search", default="", help="only letters whose references or file name contain this text")
    ls.add_argument("--csv", action="store_true", help="print CSV (for statistics) instead of a table")
    sc = sub.add_parser("scan", help="add every draft (.mlar) in a folder and its subfolders to the register")
    _url_arg(sc)
    sc.add_argument("folder", help="the folder to scan")
    rb = sub.add_parser("rebuild", help="read again every file the register (or this computer) knows")
    _url_arg(rb)


def _say(message: str) -> None:
    from ..cli import _say as say

    say(message)


def _open(args: argparse.Namespace):
    from . import Register

    return Register.open(args.url or None)


def run_register(args: argparse.Namespace) -> int:
    from . import RegisterError, reason_text
    from .export import csv_text

    try:
        with _open(args) as reg:
            if args.register_command == "scan":
                result = reg.scan(args.folder)
                for path, reason in result.failed:
                    _say(f"{path}: not added ({reason_text(reason)})")
                print(ngettext("{n} draft added or updated.", "{n} drafts added or updated.", len(result.indexed))
                      .format(n=len(result.indexed)),
                      ngettext("{n} file not readable.", "{n} files not readable.", len(result.failed))
                      .format(n=len(result.failed)))
                return EXIT_OK
            if args.register_command == "rebuild":
                result = reg.rebuild()
                for path in result.missing:
                    _say(f"{path}: missing")
                for path, reason in result.failed:
                    _say(f"{path}: not readable ({reason_text(reason)})")
                print(ngettext("{n} draft read again.", "{n} drafts read again.", len(result.indexed))
                      .format(n=len(result.indexed)),
                      ngettext("{n} file is missing.", "{n} files are missing.", len(result.missing))
                      .format(n=len(result.missing)),
                      ngettext("{n} file not readable.", "{n} files not readable.", len(result.failed))
                      .format(n=len(result.failed)))
                return EXIT_OK
            now = dt.datetime.now(dt.timezone.utc)
            entries = reg.entries(search=args.search, state=args.state or "", status=args.status or "",
                                  kind=args.kind or "",
                                  deadline_before=(now + dt.timedelta(days=1)).date() if args.overdue else None)
    except RegisterError as exc:
        return _fail(exc, args)
    from .export import overdue

    if args.overdue:
        entries = [e for e in entries if overdue(e, now)]
    if args.csv:
        sys.stdout.write(csv_text(entries, now))
        return EXIT_OK
    if not entries:
        print("No letters in the register match.")
        return EXIT_OK
    print(list_table(entries, now))
    return EXIT_OK


#: Column headings of ``register list``.
LIST_HEADINGS = ("Note", "Deadline", "States", "Status", "Reference", "Kinds of assistance", "File")


def list_table(entries, now: dt.datetime) -> str:
    """``register list``'s table: a heading row, then one row per card, in words (English
    labels of statuses and kinds, "missing"/"overdue", "FR > DE"); dates ISO 8601."""
    from .. import vocab
    from .export import overdue

    rows = [LIST_HEADINGS]
    for e in entries:
        note = "missing" if e.missing else "overdue" if overdue(e, now) else "encrypted" if e.encrypted else ""
        states = f"{e.requesting_state or '?'} > {e.requested_state or '?'}" if (e.requesting_state or e.requested_state) else ""
        status = {"draft": "Draft", "": "unknown"}.get(e.status, e.status)
        kinds = "; ".join(vocab.ASSISTANCE_KIND.label(k, "en") if k in vocab.ASSISTANCE_KIND else k for k in e.kinds)
        rows.append((note, e.next_deadline.isoformat() if e.next_deadline else "", states, status,
                     e.reference, kinds, e.path))
    widths = [max(len(r[i]) for r in rows) for i in range(len(LIST_HEADINGS) - 1)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(r, widths)) + "  " + r[-1] for r in rows)


def add_ics_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", help="a draft (.mlar); or --register for every letter in the register")
    p.add_argument("--register", action="store_true", help="the deadlines of every letter in the register")
    _url_arg(p)
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the calendar file to write (.ics)")
    p.add_argument("--lang", choices=("en", "fr", "ru", "es"), default="en", help="language of the event titles")
    p.add_argument("--passphrase-file", dest="passphrase_file", metavar="FILE",
                   help="for an encrypted draft: a file whose first line is the passphrase, or - for standard "
                        "input (without it, the passphrase is asked at the terminal)")


def run_ics(args: argparse.Namespace) -> int:
    from ..cli import _load
    from ..storage import DraftError, atomic_write_bytes
    from . import RegisterError, entry_for
    from .calendar import ics_bytes

    if bool(args.file) == bool(args.register):
        _say("give a draft file or --register (one of them)")
        return EXIT_FAILED
    try:
        if args.register:
            with _open(args) as reg:
                entries = reg.entries(check_files=False)
        else:
            # an encrypted draft is opened with the passphrase the user gives: the events
            # still carry the reference and the kind only
            entries = [entry_for(args.file, _load(args))]
    except RegisterError as exc:
        return _fail(exc, args)
    except DraftError as exc:
        _say(exc.localized("en") if hasattr(exc, "localized") else str(exc))
        return EXIT_FAILED
    except OSError as exc:
        _say(f"cannot read {args.file}: {exc.strerror or exc}")
        return EXIT_FAILED
    data = ics_bytes(entries, args.lang)
    try:
        atomic_write_bytes(Path(args.output), data, backup=False)
    except OSError as exc:
        _say(f"cannot write {args.output}: {exc.strerror or exc}")
        return EXIT_FAILED
    count = sum(len(e.deadlines) for e in entries)
    print(ngettext("{n} deadline written to {file}.", "{n} deadlines written to {file}.", count)
          .format(n=count, file=args.output))
    return EXIT_OK
