"""Review mode (File → Open for review): a central authority reads a draft without editing it.

The window shows the whole letter, the 14-point report, the history and the versions (what
changed between two of them, field by field), and beside them the comments pane: the status
and the changes it may take, the comments (add one to a point, a field or one item of a list;
resolve or reopen it). Every action is one event of the draft's review history
(:mod:`mla_writer.review`) and is saved to the file at once; nothing else of the letter can be
changed here. The reviewer's name and role come from the office profile and can be changed.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .. import fields, review
from ..points import SECTIONS
from .i18n import _, ui_language
from .widgets.problems import ERROR_COLOUR

OK_COLOUR = "#1b5e20"


def profile_actor() -> review.Actor:
    """The user's name and role from the office profile (the signatory, else the officer); empty
    when there is no profile."""
    from ..office import load_profile
    from ..storage import DraftError

    try:
        office = load_profile().office
    except (DraftError, OSError):
        return review.Actor("", "")
    lang = ui_language()
    name = office.signatory.name or office.officer.name
    role = office.signatory.title if office.signatory.name else office.officer.position
    text, _lang = role.resolve(lang, next(iter(role.languages()), lang)) if role else ("", lang)
    return review.Actor(name, text or "")


def comment_targets(letter, section_id: str) -> list[tuple[str, str]]:
    """``[(target, label), ...]`` a comment on section ``section_id`` may name: the point as a
    whole, then each declared field that applies, and each item of its lists followed by the
    item's fields, in the UI language."""
    import re

    lang = ui_language()
    out = [(review.POINT_TARGET + section_id, _("The point as a whole"))]
    by_item: dict[str, list[tuple[str, str]]] = {}
    for decl in fields.section_fields(section_id):
        if decl.kind == fields.ID:
            continue
        for path, _value, item in fields.instances(letter, decl):
            if not fields.applies(letter, decl, item):
                continue
            match = re.match(r"[a-z_.]+\[\d+\]", path) if item is not None else None
            key = match.group(0) if match else ""
            by_item.setdefault(key, []).append((path, fields.describe(letter, path, lang)))
    for key, targets in sorted(by_item.items(), key=lambda kv: _item_order(kv[0])):
        if key:
            head, index = key[:-1].split("[")
            out.append((key, fields.item_name(letter, head, int(index), lang)))
        out.extend(targets)
    return out


def _item_order(key: str) -> tuple[str, int]:
    if not key:
        return ("", -1)
    head, index = key[:-1].split("[")
    return (head, int(index))


class ReviewWindow(QMainWindow):
    """A draft opened for review. ``changed`` is emitted after each saved action."""

    changed = Signal()

    def __init__(self, path, letter, stamp=None, sealer=None, parent=None, settings=None) -> None:
        super().__init__(parent)
        self.settings = settings  # a gui.settings.Settings: the name and role last used
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.path = Path(path)
        self.letter = letter
        self.stamp = stamp
        self.sealer = sealer
        self.error_box = None  # the latest message box (tests read it)
        self.setObjectName("reviewWindow")
        split = QSplitter(self)
        self.tabs = QTabWidget(split)
        self.letter_view = QTextBrowser(self.tabs)
        self.report_view = QTextBrowser(self.tabs)
        self.history_view = QTextBrowser(self.tabs)
        versions = QWidget(self.tabs)
        column = QVBoxLayout(versions)
        line = QFormLayout()  # one row each: a version's label is long ("2: Returned for changes, 30 нояб. …")
        self.from_box, self.to_box = QComboBox(versions), QComboBox(versions)
        for box in (self.from_box, self.to_box):  # "2: Returned for changes, 30 нояб. 2026 …" shown whole
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(30)
        self.from_label, self.to_label = QLabel(versions), QLabel(versions)
        self.from_label.setBuddy(self.from_box)
        self.to_label.setBuddy(self.to_box)
        line.addRow(self.from_label, self.from_box)
        line.addRow(self.to_label, self.to_box)
        column.addLayout(line)
        self.compared_label = QLabel(versions)  # what is compared with what, in words
        self.compared_label.setWordWrap(True)
        column.addWidget(self.compared_label)
        self.diff_view = QTextBrowser(versions)
        column.addWidget(self.diff_view)
        self.from_box.currentIndexChanged.connect(self.show_diff)
        self.to_box.currentIndexChanged.connect(self.show_diff)
        for view in (self.letter_view, self.report_view, self.history_view, versions):
            self.tabs.addTab(view, "")
        self.pane = self._build_pane(split)
        split.addWidget(self.tabs)
        split.addWidget(self.pane)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 460])
        self.setCentralWidget(split)
        self.resize(1200, 800)
        name = role = ""
        if settings is not None:  # the name and role used last, else the office profile's
            name = str(settings.q.value("review/name", "") or "")
            role = str(settings.q.value("review/role", "") or "")
        if not name:
            name, role = profile_actor()
        self.name_edit.setText(name)
        self.role_edit.setText(role)
        self.retranslate()
        self.refresh()

    # -- the comments pane -----------------------------------------------------------------------
    def _build_pane(self, parent) -> QWidget:
        pane = QWidget(parent)
        column = QVBoxLayout(pane)
        self.status_label = QLabel(pane)
        self.status_label.setWordWrap(True)
        font = self.status_label.font()
        font.setBold(True)
        self.status_label.setFont(font)
        self.chain_label = QLabel(pane)
        self.chain_label.setWordWrap(True)
        self.changed_label = QLabel(pane)  # the letter was changed after its submission or approval
        self.changed_label.setWordWrap(True)
        column.addWidget(self.status_label)
        column.addWidget(self.chain_label)
        column.addWidget(self.changed_label)
        self.who_box = QGroupBox(pane)
        who = QFormLayout(self.who_box)
        self.name_edit, self.role_edit = QLineEdit(self.who_box), QLineEdit(self.who_box)
        self.name_label, self.role_label = QLabel(self.who_box), QLabel(self.who_box)
        self.name_label.setBuddy(self.name_edit)
        self.role_label.setBuddy(self.role_edit)
        who.addRow(self.name_label, self.name_edit)
        who.addRow(self.role_label, self.role_edit)
        column.addWidget(self.who_box)
        self.status_box = QGroupBox(pane)
        form = QFormLayout(self.status_box)
        self.next_status = QComboBox(self.status_box)
        self.note_edit = QLineEdit(self.status_box)
        self.next_label, self.note_label = QLabel(self.status_box), QLabel(self.status_box)
        self.next_label.setBuddy(self.next_status)
        self.note_label.setBuddy(self.note_edit)
        self.status_button = QPushButton(self.status_box)
        self.status_button.clicked.connect(self.change_status)
        form.addRow(self.next_label, self.next_status)
        form.addRow(self.note_label, self.note_edit)
        form.addRow("", self.status_button)
        column.addWidget(self.status_box)
        self.comments_box = QGroupBox(pane)
        inner = QVBoxLayout(self.comments_box)
        self.comment_list = QListWidget(self.comments_box)
        self.comment_list.setWordWrap(True)
        self.comment_list.setAlternatingRowColors(True)
        self.comment_list.currentRowChanged.connect(self._comment_selected)
        inner.addWidget(self.comment_list, 1)
        buttons = QHBoxLayout()
        self.resolve_button, self.reopen_button = QPushButton(self.comments_box), QPushButton(self.comments_box)
        self.resolve_button.clicked.connect(lambda: self._comment_action(review.resolve))
        self.reopen_button.clicked.connect(lambda: self._comment_action(review.reopen))
        self.comment_note_label = QLabel(self.comments_box)
        self.comment_note_edit = QLineEdit(self.comments_box)  # its own note: not the status change's
        self.comment_note_label.setBuddy(self.comment_note_edit)
        inner.addWidget(self.comment_note_label)
        inner.addWidget(self.comment_note_edit)
        buttons.addWidget(self.resolve_button)
        buttons.addWidget(self.reopen_button)
        buttons.addStretch(1)
        inner.addLayout(buttons)
        self.new_label = QLabel(self.comments_box)
        inner.addWidget(self.new_label)
        self.section_box = QComboBox(self.comments_box)
        self.target_box = QComboBox(self.comments_box)
        self.section_box.currentIndexChanged.connect(self._fill_targets)
        self.comment_edit = QPlainTextEdit(self.comments_box)
        self.comment_edit.setMaximumHeight(90)
        self.add_button = QPushButton(self.comments_box)
        self.add_button.clicked.connect(self.add_comment)
        for widget in (self.section_box, self.target_box, self.comment_edit, self.add_button):
            inner.addWidget(widget)
        column.addWidget(self.comments_box, 1)
        self.report_button = QPushButton(pane)
        self.report_button.clicked.connect(self.write_report)
        column.addWidget(self.report_button)
        return pane

    def retranslate(self) -> None:
        self.setWindowTitle(_("{name} \u2014 review \u2014 MLA Writer").format(name=self.path.name))
        for i, text in enumerate((_("Letter of request"), _("Checklist report"), _("History"), _("Versions"))):
            self.tabs.setTabText(i, text)
        self.from_label.setText(_("From version:"))
        self.to_label.setText(_("To version:"))
        self.who_box.setTitle(_("You"))
        self.name_label.setText(_("Name:"))
        self.role_label.setText(_("Role:"))
        self.status_box.setTitle(_("Status"))
        self.next_label.setText(_("New status:"))
        self.note_label.setText(_("Note (optional):"))
        self.comment_note_label.setText(_("Note on resolving or reopening (optional):"))
        self.status_button.setText(_("Change status"))
        self.comments_box.setTitle(_("Comments"))
        self.resolve_button.setText(_("Resolve"))
        self.reopen_button.setText(_("Reopen"))
        self.new_label.setText(_("New comment on:"))
        self.section_box.setAccessibleName(_("Point of the new comment"))
        self.target_box.setAccessibleName(_("Field of the new comment"))
        self.comment_edit.setAccessibleName(_("Text of the new comment"))
        self.comment_edit.setPlaceholderText(_("What should the drafter change, and why?"))
        self.add_button.setText(_("Add comment"))
        self.report_button.setText(_("Write the Review Report\u2026"))

    # -- what is shown -----------------------------------------------------------------------------
    def actor(self) -> review.Actor:
        return review.Actor(self.name_edit.text().strip(), self.role_edit.text().strip())

    def refresh(self) -> None:
        """Show the letter, the report, the history, the versions and the pane again."""
        from ..checklist import check
        from ..render import render_html

        lang = ui_language()
        letter = self.letter
        current = review.state(letter.review)
        problems = review.verify(letter.review)
        self.status_label.setText(_("Review status: {status}").format(status=review.status_label(current.status, lang)))
        warning = review.changed_warning(letter, lang)
        self.changed_label.setText(f'<span style="color:{ERROR_COLOUR}"><b>\u26a0 {escape(warning)}</b></span>'
                                   if warning else "")
        self.changed_label.setVisible(bool(warning))
        if problems:
            self.chain_label.setText(f'<span style="color:{ERROR_COLOUR}">' + "<br>".join(
                escape(line) for line in review.chain_summary(letter.review, lang)) + "</span>")
        else:
            self.chain_label.setText(f'<span style="color:{OK_COLOUR}">'
                                     + escape(review.chain_summary(letter.review, lang)[0]) + "</span>")
        self.next_status.clear()
        for code in review.allowed_next(current.status):
            if code == "submitted":  # the drafter submits (File → Submit for Review), not the reviewer
                continue
            self.next_status.addItem(review.status_label(code, lang), code)
        self.status_button.setEnabled(self.next_status.count() > 0 and not problems)
        self.letter_view.setHtml(render_html(letter, letter.output_language))
        report = check(letter, lang)
        lines = []
        for result in report.results:
            lines.append(f"<p><b>{escape(result.point.heading(lang))}</b>: {escape(_status_words(result))}</p>")
            items = [f"<li>{escape(p.message)}</li>" for p in (*result.errors, *result.warnings)]
            if items:
                lines.append("<ul>" + "".join(items) + "</ul>")
        self.report_view.setHtml("".join(lines))
        history = review.history_lines(letter, lang)
        summary = review.chain_summary(letter.review, lang)
        colour = ERROR_COLOUR if problems else OK_COLOUR
        self.history_view.setHtml(
            "".join(f"<p>{escape(line)}</p>" for line in history or [_("No review history yet.")])
            + f'<p style="color:{colour}">' + "<br>".join(escape(s) for s in summary) + "</p>"
            + (f'<p style="color:{ERROR_COLOUR}">{escape(warning)}</p>' if warning else ""))
        self._fill_comments(current)
        self._fill_versions()
        if self.section_box.count() == 0:
            for section in SECTIONS:
                self.section_box.addItem(section.heading(lang), section.id)
        self.add_button.setEnabled(not problems)

    def _fill_comments(self, current) -> None:
        row = self.comment_list.currentRow()
        self.comment_list.clear()
        lang = ui_language()
        for comment in current.comments:
            state = _("resolved") if comment.resolved else _("open")
            who = ", ".join(p for p in (comment.name, comment.role) if p)
            number = _("Comment {id}").format(id=review.comment_number(comment.id))
            text = (f"{number} [{state}] {review.describe_target(self.letter, comment, lang)}\n"
                    f"{comment.text}\n\u2014 {who}, {review.format_moment(comment.at, lang)}")
            last = comment.events[-1]
            if last.kind == "resolve":
                by = ", ".join(p for p in (last.name, last.role) if p)
                text += "\n" + _("Resolved by {who}, {when}").format(who=by, when=review.format_moment(last.at, lang))
                if last.note:
                    text += f" \u2014 {last.note}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, comment.id)
            self.comment_list.addItem(item)
        if 0 <= row < self.comment_list.count():
            self.comment_list.setCurrentRow(row)
        self._comment_selected(self.comment_list.currentRow())

    def _fill_versions(self) -> None:
        kept = review.versions(self.letter.review)
        lang = ui_language()
        choices = [(0, _("as it is now"))] + [
            (v.number, _("{n}: {status}, {when}").format(n=v.number, status=review.status_label(v.event.status, lang),
                                                          when=review.format_moment(v.event.at, lang))) for v in kept]
        source, target = default_comparison(self.letter)
        for box, default in ((self.from_box, source), (self.to_box, target)):
            box.blockSignals(True)
            box.clear()
            for number, label in choices:
                box.addItem(label, number)
            box.setCurrentIndex(box.findData(default))
            box.blockSignals(False)
        self.show_diff()

    def show_diff(self) -> None:
        lang = ui_language()
        try:
            old = review.version_letter(self.letter, self.from_box.currentData() or 0)
            new = review.version_letter(self.letter, self.to_box.currentData() or 0)
        except review.ReviewError as exc:
            self.diff_view.setPlainText(exc.localized(lang))
            return
        source, target = self.from_box.currentData() or 0, self.to_box.currentData() or 0
        self.compared_label.setText(_("Compared: {old} \u2192 {new}").format(old=_version_words(source),
                                                                             new=_version_words(target)))
        changes = review.diff(old, new, lang)
        lines = [escape(review.describe_change(c, lang)) for c in changes] or [escape(_("No change between these versions."))]
        self.diff_view.setHtml("<p>" + "</p><p>".join(lines) + "</p>")

    def _fill_targets(self) -> None:
        self.target_box.clear()
        sid = self.section_box.currentData()
        if sid:
            for target, label in comment_targets(self.letter, sid):
                self.target_box.addItem(label, target)

    def _comment_selected(self, row: int) -> None:
        comment = self._selected()
        self.resolve_button.setEnabled(comment is not None and not comment.resolved)
        self.reopen_button.setEnabled(comment is not None and comment.resolved)

    def _selected(self):
        item = self.comment_list.currentItem()
        if item is None:
            return None
        return review.state(self.letter.review).comment(item.data(Qt.ItemDataRole.UserRole))

    # -- actions ---------------------------------------------------------------------------------
    def select_target(self, target: str) -> bool:
        """Choose ``target`` (a section's field path or ``"point:<id>"``) for the next comment."""
        if target.startswith(review.POINT_TARGET):
            sid = target[len(review.POINT_TARGET):]
        else:
            from ..points import section_of

            decl = fields.declaration(target, self.letter)
            sid = decl.section if decl is not None and decl.section else section_of(target).id
        self.section_box.setCurrentIndex(self.section_box.findData(sid))
        index = self.target_box.findData(target)
        if index >= 0:
            self.target_box.setCurrentIndex(index)
        return index >= 0

    def _act(self, action) -> bool:
        """Run ``action`` (which appends an event), then save the draft; on a refusal or a failed
        save, say why and put the history back as it was."""
        from ..storage import DraftError, save

        if not self.actor().name:
            self._warn(_("Give your name first: each change of the history records who made it."))
            self.name_edit.setFocus()
            return False
        from ..storage import DraftChangedOnDisk, reread_draft

        before = self.letter.review.model_copy(deep=True)
        try:
            action()
            try:
                self.stamp = save(self.letter, self.path, expect=self.stamp, sealer=self.sealer)
            except DraftChangedOnDisk as exc:
                if exc.current is None:
                    raise
                # the drafter (or another reviewer) saved meanwhile: the review window never
                # changes the letter, so take the file as it is now and do the action on it
                self.letter.review = before
                self.letter, stamp = reread_draft(self.path, self.sealer)
                before = self.letter.review.model_copy(deep=True)
                action()
                self.stamp = save(self.letter, self.path, expect=stamp, sealer=self.sealer)
        except review.ReviewError as exc:
            self.letter.review = before
            self._warn(exc.localized(ui_language()))
            return False
        except (DraftError, OSError) as exc:
            self.letter.review = before
            text = exc.localized(ui_language()) if isinstance(exc, DraftError) else str(exc)
            self._warn(_("The change was not saved: {reason}").format(reason=text))
            return False
        if self.settings is not None:  # remembered for the next review (the office profile otherwise)
            self.settings.q.setValue("review/name", self.actor().name)
            self.settings.q.setValue("review/role", self.actor().role)
        self.refresh()
        self.changed.emit()
        return True

    def change_status(self) -> bool:
        code = self.next_status.currentData()
        if not code:
            return False
        note = self.note_edit.text().strip()
        done = self._act(lambda: review.set_status(self.letter, code, self.actor(), note))
        if done:
            self.note_edit.clear()
        return done

    def add_comment(self) -> bool:
        target = self.target_box.currentData()
        text = self.comment_edit.toPlainText().strip()
        if not target or not text:
            self._warn(_("Choose what the comment is about and write it."))
            return False
        done = self._act(lambda: review.add_comment(self.letter, target, text, self.actor()))
        if done:
            self.comment_edit.clear()
        return done

    def _comment_action(self, function) -> bool:
        comment = self._selected()
        if comment is None:
            return False
        note = self.comment_note_edit.text().strip()
        done = self._act(lambda: function(self.letter, comment.id, self.actor(), note))
        if done:
            self.comment_note_edit.clear()
        return done

    def ask_report_path(self) -> str:
        """Where to write the review report ("" when the user cancels; tests replace this)."""
        from PySide6.QtWidgets import QFileDialog

        suggested = str(self.path.with_name(self.path.stem + "-review.docx"))
        path, _filter = QFileDialog.getSaveFileName(self, _("Write the review report"), suggested,
                                                    _("Word documents (*.docx)"))
        if path and not path.lower().endswith(".docx"):
            path += ".docx"
        return path

    def write_report(self) -> bool:
        """Write the review report (:mod:`mla_writer.review_report`) in the UI language."""
        from ..review_report import review_report_docx
        from ..storage import atomic_write_bytes

        path = self.ask_report_path()
        if not path:
            return False
        try:
            atomic_write_bytes(path, review_report_docx(self.letter, ui_language()), backup=False)
        except review.ReviewError as exc:
            self._warn(exc.localized(ui_language()))
            return False
        except OSError as exc:
            self._warn(_("The report was not written: {reason}").format(reason=exc.strerror or str(exc)))
            return False
        return True

    def _warn(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Review"), text, QMessageBox.StandardButton.Ok, self)
        self.error_box = box
        box.open()


def default_comparison(letter) -> tuple[int, int]:
    """``(from, to)`` version numbers the Versions tab compares first (0: the draft as it is now):
    after a change since submission or approval, that version with now; else the last kept
    version with now when they differ, else the version before it with the last one."""
    kept = review.versions(letter.review)
    if not kept:
        return 0, 0
    changed = review.changed_since(letter)
    if changed is not None and changed.version is not None:
        return changed.version, 0
    last = kept[-1]
    try:
        differs = review.version_content(last.event) != review.content_hash(letter)
    except review.ReviewError:
        differs = True
    if differs:
        return last.number, 0
    return (kept[-2].number, last.number) if len(kept) > 1 else (last.number, 0)


def _version_words(number: int) -> str:
    return _("the draft as it is now") if number == 0 else _("version {n}").format(n=number)


def _status_words(result) -> str:
    from .status import status_key, status_text

    return status_text(status_key(result))


def open_for_review(parent, path) -> "ReviewWindow | None":
    """Open the draft at ``path`` in a review window (asking the passphrase of an encrypted one
    through ``parent.ask_passphrase``); None when it cannot be read (the reason is shown)."""
    from ..storage import DraftError, is_encrypted_file, open_draft
    from .files import draft_error_text

    path = Path(path)
    passphrase = None
    if is_encrypted_file(path):
        passphrase = parent.ask_passphrase(path.name, confirm=False)
        if passphrase is None:
            return None
    try:
        letter, stamp, sealer = open_draft(path, passphrase)
    except DraftError as exc:
        parent.show_error(_("Cannot open the draft"), draft_error_text(exc))
        return None
    window = ReviewWindow(path, letter, stamp, sealer, parent, getattr(parent, "settings", None))
    window.setWindowFlag(Qt.WindowType.Window, True)
    return window
