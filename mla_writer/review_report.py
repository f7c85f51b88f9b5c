"""The review report: a Word document on where a draft stands, for the central authority's file.

It gives, in the reviewer's UI language: the draft's references, its current status and the
history of its status changes, the comments grouped by point (open first, then resolved), the
14-point checklist report, and what changed since the last submission (field by field, as
:func:`mla_writer.review.diff` says it), then whether the history is intact.
``mla-writer review-report FILE -o OUT.docx`` and the review window write it. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import io

from . import review
from .model import LetterOfRequest
from .points import SECTIONS


def changes_since_submission(letter: LetterOfRequest, lang: str) -> tuple[int | None, list[review.Change]]:
    """``(version, changes)``: the version the last submission recorded and what changed since
    then (None and [] when the draft was never submitted)."""
    submitted = [e for e in review.state(letter.review).status_events if e.status == "submitted"]
    number = review.version_at(letter.review, submitted[-1]) if submitted else None
    if number is None:
        return None, []
    return number, review.diff(review.version_letter(letter, number), letter, lang)


def changes_over_review(letter: LetterOfRequest, lang: str) -> tuple[int | None, int | None, list[review.Change]]:
    """``(first, approved, changes)`` for an approved draft: the version first submitted, the
    version approved, and what changed between them (the whole review); Nones and [] when the
    draft was never approved."""
    events = review.state(letter.review).status_events
    approved = [e for e in events if e.status == "approved"]
    submitted = [e for e in events if e.status == "submitted"]
    if not approved or not submitted:
        return None, None, []
    first = review.version_at(letter.review, submitted[0])
    last = review.version_at(letter.review, approved[-1])
    if first is None or last is None:
        return None, None, []
    return first, last, review.diff(review.version_letter(letter, first), review.version_letter(letter, last), lang)


def review_report_docx(letter: LetterOfRequest, lang: str, today: dt.date | None = None) -> bytes:
    """The review report as .docx bytes, in UI language ``lang``. Raises
    :class:`mla_writer.review.ReviewError` when a kept version is damaged."""
    from docx import Document

    from .checklist import check
    from .i18n import translations, ui_gettext
    from .render.context import fmt_date, state_name

    _ = ui_gettext(lang)
    letter_words = translations("letter", lang).gettext  # the letter's own terms for what it says
    doc = Document()
    doc.core_properties.language = lang
    doc.add_heading(_("Review report"), level=0)
    refs = letter.references
    facts = [
        (_("Requesting State"), state_name(letter.requesting_state, lang) if letter.requesting_state else ""),
        (_("Requested State"), state_name(letter.requested_state, lang) if letter.requested_state else ""),
        (letter_words("Reference of the requesting authority"), refs.requesting_reference),
        (_("Date of the report"), fmt_date(today or dt.date.today(), lang)),
    ]
    for label, value in facts:
        if value:
            para = doc.add_paragraph()
            para.add_run(f"{label}: ").bold = True
            para.add_run(value)

    current = review.state(letter.review)
    doc.add_heading(_("Review status: {status}").format(status=review.status_label(current.status, lang)), level=1)
    warning = review.changed_warning(letter, lang)
    if warning:
        doc.add_paragraph().add_run("\u26a0 " + warning).bold = True
    if current.status_events:
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, (_("When"), _("Who"), _("Status"), _("Note"))):
            cell.text = text
        for event in current.status_events:
            row = table.add_row().cells
            row[0].text = review.format_moment(event.at, lang)
            row[1].text = ", ".join(p for p in (event.name, event.role) if p)
            row[2].text = review.status_label(event.status or "", lang)
            row[3].text = event.note
    else:
        doc.add_paragraph(_("No review history yet."))

    doc.add_heading(_("Comments"), level=1)
    if not current.comments:
        doc.add_paragraph(_("No comment."))
    by_section: dict[str, list[review.Comment]] = {}
    for comment in current.comments:
        by_section.setdefault(review.comment_section(letter, comment).id, []).append(comment)
    for section in SECTIONS:
        found = by_section.get(section.id)
        if not found:
            continue
        doc.add_heading(section.heading(lang), level=2)
        for comment in sorted(found, key=lambda c: c.resolved):
            state = _("resolved") if comment.resolved else _("open")
            para = doc.add_paragraph(style="List Bullet")
            what = review.describe_target(letter, comment, lang, section_heading=False) or _("the point as a whole")
            number = _("Comment {id}").format(id=review.comment_number(comment.id))
            para.add_run(f"{number} [{state}] {what}: ").bold = True
            para.add_run(comment.text)
            who = ", ".join(p for p in (comment.name, comment.role) if p)
            para.add_run(f" \u2014 {who}, {review.format_moment(comment.at, lang)}").italic = True
            last = comment.events[-1]
            if comment.resolved and last.kind == "resolve":
                by = ", ".join(p for p in (last.name, last.role) if p)
                text = _("Resolved by {who}, {when}").format(who=by, when=review.format_moment(last.at, lang))
                if last.note:
                    text += f" \u2014 {last.note}"
                para.add_run("\n" + text).italic = True

    doc.add_heading(_("Checklist report"), level=1)
    words = {"complete": _("complete"), "to_fill": _("incomplete"), "to_correct": _("needs correction"),
             "not_applicable": _("not applicable")}  # as mla-writer check says them
    report = check(letter, lang, today)
    for result in report.results:
        para = doc.add_paragraph()
        para.add_run(f"{result.point.heading(lang)}: ").bold = True
        para.add_run(words.get(result.state, result.state))
        for problem in (*result.errors, *result.warnings):
            doc.add_paragraph(problem.message, style="List Bullet 2")

    first, approved, over = changes_over_review(letter, lang)
    if approved is not None:
        doc.add_heading(_("Changes during the review"), level=1)
        if not over:
            doc.add_paragraph(_("Version {n} was approved as it was first submitted.").format(n=approved))
        else:
            doc.add_paragraph(_("From version {first}, first submitted, to version {n}, approved:").format(
                first=first, n=approved))
            for change in over:
                doc.add_paragraph(review.describe_change(change, lang), style="List Bullet")

    number, changes = changes_since_submission(letter, lang)
    doc.add_heading(_("Changes since the last submission"), level=1)
    if number is None:
        doc.add_paragraph(_("The draft was never submitted."))
    elif not changes:
        doc.add_paragraph(_("No change since version {n}.").format(n=number))
    else:
        doc.add_paragraph(_("Since version {n}:").format(n=number))
        for change in changes:
            doc.add_paragraph(review.describe_change(change, lang), style="List Bullet")

    doc.add_heading(_("History"), level=1)
    for line in review.chain_summary(letter.review, lang):
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
