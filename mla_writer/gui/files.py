"""Draft files for the main window: new, open, save, export, unsaved-changes prompt, crash recovery.

A mixin of :class:`~mla_writer.gui.window.MainWindow`; it uses the window's ``session``,
``settings``, ``autosaver`` and ``set_session``. Dialogs that ask the user something go
through small ``ask_*`` methods so that tests can answer them.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6 import QtWidgets  # QMessageBox, QFileDialog: looked up when needed (faster start)
from PySide6.QtCore import QObject, Signal

from .. import DRAFT_EXTENSION as EXTENSION
from . import i18n
from .i18n import _, ngettext


#: The loader's message for a file that is not JSON: its ``reason`` is the parser's own, in English.
_NOT_JSON = ("{source} is not valid JSON (line {line}, column {column}: {reason}); "
             "the file may be truncated or damaged")


#: The longest run of characters without spaces a message shows whole (a long folder path fits).
LONGEST_RUN = 300


def clip_runs(text: str, longest: int = LONGEST_RUN) -> str:
    """``text`` with each run of non-space characters longer than ``longest`` shortened to its
    start and end around "…" (``longest`` characters in all)."""
    import re

    head = longest * 2 // 3
    tail = longest - head - 1
    return re.sub(r"\S{%d,}" % (longest + 1), lambda m: m.group(0)[:head] + "\u2026" + m.group(0)[-tail:], text)


#: How many times opening an encrypted draft asks for its passphrase before it gives up.
PASSPHRASE_ATTEMPTS = 3


def draft_error_text(exc) -> str:
    """The loader's one-line reason, in the UI language when the loader can give it. A file
    that is not JSON is said to be damaged, with where (line, column), without the parser's
    English wording."""
    if getattr(exc, "msgid", None) == _NOT_JSON:
        from ..storage.errors import escape

        params = exc.params
        return escape(_("{source} is damaged at line {line}, column {column}: it may have been cut off "
                 "while it was being written.").format(source=params.get("source", ""), line=params.get("line", "?"),
                                                       column=params.get("column", "?")))
    localized = getattr(exc, "localized", None)
    return localized(i18n.ui_language()) if callable(localized) else str(exc)



class _PdfJob(QObject):
    """One PDF conversion (LibreOffice) in a worker thread. ``done(path, error)`` arrives in the
    window's thread; ``error`` is None, or the RenderError to show. A plain (non-daemon) thread:
    quitting while it runs lets LibreOffice finish writing the PDF."""

    done = Signal(str, object)

    def __init__(self, data: bytes, path: str, more: "list[tuple[bytes, str]] | None" = None) -> None:
        super().__init__()
        self.data, self.path = data, path
        self.more = list(more or [])  # further documents to convert (the confidential annex)
        self.thread = threading.Thread(target=self._run, name="mla-writer-pdf")

    def start(self) -> None:
        self.thread.start()

    def _run(self) -> None:
        from ..render import RenderError
        from ..render.pdf import docx_to_pdf

        error = None
        try:
            for data, path in [(self.data, self.path), *self.more]:
                docx_to_pdf(data, path)
        except RenderError as exc:
            error = exc
        except Exception as exc:  # never lose an error in the thread: show it
            error = RenderError(f"{type(exc).__name__}: {exc}")
        self.done.emit(self.path, error)


class DraftFilesMixin:
    #: The PDF conversion running in the background (File > Export PDF), or None.
    pdf_job: _PdfJob | None = None

    # -- files ----------------------------------------------------------------------------------
    def _draft_label(self) -> str | None:
        """The open draft's file name, or its given name (an example copy, a recovered draft)."""
        session = self.session
        if session is None:
            return None
        return session.path.name if session.path else session.name

    def _update_title(self) -> None:
        label = self._draft_label() or _("Untitled")
        if self.session is not None and self.session.read_only:
            label = _("{name} (read-only)").format(name=label)
        if self.training():
            label = _("Training mode: {name}").format(name=label)
        self.setWindowTitle(f"{label}[*] \u2014 MLA Writer")
        self.setWindowModified(bool(self.session is not None and self.session.dirty))

    def current_draft_name(self) -> str | None:
        """What the start page offers to continue: None while nothing has been opened or typed."""
        dirty = self.session is not None and self.session.dirty
        return self._draft_label() or (_("Unsaved draft") if dirty else None)

    def file_filter(self) -> str:
        return _("MLA Writer drafts (*{ext})").format(ext=EXTENSION)

    def ask_unsaved(self) -> QtWidgets.QMessageBox.StandardButton:
        """Ask what to do with unsaved changes (tests replace this)."""
        B = QtWidgets.QMessageBox.StandardButton
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, _("Unsaved changes"),
                                    _("The draft has unsaved changes. Save them first?"),
                                    B.Save | B.Discard | B.Cancel, self)
        box.setDefaultButton(B.Save)
        # Qt's own Russian "Discard" reads «Удалить», as if the draft were deleted: say what it does
        box.button(B.Discard).setText(_("Don't save"))
        return B(box.exec())

    def training(self) -> bool:
        """Whether the window is in training mode (:mod:`.demo`): letters are marked as training."""
        return getattr(self, "demo", None) is not None

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current draft (in training mode, the training letter
        is dropped without asking: it is a copy of a sample)."""
        if self.session is None or not self.session.dirty:
            return True
        if self.training() and self.session.path is None:
            return True
        answer = self.ask_unsaved()
        B = QtWidgets.QMessageBox.StandardButton
        if answer == B.Save:
            return self.save_draft()
        return answer == B.Discard

    def show_error(self, title: str, message: str) -> QtWidgets.QMessageBox:
        """A warning over the window (window-modal, not waited for). A run of characters
        without spaces longer than :data:`LONGEST_RUN` (a number of thousands of digits quoted
        from a file) is shortened in the middle."""
        from PySide6.QtCore import Qt

        message = clip_runs(message)
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, title, message, QtWidgets.QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_box = box
        box.open()
        return box

    def new_draft(self) -> None:
        self.ensure_ready()
        if self.maybe_save():
            from .session import new_session

            self.set_session(new_session())

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _filter = QtWidgets.QFileDialog.getOpenFileName(self, _("Open draft"), self.settings.last_folder(), self.file_filter())
        if path:
            self.open_file(path, ask=False)

    def open_example(self) -> bool:
        """Open a copy of the shipped example letter (for training); the shipped file is never changed."""
        self.ensure_ready()
        if not self.maybe_save():
            return False
        from ..samples import DEFAULT_SAMPLE, sample_names, sample_path
        from ..storage import DraftError, load
        from .session import Session

        names = sample_names()
        if not names:
            self.show_error(_("Cannot open the example"), _("No example letter is installed."))
            return False
        try:
            letter = load(sample_path(DEFAULT_SAMPLE if DEFAULT_SAMPLE in names else names[0]))
        except DraftError as exc:
            self.show_error(_("Cannot open the example"), draft_error_text(exc))
            return False
        session = Session(letter)
        session.name = _("Example letter (copy)")
        self.set_session(session)
        return True

    def open_recent(self, path: str) -> None:
        self.open_file(path)

    def open_file(self, path, ask: bool = True) -> bool:
        """Open a draft; a bad file shows the loader's reason and changes nothing."""
        self.ensure_ready()
        if ask and not self.maybe_save():
            return False
        from ..storage import DraftError, WrongPassphrase, is_encrypted_file, open_draft
        from .session import Session

        path = Path(path)
        passphrase = None
        encrypted = is_encrypted_file(path)
        if encrypted:
            passphrase = self.ask_passphrase(path.name, confirm=False)
            if passphrase is None:
                return False
        try:  # a large draft: its helper process starts while it loads
            size = path.stat().st_size
        except OSError:
            size = 0
        from .helper_process import expect_large

        expect_large(size)
        attempts = 1
        while True:
            try:
                letter, stamp, sealer = open_draft(path, passphrase)
                break
            except WrongPassphrase as exc:  # asked again, saying why, up to PASSPHRASE_ATTEMPTS times
                if attempts >= PASSPHRASE_ATTEMPTS:
                    self.show_error(_("Cannot open the draft"), draft_error_text(exc))
                    return False
                attempts += 1
                passphrase = self.ask_passphrase(path.name, False, draft_error_text(exc))
                if passphrase is None:
                    return False
            except DraftError as exc:
                self.show_error(_("Cannot open the draft"), draft_error_text(exc))
                return False
        session = Session(letter, path)
        session.stamp = stamp
        from .. import review

        session.disk_content = review.content_hash(letter)
        session.sealer = sealer
        if not self._lock_draft(session, path):
            return False
        self.set_session(session)
        self.settings.add_recent(path)
        self.settings.set_last_folder(str(path.parent))
        self.update_register(path)
        return True

    def ask_draft_in_use(self, path: Path, host: str, pid: int) -> str | None:
        """Another window (here or on another computer) has the draft open: "read_only",
        "anyway" or None to cancel (tests replace this)."""
        from PySide6.QtWidgets import QMessageBox

        text = _("{name} is open in another MLA Writer window (computer {host}, process {pid}). "
                 "Two windows editing one draft would overwrite each other's work. Open it read-only, "
                 "or open it anyway?").format(name=path.name, host=host or "?", pid=pid or "?")
        box = QMessageBox(QMessageBox.Icon.Warning, _("The draft is already open"), text,
                          QMessageBox.StandardButton.NoButton, self)
        read_only = box.addButton(_("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
        anyway = box.addButton(_("Open anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read_only)
        box.exec()
        clicked = box.clickedButton()
        return "read_only" if clicked is read_only else "anyway" if clicked is anyway else None

    def _lock_draft(self, session, path: Path) -> bool:
        """Take the draft's lock for ``session`` (see :mod:`.draftlock`); False if the user cancels."""
        from .draftlock import DraftLock

        current = self.session
        if current is not None and current.lock is not None and current.path is not None and _same_file(current.path, path):
            session.lock, current.lock = current.lock, None  # reopening the draft this window holds
            return True
        lock = DraftLock(path)
        if lock.acquire():
            session.lock = lock if lock.held() else None
            return True
        answer = self.ask_draft_in_use(path, *lock.holder())
        if answer is None:
            return False
        session.read_only = answer == "read_only"
        return True

    def ask_overwrite_open(self, path: Path, host: str, pid: int) -> bool:
        """Save As chose a draft another window has open: overwrite it anyway? (tests replace this)"""
        from PySide6.QtWidgets import QMessageBox

        text = _("{name} is open in another MLA Writer window (computer {host}, process {pid}). "
                 "Saving over it would overwrite the work done there, and that window's next save "
                 "would overwrite yours. Save over it anyway?").format(name=path.name, host=host or "?", pid=pid or "?")
        box = QMessageBox(QMessageBox.Icon.Warning, _("The draft is open elsewhere"), text,
                          QMessageBox.StandardButton.NoButton, self)
        anyway = box.addButton(_("Save over it"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is anyway

    def _open_elsewhere(self, path: Path) -> bool:
        """Whether saving at ``path`` (not this window's draft) would overwrite a draft another
        window holds, and the user did not choose to go on."""
        from .draftlock import DraftLock

        lock = DraftLock(path)
        if lock.acquire():
            lock.release()
            return False
        return not self.ask_overwrite_open(path, *lock.holder())

    def _relock(self, path: Path) -> None:
        """The draft is now saved at ``path``: hold that file's lock instead of the old one."""
        from .draftlock import DraftLock

        session = self.session
        if session.lock is not None and _same_file(session.lock.draft, path):
            return
        session.release()
        lock = DraftLock(path)
        if lock.acquire() and lock.held():
            session.lock = lock

    def ask_passphrase(self, name: str, confirm: bool, problem: str = "") -> str | None:
        """The passphrase of an encrypted draft (``confirm``: a new one, typed twice; ``problem``:
        why it is asked again, shown in the dialog); None when the user cancels (tests replace this)."""
        from .passphrase import PassphraseDialog

        dialog = PassphraseDialog(name, confirm, self)
        if problem:
            dialog.problem.setText(problem)
            dialog.problem.show()
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return None
        return dialog.passphrase()

    def save_encrypted(self) -> bool:
        """File > Save encrypted: a passphrase, then the draft (its .bak and its recovery copy
        too) is saved encrypted, now and from then on."""
        self.ensure_ready()
        from ..storage import Sealer

        session = self.session
        passphrase = self.ask_passphrase(self._draft_label() or _("Untitled"), confirm=True)
        if passphrase is None:
            return False
        before = session.sealer
        session.sealer = Sealer(passphrase)
        self.autosaver.note_edit()  # the recovery copy is written again, encrypted
        if session.path is None or session.read_only:
            done = self.save_as()
        else:
            done = self.save_to(session.path)
        if not done:
            session.sealer = before
        return done

    def save_draft(self) -> bool:
        self.ensure_ready()
        if self.session.read_only:
            self.statusBar().showMessage(_("This draft is open read-only: save it under another name."), 8000)
            return self.save_as()
        if self.session.path is None:
            return self.save_as()
        return self.save_to(self.session.path)

    def ask_draft_path(self) -> str:
        """Where to save the draft ("" when the user cancels; tests replace this)."""
        start = str(self.session.path or Path(self.settings.last_folder() or Path.home()) / (_("request") + EXTENSION))
        path, _filter = QtWidgets.QFileDialog.getSaveFileName(self, _("Save draft"), start, self.file_filter())
        return path

    def save_as(self) -> bool:
        self.ensure_ready()
        path = self.ask_draft_path()
        if not path:
            return False
        if not path.endswith(EXTENSION):
            path += EXTENSION
        return self.save_to(Path(path))

    def ask_read_only(self, path: Path) -> bool:
        """The draft is read-only: save it under another name? (tests replace this)"""
        B = QtWidgets.QMessageBox.StandardButton
        answer = QtWidgets.QMessageBox.question(
            self, _("The draft is read-only"),
            _("{name} is read-only: it was not changed. Save the draft under another name?").format(name=path.name),
            B.Yes | B.No, B.Yes)
        return answer == B.Yes

    def ask_changed_on_disk(self, path: Path, gone: bool, review_entries: int = 0, review_kept: bool = False) -> str | None:
        """The file changed on disk since it was opened (or is gone): "overwrite", "save_as",
        "reload" (not offered when ``gone``) or None to cancel (tests replace this).
        ``review_entries``: entries of the review history the file has and this draft lacks;
        ``review_kept``: whether overwriting keeps them (merged) or loses them."""
        from PySide6.QtWidgets import QMessageBox

        if gone:
            text = _("{name} was deleted or moved since you opened it. Save your version there again, "
                     "or under another name?").format(name=path.name)
        else:
            text = _("{name} was changed on disk since you opened it (by another program or a colleague). "
                     "Overwrite it with your version, save your version under another name, or reload the "
                     "version on disk (your changes since you opened it are then lost)?").format(name=path.name)
        if review_entries and review_kept:
            text += "\n\n" + ngettext(
                "The file also holds {count} new entry of the review (a comment or a status change): "
                "it is kept when you overwrite.",
                "The file also holds {count} new entries of the review (comments or status changes): "
                "they are kept when you overwrite.", review_entries).format(count=review_entries)
        elif review_entries:
            text += "\n\n" + ngettext(
                "Warning: the file holds {count} entry of the review (a comment or a status change) that "
                "cannot be combined with your version: overwriting loses it. Reload, or save your version "
                "under another name to keep both.",
                "Warning: the file holds {count} entries of the review (comments or status changes) that "
                "cannot be combined with your version: overwriting loses them. Reload, or save your version "
                "under another name to keep both.", review_entries).format(count=review_entries)
        box = QMessageBox(QMessageBox.Icon.Warning, _("The draft changed on disk"), text,
                          QMessageBox.StandardButton.NoButton, self)
        overwrite = box.addButton(_("Save there") if gone else _("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
        save_as = box.addButton(_("Save as…"), QMessageBox.ButtonRole.AcceptRole)
        reload = None if gone else box.addButton(_("Reload from disk"), QMessageBox.ButtonRole.ResetRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        return ("overwrite" if clicked is overwrite else "save_as" if clicked is save_as
                else "reload" if reload is not None and clicked is reload else None)

    def save_to(self, path: Path) -> bool:
        """Save the draft at ``path``. Saving over the file it was opened from checks that the
        file is still the one opened (else the user chooses: overwrite, save as, reload); a
        read-only file is never overwritten (the user is offered Save As)."""
        from ..storage import DraftChangedOnDisk, DraftReadOnly, save

        path = Path(path)
        session = self.session
        same = session.path is not None and _same_file(path, session.path)
        expect = session.stamp if same else None
        if not same and not (session.lock is not None and _same_file(session.lock.draft, path)) \
                and self._open_elsewhere(path):
            return False
        kept = ""
        try:
            try:
                stamp = save(session.letter, path, expect=expect, sealer=session.sealer)
            except DraftChangedOnDisk as exc:
                disk = self._review_on_disk(path) if exc.current is not None else None
                if disk is not None and disk[0] is not None and disk[3]:
                    # only the review changed in the file (a reviewer's comments): the letter is
                    # ours, the review the file's (append-only: it extends ours), saved at once
                    merged, entries, disk_stamp, _only = disk
                    session.letter.review = merged
                    stamp = save(session.letter, path, expect=disk_stamp, sealer=session.sealer)
                    self.run_check()
                    kept = ngettext("{count} new entry of the review saved in the file meanwhile was kept.",
                                    "{count} new entries of the review saved in the file meanwhile were kept.",
                                    entries).format(count=entries)
                else:
                    kept = ""
                    entries = disk[1] if disk is not None else 0
                    if entries:
                        choice = self.ask_changed_on_disk(path, False, entries, disk[0] is not None)
                    else:
                        choice = self.ask_changed_on_disk(path, exc.current is None)
                    if choice == "save_as":
                        return self.save_as()
                    if choice == "reload":
                        return self.open_file(path, ask=False) and False
                    if choice != "overwrite":
                        return False
                    if disk is not None and disk[0] is not None:
                        session.letter.review = disk[0]
                        self.run_check()
                    stamp = save(session.letter, path, sealer=session.sealer)
        except DraftReadOnly:
            return self.ask_read_only(path) and self.save_as()
        except OSError as exc:
            self.show_error(_("Cannot save the draft"), f"{path}: {exc.strerror or exc}")
            return False
        session.stamp = stamp
        from .. import review

        session.disk_content = review.content_hash(session.letter)
        session.read_only = False
        self.session.path = path
        self._relock(path)
        self.session.dirty = False
        self.autosaver.clear()
        self.settings.add_recent(path)
        self.settings.set_last_folder(str(path.parent))
        self._update_title()
        if kept:
            self.statusBar().showMessage(_("Saved {name}").format(name=path.name) + " " + kept, 10000)
        else:
            self.statusBar().showMessage(_("Saved {name}").format(name=path.name), 5000)
        self.update_register(path)
        return True

    def _review_on_disk(self, path: Path):
        """What the file at ``path`` holds of the review, when it changed on disk:
        ``(merged, entries, stamp, only_review)``: the review to save (ours merged with the file's;
        None when they cannot be merged), how many of the file's review entries we lack, the
        file's stamp, and whether only the review changed there (the letter is as we opened or
        last saved it). None when the file cannot be read, or its review has nothing new."""
        from .. import review
        from ..storage import DraftError, reread_draft

        try:
            disk, disk_stamp = reread_draft(path, self.session.sealer)
        except (DraftError, OSError):
            return None
        ours = self.session.letter.review
        entries = review.grown(ours, disk.review)
        if not entries:
            return None
        merged = review.merge(ours, disk.review)
        only = bool(self.session.disk_content) and review.content_hash(disk) == self.session.disk_content
        return merged, entries, disk_stamp, only

    # -- export ------------------------------------------------------------------------------
    def ask_export_incomplete(self, count: int) -> bool:
        B = QtWidgets.QMessageBox.StandardButton
        answer = QtWidgets.QMessageBox.question(
            self,
            _("Export letter"),
            ngettext("{count} section of the checklist is still incomplete. Export the letter anyway?",
                     "{count} sections of the checklist are still incomplete. Export the letter anyway?",
                     count).format(count=count),
            B.Yes | B.No,
            B.No,
        )
        return answer == B.Yes

    def ask_export_path(self) -> str:
        return self._ask_save_path(_("Export letter"), ".docx", _("Word documents (*.docx)"))

    def _ask_save_path(self, title: str, suffix: str, file_filter: str) -> str:
        name = (self.session.path.stem if self.session.path else _("request")) + f"-{self.session.letter.output_language}{suffix}"
        folder = Path(self.settings.last_folder() or Path.home())
        path, _filter = QtWidgets.QFileDialog.getSaveFileName(self, title, str(folder / name), file_filter)
        if path and not path.lower().endswith(suffix):
            path += suffix
        return path

    def ask_export_pdf_path(self) -> str:
        """Where to write the PDF ("" when the user cancels; tests replace this)."""
        return self._ask_save_path(_("Export PDF"), ".pdf", _("PDF documents (*.pdf)"))

    def ask_export_variant(self) -> "tuple[str, bool] | None":
        """For a letter that names victims or witnesses by a pseudonym: which letter to export
        (``"pseudonyms"``: the letter to send; ``"full"``: the copy for the file) and whether to
        write the confidential annex of identities beside it. None when the user cancels; tests
        replace this."""
        from .export_dialog import ExportVariantDialog

        dialog = ExportVariantDialog(self)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()

    def _export_variant(self) -> "tuple[str, bool] | None":
        from ..render import has_protected_identities

        if not has_protected_identities(self.session.letter):
            return ("pseudonyms", False)
        return self.ask_export_variant()

    def annex_path(self, path) -> Path:
        """Where the confidential annex goes: beside the letter, "<name>-identities<suffix>",
        the word in the letter's language (the annex is written in it), not the UI's."""
        from ..render.context import annex_file_word

        path = Path(path)
        word = annex_file_word(self.session.letter.output_language)
        return path.with_name(f"{path.stem}-{word}{path.suffix}")

    def _confirm_export(self) -> bool:
        """Check the draft; an incomplete letter is exported only if the user says so."""
        self.ensure_ready()
        self.run_check()
        missing = len(self.session.report.incomplete())
        return not missing or self.ask_export_incomplete(missing)

    def export_letter(self) -> bool:
        if not self._confirm_export():
            return False
        variant = self._export_variant()
        if variant is None:
            return False
        path = self.ask_export_path()
        return bool(path) and self.export_to(path, *variant)

    def export_letter_pdf(self) -> bool:
        """File > Export PDF: the export letter flow, then a PDF/A-2b made by LibreOffice in the
        background (the window stays responsive). True when the conversion was started; the
        window's ``exported`` signal tells when the PDF is written, an error dialog when it fails."""
        self.ensure_ready()
        if self.pdf_job is not None:
            self.statusBar().showMessage(_("A PDF is already being made; wait until it is written."), 8000)
            return False
        try:
            from ..render import RenderError
            from ..render.pdf import find_soffice
        except ImportError as exc:
            self.show_error(_("Cannot export the PDF"), _("The letter renderer is not available ({error}).").format(error=exc))
            return False
        try:
            find_soffice()  # LibreOffice missing: say how to install it before asking anything
        except RenderError as exc:
            self.show_error(_("Cannot export the PDF"), draft_error_text(exc))
            return False
        if not self._confirm_export():
            return False
        variant = self._export_variant()
        if variant is None:
            return False
        path = self.ask_export_pdf_path()
        return bool(path) and self.export_pdf_to(path, *variant)

    def export_pdf_to(self, path, identities: str = "pseudonyms", annex: bool = False) -> bool:
        """Render the .docx here (the draft may change afterwards), convert it in a worker thread."""
        letter = self.session.letter
        try:
            from ..render import RenderError, render_docx
        except ImportError as exc:
            self.show_error(_("Cannot export the PDF"), _("The letter renderer is not available ({error}).").format(error=exc))
            return False
        try:
            data = render_docx(letter, lang=letter.output_language, bilingual=self.bilingual(), identities=identities,
                               training=self.training())
            more = []
            if annex:
                from ..render import render_identities_annex

                more.append((render_identities_annex(letter, letter.output_language, self.bilingual(),
                                                     training=self.training()),
                             str(self.annex_path(path))))
        except RenderError as exc:
            self.show_error(_("Cannot export the PDF"), draft_error_text(exc))
            return False
        self.pdf_job = _PdfJob(data, str(path), more)
        self.pdf_job.done.connect(self._pdf_done)
        self.statusBar().showMessage(_("Making the PDF with LibreOffice\u2026"))
        self.pdf_job.start()
        return True

    def _pdf_done(self, path: str, error) -> None:
        self.pdf_job = None
        if error is not None:
            self.statusBar().clearMessage()
            self.show_error(_("Cannot export the PDF"), draft_error_text(error))
            return
        self.statusBar().showMessage(_("Letter exported to {path}").format(path=path), 8000)
        self.exported.emit(path)

    #: A second language for the export under way only (the translation workspace's bilingual
    #: letter), in place of the user's setting; None otherwise.
    bilingual_once: str | None = None

    def bilingual(self) -> str | None:
        """Second language of the letter, or None for a letter in one language."""
        code = self.bilingual_once or self.settings.bilingual()
        return code if code and code != self.session.letter.output_language else None

    def _bilingual_changed(self, code: str) -> None:
        self.settings.set_bilingual(code)
        self.preview.schedule()

    def export_to(self, path, identities: str = "pseudonyms", annex: bool = False) -> bool:
        """Write the letter (.docx) at ``path``: the letter to send, or (``identities="full"``) the
        copy for the file; with ``annex``, the confidential annex of identities beside it."""
        letter = self.session.letter
        try:
            from ..render import RenderError, export_docx
        except ImportError as exc:
            self.show_error(_("Cannot export the letter"), _("The letter renderer is not available ({error}).").format(error=exc))
            return False
        try:
            export_docx(letter, path, lang=letter.output_language, bilingual=self.bilingual(), identities=identities,
                        training=self.training())
            if annex:
                export_docx(letter, self.annex_path(path), lang=letter.output_language, bilingual=self.bilingual(),
                            part="identities-annex", training=self.training())
        except (RenderError, OSError) as exc:
            self.show_error(_("Cannot export the letter"), str(exc))
            return False
        self.statusBar().showMessage(_("Letter exported to {path}").format(path=path), 8000)
        self.exported.emit(str(path))
        return True

    # -- recovery, about, closing ------------------------------------------------------------
    def recovery_time(self, orphan) -> str:
        """When an automatic copy was written, in local time, as the UI language writes it."""
        when = orphan.saved_time()
        if when is None:
            return "?"
        from PySide6.QtCore import QDateTime

        stamp = QDateTime.fromSecsSinceEpoch(int(when.timestamp()))
        return i18n.qlocale().toString(stamp.toLocalTime(), i18n.qlocale().dateTimeFormat(i18n.qlocale().FormatType.ShortFormat))

    def ask_recover(self, orphan, index: int = 1, total: int = 1) -> bool | None:
        """Recover this automatic copy? True: recover; False: discard it; None: keep it for the
        next start (tests replace this). ``index`` of ``total`` copies left by crashed runs."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, _("Recover unsaved work?"), self.recovery_question(orphan, index, total),
                          QMessageBox.StandardButton.NoButton, self)
        recover = box.addButton(_("Recover"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(_("Decide later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(recover)
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is recover else False if clicked is discard else None

    def recovery_question(self, orphan, index: int = 1, total: int = 1) -> str:
        """What :meth:`ask_recover` asks about ``orphan``: which draft, when it was saved."""
        if orphan.source:
            source = Path(orphan.source).name
        elif getattr(orphan, "source_known", True):
            source = _("a new draft")
        else:  # encrypted, or too damaged to say
            source = _("draft name unknown")
        text = _(
            "MLA Writer did not close normally. An automatic copy of your work ({source}, saved {time}) "
            "was kept. Recover it?"
        ).format(source=source, time=self.recovery_time(orphan))
        if total > 1:
            text += "\n\n" + _("Copy {n} of {total}: the others are offered after this one.").format(n=index, total=total)
        return text

    def _load_orphan(self, orphan):
        """(letter, sealer) of a recovery copy; an encrypted one asks for its passphrase
        (:class:`_Cancelled` if the user gives none)."""
        from ..storage import PassphraseNeeded
        from .helper_process import expect_large

        try:  # a large copy: the helper process starts while it loads
            expect_large(orphan.path.stat().st_size)
        except OSError:
            pass
        try:
            return orphan.load(), None
        except PassphraseNeeded:
            passphrase = self.ask_passphrase(_("Recovered draft"), confirm=False)
            if passphrase is None:
                raise _Cancelled from None
            return orphan.load_encrypted(passphrase)

    def offer_recovery(self) -> bool:
        """After a crash: offer the work of every run that died, newest first. True if a draft
        was recovered.

        One draft is recovered into this window; copies left after it (or that the user keeps
        for later) stay where they are and are offered again at the next start. A copy that
        cannot be read is never deleted: it is renamed and the user is told where it is. A copy
        is deleted only when the user discards it, or once this window's own copy of the
        recovered work is written."""
        from .autosave import find_orphans  # (not at the top: the window's first paint does without autosave)

        orphans = [o for o in find_orphans(self.autosaver.folder, self.autosaver.legacy_folders)
                   if o.path != self.autosaver.path]
        if not orphans:
            return False
        self.ensure_ready()
        from ..storage import DraftError, WrongPassphrase
        from .session import Session

        recovered, kept = False, 0
        for i, orphan in enumerate(orphans, 1):
            if recovered:
                orphan.release()  # offered at the next start
                kept += 1
                continue
            answer = self.ask_recover(orphan, i, len(orphans))
            if answer is None:
                orphan.release()
                kept += 1
                continue
            if not answer:
                orphan.discard()
                continue
            sealer = None
            try:
                letter, sealer = self._load_orphan(orphan)
            except WrongPassphrase as exc:  # not damaged: kept where it is, offered again
                orphan.release()
                kept += 1
                self.show_error(_("Cannot recover the draft"), draft_error_text(exc))
                continue
            except _Cancelled:
                orphan.release()
                kept += 1
                continue
            except DraftError as exc:
                when = self.recovery_time(orphan)  # (before the copy is renamed)
                where = orphan.keep_unreadable()
                self.show_error(_("Cannot recover the draft"), _(
                    "The automatic copy saved {time} cannot be read: {reason}. It was not deleted: "
                    "it is kept as {path}.").format(time=when, reason=draft_error_text(exc).rstrip("."), path=where))
                continue
            session = Session(letter, Path(orphan.source) if orphan.source else None)
            session.sealer = sealer
            session.name = _("Recovered draft")
            step = orphan.step if orphan.step is not None and 0 < orphan.step < len(self.plan) else 1
            self.set_session(session, step=step)
            session.dirty = True
            self.autosaver.note_edit()
            try:
                written = self.autosaver.save_now()
            except OSError:
                written = False
            if written:
                orphan.discard()  # its work is in this window's own copy now
            else:
                orphan.release()
                kept += 1
            self._update_title()
            recovered = True
        if kept:
            self.statusBar().showMessage(_kept_message(kept), 15000)
        return recovered


class _Cancelled(Exception):
    """The user did not give the passphrase of an encrypted recovery copy."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def _kept_message(count: int) -> str:
    from .i18n import ngettext

    return ngettext("{count} more automatic copy is kept; it will be offered at the next start.",
                    "{count} more automatic copies are kept; they will be offered at the next start.",
                    count).format(count=count)
