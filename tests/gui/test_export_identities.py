"""Exporting a letter that names victims or witnesses by a pseudonym: the dialog says what each
variant hides; the letter to send keeps identities out and writes the confidential annex beside
it; the copy for the file names them (issue 10, protected identities)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

pytestmark = pytest.mark.gui
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))
from render_helpers import docx_paragraphs  # noqa: E402


def _text(path: Path) -> str:
    return "\n".join(docx_paragraphs(path.read_bytes(), ("all",)))


def _window_with_protected_victim(make_window, example_path):
    window = make_window()
    assert window.open_file(str(example_path))
    letter = window.session.letter
    victim = next(p for p in letter.persons if p.role == "victim" and not p.protected)
    victim.protected, victim.pseudonym = True, "V9"
    victim.id_document.type, victim.id_document.number = "passport", "QQ1234567"
    window.ask_export_incomplete = lambda count: True
    return window, victim.display_name()


def test_the_letter_to_send_and_its_annex(make_window, example_path, tmp_path):
    window, name = _window_with_protected_victim(make_window, example_path)
    asked = []
    window.ask_export_variant = lambda: asked.append(1) or ("pseudonyms", True)
    window.ask_export_path = lambda: str(tmp_path / "letter.docx")
    assert window.export_letter()
    assert asked == [1]
    letter, annex = tmp_path / "letter.docx", window.annex_path(tmp_path / "letter.docx")
    assert window.session.letter.output_language == "fr"  # (named in the letter's language, not the UI's)
    assert annex.name == "letter-identités.docx" and annex.exists()
    assert "QQ1234567" not in _text(letter) and name not in _text(letter) and "V9" in _text(letter)
    assert "QQ1234567" in _text(annex) and name in _text(annex)


def test_the_copy_for_the_file(make_window, example_path, tmp_path):
    window, name = _window_with_protected_victim(make_window, example_path)
    window.ask_export_variant = lambda: ("full", False)
    window.ask_export_path = lambda: str(tmp_path / "file-copy.docx")
    assert window.export_letter()
    text = _text(tmp_path / "file-copy.docx")
    from mla_writer.i18n import translations

    mark = translations("letter", window.session.letter.output_language).gettext("COPY FOR THE FILE — NOT TO BE SENT")
    assert name in text and "QQ1234567" in text and mark in text
    assert not window.annex_path(tmp_path / "file-copy.docx").exists()


def test_cancelling_the_choice_exports_nothing(make_window, example_path, tmp_path):
    window, _name = _window_with_protected_victim(make_window, example_path)
    window.ask_export_variant = lambda: None
    window.ask_export_path = lambda: pytest.fail("no path is asked after a cancel")
    assert window.export_letter() is False


def test_no_question_without_a_pseudonym(make_window, example_path, tmp_path):
    window = make_window()
    assert window.open_file(str(example_path))
    for person in window.session.letter.persons:
        person.protected = False
    window.ask_export_incomplete = lambda count: True
    window.ask_export_variant = lambda: pytest.fail("nothing to choose without a pseudonym")
    window.ask_export_path = lambda: str(tmp_path / "plain.docx")
    assert window.export_letter()
    assert (tmp_path / "plain.docx").exists() and not window.annex_path(tmp_path / "plain.docx").exists()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_dialog_says_what_each_variant_hides(make_window, qtbot, lang, tmp_path):
    from mla_writer.gui.export_dialog import ExportVariantDialog
    from mla_writer.gui.i18n import _

    make_window(lang)  # installs the UI language
    dialog = ExportVariantDialog()
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = " ".join(w.text() for cls in (QLabel, QAbstractButton) for w in dialog.findChildren(cls))
    assert _("The letter to send") in texts and _("The copy for the file") in texts
    assert _("Protected persons appear by their pseudonym only: no name, date or place of birth, "
             "identity document or address.") in texts
    assert dialog.choice() == ("pseudonyms", True)
    dialog.annex.setChecked(False)
    assert dialog.choice() == ("pseudonyms", False)
    dialog.file_copy.setChecked(True)
    assert dialog.choice() == ("full", False) and not dialog.annex.isEnabled()
    dialog.show()
    qtbot.waitExposed(dialog)
    image = dialog.grab()
    assert not image.isNull()
    image.save(f"/tmp/export-variant-{lang}.png")
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
