"""Preferences remembered between sessions (QSettings): geometry, UI language, recent files.

The settings file names the drafts opened recently (their paths say whose case they are): it is
readable by its owner only (0600), made so before Qt first writes it and again at each sync.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Settings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings()
        self._private()

    def _private(self) -> None:
        """Make the settings file (a file, not the Windows registry) readable by its owner only."""
        if self.q.format() == QSettings.Format.NativeFormat and os.name == "nt":
            return
        path = Path(self.q.fileName())
        if not path.is_absolute():
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not path.exists():  # created private: Qt keeps an existing file's permissions
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            os.chmod(path, 0o600)
        except OSError:
            pass  # a read-only or foreign folder: the settings are not written there either

    # -- language ------------------------------------------------------------------------
    def ui_language(self) -> str | None:
        value = self.q.value("ui/language")
        return str(value) if value else None

    def set_ui_language(self, lang: str) -> None:
        self.q.setValue("ui/language", lang)

    # -- window --------------------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        value = self.q.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def splitter(self) -> QByteArray | None:
        value = self.q.value("window/splitter")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, splitter: QByteArray) -> None:
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/splitter", splitter)

    def preview_visible(self) -> bool:
        return str(self.q.value("window/preview", "true")).lower() == "true"

    def set_preview_visible(self, on: bool) -> None:
        self.q.setValue("window/preview", "true" if on else "false")

    def guidance_visible(self) -> bool:
        """Whether the user wants the guidance panel under each step (shown until hidden)."""
        return str(self.q.value("window/guidance", "true")).lower() == "true"

    def set_guidance_visible(self, on: bool) -> None:
        self.q.setValue("window/guidance", "true" if on else "false")

    def bilingual(self) -> str:
        """Second language of a bilingual letter ("" for a letter in one language)."""
        value = str(self.q.value("export/bilingual", "") or "")
        from ..languages import is_language

        return value if is_language(value) else ""

    def set_bilingual(self, code: str) -> None:
        self.q.setValue("export/bilingual", code or "")

    # -- recent files --------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.q.value("files/recent") or []
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value if v]

    def add_recent(self, path: Path | str) -> None:
        path = str(Path(path).resolve())
        recent = [p for p in self.recent_files() if p != path]
        self.q.setValue("files/recent", [path, *recent][:MAX_RECENT])

    def remove_recent(self, path: str) -> None:
        self.q.setValue("files/recent", [p for p in self.recent_files() if p != path])

    def last_folder(self) -> str:
        return str(self.q.value("files/folder", "") or "")

    def set_last_folder(self, folder: str) -> None:
        """Remember ``folder`` (made absolute: "." would name whatever folder the next run starts in)."""
        import os

        self.q.setValue("files/folder", os.path.abspath(folder) if folder else folder)

    # -- the case register (mla_writer.gui.register_window) ---------------------------------
    def register_url(self) -> str:
        """The register's database URL set by the user ("" = the SQLite file on this computer;
        the environment variable MLA_WRITER_REGISTER_URL comes first)."""
        return str(self.q.value("register/url") or "")

    def set_register_url(self, url: str) -> None:
        self.q.setValue("register/url", url)

    def register_near_days(self) -> int:
        """A deadline due within this many days is marked in the register (default 14)."""
        try:
            return max(0, min(365, int(self.q.value("register/near_days", 14))))
        except (TypeError, ValueError):
            return 14

    def set_register_near_days(self, days: int) -> None:
        self.q.setValue("register/near_days", int(days))

    def sync(self) -> None:
        self.q.sync()
        self._private()
