"""The desktop application (PySide6). Only modules under ``gui/`` import Qt."""

from . import compat as _compat  # noqa: F401  (PySide6 6.12.0 reference-count work-around)
