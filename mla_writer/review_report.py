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
    """``(version, changes)``: the last version kept at a submission and what changed since then
    (None and [] when the draft was never submitted)."""
    submitted = [v for v in review.versions(letter.review) if v.event.status == "submitted"]
    if not submitted:
        return None, []
    last = submitted[-1]
    return last.number, review.diff(review.letter_from_snapshot(last.event.snapshot), letter, lang)


def review_report_docx(letter: LetterOfRequest, lang: str, today: dt.date | None = None) -> bytes:
    """The review report as .docx bytes, in UI language ``lang``. Raises
    :class:`mla_writer.review.ReviewError` when a kept version is damaged."""
    from docx import Document

    from .checklist import check
    from .i18n import ui_gettext
    from .render.context import fmt_date, state_name

    _ = ui_gettext(lang)
    doc = Document()
    doc.core_properties.language = lang
    doc.add_heading(_("Review report"), level=0)
    refs = letter.references
    facts = [
        (_("Requesting State"), state_name(letter.requesting_state, lang) if letter.requesting_state else ""),
        (_("Requested State"), state_name(letter.requested_state, lang) if letter.requested_state else ""),
        (_("Reference of the requesting authority"), refs.requesting_reference),
        (_("Date of the report"), fmt_date(today or dt.date.today(), lang)),
    ]
    for label, value in facts:
        if value:
            para = doc.add_paragraph()
            para.add_run(f"{label}: ").bold = True
            para.add_run(value)

    current = review.state(letter.review)
    doc.add_heading(_("Status: {status}").format(status=review.status_label(current.status, lang)), level=1)
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
            para.add_run(f"[{state}] {review.describe_target(letter, comment, lang)}: ").bold = True
            para.add_run(comment.text)
            who = ", ".join(p for p in (comment.name, comment.role) if p)
            para.add_run(f" \u2014 {who}, {review.format_moment(comment.at, lang)}").italic = True

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
