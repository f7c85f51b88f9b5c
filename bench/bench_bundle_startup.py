"""Cold start of the bundle to the shown main window, against baselines measured in the same run.

    .venv/bin/python bench/bench_bundle_startup.py [--bundle dist/mla-writer] [--runs 7] [--display]

Three programs, each started fresh ``--runs`` times, alternating, timed from process start
to exit; each shows its window, lets the event loop show it, and quits:

- **baseline**: a bare PySide6 ``QMainWindow`` in a fresh interpreter of this venv;
- **checkout**: ``python -m mla_writer --smoke-test --startup-only`` (the real main window);
- **bundle**:   ``dist/mla-writer/mla-writer --smoke-test --startup-only``.

Each start is timed twice: **cold**, right after the program's files were dropped from the
page cache (``posix_fadvise(DONTNEED)`` on the bundle folder, or on the interpreter's
standard library and the venv's packages; only those files, no root needed) -- what a
prosecutor's first start after booting looks like -- and **warm**, started again at once.
Prints the medians and the ratios bundle/baseline, checkout/baseline and bundle/checkout.
Runs offscreen unless ``--display`` (then on $DISPLAY, e.g. under xvfb-run). Build the
bundle first with ``scripts/build-bundle``. Numbers only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("baseline")
window.resize(1280, 820)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return elapsed


def evict(folders: list[Path]) -> None:
    """Drop these files from the page cache, so the next start reads them from disk."""
    if not hasattr(os, "posix_fadvise"):
        return
    for folder in folders:
        for path in folder.rglob("*") if folder.is_dir() else [folder]:
            if not path.is_file() or path.is_symlink():
                continue
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            except OSError:
                pass
            finally:
                os.close(fd)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "mla-writer",
                        help="the built application folder (default: dist/mla-writer)")
    parser.add_argument("--runs", type=int, default=5, help="cold and warm starts of each program (default: 5)")
    parser.add_argument("--display", action="store_true", help="use the real display instead of offscreen")
    args = parser.parse_args()

    exe = args.bundle / ("mla-writer-console.exe" if sys.platform == "win32" else "mla-writer")
    if not exe.is_file():
        print(f"no bundle at {exe}: build it first with scripts/build-bundle", file=sys.stderr)
        return 2
    env = dict(os.environ)
    if not args.display:
        env["QT_QPA_PLATFORM"] = "offscreen"
    import sysconfig

    interpreter = [Path(sysconfig.get_paths()["stdlib"]), Path(sys.executable).resolve()]
    site = Path(sysconfig.get_paths()["purelib"])
    programs = {
        "baseline": ([sys.executable, "-c", BARE_WINDOW], [*interpreter, site / "PySide6", site / "shiboken6"]),
        "checkout": ([sys.executable, "-m", "mla_writer", "--smoke-test", "--startup-only"],
                     [*interpreter, site, *(ROOT / d for d in ("mla_writer", "templates", "locales", "resources"))]),
        "bundle": ([str(exe), "--smoke-test", "--startup-only"], [args.bundle]),
    }
    cold: dict[str, list[float]] = {name: [] for name in programs}
    warm: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(max(args.runs, 1)):
        for name, (cmd, files) in programs.items():  # alternate, so drift hits all three alike
            evict(files)
            cold[name].append(timed(cmd, env))
            warm[name].append(timed(cmd, env))

    med = {kind: {name: statistics.median(t) for name, t in data.items()} for kind, data in (("cold", cold), ("warm", warm))}
    print(f"start to shown window, median of {args.runs} starts ({env.get('QT_QPA_PLATFORM', 'display')}):")
    for name in programs:
        print(f"  {name:<9} cold {med['cold'][name] * 1000:7.0f} ms   warm {med['warm'][name] * 1000:7.0f} ms")
    for a, b in (("bundle", "baseline"), ("checkout", "baseline"), ("bundle", "checkout")):
        print(f"ratio {a + '/' + b:<18} cold {med['cold'][a] / med['cold'][b]:5.2f}   warm {med['warm'][a] / med['warm'][b]:5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
