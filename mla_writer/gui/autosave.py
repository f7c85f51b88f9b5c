"""Autosave to the user data folder shortly after each change; offer recovery after a crash.

The recovery copy is written :data:`DELAY_MS` after the last edit (typing does not write on
every key), at the latest :data:`MAX_DELAY_MS` after the first unsaved one (a long stretch of
typing), and at once when the focus leaves a field, the application loses the focus or the
window is asked to close (before any question about saving): a crash loses seconds, not
half a minute.

Each running window writes ``autosave/<id>.mlar`` (a normal draft document plus the path of
the file it came from) and holds ``<id>.lock`` (a :class:`QLockFile`). A clean exit removes
both. At start-up, an autosave whose lock can be taken belonged to a session that died:
that is what recovery offers. Qt's lock files know when their owner process is gone.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QLockFile, QObject, QStandardPaths, Qt, QTimer, Signal

#: The recovery copy is written this long after the last edit ...
DELAY_MS = 2_000
#: ... and at the latest this long after the first edit it does not hold yet.
MAX_DELAY_MS = 8_000


def default_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "autosave"


class Orphan:
    """An autosave left by a session that ended without saving."""

    def __init__(self, path: Path, source: str | None, saved_at: str, lock: QLockFile) -> None:
        self.path = path
        self.source = source  # the draft file it was editing, if any
        self.saved_at = saved_at
        self.lock = lock

    def load(self):
        from ..storage import loads

        return loads(self.path.read_bytes(), self.path.name)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
        self.lock.unlock()
        Path(self.lock.fileName()).unlink(missing_ok=True)


def find_orphans(folder: Path | None = None) -> list[Orphan]:
    import json

    folder = folder or default_folder()
    found = []
    for path in sorted(folder.glob("*.mlar")) if folder.is_dir() else []:
        lock = QLockFile(str(path.with_suffix(".lock")))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # another running window owns it
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
            source, saved_at = meta.get("autosave_of"), str(meta.get("saved_at", ""))
        except (OSError, ValueError, AttributeError):
            source, saved_at = None, ""
        found.append(Orphan(path, source, saved_at, lock))
    return found


class Autosaver(QObject):
    """Writes the session's letter when it has changed since the last write: see the module."""

    saved = Signal()  # a recovery copy was written

    def __init__(self, session_getter, folder: Path | None = None, delay_ms: int = DELAY_MS, parent=None,
                 max_delay_ms: int = MAX_DELAY_MS) -> None:
        super().__init__(parent)
        self.session_getter = session_getter
        self.folder = folder or default_folder()
        self.folder.mkdir(parents=True, exist_ok=True)
        name = os.urandom(6).hex()  # (not uuid: its import costs more than the window's first paint budget allows)
        self.path = self.folder / f"{name}.mlar"
        self.lock = QLockFile(str(self.folder / f"{name}.lock"))
        self.lock.setStaleLockTime(0)
        self.lock.tryLock(0)
        self.generation = 0
        self.saved_generation = 0
        #: Restarted by every edit: fires once the user pauses.
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save_now)
        #: Started by the first edit not yet written: bounds the wait while the user types on.
        self.deadline = QTimer(self)
        self.deadline.setSingleShot(True)
        self.deadline.setInterval(max_delay_ms)
        self.deadline.timeout.connect(self.save_now)
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)
            app.applicationStateChanged.connect(self._state_changed)
        if parent is not None:
            parent.installEventFilter(self)  # its close request: write first, then ask

    def pending(self) -> bool:
        """Whether an edit has not been written yet."""
        return self.generation != self.saved_generation

    def note_edit(self) -> None:
        self.generation += 1
        self.timer.start()
        if not self.deadline.isActive():
            self.deadline.start()

    def flush(self) -> bool:
        """Write now if an edit is waiting; True if written."""
        return self.pending() and self.save_now()

    def _focus_changed(self, old, _new) -> None:
        if old is not None:
            self.flush()

    def _state_changed(self, state) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.flush()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Close:
            self.flush()
        return False

    def save_now(self) -> bool:
        """Write the autosave if anything changed since the last one; True if written."""
        self.timer.stop()
        self.deadline.stop()
        session = self.session_getter()
        if session is None or not self.pending() or not session.dirty:
            return False
        import json

        from ..storage import atomic_write_text, document

        doc = document(session.letter)
        doc["autosave_of"] = str(session.path) if session.path else None
        atomic_write_text(self.path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n", backup=False)
        self.saved_generation = self.generation
        self.saved.emit()
        return True

    def clear(self) -> None:
        """The work is saved (or deliberately discarded): no recovery needed."""
        self.path.unlink(missing_ok=True)
        self.saved_generation = self.generation
        self.timer.stop()
        self.deadline.stop()

    def close(self) -> None:
        self.timer.stop()
        self.deadline.stop()
        self.clear()
        self.lock.unlock()
