"""Bootstrap of the desktop application (imports Qt only when called)."""

from __future__ import annotations

import sys


def run_gui(argv: list[str]) -> int:
    from .gui.main import run

    return run([sys.argv[0], *argv])
