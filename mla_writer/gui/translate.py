"""View → Translate: every free-text field of the draft side by side, source and translation.

The fields, their states and the progress come from :mod:`mla_writer.translation`; the
termbase's terms and advice from :mod:`mla_writer.termbase`; XLIFF from :mod:`mla_writer.xliff`.
The window writes into the open draft (the session) as the user types, and remembers for each
translation the source text it was made from, so that a later change of the source marks it
stale (point 14 then says so). The source is read-only until the user unlocks it. The
application never translates: the target is what the user types.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .. import termbase, translation
from ..checklist import language_name
from ..languages import languages
from ..model.text import clean_text
from .i18n import _, language_endonym, ngettext, ui_language

#: What each state of a field is called beside it.
_STATE_TEXT = {
    translation.MISSING: lambda: _("not translated"),
    translation.STALE: lambda: _("source changed since translated"),
    translation.CURRENT: lambda: _("translated"),
}
#: Each state by its colour and by its own sign (never colour alone): an empty circle for
#: "not translated" (red), a warning sign for "source changed" (blue), a tick for "translated" (green).
_STATE_COLOUR = {translation.MISSING: "#b91c1c", translation.STALE: "#1d4ed8", translation.CURRENT: "#166534"}
_STATE_SIGN = {translation.MISSING: "\u25cb", translation.STALE: "\u26a0", translation.CURRENT: "\u2714"}
#: The source box while it is locked: grey, like any read-only text.
_LOCKED_STYLE = "QPlainTextEdit { background: #e4e4e4; color: #333333; border: 1px dashed #8a8a8a; }"
#: Message boxes that list fields one per line: wide enough that a line is seldom wrapped.
_LIST_BOX_STYLE = "QLabel#qt_msgbox_informativelabel { min-width: 520px; }"


def raw(edit: QPlainTextEdit) -> str:
    """The editor's text with its no-break spaces kept (``toPlainText`` drops them)."""
    return edit.document().toRawText().replace("\u2029", "\n")


class TermHighlighter(QSyntaxHighlighter):
    """Marks the source terms that have a termbase entry (:func:`mla_writer.termbase.find`)."""

    def __init__(self, document, owner: "FieldRow") -> None:
        super().__init__(document)
        self.owner = owner
        self.format = QTextCharFormat()
        self.format.setBackground(QColor("#fef3c7"))
        self.format.setFontUnderline(True)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt API)
        block = self.currentBlock()
        start = block.position()
        for hit in self.owner.hits:
            lo, hi = max(hit.start, start), min(hit.end, start + len(text))
            if lo < hi:
                self.setFormat(lo - start, hi - lo, self.format)


class FieldRow(QFrame):
    """One field: its point and label, its state, the source (left) and the translation (right),
    and under them the termbase's terms found in the source and its advice on the translation."""

    edited = Signal()

    def __init__(self, workspace: "TranslateWorkspace", unit: translation.Unit) -> None:
        super().__init__()
        self.workspace = workspace
        self.unit = unit
        self.path = unit.path
        self.hits: list = []
        self._loading = False
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        letter = workspace.session.letter
        label = workspace.labels.get(unit.path) or unit.label(letter, ui_language())
        self.title = QLabel(f"<b>{_esc(unit.point.heading(ui_language()))}</b> \u2014 {_esc(label)}")
        self.title.setWordWrap(True)
        self.state = QLabel()
        self.confirm = QPushButton(_("Translation still correct"))
        self.confirm.setToolTip(_("The source changed, and you have checked that the translation still says the same."))
        self.confirm.clicked.connect(self.confirm_current)
        head = QHBoxLayout()  # across both columns, so that the two texts are always as wide
        head.addWidget(self.title, 1)
        head.addWidget(self.confirm)
        head.addWidget(self.state)
        grid.addLayout(head, 0, 0, 1, 2)
        lines = max(unit.field.lines, 1)
        self.source = QPlainTextEdit()
        self.target = QPlainTextEdit()
        longest = max((len(t) for t in unit.text.root.values()), default=0)
        for edit in (self.source, self.target):
            edit.setTabChangesFocus(True)
            line = edit.fontMetrics().lineSpacing()
            shown = 2 if lines == 1 and longest < 90 else min(max(lines, 3, longest // 90 + 1), 10)
            edit.setFixedHeight(line * shown + 14)
        self.source.setReadOnly(True)
        self.highlighter = TermHighlighter(self.source.document(), self)
        grid.addWidget(self.source, 1, 0)
        grid.addWidget(self.target, 1, 1)
        self.terms = QLabel()
        self.terms.setWordWrap(True)
        self.terms.setTextFormat(Qt.TextFormat.RichText)
        grid.addWidget(self.terms, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.source.textChanged.connect(self._source_edited)
        self.target.textChanged.connect(self._target_edited)
        self.load()

    # -- showing ------------------------------------------------------------------------------
    def load(self) -> None:
        """Show the field's texts in the workspace's languages (again)."""
        ws = self.workspace
        self._loading = True
        try:
            self.source.setPlainText(self.unit.text.get(ws.source_lang))
            self.target.setPlainText(self.unit.text.get(ws.target_lang))
            self.show_lock()
            self.source.setAccessibleName(_("Source text ({language})").format(language=language_endonym(ws.source_lang)))
            self.target.setAccessibleName(_("Translation ({language})").format(language=language_endonym(ws.target_lang)))
            if ws.source_lang not in self.unit.text:
                self.source.setPlaceholderText(_("No text in this language: choose another source language."))
        finally:
            self._loading = False
        self.refresh()

    def show_lock(self) -> None:
        """The source box read-only (grey, with a lock in its hint) unless the workspace unlocked it."""
        locked = not self.workspace.unlocked
        self.source.setReadOnly(locked)
        self.source.setStyleSheet(_LOCKED_STYLE if locked else "")
        self.source.setToolTip(_("Read-only source: tick \u201cUnlock the source text\u201d to change it.")
                               if locked else "")

    def sync(self) -> None:
        """Show the model's texts again where they differ from the editors (changed in the wizard)."""
        ws = self.workspace
        if (clean_text(raw(self.source)) != self.unit.text.get(ws.source_lang)
                or clean_text(raw(self.target)) != self.unit.text.get(ws.target_lang)):
            self.load()
        else:
            self.refresh()

    def state_now(self) -> str:
        return translation.field_state(self.workspace.session.letter, self.path, self.unit.text, self.workspace.target_lang)

    def refresh(self) -> None:
        """The state, the terms found in the source and the advice on the translation."""
        state = self.state_now()
        self.state.setText(f'<span style="color:{_STATE_COLOUR[state]}">{_STATE_SIGN[state]} {_esc(_STATE_TEXT[state]())}</span>')
        self.confirm.setVisible(state == translation.STALE)
        entries = self.workspace.entries
        source_text, target_text = raw(self.source), raw(self.target)
        self.hits = termbase.find(source_text, entries)
        self.highlighter.rehighlight()
        parts = []
        seen = set()
        for hit in self.hits:
            if hit.entry.concept.id in seen:
                continue
            seen.add(hit.entry.concept.id)
            target = hit.entry.target or "\u2014"
            note = f" <i>({_esc(hit.entry.note_in(ui_language()))})</i>" if hit.entry.note_in(ui_language()) else ""
            parts.append(f"<span style='background:#fef3c7'>{_esc(hit.found)}</span> \u2192 <b>{_esc(target)}</b>{note}")
        lines = [_("Terms: {terms}").format(terms="; ".join(parts))] if parts else []
        for advice in termbase.advise(source_text, target_text, entries):
            if advice.kind == "forbidden":
                text = _("\u201c{variant}\u201d is a variant to avoid: write \u201c{term}\u201d.").format(
                    variant=advice.variant, term=advice.entry.target or "\u2014")
            else:
                text = _("The source says \u201c{source}\u201d: the termbase gives \u201c{term}\u201d, which the translation "
                         "does not use.").format(source=advice.variant, term=advice.entry.target)
            lines.append(f"<span style='color:#92400e'>\u26a0 {_esc(text)}</span>")
        self.terms.setText("<br>".join(lines))
        self.terms.setVisible(bool(lines))

    # -- editing --------------------------------------------------------------------------------
    def _target_edited(self) -> None:
        if self._loading:
            return
        ws = self.workspace
        text = raw(self.target)
        if clean_text(text) == self.unit.text.get(ws.target_lang):
            return  # (a repaint also reports a change of the document)
        self.unit.text.set(ws.target_lang, text)
        if ws.source_lang in self.unit.text:
            translation.record(ws.session.letter, self.path, ws.target_lang, ws.source_lang)
        ws.changed(self)

    def confirm_current(self) -> None:
        """The translation was checked against the changed source: it is current again."""
        ws = self.workspace
        translation.record(ws.session.letter, self.path, ws.target_lang, ws.source_lang)
        ws.changed(self)
        ws.apply_filters()

    def _source_edited(self) -> None:
        if self._loading or not self.workspace.unlocked:
            return
        text = raw(self.source)
        if clean_text(text) == self.unit.text.get(self.workspace.source_lang):
            return  # the highlighter's repaint, not an edit
        self.unit.text.set(self.workspace.source_lang, text)
        self.workspace.changed(self)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class TranslateWorkspace(QDialog):
    """The translation workspace on the window's open draft (non-modal)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.session = window.session
        self.setWindowTitle(_("Translate"))
        self.setWindowFlag(Qt.WindowType.Window, True)
        letter = self.session.letter
        self.target_lang = default_target(letter)
        held = [lang for lang in languages() if any(lang in u.text for u in translation.units(letter))]
        self.source_lang = translation.source_language(letter, _held_text(held), self.target_lang) or (
            letter.drafting_language if letter.drafting_language != self.target_lang else
            next((lang for lang in languages() if lang != self.target_lang), "en"))
        self.unlocked = False
        self.rows: list[FieldRow] = []
        self.labels: dict[str, str] = {}
        self.termbase_error = ""
        try:
            self.termbase = termbase.load()
        except termbase.TermbaseError as exc:  # the user's file is damaged: the shipped glossary, and say so
            self.termbase = termbase.Termbase(termbase.shipped_concepts())
            self.termbase_error = _("Your own termbase entries cannot be read ({problem}); the file is left as it is "
                                    "and only the shipped glossary is used.").format(problem=exc)
        self.entries = self.termbase.entries(self.source_lang, self.target_lang)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(800)
        self._reload_timer.timeout.connect(self._tell_wizard)
        self._emitting = False
        #: the draft changed elsewhere (the wizard, an answer that clears data, a list reordered)
        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(300)
        self._sync_timer.timeout.connect(self.sync)
        self.session.edited.connect(self._sync_timer.start)
        self.session.reloaded.connect(self._reloaded)
        self.session.structure_changed.connect(lambda _path: self._sync_timer.start())

        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.source_combo = QComboBox()
        self.target_combo = QComboBox()
        for code in languages():
            self.target_combo.addItem(language_endonym(code), code)
        self._fill_sources()  # (every language but the target's)
        self.target_combo.setCurrentIndex(self.target_combo.findData(self.target_lang))
        self.source_label = QLabel(_("Translate from"))
        self.source_label.setBuddy(self.source_combo)
        self.target_label = QLabel(_("into"))
        self.target_label.setBuddy(self.target_combo)
        for w in (self.source_label, self.source_combo, self.target_label, self.target_combo):
            top.addWidget(w)
        top.addStretch(1)
        self.unlock = QCheckBox(_("Unlock the source text"))
        self.unlock.setToolTip(_("The source is read-only so that it is not changed by mistake; a change to it "
                                 "marks its translations as to check again."))
        top.addWidget(self.unlock)
        outer.addLayout(top)

        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(10)
        outer.addWidget(self.progress_label)
        outer.addWidget(self.progress_bar)

        filters = QHBoxLayout()
        self.untranslated_only = QCheckBox(_("Untranslated only"))
        self.stale_only = QCheckBox(_("Changed since translated"))
        self.point_combo = QComboBox()
        self.point_combo.setAccessibleName(_("Point"))
        filters.addWidget(self.untranslated_only)
        filters.addWidget(self.stale_only)
        filters.addWidget(QLabel(_("Point:")))
        filters.addWidget(self.point_combo, 1)
        outer.addLayout(filters)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll.setWidget(self.body)
        outer.addWidget(self.scroll, 1)
        self.empty_note = QLabel()
        self.empty_note.setWordWrap(True)
        outer.addWidget(self.empty_note)
        self.termbase_note = QLabel(self.termbase_error)
        self.termbase_note.setWordWrap(True)
        self.termbase_note.setVisible(bool(self.termbase_error))
        outer.addWidget(self.termbase_note)

        buttons = QHBoxLayout()
        self.export_button = QPushButton(_("Export bilingual letter\u2026"))
        self.export_button.setToolTip(_("The letter in the language translated into, with the source language beside it."))
        self.xliff_out = QPushButton(_("Export for a translator (XLIFF)\u2026"))
        self.xliff_in = QPushButton(_("Import translation (XLIFF)\u2026"))
        self.term_button = QPushButton(_("Termbase\u2026"))
        self.close_button = QPushButton(_("Close"))
        for b in (self.export_button, self.xliff_out, self.xliff_in, self.term_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)

        self.source_combo.currentIndexChanged.connect(self._languages_changed)
        self.target_combo.currentIndexChanged.connect(self._languages_changed)
        self.unlock.toggled.connect(self._unlock)
        self.untranslated_only.toggled.connect(self.apply_filters)
        self.stale_only.toggled.connect(self.apply_filters)
        self.point_combo.currentIndexChanged.connect(self.apply_filters)
        self.export_button.clicked.connect(self.export_letter)
        self.xliff_out.clicked.connect(self.export_xliff)
        self.xliff_in.clicked.connect(self.import_xliff)
        self.term_button.clicked.connect(self.edit_termbase)
        self.close_button.clicked.connect(self.close)
        self.resize(1100, 760)
        self.build()

    # -- building -----------------------------------------------------------------------------
    def build(self) -> None:
        """The rows again, from the letter (after a change of language, an import ...)."""
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        while self.body_layout.count():
            self.body_layout.takeAt(0)
        found = translation.units(self.session.letter)
        self.labels = translation.labels(self.session.letter, found, ui_language())
        for unit in found:
            row = FieldRow(self, unit)
            self.rows.append(row)
            self.body_layout.addWidget(row)
        self.body_layout.addStretch(1)
        self._fill_points()
        self.update_progress()
        self.apply_filters()

    def _fill_points(self) -> None:
        current = self.point_combo.currentData()
        self.point_combo.blockSignals(True)
        self.point_combo.clear()
        self.point_combo.addItem(_("All points"), "")
        progress = translation.progress(self.session.letter, self.target_lang)
        for point in translation.points_with_text(self.session.letter):
            count = progress.by_point[point.id]
            self.point_combo.addItem(f"{point.heading(ui_language())} ({count.done}/{count.total})", point.id)
        index = self.point_combo.findData(current)
        self.point_combo.setCurrentIndex(max(index, 0))
        self.point_combo.blockSignals(False)

    def update_progress(self) -> None:
        progress = translation.progress(self.session.letter, self.target_lang)
        count = progress.overall
        language = language_name(self.target_lang, ui_language())
        text = ngettext("{done} of {total} field translated into {language}",
                        "{done} of {total} fields translated into {language}", count.total).format(
            done=count.done, total=count.total, language=language)
        if count.stale:
            text += " \u00b7 " + ngettext("{count} to check again: its source changed",
                                          "{count} to check again: their source changed", count.stale).format(count=count.stale)
        self.progress_label.setText(text)
        self.progress_bar.setMaximum(max(count.total, 1))
        self.progress_bar.setValue(count.done)
        for i in range(1, self.point_combo.count()):
            point_id = self.point_combo.itemData(i)
            c = progress.by_point.get(point_id)
            if c is not None:
                label = self.point_combo.itemText(i).rsplit(" (", 1)[0]
                self.point_combo.setItemText(i, f"{label} ({c.done}/{c.total})")

    def apply_filters(self) -> None:
        point = self.point_combo.currentData() or ""
        shown = 0
        for row in self.rows:
            state = row.state_now()
            visible = (not point or row.unit.point.id == point)
            if self.untranslated_only.isChecked():
                visible = visible and state != translation.CURRENT
            if self.stale_only.isChecked():
                visible = visible and state == translation.STALE
            row.setVisible(visible)
            shown += visible
        if not self.rows:
            self.empty_note.setText(_("The draft has no free text yet: there is nothing to translate."))
        elif not any(self.source_lang in r.unit.text for r in self.rows):
            shown = 0  # (the rows stay visible: their translations can be read)
            self.empty_note.setText(_("Nothing to translate from {source}: the draft holds no text in it. "
                                      "Choose another language to translate from.").format(
                source=language_name(self.source_lang, ui_language())))
        elif not shown:
            self.empty_note.setText(_("No field matches the filters."))
        self.empty_note.setVisible(not shown or not any(self.source_lang in r.unit.text for r in self.rows))

    def visible_rows(self) -> list[FieldRow]:
        return [r for r in self.rows if not r.isHidden()]

    def row(self, path: str) -> FieldRow:
        return next(r for r in self.rows if r.path == path)

    def _fill_sources(self) -> None:
        """The source choices: every language but the target (a text is never translated into its
        own language), the current source selected."""
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        for code in languages():
            if code != self.target_lang:
                self.source_combo.addItem(language_endonym(code), code)
        self.source_combo.setCurrentIndex(max(self.source_combo.findData(self.source_lang), 0))
        self.source_combo.blockSignals(False)

    def _held(self) -> list[str]:
        """The languages the draft's fields to translate hold text in."""
        found = translation.units(self.session.letter)
        return [lang for lang in languages() if any(lang in u.text for u in found)]

    # -- reacting ---------------------------------------------------------------------------------
    def _languages_changed(self) -> None:
        target = self.target_combo.currentData()
        source = self.source_combo.currentData()
        if target != self.target_lang and (source == target or source is None):
            # the target takes the source's language: the source becomes the language the draft is
            # translated from (the drafting language, else another language it holds), never empty
            held = [lang for lang in self._held() if lang != target]
            source = translation.source_language(self.session.letter, _held_text(held), target,
                                                  preferred=self.target_lang) if held else None
            source = source or next(code for code in languages() if code != target)
        self.source_lang, self.target_lang = source, target
        self._fill_sources()
        self.entries = self.termbase.entries(self.source_lang, self.target_lang)
        self.build()

    def _unlock(self, on: bool) -> None:
        self.unlocked = on
        for row in self.rows:
            row.show_lock()

    def changed(self, row: FieldRow) -> None:
        """A text was typed: the draft is edited; the row, the progress and (soon) the wizard follow."""
        self.session.touch()
        row.refresh()
        self.update_progress()
        self._reload_timer.start()

    def _tell_wizard(self) -> None:
        """The wizard's editors show the letter again (what was typed here)."""
        self._emitting = True
        try:
            self.session.reloaded.emit()
        finally:
            self._emitting = False

    def _reloaded(self) -> None:
        if not self._emitting:
            self._sync_timer.start()

    def sync(self) -> None:
        """Follow changes made to the draft outside the workspace: the rows again when fields
        came or went (or were replaced), else each row's texts where they differ."""
        units = translation.units(self.session.letter)
        if [u.path for u in units] != [r.path for r in self.rows] or any(
                u.text is not r.unit.text for u, r in zip(units, self.rows)):
            self.build()
            return
        for row in self.rows:
            row.sync()
        self.update_progress()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._sync_timer.stop()
        if self._reload_timer.isActive():
            self._reload_timer.stop()
            self._tell_wizard()
        super().closeEvent(event)

    # -- the letter and XLIFF -----------------------------------------------------------------------
    def export_letter(self) -> bool:
        """The letter in the target language, with the source language beside it (the window's
        export: its questions, its file dialog)."""
        letter = self.session.letter
        if letter.output_language != self.target_lang:
            self.session.change(lambda L: setattr(L, "output_language", self.target_lang))
            self.session.languages_changed.emit()
            self.session.reloaded.emit()
        # the source beside it for this export only: the window's own choice of a second language
        # (File > Export, the preview) stays as the user set it
        self.window_.bilingual_once = self.source_lang
        try:
            return self.window_.export_letter()
        finally:
            self.window_.bilingual_once = None

    def ask_save_path(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(self, _("Export for a translator"), suggested,
                                                    _("XLIFF files (*.xlf *.xliff)"))
        return path

    def ask_open_path(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import a translation"), "", _("XLIFF files (*.xlf *.xliff)"))
        return path

    def export_xliff(self, path: str | None = None) -> bool:
        from ..storage import atomic_write_bytes
        from ..xliff import export_xliff

        letter = self.session.letter
        name = (self.window_.current_draft_name() or "letter").rsplit(".", 1)[0]
        path = path or self.ask_save_path(f"{name}-{self.source_lang}-{self.target_lang}.xlf")
        if not path:
            return False
        exported = export_xliff(letter, self.target_lang, self.source_lang, ui_lang=ui_language())
        if exported.draft_id_given and not exported.paths:
            letter.translation.draft_id = ""  # no file names it: the draft stays as it was
        elif exported.draft_id_given:
            # the draft now holds the identifier the file names: saved at once (as the command line
            # does), else the file would later be refused as another draft's
            self.session.touch()
            if not self.window_.save_draft():
                letter.translation.draft_id = ""
                self.message = _("The file was not written: the draft was not saved, and a translation comes "
                                 "back only into the saved draft the file names. Save the draft, then export again.")
                self.refusal = QMessageBox(QMessageBox.Icon.Warning, _("Export for a translator"), self.message,
                                           QMessageBox.StandardButton.Ok, self)
                self.refusal.open()
                return False
        if not exported.paths:
            self.message = _("Nothing to export: every field with text in {source} is translated into {target}.").format(
                source=language_name(self.source_lang, ui_language()), target=language_name(self.target_lang, ui_language()))
            self.window_.statusBar().showMessage(self.message, 8000)
            return False
        try:
            atomic_write_bytes(path, exported.data, backup=False)
        except OSError as exc:
            QMessageBox.warning(self, _("Export for a translator"), _("The file cannot be written: {reason}").format(
                reason=exc.strerror or exc))
            return False
        self.message = ngettext("{count} field written for the translator.", "{count} fields written for the translator.",
                                len(exported.paths)).format(count=len(exported.paths))
        if exported.no_source:
            self.message += " " + ngettext(
                "{count} field left out: it has no text in {language}.",
                "{count} fields left out: they have no text in {language}.", len(exported.no_source)).format(
                count=len(exported.no_source), language=language_name(self.source_lang, ui_language()))
        self.window_.statusBar().showMessage(self.message, 8000)
        return True

    def import_xliff(self, path: str | None = None) -> bool:
        from ..storage.files import read_regular_file
        from ..xliff import MAX_FILE_BYTES, XliffRefused, import_xliff

        path = path or self.ask_open_path()
        if not path:
            return False
        try:
            data = read_regular_file(path, MAX_FILE_BYTES)
            result = import_xliff(self.session.letter, data)
        except OSError as exc:
            self.show_refusal(_("The file cannot be read: {reason}").format(reason=exc.strerror or exc))
            return False
        except XliffRefused as exc:
            self.show_refusal(exc.localized(ui_language()))
            return False
        if result.written:
            self.session.touch()
            self.session.reloaded.emit()
        if result.target != self.target_lang:
            self.target_combo.setCurrentIndex(self.target_combo.findData(result.target))  # (builds again)
        else:
            self.build()
        self.message = ngettext("{count} translation imported.", "{count} translations imported.",
                                len(result.written)).format(count=len(result.written))
        self.window_.statusBar().showMessage(self.message, 8000)
        if result.changed:
            from ..xliff import changed_report

            self.refusal = QMessageBox(QMessageBox.Icon.Warning, _("Import a translation"), self.message,
                                       QMessageBox.StandardButton.Ok, self)
            self.refusal.setInformativeText(changed_report(result, self.session.letter, ui_language()))
            self.refusal.setStyleSheet(_LIST_BOX_STYLE)
            self.refusal.open()
        return True

    def show_refusal(self, text: str) -> None:
        self.refusal = QMessageBox(QMessageBox.Icon.Warning, _("Import a translation"),
                                   _("The translation was not imported."), QMessageBox.StandardButton.Ok, self)
        self.refusal.setInformativeText(text)
        self.refusal.setStyleSheet(_LIST_BOX_STYLE)
        self.refusal.open()

    def edit_termbase(self):
        from .termbase_dialog import TermbaseDialog

        self.termbase_dialog = TermbaseDialog(self, self.termbase, self.source_lang, self.target_lang,
                                              read_only=bool(self.termbase_error))
        self.termbase_dialog.changed.connect(self._termbase_changed)
        self.termbase_dialog.open()
        return self.termbase_dialog

    def _termbase_changed(self) -> None:
        self.entries = self.termbase.entries(self.source_lang, self.target_lang)
        for row in self.rows:
            row.refresh()


def default_target(letter) -> str:
    """The language to translate into first: the letter's language when the draft is written in
    another one; else a language the requested State accepts; else the next language of the letter."""
    if letter.output_language != letter.drafting_language:
        return letter.output_language
    for code in letter.language.accepted_languages:
        if code in languages() and code != letter.drafting_language:
            return code
    return next((code for code in languages() if code != letter.drafting_language), letter.output_language)


def _held_text(langs: list[str]):
    """An MLText holding something in each of ``langs`` (to choose a source language)."""
    from ..model import MLText

    return MLText.model_validate({lang: "x" for lang in langs})
