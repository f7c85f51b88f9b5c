"""View → Case Register…: saved and opened drafts listed, search, filters, sort, overdue and
near deadlines marked, missing files located, the database rebuilt, calendar and CSV export,
and a register offline."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.register.helpers import write_letter

pytestmark = pytest.mark.gui

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.timezone.utc)


def _rows(win) -> list[list[str]]:
    t = win.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def _by_ref(win) -> dict[str, int]:
    return {win.table.item(r, 0).text(): r for r in range(win.table.rowCount())}


@pytest.fixture
def three(tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    return [
        write_letter(folder / "a.mlar", "REF-A", "FR", "DE", letter_deadline=dt.date(2026, 11, 20)),  # overdue
        write_letter(folder / "b.mlar", "REF-B", "ES", "IT", measure_deadlines={1: dt.date(2026, 12, 8)}, kinds=1),  # near
        write_letter(folder / "c.mlar", "REF-C", "MD", "RO", letter_deadline=dt.date(2027, 6, 1)),
    ]


def _register_window(window):
    win = window.show_register()
    win.now = lambda: NOW
    win.refresh()
    return win


def test_saved_and_opened_letters_are_listed_and_marked(make_window, three, tmp_path):
    window = make_window("en")
    for path in three[:2]:
        assert window.open_file(path, ask=False)
    assert window.open_file(three[2], ask=False)
    window.session.letter.references.court_case_number = "CC-9"
    assert window.save_to(tmp_path / "cases" / "c2.mlar")  # saving under a new name adds a card
    win = _register_window(window)
    rows = _rows(win)
    assert [r[0] for r in rows] == ["REF-A", "REF-B", "REF-C", "REF-C"]
    refs = _by_ref(win)
    a, b = rows[refs["REF-A"]], rows[refs["REF-B"]]
    assert (a[1], a[2], a[4]) == ("France", "Germany", "Draft")
    assert a[5] == "2026-11-20 (overdue)" and b[5] == "2026-12-08 (soon)"
    assert win.table.item(refs["REF-A"], 0).background().color() != win.table.item(refs["REF-B"], 0).background().color()
    assert "(overdue)" not in rows[2][5] and "(soon)" not in rows[2][5]
    # the threshold is a setting: 3 days makes B no longer near
    win.near_days.setValue(3)
    assert window.settings.register_near_days() == 3
    assert _rows(win)[_by_ref(win)["REF-B"]][5] == "2026-12-08"
    # search, filters, sort
    win.search.setText("ref-b")
    assert [r[0] for r in _rows(win)] == ["REF-B"]
    win.search.clear()
    win.state.setCurrentIndex(win.state.findData("DE"))
    assert [r[0] for r in _rows(win)] == ["REF-A"]
    win.state.setCurrentIndex(0)
    win.overdue.setChecked(True)
    assert [r[0] for r in _rows(win)] == ["REF-A"]
    win.overdue.setChecked(False)
    win.status.setCurrentIndex(win.status.findData("draft"))
    assert len(_rows(win)) == 4
    kind = window.session.letter.assistance[1].kind
    win.kind.setCurrentIndex(win.kind.findData(kind))
    assert "REF-B" not in [r[0] for r in _rows(win)] and len(_rows(win)) == 3  # B has only its first measure
    win.kind.setCurrentIndex(0)
    win.table.sortItems(0, Qt.SortOrder.DescendingOrder)
    assert _rows(win)[0][0] == "REF-C"


def test_open_a_row_a_missing_file_and_locate(make_window, three, tmp_path):
    window = make_window("en")
    for path in three:
        assert window.open_file(path, ask=False)
    moved = tmp_path / "moved-b.mlar"
    shutil.move(three[1], moved)
    win = _register_window(window)
    row = _by_ref(win)["REF-B"]
    assert _rows(win)[row][8] == "missing: b.mlar"
    win.table.selectRow(_by_ref(win)["REF-A"])
    assert not win.locate_button.isEnabled()
    assert win.open_selected()
    assert window.session.path == three[0]
    win.table.selectRow(_by_ref(win)["REF-B"])
    assert win.locate_button.isEnabled()
    win.ask_locate_missing = lambda entry: True
    win.ask_locate_path = lambda entry: str(moved)
    assert win.open_selected()  # a missing file offers to locate it
    row = _by_ref(win)["REF-B"]
    assert _rows(win)[row][8] == "moved-b.mlar"
    assert win.selected_entry().path == str(moved.resolve())
    assert win.open_selected() and window.session.path == moved


def test_deleting_the_database_and_reopening_rebuilds_it(make_window, three):
    window = make_window("en")
    for path in three:
        assert window.open_file(path, ask=False)
    three[2].unlink()
    window.close_register()
    database = Path(os.environ["MLA_WRITER_REGISTER_DIR"]) / "register.sqlite"
    assert database.exists()
    database.unlink()
    win = _register_window(window)
    rows = _rows(win)
    assert sorted(r[0] for r in rows) == ["", "REF-A", "REF-B"]  # C is back as missing, with nothing invented
    gone = next(r for r in rows if r[0] == "")
    assert gone[8] == "missing: c.mlar" and gone[1:6] == ["", "", "", "unknown", ""]


def test_scan_export_calendar_and_csv(make_window, three, tmp_path):
    from icalendar import Calendar

    window = make_window("en")
    win = _register_window(window)
    assert win.table.rowCount() == 0
    win.ask_scan_folder = lambda: str(tmp_path / "cases")
    assert win.scan_folder()
    assert win.table.rowCount() == 3
    win.ask_ics_path = lambda: str(tmp_path / "out.ics")
    assert win.export_ics()
    events = Calendar.from_ical((tmp_path / "out.ics").read_bytes()).walk("VEVENT")
    assert sorted(str(e["summary"]).split(":")[0] for e in events) == ["REF-A", "REF-B", "REF-C"]
    win.search.setText("REF-C")
    win.ask_csv_path = lambda: str(tmp_path / "out.csv")
    assert win.export_csv()
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2 and lines[1].startswith("REF-C,")


def test_an_encrypted_draft_shows_its_file_only(make_window, tmp_path):
    from mla_writer.storage.crypto import Sealer

    path = write_letter(tmp_path / "secret.mlar", "SECRET-9", "FR", "DE", sealer=Sealer("pass phrase", cost=(10, 8, 1)))
    window = make_window("en")
    window.ask_passphrase = lambda name, confirm: "pass phrase"
    assert window.open_file(path, ask=False)
    win = _register_window(window)
    [row] = _rows(win)
    assert row[8] == "secret.mlar (encrypted)" and "SECRET-9" not in " ".join(row) and row[1] == ""


def test_a_register_offline_is_said_and_drafts_still_save(make_window, tmp_path, monkeypatch):
    monkeypatch.setenv("MLA_WRITER_REGISTER_URL", "postgresql://nobody@127.0.0.1:1/register")
    window = make_window("en")
    path = tmp_path / "x.mlar"
    assert window.save_to(path)
    assert path.exists()
    assert "Case register offline" in window.statusBar().currentMessage()
    win = _register_window(window)
    assert win.message.isVisible() and "offline" in win.message.text()
    assert win.table.rowCount() == 0


def test_screenshots_of_the_register_window(make_window, three, tmp_path):
    for lang in ("en", "ru"):
        window = make_window(lang)
        window.ask_draft_in_use = lambda path, host, pid: "read_only"  # the first window still has them open
        for path in three:
            assert window.open_file(path, ask=False)
        win = _register_window(window)
        win.resize(1250, 420)
        win.table.clearSelection()
        out = Path(os.environ.get("MLA_WRITER_SHOTS", tmp_path)) / f"register-{lang}.png"
        assert win.grab().save(str(out))
        assert win.table.rowCount() == 3
        window.forget_register_window()
