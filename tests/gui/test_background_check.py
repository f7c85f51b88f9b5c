"""The checklist after an edit runs off the GUI thread on a snapshot of the letter, as the preview
does (issue 12: on a large case it stalled typing), and only the newest report is shown."""

from __future__ import annotations

import os
import threading

import pytest

from mla_writer import checklist, storage
from mla_writer.gui.background import LatestOnly

pytestmark = pytest.mark.gui


def _statuses(report):
    return [(r.point.id, r.status, [p.to_dict() for p in r.errors], [p.to_dict() for p in r.warnings])
            for r in report.results]


def test_an_edit_is_checked_in_the_helper_process_and_its_report_shown(make_window, example_path, qtbot, monkeypatch):
    """The check after an edit runs in the helper process (mla_writer.gui.helper_process), not
    in this one: the window's interpreter is never busy with it."""
    from mla_writer.gui import helper_process

    monkeypatch.setenv("MLA_WRITER_HELPER", "always")  # (an ordinary letter starts it only when a job was slow)
    window = make_window("en")
    assert window.open_file(str(example_path), ask=False)
    assert window.sidebar.statuses["identification"] != "incomplete"
    here = []
    real = checklist.check
    monkeypatch.setattr(checklist, "check", lambda *a, **k: here.append(threading.current_thread()) or real(*a, **k))
    window.session.letter.identification.requesting_authority.name.root.clear()
    window.session.touch()
    with qtbot.waitSignal(window.checked, timeout=20_000):
        pass
    assert here == []  # not checked in this process (neither thread)
    helper = helper_process.helper()
    assert helper is not None and helper.process.is_alive() and helper.process.pid != os.getpid()
    assert window.sidebar.statuses["identification"] == "incomplete"
    assert any(p.path == "identification.requesting_authority.name" for p in window.session.report.problems())


def test_the_worker_reports_what_a_check_here_reports(make_window, qtbot):
    """The snapshot (model_dump, model_validate in the worker) loses nothing the checklist reads."""
    from tests.conftest import DATA, TODAY

    ROOT = DATA.parents[1]

    window = make_window("fr")
    for path in sorted((ROOT / "resources" / "samples").glob("*.mlar")) + [ROOT / "tests" / "data" / "complete_letter.mlar"]:
        letter = storage.load(path)
        letter.persons[0].protected = not letter.persons[0].protected  # something to say about it
        with qtbot.waitSignal(window.checker.finished, timeout=20_000) as got:
            window.checker.submit(letter, lambda L: checklist.check(L, "fr", TODAY))
        assert _statuses(got.args[0]) == _statuses(checklist.check(letter, "fr", TODAY)), path.name


def test_only_the_newest_result_is_delivered(qtbot):
    """A job superseded while it runs has its result dropped; one superseded before it starts is not run."""
    from mla_writer.model import LetterOfRequest

    release = threading.Event()
    ran = []

    def slow(letter):
        ran.append("slow")
        release.wait(10)
        return "slow"

    runner = LatestOnly()
    got = []
    runner.finished.connect(got.append)
    letter = LetterOfRequest()
    runner.submit(letter, slow)
    qtbot.waitUntil(lambda: ran == ["slow"])  # running
    runner.submit(letter, lambda L: ran.append("skipped") or "skipped")  # queued behind it ...
    runner.submit(letter, lambda L: ran.append("newest") or "newest")  # ... and superseded by this one
    assert runner.pending()
    release.set()
    qtbot.waitUntil(lambda: got == ["newest"], timeout=10_000)
    assert ran == ["slow", "newest"]
    assert not runner.pending()
    qtbot.wait(50)
    assert got == ["newest"]


def test_a_check_here_drops_the_one_still_running(make_window, example_path, qtbot, monkeypatch):
    window = make_window("en")
    assert window.open_file(str(example_path), ask=False)
    release = threading.Event()
    real = checklist.check

    def slow_in_worker(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(checklist, "check", slow_in_worker)
    window.check_later()  # the letter as it is now: complete identification
    window.session.letter.identification.requesting_authority.name.root.clear()
    window.run_check()  # at once, here
    assert window.sidebar.statuses["identification"] == "incomplete"
    release.set()
    assert window.checker.wait(10_000)
    qtbot.wait(100)  # the worker's (older) report, had it been delivered
    assert window.sidebar.statuses["identification"] == "incomplete"
    assert not window.checker.pending()


def test_a_snapshot_the_worker_cannot_read_is_checked_here(make_window, example_path, qtbot, monkeypatch):
    from mla_writer.model import LetterOfRequest

    window = make_window("en")
    assert window.open_file(str(example_path), ask=False)
    real = LetterOfRequest.model_validate

    def refuse_in_worker(data, *args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            raise ValueError("not readable")
        return real(data, *args, **kwargs)

    monkeypatch.setattr(LetterOfRequest, "model_validate", refuse_in_worker)
    window.session.letter.identification.requesting_authority.name.root.clear()
    window.session.touch()
    with qtbot.waitSignal(window.checked, timeout=10_000):
        pass
    assert window.sidebar.statuses["identification"] == "incomplete"



def test_a_runner_destroyed_while_its_job_runs_does_not_bring_the_app_down(qtbot):
    """The worker touches no Qt object: when the window (and the runner with it) is destroyed
    while a job runs, the job ends quietly and nothing is delivered (CI once crashed here when
    the worker emitted a signal on the destroyed object)."""
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    from mla_writer.model import LetterOfRequest

    started, release = threading.Event(), threading.Event()

    def slow(letter):
        started.set()
        release.wait(5)
        return letter.output_language

    parent = QObject()
    runner = LatestOnly(slow, parent)
    got = []
    runner.finished.connect(got.append)
    runner.submit(LetterOfRequest())
    assert started.wait(5)
    pool = runner.pool
    import shiboken6

    shiboken6.delete(parent)  # the window is destroyed: the runner goes with it, its job still running
    assert not shiboken6.isValid(runner)
    release.set()
    pool.shutdown(wait=True)  # the job has ended, with nobody left to tell
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(20)
    assert got == []
    # a runner alive delivers as before
    runner2 = LatestOnly(lambda letter: letter.output_language)
    with qtbot.waitSignal(runner2.finished, timeout=5000) as blocker:
        runner2.submit(LetterOfRequest())
    assert blocker.args == ["en"]
