"""The preview renders from a snapshot of plain data made on the GUI thread in a few ms (issue 12:
a deep copy of the letter on every refresh froze a large case), and what it shows is the letter
as it was when the refresh was scheduled."""

from __future__ import annotations

import pytest

from mla_writer.model import LetterOfRequest

pytestmark = pytest.mark.gui


def test_the_preview_needs_no_deep_copy_and_shows_the_snapshot(make_window, example_path, qtbot, monkeypatch):
    window = make_window("en")
    assert window.open_file(str(example_path), ask=False)
    monkeypatch.setattr(LetterOfRequest, "model_copy",
                        lambda self, *a, **k: pytest.fail("the letter was deep-copied on the GUI thread"))
    window.session.letter.place.set("fr", "Villeneuve-d\u2019Ascq")
    preview = window.preview
    preview.show()
    preview.timer.stop()  # (the render the showing schedules would come after Roubaix, on a loaded machine)
    with qtbot.waitSignal(preview.rendered, timeout=60_000):
        preview.render_now()
        window.session.letter.place.set("fr", "Roubaix")  # after the snapshot: not in this render
    html = preview.view.toHtml()
    assert "Villeneuve" in html and "Roubaix" not in html
    with qtbot.waitSignal(preview.rendered, timeout=60_000):
        preview.render_now()
    assert "Roubaix" in preview.view.toHtml()
