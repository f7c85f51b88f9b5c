"""The country picker offers only States and finds them by any name, exonym, or ISO code."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mla_writer import states

from .helpers import type_text

pytestmark = pytest.mark.gui


def _state_editor(window, path: str = "requested_state"):
    window.go_to(window.step_of_section["parties"])
    editor, _label = window.current_page().problem_map.entries[path]
    return editor


def _suggestions(combo) -> list[str]:
    """Codes the completer's pop-up offers, top first."""
    model = combo.completer().completionModel()
    return [model.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(model.rowCount())]


def _type(combo, text: str) -> None:
    edit = combo.lineEdit()
    edit.selectAll()
    edit.del_()
    type_text(edit, text)


def _press(combo, key) -> None:
    """A key as the keyboard sends it: to the suggestion pop-up while it is open."""
    popup = combo.completer().popup()
    QTest.keyClick(popup if popup.isVisible() else combo.lineEdit(), key)
    QApplication.processEvents()


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Turkey", "TR"), ("Moldavia", "MD"), ("turkiye", "TR"), ("Holland", "NL"), ("Россия", "RU"), ("Туркмения", "TM")],
)
def test_typing_an_exonym_and_return_chooses_the_state(make_window, typed, code):
    window = make_window("en")
    editor = _state_editor(window)
    combo = editor.combo
    _type(combo, typed)
    popup = combo.completer().popup()
    assert popup.isVisible()
    assert _suggestions(combo)[0] == code
    assert popup.currentIndex().row() == 0  # the State the text names is highlighted
    _press(combo, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert window.session.letter.requested_state == code
    assert combo.currentText() == states.name(code, "en")


def test_a_suggestion_is_picked_from_the_popup(make_window, qtbot):
    window = make_window("fr")
    combo = _state_editor(window).combo
    _type(combo, "turk")
    popup = combo.completer().popup()
    assert popup.isVisible()
    offered = _suggestions(combo)
    assert offered[:2] == ["TR", "TM"]  # names starting with the text, in display order
    assert all(states.is_state(code) for code in offered)
    assert not popup.currentIndex().isValid()  # several States: none is chosen for the user
    _press(combo, Qt.Key.Key_Down)
    _press(combo, Qt.Key.Key_Return)
    assert window.session.letter.requested_state == "TR"
    assert combo.currentText() == "Türkiye"


def test_the_iso_code_and_names_in_the_ui_language(make_window):
    window = make_window("ru")
    combo = _state_editor(window).combo
    _type(combo, "md")
    assert _suggestions(combo)[0] == "MD"
    _press(combo, Qt.Key.Key_Return)
    assert window.session.letter.requested_state == "MD"
    assert combo.currentText() == "Республика Молдова"


def test_only_states_are_offered(make_window):
    window = make_window("en")
    combo = _state_editor(window).combo
    combo.showPopup()
    combo.hidePopup()
    listed = {combo.itemData(i) for i in range(combo.count())} - {""}
    assert listed == set(states.codes())
    assert "IC" not in listed and "EU" not in listed and "HK" not in listed


def test_text_that_names_no_single_state_goes_back_to_the_choice(make_window):
    window = make_window("en")
    combo = _state_editor(window).combo
    _type(combo, "Korea")  # two States: nothing is chosen behind the user's back
    assert set(_suggestions(combo)[:2]) == {"KP", "KR"}
    _press(combo, Qt.Key.Key_Return)
    combo.lineEdit().editingFinished.emit()  # as when the field loses focus
    assert window.session.letter.requested_state == ""
    assert combo.currentText() == ""


class _Session(QObject):
    """Just enough of a session for a lone field editor."""

    edited = Signal()

    def __init__(self, value):
        super().__init__()
        self.values = {"requested_state": value}

    def get(self, path):
        return self.values[path]

    def set(self, path, value):
        self.values[path] = value


def test_a_value_that_is_not_a_state_is_shown_not_dropped(qtbot):
    from mla_writer.gui.widgets.country import CountryField

    session = _Session("IC")
    field = CountryField(session, "requested_state")
    qtbot.addWidget(field)
    assert field.combo.code() == "IC"
    assert field.combo.currentText() == "IC (Canary Islands)"
    assert session.values["requested_state"] == "IC"  # untouched until the user chooses
    session = _Session("QQ")
    field = CountryField(session, "requested_state")
    qtbot.addWidget(field)
    assert field.combo.code() == "QQ" and field.combo.currentText() == "QQ"


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es"])
def test_turkiye_is_found_by_any_of_its_names_in_every_ui_language(make_window, lang):
    """Issue 11: "Turk", "Turkey" and "turkiye" must find Türkiye, whatever the case and accents."""
    window = make_window(lang)
    combo = _state_editor(window).combo
    for typed in ("Turk", "turk", "TURK", "Türk", "Turkey", "turkey", "turkiye", "TÜRKİYE", "Türkiye", "Turquie",
                  "Turquía", "turquia", "Турция", "турецкая"):
        _type(combo, typed)
        offered = _suggestions(combo)
        assert "TR" in offered[:2], (typed, offered[:5])
        if typed.casefold() not in ("turk", "türk"):  # Turkmenistan starts with it too
            assert offered[0] == "TR", (typed, offered[:5])
    _press(combo, Qt.Key.Key_Return)
    assert window.session.letter.requested_state == "TR"
