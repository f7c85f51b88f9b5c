"""The central authority's review of a draft: status, comments, a hash-chained history, versions.

The draft holds the review as an append-only list of events (:mod:`mla_writer.model.review`).
This module is the only place that writes to it and reads it:

- :func:`set_status`, :func:`add_comment`, :func:`resolve`, :func:`reopen` append one event
  each, stamped with the actor's name and role and the time with its UTC offset;
- :data:`TRANSITIONS` says which status may follow which; anything else raises
  :class:`ReviewError`;
- :func:`verify` walks the chain: each event must carry the SHA-256 of the canonical JSON of
  the event before it, and the review's ``head`` the hash of the last one. An event edited,
  deleted or moved by hand breaks it. This is *tamper-evident*, not a signature: whoever
  edits the file and recomputes every hash produces an intact chain (docs/review.md);
- :func:`state` replays the events: the status, the comments and whether each is resolved;
- a status change to "submitted" or "returned" keeps a snapshot of the letter
  (:func:`snapshot_of`: canonical JSON of the letter without its review, zlib, base64);
  :func:`versions` lists them and :func:`version_letter` restores one;
- :func:`diff` compares two letters field by field, by the fields' declared labels, values
  formatted as the letter formats them, in a UI language; :func:`describe_change` says one
  change in words ("Point 5 — Deadline: 15 January 2027 → 10 January 2027").

Comments never reach the letter: the letter's templates and checklist do not read the review.
No Qt here.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import zlib
from collections.abc import Iterable
from typing import Any, NamedTuple

from . import fields, vocab
from .i18n import N_
from .model import LetterOfRequest, MLText
from .model.review import Review, ReviewEvent
from .points import POINT_BY_ID, SECTIONS, PointDef, section_of

STATUSES: tuple[str, ...] = vocab.REVIEW_STATUS.codes
FINAL = frozenset({"executed", "partly_executed", "refused", "withdrawn"})

#: status -> the statuses that may follow it. A draft is submitted; the central authority
#: returns it for changes or approves it; an approved request is sent (or taken back for
#: changes); the requested State acknowledges it and executes it in whole or in part, or
#: refuses it. The requesting side may withdraw it at any point before it is settled.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("submitted", "withdrawn"),
    "submitted": ("returned", "approved", "withdrawn"),
    "returned": ("submitted", "withdrawn"),
    "approved": ("sent", "returned", "submitted", "withdrawn"),
    "sent": ("acknowledged", "executed", "partly_executed", "refused", "withdrawn"),
    "acknowledged": ("executed", "partly_executed", "refused", "withdrawn"),
    "partly_executed": ("executed",),
    "executed": (),
    "refused": (),
    "withdrawn": (),
}
#: A status change to one of these keeps a snapshot of the letter (a new version) when the
#: letter differs from the last version kept.
SNAPSHOT_ON = frozenset({"submitted", "returned", "approved"})
#: The statuses after which a change of the letter means the letter is no longer the one
#: submitted (``"submitted"``) or approved (the others).
WATCHED = frozenset({"submitted", "approved", "sent", "acknowledged", "executed", "partly_executed", "refused"})
#: The prefix of a comment's target that names a whole point.
POINT_TARGET = "point:"


class ReviewError(ValueError):
    """A review action that is not allowed (a forbidden transition, an unknown comment or
    field). ``str(error)`` is English; :meth:`localized` gives it in a UI language."""

    def __init__(self, message: str, /, **params: Any) -> None:
        self.msgid = message
        self.params = params
        super().__init__(self.localized("en"))

    def localized(self, lang: str) -> str:
        from .i18n import ui_gettext

        _ = ui_gettext(lang)
        params = {k: (status_label(v, lang) if k.startswith("status") else v) for k, v in self.params.items()}
        return _(self.msgid).format(**params)


class Actor(NamedTuple):
    """Who acts: a name and a role ("Head of the central authority"), from the office profile."""

    name: str
    role: str = ""


def status_label(code: str, lang: str) -> str:
    """The status's label in UI language ``lang`` ("Returned for changes")."""
    return vocab.REVIEW_STATUS.label(code, lang) if code in vocab.REVIEW_STATUS else code


# -- the chain ---------------------------------------------------------------------------------


def canonical(obj: Any) -> bytes:
    """Canonical JSON of a JSON-able value: keys sorted, no spaces, UTF-8 characters as they are."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def event_hash(event: ReviewEvent) -> str:
    """SHA-256 (64 hex digits) of the event's canonical JSON (every field, ``prev`` included;
    an empty ``content``, which events recorded before it existed lack, is left out so that
    their hashes stay what they were)."""
    data = event.model_dump(mode="json")
    if not data.get("content"):
        data.pop("content", None)
    return hashlib.sha256(canonical(data)).hexdigest()


def events_digest(review: Review) -> str:
    """SHA-256 of the whole review's canonical JSON: changes when any event changes."""
    return hashlib.sha256(canonical(review.model_dump(mode="json"))).hexdigest()


class ChainProblem(NamedTuple):
    """Where the chain breaks: ``seq`` the position of the event (its index in the list; the
    last event's for the head) and ``message`` an English msgid with ``{n}`` (its number, from 1)
    and maybe ``{m}`` (the number of the event after it)."""

    seq: int
    message: str

    def localized(self, lang: str) -> str:
        from .i18n import ui_gettext

        return ui_gettext(lang)(self.message).format(n=self.seq + 1, m=self.seq + 2)


def verify(review: Review) -> list[ChainProblem]:
    """Check the history's hash chain; ``[]`` when it is intact. An event edited by hand, one
    deleted, two swapped, or the last one changed or removed each give a problem."""
    problems: list[ChainProblem] = []
    previous = ""
    hashes = [event_hash(e) for e in review.events]
    for index, event in enumerate(review.events):  # the first break is named; later ones follow from it
        if event.seq != index:
            if any(e.seq == index for e in review.events[index + 1:]):
                problems.append(ChainProblem(index, N_("Event {n} is out of place: events were moved.")))
            elif event.seq > index:
                problems.append(ChainProblem(index, N_("An event just before event {n} was deleted.")))
            else:
                problems.append(ChainProblem(index, N_("Event {n} is out of place: an event was added.")))
            break
        if event.prev != previous:
            if index:
                # event n-1 no longer hashes to what event n recorded: n-1 was changed, or the
                # link that event n keeps was; the link alone cannot tell which
                problems.append(ChainProblem(index - 1, N_("Event {n} or event {m} was changed by hand.")))
            else:
                problems.append(ChainProblem(index, N_("Event {n} was changed by hand.")))
            break
        previous = hashes[index]
    if review.head != previous and not problems:
        problems.append(ChainProblem(max(len(review.events) - 1, 0),
                                     N_("Event {n}, the last one, was changed by hand, or events after it were removed.")))
    return problems


def intact(review: Review) -> bool:
    return not verify(review)


def now_iso() -> str:
    """The present moment, ISO 8601 to the second with the local UTC offset."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _append(letter: LetterOfRequest, kind: str, actor: Actor, at: str | None, **data: Any) -> ReviewEvent:
    review = letter.review
    if verify(review):
        raise ReviewError(N_("The review history of this draft is broken; nothing can be added to it."))
    event = ReviewEvent(seq=len(review.events), kind=kind, at=at or now_iso(), name=actor.name, role=actor.role,
                        prev=review.head, **data)
    review.events = [*review.events, event]
    review.head = event_hash(event)
    return event


class _Holder:
    """Something with a ``review``, as :func:`_append` needs."""

    def __init__(self, review: Review) -> None:
        self.review = review


def merge(ours: Review, disk: Review) -> Review | None:
    """The review to save over a file whose own review may have grown meanwhile (a reviewer
    added comments while the drafter had the draft open). The events are append-only, so:

    - the file's history extends ours (or is ours): the file's;
    - ours extends the file's: ours;
    - both grew from a common start: the file's, followed by our new events chained anew
      (renumbered, comment ids renumbered after the file's);

    None when they cannot be merged: either history is broken, or one of our new events is not
    allowed after the file's (a status change the file's status does not allow)."""
    if verify(ours) or verify(disk):
        return None
    common = 0
    for a, b in zip(ours.events, disk.events):
        if a != b:
            break
        common += 1
    if common == len(ours.events):
        return disk.model_copy(deep=True)
    if common == len(disk.events):
        return ours.model_copy(deep=True)
    holder = _Holder(disk.model_copy(deep=True))
    renamed: dict[str, str] = {}
    try:
        for event in ours.events[common:]:
            data = event.model_dump(exclude={"seq", "prev", "kind", "at", "name", "role"})
            now = state(holder.review)
            if event.kind == "status":
                if event.status not in allowed_next(now.status):
                    return None
            elif event.kind == "comment":
                renamed[event.comment] = f"c{1 + sum(1 for e in holder.review.events if e.kind == 'comment')}"
                data["comment"] = renamed[event.comment]
            else:
                data["comment"] = renamed.get(event.comment, event.comment)
                found = now.comment(data["comment"])
                if found is None or found.resolved == (event.kind == "resolve"):
                    continue  # already so in the file: nothing to add
            _append(holder, event.kind, Actor(event.name, event.role), event.at, **data)  # type: ignore[arg-type]
    except (ReviewError, ValueError):
        return None
    return holder.review


def grown(ours: Review, disk: Review) -> int:
    """How many events the file's review has that ours lacks (0 when none)."""
    have = {event_hash(e) for e in ours.events}
    return sum(1 for e in disk.events if event_hash(e) not in have)


# -- replaying the events ----------------------------------------------------------------------


class Comment:
    """A comment as the events leave it: ``id``, ``target``, ``item``, ``text``, who made it
    and when (``name``, ``role``, ``at``), ``resolved``, and its ``events`` (the comment itself,
    then each resolution or reopening)."""

    __slots__ = ("id", "target", "item", "text", "name", "role", "at", "resolved", "events")

    def __init__(self, event: ReviewEvent) -> None:
        self.id = event.comment
        self.target = event.target
        self.item = event.item
        self.text = event.text
        self.name = event.name
        self.role = event.role
        self.at = event.at
        self.resolved = False
        self.events = [event]

    def __repr__(self) -> str:
        return f"Comment({self.id!r}, {self.target!r}, resolved={self.resolved})"


class ReviewState(NamedTuple):
    """What the events say now: the status, the comments in order, and the status changes."""

    status: str
    comments: list[Comment]
    status_events: list[ReviewEvent]

    def comment(self, comment_id: str) -> Comment | None:
        return next((c for c in self.comments if c.id == comment_id), None)

    def open_comments(self) -> list[Comment]:
        return [c for c in self.comments if not c.resolved]


def state(review: Review) -> ReviewState:
    """Replay the events (oldest first). The status starts as "draft"."""
    status, comments, changes = "draft", {}, []
    for event in review.events:
        if event.kind == "status" and event.status:
            status = event.status
            changes.append(event)
        elif event.kind == "comment" and event.comment:
            comments[event.comment] = Comment(event)
        elif event.kind in ("resolve", "reopen") and event.comment in comments:
            found = comments[event.comment]
            found.resolved = event.kind == "resolve"
            found.events.append(event)
    return ReviewState(status, list(comments.values()), changes)


def allowed_next(status: str) -> tuple[str, ...]:
    """The statuses that may follow ``status``."""
    return TRANSITIONS.get(status, ())


# -- actions -----------------------------------------------------------------------------------


def set_status(letter: LetterOfRequest, new: str, actor: Actor, note: str = "", at: str | None = None) -> ReviewEvent:
    """Record a change of status. Raises :class:`ReviewError` when ``new`` may not follow the
    current status, or for approval while a comment is still open. A change to "submitted" or
    "returned" keeps a snapshot of the letter."""
    current = state(letter.review)
    if new not in vocab.REVIEW_STATUS:
        raise ReviewError(N_("\u201c{value}\u201d is not a status."), value=new)
    if new == current.status == "submitted":
        raise ReviewError(N_("The draft is already submitted for review."))
    if new not in allowed_next(current.status):
        raise ReviewError(N_("A draft that is \u201c{status_from}\u201d cannot become \u201c{status_to}\u201d."),
                          status_from=current.status, status_to=new)
    if new == "approved" and current.open_comments():
        raise ReviewError(N_("Resolve the open comments before approving the draft ({count} open)."),
                          count=len(current.open_comments()))
    content = content_hash(letter)
    if new == "sent" and changed_since(letter) is not None:
        raise ReviewError(N_("The letter was changed after it was approved: submit it again or return it "
                             "for changes before sending it."))
    kept = versions(letter.review)
    snapshot = ""
    if new in SNAPSHOT_ON and (not kept or version_content(kept[-1].event) != content):
        snapshot = snapshot_of(letter)
    return _append(letter, "status", actor, at, status=new, note=note, snapshot=snapshot, content=content)


def check_target(letter: LetterOfRequest, target: str) -> None:
    """Raise :class:`ReviewError` unless ``target`` names a section (``"point:urgency"``), a
    declared field of the letter (``"urgency.deadline"``, ``"assistance[2].institution"``) or
    one item of a list (``"assistance[2]"``)."""
    if target.startswith(POINT_TARGET):
        if target[len(POINT_TARGET):] not in POINT_BY_ID:
            raise ReviewError(N_("\u201c{value}\u201d is not a section of the letter."), value=target)
        return
    item = re.fullmatch(r"([a-z_.]+)\[(\d+)\]", target)
    try:
        if item and item.group(1) in fields.ITEMS:
            fields.value_at(letter, target)
            return
        if fields.declaration(target, letter) is not None:
            fields.value_at(letter, target)
            return
    except (LookupError, AttributeError, ValueError, TypeError):
        pass
    raise ReviewError(N_("\u201c{value}\u201d is not a field of this letter."), value=target)


def _item_id(letter: LetterOfRequest, target: str) -> str:
    """The stable id of the top-level list item ``target`` is in ("" when none)."""
    match = re.match(r"([a-z_]+)\[(\d+)\]", target)
    if not match:
        return ""
    try:
        return getattr(fields.value_at(letter, match.group(0)), "id", "") or ""
    except (LookupError, AttributeError):
        return ""


def add_comment(letter: LetterOfRequest, target: str, text: str, actor: Actor, at: str | None = None) -> ReviewEvent:
    """Attach a comment to a section, a field or one item of a list (see :func:`check_target`).
    Raises :class:`ReviewError` for an empty text or a target the letter does not have.
    The comment's id is "c1", "c2" ... in order."""
    if not text.strip():
        raise ReviewError(N_("A comment needs a text."))
    check_target(letter, target)
    number = 1 + sum(1 for e in letter.review.events if e.kind == "comment")
    return _append(letter, "comment", actor, at, comment=f"c{number}", target=target,
                   item=_item_id(letter, target), text=text)


def _comment_event(letter: LetterOfRequest, kind: str, comment_id: str, actor: Actor, note: str,
                   at: str | None) -> ReviewEvent:
    found = state(letter.review).comment(comment_id)
    if found is None:
        raise ReviewError(N_("There is no comment {value}."), value=comment_id)
    if found.resolved == (kind == "resolve"):
        message = N_("The comment is already resolved.") if found.resolved else N_("The comment is already open.")
        raise ReviewError(message)
    return _append(letter, kind, actor, at, comment=comment_id, note=note)


def resolve(letter: LetterOfRequest, comment_id: str, actor: Actor, note: str = "", at: str | None = None) -> ReviewEvent:
    """Mark a comment resolved. Raises :class:`ReviewError` for an unknown or resolved comment."""
    return _comment_event(letter, "resolve", comment_id, actor, note, at)


def reopen(letter: LetterOfRequest, comment_id: str, actor: Actor, note: str = "", at: str | None = None) -> ReviewEvent:
    """Open a resolved comment again. Raises :class:`ReviewError` for an unknown or open comment."""
    return _comment_event(letter, "reopen", comment_id, actor, note, at)


# -- where a comment is ---------------------------------------------------------------------------


def comment_path(letter: LetterOfRequest, comment: Comment) -> str | None:
    """The comment's target now: a field path following its item when the list was reordered;
    ``"point:<id>"`` for a section; None when its item was removed."""
    target = comment.target
    if target.startswith(POINT_TARGET) or not comment.item:
        return target
    match = re.match(r"([a-z_]+)\[(\d+)\]", target)
    if not match:
        return target
    items = getattr(letter, match.group(1), None)
    if not isinstance(items, list):
        return None
    index = next((i for i, it in enumerate(items) if getattr(it, "id", None) == comment.item), None)
    return None if index is None else f"{match.group(1)}[{index}]{target[match.end():]}"


def comment_section(letter: LetterOfRequest, comment: Comment) -> PointDef:
    """The section a comment belongs to."""
    path = comment_path(letter, comment) or comment.target
    if path.startswith(POINT_TARGET):
        return POINT_BY_ID.get(path[len(POINT_TARGET):], SECTIONS[0])
    decl = fields.declaration(path, letter) if "[" in path and not path.endswith("]") else None
    if decl is not None and decl.section:
        return POINT_BY_ID[decl.section]
    return section_of(path)


def comment_number(comment_id: str) -> str:
    """How a comment's id is shown: "c3" -> "3"."""
    return comment_id[1:] if re.fullmatch(r"c\d+", comment_id) else comment_id


def _removed_item_name(letter: LetterOfRequest, comment: Comment, lang: str) -> str:
    """The name a removed item had ("Measure 2 (Service of judicial documents)"), from the
    latest kept version that still holds it; "" when none does."""
    match = re.match(r"([a-z_]+)\[(\d+)\]", comment.target)
    if not match:
        return ""
    for version in reversed(versions(letter.review)):
        try:
            old = letter_from_snapshot(version.event.snapshot)
        except ReviewError:
            continue
        items = getattr(old, match.group(1), None) or []
        index = next((i for i, it in enumerate(items) if getattr(it, "id", None) == comment.item), None)
        if index is not None:
            try:
                return fields.item_name(old, match.group(1), index, lang)
            except (LookupError, AttributeError):
                return ""
    return ""


def describe_target(letter: LetterOfRequest, comment: Comment, lang: str, section_heading: bool = True) -> str:
    """What a comment is about, in UI language ``lang``: "5. Urgency and time limit — Deadline",
    "10. Assistance requested — Measure 3 (…): Institution holding the records"; without the
    point's heading when ``section_heading`` is False ("Deadline"; "" for the point as a whole).
    A comment whose item was removed keeps the item's name as a kept version gives it."""
    from .i18n import ui_gettext

    _ = ui_gettext(lang)
    path = comment_path(letter, comment)
    section = comment_section(letter, comment)
    head = section.heading(lang) if section_heading else ""
    if path is None:
        name = _removed_item_name(letter, comment, lang)
        what = (_("{item} (no longer in the draft)").format(item=name) if name
                else _("an item no longer in the draft"))
    elif path.startswith(POINT_TARGET):
        return head
    elif item := re.fullmatch(r"([a-z_.]+)\[(\d+)\]", path):
        try:
            what = fields.item_name(letter, item.group(1), int(item.group(2)), lang)
        except (LookupError, AttributeError):
            what = path
    else:
        what = fields.describe(letter, path, lang)
    return f"{head} \u2014 {what}" if head else what


def open_counts(letter: LetterOfRequest) -> dict[str, int]:
    """Section id -> number of open comments on it (sections without any are left out)."""
    counts: dict[str, int] = {}
    for comment in state(letter.review).open_comments():
        sid = comment_section(letter, comment).id
        counts[sid] = counts.get(sid, 0) + 1
    return counts


def open_comments_at(letter: LetterOfRequest, path: str) -> list[Comment]:
    """The open comments whose target is the field at concrete ``path`` now."""
    return [c for c in state(letter.review).open_comments() if comment_path(letter, c) == path]


# -- snapshots and versions ---------------------------------------------------------------------


def snapshot_of(letter: LetterOfRequest) -> str:
    """The letter without its review as base64 of zlib-compressed canonical JSON."""
    data = letter.model_dump(mode="json", exclude={"review"})
    return base64.b64encode(zlib.compress(canonical(data), 9)).decode("ascii")


def letter_from_snapshot(snapshot: str) -> LetterOfRequest:
    """The letter a snapshot holds. Raises :class:`ReviewError` when it is damaged."""
    try:
        data = json.loads(zlib.decompress(base64.b64decode(snapshot, validate=True)))
        return LetterOfRequest.model_validate(data)
    except (ValueError, zlib.error, TypeError):
        raise ReviewError(N_("A version kept in the draft is damaged and cannot be read.")) from None


class Version(NamedTuple):
    """A kept version: its number (from 1) and the status change that kept it."""

    number: int
    event: ReviewEvent


def versions(review: Review) -> list[Version]:
    """The versions the history keeps, oldest first."""
    kept = [e for e in review.events if e.kind == "status" and e.snapshot]
    return [Version(i + 1, e) for i, e in enumerate(kept)]


#: Parts of the draft that are not the letter's content: a change to them is no change of the letter.
NOT_CONTENT = frozenset({"review", "upgrade_notes", "translation"})


def _content_of(data: dict[str, Any]) -> str:
    return hashlib.sha256(canonical({k: v for k, v in data.items() if k not in NOT_CONTENT})).hexdigest()


def content_hash(letter: LetterOfRequest) -> str:
    """SHA-256 (hex) of the letter's content: its canonical JSON without the review, the
    upgrade notes and the translation marks."""
    return _content_of(letter.model_dump(mode="json"))


def version_content(event: ReviewEvent) -> str:
    """The content hash of the letter a status event recorded: its ``content``, else (an event
    recorded before it was kept) that of its snapshot; "" when it has neither."""
    if event.content:
        return event.content
    if event.snapshot:
        return content_hash(letter_from_snapshot(event.snapshot))
    return ""


def version_at(review: Review, event: ReviewEvent) -> int | None:
    """The number of the version the letter was at ``event`` (a status change): the one it kept,
    else the last one kept before it (the letter had not changed since). None before any."""
    number = None
    for version in versions(review):
        if version.event.seq > event.seq:
            break
        number = version.number
    return number


class ChangedSince(NamedTuple):
    """The letter differs from the one the last status change recorded: ``status`` "submitted"
    or "approved" (which the change undoes), ``event`` that status change, ``version`` its
    version number (None when unknown)."""

    status: str
    event: ReviewEvent
    version: int | None


def changed_since(letter: LetterOfRequest) -> ChangedSince | None:
    """Whether the letter was changed after it was submitted or approved (None when it was not,
    or when the draft is not at such a status)."""
    changes = state(letter.review).status_events
    if not changes or changes[-1].status not in WATCHED:
        return None
    last = changes[-1]
    try:
        recorded = version_content(last)
    except ReviewError:
        recorded = ""
    if not recorded or recorded == content_hash(letter):
        return None
    if last.status != "submitted":  # sent, acknowledged ...: the letter approved is the one that counts
        last = next((e for e in reversed(changes) if e.status == "approved"), last)
    return ChangedSince("submitted" if last.status == "submitted" else "approved", last,
                        version_at(letter.review, last))


def changed_warning(letter: LetterOfRequest, lang: str) -> str:
    """One sentence saying the letter was changed after its submission or approval, in UI
    language ``lang``; "" when it was not."""
    from .i18n import ui_gettext

    found = changed_since(letter)
    if found is None:
        return ""
    _ = ui_gettext(lang)
    if found.status == "submitted":
        text = _("The letter was changed after it was submitted for review: the reviewer may be reading "
                 "another version than the one submitted.")
    else:
        text = _("The letter was changed after it was approved: these changes were not approved.")
    if found.version is not None:
        text += " " + _("The Versions tab of the review window (File \u2192 Open for Review), or mla-writer diff, "
                        "compares it with version {n}.").format(n=found.version)
    return text


def version_letter(letter: LetterOfRequest, number: int) -> LetterOfRequest:
    """Version ``number`` (from 1); 0 is the letter as it is now. Raises :class:`ReviewError`
    for a version the draft does not keep."""
    if number == 0:
        return letter
    kept = versions(letter.review)
    if not 1 <= number <= len(kept):
        raise ReviewError(N_("The draft keeps no version {value} (it keeps {count})."), value=number, count=len(kept))
    return letter_from_snapshot(kept[number - 1].event.snapshot)


# -- the diff ---------------------------------------------------------------------------------------

ADDED, REMOVED, CHANGED, MOVED = "added", "removed", "changed", "moved"


class Change(NamedTuple):
    """One difference between two versions.

    ``section`` the section; ``where`` the field or item in words ("Measure 2 (…): Period");
    ``what`` ADDED, REMOVED, CHANGED, or MOVED (an item now at another place in its list);
    ``before``/``after`` the values as the letter writes them ("" when absent or for a whole
    item; for MOVED the item's new number); ``item`` True for a whole item of a list."""

    section: PointDef
    where: str
    what: str
    before: str
    after: str
    item: bool = False


def _key_path(letter: LetterOfRequest, path: str) -> str:
    """A concrete path with each top-level list index replaced by the item's stable id, when it
    has one, so that reordered items are compared with themselves."""
    match = re.match(r"([a-z_]+)\[(\d+)\]", path)
    if not match:
        return path
    item_id = _item_id(letter, path)
    return f"{match.group(1)}[#{item_id}]{path[match.end():]}" if item_id else path


def _items(letter: LetterOfRequest) -> dict[str, tuple[str, int]]:
    """key of each list item -> (list path, index), for the lists of :data:`fields.ITEMS`."""
    out = {}
    for list_path in fields.ITEMS:
        try:
            items = fields.value_at(letter, list_path)
        except (LookupError, AttributeError):
            continue
        for i in range(len(items)):
            out[_key_path(letter, f"{list_path}[{i}]")] = (list_path, i)
    return out


def _yes_no(value: Any, lang: str) -> str:
    from .i18n import ui_gettext

    _ = ui_gettext(lang)
    return _("yes") if value else _("no")


def _shown(builder: Any, field: fields.Field, value: Any, lang: str) -> str:
    if field.kind in (fields.BOOL, fields.YESNO):
        return "" if value is None else _yes_no(value, lang)
    if field.kind == fields.ID or fields.is_empty(value):
        return ""
    try:
        shown = builder.value(field, value)
    except (LookupError, ValueError, AttributeError, TypeError):
        shown = str(value)
    return "" if shown is None else str(shown).replace("\u00a0", " ").replace("\u2011", "-").replace("\u202f", " ")


def _clip_pair(before: str, after: str, keep: int = 60) -> tuple[str, str]:
    """Two long texts cut to what differs, with a little context on each side ("…")."""
    if len(before) <= 2 * keep and len(after) <= 2 * keep:
        return before, after
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    lo = _word_start(before, max(0, start - keep // 2))

    def cut(text: str) -> str:
        hi = _word_end(text, min(len(text), len(text) - end + keep // 2))
        middle = text[lo:hi].strip()
        if len(middle) > 3 * keep:
            head_end = _word_end(middle, 3 * keep // 2)
            tail_start = _word_start(middle, len(middle) - 3 * keep // 2)
            middle = middle[:head_end].rstrip() + " \u2026 " + middle[tail_start:].lstrip()
        return ("\u2026" if lo > 0 else "") + middle + ("\u2026" if hi < len(text) else "")

    return cut(before), cut(after)


def _word_start(text: str, at: int) -> int:
    """``at`` moved back to the start of the word it falls in (unchanged at a space or the start;
    a word longer than 30 characters is cut where it is)."""
    back = at
    while back > 0 and not text[back - 1].isspace() and at - back < 30:
        back -= 1
    return back if back == 0 or text[back - 1].isspace() else at


def _word_end(text: str, at: int) -> int:
    """``at`` moved on to the end of the word it falls in (see :func:`_word_start`)."""
    on = at
    while on < len(text) and not text[on].isspace() and on - at < 30:
        on += 1
    return on if on == len(text) or text[on].isspace() else at


def _values(letter: LetterOfRequest, lang: str) -> dict[tuple[str, str], tuple[str, fields.Field, str, PointDef]]:
    """(key path, language or "") -> (concrete path, declaration, shown value, section), for
    every declared field that applies; free text per language."""
    from .render.context import _Builder

    builder = _Builder(letter, lang)
    out: dict[tuple[str, str], tuple[str, fields.Field, str, PointDef]] = {}
    for field in fields.all_fields():
        section = POINT_BY_ID[fields.section_id(field)]
        for path, value, item in fields.instances(letter, field):
            if not fields.applies(letter, field, item):
                continue
            key = _key_path(letter, path)
            if field.kind == fields.TEXT and isinstance(value, MLText):
                for text_lang, text in value.root.items():
                    out[(key, text_lang)] = (path, field, text, section)
                continue
            out[(key, "")] = (path, field, _shown(builder, field, value, lang), section)
    return out


def diff(old: LetterOfRequest, new: LetterOfRequest, lang: str) -> list[Change]:
    """What changed from ``old`` to ``new``, field by field, in UI language ``lang``: items of
    lists added or removed, then each field whose value differs, in the order of the sections
    and declarations. Items are matched by their stable ids (persons, offences, measures,
    annexes), others by position."""
    from .i18n import ui_gettext
    from .render.context import language_name

    _ = ui_gettext(lang)
    changes: list[tuple[int, int, Change]] = []
    order = {s.id: i for i, s in enumerate(SECTIONS)}
    old_items, new_items = _items(old), _items(new)
    for key in [*new_items, *(k for k in old_items if k not in new_items)]:
        if key in old_items and key in new_items:
            continue
        letter, (list_path, index) = (new, new_items[key]) if key in new_items else (old, old_items[key])
        path = f"{list_path}[{index}]"
        section = POINT_BY_ID[fields.section_id(fields.declaration(path + ".id", letter) or _first_field(list_path))]
        try:
            where = fields.item_name(letter, list_path, index, lang)
        except (LookupError, AttributeError):
            where = path
        changes.append((order[section.id], -1, Change(section, where, ADDED if key in new_items else REMOVED, "", "",
                                                      item=True)))
    for key, (list_path, index) in new_items.items():  # an item kept but now at another place
        if key in old_items and old_items[key][1] != index and "#" in key:
            path = f"{list_path}[{index}]"
            section = POINT_BY_ID[fields.section_id(fields.declaration(path + ".id", new) or _first_field(list_path))]
            try:
                where = fields.item_name(old, list_path, old_items[key][1], lang)
            except (LookupError, AttributeError):
                where = path
            changes.append((order[section.id], -1, Change(section, where, MOVED, "", str(index + 1), item=True)))
    before, after = _values(old, lang), _values(new, lang)
    rank = {f: i for i, f in enumerate(fields.all_fields())}
    for key in [*after, *(k for k in before if k not in after)]:
        item_key = re.match(r"[a-z_.]+\[[^\]]*\]", key[0])
        if item_key and (item_key.group(0) not in old_items or item_key.group(0) not in new_items):
            continue  # the whole item was added or removed: said once above
        was = before.get(key, ("", None, "", None))[2]
        now = after.get(key, ("", None, "", None))[2]
        if was == now:
            continue
        path, field, _value, section = after.get(key) or before[key]
        letter = new if key in after else old
        where = fields.describe(letter, path, lang)
        if key[1]:
            where = f"{where} ({language_name(key[1], lang)})"
        what = ADDED if not was else REMOVED if not now else CHANGED
        was, now = _clip_pair(was, now)
        changes.append((order[section.id], rank[field], Change(section, where, what, was, now)))
    changes.sort(key=lambda c: (c[0], c[1]))
    return [c for _o, _r, c in changes]


def _first_field(list_path: str) -> fields.Field:
    return next(f for f in fields.all_fields() if f.path.startswith(list_path + "["))


def describe_change(change: Change, lang: str) -> str:
    """One change in words, in UI language ``lang``:
    "5. Urgency and time limit — Deadline: 15 January 2027 → 10 January 2027",
    "10. Assistance requested — Measure 2 (…): Period: added"."""
    from .i18n import ui_gettext

    _ = ui_gettext(lang)
    if change.item:
        head = f"{change.section.heading(lang)} \u2014 "
        if change.what == MOVED:
            return head + _("{item} is now number {n}").format(item=change.where, n=change.after)
        return head + (_("added: {item}") if change.what == ADDED else _("removed: {item}")).format(item=change.where)
    head = f"{change.section.heading(lang)} \u2014 {change.where}"
    if change.what == CHANGED:
        return f"{head}: {change.before} \u2192 {change.after}"
    if change.what == ADDED:
        return f"{head}: " + (_("added") if not change.after else _("added ({value})").format(value=change.after))
    return f"{head}: " + (_("removed") if not change.before else _("removed (was {value})").format(value=change.before))


# -- text for the history -------------------------------------------------------------------------


def format_moment(at: str, lang: str) -> str:
    """An event's time as a person reads it, with its UTC offset ("30 Nov 2026, 09:15 (UTC+02:00)")."""
    from babel.dates import format_datetime

    from .languages import babel_locale

    moment = dt.datetime.fromisoformat(at)
    offset = moment.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return f"{format_datetime(moment, 'medium', tzinfo=moment.tzinfo, locale=babel_locale(lang))} ({zone})"


def describe_event(letter: LetterOfRequest, event: ReviewEvent, lang: str, comments: dict[str, Comment] | None = None) -> str:
    """One event in words, in UI language ``lang`` (without who and when)."""
    from .i18n import ui_gettext

    _ = ui_gettext(lang)
    if event.kind == "status":
        text = _("Status: {status}").format(status=status_label(event.status or "", lang))
        number = version_at(letter.review, event)
        if event.snapshot and number is not None:
            text += " " + _("(version {n} kept)").format(n=number)
        elif number is not None and event.status in SNAPSHOT_ON:
            text += " " + _("(unchanged: version {n})").format(n=number)
    elif event.kind == "comment":
        comment = (comments or {}).get(event.comment) or Comment(event)
        text = _("Comment {id} on {target}: {text}").format(id=comment_number(event.comment),
                                                            target=describe_target(letter, comment, lang), text=event.text)
    elif event.kind == "resolve":
        text = _("Comment {id} resolved").format(id=comment_number(event.comment))
    else:
        text = _("Comment {id} reopened").format(id=comment_number(event.comment))
    if event.note:
        text += " \u2014 " + event.note
    return text


def history_lines(letter: LetterOfRequest, lang: str) -> list[str]:
    """The history as lines of text: one per event ("3. 30 Nov 2026, 09:15 (UTC+02:00) — Anna
    Popescu, Head of unit — Status: Returned for changes"), then whether the chain is intact."""
    from .i18n import ui_gettext

    _ = ui_gettext(lang)
    current = state(letter.review)
    comments = {c.id: c for c in current.comments}
    lines = []
    for event in letter.review.events:
        who = ", ".join(p for p in (event.name, event.role) if p)
        lines.append(f"{event.seq + 1}. {format_moment(event.at, lang)} \u2014 {who} \u2014 "
                     f"{describe_event(letter, event, lang, comments)}")
    return lines


def chain_summary(review: Review, lang: str) -> list[str]:
    """One line saying whether the chain is intact, then one per problem."""
    from .i18n import ui_gettext

    _ = ui_gettext(lang)
    problems = verify(review)
    if not problems:
        from .i18n import translations

        count = len(review.events)
        return [translations("ui", lang).ngettext(
            "The history is intact ({count} event); this is tamper-evidence, not a signature.",
            "The history is intact ({count} events); this is tamper-evidence, not a signature.", count).format(count=count)]
    return [_("The history is BROKEN: it was changed outside MLA Writer.")] + [p.localized(lang) for p in problems]


def legacy_events(comments: Iterable[dict[str, Any]], saved_at: str) -> dict[str, Any]:
    """The review of a format-6 draft's ``review_comments`` (path, author, created, text,
    resolved): one comment event each, and a resolution for those resolved, chained.
    Returns the review as JSON data."""
    review = Review()
    letter_like = type("L", (), {"review": review})()
    n = 0
    for old in comments:
        if not isinstance(old, dict) or not isinstance(old.get("text"), str) or not old["text"].strip():
            continue
        created = old.get("created") if isinstance(old.get("created"), str) else saved_at
        try:
            moment = dt.datetime.fromisoformat(created)
            created = (moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)).isoformat(timespec="seconds")
        except ValueError:
            created = saved_at
        n += 1
        actor = Actor(str(old.get("author") or ""), "")
        _append(letter_like, "comment", actor, created, comment=f"c{n}",  # type: ignore[arg-type]
                target=str(old.get("path") or "point:parties"), text=old["text"])
        if old.get("resolved") is True:
            _append(letter_like, "resolve", actor, created, comment=f"c{n}")  # type: ignore[arg-type]
    return review.model_dump(mode="json")
