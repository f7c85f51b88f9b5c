"""Autosave every 30 seconds to the user data folder; offer recovery after a crash.

Each running window writes ``autosave/<id>.mlar`` (a normal draft document plus the path of
the file it came from) and holds ``<id>.lock`` (a :class:`QLockFile`). A clean exit removes
both. At start-up, an autosave whose lock can be taken belonged to a session that died:
that is what recovery offers. Qt's lock files know when their owner process is gone.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer

INTERVAL_MS = 30_000


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
    """Writes the session's letter when it has changed since the last write."""

    def __init__(self, session_getter, folder: Path | None = None, interval_ms: int = INTERVAL_MS, parent=None) -> None:
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
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()

    def note_edit(self) -> None:
        self.generation += 1

    def save_now(self) -> bool:
        """Write the autosave if anything changed since the last one; True if written."""
        session = self.session_getter()
        if session is None or self.generation == self.saved_generation or not session.dirty:
            return False
        import json

        from ..storage import atomic_write_text, document

        doc = document(session.letter)
        doc["autosave_of"] = str(session.path) if session.path else None
        atomic_write_text(self.path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n", backup=False)
        self.saved_generation = self.generation
        return True

    def clear(self) -> None:
        """The work is saved (or deliberately discarded): no recovery needed."""
        self.path.unlink(missing_ok=True)
        self.saved_generation = self.generation

    def close(self) -> None:
        self.timer.stop()
        self.clear()
        self.lock.unlock()
