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

The folder is ``autosave/`` in the user's data folder (:func:`data_folder`: platformdirs,
``~/.local/share/MLA Writer`` on Linux). Earlier versions used Qt's application data folder,
which names the application twice (organisation and application: ``MLA Writer/MLA Writer``);
recovery still finds the autosaves left there (:func:`legacy_folders`), and the personal word
lists kept beside them move to the new place (:func:`move_legacy_data`).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QLockFile, QObject, QStandardPaths, Qt, QTimer, Signal

#: The recovery copy is written this long after the last edit ...
DELAY_MS = 2_000
#: ... and at the latest this long after the first edit it does not hold yet.
MAX_DELAY_MS = 8_000


#: The application's folder name in the user's folders (the organisation is not repeated).
APP_FOLDER = "MLA Writer"


def data_folder() -> Path:
    """The user's data folder of the application (``~/.local/share/MLA Writer`` on Linux,
    ``%LOCALAPPDATA%\\MLA Writer`` on Windows, ``~/Library/Application Support/MLA Writer``
    on macOS)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_FOLDER, appauthor=False))


def default_folder() -> Path:
    """Where the recovery copies go: ``autosave/`` in :func:`data_folder`."""
    return data_folder() / "autosave"


def legacy_data_folders() -> list[Path]:
    """The data folders earlier versions used, when not :func:`data_folder`: Qt's application
    data folder, whose path names the application twice (``MLA Writer/MLA Writer``)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not base:
        return []
    old, new = Path(base), data_folder()
    return [] if old == new else [old]


def legacy_folders() -> list[Path]:
    """The autosave folders of earlier versions (:func:`legacy_data_folders`); recovery reads them too."""
    return [folder / "autosave" for folder in legacy_data_folders()]


def move_legacy_data(folder: Path | None = None, legacy: list[Path] | None = None) -> list[Path]:
    """Move the personal word lists (``dictionary/<lang>.dic``) of the earlier data folders
    ``legacy`` (default :func:`legacy_data_folders`) into ``folder`` (default
    :func:`data_folder`); a word list that exists in both places gets the words of both.
    Returns the word lists written. A file that cannot be moved stays where it was (nothing is
    lost; OSError is not raised)."""
    folder = folder or data_folder()
    moved = []
    for old in legacy_data_folders() if legacy is None else legacy:
        old_words = old / "dictionary"
        for path in sorted(old_words.glob("*.dic")) if old_words.is_dir() else []:
            target = folder / "dictionary" / path.name
            try:
                words = path.read_text(encoding="utf-8").splitlines()
                if target.exists():
                    held = target.read_text(encoding="utf-8").splitlines()
                    words = held + [w for w in words if w not in set(held)]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
                path.unlink()
            except OSError:
                continue
            moved.append(target)
        for empty in (old_words, old / "autosave", old):
            try:
                empty.rmdir()  # only when empty: an autosave left there is read by recovery
            except OSError:
                pass
    return moved


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


def find_orphans(folder: Path | None = None, legacy: list[Path] | None = None) -> list[Orphan]:
    """The autosaves of sessions that ended without saving, in ``folder`` (default
    :func:`default_folder`) and in the older folders ``legacy`` (default: none)."""
    import json

    found = []
    paths = [path for place in [folder or default_folder(), *(legacy or [])] if place.is_dir()
             for path in sorted(place.glob("*.mlar"))]
    for path in paths:
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
        #: older folders whose autosaves recovery also offers (those of earlier versions, when
        #: the folder is the default one)
        self.legacy_folders: list[Path] = legacy_folders() if folder is None else []
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
