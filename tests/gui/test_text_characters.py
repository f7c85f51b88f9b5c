"""Text editors keep what the user typed or pasted (issue 11): Word's manual line break
(U+000B) becomes a line break instead of running two words together ("width.Line"), and
no-break spaces (French "texte\u00a0;", "10\u202f000") survive every edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from .helpers import type_text

pytestmark = pytest.mark.gui

WORD = "Rubber stamp width\x0bLine two\x0cpage two\u2028end"


def _editor(window, section: str, path: str):
    window.go_to(window.step_of_section[section])
    editor, _label = window.current_page().problem_map.entries[path]
    return editor


def _paste(edit, text: str) -> None:
    """Paste ``text`` as Ctrl+V does (through the clipboard; setText, not a QMimeData of ours,
    which Python would delete while the clipboard still holds it)."""
    QApplication.clipboard().setText(text)
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()


def test_words_line_break_pasted_into_free_text_is_a_line_break(make_window):
    window = make_window("en")
    editor = _editor(window, "facts", "facts.summary")
    _paste(editor.edit, WORD)
    stored = window.session.letter.facts.summary.get("en")
    assert stored == "Rubber stamp width\nLine two\npage two\nend"
    assert editor.edit.toPlainText() == stored  # shown as it is stored: four lines


def test_words_line_break_in_an_address_is_a_line_break(make_window):
    window = make_window("en")
    editor = _editor(window, "parties", "addressee.address")
    _paste(editor.edit, "Ministry of Justice\x0b31 Bd Stefan cel Mare\x0bMD-2012 Chișinău")
    assert window.session.letter.addressee.address == "Ministry of Justice\n31 Bd Stefan cel Mare\nMD-2012 Chișinău"


def test_a_line_break_pasted_into_a_one_line_box_is_a_space(make_window):
    window = make_window("en")
    editor = _editor(window, "parties", "addressee.name")
    assert not editor.multiline
    _paste(editor.edit, "Ministry of\x0bJustice")
    assert window.session.letter.addressee.name.get("en") == "Ministry of Justice"
    assert editor.edit.text() == "Ministry of Justice"


@pytest.mark.parametrize("path", ["facts.summary", "addressee.name"])
def test_no_break_spaces_survive_typing_and_editing(make_window, path):
    window = make_window("fr")
    editor = _editor(window, "facts" if path.startswith("facts") else "parties", path)
    typed = "Montant\u00a0: 10\u202f000\u00a0EUR\u00a0; suite\u00a0!"
    type_text(editor.edit, typed)

    def text():  # read through the session: typed text reaches the letter once per pause, or when read
        letter = window.session.letter
        return letter.facts.summary if path.startswith("facts") else letter.addressee.name

    assert text().get("fr") == typed
    type_text(editor.edit, " Fin")  # the next keystrokes keep them too
    assert text().get("fr") == typed + " Fin"
    _paste(editor.edit, "\u00a0?")
    assert text().get("fr") == typed + " Fin\u00a0?"


def test_no_break_spaces_of_a_loaded_text_survive_an_edit(make_window, example_path):
    window = make_window("fr")
    window.open_file(str(example_path))
    window.session.letter.facts.summary.set("fr", "Les faits\u00a0: A.\nSuite\u202f!")
    window.session.reloaded.emit()
    editor = _editor(window, "facts", "facts.summary")
    editor.set_language("fr")
    cursor = editor.edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.edit.setTextCursor(cursor)
    type_text(editor.edit, " B")
    assert window.session.letter.facts.summary.get("fr") == "Les faits\u00a0: A.\nSuite\u202f! B"


def test_line_breaks_are_what_the_pattern_defines():
    """line_breaks() reads every keystroke's text with str.replace; on any mix of breaks it gives
    what the regular expression that defines it gives."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from mla_writer.gui.widgets.fields import _BREAKS, line_breaks

    @settings(max_examples=500, derandomize=True, deadline=None)
    @given(st.text(alphabet=st.sampled_from("ab \r\n\v\f\u0085\u2028\u2029\u00a0"), max_size=30))
    def agree(text):
        assert line_breaks(text) == _BREAKS.sub("\n", text)

    agree()
