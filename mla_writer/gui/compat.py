"""Work-around for a reference-counting bug of PySide6 6.12.0 on Python < 3.12.

PySide6 6.12.0 (abi3 wheels) returns ``None``, ``True`` and ``False`` from bound methods
and from ``Signal.emit()`` without taking a reference, as if they were immortal (they are
only from Python 3.12 on). On Python 3.11 every ``label.setText(...)`` then drops one
reference to ``None``; after a few thousand calls (``None`` starts near 5,000) the
interpreter aborts with "none_dealloc: deallocating None" — that is, after a minute of typing.

:func:`immortalize_singletons` detects the bug with a probe and, only if it is present,
gives these three singletons an unreachable reference count, which is exactly what Python
3.12 does for them. Nothing else is touched. Remove this module once the project requires
a PySide6 without the bug (or Python >= 3.12).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_HUGE = 1 << 40


class _Probe(QObject):
    ping = Signal()


def _drops_references() -> bool:
    probe = _Probe()
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(8):
        probe.setObjectName("probe")  # returns None
        probe.ping.emit()  # returns True
    after = sys.getrefcount(None), sys.getrefcount(True)
    return after[0] < before[0] or after[1] < before[1]


def immortalize_singletons() -> bool:
    """Apply the work-around if this PySide6 needs it; True if it was applied."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or not _drops_references():
        return False
    for obj in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # PyObject.ob_refcnt is the first field
        if refcnt.value < _HUGE:
            refcnt.value += _HUGE
    return True


APPLIED = immortalize_singletons()


def emit(signal, *args) -> None:
    """``signal.emit(*args)`` (kept as one place to adapt if emitting needs care again)."""
    signal.emit(*args)
