"""A value the format upgrade could not convert is shown until the user enters it again."""

from __future__ import annotations

from pathlib import Path

import pytest

from mla_writer import storage
from mla_writer.model.values import Amount

pytestmark = pytest.mark.gui

LEGACY = Path(__file__).parents[1] / "data" / "legacy" / "format2-handwritten-ru.mlar"


def test_entering_the_value_again_settles_the_note(qtbot):
    from mla_writer.gui.session import Session

    session = Session(storage.load(LEGACY))
    # (format 5 adds one: the records' old "certification: yes", with no procedure and so no reason)
    assert {n.path for n in session.letter.upgrade_notes} == {
        "assistance[0].amount", "identification.officer.languages", "assistance[1].procedures.requested"}
    with qtbot.waitSignal(session.edited):
        session.set("assistance[0].amount", Amount(value=200000, currency="UAH"))
    assert [n.path for n in session.letter.upgrade_notes] == ["identification.officer.languages", "assistance[1].procedures.requested"]
    session.set("identification.officer.languages", ["ru", "en", "ro"])
    session.set("assistance[1].procedures.requested", ["certification"])
    assert session.letter.upgrade_notes == []
