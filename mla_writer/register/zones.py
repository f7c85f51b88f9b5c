"""The time zone of a State, for deadlines: a deadline that is a date ends at the end of that
day in the requesting State's time zone.

The IANA time-zone database's own table of countries (``zone.tab``, from the ``tzdata``
package, else the system's) gives each State its zones. Where a State has one zone, that is
it. Where it has several, the zone of its capital (the seat of its central authority) is
taken, from :data:`CAPITAL_ZONES`: a deadline in Moscow time for the Russian Federation,
Washington (New York time) for the United States, Brasília (São Paulo time) for Brazil. A State
the table does not know gets :data:`FALLBACK_ZONE`, UTC−12 ("anywhere on Earth"), whose
day ends last: a deadline then never expires early, wherever the State is.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

#: States with more than one zone in zone.tab: the zone of the capital.
CAPITAL_ZONES = {
    "AR": "America/Argentina/Buenos_Aires",
    "AU": "Australia/Sydney",  # Canberra
    "BR": "America/Sao_Paulo",  # Brasília keeps São Paulo's time
    "CA": "America/Toronto",  # Ottawa
    "CD": "Africa/Kinshasa",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",  # Beijing
    "CY": "Asia/Nicosia",
    "DE": "Europe/Berlin",
    "EC": "America/Guayaquil",  # Quito
    "ES": "Europe/Madrid",
    "FM": "Pacific/Pohnpei",  # Palikir
    "GL": "America/Nuuk",
    "ID": "Asia/Jakarta",
    "KI": "Pacific/Tarawa",
    "KZ": "Asia/Almaty",  # Astana keeps Almaty's time
    "MH": "Pacific/Majuro",
    "MN": "Asia/Ulaanbaatar",
    "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur",
    "NZ": "Pacific/Auckland",  # Wellington
    "PF": "Pacific/Tahiti",
    "PG": "Pacific/Port_Moresby",
    "PS": "Asia/Hebron",  # the West Bank, seat of the Government (Ramallah)
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "UM": "Pacific/Wake",
    "US": "America/New_York",  # Washington, D.C.
    "UZ": "Asia/Tashkent",
}

#: Codes of the project's list of States that zone.tab does not have (user-assigned codes).
OTHER_ZONES = {
    "XK": "Europe/Belgrade",  # Kosovo (Pristina keeps Central European time)
}

#: The zone of a State nobody knows: the day that ends last on Earth (UTC−12).
FALLBACK_ZONE = "Etc/GMT+12"


@cache
def zone_table() -> dict[str, tuple[str, ...]]:
    """ISO 3166 code -> the zones ``zone.tab`` lists for it, in its order."""
    text = ""
    try:
        from importlib.resources import files

        text = (files("tzdata") / "zoneinfo" / "zone.tab").read_text(encoding="utf-8")
    except (ImportError, OSError):
        try:
            with open("/usr/share/zoneinfo/zone.tab", encoding="utf-8") as f:
                text = f.read()
        except OSError:
            pass
    table: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            table.setdefault(parts[0].strip().upper(), []).append(parts[2].strip())
    return {code: tuple(zones) for code, zones in table.items()}


def zone_name(state: str) -> str:
    """The IANA zone of ``state`` (ISO 3166-1 alpha-2; "" or unknown: :data:`FALLBACK_ZONE`)."""
    code = (state or "").upper()
    if code in CAPITAL_ZONES:
        return CAPITAL_ZONES[code]
    if code in OTHER_ZONES:
        return OTHER_ZONES[code]
    zones = zone_table().get(code)
    return zones[0] if zones else FALLBACK_ZONE


def has_zone(state: str) -> bool:
    """True when ``state`` has a zone of its own (False: "" or a code no table knows, which
    gets :data:`FALLBACK_ZONE`)."""
    code = (state or "").upper()
    return code in CAPITAL_ZONES or code in OTHER_ZONES or code in zone_table()


def state_zone(state: str) -> ZoneInfo:
    """:func:`zone_name` as a ZoneInfo."""
    return ZoneInfo(zone_name(state))


def deadline_end(due: dt.date, state: str) -> dt.datetime:
    """The instant a deadline on ``due`` expires: the midnight that ends that day in ``state``'s
    zone (an aware datetime in that zone)."""
    return dt.datetime.combine(due + dt.timedelta(days=1), dt.time(0, 0), tzinfo=state_zone(state))


def is_overdue(due: dt.date, state: str, now: dt.datetime) -> bool:
    """True once the deadline has expired at ``now`` (an aware datetime, any zone)."""
    return now >= deadline_end(due, state)


def time_left(due: dt.date, state: str, now: dt.datetime) -> dt.timedelta:
    """How long until the deadline expires (negative once it has)."""
    return deadline_end(due, state) - now
