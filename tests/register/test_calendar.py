"""Deadlines to the calendar: all-day events, alarms 7 and 2 days before, titles without
names, and the day boundary in the requesting State's time zone."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from mla_writer.register import Deadline, Entry, read_entry
from mla_writer.register.calendar import ics_bytes
from mla_writer.register.zones import CAPITAL_ZONES, FALLBACK_ZONE, OTHER_ZONES, deadline_end, is_overdue, zone_name, zone_table

from .helpers import write_letter

UTC = dt.timezone.utc


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def test_events_alarms_and_titles(tmp_path, example):
    path = write_letter(tmp_path / "a.mlar", "REF-7/2026", "FR", "DE", letter_deadline=dt.date(2026, 12, 20),
                        measure_deadlines={1: dt.date(2026, 12, 5), 2: dt.date(2027, 1, 8)})
    data = ics_bytes([read_entry(path)])
    cal = Calendar.from_ical(data)
    events = sorted(cal.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [e.decoded("dtstart") for e in events] == [dt.date(2026, 12, 5), dt.date(2026, 12, 20), dt.date(2027, 1, 8)]
    for event in events:
        start = event.decoded("dtstart")
        assert type(start) is dt.date  # all-day
        assert event.decoded("dtend") == start + dt.timedelta(days=1)
        assert sorted(a.decoded("trigger") for a in event.walk("VALARM")) == [dt.timedelta(days=-7), dt.timedelta(days=-2)]
        assert all(str(a["action"]) == "DISPLAY" for a in event.walk("VALARM"))
        assert str(event["summary"]).startswith("REF-7/2026: ")
    assert str(events[1]["summary"]) == "REF-7/2026: Deadline of the request"
    kind = example.assistance[0].kind
    from mla_writer import vocab

    assert str(events[0]["summary"]) == f"REF-7/2026: {vocab.ASSISTANCE_KIND.label(kind, 'en')}"
    assert str(events[1]["description"]) == "Expires at the end of 20/12/2026, local time in Paris (20/12/2026 23:00 UTC)."
    assert len({str(e["uid"]) for e in events}) == 3
    text = data.decode("utf-8")
    names = {p.name.given for p in example.persons if getattr(p, "name", None) and getattr(p.name, "given", "")}
    names |= {p.name.family for p in example.persons if getattr(p, "name", None) and getattr(p.name, "family", "")}
    names |= {example.identification.officer.name, example.signatory.name} - {""}
    assert names and not [n for n in names if n and n in text]  # no person named anywhere in the calendar


def test_titles_in_another_language_and_without_reference():
    entry = Entry(path="/x.mlar", file_name="Ivanov.mlar", requesting_state="RU",
                  deadlines=(Deadline(dt.date(2027, 1, 1), "letter"),))
    cal = Calendar.from_ical(ics_bytes([entry], lang="ru"))
    [event] = cal.walk("VEVENT")
    assert "Ivanov" not in str(event["summary"])  # the file name may name a person: never used
    assert str(event["summary"]) != "no reference: Deadline of the request"


@pytest.mark.parametrize(("state", "last_moment_utc"), [
    ("FR", utc(2026, 12, 5, 22, 59, 59)),  # Paris, UTC+1 in winter
    ("US", utc(2026, 12, 6, 4, 59, 59)),  # Washington (New York time), UTC-5
    ("NZ", utc(2026, 12, 5, 10, 59, 59)),  # Wellington, UTC+13 in summer
    ("JP", utc(2026, 12, 5, 14, 59, 59)),
    ("", utc(2026, 12, 6, 11, 59, 59)),  # unknown: anywhere on Earth (UTC-12)
])
def test_a_deadline_expires_at_the_end_of_its_day_in_the_requesting_state(state, last_moment_utc):
    due = dt.date(2026, 12, 5)
    assert not is_overdue(due, state, last_moment_utc)
    assert is_overdue(due, state, last_moment_utc + dt.timedelta(seconds=1))
    # never a day early: all through the day of the deadline in that State, it has not expired
    zone = deadline_end(due, state).tzinfo
    assert not is_overdue(due, state, dt.datetime(2026, 12, 5, 0, 0, tzinfo=zone))
    assert not is_overdue(due, state, dt.datetime(2026, 12, 5, 23, 59, 59, tzinfo=zone))


def test_the_day_boundary_across_a_change_of_summer_time():
    # 29 March 2026: clocks go forward in Paris; the day is 23 hours long and still ends at midnight
    assert deadline_end(dt.date(2026, 3, 29), "FR").astimezone(UTC) == utc(2026, 3, 29, 22, 0)
    assert deadline_end(dt.date(2026, 3, 28), "FR").astimezone(UTC) == utc(2026, 3, 28, 23, 0)


def test_every_state_with_several_zones_has_its_capitals_zone():
    states = json.loads((Path(__file__).resolve().parents[2] / "resources" / "states.json").read_text(encoding="utf-8"))["states"]
    table = zone_table()
    several = {code for code, zones in table.items() if len(zones) > 1 and code in states}
    assert several - set(CAPITAL_ZONES) == set()
    for code, zone in CAPITAL_ZONES.items():
        assert zone in table[code], code
    assert zone_name("RU") == "Europe/Moscow" and zone_name("BR") == "America/Sao_Paulo"
    assert zone_name("fr") == "Europe/Paris"
    assert zone_name("XX") == FALLBACK_ZONE
    missing = [code for code in states if code not in table]
    assert missing == sorted(OTHER_ZONES)  # every State of the list has a zone of its own
    assert zone_name("XK") == "Europe/Belgrade"


def test_descriptions_in_the_users_language_without_zone_names(tmp_path):
    from mla_writer.register.calendar import description
    from mla_writer.register.entry import Deadline

    fr = read_entry(write_letter(tmp_path / "a.mlar", "R-1", "FR", "DE", letter_deadline=dt.date(2026, 11, 20)))
    deadline = fr.deadlines[0]
    ru = description(fr, deadline, "ru")
    assert "20.11.2026" in ru and "Париж" in ru and "Europe/" not in ru and "2026-11-20" not in ru
    nobody = read_entry(write_letter(tmp_path / "b.mlar", "R-2", "", "DE", letter_deadline=dt.date(2026, 11, 20)))
    text = description(nobody, Deadline(dt.date(2026, 11, 20), "letter"), "en")
    assert "Etc/" not in text and "UTC\u221212" in text and "not known" in text
    assert "21/11/2026 12:00 UTC" in text  # the end of 20 November at UTC-12
