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


def test_menus_are_built_after_the_first_paint_or_when_an_action_is_asked_for(tmp_path, qtbot):
    """Before its first paint the window has the menu bar's titles only; asking for one of the
    menus' actions builds them all (with their shortcuts), and a second stage run to its end
    leaves the window with its menus, its draft and the garbage collector on."""
    import gc

    from PySide6.QtCore import QSettings

    from mla_writer.gui.main import make_window

    window = make_window(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), tmp_path / "autosave")
    qtbot.addWidget(window)
    bar = window.menuBar()
    titles = [action.text() for action in bar.actions()]
    assert titles == ["&File", "&Go", "&View", "&Language", "&Preferences", "&Help"]
    assert all(not action.menu().actions() for action in bar.actions())  # titles only, nothing to press yet
    assert window.back_button.text() and window.preview_button.text() == "Preview pane"
    assert window.preview_action.isChecked() == (not window.preview.isHidden())  # built on demand
    assert [action.text() for action in bar.actions()] == titles  # the same titles, now with their menus
    files = bar.actions()[0].menu()
    assert "Ctrl+O" in [key.toString() for action in files.actions() for key in action.shortcuts()]
    assert not window.back_action.isEnabled() and window.next_action.isEnabled()  # the start step
    assert window.ensure_ready() is True and window.session is not None
    assert window.ensure_ready() is False
    assert gc.isenabled()


def test_the_second_stage_runs_in_slices_after_the_first_paint(tmp_path):
    """Shown, the window paints its first frame with the menus' titles only; the menus, the
    autosave's lock file and the draft follow in slices with the event loop running in between
    (a 1 ms timer fires there, as a key would be handled), and the domain is imported by a
    thread meanwhile."""
    code = f"""
import sys
from PySide6.QtCore import QSettings, QTimer
from mla_writer.gui.main import make_app, make_window
app = make_app(sys.argv)
window = make_window(QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat), __import__("pathlib").Path({str(tmp_path / 'as')!r}))
seen = []
window.first_painted.connect(lambda: seen.append(("painted", window._menus_built, window._autosaver is not None)))
turns = []  # turns of the event loop between the first paint and the draft open (a 1 ms timer)
beat = QTimer()
beat.setInterval(1)
beat.timeout.connect(lambda: turns.append(window.session is None))
window.first_painted.connect(beat.start)
def ready():
    seen.append(("ready", window._menus_built, window._autosaver is not None, window._domain_thread is not None))
    seen.append(("turns", sum(turns) >= 5))
    QTimer.singleShot(0, app.quit)
window.ready.connect(ready)
QTimer.singleShot(10_000, lambda: app.exit(3))
window.show()
code = app.exec()
for entry in seen:
    print(*entry)
sys.exit(code)
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "painted False False",  # the first frame: no menus' actions, no autosave lock file yet
        "ready True True True",  # the draft open, the domain imported by the thread
        "turns True",  # the event loop ran (timers, keys) between the slices
    ]


def test_the_installed_command_honours_the_start_up_probe(tmp_path):
    """bench/bench_startup.py's milestones: with MLA_WRITER_STARTUP_PROBE=loaded the installed
    entry point ends itself once the second stage is done, reporting its peak memory and the
    longest stall of its event loop on the pipe it is given; without the variable nothing of it runs."""
    read_fd, write_fd = os.pipe()
    home = tmp_path / "home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), MLA_WRITER_DATA_DIR=str(home / "mla"),
               MLA_WRITER_STARTUP_PROBE="loaded", MLA_WRITER_STARTUP_PROBE_FD=str(write_fd))
    code = "import sys; from mla_writer.__main__ import main; sys.exit(main([]))"
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=tmp_path, pass_fds=(write_fd,),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        said = pipe.read().decode()
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    words = dict(line.split(" ", 1) for line in said.splitlines())
    assert set(words) == {"stall", "peak"}
    assert float(words["stall"]) > 0 and int(words["peak"]) > 10_000  # (KiB: a Qt process holds more than 10 MB)
    from mla_writer.gui import startup_probe

    with pytest.raises(ValueError):
        startup_probe.install(None, "never")


def test_spelling_dictionaries_load_once_a_step_of_the_letter_is_shown(make_window, qtbot, monkeypatch):
    """Start-up loads no spelling dictionary (13-20 MiB); showing a step of the letter starts
    loading those of the letter's languages, once, shortly after."""
    from mla_writer.gui import spellcheck, window as window_module

    loads = []
    monkeypatch.setattr(spellcheck, "warm_up", lambda letter: loads.append((letter.drafting_language, letter.output_language)))
    window = make_window("fr")
    qtbot.wait(window_module.SPELLING_DELAY_MS + 100)
    assert window.current == 0 and loads == []  # the start page: nothing to spell-check
    window.go_to(1)
    qtbot.waitUntil(lambda: loads == [("fr", "fr")], timeout=5000)
    window.go_to(2)
    window.go_to(3)
    qtbot.wait(window_module.SPELLING_DELAY_MS + 100)
    assert loads == [("fr", "fr")]


def test_a_window_destroyed_half_way_through_its_second_stage_turns_the_collector_on_again(tmp_path, qtbot):
    """The second stage keeps Python's garbage collector off while it runs; a window destroyed
    before it ends must not leave it off for the rest of the process."""
    import gc

    from PySide6.QtCore import QSettings
    from shiboken6 import delete

    from mla_writer.gui.main import make_window

    window = make_window(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), tmp_path / "autosave")
    window._start_loading()
    next(window._loader)  # the first slice: the collector is off from here to the stage's end
    assert not gc.isenabled()
    delete(window)
    assert gc.isenabled()


def test_the_crash_hook_is_installed_once_the_window_is_on_screen(tmp_path):
    """The application's error dialog (gui/crash.py) guards the window from its first paint on:
    installed one turn of the event loop after it, before the second stage."""
    code = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from mla_writer.gui import main

def look():
    window = next((w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"), None)
    if window is None or window.session is None:
        QTimer.singleShot(20, look)
        return
    from mla_writer.gui import crash
    print("hook", crash._installed is not None and sys.excepthook is crash._installed)
    QApplication.instance().exit(0)

QTimer.singleShot(0, look)
sys.exit(main.run(["mla-writer"]))
"""
    home = tmp_path / "home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), MLA_WRITER_DATA_DIR=str(home / "mla"))
    env.pop("MLA_WRITER_STARTUP_PROBE", None)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["hook", "True"]


@pytest.mark.parametrize("with_draft", [False, True])
def test_crashed_work_is_offered_also_when_a_draft_is_named_on_the_command_line(tmp_path, example_path, with_draft):
    """``mla-writer case.mlar`` offers a crashed run's work as ``mla-writer`` alone does (opening
    the named draft finishes the second stage at once: the offer was connected too late and
    never made)."""
    code = """
import sys
from PySide6.QtWidgets import QApplication
from mla_writer.gui import main, window as window_module

def offer(self):
    print("offered", self.session is not None)
    QApplication.instance().exit(0)
    return False

window_module.MainWindow.offer_recovery = offer
sys.exit(main.run(sys.argv[1:]))
"""
    home = tmp_path / "home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), MLA_WRITER_DATA_DIR=str(home / "mla"))
    env.pop("MLA_WRITER_STARTUP_PROBE", None)
    draft = tmp_path / "case.mlar"  # (a copy: the process leaves its lock beside it)
    draft.write_bytes(example_path.read_bytes())
    args = ["mla-writer"] + ([str(draft)] if with_draft else [])
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["offered", "True"]
