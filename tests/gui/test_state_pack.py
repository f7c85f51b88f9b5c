"""The State pack in the wizard: Preferences -> State pack -> Import (refused packs leave nothing),
the pack's authorities in "Fill from my office", its offences in point 9, and choosing a requested
State with a profile (addressee filled, accepted language proposed, point 14 blocked until urgent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mla_writer import packs
from tests.gui.helpers import fill_editor

pytestmark = pytest.mark.gui

EXAMPLE = Path(__file__).parents[2] / "resources" / "state-packs" / "example.toml"
SHOTS = Path("/tmp/packs")
MURDER_PENALTY = ('max_penalty = { en = "life imprisonment", fr = "réclusion à perpétuité", ru = "пожизненное лишение свободы", '
                  'es = "prisión permanente" }')


def import_through_dialog(window, path):
    dialog = window.edit_packs()
    dialog.choose_file = lambda: str(path)
    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    return dialog


def test_import_refuses_a_broken_pack_and_names_the_reason(make_window, tmp_path):
    window = make_window("en")
    bad = tmp_path / "bad.toml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace(MURDER_PENALTY, "max_penalty = {}"),
                   encoding="utf-8")
    dialog = import_through_dialog(window, bad)
    text = dialog.message.text()
    assert "nothing was changed" in text and "Offence \u201cmurder\u201d, field \u201cmax_penalty\u201d" in text
    assert packs.installed() == [] and dialog.installed.count() == 0
    dialog.close()


def test_import_shows_the_pack_with_its_origins(make_window):
    window = make_window("en")
    dialog = import_through_dialog(window, EXAMPLE)
    assert "Imported" in dialog.message.text() and dialog.installed.count() == 1
    assert "fictional example" in dialog.installed.item(0).text()
    top = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert top[:2] == ["Requesting State", "Letterhead"] and "Requested States" in top
    states = dialog.tree.topLevelItem(top.index("Requested States"))
    assert states.childCount() == 5 and "Fictional example pack" in states.child(0).toolTip(0)
    assert any("may be out of date" in states.child(i).text(1) for i in range(5))  # the profile verified in 2019
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "pack-dialog-en.png"))
    dialog.close()


def test_new_user_flow(make_window):
    """Import the example pack, pick the authority and an offence, choose a requested State: the
    addressee is filled and a language proposed; English to a State that accepts it only when
    urgent is blocked at point 14 until the request is marked urgent."""
    packs.install(EXAMPLE)
    window = make_window("en")
    letter = window.session.letter
    # point 1: the pack's authorities are offered by "Fill from my office"
    window.go_to(window.step_of_section["identification"])
    bar = window.current_page().office_bar
    QTest.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    actions = bar.menu.actions()
    assert [a.text() for a in actions][0] == "Example Prosecutor General's Office (fictional)" and len(actions) == 3
    assert "Fictional example pack" in actions[0].toolTip()
    bar.menu.hide()
    actions[0].trigger()
    assert letter.identification.requesting_authority.email == "pgo@example.org"
    assert letter.identification.requesting_authority.name.get("fr") == "Parquet général d'exemple (fictif)"
    # point 9: the offence catalogue
    window.go_to(window.step_of_section["offences"])
    editor = window.current_page().problem_map.entries["offences"][0]
    menu = editor.add_button.menu()
    offered = [a.text() for a in menu.actions()]
    assert offered[0] == "Add an offence" and len(offered) == 11
    theft = next(a for a in menu.actions() if "Theft" in a.text())
    assert "Article 186" in theft.text() and "national pack" in theft.toolTip()
    theft.trigger()
    assert letter.offences[-1].provision.get("ru") == "статья 186 Примерного уголовного кодекса"
    assert letter.offences[-1].law_excerpt.get("en").startswith("The secret taking")
    # the first step: choosing France fills the addressee and proposes French
    window.go_to(window.step_of_section["parties"])
    page = window.current_page()
    fill_editor(window, page.problem_map.entries["requested_state"][0], "requested_state", "FR", None)
    assert letter.requested_state == "FR"
    assert letter.addressee.name.get("en") == "Central Authority of the example (fictional)"
    assert letter.addressee.address.startswith("10 Rue d'Exemple") and letter.addressee.email == "central-fr@example.org"
    assert letter.language.accepted_languages == ["fr", "en"]
    note = page.profile_bar.note
    assert "English (only if the request is urgent)" in note.text() and "Write the letter in French" in note.text()
    assert "Fictional example pack" in note.toolTip() and "last verified 2026-06-01" in note.toolTip()
    assert "Double criminality: Required for searches and seizures (invented)." in note.text()
    assert "Documents for \u201cSearch and seizure\u201d: A copy of the domestic search order (invented)." in note.text()
    SHOTS.mkdir(exist_ok=True)
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    window.resize(1100, 760)
    QApplication.processEvents()
    window.grab().save(str(SHOTS / "parties-en.png"))
    # point 14 blocks English while the request is not urgent
    assert letter.output_language == "en"
    window.run_check()  # on the GUI thread: the report is the window's own
    codes = [p.code for p in window.session.report.result("language").errors]
    assert "language.condition" in codes
    letter.urgency.urgent = True
    window.session.touch()
    window.run_check()  # on the GUI thread: the report is the window's own
    assert "language.condition" not in [p.code for p in window.session.report.result("language").errors]
    # or the proposed language
    letter.urgency.urgent = False
    page.profile_bar.use_proposed_language()
    assert letter.output_language == "fr"
    page.profile_bar.undo()
    assert not letter.addressee.email and letter.language.accepted_languages == []


def test_typed_addressee_is_kept(make_window):
    packs.install(EXAMPLE)
    window = make_window("en")
    letter = window.session.letter
    letter.addressee.address = "Typed address"
    window.go_to(window.step_of_section["parties"])
    page = window.current_page()
    fill_editor(window, page.problem_map.entries["requested_state"][0], "requested_state", "ES", None)
    assert letter.addressee.address == "Typed address" and letter.addressee.email == "central-es@example.org"
    # another State: what the first profile filled is replaced, what was typed is kept
    fill_editor(window, page.problem_map.entries["requested_state"][0], "requested_state", "DE", None)
    assert letter.addressee.email == "central-de@example.org" and letter.addressee.address == "Typed address"
    assert letter.addressee.name.root == {"en": "Example Federal Office (fictional)"}
    assert letter.language.accepted_languages == ["de", "en"]


def test_screenshots_in_russian(make_window):
    packs.install(EXAMPLE)
    window = make_window("ru")
    window.go_to(window.step_of_section["parties"])
    page = window.current_page()
    fill_editor(window, page.problem_map.entries["requested_state"][0], "requested_state", "FR", None)
    text = page.profile_bar.note.text()
    assert "профиль Франции" in text and "английский (только если просьба срочная)" in text
    SHOTS.mkdir(exist_ok=True)
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    window.grab().save(str(SHOTS / "parties-ru.png"))
    dialog = window.edit_packs()
    dialog.grab().save(str(SHOTS / "pack-dialog-ru.png"))
    dialog.close()


def test_legal_bases_of_the_pack_and_of_the_requested_state(make_window, tmp_path):
    packs.install(EXAMPLE)
    local = tmp_path / "local.toml"
    local.write_text('[pack]\nformat = "mla-writer-state-pack"\nformat_version = 1\nid = "mine"\ntitle = "Mine"\n'
                     'kind = "local"\nextends = "example"\n[[profiles]]\nstate = "FR"\n'
                     'legal_bases = [{ title = { en = "Example bilateral treaty" }, date = 2001-02-03, articles = "4" }]\n',
                     encoding="utf-8")
    packs.install(local)
    window = make_window("en")
    window.session.letter.requested_state = "FR"
    window.go_to(window.step_of_section["legal_basis"])
    editor = window.current_page().problem_map.entries["legal_bases"][0]
    offered = {a.text(): a for a in editor.add_button.menu().actions()}
    from_pack = [t for t in offered if t.startswith("From the State pack")]
    assert len(from_pack) == 2 and "art. 18" in from_pack[0] and "Example bilateral treaty, art. 4" in from_pack[1]
    assert "Mine (local additions)" in offered[from_pack[1]].toolTip()
    offered[from_pack[0]].trigger()
    offered[from_pack[1]].trigger()
    bases = window.session.letter.legal_bases
    assert (bases[0].type, bases[0].instrument_id, bases[0].articles) == ("instrument", "untoc", "18")
    assert bases[1].type == "bilateral" and bases[1].title.get("en") == "Example bilateral treaty"
