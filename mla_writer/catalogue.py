"""Data catalogues under ``resources/``: legal instruments and EIO-bound States.

Kinds of assistance and every other code are vocabularies (:mod:`mla_writer.vocab`); States and
their names are in :mod:`mla_writer.states`.

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


def localized(texts: dict[str, str], lang: str) -> str:
    """Pick ``lang`` from a ``{"en": ..., "fr": ...}`` mapping, falling back to English."""
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


def instrument_title(instrument_id: str, lang: str) -> str:
    item = instruments().get(instrument_id)
    return localized(item["title"], lang) if item else instrument_id
