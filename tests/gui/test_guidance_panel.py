"""The guidance panel under the wizard's steps (issue 17, item 4): it shows the guidance on the
step's point in the UI language, follows the step and a change of language, can be hidden
(its Hide button or View → Guidance Panel), stays hidden in a new window, and cuts no text at
1024×768."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from mla_writer.guidance import load_guidance
from mla_writer.i18n import translations
from mla_writer.points import POINT_BY_ID, POINTS

pytestmark = pytest.mark.gui

LANGS = ["en", "fr", "ru", "es"]


def _settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def _go(window, section: str):
    window.go_to(window.step_of_section[section])
    _settle()
    return window.guidance_panel


def _view_action(window, lang: str):
    wanted = translations("ui", lang).gettext("&Guidance Panel")
    return next(a for m in window.menuBar().actions() if m.menu() for a in m.menu().actions() if a.text() == wanted)


def test_the_panel_follows_the_step(make_window, example_path):
    window = make_window("en")
    assert window.open_file(str(example_path))
    english = load_guidance("en")
    panel = _go(window, "urgency")
    assert panel.isVisible()
    text = panel.text()
    assert POINT_BY_ID["urgency"].heading("en") in panel.title.text()
    for part in ("why", "refusals", "good", "bad"):
        assert english["urgency"].part(part) in text
    assert "Why it matters" in text and "A bad example" in text
    panel = _go(window, "facts")
    assert english["facts"].why in panel.text() and english["urgency"].why not in panel.text()
    panel = _go(window, "assistance")  # points 10-12 share a step: the guidance on each of them
    assert all(english[sid].refusals in panel.text() for sid in ("assistance", "link", "procedures"))
    assert panel.title.text() == "Guidance on points 10\u201312"
    for not_a_point in ("parties", "closing"):  # no guidance there: no panel
        assert not _go(window, not_a_point).isVisible()
    window.go_to(0)
    _settle()
    assert not panel.isVisible()
    assert _go(window, "language").isVisible()


@pytest.mark.parametrize("lang", ["fr", "ru", "es"])
def test_the_panel_follows_the_ui_language(make_window, lang):
    window = make_window("en")
    panel = _go(window, "legal_basis")
    assert load_guidance("en")["legal_basis"].refusals in panel.text()
    window.set_ui_language(lang)
    _settle()
    assert window.current == window.step_of_section["legal_basis"]
    own = load_guidance(lang)["legal_basis"]
    gettext = translations("ui", lang).gettext
    text = window.guidance_panel.text()
    assert own.why in text and own.good in text
    assert load_guidance("en")["legal_basis"].why not in text
    assert POINT_BY_ID["legal_basis"].heading(lang) in window.guidance_panel.title.text()
    assert gettext("Why it matters") in text and gettext("Why it matters") != "Why it matters"
    assert window.guidance_panel.hide_button.text() == gettext("Hide") != "Hide"
    assert _view_action(window, lang).isChecked()


def test_hidden_it_stays_hidden_in_a_new_window_until_shown_again(make_window, tmp_path):
    window = make_window("en")
    panel = _go(window, "confidentiality")
    assert panel.isVisible()
    panel.hide_button.click()
    _settle()
    assert not panel.isVisible()
    assert not _view_action(window, "en").isChecked()
    assert not _go(window, "offences").isVisible()  # hidden on every step, not only this one
    window.session.dirty = False
    window.close()

    second = make_window("ru")  # the same settings file, as the next start of the application
    _go(second, "offences")
    assert second.guidance_panel is None or not second.guidance_panel.isVisible()
    action = _view_action(second, "ru")
    assert not action.isChecked()
    action.trigger()  # View → Guidance Panel shows it again, and that is remembered too
    _settle()
    assert second.guidance_panel.isVisible()
    assert load_guidance("ru")["offences"].why in second.guidance_panel.text()
    second.session.dirty = False
    second.close()
    third = make_window("en")
    assert _go(third, "presence").isVisible()


def test_its_shortcut_toggles_it(make_window):
    window = make_window("en")
    action = _view_action(window, "en")
    assert [k.toString() for k in action.shortcuts()] == ["Shift+F1"]
    panel = _go(window, "prior_contact")
    action.trigger()
    _settle()
    assert not panel.isVisible()
    action.trigger()
    _settle()
    assert panel.isVisible()


def _shipped_sample():
    from mla_writer.samples import DEFAULT_SAMPLE, sample_path

    return sample_path(DEFAULT_SAMPLE)


@pytest.mark.parametrize("lang", LANGS)
def test_with_the_panel_shown_no_step_cuts_text_at_1024_by_768(make_window, lang):
    """Each step of the 14 points with its guidance shown, at 1024×768: nothing cut in the panel
    or in the step, the panel inside the window, the step keeping room for its form."""
    from .clipping import clipped

    window = make_window(lang)
    window.resize(1024, 768)
    assert window.open_file(str(_shipped_sample()))
    _settle()
    assert (window.width(), window.height()) == (1024, 768)
    problems: list[str] = []
    seen = 0
    for step, sections in enumerate(window.plan):
        if not any(point.id in sections for point in POINTS):
            continue
        window.go_to(step)
        for _ in range(3):  # (text boxes grow to their text: a few rounds of layout)
            _settle()
        panel = window.guidance_panel
        assert panel.isVisible(), sections
        seen += 1
        where = f"step {step + 1}"
        problems += [f"{where}: panel: {p}" for p in clipped(window, panel)]
        problems += [f"{where}: {p}" for p in clipped(window, window.current_page())]
        if not window.rect().contains(QRect(panel.mapTo(window, QPoint(0, 0)), panel.size())):
            problems.append(f"{where}: the panel is (partly) outside the window")
        if panel.body.height() < panel.body.fontMetrics().lineSpacing() * 4:
            problems.append(f"{where}: the guidance shows fewer than 4 lines ({panel.body.height()} px)")
        if panel.body.horizontalScrollBar().isVisible():
            problems.append(f"{where}: the guidance runs past the panel's right edge")
        page = window.current_page()
        if page.scroll.viewport().height() < 300:
            problems.append(f"{where}: the step keeps only {page.scroll.viewport().height()} px for its form")
        if panel.mapTo(window, QPoint(0, panel.height())).y() > window.nav_message.mapTo(window, QPoint(0, 0)).y():
            problems.append(f"{where}: the panel runs over the step's message")
    assert seen == 12  # the 14 points, 10-12 on one step
    assert problems == []


def test_a_damaged_guidance_file_is_reported_in_the_panel_and_the_step_works(make_window, tmp_path, monkeypatch):
    from mla_writer import guidance

    broken = tmp_path / "guidance"
    broken.mkdir()
    (broken / "en.json").write_text('{"language": "en", "points": {}}', "utf-8")
    monkeypatch.setattr(guidance, "guidance_file", lambda lang: broken / f"{lang}.json")
    guidance.load_guidance.cache_clear()
    try:
        window = make_window("en")
        panel = _go(window, "facts")
        assert panel.isVisible()
        assert panel.title.text() == "Guidance"
        assert "cannot be shown" in panel.text() and "point 'facts' is missing" in panel.text()
        assert window.current_page().title.text() == POINT_BY_ID["facts"].heading("en")
        assert "cannot be shown" in _go(window, "offences").text()  # the wizard goes on
        assert window.current == window.step_of_section["offences"]
        assert not _go(window, "closing").isVisible()
    finally:
        guidance.load_guidance.cache_clear()
