"""Results computed from long texts, kept while the texts stay the same.

The checklist runs after every edit, and most texts of a letter have not changed since the
last run: what it reads from a text (its alphabet, its words) is kept, keyed by the text
itself, for the texts used most recently. The bound is on the characters kept, not on the
number of texts, so typing into a text of a million characters does not keep a copy of each
version. Thread-safe (the GUI checks from a worker thread). No Qt here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

R = TypeVar("R")

#: Characters of text kept as keys, at most, per memoised function (about 8 MB of 2-byte text).
MAX_CHARS = 4_000_000


def memo_by_text(fn: Callable[..., R], max_chars: int = MAX_CHARS, min_chars: int = 0) -> Callable[..., R]:
    """``fn(text, *args)`` memoised on ``(text, *args)`` (hashable), least recently used texts
    dropped once the texts kept hold more than ``max_chars`` characters. A text shorter than
    ``min_chars`` (where computing costs less than keeping) or longer than ``max_chars`` is
    computed and not kept. ``.cache_clear()``
    empties the memo."""
    kept: OrderedDict[tuple[Any, ...], R] = OrderedDict()
    size = [0]
    lock = threading.Lock()

    missing = object()

    @wraps(fn)
    def wrapper(text: str, *args: Any) -> R:
        if len(text) < min_chars:
            return fn(text, *args)
        key = (text, *args)
        # a hit takes no lock: each of these two calls is atomic (one C call of the
        # OrderedDict); a key dropped by another thread in between is simply not moved
        result = kept.get(key, missing)
        if result is not missing:
            try:
                kept.move_to_end(key)
            except KeyError:
                pass
            return result  # type: ignore[return-value]
        result = fn(text, *args)
        if len(text) > max_chars:
            return result
        with lock:
            if key not in kept:
                kept[key] = result
                size[0] += len(text)
                while size[0] > max_chars:
                    old, _ = kept.popitem(last=False)
                    size[0] -= len(old[0])
        return result

    def cache_clear() -> None:
        with lock:
            kept.clear()
            size[0] = 0

    wrapper.cache_clear = cache_clear  # type: ignore[attr-defined]
    return wrapper
