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
    assert a[5] == "20/11/2026 (overdue)" and b[5] == "08/12/2026 (soon)"
    assert win.table.item(refs["REF-A"], 0).background().color() != win.table.item(refs["REF-B"], 0).background().color()
    assert "(overdue)" not in rows[2][5] and "(soon)" not in rows[2][5]
    # the threshold is a setting: 3 days makes B no longer near
    win.near_days.setValue(3)
    assert window.settings.register_near_days() == 3
    assert _rows(win)[_by_ref(win)["REF-B"]][5] == "08/12/2026"
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
    window.wait_register()  # (cards are written in the background)
    assert window.statusBar().currentMessage() == ("Saved x.mlar. The case register (database register on server 127.0.0.1:1) is "
                                                   "offline, its records were not updated.")
    win = _register_window(window)
    assert win.banner.isVisible() and "cannot be reached" in win.message.text()
    assert "psycopg" not in win.message.text() and "connection" not in win.message.text()
    assert win.details_button.isVisible() and "connect" in win.details_text()
    assert win.table.rowCount() == 0


def test_screenshots_of_the_register_window(make_window, three, tmp_path, monkeypatch):
    shots = Path(os.environ.get("MLA_WRITER_SHOTS", tmp_path))
    for lang in ("en", "ru"):
        monkeypatch.delenv("MLA_WRITER_REGISTER_URL", raising=False)
        window = make_window(lang)
        window.ask_draft_in_use = lambda path, host, pid: "read_only"  # the first window still has them open
        for path in three:
            assert window.open_file(path, ask=False)
        win = _register_window(window)
        win.resize(1250, 420)
        win.table.clearSelection()
        assert win.grab().save(str(shots / f"register-{lang}.png"))
        assert win.table.rowCount() == 3
        window.forget_register_window()
        window.close_register()
        monkeypatch.setenv("MLA_WRITER_REGISTER_URL", "postgresql://clerk:s3cret@127.0.0.1:1/mla_register")
        win = _register_window(window)
        win.resize(1250, 300)
        assert win.banner.isVisible()
        assert win.grab().save(str(shots / f"register-offline-{lang}.png"))
        win.show_details()
        assert win._details_box.grab().save(str(shots / f"register-details-{lang}.png"))
        win._details_box.close()
        dialog = win.database_dialog("")
        dialog.show()
        assert dialog.grab().save(str(shots / f"register-database-{lang}.png"))
        dialog.close()
        window.forget_register_window()
        window.close_register()


def test_offline_in_russian_one_sentence_details_apart(make_window, monkeypatch):
    monkeypatch.setenv("MLA_WRITER_REGISTER_URL", "postgresql://clerk:s3cret@127.0.0.1:1/mla_register")
    window = make_window("ru")
    win = _register_window(window)
    text = win.message.text()
    assert text.startswith("Реестр дел (база данных mla_register на сервере 127.0.0.1:1) недоступен.")
    assert "postgresql" not in text and "connection" not in text and "s3cret" not in text
    assert "s3cret" not in win.details_text() and "127.0.0.1" in win.details_text()
    assert win.where.text().startswith("Реестр: общий, база данных mla_register на сервере 127.0.0.1:1.")
    assert "MLA_WRITER_REGISTER_URL" in win.where.text()


def test_database_dialog_says_the_environment_overrides_the_setting(make_window, monkeypatch):
    window = make_window("en")
    win = _register_window(window)
    assert win.where.text() == "Register: this computer."
    monkeypatch.setenv("MLA_WRITER_REGISTER_URL", "postgresql://clerk:s3cret@db.example/mla_register")
    dialog = win.database_dialog("postgresql://other@elsewhere/reg")
    texts = " | ".join(label.text() for label in dialog.findChildren(__import__("PySide6.QtWidgets").QtWidgets.QLabel))
    assert "database mla_register on server db.example" in texts
    assert "postgresql+psycopg://clerk:***@db.example/mla_register" in texts and "s3cret" not in texts
    assert "environment variable MLA_WRITER_REGISTER_URL" in texts
    assert dialog.url.text() == "postgresql://other@elsewhere/reg"
    dialog.close()


def test_locating_a_file_with_another_letter_asks_and_rows_can_be_removed(make_window, three, tmp_path):
    window = make_window("en")
    for path in three:
        assert window.open_file(path, ask=False)
    three[1].unlink()
    win = _register_window(window)
    win.table.selectRow(_by_ref(win)["REF-B"])
    asked = []
    win.ask_locate_path = lambda entry: str(three[0])  # holds REF-A, not REF-B

    def refuse(card, found):
        asked.append((card.reference, found.reference))
        return False

    win.ask_use_other_letter = refuse
    assert not win.locate_selected()
    assert asked == [("REF-B", "REF-A")]
    assert sorted(r[0] for r in _rows(win)) == ["REF-A", "REF-B", "REF-C"]  # nothing moved, nothing lost
    # remove the missing row, after a confirmation
    win.table.selectRow(_by_ref(win)["REF-B"])
    win.ask_remove = lambda entry: False
    assert not win.remove_selected() and "REF-B" in _by_ref(win)
    win.ask_remove = lambda entry: True
    assert win.remove_selected()
    assert sorted(r[0] for r in _rows(win)) == ["REF-A", "REF-C"]
    assert three[0].exists()


def test_dates_in_the_ui_language_and_an_unknown_zone_said(make_window, tmp_path):
    write_letter(tmp_path / "n.mlar", "REF-N", "", "DE", letter_deadline=dt.date(2026, 11, 30))
    write_letter(tmp_path / "r.mlar", "REF-R", "FR", "DE", letter_deadline=dt.date(2026, 11, 20))
    window = make_window("ru")
    win = _register_window(window)
    win.ask_scan_folder = lambda: str(tmp_path)
    assert win.scan_folder()
    rows = {r[0]: r for r in _rows(win)}
    assert rows["REF-R"][5].startswith("20.11.2026")
    assert "2026-" not in rows["REF-R"][6] and rows["REF-R"][6][2] == "."
    # 30 Nov ends at 12:00 UTC on 1 Dec at UTC-12: not yet expired at NOW, and the row says why
    assert "UTC\u221212" in rows["REF-N"][5] and rows["REF-N"][5].startswith("30.11.2026")


def test_scan_reasons_in_the_ui_language(make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    write_letter(tmp_path / "ok.mlar", "REF-OK", "FR", "DE")
    (tmp_path / "broken.mlar").write_text("{", encoding="utf-8")
    window = make_window("ru")
    win = _register_window(window)
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    win.ask_scan_folder = lambda: str(tmp_path)
    assert win.scan_folder()
    [text] = said
    line = next(line for line in text.splitlines() if line.startswith("broken.mlar: "))
    assert "JSON" in line and "line" not in line and "is not" not in line  # the storage error's Russian message


def test_a_register_that_does_not_answer_does_not_hold_up_the_save(make_window, tmp_path, monkeypatch):
    """The card is written in the background: a register whose server is silent (held here
    until the test lets it go) does not keep the save, or the window, waiting; its outcome is
    said once it comes, and the register window lists the card."""
    import threading

    from mla_writer.register import Register

    release, started, finished = threading.Event(), threading.Event(), threading.Event()
    real_upsert = Register.upsert
    threads = []

    def silent_upsert(self, entry):
        threads.append(threading.current_thread())
        started.set()
        release.wait(30)
        real_upsert(self, entry)
        finished.set()

    monkeypatch.setattr(Register, "upsert", silent_upsert)
    window = make_window("en")
    path = tmp_path / "held.mlar"
    assert window.save_to(path)  # returns while the register is still silent
    assert path.exists()
    assert started.wait(30) and not finished.is_set()
    assert threads and threads[0] is not threading.main_thread()
    assert window.statusBar().currentMessage() == "Saved held.mlar"
    release.set()
    assert window.wait_register()
    assert finished.is_set()
    win = _register_window(window)
    assert [row[8] for row in _rows(win)] == ["held.mlar"]


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es"])
def test_the_register_window_fits_a_laptop_screen_in_every_language(make_window, monkeypatch, lang):
    """With the register offline (its banner shown), the window needs no more than 1,100 pixels
    across, so it fits a 1,280-pixel screen: its buttons are in two rows (in one, Russian needed
    1,512 and pushed Refresh and Close off the screen)."""
    monkeypatch.setenv("MLA_WRITER_REGISTER_URL", "postgresql://clerk@127.0.0.1:1/mla_register")
    window = make_window(lang)
    win = _register_window(window)
    assert win.banner.isVisible()
    assert win.minimumSizeHint().width() <= 1100
    assert win.width() <= 1100
