"""The desktop application (PySide6). Only modules under ``gui/`` import Qt."""
