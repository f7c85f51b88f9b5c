"""The helper process: the checklist and the preview's render of a large letter, run beside the window.

A worker *thread* shares the interpreter lock with the GUI thread: while it ran the checklist
or rendered the preview (pure Python, up to a second for the 4x large case), each Qt event the
GUI thread handled waited up to the switch interval (5 ms) for the lock, over and over, and
typing stalled 230-520 ms (bench/RESULTS.md). The helper process has an interpreter of its own,
so the window only hands it the letter's changed parts and collects the outcome.

The process is started (``multiprocessing``'s "spawn": never a fork of a Qt process) at the
first job and shared by every :class:`~mla_writer.gui.background.LatestOnly` of the
application. Each runner (its ``key``) keeps its own copy of the letter in the helper: a
submission sends only the top-level fields of ``letter.model_dump()`` that changed since the
runner's previous one (a keystroke in the facts sends the facts, not the 800 persons). The
helper applies every update in order and runs only the newest job of each runner; the others
are answered as skipped. Nothing here imports Qt (the helper never loads it).

Where the helper cannot run (a frozen bundle, ``MLA_WRITER_NO_HELPER=1``, a process that
could not start or died) the runners fall back to their worker thread: slower for the window,
never a lost result.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import Any

#: Answer of a job the helper did not run (a newer one of its runner came first).
SKIPPED = "skipped"


class Job:
    """A picklable job for the helper: ``function(letter, **options)``, where ``function`` is
    a module-level function (pickled by its name). Calling it runs it here, as a thread
    worker would."""

    in_helper = True

    def __init__(self, function: Callable[..., Any], **options: Any) -> None:
        self.function = function
        self.options = options

    def __call__(self, letter):
        return self.function(letter, **self.options)

    def __eq__(self, other) -> bool:
        return isinstance(other, Job) and (self.function, self.options) == (other.function, other.options)

    def __repr__(self) -> str:
        return f"Job({self.function.__name__}, {self.options!r})"


# -- the jobs -------------------------------------------------------------------------------------
def check_letter(letter, lang: str, today):
    """The checklist's report of ``letter``, messages in UI language ``lang``."""
    from ..checklist import check

    return check(letter, lang, today)


#: Where a note of the abridged preview goes: its kind and count, between private-use
#: characters (the HTML writer escapes only ``&<>"``); :func:`fill_notes` writes the note.
NOTE_MARK = "\ue000{kind}:{count}\ue001"


def _note_pattern():
    """The pattern of a :data:`NOTE_MARK` (kind, count), compiled on first use."""
    global _NOTE
    if _NOTE is None:
        import re

        _NOTE = re.compile("\ue000(characters|blocks):(\\d+)\ue001")
    return _NOTE


_NOTE = None


def _marked_note(kind: str, count: int) -> str:
    return NOTE_MARK.format(kind=kind, count=count)


def render_preview(letter, bilingual: str | None, training: bool) -> str:
    """The preview's HTML of ``letter`` (a very large letter abridged), each cut's note left
    as a mark for :func:`fill_notes` (the note is in the UI language, which the window knows)."""
    from ..render import render_html

    return render_html(letter, letter.output_language, bilingual, training=training, abridged=_marked_note)


def fill_notes(html: str, note: Callable[[str, int], str]) -> str:
    """``html`` with each mark of :func:`render_preview` replaced by ``note(kind, count)``
    (HTML-escaped)."""
    if "\ue000" not in html:
        return html
    import html as html_lib

    return _note_pattern().sub(lambda m: html_lib.escape(note(m.group(1), int(m.group(2))), quote=False), html)


def note_counts(shown: str, new: str) -> list[tuple[str, int, int]] | None:
    """When the HTML ``new`` differs from ``shown`` (both of :func:`render_preview`) in the
    counts of its notes only: ``(kind, count in shown, count in new)`` for every note, in
    order; else None."""
    if "\ue000" not in new or len(shown) > len(new) + 64 or len(new) > len(shown) + 64:
        return None
    a, b = _note_pattern().split(shown), _note_pattern().split(new)
    if len(a) != len(b) or a[0::3] != b[0::3] or a[1::3] != b[1::3]:
        return None
    return [(kind, int(old), int(count)) for kind, old, count in zip(b[1::3], a[2::3], b[2::3])]


# -- the letter from its plain data ---------------------------------------------------------------
#: Items of a list validated at a time by :func:`thaw_into`.
_ITEMS = 25


def thaw_into(letter, snapshot: dict, names=None):
    """The letter of a snapshot (``letter.model_dump()`` of a valid letter), validated field by
    field and a list's items a few at a time: the same letter as
    ``LetterOfRequest.model_validate(snapshot)``, but never holding the interpreter lock for
    long. (pydantic validates in Rust without letting go of the lock: the 4x large case in one
    call held it for 270 ms, a stall of the GUI thread while a worker thread made its copy.)

    ``letter`` None: a new letter from the whole snapshot; else ``letter`` with only the
    fields ``names`` validated again from the snapshot (returned)."""
    from ..model import LetterOfRequest

    validator = LetterOfRequest.__pydantic_validator__
    if letter is None:
        letter = LetterOfRequest.model_construct()
        names = None
    for name in (snapshot if names is None else names):
        if name not in snapshot:
            continue
        value = snapshot[name]
        if isinstance(value, list) and len(value) > _ITEMS:
            items: list = []
            for start in range(0, len(value), _ITEMS):
                validator.validate_assignment(letter, name, value[start:start + _ITEMS])
                items.extend(getattr(letter, name))
            letter.__dict__[name] = items
        else:
            validator.validate_assignment(letter, name, value)
    return letter


# -- in the helper ---------------------------------------------------------------------------------

def serve(conn) -> None:  # pragma: no cover - runs in the helper process (tests drive it through Helper)
    """The helper's loop: messages from ``conn`` until it closes.

    ``("env", None, environ)``: the application's environment, when it changed;
    ``("update", key, changed, removed)``: the runner's copy of the letter changes;
    ``("job", key, job_id, work)``: run ``work`` on the runner's letter (unless a newer job of
    the runner came with the same read); ``("drop", key)``: forget the runner.
    Answers ``(job_id, (result, exception or None))`` or ``(job_id, SKIPPED)``."""
    try:  # background work: the window's process goes first when both want a processor
        os.nice(10)
    except (AttributeError, OSError):  # (no nice on Windows)
        pass
    try:  # what the jobs need, loaded while the window has nothing for the helper yet
        from .. import checklist, render  # noqa: F401
        from ..render import engine, html_writer  # noqa: F401
    except Exception:  # noqa: BLE001 - said by the job that needs it
        pass
    snapshots: dict[Any, dict] = {}
    letters: dict[Any, Any] = {}
    stale: dict[Any, set] = {}
    while True:
        try:
            messages = [conn.recv()]
            while conn.poll():
                messages.append(conn.recv())
        except (EOFError, OSError):
            return
        jobs: dict[Any, tuple] = {}
        for message in messages:
            kind, key = message[0], message[1]
            if kind == "env":  # the application's environment (a test's data folder: MLA_WRITER_DATA_DIR)
                os.environ.clear()
                os.environ.update(message[2])
            elif kind == "update":
                _, _, changed, removed = message
                snapshot = snapshots.setdefault(key, {})
                snapshot.update(changed)
                for name in removed:
                    snapshot.pop(name, None)
                stale.setdefault(key, set()).update(changed)
            elif kind == "job":
                _, _, job_id, work = message
                if key in jobs:
                    conn.send((jobs[key][0], SKIPPED))
                jobs[key] = (job_id, work)
            elif kind == "drop":
                snapshots.pop(key, None)
                letters.pop(key, None)
                stale.pop(key, None)
                if key in jobs:
                    conn.send((jobs.pop(key)[0], SKIPPED))
        for key, (job_id, work) in jobs.items():
            try:
                letter = letters.get(key)
                if letter is None or stale.get(key):
                    letter = letters[key] = thaw_into(letter, snapshots.get(key, {}), stale.pop(key, None))
                outcome = (work(letter), None)
            except Exception as exc:  # noqa: BLE001 - handed to the window, which decides what to say
                letters.pop(key, None)  # (built again from the snapshot next time)
                outcome = (None, exc)
            try:
                conn.send((job_id, outcome))
            except (EOFError, OSError):
                return
            except Exception as exc:  # noqa: BLE001 - an outcome that does not pickle: said as an error
                conn.send((job_id, (None, RuntimeError(f"{type(exc).__name__}: {exc} ({outcome[1]!r})"))))


# -- in the application ----------------------------------------------------------------------------
class Helper:
    """The application's side of the helper process: sends runners' updates and jobs (from a
    thread of its own: a large update never blocks the GUI thread on the pipe) and completes
    each job's :class:`~concurrent.futures.Future` with what comes back (another thread).

    A future's result is ``(result, exception or None)``, :data:`SKIPPED`, or None when the
    helper ended before answering (:attr:`alive` is then False for good)."""

    def __init__(self) -> None:
        import multiprocessing
        import queue

        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=serve, args=(child,), daemon=True, name="mla-writer-helper")
        self.process.start()
        child.close()
        self.alive = True
        self._lock = threading.Lock()
        self._futures: dict[int, Any] = {}
        self._ids = 0
        self._env: dict | None = None
        self._outbox: queue.Queue = queue.Queue()
        self._sender = threading.Thread(target=self._send_loop, name="mla-writer-helper-send", daemon=True)
        self._receiver = threading.Thread(target=self._receive_loop, name="mla-writer-helper-receive", daemon=True)
        self._sender.start()
        self._receiver.start()

    def update(self, key, changed: dict, removed: list) -> None:
        self._outbox.put(("update", key, changed, removed))

    def drop(self, key) -> None:
        if self.alive:
            self._outbox.put(("drop", key))

    def run(self, key, work):
        """A future for ``work`` run on the runner ``key``'s letter."""
        from concurrent.futures import Future

        future: Future = Future()
        future.set_running_or_notify_cancel()
        with self._lock:
            if not self.alive:
                future.set_result(None)
                return future
            self._ids += 1
            self._futures[self._ids] = future
            env = dict(os.environ)
            if env != self._env:  # (the checklist reads the installed State packs from the data folder)
                self._env = env
                self._outbox.put(("env", None, env))
            self._outbox.put(("job", key, self._ids, work))
        return future

    def _send_loop(self) -> None:
        while True:
            message = self._outbox.get()
            if message is None:
                return
            try:
                self.conn.send(message)
            except Exception as exc:  # noqa: BLE001 - a job that does not pickle, or the helper gone
                if message[0] == "job" and not isinstance(exc, OSError | EOFError):
                    self._answer(message[2], (None, exc))
                    continue
                self._end()
                return

    def _receive_loop(self) -> None:
        while True:
            try:
                job_id, outcome = self.conn.recv()
            except Exception:  # noqa: BLE001 - EOF: the helper ended (or an answer that does not unpickle)
                self._end()
                return
            self._answer(job_id, outcome)

    def _answer(self, job_id: int, outcome) -> None:
        with self._lock:
            future = self._futures.pop(job_id, None)
        if future is not None:
            future.set_result(outcome)

    def _end(self) -> None:
        """The helper is gone: every pending future gets None (its runner runs it in its thread)."""
        with self._lock:
            self.alive = False
            futures, self._futures = self._futures, {}
        for future in futures.values():
            future.set_result(None)

    def close(self) -> None:
        """End the helper process (at exit; a later job starts a new one)."""
        self._outbox.put(None)
        self.alive = False
        try:
            self.conn.close()
        except OSError:
            pass
        self.process.join(2)
        if self.process.is_alive():
            self.process.terminate()
        self._end()


_helper: Helper | None = None
_failed = False

#: A letter whose snapshot holds at least this many characters (its texts, and 50 for each
#: object of it) is "large": from then on the runners send their jobs to the helper process.
#: An ordinary letter (the longest shipped sample holds about 40,000) never starts it, so it
#: costs no second process (about 90 MiB, with its own copy of the model) and its check (5 ms)
#: and preview (15 ms) run in the runner's thread; the issue's large case (500,000 characters
#: of facts, 350 persons, offences and measures) does.
LARGE_LETTER = 200_000
_large = False


def note_letter(snapshot: dict) -> None:
    """A runner is about to work on ``snapshot`` (``letter.model_dump()``): a large one makes the
    helper wanted for the rest of the session. The count stops as soon as it passes
    :data:`LARGE_LETTER`, so a large letter costs as little as a small one."""
    global _large
    if _large:
        return
    total = 0
    stack: list = [snapshot]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, dict):
            total += 50
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        if total >= LARGE_LETTER:
            _large = True
            return


def expect_large(size_bytes: int) -> None:
    """A draft file of ``size_bytes`` bytes is about to be opened: at :data:`LARGE_LETTER` or
    more it holds a large letter, so the helper is wanted and started now, while the draft
    loads (starting it and loading its modules takes about a second, which the first check and
    preview of the opened draft would otherwise wait for)."""
    global _large
    if size_bytes >= LARGE_LETTER and enabled():
        _large = True
        helper()


def wanted() -> bool:
    """Whether the runners send their jobs to the helper process: it is :func:`enabled` and a
    large letter was seen (:func:`note_letter`), or ``MLA_WRITER_HELPER=always``."""
    return enabled() and (_large or os.environ.get("MLA_WRITER_HELPER") == "always")


def enabled() -> bool:
    """Whether jobs may go to the helper process: not in a frozen bundle (its executable
    would open the application again) nor with ``MLA_WRITER_NO_HELPER=1``, nor after a start
    that failed."""
    return not (_failed or getattr(sys, "frozen", False) or os.environ.get("MLA_WRITER_NO_HELPER") == "1")


def helper() -> Helper | None:
    """The running helper (started on first need), or None where there is none (:func:`enabled`)."""
    global _helper, _failed
    if not enabled():
        return None
    if _helper is None or not _helper.alive:
        try:
            _helper = Helper()
        except Exception as exc:  # noqa: BLE001 - no helper: the runners use their threads
            _failed = True
            print(f"MLA Writer: the helper process could not start ({exc}); working in threads", file=sys.stderr)
            return None
        import atexit

        atexit.register(_helper.close)
    return _helper


def job(function: Callable[..., Any], **options: Any) -> Job:
    """A :class:`Job` (picklable: ``function`` must be a module-level function)."""
    return Job(function, **options)

