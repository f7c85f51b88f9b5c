"""The office profile: the user's State, authority, officer, return address and signature, saved once.

A prosecutor sends many letters from the same office. What the requesting State, points 1
and 4 and the signature say about that office is kept in a profile (Preferences -> My office) and offered in every letter,
so that it is never typed again.

What an office holds
    :class:`Office` reuses the letter's own models (:class:`~mla_writer.model.Authority`,
    :class:`~mla_writer.model.Officer`, ...), and :data:`PARTS` says where each part goes in
    a letter. The fields a profile offers are the letter's *declared* fields under those
    paths (:func:`office_fields`): their labels, kinds and order come from
    :mod:`mla_writer.fields`, never from here. Free text is held per language, as in the
    letter; the application never translates it.

Where offices come from
    An :class:`OfficeSource` lists offices. The user's profile (:class:`ProfileSource`) is
    one source; a State pack can later register another (a list of the country's
    prosecution offices) with :func:`register_source`, and the wizard's "Fill from my
    office" reads every registered source through :func:`available_offices`.

Filling a letter
    :func:`plan_fill` compares an office with a letter: values the letter does not hold
    yet are *fills*, values it holds differently are *conflicts* (never overwritten unless
    the caller passes them on after asking the user). :func:`apply_changes` applies a list
    of :class:`Change` and :func:`undo_changes` takes them back.

The file
    ``office.json`` in the user's configuration folder (platformdirs; the environment
    variable ``MLA_WRITER_CONFIG_DIR`` names another folder), UTF-8 JSON, written
    atomically with mode 0600 (it names a person and their direct line). A damaged file is
    reported by :class:`OfficeError` (one line, in the UI language) and kept as it is;
    saving a new profile keeps the previous file as ``office.json.bak``.

No Qt here: the wizard, the command line and tests read the same functions.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, NamedTuple, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import fields
from .i18n import N_
from .model import MLText
from .model.letter import AcknowledgementReturn, Authority, CountryCode, Officer, Signatory
from .model.text import CleanStr
from .storage import DraftError, _Localizable, atomic_write_text, parse_json
from .storage.files import read_regular_file

#: Where each part of an office goes in a letter: office attribute -> path in the letter.
PARTS: dict[str, str] = {
    "requesting_state": "requesting_state",
    "requesting_authority": "identification.requesting_authority",
    "officer": "identification.officer",
    "acknowledgement": "acknowledgement",
    "place": "place",
    "signatory": "signatory",
}

#: The checklist sections whose fields an office fills (the wizard's steps that offer it).
SECTIONS: tuple[str, ...] = ("parties", "identification", "acknowledgement", "closing")

FILE_NAME = "office.json"
FORMAT_NAME = "mla-writer-office"
#: Largest profile file read (a profile is a few kilobytes).
MAX_FILE_BYTES = 1_000_000
#: Permission bits of the profile file: read and written by its owner only.
FILE_MODE = 0o600


def _ml() -> MLText:
    return MLText()


class Office(BaseModel):
    """One office: what the requesting State, points 1 and 4 and the signature say about it.

    ``label`` is how a pick-list names the office (a State pack's list of offices); the
    user's own profile may leave it empty. Text fields hold one text per language.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    label: CleanStr = ""
    requesting_state: CountryCode = ""
    requesting_authority: Authority = Field(default_factory=Authority)
    officer: Officer = Field(default_factory=Officer)
    acknowledgement: AcknowledgementReturn = Field(default_factory=AcknowledgementReturn)
    place: MLText = Field(default_factory=_ml)
    signatory: Signatory = Field(default_factory=Signatory)

    def is_empty(self) -> bool:
        """True when no field of the office holds anything."""
        return all(fields.is_empty(self.value(f.office_path)) for f in office_fields())

    def value(self, office_path: str) -> Any:
        """The value at ``office_path`` (``"officer.position"``). Raises AttributeError for an unknown path."""
        return fields.value_at(self, office_path)

    def languages(self) -> list[str]:
        """The languages in which the office holds some text, in registry order."""
        held: set[str] = set()
        for f in office_fields():
            value = self.value(f.office_path)
            if isinstance(value, MLText):
                held.update(value.languages())
        from .languages import languages

        return [lang for lang in languages() if lang in held]


class Profile(BaseModel):
    """The profile file: the user's office and whether a new letter starts filled from it."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["mla-writer-office"] = FORMAT_NAME
    format_version: Literal[1] = 1
    fill_new_letters: bool = True
    office: Office = Field(default_factory=Office)


# -- the declared fields an office holds -----------------------------------------------------------


class OfficeField(NamedTuple):
    """A declared field of the letter that an office holds.

    ``decl`` the declaration (label, kind, lines); ``office_path`` where the office holds it
    (``"officer.position"``); ``section`` the checklist section (``"identification"``);
    ``group`` the msgid of the heading the wizard shows above it in the letter, on the first
    office field under that heading (else None).
    """

    decl: fields.Field
    office_path: str
    section: str
    group: str | None


def office_path_of(letter_path: str) -> str | None:
    """``"identification.officer.email"`` -> ``"officer.email"``; None for a path no office holds."""
    for part, prefix in PARTS.items():
        if letter_path == prefix or letter_path.startswith(prefix + "."):
            return part + letter_path[len(prefix):]
    return None


def office_fields(sections: Iterable[str] = SECTIONS) -> list[OfficeField]:
    """The declared fields an office holds, in the order of the declarations, for ``sections``."""
    out: list[OfficeField] = []
    for sid in sections:
        group, shown = None, None
        for decl in fields.SECTION_FIELDS[sid]:
            if decl.group:
                group = decl.group
            office_path = office_path_of(decl.path)
            if office_path is None or "[" in decl.path:
                continue
            out.append(OfficeField(decl, office_path, sid, group if group != shown else None))
            shown = group
    return out


# -- errors and the file ----------------------------------------------------------------------------


class OfficeError(DraftError):
    """The profile file cannot be read or written. ``str(error)`` is one line in English;
    ``localized(lang)`` gives it in a UI language."""


class _Problem(_Localizable):
    def __init__(self, message: str, **params: Any) -> None:
        self.message, self.params = message, params

    def localized(self, lang: str) -> str:
        from .i18n import ui_gettext

        params = {k: (v.localized(lang) if isinstance(v, (_Localizable, DraftError)) else v) for k, v in self.params.items()}
        return ui_gettext(lang)(self.message).format(**params)


DAMAGED = N_("Your office profile ({source}) is damaged and was not read: {problem}. "
             "Fill it in again under Preferences \u2192 My office; saving keeps the damaged file as {backup}.")


def config_dir() -> Path:
    """The folder of the user's settings files (``MLA_WRITER_CONFIG_DIR`` if set)."""
    override = os.environ.get("MLA_WRITER_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("MLA Writer", appauthor=False))


def profile_path() -> Path:
    """Where the user's office profile is kept."""
    return config_dir() / FILE_NAME


def load_profile(path: str | os.PathLike[str] | None = None) -> Profile:
    """Read the profile at ``path`` (default :func:`profile_path`); an empty :class:`Profile`
    when there is no file yet.

    Raises :class:`OfficeError` when the file cannot be read or is not a profile (invalid
    JSON, a wrong shape, a value of the wrong kind); the file is left untouched.
    """
    path = Path(path) if path is not None else profile_path()
    source, backup = str(path), path.name + ".bak"
    try:
        data = read_regular_file(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        return Profile()
    except OSError as exc:
        raise OfficeError(N_("Your office profile ({source}) cannot be read: {reason}."), source=source,
                          reason=exc.strerror or str(exc)) from None
    if len(data) > MAX_FILE_BYTES:
        problem = _Problem(N_("it is larger than any profile"))
    else:
        problem = None
        try:
            raw = parse_json(data.decode("utf-8"), path.name)
            if not isinstance(raw, dict) or raw.get("format") != FORMAT_NAME:
                problem = _Problem(N_("it is not an office profile of MLA Writer"))
            else:
                return Profile.model_validate(raw)
        except UnicodeDecodeError:
            problem = _Problem(N_("it is not a text file"))
        except json.JSONDecodeError as exc:
            problem = _Problem(N_("it is not valid JSON (line {line}, column {column})"), line=exc.lineno, column=exc.colno)
        except DraftError as exc:
            problem = _Problem("{inner}", inner=exc)
        except ValidationError as exc:
            where = ".".join(str(p) for p in exc.errors()[0]["loc"])
            problem = _Problem(N_("the value of {field} is not valid"), field=where)
        except RecursionError:
            problem = _Problem(N_("it is nested too deeply"))
    raise OfficeError(DAMAGED, source=source, problem=problem, backup=backup)


def save_profile(profile: Profile, path: str | os.PathLike[str] | None = None) -> Path:
    """Write ``profile`` to ``path`` (default :func:`profile_path`) atomically, mode 0600,
    keeping the previous file as ``office.json.bak``; return the path written.

    Raises ``OSError`` when the folder or the file cannot be written (nothing then changed).
    """
    path = Path(path) if path is not None else profile_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = json.dumps(profile.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"
    atomic_write_text(path, text, backup=True, mode=FILE_MODE)
    return path


# -- where offices come from ------------------------------------------------------------------------


class OfficeSource(Protocol):
    """Something that offers offices: the user's profile, later a State pack's list.

    ``title`` is a msgid (domain "ui") naming the source in a menu. :meth:`offices` returns
    the offices it offers (none empty) and raises :class:`OfficeError` when it cannot be read.
    """

    title: str

    def offices(self) -> list[Office]: ...


class ProfileSource:
    """The user's own office, from the profile file."""

    title = N_("My office")

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = path

    def offices(self) -> list[Office]:
        office = load_profile(self.path).office
        return [] if office.is_empty() else [office]


_SOURCES: list[OfficeSource] = [ProfileSource()]


def register_source(source: OfficeSource) -> None:
    """Offer ``source``'s offices too (after those already registered)."""
    _SOURCES.append(source)


def unregister_source(source: OfficeSource) -> None:
    if source in _SOURCES:
        _SOURCES.remove(source)


def sources() -> list[OfficeSource]:
    return list(_SOURCES)


def available_offices() -> list[tuple[OfficeSource, Office]]:
    """Every office the registered sources offer, in registration order.

    Raises :class:`OfficeError` when a source cannot be read (the user's profile is damaged).
    """
    return [(source, office) for source in _SOURCES for office in source.offices()]


# -- filling a letter ---------------------------------------------------------------------------------


class Change(NamedTuple):
    """One value an office puts into a letter.

    ``path`` the concrete path in the letter; ``lang`` the language of a text (None for a
    value kept as written); ``old`` what the letter held (``""`` or ``[]`` when empty);
    ``new`` what the office holds.
    """

    path: str
    lang: str | None
    old: Any
    new: Any


class FillPlan(NamedTuple):
    """What filling a letter from an office would do: ``fills`` where the letter holds
    nothing yet, ``conflicts`` where it holds something else (the user decides)."""

    fills: list[Change]
    conflicts: list[Change]


def _changes(letter: Any, office: Office, sections: Iterable[str]) -> Iterator[tuple[Change, bool]]:
    for f in office_fields(sections):
        given = office.value(f.office_path)
        if fields.is_empty(given) or not fields.applies(letter, f.decl, None):
            continue  # nothing to offer, or the letter's answer hides the field (officer withheld)
        held = fields.value_at(letter, f.decl.path)
        if isinstance(given, MLText):
            for lang in given.languages():
                old, new = held.get(lang), given.get(lang)
                if old != new:
                    yield Change(f.decl.path, lang, old, new), not old
        elif held != given:
            yield Change(f.decl.path, None, held if not isinstance(held, list) else list(held),
                         given if not isinstance(given, list) else list(given)), fields.is_empty(held)


def plan_fill(letter: Any, office: Office, sections: Iterable[str] = SECTIONS) -> FillPlan:
    """Compare ``office`` with ``letter`` for the fields of ``sections`` (default: points 1, 4
    and the closing section). Fields hidden by the letter's answers are left out."""
    plan = FillPlan([], [])
    for change, empty in _changes(letter, office, tuple(sections)):
        (plan.fills if empty else plan.conflicts).append(change)
    return plan


def missing_languages(of: Office, langs: Iterable[str], sections: Iterable[str] = SECTIONS) -> list[str]:
    """Those of ``langs`` (a letter's drafting and output languages) in which some text of
    ``of`` for ``sections`` is not given while it is given in another language."""
    texts = [v for f in office_fields(sections) if isinstance(v := of.value(f.office_path), MLText) and v]
    return [lang for lang in dict.fromkeys(langs) if any(lang not in text for text in texts)]


def _put(letter: Any, change: Change, value: Any) -> None:
    if change.lang is None:
        owner_path, name = change.path.rsplit(".", 1) if "." in change.path else ("", change.path)
        owner = fields.value_at(letter, owner_path) if owner_path else letter
        setattr(owner, name, list(value) if isinstance(value, list) else value)
    else:
        fields.value_at(letter, change.path).set(change.lang, value)


def apply_changes(letter: Any, changes: Iterable[Change]) -> list[Change]:
    """Put each change's ``new`` value into ``letter``; return the changes applied."""
    done = []
    for change in changes:
        _put(letter, change, change.new)
        done.append(change)
    return done


def _current(letter: Any, change: Change) -> Any:
    value = fields.value_at(letter, change.path)
    return value.get(change.lang) if change.lang is not None else value


def undo_changes(letter: Any, changes: Iterable[Change]) -> list[Change]:
    """Take back :func:`apply_changes`: each value becomes what it was (``old``), unless it was
    changed since (what the user typed afterwards is never undone). Returns the changes taken back."""
    undone = []
    for change in reversed(list(changes)):
        if _current(letter, change) == change.new:
            _put(letter, change, change.old)
            undone.append(change)
    return undone


def _copy(value: Any) -> Any:
    return value.model_copy(deep=True) if isinstance(value, BaseModel) else list(value) if isinstance(value, list) else value


def put_into(letter: Any, of: Office) -> None:
    """Set every field of ``letter`` an office holds to ``of``'s value (replacing what it held)."""
    for f in office_fields():
        fields._assign(letter, f.decl.path, _copy(of.value(f.office_path)))


def office_from(letter: Any, label: str = "") -> Office:
    """The office ``letter`` describes: its values at the paths an office holds (the reverse
    of :func:`put_into`)."""
    result = Office(label=label)
    for f in office_fields():
        fields._assign(result, f.office_path, _copy(fields.value_at(letter, f.decl.path)))
    return result


def fill_new_letter(letter: Any, path: str | os.PathLike[str] | None = None) -> list[Change]:
    """Fill a new, empty ``letter`` from the user's profile when the profile asks for it
    (:attr:`Profile.fill_new_letters`); return the changes made (none when the profile is
    empty, switched off, missing or damaged: a new letter never fails)."""
    try:
        profile = load_profile(path)
    except OfficeError:
        return []
    if not profile.fill_new_letters or profile.office.is_empty():
        return []
    return apply_changes(letter, plan_fill(letter, profile.office).fills)
