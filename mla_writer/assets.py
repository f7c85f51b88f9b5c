"""Find the project's data folders (templates/, locales/, resources/) in a checkout or a bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def data_root() -> Path:
    """The folder that holds ``templates/``, ``locales/`` and ``resources/``.

    In a PyInstaller bundle that is ``sys._MEIPASS``; in a checkout (or an editable
    install) it is the repository root, one level above the package.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def get_asset(*parts: str) -> Path:
    """Path of a data file, e.g. ``get_asset("resources", "instruments.json")``."""
    return data_root().joinpath(*parts)
