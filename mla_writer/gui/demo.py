"""Training mode (``mla-writer --demo``, File → Training Mode…) and presentation mode.

Training mode opens a sample letter of the trainer's choice and keeps the user's real work out
of reach: for as long as it lasts, everything the window would remember goes to a temporary
folder of its own (:class:`DemoMode`), which is deleted when the mode ends:

- the settings (recent files, last folder, window layout, UI language, bilingual choice):
  a separate settings file in the temporary folder;
- the autosave (recovery copies): an autosave folder in the temporary folder, so the recovery
  copies of real work are neither written, replaced nor offered;
- the office profile: ``MLA_WRITER_CONFIG_DIR`` points to the temporary folder (an empty profile:
  nothing from the real office shows on a projector, and nothing is saved to it);
- the personal spelling word lists: a folder in the temporary folder;
- the case register: there is none yet. When one is built, its indexing must call
  :func:`records_real_work` first (the one "demo → no-op" place).

Every letter exported in training mode (Word, PDF, the preview) carries "TRAINING — NOT A REAL
REQUEST" on every page, in the letter's language (``training=True`` of :mod:`mla_writer.render`).
:meth:`DemoMode.reset` brings the chosen sample back as it was, without asking about saving.

Presentation mode (View → Presentation Mode) enlarges the window's fonts, and with them its
widgets, for a projector (:func:`set_presentation`); it fits 1280×720.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy

from .i18n import _, ui_language

#: The temporary folders of training sessions are named so (in the system's temporary folder).
FOLDER_PREFIX = "mla-writer-training-"
#: Presentation mode multiplies the window's font size by this.
PRESENTATION_SCALE = 1.3
#: The settings a training session starts with, copied from the user's (how the window looks,
#: nothing about the user's work).
_COPIED_SETTINGS = ("ui/language", "window/preview", "window/guidance", "export/bilingual")

_ACTIVE: "DemoMode | None" = None


def records_real_work() -> bool:
    """Whether what the user does now is real work that may be recorded (a case register, a
    history of drafts): False in training mode. Every such recorder asks this first."""
    return _ACTIVE is None


def demo_settings(folder: Path, real: QSettings | None = None) -> QSettings:
    """A settings file of its own in ``folder`` (INI), starting with the display choices of the
    real settings ``real`` (only read), if given."""
    q = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    if real is not None:
        for key in _COPIED_SETTINGS:
            value = real.value(key)
            if value is not None:
                q.setValue(key, value)
    return q


#: The file in a training folder that names the process using it.
OWNER_FILE = "owner.pid"


def remove_stale_folders(base: Path | None = None) -> list[Path]:
    """Remove the training folders (in ``base``, default the system's temporary folder) left by
    a training session that was killed: those whose owner process is gone. Returns them."""
    removed = []
    for folder in Path(base or tempfile.gettempdir()).glob(FOLDER_PREFIX + "*"):
        try:
            pid = int((folder / OWNER_FILE).read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue  # not one of ours, or being made: left alone
        if pid == os.getpid() or _alive(pid):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # (another user's process, or a platform without signals: assume alive)
        return True
    return True


class DemoMode:
    """One training session of a window: the sample shown, and the temporary folder that holds
    the settings, autosave, office profile and word lists of the session.

    ``folder`` (default: a new temporary folder) is removed by :meth:`cleanup`.
    """

    def __init__(self, sample: str, folder: Path | None = None) -> None:
        self.sample = sample
        if folder is None:
            remove_stale_folders()
        self.folder = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
        for sub in ("autosave", "config", "dictionary"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True, mode=0o700)
        (self.folder / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
        self._saved_env: str | None = None
        #: (QSettings, autosave folder) of the window outside the mode; None: the user's own
        self._real: tuple = (None, None)

    # -- the process-wide places: office profile and spelling word lists ---------------------------
    def activate(self) -> None:
        """Point the office profile and the word lists to the session's folder."""
        global _ACTIVE
        from . import spellcheck

        self._saved_env = os.environ.get("MLA_WRITER_CONFIG_DIR")
        os.environ["MLA_WRITER_CONFIG_DIR"] = str(self.folder / "config")
        self._real_spelling = spellcheck._folder
        spellcheck.set_personal_folder(self.folder / "dictionary")
        _ACTIVE = self

    def deactivate(self) -> None:
        global _ACTIVE
        from . import spellcheck

        if self._saved_env is None:
            os.environ.pop("MLA_WRITER_CONFIG_DIR", None)
        else:
            os.environ["MLA_WRITER_CONFIG_DIR"] = self._saved_env
        spellcheck.set_personal_folder(getattr(self, "_real_spelling", None))
        if _ACTIVE is self:
            _ACTIVE = None

    def cleanup(self) -> None:
        """Remove the session's folder and everything in it."""
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- the letter --------------------------------------------------------------------------------
    def open_sample(self, window) -> bool:
        """Show the chosen sample, as shipped, in ``window`` (edits so far are dropped unasked)."""
        from ..samples import load_sample, sample_info
        from ..storage import DraftError
        from .files import draft_error_text
        from .session import Session

        try:
            letter = load_sample(self.sample)
        except (DraftError, KeyError) as exc:
            window.show_error(_("Cannot open the sample"), draft_error_text(exc))
            return False
        if window.session is not None:
            window.session.dirty = False
        session = Session(letter)
        session.name = _("{title} (training)").format(title=sample_info(self.sample).title_in(ui_language()))
        window.set_session(session)
        return True

    def reset(self, window) -> bool:
        """Training → Reset: the sample as it was when the session began, on its first step."""
        return self.open_sample(window)


# -- the window's side --------------------------------------------------------------------------------
class DemoBanner(QFrame):
    """The band across the top of the window in training mode: what the mode is, Reset, End."""

    reset_requested = Signal()
    leave_requested = Signal()

    def __init__(self, parent=None) -> None:
        from PySide6.QtGui import QColor, QPalette

        super().__init__(parent)
        self.setObjectName("demoBanner")
        # (colours by palette, not a style sheet: a style sheet stops the presentation font)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#fff1b8"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#6b0000"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.Box)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 10, 4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(self.label, 1)
        self.reset_button = QPushButton(self)
        self.reset_button.clicked.connect(self.reset_requested)
        self.leave_button = QPushButton(self)
        self.leave_button.clicked.connect(self.leave_requested)
        row.addWidget(self.reset_button)
        row.addWidget(self.leave_button)
        self.retranslate()

    def retranslate(self) -> None:
        from html import escape

        title = escape(_("TRAINING MODE"))
        text = escape(_("A fictional case. Exported letters are marked as training; nothing is saved to your "
                        "recent files, office profile or recovery copies."))
        self.label.setText(f"<b>{title}</b> \u2014 {text}")
        self.label.setAccessibleName(_("Training mode"))
        self.reset_button.setText(_("Reset training letter"))
        self.leave_button.setText(_("End training mode"))


def _banner_bar(window) -> DemoBanner:
    """The window's banner (made the first time: it then heads the window's content, above the
    sidebar, the step and the preview)."""
    banner = getattr(window, "demo_banner", None)
    if banner is None:
        from PySide6.QtWidgets import QVBoxLayout, QWidget

        content = window.takeCentralWidget()
        holder = QWidget(window)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        banner = DemoBanner(holder)
        banner.reset_requested.connect(lambda: reset_demo(window))
        banner.leave_requested.connect(lambda: leave_demo(window))
        column.addWidget(banner)
        column.addWidget(content, 1)
        window.setCentralWidget(holder)
        window.demo_banner = banner
    return banner


def _swap_places(window, settings, autosave_folder) -> None:
    """The window's settings and autosave now go to ``settings`` and ``autosave_folder``."""
    from .autosave import Autosaver
    from .settings import Settings

    window.settings = Settings(settings)
    old = window.autosaver
    old.close()
    old.deleteLater()
    window.autosaver = Autosaver(lambda: window.session, autosave_folder, parent=window)


def start_demo(window, sample: str, folder: Path | None = None) -> bool:
    """Put ``window`` in training mode with sample ``sample`` (real unsaved work is asked about
    first, as before any other letter is opened). False when cancelled or the sample cannot be
    read (the window is then as it was)."""
    from ..samples import sample_names

    window.ensure_ready()
    if window.demo is not None:
        window.demo.sample = sample
        return window.demo.reset(window)
    if sample not in sample_names():
        window.show_error(_("Cannot open the sample"), _("There is no sample named {name}.").format(name=sample))
        return False
    if not window.maybe_save():
        return False
    demo = DemoMode(sample, folder)
    demo._real = (window.settings.q, window.autosave_folder)
    window.settings.sync()
    demo.activate()
    _swap_places(window, demo_settings(demo.folder, window.settings.q), demo.folder / "autosave")
    window.demo = demo
    if not demo.open_sample(window):
        leave_demo(window)
        return False
    _banner_bar(window).show()
    window.demo_changed()
    return True


def launch(sample: str, real_settings: QSettings | None = None, folder: Path | None = None):
    """``mla-writer --demo [SAMPLE]``: the main window, in training mode from the start, showing
    ``sample``. The real settings (``real_settings``, default the user's) are only read, for the
    display choices; the window never has the real settings, autosave or office profile.
    Returns the window (not shown yet)."""
    from .main import make_window

    demo = DemoMode(sample, folder)
    demo.activate()
    settings = demo_settings(demo.folder, real_settings if real_settings is not None else QSettings())
    window = make_window(settings, demo.folder / "autosave")
    window.demo = demo
    demo._real = (real_settings, None)  # (None: the user's own, made when the mode ends)
    window.ensure_ready()
    demo.open_sample(window)
    _banner_bar(window).show()
    window.demo_changed()
    return window


def reset_demo(window) -> bool:
    """The training letter as it was when the session began (edits are dropped without asking)."""
    return window.demo is not None and window.demo.reset(window)


def leave_demo(window) -> None:
    """End training mode: drop the training letter unasked, go back to the real settings, autosave
    and office profile, remove the session's folder, and open a new empty letter."""
    demo = window.demo
    if demo is None:
        return
    from .session import new_session

    if window.session is not None and window.session.path is None:
        window.session.dirty = False
    real_settings, real_folder = demo._real
    window.demo = None
    demo.deactivate()
    _swap_places(window, real_settings, real_folder)
    window.set_session(new_session())
    demo.cleanup()
    bar = getattr(window, "demo_banner", None)
    if bar is not None:
        bar.hide()
    window.demo_changed()


def end_demo(window) -> None:
    """The window closes in training mode: the session's folder is removed (settings, autosave,
    profile and word lists of the session), the process's places are the real ones again."""
    demo, window.demo = window.demo, None
    if demo is not None:
        demo.deactivate()
        demo.cleanup()


def ask_demo_sample(window) -> str | None:
    """The sample picker, to choose the training letter (tests replace this)."""
    from ..samples import SampleIndexError, index
    from .sample_picker import ask_sample

    try:
        infos = list(index().values())
    except SampleIndexError as exc:
        window.show_error(_("Cannot open the sample"), str(exc))
        return None
    return ask_sample(window, infos, title=_("Training Mode"),
                      intro=_("Choose the fictional case to train with. Exported letters will be marked "
                              "\u201cTraining \u2014 not a real request\u201d, and nothing you do is kept."))


def toggle_demo(window, on: bool) -> bool:
    """File → Training Mode…: choose a sample and start, or leave the mode."""
    if not on:
        leave_demo(window)
        return True
    window.ensure_ready()
    name = ask_demo_sample(window)
    started = bool(name) and start_demo(window, name)
    if not started:
        window.demo_changed()  # the menu's tick follows the mode, not the click
    return started


# -- presentation ------------------------------------------------------------------------------------
def set_presentation(window, on: bool) -> None:
    """Enlarge (or restore) the window's fonts, and so its widgets, for a projector. The size is
    not remembered: each session starts at the normal size."""
    from PySide6.QtWidgets import QApplication

    if on == window.presentation:
        return
    from PySide6.QtGui import QFont

    window.presentation = on
    if on:
        font = QApplication.font()
        size = font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * PRESENTATION_SCALE)
        else:
            font.setPixelSize(round(font.pixelSize() * PRESENTATION_SCALE))
        window.setFont(font)
    else:
        window.setFont(QFont())  # (no font of its own: the application's again)
    window.demo_changed()
