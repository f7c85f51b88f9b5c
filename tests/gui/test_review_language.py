"""The review step's "Language of the letter" box shows the draft's output language, also when
another step changed it (issue 11, second trial: it still said Français after the first step
set Russian, while the preview and the export were Russian)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_the_review_step_shows_the_language_chosen_on_another_step(make_window, example_path):
    window = make_window("en")
    window.open_file(str(example_path))
    review = window.step_of_section.get("review")
    last = len(window.plan) - 1 if review is None else review
    window.go_to(last)
    page = window.current_page()
    assert page.output.combo.currentData() == window.session.letter.output_language == "fr"
    # changed on the first step, where the letter's languages are chosen
    window.go_to(window.step_of_section["parties"])
    editor = window.current_page().problem_map.entries["output_language"][0]
    editor.combo.setCurrentIndex(editor.combo.findData("ru"))
    assert window.session.letter.output_language == "ru"
    window.go_to(last)
    assert window.current_page() is page  # the same page, not a new one
    assert page.output.combo.currentData() == "ru"


def test_the_unsaved_changes_question_says_dont_save_not_delete(make_window, qtbot):
    """Qt's Russian "Discard" reads «Удалить», as if the draft were deleted (second trial)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    window = make_window("ru")
    window.__dict__.pop("ask_unsaved", None)  # the real question, not the tests' stand-in
    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, answer)
            return
        seen.append(box.button(QMessageBox.StandardButton.Discard).text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(20, answer)
    assert window.ask_unsaved() == QMessageBox.StandardButton.Cancel
    assert seen == ["Не сохранять"]


def test_the_persons_list_names_a_womans_role_in_the_feminine(make_window):
    """The second trial saw "MORARU Elena — Потерпевший" in the list of persons."""
    from mla_writer.gui.widgets.persons import person_title
    from mla_writer.model import Person

    make_window("ru")  # the UI language
    woman = Person(id="p1", family_name="MORARU", given_names="Elena", sex="female", role="victim")
    man = Person(id="p2", family_name="CEBAN", given_names="Ion", sex="male", role="suspect")
    assert person_title(0, woman, None).endswith("Потерпевшая")
    assert person_title(1, man, None).endswith("Подозреваемый")
