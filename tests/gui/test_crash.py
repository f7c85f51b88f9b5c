"""An unexpected error never takes the draft with it (issue 12): the exception hook shows a
dialog with a report that holds nothing of the letter, logs it, writes a recovery copy, and
the window keeps working."""

from __future__ import annotations

import os
import stat
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from mla_writer.gui import crash
from mla_writer.storage import load

from .helpers import type_text

pytestmark = [pytest.mark.gui, pytest.mark.qt_no_exception_capture]

SECRET = "Ivanova Marina, born 1984"


@pytest.fixture
def hooked(make_window, tmp_path):
    window = make_window("en", folder=tmp_path / "autosave")
    hook = crash.install(window, tmp_path / "logs")
    yield window, hook, tmp_path / "logs" / "mla-writer.log"
    crash.uninstall()


def _place(window):
    window.go_to(window.step_of_section["closing"])
    return window.current_page().problem_map.entries["place"][0].edit


def _fail_in_a_slot(qtbot, window):
    def boom():
        raise ValueError(f"cannot handle {SECRET}")

    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: getattr(window, "crash_box", None) is not None and window.crash_box.isVisible(), timeout=10_000)


def test_an_error_in_a_slot_shows_a_report_and_keeps_the_draft(hooked, qtbot):
    window, _hook, log = hooked
    edit = _place(window)
    type_text(edit, "Chisinau")
    _fail_in_a_slot(qtbot, window)
    box = window.crash_box
    report = box.detailedText()
    assert "ValueError" in report and "test_crash.py" in report and "in boom" in report
    assert SECRET not in report and "Ivanova" not in report and str(os.path.expanduser("~")) not in report
    assert "Your draft is intact" in box.text()
    # logged, owner-only
    assert "ValueError" in log.read_text(encoding="utf-8") and SECRET not in log.read_text(encoding="utf-8")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    # a recovery copy holds what was typed
    assert load(window.autosaver.path).place.get("en") == "Chisinau"
    # the report can be copied, and the window goes on working
    copy = next(b for b in box.buttons() if b.text() == "Copy the report")
    copy.click()
    assert QApplication.clipboard().text() == report
    box.close()
    type_text(edit, " centre")
    assert window.session.letter.place.get("en") == "Chisinau centre"


def test_repeated_errors_do_not_stack_dialogs(hooked, qtbot):
    window, hook, _log = hooked
    _fail_in_a_slot(qtbot, window)
    first = window.crash_box
    for _ in range(3):
        QTimer.singleShot(0, lambda: 1 / 0)
    qtbot.waitUntil(lambda: hook.more == 3, timeout=10_000)
    assert window.crash_box is first and "3 further errors" in first.informativeText()


def test_an_error_in_a_worker_thread_is_reported_in_the_window(hooked, qtbot):
    window, _hook, log = hooked

    def worker():
        raise RuntimeError(SECRET)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: getattr(window, "crash_box", None) is not None, timeout=10_000)
    assert "RuntimeError" in window.crash_box.detailedText() and SECRET not in window.crash_box.detailedText()


def test_the_dialog_says_where_the_log_is(hooked, qtbot):
    window, _hook, log = hooked
    _fail_in_a_slot(qtbot, window)
    assert str(log) in window.crash_box.text()


def test_the_log_is_in_the_data_folder_once(monkeypatch, tmp_path):
    from mla_writer.gui import autosave

    monkeypatch.setattr(autosave, "data_folder", lambda: tmp_path / "MLA Writer")
    assert crash.log_folder() == tmp_path / "MLA Writer" / "logs"
    assert "MLA Writer/MLA Writer" not in crash.log_folder().as_posix()
