"""Writing aids of the free-text editors (issue 11): the facts editor counts words (plural forms
of the UI language), and text typed in the wrong alphabet for its tab is advised by the
checklist and offered a move to the letter's language written in that alphabet."""

from __future__ import annotations

import pytest

from .helpers import type_text, visible_problem_texts

pytestmark = pytest.mark.gui


def _facts(window):
    window.go_to(window.step_of_section["facts"])
    editor, _label = window.current_page().problem_map.entries["facts.summary"]
    return editor


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "one", "1 word"),
    ("en", "two words", "2 words"),
    ("ru", "одно", "1 слово"),
    ("ru", "два слова", "2 слова"),
    ("ru", "пять слов в этом тексте", "5 слов"),
    ("ru", " ".join(["слово"] * 21), "21 слово"),
    ("fr", "deux mots", "2 mots"),
    ("fr", "un", "1 mot"),
    ("es", "tres palabras aquí", "3 palabras"),
])
def test_the_facts_editor_counts_words(make_window, lang, text, expected):
    window = make_window(lang)
    editor = _facts(window)
    editor.edit.setPlainText("")
    type_text(editor.edit, text) if len(text) < 40 else editor.edit.insertPlainText(text)
    window.session.flush()  # (the count follows a pause in typing, or anything reading the letter)
    assert editor.words.isVisible()
    assert editor.words.text().startswith(expected + " ")


def test_russian_typed_as_english_is_advised_and_moved_to_russian(make_window, qtbot):
    window = make_window("en")
    letter = window.session.letter
    letter.drafting_language, letter.output_language = "en", "ru"
    window.session.languages_changed.emit()
    editor = _facts(window)
    editor.set_language("en")
    russian = "Подозреваемый открыл счёт в банке и перевёл туда деньги."
    editor.edit.insertPlainText(russian)
    window.session.flush()  # (the advice follows a pause in typing, or anything reading the letter)
    assert editor.script_bar.isVisible()
    assert editor.move_button.text() == "Move it to Русский"
    # the checklist advises it too, beside the field (a warning: it does not block)
    window.run_check()
    qtbot.waitUntil(lambda: any("Cyrillic" in t for t in visible_problem_texts(window.current_page())))
    editor.move_button.click()
    assert letter.facts.summary.get("ru") == russian and "en" not in letter.facts.summary
    assert editor.language() == "ru" and not editor.script_bar.isVisible()
    window.run_check()
    qtbot.waitUntil(lambda: not any("Cyrillic" in t for t in visible_problem_texts(window.current_page())))


def test_no_move_is_offered_when_the_right_language_already_has_text(make_window):
    window = make_window("en")
    letter = window.session.letter
    letter.drafting_language, letter.output_language = "en", "ru"
    letter.facts.summary.set("ru", "Уже переведённый текст.")
    window.session.languages_changed.emit()
    editor = _facts(window)
    editor.set_language("en")
    editor.edit.insertPlainText("Подозреваемый открыл счёт в банке и перевёл туда деньги.")
    window.session.flush()
    assert not editor.script_bar.isVisible()
    assert letter.facts.summary.get("ru") == "Уже переведённый текст."
