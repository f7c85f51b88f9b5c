"""Data catalogues under ``resources/``: legal instruments, EIO-bound States, kinds of assistance.

Central authorities may extend these JSON files without touching code. Loaded once, lazily.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from .assets import get_asset


def _load(name: str) -> Any:
    with get_asset("resources", name).open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def instruments() -> dict[str, dict[str, Any]]:
    """Legal instruments by id (see resources/instruments.json)."""
    return {item["id"]: item for item in _load("instruments.json")["instruments"]}


@cache
def eio_states() -> frozenset[str]:
    """ISO codes of the States bound by the European Investigation Order Directive."""
    return frozenset(_load("eio_states.json")["states"])


@cache
def assistance_catalogue() -> dict[str, Any]:
    return _load("assistance_kinds.json")


@cache
def assistance_kinds() -> dict[str, dict[str, Any]]:
    return {kind["kind"]: kind for kind in assistance_catalogue()["kinds"]}


def localized(texts: dict[str, str], lang: str) -> str:
    """Pick ``lang`` from a ``{"en": ..., "fr": ...}`` mapping, falling back to English."""
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


def kind_title(kind: str, lang: str) -> str:
    return localized(assistance_kinds()[kind]["title"], lang)


def field_label(kind: str, field: str, lang: str) -> str:
    """Label of a field of an assistance kind (own or common) in ``lang``."""
    for spec in assistance_kinds()[kind]["fields"]:
        if spec["name"] == field:
            return localized(spec["label"], lang)
    common = assistance_catalogue()["common_fields"].get(field)
    return localized(common["label"], lang) if common else field


def required_fields(kind: str) -> list[str]:
    return [spec["name"] for spec in assistance_kinds()[kind]["fields"] if spec.get("required")]


@cache
def country_names(lang: str) -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> country name in ``lang`` (CLDR via Babel)."""
    from babel import Locale

    territories = Locale.parse(lang).territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


# CLDR territory codes that are not States: European Union, Eurozone, United Nations,
# Outlying Oceania, unknown region, pseudo-locales.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


def instrument_title(instrument_id: str, lang: str) -> str:
    item = instruments().get(instrument_id)
    return localized(item["title"], lang) if item else instrument_id
