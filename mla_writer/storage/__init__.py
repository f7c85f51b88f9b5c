"""Draft files: versioned JSON, atomic saves with a backup, loading that never half-works.

File format (extension ``.mlar``, "MLA request"), UTF-8 JSON::

    {
      "format": "mla-writer-draft",
      "format_version": 1,
      "app_version": "0.1.0",
      "saved_at": "2026-11-22T18:00:00+00:00",
      "letter": { ...LetterOfRequest... }
    }

``mla-writer schema`` prints the JSON Schema of the whole file. A file written by an older
format version is upgraded in memory by the functions in :data:`MIGRATIONS`, one version
step at a time; a file from a newer version is refused (never half-read).

Saving (:mod:`.files`): :func:`save` replaces the draft atomically and keeps the previous
version as ``NAME.bak`` (itself replaced atomically, always complete); a failed save leaves
both as they were; a read-only draft raises :class:`DraftReadOnly`; a symbolic link is followed
to its target; ``save(letter, path, expect=stamp)`` raises :class:`DraftChangedOnDisk` when the
file is no longer the one :func:`load_with_stamp` read (or the last save wrote).

Loading (:mod:`.strict`): exactly what the schema describes: no NaN, Infinity, duplicate keys,
integers over 18 digits or unpaired surrogates; dates and date-times only as ISO strings;
naive date-times become aware (the wall-clock time in the item's ``time_zone``, else UTC);
migrations check the shape of what they convert; only a regular file is read, at most
:data:`MAX_FILE_BYTES`. Every refusal is a :class:`DraftError` whose message is one line, with
what it quotes from the input escaped and clipped (:mod:`.errors`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import DRAFT_EXTENSION, __version__
from ..i18n import N_
from ..model import LetterOfRequest
from ..model.text import MAX_TEXT, TextTooLong
from ..model.values import MOMENT_YEARS, MomentOutOfRange
from .errors import DraftChangedOnDisk, DraftError, DraftReadOnly, _Localizable, clip, escape  # noqa: F401 (re-exported)
from .crypto import MAGIC, PassphraseNeeded, Sealer, WrongPassphrase, is_encrypted  # noqa: F401
from .strict import MAX_INT_DIGITS, aware, aware_datetimes, check_dates, parse_json  # noqa: F401
from .files import (  # noqa: F401 (re-exported: storage.save, storage.atomic_write_text, ...)
    BACKUP_SUFFIX,
    STALE_TMP_SECONDS,
    Stamp,
    _fsync_dir,
    _give_mode,
    atomic_write_bytes,
    atomic_write_text,
    current_stamp,
    read_draft_bytes,
    sweep_stale_temps,
)

FORMAT_NAME = "mla-writer-draft"
FORMAT_VERSION = 8
EXTENSION = DRAFT_EXTENSION
#: Refuse to read anything larger: no real draft comes near it.
MAX_FILE_BYTES = 64 * 1024 * 1024

_DOCUMENT_WORDS = {
    "passport": ("passport", "passeport", "паспорт", "pasaporte"),
    "national_id": ("identity card", "id card", "national id", "carte d'identité", "удостоверение личности", "documento de identidad", "dni"),
    "residence_permit": ("residence", "titre de séjour", "вид на жительство", "residencia"),
    "driving_licence": ("driving", "driver", "permis de conduire", "водительское", "licencia de conducir", "permiso de conducir"),
}


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 2: the place of signature is text per language; identity documents have a type.

    ``place: "Paris"`` becomes ``{"<drafting language>": "Paris"}``; a free-text document type
    is mapped to one of the fixed types, or kept as ``details`` of type ``other``.
    """
    letter = data.get("letter")
    if not isinstance(letter, dict):
        return data
    lang = _drafting_language(letter)
    place = letter.get("place")
    if isinstance(place, str):
        letter["place"] = {lang: place} if place.strip() else {}
    for person in _items(letter, "persons"):
        doc = person.get("id_document")
        if not isinstance(doc, dict) or not isinstance(doc.get("type"), str):
            continue
        text = doc["type"].strip()
        kind = next((k for k, words in _DOCUMENT_WORDS.items() if any(w in text.casefold() for w in words)), None)
        doc["type"] = kind or ("other" if text else None)
        if kind is None and text:
            doc["details"] = text
    return data


def _drafting_language(letter: dict[str, Any]) -> str:
    from ..languages import is_language

    lang = letter.get("drafting_language")
    return lang if is_language(lang) else "en"


#: Plain strings that became text per language in format 3: (list path or "", attribute path).
_BECAME_TEXT_3: tuple[tuple[str, str], ...] = (
    ("prior_contact.contacts", "who"),
    ("persons", "birth_place"),
    ("persons", "id_document.details"),
    ("offences", "provision"),
)
#: Measures' plain strings that became text per language in format 3, by kind.
_MEASURE_TEXT_3: dict[str, tuple[str, ...]] = {
    "freezing": ("holder",),
    "information": ("held_by",),
    "records": ("institution",),
    "appearance": ("place",),
    "videoconference": ("conducting_authority",),
    "transfer": ("place_of_detention",),
}
#: What drafters typed in the family-name field for a protected victim or witness: a letter or
#: two and a number ("V1", "T-2", "W12"), or a single capital ("X", "X."). A short real name
#: ("WU", "LI") has no digit and is left alone.
_PSEUDONYM = re.compile(r"^(?:[A-Z]{1,2}-?\d{1,3}|[A-Z]\.?)$")


def _get(obj: Any, dotted: str) -> tuple[Any, str]:
    *parents, last = dotted.split(".")
    for name in parents:
        obj = obj.get(name) if isinstance(obj, dict) else None
    return obj, last


def _items(letter: dict[str, Any], dotted: str) -> list[Any]:
    parent, last = _get(letter, dotted)
    value = parent.get(last) if isinstance(parent, dict) else None
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _language_codes(text: str) -> tuple[list[str], list[str]]:
    """"français, English" -> (["fr", "en"], []); names CLDR does not know come back second."""
    from babel import Locale

    from ..languages import languages

    names: dict[str, str] = {}
    for ui in languages():
        try:
            for code, name in Locale.parse(ui).languages.items():
                if code.isalpha() and code.islower():
                    names.setdefault(name.casefold(), code)
        except (ValueError, LookupError):
            continue
    codes, unknown = [], []
    for token in re.split(r"[,;/]|\s+(?:and|et|и|y)\s+", text):
        token = token.strip().strip(".").strip()
        if not token:
            continue
        code = token.lower() if re.fullmatch(r"[A-Za-z]{2,3}", token) and token.lower() in names.values() else names.get(token.casefold())
        if code and code not in codes:
            codes.append(code)
        elif not code:
            unknown.append(token)
    return codes, unknown


def _blank(value: Any) -> bool:
    """None, or a string of spaces (another type is not blank: left for the validator to refuse)."""
    return value is None or (isinstance(value, str) and not value.strip())


def _migrate_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Format 3: every field that holds words holds them per language; amounts, languages,
    persons as prosecutors describe them.

    - strings that name authorities, institutions and places, the offence's provision, the
      contact's participants and an identity document's description become
      ``{"<drafting language>": text}``;
    - ``officer.languages`` ("français, English") becomes ISO 639 codes (["fr", "en"]);
    - a freezing measure's ``amount`` ("EUR 210,000") becomes ``{"value": "210000", "currency": "EUR"}``;
    - a measure's ``interpreter_language`` becomes a code (or None);
    - a victim or witness whose family name is a pseudonym ("V1") and who has no given name
      becomes a protected identity with that pseudonym.

    Whatever cannot be converted without guessing is kept in ``upgrade_notes`` (path and
    original text), which the checklist shows until the user deals with it: nothing is lost.
    """
    from ..model.values import parse_amount_text

    letter = data.get("letter")
    if not isinstance(letter, dict):
        return data
    lang = _drafting_language(letter)
    notes: list[Any] = letter.setdefault("upgrade_notes", []) if isinstance(letter.get("upgrade_notes", []), list) else []

    def to_text(obj: dict[str, Any], dotted: str) -> None:
        parent, last = _get(obj, dotted)
        if isinstance(parent, dict) and isinstance(parent.get(last), str):
            text = parent[last].strip()
            parent[last] = {lang: text} if text else {}

    for list_path, dotted in _BECAME_TEXT_3:
        for item in _items(letter, list_path):
            to_text(item, dotted)
    for i, item in enumerate(_items(letter, "assistance")):
        kind = item.get("kind") if isinstance(item.get("kind"), str) else None
        for name in _MEASURE_TEXT_3.get(kind, ()) if kind else ():
            to_text(item, name)
        if kind == "freezing" and isinstance(item.get("amount"), str):
            raw = item["amount"].strip()
            parsed = parse_amount_text(raw) if raw else None
            item["amount"] = parsed or {}
            if raw and parsed is None:
                notes.append({"path": f"assistance[{i}].amount", "original": raw, "item_id": str(item.get("id") or "")})
        if isinstance(item.get("interpreter_language"), str):
            raw = item["interpreter_language"].strip()
            codes, unknown = _language_codes(raw) if raw else ([], [])
            item["interpreter_language"] = codes[0] if codes else None
            if unknown or len(codes) > 1:
                notes.append({"path": f"assistance[{i}].interpreter_language", "original": raw,
                              "item_id": str(item.get("id") or "")})
    officer, _ = _get(letter, "identification.officer.languages")
    if isinstance(officer, dict) and isinstance(officer.get("languages"), str):
        raw = officer["languages"].strip()
        codes, unknown = _language_codes(raw) if raw else ([], [])
        officer["languages"] = codes
        if unknown:
            notes.append({"path": "identification.officer.languages", "original": raw})
    for person in _items(letter, "persons"):
        family = person.get("family_name")
        if (
            person.get("role") in ("victim", "witness")
            and not person.get("legal_person")
            and isinstance(family, str)
            and _PSEUDONYM.match(family.strip())
            and _blank(person.get("given_names"))
        ):
            person["protected"] = True
            person["pseudonym"] = family.strip()
            person["family_name"] = ""
    if not notes and "upgrade_notes" in letter and isinstance(letter["upgrade_notes"], list) and not letter["upgrade_notes"]:
        del letter["upgrade_notes"]
    return data


def _migrate_3_to_4(data: dict[str, Any]) -> dict[str, Any]:
    """Format 4: annexes get stable ids ("x1", "x2" ...) so that a measure can name the annex
    holding its order; the new fields (a measure's annex, a hearing's time and place, the
    measures officials wish to attend) start empty."""
    letter = data.get("letter")
    if not isinstance(letter, dict):
        return data
    annexes = [a for a in _items(letter, "annexes")]
    used = {a.get("id") for a in annexes if isinstance(a.get("id"), str)}
    n = 0
    for annex in annexes:
        if isinstance(annex.get("id"), str) and annex["id"]:
            continue
        n += 1
        while f"x{n}" in used:
            n += 1
        annex["id"] = f"x{n}"
        used.add(annex["id"])
    return data


def _migrate_4_to_5(data: dict[str, Any]) -> dict[str, Any]:
    """Format 5: a statement under oath and the certification of records are asked for once,
    as special procedures (point 12), no longer also by a measure's own yes/no field
    (``under_oath`` of a hearing, ``certification`` of a records measure, true when absent,
    its old default). Where the measure already asks for special procedures, and so gives
    their reason, the answer becomes the procedure "oath" or "certification"; where it asks
    for none, adding one would make the draft incomplete (a procedure needs a reason), so an
    upgrade note asks the drafter instead: the verdict of an old draft never changes by
    itself. New fields start empty (annexes of served documents, of a production order and
    of a transfer consent; the time zone of a service hearing)."""
    letter = data.get("letter")
    if not isinstance(letter, dict):
        return data
    notes = letter.get("upgrade_notes")
    if not isinstance(notes, list):
        notes = letter["upgrade_notes"] = []
    for i, item in enumerate(letter.get("assistance") if isinstance(letter.get("assistance"), list) else []):
        if not isinstance(item, dict):
            continue
        kind = item.get("kind")
        flag, code, said = {
            "evidence": ("under_oath", "oath", "under oath: yes"),
            "records": ("certification", "certification", "certification for admissibility: yes"),
        }.get(kind, (None, None, None))
        if flag is None or (flag not in item and kind != "records"):
            continue
        if item.pop(flag, True) is not True:
            continue
        procedures = item.get("procedures")
        if procedures is None:
            procedures = item["procedures"] = {}
        requested = procedures.get("requested") if isinstance(procedures, dict) else None
        if requested is None and isinstance(procedures, dict):
            requested = procedures["requested"] = []
        if not isinstance(requested, list) or code in requested:
            continue
        if requested:
            requested.insert(0, code)
        else:
            notes.append({"path": f"assistance[{i}].procedures.requested", "original": said,
                          "item_id": str(item.get("id") or "")})
    if not notes:
        del letter["upgrade_notes"]
    return data


def _migrate_5_to_6(data: dict[str, Any]) -> dict[str, Any]:
    """Format 6: an authority (points 1 and 2) and the office of point 4 may give their postal
    address in Latin script too (``latin_address``), printed by letters in English, French and
    Spanish where the address is written in another script; and a person may have a procedural
    status in the requesting State's own legal terms (``procedural_status``, text per language).
    The new fields start empty; nothing else changes, so a format-5 document is a format-6
    document once its number changes."""
    return data


def _migrate_6_to_7(data: dict[str, Any]) -> dict[str, Any]:
    """Format 7: the central authority's review (``review``: a hash-chained list of events,
    see :mod:`mla_writer.review`) replaces the plain ``review_comments`` list. Each old comment
    becomes a comment event (and a resolution if it was resolved), at the time it was made
    (else when the draft was saved); the chain starts with them."""
    letter = data.get("letter")
    if not isinstance(letter, dict):
        return data
    old = letter.pop("review_comments", None)
    if isinstance(old, list) and old:
        from ..review import legacy_events

        saved = data.get("saved_at")
        try:
            saved = dt.datetime.fromisoformat(saved).astimezone(dt.timezone.utc).isoformat(timespec="seconds")
        except (TypeError, ValueError):
            saved = "1970-01-01T00:00:00+00:00"
        letter["review"] = legacy_events(old, saved)
    return data


def _migrate_7_to_8(data: dict[str, Any]) -> dict[str, Any]:
    """Format 8: the translation workspace keeps, per translated field, a fingerprint of the source
    text it was translated from, and the draft an identifier that exported XLIFF files name
    (``translation``, empty by default). Nothing else changes."""
    return data


#: ``MIGRATIONS[n]`` turns a version-``n`` document into a version-``n+1`` document.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _migrate_1_to_2, 2: _migrate_2_to_3, 3: _migrate_3_to_4, 4: _migrate_4_to_5, 5: _migrate_5_to_6,
    6: _migrate_6_to_7, 7: _migrate_7_to_8,
}


#: What a value of each declared kind must look like, said in the user's words.
_EXPECTED = {
    "date": N_("{field}: \u201c{value}\u201d is not a date; write it as YYYY-MM-DD, for example 2026-03-15."),
    "datetime": N_("{field}: \u201c{value}\u201d is not a date and time; write it as YYYY-MM-DDTHH:MM, "
                   "for example 2026-03-15T08:30."),
    "partial_date": N_("{field}: \u201c{value}\u201d is not a date; write YYYY-MM-DD, YYYY-MM or YYYY "
                       "(for example 1985-04-23, 1985-04 or 1985)."),
    "amount": N_("{field}: \u201c{value}\u201d is not an amount; write the number and the currency, "
                 "for example {example}."),
    "count": N_("{field}: \u201c{value}\u201d is not a whole number."),
    "state": N_("{field}: \u201c{value}\u201d is not a State code; write the two-letter ISO code, for example FR."),
    "language": N_("{field}: \u201c{value}\u201d is not a language code; write the ISO code, for example fr."),
    "code": N_("{field}: \u201c{value}\u201d is not one of the accepted values ({values})."),
    "bool": N_("{field}: \u201c{value}\u201d is neither true nor false."),
    "text": N_("{field}: the text must be given per language, for example {example}."),
    "verbatim": N_("{field}: \u201c{value}\u201d must be text."),
    "extra": N_("{field}: a draft has no such field (is the name misspelt?)."),
    "out_of_range": N_("{field}: \u201c{value}\u201d lies outside the years {low}\u2013{high}; give the real date and time."),
    "too_long": N_("{field}: the text is {length} characters long; a field holds at most {limit} characters."),
    "other": N_("{field}: \u201c{value}\u201d is not accepted here."),
}
_KIND_GROUP = {
    "date": "date", "datetime": "datetime", "partial_date": "partial_date", "amount": "amount", "count": "count",
    "state": "state", "language": "language", "languages": "language", "letter_language": "language",
    "code": "code", "codes": "code", "bool": "bool", "yesno": "bool", "text": "text", "verbatim": "verbatim",
    "id": "verbatim", "time_zone": "verbatim", "person": "verbatim", "offences": "verbatim", "instrument": "verbatim",
}


class _ValidationProblem(_Localizable):
    """The first problem pydantic found, said in the UI language: the field by its label and
    item ("Person 2: Date of birth"), what was found, and what is expected. Pydantic's own
    wording never reaches the user."""

    def __init__(self, error: ValidationError) -> None:
        from .. import fields

        first = error.errors()[0]
        loc = [p for p in first["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        path, pattern, tag_next = "", "", False
        for part in loc:
            if isinstance(part, int):
                path += f"[{part}]"
                pattern += "[]"
                tag_next = True
                continue
            if tag_next and part in _variant_tags():  # a discriminated union's tag ("freezing")
                pattern = pattern[:-2] + f"[{part}]"
                tag_next = False
                continue
            tag_next = False
            path += ("." if path else "") + str(part)
            pattern += ("." if pattern else "") + str(part)
        self.path, self.pattern, self.shown_path = path, pattern, clip(path, 200)
        decl = fields.by_pattern(pattern)
        if decl is None and re.search(r"\.(value|currency)$", pattern) or (
                decl is None and "." in pattern and _is_language(pattern.rsplit(".", 1)[1])):
            # a part of an amount, or one language of a text
            trimmed = pattern.rsplit(".", 1)[0]
            decl = fields.by_pattern(trimmed)
            if decl is not None:
                path, pattern = path.rsplit(".", 1)[0], trimmed
                self.path, self.pattern, self.shown_path = path, pattern, clip(path, 200)
        self.decl = decl
        value = first.get("input")
        if isinstance(value, (int, float)) and not isinstance(value, bool) or type(value).__name__ == "Decimal":
            text = str(value)
        else:
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
        self.value = clip(text, 60)
        error_value = (first.get("ctx") or {}).get("error")
        self.length = 0
        if first.get("type") == "extra_forbidden":
            self.group = "extra"
        elif isinstance(error_value, TextTooLong):
            self.group, self.length = "too_long", error_value.length
        elif isinstance(error_value, MomentOutOfRange):
            self.group = "out_of_range"
        else:
            self.group = _KIND_GROUP.get(decl.kind, "other") if decl is not None else "other"
        self.values = ""
        if self.group == "code" and decl is not None and decl.vocab:
            from ..vocab import VOCABULARIES

            self.values = ", ".join(VOCABULARIES[decl.vocab].codes)
        self.tag_list = None
        if first.get("type") in ("union_tag_invalid", "union_tag_not_found") and path in _tag_lists(path):
            # a measure or legal basis of a kind that does not exist ("teleport")
            from ..vocab import VOCABULARIES

            self.tag_list = path.split("[")[0]
            self.group = "code"
            tag = (first.get("ctx") or {}).get("tag", "")
            self.value = clip(str(tag), 60)
            self.values = ", ".join(VOCABULARIES[fields.ITEMS[self.tag_list].variant_vocab].codes)
        self.more = error.error_count() - 1

    def localized(self, lang: str) -> str:
        from babel.numbers import format_decimal

        from .. import fields
        from ..i18n import translations

        t = translations("ui", lang)
        if self.tag_list is not None:
            items = fields.ITEMS[self.tag_list]
            n = int(self.path.rsplit("[", 1)[1].rstrip("]")) + 1
            field = t.gettext(items.item_label).format(n=n, kind=self.value)
        elif self.decl is not None:
            field = fields.describe_pattern(self.path, self.pattern, lang)
        else:
            field = self.shown_path
        text = t.gettext(_EXPECTED[self.group]).format(
            field=field, value=self.value, values=self.values,
            length=format_decimal(self.length, locale=lang), limit=format_decimal(MAX_TEXT, locale=lang),
            low=MOMENT_YEARS[0], high=MOMENT_YEARS[1],
            example='{"value": "210000", "currency": "EUR"}' if self.group == "amount" else '{"fr": "…", "en": "…"}',
        )
        if self.more:
            text += " " + t.ngettext("(and {count} more problem)", "(and {count} more problems)", self.more).format(count=self.more)
        return text


def _is_language(code: str) -> bool:
    from ..languages import is_language

    return is_language(code)


def _tag_lists(path: str) -> set[str]:
    """The item paths of the lists whose items are told apart by a tag (measures, legal bases)."""
    from .. import fields

    head = path.split("[")[0]
    return {path} if head in fields.ITEMS and fields.ITEMS[head].variant and re.fullmatch(r"[a-z_.]+\[\d+\]", path) else set()


def _variant_tags() -> frozenset[str]:
    """The tags that tell apart the items of a list of several kinds (measures, legal bases)."""
    from .. import vocab

    return frozenset(vocab.ASSISTANCE_KIND.codes) | frozenset(vocab.BASIS_TYPE.codes)


def _envelope() -> dict[str, Any]:
    """The document's keys before ``"letter"`` (which comes last)."""
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "saved_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }


def document(letter: LetterOfRequest) -> dict[str, Any]:
    return {**_envelope(), "letter": _settled(letter).model_dump(mode="json")}


#: Items of a list converted at a time by :func:`document_of_data`.
_STEP_ITEMS = 25


def letter_data(letter: LetterOfRequest) -> dict[str, Any]:
    """The letter as saved, as plain Python data (``model_dump()``: new dicts and lists around
    the same immutable values; dates stay dates). Cheap: for :func:`document_of_data`."""
    return _settled(letter).model_dump()


def document_of_data(data: dict[str, Any]) -> dict[str, Any]:
    """The same dict as :func:`document` (keys, order and values) from :func:`letter_data`'s
    result, converted to JSON values field by field and a long list's items a few at a time,
    without building a letter again. For a worker thread: pydantic converts in Rust without
    letting go of the interpreter lock, and :func:`document` of a 4x large case in one call
    held it for 50-130 ms, a stall of the GUI thread (the autosave, issue 12). (The model has
    no serialisers of its own: its JSON values are those of its plain data.)"""
    from pydantic_core import to_jsonable_python

    out: dict[str, Any] = {}
    for name, value in data.items():
        if isinstance(value, list) and len(value) > _STEP_ITEMS:
            items: list = []
            for start in range(0, len(value), _STEP_ITEMS):
                items.extend(to_jsonable_python(value[start:start + _STEP_ITEMS]))
            out[name] = items
        else:
            out[name] = to_jsonable_python(value)
    return {**_envelope(), "letter": out}


def _settled(letter: LetterOfRequest) -> LetterOfRequest:
    """The letter as saved: without the upgrade notes that are settled (see :class:`UpgradeNote`)."""
    still = [note for _path, note in letter.open_upgrade_notes()]
    if len(still) == len(letter.upgrade_notes):
        return letter
    return letter.model_copy(update={"upgrade_notes": still})


def dumps(letter: LetterOfRequest) -> str:
    """The draft document as JSON text (two-space indents, UTF-8 characters as they are)."""
    return dump_bytes(letter).decode("utf-8")


def dump_bytes(letter: LetterOfRequest) -> bytes:
    """:func:`dumps` encoded as UTF-8, made without a round trip through Python objects: the
    letter is serialised by pydantic (the same JSON as ``json.dumps(document(letter),
    ensure_ascii=False, indent=2)``, in a tenth of the time for a large case), one level
    deeper. Raw line breaks occur only between tokens (those in text are escaped), so indenting
    every line break indents the letter by one level."""
    from pydantic_core import to_json

    head = json.dumps(_envelope(), ensure_ascii=False, indent=2).encode("utf-8")
    body = to_json(_settled(letter), indent=2).replace(b"\n", b"\n  ")
    return head[:-2] + b',\n  "letter": ' + body + b"\n}\n"


def loads(text: str | bytes, source: str = "draft") -> LetterOfRequest:
    """Parse a draft document; raise :class:`DraftError` naming the problem."""
    if isinstance(text, bytes):
        if is_encrypted(text):
            raise PassphraseNeeded(N_("{source} is encrypted: a passphrase is needed to open it"), source=source)
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DraftError(N_("{source} is not UTF-8 text (byte {byte}); it is not an MLA Writer draft"), source=source, byte=exc.start) from None
    if not text.strip():
        raise DraftError(N_("{source} is empty"), source=source)
    try:
        data = parse_json(text, source)
    except json.JSONDecodeError as exc:
        raise DraftError(
            N_("{source} is not valid JSON (line {line}, column {column}: {reason}); the file may be truncated or damaged"),
            source=source,
            line=exc.lineno,
            column=exc.colno,
            reason=exc.msg,
        ) from None
    except RecursionError:
        raise DraftError(N_("{source} is nested too deeply to be a draft"), source=source) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise DraftError(N_('{source} is JSON but not an MLA Writer draft (no "format": "{name}")'), source=source, name=FORMAT_NAME)
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DraftError(N_("{source}: format_version must be a positive whole number, found {found}"), source=source, found=json.dumps(version, default=str))
    if version > FORMAT_VERSION:
        raise DraftError(
            N_(
                "{source} was written in draft format {version} by a newer MLA Writer "
                "(this version reads format {current} and older); update MLA Writer to open it"
            ),
            source=source,
            version=version,
            current=FORMAT_VERSION,
        )
    while version < FORMAT_VERSION:
        migrate = MIGRATIONS.get(version)
        if migrate is None:
            raise DraftError(N_("{source}: no way to upgrade draft format {version}"), source=source, version=version)
        try:
            data = migrate(data)
        except (TypeError, AttributeError, ValueError, KeyError, IndexError):
            # a migration met a shape it does not know (they check types; this is the safety net)
            raise DraftError(N_("{source}: draft format {version} has an unexpected shape and cannot be upgraded"),
                             source=source, version=version) from None
        if not isinstance(data, dict):
            raise DraftError(N_('{source}: "letter" is missing or is not an object'), source=source)
        version += 1
        data["format_version"] = version
    if not isinstance(data.get("letter"), dict):
        raise DraftError(N_('{source}: "letter" is missing or is not an object'), source=source)
    try:
        letter = LetterOfRequest.model_validate(data["letter"])
        check_dates(letter, data["letter"])
        aware_datetimes(letter)
    except ValidationError as exc:
        raise DraftError(N_("{source}: {problem}"), source=source, problem=_ValidationProblem(exc)) from None
    except RecursionError:
        raise DraftError(N_("{source} is nested too deeply to be a draft"), source=source) from None
    for note in letter.upgrade_notes:  # notes made by this upgrade: remember what it stored instead
        if note.converted is None:
            note.converted = letter.upgrade_value(note.path)
    letter.settle_upgrade_notes()  # a note already settled (no such field) is dropped as saving drops it
    return letter


def load(path: str | os.PathLike[str], passphrase: str | None = None) -> LetterOfRequest:
    """Read a draft file (``passphrase``: for an encrypted one). Any failure is a
    :class:`DraftError` with a one-line reason."""
    return load_with_stamp(path, passphrase)[0]


def load_with_stamp(path: str | os.PathLike[str], passphrase: str | None = None) -> tuple[LetterOfRequest, Stamp]:
    """Read a draft file and the :class:`Stamp` of what was read (size, mtime, SHA-256), to
    pass to :func:`save` as ``expect`` so that a change on disk in between is noticed.

    Only a regular file is read (a folder, a FIFO or a device is refused), and never more than
    :data:`MAX_FILE_BYTES`. Stale temporary files a crashed save left beside it are removed.
    An encrypted draft needs ``passphrase`` (:class:`PassphraseNeeded`, :class:`WrongPassphrase`).
    """
    letter, stamp, _sealer = open_draft(path, passphrase)
    return letter, stamp


def open_draft(path: str | os.PathLike[str], passphrase: str | None = None) -> tuple[LetterOfRequest, Stamp, Sealer | None]:
    """Read a draft file: ``(letter, stamp, sealer)``; ``sealer`` is None for a plain draft, else
    the :class:`Sealer` that saves it again encrypted with the same key (see :mod:`.crypto`).
    Raises :class:`DraftError` (:class:`PassphraseNeeded` and :class:`WrongPassphrase` among them)."""
    path = Path(path)
    source = path.name or str(path)
    raw, stamp = read_draft_bytes(path, MAX_FILE_BYTES)
    sealer = None
    if is_encrypted(raw):
        sealer, raw = Sealer.open(raw, passphrase or "", source)
    return loads(raw, source), stamp, sealer


def reread_draft(path: str | os.PathLike[str], sealer: Sealer | None = None) -> tuple[LetterOfRequest, Stamp]:
    """Read again a draft opened before: ``(letter, stamp)``, an encrypted one with the
    ``sealer`` it was opened with. Raises :class:`DraftError` (:class:`PassphraseNeeded` for an
    encrypted file without a sealer, :class:`WrongPassphrase` when it no longer opens with it)."""
    path = Path(path)
    source = path.name or str(path)
    raw, stamp = read_draft_bytes(path, MAX_FILE_BYTES)
    if is_encrypted(raw):
        if sealer is None:
            sealer, raw = Sealer.open(raw, "", source)
        else:
            raw = sealer.unseal(raw, source)
    return loads(raw, source), stamp


def is_encrypted_file(path: str | os.PathLike[str]) -> bool:
    """True if the draft file at ``path`` is encrypted (False if it cannot be read, or is not a
    regular file: a FIFO or a device is opened without blocking and never read)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        return is_encrypted(os.read(fd, len(MAGIC)))
    except OSError:
        return False
    finally:
        os.close(fd)


def save(letter: LetterOfRequest, path: str | os.PathLike[str], backup: bool = True,
         expect: Stamp | None = None, sealer: Sealer | None = None) -> Stamp:
    """Save a draft atomically (see :func:`atomic_write_bytes`); return the new :class:`Stamp`.

    With ``expect`` (the stamp from :func:`load_with_stamp` or the previous save), raise
    :class:`DraftChangedOnDisk` if the file on disk is no longer that one. A read-only draft
    raises :class:`DraftReadOnly`. With ``sealer`` the draft is written encrypted, and so is
    its ``.bak`` (a plain previous version is encrypted before it is kept): nothing of the
    content reaches the disk in plain text, temporary files included.
    """
    data = dump_bytes(letter)
    if sealer is None:
        return atomic_write_bytes(path, data, backup=backup, expect=expect)
    return atomic_write_bytes(path, sealer.seal(data), backup=backup, expect=expect,
                              backup_filter=lambda old: old if is_encrypted(old) else sealer.seal(old))


def json_schema() -> dict[str, Any]:
    """JSON Schema of the draft file (the envelope and the letter)."""
    letter_schema = LetterOfRequest.model_json_schema(mode="serialization")
    defs = letter_schema.pop("$defs", {})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "MLA Writer draft",
        "description": f"A draft letter of request for mutual legal assistance (file extension {EXTENSION}).",
        "type": "object",
        "required": ["format", "format_version", "letter"],
        "properties": {
            "format": {"const": FORMAT_NAME},
            "format_version": {"type": "integer", "minimum": 1, "maximum": FORMAT_VERSION},
            "app_version": {"type": "string"},
            "saved_at": {"type": "string", "format": "date-time"},
            "letter": letter_schema,
        },
        "$defs": defs,
    }
