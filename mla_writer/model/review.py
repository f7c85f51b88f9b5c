"""The central authority's review of a draft, as the draft file holds it (format 7).

The review is an append-only list of :class:`ReviewEvent`: status changes, comments,
resolutions and reopenings. Each event carries the SHA-256 of the event before it (``prev``)
and the review keeps the hash of the last one (``head``), so that an event edited, deleted or
moved by hand is noticed (:func:`mla_writer.review.verify`). The status and the comments are
not stored apart: they are what the events say (:func:`mla_writer.review.state`).

A status change records the hash of the letter's content (``content``); one to "submitted",
"returned" or "approved" whose letter differs from the last version kept carries a snapshot of the letter as it then
stood (``snapshot``: the canonical JSON of the letter without its review, zlib-compressed and
base64-encoded; see :mod:`mla_writer.review`). Nothing here reaches the letter.
No Qt here; the rules live in :mod:`mla_writer.review`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from .. import vocab
from .text import CleanStr
from .values import vocabulary_type

ReviewStatus = vocabulary_type(vocab.REVIEW_STATUS)

#: What an event records.
EVENT_KINDS: tuple[str, ...] = vocab.REVIEW_EVENT.codes
EventKind = vocabulary_type(vocab.REVIEW_EVENT)


def _aware_iso(value: str) -> str:
    """An ISO 8601 date and time with its UTC offset ("2026-11-30T09:15:00+02:00"), kept as written
    (the hash covers the text). Raises ValueError for anything else."""
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("not an ISO date and time") from None
    if parsed.tzinfo is None:
        raise ValueError("the time has no UTC offset")
    return value


IsoMoment = Annotated[str, AfterValidator(_aware_iso)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^([0-9a-f]{64})?$")]
Base64 = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/=]*$")]


class ReviewEvent(BaseModel):
    """One entry of the history.

    ``seq``      its place in the list, from 0;
    ``kind``     one of :data:`EVENT_KINDS`;
    ``at``       when, ISO 8601 with the UTC offset of the user's time zone;
    ``name``, ``role`` who (from the office profile), ``note`` an optional note;
    ``status``   for a status change: the new status;
    ``comment``  for a comment, resolution or reopening: the comment's id ("c1", "c2" ...);
    ``target``   for a comment: what it is about: ``"point:<section id>"`` or a concrete field
                 path (``"urgency.deadline"``, ``"assistance[2].institution"``);
    ``item``     for a comment on a field of a list item: the item's stable id (follows the
                 item when the list is reordered), else "";
    ``text``     for a comment: its text;
    ``snapshot`` for a status change to "submitted", "returned" or "approved" when the letter
                 differs from the last version kept: the letter as it stood (a new version);
    ``content``  for a status change: SHA-256 of the letter's content as it stood
                 (:func:`mla_writer.review.content_hash`; "" in events recorded before it was kept);
    ``prev``     SHA-256 (hex) of the previous event's canonical JSON ("" for the first).
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    seq: int = Field(ge=0)
    kind: EventKind
    at: IsoMoment
    name: CleanStr = ""
    role: CleanStr = ""
    note: CleanStr = ""
    status: ReviewStatus | None = None
    comment: CleanStr = ""
    target: CleanStr = ""
    item: CleanStr = ""
    text: CleanStr = ""
    snapshot: Base64 = ""
    content: Sha256 = ""
    prev: Sha256 = ""

    def moment(self) -> dt.datetime:
        """``at`` as an aware datetime."""
        return dt.datetime.fromisoformat(self.at)


class Review(BaseModel):
    """The review section of a draft: the events, oldest first, and the hash of the last one."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    events: list[ReviewEvent] = []
    head: Sha256 = Field(default="", description="SHA-256 of the last event (\"\" when there is none).")
