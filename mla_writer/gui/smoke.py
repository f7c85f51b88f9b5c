"""Qt half of ``mla-writer --smoke-test`` (the rest is :mod:`mla_writer.smoke`, which has no Qt).

Builds the real main window, shows it, lets the event loop run once, and reports what it
saw. Also checks what a bundle must ship for the desktop: Qt's own translations and the
desktop platform plugin. Lives in ``gui/`` because only gui modules touch Qt.
"""

from __future__ import annotations

import importlib
import sys
import tempfile
import time
from pathlib import Path

#: Every Qt module the application uses (the bundle must contain each).
QT_MODULES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "shiboken6")

#: Qt's own translations the application loads (see gui/i18n.py: qtbase_<lang>.qm).
from ..languages import translated_languages

QT_TRANSLATED = translated_languages()

#: The desktop platform plugin each OS needs (offscreen is checked by using it).
DESKTOP_PLATFORM = {"linux": "xcb", "win32": "windows", "darwin": "cocoa"}


def import_qt() -> list[str]:
    for name in QT_MODULES:
        importlib.import_module(name)
    return list(QT_MODULES)


def _make_app_and_window(folder: Path):
    """The application and its main window, built the way ``gui.main.run`` builds them, but
    with settings and autosaves in ``folder`` (a smoke test leaves the user's own alone)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from . import main as gui_main

    argv = [sys.argv[0] if sys.argv else "mla-writer"]
    if hasattr(gui_main, "make_app"):
        app = gui_main.make_app(argv)
    else:
        app = QApplication.instance() or QApplication(argv)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    if hasattr(gui_main, "make_window"):
        window = gui_main.make_window(settings, folder / "autosave")
    else:
        window = gui_main.MainWindow()
    return app, window


def check_qt_files() -> str:
    """Qt translations and the desktop platform plugin are where Qt looks for them."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for lang in QT_TRANSLATED:
        if not QTranslator().load(f"qtbase_{lang}", folder):
            raise RuntimeError(f"Qt's translation qtbase_{lang}.qm is missing from {folder}")
    platform = next((v for k, v in DESKTOP_PLATFORM.items() if sys.platform.startswith(k)), None)
    if platform:
        plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
        if not any(p.name.lower().removeprefix("lib").startswith(f"q{platform}") for p in plugins.glob("*")):
            raise RuntimeError(f"the {platform} platform plugin is missing from {plugins}")
    return f"qtbase {' '.join(QT_TRANSLATED)}, {platform or 'desktop'} plugin present"


def show_main_window() -> dict:
    """Create the application and the main window, show it, run the event loop until it is
    shown, close it. Returns what was seen (platform, title, seconds from here to shown)."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mla-writer-smoke-", ignore_cleanup_errors=True) as tmp:
        return _show(start, *_make_app_and_window(Path(tmp)))


def _show(start: float, app, window) -> dict:
    from PySide6.QtCore import QTimer

    window.show()
    if hasattr(window, "offer_recovery"):
        window.offer_recovery()  # as at a real start (nothing to recover in a fresh folder)
    result: dict = {}

    def shown() -> None:  # runs once the show and expose events have been processed
        result.update(
            seconds=time.perf_counter() - start,
            platform=app.platformName(),
            title=window.windowTitle(),
            visible=window.isVisible(),
            size=(window.width(), window.height()),
        )
        try:  # the second stage of start-up: model and step views (an error here must not hang the loop)
            window.ensure_ready()
            result["steps_loaded"] = window.session is not None and window.current_page() is not None
        except Exception as exc:  # noqa: BLE001 - reported by check_window
            result["steps_loaded"] = False
            result["steps_error"] = f"{type(exc).__name__}: {exc}"
        app.quit()

    QTimer.singleShot(0, shown)
    app.exec()
    window.close()
    app.processEvents()
    return result
