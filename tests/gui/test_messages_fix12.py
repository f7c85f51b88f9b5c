"""Wording of the messages the tester of issue 12 read (finding 7): a number of thousands of
digits quoted in a dialog is shortened, Russian counts agree with their numbers, and the
folder remembered after opening a draft by a relative path is absolute."""

from __future__ import annotations

import re
import shutil

import pytest

from mla_writer import storage
from mla_writer.model import LetterOfRequest

pytestmark = pytest.mark.gui


def test_a_number_of_thousands_of_digits_is_shortened_in_a_dialog(make_window):
    window = make_window("en")
    box = window.show_error("Cannot open the draft", "case.mlar: found " + "9" * 5000 + " where a date belongs")
    assert len(box.text()) < 400
    assert box.text().startswith("case.mlar: found 999") and box.text().endswith("where a date belongs")
    path = "/home/someone/" + "/".join(["folder"] * 30) + "/case.mlar"  # a long path stays whole
    assert path in window.show_error("x", f"cannot read {path}").text()
    window.error_box.close()


def test_the_russian_length_message_agrees_with_any_number(make_window):
    make_window("ru")
    letter = LetterOfRequest(drafting_language="ru", output_language="ru")
    doc = storage.document(letter)
    doc["letter"]["place"] = {"ru": "я" * 1_000_001}
    with pytest.raises(storage.DraftError) as caught:
        storage.loads(__import__("json").dumps(doc, ensure_ascii=False), "k.mlar")
    text = caught.value.localized("ru")
    assert re.search(r"1\s000\s001", text), text
    assert not re.search(r"1\s000\s001 символов", text), text


def test_opening_a_draft_by_a_relative_path_remembers_an_absolute_folder(make_window, example_path, tmp_path, monkeypatch):
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copyfile(example_path, folder / "k.mlar")
    monkeypatch.chdir(folder)
    window = make_window("en")
    assert window.open_file("k.mlar", ask=False)
    assert window.settings.last_folder() == str(folder)
    assert window.settings.recent_files()[0] == str(folder / "k.mlar")
