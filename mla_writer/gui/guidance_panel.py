"""The help panel under each step of the wizard: the guidance on the step's point(s), in the UI language.

What it shows is :mod:`mla_writer.guidance` (``resources/guidance/<lang>.json``): for each of
the step's points, why it matters, what gets a request refused or sent back, a good example
and a bad one. Steps that are not one of the 14 points (the start, the States, the closing,
the review) have none, and the panel is not shown there.

The window owns one panel (below the step, above Back/Next, in a splitter the user can drag)
and tells it the step (:meth:`GuidancePanel.show_step`) and the language each time the step or
the language changes. Whether the user wants it is a view setting, remembered like the preview
pane's (:meth:`mla_writer.gui.settings.Settings.guidance_visible`): View → Guidance Panel, or
the panel's own "Hide" button, and it stays hidden in every new window until shown again.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTextBrowser, QToolButton, QVBoxLayout, QWidget

from .i18n import _, ui_language

#: The fewest lines of guidance text the panel keeps room for (more scroll).
MIN_BODY_LINES = 4


class GuidancePanel(QFrame):
    """Header (which point, and a Hide button) over the guidance text, which scrolls."""

    hide_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidancePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.section_ids: tuple[str, ...] = ()
        self.lang = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(2)
        header = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("guidanceTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.hide_button = QToolButton(self)
        self.hide_button.setObjectName("guidanceHide")
        self.hide_button.setAutoRaise(True)
        self.hide_button.clicked.connect(self.hide_requested)
        header.addWidget(self.title, 1)
        header.addWidget(self.hide_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        self.body = QTextBrowser(self)
        self.body.setObjectName("guidanceText")
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setOpenLinks(False)
        self.body.setMinimumHeight(self.body.fontMetrics().lineSpacing() * MIN_BODY_LINES)
        layout.addWidget(self.body, 1)

    def show_step(self, section_ids: tuple[str, ...], lang: str | None = None) -> bool:
        """Show the guidance on the points among ``section_ids`` in ``lang`` (default: the UI
        language). Returns whether there is any (False for a step that is not a point)."""
        from ..guidance import GuidanceError, guidance_for
        from ..points import POINT_BY_ID, POINTS

        lang = lang or ui_language()
        self.section_ids, self.lang = tuple(section_ids), lang
        self.hide_button.setText(_("Hide"))
        self.hide_button.setToolTip(_("Hide the guidance (View \u2192 Guidance Panel shows it again)"))
        self.hide_button.setAccessibleName(_("Hide the guidance"))
        try:
            found = [(POINT_BY_ID[sid], guidance_for(sid, lang)) for sid in section_ids if sid in POINT_BY_ID]
        except GuidanceError as error:  # a damaged installation: say so here, the step works on
            if not any(point.id in section_ids for point in POINTS):
                return False
            self.title.setText(_("Guidance"))
            self.body.setPlainText(_("The guidance on this point cannot be shown: {error}").format(error=error))
            return True
        found = [(point, text) for point, text in found if text is not None]
        if not found:
            self.title.clear()
            self.body.clear()
            return False
        if len(found) == 1:
            self.title.setText(_("Guidance: {point}").format(point=found[0][0].heading(lang)))
        else:
            self.title.setText(_("Guidance on points {first}\u2013{last}").format(
                first=found[0][0].number, last=found[-1][0].number))
        self.body.setAccessibleName(self.title.text())
        self.body.setHtml(self.html(found, lang))
        self.body.verticalScrollBar().setValue(0)
        return True

    @staticmethod
    def html(found, lang: str) -> str:
        """The guidance of ``found`` (``[(PointDef, PointGuidance)]``) as the panel's HTML."""
        from .status import COLOURS

        marks = {"good": ("\u2714", COLOURS["complete"]), "bad": ("\u2716", COLOURS["incomplete"])}
        parts = (
            ("why", _("Why it matters")),
            ("refusals", _("What gets a request refused or sent back")),
            ("good", _("A good example")),
            ("bad", _("A bad example")),
        )
        html = []
        for point, text in found:
            if len(found) > 1:
                html.append(f"<h3>{escape(point.heading(lang))}</h3>")
            for part, heading in parts:
                body = escape(text.part(part))
                heading = f"<b>{escape(heading)}</b>"
                if part in marks:  # the examples: marked (in colour and in shape), in italics
                    mark, colour = marks[part]
                    heading = f'<span style="color:{colour}">{mark}</span> {heading}'
                    body = f"<i>{body}</i>"
                html.append(f"<p>{heading}<br>{body}</p>")
        return "".join(html)

    def text(self) -> str:
        """What the panel shows, as plain text (title and body)."""
        return f"{self.title.text()}\n{self.body.document().toRawText()}"
