"""Command line of the central authority's review: ``mla-writer history FILE`` and
``mla-writer diff FILE --from N --to M`` (registered in :mod:`mla_writer.cli`). No Qt here.

``history`` prints each event of the draft's review history (when, who, what), then whether
the hash chain is intact; exit status 0 when it is, 1 when it is broken, 2 when the draft
cannot be read. ``diff`` prints what changed between two kept versions, field by field
(version 0 is the draft as it is now); exit status 0, or 2 for an unknown version.
"""

from __future__ import annotations

import argparse

from .languages import LANGUAGES  # (not .model: pydantic is not needed to parse arguments)

EXIT_OK, EXIT_BROKEN, EXIT_UNREADABLE = 0, 1, 2


def _common(p: argparse.ArgumentParser) -> None:
    from .cli import _passphrase_arg

    p.add_argument("file", help="draft file (.mlar)")
    _passphrase_arg(p)
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the output (default: en)")


def history_arguments(p: argparse.ArgumentParser) -> None:
    _common(p)


def history(args: argparse.Namespace) -> int:
    from . import review
    from .cli import _escape, _fail, _load, _output
    from .storage import DraftError

    try:
        letter = _load(args)
    except DraftError as exc:
        return _fail(exc.localized(args.lang))
    broken = bool(review.verify(letter.review))
    code = EXIT_BROKEN if broken else EXIT_OK  # decided before any output

    def write() -> None:
        from .i18n import ui_gettext

        _ = ui_gettext(args.lang)
        current = review.state(letter.review)
        print(_("Status: {status}").format(status=review.status_label(current.status, args.lang)))
        lines = review.history_lines(letter, args.lang)
        if not lines:
            print(_("No review history yet."))
        for line in lines:
            print(_escape(line))
        print()
        for line in review.chain_summary(letter.review, args.lang):
            print(_escape(line))
        warning = review.changed_warning(letter, args.lang)
        if warning:
            print(_escape(warning))

    if not _output(write) and code == EXIT_OK:
        return EXIT_UNREADABLE
    return code


def diff_arguments(p: argparse.ArgumentParser) -> None:
    _common(p)
    p.add_argument("--from", dest="source", type=int, required=True, metavar="N",
                   help="the earlier version (1 is the first kept; 0 is the draft as it is now)")
    p.add_argument("--to", dest="target", type=int, default=0, metavar="M",
                   help="the later version (default: 0, the draft as it is now)")


def diff(args: argparse.Namespace) -> int:
    from . import review
    from .cli import _escape, _fail, _load, _output
    from .storage import DraftError

    try:
        letter = _load(args)
        old = review.version_letter(letter, args.source)
        new = review.version_letter(letter, args.target)
    except (DraftError, review.ReviewError) as exc:
        return _fail(exc.localized(args.lang))
    changes = review.diff(old, new, args.lang)

    def write() -> None:
        from .i18n import ui_gettext

        _ = ui_gettext(args.lang)
        if not changes:
            print(_("No change between these versions."))
        for change in changes:
            print(_escape(review.describe_change(change, args.lang)))

    return EXIT_OK if _output(write) else EXIT_UNREADABLE


def check_lines(letter, lang: str) -> list[str]:
    """What ``mla-writer check`` adds about the review: nothing for an intact history, else the
    problems of the chain."""
    from . import review

    return review.chain_summary(letter.review, lang) if review.verify(letter.review) else []


def check_advice(letter, lang: str) -> str:
    """The advisory line ``mla-writer check`` adds (the exit status does not change): the letter
    was changed after it was submitted or approved; "" when it was not."""
    from . import review

    return review.changed_warning(letter, lang)


def report_arguments(p: argparse.ArgumentParser) -> None:
    _common(p)
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the report to write: .docx, or .pdf (through LibreOffice)")
    from .cli import _iso_date

    p.add_argument("--today", type=_iso_date, metavar="YYYY-MM-DD", help="check completeness as of this date")


def report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from . import review
    from .cli import _fail, _load
    from .render import RenderError
    from .review_report import review_report_docx
    from .storage import DraftError, atomic_write_bytes

    try:
        letter = _load(args)
        data = review_report_docx(letter, args.lang, args.today)
    except (DraftError, review.ReviewError) as exc:
        return _fail(exc.localized(args.lang))
    out = Path(args.output)
    try:
        if out.suffix.lower() == ".pdf":
            from .render.pdf import docx_to_pdf

            docx_to_pdf(data, out)
        else:
            atomic_write_bytes(out, data, backup=False)
    except RenderError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot write {out}: {exc.strerror or exc}")
    return EXIT_OK
