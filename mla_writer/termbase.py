"""The termbase: legal terms and their equivalents in other languages, for consistent translations.

No Qt here. A termbase is a list of :class:`Concept` s; a concept has terms in any number of
languages, each *preferred*, *admitted* or *forbidden* (a variant a translation must not use),
and a note. Seen for one language pair (source → target) each concept is an :class:`Entry`:
the source terms, the target term, its admitted alternatives, the forbidden variants and the note.

The application ships the glossary of UN terms (``resources/termbase/un-glossary.json``, from
the terminology table of DESIGN.md: the terms of the UN language versions of UNTOC); the user's
own entries are kept in ``termbase.json`` in the user's data folder (:func:`user_path`). Both are
read by :func:`load`. :func:`export_tbx` and :func:`import_tbx` exchange termbases as TBX
(ISO 30042, the MARTIF form that translators' tools read) through translate-toolkit.

:func:`find` finds the source terms in a text; :func:`advise` compares a translation with its
source and says where a forbidden variant is used or an expected target term is missing. Both
are advice: the application never translates.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

PREFERRED = "preferred"
ADMITTED = "admitted"
FORBIDDEN = "forbidden"
STATUSES = (PREFERRED, ADMITTED, FORBIDDEN)

FORMAT_NAME = "mla-writer-termbase"
FORMAT_VERSION = 1
FILE_NAME = "termbase.json"


class TermbaseError(ValueError):
    """A termbase file that cannot be read (not JSON, not a termbase, not TBX ...); the message
    says what is wrong in one line (English, for logs and the command line). ``kind`` says it for
    a translated message: ``"not_tbx"``, ``"empty"``, ``"too_large"``, ``"duplicate"``,
    ``"incomplete"`` or ``""``."""

    def __init__(self, message: str, kind: str = "") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Term:
    """A term. ``alone``: False for a single common word ("gel", "freezing") that names the legal
    concept only inside a longer phrase: it is then not looked for on its own in a source text
    (a multi-word term of the concept still is); it still counts as the term in a translation."""

    text: str
    status: str = PREFERRED
    alone: bool = True


@dataclass
class Concept:
    """``terms``: language code -> terms in that language, preferred first. ``note``: the note
    (English, or the one language it was written in); ``notes``: the note per language code,
    where it is written for each (a citation: "UNTOC, art. 18", «КТОП, ст. 18»). ``user``: added
    by the user (kept in the user's file; the shipped glossary is never changed)."""

    id: str
    terms: dict[str, list[Term]]
    note: str = ""
    user: bool = False
    notes: dict[str, str] = field(default_factory=dict)

    def note_in(self, lang: str) -> str:
        """The note in ``lang`` where the concept has one, else its note as written."""
        return self.notes.get(lang) or self.note

    def usable(self, lang: str) -> list[str]:
        """The preferred and admitted terms in ``lang``, preferred first."""
        held = self.terms.get(lang, [])
        return [t.text for t in held if t.status == PREFERRED] + [t.text for t in held if t.status == ADMITTED]

    def forbidden(self, lang: str) -> list[str]:
        return [t.text for t in self.terms.get(lang, []) if t.status == FORBIDDEN]


@dataclass(frozen=True)
class Entry:
    """A concept seen for the pair ``source`` → ``target``."""

    concept: Concept
    source: str
    target_lang: str
    source_terms: tuple[str, ...]
    target: str  # the term to use ("" when the concept has none in the target language)
    alternatives: tuple[str, ...]  # admitted target terms besides it
    forbidden: tuple[str, ...]

    @property
    def note(self) -> str:
        return self.concept.note

    def note_in(self, lang: str) -> str:
        """The note in UI language ``lang`` (:meth:`Concept.note_in`)."""
        return self.concept.note_in(lang)

    @property
    def searched(self) -> tuple[str, ...]:
        """The source terms looked for in a text: all but the single common words not to be
        found alone (:attr:`Term.alone`)."""
        quiet = {t.text for t in self.concept.terms.get(self.source, []) if not t.alone}
        return tuple(t for t in self.source_terms if t not in quiet)


@dataclass
class Termbase:
    concepts: list[Concept] = field(default_factory=list)

    def entries(self, source: str, target: str) -> list[Entry]:
        """The concepts that have a usable term in ``source`` and something in ``target``."""
        out = []
        for concept in self.concepts:
            src = concept.usable(source)
            tgt = concept.usable(target)
            if src and (tgt or concept.forbidden(target)):
                out.append(Entry(concept, source, target, tuple(src), tgt[0] if tgt else "", tuple(tgt[1:]),
                                 tuple(concept.forbidden(target))))
        return out

    def user_concepts(self) -> list[Concept]:
        return [c for c in self.concepts if c.user]

    def add(self, source: str, target: str, source_term: str, target_term: str, note: str = "",
            forbidden: Iterable[str] = ()) -> Concept:
        """Add the user's entry for a language pair; returns the new concept. Raises
        :class:`TermbaseError` when the source or the target term is empty or the languages are the same."""
        source_term, target_term = _clean(source_term), _clean(target_term)
        if not source_term or not target_term:
            raise TermbaseError("give both the source term and the target term", "incomplete")
        if source == target:
            raise TermbaseError("the source and the target language must differ")
        for entry in self.entries(source, target):
            if source_term.casefold() in (t.casefold() for t in entry.source_terms) and \
                    target_term.casefold() in (t.casefold() for t in (entry.target, *entry.alternatives)):
                raise TermbaseError(f"the termbase already has {source_term} \u2192 {target_term}", "duplicate")
        terms = {source: [Term(source_term)],
                 target: [Term(target_term), *(Term(_clean(v), FORBIDDEN) for v in forbidden if _clean(v))]}
        concept = Concept(f"user-{uuid.uuid4().hex[:12]}", terms, _clean(note), user=True)
        self.concepts.append(concept)
        return concept

    def remove(self, concept_id: str) -> bool:
        """Remove a user's concept (a shipped one stays); True when one was removed."""
        before = len(self.concepts)
        self.concepts = [c for c in self.concepts if not (c.user and c.id == concept_id)]
        return len(self.concepts) != before


def _clean(text: str) -> str:
    return " ".join(str(text).split())


# -- reading and writing the JSON files -----------------------------------------------------------


def _concepts_from(data: object, source: str, user: bool) -> list[Concept]:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME or not isinstance(data.get("concepts"), list):
        raise TermbaseError(f"{source} is not an MLA Writer termbase")
    out = []
    for i, raw in enumerate(data["concepts"]):
        try:
            terms = {
                str(lang): [Term(_clean(t["text"]), t.get("status", PREFERRED), bool(t.get("alone", True)))
                            for t in held if _clean(t["text"])]
                for lang, held in raw["terms"].items()
            }
            if any(t.status not in STATUSES for held in terms.values() for t in held):
                raise ValueError("unknown status")
            note = raw.get("note", "")
            notes = {str(k): _clean(v) for k, v in note.items() if _clean(v)} if isinstance(note, dict) else {}
            text = notes.get("en") or next(iter(notes.values()), "") if notes else _clean(note)
            out.append(Concept(str(raw.get("id") or f"c{i}"), terms, text, user, notes))
        except (KeyError, TypeError, AttributeError, ValueError):
            raise TermbaseError(f"{source}: entry {i + 1} is not a termbase entry") from None
    return out


def _read_json(path: Path, user: bool) -> list[Concept]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise TermbaseError(f"{path} cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    except json.JSONDecodeError as exc:
        raise TermbaseError(f"{path} is not valid JSON (line {exc.lineno})") from None
    return _concepts_from(data, str(path), user)


def shipped_path() -> Path:
    from .assets import get_asset

    return get_asset("resources", "termbase", "un-glossary.json")


def user_path() -> Path:
    """``termbase.json`` in the user's data folder (``MLA_WRITER_DATA_DIR`` if set, else platformdirs'
    user data folder of "MLA Writer")."""
    override = os.environ.get("MLA_WRITER_DATA_DIR")
    if override:
        return Path(override) / FILE_NAME
    import platformdirs

    return Path(platformdirs.user_data_dir("MLA Writer", appauthor=False)) / FILE_NAME


def shipped_concepts() -> list[Concept]:
    """The concepts of the shipped glossary of UN terms."""
    return _read_json(shipped_path(), user=False)


def load(user_file: Path | None = None) -> Termbase:
    """The shipped glossary and the user's entries (``user_file``, default :func:`user_path`;
    none yet is an empty list). Raises :class:`TermbaseError` when the user's file is damaged
    (it is left as it is)."""
    concepts = shipped_concepts()
    path = user_file or user_path()
    if path.exists():
        concepts += _read_json(path, user=True)
    return Termbase(concepts)


def _document(concepts: Iterable[Concept]) -> dict:
    return {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, "concepts": [
        {"id": c.id, "note": c.notes or c.note,
         "terms": {lang: [{"text": t.text, "status": t.status, **({} if t.alone else {"alone": False})} for t in held]
                   for lang, held in c.terms.items()}}
        for c in concepts]}


def save_user(termbase: Termbase, user_file: Path | None = None) -> Path:
    """Write the user's concepts to ``user_file`` (default :func:`user_path`), atomically.
    Returns the path. Raises OSError when it cannot be written."""
    from .storage.files import atomic_write_text

    path = user_file or user_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(_document(termbase.user_concepts()), ensure_ascii=False, indent=2) + "\n",
                      backup=False)
    return path


# -- finding terms in a text --------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _word_matches(word: str, token: str, lang: str) -> bool:
    """Whether ``token`` is a form of ``word`` (both casefolded): inflected endings in Russian,
    a plural ending elsewhere."""
    if token == word:
        return True
    if lang == "ru":
        stem = word[:-2] if len(word) > 5 else word[:-1] if len(word) > 3 else word
        return token.startswith(stem) and len(token) - len(stem) <= 4
    return token in (word + "s", word + "es", word + "x")


@dataclass(frozen=True)
class Hit:
    """Where a term of ``entry`` occurs in a text: characters ``start``..``end``, the text found,
    and the term it is a form of."""

    start: int
    end: int
    found: str
    term: str
    entry: Entry


def _occurrences(text: str, term: str, lang: str, tokens=None) -> list[tuple[int, int]]:
    words = [w.casefold() for w in _WORD.findall(term)]
    tokens = _tokens(text) if tokens is None else tokens
    out = []
    if not words:
        return out
    for i in range(len(tokens) - len(words) + 1):
        if all(_word_matches(w, tokens[i + k][0], lang) for k, w in enumerate(words)):
            out.append((tokens[i][1], tokens[i + len(words) - 1][2]))
    return out


def find(text: str, entries: list[Entry]) -> list[Hit]:
    """The source terms of ``entries`` found in ``text`` (in the entries' source language), in
    the order of the text; where terms overlap the longest one is kept ("request for mutual legal
    assistance", not also "mutual legal assistance")."""
    if not entries or not text:
        return []
    tokens = _tokens(text)
    hits = []
    for entry in entries:
        for term in entry.searched:
            for start, end in _occurrences(text, term, entry.source, tokens):
                hits.append(Hit(start, end, text[start:end], term, entry))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


@dataclass(frozen=True)
class Advice:
    """``kind`` is ``"forbidden"`` (the translation uses ``variant``, a forbidden variant of the
    entry's target term) or ``"missing"`` (the source has the entry's term, as ``variant`` says
    it, and the translation none of its target terms)."""

    kind: str
    entry: Entry
    variant: str = ""


def _contains(text: str, term: str, lang: str) -> bool:
    return bool(_occurrences(text, term, lang))


def advise(source_text: str, target_text: str, entries: list[Entry]) -> list[Advice]:
    """Advice on ``target_text``, the translation of ``source_text`` for the pair of ``entries``
    (:meth:`Termbase.entries`): each forbidden variant used, then each source term whose expected
    target term the translation omits. Empty when the translation is empty."""
    if not target_text.strip():
        return []
    out = []
    for entry in entries:
        for variant in entry.forbidden:
            if _contains(target_text, variant, entry.target_lang):
                out.append(Advice("forbidden", entry, variant))
    seen: set[str] = set()
    for hit in find(source_text, entries):
        entry = hit.entry
        if entry.concept.id in seen or not entry.target:
            continue
        seen.add(entry.concept.id)
        if not any(_contains(target_text, t, entry.target_lang) for t in (entry.target, *entry.alternatives)):
            out.append(Advice("missing", entry, hit.found))
    return out


# -- TBX ----------------------------------------------------------------------------------------

_STATUS_TBX = {PREFERRED: "preferredTerm-admn-sts", ADMITTED: "admittedTerm-admn-sts", FORBIDDEN: "deprecatedTerm-admn-sts"}


def _status_from_tbx(value: str | None) -> str:
    value = (value or "").casefold()
    if any(word in value for word in ("deprecated", "superseded", "forbidden", "notrecommended")):
        return FORBIDDEN
    if "admitted" in value:
        return ADMITTED
    return PREFERRED


def export_tbx(concepts: Iterable[Concept], source_lang: str = "en") -> bytes:
    """The concepts as a TBX document (MARTIF, ``type="TBX"``): one ``termEntry`` per concept,
    one ``langSet`` per language, one ``tig`` per term with its ``administrativeStatus``
    (preferred, admitted, or deprecated for a forbidden variant), the note as ``<note>``."""
    from lxml import etree
    from translate.storage import tbx

    store = tbx.tbxfile(sourcelanguage=source_lang)
    for concept in concepts:
        langs = list(concept.terms)
        first = concept.terms[langs[0]][0].text if langs and concept.terms[langs[0]] else ""
        unit = store.addsourceunit(first)
        unit.setid(concept.id)
        for lang in langs:
            if lang == langs[0]:
                unit.set_source_terms([t.text for t in concept.terms[lang]], lang)
            else:
                unit.set_target_terms([t.text for t in concept.terms[lang]], lang)
        for langset in unit.getlanguageNodes():
            lang = langset.get("{http://www.w3.org/XML/1998/namespace}lang")
            if lang not in concept.terms:  # (the store's source language, which this concept may lack)
                unit.xmlelement.remove(langset)
                continue
            for tig, term in zip(langset.findall(unit.namespaced("tig")), concept.terms.get(lang, [])):
                node = etree.SubElement(tig, unit.namespaced("termNote"))
                node.set("type", "administrativeStatus")
                node.text = _STATUS_TBX[term.status]
            if concept.notes.get(lang):  # the note as written for this language, in its langSet
                note = etree.Element(unit.namespaced("note"))
                note.text = concept.notes[lang]
                langset.insert(0, note)
        if concept.note:
            note = etree.Element(unit.namespaced("note"))
            note.text = concept.note
            unit.xmlelement.insert(0, note)
    for p in store.document.getroot().iter("p"):
        p.text = "MLA Writer termbase"
    return bytes(store)


#: The largest TBX file imported, in bytes (a termbase of tens of thousands of entries is far smaller).
MAX_FILE_BYTES = 64_000_000


def import_tbx(data: bytes, source: str = "TBX file") -> list[Concept]:
    """The concepts of a TBX document (as the user's: ``user=True``, fresh ids when the file's
    are missing). Raises :class:`TermbaseError` when it is not a TBX glossary, holds none, or is
    larger than :data:`MAX_FILE_BYTES`."""
    if len(data) > MAX_FILE_BYTES:
        raise TermbaseError(f"{source} is larger than {MAX_FILE_BYTES // 1_000_000} MB; no glossary is that large",
                            "too_large")
    from translate.misc.xml_helpers import getXMLlang
    from translate.storage import tbx

    try:
        store = tbx.tbxfile.parsestring(data)
    except Exception as exc:  # lxml's XMLSyntaxError, the toolkit's ValueError/AssertionError on another format
        raise TermbaseError(f"{source} is not a TBX glossary ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})",
                            "not_tbx") from None
    out = []
    for unit in store.units:
        terms: dict[str, list[Term]] = {}
        lang_notes: dict[str, str] = {}
        for langset in unit.getlanguageNodes():
            lang = (getXMLlang(langset) or "").split("-")[0].casefold()
            if not lang:
                continue
            written = [_clean(n.text or "") for n in langset if isinstance(n.tag, str) and n.tag.endswith("note")]
            if any(written):
                lang_notes[lang] = " ".join(w for w in written if w)
            for term in unit.get_target_terms(getXMLlang(langset)):
                text = _clean(term.text)
                if text:
                    terms.setdefault(lang, []).append(Term(text, _status_from_tbx(term.administrative_status)))
        if len(terms) < 1:
            continue
        for held in terms.values():
            held.sort(key=lambda t: STATUSES.index(t.status))
        concept_id = unit.xmlelement.get("id") or f"user-{uuid.uuid4().hex[:12]}"
        notes = [n.text for n in unit.get_common_notes(source=True) if n.scope == "concept" and _clean(n.text)]
        out.append(Concept(concept_id, terms, _clean(" ".join(dict.fromkeys(notes))), user=True, notes=lang_notes))
    if not out:
        raise TermbaseError(f"{source} holds no term", "empty")
    return out


def merge(termbase: Termbase, concepts: Iterable[Concept]) -> int:
    """Add ``concepts`` as the user's, skipping any whose terms a concept already has (the same
    terms in the same languages). Returns how many were added."""
    def key(c: Concept):
        return frozenset((lang, t.text.casefold(), t.status) for lang, held in c.terms.items() for t in held)

    have = {key(c) for c in termbase.concepts}
    ids = {c.id for c in termbase.concepts}
    added = 0
    for concept in concepts:
        if key(concept) in have:
            continue
        if concept.id in ids:
            concept = Concept(f"user-{uuid.uuid4().hex[:12]}", concept.terms, concept.note, True)
        concept.user = True
        termbase.concepts.append(concept)
        have.add(key(concept))
        ids.add(concept.id)
        added += 1
    return added
