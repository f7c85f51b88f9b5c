"""The first step: start a new letter, continue the current one, open a draft, a recent draft
or the example letter.

It needs no model, so the window shows it at once; the model and the other steps load
right after the first paint (see :meth:`MainWindow.ensure_ready`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCommandLinkButton, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..i18n import _


class StartPage(QWidget):
    section_ids: tuple[str, ...] = ("start",)  # see pages.plan.START
    link_activated = Signal(str)  # the step protocol; the start page has no field to link to
    new_requested = Signal()
    continue_requested = Signal()
    open_requested = Signal()
    example_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # in a scroll area, as the other steps: a small screen, or presentation mode's large
        # fonts, scroll the page instead of squeezing its texts (no Qt namespace enum here: the
        # start page is built before the first paint, and that object is slow to build)
        from PySide6.QtWidgets import QScrollArea

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(self.scroll)
        body = QWidget(self.scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 18, 24, 18)
        self.title = QLabel("MLA Writer", self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel(_("Letter of Request for mutual legal assistance in a criminal matter"), self)
        self.subtitle.setWordWrap(True)
        subfont = self.subtitle.font()
        subfont.setPointSizeF(subfont.pointSizeF() * 1.15)
        self.subtitle.setFont(subfont)
        self.guide = QLabel(
            _(
                "The wizard takes you through the 14 points that a requested State needs, listed on the "
                "left. Each point shows as you type whether it is complete. Next refuses to move on while "
                "a step has a blocking problem, and the last step exports the letter as a Word document. "
                "Your drafts stay on this computer."
            ),
            self,
        )
        self.guide.setObjectName("guidance")
        self.guide.setWordWrap(True)
        for widget in (self.title, self.subtitle, self.guide):
            layout.addWidget(widget)
        layout.addSpacing(8)

        def button(text: str, description: str, signal) -> QCommandLinkButton:
            b = QCommandLinkButton(text, description, self)
            b.setAutoDefault(True)  # Enter as well as Space presses the focused button
            b.setAccessibleName(text.replace("&", ""))
            b.setAccessibleDescription(description)
            b.clicked.connect(signal)
            layout.addWidget(b)
            return b

        self.continue_button = button(
            _("&Continue the current letter"), "", self.continue_requested
        )
        self.new_button = button(
            _("&Start a new letter"),
            _("An empty letter of request. You begin by choosing the two States and the languages."),
            self.new_requested,
        )
        self.open_button = button(
            _("&Open a draft\u2026"),
            _("A letter saved earlier (.mlar), yours or one sent to you for review or translation."),
            self.open_requested,
        )
        self.example_button = button(
            _("Open the &example letter"),
            _("A complete, fictional request, for training and demonstrations. You work on a copy."),
            self.example_requested,
        )
        self.recent_label = QLabel(_("&Recent drafts"), self)
        self.recent = QListWidget(self)
        self.recent.setAccessibleName(_("Recent drafts"))
        self.recent_paths: list[str] = []  # by row (no Qt.ItemDataRole: it is not loaded yet at start-up)
        self.recent.itemActivated.connect(lambda item: self.recent_requested.emit(self.recent_paths[self.recent.row(item)]))
        self.recent_label.setBuddy(self.recent)
        layout.addSpacing(8)
        layout.addWidget(self.recent_label)
        layout.addWidget(self.recent)
        layout.addStretch(1)
        self.scroll.setWidget(body)
        self.refresh([], None)

    def refresh(self, recent: list[str], current: str | None) -> None:
        """Show the recent drafts, and a "continue" button when a letter is open (``current``: its name)."""
        self.continue_button.setVisible(current is not None)
        if current is not None:
            self.continue_button.setDescription(current)
            self.continue_button.setAccessibleDescription(current)
        self.recent.clear()
        self.recent_paths = list(recent)
        for path in recent:
            item = QListWidgetItem(f"{Path(path).name}  \u2014  {Path(path).parent}")
            item.setToolTip(path)
            self.recent.addItem(item)
        self.recent.setVisible(bool(recent))
        if recent:  # as tall as its rows (up to ten), not a large empty box
            rows = min(len(recent), 10)
            self.recent.setFixedHeight(self.recent.sizeHintForRow(0) * rows + 2 * self.recent.frameWidth() + 4)
        self.recent_label.setVisible(bool(recent))

    def preferred_focus(self) -> QWidget:
        return self.continue_button if self.continue_button.isVisibleTo(self) else self.new_button

    # -- the step protocol (the window treats every step alike) -------------------------------
    def show_report(self, report) -> None:
        pass

    def blocking(self, report) -> list:
        return []

    def focus_path(self, path: str):
        return None

    def owns_path(self, path: str) -> bool:
        return False
