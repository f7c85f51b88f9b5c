"""What the loader accepts beyond what pydantic checks: exactly the JSON the schema describes.

- JSON the standard parser tolerates but the schema does not is refused: ``NaN``,
  ``Infinity``, duplicate keys, integers of more than :data:`MAX_INT_DIGITS` digits, numbers
  that overflow a float, and strings holding unpaired surrogates (which cannot be written back
  as UTF-8).
- Dates and date-times are ISO strings, never numbers (pydantic would read ``20261231`` or
  ``"1798761600"`` as a Unix timestamp): :func:`check_dates` compares the validated letter with
  the input it came from.
- Date-times are made time-zone-aware on entry (:func:`aware_datetimes`): a naive one is the
  wall-clock time in the time zone its item names (``time_zone``, for electronic data), or in
  UTC when the item names none that is known.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel, RootModel, ValidationError

from ..i18n import N_
from .errors import DraftError

#: Longest integer accepted (a draft holds no number near 10**18; Python refuses 4,300 digits).
MAX_INT_DIGITS = 18

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}:?\d{2})?\Z")


class _Refused(Exception):
    def __init__(self, message: str, **params: Any) -> None:
        self.message, self.params = message, params


def _constant(name: str) -> Any:
    raise _Refused(N_("{source} is not valid JSON ({what} is not a number a draft can hold)"), what=name)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused(N_('{source} is not valid JSON: duplicate key "{key}" in one object'), key=key)
            seen.add(key)
    return result


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _Refused(N_("{source}: the number {what} is too large for a draft"), what=text)
    return int(text)


def _float(text: str) -> float:
    value = float(text) if len(text) <= 64 else float("inf")
    if value in (float("inf"), float("-inf")):
        raise _Refused(N_("{source}: the number {what} is too large for a draft"), what=text)
    return value


def parse_json(text: str, source: str) -> Any:
    """``json.loads`` refusing what the schema cannot describe; any refusal is a :class:`DraftError`."""
    try:
        data = json.loads(text, parse_constant=_constant, object_pairs_hook=_pairs, parse_int=_int, parse_float=_float)
    except _Refused as exc:
        raise DraftError(exc.message, source=source, **exc.params) from None
    if _may_hold_surrogates(text):
        _no_surrogates(data, source)
    return data


#: A JSON escape of a surrogate code point (``\ud83d``); a match may also be an escaped
#: backslash followed by "ud83d", which only makes :func:`parse_json` look closer.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _may_hold_surrogates(text: str) -> bool:
    """False when no string parsed from ``text`` can hold a surrogate: the text has none
    (it encodes as UTF-8) and escapes none. A cheap look at the whole text, so that the
    strings need not be walked one by one."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return _SURROGATE_ESCAPE.search(text) is not None


def _no_surrogates(data: Any, source: str) -> None:
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                _check_text(key, source)
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str):
            _check_text(node, source)


def _check_text(text: str, source: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DraftError(N_("{source} is not valid text: an unpaired surrogate (\\u{code:04x}) at character {index}"),
                         source=source, code=ord(text[exc.start]), index=exc.start) from None


@lru_cache(maxsize=None)
def _dated_fields(cls: type) -> tuple[str, ...]:
    """The fields of model class ``cls`` (in declaration order) whose values may hold a date
    or a date-time, at any depth: the only ones :func:`check_dates` and :func:`aware_datetimes`
    need to visit (the texts of a large case are most of it and hold none). Conservative: a
    type it cannot tell about counts as one that may."""
    _DATED_IN_PROGRESS.add(cls)
    try:
        return tuple(name for name, field in cls.model_fields.items() if _may_hold_date(field.annotation))
    finally:
        _DATED_IN_PROGRESS.discard(cls)


_DATED_IN_PROGRESS: set[type] = set()


def _may_hold_date(tp: Any) -> bool:
    if tp is Any or tp is object:
        return True
    if isinstance(tp, type):
        if issubclass(tp, dt.date):
            return True
        if issubclass(tp, BaseModel):
            return tp in _DATED_IN_PROGRESS or bool(_dated_fields(tp))  # (a model holding itself: may)
        return not issubclass(tp, (str, bytes, bool, int, float, Decimal, Enum, type(None)))
    origin, args = get_origin(tp), get_args(tp)
    if origin is Literal:
        return False
    if origin is Annotated:
        return _may_hold_date(args[0])
    if origin is not None and args:
        return any(_may_hold_date(arg) for arg in args if arg is not Ellipsis)
    return True


def _walk(model: BaseModel, raw: Any, loc: tuple[Any, ...]):
    """Yield ``(value, raw, loc, owner)`` for every field value of ``model`` that may be a date
    or a date-time (:func:`_dated_fields`) and the input it came from."""
    if not isinstance(raw, dict):
        return
    for name in _dated_fields(type(model)):
        if name not in raw:
            continue
        value, given = getattr(model, name), raw[name]
        yield from _walk_value(value, given, loc + (name,), model)


def _walk_value(value: Any, given: Any, loc: tuple[Any, ...], owner: BaseModel):
    if isinstance(value, RootModel):
        value = value.root
    if isinstance(value, BaseModel):
        yield from _walk(value, given, loc)
    elif isinstance(value, (list, tuple)) and isinstance(given, list):
        for i, (item, raw_item) in enumerate(zip(value, given)):
            yield from _walk_value(item, raw_item, loc + (i,) + _tag(item), owner)
    elif isinstance(value, dict) and isinstance(given, dict):
        for key, item in value.items():
            if key in given:
                yield from _walk_value(item, given[key], loc + (key,), owner)
    else:
        yield value, given, loc, owner


def _tag(item: Any) -> tuple[str, ...]:
    """A member of a discriminated union (a measure, a legal basis) is located by its tag, as
    pydantic locates it: ``("assistance", 0, "electronic", "period_from")``."""
    for name in ("kind", "type"):
        field = type(item).model_fields.get(name) if isinstance(item, BaseModel) else None
        if field is not None and getattr(field.annotation, "__origin__", None) is Literal:
            return (getattr(item, name),)
    return ()


def check_dates(letter: BaseModel, raw: dict[str, Any]) -> None:
    """Raise a pydantic ``ValidationError`` (like any other invalid value) for a date or
    date-time that was given other than as an ISO string."""
    for value, given, loc, _owner in _walk(letter, raw, ()):
        if isinstance(value, dt.datetime):
            ok, kind = isinstance(given, str) and _ISO_DATETIME.match(given.strip()), "datetime_type"
        elif isinstance(value, dt.date):
            ok, kind = isinstance(given, str) and _ISO_DATE.match(given.strip()), "date_type"
        else:
            continue
        if not ok:
            raise ValidationError.from_exception_data(
                "LetterOfRequest", [{"type": kind, "loc": loc, "input": given}])


def _zone(owner: BaseModel) -> dt.tzinfo:
    from ..model.values import zone

    return zone(getattr(owner, "time_zone", None))


def aware(value: dt.datetime, owner: BaseModel | None = None) -> dt.datetime:
    """``value`` with a time zone: unchanged if it has one, else the wall-clock time in the
    owner's ``time_zone`` (UTC if none is known)."""
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value
    return value.replace(tzinfo=_zone(owner) if owner is not None else dt.timezone.utc)


def aware_datetimes(model: BaseModel) -> None:
    """Make every date-time in ``model`` (recursively) time-zone-aware, in place."""
    for name in _dated_fields(type(model)):
        value = getattr(model, name)
        if isinstance(value, dt.datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                setattr(model, name, aware(value, model))
        elif isinstance(value, BaseModel):
            aware_datetimes(value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                if isinstance(item, BaseModel):
                    aware_datetimes(item)
