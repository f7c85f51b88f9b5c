"""Two windows never edit one draft unawares (issue 12): the second is told the draft is open
and chooses read-only, open anyway or cancel; the lock goes with the draft and is cleaned up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from mla_writer.gui.draftlock import lock_path
from mla_writer.storage import load

pytestmark = pytest.mark.gui


@pytest.fixture
def draft(example_path, tmp_path):
    path = tmp_path / "case.mlar"
    shutil.copyfile(example_path, path)
    return path


def _never_asked(window):
    window.ask_draft_in_use = lambda *a: pytest.fail("asked about a draft in use")


def test_a_second_window_is_warned_and_can_open_read_only(make_window, draft, tmp_path):
    first = make_window()
    _never_asked(first)
    assert first.open_file(str(draft), ask=False)
    assert lock_path(draft).exists()
    second = make_window()
    asked = []
    second.ask_draft_in_use = lambda p, host, pid: asked.append((p, pid)) or "read_only"
    assert second.open_file(str(draft), ask=False)
    assert asked == [(draft, os.getpid())]
    assert "(read-only)" in second.windowTitle()
    before = draft.read_bytes()
    second.session.letter.place.set("fr", "Second")
    second.session.touch()
    second.ask_draft_path = lambda: str(tmp_path / "second.mlar")
    assert second.save_draft()
    assert draft.read_bytes() == before
    assert load(tmp_path / "second.mlar").place.get("fr") == "Second"
    assert "(read-only)" not in second.windowTitle()


def test_cancel_leaves_the_second_window_as_it_was(make_window, draft):
    first = make_window()
    assert first.open_file(str(draft), ask=False)
    second = make_window()
    second.ask_draft_in_use = lambda *a: None
    assert second.open_file(str(draft), ask=False) is False
    assert second.session.path is None


def test_closing_or_leaving_the_draft_removes_the_lock(make_window, draft, example_path):
    first = make_window()
    assert first.open_file(str(draft), ask=False)
    assert first.open_file(str(draft), ask=False)  # reopening its own draft asks nothing
    first.new_draft()
    assert not lock_path(draft).exists()
    assert first.open_file(str(draft), ask=False)
    first.session.dirty = False
    first.close()
    assert not lock_path(draft).exists()
    second = make_window()
    _never_asked(second)
    assert second.open_file(str(draft), ask=False)


def test_save_as_moves_the_lock_to_the_new_file(make_window, draft, tmp_path):
    window = make_window()
    assert window.open_file(str(draft), ask=False)
    window.ask_draft_path = lambda: str(tmp_path / "renamed.mlar")
    assert window.save_as()
    assert not lock_path(draft).exists() and lock_path(tmp_path / "renamed.mlar").exists()


def test_the_lock_of_a_killed_run_is_taken_over_without_asking(make_window, draft):
    child = ("import os; from PySide6.QtCore import QLockFile; lock = QLockFile(%r); "
             "assert lock.tryLock(0); os._exit(3)" % str(lock_path(draft)))
    assert subprocess.run([sys.executable, "-c", child], timeout=60).returncode == 3
    assert lock_path(draft).exists()
    window = make_window()
    _never_asked(window)
    assert window.open_file(str(draft), ask=False)
    assert window.session.lock is not None and window.session.lock.held()


def test_a_draft_opened_through_a_symbolic_link_is_locked_at_its_target(make_window, draft, tmp_path):
    link = tmp_path / "elsewhere" / "link.mlar"
    link.parent.mkdir()
    link.symlink_to(draft)
    first = make_window()
    _never_asked(first)
    assert first.open_file(str(draft), ask=False)
    second = make_window()
    asked = []
    second.ask_draft_in_use = lambda p, host, pid: asked.append(pid) or None
    assert second.open_file(str(link), ask=False) is False  # warned, and cancelled
    assert asked == [os.getpid()]
    assert not lock_path(link).is_relative_to(link.parent)
    assert not list(link.parent.glob(".~*"))  # no second lock beside the link


def test_save_as_onto_a_draft_open_elsewhere_warns_and_can_be_cancelled(make_window, draft, tmp_path):
    first = make_window()
    _never_asked(first)
    assert first.open_file(str(draft), ask=False)
    before = draft.read_bytes()
    second = make_window()
    second.session.letter.place.set("fr", "Second")
    second.session.touch()
    second.ask_draft_path = lambda: str(draft)
    asked = []
    second.ask_overwrite_open = lambda p, host, pid: asked.append((p, pid)) or False
    assert second.save_as() is False
    assert asked == [(draft, os.getpid())]
    assert draft.read_bytes() == before  # not overwritten
    assert second.session.dirty
    second.ask_overwrite_open = lambda p, host, pid: True  # the user chooses to save over it
    assert second.save_as()
    assert load(draft).place.get("fr") == "Second"


def test_save_as_onto_a_free_file_asks_nothing(make_window, tmp_path):
    window = make_window()
    window.ask_overwrite_open = lambda *a: pytest.fail("asked about a file nobody has open")
    window.ask_draft_path = lambda: str(tmp_path / "free.mlar")
    window.session.touch()
    assert window.save_as()
    assert lock_path(tmp_path / "free.mlar").exists()  # this window holds it now
