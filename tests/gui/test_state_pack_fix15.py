"""Issue 15 trial fixes (fix15) in the wizard: Remove needs a selection and a confirmation naming
what goes; a requested State without a profile takes back what the previous profile filled."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mla_writer import packs
from tests.gui.helpers import fill_editor

pytestmark = pytest.mark.gui

EXAMPLE = Path(__file__).parents[2] / "resources" / "state-packs" / "example.toml"
SHOTS = Path("/tmp/fix15")
LOCAL = """
[pack]
format = "mla-writer-state-pack"
format_version = 1
id = "north-office"
title = "North office additions"
kind = "local"
extends = "example"
"""


def test_remove_needs_a_selection_and_a_confirmation(make_window, tmp_path):
    packs.install(EXAMPLE)
    local = tmp_path / "local.toml"
    local.write_text(LOCAL, encoding="utf-8")
    packs.install(local)
    window = make_window("en")
    dialog = window.edit_packs()
    asked = []
    dialog.confirm = lambda text: asked.append(text) or False
    # nothing selected: the button is disabled and a click removes nothing
    assert not dialog.remove_button.isEnabled()
    assert dialog.remove_pack() is False and asked == []
    assert len(packs.installed()) == 2
    # the national pack selected: the question names it and the local additions that go with it
    dialog.installed.setCurrentRow(0)
    assert dialog.remove_button.isEnabled()
    QTest.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert asked and "Fictional example pack" in asked[0] and "\u201cNorth office additions\u201d" in asked[0]
    assert len(packs.installed()) == 2  # answered Cancel
    dialog.confirm = lambda text: True
    dialog.installed.setCurrentRow(1)
    assert dialog.remove_pack() is True
    assert [i.id for i in packs.installed()] == ["example"]
    dialog.close()


def test_a_state_without_profile_takes_back_what_the_previous_profile_filled(make_window):
    packs.install(EXAMPLE)
    window = make_window("en")
    letter = window.session.letter
    window.go_to(window.step_of_section["parties"])
    page = window.current_page()
    editor = page.problem_map.entries["requested_state"][0]
    fill_editor(window, editor, "requested_state", "FR", None)
    assert letter.addressee.email == "central-fr@example.org" and letter.language.accepted_languages == ["fr", "en"]
    letter.addressee.phone = "+1 555 0100"  # typed by the user: kept
    fill_editor(window, editor, "requested_state", "IT", None)  # no profile for Italy
    assert letter.requested_state == "IT"
    assert not letter.addressee.email and not letter.addressee.address and not letter.addressee.name.get("en")
    assert letter.language.accepted_languages == []
    assert letter.addressee.phone == "+1 555 0100"
    assert not page.profile_bar.note.isVisible()


def test_a_pack_authority_sets_the_requesting_state_and_says_it_came_from_the_pack(make_window):
    packs.install(EXAMPLE)
    window = make_window("en")
    letter = window.session.letter
    letter.requesting_state = ""
    window.go_to(window.step_of_section["identification"])
    bar = window.current_page().office_bar
    QTest.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    action = bar.menu.actions()[0]
    bar.menu.hide()
    action.trigger()
    assert letter.requesting_state == "MD"
    assert "Filled from the State pack" in bar.note.text() and "office profile" not in bar.note.text()


def test_the_proposed_language_states_its_condition(make_window):
    packs.install(EXAMPLE)
    window = make_window("en")
    letter = window.session.letter
    letter.output_language = "fr"
    window.go_to(window.step_of_section["parties"])
    page = window.current_page()
    fill_editor(window, page.problem_map.entries["requested_state"][0], "requested_state", "DE", None)
    assert "Write the letter in English (only with a certified translation)" in page.profile_bar.note.text()


def test_dialog_names_the_imported_files_and_labels(make_window, tmp_path):
    window = make_window("ru")
    dialog = window.edit_packs()
    empty = dialog.tree.topLevelItem(0)
    assert empty.text(0) == "Пакет государства не установлен." and empty.isFirstColumnSpanned()
    dialog.close()
    packs.install(EXAMPLE)
    local = tmp_path / "north.toml"
    local.write_text(LOCAL + '\n[[profiles]]\nstate = "FR"\ncentral_authority = { address = "1 Local St" }\n',
                     encoding="utf-8")
    packs.install(local)
    dialog = window.edit_packs()
    top = {dialog.tree.topLevelItem(i).text(0): dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())}
    letterhead = top["Бланк"]
    assert letterhead.text(1) == "example-letterhead.docx"
    assert str(EXAMPLE.resolve()) in letterhead.toolTip(0) and "pack.toml" not in letterhead.toolTip(0)
    france = top["Запрашиваемые государства"].child(0)
    tip = france.toolTip(0)
    assert str(local.resolve()) in tip and "Откуда значение:" in tip and "Центральный орган" in tip
    assert "central_authority" not in tip
    text = dialog.installed.item(0).text()
    assert text.count("(") <= 1 and "вымышленный пример" in text
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "pack-dialog-ru.png"))
    dialog.close()


def test_russian_profile_note_for_germany(make_window):
    packs.install(EXAMPLE)
    window = make_window("ru")
    window.session.letter.output_language = "fr"
    window.go_to(window.step_of_section["parties"])
    page = window.current_page()
    fill_editor(window, page.problem_map.entries["requested_state"][0], "requested_state", "DE", None)
    text = page.profile_bar.note.text()
    assert "Составить просьбу на английском языке (только с заверенным переводом)" in text
    from PySide6.QtWidgets import QApplication

    window.resize(1100, 760)
    QApplication.processEvents()
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "parties-de-ru.png"))
