"""Autosave to the user data folder shortly after each change; offer recovery after a crash.

The recovery copy is written :data:`DELAY_MS` after the last edit (typing does not write on
every key), at the latest :data:`MAX_DELAY_MS` after the first unsaved one (a long stretch of
typing), and at once when the focus leaves a field, the application loses the focus or the
window is asked to close (before any question about saving): a crash loses seconds, not
half a minute.

Each running window writes ``autosave/<id>.mlar`` (a normal draft document plus the path of
the file it came from and the step the user was on) and holds ``<id>.lock`` (a
:class:`QLockFile`). A clean exit removes both. At start-up, an autosave whose lock can be
taken belonged to a session that died: that is what recovery offers, every one of them (see
:meth:`~mla_writer.gui.files.DraftFilesMixin.offer_recovery`). Qt's lock files know when their
owner process is gone; a lock file left without its autosave by a run that died before its
first copy is removed by :func:`find_orphans`.

Nothing is deleted that could not be read: a copy that fails to load is renamed
``<id>.mlar.unreadable`` (:meth:`Orphan.keep_unreadable`) and the user is told where it is.
The folder is private to the user (0700): the copies hold the letter's content.

The folder is ``autosave/`` in the user's data folder (:func:`data_folder`: platformdirs,
``~/.local/share/MLA Writer`` on Linux). Earlier versions used Qt's application data folder,
which names the application twice (organisation and application: ``MLA Writer/MLA Writer``);
recovery still finds the autosaves left there (:func:`legacy_folders`), and the personal word
lists kept beside them move to the new place (:func:`move_legacy_data`).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal

# (Qt and QEvent are imported where used: Qt's namespace costs 30-80 ms on first use, which
# the window's first paint does not need.)

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


#: What an unreadable recovery copy is renamed to (``<id>.mlar`` + this): kept, never offered again.
UNREADABLE_SUFFIX = ".unreadable"


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
                from ..spelling import private

                private(target.parent, folder=True)  # (the word lists hold names: owner-only)
                target.touch(mode=0o600, exist_ok=True)
                private(target)
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


def private_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) if needed and make it readable by its owner only."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.chmod(folder, 0o700)
    except OSError:
        pass  # (a folder of another user's, or a file system without modes: nothing more to do)


class Orphan:
    """An autosave left by a session that ended without saving.

    ``saved_at`` is the ISO time the copy was written ("" if unknown); ``step`` the index of the
    wizard step the user was on (None if the copy does not say)."""

    def __init__(self, path: Path, source: str | None, saved_at: str, lock: QLockFile, step: int | None = None,
                 source_known: bool = True) -> None:
        self.path = path
        self.source = source  # the draft file it was editing, if any
        #: False when the copy does not say which draft it holds (encrypted, or damaged)
        self.source_known = source_known
        self.saved_at = saved_at
        self.lock = lock
        self.step = step

    def saved_time(self) -> dt.datetime | None:
        """When the copy was written, in the computer's local time (None if unknown)."""
        try:
            when = dt.datetime.fromisoformat(self.saved_at)
        except (TypeError, ValueError):
            try:
                when = dt.datetime.fromtimestamp(self.path.stat().st_mtime, dt.timezone.utc)
            except OSError:
                return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.timezone.utc)
        return when.astimezone()

    def load(self):
        """The letter in the copy; :class:`~mla_writer.storage.DraftError` if it cannot be read."""
        from ..storage import MAX_FILE_BYTES, loads, read_draft_bytes

        data, _stamp = read_draft_bytes(self.path, MAX_FILE_BYTES)
        return loads(data, self.path.name)

    def load_encrypted(self, passphrase: str):
        """``(letter, sealer)`` of an encrypted copy; :class:`~mla_writer.storage.DraftError`
        (``WrongPassphrase`` among them) if it cannot be read."""
        from ..storage import MAX_FILE_BYTES, Sealer, loads, read_draft_bytes

        data, _stamp = read_draft_bytes(self.path, MAX_FILE_BYTES)
        sealer, plain = Sealer.open(data, passphrase, self.path.name)
        letter = loads(plain, self.path.name)
        # what the copy says of itself, sealed with it: the draft file it was editing and the step
        source, saved_at, step, known = _meta_of(plain)
        if known:
            self.source, self.step, self.source_known = source, step, True
            self.saved_at = saved_at or self.saved_at
        return letter, sealer

    def keep_unreadable(self) -> Path:
        """Rename a copy that cannot be read to ``<id>.mlar.unreadable`` (never deleted, never
        offered again) and release its lock; return where it is now."""
        kept = self.path.with_name(self.path.name + UNREADABLE_SUFFIX)
        try:
            os.replace(self.path, kept)
        except OSError:
            kept = self.path
        self.path = kept  # (its time is still read from it)
        self.release()
        return kept

    def release(self) -> None:
        """Leave the copy where it is, for the next start, and let go of its lock."""
        self.lock.unlock()
        Path(self.lock.fileName()).unlink(missing_ok=True)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
        self.release()


def find_orphans(folder: Path | None = None, legacy: list[Path] | None = None) -> list[Orphan]:
    """The autosaves of runs that died (newest first), in ``folder`` (default
    :func:`default_folder`) and in the older folders ``legacy`` (default: none), each locked for
    this window until :meth:`Orphan.discard`, :meth:`Orphan.release` or
    :meth:`Orphan.keep_unreadable`. Lock files left by runs that died before writing any copy
    are removed."""
    found = []
    folder = folder or default_folder()
    paths = [path for place in [folder, *(legacy or [])] if place.is_dir()
             for path in sorted(place.glob("*.mlar"))]
    for path in paths:
        lock = QLockFile(str(path.with_suffix(".lock")))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # another running window owns it
        source, saved_at, step, known = _read_meta(path)
        found.append(Orphan(path, source, saved_at, lock, step, source_known=known))
    prune_stale_locks(folder)
    found.sort(key=lambda o: o.saved_time() or dt.datetime.min.replace(tzinfo=dt.timezone.utc), reverse=True)
    return found


def _read_meta(path: Path) -> "tuple[str | None, str, int | None, bool]":
    """``(source, saved_at, step, known)`` of an autosave: the draft file it was editing (None:
    a new draft), when it was written (ISO, "" if unknown), the wizard step, and whether the
    copy said at all (False: it is encrypted, or too damaged to tell). A damaged copy (cut off
    while being written) is read as far as it goes: the keys written before the damage count."""
    import json
    import re

    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None, "", None, False
    from ..storage.crypto import is_encrypted

    if is_encrypted(data):
        return None, "", None, False
    return _meta_of(data)


def _meta_of(data: bytes) -> "tuple[str | None, str, int | None, bool]":
    """:func:`_read_meta` of a copy's (plain, or decrypted) bytes."""
    import json
    import re

    text = data.decode("utf-8", errors="replace")
    try:
        meta = json.loads(text)
        if not isinstance(meta, dict):
            raise ValueError
    except (ValueError, RecursionError):
        meta = {}
        decoder = json.JSONDecoder()
        for key in ("autosave_of", "saved_at", "autosave_step"):
            at = re.search(f'"{key}"\\s*:\\s*', text)
            if at is None:
                continue
            try:
                meta[key], _end = decoder.raw_decode(text, at.end())
            except ValueError:
                continue
        if "autosave_of" not in meta:
            return None, str(meta.get("saved_at", "")), None, False
    source, step = meta.get("autosave_of"), meta.get("autosave_step")
    return (source if isinstance(source, str) else None, str(meta.get("saved_at", "")),
            step if isinstance(step, int) and not isinstance(step, bool) else None, True)


def prune_stale_locks(folder: Path) -> list[Path]:
    """Remove the lock files in ``folder`` that have no autosave beside them and whose owner
    process is gone; return them."""
    removed = []
    for lock_path in sorted(folder.glob("*.lock")):
        if lock_path.with_suffix(".mlar").exists():
            continue
        lock = QLockFile(str(lock_path))
        lock.setStaleLockTime(0)
        if lock.tryLock(0):  # its owner is gone (a running window's lock cannot be taken)
            lock.unlock()  # (removes the file)
            lock_path.unlink(missing_ok=True)
            removed.append(lock_path)
    return removed


def json_bytes(document: dict) -> bytes:
    """``document`` (a recovery copy: JSON values) as UTF-8 JSON text: one top-level entry, one
    of the letter's fields and one item of a list per line. Made by :mod:`json`'s C encoder a
    value at a time (an object's entries separately down to the letter's texts, a list's items
    one by one) and encoded to UTF-8 piece by piece: the indented encoder is written in
    Python, and its 0.4-0.9 s for a 4x large case, in the autosave's thread, kept taking the
    interpreter lock from the GUI thread (typing stalled); and no single call (the encoder's,
    UTF-8's, a join of the text) holds the lock for the whole 4 MB."""
    import json

    out: list[bytes] = []

    def put(value, depth: int, line: bytes) -> None:
        if isinstance(value, dict) and value and depth < 4:  # (the letter's texts are at depth 4)
            out.append(b"{" + line)
            for i, (key, item) in enumerate(value.items()):
                if i:
                    out.append(b"," + line)
                out.append(json.dumps(key, ensure_ascii=False).encode("utf-8") + b": ")
                put(item, depth + 1, line if depth < 2 else b"")
            out.append(line + b"}")
        elif isinstance(value, list) and value and depth < 4:
            out.append(b"[")
            for i, item in enumerate(value):
                if i:
                    out.append(b"," + line)
                out.append(json.dumps(item, ensure_ascii=False).encode("utf-8"))
            out.append(b"]")
        else:
            out.append(json.dumps(value, ensure_ascii=False).encode("utf-8"))

    put(document, 0, b"\n")
    out.append(b"\n")
    return b"".join(out)


class _Unreadable(Exception):
    """The worker could not rebuild the letter from its plain data (it is written from the letter itself)."""


class Autosaver(QObject):
    """Writes the session's letter when it has changed since the last write: see the module.

    The timers and focus changes write in the background (:meth:`save_later`): the letter is
    turned into plain data on the GUI thread (a few milliseconds: new dicts and lists around the
    same immutable strings), and the JSON text, its encryption and the fsynced write happen in
    one worker thread, in order. :meth:`save_now` (closing, an unexpected error, recovery)
    writes at once and first waits for a background write, so an older copy never lands after
    a newer one; so do :meth:`clear` and :meth:`close`.
    """

    saved = Signal()  # a recovery copy was written
    _written = Signal(int, object)  # (generation, error or None), from the worker thread

    def __init__(self, session_getter, folder: Path | None = None, delay_ms: int = DELAY_MS, parent=None,
                 max_delay_ms: int = MAX_DELAY_MS, watch_state: bool = True) -> None:
        """``watch_state=False``: the application's active/inactive changes are followed only
        after :meth:`watch_state` (the main window calls it in its second stage: the signal's
        argument needs Qt's namespace, 30-80 ms to build, which the first paint does without)."""
        super().__init__(parent)
        self.session_getter = session_getter
        #: older folders whose autosaves recovery also offers (those of earlier versions, when
        #: the folder is the default one)
        self.legacy_folders: list[Path] = legacy_folders() if folder is None else []
        self.folder = folder or default_folder()
        private_folder(self.folder)
        name = os.urandom(6).hex()  # (not uuid: its import costs more than the window's first paint budget allows)
        self.path = self.folder / f"{name}.mlar"
        self.lock = QLockFile(str(self.folder / f"{name}.lock"))
        self.lock.setStaleLockTime(0)
        self.lock.tryLock(0)
        self.generation = 0
        self.saved_generation = 0
        self._worker = None  # a ThreadPoolExecutor with one thread, made at the first background write
        self._inflight = None  # the Future of the background write in progress
        self._written.connect(self._after_write)
        #: The last background write's error (an OSError: a full disk), None when it succeeded.
        self.last_error: BaseException | None = None
        #: Restarted by every edit: fires once the user pauses.
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save_later)
        #: Started by the first edit not yet written: bounds the wait while the user types on.
        self.deadline = QTimer(self)
        self.deadline.setSingleShot(True)
        self.deadline.setInterval(max_delay_ms)
        self.deadline.timeout.connect(self.save_later)
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)
        self._watching_state = False
        if watch_state:
            self.watch_state()
        if parent is not None:
            parent.installEventFilter(self)  # its close request: write first, then ask

    def watch_state(self) -> None:
        """Write soon when the application stops being the active one (once connected)."""
        from PySide6.QtCore import Qt  # (built before the signal can deliver Qt::ApplicationState)
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None and not self._watching_state:
            Qt.ApplicationState  # noqa: B018 (PySide converts the argument only once this type exists)
            app.applicationStateChanged.connect(self._state_changed)
            self._watching_state = True

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
        if old is not None and self.pending():
            self.save_later()

    def _state_changed(self, state) -> None:
        from PySide6.QtCore import Qt

        if state != Qt.ApplicationState.ApplicationActive and self.pending():
            self.save_later()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.Close:
            self.flush()
        return False

    def _snapshot(self) -> "tuple[object, object] | None":
        """(make, sealer) for the letter as it is now, or None when nothing needs writing:
        ``make()`` returns the recovery copy's document and may run in the worker thread.

        The GUI thread only takes the letter's plain data (``model_dump()``, new dicts and lists
        around the same immutable values); the worker converts it to JSON values in small steps
        (``storage.document_of_data``), building no letter (a copy of a large letter, made in
        the worker, set off full garbage collections there that held the interpreter lock). The JSON conversion on
        the GUI thread (``storage.document``) stalled it 50-130 ms for a 4x large case."""
        self.timer.stop()
        self.deadline.stop()
        session = self.session_getter()
        if session is None or not self.pending() or not session.dirty:
            return None
        step = getattr(self.parent(), "current", None)  # the window's step: recovery reopens it
        # what recovery shows first: a copy cut off while being written still says it
        head = {"autosave_of": str(session.path) if session.path else None,
                "autosave_step": step if isinstance(step, int) else None}
        from ..storage import letter_data

        data = letter_data(session.letter)

        def make() -> dict:
            from ..storage import document_of_data

            try:
                doc = document_of_data(data)
            except Exception as exc:  # noqa: BLE001 - written from the letter itself instead (_after_write)
                raise _Unreadable(exc) from exc
            return {**head, **doc}

        return make, getattr(session, "sealer", None)  # an encrypted draft's copy is encrypted too

    def _write(self, make, sealer) -> None:
        from ..storage import atomic_write_bytes

        data = json_bytes(make())
        atomic_write_bytes(self.path, sealer.seal(data) if sealer is not None else data, backup=False)

    def _here(self):
        """``make`` of the letter as it is now, converted on this (the GUI) thread."""
        from ..storage import document

        session = self.session_getter()
        step = getattr(self.parent(), "current", None)
        head = {"autosave_of": str(session.path) if session.path else None,
                "autosave_step": step if isinstance(step, int) else None}
        return lambda: {**head, **document(session.letter)}

    def wait(self) -> None:
        """Wait until the background write in progress, if any, is on disk (or has failed)."""
        future, self._inflight = self._inflight, None
        if future is not None:
            try:
                future.result()
            except Exception:
                pass  # (reported through _after_write)
        from PySide6.QtCore import QCoreApplication

        QCoreApplication.sendPostedEvents(self)  # its _written signal, if still queued

    def save_later(self) -> bool:
        """Write the autosave in the background if anything changed; True if a write started."""
        snapshot = self._snapshot()
        if snapshot is None:
            return False
        if self._worker is None:
            from concurrent.futures import ThreadPoolExecutor

            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mla-writer-autosave")
        generation = self.generation

        def job() -> None:
            try:
                self._write(*snapshot)
            except Exception as exc:  # a full disk: the next edit or timer tries again
                self._written.emit(generation, exc)
            else:
                self._written.emit(generation, None)

        self._inflight = self._worker.submit(job)
        return True

    def _after_write(self, generation: int, error) -> None:
        if isinstance(error, _Unreadable):  # the worker could not rebuild the letter: convert it here
            self.wait()
            try:
                self._write(self._here(), getattr(self.session_getter(), "sealer", None))
            except Exception as exc:  # a full disk: the next edit or timer tries again
                error = exc
            else:
                error = None
        if error is not None:
            self.last_error = error
            import sys

            print(f"MLA Writer: the recovery copy could not be written: {error}", file=sys.stderr)
            return
        self.last_error = None
        if self.path.exists():  # (not cleared meanwhile)
            self.saved_generation = max(self.saved_generation, generation)
            self.saved.emit()

    def save_now(self) -> bool:
        """Write the autosave now if anything changed since the last one; True if written.
        Raises OSError if it cannot be written."""
        self.wait()
        if self._snapshot() is None:  # (nothing to write)
            return False
        self._write(self._here(), getattr(self.session_getter(), "sealer", None))  # (converted here: no worker to wait for)
        self.saved_generation = self.generation
        self.saved.emit()
        return True

    def clear(self) -> None:
        """The work is saved (or deliberately discarded): no recovery needed."""
        self.wait()
        self.path.unlink(missing_ok=True)
        self.saved_generation = self.generation
        self.timer.stop()
        self.deadline.stop()

    def close(self) -> None:
        self.timer.stop()
        self.deadline.stop()
        self.clear()
        if self._worker is not None:
            self._worker.shutdown(wait=True)
            self._worker = None
        self.lock.unlock()
