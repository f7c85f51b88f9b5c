"""mla_writer.spelling, the checking behind the editors' red underlines (no Qt): the dictionary
of each language, what counts as a word, the personal word list, a missing dictionary or a
missing library turning checking off, and the bundle's dictionaries looked up first.

The dictionaries are installed by scripts/test: without them these tests fail, they do not skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mla_writer import spelling
from mla_writer.languages import languages

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _fresh():
    spelling.forget()
    yield
    spelling.forget()


def test_each_language_has_its_dictionary():
    assert [spelling.dictionary_tag(lang) for lang in ("en", "fr", "ru", "es")] == ["en_GB", "fr_FR", "ru_RU", "es_ES"]
    for lang in languages():
        found = spelling.checker(lang)
        assert found.available, (lang, found)


@pytest.mark.parametrize("lang, text, wrong", [
    ("fr", "L’enquête du procureurr a été ouverte aujourd'hui par l'OCRTEH à Chisinau.", ["procureurr"]),
    ("ru", "Следователь возбудил уголовное делло по статье 165 УК, ещё в 2024 году (Instagram).", ["делло"]),
    ("es", "La fiscalía solicitó el embargo preventivo de la cuenta bancaria del sospechosso.", ["sospechosso"]),
    ("en", "The prosecutor asks for the freezing of the acount held by the suspect.", ["acount"]),
])
def test_misspelt_words_and_only_them(lang, text, wrong):
    checker = spelling.checker(lang)
    assert [text[start:start + length] for start, length in checker.misspelt(text)] == wrong
    assert checker.suggest(wrong[0])  # a correction is offered


def test_words_leave_out_abbreviations_numbers_and_other_alphabets():
    found = [w for _s, w in spelling.words("УК РФ, ст. 165, Instagram и делло", "ru")]
    assert found == ["ст", "делло"]  # not УК/РФ (capitals), 165, Instagram (Latin), и (one letter)


def test_added_words_are_kept_in_the_personal_word_list(tmp_path):
    checker = spelling.checker("fr", tmp_path)
    assert not checker.check("Zorglubov")
    checker.add("Zorglubov")
    assert checker.check("Zorglubov")
    assert (tmp_path / "fr.dic").read_text("utf-8").split() == ["Zorglubov"]
    spelling.forget()
    assert spelling.checker("fr", tmp_path).check("Zorglubov")  # a later session knows it too


def test_a_language_without_a_dictionary_is_unavailable_not_an_error(monkeypatch):
    monkeypatch.setattr(spelling, "dictionary_tag", lambda lang: "xx_NODICT")
    found = spelling.checker("es")
    assert not found.available and found.reason == spelling.NO_DICTIONARY and found.tag == "xx_NODICT"


def test_a_missing_library_is_unavailable_not_an_error(tmp_path):
    env = {**os.environ, "PYENCHANT_LIBRARY_PATH": str(tmp_path / "libenchant-2.so.2")}
    code = ("from mla_writer import spelling; c = spelling.checker('fr'); "
            "print(c.available, c.reason, bool(spelling.library_problem()))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "no_library", "True"]


def test_a_bundle_looks_in_its_own_dictionaries_first(tmp_path):
    """In a bundle (sys._MEIPASS) Enchant is pointed at dictionaries/hunspell/ of the bundle: a
    dictionary found only there is used."""
    folder = tmp_path / "dictionaries" / "hunspell"
    folder.mkdir(parents=True)
    source = next(Path(d) for d in ("/usr/share/hunspell", "/usr/share/myspell") if (Path(d) / "fr_FR.dic").exists())
    for suffix in (".aff", ".dic"):
        shutil.copyfile(source / f"fr_FR{suffix}", folder / f"zz_ZZ{suffix}")
    env = {k: v for k, v in os.environ.items() if k != "ENCHANT_CONFIG_DIR"}
    code = (f"import sys; sys._MEIPASS = {str(tmp_path)!r}\n"
            "from mla_writer import spelling\n"
            "spelling.dictionary_tag = lambda lang: 'zz_ZZ'\n"
            "c = spelling.checker('fr'); print(c.available, c.tag, c.check('procureur'), c.check('procureurr'))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "zz_ZZ", "True", "False"]


def test_the_personal_word_lists_are_private_to_their_owner(tmp_path):
    """The word lists hold names from case files (victims, witnesses): folder 0700, files 0600,
    a list an earlier version left readable by all included, once it is next used."""
    old = tmp_path / "old" / "dictionary"
    old.mkdir(parents=True, mode=0o755)
    os.chmod(old, 0o755)
    (old / "ru.dic").write_text("Иванова\n", encoding="utf-8")
    os.chmod(old / "ru.dic", 0o644)
    fresh = tmp_path / "new" / "dictionary"
    for folder, lang in ((fresh, "en"), (old, "ru")):
        checker = spelling.checker(lang, folder)
        assert checker.available
        checker.add("Zorglubova")
        assert (folder.stat().st_mode & 0o777) == 0o700
        assert ((folder / f"{lang}.dic").stat().st_mode & 0o777) == 0o600
    assert (old / "ru.dic").read_text(encoding="utf-8").split() == ["Иванова", "Zorglubova"]


def test_word_lists_moved_from_an_earlier_folder_are_private(tmp_path):
    from mla_writer.gui.autosave import move_legacy_data

    legacy = tmp_path / "legacy"
    (legacy / "dictionary").mkdir(parents=True)
    (legacy / "dictionary" / "fr.dic").write_text("Dupontel\n", encoding="utf-8")
    os.chmod(legacy / "dictionary" / "fr.dic", 0o644)
    moved = move_legacy_data(tmp_path / "data", [legacy])
    assert moved == [tmp_path / "data" / "dictionary" / "fr.dic"]
    assert (moved[0].stat().st_mode & 0o777) == 0o600
    assert ((tmp_path / "data" / "dictionary").stat().st_mode & 0o777) == 0o700
