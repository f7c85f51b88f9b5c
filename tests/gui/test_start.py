"""The start step and the two-stage start-up: the frame paints before the model loads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mla_writer.points import SECTIONS

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def test_first_stage_loads_no_model_and_second_stage_loads_it(tmp_path):
    """Until the first paint, the window has not imported pydantic, the model, the checklist
    or the step views; right after it, they are loaded and the first check has run."""
    code = f"""
import sys
from PySide6.QtCore import QSettings, QTimer
from mla_writer.gui.main import make_app, make_window
app = make_app(sys.argv)
window = make_window(QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat), __import__("pathlib").Path({str(tmp_path / 'as')!r}))
window.show()
heavy = ("pydantic", "mla_writer.model", "mla_writer.checklist", "mla_writer.gui.pages.steps", "babel", "jinja2", "docx")
print("before", sorted(m for m in heavy if m in sys.modules))
app.processEvents()  # the first paint
import PySide6.QtCore as qtcore
painted = ("Qt" in vars(qtcore), "mla_writer.gui.widgets.wheel" in sys.modules)
print("painted", *painted)
print("unused", sorted(m for m in ("concurrent.futures", "mla_writer.gui.register_window") if m in sys.modules))
from mla_writer.gui.widgets import wheel
print("rows", window.sidebar.count(), "step", window.current, type(window.current_page()).__name__)
window.ready.connect(lambda: QTimer.singleShot(0, app.quit))
QTimer.singleShot(10_000, lambda: app.exit(3))
code = app.exec()
print("after", sorted(m for m in heavy if m in sys.modules))
print("report", window.session is not None and window.session.report is not None)
print("ready", wheel._guard is not None and wheel._guard.parent() is app, window.autosaver._watching_state)
sys.exit(code)
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert proc.returncode == 0, proc.stderr
    lines = dict(line.split(" ", 1) for line in proc.stdout.splitlines())
    assert lines["before"] == "[]"
    # Qt's namespace (30-80 ms to build on first use) is not built for the first paint, nor the
    # wheel guard installed (an application-wide Python event filter); the second stage does both.
    assert lines["painted"] == "False False"
    assert lines["unused"] == "[]"  # the worker pool and the register window: made when first used
    assert lines["ready"] == "True True"
    assert lines["rows"] == f"{len(SECTIONS) + 2} step 0 StartPage"
    # The second stage: the model, the checklist (with Babel's CLDR data, for the script each
    # language is written in) and the step views, and nothing for the letter yet (no jinja2, no docx).
    assert lines["after"] == "['babel', 'mla_writer.checklist', 'mla_writer.gui.pages.steps', 'mla_writer.model', 'pydantic']"
    assert lines["report"] == "True"


def test_start_page_starts_a_new_letter(make_window):
    window = make_window()
    page = window.current_page()
    assert window.current == 0 and window.sidebar.item(0).text() == "Start"
    assert page.new_button.isVisible() and not page.continue_button.isVisible()
    assert window.go_next() is True  # nothing to check on the start step
    assert window.current == 1 and "parties" in window.current_page().section_ids
    window.go_to(0)
    page.new_button.click()
    assert window.current == 1


def test_start_page_continues_or_replaces_the_open_letter(make_window, example_path):
    window = make_window()
    assert window.open_file(str(example_path))
    assert window.current == 1  # an opened letter starts at its first step
    window.go_to(0)
    page = window.current_page()
    assert page.continue_button.isVisible() and example_path.name in page.continue_button.description()
    page.continue_button.click()
    assert window.current == 1 and window.session.path == example_path
    window.go_to(0)
    page.new_button.click()  # a new letter replaces the example (unsaved changes: the fixture discards)
    assert window.current == 1 and window.session.path is None
    assert window.session.letter.requesting_state == ""


def test_start_page_opens_a_recent_draft(make_window, example_path, tmp_path):
    copy = tmp_path / "recent.mlar"
    copy.write_bytes(example_path.read_bytes())
    window = make_window()
    window.settings.add_recent(copy)
    window.go_to(0)
    page = window.current_page()
    assert page.recent.isVisible() and page.recent.count() >= 1
    row = page.recent_paths.index(str(copy.resolve()))
    page.recent.itemActivated.emit(page.recent.item(row))
    assert window.session.path is not None and window.session.path.name == "recent.mlar"
    assert window.current == 1


def test_example_letter_opens_as_an_untitled_copy(make_window, qtbot, tmp_path):
    from mla_writer.checklist import check
    from mla_writer.samples import DEFAULT_SAMPLE, sample_path

    window = make_window("fr")
    shipped = sample_path(DEFAULT_SAMPLE)
    before = shipped.read_bytes()
    window.current_page().example_button.click()
    assert window.current == 1
    assert window.session.path is None  # Save asks where: the shipped file is never written
    assert window.session.letter.requested_state == "MD"
    assert "Lettre d'exemple (copie)" in window.windowTitle()
    assert check(window.session.letter, "fr", window.today).complete  # the example is a complete letter
    asked = []
    window.save_as = lambda: asked.append(1) or False
    window.save_draft()
    assert asked == [1] and shipped.read_bytes() == before
