"""A keystroke costs O(1) in the length of the text (issue 12, item 5): the typed text is read
once after a pause (or when anything reads the letter), not on every keystroke; and the preview
of a very large letter is shortened, with a visible note, so that Qt can lay it out without
freezing the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtTest import QTest

from mla_writer.gui.widgets import mltext

from .helpers import type_text

pytestmark = pytest.mark.gui


def _summary(window):
    window.go_to(window.step_of_section["facts"])
    editor, _label = window.current_page().problem_map.entries["facts.summary"]
    return editor


def _count_reads(monkeypatch) -> list[int]:
    reads = [0]
    original = QTextDocument.toRawText

    def counted(document):
        reads[0] += 1
        return original(document)

    monkeypatch.setattr(QTextDocument, "toRawText", counted)
    return reads


def test_keystrokes_do_not_read_the_whole_text_it_is_read_once_after_a_pause(make_window, qtbot, monkeypatch):
    window = make_window("en")
    editor = _summary(window)
    window.session.letter.facts.summary.set("en", "The facts. " * 2000)
    editor._show_language()  # (shown as a loaded text is: not an edit)
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    window.preview.timer.stop()  # (a render scheduled before: it reads the letter, as it should)
    reads = _count_reads(monkeypatch)
    split = [0]
    original_count = mltext.MLTextField._update_count
    monkeypatch.setattr(mltext.MLTextField, "_update_count",
                        lambda self, text=None: (split.__setitem__(0, split[0] + 1), original_count(self, text)))
    editor.edit.setFocus()
    for ch in "More":  # four keystrokes, delivered at once (no event loop in between)
        QTest.sendKeyEvent(QTest.KeyAction.Click, editor.edit, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)
    assert reads[0] == 0 and split[0] == 0  # the text was not read, nor counted
    assert editor.sync_timer.isActive()
    qtbot.waitUntil(lambda: not editor.sync_timer.isActive(), timeout=5000)
    assert reads[0] == 1 and split[0] == 1  # once, after the pause
    assert window.session.letter.facts.summary.get("en").endswith("The facts.More")
    assert window.session.dirty
    assert "word" in editor.words.text()


def test_what_was_typed_is_in_the_letter_for_anyone_who_reads_it_at_once(make_window, tmp_path):
    window = make_window("en")
    editor = _summary(window)
    window.preview.timer.stop()
    window.check_timer.stop()
    editor.edit.setFocus()
    editor.edit.insertPlainText("Typed just now")
    editor.sync_timer.stop()  # (the pause has not come yet: not synchronised ...)
    assert window.session.letter.facts.summary.get("en") == "Typed just now"  # ... but reading the letter flushes
    assert not editor.sync_timer.isActive()
    path = tmp_path / "now.mlar"
    type_text(editor.edit, ", and saved")
    assert window.save_to(path)  # a save straight after typing holds the last keystroke
    from mla_writer import storage

    assert storage.load(path).facts.summary.get("en") == "Typed just now, and saved"


def test_a_new_letter_is_dirty_as_soon_as_something_is_typed(make_window):
    window = make_window("en")
    editor = _summary(window)
    window.session.dirty = False
    type_text(editor.edit, "x")
    assert window.session.dirty  # (the pending keystroke is flushed by asking)


def test_text_typed_before_switching_tabs_stays_in_its_own_language(make_window):
    window = make_window("en")
    window.session.letter.output_language = "fr"
    window.session.languages_changed.emit()
    editor = _summary(window)
    assert editor.languages == ["en", "fr"]
    type_text(editor.edit, "In English")
    editor.set_language("fr")  # before the pause: the English text must not land in French
    type_text(editor.edit, "En français")
    text = window.session.letter.facts.summary
    assert text.get("en") == "In English" and text.get("fr") == "En français"


def test_the_preview_of_a_very_large_letter_is_shortened_with_a_visible_note(make_window, example_path, qtbot):
    window = make_window("en")
    assert window.open_file(str(example_path), ask=False)
    letter = window.session.letter
    lang = letter.output_language
    letter.facts.summary.set(lang, "A long account of the facts. " * 10_000)  # 290,000 characters
    preview = window.preview
    preview.show()
    preview.timer.stop()
    with qtbot.waitSignal(preview.rendered, timeout=60_000):
        preview.render_now()
    shown = preview.view.document().toPlainText()
    assert "The exported letter holds the whole text" in shown
    assert "more characters of this text are not shown" in shown
    assert shown.count("A long account of the facts.") < 1_000
    from mla_writer.render import render_html

    assert render_html(letter, lang).count("A long account of the facts.") == 10_000  # the letter itself is whole


def test_a_long_text_is_counted_in_the_background_and_the_count_follows(make_window, qtbot):
    window = make_window("en")
    editor = _summary(window)
    editor.edit.setPlainText("word " * (mltext.LONG_TEXT // 5 + 10))
    window.session.flush()
    assert editor._measuring is not None  # counted in the worker ...
    words = mltext.LONG_TEXT // 5 + 10
    qtbot.waitUntil(lambda: editor.words.text().startswith(f"{words:,} words") or editor.words.text().startswith(f"{words} words"), timeout=10_000)
    assert mltext.count_words("a b" * 70_000) == len(("a b" * 70_000).split())  # ... in pieces, the same count


def test_text_typed_just_before_the_step_is_built_again_is_kept(make_window):
    window = make_window("en")
    editor = _summary(window)
    window.preview.timer.stop()  # (renders and checks scheduled before read the letter, as they should)
    window.check_timer.stop()
    editor.edit.setFocus()
    editor.edit.insertPlainText("Kept")
    editor.sync_timer.stop()  # (the pause has not come yet)
    assert editor in window.session._pending
    window._drop_pages(keep_start=True)  # (a new UI language, an office profile filled: steps built again)
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the old editor is gone now
    assert window.session._pending == {}
    assert window.session.letter.facts.summary.get("en") == "Kept"
