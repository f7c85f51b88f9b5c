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


def add_register_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="register_command", metavar="ACTION", required=True)
    ls = sub.add_parser("list", help="list the letters in the register, earliest deadline first")
    _url_arg(ls)
    ls.add_argument("--overdue", action="store_true", help="only letters with a deadline that has expired")
    ls.add_argument("--state", metavar="XX", help="only letters whose requesting or requested State is XX (ISO code)")
    ls.add_argument("--status", help="only letters with this status (e.g. draft)")
    ls.add_argument("--kind", help="only letters seeking this kind of assistance (a code, e.g. search)")
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
    from . import RegisterError
    from .export import csv_text, overdue

    try:
        with _open(args) as reg:
            if args.register_command == "scan":
                result = reg.scan(args.folder)
                for path, reason in result.failed:
                    _say(f"{path}: not added ({reason})")
                print(f"{len(result.indexed)} draft(s) added or updated, {len(result.failed)} not readable.")
                return EXIT_OK
            if args.register_command == "rebuild":
                result = reg.rebuild()
                for path in result.missing:
                    _say(f"{path}: missing")
                for path, reason in result.failed:
                    _say(f"{path}: not readable ({reason})")
                print(f"{len(result.indexed)} draft(s) read again, {len(result.missing)} missing, "
                      f"{len(result.failed)} not readable.")
                return EXIT_OK
            now = dt.datetime.now(dt.timezone.utc)
            entries = reg.entries(search=args.search, state=(args.state or "").upper(), status=args.status or "",
                                  kind=args.kind or "",
                                  deadline_before=(now + dt.timedelta(days=1)).date() if args.overdue else None)
    except RegisterError as exc:
        _say(str(exc))
        return EXIT_FAILED
    if args.overdue:
        entries = [e for e in entries if overdue(e, now)]
    if args.csv:
        sys.stdout.write(csv_text(entries, now))
        return EXIT_OK
    for e in entries:
        mark = "MISSING " if e.missing else "OVERDUE " if overdue(e, now) else ""
        states = f"{e.requesting_state or '--'}>{e.requested_state or '--'}"
        due = e.next_deadline.isoformat() if e.next_deadline else "-"
        print(f"{mark}{due:<10} {states:<5} {e.status or '-':<10} {e.reference or '-':<24} {','.join(e.kinds) or '-':<20} {e.path}")
    if not entries:
        print("No letters in the register match.")
    return EXIT_OK


def add_ics_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", help="a draft (.mlar); or --register for every letter in the register")
    p.add_argument("--register", action="store_true", help="the deadlines of every letter in the register")
    _url_arg(p)
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the calendar file to write (.ics)")
    p.add_argument("--lang", choices=("en", "fr", "ru", "es"), default="en", help="language of the event titles")
    p.add_argument("--passphrase-file", dest="passphrase_file", metavar="FILE",
                   help="for an encrypted draft: a file whose first line is the passphrase")


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
        _say(str(exc))
        return EXIT_FAILED
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
    print(f"{count} deadline(s) written to {args.output}.")
    return EXIT_OK
