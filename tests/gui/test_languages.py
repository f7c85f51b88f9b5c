"""Switching the UI language at run time retranslates what is on screen, Qt's own strings included."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from mla_writer.checklist import SECTIONS
from mla_writer.i18n import translations

from .helpers import visible_problem_texts

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("lang", ["fr", "ru", "es"])
def test_switch_retranslates_visible_widgets(make_window, lang):
    window = make_window("en")
    step = window.step_of_section["acknowledgement"]
    window.go_to(step)
    english = {
        "next": window.next_button.text(),
        "title": window.current_page().title.text(),
        "label": window.current_page().problem_map.entries["acknowledgement.name"][0].accessibleName(),
        "menu": window.menuBar().actions()[0].text(),
        "sidebar": window.sidebar.item(window.sidebar.count() - 1).text(),
        "problems": visible_problem_texts(window.current_page()),
    }
    assert english["next"] == "&Next \u2192"
    window.set_ui_language(lang)
    gettext = translations("ui", lang).gettext
    page = window.current_page()
    assert window.current == step
    assert window.next_button.text() == gettext("&Next \u2192") != english["next"]
    assert page.title.text() == SECTIONS[4].heading(lang) != english["title"]
    label = page.problem_map.entries["acknowledgement.name"][0].accessibleName()
    assert label == gettext("Person to receive it") != english["label"]
    assert window.menuBar().actions()[0].text() == gettext("&File") != english["menu"]
    assert window.sidebar.item(window.sidebar.count() - 1).text() == gettext("Review and export") != english["sidebar"]
    assert window.sidebar.item(0).text() == gettext("Start") != "Start"
    assert window.preview.view.accessibleName() == gettext("Preview of the letter")
    if window.preview.shown_generation == 0:
        assert window.preview.view.toPlainText() == gettext("The preview appears here.")
    # The checklist's messages come back in the new language too.
    shown = visible_problem_texts(page)
    assert shown and shown != english["problems"]
    assert shown[0] == gettext(english["problems"][0])


@pytest.mark.parametrize(("lang", "cancel"), [("fr", "Annuler"), ("ru", "Отмена"), ("es", "Cancelar")])
def test_qt_standard_buttons_follow_the_ui_language(make_window, lang, cancel):
    window = make_window("en")
    window.set_ui_language(lang)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == cancel
    window.set_ui_language("en")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Cancel"


def test_ui_language_is_remembered(make_window):
    window = make_window("en")
    window.set_ui_language("ru")
    assert window.close()
    from mla_writer.gui import i18n

    i18n.set_ui_language("en")
    again = make_window(None)  # no language forced: the remembered one is used
    assert i18n.ui_language() == "ru"
    assert again.next_button.text() == translations("ui", "ru").gettext("&Next \u2192")


def test_drafting_and_output_languages_are_independent_of_the_ui(make_window, example_path):
    window = make_window("ru")
    window.open_file(str(example_path))
    letter = window.session.letter
    assert (letter.drafting_language, letter.output_language) == ("fr", "fr")
    window.go_to(window.step_of_section["parties"])
    page = window.current_page()
    output = page.problem_map.entries["output_language"][0]
    output.combo.setCurrentIndex(output.combo.findData("en"))
    assert letter.output_language == "en" and letter.drafting_language == "fr"
    name = page.problem_map.entries["addressee.name"][0]
    assert name.tabs.isVisible() and name.tabs.count() == 2
    name.set_language("en")
    assert name.edit.text() == letter.addressee.name.get("en")
    name.set_language("fr")
    assert name.edit.text() == letter.addressee.name.get("fr")


def test_cyrillic_glyphs_available():
    from PySide6.QtGui import QFont, QFontMetrics

    assert QFontMetrics(QFont()).inFontUcs4(ord("\u042f"))


def test_untranslated_text_listed_on_point_14_leads_to_its_translation_tab(make_window, example_path):
    window = make_window("en")
    window.open_file(str(example_path))
    letter = window.session.letter
    letter.facts.summary.set("es", "")  # the Spanish summary is still to be written
    letter.output_language = "es"
    window.session.languages_changed.emit()
    window.run_check()
    window.go_to(window.step_of_section["language"])
    assert window.go_next() is False
    page = window.current_page()
    untranslated = [p for p in window.session.report.result("language").errors if p.code == "language.untranslated"]
    assert untranslated and untranslated[0].message in page.general.text()
    target = next(p.path for p in untranslated if p.path == "facts.summary")
    page.general.linkActivated.emit(target)
    assert "facts" in window.current_page().section_ids
    editor = window.current_page().problem_map.entries["facts.summary"][0]
    assert editor.language() == "es" and editor.text() == ""
    editor.edit.insertPlainText("Entre enero de 2025 y junio de 2026, un grupo organizado captó a once jóvenes.")
    assert window.session.letter.facts.summary.get("es").startswith("Entre enero")  # read: typed text reaches it


def test_a_tab_asks_for_a_translation_only_when_there_is_text_to_translate(make_window):
    """An empty field is not "to translate" (issue 11 trial: every empty field's output tab said so)."""
    from .helpers import type_text

    window = make_window("en")
    letter = window.session.letter
    letter.output_language = "fr"
    window.session.languages_changed.emit()
    window.go_to(window.step_of_section["closing"])
    place = window.current_page().problem_map.entries["place"][0]
    assert place.tabs.count() == 2 and place.tabs.isVisible()
    assert "to translate" not in place.tabs.tabText(1)  # nothing in either language
    type_text(place.edit, "Chisinau")
    # (the tab's full name is its tooltip; a narrow field shows the short name "Français •")
    assert place.tabs.tabToolTip(1) == "Output: Français \u2022 to translate"
    assert place.tabs.tabText(1) in ("Output: Français \u2022 to translate", "Français \u2022")
    place.set_language("fr")
    type_text(place.edit, "Chișinău")
    assert "to translate" not in place.tabs.tabToolTip(1) and "\u2022" not in place.tabs.tabText(1)
    assert place.tabs.tabToolTip(0) == "Drafting: English"


def test_editing_the_drafting_language_makes_an_unmarked_translation_stale(make_window):
    """A draft whose translation carries no mark (typed before marks were kept): an edit of the
    drafting language's text in the wizard makes it stale, and point 14 says so (trial finding:
    the letter went out with the translation silently out of date)."""
    from mla_writer import translation

    window = make_window("en")
    letter = window.session.letter
    lang = letter.drafting_language
    other = "fr" if lang != "fr" else "es"
    letter.facts.summary.set(lang, "The accounts were emptied in March.")
    letter.facts.summary.set(other, "Traduction faite avant les marques.")
    letter.translation.marks = []
    window.go_to(window.step_of_section["facts"])
    editor = window.current_page().problem_map.entries["facts.summary"][0]
    editor.set_language(lang)
    editor.edit.moveCursor(editor.edit.textCursor().MoveOperation.End)
    editor.edit.insertPlainText(" A second transfer followed in April.")
    assert window.session.letter.facts.summary.get(lang).endswith("April.")  # (read: the typed text reaches it)
    assert translation.stale_paths(window.session.letter, other) == ["facts.summary"]
