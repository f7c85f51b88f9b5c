"""Button labels are written alike (issue 11 trial: the English "Preview Pane" button stood in
title case among buttons written in sentence case, "Fill from my office", "Export letter…")."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton

pytestmark = pytest.mark.gui

#: Words written with a capital inside a label: names, not style.
NAMES = {"MLA", "Writer", "PDF", "Word", "HTML", "ISO"}


def _label_words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.replace("&", ""))


def test_every_button_of_every_step_is_written_in_sentence_case(make_window):
    window = make_window("en")
    assert window.open_example()
    labels = set()
    for step in range(len(window.step_classes)):
        window.go_to(step)
        labels |= {b.text() for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window) and b.text()}
    assert "Preview pane" in labels and "&Next \u2192" in labels  # the navigation's buttons are among them
    capitalised = {
        label for label in labels
        if any(word[0].isupper() and word not in NAMES for word in _label_words(label)[1:])
    }
    assert not capitalised
