"""The main window: sidebar of the checklist, the wizard's steps, Back/Next, preview pane, menus.

File handling (open, save, export, recovery) is in :mod:`.files`.

Start-up comes in two stages so that the window appears as fast as a bare Qt window can:
the frame, the sidebar (from :mod:`mla_writer.points`), the menu bar's titles and the start
step need no model and are painted first. Right after the first paint the second stage runs a
slice at a time, each a few milliseconds to a few tens, with the event loop free in between
(the user's keys and clicks are handled there): the menus, the autosave's lock file, Qt's
namespace, the step views; meanwhile a background thread imports the domain (pydantic's model,
the checklist, Babel's data, storage). Then an empty draft opens and the first check runs.
Anything that needs the draft calls :meth:`MainWindow.ensure_ready` first, which finishes the
second stage on the spot, so nothing depends on the timing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer, Signal  # (not QEvent: building its enum costs ~4 ms)
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (  # (not QFileDialog: imported where used, its enums cost the first paint ~5 ms)
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..points import section_of
from . import i18n
from .background import LatestOnly
from .files import DraftFilesMixin
from .i18n import _, ngettext
from .pages.plan import step_sections
from .pages.start import StartPage
from .register_mixin import RegisterMixin
from .settings import Settings
from .widgets.preview import PreviewPane
from .widgets.sidebar import Sidebar

CHECK_DEBOUNCE_MS = 250
#: How long after the first step of a letter is shown its spelling dictionaries start loading.
SPELLING_DELAY_MS = 500

#: Imported by a background thread during the second stage (pure Python, no Qt: see
#: tests/test_architecture.py), so that the GUI thread stays free for the user's input.
DOMAIN_MODULES = ("mla_writer.model", "mla_writer.fields", "mla_writer.vocab", "mla_writer.checklist",
                  "mla_writer.storage", "mla_writer.office")
#: The step views' modules, imported by the GUI thread one per slice of the second stage
#: (leaves first, so that each slice stays short).
VIEW_MODULES = ("mla_writer.gui.session", "mla_writer.gui.widgets.form", "mla_writer.gui.widgets.listeditor",
                "mla_writer.gui.widgets.persons", "mla_writer.gui.widgets.offences",
                "mla_writer.gui.widgets.assistance", "mla_writer.gui.widgets.legalbasis", "mla_writer.gui.pages.base",
                "mla_writer.gui.pages.steps", "mla_writer.gui.pages.review")
#: Qt's widget classes, made (with their enums) a few per slice of the second stage. The first
#: Qt call that returns a widget of a class PySide has to find out (the preview's
#: ``QTextBrowser.viewport()``, then any step view) makes every one of them at once: 40-80 ms
#: in one go. (A name this PySide6 does not have is skipped.)
WIDGET_CLASSES = (
    "QAbstractButton", "QAbstractItemView", "QAbstractScrollArea", "QAbstractSlider", "QAbstractSpinBox",
    "QCalendarWidget", "QCheckBox", "QColorDialog", "QColumnView", "QComboBox", "QCommandLinkButton", "QDateEdit",
    "QDateTimeEdit", "QDial", "QDialog", "QDialogButtonBox", "QDockWidget", "QDoubleSpinBox", "QErrorMessage",
    "QFileDialog", "QFocusFrame", "QFontComboBox", "QFontDialog", "QFrame", "QGraphicsView", "QGroupBox",
    "QHeaderView", "QInputDialog", "QKeySequenceEdit", "QLCDNumber", "QLabel", "QLineEdit", "QListView",
    "QListWidget", "QMainWindow", "QMdiArea", "QMdiSubWindow", "QMenu", "QMenuBar", "QMessageBox", "QPlainTextEdit",
    "QProgressBar", "QProgressDialog", "QPushButton", "QRadioButton", "QRhiWidget", "QRubberBand", "QScrollArea",
    "QScrollBar", "QSizeGrip", "QSlider", "QSpinBox", "QSplashScreen", "QSplitter", "QSplitterHandle",
    "QStackedWidget", "QStatusBar", "QTabBar", "QTabWidget", "QTableView", "QTableWidget", "QTextBrowser",
    "QTextEdit", "QTimeEdit", "QToolBar", "QToolBox", "QToolButton", "QTreeView", "QTreeWidget", "QUndoView",
    "QWizard", "QWizardPage",
)
#: Attributes that the menus make: asked for before the menus are built, they build them.
MENU_ATTRIBUTES = frozenset({"preview_action", "back_action", "next_action", "demo_action", "demo_reset_action",
                             "guidance_action", "presentation_action", "recent_menu", "_window_actions"})


def _checking(lang: str, today):
    """The checker's job: the letter's checklist report, messages in UI language ``lang``
    (run in the helper process: :mod:`.helper_process`)."""
    from .helper_process import check_letter, job

    return job(check_letter, lang=lang, today=today)


class MainWindow(DraftFilesMixin, RegisterMixin, QMainWindow):
    _menus_built = False  # the menus' actions exist (built just after the first paint, or when asked for)
    _menus_building = False  # a builder of the menus is running (:meth:`_menu_slices`)
    _menu_builder = None  # the second stage's builder of the menus, while it is half-way
    _first_paint_done = False  # first_painted was emitted
    _spelling_scheduled = False  # the dictionaries' warm-up is on its way (:meth:`_warm_up_spelling`)
    checked = Signal()  # a checklist report was produced
    exported = Signal(str)  # path of an exported letter
    ready = Signal()  # the model and the step views are loaded and the draft is open
    first_painted = Signal()  # the window's first paint has been drawn (emitted once, just after it)
    #: the message that saving the office profile filled the new letter (:meth:`tell_office_filled`)
    office_filled_box = None

    def __init__(self, settings=None, autosave_folder: Path | None = None, parent=None) -> None:
        super().__init__(parent)
        self.settings = Settings(settings)
        self.autosave_folder = autosave_folder
        from . import spellcheck  # personal word lists beside the autosaves (a test's folder in tests)

        words = Path(autosave_folder).parent / "dictionary" if autosave_folder else None
        spellcheck.set_personal_folder(words)
        #: the places of the user's real work (settings, autosave, word lists): set here once,
        #: restored when training mode ends (gui/demo.py; its --demo window sets its own)
        self.real_places = (settings, autosave_folder, words)
        self._autosaver = None  # made when first needed (:attr:`autosaver`)
        self._loader = None  # the second stage, a generator of slices (:meth:`_second_stage`)
        self._loading = False  # a slice of it is running
        self._domain_thread = None  # the thread importing the domain during the second stage
        #: Section ids of each step, in wizard order (the step views load with the model).
        self.plan = step_sections()
        self.step_of_section = {sid: i for i, sections in enumerate(self.plan) for sid in sections}
        self.step_classes: list[type] | None = None
        self.pages: list[QWidget | None] = [None] * len(self.plan)
        self.current = 0
        self.session = None  # a gui.session.Session once ensure_ready() has run
        self._load_scheduled = False
        self.error_box = None  # the latest error dialog (a QMessageBox), for tests
        #: The checklist's "today" (None: the real date). Tests pin it.
        self.today = None
        self._blocked = False  # the footer says how many problems keep the user on this step
        self._built_actions: list = []  # the menus' QActions (and QActionGroup), dropped on a rebuild
        self.demo = None  # a demo.DemoMode in training mode
        self.presentation = False  # fonts enlarged for a projector (demo.set_presentation)

        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DEBOUNCE_MS)
        self.check_timer.timeout.connect(self.check_later)
        #: the checklist after an edit, off the GUI thread (run_check() checks at once, here)
        self.checker = LatestOnly(None, self)
        self.checker.finished.connect(self._show_report)
        self.checker.failed.connect(lambda _error: self.run_check())  # (here, where an error reaches the crash hook)

        self._build_body()
        # The menu bar with its titles only (so nothing moves when the menus fill in after the
        # first paint); the buttons' texts.
        for title in self._menu_titles():
            self.menuBar().addMenu(title)
        self._label_frame()
        self.go_to(0)
        self._update_title()
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            area = self.screen().availableGeometry()
            self.resize(min(1280, int(area.width() * 0.92)), min(820, int(area.height() * 0.9)))
        splitter = self.settings.splitter()
        if splitter is not None:
            self.splitter.restoreState(splitter)
        # (not isVisible(): the window is not shown yet, so that is always False, and the first
        # F9 "showed" a preview already on screen)
        shown = self.settings.preview_visible()
        self.preview.setVisible(shown)
        self.preview_button.setChecked(shown)  # (the View menu's action follows self.preview when built)

    def __getattr__(self, name: str):
        """An action of the menus asked for before the menus were built: they are built now."""
        if name in MENU_ATTRIBUTES and not self._menus_built and not self._menus_building:
            self._finish_menus()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def autosaver(self):
        """The window's :class:`~.autosave.Autosaver`, made when first needed (at the latest in
        the second stage: its folder and lock file are disk work the first paint does without)."""
        if self._autosaver is None:
            from .autosave import Autosaver

            self._autosaver = Autosaver(lambda: self.session, self.autosave_folder, parent=self, watch_state=False)
        return self._autosaver

    @autosaver.setter
    def autosaver(self, value) -> None:
        self._autosaver = value

    # -- layout -------------------------------------------------------------------------------
    def _build_body(self) -> None:
        # QSplitter() is horizontal. (QSplitter(parent) costs ~25 ms: its overload check builds
        # all of Qt's enums. setCentralWidget gives it its parent.)
        self.splitter = QSplitter()
        self.sidebar = Sidebar(self.step_of_section, self.splitter)
        self.sidebar.setMinimumWidth(220)
        self.sidebar.step_requested.connect(self.go_to)
        centre = QWidget(self.splitter)
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(centre)
        # The step, and under it the guidance on its point (made when first needed: _show_guidance)
        self.step_split = QSplitter(parent=centre)  # (keyword: see above)
        self.step_split.addWidget(self.stack)
        # the central authority's review: its status, or a warning that its history was edited
        self.review_banner = QLabel(centre)
        self.review_banner.setObjectName("reviewBanner")
        self.review_banner.setWordWrap(True)
        self.review_banner.setContentsMargins(12, 4, 12, 0)
        self.review_banner.hide()
        column.addWidget(self.review_banner)
        self.guidance_panel = None
        column.addWidget(self.step_split, 1)
        # The footer: the step's message on a line of its own ("Step 2 of 16", or what keeps
        # the user here: a long Russian message wraps there, never between the buttons), then
        # the buttons (issue 11: the navigation wrapped at 1024 px).
        self.nav_message = QLabel(centre)
        self.nav_message.setObjectName("navMessage")
        self.nav_message.setWordWrap(True)
        self.nav_message.setContentsMargins(12, 4, 12, 0)
        self.nav_message.setMinimumHeight(self.nav_message.fontMetrics().lineSpacing() + 4)
        column.addWidget(self.nav_message)
        nav = QHBoxLayout()
        nav.setContentsMargins(12, 2, 12, 8)
        self.back_button = QPushButton(centre)
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(centre)
        self.next_button.clicked.connect(self.go_next)
        self.next_button.setDefault(False)
        self.preview_button = QPushButton(centre)  # mirrors the View menu's preview action
        self.preview_button.setCheckable(True)
        self.preview_button.clicked.connect(lambda on: self.preview_action.setChecked(on) or self.toggle_preview(on))
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.preview_button)
        nav.addWidget(self.next_button)
        column.addLayout(nav)
        self.preview = PreviewPane(lambda: self.session, self.splitter, bilingual=lambda: self.bilingual(),
                                   training=lambda: self.training())
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([270, 620, 420])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        # the status bar from the start: created by the first message, it would push the window's
        # content up under the user's hands
        self.statusBar()

    def _action(self, text: str, slot, shortcuts=(), checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            # Each key once: the platform's Quit is already Ctrl+Q on most desktops, and a key
            # registered twice is "ambiguous" to Qt, which then does nothing at all.
            keys: list[QKeySequence] = []
            for key in map(QKeySequence, shortcuts):
                if not key.isEmpty() and key not in keys:
                    keys.append(key)
            action.setShortcuts(keys)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self._built_actions.append(action)
        return action

    def _menu_titles(self) -> tuple[str, ...]:
        """The menu bar's titles, in order: File, Go, View, Language, Preferences, Help."""
        return (_("&File"), _("&Go"), _("&View"), _("&Language"), _("&Preferences"), _("&Help"))

    def _label_frame(self) -> None:
        """The texts of the navigation buttons and of the sidebar, in the UI language."""
        # A button among buttons: written as they are (sentence case), not as the menu's command
        self.preview_button.setText(_("Preview pane"))
        self.back_button.setText(_("\u2190 &Back"))
        self.next_button.setText(_("&Next \u2192"))
        self.back_button.setToolTip(_("Previous step (Alt+Left)"))
        self.next_button.setToolTip(_("Next step (Alt+Right)"))
        self.back_button.setAccessibleName(_("Back"))
        self.next_button.setAccessibleName(_("Next"))
        self.sidebar.retranslate()

    def _build_menus(self) -> None:
        """Build (or build again, in another UI language) the menus and their actions at once."""
        self._menu_builder = None  # (one left half-way by the second stage is dropped)
        for _slice in self._menu_slices():
            pass

    def _finish_menus(self) -> None:
        """The menus complete now: the second stage's builder run to its end, or a new one."""
        builder, self._menu_builder = self._menu_builder or self._menu_slices(), None
        for _slice in builder:
            pass

    def _menu_slices(self):
        """Build the menus in three slices (a generator: the second stage lets the event loop
        run between them). :attr:`_menus_built` is True once all are built."""
        self._menus_built = False
        self._menus_building = True
        try:
            yield from self._menu_parts()
        finally:
            self._menus_building = False

    def _menu_parts(self):
        bar = self.menuBar()
        # Built again in another language: the old menus and their actions go, keys and all
        # (left alive, each rebuild added a second owner of every shortcut).
        for action in bar.actions():
            if action.menu() is not None:
                action.menu().deleteLater()
        bar.clear()
        for action in getattr(self, "_window_actions", []):
            self.removeAction(action)
        for built in self._built_actions:
            if isinstance(built, QAction):
                built.setShortcuts([])
            built.deleteLater()
        self._built_actions = []
        K = QKeySequence.StandardKey
        files, go, view, languages, settings_menu, helpmenu = [bar.addMenu(title) for title in self._menu_titles()]
        files.addAction(self._action(_("&New"), self.new_draft, [K.New]))
        files.addAction(self._action(_("New from Sa&mple\u2026"), self.new_from_sample))
        # training mode (gui/demo.py)
        self.demo_action = self._action(_("&Training Mode\u2026"), self.toggle_demo, checkable=True)
        self.demo_reset_action = self._action(_("Reset Training &Letter"), self.reset_demo)
        files.addAction(self.demo_action)
        files.addAction(self.demo_reset_action)
        files.addAction(self._action(_("&Open\u2026"), self.open_dialog, [K.Open]))
        files.addAction(self._action(_("Open for Translat&ion\u2026"), self.open_for_translation))
        self.recent_menu = files.addMenu(_("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        files.addSeparator()
        files.addAction(self._action(_("Open for Re&view\u2026"), self.open_for_review_dialog))
        files.addAction(self._action(_("Su&bmit for Review"), self.submit_for_review))
        files.addSeparator()
        files.addAction(self._action(_("&Save"), self.save_draft, [K.Save]))
        files.addAction(self._action(_("Save &As\u2026"), self.save_as, ["Ctrl+Shift+S"]))
        files.addAction(self._action(_("Save Encr&ypted\u2026"), self.save_encrypted))
        files.addSeparator()
        files.addAction(self._action(_("&Export Letter\u2026"), self.export_letter, ["Ctrl+E"]))
        files.addAction(self._action(_("Export &PDF\u2026"), self.export_letter_pdf, ["Ctrl+Shift+E"]))
        files.addSeparator()
        files.addAction(self._action(_("&Quit"), self.close, [K.Quit, "Ctrl+Q"]))
        yield
        self.back_action = self._action(_("&Back"), self.go_back, ["Alt+Left", "Ctrl+PgUp"])
        self.next_action = self._action(_("&Next"), self.go_next, ["Alt+Right", "Ctrl+PgDown"])
        go.addAction(self.back_action)
        go.addAction(self.next_action)
        go.addSeparator()
        go.addAction(self._action(_("&Checklist"), lambda: self.sidebar.setFocus(), ["F6"]))
        self.preview_action = self._action(_("&Preview Pane"), self.toggle_preview, ["F9"], checkable=True)
        self.preview_action.setChecked(not self.preview.isHidden())
        view.addAction(self.preview_action)
        view.addAction(self._action(_("&Find in Preview\u2026"), self.find_in_preview, [K.Find]))
        self.guidance_action = self._action(_("&Guidance Panel"), self.toggle_guidance, ["Shift+F1"], checkable=True)
        self.guidance_action.setChecked(self.settings.guidance_visible())
        view.addAction(self.guidance_action)
        self.presentation_action = self._action(_("Presentation Mo&de"), self.set_presentation, ["Ctrl+Shift+F11"],
                                                checkable=True)
        view.addAction(self.presentation_action)
        view.addAction(self._action(_("&Translate\u2026"), self.open_translation, ["Ctrl+Shift+T"]))
        view.addSeparator()
        view.addAction(self._action(_("Case &Register\u2026"), self.show_register))
        yield
        self.preview_button.setChecked(self.preview_action.isChecked())
        self.preview_action.toggled.connect(self.preview_button.setChecked)
        group = QActionGroup(self)
        self._built_actions.append(group)
        for code, name in i18n.UI_LANGUAGES.items():
            action = QAction(name, group, checkable=True)
            action.setChecked(code == i18n.ui_language())
            action.triggered.connect(lambda _checked=False, code=code: self.set_ui_language(code))
            group.addAction(action)
            languages.addAction(action)
        settings_menu.addAction(self._action(_("My &Office\u2026"), self.edit_office))
        settings_menu.addAction(self._action(_("State &Pack\u2026"), self.edit_packs))
        helpmenu.addAction(self._action(_("&User Guide"), self.show_guide, [K.HelpContents]))
        helpmenu.addAction(self._action(_("&About MLA Writer"), self.about))
        self._window_actions = [self.back_action, self.next_action]
        self.back_action.setEnabled(self.current > 0)
        self.next_action.setEnabled(self.current < len(self.plan) - 1)
        self._menus_built = True
        self._label_frame()
        self.demo_changed()

    # -- training and presentation modes (gui/demo.py) --------------------------------------------
    def toggle_demo(self, on: bool) -> bool:
        """File → Training Mode…: choose a sample and train with it, or leave the mode."""
        from .demo import toggle_demo

        return toggle_demo(self, on)

    def reset_demo(self) -> bool:
        """File → Reset Training Letter: the training sample as it was, edits dropped unasked."""
        from .demo import reset_demo

        return reset_demo(self)

    def set_presentation(self, on: bool) -> None:
        """View → Presentation Mode: larger fonts and widgets for a projector."""
        from .demo import set_presentation

        set_presentation(self, on)

    def demo_changed(self) -> None:
        """The menus, banner, title and preview follow the training and presentation modes."""
        self.demo_action.setChecked(self.demo is not None)
        self.demo_reset_action.setEnabled(self.demo is not None)
        self.presentation_action.setChecked(self.presentation)
        banner = getattr(self, "demo_banner", None)
        if banner is not None:
            banner.retranslate()
        if self.demo is not None:
            self.demo.retitle()  # the sample's title in the UI language
        self._update_title()
        self.preview.schedule()

    def new_from_sample(self) -> bool:
        """File → New from Sample… (:mod:`.sample_picker`)."""
        from .sample_picker import new_from_sample

        return new_from_sample(self)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            self.recent_menu.addAction(Path(path).name, lambda path=path: self.open_recent(path)).setToolTip(path)
        self.recent_menu.setEnabled(bool(recent))

    # -- start-up: the frame first, then the rest a slice at a time ------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        if not self._load_scheduled:
            self._load_scheduled = True  # painted once: the second stage starts as soon as the loop is free
            QTimer.singleShot(0, self, self._after_first_paint)  # (cancelled if the window is gone)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        QTimer.singleShot(200, self, self._after_first_paint)  # in case no paint event comes (minimised)

    def _after_first_paint(self) -> None:
        if not self._first_paint_done:
            self._first_paint_done = True
            self.first_painted.emit()
        self._start_loading()

    def _start_loading(self) -> None:
        """Start the second stage (once), a slice per turn of the event loop."""
        if self.session is not None or self._loader is not None:
            return
        self._loader = loader = self._second_stage()
        # A window destroyed half-way: the stage is closed, which turns the garbage collector on again
        self.destroyed.connect(lambda *_args: loader.close())
        QTimer.singleShot(0, self, self._next_slice)

    def _import_domain_in_background(self) -> None:
        """Import the domain (:data:`DOMAIN_MODULES`) in a thread, and build what the first letter
        and its first check need, while the GUI thread runs its slices (once)."""
        if self._domain_thread is not None:
            return
        import threading

        lang = i18n.ui_language()

        def import_domain() -> None:
            from importlib import import_module

            try:
                for name in DOMAIN_MODULES:
                    import_module(name)
                # The first letter and its first check, as the draft about to open: pydantic builds
                # the models' validators (deferred: 0.1-0.3 s) and Babel loads its locale data here.
                model, checklist = sys.modules["mla_writer.model"], sys.modules["mla_writer.checklist"]
                checklist.check(model.LetterOfRequest(drafting_language=lang, output_language=lang), lang, None)
            except Exception:  # noqa: BLE001 - the GUI thread does it again and meets the error there
                return

        self._domain_thread = threading.Thread(target=import_domain, name="import-domain", daemon=True)
        self._domain_thread.start()

    def _next_slice(self) -> None:
        """Run one slice of the second stage, then let the event loop run before the next."""
        if self._loader is None or self._loading:
            return
        self._loading = True
        try:
            waiting = next(self._loader)
        except StopIteration:
            self._loader = None
            return
        except BaseException:
            self._loader = None  # (ensure_ready() starts it again, and meets the error where the user acted)
            raise
        finally:
            self._loading = False
        QTimer.singleShot(5 if waiting else 0, self, self._next_slice)

    def _second_stage(self):
        """The second stage as a generator: each ``yield`` ends a slice (True: waiting for the
        domain's import thread). Ends with the draft open and :attr:`ready` emitted.

        Python's cyclic garbage collector is off meanwhile: the stage makes some hundred thousand
        objects (pydantic's validators, Qt's enums), and a full collection among them stalls the
        event loop for 40-170 ms. At the end they are frozen (kept out of later collections: they
        live as long as the process) and the collector is on again."""
        import gc

        gc.freeze()  # (the first stage's objects: for the life of the process too)
        collecting = gc.isenabled()
        gc.disable()
        try:
            yield from self._second_stage_slices()
        finally:
            gc.freeze()
            if collecting:
                gc.enable()

    def _second_stage_slices(self):
        if not self._menus_built:
            self._menu_builder = self._menu_slices()
            for _slice in self._menu_builder:  # (ends at once if the menus were completed meanwhile)
                yield False
            self._menu_builder = None
            yield False
        if self.real_places[1] is None:
            from .autosave import move_legacy_data  # the user's own folders: the word lists of earlier versions

            move_legacy_data()
        self.autosaver  # noqa: B018 - made now: its folder and lock file
        yield False
        # (after the slices above: sharing the GIL with it, each would take twice as long, and
        # a key pressed at the first paint wait as long)
        self._import_domain_in_background()
        # The GUI thread's slices below are Python-heavy: they wait for the domain's thread (sharing
        # the GIL, each would take twice as long, and a key pressed meanwhile wait as long).
        while self._domain_thread.is_alive():
            yield True
        # Qt's namespace costs some 20-80 ms on first use: the first paint does without it.
        from PySide6.QtCore import Qt

        yield False
        from .widgets import wheel

        wheel.install()  # the wheel never changes a drop-down, spin box or date the user is not in
        self.autosaver.watch_state()  # (after Qt's namespace: see Autosaver)
        self.nav_message.setTextFormat(Qt.TextFormat.PlainText)
        yield False
        from PySide6 import QtWidgets

        for start in range(0, len(WIDGET_CLASSES), 6):
            for name in WIDGET_CLASSES[start:start + 6]:
                getattr(QtWidgets, name, None)
            yield False
        self.preview.ensure_view()
        yield False
        from importlib import import_module

        for name in VIEW_MODULES:
            import_module(name)
            yield False
        from .pages import step_plan

        self.step_classes = step_plan()
        from .session import new_session

        session = new_session()
        yield False
        self.set_session(session, check_now=False, step=self.current)
        self.ready.emit()

    def ensure_ready(self) -> bool:
        """Finish the second stage now: the menus, the model, the checklist and the step views
        loaded and an empty draft open (once). Returns True when this call did (the rest of) it,
        False when it was done already or is running."""
        if self.session is not None or self._loading:
            return False
        if self._loader is None:
            self._loader = self._second_stage()
        self._loading = True
        try:
            for waiting in self._loader:
                if waiting:  # (the GUI thread must not import the domain while that thread does)
                    self._domain_thread.join()
        finally:
            self._loading = False
            self._loader = None
        return True

    def _warm_up_spelling(self) -> None:
        """Load the spelling dictionaries of the open letter's languages in a thread.

        Not at start-up: a user who only opens, reads or exports a letter never needs them
        (13-20 MiB), and the first step of a letter has no spell-checked editor. Once a step of
        the letter is shown the load starts :data:`SPELLING_DELAY_MS` later (off the moments
        right after the step appears), in time for the editors of the next steps; an editor
        built before that loads its language's dictionary itself."""
        if self.session is not None:
            from . import spellcheck

            spellcheck.warm_up(self.session.letter)

    # -- the session --------------------------------------------------------------------------
    def set_session(self, session, check_now: bool = True, step: int = 1) -> None:
        """Make ``session`` the open draft and show ``step`` (by default the first step of the letter)."""
        old = self.session
        self.session = session
        self.checker.cancel()  # a check of the draft before is not this one's
        workspace = getattr(self, "translate_window", None)
        if workspace is not None and workspace.session is not session:  # it translated the draft closed now
            workspace.close()
            workspace.deleteLater()
            self.translate_window = None
        session.setParent(self)
        session.edited.connect(self._on_edit)
        session.languages_changed.connect(self.preview.schedule)
        session.reloaded.connect(self._reload_views)
        session.check_requested.connect(self.run_check)
        self._drop_pages(keep_start=True)
        if old is not None:
            if old.lock is not None and old.lock is not session.lock:
                old.release()  # the draft it held is closed
            old.deleteLater()
        self.autosaver.clear()
        self.go_to(step)
        self._update_title()
        if check_now:
            self.run_check()
        else:  # at start-up: the checklist's verdict follows at once, after the frame is painted
            QTimer.singleShot(0, self, self.run_check)
        self.preview.schedule()

    def _drop_pages(self, keep_start: bool = False) -> None:
        if self.session is not None:
            self.session.flush()  # (text typed just now is read before its editor goes)
        for i, page in enumerate(self.pages):
            if page is not None and not (keep_start and i == 0):
                self.stack.removeWidget(page)
                page.deleteLater()
                self.pages[i] = None

    def _start_page(self) -> StartPage:
        page = StartPage()
        page.new_requested.connect(self.start_new)
        page.continue_requested.connect(lambda: self.go_to(1))
        page.open_requested.connect(self.open_dialog)
        page.example_requested.connect(self.open_example)
        page.recent_requested.connect(self.open_recent)
        return page

    def start_new(self) -> None:
        """The start page's "new letter": the empty draft already open, or a fresh one."""
        self.ensure_ready()
        if self.current_draft_name() is None:
            self.go_to(1)
        else:
            self.new_draft()

    def page(self, index: int) -> QWidget:
        if index and self.session is None:
            self.ensure_ready()
        if self.pages[index] is None:
            if index == 0:
                page = self._start_page()
            else:
                page = self.step_classes[index](self.session)
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

    def _reload_views(self) -> None:
        """Values changed under the editors: the current step is built again from the letter,
        the other steps when next shown."""
        if self.session is not None:
            self.session.flush()  # (text typed just now is read before its editor goes)
        for i, page in enumerate(self.pages):
            if page is not None and i not in (0, self.current):
                self.stack.removeWidget(page)
                page.deleteLater()
                self.pages[i] = None
        page = self.pages[self.current]
        if page is not None and hasattr(page, "rebuild"):
            page.rebuild()

    def run_check(self) -> None:
        """Check the letter now, on the GUI thread (a check still running after an edit is dropped)."""
        self.check_timer.stop()
        self.checker.cancel()
        if self.session is None:
            return
        from ..checklist import check

        self._show_report(check(self.session.letter, i18n.ui_language(), self.today))

    def check_later(self) -> None:
        """Check the letter off the GUI thread (after an edit's debounce); the report is shown
        when it comes, unless a newer check was asked for meanwhile."""
        self.check_timer.stop()
        if self.session is not None:
            self.checker.submit(self.session.letter, _checking(i18n.ui_language(), self.today))

    def _show_report(self, report) -> None:
        if self.session is None:
            return
        self.session.report = report
        self.show_review_state()
        self.sidebar.update_status(report)
        page = self.pages[self.current]
        if page is not None:
            page.show_report(report)
            if self._blocked:  # "n problems to fix" follows the fixes
                self._show_step_message(page.blocking(report))
        self.checked.emit()

    # -- the central authority's review (mla_writer.review; gui/review_window.py) ----------------
    def show_review_state(self) -> None:
        """The banner above the step and the open comments per point in the sidebar."""
        from . import review_marks
        from .. import review

        stored = self.session.stored  # (a draft never reviewed: nothing typed is read, nothing flushed)
        letter = self.session.letter if stored.review.events or stored.review.head else stored
        html = review_marks.banner_html(letter)
        self.review_banner.setText(html)
        self.review_banner.setVisible(bool(html))
        self.sidebar.update_comments(review.open_counts(letter) if letter.review.events else {})

    def open_for_review_dialog(self) -> None:
        """File → Open for review: choose a draft and open it in a review window."""
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(self, _("Open draft for review"), self.settings.last_folder(),
                                                    self.file_filter())
        if path:
            self.open_for_review(path)

    def open_for_review(self, path):
        """Open the draft at ``path`` read-only in a review window (returned; None if unreadable)."""
        from .review_window import open_for_review

        window = open_for_review(self, path)
        if window is not None:
            self.review_windows = [w for w in getattr(self, "review_windows", []) if w.isVisible()] + [window]
            window.show()
        return window

    def ask_drafter_name(self) -> str:
        """The drafter's name for the review history, when there is no office profile ("" when
        the user cancels; tests replace this)."""
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(self, _("Submit for Review"),
                                        _("Your name, as the review history should record who submitted the draft:"))
        return name if ok else ""

    def submit_for_review(self) -> bool:
        """File → Submit for review: the drafter hands the draft (again) to the central authority;
        the draft is saved at once (a snapshot of the letter goes into its history)."""
        from .. import review
        from .review_window import profile_actor

        self.ensure_ready()
        letter = self.session.letter
        actor = profile_actor()
        if not actor.name:  # no office profile: the name given last time, else asked (and remembered)
            actor = review.Actor(str(self.settings.q.value("review/drafter", "") or ""))
            if not actor.name:
                actor = review.Actor(self.ask_drafter_name().strip())
                if not actor.name:
                    return False
                self.settings.q.setValue("review/drafter", actor.name)
        try:
            review.set_status(letter, "submitted", actor)
        except review.ReviewError as exc:
            self.show_error(_("Cannot submit the draft"), exc.localized(i18n.ui_language()))
            return False
        self.session.touch()
        self.run_check()  # the banner, the sidebar and the step follow
        return self.save_draft()

    # -- navigation ---------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        index = max(0, min(index, len(self.plan) - 1))
        if index:
            self.ensure_ready()
            if not self._spelling_scheduled:
                self._spelling_scheduled = True
                QTimer.singleShot(SPELLING_DELAY_MS, self, self._warm_up_spelling)
        self.current = index
        page = self.page(index)
        if index == 0:
            page.refresh(self.settings.recent_files(), self.current_draft_name())
            page.preferred_focus().setFocus()
        if self.session is not None and self.session.report is not None:
            page.show_report(self.session.report)
        self.stack.setCurrentWidget(page)
        self.sidebar.select_step(index)
        self._show_guidance()
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.plan) - 1)
        if self._menus_built:  # (else the menus set them when built)
            self.back_action.setEnabled(index > 0)
            self.next_action.setEnabled(index < len(self.plan) - 1)
        self._show_step_message()

    def _show_step_message(self, blocking=()) -> None:
        """The footer: "Step n of N", or how many problems keep the user on this step. The
        count follows each check, and the message goes once the step is complete."""
        self._blocked = bool(blocking)
        if blocking:
            self.nav_message.setText(
                ngettext("This step is not finished: {count} problem to fix first.",
                         "This step is not finished: {count} problems to fix first.", len(blocking)).format(count=len(blocking))
            )
        else:
            self.nav_message.setText(_("Step {n} of {total}").format(n=self.current + 1, total=len(self.plan)))

    def go_back(self) -> None:
        if self.current > 0:
            self.go_to(self.current - 1)

    def go_next(self) -> bool:
        """Go to the next step unless the current one has blocking problems (then focus the first)."""
        if self.current >= len(self.plan) - 1:
            return False
        self.ensure_ready()
        self.run_check()
        page = self.current_page()
        blocking = page.blocking(self.session.report)
        if blocking:
            self._show_step_message(blocking)
            page.focus_path(blocking[0].path)
            return False
        self.go_to(self.current + 1)
        return True

    def go_to_path(self, path: str) -> None:
        """Show the field at ``path`` (for a problem listed elsewhere)."""
        section = section_of(path)
        self.go_to(self.step_of_section.get(section.id, 0))
        self.current_page().focus_path(path)

    def find_in_preview(self) -> None:
        """Show the preview (if hidden) and its find bar."""
        if not self.preview.isVisible():
            self.preview_action.setChecked(True)
            self.toggle_preview(True)
        self.preview.open_find()

    def open_for_translation(self):
        """File → Open for Translation…: open a draft, then the translation workspace on it."""
        if not self.maybe_save():
            return None
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(self, _("Open draft"), self.settings.last_folder(), self.file_filter())
        if path and self.open_file(path, ask=False):
            return self.open_translation()
        return None

    def open_translation(self):
        """View → Translate: the translation workspace on the open draft (:mod:`.translate`); returns it."""
        from .translate import TranslateWorkspace

        self.ensure_ready()
        old = getattr(self, "translate_window", None)
        if old is not None and old.session is self.session and old.isVisible():
            old.raise_()
            old.activateWindow()
            return old
        if old is not None:
            old.close()
            old.deleteLater()
        self.translate_window = TranslateWorkspace(self)
        self.translate_window.show()
        return self.translate_window

    def show_guide(self) -> None:
        """Help → User Guide: the offline guide in the UI language (:mod:`.guide`)."""
        from .guide import GuideDialog

        if getattr(self, "guide", None) is None:
            self.guide = GuideDialog(self)
        self.guide.load()
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def toggle_guidance(self, on: bool) -> None:
        """View → Guidance Panel (and the panel's Hide button): show or hide the guidance under
        the steps, and remember it (:meth:`Settings.guidance_visible`)."""
        self.settings.set_guidance_visible(on)
        self._show_guidance()

    def _show_guidance(self) -> None:
        """The guidance panel follows the step and the UI language; shown when the user wants it
        and the step is one of the 14 points (:mod:`.guidance_panel`)."""
        from ..points import POINTS

        sections = self.plan[self.current]
        has_points = any(point.id in sections for point in POINTS)
        if not (self.settings.guidance_visible() and has_points):
            if self.guidance_panel is not None:
                self.guidance_panel.hide()
            return
        if self.guidance_panel is None:
            from PySide6.QtCore import Qt

            from .guidance_panel import GuidancePanel

            self.guidance_panel = GuidancePanel(self.step_split)
            self.guidance_panel.hide_requested.connect(self._hide_guidance)
            self.step_split.setOrientation(Qt.Orientation.Vertical)
            self.step_split.addWidget(self.guidance_panel)
            self.step_split.setChildrenCollapsible(False)
            self.step_split.setStretchFactor(0, 3)
            self.step_split.setStretchFactor(1, 1)
            # (in proportion to the height there is; more for the guidance on a projector)
            self.step_split.setSizes([600, 400] if self.presentation else [750, 250])
        self.guidance_panel.setVisible(self.guidance_panel.show_step(sections, i18n.ui_language()))

    def _hide_guidance(self) -> None:
        self.guidance_action.setChecked(False)
        self.toggle_guidance(False)

    def toggle_preview(self, on: bool) -> None:
        self.preview.setVisible(on)
        self.settings.set_preview_visible(on)

    # -- UI language ----------------------------------------------------------------------------
    def set_ui_language(self, lang: str, remember: bool = True) -> None:
        """Show the window in UI language ``lang``; ``remember``: save it in the settings."""
        from .session import adopt_ui_language

        i18n.set_ui_language(lang)
        if remember:
            self.settings.set_ui_language(lang)
        workspace = getattr(self, "translate_window", None)
        reopen = workspace is not None and workspace.isVisible()
        if workspace is not None:  # made again in the new language
            workspace.close()
            workspace.deleteLater()
            self.translate_window = None
        if adopt_ui_language(self.session, i18n.ui_language()):  # a letter not begun yet drafts in the new language
            self.session.languages_changed.emit()
        step = self.current
        self._drop_pages()
        self.forget_register_window()  # built again in the new language when next shown
        self._build_menus()
        self.preview.retranslate()
        if self.session is not None:
            self.session.report = None
        self.go_to(step)
        self.run_check()
        self._update_title()
        if reopen:
            self.open_translation()

    def edit_office(self):
        """Preferences -> My office: the profile dialog (window-modal, not blocking); returns it."""
        from PySide6.QtCore import Qt

        from .office import OfficeDialog

        self.office_dialog = OfficeDialog(self)
        self.office_dialog.saved.connect(self._office_saved)
        self.office_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.office_dialog.open()
        return self.office_dialog

    def edit_packs(self):
        """Preferences -> State pack (:mod:`.packs`): window-modal, not blocking; returns the dialog."""
        from PySide6.QtCore import Qt

        from .packs import PackDialog

        self.pack_dialog = PackDialog(self)
        self.pack_dialog.changed.connect(self._packs_changed)
        self.pack_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pack_dialog.open()
        return self.pack_dialog

    def _packs_changed(self) -> None:
        """Another pack: the steps offer its authorities and offences, the checklist reads its profiles."""
        self._show_letter_again()
        self.run_check()

    def _office_saved(self) -> None:
        """A new letter still empty starts from the profile just saved, as a new one would; the
        user is told so at once, with Undo (:meth:`tell_office_filled`)."""
        from .session import fill_untouched

        changes = fill_untouched(self.session)
        if changes:
            self._show_letter_again()
            self.tell_office_filled(len(changes))

    def _show_letter_again(self) -> None:
        self._drop_pages(keep_start=True)  # every step shows the letter again (and says it was filled)
        self.go_to(self.current)
        self.run_check()
        self.preview.schedule()

    def tell_office_filled(self, count: int):
        """Say that saving the profile filled the new letter (``count`` values), with "Undo"
        (a window-modal message, not blocking). Returns the message box."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        from .office import MY_OFFICE

        box = QMessageBox(QMessageBox.Icon.Information, _(MY_OFFICE), ngettext(
            "Your office profile is saved. The new letter you have open was still empty, so it was filled from "
            "the profile: {count} value.",
            "Your office profile is saved. The new letter you have open was still empty, so it was filled from "
            "the profile: {count} values.", count).format(count=count), QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(_("Each step filled says so, and can take its values back."))
        self.office_undo_button = box.addButton(_("Undo"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(QMessageBox.StandardButton.Ok)
        box.setEscapeButton(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        session = self.session
        box.finished.connect(lambda _result: box.clickedButton() is self.office_undo_button and self.undo_office_fill(session))
        self.office_filled_box = box
        box.open()
        return box

    def undo_office_fill(self, session=None) -> None:
        """Take back what the office profile filled in the new letter (values typed since stay)."""
        from .. import office

        session = session or self.session
        if session is not self.session or not session.office_changes:
            return  # another letter is open by now
        office.undo_changes(session.letter, session.office_changes)
        session.office_changes = []
        session.office_notes.clear()
        self._show_letter_again()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

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
        self.close_register()
        if self.session is not None:
            self.session.release()
        self.preview.shutdown()
        self.checker.shutdown()
        if self.demo is not None:  # the training session's folder goes with it
            from .demo import end_demo

            end_demo(self)
        event.accept()

