"""Help → User Guide: the offline guide, in the UI language, shown in the application.

The guide's prose is one HTML file per language, ``resources/help/<lang>/guide.html`` (found
through :mod:`mla_writer.assets`, so a bundle has it too). What the program knows is filled in
when it is shown, never retyped in the files:

- each ``<li data-point="<id>">`` of the list of points gets the point's number and title from
  :mod:`mla_writer.points` in front of its one-line description;
- ``$autosave_folder``, ``$dictionary_folder``, ``$settings_file`` and ``$draft_extension``
  become the real places and names;
- ``$shortcuts`` becomes the table of the window's menu shortcuts, read from its actions.

Every language's guide has the same sections (``<h2 id="...">``: :data:`SECTIONS`).
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from ..assets import get_asset
from .i18n import _, ui_language

#: The sections of the guide, by their ``id``, in order (each language's file has them all).
SECTIONS = ("letter", "points", "files", "translation", "spelling", "export", "keyboard")

_POINT_ITEM = re.compile(r'<li data-point="([a-z_]+)">')


def guide_file(lang: str) -> Path:
    """The guide's HTML file in ``lang`` (the English one when there is none in ``lang``)."""
    path = get_asset("resources", "help", lang, "guide.html")
    return path if path.is_file() else get_asset("resources", "help", "en", "guide.html")


def section_ids(html: str) -> list[str]:
    """The ids of the ``<h2>`` sections of a guide, in order."""
    return re.findall(r'<h2 id="([a-z_]+)"', html)


def shortcut_rows(window) -> list[tuple[str, str]]:
    """``(command, keys)`` for each menu command of ``window`` that has a shortcut, menu by menu."""
    rows = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            if keys and action.text():
                name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("\u2026.")
                rows.append((name, ", ".join(keys)))
    return rows


def guide_html(lang: str, places: dict[str, str], shortcuts: list[tuple[str, str]]) -> str:
    """The guide in ``lang`` with the points, places and shortcuts filled in (HTML text).

    ``places`` maps ``autosave_folder``, ``dictionary_folder``, ``settings_file`` and
    ``draft_extension`` to what to show. Raises OSError when the file cannot be read."""
    from ..points import POINT_BY_ID

    html = guide_file(lang).read_text("utf-8")

    def point(match: re.Match) -> str:
        found = POINT_BY_ID.get(match.group(1))
        return f"<li><b>{escape(found.heading(lang))}</b> \u2014 " if found else match.group(0)

    html = _POINT_ITEM.sub(point, html)
    table = "".join(f"<tr><td>{escape(name)}</td><td><b>{escape(keys)}</b></td></tr>" for name, keys in shortcuts)
    values = {key: escape(value) for key, value in places.items()}
    values["shortcuts"] = f'<table cellpadding="3">{table}</table>'
    return Template(html).safe_substitute(values)


class GuideDialog(QDialog):
    """The user guide in a window of its own (not modal: the letter stays at hand)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("userGuide")
        self.main_window = window
        self.resize(760, 680)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.lang = ""
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

    def places(self) -> dict[str, str]:
        from ..storage import EXTENSION
        from . import spellcheck
        from .autosave import default_folder

        window = self.main_window
        return {
            "autosave_folder": str(window.autosave_folder or default_folder()),
            "dictionary_folder": str(spellcheck.personal_folder()),
            "settings_file": window.settings.q.fileName(),
            "draft_extension": EXTENSION,
        }

    def load(self) -> None:
        """Show the guide in the current UI language (read again: the language may have changed)."""
        self.lang = ui_language()
        title = _("User Guide")  # (outside the f-string, where Babel's extraction finds it)
        # Ends with the application's name, as the main window's title does: Qt appends the
        # display name to a title that does not end with it (never twice).
        self.setWindowTitle(f"{title} \u2014 MLA Writer")
        try:
            html = guide_html(self.lang, self.places(), shortcut_rows(self.main_window))
        except OSError as exc:
            self.browser.setPlainText(_("The user guide could not be read: {reason}").format(reason=exc.strerror or exc))
            return
        self.browser.setHtml(html)

    def html(self) -> str:
        """The text shown, as plain text (for tests)."""
        return self.browser.toPlainText()
