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
EXPIRES = N_("Expires at the end of {date} in {zone} ({instant} UTC).")


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
    from ..i18n import ui_gettext

    _ = ui_gettext(lang)
    stamp = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    cal = Calendar()
    cal.add("prodid", "-//MLA Writer//Case register//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "MLA Writer")
    for entry in entries:
        for deadline in entry.deadlines:
            title = deadline_title(entry, deadline, lang)
            end = deadline_end(deadline.due, entry.requesting_state)
            event = Event()
            event.add("uid", _uid(entry, deadline))
            event.add("dtstamp", stamp)
            event.add("dtstart", deadline.due)
            event.add("dtend", deadline.due + dt.timedelta(days=1))
            event.add("summary", title)
            event.add("description", _(EXPIRES).format(
                date=deadline.due.isoformat(), zone=zone_name(entry.requesting_state),
                instant=end.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")))
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
