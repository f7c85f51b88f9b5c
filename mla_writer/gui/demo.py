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
- the personal spelling word lists: a folder in the temporary folder, and Enchant's own files
  (``ENCHANT_CONFIG_DIR``, unless a bundle's dictionaries are Enchant's folder);
- the case register: there is none yet. When one is built, its indexing must call
  :func:`records_real_work` first (the one "demo → no-op" place).

Every letter exported in training mode (Word, PDF, the preview) carries "TRAINING — NOT A REAL
REQUEST" on every page, in the letter's language (``training=True`` of :mod:`mla_writer.render`).
:meth:`DemoMode.reset` brings the chosen sample back as it was, without asking about saving (a
letter with a file of its own, opened or saved in training, is asked about). The places of the
real work are the window's ``real_places``, set once when it is made; ending the mode restores
them, the real UI language and the letter open before training (:func:`leave_demo`).

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
#: The share of the step's height the guidance panel gets in presentation mode (0.25 otherwise).
GUIDANCE_SHARE = 0.4
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
            # no owner: a folder an earlier version left (or recreated) after its session; a
            # session's folder is only renamed to this name once its owner file is in it. Removed
            # when it holds no file (nothing to lose); one with files is left alone.
            if folder.is_dir() and not any(p.is_file() for p in folder.rglob("*")):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
            continue
        if pid == os.getpid() or _alive(pid):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _bundled_dictionaries() -> bool:
    """Whether Enchant's configuration folder is a bundle's dictionaries (mla_writer.spelling)."""
    from ..spelling import bundled_folder

    return (bundled_folder() / "hunspell").is_dir()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # (another user's process, or a platform without signals: assume alive)
        return True
    return True


def _fill_folder(folder: Path) -> None:
    for sub in ("autosave", "config", "dictionary", "enchant"):
        (folder / sub).mkdir(parents=True, exist_ok=True, mode=0o700)
    (folder / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")


def _new_folder() -> Path:
    """A new training folder, made under a hidden name and renamed once its owner file is in it
    (so that a folder named :data:`FOLDER_PREFIX`… without an owner is never one being made)."""
    base = Path(tempfile.gettempdir())
    making = Path(tempfile.mkdtemp(prefix="." + FOLDER_PREFIX, dir=base))
    _fill_folder(making)
    while True:
        final = base / (FOLDER_PREFIX + making.name[len("." + FOLDER_PREFIX):])
        try:
            os.rename(making, final)
            return final
        except OSError:
            if not final.exists():
                raise
            making = making.rename(making.with_name(making.name + "x"))


class DemoMode:
    """One training session of a window: the sample shown, and the temporary folder that holds
    the settings, autosave, office profile and word lists of the session.

    ``folder`` (default: a new temporary folder) is removed by :meth:`cleanup`.
    """

    def __init__(self, sample: str, folder: Path | None = None) -> None:
        self.sample = sample
        if folder is None:
            remove_stale_folders()
        self.folder = Path(folder) if folder is not None else _new_folder()
        if folder is not None:
            _fill_folder(self.folder)
        self._saved_env: dict[str, str | None] = {}
        #: the letter open before the mode began, kept aside (not closed) and shown again at the
        #: end; or the file to open again at the end (its unsaved edits were discarded)
        self.parked = None
        self.parked_step = 1
        self.reopen: Path | None = None
        #: the session showing the sample (its name follows the UI language)
        self.session = None

    # -- the process-wide places: office profile and spelling word lists ---------------------------
    def activate(self) -> None:
        """Point the office profile and the word lists to the session's folder."""
        global _ACTIVE
        from . import spellcheck

        places = {"MLA_WRITER_CONFIG_DIR": self.folder / "config"}
        if not _bundled_dictionaries():  # (a bundle's Enchant folder is its dictionaries': left alone)
            places["ENCHANT_CONFIG_DIR"] = self.folder / "enchant"
        for name, place in places.items():
            self._saved_env[name] = os.environ.get(name)
            os.environ[name] = str(place)
        self._real_spelling = spellcheck._folder
        spellcheck.set_personal_folder(self.folder / "dictionary")
        _ACTIVE = self

    def deactivate(self) -> None:
        global _ACTIVE
        from . import spellcheck

        for name, value in self._saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        self._saved_env = {}
        spellcheck.set_personal_folder(getattr(self, "_real_spelling", None))
        if _ACTIVE is self:
            _ACTIVE = None

    def cleanup(self) -> None:
        """Remove the session's folder and everything in it."""
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- the letter --------------------------------------------------------------------------------
    def open_sample(self, window, sample: str | None = None) -> bool:
        """Show the sample (``sample``, default the session's), as shipped, in ``window``. The
        training letter's edits are dropped unasked; a letter with a file of its own (a real
        draft opened, or the letter saved with Save As) is asked about first, as outside the
        mode. False when cancelled or the sample cannot be read (nothing changed then)."""
        from ..samples import load_sample
        from ..storage import DraftError
        from .files import draft_error_text
        from .session import Session

        sample = sample or self.sample
        try:
            letter = load_sample(sample)
        except (DraftError, KeyError) as exc:
            window.show_error(_("Cannot open the sample"), draft_error_text(exc))
            return False
        if window.session is not None:
            if not window.maybe_save():
                return False
            window.session.dirty = False
        self.sample = sample
        session = Session(letter)
        self.session = session
        self.retitle(session)
        window.set_session(session)
        return True

    def retitle(self, session=None) -> None:
        """The training letter's name: the sample's title in the UI language (the window's title
        says "Training mode: …")."""
        from ..samples import sample_info

        session = session or self.session
        if session is not None and session is self.session and session.path is None:
            try:
                session.name = sample_info(self.sample).title_in(ui_language())
            except (KeyError, RuntimeError):
                pass

    def reset(self, window) -> bool:
        """Training → Reset: the sample as it was when the session began, on its first step."""
        return self.open_sample(window)


# -- the window's side --------------------------------------------------------------------------------
class DemoBanner(QFrame):
    """The band across the top of the window in training mode: what the mode is, Reset, End."""

    reset_requested = Signal()
    switch_requested = Signal()
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
        self.switch_button = QPushButton(self)
        self.switch_button.clicked.connect(self.switch_requested)
        self.leave_button = QPushButton(self)
        self.leave_button.clicked.connect(self.leave_requested)
        row.addWidget(self.reset_button)
        row.addWidget(self.switch_button)
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
        self.switch_button.setText(_("Other case\u2026"))
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
        banner.switch_requested.connect(lambda: toggle_demo(window, True))
        banner.leave_requested.connect(lambda: leave_demo(window))
        column.addWidget(banner)
        column.addWidget(content, 1)
        window.setCentralWidget(holder)
        window.demo_banner = banner
    return banner


def real_places(window) -> tuple:
    """(QSettings or None, autosave folder or None, word-list folder or None) of the user's real
    work, as set once when the window was made (``window.real_places``; None: the user's own
    default). Never taken from what the window uses now, which in training is the session's."""
    return getattr(window, "real_places", (None, None, None))


def _swap_places(window, settings, autosave_folder) -> None:
    """The window's settings and autosave now go to ``settings`` and ``autosave_folder``."""
    from .autosave import Autosaver
    from .settings import Settings

    window.settings = Settings(settings)
    old = window.autosaver
    old.close()
    old.deleteLater()
    window.autosave_folder = autosave_folder
    window.autosaver = Autosaver(lambda: window.session, autosave_folder, parent=window)


def _park(window, demo: DemoMode) -> None:
    """Keep the letter open before training aside (not closed: its file stays locked) to show it
    again at the end. A letter whose edits the user just discarded is opened again from its
    file instead; a new letter nobody typed in is not kept (a new one is made at the end)."""
    from .session import untouched

    session = window.session
    if session is None or untouched(session):
        return
    if session.dirty:  # "Don't save": the edits go, the file is what was open
        demo.reopen = session.path
        return
    for signal, slot in ((session.edited, window._on_edit), (session.languages_changed, window.preview.schedule),
                         (session.reloaded, window._reload_views), (session.check_requested, window.run_check)):
        try:
            signal.disconnect(slot)
        except (RuntimeError, TypeError):
            pass
    demo.parked, demo.parked_step = session, window.current
    window.session = None  # (so that opening the sample does not close it)


def start_demo(window, sample: str, folder: Path | None = None) -> bool:
    """Put ``window`` in training mode with sample ``sample`` (real unsaved work is asked about
    first, as before any other letter is opened). In training mode already: switch to that
    sample (a letter with a file of its own is asked about first). False when cancelled or the
    sample cannot be read (the window is then as it was)."""
    from ..samples import sample_names

    window.ensure_ready()
    if sample not in sample_names():
        window.show_error(_("Cannot open the sample"), _("There is no sample named {name}.").format(name=sample))
        return False
    if window.demo is not None:
        return window.demo.open_sample(window, sample)
    if not window.maybe_save():
        return False
    demo = DemoMode(sample, folder)
    window.settings.sync()
    real_settings = real_places(window)[0]
    demo.activate()
    _swap_places(window, demo_settings(demo.folder, real_settings if real_settings is not None else QSettings()),
                 demo.folder / "autosave")
    window.demo = demo
    _park(window, demo)
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
    window.real_places = (real_settings, None, None)  # (None: the user's own, made when the mode ends)
    window.demo = demo
    window.ensure_ready()
    demo.open_sample(window)
    _banner_bar(window).show()
    window.demo_changed()
    return window


def reset_demo(window) -> bool:
    """The training letter as it was when the session began (its edits are dropped without
    asking; a letter with a file of its own is asked about first)."""
    return window.demo is not None and window.demo.reset(window)


def leave_demo(window) -> bool:
    """End training mode: drop the training letter unasked (a letter with a file of its own is
    asked about first: False when the user cancels), go back to the real settings, autosave,
    office profile and UI language, remove the session's folder, and show the letter that was
    open before training (or a new letter: filled from the office profile as usual, except in
    presentation mode, where nothing of the office is shown on the projector)."""
    demo = window.demo
    if demo is None:
        return True
    if window.session is not None and not window.maybe_save():
        return False
    from . import i18n, spellcheck
    from .session import Session, new_letter, new_session

    if window.session is not None:
        window.session.dirty = False
    settings, folder, words = real_places(window)
    window.demo = None
    demo.deactivate()
    _swap_places(window, settings, folder)
    spellcheck.set_personal_folder(words)
    lang = window.settings.ui_language() or i18n.system_ui_language()
    if lang != i18n.ui_language():
        window.set_ui_language(lang, remember=False)
    if demo.parked is not None:
        window.set_session(demo.parked, step=demo.parked_step)
    elif not (demo.reopen is not None and window.open_file(demo.reopen, ask=False)):
        window.set_session(Session(new_letter()) if window.presentation else new_session())
    demo.parked = None
    demo.cleanup()
    bar = getattr(window, "demo_banner", None)
    if bar is not None:
        bar.hide()
    window.demo_changed()
    return True


def end_demo(window) -> None:
    """The window closes in training mode: the session's folder is removed (settings, autosave,
    profile and word lists of the session), the process's places are the real ones again, and
    the letter kept aside lets go of its file."""
    demo, window.demo = window.demo, None
    if demo is not None:
        demo.deactivate()
        if demo.parked is not None:
            demo.parked.release()
            demo.parked = None
        demo.cleanup()


#: What :func:`ask_demo_sample` returns when the trainer chooses to end training mode.
END = "\x00end-training"


def ask_demo_sample(window) -> str | None:
    """The sample picker, to choose the training letter: a sample's name, None when cancelled;
    in training mode, to switch to another case, or :data:`END` (its "End training mode"
    button). Tests replace this."""
    from ..samples import SampleIndexError, index
    from .sample_picker import SampleDialog, ask_sample

    try:
        infos = list(index().values())
    except SampleIndexError as exc:
        window.show_error(_("Cannot open the sample"), str(exc))
        return None
    if window.demo is None:
        return ask_sample(window, infos, title=_("Training Mode"),
                          intro=_("Choose the fictional case to train with. Exported letters will be marked "
                                  "\u201cTraining \u2014 not a real request\u201d, and nothing you do is kept."))
    dialog = switch_dialog(window, infos)
    try:
        code = dialog.exec()
        return END if code == _END_CODE else dialog.chosen() if code == SampleDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


_END_CODE = 2


def switch_dialog(window, infos):
    """The picker in training mode: switch to another case (the current one selected), or end
    training mode (its own button). ``exec()`` gives Accepted, Rejected or 2 (end)."""
    from PySide6.QtWidgets import QDialogButtonBox

    from .sample_picker import NAME_ROLE, SampleDialog

    dialog = SampleDialog(infos, ui_language(), window, title=_("Training Mode"),
                          intro=_("Choose another fictional case to train with (the letter starts again from "
                                  "the sample), or end training mode."))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Open).setText(_("Switch to This Case"))
    dialog.end_button = dialog.buttons.addButton(_("End Training Mode"), QDialogButtonBox.ButtonRole.DestructiveRole)
    dialog.end_button.clicked.connect(lambda: dialog.done(_END_CODE))
    for row in range(dialog.list.count()):
        if dialog.list.item(row).data(NAME_ROLE) == window.demo.sample:
            dialog.list.setCurrentRow(row)
    return dialog


def toggle_demo(window, on: bool) -> bool:
    """File → Training Mode…: out of the mode, choose a sample and start. In the mode (the
    menu's tick shown; ``on`` is then ignored), the picker switches to another case or ends
    the mode. Returns whether the window is in training mode afterwards."""
    window.ensure_ready()
    name = ask_demo_sample(window)
    if window.demo is not None:
        if name == END:
            leave_demo(window)
        elif name:
            start_demo(window, name)
    elif name and name != END:
        start_demo(window, name)
    window.demo_changed()  # the menu's tick follows the mode, not the click
    return window.demo is not None


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
    window.preview.set_zoom(PRESENTATION_SCALE if on else 1.0)  # the letter in the preview too
    panel = getattr(window, "guidance_panel", None)
    if panel is not None:  # more room for the guidance on a projector
        total = sum(window.step_split.sizes())
        share = GUIDANCE_SHARE if on else 0.25
        window.step_split.setSizes([round(total * (1 - share)), round(total * share)])
    window.demo_changed()
