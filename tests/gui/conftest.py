"""GUI tests (pytest-qt). Offscreen unless ``--onscreen``; settings and autosave in tmp folders."""

from __future__ import annotations

import os
import sys

import pytest

if "--onscreen" not in sys.argv:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.conftest import EXAMPLE, TODAY  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--onscreen", action="store_true", help="show the GUI tests' windows on the real display")


@pytest.fixture
def make_window(qtbot, tmp_path):
    """Build main windows as the application does, isolated from the user's settings."""
    from PySide6.QtCore import QSettings

    from mla_writer.gui import i18n
    from mla_writer.gui.main import make_window as build

    made = []

    def factory(lang: str | None = "en", folder=None):
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        if lang is not None:
            settings.setValue("ui/language", lang)
        window = build(settings, folder or tmp_path / "autosave")
        window.today = TODAY
        window.ask_unsaved = lambda: __import__("PySide6.QtWidgets").QtWidgets.QMessageBox.StandardButton.Discard
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        with qtbot.waitActive(window):
            window.activateWindow()
        qtbot.waitUntil(lambda: window.session is not None and window.session.report is not None)  # after the first paint
        made.append(window)
        return window

    yield factory
    for window in made:
        try:
            window.session.dirty = False
            window.close()
        except RuntimeError:
            pass
    i18n.set_ui_language("en")


@pytest.fixture
def example_path():
    return EXAMPLE


@pytest.fixture(autouse=True)
def _no_modal_export_dialog(monkeypatch):
    """A test that reaches the export dialog without answering it (``window.ask_export_variant``)
    fails at once instead of hanging on a modal dialog nobody can click."""
    from mla_writer.gui.export_dialog import ExportVariantDialog

    def refuse(self):  # pragma: no cover - only reached by a test that forgot to answer
        pytest.fail("the export dialog opened: set window.ask_export_variant in the test")

    monkeypatch.setattr(ExportVariantDialog, "exec", refuse)
