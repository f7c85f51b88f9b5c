"""The mouse wheel never changes a value the user is not editing.

Qt's drop-downs, spin boxes and date edits change their value when the wheel turns over
them, focused or not, and take the focus from the wheel (``Qt.WheelFocus``): scrolling down
a form changed the requested State, the output language or a nationality without the user
noticing. One application-wide event filter (:func:`install`) fixes that for every such
editor, wherever it is built:

- the editors take the focus by click or Tab only (``Qt.StrongFocus``), not by the wheel;
- a wheel turned over one that has no focus is passed on to the widgets under it, so the
  page scrolls as it would over a label.

A focused editor keeps Qt's behaviour: the user clicked it, the wheel is meant for it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QApplication, QComboBox, QScrollBar, QWidget

#: Widgets whose value the wheel would change (scroll bars only scroll: they keep the wheel).
GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)

_WHEEL = QEvent.Type.Wheel
_POLISH = QEvent.Type.Polish


def guarded_editor(obj) -> QWidget | None:
    """The value editor ``obj`` is, or is part of (a combo's or spin box's line edit), or None."""
    if not isinstance(obj, QWidget):
        return None
    for widget in (obj, obj.parentWidget()):
        if isinstance(widget, GUARDED) and not isinstance(widget, QScrollBar):
            return widget
    return None


def has_focus(editor: QWidget) -> bool:
    """Whether the keyboard focus is in ``editor`` (itself or its line edit)."""
    focus = QApplication.focusWidget()
    return focus is not None and (focus is editor or editor.isAncestorOf(focus))


def _no_wheel_focus(editor: QWidget) -> None:
    if editor.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        editor.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class WheelGuard(QObject):
    """Application-wide event filter: see the module's docstring."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == _WHEEL:
            editor = guarded_editor(obj)
            if editor is not None:
                _no_wheel_focus(editor)
                if not has_focus(editor):
                    # Not handled here: Qt offers a real wheel event to the parents in turn,
                    # and the page's scroll area scrolls.
                    event.ignore()
                    return True
        elif kind == _POLISH and isinstance(obj, GUARDED):
            _no_wheel_focus(obj)
        return False


_guard: WheelGuard | None = None


def install(app: QApplication | None = None) -> WheelGuard | None:
    """Install the guard on the application (once; later calls do nothing). Returns it, or
    None when there is no application yet."""
    global _guard
    app = app or QApplication.instance()
    if app is None:
        return None
    try:
        current = _guard is not None and _guard.parent() is app
    except RuntimeError:  # the application it was installed on is gone
        current = False
    if not current:
        _guard = WheelGuard(app)
        app.installEventFilter(_guard)
    return _guard
