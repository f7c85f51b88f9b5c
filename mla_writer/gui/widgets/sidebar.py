"""The list of the checklist's sections with live status: symbol + words, never colour alone.

Rows: the start step, every section of :data:`mla_writer.points.SECTIONS`, the review step.
Built from the definitions alone, so it is shown before the model is loaded; statuses
arrive with the first checklist report.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ...points import SECTIONS
from ..i18n import _, ui_language
from ..pages.plan import REVIEW, START
from ..status import COLOURS, SYMBOLS, status_key, status_text


class Sidebar(QListWidget):
    """One row per section (and the start and review steps); clicking a row asks for its step."""

    step_requested = Signal(int)

    def __init__(self, step_of_section: dict[str, int], parent=None) -> None:
        super().__init__(parent)
        self.step_of_section = step_of_section
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setSpacing(1)
        self.statuses: dict[str, str] = {}
        #: section id -> open review comments on it (mla_writer.review)
        self.comment_counts: dict[str, int] = {}
        #: Step or section id of each row (kept here, not in Qt.ItemDataRole, which loads slowly).
        self.row_ids: list[str] = [START, *(s.id for s in SECTIONS), REVIEW]
        for _sid in self.row_ids:
            self.addItem(QListWidgetItem())
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        # Arrow keys in the list move through the steps too (select_step blocks this signal).
        self.currentRowChanged.connect(lambda row: row >= 0 and self._activated(self.item(row)))
        self.retranslate()

    def _activated(self, item) -> None:
        self.step_requested.emit(self.step_of_section[self.row_ids[self.row(item)]])

    def retranslate(self) -> None:
        lang = ui_language()
        self.setAccessibleName(_("Points of the checklist"))
        self.item(0).setText(_("Start"))
        for i, section in enumerate(SECTIONS, start=1):
            self._set_text(self.item(i), section.heading(lang), self.statuses.get(section.id), section.id)
        self.item(self.count() - 1).setText(_("Review and export"))

    def _set_text(self, item, heading: str, key: str | None, sid: str | None = None) -> None:
        count = self.comment_counts.get(sid, 0) if sid else 0
        said = heading
        if count:  # open comments of a central authority's review (mla_writer.review)
            from ..i18n import ngettext

            words = ngettext("{count} open comment", "{count} open comments", count).format(count=count)
            said = f"{heading}, {words}"
            heading = f"{heading} \u00b7 \u270e {count}"
        if key is None:
            item.setText(heading)
            if count:
                from PySide6.QtCore import Qt

                item.setData(Qt.ItemDataRole.AccessibleTextRole, said)
            return
        from PySide6.QtCore import Qt  # statuses come with the model, after the first paint

        item.setText(f"{SYMBOLS[key]} {heading}")
        words = status_text(key)
        item.setToolTip(words)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{said}: {words}")
        item.setForeground(QBrush(QColor(COLOURS[key])))

    def update_status(self, report) -> None:
        lang = ui_language()
        for i, section in enumerate(SECTIONS, start=1):
            key = status_key(report.result(section.id))
            self.statuses[section.id] = key
            self._set_text(self.item(i), section.heading(lang), key, section.id)

    def update_comments(self, counts: dict[str, int]) -> None:
        """Show the number of open review comments beside each point (``{section id: count}``)."""
        if counts == self.comment_counts:
            return
        self.comment_counts = dict(counts)
        self.retranslate()

    def select_step(self, step: int) -> None:
        self.blockSignals(True)
        for i in range(self.count()):
            if self.step_of_section[self.row_ids[i]] == step:
                self.setCurrentRow(i)
                break
        self.blockSignals(False)
