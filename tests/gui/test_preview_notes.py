"""The preview of a very large letter after typing (issue 12): when the new render differs from
the letter shown only in the counts of its "stops here" notes (text typed past where the
preview cuts a long text), only those notes are written again, not the whole document; any
other change sets the document again. The first render is fitted to the pane step by step."""

from __future__ import annotations

import pytest

from mla_writer.gui.helper_process import NOTE_MARK

pytestmark = pytest.mark.gui


def _html(place: str, count: int, blocks: int) -> str:
    return (f"<html><body><p>{place}</p><p>{NOTE_MARK.format(kind='characters', count=count)}</p>"
            f"<p>middle</p><p>{NOTE_MARK.format(kind='blocks', count=blocks)}</p></body></html>")


def test_a_change_of_the_notes_counts_only_rewrites_the_notes(make_window, qtbot, monkeypatch):
    from mla_writer.gui.widgets.preview import shortened_note

    window = make_window("en")
    preview = window.preview
    preview.show()
    view = preview.ensure_view()
    with qtbot.waitSignal(preview.rendered, timeout=10_000):
        preview._on_rendered(_html("Lille", 1200, 7))
    text = view.document().toPlainText()
    assert shortened_note("characters", 1200) in text and shortened_note("blocks", 7) in text
    set_again = []
    real = view.setHtml
    monkeypatch.setattr(view, "setHtml", lambda html: set_again.append(html) or real(html))

    with qtbot.waitSignal(preview.rendered, timeout=10_000):
        preview._on_rendered(_html("Lille", 1234, 7))  # typed on past the cut
    text = view.document().toPlainText()
    assert set_again == []
    assert shortened_note("characters", 1234) in text and shortened_note("characters", 1200) not in text
    assert shortened_note("blocks", 7) in text and "Lille" in text
    assert shortened_note("characters", 1234) in preview.html  # (what find and a zoom show again)

    with qtbot.waitSignal(preview.rendered, timeout=10_000):
        preview._on_rendered(_html("Roubaix", 1234, 7))  # the letter's own text changed
    assert len(set_again) == 1
    assert "Roubaix" in view.document().toPlainText()


def test_the_first_render_of_a_wide_letter_is_fitted_before_it_is_said_rendered(make_window, qtbot):
    window = make_window("en")
    window.resize(1024, 700)
    window.show()
    preview = window.preview
    preview.show()
    view = preview.ensure_view()
    sizes = window.splitter.sizes()
    window.splitter.setSizes([sizes[0], sum(sizes) - sizes[0] - 300, 300])
    qtbot.waitUntil(lambda: 250 <= view.viewport().width() <= 320, timeout=5000)
    wide = "<table><tr>" + "".join(f"<td>column{i}column{i}</td>" for i in range(12)) + "</tr></table>"
    with qtbot.waitSignal(preview.rendered, timeout=10_000):
        preview._on_rendered(f"<html><body>{wide}</body></html>")
    assert preview.scale < 1
    assert view.document().size().width() <= view.viewport().width() + 1 or preview.scale == 0.5
    assert view.viewport().updatesEnabled()


def test_the_review_banner_does_not_read_text_still_being_typed(make_window, example_path, qtbot):
    """Showing a report (the review banner above the step) puts no typed text into the letter:
    for a long text that read cost the window a stall at every report."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = make_window("en")
    assert window.open_file(str(example_path), ask=False)
    window.go_to(window.step_of_section["facts"])
    field = window.current_page().problem_map.entries["facts.summary"][0]
    lang = window.session.stored.drafting_language
    before = window.session.stored.facts.summary.get(lang)
    field.edit.setFocus()
    QTest.sendKeyEvent(QTest.KeyAction.Click, field.edit, Qt.Key.Key_unknown, "Z", Qt.KeyboardModifier.NoModifier)
    window.show_review_state()
    assert window.session.stored.facts.summary.get(lang) == before  # still pending ...
    assert window.session.letter.facts.summary.get(lang) != before  # ... and read when the letter is
    assert "Z" in window.session.letter.facts.summary.get(lang)


def test_a_long_lists_marks_follow_the_report_a_slice_at_a_time(make_window, example_path, qtbot):
    """The marks of a list of hundreds of items are set a slice per event (a report is shown
    without a long stall): every item with an error gets its mark, the others lose theirs."""
    from mla_writer import checklist
    from mla_writer.gui.widgets import listeditor

    window = make_window("en")
    assert window.open_file(str(example_path), ask=False)
    letter = window.session.letter
    persons = [p.model_copy(deep=True) for p in letter.persons for _ in range(2 * listeditor.MARK_SLICE // len(letter.persons) + 1)]
    for i, person in enumerate(persons):
        person.id = f"p{i + 1}"
    window.session.change(lambda L: setattr(L, "persons", persons), lists=["persons"])
    window.session.reloaded.emit()
    window.go_to(window.step_of_section["facts"])
    editor = window.current_page().problem_map.entries["persons"][0]
    count = editor.list.count()
    assert count == len(persons) > listeditor.MARK_SLICE
    wrong = count - 3  # an error on an item of the last slice
    window.session.letter.persons[wrong].role = None
    report = checklist.check(window.session.letter, "en", window.today)
    errors = {i for i in range(count) if any(p.severity.value == "error" for p in report.for_path(f"persons[{i}]"))}
    assert wrong in errors
    window._show_report(report)
    qtbot.waitUntil(lambda: {i for i in range(count) if editor.list.item(i).text().startswith("\u2716")} == errors,
                    timeout=10_000)
    window.session.letter.persons[wrong].role = persons[0].role
    window._show_report(checklist.check(window.session.letter, "en", window.today))
    qtbot.waitUntil(lambda: not editor.list.item(wrong).text().startswith("\u2716"), timeout=10_000)


def test_the_spelling_highlighters_repaint_puts_no_text_in_waiting(make_window, example_path, qtbot):
    """The spelling highlighter's own repaints (idle passes, a new language) change no text:
    the editor does not mark its text as typed, so no read of a long text follows for nothing
    (issue 12: every check then read both 1,000,000-character facts)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = make_window("en")
    assert window.open_file(str(example_path), ask=False)
    window.go_to(window.step_of_section["facts"])
    field = window.current_page().problem_map.entries["facts.summary"][0]
    window.session.flush()
    assert field._pending_lang is None
    field.highlighter.repaint()
    field.highlighter.set_language(field.language())
    assert field._pending_lang is None
    field.edit.setFocus()
    QTest.sendKeyEvent(QTest.KeyAction.Click, field.edit, Qt.Key.Key_unknown, "Q", Qt.KeyboardModifier.NoModifier)
    assert field._pending_lang is not None  # typing still waits for its pause
    assert "Q" in window.session.letter.facts.summary.get(field.language())
