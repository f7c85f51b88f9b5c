"""Cold start to the shown wizard, against a bare PySide6 QMainWindow, in the same run.

Each sample is a fresh Python process (so nothing is cached in memory by an earlier
sample): it imports what it needs, builds its window, shows it, and exits once the window
has been painted. The parent measures the wall time from spawn to exit; every kind of
sample pays the same interpreter start-up. Samples alternate so that disk-cache and CPU
frequency effects fall on all alike. Three kinds:

- bare: a PySide6 QMainWindow, nothing else (the baseline);
- shown: MLA Writer's window painted, with the sidebar of the 14 points, the menus and the
  start step (target <= 1.3x the baseline);
- ready: the model, checklist and step views loaded (the window's second stage) and the
  first step of the letter painted with the checklist's verdict. No target; printed so the
  cost that the two-stage start moves after the first paint stays visible.

    .venv/bin/python bench/bench_startup.py [--runs 9] [--ui-language ru]

Uses the offscreen platform when there is no display (set QT_QPA_PLATFORM to override).
Bytecode is compiled once in a warm-up run, and the gettext catalogues are compiled to .mo
first (``python -m mla_writer.i18n compile``), as they are in an installed application. With a
UI language other than English it also prints how long loading that language's "ui" catalogue
takes (the compiled .mo read by gettext; the only catalogue the first paint needs).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Every sample ends at the first paint of its window, and the process ends on the spot with
# os._exit (app.quit() would first run whatever the event loop already has queued, such as the
# wizard's second stage). The bare and the wizard window both see their first paint through a
# paintEvent override (an event filter would build QEvent's large enum, a cost neither window
# pays otherwise). Five seconds without a paint fails the sample.
COMMON = """
import os, sys
from PySide6.QtCore import QTimer

def end():
    sys.stderr.flush()
    os._exit(0)

def on_first_paint(cls, then):
    class Painted(cls):
        _seen = False
        def paintEvent(self, event):
            if not self._seen:  # queued before the window's own reaction to its first paint
                self._seen = True
                QTimer.singleShot(0, then)  # runs once this paint has been handled
            super().paintEvent(event)
    return Painted

QTimer.singleShot(5000, lambda: os._exit(3))
"""

BARE = COMMON + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = on_first_paint(QMainWindow, end)()
window.resize(1280, 820)
window.show()
app.exec()
"""

WIZARD_START = """
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings
from mla_writer.gui import window as window_module
from mla_writer.gui.main import make_app, make_window
app = make_app(sys.argv)
"""
WIZARD_MAKE = """
window = make_window(QSettings({ini!r}, QSettings.Format.IniFormat), __import__("pathlib").Path({autosave!r}))
"""

#: The wizard's window painted: sidebar with the 14 points, the start step, menus, navigation.
WIZARD_SHOWN = COMMON + WIZARD_START + """
def done():
    if not window.current_page().isVisible():
        os._exit(4)  # the wizard's first step was not shown
    end()
window_module.MainWindow = on_first_paint(window_module.MainWindow, done)  # make_window builds this
""" + WIZARD_MAKE + """
window.show()
app.exec()
"""

#: Ready for input: the model and the step views loaded, the first step of the letter (States and
#: languages) built, shown and painted, with the checklist's first verdict in the sidebar. (An
#: event filter on the step sees its paint: this row has no target, so its small cost is fine.)
WIZARD_READY = COMMON + WIZARD_START + WIZARD_MAKE + """
from PySide6.QtCore import QEvent, QObject

class FirstPaint(QObject):
    seen = False
    def eventFilter(self, obj, event):
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, end)
        return False

def ready():
    window.go_to(1)
    window.run_check()
    page = window.current_page()
    if not (page.isVisible() and window.sidebar.statuses):
        os._exit(4)  # the first step of the letter was not shown
    page.installEventFilter(watcher)
    page.update()
watcher = FirstPaint()
window.ready.connect(lambda: QTimer.singleShot(0, ready))
window.show()
app.exec()
"""


#: Loading the UI catalogue, in a process of its own (the median of many loads, cache cleared each time).
CATALOGUE_LOAD = """
import statistics, sys, time
sys.path.insert(0, {root!r})
from mla_writer import i18n
times = []
for _ in range(100):
    i18n.translations.cache_clear()
    start = time.perf_counter()
    i18n.translations("ui", {lang!r})
    times.append(time.perf_counter() - start)
print(statistics.median(times) * 1000, type(i18n.translations("ui", {lang!r})).__name__)
"""


def compile_catalogues(env: dict[str, str]) -> None:
    """The .mo files up to date, as scripts/setup-common.sh leaves them (else the first sample compiles them)."""
    proc = subprocess.run([sys.executable, "-m", "mla_writer.i18n", "compile", "--quiet"], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"the gettext catalogues do not compile:\n{proc.stderr}")


def catalogue_load(lang: str, env: dict[str, str]) -> tuple[float, str]:
    proc = subprocess.run([sys.executable, "-c", CATALOGUE_LOAD.format(root=str(ROOT), lang=lang)], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"loading the catalogue failed:\n{proc.stderr}")
    ms, kind = proc.stdout.split()
    return float(ms), kind


def sample(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    try:  # (the sample's own 5 s timer is armed before its QApplication exists: it cannot be relied on)
        proc = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=60)
    except subprocess.TimeoutExpired as exc:
        err = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else exc.stderr or ""
        raise SystemExit(f"a sample did not finish in {exc.timeout} s:\n{err}") from None
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"a sample failed (exit {proc.returncode}):\n{proc.stderr}")
    return elapsed


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from mla_writer.languages import languages

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--ui-language", choices=languages(), default="en",
                        help="UI language remembered in the samples' settings (default: en)")
    args = parser.parse_args()
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["LANG"] = env["LC_ALL"] = "C.UTF-8"
    with tempfile.TemporaryDirectory() as tmp:
        # An installed application runs from compiled bytecode: let the warm-up runs write it
        # (into the temporary folder, not the checkout) even where PYTHONDONTWRITEBYTECODE is set.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        ini = Path(tmp) / "settings.ini"
        ini.write_text(f"[ui]\nlanguage={args.ui_language}\n", encoding="utf-8")
        where = dict(root=str(ROOT), ini=str(ini), autosave=str(Path(tmp) / "autosave"))
        kinds = {"bare": BARE, "shown": WIZARD_SHOWN.format(**where), "ready": WIZARD_READY.format(**where)}
        compile_catalogues(env)
        load = catalogue_load(args.ui_language, env) if args.ui_language != "en" else None
        for code in kinds.values():  # warm the disk cache and write the bytecode
            sample(code, env)
        times: dict[str, list[float]] = {name: [] for name in kinds}
        for _ in range(args.runs):
            for name, code in kinds.items():
                times[name].append(sample(code, env))
    median = {name: statistics.median(values) for name, values in times.items()}
    bare = median["bare"]
    print(f"platform: {env.get('QT_QPA_PLATFORM', 'default')}, UI language: {args.ui_language}, runs: {args.runs}; "
          "each sample ends at its window's first paint")
    print(f"bare PySide6 QMainWindow painted:            {bare * 1000:7.1f} ms (median)  1.00x")
    print(f"MLA Writer wizard painted (start step):      {median['shown'] * 1000:7.1f} ms (median)  "
          f"{median['shown'] / bare:.2f}x  (target <= 1.3x)")
    print(f"MLA Writer ready for input (States step):    {median['ready'] * 1000:7.1f} ms (median)  "
          f"{median['ready'] / bare:.2f}x  (no target; model, checklist and step views loaded)")
    if load is not None:
        label = f"gettext catalogue ui/{args.ui_language} loaded:"
        print(f"{label:<45}{load[0]:7.2f} ms (median of 100 loads; {load[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
