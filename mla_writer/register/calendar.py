"""Deadlines as calendar events (``.ics``, RFC 5545), built with the ``icalendar`` library.

One all-day event per deadline, on the deadline's date, with alarms 7 and 2 days before. The
title holds the reference and the kind of deadline only (never a person's name: calendars are
synchronised to telephones); the description says when the deadline expires, the end of that
day in the requesting State's time zone (:mod:`.zones`). Encrypted drafts have no deadlines in
the register and so give no events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from icalendar import Alarm, Calendar, Event

from ..i18n import N_
from .entry import Deadline, Entry
from .zones import deadline_end, zone_name

#: Days before the deadline at which the calendar reminds.
ALARM_DAYS = (7, 2)

LETTER_DEADLINE = N_("Deadline of the request")
NO_REFERENCE = N_("no reference")
EXPIRES = N_("Expires at the end of {date}, {zone} ({instant} UTC).")
#: ``{zone}`` of :data:`EXPIRES`: the local time of the city the State's time zone is named after.
CITY_TIME = N_("local time in {city}")
#: ``{zone}`` of :data:`EXPIRES` for a zone without a city: its offset ("UTC+4").
OFFSET_TIME = N_("time zone {offset}")
#: The description when the requesting State is not known.
EXPIRES_UNKNOWN = N_("The requesting State is not known: the latest time zone on Earth ({offset}) is assumed, so "
                     "the deadline expires at the end of {date} there ({instant} UTC).")


def utc_offset(moment: dt.datetime) -> str:
    """The UTC offset of an aware ``moment``: "UTC+3", "UTC−12", "UTC+5:30", "UTC"."""
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def short_date(day: dt.date, lang: str) -> str:
    """``day`` as language ``lang`` writes a date in figures: "20/11/2026" (en, fr, es),
    "20.11.2026" (ru) (:func:`mla_writer.languages.short_date`)."""
    from ..languages import short_date as short

    return short(day, lang)


def zone_words(state: str, due: dt.date, lang: str) -> str:
    """Whose time a deadline of ``state`` runs in, in words of ``lang``: "local time in Paris";
    "time zone UTC+4" for a zone named after no city."""
    from ..i18n import ui_gettext
    from ..render.context import zone_city

    _ = ui_gettext(lang)
    city = zone_city(zone_name(state), lang)
    if city:
        return _(CITY_TIME).format(city=city)
    return _(OFFSET_TIME).format(offset=utc_offset(deadline_end(due, state)))


def description(entry: Entry, deadline: Deadline, lang: str = "en") -> str:
    """When the deadline expires, in ``lang``: the date in the language's form, the State's
    local time in words (never an IANA zone name), the instant in UTC."""
    from ..i18n import ui_gettext
    from .zones import has_zone

    _ = ui_gettext(lang)
    end = deadline_end(deadline.due, entry.requesting_state).astimezone(dt.timezone.utc)
    instant = f"{short_date(end.date(), lang)} {end:%H:%M}"
    if not has_zone(entry.requesting_state):
        return _(EXPIRES_UNKNOWN).format(offset=utc_offset(deadline_end(deadline.due, "")),
                                         date=short_date(deadline.due, lang), instant=instant)
    return _(EXPIRES).format(date=short_date(deadline.due, lang), zone=zone_words(entry.requesting_state,
                                                                                 deadline.due, lang), instant=instant)


def deadline_title(entry: Entry, deadline: Deadline, lang: str = "en") -> str:
    """``"REF: kind"`` in UI language ``lang``: the reference and the kind, nothing else."""
    from .. import vocab
    from ..i18n import ui_gettext

    _ = ui_gettext(lang)
    if deadline.source == "measure" and deadline.kind in vocab.ASSISTANCE_KIND:
        kind = vocab.ASSISTANCE_KIND.label(deadline.kind, lang)
    else:
        kind = _(LETTER_DEADLINE)
    return f"{entry.reference or _(NO_REFERENCE)}: {kind}"


def _uid(entry: Entry, deadline: Deadline) -> str:
    key = f"{entry.path}|{deadline.source}|{deadline.measure or 0}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@mla-writer"


def build_calendar(entries: Iterable[Entry], lang: str = "en", now: dt.datetime | None = None) -> Calendar:
    """A calendar with one event per deadline of ``entries`` (missing files included: their
    deadlines still run). ``now``: the DTSTAMP (default: the current time)."""
    stamp = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    cal = Calendar()
    cal.add("prodid", "-//MLA Writer//Case register//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "MLA Writer")
    for entry in entries:
        for deadline in entry.deadlines:
            title = deadline_title(entry, deadline, lang)
            event = Event()
            event.add("uid", _uid(entry, deadline))
            event.add("dtstamp", stamp)
            event.add("dtstart", deadline.due)
            event.add("dtend", deadline.due + dt.timedelta(days=1))
            event.add("summary", title)
            event.add("description", description(entry, deadline, lang))
            event.add("transp", "TRANSPARENT")
            for days in ALARM_DAYS:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", title)
                alarm.add("trigger", -dt.timedelta(days=days))
                event.add_component(alarm)
            cal.add_component(event)
    return cal


def ics_bytes(entries: Iterable[Entry], lang: str = "en", now: dt.datetime | None = None) -> bytes:
    """:func:`build_calendar` as the bytes of an ``.ics`` file (UTF-8, CRLF lines)."""
    return build_calendar(entries, lang, now).to_ical()
