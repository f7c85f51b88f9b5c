"""The passphrase dialog shows everything it says (issue 12, tester's finding 5): opening asks
for one passphrase (no second box hidden under the intro, nothing to Tab into), and encrypting
grows when its message appears, so that nothing is cut, in English and in Russian."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit

from mla_writer.gui.passphrase import PassphraseDialog

from .clipping import clipped

pytestmark = pytest.mark.gui

NAME = "affaire-Иванова-2026.mlar"


def _shown(qtbot, window, confirm: bool) -> PassphraseDialog:
    dialog = PassphraseDialog(NAME, confirm, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _overlaps(dialog) -> list[str]:
    boxes = [w for w in dialog.findChildren(QLineEdit) if w.isVisible()]
    return [w.objectName() or "box" for w in boxes if w.geometry().intersects(dialog.intro.geometry())]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_opening_asks_for_one_passphrase_and_hides_nothing(make_window, qtbot, tmp_path, lang):
    window = make_window(lang)
    dialog = _shown(qtbot, window, confirm=False)
    assert [w for w in dialog.findChildren(QLineEdit) if w.isVisibleTo(dialog)] == [dialog.first]
    assert _overlaps(dialog) == []
    assert clipped(dialog) == []
    dialog.first.setFocus()
    focus = dialog.first
    for _ in range(4):  # Tab goes round the box and the buttons, never to a hidden box
        focus = focus.nextInFocusChain()
        assert not (isinstance(focus, QLineEdit) and focus is not dialog.first)
    dialog.first.setText("anything")
    dialog.accept()
    assert dialog.passphrase() == "anything"
    dialog.grab().save(str(tmp_path / f"open-{lang}.png"))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_encrypting_grows_to_show_its_message_whole(make_window, qtbot, tmp_path, lang):
    window = make_window(lang)
    dialog = _shown(qtbot, window, confirm=True)
    assert clipped(dialog) == []
    dialog.first.setText("short")
    dialog.second.setText("short")
    dialog.accept()  # refused: too short
    qtbot.waitUntil(dialog.problem.isVisible)
    assert dialog.isVisible() and dialog.problem.text()
    assert clipped(dialog) == []
    assert dialog.height() >= dialog.minimumSizeHint().height()
    assert _overlaps(dialog) == []
    dialog.first.setText("long enough passphrase")
    dialog.second.setText("another long passphrase")
    dialog.accept()  # refused: they differ
    assert clipped(dialog) == []
    dialog.grab().save(str(tmp_path / f"encrypt-{lang}.png"))
