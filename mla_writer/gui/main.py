"""Start the desktop application: QApplication, translators, the main window, crash recovery."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from . import i18n


def make_app(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("MLA Writer")
    app.setOrganizationName("MLA Writer")
    app.setApplicationDisplayName("MLA Writer")
    # The wheel guard (widgets/wheel.py) is installed by the window's second stage, with the step
    # views: an application-wide Python event filter before the first paint would see every
    # start-up event and build Qt's enums (40-90 ms), and the start page has no value editor.
    return app


def make_window(settings=None, autosave_folder=None):
    from .settings import Settings
    from .window import MainWindow

    lang = Settings(settings).ui_language() or i18n.system_ui_language()
    i18n.set_ui_language(lang)
    return MainWindow(settings, autosave_folder)


def demo_argument(argv: list[str]) -> "str | None":
    """The sample of ``--demo [SAMPLE]`` in ``argv`` (the default sample for a bare ``--demo``),
    or None when the application is not started in training mode."""
    for i, arg in enumerate(argv):
        if arg == "--demo" or arg.startswith("--demo="):
            value = arg.partition("=")[2] if "=" in arg else (
                argv[i + 1] if i + 1 < len(argv) and not argv[i + 1].startswith("-") else "")
            if not value:
                from ..samples import DEFAULT_SAMPLE

                value = DEFAULT_SAMPLE
            return value
    return None


def run(argv: list[str]) -> int:
    app = make_app(argv)
    sample = demo_argument(argv[1:])
    if sample is not None:  # training mode: the user's own settings, autosave and profile untouched
        from .demo import launch

        window = launch(sample)
    else:
        window = make_window()

    def guard() -> None:  # an unexpected error: a dialog and a recovery copy, the window stays
        from . import crash

        crash.install(window)

    # installed once the window is on screen, where its dialog shows (the first paint does without
    # the module), before the second stage's first slice
    window.first_painted.connect(lambda: QTimer.singleShot(0, window, guard))
    probe = os.environ.get("MLA_WRITER_STARTUP_PROBE")
    if probe:  # bench/bench_startup.py: end the process at a start-up milestone
        from . import startup_probe

        startup_probe.install(window, probe)
    window.show()
    if sample is not None:
        return app.exec()
    # A crash's autosave is offered once the window is up and its second stage done (scanning
    # the autosave folders right after the first paint would delay the user's first key).
    # Connected before a draft named on the command line is opened: opening it finishes the
    # second stage at once, and the offer must not miss that.
    def offer_once() -> None:
        window.ready.disconnect(offer_once)
        QTimer.singleShot(0, window, window.offer_recovery)

    window.ready.connect(offer_once)
    for arg in argv[1:]:
        if not arg.startswith("-"):
            window.open_file(arg, ask=False)
            break
    return app.exec()


if __name__ == "__main__":
    sys.exit(run(sys.argv))
