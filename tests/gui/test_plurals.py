"""Counts shown in the UI go through ``ngettext`` (issue 11: "1 problem(s) to fix"), with the
three Russian forms, and the footer's count follows the fixes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from mla_writer.gui import i18n

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def test_no_ui_message_writes_a_plural_with_parentheses():
    """A count in a message is written with ngettext, never as "{count} problem(s)"."""
    with open(ROOT / "locales" / "ui.pot", "rb") as fh:
        catalogue = read_po(fh)
    ids = [m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id]
    bad = [text for text in ids if re.search(r"\w\((s|es)\)", text) and re.search(r"\{\w+\}", text)]
    assert bad == []


def test_counts_in_gui_sources_use_ngettext():
    """No ``_("...{count}...")`` in the GUI: a ``{count}`` placeholder is a plural."""
    offenders = []
    for path in (ROOT / "mla_writer" / "gui").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\b_\(\s*\"[^\"]*\{count\}", line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", {1: "1 character", 2: "2 characters", 5: "5 characters", 21: "21 characters"}),
        ("ru", {1: "1 символ", 2: "2 символа", 5: "5 символов", 11: "11 символов", 21: "21 символ", 22: "22 символа"}),
        ("fr", {0: "0 caractère", 1: "1 caractère", 2: "2 caractères"}),
        ("es", {1: "1 carácter", 2: "2 caracteres"}),
    ],
)
def test_the_plural_form_follows_the_count_and_the_language(lang, expected):
    i18n.set_ui_language(lang)
    try:
        got = {n: i18n.ngettext("{count} character", "{count} characters", n).format(count=n) for n in expected}
    finally:
        i18n.set_ui_language("en")
    assert got == expected


def test_the_footer_counts_in_the_singular_and_goes_once_the_step_is_complete(make_window, example_path):
    window = make_window("ru")
    assert window.open_file(str(example_path))
    step = window.step_of_section["closing"]
    window.go_to(step)
    day = window.session.letter.date
    window.session.set("date", None)
    window.run_check()
    assert window.go_next() is False
    assert len(window.current_page().blocking(window.session.report)) == 1
    assert window.nav_message.text() == "Этот шаг не завершён: сначала устраните 1 проблему."
    window.session.set("date", day)
    window.run_check()  # the step is complete: the footer no longer asks for fixes
    assert window.nav_message.text() == f"Шаг {step + 1} из {len(window.plan)}"
