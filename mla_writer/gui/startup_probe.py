"""Start-up milestones for ``bench/bench_startup.py``: the process ends at one of them.

Honoured only when the environment variable ``MLA_WRITER_STARTUP_PROBE`` is set (the bench
sets it; :func:`mla_writer.gui.main.run` reads it once and imports this module only then).
Its value names the milestone at which the process ends, with ``os._exit(0)``:

``paint``
    the main window's first paint has been drawn and flushed to the window system (the slot
    runs once the paint event has been handled; under xcb Qt paints only a window the X server
    has mapped and exposed, and the probe checks ``QWindow.isExposed()``).
``input``
    at the first paint the probe tells the bench (``painted <X window id>`` on the pipe whose
    write end ``MLA_WRITER_STARTUP_PROBE_FD`` names), which then gives the window the focus and
    presses Tab through the X server (XTest); the process ends once the window has handled that
    key press (the slot runs after the key event has been dispatched to the focused widget).
    Offscreen (no X server) the probe posts the key press to the window itself.
``loaded``
    the second stage has finished (model, checklist, step views, menus; ``MainWindow.ready``)
    and the first step of the letter has been shown and painted with the checklist's verdict.
    From the first paint to ``ready`` a 1 ms heartbeat timer measures the longest time the
    event loop was busy (a key pressed then waits as long): reported as ``stall <ms>``.

Just before it ends, the probe writes ``peak <KiB>`` (the process's VmHWM) to the pipe, if there
is one. Twenty seconds without reaching the milestone end the process with status 3 (a busy
machine compiling the bytecode in a warm-up run takes a few); a window that is not exposed at
its first paint, 4.
"""

from __future__ import annotations

import os
import sys

ENV = "MLA_WRITER_STARTUP_PROBE"
ENV_FD = "MLA_WRITER_STARTUP_PROBE_FD"
MODES = ("paint", "input", "loaded")


def _say(line: str) -> None:
    fd = os.environ.get(ENV_FD)
    if fd:
        try:
            os.write(int(fd), (line + "\n").encode())
        except (OSError, ValueError):
            pass


def _peak_kib() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def end(code: int = 0) -> None:
    """Report the peak memory and end the process at once (nothing queued runs after)."""
    _say(f"peak {_peak_kib()}")
    sys.stderr.flush()
    os._exit(code)


def install(window, mode: str) -> None:
    """Arm the probe for ``window`` (a MainWindow not shown yet); ``mode`` is one of :data:`MODES`
    (anything else: ValueError)."""
    from PySide6.QtCore import QObject, QTimer

    if mode not in MODES:
        raise ValueError(f"{ENV} must be one of {', '.join(MODES)}, not {mode!r}")
    QTimer.singleShot(20_000, lambda: end(3))

    def painted() -> None:
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            end(4)
        if mode == "paint":
            end(0)
        elif mode == "input":
            from PySide6.QtGui import QKeyEvent

            class KeyWatch(QObject):
                def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt API)
                    if isinstance(event, QKeyEvent):  # (no QEvent.Type: the same cost as the bare window's)
                        QTimer.singleShot(0, end)  # runs once the key press has been handled
                    return False

            window._startup_probe = KeyWatch(window)
            handle.installEventFilter(window._startup_probe)
            _say(f"painted {int(window.winId())}")
            if os.environ.get("QT_QPA_PLATFORM") == "offscreen":  # no X server to press the key: post it
                _post_tab(handle)

    window.first_painted.connect(painted)
    if mode == "loaded":
        import time

        beat = {"last": 0.0, "longest": 0.0}
        heartbeat = QTimer(window)
        heartbeat.setInterval(1)

        def tick() -> None:
            now = time.perf_counter()
            beat["longest"] = max(beat["longest"], now - beat["last"])
            beat["last"] = now

        def start_beat() -> None:
            beat["last"] = time.perf_counter()
            heartbeat.start()

        def stop_beat() -> None:
            tick()
            heartbeat.stop()
            _say(f"stall {beat['longest'] * 1000:.1f}")

        heartbeat.timeout.connect(tick)
        window.first_painted.connect(start_beat)
        window.ready.connect(stop_beat)
        def step_painted() -> None:
            QTimer.singleShot(0, end)

        def ready() -> None:
            window.go_to(1)
            window.run_check()
            page = window.current_page()
            if not (page.isVisible() and window.sidebar.statuses):
                end(4)  # the first step of the letter was not shown
            watch = _PaintWatch(step_painted, page)
            page.installEventFilter(watch)
            page.update()

        window.ready.connect(lambda: QTimer.singleShot(0, ready))


def _post_tab(handle) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    QCoreApplication.postEvent(handle, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier))


def _PaintWatch(then, parent):  # noqa: N802 (a class made on demand: QEvent's enum only in this mode)
    from PySide6.QtCore import QEvent, QObject

    class PaintWatch(QObject):
        seen = False

        def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt API)
            if not self.seen and event.type() == QEvent.Type.Paint:
                self.seen = True
                then()
            return False

    return PaintWatch(parent)
