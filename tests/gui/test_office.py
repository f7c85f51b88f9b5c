"""The office profile in the wizard: Settings -> My office, "Fill from my office" on points 1
and 4 and the closing step, a new letter started from the profile, and a new letter drafted in
the UI language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from mla_writer import office
from mla_writer.model import LetterOfRequest, ml
from mla_writer.model.letter import Signatory
from tests.gui.helpers import fill_editor, replace_text, type_text

pytestmark = pytest.mark.gui

#: The profile typed in the dialog: per path, the text in each language or a verbatim value.
TYPED = {
    "identification.requesting_authority.name": {"en": "Prosecutor General's Office", "fr": "Parquet général"},
    "identification.requesting_authority.address": "26 Banulescu-Bodoni St., Chisinau",
    "identification.requesting_authority.email": "office@procuratura.md",
    "identification.officer.name": "Ion Popescu",
    "identification.officer.position": {"en": "Senior prosecutor", "fr": "Procureur principal"},
    "identification.officer.phone": "+373 22 000 000",
    "acknowledgement.authority": {"en": "International Cooperation Section", "fr": "Section de la coopération internationale"},
    "acknowledgement.name": "Maria Ceban",
    "acknowledgement.address": "26 Banulescu-Bodoni St., Chisinau",
    "place": {"en": "Chisinau", "fr": "Chisinău"},
    "signatory.name": "Ana Rusu",
    "signatory.title": {"en": "Prosecutor General", "fr": "Procureure générale"},
}


def type_profile(dialog) -> None:
    """Type :data:`TYPED` into the My office dialog like a user: English texts, then French."""
    entries = dialog.problem_map.entries
    fill_editor(dialog, entries["requesting_state"][0], "requesting_state", "MD", None)
    assert dialog.isVisible()  # Return chose the State in the search box; it did not save and close
    for lang in ("en", "fr"):
        dialog.set_text_language(lang)
        for path, value in TYPED.items():
            editor = entries[path][0]
            if isinstance(value, dict):
                assert editor.language() == lang
                replace_text(editor.edit, value[lang])
            elif lang == "en":
                replace_text(editor.edit, value)


def get(letter, path):
    from mla_writer.gui.session import get_value

    return get_value(letter, path)


def assert_filled(letter, paths) -> None:
    for path in paths:
        value = TYPED[path]
        if isinstance(value, dict):
            assert get(letter, path).root == value, path  # both languages the profile holds
        else:
            assert get(letter, path) == value, path


def save_profile_through_the_dialog(window, fill_new: bool):
    dialog = window.edit_office()
    assert dialog.isVisible() and dialog.windowTitle() == "My office"
    assert dialog.error is None
    type_profile(dialog)
    dialog.fill_new.setChecked(fill_new)
    QTest.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    return office.load_profile()


def click_fill(window, section: str):
    window.go_to(window.step_of_section[section])
    bar = window.current_page().office_bar
    QTest.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    return bar


def test_office_profile_fills_points_1_and_4_and_the_signature(make_window):
    window = make_window("en")
    profile = save_profile_through_the_dialog(window, fill_new=False)
    assert profile.office.requesting_authority.name.root == TYPED["identification.requesting_authority.name"]
    assert profile.office.place.get("fr") == "Chisinău" and not profile.fill_new_letters
    assert profile.office.languages() == ["en", "fr"]

    window.new_draft()
    letter = window.session.letter
    assert letter.identification == LetterOfRequest().identification  # the profile asked not to fill new letters
    bar = click_fill(window, "identification")
    assert_filled(letter, [p for p in TYPED if p.startswith("identification.")])
    assert letter.acknowledgement.authority.root == {}  # each step fills its own fields
    assert window.session.dirty and "8 values" in bar.note.text()  # 2 texts in 2 languages, 4 values as written
    assert "no text in" not in bar.note.text()
    # what the page shows is the letter's value (the form was rebuilt from it)
    shown = window.current_page().problem_map.entries["identification.requesting_authority.name"][0]
    assert shown.edit.text() == "Prosecutor General's Office"
    click_fill(window, "acknowledgement")
    assert_filled(letter, [p for p in TYPED if p.startswith("acknowledgement.")])
    click_fill(window, "closing")
    assert_filled(letter, ["place", "signatory.name", "signatory.title"])
    assert letter.requesting_state == ""
    click_fill(window, "parties")
    assert letter.requesting_state == "MD" and profile.office.requesting_state == "MD"
    window.run_check()
    assert not [p for p in window.session.report.result("acknowledgement").errors]


def test_typed_text_is_never_overwritten_without_asking(make_window):
    window = make_window("en")
    save_profile_through_the_dialog(window, fill_new=False)
    assert window.session.letter == LetterOfRequest(drafting_language="en", output_language="en")
    window.new_draft()
    window.go_to(window.step_of_section["identification"])
    page = window.current_page()
    type_text(page.problem_map.entries["identification.officer.name"][0].edit, "Petru Lungu")
    name = page.problem_map.entries["identification.requesting_authority.name"][0]
    type_text(name.edit, "Chisinau Prosecutor's Office")
    letter = window.session.letter

    answers = []

    def keep_typed():  # the user answers the real question: keep what is typed
        box = page.office_bar.message_box
        answers.append(box.informativeText().split("\n"))
        keep = next(b for b in box.buttons() if b.text() == "Keep what is typed")
        keep.click()

    QTimer.singleShot(0, keep_typed)
    click_fill(window, "identification")
    assert answers == [["\u2022 Name of the authority (English)", "\u2022 Name"]]  # what would be replaced, by label
    assert letter.identification.officer.name == "Petru Lungu"
    assert letter.identification.requesting_authority.name.root == {
        "en": "Chisinau Prosecutor's Office", "fr": "Parquet général"}  # the empty French filled, the typed English kept
    assert letter.identification.officer.position.get("en") == "Senior prosecutor"
    assert "Kept what you had typed in 2 fields." in page.office_bar.note.text()

    page.office_bar.ask_replace = lambda described: True  # now the user chooses to replace
    click_fill(window, "identification")
    assert letter.identification.officer.name == "Ion Popescu"
    assert letter.identification.requesting_authority.name.get("en") == "Prosecutor General's Office"
    page.office_bar.undo()
    assert letter.identification.officer.name == "Petru Lungu"
    assert letter.identification.requesting_authority.name.get("en") == "Chisinau Prosecutor's Office"


def test_new_letter_starts_from_the_profile_and_the_filling_can_be_undone(make_window):
    window = make_window("en")
    window.go_to(window.step_of_section["closing"])
    save_profile_through_the_dialog(window, fill_new=True)
    assert_filled(window.session.letter, list(TYPED))  # the letter open and not begun starts from it too
    assert "office profile" in window.current_page().office_bar.note.text()
    window.office_filled_box.done(0)  # (told so: see the test below)
    window.new_draft()
    letter = window.session.letter
    assert_filled(letter, list(TYPED))
    assert not window.session.dirty  # nothing typed yet: closing asks nothing
    window.go_to(window.step_of_section["acknowledgement"])
    bar = window.current_page().office_bar
    assert bar.note.isVisible() and "office profile" in bar.note.text()
    bar.note.linkActivated.emit("undo")
    assert letter.acknowledgement.authority.root == {} and letter.acknowledgement.name == ""
    assert letter.identification.officer.name == "Ion Popescu"  # another step's filling stays
    assert window.current_page().problem_map.entries["acknowledgement.name"][0].edit.text() == ""


def test_the_dialog_shows_and_keeps_each_language(make_window):
    window = make_window("en")
    office.save_profile(office.Profile(office=office.Office(place=ml(en="Chisinau", ru="Кишинёв"))))
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Preferences")
    action = next(a for a in menu.actions() if a.text() == "My &Office\u2026")
    action.trigger()  # Preferences -> My office
    dialog = window.office_dialog
    assert dialog.isVisible() and dialog.isModal()
    place = dialog.problem_map.entries["place"][0]
    assert dialog.text_language() == "en" and place.edit.text() == "Chisinau"
    dialog.set_text_language("ru")
    assert place.edit.text() == "Кишинёв"
    assert "\u2713" in dialog.language.itemText(dialog.language.findData("ru"))
    assert "\u2713" not in dialog.language.itemText(dialog.language.findData("es"))
    labels = {path: row.label.text() for path, (decl, row) in dialog.form.rows.items()}
    assert labels["signatory.title"] == "Title of the signatory"  # the declaration's label
    dialog.reject()
    assert office.load_profile().office.place.root == {"en": "Chisinau", "ru": "Кишинёв"}  # cancelled: unchanged


def test_a_damaged_profile_is_reported_not_raised(make_window):
    window = make_window("fr")
    office.profile_path().write_text("{broken", encoding="utf-8")
    window.go_to(window.step_of_section["identification"])
    bar = window.current_page().office_bar
    QTest.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    assert bar.note.isVisible() and "office.json" in bar.note.text() and "JSON" in bar.note.text()
    assert "Your office profile" not in bar.note.text()  # said in French
    dialog = window.edit_office()
    assert dialog.error is not None and dialog.damaged.isVisible()
    dialog.set_text_language("en")
    replace_text(dialog.problem_map.entries["signatory.name"][0].edit, "Ana Rusu")
    assert dialog.save()
    assert office.load_profile().office.signatory.name == "Ana Rusu"
    assert office.profile_path().with_name("office.json.bak").read_text(encoding="utf-8") == "{broken"


def test_an_empty_profile_says_where_to_fill_it(make_window):
    window = make_window("en")
    bar = click_fill(window, "closing")
    assert "empty" in bar.note.text() and 'href="settings"' in bar.note.text()
    assert window.session.letter == LetterOfRequest(drafting_language="en", output_language="en")


def test_filling_says_which_language_the_profile_lacks(make_window):
    window = make_window("ru")
    office.save_profile(office.Profile(office=office.Office(place=ml(en="Chisinau")), fill_new_letters=False))
    bar = click_fill(window, "closing")
    assert window.session.letter.place.root == {"en": "Chisinau"}
    assert "русский" in bar.note.text()


def test_a_new_letter_under_the_russian_ui_drafts_in_russian(make_window):
    window = make_window("ru")
    assert (window.session.letter.drafting_language, window.session.letter.output_language) == ("ru", "ru")
    window.new_draft()
    assert (window.session.letter.drafting_language, window.session.letter.output_language) == ("ru", "ru")


def test_switching_the_ui_language_before_typing_changes_the_drafting_language(make_window):
    window = make_window("en")
    window.set_ui_language("ru")  # nothing typed yet: the letter follows the window
    letter = window.session.letter
    assert (letter.drafting_language, letter.output_language) == ("ru", "ru")
    window.go_to(window.step_of_section["closing"])
    type_text(window.current_page().problem_map.entries["place"][0].edit, "Кишинёв")
    assert letter.place.root == {"ru": "Кишинёв"}
    window.set_ui_language("fr")  # once typed, the letter's languages are the user's choice
    assert (window.session.letter.drafting_language, window.session.letter.output_language) == ("ru", "ru")


def test_saving_the_profile_leaves_a_letter_being_written_alone(make_window):
    window = make_window("en")
    window.go_to(window.step_of_section["closing"])
    type_text(window.current_page().problem_map.entries["signatory.name"][0].edit, "Petru Lungu")
    save_profile_through_the_dialog(window, fill_new=True)
    letter = window.session.letter
    assert letter.signatory.name == "Petru Lungu" and letter.place.root == {}  # nothing filled behind the user's back
    assert not window.current_page().office_bar.note.isVisible()


def test_offices_of_another_source_are_offered_beside_the_profile(make_window):
    """A State pack's list of offices reaches the steps through the same path as the profile."""
    class PackSource:
        title = "Offices of the pack"

        def offices(self):
            return [office.Office(label="Balti district prosecutor's office",
                                  acknowledgement=office.AcknowledgementReturn(authority=ml(en="Balti registry")))]

    office.save_profile(office.Profile(office=office.Office(acknowledgement=office.AcknowledgementReturn(name="Maria Ceban")),
                                      fill_new_letters=False))
    pack = PackSource()
    office.register_source(pack)
    try:
        window = make_window("en")
        bar = click_fill(window, "acknowledgement")
        assert [a.text() for a in bar.menu.actions()] == ["My office", "Balti district prosecutor's office"]
        bar.menu.actions()[1].trigger()
        bar.menu.hide()
        letter = window.session.letter
        assert letter.acknowledgement.authority.get("en") == "Balti registry" and letter.acknowledgement.name == ""
    finally:
        office.unregister_source(pack)


def test_the_filling_note_is_said_again_in_the_new_ui_language(make_window):
    """Issue 11 trial: after a switch of UI language the signature step said again that it had
    been filled when the letter was started, instead of what the last filling said."""
    window = make_window("en")
    office.save_profile(office.Profile(office=office.Office(place=ml(en="Chisinau", ru="Кишинёв"),
                                                            signatory=Signatory(name="Ana Rusu")),
                                       fill_new_letters=True))
    window.new_draft()  # started filled from the profile
    letter = window.session.letter
    assert letter.place.get("en") == "Chisinau" and letter.signatory.name == "Ana Rusu"
    window.go_to(window.step_of_section["closing"])
    page = window.current_page()
    assert "when the letter was started" in page.office_bar.note.text()
    replace_text(page.problem_map.entries["signatory.name"][0].edit, "Petru Lungu")
    page.office_bar.ask_replace = lambda described: False  # keep what is typed
    click_fill(window, "closing")
    assert "Kept what you had typed in 1 field." in page.office_bar.note.text()

    window.set_ui_language("ru")
    bar = window.current_page().office_bar
    assert bar is not page.office_bar and bar.note.isVisible()
    assert "Введённое вами сохранено в 1 поле." in bar.note.text()
    assert "при создании" not in bar.note.text()  # not the note of the letter's start
    bar.note.linkActivated.emit("undo")  # what it offers to take back is still the start's filling
    assert letter.place.root == {} and letter.signatory.name == "Petru Lungu"
    window.set_ui_language("en")
    assert "were taken back" in window.current_page().office_bar.note.text()


def test_saving_the_profile_fills_an_empty_new_letter_and_says_so_with_undo(make_window):
    """Issue 11 trial: saving the profile filled the untitled letter already open, and nothing
    on the screen said so."""
    window = make_window("en")
    assert window.current == 0  # on the start page: no step of the letter in sight
    save_profile_through_the_dialog(window, fill_new=True)
    letter = window.session.letter
    assert_filled(letter, list(TYPED))
    box = window.office_filled_box
    count = len(window.session.office_changes)
    assert box.isVisible() and count > 0
    assert f"was filled from the profile: {count} values." in box.text()
    window.go_to(window.step_of_section["closing"])
    note = window.current_page().office_bar.note.text()
    assert "when you saved it" in note and 'href="undo"' in note  # each step says so too
    QTest.mouseClick(window.office_undo_button, Qt.MouseButton.LeftButton)
    assert not box.isVisible()
    assert window.session.letter == LetterOfRequest(drafting_language="en", output_language="en")
    assert not window.session.dirty
    assert not window.current_page().office_bar.note.isVisible()
    assert window.current_page().problem_map.entries["place"][0].edit.text() == ""


def test_saving_the_profile_again_leaves_a_letter_already_filled_alone(make_window):
    """Only an empty new letter is filled when the profile is saved: one filled before (when it
    was started) keeps what it holds."""
    window = make_window("en")
    office.save_profile(office.Profile(office=office.Office(place=ml(en="Chisinau")), fill_new_letters=True))
    window.new_draft()
    assert window.session.letter.place.root == {"en": "Chisinau"} and not window.session.dirty
    dialog = window.edit_office()
    dialog.set_text_language("en")
    replace_text(dialog.problem_map.entries["signatory.name"][0].edit, "Ana Rusu")
    assert dialog.save()
    assert office.load_profile().office.signatory.name == "Ana Rusu"
    assert window.session.letter.signatory.name == ""  # not filled behind the user's back
    assert window.office_filled_box is None
