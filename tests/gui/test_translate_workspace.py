"""View → Translate: the translation workspace edits the draft, follows point 14, exports."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mla_writer import translation
from mla_writer.gui.session import Session
from tests.test_translation import french_only

pytestmark = pytest.mark.gui


def type_into(edit, text: str) -> None:
    """Type ``text`` key by key (keyClicks dies on non-ASCII)."""
    edit.setFocus()
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, edit, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def almost_translated():
    """The French sample, to be sent in Spanish, translated but for two fields."""
    letter = french_only()
    letter.language.accepted_languages = ["es"]
    units = translation.units(letter)
    left = [units[1].path, "facts.summary"]
    for unit in units:
        if unit.path not in left:
            unit.text.set("es", "ES " + unit.text.get("fr"))
            translation.record(letter, unit.path, "es", "fr")
    return letter, left


def open_workspace(window, letter):
    window.set_session(Session(letter))
    workspace = window.open_translation()
    assert workspace.source_lang == "fr" and workspace.target_lang == "es"
    return workspace


def test_translating_two_fields_turns_point_14_complete(make_window):
    window = make_window("en")
    letter, left = almost_translated()
    workspace = open_workspace(window, letter)
    total = len(workspace.rows)
    assert workspace.progress_label.text() == f"{total - 2} of {total} fields translated into Spanish"
    window.run_check()
    assert window.session.report.result("language").state == "to_fill"

    workspace.untranslated_only.setChecked(True)
    rows = workspace.visible_rows()
    assert [r.path for r in rows] == left
    assert rows[0].source.isReadOnly() and not rows[0].target.isReadOnly()
    type_into(rows[0].target, "Juez de instrucción, tribunal de París")
    type_into(rows[1].target, "Entre enero de 2025 y junio de 2026 ...")
    assert letter.facts.summary.get("es") == "Entre enero de 2025 y junio de 2026 ..."
    assert workspace.progress_label.text() == f"{total} of {total} fields translated into Spanish"
    assert window.session.dirty and window.isWindowModified()
    window.run_check()
    assert window.session.report.result("language").state == "complete"

    # a source edit afterwards marks exactly that field stale, and point 14 says so
    workspace.untranslated_only.setChecked(False)
    workspace.unlock.setChecked(True)
    row = workspace.row("facts.summary")
    assert not row.source.isReadOnly()
    type_into(row.source, " Ajout.")
    assert translation.stale_paths(letter, "es") == ["facts.summary"]
    workspace.stale_only.setChecked(True)
    assert [r.path for r in workspace.visible_rows()] == ["facts.summary"]
    assert "1 to check again" in workspace.progress_label.text()
    window.run_check()
    problems = window.session.report.result("language").errors
    assert [(p.code, p.path) for p in problems] == [("language.stale", "facts.summary")]
    assert row.confirm.isVisible()
    row.confirm.click()  # checked: the translation still says the same
    assert translation.stale_paths(letter, "es") == [] and row.confirm.isHidden()
    window.run_check()
    assert window.session.report.result("language").state == "complete"
    workspace.close()


def test_filters_by_point_and_termbase_hints(make_window):
    window = make_window("en")
    letter, _left = almost_translated()
    letter.facts.summary.set("es", "Se respeta la doble criminalidad.")
    letter.facts.summary.set("fr", "La double incrimination est établie à l'égard de l'État requis.")
    translation.record(letter, "facts.summary", "es", "fr")
    workspace = open_workspace(window, letter)
    workspace.point_combo.setCurrentIndex(workspace.point_combo.findData("facts"))
    assert workspace.point_combo.currentText().startswith("8. ")
    assert {r.unit.point.id for r in workspace.visible_rows()} == {"facts"}
    row = workspace.row("facts.summary")
    hints = row.terms.text()
    assert "Estado requerido" in hints and "doble incriminación" in hints
    assert "variant to avoid" in hints  # "doble criminalidad"
    assert [h.found for h in row.hits] == ["double incrimination", "État requis"]


def test_an_xliff_from_another_draft_is_refused_in_the_workspace(make_window, tmp_path):
    from mla_writer.xliff import export_xliff

    window = make_window("en")
    letter, left = almost_translated()
    workspace = open_workspace(window, letter)
    other = tmp_path / "other.xlf"
    other.write_bytes(export_xliff(french_only(), "es").data)
    assert not workspace.import_xliff(str(other))
    assert "another draft" in workspace.refusal.informativeText()
    workspace.refusal.close()
    # its own export comes back (the draft, given its identifier by the export, is saved at once)
    window.ask_draft_path = lambda: str(tmp_path / "draft.mlar")
    mine = tmp_path / "mine.xlf"
    assert workspace.export_xliff(str(mine))
    from mla_writer import storage

    assert storage.load(tmp_path / "draft.mlar").translation.draft_id == letter.translation.draft_id
    text = mine.read_text("utf-8").replace("<source>", "<target>ES</target><source>")
    assert "facts.summary" in text
    from translate.storage import xliff as tt

    store = tt.xlifffile.parsestring(mine.read_bytes())
    for unit in store.units:
        unit.settarget("traducido", lang="es")
    mine.write_bytes(bytes(store))
    assert workspace.import_xliff(str(mine))
    assert letter.facts.summary.get("es") == "traducido"
    assert workspace.progress_label.text().startswith(f"{len(workspace.rows)} of {len(workspace.rows)}")


def test_export_bilingual_letter_from_the_workspace(make_window, tmp_path):
    window = make_window("en")
    letter, _left = almost_translated()
    letter.output_language = "fr"
    workspace = open_workspace(window, letter)
    workspace.target_combo.setCurrentIndex(workspace.target_combo.findData("es"))
    window.ask_export_incomplete = lambda count: True
    window.ask_export_variant = lambda: ("pseudonyms", False)
    window.ask_export_path = lambda: str(tmp_path / "letter.docx")
    assert workspace.export_letter()
    assert (tmp_path / "letter.docx").stat().st_size > 0
    assert letter.output_language == "es"
    assert window.bilingual() is None and not window.settings.bilingual()  # the user's own setting is left alone
    from mla_writer.render.docx_writer import __name__ as _unused  # noqa: F401
    import zipfile

    with zipfile.ZipFile(tmp_path / "letter.docx") as docx:
        body = docx.read("word/document.xml").decode()
    assert "Demande d" in body or "DEMANDE D" in body  # the French column is there: this export was bilingual


def test_the_workspace_in_russian(make_window):
    window = make_window("ru")
    letter, _left = almost_translated()
    workspace = open_workspace(window, letter)
    assert workspace.windowTitle() == "Перевод"
    total = len(workspace.rows)
    assert workspace.progress_label.text().startswith(f"{total - 2} из {total}")


def test_a_termbase_entry_added_by_the_user_is_kept_and_highlighted(make_window, tmp_path):
    from mla_writer import termbase

    window = make_window("en")
    letter, _left = almost_translated()
    letter.facts.summary.set("fr", "Une commission rogatoire a été délivrée.")
    workspace = open_workspace(window, letter)
    dialog = workspace.edit_termbase()
    shipped = dialog.table.rowCount()
    assert shipped == len(termbase.load().entries("fr", "es"))
    type_into(dialog.source_term, "commission rogatoire")
    type_into(dialog.target_term, "comisión rogatoria")
    type_into(dialog.forbidden, "carta rogatoria")
    assert dialog.add()
    assert dialog.table.rowCount() == shipped + 1
    assert termbase.load().user_concepts()[0].usable("es") == ["comisión rogatoria"]  # saved in the data folder
    row = workspace.row("facts.summary")
    assert "comisión rogatoria" in row.terms.text()
    assert dialog.export_tbx(str(tmp_path / "mine.tbx"))
    dialog.table.selectRow(shipped)
    assert dialog.remove() and termbase.load().user_concepts() == []
    assert dialog.import_tbx(str(tmp_path / "mine.tbx")) == 1  # only the user's entry was missing
    dialog.table.selectRow(0)
    assert not dialog.remove()  # a shipped UN term stays
    dialog.close()


def test_the_workspace_follows_the_wizard_and_closes_with_its_draft(make_window, qtbot):
    window = make_window("en")
    letter, _left = almost_translated()
    workspace = open_workspace(window, letter)
    row = workspace.row("facts.summary")
    # typed in the wizard: the workspace shows it, and the Spanish text there counts
    letter.facts.summary.set("fr", "Texte revu dans l'assistant.")
    letter.facts.summary.set("es", "Texto revisado en el asistente.")
    translation.note_typed(letter, "facts.summary", "es")
    window.session.touch()
    qtbot.waitUntil(lambda: row.source.document().toRawText() == "Texte revu dans l'assistant.")
    assert row.target.document().toRawText() == "Texto revisado en el asistente."
    total = len(workspace.rows)
    assert workspace.progress_label.text() == f"{total - 1} of {total} fields translated into Spanish"
    # a person removed in the wizard: the rows are made again
    window.session.change(lambda L: L.persons.pop(), lists=["persons"])
    qtbot.waitUntil(lambda: len(workspace.rows) < total)
    assert all(r.unit.text is translation.fields.value_at(letter, r.path) for r in workspace.rows)
    # another draft opened: the workspace of this one closes
    window.set_session(Session(french_only()))
    assert window.translate_window is None and not workspace.isVisible()
    # in another UI language it opens again, translated
    workspace = window.open_translation()
    window.set_ui_language("fr")
    assert window.translate_window is not workspace and window.translate_window.windowTitle() == "Traduire"


def test_a_translation_typed_in_the_wizard_follows_its_source(make_window):
    """Typed in the wizard's Spanish tab beside the French text: a translation like one made in
    the workspace, marked stale when the French text changes, current again once revised."""
    window = make_window("en")
    letter, _left = almost_translated()
    window.set_session(Session(letter))
    window.go_to(window.step_of_section["facts"])
    editor, _label = window.current_page().problem_map.entries["facts.summary"]
    editor.set_language("es")
    editor.edit.setPlainText("")
    editor.edit.insertPlainText("Los hechos.")
    letter = window.session.letter  # typed text reaches the letter once per pause, or when read here
    assert letter.facts.summary.get("es") == "Los hechos."
    assert translation.stale_paths(letter, "es") == []
    editor.set_language("fr")
    editor.edit.insertPlainText(" Ajout.")
    assert translation.stale_paths(window.session.letter, "es") == ["facts.summary"]
    window.run_check()
    stale = [p.path for p in window.session.report.result("language").errors if p.code == "language.stale"]
    assert stale == ["facts.summary"]
    editor.set_language("es")
    editor.edit.insertPlainText(" Añadido.")
    assert translation.stale_paths(window.session.letter, "es") == []


# -- issue 14 trial -------------------------------------------------------------------------------------


def test_an_export_whose_draft_is_not_saved_is_not_written(make_window, tmp_path):
    window = make_window("en")
    letter, _left = almost_translated()
    workspace = open_workspace(window, letter)
    window.ask_draft_path = lambda: ""  # the user cancels the save
    out = tmp_path / "out.xlf"
    assert not workspace.export_xliff(str(out))
    assert not out.exists() and not letter.translation.draft_id
    assert "not saved" in workspace.message


def test_the_target_never_takes_the_source_language_and_the_source_is_never_empty(make_window):
    window = make_window("en")
    letter, _left = almost_translated()
    workspace = open_workspace(window, letter)
    sources = [workspace.source_combo.itemData(i) for i in range(workspace.source_combo.count())]
    assert "es" not in sources and "fr" in sources
    workspace.target_combo.setCurrentIndex(workspace.target_combo.findData("fr"))  # into the source's language
    assert workspace.target_lang == "fr" and workspace.source_lang == "es"  # the language the draft holds besides
    assert workspace.source_combo.findData("fr") == -1
    assert any(r.source.document().toRawText() for r in workspace.rows)
    workspace.source_combo.setCurrentIndex(workspace.source_combo.findData("ru"))  # nothing in Russian
    assert workspace.empty_note.isVisibleTo(workspace) and "Nothing to translate" in workspace.empty_note.text()


def test_the_locked_source_looks_read_only_and_the_states_differ_not_by_colour_alone(make_window):
    window = make_window("en")
    letter, left = almost_translated()
    letter.facts.summary.set("es", "Hechos.")
    translation.record(letter, "facts.summary", "es", "fr")
    letter.facts.summary.set("fr", "Les faits, revus.")
    workspace = open_workspace(window, letter)
    row = workspace.row("facts.summary")
    assert row.source.isReadOnly() and "background" in row.source.styleSheet() and "Read-only" in row.source.toolTip()
    workspace.unlock.setChecked(True)
    assert not row.source.isReadOnly() and row.source.styleSheet() == "" and row.source.toolTip() == ""
    stale, missing = row.state.text(), workspace.row(left[0]).state.text()
    colour = lambda html: html.split("color:")[1][:7]  # noqa: E731
    assert colour(stale) != colour(missing)
    assert "\u26a0" in stale and "\u25cb" in missing


def test_termbase_dialog_duplicates_reimport_and_a_broken_tbx(make_window, tmp_path):
    window = make_window("ru")
    letter, _left = almost_translated()
    workspace = open_workspace(window, letter)
    dialog = workspace.edit_termbase()
    for _ in range(2):
        dialog.source_term.setText("commission rogatoire")
        dialog.target_term.setText("comisión rogatoria")
        added = dialog.add()
    assert not added and "уже есть" in dialog.message.text()
    rows = dialog.table.rowCount()
    assert dialog.export_tbx(str(tmp_path / "mine.tbx"))
    assert dialog.import_tbx(str(tmp_path / "mine.tbx")) == 0
    assert "уже были в терминологической базе" in dialog.message.text() and dialog.table.rowCount() == rows
    broken = tmp_path / "broken.tbx"
    broken.write_bytes(b"<martif type='TBX'><text><body><termEntry")
    assert dialog.import_tbx(str(broken)) == 0
    assert dialog.message.text() == "Файл не импортирован: это не глоссарий TBX, или файл повреждён."
    notes = [dialog.table.item(i, 3).text() for i in range(dialog.table.rowCount())]
    assert "КТОП, ст. 18" in notes and not any("UNTOC" in n for n in notes)
    assert dialog.import_button.text() == "Импорт из TBX…" and dialog.export_button.text() == "Экспорт в TBX…"
    dialog.close()


def test_an_import_with_changed_sources_imports_the_rest_and_names_those_left_out(make_window, tmp_path):
    from mla_writer.xliff import export_xliff
    from tests.test_xliff import translate_file

    window = make_window("ru")
    letter, left = almost_translated()
    workspace = open_workspace(window, letter)
    data = translate_file(export_xliff(letter, "es").data, "1.2", lambda uid, src: "traducido")
    letter.facts.summary.set("fr", "Les faits, revus.")
    path = tmp_path / "back.xlf"
    path.write_bytes(data)
    assert workspace.import_xliff(str(path))
    assert "es" not in letter.facts.summary  # its source changed: left out
    assert translation.fields.value_at(letter, left[0]).get("es") == "traducido"  # the other one imported
    text = workspace.refusal.informativeText().split("\n")
    assert text[0].startswith("1 перевод не импортирован")
    assert text[1] == "8. Краткое изложение соответствующих фактов \u2014 Краткое изложение соответствующих фактов"
    workspace.refusal.close()
