"""What the drafter sees of a central authority's review in the wizard: each open comment
beside the field it concerns (or at the top of its step), the number of open comments per
point in the sidebar, and a line above the step with the status, or a warning when the
review history was edited outside MLA Writer."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel

from .. import review
from .i18n import _, ngettext, ui_language
from .widgets.problems import ERROR_COLOUR

COMMENT_STYLE = ("QLabel#reviewComment { background: #fff8dc; color: #3e2f00; border-left: 3px solid #c9a100;"
                 " padding: 3px 6px; }")


def chain_intact(letter) -> bool:
    """:func:`mla_writer.review.verify` of the letter's history (computed each time: an event
    edited elsewhere with the same number of events and the same head must still be caught)."""
    return not review.verify(letter.review)


def comment_html(comments) -> str:
    lang = ui_language()
    lines = []
    for comment in comments:
        who = ", ".join(p for p in (comment.name, comment.role) if p) or _("reviewer")
        lines.append("\u270e " + escape(_("Comment ({who}, {when}): {text}").format(
            who=who, when=review.format_moment(comment.at, lang), text=comment.text)))
    return "<br>".join(lines)


def _label(parent) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("reviewComment")
    label.setWordWrap(True)
    label.setStyleSheet(COMMENT_STYLE)
    label.setTextFormat(label.textFormat().RichText)
    return label


def show_comments(page) -> None:
    """Show the open comments of ``page``'s sections: each under its field's row (the nearest
    row shown, as the checklist's problems are), the others at the top of the step."""
    from .session import stored_letter

    if not stored_letter(page.session).review.events:  # (typing does not change the review: nothing flushed)
        if not getattr(page, "_comment_labels", None) and getattr(page, "_review_general", None) is None:
            return
    letter = page.session.letter
    labels: dict[str, QLabel] = page.__dict__.setdefault("_comment_labels", {})
    buckets: dict[str, list] = {}
    general = []
    for comment in review.state(letter.review).open_comments():
        section = review.comment_section(letter, comment)
        if section.id not in page.section_ids:
            continue
        path = review.comment_path(letter, comment)
        target = None
        if path is not None and not path.startswith(review.POINT_TARGET):
            target = page.problem_map.shown_target(path) or page.problem_map.target(path)
        if target is None:
            general.append(comment)
        else:
            buckets.setdefault(target, []).append(comment)
    for path in list(labels):
        if path not in buckets:
            try:
                labels[path].hide()
            except RuntimeError:
                pass
            del labels[path]
    for path, found in buckets.items():
        try:
            _editor, problems = page.problem_map.entries[path]
            row = problems.parentWidget()
            label = labels.get(path)
            try:  # a label of a row the form has since rebuilt is not this row's
                if label is not None and label.parentWidget() is not row:
                    label = None
            except RuntimeError:
                label = None
            if label is None:
                label = _label(row)
                row.layout().insertWidget(row.layout().indexOf(problems) + 1, label)
                labels[path] = label
            label.setText(comment_html(found))
            label.show()
        except (RuntimeError, KeyError, AttributeError):
            labels.pop(path, None)
    top = getattr(page, "_review_general", None)
    if top is None and general:
        top = page._review_general = _label(page.general.parentWidget())
        page.body_layout.insertWidget(page.body_layout.indexOf(page.general) + 1, top)
    if top is not None:
        top.setText(comment_html(general))
        top.setVisible(bool(general))


def banner_html(letter) -> str:
    """The line above the step: the review status and open comments, or that the history is
    broken ("" for a draft nobody has reviewed)."""
    if not letter.review.events and not letter.review.head:
        return ""
    if not chain_intact(letter):
        return (f'<span style="color:{ERROR_COLOUR}"><b>\u26a0 '
                + escape(_("The review history of this draft was changed outside MLA Writer: it cannot be trusted. "
                           "File \u2192 Open for Review shows where, in its History tab.")) + "</b></span>")
    current = review.state(letter.review)
    count = len(current.open_comments())
    lang = ui_language()
    text = _("Review status: {status}").format(status=review.status_label(current.status, lang))
    if count:
        text += " \u2014 " + ngettext("{count} open comment", "{count} open comments", count).format(count=count)
    warning = review.changed_warning(letter, lang)
    if warning:
        return (escape(text) + f'<br><span style="color:{ERROR_COLOUR}"><b>\u26a0 ' + escape(warning) + "</b></span>")
    return escape(text)
