"""Start the desktop application: QApplication, translators, the main window, crash recovery."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from . import i18n


def make_app(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("MLA Writer")
    app.setOrganizationName("MLA Writer")
    app.setApplicationDisplayName("MLA Writer")
    return app


def make_window(settings=None, autosave_folder=None):
    from .settings import Settings
    from .window import MainWindow

    lang = Settings(settings).ui_language() or i18n.system_ui_language()
    i18n.set_ui_language(lang)
    return MainWindow(settings, autosave_folder)


def run(argv: list[str]) -> int:
    app = make_app(argv)
    window = make_window()
    window.show()
    window.offer_recovery()
    for arg in argv[1:]:
        if not arg.startswith("-"):
            window.open_file(arg, ask=False)
            break
    return app.exec()


if __name__ == "__main__":
    sys.exit(run(sys.argv))
