"""Command line: ``mla-writer check|schema|...``. No Qt here.

Exit codes: 0 complete / success, 1 incomplete, 2 the file cannot be read or the
arguments are wrong (or the output could not be written, where no completeness is at stake).
Messages for the user go to stderr as one line, never a traceback; what they quote from a
draft or the command line is escaped (no control characters or terminal escapes).

The exit status of ``check`` (and ``render --strict``) is decided before anything is printed
and does not depend on whether stdout or stderr can be written: a closed pipe
(``mla-writer check x.mlar | head -0``) or a full disk never turns "incomplete" into 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .languages import LANGUAGES  # (not .model: pydantic is not needed to parse arguments)

EXIT_OK = 0
EXIT_INCOMPLETE = 1
EXIT_UNREADABLE = 2

#: Subcommand name -> (help, add_arguments, run). Later commands (render, sample) register here.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {}


def register(
    name: str,
    help: str,
    add_arguments: Callable[[argparse.ArgumentParser], None],
    run: Callable[[argparse.Namespace], int],
) -> None:
    """Add a subcommand. ``run`` returns the exit code."""
    COMMANDS[name] = (help, add_arguments, run)


def _escape(text: str) -> str:
    from .storage.errors import escape

    return escape(text)


def _say(message: str) -> None:
    """One line on stderr (escaped); if stderr cannot be written, nothing (the exit status says it)."""
    try:
        print(f"mla-writer: {_escape(message)}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _fail(message: str) -> int:
    _say(message)
    return EXIT_UNREADABLE


def _silence_stdout() -> None:
    """stdout is gone (a closed pipe, a full disk): point it at the null device so that the
    flush at exit neither fails nor changes the exit status (Python would exit with 120)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _output(write: Callable[[], None]) -> bool:
    """Run ``write`` (printing to stdout) and flush; a failure to write is reported on stderr
    (not for a closed pipe: the reader left on purpose) and never raised. False when the output
    could not be written for another reason than a closed pipe (a full disk, an I/O error)."""
    try:
        write()
        sys.stdout.flush()
    except (OSError, ValueError) as exc:
        _silence_stdout()
        if not isinstance(exc, BrokenPipeError):
            _say(f"cannot write the report: {getattr(exc, 'strerror', None) or exc}")
            return False
    return True


# -- check -----------------------------------------------------------------------------------

_STATUS_MARK = {"complete": "OK", "to_fill": "!!", "to_correct": "!!", "not_applicable": "--"}


def _print_report(report) -> None:
    from .i18n import ui_gettext

    _ = ui_gettext(report.lang)
    status_word = {
        "complete": _("complete"),
        "to_fill": _("incomplete"),
        "to_correct": _("needs correction"),
        "not_applicable": _("not applicable"),
    }
    width = max(len(r.point.label(report.lang)) for r in report.results) + 1
    for result in report.results:
        number = f"{result.point.number:>2}" if result.point.number else "  "
        state = result.state
        print(f"[{_STATUS_MARK[state]}] {number} {result.point.label(report.lang):<{width}} {status_word[state]}")
        for problem in result.errors:
            print(f"         \u2717 {_escape(problem.message)}  ({_escape(problem.path)})")
        for problem in result.warnings:
            print(f"         \u26a0 {_escape(problem.message)}  ({_escape(problem.path)})")
    print()
    if report.complete:
        print(_("The letter is complete."))
    else:
        missing = ", ".join(str(r.point.number or r.point.label(report.lang)) for r in report.incomplete())
        print(_("The letter is incomplete: {points}.").format(points=missing))


def _passphrase_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--passphrase-file", dest="passphrase_file", metavar="FILE",
                   help="for an encrypted draft: a file whose first line is the passphrase, or - for standard "
                        "input (without it, the passphrase is asked at the terminal)")


def _load(args: argparse.Namespace, opened: bool = False):
    """The draft named on the command line; an encrypted one opened with the passphrase from
    ``--passphrase-file`` (``-``: the first line of standard input) or asked at the terminal. With ``opened``, ``(letter, stamp, sealer)``
    as :func:`mla_writer.storage.open_draft` gives them (to save the draft again). Raises DraftError."""
    from .storage import DraftError, PassphraseNeeded, is_encrypted_file, load, open_draft

    passphrase = None
    if is_encrypted_file(args.file):
        if args.passphrase_file == "-":  # the first line of standard input
            passphrase = sys.stdin.readline().rstrip("\r\n") if sys.stdin is not None else ""
        elif args.passphrase_file:
            try:
                with open(args.passphrase_file, encoding="utf-8") as f:
                    passphrase = f.readline().rstrip("\r\n")
            except (OSError, UnicodeDecodeError) as exc:
                raise DraftError("the passphrase file {source} cannot be read ({reason})",
                                 source=str(args.passphrase_file), reason=getattr(exc, "strerror", None) or str(exc)) from None
        elif sys.stdin is not None and sys.stdin.isatty():
            import getpass

            try:
                passphrase = getpass.getpass(f"Passphrase for {Path(args.file).name}: ")
            except (EOFError, KeyboardInterrupt):
                passphrase = None
        if not passphrase:
            raise PassphraseNeeded("{source} is encrypted: give its passphrase (--passphrase-file FILE, or at the terminal)",
                                   source=Path(args.file).name)
    return open_draft(args.file, passphrase) if opened else load(args.file, passphrase)


def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="draft file (.mlar)")
    _passphrase_arg(p)
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the report (default: en)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--today",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="check as of this date instead of today (deadlines; e.g. to review a draft as it stood)",
    )


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def _check(args: argparse.Namespace) -> int:
    from .checklist import check
    from .storage import DraftError

    try:
        letter = _load(args)
    except DraftError as exc:
        return _fail(exc.localized(args.lang))
    report = check(letter, args.lang, today=args.today)
    from .review_cli import check_lines

    broken = check_lines(letter, args.lang)  # a review history edited by hand (mla_writer.review)
    from .review_cli import check_advice

    advice = check_advice(letter, args.lang)  # changed after submission or approval: advisory only
    code = EXIT_OK if report.complete and not broken else EXIT_INCOMPLETE  # decided before any output

    def write() -> None:
        if args.json:
            json.dump({**report.to_dict(), "review_history_broken": broken, "review_changed_since": advice}, sys.stdout, ensure_ascii=False, indent=2)
            print()
        else:
            _print_report(report)
            for line in broken:
                print(_escape(line))
            if advice:
                print(_escape(advice))

    if not _output(write) and code == EXIT_OK:
        return EXIT_UNREADABLE  # complete, but the report the caller asked for is lost: not a success
    return code


register("check", "print the 14-point completeness report of a draft", _check_args, _check)


# -- schema ----------------------------------------------------------------------------------


def _schema_args(p: argparse.ArgumentParser) -> None:
    pass


def _schema(args: argparse.Namespace) -> int:
    from .storage import json_schema

    def write() -> None:
        json.dump(json_schema(), sys.stdout, ensure_ascii=False, indent=2)
        print()

    try:
        write()
        sys.stdout.flush()
    except (OSError, ValueError):
        _silence_stdout()
        return EXIT_UNREADABLE
    return EXIT_OK


register("schema", "print the JSON Schema of draft files", _schema_args, _schema)


# -- entry point -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mla-writer",
        description="Draft letters of request for mutual legal assistance in criminal matters. "
        "Without a command, opens the desktop application.",
    )
    parser.add_argument("--version", action="version", version=f"MLA Writer {__version__}")
    from .samples import DEFAULT_SAMPLE

    parser.add_argument("--demo", nargs="?", const="", metavar="SAMPLE",
                        help=f"open the application in training mode with a sample letter (default: {DEFAULT_SAMPLE}; "
                             "see 'mla-writer sample --list'): exported letters are marked as training, and "
                             "nothing is kept in your recent files, office profile or recovery copies")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, add_arguments, _run) in COMMANDS.items():
        add_arguments(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def _is_draft_argument(arg: str) -> bool:
    """``mla-writer CASE.mlar`` opens the draft in the application."""
    from pathlib import Path

    from . import DRAFT_EXTENSION  # (not storage's: it imports the model, pydantic)

    return arg not in COMMANDS and not arg.startswith("-") and (arg.endswith(DRAFT_EXTENSION) or Path(arg).is_file())


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand and return its exit code; -1 means "open the desktop application"."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and _is_draft_argument(argv[0]):
        return -1
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help, --version, or a usage error (code 2)
        return int(exc.code or 0)
    if args.demo is not None:  # training mode (gui/demo.py): the sample must exist
        if args.command is not None:
            return _fail("--demo opens the application; it takes no command")
        if args.demo:
            from .samples import SampleIndexError, sample_names

            try:
                names = sample_names()
            except SampleIndexError as exc:
                return _fail(str(exc))
            if args.demo not in names:
                return _fail(f"there is no sample named {args.demo!r}; the samples are: {', '.join(names)}")
    if args.command is None:
        return -1  # no subcommand: the caller opens the GUI
    _help, _add, run = COMMANDS[args.command]
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output a command did not guard: never report success for it
        _silence_stdout()
        return EXIT_UNREADABLE


# -- sample (registered last; mla_writer/samples.py) ---------------------------------------

from . import samples as _samples  # noqa: E402  (no Qt, no heavy imports)

register("sample", "list the shipped sample letters or write a copy of one", _samples.add_arguments, _samples.run)


# -- render (mla_writer/render; imported only when the command runs) ------------------------

_RENDER_EPILOG = """\
The letter is written even when the draft is incomplete: it then carries a visible
"DRAFT - INCOMPLETE" mark and the incomplete points are listed on stderr.
Exit codes: 0 the letter was written (complete, or incomplete without --strict);
1 the letter was written but is incomplete and --strict was given;
2 the draft cannot be read, the reference document is unusable, the output cannot be written,
or (for a PDF) LibreOffice is missing or fails.
The suffix of OUT decides what is written: .docx the Word document; .html the HTML preview;
.pdf a PDF/A-2b converted from the Word document by LibreOffice (headless, no network; the
environment variable MLA_WRITER_SOFFICE may name the soffice program)."""


def _render_args(p: argparse.ArgumentParser) -> None:
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = _RENDER_EPILOG
    p.add_argument("file", help="draft file (.mlar)")
    _passphrase_arg(p)
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the letter to write: .docx, .pdf (PDF/A-2b, through LibreOffice) or .html (the preview)")
    p.add_argument("--lang", choices=LANGUAGES, help="language of the letter (default: the draft's output language)")
    p.add_argument("--bilingual", choices=LANGUAGES, metavar="LANG",
                   help="two columns: the letter's language on the left, LANG on the right")
    p.add_argument("--reference", metavar="DOCX", help="reference .docx with the styles, letterhead, header and footer "
                   "(default: templates/reference.docx)")
    p.add_argument("--today", type=_iso_date, metavar="YYYY-MM-DD", help="check completeness as of this date")
    p.add_argument("--strict", action="store_true", help="exit with 1 when the letter is incomplete")
    p.add_argument("--identities-annex", metavar="ANNEX", dest="identities_annex",
                   help="also write the confidential annex of identities (.docx or .pdf): each pseudonym of a "
                        "protected victim or witness with the true identity, to be sent apart from the letter")
    p.add_argument("--training", action="store_true",
                   help="mark every page \"TRAINING - NOT A REAL REQUEST\" in the letter's language (a letter "
                        "written for a workshop or a demonstration, never to be sent)")
    p.add_argument("--for-file", action="store_true", dest="for_file",
                   help="write the copy for the file, which names protected persons in full and is marked "
                        "\"not to be sent\" (the letter to send names them by pseudonym only)")


def _render(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .render import RenderError, export_docx, export_pdf, render_html
    from .storage import DraftError, atomic_write_text

    try:
        letter = _load(args)
    except DraftError as exc:
        return _fail(str(exc))
    lang = args.lang or letter.output_language
    out = Path(args.output)
    identities = "full" if args.for_file else "pseudonyms"
    for given in (out, Path(args.identities_annex) if args.identities_annex else None):
        if given is not None and given.suffix.lower() not in (".docx", ".pdf", ".html", ".htm"):
            return _fail(f"{_escape(str(given))}: the name must end in .docx, .pdf or .html (it decides what is written)")
    if args.identities_annex and Path(args.identities_annex).resolve() == out.resolve():
        return _fail("the identities annex must be written to another file than the letter")
    try:
        if out.suffix.lower() in (".html", ".htm"):
            atomic_write_text(out, render_html(letter, lang, args.bilingual, today=args.today, identities=identities,
                                               training=args.training), backup=False)
        elif out.suffix.lower() == ".pdf":
            export_pdf(letter, out, lang, args.bilingual, args.reference, today=args.today, identities=identities,
                       training=args.training)
        else:
            export_docx(letter, out, lang, args.bilingual, args.reference, today=args.today, identities=identities,
                        training=args.training)
        if args.identities_annex:
            annex = Path(args.identities_annex)
            write = export_pdf if annex.suffix.lower() == ".pdf" else export_docx
            write(letter, annex, lang, args.bilingual, args.reference, today=args.today, part="identities-annex",
                  training=args.training)
    except RenderError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot write {out}: {exc.strerror or exc}")
    from .checklist import incomplete_in_languages

    incomplete = {r.point.id: r for r in incomplete_in_languages(letter, [c for c in (lang, args.bilingual) if c],
                                                                 "en", args.today)}
    if not incomplete:
        return EXIT_OK
    code = EXIT_INCOMPLETE if args.strict else EXIT_OK  # decided before any output
    try:
        print(f"mla-writer: {_escape(str(out))} written as a DRAFT; incomplete:", file=sys.stderr)
        for result in incomplete.values():
            number = f"{result.point.number}. " if result.point.number else ""
            first = result.errors[0].message if result.errors else ""
            more = f" (+{len(result.errors) - 1} more)" if len(result.errors) > 1 else ""
            print(f"  {number}{result.point.label('en')}: {_escape(first)}{more}", file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return code


register("render", "write the letter as a Word document (or HTML preview) in a chosen language", _render_args, _render)


# -- the central authority's review (mla_writer/review_cli.py) ------------------------------

from . import review_cli as _review_cli  # noqa: E402  (no Qt, no heavy imports)

register("history", "print a draft's review history and whether its hash chain is intact (exit 1 if broken)",
         _review_cli.history_arguments, _review_cli.history)
register("diff", "print what changed between two kept versions of a draft, field by field",
         _review_cli.diff_arguments, _review_cli.diff)
register("review-report", "write the review report (status, history, comments by point, checklist, changes since "
         "the last submission) as .docx or .pdf", _review_cli.report_arguments, _review_cli.report)


# -- xliff (mla_writer/xliff.py: the fields to translate, for an external translator) -----------

_XLIFF_EPILOG = """\
export writes the fields not yet translated into LANG (or whose source changed since they were
translated) as XLIFF, with each field's id and label; the first export gives the draft the
identifier the file names, and saves the draft. import writes the translations back into the
draft and saves it; it refuses (exit 2, with the reason) a file exported from another draft or
one naming fields the draft does not have. A translation whose field's source text changed in the
draft after the export is not imported: the others are, those fields are named, and the exit
status is 1 (export them again). --notes-lang sets the language of the notes that tell the
translator each field's point and label (default: the language translated into)."""


def _xliff_args(p: argparse.ArgumentParser) -> None:
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = _XLIFF_EPILOG
    sub = p.add_subparsers(dest="xliff_command", metavar="export|import", required=True)
    e = sub.add_parser("export", help="write the fields still to translate as an XLIFF file")
    e.add_argument("file", help="draft file (.mlar)")
    _passphrase_arg(e)
    e.add_argument("--to", required=True, choices=LANGUAGES, dest="target", help="the language to translate into")
    e.add_argument("--from", choices=LANGUAGES, dest="source",
                   help="the language to translate from (default: the drafting language)")
    e.add_argument("-o", "--output", required=True, metavar="FILE.xlf", help="the XLIFF file to write")
    e.add_argument("--xliff-version", choices=("1.2", "2.0"), default="1.2", dest="version",
                   help="XLIFF 1.2 (default, read by most CAT tools) or 2.0")
    e.add_argument("--all", action="store_true", dest="everything", help="every field, translated or not")
    e.add_argument("--notes-lang", choices=LANGUAGES, dest="notes_lang",
                   help="language of the notes naming each field's point and label (default: the --to language)")
    i = sub.add_parser("import", help="write the translations of an XLIFF file into the draft")
    i.add_argument("file", help="draft file (.mlar)")
    i.add_argument("xliff", metavar="FILE.xlf", help="the XLIFF file the translator sent back")
    _passphrase_arg(i)


def _xliff(args: argparse.Namespace) -> int:
    from .storage import DraftError, atomic_write_bytes, save
    from .xliff import XliffRefused, export_xliff, import_xliff

    try:
        letter, stamp, sealer = _load(args, opened=True)
    except DraftError as exc:
        return _fail(str(exc))
    try:
        if args.xliff_command == "export":
            try:
                exported = export_xliff(letter, args.target, args.source, args.version,
                                        ui_lang=args.notes_lang or args.target, everything=args.everything)
            except ValueError as exc:
                return _fail(str(exc))
            if exported.draft_id_given:  # first: a file naming an id the draft could not keep would be refused
                save(letter, args.file, expect=stamp, sealer=sealer)
            atomic_write_bytes(Path(args.output), exported.data, backup=False)
            _say(f"{args.output}: {len(exported.paths)} field(s) to translate from {exported.source} into {args.target}"
                 + (f"; {len(exported.no_source)} left out (no text in {exported.source})" if exported.no_source else ""))
            return EXIT_OK
        try:
            from .storage.files import read_regular_file
            from .xliff import MAX_FILE_BYTES

            data = read_regular_file(args.xliff, MAX_FILE_BYTES)
        except OSError as exc:
            return _fail(f"cannot read {args.xliff}: {exc.strerror or exc}")
        try:
            imported = import_xliff(letter, data)
        except XliffRefused as exc:
            first, *lines = str(exc).split("\n")
            _say(f"{args.xliff} refused: {first}")
            for line in lines:  # the fields concerned, one per line
                _say(f"  {line}")
            return EXIT_UNREADABLE
        if imported.written:
            save(letter, args.file, expect=stamp, sealer=sealer)
        _say(f"{len(imported.written)} translation(s) into {imported.target} written to {args.file}"
             + (f"; {len(imported.left)} field(s) left as they were" if imported.left else ""))
        if imported.changed:
            from .xliff import changed_report

            first, *lines = changed_report(imported, letter, "en").split("\n")
            _say(first)
            for line in lines:
                _say(f"  {line}")
            return EXIT_INCOMPLETE
        return EXIT_OK
    except DraftError as exc:  # the draft changed on disk meanwhile, or is read-only
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot write: {exc.strerror or exc}")


register("xliff", "export the fields to translate as XLIFF for a translator, or import the translation", _xliff_args,
         _xliff)


# State packs (mla_writer/packs_cli.py)
from . import packs_cli as _packs_cli  # noqa: E402

_packs_cli.add_to(register)


# -- the case register and its calendar (mla_writer/register; imported when a command runs) --

def _register_args(p: argparse.ArgumentParser) -> None:
    from .register.cli import add_register_arguments

    add_register_arguments(p)


def _register_run(args: argparse.Namespace) -> int:
    from .register.cli import run_register

    return run_register(args)


def _ics_args(p: argparse.ArgumentParser) -> None:
    from .register.cli import add_ics_arguments

    add_ics_arguments(p)


def _ics_run(args: argparse.Namespace) -> int:
    from .register.cli import run_ics

    return run_ics(args)


register("register", "the case register: list the letters and their deadlines, scan a folder, rebuild", _register_args, _register_run)
register("ics", "write the deadlines of a draft (or of the register) to a calendar file (.ics)", _ics_args, _ics_run)
