"""Spell checking never stalls the window (issue 12, tester's findings 1 and 2): a large text is
checked a bounded amount per turn of the event loop, the rest while the loop is idle; answers
are kept per language; a pasted run of text without spaces (a base64 blob) is not checked.

No timing assertions: the bounds are counted in dictionary lookups and checked blocks."""

from __future__ import annotations

import base64
import random

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit

from mla_writer import spelling
from mla_writer.gui import spellcheck
from mla_writer.gui.spellcheck import SpellHighlighter

pytestmark = pytest.mark.gui


class _Counting:
    """An Enchant dictionary that counts the words it is asked about."""

    def __init__(self, real) -> None:
        self.real = real
        self.asked = 0

    def check(self, word):
        self.asked += 1
        return self.real.check(word)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """The English checker, its answers forgotten, its dictionary counting lookups."""
    spellcheck.set_personal_folder(tmp_path / "dictionary")
    monkeypatch.setattr(spellcheck, "_folder", tmp_path / "dictionary")
    found = spellcheck.checker("en")
    assert found.available, "the English dictionary is installed by scripts/test"
    counting = _Counting(found._dict)
    monkeypatch.setattr(found, "_dict", counting)
    monkeypatch.setattr(found, "_known", {})
    return counting


def _made_up_words(n: int, seed: int = 12) -> list[str]:
    """``n`` distinct nonsense words (each misspelt: no dictionary holds them)."""
    rng = random.Random(seed)
    words = set()
    while len(words) < n:
        words.add("zq" + "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(8)))
    return sorted(words)


def _underlined(document) -> list[str]:
    marked = []
    block = document.begin()
    while block.isValid():
        text = block.text()
        for r in block.layout().formats():
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                marked.append(text[r.start:r.start + r.length])
        block = block.next()
    return marked


def test_a_large_text_is_checked_in_bounded_passes_and_all_of_it_in_the_end(qtbot, counted):
    words = _made_up_words(3000)
    paragraphs = [" ".join(["the prosecutor", *words[i:i + 10], "requested"]) for i in range(0, len(words), 10)]
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("\n".join(paragraphs))
    highlighter = SpellHighlighter(edit.document(), edit)
    edit.show()

    highlighter.set_language("en")  # one synchronous pass: bounded, the rest is left for later
    asked_at_once = counted.asked
    assert 0 < asked_at_once <= SpellHighlighter.LOOKUPS + 1  # (+1: an elided word's second half)
    assert highlighter.pending()
    assert len(_underlined(edit.document())) < len(words)

    qtbot.waitUntil(lambda: not highlighter.pending(), timeout=60_000)  # idle passes finish the job
    assert sorted(_underlined(edit.document())) == words
    assert counted.asked == len(words) + 3  # each word asked once (and "the", "prosecutor", "requested")

    # the answers are kept: the same language painted again asks the dictionary nothing
    highlighter.set_language(None)
    assert _underlined(edit.document()) == []
    highlighter.set_language("en")
    qtbot.waitUntil(lambda: not highlighter.pending(), timeout=60_000)
    assert counted.asked == len(words) + 3
    assert sorted(_underlined(edit.document())) == words


def test_the_answers_kept_are_bounded(monkeypatch, counted):
    found = spellcheck.checker("en")
    monkeypatch.setattr(spelling, "CACHE_SIZE", 50)
    for word in _made_up_words(120):
        found.check(word)
    assert len(found._known) <= 50
    assert found.check("prosecutor") and not found.check("zqxxxxxx")


def test_a_word_added_to_the_dictionary_is_right_at_once(counted):
    found = spellcheck.checker("en")
    assert not found.check("Zwqxbrt")
    found.add("Zwqxbrt")
    assert found.check("Zwqxbrt")


def test_a_pasted_blob_without_spaces_goes_in_whole_and_is_not_spell_checked(make_window, counted):
    window = make_window("en")
    window.session.letter.drafting_language = window.session.letter.output_language = "en"
    window.session.languages_changed.emit()
    window.go_to(window.step_of_section["facts"])
    editor, _label = window.current_page().problem_map.entries["facts.summary"]
    editor.reload()
    blob = base64.b64encode(random.Random(3).randbytes(450_000)).decode()  # 600,000 characters
    assert len(blob) == 600_000 and " " not in blob
    assert spelling.words(blob, "en") == []
    before = counted.asked
    source = QMimeData()
    source.setText(blob)
    editor.edit.insertFromMimeData(source)  # a paste
    assert window.session.letter.facts.summary.get("en") == blob
    assert editor.text() == blob
    assert counted.asked == before  # not one of its letter runs was looked up
    assert _underlined(editor.edit.document()) == []


def test_words_in_a_long_run_without_spaces_are_not_checked():
    long_run = "Qmx1Zrt2" * 10  # (a base64 run: letters between digits)
    assert spelling.words(f"prosecutr {long_run} witnes", "en") == [(0, "prosecutr"), (11 + len(long_run), "witnes")]
    short = "abcdef-ghijkl"
    assert spelling.words(short, "en") == [(0, short)]
