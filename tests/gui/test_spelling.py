"""Spell checking in the free-text editors (issue 11, part 6): misspelt words are underlined in
the language the text is stored under, the context menu offers corrections and "Add to
dictionary"; a language without a dictionary is not checked and the editor says so.

The dictionaries are installed by scripts/test (hunspell-fr-classical, hunspell-ru, ...):
these tests do not skip without them, they fail.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCharFormat

from mla_writer import spelling
from mla_writer.gui import spellcheck

from .helpers import type_text

pytestmark = pytest.mark.gui


def _facts_editor(window, lang: str):
    window.session.letter.drafting_language = lang
    window.session.letter.output_language = lang
    window.session.languages_changed.emit()
    window.go_to(window.step_of_section["facts"])
    editor, _label = window.current_page().problem_map.entries["facts.summary"]
    editor.reload()
    return editor


def _underlined(editor) -> list[str]:
    """The words the highlighter marks in the editor (read from its format ranges)."""
    marked = []
    block = editor.edit.document().begin()
    while block.isValid():
        text = block.text()
        for r in block.layout().formats():
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                marked.append(text[r.start:r.start + r.length])
        block = block.next()
    return marked


@pytest.mark.parametrize("lang, wrong, right", [
    ("fr", "procureurr", "procureur"),
    ("ru", "следоватль", "следователь"),
    ("es", "fiscall", "fiscal"),
    ("en", "prosecutr", "prosecutor"),
])
def test_a_misspelt_word_is_underlined_and_a_correct_one_is_not(make_window, lang, wrong, right):
    window = make_window("en")
    editor = _facts_editor(window, lang)
    assert editor.language() == lang and not editor.spell_note.isVisible()
    type_text(editor.edit, f"{right} {wrong} {right}")
    assert window.session.letter.facts.summary.get(lang) == f"{right} {wrong} {right}"
    assert _underlined(editor) == [wrong]


def test_the_menu_corrects_a_word_and_adds_one_to_the_personal_dictionary(make_window, tmp_path):
    window = make_window("fr")
    editor = _facts_editor(window, "fr")
    type_text(editor.edit, "Le procureurr et Zorglubov")
    assert _underlined(editor) == ["procureurr", "Zorglubov"]
    rect = editor.edit.cursorRect(editor.edit.document().find("procureurr"))
    menu = editor.spelling_menu(rect.center())
    labels = [a.text() for a in menu.actions()]
    assert labels[0] == "procureur"  # the best suggestion first
    assert "Ajouter «\u00a0procureurr\u00a0» au dictionnaire" in labels or any("procureurr" in t for t in labels)
    menu.actions()[0].trigger()
    assert window.session.letter.facts.summary.get("fr") == "Le procureur et Zorglubov"
    # add the name to the personal word list: no longer underlined, and kept in the user's folder
    rect = editor.edit.cursorRect(editor.edit.document().find("Zorglubov"))
    menu = editor.spelling_menu(rect.center())
    add = next(a for a in menu.actions() if a.objectName() == "addToDictionary")
    add.trigger()
    assert _underlined(editor) == []
    word_list = spellcheck.personal_folder() / "fr.dic"
    assert word_list.is_relative_to(tmp_path) and "Zorglubov" in word_list.read_text("utf-8").split()


def test_a_language_without_a_dictionary_is_not_checked_and_says_so(make_window, monkeypatch):
    window = make_window("ru")
    real_tag = spelling.dictionary_tag
    # Spanish as if its dictionary were not installed (Enchant has none called "es" alone either)
    monkeypatch.setattr(spelling, "dictionary_tag", lambda lang: "xx_NODICT" if lang == "es" else real_tag(lang))
    monkeypatch.setattr(spelling, "_checkers", {})
    editor = _facts_editor(window, "es")
    type_text(editor.edit, "fiscall")
    assert _underlined(editor) == []
    assert editor.spell_note.isVisible()
    assert editor.spell_note.text() == "Проверка орфографии для языка «испанский» отключена: словарь для него не установлен."
    assert editor.edit.toolTip() == editor.spell_note.text()


def test_no_spelling_library_is_a_note_not_an_error(make_window, monkeypatch):
    monkeypatch.setattr(spelling, "_enchant", lambda: "libenchant-2.so.2: cannot open shared object file")
    monkeypatch.setattr(spelling, "_checkers", {})
    window = make_window("en")
    editor = _facts_editor(window, "fr")
    type_text(editor.edit, "procureurr")
    assert _underlined(editor) == []
    assert editor.spell_note.isVisible() and "Enchant" in editor.spell_note.text()
    assert window.session.letter.facts.summary.get("fr") == "procureurr"
