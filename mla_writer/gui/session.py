"""The open draft: the letter, its file, its latest checklist report, and edit notifications.

Widgets never decide completeness: they write to the model through :func:`set_value`,
call :meth:`Session.touch`, and show what the latest :class:`~mla_writer.checklist.Report`
says. The window runs the checklist on a short debounce after edits.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

_TOKEN = re.compile(r"([A-Za-z_]\w*)|\[(\d+)\]")


def parse_path(path: str) -> list[str | int]:
    """``"assistance[2].procedures.reason"`` -> ``["assistance", 2, "procedures", "reason"]``."""
    return [name if name else int(index) for name, index in _TOKEN.findall(path)]


def join_path(parts: list[str | int]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


def get_value(root: Any, path: str) -> Any:
    value = root
    for part in parse_path(path):
        value = value[part] if isinstance(part, int) else getattr(value, part)
    return value


def set_value(root: Any, path: str, value: Any) -> None:
    parts = parse_path(path)
    parent = root
    for part in parts[:-1]:
        parent = parent[part] if isinstance(part, int) else getattr(parent, part)
    last = parts[-1]
    if isinstance(last, int):
        parent[last] = value
    else:
        setattr(parent, last, value)


def new_letter():
    """An empty letter whose drafting and output languages are the window's language (a
    prosecutor working in a Russian window types Russian); both can be changed on the first step."""
    from ..model import LetterOfRequest
    from .i18n import ui_language

    return LetterOfRequest(drafting_language=ui_language(), output_language=ui_language())


def new_session() -> "Session":
    """A session on a new letter (:func:`new_letter`), filled from the user's office profile
    when the profile asks for it; ``session.office_changes`` lists what the profile filled
    (the steps say so and can take it back)."""
    from ..office import fill_new_letter

    letter = new_letter()
    session = Session(letter)
    session.office_changes = fill_new_letter(letter)
    return session


def untouched(session) -> bool:
    """Whether ``session`` is a new letter nobody has typed in (no file, no edit)."""
    return session is not None and not session.dirty and session.path is None and session.name is None


def empty_letter(letter) -> bool:
    """Whether ``letter`` holds nothing but its drafting and output languages."""
    from ..model import LetterOfRequest

    return letter == LetterOfRequest(drafting_language=letter.drafting_language, output_language=letter.output_language)


def fill_untouched(session) -> list:
    """Fill a new letter that is still empty (no file, no edit, nothing in it: not even an
    earlier filling) from the office profile, as :func:`new_session` would have (when the
    profile asks for it). Returns the changes made (``[]``: nothing filled); the steps then say
    that they were filled when the profile was saved (``session.office_filled_on_save``)."""
    if not untouched(session) or not empty_letter(session.letter):
        return []
    from ..office import fill_new_letter

    changes = fill_new_letter(session.letter)
    if changes:
        session.office_changes = [*session.office_changes, *changes]
        session.office_filled_on_save = True
        session.office_notes.clear()  # the steps say what filled them now, not what a bar said before
    return changes


def adopt_ui_language(session, lang: str) -> bool:
    """Make an untouched new letter (no file, no edit) drafted and output in ``lang``, as if
    it had been started under that UI language. Returns True when it did."""
    if not untouched(session):
        return False
    session.letter.drafting_language = session.letter.output_language = lang
    return True


def shown_text(text, letter) -> str:
    """The text of a multilingual field as the drafter sees it: drafting language first."""
    return text.resolve(letter.drafting_language, letter.output_language)[0]


def stored_letter(session):
    """``session``'s letter without flushing the text still being typed
    (:attr:`Session.stored`), for a session-like object without it its ``letter``."""
    stored = getattr(session, "stored", None)
    return session.letter if stored is None else stored


def parent_path(path: str) -> str | None:
    parts = parse_path(path)
    return join_path(parts[:-1]) if len(parts) > 1 else None


class Session(QObject):
    """One open draft. Signals tell views what changed."""

    edited = Signal()  # the letter was changed by an editor
    report_changed = Signal()  # a new checklist report is available
    languages_changed = Signal()  # drafting or output language changed
    structure_changed = Signal(str)  # a list at this path gained, lost or reordered items
    reloaded = Signal()  # values changed under the editors (not typed in one): views show the letter again
    check_requested = Signal()  # run the checklist now rather than after the edit's debounce

    def __init__(self, letter, path: Path | None = None, parent=None) -> None:
        super().__init__(parent)
        #: Editors whose typed text has not reached the letter yet (:meth:`typing`), by key.
        self._pending: dict = {}
        self.letter = letter
        self.path = path
        #: Shown instead of a file name while there is no file (an example copy, a recovered draft).
        self.name: str | None = None
        self.dirty = False
        self.report = None
        #: what the office profile filled when the letter was started (:func:`new_session`)
        self.office_changes: list = []
        #: what each step's "Fill from my office" bar said last (:class:`~.office.Said`, by the
        #: bar's sections): a step built again, in another UI language, says it again
        self.office_notes: dict = {}
        #: the office changes were made when the profile was saved, not when the letter was started
        self.office_filled_on_save = False
        #: What the file was when it was opened or last saved (storage.Stamp): a save that finds
        #: it changed on disk asks before overwriting. None: not known (nothing is checked).
        self.stamp = None
        #: The letter's content hash (review.content_hash) when it was opened or last saved: a file
        #: changed on disk only in its review (a reviewer's comments) is then merged, not overwritten.
        self.disk_content = ""
        #: The draft's lock (gui.draftlock.DraftLock) while this window edits the file, or None.
        self.lock = None
        #: The key an encrypted draft is saved with (storage.Sealer), or None for a plain draft.
        self.sealer = None
        #: Opened read-only (another window holds the draft): saving asks for another name.
        self.read_only = False

    # -- typed text reaches the letter once per pause, not per keystroke -------------------------
    @property
    def letter(self):
        """The letter, with everything typed so far in it (pending editors are flushed first)."""
        if self._pending:
            self.flush()
        return self._letter

    @letter.setter
    def letter(self, letter) -> None:
        self._letter = letter

    @property
    def stored(self):
        """The letter without the text typed since the editors' last pause (nothing is
        flushed): for reads that typed text cannot change (the review's history), where
        flushing a very long text would cost the window a stall."""
        return self._letter

    @property
    def dirty(self) -> bool:
        """Whether the letter was changed since it was opened or saved (typing pending included)."""
        if self._pending:
            self.flush()
        return self._dirty

    @dirty.setter
    def dirty(self, value: bool) -> None:
        self._dirty = value

    def typing(self, key, flush) -> None:
        """An editor (``key``) holds typed text not yet in the letter; ``flush()`` puts it
        there (and calls :meth:`touch` if it changed anything). Called per keystroke, it costs
        O(1): the text is read once, when the editor flushes after a pause or when anything
        reads :attr:`letter` or :attr:`dirty`."""
        self._pending[key] = flush

    def typed(self, key) -> None:
        """The editor ``key`` flushed its text itself (nothing of it pending any more)."""
        self._pending.pop(key, None)

    def flush(self) -> None:
        """Put every pending editor's text into the letter now."""
        while self._pending:
            key = next(iter(self._pending))
            flush = self._pending.pop(key)
            try:
                flush()
            except RuntimeError:  # its widget was deleted (the step was rebuilt) after a read of the letter
                pass

    def release(self) -> None:
        """Let go of the draft's lock (the draft is closed or replaced)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def touch(self) -> None:
        self.dirty = True
        self.edited.emit()

    def set(self, path: str, value: Any) -> None:
        set_value(self.letter, path, value)
        self.letter.settle_upgrade_notes(path)  # a value the format upgrade could not convert, entered again
        self.touch()

    def change(self, apply, lists=()) -> None:
        """Change the letter by ``apply(letter)`` rather than through one editor (clearing what
        an answer hides): marked as an edit like any other; ``lists`` are the lists it changed.
        The caller emits :attr:`reloaded` once the change is complete."""
        apply(self.letter)
        for path in lists:
            self.structure_changed.emit(path)
        self.touch()

    def get(self, path: str) -> Any:
        return get_value(self.letter, path)

    def problems_at(self, path: str) -> list:
        if self.report is None:
            return []
        return [p for p in self.report.problems() if p.path == path]
