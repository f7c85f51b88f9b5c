"""Last step: the whole checklist report, and the export of the letter."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...points import SECTIONS
from ..i18n import _, ngettext, ui_language
from ..widgets.fields import ChoiceField, WrapCombo
from ..widgets.problems import ERROR_COLOUR, WARNING_COLOUR
from ..status import status_key, status_text
from .steps import _letter_languages

#: The schemes of the review's links to the actions on data an answer hides (see ..hidden).
RESTORE = "hidden-restore"
CLEAR = "hidden-clear"


class ReviewPage(QWidget):
    section_ids: tuple[str, ...] = ("review",)  # see pages.plan.REVIEW
    link_activated = Signal(str)
    export_requested = Signal()
    bilingual_changed = Signal(str)

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        self.title = QLabel(_("Review and export"), self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.guide = QLabel(
            _(
                "The whole checklist. Fix what is marked \u2716, consider what is marked \u25b2, then "
                "choose the language of the letter and export it as a Word document. Click a "
                "problem to go to its field."
            ),
            self,
        )
        self.guide.setWordWrap(True)
        self.report_view = QTextBrowser(self)
        self.report_view.setOpenLinks(False)
        self.report_view.setAccessibleName(_("Checklist report"))
        self.report_view.anchorClicked.connect(self._link)
        self.output = ChoiceField(session, "output_language", _letter_languages(), nullable=False, parent=self)
        self.output.changed.connect(session.languages_changed)
        # the letter's language is also chosen on the first step: this box always shows the
        # value in the draft (the trial found "Français" here after the first step set Russian)
        session.languages_changed.connect(self.sync_output)
        self.output_label = QLabel(_("Language of the le&tter:"), self)
        self.output_label.setBuddy(self.output.combo)
        self.output.set_accessible(_("Language of the letter"))
        self.bilingual_label = QLabel(_("Second language for a b&ilingual letter:"), self)
        self.bilingual = WrapCombo(self)
        self.bilingual.addItem(_("none (one language only)"), "")
        for code, name in _letter_languages():
            self.bilingual.addItem(name, code)
        self.bilingual_label.setBuddy(self.bilingual)
        self.bilingual.setAccessibleName(_("Second language for a bilingual letter"))
        self.bilingual.currentIndexChanged.connect(lambda _i: self.bilingual_changed.emit(self.bilingual_language()))
        self.export_button = QPushButton(_("&Export letter\u2026"), self)
        self.export_button.setAccessibleName(_("Export letter"))
        self.export_button.clicked.connect(self.export_requested)
        # Each label over its box, as on the other steps (issue 11, trial L1: the Russian
        # "second language" row made this page wider than the column, so that opening it moved
        # the splitter for good; beside its box, the French "Langue de la lettre :" wrapped its
        # colon onto a line the row had no room for).
        options = QVBoxLayout()
        options.setSpacing(2)
        self.bilingual.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.bilingual.setMinimumContentsLength(12)
        for label, box in ((self.output_label, self.output), (self.bilingual_label, self.bilingual)):
            label.setWordWrap(True)
            options.addWidget(label)
            options.addWidget(box)
            options.addSpacing(4)
        for widget in (self.title, self.summary, self.guide, self.report_view):
            layout.addWidget(widget)
        layout.addLayout(options)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        if session.report is not None:
            self.show_report(session.report)

    def sync_output(self) -> None:
        """Show the draft's output language in the box (no edit: signals blocked)."""
        combo = self.output.combo
        index = combo.findData(self.session.letter.output_language)
        if index >= 0 and index != combo.currentIndex():
            blocked = combo.blockSignals(True)
            try:
                combo.setCurrentIndex(index)
            finally:
                combo.blockSignals(blocked)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.sync_output()
        super().showEvent(event)

    def _link(self, url) -> None:
        """A problem (go to its field), or an action offered beside it."""
        from .. import hidden

        scheme = url.scheme()
        if scheme == RESTORE:
            hidden.change_back(self.session, url.path())
        elif scheme == CLEAR:
            hidden.clear_with_consent(self.session, url.path(), self.window())
        else:
            self.link_activated.emit(url.toString())

    def _actions_html(self, problem) -> str:
        """Links to the actions a problem offers (data an answer hides), or ""."""
        from .. import hidden

        if not hidden.is_hidden_problem(problem) or not hidden.hidden_at(self.session.letter, problem.path):
            return ""
        path = escape(problem.path)
        links = []
        if hidden.can_change_back(self.session.letter, problem.path):
            links.append(f'<a href="{RESTORE}:{path}">{escape(_(hidden.CHANGE_BACK))}</a>')
        links.append(f'<a href="{CLEAR}:{path}">{escape(_(hidden.CLEAR))}</a>')
        return "<br>" + " \u00a0\u00b7\u00a0 ".join(links)

    def bilingual_language(self) -> str:
        return self.bilingual.currentData() or ""

    def set_bilingual_language(self, code: str) -> None:
        self.bilingual.setCurrentIndex(max(self.bilingual.findData(code or ""), 0))

    def blocking(self, report) -> list:
        return []

    def show_report(self, report) -> None:
        lang = ui_language()
        missing = len(report.incomplete())
        if missing:
            self.summary.setText(ngettext("{count} section still incomplete.", "{count} sections still incomplete.",
                                              missing).format(count=missing))
        else:
            self.summary.setText(_("Every point of the checklist is complete."))
        parts = []
        for section in SECTIONS:
            result = report.result(section.id)
            parts.append(f"<h3>{escape(section.heading(lang))} \u2014 {escape(status_text(status_key(result)))}</h3>")
            items = []
            for p in (*result.errors, *result.warnings):
                error = p.severity.value == "error"
                mark, colour = ("\u2716", ERROR_COLOUR) if error else ("\u25b2", WARNING_COLOUR)
                items.append(f'<li style="color:{colour}">{mark} <a href="{escape(p.path)}">{escape(p.message)}</a>'
                             f'{self._actions_html(p)}</li>')
            if items:
                parts.append("<ul>" + "".join(items) + "</ul>")
        bar = self.report_view.verticalScrollBar().value()
        self.report_view.setHtml("".join(parts))
        self.report_view.verticalScrollBar().setValue(bar)

    def focus_path(self, path: str):
        return None

    def owns_path(self, path: str) -> bool:
        return False

