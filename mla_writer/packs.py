"""State packs: a requesting State's authorities, letterhead, offences and legal bases, and
what each requested State requires (requested-State profiles).

The file
    One TOML file (read with :mod:`tomllib`), documented with a full example in
    ``docs/state-packs.md``. Its tables: ``[pack]`` (format, id, title, kind), the
    ``[requesting_state]``, an optional ``letterhead`` (a reference .docx beside the file),
    ``[[authorities]]``, ``[[offences]]``, ``[[legal_bases]]`` and ``[[profiles]]`` (one per
    requested State). Texts are tables by language: ``name = { en = "...", fr = "..." }``.

Two kinds
    A *national* pack (``kind = "national"``) is complete. *Local additions*
    (``kind = "local"``, ``extends = "<national pack id>"``) hold only what an office adds or
    changes: an entry with the same ``id`` (a profile: the same ``state``) overrides the
    national one field by field, a text language by language; a new id adds an entry.
    :func:`merge` keeps, for every value, the pack it came from (:attr:`Merged.origins`).

Validation
    :func:`read_pack` parses and validates a file; :func:`validate_file` also merges local
    additions with their national pack. Every problem is a :class:`PackProblem` naming the
    entry (``offence "theft"``, ``profile of FR``) and the field; :class:`PackError` holds
    them all. Nothing of an invalid pack is ever installed.

Installed packs
    :func:`install` copies a valid pack (and its letterhead) into the user's data folder
    (platformdirs; ``MLA_WRITER_DATA_DIR`` names another), all or nothing: the pack is
    written to a staging folder and renamed into place. :func:`active` is the merge of the
    installed packs (cached; None when none is installed); the checklist (point 14), the
    renderer (letterhead) and the wizard read it.

No Qt here.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import threading
import tomllib
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, StringConstraints, ValidationError,
                      field_validator, model_validator)
from pydantic_core import PydanticCustomError

from . import states, vocab
from .i18n import N_
from .model.letter import CountryCode
from .model.text import CleanStr
from .model.values import LanguageCode, vocabulary_type

FORMAT_NAME = "mla-writer-state-pack"
FORMAT_VERSION = 1
#: Largest pack file read (a national pack with a long offence catalogue is well under this).
MAX_FILE_BYTES = 5_000_000
#: A profile last verified longer ago than this (days) gets an advisory warning, unless a pack says otherwise.
DEFAULT_MAX_AGE_DAYS = 365
PACK_FILE = "pack.toml"
LETTERHEAD_FILE = "letterhead.docx"
#: Beside an installed pack: the file it was imported from and its letterhead's own name (JSON).
IMPORTED_FILE = "imported.json"

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]


def _known_language(code: str) -> str:
    from babel import Locale

    if code not in Locale("en").languages:
        raise PydanticCustomError("unknown_language", "{value} is not a language code", {"value": code})
    return code


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty_text", "the text is empty")
    return value


#: An ISO 639 code CLDR knows ("ro", "gag"; not "xx").
KnownLanguage = Annotated[LanguageCode, AfterValidator(_known_language)]
#: Text per language: ``{"en": "...", "ro": "..."}`` (any known ISO 639 code: a pack may hold the
#: State's own language); no text may be empty.
Text = dict[KnownLanguage, Annotated[CleanStr, AfterValidator(_not_blank)]]

Condition = vocabulary_type(vocab.LANGUAGE_CONDITION)
Channel = vocabulary_type(vocab.TRANSMISSION_CHANNEL)
Means = vocabulary_type(vocab.TRANSMISSION_MEANS)
MeasureKind = vocabulary_type(vocab.ASSISTANCE_KIND)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _state_code(value: str) -> str:
    if value and not states.is_state(value):
        raise PydanticCustomError("unknown_state", "{value} is not the code of a State", {"value": value})
    return value


class PackInfo(_Strict):
    """``[pack]``: what the file is."""

    format: Literal["mla-writer-state-pack"]
    format_version: Literal[1]
    id: Identifier
    title: CleanStr = Field(min_length=1)
    kind: Literal["national", "local"] = "national"
    extends: Identifier | None = None
    publisher: CleanStr = ""
    fictional: StrictBool = False
    profile_max_age_days: StrictInt | None = Field(default=None, ge=1, le=36500)


class RequestingState(_Strict):
    """``[requesting_state]``: the State the pack's authorities belong to."""

    code: CountryCode
    #: languages in which the State itself accepts requests (what "only on reciprocity" is checked against)
    accepts_languages: list[KnownLanguage] = []

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return _state_code(value)


class PackAuthority(_Strict):
    """``[[authorities]]``: an authority of the requesting State, offered in points 1 and 4 and the signature."""

    id: Identifier
    name: Text = Field(min_length=1)
    address: CleanStr = ""
    latin_address: CleanStr = ""
    phone: CleanStr = ""
    email: CleanStr = ""
    signatory_title: Text = {}


class PackOffence(_Strict):
    """``[[offences]]``: an offence of the requesting State's law, offered in point 9."""

    id: Identifier
    name: Text = Field(min_length=1)
    provision: Text = Field(min_length=1)
    max_penalty: Text = Field(min_length=1)
    law_text: Text = {}


class PackLegalBasis(_Strict):
    """``[[legal_bases]]`` (and a profile's ``legal_bases``): a convention of the catalogue
    (``instrument``, ``resources/instruments.json``) or a bilateral treaty (``title``)."""

    instrument: CleanStr = ""
    title: Text = {}
    date: dt.date | None = None
    articles: CleanStr = ""

    @field_validator("instrument")
    @classmethod
    def _known(cls, value: str) -> str:
        if value:
            from .catalogue import instruments

            if value not in instruments():
                raise PydanticCustomError("unknown_instrument", "{value} is not an instrument of the catalogue",
                                          {"value": value})
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> "PackLegalBasis":
        if bool(self.instrument) == bool(self.title):
            raise PydanticCustomError("one_kind", "give either an instrument of the catalogue or the title of a treaty")
        return self


class LanguageRule(_Strict):
    """A language a requested State accepts, and when."""

    language: KnownLanguage
    condition: Condition = "always"
    note: Text = {}


class MeasureDocuments(_Strict):
    """Documents a requested State requires for one kind of measure (point 10)."""

    measure: MeasureKind
    documents: Text = Field(min_length=1)


class CentralAuthority(_Strict):
    name: Text = Field(min_length=1)
    address: CleanStr = Field(min_length=1)
    latin_address: CleanStr = ""
    phone: CleanStr = ""
    email: CleanStr = ""


class StateProfile(_Strict):
    """``[[profiles]]``: what one requested State requires."""

    state: CountryCode = Field(min_length=2)
    central_authority: CentralAuthority
    languages: list[LanguageRule] = Field(min_length=1)
    channels: list[Channel] = []
    means: list[Means] = []
    e_signature_required: StrictBool = False
    encryption_required: StrictBool = False
    double_criminality: Text = {}
    use_limitation: Text = {}
    documents: list[MeasureDocuments] = []
    legal_bases: list[PackLegalBasis] = []
    notes: Text = {}
    source: CleanStr = Field(min_length=1)
    last_verified: dt.date

    @field_validator("state")
    @classmethod
    def _code(cls, value: str) -> str:
        return _state_code(value)

    @field_validator("last_verified")
    @classmethod
    def _not_future(cls, value: dt.date) -> dt.date:
        if value > dt.date.today():
            raise PydanticCustomError("future_date", "the date is in the future")
        return value

    def rule(self, language: str) -> LanguageRule | None:
        """The rule for ``language``, or None when the State does not accept it."""
        return next((r for r in self.languages if r.language == language), None)

    def proposed_language(self, offered: tuple[str, ...]) -> str | None:
        """The first of ``offered`` (the letter's possible output languages) the State accepts
        always, else under any condition; None when it accepts none of them."""
        for wanted in ("always", None):
            for r in self.languages:
                if r.language in offered and (wanted is None or r.condition == wanted):
                    return r.language
        return None


class Pack(_Strict):
    """A whole pack (national, or national and local additions merged)."""

    pack: PackInfo
    requesting_state: RequestingState | None = None
    letterhead: CleanStr = ""
    authorities: list[PackAuthority] = []
    offences: list[PackOffence] = []
    legal_bases: list[PackLegalBasis] = []
    profiles: list[StateProfile] = []

    def profile(self, code: str) -> StateProfile | None:
        return next((p for p in self.profiles if p.state == code), None)

    @property
    def max_age_days(self) -> int:
        return self.pack.profile_max_age_days or DEFAULT_MAX_AGE_DAYS


# -- problems -----------------------------------------------------------------------------------------


class PackProblem:
    """One thing wrong with a pack: ``entry`` (``offence "theft"``, ``profile of FR``, ``[pack]``)
    and ``field`` (``max_penalty``, ``languages[2].condition``; may be empty) and what is wrong.
    ``str()`` is English; :meth:`localized` gives it in a UI language."""

    def __init__(self, entry: tuple[str, dict[str, Any]], fieldname: str, message: str, **params: Any) -> None:
        self.entry, self.field, self.message, self.params = entry, fieldname, message, params

    def localized(self, lang: str) -> str:
        from .i18n import ui_gettext

        _ = ui_gettext(lang)

        def resolved(params: dict[str, Any]) -> dict[str, Any]:  # a callable param is named in the UI language
            return {k: (v(lang) if callable(v) else v) for k, v in params.items()}

        text = _(self.message).format(**resolved(self.params))
        if not self.entry[0]:  # the file as a whole: the message is a sentence of its own
            return text
        entry = _(self.entry[0]).format(**resolved(self.entry[1]))
        if self.field:
            return _("{entry}, field \u201c{field}\u201d: {problem}").format(entry=entry, field=self.field, problem=text)
        return _("{entry}: {problem}").format(entry=entry, problem=text)

    def __str__(self) -> str:
        return self.localized("en")

    __repr__ = __str__


class PackError(Exception):
    """A pack that cannot be read, validated or installed: ``problems`` (at least one) and the ``source`` file."""

    def __init__(self, source: str, problems: list[PackProblem]) -> None:
        super().__init__(f"{source}: " + "; ".join(str(p) for p in problems))
        self.source, self.problems = source, problems

    def localized(self, lang: str) -> list[str]:
        return [p.localized(lang) for p in self.problems]


FILE_ENTRY = ("", {})  # messages about the whole file are sentences of their own ("The file is not valid TOML")
PACK_ENTRY = (N_("The [pack] table"), {})
STATE_ENTRY = (N_("The requesting State"), {})
WHOLE_ENTRY = (N_("The pack"), {})
#: How a list's entry is named in a message: list name -> (msgid, key of the entry's identifier).
_ENTRIES = {
    "authorities": (N_("Authority \u201c{id}\u201d"), N_("Authority no. {n}"), "id"),
    "offences": (N_("Offence \u201c{id}\u201d"), N_("Offence no. {n}"), "id"),
    "legal_bases": (N_("Legal basis \u201c{id}\u201d"), N_("Legal basis no. {n}"), "instrument"),
    "profiles": (N_("Profile {state_of} ({id})"), N_("Profile no. {n}"), "state"),
}


def _state_named(code: str):
    """A callable giving "of Spain" for ``code`` in a UI language (for a message's params)."""
    def named(lang: str) -> str:
        from .states import form

        return form(code, lang, "de")
    return named


def _profile_entry(code: str) -> tuple[str, dict[str, Any]]:
    """``Profile of Spain (ES)`` (the State named in the UI language), ``Profile of XX`` for a code that is no State's."""
    if not states.is_state(code):
        return N_("Profile of {id}"), {"id": code}
    return _ENTRIES["profiles"][0], {"id": code, "state_of": _state_named(code)}

#: Pydantic error types -> our own message (msgid; ``{detail}`` is pydantic's English text).
_MESSAGES = {
    "missing": N_("this field is required"),
    "extra_forbidden": N_("this field is unknown (check its spelling in docs/state-packs.md)"),
    "literal_error": N_("the value must be one of: {expected}"),
    "string_pattern_mismatch": N_("the value has the wrong form"),
    "too_short": N_("the value must not be empty"),
    "string_too_short": N_("the value must not be empty"),
    "bool_type": N_("the value must be true or false"),
    "bool_parsing": N_("the value must be true or false"),
    "int_type": N_("the value must be a whole number"),
    "int_parsing": N_("the value must be a whole number"),
    "date_type": N_("the value must be a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": N_("the value must be a date (YYYY-MM-DD)"),
    "date_parsing": N_("the value must be a date (YYYY-MM-DD)"),
    "string_type": N_("the value must be text in quotes, for example \"Article 186\""),
    "list_type": N_("the value must be a list in square brackets, for example [\"fr\", \"en\"]"),
    "dict_type": N_("the value must be texts by language in braces, for example {{ en = \"Theft\", fr = \"Vol\" }}"),
    "model_type": N_("the value must be a table in braces, for example {{ name = {{ en = \"\u2026\" }}, address = \"\u2026\" }}"),
    "model_attributes_type": N_("the value must be a table in braces, for example {{ name = {{ en = \"\u2026\" }}, address = \"\u2026\" }}"),
    "unknown_language": N_("\u201c{value}\u201d is not a language code (ISO 639, for example \u201cen\u201d, \u201cro\u201d)"),
    "empty_text": N_("the text is empty: write it, or leave out this language"),
    "unknown_state": N_("\u201c{value}\u201d is not the code of a State (ISO 3166-1, for example \u201cFR\u201d)"),
    "unknown_instrument": N_("\u201c{value}\u201d is not an instrument of the catalogue (see docs/state-packs.md for the ids)"),
    "one_kind": N_("give either an instrument of the catalogue or the title of a treaty"),
    "future_date": N_("the date is in the future"),
    "greater_than_equal": N_("the value is too small"),
    "less_than_equal": N_("the value is too large"),
}
OTHER = N_("{detail}")


def _entry_of(raw: Any, loc: tuple[Any, ...]) -> tuple[tuple[str, dict[str, Any]], tuple[Any, ...]]:
    """(entry name, remaining location) of a pydantic error location."""
    if not loc:
        return WHOLE_ENTRY, ()
    head = loc[0]
    if head == "pack":
        return PACK_ENTRY, loc[1:]
    if head == "requesting_state":
        return STATE_ENTRY, loc[1:]
    if head in _ENTRIES and len(loc) > 1 and isinstance(loc[1], int):
        named, numbered, key = _ENTRIES[head]
        item = raw.get(head, [])[loc[1]] if isinstance(raw, dict) and isinstance(raw.get(head), list) else None
        ident = item.get(key) if isinstance(item, dict) else None
        if isinstance(ident, str) and ident:
            if head == "profiles":
                return _profile_entry(ident), loc[2:]
            return (named, {"id": ident}), loc[2:]
        return (numbered, {"n": loc[1] + 1}), loc[2:]
    return WHOLE_ENTRY, loc


def _field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif not isinstance(part, str) or part.startswith(("function-", "function_")):
            continue
        else:
            out += ("." if out else "") + part
    return out


def _problems(raw: Any, error: ValidationError) -> list[PackProblem]:
    out = []
    for err in error.errors():
        entry, rest = _entry_of(raw, tuple(err["loc"]))
        message = _MESSAGES.get(err["type"], OTHER)
        if err["type"] == "string_pattern_mismatch":
            last = next((p for p in reversed(rest) if isinstance(p, str)), "")
            if last in ("id", "extends"):
                message = N_("an identifier is lower-case letters, digits, \u201c-\u201d and \u201c_\u201d (at most 64)")
            elif last in ("code", "state"):
                message = N_("the value must be a two-letter State code (ISO 3166-1)")
            elif last in ("language", "accepts_languages") or rest[-2:-1] == ("accepts_languages",):
                message = N_("the value must be a language code (ISO 639: two or three letters)")
        elif err["type"] == "extra_forbidden" and rest:
            misplaced = _misplaced(rest)
            if misplaced:
                message = misplaced
        ctx = dict(err.get("ctx") or {})
        detail = err.get("msg", "").removeprefix("Value error, ")
        if err["type"] == "literal_error":
            if tuple(rest) == ("format_version",):
                message = N_("this pack is format version {found}; this MLA Writer reads version {version}")
                ctx.update(found=err.get("input"), version=FORMAT_VERSION)
            else:
                ctx["expected"] = _choices(ctx.get("expected", ""))
        out.append(PackProblem(entry, _field_path(rest), message, **{"detail": detail, "expected": "", **ctx}))
    return out


def _choices(expected: str):
    """pydantic's "'national' or 'local'" as a callable naming the choices in a UI language's list
    ("\u201cnational\u201d or \u201clocal\u201d", "\u00abnational\u00bb или \u00ablocal\u00bb")."""
    import re

    values = re.findall(r"'([^']*)'", expected) or [expected]

    def named(lang: str) -> str:
        from babel.lists import format_list

        from .languages import babel_locale

        return format_list([f"\u201c{v}\u201d" for v in values], style="or", locale=babel_locale(lang))
    return named


#: Fields of the file's top level (written before ``[pack]``) and of ``[pack]``.
_TOP_LEVEL = {"letterhead"}
_PACK_FIELDS = set(PackInfo.model_fields)


def _misplaced(rest: tuple[Any, ...]) -> str | None:
    """For an unknown field that is known elsewhere: where it belongs (msgid), else None."""
    name = rest[-1] if isinstance(rest[-1], str) else ""
    if name in _TOP_LEVEL:
        return N_("this field belongs at the top of the file, before the [pack] table (a field written after a "
                  "[table] heading belongs to that table)")
    if len(rest) == 1 and name in _PACK_FIELDS:
        return N_("this field belongs in the [pack] table")
    return None


def _semantic(pack: Pack) -> list[PackProblem]:
    """What the schema cannot say: duplicate ids, a profile of the pack's own State, a pack without a State."""
    out: list[PackProblem] = []
    for name in ("authorities", "offences"):
        named = _ENTRIES[name][0]
        seen: set[str] = set()
        for item in getattr(pack, name):
            if item.id in seen:
                out.append(PackProblem((named, {"id": item.id}), "id", N_("another entry has the same id")))
            seen.add(item.id)
    seen = set()
    for prof in pack.profiles:
        entry = _profile_entry(prof.state)
        if prof.state in seen:
            out.append(PackProblem(entry, "state", N_("another profile is for the same State")))
        seen.add(prof.state)
        if pack.requesting_state and prof.state == pack.requesting_state.code:
            out.append(PackProblem(entry, "state", N_("this is the requesting State of the pack")))
        langs = [r.language for r in prof.languages]
        if len(set(langs)) != len(langs):
            out.append(PackProblem(entry, "languages", N_("a language is listed twice")))
    if pack.pack.kind == "national" and pack.requesting_state is None:
        out.append(PackProblem(STATE_ENTRY, "", N_("a national pack must name its requesting State")))
    if pack.pack.kind == "local" and not pack.pack.extends:
        out.append(PackProblem(PACK_ENTRY, "extends", N_("local additions must name the national pack they extend")))
    if pack.pack.kind == "national" and pack.pack.extends:
        out.append(PackProblem(PACK_ENTRY, "extends", N_("only local additions extend another pack")))
    return out


# -- reading ------------------------------------------------------------------------------------------


def read_raw(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The TOML table of the file at ``path``. Raises :class:`PackError` (unreadable, too large,
    not UTF-8, not TOML with line and column, not a State pack)."""
    path = Path(path)
    source = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise PackError(source, [PackProblem(FILE_ENTRY, "", N_("The file cannot be read: {reason}."),
                                             reason=exc.strerror or str(exc))]) from None
    if len(data) > MAX_FILE_BYTES:
        raise PackError(source, [PackProblem(FILE_ENTRY, "", N_("The file is larger than any State pack."))])
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise PackError(source, [PackProblem(FILE_ENTRY, "", N_("The file is not a text file in UTF-8."))]) from None
    except tomllib.TOMLDecodeError as exc:
        import re

        where = re.search(r"at line (\d+), column (\d+)", str(exc))
        if where:
            problem = PackProblem(FILE_ENTRY, "", N_("The file is not valid TOML (line {line}, column {column})."),
                                  line=int(where.group(1)), column=int(where.group(2)))
        else:
            problem = PackProblem(FILE_ENTRY, "", N_("The file is not valid TOML (it ends too early)."))
        raise PackError(source, [problem]) from None
    info = raw.get("pack")
    if not isinstance(info, dict) or info.get("format") != FORMAT_NAME:
        raise PackError(source, [PackProblem(PACK_ENTRY, "format", N_("this is not a State pack of MLA Writer "
                                                                       "(format = \u201c{format}\u201d is missing)"),
                                             format=FORMAT_NAME)])
    return raw


def _validate(raw: dict[str, Any], source: str, base_dir: Path | None) -> Pack:
    try:
        pack = Pack.model_validate(raw)
    except ValidationError as exc:
        raise PackError(source, _problems(raw, exc)) from None
    problems = _semantic(pack)
    if pack.letterhead and base_dir is not None:
        letterhead = base_dir / pack.letterhead
        problem = _letterhead_problem(letterhead, pack.letterhead)
        if problem:
            problems.append(PackProblem(WHOLE_ENTRY, "letterhead", problem[0], **problem[1]))
    if problems:
        raise PackError(source, problems)
    return pack


def _letterhead_problem(path: Path, named: str) -> tuple[str, dict[str, Any]] | None:
    """What is wrong with the letterhead at ``path`` (``named`` as the pack names it): (msgid,
    params), or None when it is a usable reference .docx."""
    if not path.is_file():
        return N_("the letterhead \u201c{file}\u201d is not beside the pack file"), {"file": named}
    try:
        from docx import Document
        from docx.styles import BabelFish

        from .render.docx_writer import _W, REQUIRED_STYLES

        doc = Document(str(path))
        names = set()
        for style in doc.styles.element.findall(_W + "style"):
            name_el = style.find(_W + "name")
            if name_el is not None:
                names.add(BabelFish.internal2ui(name_el.get(_W + "val", "")).casefold())
    except Exception:  # zip, package or XML errors: not a usable .docx (no class names for the user)
        return N_("the letterhead \u201c{file}\u201d is not a Word (.docx) file that can be read"), {"file": named}
    missing = [name for name in REQUIRED_STYLES if name.casefold() not in names]
    if missing:
        return (N_("the letterhead \u201c{file}\u201d lacks styles the letter needs: {styles} (see templates/README.md)"),
                {"file": named, "styles": ", ".join(f"\u201c{m}\u201d" for m in missing)})
    return None


def read_pack(path: str | os.PathLike[str], base: str | os.PathLike[str] | None = None) -> Pack:
    """Read and validate one pack file (local additions merged as :func:`validate_file` does).

    Raises :class:`PackError` with every problem found."""
    return validate_file(path, base).pack


# -- merging ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Where a value came from: the pack's ``id``, ``title``, ``kind`` and the ``file`` it was read from."""

    id: str
    title: str
    kind: str
    file: str


_KEYED = {"authorities": "id", "offences": "id", "profiles": "state"}


def _record(origins: dict[str, Origin], prefix: str, value: Any, origin: Origin) -> None:
    if isinstance(value, dict):
        if prefix:
            origins[prefix] = origin
        for key, sub in value.items():
            _record(origins, f"{prefix}.{key}" if prefix else key, sub, origin)
    else:
        origins[prefix] = origin
        for key in [k for k in origins if k.startswith(prefix + ".") or k.startswith(prefix + "[")]:
            origins[key] = origin


def _merge_into(base: dict[str, Any], extra: dict[str, Any], prefix: str, origins: dict[str, Origin], origin: Origin) -> None:
    for key, value in extra.items():
        path = f"{prefix}.{key}" if prefix else key
        if key in _KEYED and not prefix and isinstance(value, list) and isinstance(base.get(key), list):
            ident = _KEYED[key]
            existing = {item.get(ident): item for item in base[key] if isinstance(item, dict)}
            for item in value:
                if isinstance(item, dict) and item.get(ident) in existing:
                    target = existing[item[ident]]
                    _merge_into(target, {k: v for k, v in item.items() if k != ident}, f"{key}.{item[ident]}", origins, origin)
                else:
                    base[key].append(item)
                    _record(origins, f"{key}.{item.get(ident) if isinstance(item, dict) else len(base[key])}", item, origin)
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge_into(base[key], value, path, origins, origin)
        else:
            base[key] = value
            _record(origins, path, value, origin)


def _origin(raw: dict[str, Any], file: str) -> Origin:
    info = raw.get("pack", {})
    return Origin(str(info.get("id", "")), str(info.get("title", "")), str(info.get("kind", "national")), file)


def _initial_origins(raw: dict[str, Any], origin: Origin) -> dict[str, Origin]:
    origins: dict[str, Origin] = {}
    for key, value in raw.items():
        if key in _KEYED and isinstance(value, list):
            for i, item in enumerate(value):
                ident = item.get(_KEYED[key]) if isinstance(item, dict) else None
                _record(origins, f"{key}.{ident if ident else i}", item, origin)
        else:
            _record(origins, key, value, origin)
    return origins


@dataclass
class Merged:
    """The packs in use: ``pack`` (the national pack with every local addition applied),
    ``origins`` (dotted path -> :class:`Origin`: ``"profiles.FR.central_authority.address"``,
    ``"offences.theft.name.ro"``), the ``letterhead`` file (or None) and the ``layers`` merged, in order."""

    pack: Pack
    origins: dict[str, Origin]
    letterhead: Path | None
    layers: list[Origin] = field(default_factory=list)

    def origin(self, path: str) -> Origin | None:
        """Where the value at ``path`` came from (the nearest recorded enclosing path)."""
        while path:
            if path in self.origins:
                return self.origins[path]
            path = path.rpartition(".")[0]
        return None

    def origins_under(self, prefix: str) -> list[Origin]:
        """Every pack that gave something under ``prefix``, in the order of :attr:`layers`."""
        found = {o for p, o in self.origins.items() if p == prefix or p.startswith(prefix + ".")}
        own = self.origin(prefix)
        if own is not None:
            found.add(own)
        return [layer for layer in self.layers if layer in found]


def merge_raw(layers: list[tuple[dict[str, Any], str, Path | None]]) -> Merged:
    """Merge raw pack tables (national first, then local additions) and validate the result.

    ``layers``: ``(raw table, source file, folder of its letterhead)``. Raises :class:`PackError`
    naming the local file when its additions make the pack invalid."""
    import copy

    base_raw, base_file, base_dir = layers[0]
    merged = copy.deepcopy(base_raw)
    first = _origin(base_raw, base_file)
    origins = _initial_origins(base_raw, first)
    order = [first]
    letterhead_dir = base_dir
    source = base_file
    for raw, file, folder in layers[1:]:
        origin = _origin(raw, file)
        order.append(origin)
        extra = {k: v for k, v in raw.items() if k != "pack"}
        if "pack" in raw and "profile_max_age_days" in raw["pack"]:
            merged["pack"]["profile_max_age_days"] = raw["pack"]["profile_max_age_days"]
            origins["pack.profile_max_age_days"] = origin
        if "letterhead" in extra:
            letterhead_dir = folder
        _merge_into(merged, copy.deepcopy(extra), "", origins, origin)
        source = file
    pack = _validate(merged, source, letterhead_dir)
    letterhead = (letterhead_dir / pack.letterhead) if pack.letterhead and letterhead_dir is not None else None
    return Merged(pack, origins, letterhead, order)


def example_path() -> Path:
    """The fictional example pack shipped with the application (``resources/state-packs/example.toml``)."""
    from .assets import get_asset

    return get_asset("resources", "state-packs", "example.toml")


# -- installed packs -----------------------------------------------------------------------------------


def data_dir() -> Path:
    """The folder of the user's data (``MLA_WRITER_DATA_DIR`` if set)."""
    override = os.environ.get("MLA_WRITER_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("MLA Writer", appauthor=False))


def packs_dir() -> Path:
    """Where installed packs are kept: one folder per pack id holding ``pack.toml`` (and ``letterhead.docx``)."""
    return data_dir() / "state-packs"


@dataclass(frozen=True)
class Installed:
    """An installed pack: its ``id``, ``kind``, ``title``, ``extends`` and its ``folder``."""

    id: str
    kind: str
    title: str
    extends: str | None
    folder: Path
    fictional: bool = False


def installed() -> list[Installed]:
    """The installed packs: national first, then local additions, each by id. Unreadable folders are skipped."""
    root = packs_dir()
    out = []
    if not root.is_dir():
        return out
    for folder in sorted(root.iterdir()):
        if folder.name.startswith(".") or not (folder / PACK_FILE).is_file():
            continue
        try:
            info = read_raw(folder / PACK_FILE)["pack"]
        except PackError:
            continue
        out.append(Installed(str(info.get("id")), str(info.get("kind", "national")), str(info.get("title", "")),
                             info.get("extends"), folder, bool(info.get("fictional", False))))
    out.sort(key=lambda i: (i.kind != "national", i.id))
    return out


def imported_from(folder: Path) -> dict[str, str]:
    """What an installed pack was imported from: ``{"file": the imported file's path, "letterhead":
    the letterhead's name in the pack}`` ({} for a pack installed before this was kept)."""
    import json

    try:
        data = json.loads((folder / IMPORTED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def letterhead_name(path: Path) -> str:
    """The name an installed letterhead had in the pack imported (``example-letterhead.docx``), else its own."""
    return imported_from(path.parent).get("letterhead") or path.name


def _layer(folder: Path) -> tuple[dict[str, Any], str, Path]:
    return read_raw(folder / PACK_FILE), imported_from(folder).get("file") or str(folder / PACK_FILE), folder


def _installed_letterhead_dir(raw: dict[str, Any], folder: Path) -> dict[str, Any]:
    if raw.get("letterhead"):
        raw = dict(raw, letterhead=LETTERHEAD_FILE)
    return raw


def _stack(national: tuple[dict[str, Any], str, Path | None], locals_: list[tuple[dict[str, Any], str, Path | None]]) -> Merged:
    return merge_raw([national, *locals_])


def validate_file(path: str | os.PathLike[str], base: str | os.PathLike[str] | None = None) -> Merged:
    """Validate the pack at ``path`` as it would be used: a national pack on its own; local
    additions merged with ``base`` (a national pack file) or else the installed national pack
    they extend. Returns the merge. Raises :class:`PackError` with every problem found."""
    path = Path(path)
    raw = read_raw(path)
    layer = (raw, str(path), path.parent)
    if raw["pack"].get("kind") != "local":
        return _stack(layer, [])
    extends = raw["pack"].get("extends")
    _check_local_identity(raw, str(path), base)
    if base is not None:
        base = Path(base)
        base_raw = read_raw(base)
        if base_raw["pack"].get("id") != extends:
            raise PackError(str(path), [PackProblem(PACK_ENTRY, "extends", N_("these local additions extend "
                                                                               "\u201c{id}\u201d, not \u201c{other}\u201d"),
                                                    id=str(extends), other=str(base_raw["pack"].get("id")))])
        return _stack((base_raw, str(base), base.parent), [layer])
    national = next((i for i in installed() if i.kind == "national" and i.id == extends), None)
    if national is None:
        raise PackError(str(path), [PackProblem(PACK_ENTRY, "extends", N_("the national pack \u201c{id}\u201d it extends "
                                                                           "is not installed: import it first"),
                                                id=str(extends))])
    nraw, nfile, nfolder = _layer(national.folder)
    return _stack((_installed_letterhead_dir(nraw, nfolder), nfile, nfolder), [layer])


def _check_local_identity(raw: dict[str, Any], source: str, base: str | os.PathLike[str] | None = None) -> None:
    """Refuse local additions that would take a national pack's place: extending themselves, or
    having the id of an installed national pack (or of ``base``). Raises :class:`PackError`."""
    info = raw["pack"]
    pid, extends = info.get("id"), info.get("extends")
    if pid and pid == extends:
        raise PackError(source, [PackProblem(PACK_ENTRY, "extends", N_(
            "local additions cannot extend themselves: give them an id of their own (for example "
            "\u201c{id}-local\u201d) and keep extends = \u201c{id}\u201d"), id=str(pid))])
    nationals = {i.id for i in installed() if i.kind == "national"}
    if base is not None:
        base_id = read_raw(base)["pack"].get("id")
        if base_id:
            nationals.add(str(base_id))
    if pid in nationals:
        raise PackError(source, [PackProblem(PACK_ENTRY, "id", N_(
            "the national pack \u201c{id}\u201d has this id: local additions need an id of their own, "
            "or importing them would replace the national pack"), id=str(pid))])


def _merge_installed(items: list[Installed], replace: dict[str, tuple[dict[str, Any], str, Path | None]] | None = None) -> Merged | None:
    """The merge of ``items`` (national first); ``replace`` gives layers to use instead of an installed id."""
    replace = replace or {}
    nationals = [i for i in items if i.kind == "national"]
    if not nationals:
        return None
    national = nationals[0]

    def layer(item: Installed):
        if item.id in replace:
            return replace[item.id]
        raw, file, folder = _layer(item.folder)
        return _installed_letterhead_dir(raw, folder), file, folder

    locals_ = [layer(i) for i in items if i.kind == "local" and i.extends == national.id]
    return _stack(layer(national), locals_)


def install(path: str | os.PathLike[str]) -> Installed:
    """Import the pack at ``path`` (and its letterhead) into :func:`packs_dir`, replacing an
    installed pack with the same id. All or nothing: the pack is validated as it will be used
    (local additions merged with their national pack; a new national pack with the local
    additions already installed), copied to a staging folder, then renamed into place.

    Raises :class:`PackError` (nothing then changes): invalid pack, another national pack
    installed, or a folder that cannot be written."""
    path = Path(path)
    raw = read_raw(path)
    info = raw["pack"]
    pid, kind = str(info.get("id", "")), info.get("kind", "national")
    validate_file(path)  # every problem of the file itself (and of the merge, for local additions)
    current = installed()
    if kind == "national":
        clash = next((i for i in current if i.kind == "local" and i.id == pid), None)
        if clash is not None:
            raise PackError(str(path), [PackProblem(PACK_ENTRY, "id", N_(
                "the local additions \u201c{id}\u201d have this id: importing would replace them"), id=pid)])
        other = next((i for i in current if i.kind == "national" and i.id != pid), None)
        if other is not None:
            raise PackError(str(path), [PackProblem(PACK_ENTRY, "id", N_("another national pack (\u201c{id}\u201d) is "
                                                                          "installed: remove it first"), id=other.id)])
        items = [i for i in current if i.id != pid] + [Installed(pid, kind, "", None, path.parent)]
        _merge_installed(items, {pid: (raw, str(path), path.parent)})  # the installed local additions still fit
    root = packs_dir()
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".import-", dir=root))
        try:
            shutil.copyfile(path, staging / PACK_FILE)
            import json

            (staging / IMPORTED_FILE).write_text(json.dumps({"file": str(path.resolve()),
                                                             "letterhead": Path(raw.get("letterhead", "")).name}),
                                                 encoding="utf-8")
            if raw.get("letterhead"):
                shutil.copyfile(path.parent / raw["letterhead"], staging / LETTERHEAD_FILE)
            final = root / pid
            old = None
            if final.exists():
                old = root / f".old-{uuid.uuid4().hex}"
                os.replace(final, old)
            try:
                os.replace(staging, final)
            except OSError:
                if old is not None:
                    os.replace(old, final)
                raise
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise PackError(str(path), [PackProblem(FILE_ENTRY, "", N_("The pack cannot be installed: {reason}."),
                                                reason=exc.strerror or str(exc))]) from None
    with _lock:
        _cache.clear()
    return next(i for i in installed() if i.id == pid)


def remove(pack_id: str) -> bool:
    """Remove the installed pack ``pack_id`` (and local additions that extend it); True when it was installed."""
    found = [i for i in installed() if i.id == pack_id or (i.kind == "local" and i.extends == pack_id)]
    for item in found:
        shutil.rmtree(item.folder)
    with _lock:
        _cache.clear()
    return bool(found)


def export(pack_id: str, target: str | os.PathLike[str]) -> list[Path]:
    """Write the installed pack ``pack_id`` to ``target`` (a .toml file) as it was imported, its
    letterhead beside it under the name the pack gives. Returns the files written. Raises
    :class:`PackError` for an id not installed, ``OSError`` when a file cannot be written."""
    item = next((i for i in installed() if i.id == pack_id), None)
    if item is None:
        raise PackError(pack_id, [PackProblem(WHOLE_ENTRY, "", N_("no installed pack has the id \u201c{id}\u201d"), id=pack_id)])
    target = Path(target)
    from .storage import atomic_write_bytes

    raw_bytes = (item.folder / PACK_FILE).read_bytes()
    written = [target]
    atomic_write_bytes(target, raw_bytes, backup=False)
    letterhead = read_raw(item.folder / PACK_FILE).get("letterhead")
    if letterhead and (item.folder / LETTERHEAD_FILE).is_file():
        out = target.parent / letterhead
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(out, (item.folder / LETTERHEAD_FILE).read_bytes(), backup=False)
        written.append(out)
    return written


_cache: dict[tuple, Merged | None] = {}
_lock = threading.Lock()  # the checker runs in a worker thread, the wizard on the GUI thread


def _fingerprint() -> tuple:
    root = packs_dir()
    if not root.is_dir():
        return (str(root),)
    out: list[Any] = [str(root)]
    for folder in sorted(root.iterdir()):
        target = folder / PACK_FILE
        try:
            st = target.stat()
        except OSError:
            continue
        out.append((folder.name, st.st_mtime_ns, st.st_size))
    return tuple(out)


def active() -> Merged | None:
    """The installed packs merged (national first, then its local additions), or None when no
    national pack is installed or the installed packs no longer validate (they are never
    half-used). Cached until a pack file changes."""
    with _lock:
        key = _fingerprint()
        if key in _cache:
            return _cache[key]
        try:
            merged = _merge_installed(installed())
        except (PackError, OSError):
            merged = None
        _cache.clear()
        _cache[key] = merged
        return merged


def profile_for(code: str) -> StateProfile | None:
    """The active packs' profile of requested State ``code``, or None."""
    merged = active() if code else None
    return merged.pack.profile(code) if merged is not None else None


def letterhead() -> Path | None:
    """The active packs' letterhead (.docx reference document), or None."""
    merged = active()
    return merged.letterhead if merged is not None and merged.letterhead and merged.letterhead.is_file() else None


def stale(profile: StateProfile, max_age_days: int, today: dt.date) -> bool:
    """Whether ``profile`` was last verified more than ``max_age_days`` before ``today``."""
    return (today - profile.last_verified).days > max_age_days


# -- into a letter ------------------------------------------------------------------------------------


def ml(text: dict[str, str]):
    """A pack's text as the letter holds it (:class:`~mla_writer.model.MLText`): the languages
    the application writes letters in; texts in other languages (the State's own) stay in the pack."""
    from .languages import languages
    from .model import MLText

    return MLText.model_validate({lang: value for lang, value in text.items() if lang in languages()})


def text_in(text: dict[str, str], lang: str) -> str:
    """``text`` in ``lang``, else in English, else in its first language ("" when empty)."""
    return text.get(lang) or text.get("en") or next(iter(text.values()), "")


def letter_offence(offence: PackOffence, offence_id: str):
    """A point 9 offence of the letter filled from the catalogue entry ``offence``."""
    from .model import Offence

    return Offence(id=offence_id, name=ml(offence.name), provision=ml(offence.provision),
                   max_penalty=ml(offence.max_penalty), law_excerpt=ml(offence.law_text))


def letter_basis(basis: PackLegalBasis):
    """A point 7 legal basis of the letter for the pack's ``basis``: a catalogue instrument or a bilateral treaty."""
    from .model.letter import BilateralTreatyBasis, InstrumentBasis

    if basis.instrument:
        return InstrumentBasis(instrument_id=basis.instrument, articles=basis.articles)
    return BilateralTreatyBasis(title=ml(basis.title), date=basis.date, articles=basis.articles)


def legal_bases_for(merged: "Merged", requested_state: str) -> list[tuple[PackLegalBasis, str]]:
    """The pack's default legal bases, then those of ``requested_state``'s profile, each with
    its path for :meth:`Merged.origin` (``"legal_bases"``, ``"profiles.FR.legal_bases"``)."""
    out = [(b, "legal_bases") for b in merged.pack.legal_bases]
    profile = merged.pack.profile(requested_state) if requested_state else None
    if profile is not None:
        out += [(b, f"profiles.{profile.state}.legal_bases") for b in profile.legal_bases]
    return out


def office_of(authority: PackAuthority, state: str, lang: str = "en"):
    """An :class:`~mla_writer.office.Office` for ``authority`` (points 1 and 4, the signature),
    labelled with its name in ``lang``."""
    from .model.letter import AcknowledgementReturn, Authority, Signatory
    from .office import Office

    name = ml(authority.name)
    return Office(
        label=text_in(authority.name, lang), requesting_state=state,
        requesting_authority=Authority(name=name, address=authority.address, latin_address=authority.latin_address,
                                       phone=authority.phone, email=authority.email),
        acknowledgement=AcknowledgementReturn(authority=name, address=authority.address,
                                              latin_address=authority.latin_address, email=authority.email,
                                              phone=authority.phone),
        signatory=Signatory(title=ml(authority.signatory_title), authority=name),
    )


class PackSource:
    """The installed State pack's authorities, offered where the office profile is (:func:`mla_writer.office.register_source`)."""

    title = N_("State pack")

    def __init__(self, lang=lambda: "en") -> None:
        #: called for the language the offices' labels are in (the UI language)
        self.lang = lang

    def offices(self):
        merged = active()
        if merged is None or merged.pack.requesting_state is None:
            return []
        state = merged.pack.requesting_state.code
        return [office_of(a, state, self.lang()) for a in merged.pack.authorities]


def profile_changes(letter: Any, profile: StateProfile) -> list:
    """What choosing ``profile``'s State fills in ``letter``: the addressee (the central
    authority) and the languages accepted (point 14), only where the letter holds nothing yet.
    A list of :class:`mla_writer.office.Change` (apply with :func:`mla_writer.office.apply_changes`)."""
    from .office import Change

    out = []
    addressee = letter.addressee
    for lang, value in ml(profile.central_authority.name).root.items():
        if not addressee.name.get(lang):
            out.append(Change("addressee.name", lang, "", value))
    for attr in ("address", "latin_address", "phone", "email"):
        value = getattr(profile.central_authority, attr)
        if value and not getattr(addressee, attr):
            out.append(Change(f"addressee.{attr}", None, "", value))
    if not letter.language.accepted_languages:
        out.append(Change("language.accepted_languages", None, [], [r.language for r in profile.languages]))
    return out
