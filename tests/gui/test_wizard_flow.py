"""An empty window driven to an exported .docx: Russian UI, French letter, typed non-ASCII text."""

from __future__ import annotations

import pytest

from mla_writer.checklist import SECTIONS, check
from mla_writer.storage import load

from .conftest import TODAY
from .helpers import fill_page, type_text

pytestmark = pytest.mark.gui


def test_empty_window_to_exported_docx(make_window, example_path, tmp_path, qtbot):
    example = load(example_path)
    window = make_window("ru")
    assert window.session.letter.requesting_state == ""
    # The start step: the user chooses to start a new letter.
    assert window.current == 0 and window.current_page().new_button.isVisible()
    window.current_page().new_button.click()
    steps = len(window.plan)
    for step in range(1, steps - 1):
        assert window.current == step
        fill_page(window, example)
        assert window.go_next(), [p.message for p in window.current_page().blocking(window.session.report)]
    # The last step: the whole report is complete, the letter is French, exported as .docx.
    assert window.current == steps - 1
    report = check(window.session.letter, "ru", TODAY)
    assert report.complete, [(p.path, p.message) for p in report.problems() if p.severity.value == "error"]
    assert window.session.letter.output_language == "fr"
    assert window.session.letter.requesting_state == "FR" and window.session.letter.requested_state == "MD"
    assert window.session.letter.facts.summary.get("fr") == example.facts.summary.get("fr")
    assert [p.id for p in window.session.letter.persons] == [p.id for p in example.persons]
    assert [a.kind for a in window.session.letter.assistance] == [a.kind for a in example.assistance]
    target = tmp_path / "lettre.docx"
    window.ask_export_path = lambda: str(target)
    variants = []
    window.ask_export_variant = lambda: variants.append(1) or ("pseudonyms", False)  # the sample has a protected victim
    with qtbot.waitSignal(window.exported, timeout=60_000):
        window.current_page().export_button.click()
    assert target.is_file() and target.stat().st_size > 0 and variants == [1]
    import docx

    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "CEBAN" in text.upper()
    assert "Chişinău" in text or "Chișinău" in text


def test_typing_helper_handles_cyrillic_and_accents(make_window):
    window = make_window("ru")
    window.go_to(window.step_of_section["identification"])
    editor = window.current_page().problem_map.entries["identification.officer.name"][0]
    type_text(editor.edit, "Ана Русу — Бэлць, Chişinău, «Éric»")
    assert window.session.letter.identification.officer.name == "Ана Русу — Бэлць, Chişinău, «Éric»"


def test_sidebar_lists_every_section_and_jumps(make_window):
    window = make_window()
    assert window.sidebar.count() == len(SECTIONS) + 2  # the start and review steps around them
    for row, section in enumerate(SECTIONS, start=1):
        assert section.heading("en") in window.sidebar.item(row).text()
        window.sidebar.itemClicked.emit(window.sidebar.item(row))
        assert section.id in window.current_page().section_ids


def test_sidebar_status_follows_typing(make_window, qtbot):
    window = make_window()
    window.go_to(window.step_of_section["parties"])
    row = 1  # below the start step
    qtbot.waitUntil(lambda: "parties" in window.sidebar.statuses)  # the first check follows the first paint
    assert window.sidebar.statuses["parties"] == "incomplete"
    assert "\u2716" in window.sidebar.item(row).text()
    window.open_file(str(__import__("tests.conftest", fromlist=["EXAMPLE"]).EXAMPLE))
    assert window.sidebar.statuses["parties"] in ("complete", "warnings")
    assert "\u2714" in window.sidebar.item(row).text() or "\u25b2" in window.sidebar.item(row).text()
    # Clearing a field marks the section incomplete after the debounce, without pressing anything.
    window.go_to(window.step_of_section["identification"])
    edit = window.current_page().problem_map.entries["identification.officer.name"][0].edit
    edit.selectAll()
    edit.del_()
    with qtbot.waitSignal(window.checked, timeout=3000):
        pass
    assert window.sidebar.statuses["identification"] == "incomplete"
    assert "\u2716" in window.sidebar.item(2).text()


def test_preview_shows_the_rendered_letter(make_window, example_path, qtbot):
    window = make_window()
    window.open_file(str(example_path))
    window.preview.setVisible(True)
    window.preview.render_now()
    qtbot.waitUntil(lambda: "CEBAN" in window.preview.view.toPlainText().upper(), timeout=30_000)
    # Typing updates the preview by itself (debounced, rendered off the GUI thread).
    window.go_to(window.step_of_section["closing"])
    edit = window.current_page().problem_map.entries["place"][0].edit
    edit.selectAll()
    type_text(edit, "Lyon-Vénissieux")
    qtbot.waitUntil(lambda: "Lyon-Vénissieux" in window.preview.view.toPlainText(), timeout=30_000)
