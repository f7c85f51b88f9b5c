"""Training mode (issue 17, item 3): File → Training Mode… and ``mla-writer --demo``.

A trainer's session leaves no trace in the real settings (recent files, last folder, layout),
the office profile, the recovery copies of real work or the personal word lists: the files on
disk are compared before and after. Exports carry the training mark; Reset brings the sample
back without asking; the banner is translated; presentation mode fits 1280×720 in every UI
language with nothing cut.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from mla_writer import samples
from mla_writer.gui import demo as demo_mode
from mla_writer.gui.i18n import _

pytestmark = pytest.mark.gui

LANGS = ["en", "fr", "ru", "es"]
SAMPLE = samples.DEFAULT_SAMPLE
OTHER = "corruption-ge-ae"


def _place(text: str):
    from mla_writer.model import MLText

    return MLText.model_validate({"en": text})


def _settle(rounds: int = 8) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def _tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path -> SHA-256 of its content)."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _drafts(folder: Path) -> dict[str, str]:
    """The recovery copies (and unreadable ones) in an autosave folder; lock files are not work."""
    return {name: digest for name, digest in _tree(folder).items() if ".mlar" in name}


def _never_ask(*_args):
    pytest.fail("training mode asked about saving")


def _start(window, monkeypatch, sample: str = SAMPLE) -> None:
    monkeypatch.setattr(demo_mode, "ask_demo_sample", lambda _window: sample)
    assert window.toggle_demo(True)
    _settle()


def test_the_menu_opens_the_chosen_sample_and_the_banner(make_window, monkeypatch):
    window = make_window("en")
    offered = []
    from mla_writer.gui import sample_picker

    monkeypatch.setattr(sample_picker, "ask_sample",
                        lambda parent, infos, title=None, intro=None: offered.append((infos, title)) or OTHER)
    window.demo_action.trigger()
    _settle()
    assert [info.name for info in offered[0][0]] == list(samples.index())  # the sample picker's list
    assert offered[0][1] == _("Training Mode")
    assert window.demo is not None and window.demo.sample == OTHER
    assert window.session.letter == samples.load_sample(OTHER)
    assert window.demo_banner.isVisible()
    assert window.demo_action.isChecked() and window.demo_reset_action.isEnabled()
    assert _("Training mode: {name}").format(name="") in window.windowTitle()


def test_cancelling_the_choice_leaves_the_mode_off(make_window, monkeypatch):
    window = make_window("en")
    monkeypatch.setattr(demo_mode, "ask_demo_sample", lambda _window: None)
    window.demo_action.trigger()
    assert window.demo is None and not window.demo_action.isChecked()
    assert not window.demo_reset_action.isEnabled()


def test_the_preview_and_exports_carry_the_mark(make_window, monkeypatch, qtbot, tmp_path):
    from mla_writer.i18n import translations

    window = make_window("ru")
    _start(window, monkeypatch)
    window.session.set("output_language", "es")
    mark = translations("letter", "es").gettext("TRAINING — NOT A REAL REQUEST")
    assert mark != "TRAINING — NOT A REAL REQUEST"
    window.preview.schedule()
    qtbot.waitUntil(lambda: window.preview.view is not None
                    and mark in window.preview.view.document().toRawText(), timeout=15000)
    out = tmp_path / "training.docx"
    assert window.export_to(out, annex=True)
    import docx

    for path in (out, window.annex_path(out)):
        document = docx.Document(str(path))
        for section in document.sections:
            assert mark in "\n".join(p.text for p in section.header.paragraphs)
            assert mark in "\n".join(p.text for p in section.first_page_header.paragraphs)
    # out of training mode, the same export has no mark
    demo_mode.leave_demo(window)
    from mla_writer.gui.session import Session

    window.set_session(Session(samples.load_sample(SAMPLE)))
    plain = tmp_path / "real.docx"
    assert window.export_to(plain)
    assert all(mark not in p.text for s in docx.Document(str(plain)).sections for p in s.header.paragraphs)


def test_a_pdf_exported_in_training_mode_is_marked_on_every_page(make_window, monkeypatch, qtbot, tmp_path):
    """File → Export PDF in training mode, the letter and its identities annex: pdftotext, page
    by page, finds the mark in the letter's language on each."""
    import sys

    from pypdf import PdfReader

    from mla_writer.i18n import translations

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))
    from render_helpers import pdf_text, soffice

    soffice()  # LibreOffice is required: fail, never skip
    window = make_window("es")
    _start(window, monkeypatch)
    window.session.set("output_language", "ru")
    mark = translations("letter", "ru").gettext("TRAINING — NOT A REAL REQUEST")
    target = tmp_path / "training.pdf"
    window.ask_export_incomplete = lambda count: True
    window.ask_export_variant = lambda: ("pseudonyms", True)
    window.ask_export_pdf_path = lambda: str(target)
    with qtbot.waitSignal(window.exported, timeout=180_000):
        assert window.export_letter_pdf()
    for pdf in (target, window.annex_path(target)):
        pages = len(PdfReader(str(pdf)).pages)
        assert pages >= 1
        unmarked = [page for page in range(1, pages + 1)
                    if " ".join(mark.split()) not in " ".join(pdf_text(pdf, page).split())]
        assert unmarked == [], pdf.name
    assert len(PdfReader(str(target)).pages) >= 3


def test_reset_brings_the_sample_back_without_asking(make_window, monkeypatch):
    window = make_window("fr")
    _start(window, monkeypatch)
    window.ask_unsaved = _never_ask
    window.go_to(3)
    window.session.set("place", _place("Parquet inventé pour l'exercice"))
    assert window.session.dirty and window.session.letter != samples.load_sample(SAMPLE)
    window.demo_reset_action.trigger()
    _settle()
    assert window.session.letter == samples.load_sample(SAMPLE)
    assert not window.session.dirty
    assert window.demo is not None  # still training
    # the banner's button does the same
    window.session.set("place", _place("Autre"))
    window.demo_banner.reset_button.click()
    assert window.session.letter == samples.load_sample(SAMPLE)


def _real_state(tmp_path: Path, config: Path) -> dict:
    return {"settings": _tree(tmp_path / "settings.ini.d") | {"ini": hashlib.sha256(
        (tmp_path / "settings.ini").read_bytes()).hexdigest()},
        "recovery": _drafts(tmp_path / "autosave"), "config": _tree(config), "dictionary": _tree(tmp_path / "dictionary")}


def test_training_leaves_no_trace_on_disk(make_window, monkeypatch, tmp_path, _private_config_dir):
    """Recent files, last folder, window layout, UI language, office profile, recovery copies,
    personal word lists: the real ones are byte for byte as before; the training folder is gone."""
    from mla_writer import office
    from mla_writer.gui import spellcheck
    from mla_writer.gui.autosave import Autosaver

    config = _private_config_dir
    office.save_profile(office.Profile())  # the user's real profile ...
    (tmp_path / "dictionary").mkdir()
    (tmp_path / "dictionary" / "en.dic").write_text("Chisinau\n", encoding="utf-8")
    window = make_window("en")
    real_draft = tmp_path / "real-case.mlar"
    window.save_to(real_draft)  # ... a real draft in the recent files ...
    assert window.wait_register()  # (its card is written in the background)
    # ... and the recovery copy of another window's real work, left by a crash
    other = Autosaver(lambda: window.session, tmp_path / "autosave")
    window.session.set("place", _place("Real prosecutor's office"))
    other.note_edit()
    assert other.save_now()
    other.lock.unlock()
    window.session.dirty = False
    window.settings.sync()
    before = _real_state(tmp_path, config)
    recent_before = window.settings.recent_files()
    assert recent_before == [str(real_draft.resolve())] and len(before["recovery"]) == 1

    _start(window, monkeypatch)
    folder = window.demo.folder
    assert folder.is_dir() and not str(folder).startswith(str(tmp_path))
    # the trainer works: edits (recovery copies), saves a copy (recent files, last folder),
    # fills the office profile, adds a word, switches the language and the panes
    window.session.set("place", _place("Training office"))
    assert window.autosaver.save_now()
    assert window.autosaver.path.parent == folder / "autosave"
    exercise = tmp_path / "exercise" / "exercise.mlar"
    exercise.parent.mkdir()
    assert window.save_to(exercise)
    assert window.settings.recent_files()[0] == str(exercise.resolve())
    profile = office.Profile()
    office.save_profile(profile)
    assert office.profile_path().parent == folder / "config"
    assert spellcheck.personal_folder() == folder / "dictionary"
    window.set_ui_language("ru")
    window.toggle_preview(False)
    window.toggle_guidance(False)
    window.set_presentation(True)
    window.export_to(tmp_path / "exercise" / "letter.docx")
    assert window.offer_recovery() is False  # the real work's recovery copy is not offered here
    window.session.set("place", _place("Unsaved training edit"))

    # the letter has a file now (Save As): its unsaved edits are asked about, as outside the mode
    asked = []
    window.ask_unsaved = lambda: asked.append(1) or QMessageBox.StandardButton.Discard
    assert demo_mode.leave_demo(window)
    assert asked == [1]
    _settle()
    assert window.demo is None and not folder.exists()
    assert not window.demo_banner.isVisible()
    window.settings.sync()
    assert window.settings.recent_files() == recent_before
    assert _real_state(tmp_path, config) == before
    assert office.profile_path().parent == config
    assert window.autosaver.path.parent == tmp_path / "autosave"
    # the real draft open before training is shown again, as it was
    assert window.session.path == real_draft and not window.session.dirty
    assert window.session.get("place") != _place("Training office")
    # and the real recovery copy is still offered, as before training
    window.ask_recover = lambda *a, **k: False
    from mla_writer.gui.autosave import find_orphans

    assert len(find_orphans(tmp_path / "autosave", [])) == 1


def test_closing_in_training_mode_removes_its_folder(make_window, monkeypatch, tmp_path):
    window = make_window("en")
    window.settings.sync()
    settings_before = (tmp_path / "settings.ini").read_bytes()
    _start(window, monkeypatch)
    folder = window.demo.folder
    window.session.set("place", _place("Edited in the workshop"))
    window.resize(900, 700)
    window.ask_unsaved = _never_ask
    window.close()
    _settle()
    assert not folder.exists()
    assert (tmp_path / "settings.ini").read_bytes() == settings_before  # not even the window's size
    assert _drafts(tmp_path / "autosave") == {}


def test_the_command_line_demo_never_touches_the_users_folders(qtbot, tmp_path, monkeypatch):
    """``mla-writer --demo SAMPLE``: the window is in training mode from the start; the user's
    settings file is only read, the user's data folder (autosave, word lists) never made."""
    from mla_writer.gui.main import demo_argument

    assert demo_argument(["--demo"]) == SAMPLE
    assert demo_argument(["--demo", OTHER]) == OTHER
    assert demo_argument(["--demo=" + OTHER]) == OTHER
    assert demo_argument(["case.mlar"]) is None
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    real_ini = tmp_path / "real-settings.ini"
    real = QSettings(str(real_ini), QSettings.Format.IniFormat)
    real.setValue("ui/language", "es")
    real.setValue("files/recent", ["/cases/real.mlar"])
    real.sync()
    before = real_ini.read_bytes()
    window = demo_mode.launch(OTHER, real)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _settle()
    folder = window.demo.folder
    assert window.session.letter == samples.load_sample(OTHER)
    assert window.settings.ui_language() == "es"  # the display choices come along ...
    assert window.settings.recent_files() == []  # ... the real work's list does not
    assert window.demo_banner.isVisible()
    assert window.demo_banner.label.text().startswith("<b>" + _("TRAINING MODE"))
    window.session.set("place", _place("Workshop"))
    window.autosaver.save_now()
    window.close()
    _settle()
    assert not folder.exists()
    assert real_ini.read_bytes() == before
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_the_banner_speaks_the_ui_language(make_window, monkeypatch, lang):
    window = make_window(lang)
    _start(window, monkeypatch)
    banner = window.demo_banner
    texts = [banner.label.text(), banner.reset_button.text(), banner.leave_button.text(), window.demo_action.text()]
    if lang != "en":
        assert "TRAINING MODE" not in texts[0] and "Reset training letter" != texts[1]
    assert _("TRAINING MODE") in texts[0]
    other = "fr" if lang != "fr" else "ru"
    window.set_ui_language(other)
    assert _("TRAINING MODE") in window.demo_banner.label.text()
    assert window.demo_action.isChecked()  # the menus built again still show the mode


@pytest.mark.parametrize("lang", LANGS)
def test_presentation_mode_fits_1280_by_720(make_window, monkeypatch, lang):
    """Presentation mode in training mode, banner shown, every step of the sample: nothing cut."""
    from mla_writer.gui.widgets.listeditor import ListEditor

    from .clipping import clipped

    window = make_window(lang)
    _start(window, monkeypatch)
    normal = window.next_button.fontMetrics().height()
    window.presentation_action.trigger()
    window.resize(1280, 720)
    _settle()
    assert window.presentation and window.presentation_action.isChecked()
    assert window.next_button.fontMetrics().height() > normal * 1.2
    assert (window.width(), window.height()) == (1280, 720)
    problems = [f"banner: {p}" for p in clipped(window, window.demo_banner)]
    for step in range(len(window.plan)):
        window.go_to(step)
        _settle()
        page = window.current_page()
        problems += [f"step {step + 1}: {p}" for p in clipped(window, page)]
        for editor in [e for e in page.findChildren(ListEditor) if e.isVisible()][:2]:
            if editor.list.count():
                editor.list.setCurrentRow(editor.list.count() - 1)
                _settle()
                problems += [f"step {step + 1}, {editor.path}: {p}" for p in clipped(window, page)]
        for button in (window.back_button, window.next_button, window.preview_button):
            problems += [f"step {step + 1}: {p}" for p in clipped(window, button.parentWidget())
                         if "button" in p]
    problems += [f"sidebar: {p}" for p in clipped(window, window.sidebar)]
    assert list(dict.fromkeys(problems)) == []
    window.presentation_action.trigger()
    _settle()
    assert not window.presentation and window.next_button.fontMetrics().height() == normal


def test_training_writes_nothing_to_the_case_register(make_window, monkeypatch, tmp_path):
    """A letter saved in training mode gets no card in the case register (its file on disk is
    read back); real work saved after training does."""
    from mla_writer.register import Register

    window = make_window("en")
    assert demo_mode.records_real_work()
    _start(window, monkeypatch)
    assert not demo_mode.records_real_work()
    exercise = tmp_path / "exercise.mlar"
    assert window.save_to(exercise)
    demo_mode.leave_demo(window)
    assert demo_mode.records_real_work()
    real = tmp_path / "real.mlar"
    assert window.save_to(real)
    window.close_register()
    register = Register.open()
    try:
        paths = {e.path for e in register.entries()}
    finally:
        register.close()
    assert str(real.resolve()) in paths
    assert str(exercise.resolve()) not in paths and len(paths) == 1


def test_a_real_draft_with_unsaved_changes_is_asked_about_before_training(make_window, monkeypatch):
    window = make_window("en")
    window.session.set("place", _place("Real office"))
    asked = []
    window.ask_unsaved = lambda: asked.append(1) or QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(demo_mode, "ask_demo_sample", lambda _window: SAMPLE)
    assert not window.toggle_demo(True)
    assert asked == [1] and window.demo is None and window.session.get("place") == _place("Real office")


def test_a_killed_sessions_folder_is_removed_by_the_next_one(tmp_path):
    """A training session killed before its end leaves its folder; the next one removes it (and
    only folders whose owner process is gone)."""
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    gone = tmp_path / (demo_mode.FOLDER_PREFIX + "gone")
    alive = tmp_path / (demo_mode.FOLDER_PREFIX + "alive")
    other = tmp_path / (demo_mode.FOLDER_PREFIX + "foreign")
    for folder, owner in ((gone, done.stdout.strip()), (alive, str(os.getpid())), (other, None)):
        (folder / "autosave").mkdir(parents=True)
        (folder / "autosave" / "x.mlar").write_text("{}", encoding="utf-8")
        if owner:
            (folder / demo_mode.OWNER_FILE).write_text(owner, encoding="ascii")
    assert demo_mode.remove_stale_folders(tmp_path) == [gone]
    assert not gone.exists() and alive.exists() and other.exists()


# -- the trainer's trial (issue 17): what went wrong, and must not again ----------------------------
def test_a_demo_session_ended_and_training_again_keeps_real_recovery_copies_in_the_real_folder(
        qtbot, tmp_path, monkeypatch):
    """``--demo``, End, File → Training Mode… again, End: the recovery copies of the real work
    then go to the real autosave folder, never to the first session's (deleted) folder."""
    from mla_writer.gui.autosave import default_folder

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    real = QSettings(str(tmp_path / "real.ini"), QSettings.Format.IniFormat)
    window = demo_mode.launch(SAMPLE, real)
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _settle()
    first = window.demo.folder
    assert demo_mode.leave_demo(window)
    _start(window, monkeypatch, OTHER)
    second = window.demo.folder
    assert second != first
    assert demo_mode.leave_demo(window)
    _settle()
    window.session.set("place", _place("Real work after the workshop"))
    assert window.autosaver.save_now()
    assert window.autosaver.path.parent == default_folder()
    assert str(default_folder()).startswith(str(tmp_path / "data"))
    assert window.autosave_folder is None  # (the user's own: the default folder)
    assert not first.exists() and not second.exists()
    window.session.dirty = False
    window.close()
    _settle()
    assert not first.exists() and not second.exists()


def test_an_ownerless_empty_training_folder_is_removed_one_with_files_kept(tmp_path):
    """A training folder without its owner file (an earlier version recreated it after its
    session) is removed when it holds nothing; one holding a file is left for the user."""
    empty = tmp_path / (demo_mode.FOLDER_PREFIX + "empty")
    (empty / "autosave").mkdir(parents=True)
    kept = tmp_path / (demo_mode.FOLDER_PREFIX + "kept")
    (kept / "autosave").mkdir(parents=True)
    (kept / "autosave" / "work.mlar").write_text("{}", encoding="utf-8")
    assert demo_mode.remove_stale_folders(tmp_path) == [empty]
    assert not empty.exists() and (kept / "autosave" / "work.mlar").exists()


def test_a_new_training_folder_has_its_owner_from_the_start(monkeypatch, tmp_path):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    mode = demo_mode.DemoMode(SAMPLE)
    try:
        assert mode.folder.parent == tmp_path and mode.folder.name.startswith(demo_mode.FOLDER_PREFIX)
        assert (mode.folder / demo_mode.OWNER_FILE).read_text(encoding="ascii").strip().isdigit()
        assert [p.name for p in tmp_path.iterdir()] == [mode.folder.name]  # (no half-made folder left)
    finally:
        mode.cleanup()


def test_reset_end_and_switch_ask_about_a_real_draft_opened_in_training(make_window, monkeypatch, tmp_path):
    """A real draft opened in training (File → Open), then edited: Reset, switching case and
    End ask about its edits, as for any letter with a file; Cancel keeps them."""
    real = tmp_path / "real.mlar"
    window = make_window("en")
    window.session.set("place", _place("Real office"))
    assert window.save_to(real)
    window.new_draft()  # (the draft closed: no other window holds it)
    window.ask_draft_in_use = lambda *_args: pytest.fail("the draft is still held")
    _start(window, monkeypatch)
    assert window.open_file(real)
    window.session.set("place", _place("Edited during the workshop"))
    asked = []
    window.ask_unsaved = lambda: asked.append(1) or QMessageBox.StandardButton.Cancel
    assert not window.reset_demo()
    assert not window.demo.open_sample(window, OTHER)
    assert not demo_mode.leave_demo(window)
    assert asked == [1, 1, 1]
    assert window.demo is not None and window.session.path.resolve() == real.resolve()
    assert window.session.get("place") == _place("Edited during the workshop") and window.session.dirty
    # answered "Don't save": dropped, as asked
    window.ask_unsaved = lambda: asked.append(2) or QMessageBox.StandardButton.Discard
    assert window.reset_demo()
    assert window.session.letter == samples.load_sample(SAMPLE) and asked[-1] == 2


def test_the_menu_in_training_switches_case_and_stays_in_training(make_window, monkeypatch):
    window = make_window("en")
    _start(window, monkeypatch)
    monkeypatch.setattr(demo_mode, "ask_demo_sample", lambda _window: OTHER)
    window.demo_action.trigger()  # (ticked: a click would untick it)
    _settle()
    assert window.demo is not None and window.demo.sample == OTHER
    assert window.session.letter == samples.load_sample(OTHER)
    assert window.demo_action.isChecked()
    monkeypatch.setattr(demo_mode, "ask_demo_sample", lambda _window: None)  # cancelled: nothing changes
    window.demo_action.trigger()
    assert window.demo is not None and window.demo_action.isChecked()
    monkeypatch.setattr(demo_mode, "ask_demo_sample", lambda _window: demo_mode.END)
    window.demo_action.trigger()
    _settle()
    assert window.demo is None and not window.demo_action.isChecked()


def test_the_switch_picker_has_an_end_button(make_window, monkeypatch):
    from mla_writer.samples import index

    window = make_window("ru")
    _start(window, monkeypatch, OTHER)
    dialog = demo_mode.switch_dialog(window, list(index().values()))
    assert dialog.chosen() == OTHER  # the case in use is selected
    assert dialog.end_button.text() == _("End Training Mode") != "End Training Mode"
    dialog.open()
    dialog.end_button.click()
    assert dialog.result() == 2
    dialog.deleteLater()


def test_end_on_a_projector_never_fills_from_the_real_office_profile(make_window, monkeypatch, _private_config_dir):
    from mla_writer import office

    office.save_profile(office.Profile(office=office.Office(place=_place("Real prosecutor's office"))))
    window = make_window("en")
    window.session.dirty = False
    _start(window, monkeypatch)
    window.set_presentation(True)
    assert demo_mode.leave_demo(window)
    assert window.session.get("place") != _place("Real prosecutor's office")
    assert not window.session.office_changes


def test_the_training_letter_is_named_in_the_ui_language_and_end_restores_the_real_one(make_window, monkeypatch):
    from mla_writer.gui import i18n
    from mla_writer.samples import sample_info

    window = make_window("ru")
    _start(window, monkeypatch)
    title = window.windowTitle()
    assert sample_info(SAMPLE).title_in("ru") in title
    assert title.count("учебн") + title.count("Учебн") == 1  # "Training mode" once, not twice
    window.set_ui_language("en")
    assert sample_info(SAMPLE).title_in("en") in window.windowTitle()
    assert sample_info(SAMPLE).title_in("ru") not in window.windowTitle()
    assert demo_mode.leave_demo(window)
    assert i18n.ui_language() == "ru" and window.settings.ui_language() == "ru"
    assert window.menuBar().actions()[0].text() == _("&File")


def test_enchant_keeps_its_files_in_the_training_folder(tmp_path):
    """Enchant makes ``<tag>.dic``/``.exc`` in its configuration folder when a dictionary is
    first used: in training that folder is the session's, never the user's."""
    import os
    import subprocess
    import sys

    code = (
        "import os, enchant\n"
        "from mla_writer.gui import demo\n"
        "mode = demo.DemoMode('x', folder=__import__('pathlib').Path(os.environ['FOLDER']))\n"
        "mode.activate()\n"
        "d = enchant.DictWithPWL('en_US')\n"
        "print(os.environ['ENCHANT_CONFIG_DIR'])\n"
        "mode.deactivate()\n"
        "print(os.environ.get('ENCHANT_CONFIG_DIR'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("ENCHANT_CONFIG_DIR",)}
    env.update(HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "home" / ".config"),
               FOLDER=str(tmp_path / "training"), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    inside, after = done.stdout.split()
    assert inside == str(tmp_path / "training" / "enchant") and after == "None"
    assert sorted(p.name for p in (tmp_path / "training" / "enchant").iterdir()) == ["en_US.dic", "en_US.exc"]
    assert not (tmp_path / "home").exists()


def _letter_point_size(window) -> float:
    """The font size (pt) of the letter's text in the middle of the preview."""
    from PySide6.QtGui import QTextCursor

    document = window.preview.view.document()
    cursor = QTextCursor(document)
    cursor.setPosition(document.characterCount() // 2)
    return cursor.charFormat().font().pointSizeF()


def test_presentation_mode_enlarges_the_previews_letter_and_the_guidance(make_window, monkeypatch, qtbot):
    window = make_window("en")
    _start(window, monkeypatch)
    window.resize(1280, 720)
    window.toggle_guidance(True)
    window.go_to(3)
    window.preview.render_now()
    qtbot.waitUntil(lambda: window.preview.html is not None, timeout=15000)
    _settle()
    normal = _letter_point_size(window)
    panel_share = window.guidance_panel.height() / window.step_split.height()
    window.set_presentation(True)
    _settle()
    assert _letter_point_size(window) >= normal * 1.2 or window.preview.scale < 1
    assert window.preview.zoom == demo_mode.PRESENTATION_SCALE
    assert window.guidance_panel.height() / window.step_split.height() > panel_share + 0.1
    window.set_presentation(False)
    _settle()
    assert window.preview.zoom == 1 and abs(_letter_point_size(window) - normal) < 0.1


def test_the_identities_annex_file_is_named_in_the_letters_language(make_window, tmp_path):
    window = make_window("ru")
    window.session.set("output_language", "fr")
    assert window.annex_path(tmp_path / "lettre.docx").name == "lettre-identités.docx"
    window.session.set("output_language", "es")
    assert window.annex_path(tmp_path / "carta.pdf").name == "carta-identidades.pdf"
