"""The baseline of bench_startup.py: a bare PySide6 QMainWindow (1280 x 820), nothing else.

Run as a script by the interpreter of the installed ``mla-writer`` command, so that it starts
the way the application does. It honours the same milestones as
``mla_writer/gui/startup_probe.py`` (environment variable ``MLA_WRITER_STARTUP_PROBE``:
``paint``, ``input``; ``loaded`` is the same as ``paint`` here, a bare window has nothing more to
load), with the same code, and ends at the milestone with ``os._exit(0)``.
"""

import os
import sys

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

MODE = os.environ.get("MLA_WRITER_STARTUP_PROBE", "paint")
FD = os.environ.get("MLA_WRITER_STARTUP_PROBE_FD")


def say(line):
    if FD:
        os.write(int(FD), (line + "\n").encode())


def end(code=0):
    peak = 0
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1])
    say(f"peak {peak}")
    sys.stderr.flush()
    os._exit(code)


class Window(QMainWindow):
    seen = False

    def paintEvent(self, event):  # noqa: N802 (Qt API)
        super().paintEvent(event)
        if not self.seen:
            self.seen = True
            QTimer.singleShot(0, self.painted)  # runs once this paint has been handled

    def painted(self):
        handle = self.windowHandle()
        if handle is None or not handle.isExposed():
            end(4)
        if MODE != "input":
            end(0)
        from PySide6.QtGui import QKeyEvent

        class KeyWatch(QObject):
            def eventFilter(self, _obj, event):  # noqa: N802 (Qt API)
                if isinstance(event, QKeyEvent):
                    QTimer.singleShot(0, end)  # runs once the key press has been handled
                return False

        self.watch = KeyWatch(self)
        handle.installEventFilter(self.watch)
        say(f"painted {int(self.winId())}")
        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":  # no X server to press the key: post it
            from PySide6.QtCore import QCoreApplication, QEvent, Qt

            QCoreApplication.postEvent(handle, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier))


app = QApplication(sys.argv)
QTimer.singleShot(20_000, lambda: end(3))
window = Window()
window.resize(1280, 820)
window.show()
app.exec()
