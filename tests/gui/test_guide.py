"""Help → User Guide (issue 11, part 6): an offline guide in the UI language, shown in the
application, with the 14 points (titles from mla_writer.points), the real places of drafts,
autosaves and settings, and the window's real shortcuts."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from mla_writer.gui import guide
from mla_writer.languages import languages
from mla_writer.points import POINTS

pytestmark = pytest.mark.gui


def _open_guide(window):
    action = next(a for m in window.menuBar().actions() if m.menu() for a in m.menu().actions()
                  if a.shortcuts() and a.shortcuts()[0] == QKeySequence(QKeySequence.StandardKey.HelpContents))
    action.trigger()
    dialog = window.guide
    assert dialog.isVisible()
    return dialog


@pytest.mark.parametrize("lang", languages())
def test_the_guide_opens_in_the_ui_language_with_the_fourteen_points(make_window, tmp_path, lang):
    window = make_window(lang)
    dialog = _open_guide(window)
    text = dialog.html()
    assert dialog.lang == lang
    for point in POINTS:
        assert f"{point.heading(lang)} \u2014 " in text, (lang, point.id)  # "8. Summary of ...", then its line
    assert "$" not in text  # every place and table filled in
    assert str(tmp_path / "autosave") in text  # where this window's autosaves really go
    assert str(tmp_path / "settings.ini") in text
    assert str(tmp_path / "dictionary") in text
    assert ".mlar" in text
    # the shortcuts are the window's own, named as its menus name them
    for name, keys in guide.shortcut_rows(window):
        assert name in text and keys in text
    assert QKeySequence("Ctrl+F").toString(QKeySequence.SequenceFormat.NativeText) in text


def test_the_guide_follows_a_change_of_ui_language(make_window):
    window = make_window("en")
    dialog = _open_guide(window)
    assert "How a letter is built" in dialog.html()
    window.set_ui_language("ru")
    dialog = _open_guide(window)
    assert "Как устроено письмо" in dialog.html() and "How a letter is built" not in dialog.html()
    assert dialog.windowTitle() == "Руководство пользователя — MLA Writer"


def shown_title(title: str, display_name: str = "MLA Writer") -> str:
    """The title the window system shows: Qt appends the application's display name unless the
    title already ends with it (QPlatformWindow::formatWindowTitle)."""
    return title if title.endswith(display_name) else f"{title} \u2014 {display_name}"


@pytest.mark.parametrize("lang", languages())
def test_the_guide_window_names_the_application_once(make_window, lang):
    dialog = _open_guide(make_window(lang))
    assert shown_title(dialog.windowTitle()).count("MLA Writer") == 1, dialog.windowTitle()
    assert shown_title(window_title := dialog.main_window.windowTitle()).count("MLA Writer") == 1, window_title


def test_every_language_has_the_same_sections_and_points():
    import re

    for lang in languages():
        html = guide.guide_file(lang).read_text("utf-8")
        assert guide.guide_file(lang).parent.name == lang  # a guide of its own, not the English fallback
        assert guide.section_ids(html) == list(guide.SECTIONS), lang
        assert re.findall(r'data-point="([a-z_]+)"', html) == [p.id for p in POINTS], lang
        assert {"$autosave_folder", "$settings_file", "$dictionary_folder", "$shortcuts"} <= set(re.findall(r"\$[a-z_]+", html))


def test_the_guide_is_found_through_the_asset_helper(monkeypatch, tmp_path):
    from mla_writer import assets

    (tmp_path / "resources" / "help" / "en").mkdir(parents=True)
    (tmp_path / "resources" / "help" / "en" / "guide.html").write_text("<h2 id=\"letter\">x</h2>", "utf-8")
    monkeypatch.setattr(assets, "data_root", lambda: tmp_path)  # as in a bundle (sys._MEIPASS)
    assert guide.guide_file("fr") == tmp_path / "resources" / "help" / "en" / "guide.html"


def test_the_russian_guide_names_the_letter_of_request_as_the_application_does():
    """The application calls it «запрос» (points, hints, the office profile); the guide said
    «просьба» (issue 11 trial)."""
    from mla_writer.i18n import translations

    html = guide.guide_html("ru", {}, []).lower()
    assert "просьб" not in html and "запрос об оказании взаимной правовой помощи" in html
    about = translations("ui", "ru").gettext(
        "MLA Writer {version}\n\nDrafts letters of request for mutual legal assistance in criminal matters, point by point, offline.")
    assert "просьб" not in about and "запросов" in about
