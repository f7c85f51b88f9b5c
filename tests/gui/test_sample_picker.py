"""File → New from Sample…: the shipped samples by title and summary in the UI language; the one
chosen opens as a new untitled copy, and the shipped file is never written."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from mla_writer import samples
from mla_writer.gui import sample_picker
from mla_writer.gui.i18n import _

CORRUPTION = "corruption-ge-ae"


def _menu_action(window):
    files = window.menuBar().actions()[0].menu()
    return next(a for a in files.actions() if a.text() == _("New from Sa&mple\u2026"))


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es"])
def test_the_dialog_lists_every_sample_in_the_ui_language(make_window, qtbot, lang):
    make_window(lang)
    dialog = sample_picker.SampleDialog(list(samples.index().values()), lang)
    qtbot.addWidget(dialog)
    titles = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    names = list(samples.index())
    assert titles == [samples.sample_info(name).title_in(lang) for name in names]
    assert dialog.chosen() == names[0] == samples.DEFAULT_SAMPLE
    assert dialog.summary.text() == samples.sample_info(names[0]).summary_in(lang)
    row = names.index("flawed-fraud-it-ar")
    dialog.list.setCurrentRow(row)
    assert dialog.chosen() == "flawed-fraud-it-ar"
    assert dialog.summary.text() == samples.sample_info("flawed-fraud-it-ar").summary_in(lang)
    assert dialog.windowTitle() == _("New from Sample")
    if lang != "en":
        assert dialog.windowTitle() != "New from Sample"
        assert samples.sample_info(CORRUPTION).title_in("en") not in titles


def test_the_dialog_answers_open_and_cancel(make_window, qtbot):
    make_window("en")
    dialog = sample_picker.SampleDialog(list(samples.index().values()), "en")
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(list(samples.index()).index(CORRUPTION))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Open).click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.chosen() == CORRUPTION
    other = sample_picker.SampleDialog(list(samples.index().values()), "en")
    qtbot.addWidget(other)
    other.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert other.result() == QDialog.DialogCode.Rejected


def test_the_menu_opens_the_chosen_sample_as_an_untitled_copy(make_window, qtbot, monkeypatch):
    window = make_window("fr")
    shipped = samples.sample_path(CORRUPTION)
    before = shipped.read_bytes()
    offered = []
    monkeypatch.setattr(sample_picker, "ask_sample", lambda parent, infos: offered.append(infos) or CORRUPTION)
    _menu_action(window).trigger()
    assert [info.name for info in offered[0]] == list(samples.index())
    assert window.session.path is None  # Save asks where: the shipped file is never written
    assert window.session.letter == samples.load_sample(CORRUPTION)
    assert window.session.letter.requested_state == "AE"
    title = samples.sample_info(CORRUPTION).title_in("fr")
    assert f"{title} (copie)" in window.windowTitle()
    window.session.set("references.requesting_reference", "CHANGED")
    asked = []
    window.save_as = lambda: asked.append(1) or False
    window.save_draft()
    assert asked == [1] and shipped.read_bytes() == before


def test_cancelling_keeps_the_current_draft(make_window, monkeypatch):
    window = make_window("en")
    session = window.session
    monkeypatch.setattr(sample_picker, "ask_sample", lambda parent, infos: None)
    assert window.new_from_sample() is False
    assert window.session is session


def test_unsaved_changes_are_asked_about_after_the_choice(make_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = make_window("en")
    window.session.set("references.requesting_reference", "MINE")
    session = window.session
    monkeypatch.setattr(sample_picker, "ask_sample", lambda parent, infos: CORRUPTION)
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Cancel
    assert window.new_from_sample() is False
    assert window.session is session and session.letter.references.requesting_reference == "MINE"


def test_a_broken_index_is_shown_not_raised(make_window, monkeypatch):
    window = make_window("en")
    shown = []
    monkeypatch.setattr(window, "show_error", lambda title, message: shown.append((title, message)))

    def broken():
        raise samples.SampleIndexError("index.json: no entry for x")

    monkeypatch.setattr(samples, "index", broken)
    assert window.new_from_sample() is False
    assert shown == [("Cannot open the sample", "index.json: no entry for x")]
