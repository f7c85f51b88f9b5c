"""The list of the checklist's sections with live status: symbol + words, never colour alone."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ...checklist import SECTIONS
from ..i18n import _, ui_language
from ..pages.base import status_key, status_text

COLOURS = {"complete": "#1d6b2c", "incomplete": "#a40000", "warnings": "#7a4f00", "not_applicable": "#555555"}
SYMBOLS = {"complete": "\u2714", "incomplete": "\u2716", "warnings": "\u25b2", "not_applicable": "\u2013"}
REVIEW = "review"


class Sidebar(QListWidget):
    """One row per section (and the review step); clicking a row asks for its step."""

    step_requested = Signal(int)

    def __init__(self, step_of_section: dict[str, int], review_step: int, parent=None) -> None:
        super().__init__(parent)
        self.step_of_section = step_of_section
        self.review_step = review_step
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setSpacing(1)
        self.statuses: dict[str, str] = {}
        for section in SECTIONS:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            self.addItem(item)
        review = QListWidgetItem()
        review.setData(Qt.ItemDataRole.UserRole, REVIEW)
        self.addItem(review)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        # Arrow keys in the list move through the steps too (select_step blocks this signal).
        self.currentRowChanged.connect(lambda row: row >= 0 and self._activated(self.item(row)))
        self.retranslate()

    def _activated(self, item) -> None:
        sid = item.data(Qt.ItemDataRole.UserRole)
        self.step_requested.emit(self.review_step if sid == REVIEW else self.step_of_section[sid])

    def retranslate(self) -> None:
        lang = ui_language()
        self.setAccessibleName(_("Points of the checklist"))
        for i, section in enumerate(SECTIONS):
            self._set_text(self.item(i), section.heading(lang), self.statuses.get(section.id))
        self.item(len(SECTIONS)).setText(_("Review and export"))

    def _set_text(self, item, heading: str, key: str | None) -> None:
        if key is None:
            item.setText(heading)
            return
        item.setText(f"{SYMBOLS[key]} {heading}")
        words = status_text(key)
        item.setToolTip(words)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{heading}: {words}")
        item.setForeground(QBrush(QColor(COLOURS[key])))

    def update_status(self, report) -> None:
        lang = ui_language()
        for i, section in enumerate(SECTIONS):
            key = status_key(report.result(section.id))
            self.statuses[section.id] = key
            self._set_text(self.item(i), section.heading(lang), key)

    def select_step(self, step: int) -> None:
        self.blockSignals(True)
        for i in range(self.count()):
            sid = self.item(i).data(Qt.ItemDataRole.UserRole)
            target = self.review_step if sid == REVIEW else self.step_of_section[sid]
            if target == step:
                self.setCurrentRow(i)
                break
        self.blockSignals(False)
