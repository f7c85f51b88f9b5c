"""What happens when the application meets an error it did not expect: the user keeps working.

:func:`install` replaces :data:`sys.excepthook` (Qt calls it for an exception raised in a slot or
an event handler) and :data:`threading.excepthook`. For each unexpected error:

1. the window's recovery copy is written at once (the draft in memory is untouched: nothing the
   user typed is lost, whatever the error was);
2. a report goes to the log, ``<app data>/logs/mla-writer.log`` (owner-only, 0600);
3. a dialog says what happened and shows the report, which the user can copy for support.

The report names the error's type, the versions and where in the code it happened (file, line,
function), never the error's message nor any value: a message can quote the letter's text
(names of victims or witnesses), and the report is meant to be sent on. The window stays open;
while a dialog is shown, further errors are logged and counted in it, not stacked.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from .i18n import _, ngettext

_installed: "_Hook | None" = None


def log_folder() -> Path:
    """``logs/`` in the user's data folder (:func:`~.autosave.data_folder`, ``~/.local/share/MLA
    Writer`` on Linux). Earlier versions wrote to Qt's application data folder, which names the
    application twice (``MLA Writer/MLA Writer/logs``): a log left there stays, unread."""
    from .autosave import data_folder

    return data_folder() / "logs"


def report(exc_type, exc, tb) -> str:
    """A report of the error that holds nothing of the user's: type, versions, and the frames
    (file, line, function) where it happened. Lines separated by "\\n"."""
    import platform  # (here: its import costs the first paint some 5-15 ms)

    from .. import __version__

    try:
        from PySide6 import __version__ as qt_version
    except ImportError:  # pragma: no cover
        qt_version = "?"
    lines = [
        f"MLA Writer {__version__}, Python {platform.python_version()}, PySide6 {qt_version}, {platform.system()} {platform.release()}",
        f"{dt.datetime.now(dt.timezone.utc).isoformat(timespec='seconds')}  {exc_type.__module__}.{exc_type.__qualname__}",
    ]
    for frame in traceback.extract_tb(tb):
        lines.append(f"  {_short(frame.filename)}:{frame.lineno} in {frame.name}")
    cause = exc.__cause__ or exc.__context__ if exc is not None else None
    if cause is not None:
        lines.append(f"  caused by {type(cause).__module__}.{type(cause).__qualname__}")
    return "\n".join(lines)


def _short(filename: str) -> str:
    """A file's path from its package ("mla_writer/gui/files.py"), not the user's folders."""
    parts = Path(filename).parts
    for anchor in ("mla_writer", "site-packages", "lib"):
        if anchor in parts:
            i = len(parts) - 1 - parts[::-1].index(anchor)
            return "/".join(parts[i + (anchor != "mla_writer"):])
    return Path(filename).name


def write_log(text: str, folder: Path | None = None) -> Path | None:
    """Append ``text`` to the log (created owner-only); return its path, None if it cannot be written."""
    folder = folder or log_folder()
    path = folder / "mla-writer.log"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as log:
            log.write(text + "\n\n")
        return path
    except OSError:
        return None


class _Hook(QObject):
    """Receives errors from any thread; shows them in the window's thread."""

    arrived = Signal(str)

    def __init__(self, window, log_dir: Path | None) -> None:
        super().__init__()
        self.window = window
        self.log_dir = log_dir
        self.previous = (sys.excepthook, threading.excepthook)
        self.box = None
        self.more = 0
        #: Where the last report was written (None: the log could not be written).
        self.log_path: Path | None = None
        self.arrived.connect(self._show)

    def __call__(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, (KeyboardInterrupt, SystemExit)):
            self.previous[0](exc_type, exc, tb)
            return
        try:
            text = report(exc_type, exc, tb)
            self.log_path = write_log(text, self.log_dir)
            print(text, file=sys.stderr)
            self.arrived.emit(text)
        except Exception:  # the hook itself must never fail
            pass

    def thread_hook(self, args) -> None:
        self(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, text: str) -> None:
        window = self.window
        saved = _save_copy(window)
        if self.box is not None and self.box.isVisible():
            self.more += 1
            self.box.setInformativeText(ngettext("{count} further error since this one (see the log).",
                                                 "{count} further errors since this one (see the log).",
                                                 self.more).format(count=self.more))
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QMessageBox

        self.more = 0
        message = _("Something went wrong inside MLA Writer. Your draft is intact: keep working, and save it.")
        if saved:
            message += " " + _("An automatic copy of it was written just now.")
        if self.log_path is not None:
            message += "\n\n" + _("The report below is also in the log: {path}").format(path=self.log_path)
        box = QMessageBox(QMessageBox.Icon.Critical, _("Unexpected error"), message, QMessageBox.StandardButton.Ok, window)
        box.setDetailedText(text)
        copy = box.addButton(_("Copy the report"), QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()  # (the box would close)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(text))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda *_: setattr(self, "box", None))
        self.box = box
        if window is not None:
            window.crash_box = box
        box.open()


def _save_copy(window) -> bool:
    """Write the window's recovery copy now; True if one holds the current draft."""
    autosaver = getattr(window, "autosaver", None)
    session = getattr(window, "session", None)
    if autosaver is None or session is None or not session.dirty:
        return False
    try:
        autosaver.note_edit()
        return autosaver.save_now()
    except Exception:
        return False


def install(window, log_dir: Path | None = None) -> _Hook:
    """Make unexpected errors show a dialog over ``window`` (see the module); return the hook.
    :func:`uninstall` puts the previous hooks back."""
    global _installed
    uninstall()
    hook = _Hook(window, log_dir)
    sys.excepthook = hook
    threading.excepthook = hook.thread_hook
    _installed = hook
    return hook


def uninstall() -> None:
    global _installed
    if _installed is not None:
        sys.excepthook, threading.excepthook = _installed.previous
        _installed = None
