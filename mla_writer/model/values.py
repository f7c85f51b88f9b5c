"""Value types the model shares: amounts, partial dates, language codes, codes of a vocabulary.

- :class:`Amount`: a number and an ISO 4217 currency code; the letter formats it with Babel
  in the output language ("210 000,00 €" in French, "€210,000.00" in English).
- :data:`PartialDate`: a date known to the day, the month or the year only, held as ISO
  text: ``"1985-04-23"``, ``"1985-04"`` or ``"1985"``.
- :data:`LanguageCode`: an ISO 639 language code (any language, not only the letter's).
- :func:`vocabulary_type`: the ``Literal`` type of a vocabulary's codes (:mod:`mla_writer.vocab`),
  so the model accepts exactly the codes that have labels.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator, model_validator

from .text import CleanStr


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


def vocabulary_type(vocabulary) -> Any:
    """``Literal[code, ...]`` of ``vocabulary``'s codes, in order."""
    return Literal[vocabulary.codes]  # type: ignore[valid-type]


#: ISO 639 language code (two or three lower-case letters); whether CLDR knows it is checked by the checklist.
LanguageCode = Annotated[
    str, BeforeValidator(lambda v: v.strip().lower() if isinstance(v, str) else v), StringConstraints(pattern=r"^[a-z]{2,3}$")
]

#: The years a date-time of the letter may fall in (electronic data periods): any real period lies
#: well inside, and every moment in that range converts to any time zone (``datetime`` overflows at
#: years 1 and 9999, which is how a file could once crash the letter).
MOMENT_YEARS = (1900, 2999)


class MomentOutOfRange(ValueError):
    """A date-time outside :data:`MOMENT_YEARS`."""


def _moment_in_range(value: dt.datetime) -> dt.datetime:
    low, high = MOMENT_YEARS
    if not low <= value.year <= high:
        raise MomentOutOfRange(f"give a date-time between the years {low} and {high}")
    return value


#: A date-time of the letter: within :data:`MOMENT_YEARS` (raises ``ValueError`` otherwise).
Moment = Annotated[dt.datetime, AfterValidator(_moment_in_range)]

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_EUROPEAN_FULL = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_EUROPEAN_MONTH = re.compile(r"^(\d{1,2})[./](\d{4})$")


def _partial_date(value: object) -> object:
    if isinstance(value, dt.datetime):
        raise ValueError("give a date without a time of day (YYYY-MM-DD, YYYY-MM or YYYY)")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        raise ValueError("give the date as text: YYYY-MM-DD, YYYY-MM or YYYY")
    text = value.strip()
    full, month_year = _EUROPEAN_FULL.match(text), _EUROPEAN_MONTH.match(text)
    if full:  # "23.04.1985", "23/04/1985"
        day, month, year = full.groups()
        text = f"{year}-{int(month):02d}-{int(day):02d}"
    elif month_year:  # "04.1985"
        month, year = month_year.groups()
        text = f"{year}-{int(month):02d}"
    match = _PARTIAL.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY (e.g. 1985-04-23, 1985-04, 1985)")
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None
    return text


#: A date known to the day, the month or the year: ``"1985-04-23"``, ``"1985-04"``, ``"1985"``.
PartialDate = Annotated[str, BeforeValidator(_partial_date)]


def partial_date_parts(value: str) -> tuple[int, int | None, int | None]:
    """``"1985-04"`` -> ``(1985, 4, None)``. Raises ValueError on text that is not a partial date."""
    match = _PARTIAL.match(value)
    if not match:
        raise ValueError(f"not a partial date: {value!r}")
    year, month, day = match.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def partial_date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date may stand for (``"1985"`` -> 1 Jan .. 31 Dec 1985)."""
    year, month, day = partial_date_parts(value)
    if day is not None:
        d = dt.date(year, month, day)  # type: ignore[arg-type]
        return d, d
    if month is not None:
        first = dt.date(year, month, 1)
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


class Amount(_Strict):
    """A sum of money: ``value`` (a decimal number, ``None`` while not given) and ``currency``
    (ISO 4217 code, ``""`` while not chosen). Whether the currency exists is the checklist's business."""

    value: Decimal | None = Field(default=None, ge=0, max_digits=20, decimal_places=2)
    currency: Annotated[
        str, BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v), StringConstraints(pattern=r"^([A-Z]{3})?$")
    ] = ""

    def __bool__(self) -> bool:
        return self.value is not None or bool(self.currency)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: object) -> object:
        """Accept an amount written as text in a hand-made draft ("EUR 210,000", "210 000 €")."""
        if isinstance(data, str):
            parsed = parse_amount_text(data) if data.strip() else {}
            if parsed is None:
                raise ValueError(f"{data!r} is not an amount: write {{\"value\": \"210000\", \"currency\": \"EUR\"}}")
            return parsed
        return data

    @field_validator("value", mode="before")
    @classmethod
    def _number(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip().replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
            if "," in text and "." not in text and re.fullmatch(r"\d+,\d{1,2}", text):
                text = text.replace(",", ".")  # a decimal comma, as most of Europe writes it
            if not text:
                return None
            try:
                return Decimal(text)
            except InvalidOperation:
                raise ValueError(f"{value!r} is not a number (write e.g. 210000.50)") from None
        return value


_AMOUNT_TEXT = re.compile(r"^\s*(?:([A-Za-z]{3})\s*)?([0-9][0-9 \u00a0\u202f.,']*)\s*(?:([A-Za-z]{3}))?\s*$")
_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "₽": "RUB", "¥": "JPY", "₴": "UAH", "₺": "TRY", "L": "MDL"}


def parse_amount_text(text: str) -> dict[str, Any] | None:
    """Read an amount written as text ("EUR 210,000", "210 000 €", "1.500,50 EUR") into
    ``{"value": "210000", "currency": "EUR"}``; None when it cannot be read without guessing."""
    raw = text.strip()
    for symbol, code in _SYMBOLS.items():
        if symbol != "L" and symbol in raw:
            raw = raw.replace(symbol, f" {code} ")
    match = _AMOUNT_TEXT.match(raw)
    if not match:
        return None
    before, number, after = match.groups()
    if before and after:
        return None
    currency = (before or after or "").upper()
    digits = number.strip().replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("'", "")
    # the last separator followed by exactly two digits is the decimal mark; others group thousands
    m = re.match(r"^(.*?)([.,](\d{1,2}))?$", digits)
    whole, decimals = (m.group(1), m.group(3)) if m and m.group(2) else (digits, None)
    whole = whole.replace(".", "").replace(",", "")
    if not whole.isdigit():
        return None
    value = whole + (f".{decimals}" if decimals else "")
    return {"value": value, "currency": currency}


class UpgradeNote(_Strict):
    """A value that an upgrade of the draft format could not convert.

    ``path`` is where it belonged when the file was upgraded (``"assistance[0].amount"``),
    ``item_id`` the id of the list item it belongs to (so the note follows the measure when
    the list is reordered, and goes with it when it is removed), ``original`` what the older
    file held, ``converted`` the JSON of what the upgrade stored instead. The note stays open
    while the field still holds exactly that: once the user enters the value again, it is settled.
    """

    path: CleanStr = ""
    original: CleanStr = ""
    item_id: CleanStr = ""
    converted: str | None = None


def zone(name: object) -> dt.tzinfo:
    """The IANA time zone called ``name`` ("Europe/Madrid"); UTC when it is empty or unknown."""
    if isinstance(name, str) and name.strip():
        try:
            from zoneinfo import ZoneInfo

            return ZoneInfo(name.strip())
        except (ValueError, LookupError, OSError):  # unknown, malformed, or no tz database
            pass
    return dt.timezone.utc
