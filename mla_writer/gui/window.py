"""The main window: sidebar of the checklist, the wizard's steps, Back/Next, preview pane, menus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..checklist import check, section_of
from ..model import LetterOfRequest
from ..storage import EXTENSION, DraftError, load, save
from . import i18n
from .autosave import Autosaver, find_orphans
from .i18n import _
from .pages import step_plan
from .session import Session
from .settings import Settings
from .widgets.preview import PreviewPane
from .widgets.sidebar import Sidebar
from .compat import emit

CHECK_DEBOUNCE_MS = 250


class MainWindow(QMainWindow):
    checked = Signal()  # a checklist report was produced
    exported = Signal(str)  # path of an exported letter

    def __init__(self, settings=None, autosave_folder: Path | None = None, parent=None) -> None:
        super().__init__(parent)
        self.settings = Settings(settings)
        self.autosave_folder = autosave_folder
        self.plan = step_plan()
        self.step_of_section = {sid: i for i, cls in enumerate(self.plan) for sid in cls.section_ids}
        self.pages: list[QWidget | None] = [None] * len(self.plan)
        self.current = 0
        self.session: Session | None = None
        self.error_box: QMessageBox | None = None
        #: The checklist's "today" (None: the real date). Tests pin it.
        self.today = None

        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DEBOUNCE_MS)
        self.check_timer.timeout.connect(self.run_check)

        self._build_body()
        self._build_menus()
        self.autosaver = Autosaver(lambda: self.session, autosave_folder, parent=self)
        self.set_session(Session(LetterOfRequest()), check_now=False)
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            area = self.screen().availableGeometry()
            self.resize(min(1280, int(area.width() * 0.92)), min(820, int(area.height() * 0.9)))
        splitter = self.settings.splitter()
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self.preview.setVisible(self.settings.preview_visible())
        self.preview_action.setChecked(self.preview.isVisible())

    # -- layout -------------------------------------------------------------------------------
    def _build_body(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        review_step = len(self.plan) - 1
        self.sidebar = Sidebar(self.step_of_section, review_step, self.splitter)
        self.sidebar.setMinimumWidth(220)
        self.sidebar.step_requested.connect(self.go_to)
        centre = QWidget(self.splitter)
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(centre)
        column.addWidget(self.stack, 1)
        nav = QHBoxLayout()
        nav.setContentsMargins(12, 6, 12, 8)
        self.back_button = QPushButton(centre)
        self.back_button.clicked.connect(self.go_back)
        self.nav_message = QLabel(centre)
        self.nav_message.setWordWrap(True)
        self.nav_message.setTextFormat(Qt.TextFormat.PlainText)
        self.next_button = QPushButton(centre)
        self.next_button.clicked.connect(self.go_next)
        self.next_button.setDefault(False)
        nav.addWidget(self.back_button)
        nav.addWidget(self.nav_message, 1)
        nav.addWidget(self.next_button)
        column.addLayout(nav)
        self.preview = PreviewPane(lambda: self.session, self.splitter, bilingual=lambda: self.bilingual())
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([270, 620, 420])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

    def _action(self, text: str, slot, shortcuts=(), checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        for action in getattr(self, "_window_actions", []):
            self.removeAction(action)
        K = QKeySequence.StandardKey
        files = bar.addMenu(_("&File"))
        files.addAction(self._action(_("&New"), self.new_draft, [K.New]))
        files.addAction(self._action(_("&Open\u2026"), self.open_dialog, [K.Open]))
        self.recent_menu = files.addMenu(_("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        files.addSeparator()
        files.addAction(self._action(_("&Save"), self.save_draft, [K.Save]))
        files.addAction(self._action(_("Save &As\u2026"), self.save_as, ["Ctrl+Shift+S"]))
        files.addSeparator()
        files.addAction(self._action(_("&Export Letter\u2026"), self.export_letter, ["Ctrl+E"]))
        files.addSeparator()
        files.addAction(self._action(_("&Quit"), self.close, [K.Quit, "Ctrl+Q"]))
        go = bar.addMenu(_("&Go"))
        self.back_action = self._action(_("&Back"), self.go_back, ["Alt+Left", "Ctrl+PgUp"])
        self.next_action = self._action(_("&Next"), self.go_next, ["Alt+Right", "Ctrl+PgDown"])
        go.addAction(self.back_action)
        go.addAction(self.next_action)
        go.addSeparator()
        go.addAction(self._action(_("&Checklist"), lambda: self.sidebar.setFocus(), ["F6"]))
        view = bar.addMenu(_("&View"))
        self.preview_action = self._action(_("&Preview Pane"), self.toggle_preview, ["F9"], checkable=True)
        self.preview_action.setChecked(self.preview.isVisible())
        view.addAction(self.preview_action)
        languages = bar.addMenu(_("&Language"))
        group = QActionGroup(self)
        for code, name in i18n.UI_LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == i18n.ui_language())
            action.triggered.connect(lambda _checked=False, code=code: self.set_ui_language(code))
            group.addAction(action)
            languages.addAction(action)
        helpmenu = bar.addMenu(_("&Help"))
        helpmenu.addAction(self._action(_("&About MLA Writer"), self.about))
        self._window_actions = [self.back_action, self.next_action]
        self.back_button.setText(_("\u2190 &Back"))
        self.next_button.setText(_("&Next \u2192"))
        self.back_button.setToolTip(_("Previous step (Alt+Left)"))
        self.next_button.setToolTip(_("Next step (Alt+Right)"))
        self.back_button.setAccessibleName(_("Back"))
        self.next_button.setAccessibleName(_("Next"))
        self.sidebar.retranslate()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            self.recent_menu.addAction(Path(path).name, lambda path=path: self.open_recent(path)).setToolTip(path)
        self.recent_menu.setEnabled(bool(recent))

    # -- the session --------------------------------------------------------------------------
    def set_session(self, session: Session, check_now: bool = True) -> None:
        old = self.session
        self.session = session
        session.setParent(self)
        session.edited.connect(self._on_edit)
        session.languages_changed.connect(self.preview.schedule)
        self._drop_pages()
        if old is not None:
            old.deleteLater()
        self.autosaver.clear()
        self.go_to(0)
        self._update_title()
        if check_now:
            self.run_check()
        else:  # at start-up: paint the window first, the checklist's verdict follows at once
            QTimer.singleShot(20, self.run_check)
        self.preview.schedule()

    def _drop_pages(self) -> None:
        for i, page in enumerate(self.pages):
            if page is not None:
                self.stack.removeWidget(page)
                page.deleteLater()
                self.pages[i] = None

    def page(self, index: int) -> QWidget:
        if self.pages[index] is None:
            page = self.plan[index](self.session)
            page.link_activated.connect(self.go_to_path)
            if hasattr(page, "export_requested"):
                page.export_requested.connect(self.export_letter)
                page.set_bilingual_language(self.settings.bilingual())
                page.bilingual_changed.connect(self._bilingual_changed)
            self.stack.addWidget(page)
            self.pages[index] = page
        return self.pages[index]

    def current_page(self) -> QWidget:
        return self.page(self.current)

    def _on_edit(self) -> None:
        self.setWindowModified(True)
        self.autosaver.note_edit()
        self.check_timer.start()
        self.preview.schedule()

    def run_check(self) -> None:
        self.check_timer.stop()
        report = check(self.session.letter, i18n.ui_language(), self.today)
        self.session.report = report
        self.sidebar.update_status(report)
        page = self.pages[self.current]
        if page is not None:
            page.show_report(report)
        emit(self.checked)

    # -- navigation ---------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        index = max(0, min(index, len(self.plan) - 1))
        self.current = index
        page = self.page(index)
        if self.session.report is not None:
            page.show_report(self.session.report)
        self.stack.setCurrentWidget(page)
        self.sidebar.select_step(index)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.plan) - 1)
        self.back_action.setEnabled(index > 0)
        self.next_action.setEnabled(index < len(self.plan) - 1)
        self.nav_message.setText(_("Step {n} of {total}").format(n=index + 1, total=len(self.plan)))

    def go_back(self) -> None:
        if self.current > 0:
            self.go_to(self.current - 1)

    def go_next(self) -> bool:
        """Go to the next step unless the current one has blocking problems (then focus the first)."""
        if self.current >= len(self.plan) - 1:
            return False
        self.run_check()
        page = self.current_page()
        blocking = page.blocking(self.session.report)
        if blocking:
            self.nav_message.setText(
                _("This step is not finished: {count} problem(s) to fix first.").format(count=len(blocking))
            )
            page.focus_path(blocking[0].path)
            return False
        self.go_to(self.current + 1)
        return True

    def go_to_path(self, path: str) -> None:
        """Show the field at ``path`` (for a problem listed elsewhere)."""
        section = section_of(path)
        self.go_to(self.step_of_section.get(section.id, 0))
        self.current_page().focus_path(path)

    def toggle_preview(self, on: bool) -> None:
        self.preview.setVisible(on)
        self.settings.set_preview_visible(on)

    # -- UI language ----------------------------------------------------------------------------
    def set_ui_language(self, lang: str) -> None:
        i18n.set_ui_language(lang)
        self.settings.set_ui_language(lang)
        step = self.current
        self._drop_pages()
        self._build_menus()
        self.preview.view.setAccessibleName(_("Preview of the letter"))
        self.session.report = None
        self.go_to(step)
        self.run_check()
        self._update_title()

    # -- files ----------------------------------------------------------------------------------
    def _update_title(self) -> None:
        name = self.session.path.name if self.session.path else _("Untitled")
        self.setWindowTitle(f"{name}[*] \u2014 MLA Writer")
        self.setWindowModified(self.session.dirty)

    def file_filter(self) -> str:
        return _("MLA Writer drafts (*{ext})").format(ext=EXTENSION)

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Ask what to do with unsaved changes (tests replace this)."""
        B = QMessageBox.StandardButton
        return QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("The draft has unsaved changes. Save them first?"),
            B.Save | B.Discard | B.Cancel,
            B.Save,
        )

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current draft."""
        if not self.session.dirty:
            return True
        answer = self.ask_unsaved()
        B = QMessageBox.StandardButton
        if answer == B.Save:
            return self.save_draft()
        return answer == B.Discard

    def show_error(self, title: str, message: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_box = box
        box.open()
        return box

    def new_draft(self) -> None:
        if self.maybe_save():
            self.set_session(Session(LetterOfRequest()))

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _filter = QFileDialog.getOpenFileName(self, _("Open draft"), self.settings.last_folder(), self.file_filter())
        if path:
            self.open_file(path, ask=False)

    def open_recent(self, path: str) -> None:
        self.open_file(path)

    def open_file(self, path, ask: bool = True) -> bool:
        """Open a draft; a bad file shows the loader's reason and changes nothing."""
        if ask and not self.maybe_save():
            return False
        path = Path(path)
        try:
            letter = load(path)
        except DraftError as exc:
            self.show_error(_("Cannot open the draft"), str(exc))
            return False
        self.set_session(Session(letter, path))
        self.settings.add_recent(path)
        self.settings.set_last_folder(str(path.parent))
        return True

    def save_draft(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self.save_to(self.session.path)

    def save_as(self) -> bool:
        start = str(self.session.path or Path(self.settings.last_folder() or Path.home()) / (_("request") + EXTENSION))
        path, _filter = QFileDialog.getSaveFileName(self, _("Save draft"), start, self.file_filter())
        if not path:
            return False
        if not path.endswith(EXTENSION):
            path += EXTENSION
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        path = Path(path)
        try:
            save(self.session.letter, path)
        except OSError as exc:
            self.show_error(_("Cannot save the draft"), f"{path}: {exc.strerror or exc}")
            return False
        self.session.path = path
        self.session.dirty = False
        self.autosaver.clear()
        self.settings.add_recent(path)
        self.settings.set_last_folder(str(path.parent))
        self._update_title()
        self.statusBar().showMessage(_("Saved {name}").format(name=path.name), 5000)
        return True

    # -- export ------------------------------------------------------------------------------
    def ask_export_incomplete(self, count: int) -> bool:
        B = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            _("Export letter"),
            _("{count} section(s) of the checklist are still incomplete. Export the letter anyway?").format(count=count),
            B.Yes | B.No,
            B.No,
        )
        return answer == B.Yes

    def ask_export_path(self) -> str:
        name = (self.session.path.stem if self.session.path else _("request")) + f"-{self.session.letter.output_language}.docx"
        folder = Path(self.settings.last_folder() or Path.home())
        path, _filter = QFileDialog.getSaveFileName(self, _("Export letter"), str(folder / name), _("Word documents (*.docx)"))
        if path and not path.endswith(".docx"):
            path += ".docx"
        return path

    def export_letter(self) -> bool:
        self.run_check()
        missing = len(self.session.report.incomplete())
        if missing and not self.ask_export_incomplete(missing):
            return False
        path = self.ask_export_path()
        return bool(path) and self.export_to(path)

    def bilingual(self) -> str | None:
        """Second language of the letter, or None for a letter in one language."""
        code = self.settings.bilingual()
        return code if code and code != self.session.letter.output_language else None

    def _bilingual_changed(self, code: str) -> None:
        self.settings.set_bilingual(code)
        self.preview.schedule()

    def export_to(self, path) -> bool:
        letter = self.session.letter
        try:
            from ..render import RenderError, export_docx
        except ImportError as exc:
            self.show_error(_("Cannot export the letter"), _("The letter renderer is not available ({error}).").format(error=exc))
            return False
        try:
            export_docx(letter, path, lang=letter.output_language, bilingual=self.bilingual())
        except (RenderError, OSError) as exc:
            self.show_error(_("Cannot export the letter"), str(exc))
            return False
        self.statusBar().showMessage(_("Letter exported to {path}").format(path=path), 8000)
        emit(self.exported, str(path))
        return True

    # -- recovery, about, closing ------------------------------------------------------------
    def ask_recover(self, orphan) -> bool:
        B = QMessageBox.StandardButton
        source = orphan.source or _("a new draft")
        answer = QMessageBox.question(
            self,
            _("Recover unsaved work?"),
            _(
                "MLA Writer did not close normally. An automatic copy of your work ({source}, saved {time}) "
                "was kept. Recover it?"
            ).format(source=source, time=orphan.saved_at or "?"),
            B.Yes | B.No,
            B.Yes,
        )
        return answer == B.Yes

    def offer_recovery(self) -> bool:
        """After a crash: offer the autosaved work. True if a draft was recovered."""
        orphans = find_orphans(self.autosaver.folder)
        orphans = [o for o in orphans if o.path != self.autosaver.path]
        recovered = False
        for orphan in sorted(orphans, key=lambda o: o.saved_at, reverse=True):
            if not recovered and self.ask_recover(orphan):
                try:
                    letter = orphan.load()
                except DraftError as exc:
                    self.show_error(_("Cannot recover the draft"), str(exc))
                else:
                    session = Session(letter, Path(orphan.source) if orphan.source else None)
                    self.set_session(session)
                    session.dirty = True
                    self.autosaver.note_edit()
                    self.autosaver.save_now()
                    self._update_title()
                    recovered = True
            orphan.discard()
        return recovered

    def about(self) -> None:
        QMessageBox.about(
            self,
            _("About MLA Writer"),
            _("MLA Writer {version}\n\nDrafts letters of request for mutual legal assistance in criminal matters, "
              "point by point, offline.").format(version=__version__),
        )

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.save_window(self.saveGeometry(), self.splitter.saveState())
        self.settings.sync()
        self.autosaver.close()
        self.preview.shutdown()
        event.accept()

