"""Running GUI cases on a real X display: Xvfb and Qt's xcb platform, not offscreen.

The offscreen platform hides what a desktop shows: real wheel events that Qt passes from
widget to parent, focus given by the wheel, keyboard shortcuts resolved by the window system.
Cases that need those live in ``tests/gui/xcb_*.py`` (not collected on their own: their
names do not start with ``test_``). A normal test runs them with :func:`run_xcb_cases`: a
child pytest with ``QT_QPA_PLATFORM=xcb`` (it must be set before the QApplication is made,
so not in this process) on a private Xvfb. There is no window manager: the cases give
windows the focus with ``xdotool windowfocus`` and send real input with ``xdotool``.

A missing Xvfb or xdotool fails the test (``scripts/test`` installs both): GUI tests are
never skipped.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def xvfb_display(size: str = "1280x1024x24"):
    """Start a private Xvfb (``-noreset -displayfd``) and yield its display name (":5")."""
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{' and '.join(missing)} not installed: run scripts/test (it installs them)")
    with private_xvfb(size, pytest.fail) as display:
        yield display


@contextmanager
def private_xvfb(size: str, fail):
    """A private Xvfb (``-noreset -displayfd``, no TCP) of screen ``size``: yields its display
    name (":5") and stops it afterwards; ``fail(message)`` (which raises) when it does not start.
    Also used by bench/bench_startup.py."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-noreset", "-displayfd", str(write_fd), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    os.close(write_fd)
    try:
        ready, _w, _x = select.select([read_fd], [], [], 30)
        number = os.read(read_fd, 32).decode().strip() if ready else ""
        if not number:
            proc.kill()
            fail(f"Xvfb did not start: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        yield f":{number}"
    finally:
        os.close(read_fd)
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run_xcb_cases(cases: str, *args: str, timeout: int = 300) -> str:
    """Run ``tests/gui/<cases>`` with pytest under Xvfb and xcb; fail with its output unless
    every case passed (none skipped). Returns the output."""
    path = Path(__file__).with_name(cases)
    with xvfb_display() as display:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", MLA_WRITER_REQUIRE_GUI_TESTS="1")
        env.pop("WAYLAND_DISPLAY", None)
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", str(path), "-q", "-p", "no:cacheprovider", *args],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
        )
    output = proc.stdout + proc.stderr
    if proc.returncode != 0 or " skipped" in output or " passed" not in output:
        pytest.fail(f"xcb cases in {cases} did not all pass (exit {proc.returncode}):\n{output[-6000:]}")
    return output


def focus_window(widget) -> None:
    """Give ``widget``'s window the keyboard focus as a window manager would (there is none)."""
    from PySide6.QtWidgets import QApplication

    window = widget.window()
    subprocess.run(["xdotool", "windowfocus", "--sync", str(int(window.winId()))], check=True, timeout=10)
    window.activateWindow()
    QApplication.processEvents()


def wheel_over(widget, notches: int = 1, down: bool = True) -> None:
    """Turn the real mouse wheel over the middle of ``widget`` (X buttons 5 down, 4 up)."""
    from PySide6.QtWidgets import QApplication

    centre = widget.mapToGlobal(widget.rect().center())
    subprocess.run(["xdotool", "mousemove", "--sync", str(centre.x()), str(centre.y())], check=True, timeout=10)
    QApplication.processEvents()
    subprocess.run(
        ["xdotool", "click", "--repeat", str(notches), "--delay", "30", "5" if down else "4"], check=True, timeout=10,
    )


def keys(*names: str) -> None:
    """Press keys on the real keyboard (xdotool names: "Tab", "ctrl+z", "shift+Tab")."""
    from PySide6.QtWidgets import QApplication

    subprocess.run(["xdotool", "key", "--delay", "40", *names], check=True, timeout=20)
    QApplication.processEvents()


def type_keys(text: str) -> None:
    """Type ASCII ``text`` on the real keyboard."""
    from PySide6.QtWidgets import QApplication

    subprocess.run(["xdotool", "type", "--delay", "40", text], check=True, timeout=60)
    QApplication.processEvents()


def click(widget) -> None:
    """A real left click in the middle of ``widget``."""
    from PySide6.QtWidgets import QApplication

    centre = widget.mapToGlobal(widget.rect().center())
    subprocess.run(["xdotool", "mousemove", "--sync", str(centre.x()), str(centre.y()), "click", "1"],
                   check=True, timeout=10)
    QApplication.processEvents()
