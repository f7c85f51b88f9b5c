"""A wizard step: header, guidance, a form bound to the model, and the checklist's verdict."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from ...points import POINT_BY_ID
from ..i18n import ui_language
from ..status import status_key, status_text
from ..widgets.form import Form
from ..widgets.problems import ProblemActions, ProblemLabel, ProblemMap



class StepPage(QWidget):
    """Subclasses set ``section_ids`` and ``guidance()`` and fill the form in ``build``."""

    section_ids: tuple[str, ...] = ()
    link_activated = Signal(str)  # a problem path to jump to

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.problem_map = ProblemMap()
        self.problem_map.root = self
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll)
        body = QWidget(self.scroll)
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(16, 12, 16, 16)
        self.title = QLabel(self.heading(), body)
        self.title.setObjectName("stepTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAccessibleName(self.heading())
        self.status = QLabel(body)
        self.status.setWordWrap(True)
        self.guide = QLabel(self.guidance(), body)
        self.guide.setWordWrap(True)
        self.guide.setObjectName("guidance")
        self.general = ProblemLabel(body)
        self.general.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.general.linkActivated.connect(self.link_activated)
        self.general.actions = ProblemActions(session, body)
        for widget in (self.title, self.status, self.guide, self.general, self.general.actions, *self.top_widgets(body)):
            self.body_layout.addWidget(widget)
        self.form = Form(session, self.problem_map, body)
        self.body_layout.addWidget(self.form)
        self.body_layout.addStretch(1)
        self.scroll.setWidget(body)
        self.build(self.form)
        if session.report is not None:
            self.show_report(session.report)

    # -- to override ---------------------------------------------------------------------
    def build(self, form: Form) -> None:
        raise NotImplementedError

    def guidance(self) -> str:
        return ""

    def top_widgets(self, parent: QWidget) -> list[QWidget]:
        """Widgets shown above the form and kept when it is rebuilt (e.g. "Fill from my office")."""
        return []

    def heading(self) -> str:
        lang = ui_language()
        return " \u00b7 ".join(POINT_BY_ID[sid].heading(lang) for sid in self.section_ids)

    # -- the checklist's verdict -------------------------------------------------------------
    def results(self, report):
        return [report.result(sid) for sid in self.section_ids]

    def blocking(self, report) -> list:
        return [p for r in self.results(report) for p in r.errors]

    def show_report(self, report) -> None:
        anchor = self._anchor()
        self._show_report(report)
        self._keep_in_place(anchor)

    # -- nothing moves under the user's hands (issue 11, trial L5) ------------------------------
    def _anchor(self):
        """The widget the user is typing in (focused, on this step) and its place in the view."""
        from PySide6.QtCore import QPoint
        from PySide6.QtWidgets import QApplication

        body = self.scroll.widget()
        focus = QApplication.focusWidget()
        if focus is None or not self.isVisible() or not body.isAncestorOf(focus) or not focus.isVisible():
            return None
        return focus, focus.mapTo(body, QPoint(0, 0)).y() - self.scroll.verticalScrollBar().value()

    def _keep_in_place(self, anchor) -> None:
        """After messages above it came or went, scroll so that the field the user is typing in
        stays where it was on screen (a message under a field above, or a status line that
        takes two lines now, no longer pushes it away mid-word). A step too short to scroll is
        made as tall as that needs, until it is left."""
        if anchor is None:
            return
        from PySide6.QtCore import QEvent, QPoint
        from PySide6.QtWidgets import QApplication

        widget, was = anchor
        try:
            body = self.scroll.widget()
            for _round in range(6):  # the rows, the form, the body, the scroll area: laid out now
                QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            bar = self.scroll.verticalScrollBar()
            wanted = widget.mapTo(body, QPoint(0, 0)).y() - was  # the bar's value that keeps it in place
            if wanted == bar.value():
                return
            if wanted > bar.maximum():
                body.setMinimumHeight(body.height() + wanted - bar.maximum())
                self._grown = True
                for _round in range(3):
                    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            bar.setValue(max(0, min(wanted, bar.maximum())))
        except RuntimeError:  # the widget went with a rebuilt form
            pass

    def _show_report(self, report) -> None:
        results = self.results(report)
        if len(results) == 1:
            self.status.setText(status_text(status_key(results[0])))
        else:
            lang = ui_language()
            self.status.setText(
                "   ".join(f"{r.point.number or r.point.label(lang)}: {status_text(status_key(r))}" for r in results)
            )
        problems = [p for r in results for p in (*r.errors, *r.warnings)]
        orphans = self.problem_map.distribute(problems)
        self.show_orphans(orphans)
        from ..review_marks import show_comments  # a central authority's open comments (issue 13)

        show_comments(self)
        for editor, _label in list(self.problem_map.entries.values()):
            if hasattr(editor, "mark_items"):
                try:
                    editor.mark_items(report)
                except RuntimeError:
                    pass

    def show_orphans(self, problems) -> None:
        """Problems with no field on this page: listed at the top, each a link to its field."""
        from html import escape

        from ..widgets.problems import ERROR_COLOUR, WARNING_COLOUR

        lines = []
        for p in problems:
            error = p.severity.value == "error"
            mark, colour = ("\u2716", ERROR_COLOUR) if error else ("\u25b2", WARNING_COLOUR)
            here = self.problem_map.target(p.path) is not None
            text = escape(p.message)
            if not here:
                text = f'<a href="{escape(p.path)}">{text}</a>'
            lines.append(f'<span style="color:{colour}">{mark} {text}</span>')
        self.general.show_html("<br>".join(lines), problems)
        self.general.actions.show_for(self.general.problems)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """The step is left: messages that went give their space back (kept while it was shown)."""
        from ..widgets.problems import release_space

        release_space(self)
        if getattr(self, "_grown", False):  # the height added to keep a field in place goes too
            self._grown = False
            self.scroll.widget().setMinimumHeight(0)
        super().hideEvent(event)

    def rebuild(self) -> None:
        """Build the form again from the letter (values were changed under its editors, e.g.
        what an answer hid was cleared), keeping the selected item of each list."""
        from PySide6.QtCore import QTimer

        from ..widgets.listeditor import ListEditor

        selected = {
            path: editor.list.currentRow()
            for path, (editor, _label) in self.problem_map.entries.items()
            if isinstance(editor, ListEditor)
        }
        bar = self.scroll.verticalScrollBar().value()
        old = self.form
        self.session.flush()  # (text typed just now is read before its editor goes)
        self.problem_map.entries.clear()
        self.form = Form(self.session, self.problem_map, old.parentWidget())
        self.body_layout.insertWidget(self.body_layout.indexOf(old), self.form)
        self.body_layout.removeWidget(old)
        old.hide()
        old.deleteLater()
        self.build(self.form)
        self.form.show()
        for path, row in selected.items():
            entry = self.problem_map.entries.get(path)
            if entry is not None and 0 <= row < entry[0].list.count() and entry[0].list.currentRow() != row:
                entry[0].list.setCurrentRow(row)
        if self.session.report is not None:
            self.show_report(self.session.report)
        self.body_layout.activate()
        self.scroll.verticalScrollBar().setValue(bar)
        QTimer.singleShot(0, self, lambda: self.scroll.verticalScrollBar().setValue(bar))

    def focus_path(self, path: str):
        widget = self.problem_map.focus(path)
        if widget is not None:
            self.scroll.ensureWidgetVisible(widget, 40, 80)
        else:
            self.general.setFocus()
        return widget

    def owns_path(self, path: str) -> bool:
        return self.problem_map.target(path) is not None
