"""Bootstrap of the desktop application (imports Qt only when called)."""

from __future__ import annotations

import sys


def _no_display() -> str | None:
    """Why Qt could not open a window here, or None. (Without this check Qt aborts with a
    misleading message about libxcb-cursor0.)"""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "mla-writer: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the "
        "application window cannot open. Run it from a desktop session; the command line "
        "works without one (mla-writer --help)."
    )


def run_gui(argv: list[str]) -> int:
    problem = _no_display()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from .gui.main import run

    return run([sys.argv[0], *argv])
