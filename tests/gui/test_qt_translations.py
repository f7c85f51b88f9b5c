"""Qt's own dialogs and buttons speak the UI language (issue 11: in Russian, Qt's Open dialog
was partly English): PySide6's ``qtbase_<lang>.qm`` through a QTranslator, and our catalogue
for the few strings that file leaves in English."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QPushButton, QTreeView

from mla_writer.gui import i18n

pytestmark = pytest.mark.gui

B = QMessageBox.StandardButton

CANCEL = {"en": "Cancel", "fr": "Annuler", "ru": "Отмена", "es": "Cancelar"}
# The file dialog's labels: in Russian, "Look in" and "Files of type" are ours, "File name" is Qt's.
FILE_DIALOG_RU = {"lookInLabel": "&Папка:", "fileNameLabel": "&Имя файла:", "fileTypeLabel": "&Тип файлов:"}
FILE_DIALOG_EN = {"lookInLabel": "&Look in:", "fileNameLabel": "File &name:", "fileTypeLabel": "Files of &type:"}


def _cancel_text() -> str:
    box = QMessageBox(QMessageBox.Icon.Question, "?", "?", B.Yes | B.No | B.Cancel)
    try:
        return box.button(B.Cancel).text()
    finally:
        box.deleteLater()


def test_qts_translations_are_there_for_every_ui_language():
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for lang in i18n.UI_LANGUAGES:
        if lang != "en":
            assert (folder / f"qtbase_{lang}.qm").is_file(), lang


@pytest.mark.parametrize("lang", ["fr", "ru", "es"])
def test_standard_buttons_follow_the_ui_language(qapp, lang):
    try:
        i18n.set_ui_language(lang)
        assert _cancel_text() == CANCEL[lang]
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == CANCEL[lang]
        i18n.set_ui_language("en")
        assert _cancel_text() == "Cancel"  # switched back at run time: Qt's own English
    finally:
        i18n.set_ui_language("en")


def _file_dialog_texts(parent) -> tuple[dict[str, str], list[str]]:
    dialog = QFileDialog(parent, "?", str(Path(__file__).parent), "X (*.x)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog, as on a desktop without a portal
    dialog.show()
    QApplication.processEvents()
    try:
        labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel) if label.objectName()}
        buttons = sorted(button.text().replace("&", "") for button in dialog.findChildren(QPushButton) if button.text())
        return labels, buttons
    finally:
        dialog.close()
        dialog.deleteLater()


def test_the_file_dialog_is_russian_in_a_russian_ui(make_window, qtbot):
    window = make_window("en")
    window.set_ui_language("ru")  # changed from the Language menu, as a user does
    labels, buttons = _file_dialog_texts(window)
    assert {k: labels[k] for k in FILE_DIALOG_RU} == FILE_DIALOG_RU
    assert buttons == ["Открыть", "Отмена"]
    window.set_ui_language("en")
    labels, buttons = _file_dialog_texts(window)
    assert {k: labels[k] for k in FILE_DIALOG_EN} == FILE_DIALOG_EN
    assert buttons == ["Cancel", "Open"]


def test_a_folder_is_called_a_folder_in_russian(make_window, qtbot):
    window = make_window("ru")
    dialog = QFileDialog(window, "?", str(Path(__file__).parents[1]), "X (*.x)")  # tests/: has folders
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    try:
        view = dialog.findChild(QTreeView, "treeView")
        model = view.model()
        kinds: list[str] = []

        def loaded() -> bool:
            root = view.rootIndex()
            kinds[:] = [str(model.index(r, 2, root).data()) for r in range(model.rowCount(root))
                        if model.isDir(model.index(r, 0, root))]
            return bool(kinds)

        qtbot.waitUntil(loaded, timeout=5000)
        assert set(kinds) == {"Папка"}
    finally:
        dialog.close()
