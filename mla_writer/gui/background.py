"""Work on the letter off the GUI thread: the live preview and the checklist after an edit.

The GUI thread takes a snapshot of the letter as plain data (``model_dump``: new dicts and
lists around the same immutable values, 3 ms for the large case where a deep copy took 84 ms)
and goes back to the user at once; one worker thread builds its own letter from the snapshot
(``model_validate``), which the GUI thread never touches, and runs the work on it.

Only the newest result is delivered: a job superseded before it starts is not run, and the
result of one superseded while it ran is dropped. So a slow preview or check never shows the
letter as it was before a later edit, and typing is never blocked by either.

The worker is a Python thread (``concurrent.futures``), not a ``QThreadPool``: a pool destroyed
with its window waits for its job in C++, holding the interpreter lock the job needs to finish
(a deadlock seen when a window closed while a check ran). The worker touches no Qt object at
all: it leaves its outcome in its future, and a timer of the GUI thread collects it. (Emitting a
signal from the worker crashed the process when the window, and the signal's object with it,
was destroyed while a job ran.)
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor


#: How often (ms) the GUI thread looks for a finished job while one is pending.
POLL_MS = 15


def thaw(snapshot: dict):
    """The letter of a snapshot (``letter.model_dump()`` of a valid letter), validated a field
    (and a list's few items) at a time: :func:`~mla_writer.gui.helper_process.thaw_into`."""
    from .helper_process import thaw_into

    return thaw_into(None, snapshot)


_keys = itertools.count(1)

#: The interpreter's switch interval (s) once a runner has work: a thread of this process that
#: computes (the long texts' word counts, the autosave's JSON, a runner without the helper
#: process) keeps the interpreter lock this long when the GUI thread asks for it back, and the
#: GUI thread asks for it after each Qt call it makes (Python's default, 5 ms, added up to
#: stalls of 100 ms and more while a worker ran).
SWITCH_INTERVAL = 0.0005


def responsive() -> None:
    """Let the GUI thread have the interpreter lock back within :data:`SWITCH_INTERVAL`."""
    import sys

    if sys.getswitchinterval() > SWITCH_INTERVAL:
        sys.setswitchinterval(SWITCH_INTERVAL)


class _Job:
    def __init__(self, runner: "LatestOnly", generation: int, snapshot: dict, work: Callable[[Any], Any]) -> None:
        self.runner = runner
        self.generation = generation
        self.snapshot = snapshot
        self.work = work

    def run(self) -> tuple[int, Any, Exception | None] | None:
        """In the worker: ``(generation, result, exception or None)``, or None when superseded
        before it started. Touches no Qt object."""
        if self.generation != self.runner.generation:  # (read across threads: an int, at worst one run too many)
            return None  # superseded before it started
        try:
            return self.generation, self.work(thaw(self.snapshot)), None
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which decides what to say
            return self.generation, None, exc


class LatestOnly(QObject):
    """Runs ``work(letter)`` in one worker thread on a snapshot of the letter given to
    :meth:`submit`, and emits :attr:`finished` (the result) or :attr:`failed` (the exception)
    on the GUI thread for the newest submission only.

    ``generation`` counts submissions (and cancellations); ``shown_generation`` is the one
    whose outcome was delivered last (0: none yet)."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Any], Any] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.pool: ThreadPoolExecutor | None = None  # (made on the first submission)
        self._last: Future | None = None
        self._futures: list[Future] = []
        self.poll = QTimer(self)  # (the GUI thread's: collects what the worker finished)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self._collect)
        self.generation = 0
        self.shown_generation = 0
        self._submitted = 0
        #: This runner's letter in the helper process (:mod:`.helper_process`): its key there,
        #: the helper it was sent to and the snapshot sent last (what the next one is compared to).
        self._key = next(_keys)
        self._sent_to = None
        self._sent: dict = {}
        #: (generation, _Job) of each pending job of the helper, by its future
        self._in_helper: dict = {}

    def submit(self, letter, work: Callable[[Any], Any] | None = None) -> int:
        """Snapshot ``letter`` now and run ``work`` (by default the runner's) on it in the
        worker; earlier submissions are superseded. Returns the submission's generation."""
        self.generation += 1
        responsive()
        # What lives now (the letter, the windows, the modules) is left out of the cycle
        # collector's full passes: one of them, run in the worker while it built its copy of a
        # large case, held the interpreter lock for 270 ms. (Objects freed by their count, as
        # these are, still are; only cyclic garbage among them would stay.)
        gc.freeze()
        snapshot = letter.model_dump()  # (plain data: the worker makes its own letter)
        job = _Job(self, self.generation, snapshot, work or self.work)
        self._last = self._to_helper(job) if getattr(job.work, "in_helper", False) else None
        if self._last is None:
            self._last = self._in_thread(job)
        self._futures.append(self._last)
        self._submitted = self.generation
        if not self.poll.isActive():
            self.poll.start()
        return self.generation

    def _in_thread(self, job: _Job):
        if self.pool is None:
            from concurrent.futures import ThreadPoolExecutor  # (imported with the first job: not before the first paint)

            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mla-writer-background")
        return self.pool.submit(job.run)

    def _to_helper(self, job: _Job):
        """Send ``job`` to the helper process (only the fields changed since this runner's
        last job travel); its future, or None where there is no helper."""
        from . import helper_process

        helper_process.note_letter(job.snapshot)
        helper = helper_process.helper() if helper_process.wanted() else None
        if helper is None:
            return None
        sent = self._sent if self._sent_to is helper else {}
        snapshot = job.snapshot
        changed = {name: value for name, value in snapshot.items() if name not in sent or sent[name] != value}
        removed = [name for name in sent if name not in snapshot]
        if changed or removed or self._sent_to is not helper:
            helper.update(self._key, changed, removed)
        self._sent, self._sent_to = snapshot, helper
        future = helper.run(self._key, job.work)
        self._in_helper[future] = job
        return future

    def cancel(self) -> None:
        """Drop the outcome of everything submitted so far (the caller has a newer one)."""
        self.generation += 1

    def pending(self) -> bool:
        """Whether the outcome of the newest submission (not cancelled since) is still to come."""
        return self._submitted == self.generation > self.shown_generation

    def wait(self, msecs: int = 5000) -> bool:
        """Wait up to ``msecs`` for the worker to finish what was submitted (its outcome is
        delivered with the next events); True if it has."""
        if self._last is None:
            return True
        from concurrent.futures import wait as wait_for

        done = not wait_for([self._last], timeout=msecs / 1000).not_done
        if done:
            QTimer.singleShot(0, self, self._collect)  # delivered with the next events, not later
        return done

    def shutdown(self) -> None:
        """Drop what is pending and let the worker thread end once its job, if any, is done
        (the window closes; a later submission starts a new worker)."""
        self.cancel()
        self.poll.stop()
        self._futures.clear()
        self._in_helper.clear()
        if self._sent_to is not None:
            self._sent_to.drop(self._key)
            self._sent_to, self._sent = None, {}
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def _collect(self) -> None:
        """In the GUI thread: deliver the outcome of each finished job (the newest only counts)."""
        finished = [f for f in self._futures if f.done()]
        self._futures = [f for f in self._futures if not f.done()]
        if not self._futures:
            self.poll.stop()
        for future in finished:
            outcome = None if future.cancelled() else future.result()
            job = self._in_helper.pop(future, None)
            if job is not None:  # the helper's answer: (result, exception), SKIPPED, or None (it ended)
                from .helper_process import SKIPPED

                if outcome is None and job.generation == self.generation:
                    self._last = self._in_thread(job)  # (the helper ended: its thread does it)
                    self._futures.append(self._last)
                    self.poll.start()
                outcome = None if outcome is None or outcome == SKIPPED else (job.generation, *outcome)
            if outcome is not None:
                self._done(*outcome)

    def _done(self, generation: int, result: Any, error: Exception | None) -> None:
        if generation != self.generation:
            return  # superseded while it ran
        self.shown_generation = generation
        if error is None:
            self.finished.emit(result)
        else:
            self.failed.emit(error)
