"""Cold start to the shown wizard, against a bare PySide6 QMainWindow, in the same run.

Each sample is a fresh Python process (so nothing is cached in memory by an earlier
sample): it imports what it needs, builds its window, shows it, lets the event loop paint
once, and exits. The parent measures the wall time from spawn to exit; both kinds of
sample pay the same interpreter start-up. Samples alternate so that disk-cache and CPU
frequency effects fall on both alike. Prints the medians and the ratio (target <= 1.3).

    .venv/bin/python bench/bench_startup.py [--runs 9]

Uses the offscreen platform when there is no display (set QT_QPA_PLATFORM to override).
Bytecode is compiled once in a warm-up run, as it is in an installed application.
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

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 820)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

WIZARD = """
import sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings, QTimer
from mla_writer.gui.main import make_app, make_window
app = make_app(sys.argv)
window = make_window(QSettings({ini!r}, QSettings.Format.IniFormat), __import__("pathlib").Path({autosave!r}))
window.show()
shown = []
QTimer.singleShot(0, lambda: (shown.append(window.current_page().isVisible()), app.quit()))
app.exec()
assert shown == [True], "the wizard's first step was not shown"
"""


def sample(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
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
        wizard = WIZARD.format(root=str(ROOT), ini=str(Path(tmp) / "settings.ini"), autosave=str(Path(tmp) / "autosave"))
        sample(BARE, env)  # warm the disk cache for both
        sample(wizard, env)
        bare_times, wizard_times = [], []
        for _ in range(args.runs):
            bare_times.append(sample(BARE, env))
            wizard_times.append(sample(wizard, env))
    bare, wiz = statistics.median(bare_times), statistics.median(wizard_times)
    print(f"platform: {env.get('QT_QPA_PLATFORM', 'default')}, runs: {args.runs}")
    print(f"bare PySide6 QMainWindow shown: {bare * 1000:7.1f} ms (median)")
    print(f"MLA Writer wizard shown:        {wiz * 1000:7.1f} ms (median)")
    print(f"ratio: {wiz / bare:.2f}x (target <= 1.3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
