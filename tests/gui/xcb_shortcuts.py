"""Keyboard shortcuts on a real X display (run by test_shortcuts.py through tests/gui/xvfb.py,
under Xvfb with QT_QPA_PLATFORM=xcb; not collected on their own): no key sequence owned twice,
and real key presses (xdotool) reach their actions. Offscreen, Qt resolves shortcuts without
the window system: issue 11's "Ambiguous shortcut overload: Ctrl+Q" showed only on a display."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QApplication

from .xvfb import focus_window, keys

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _on_xcb():
    assert os.environ.get("QT_QPA_PLATFORM") == "xcb" and QApplication.platformName() == "xcb"


def _shortcut_owners(root) -> dict[tuple[str, str], list[str]]:
    """Every key sequence of the QActions and QShortcuts under ``root``, by where it acts: the
    whole window (window and application shortcuts) or one widget (widget shortcuts)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence, QShortcut

    def scope(obj, context) -> str:
        if context in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut):
            return "window"
        return f"widget {id(obj.parent())}"

    owners: dict[tuple[str, str], list[str]] = {}
    for action in root.findChildren(QAction):
        if not action.associatedObjects():  # in no menu, no widget: it takes no key
            continue
        for key in action.shortcuts():
            if not key.isEmpty():
                name = key.toString(QKeySequence.SequenceFormat.PortableText)
                owners.setdefault((scope(action, action.shortcutContext()), name), []).append(action.text())
    for shortcut in root.findChildren(QShortcut):
        for key in shortcut.keys():
            if not key.isEmpty():
                name = key.toString(QKeySequence.SequenceFormat.PortableText)
                owners.setdefault((scope(shortcut, shortcut.context()), name), []).append(shortcut.objectName() or "QShortcut")
    return owners


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es"])
def test_no_shortcut_is_ambiguous(make_window, lang):
    """Issue 11: Ctrl+Q was registered twice (the platform's Quit and "Ctrl+Q"): Qt said
    "Ambiguous shortcut overload" and did nothing, on a real display only. The UI language is
    switched at run time too (the menus are built again)."""
    from mla_writer.gui.export_dialog import ExportVariantDialog

    from PySide6.QtCore import QCoreApplication, QEvent

    window = make_window("en")
    if lang != "en":
        window.set_ui_language(lang)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the old menus are gone
    owners = _shortcut_owners(window)
    assert ("window", "Ctrl+Q") in owners and ("window", "F9") in owners
    duplicated = {key: names for key, names in owners.items() if len(names) > 1}
    assert not duplicated
    dialog = ExportVariantDialog(window)  # the dialogs the window opens
    assert not {key: names for key, names in _shortcut_owners(dialog).items() if len(names) > 1}


def _ambiguity_warnings():
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    warnings: list[str] = []
    previous = qInstallMessageHandler(lambda kind, _ctx, text: kind != QtMsgType.QtDebugMsg and warnings.append(text))
    return warnings, lambda: qInstallMessageHandler(previous)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_ctrl_q_quits(make_window, qtbot, lang):
    window = make_window("en")
    if lang != "en":
        window.set_ui_language(lang)  # the menus built again: still one Ctrl+Q
    warnings, restore = _ambiguity_warnings()
    try:
        focus_window(window)
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        keys("ctrl+q")
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    finally:
        restore()
    assert not [w for w in warnings if "mbiguous" in w]


def test_real_keys_reach_the_preview_and_the_steps(make_window, qtbot):
    """F9 (preview pane), Alt+Right and Alt+Left (next and previous step) from the real keyboard."""
    window = make_window("en")
    warnings, restore = _ambiguity_warnings()
    try:
        focus_window(window)
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        shown = window.preview.isVisible()
        keys("F9")
        qtbot.waitUntil(lambda: window.preview.isVisible() != shown, timeout=3000)
        assert window.preview_action.isChecked() == window.preview.isVisible()
        keys("F9")
        qtbot.waitUntil(lambda: window.preview.isVisible() == shown, timeout=3000)
        start = window.current
        keys("alt+Right")
        qtbot.waitUntil(lambda: window.current == start + 1, timeout=3000)
        keys("alt+Left")
        qtbot.waitUntil(lambda: window.current == start, timeout=3000)
    finally:
        restore()
    assert not [w for w in warnings if "mbiguous" in w]
