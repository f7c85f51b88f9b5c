"""XLIFF for an external translator: export the fields still to translate, import the translation.

No Qt here. The files are written and read with translate-toolkit (``translate.storage.xliff``
for XLIFF 1.2, ``translate.storage.xliff2`` for XLIFF 2.0), the format CAT tools read.

An exported file has one ``<file>`` whose ``original`` is ``mla-writer-draft:<draft id>``
(:func:`mla_writer.translation.ensure_draft_id`), the draft's source and target languages, and
one unit per field to translate: its ``id`` (and in 1.2 its ``resname``) is the field's concrete
path (``persons[1].birth_place``), a note gives the point and the field's label, the source is the
field's text in the source language, and a stale translation comes as the target to review.

Each unit also carries the fingerprint of its source text at export
(:func:`mla_writer.translation.source_hash`): in XLIFF 1.2 the unit's ``extradata`` attribute
(``mla-writer-source:<hash>``), in 2.0 a ``<mda:metadata>`` entry of type ``source-hash``. On
import the draft's source *now* is compared with that fingerprint, not with the file's
``<source>``, so that a CAT tool that rewrites the source (no-break spaces as spaces, runs of
spaces joined) does not block the import; a file without fingerprints (a tool dropped them) is
compared by its source text with such differences of spacing ignored.

Import (:func:`import_xliff`) is refused as a whole (:class:`XliffRefused`, nothing changed) when
the file is not XLIFF, was exported from another draft, or names a field the draft does not have
(or names one twice), naming those fields. A unit whose source text changed in the draft since
the export is left out (its translation is of an older source) and named in
:attr:`Imported.changed`; the other units are imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import fields, translation
from .i18n import N_
from .languages import is_language
from .model import LetterOfRequest
from .model.text import clean_text

#: The prefix of the ``original`` attribute of an exported file's ``<file>``.
ORIGINAL_PREFIX = "mla-writer-draft:"
VERSIONS = ("1.2", "2.0")
#: A larger file is refused before it is parsed (a letter's translation is far smaller).
MAX_FILE_BYTES = 64_000_000
#: The prefix of a 1.2 unit's ``extradata`` that holds its source fingerprint.
HASH_PREFIX = "mla-writer-source:"
#: XLIFF 2.0's metadata module, where a 2.0 unit keeps its source fingerprint.
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"


class XliffRefused(Exception):
    """An XLIFF file is refused. ``str(error)`` is the reason in English, one line;
    :meth:`localized` gives it in a UI language; ``paths`` are the concrete paths of the fields
    concerned (their labels are in the message)."""

    def __init__(self, message: str, /, paths: list[str] | None = None, letter: LetterOfRequest | None = None,
                 **params: Any) -> None:
        from .storage.errors import clip

        self.msgid = message
        self.paths = list(paths or [])
        self.letter = letter
        self.params = {k: clip(v) if isinstance(v, str) else v for k, v in params.items()}
        super().__init__(self.localized("en"))

    def localized(self, lang: str) -> str:
        """The reason in UI language ``lang``: one sentence, then the fields concerned one per
        line ("5. Urgency and time limit — Explanation of the urgency"; at most
        :data:`mla_writer.translation.MAX_LISTED`, then "and n more fields")."""
        from .i18n import ui_gettext
        from .storage.errors import MAX_MESSAGE, escape

        text = escape((self.msgid if lang == "en" else ui_gettext(lang)(self.msgid)).format(**self.params))
        if len(text) > MAX_MESSAGE:
            text = text[: MAX_MESSAGE - 3].rsplit(" ", 1)[0] + "..."
        if self.paths:
            lines = translation.field_lines(self.letter or LetterOfRequest(), self.paths, lang)
            text += "".join("\n" + escape(line) for line in lines)
        return text


@dataclass
class Exported:
    """What :func:`export_xliff` wrote: the file's bytes, the paths exported, and the paths left
    out because they hold no text in the source language."""

    data: bytes
    source: str
    target: str
    paths: list[str] = field(default_factory=list)
    no_source: list[str] = field(default_factory=list)
    draft_id_given: bool = False


@dataclass
class Imported:
    """What :func:`import_xliff` did: the target language, the paths whose translation was
    written, and the paths left as they were (no target in the file, or a translation to
    review sent back unchanged)."""

    target: str
    source: str
    written: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    #: translations not imported: their field's source text changed in the draft since the export
    changed: list[str] = field(default_factory=list)


def _store_class(version: str):
    from translate.storage import xliff, xliff2

    if version == "2.0":
        return xliff2.Xliff2File

    class Unit12(xliff.xliffunit):
        namespace = "urn:oasis:names:tc:xliff:document:1.2"

    class Xliff12(xliff.xlifffile):
        UnitClass = Unit12
        XMLskeleton = xliff.xlifffile.XMLskeleton.replace("1.1", "1.2")
        namespace = "urn:oasis:names:tc:xliff:document:1.2"

    return Xliff12


def export_xliff(letter: LetterOfRequest, target: str, source: str | None = None, version: str = "1.2",
                 ui_lang: str = "en", everything: bool = False) -> Exported:
    """The fields of ``letter`` still to translate into ``target`` (missing or stale; with
    ``everything``, every field) as XLIFF ``version`` ("1.2" or "2.0"), from ``source`` (default:
    the drafting language, or the language the fields hold). Notes give the point and label in UI
    language ``ui_lang``. Gives the draft its translation id when it has none
    (``draft_id_given``: save the draft). Raises ValueError for an unknown version or language."""
    if version not in VERSIONS:
        raise ValueError(f"XLIFF version {version!r} (write 1.2 or 2.0)")
    if not is_language(target):
        raise ValueError(f"{target!r} is not a language of the letter")
    found = translation.units(letter)
    if source is None:
        held = [translation.source_language(letter, u.text, target) for u in found]
        source = letter.drafting_language if letter.drafting_language in held or not any(held) else \
            max(set(h for h in held if h), key=held.count)
    if source == target:
        raise ValueError(f"nothing to translate: the fields are written in {source} and the target is {target}; "
                         "choose a target other than the source (or give the source language to translate from)")
    given = translation.ensure_draft_id(letter)
    progress = translation.progress(letter, target, found)
    store = _store_class(version)(sourcelanguage=source, targetlanguage=target)
    if version == "2.0":
        store.body.set("original", ORIGINAL_PREFIX + letter.translation.draft_id)
    else:
        store.setfilename(store.getfilenode("NoName"), ORIGINAL_PREFIX + letter.translation.draft_id)
    from .i18n import ui_gettext

    _ = ui_gettext(ui_lang)
    out = Exported(b"", source, target, draft_id_given=given)
    names = translation.labels(letter, found, ui_lang)
    for unit in found:
        state = progress.states[unit.path]
        if state == translation.CURRENT and not everything:
            continue
        if source not in unit.text:
            out.no_source.append(unit.path)
            continue
        if version == "2.0":
            xu = store.addsourceunit(unit.text.get(source))
        else:
            xu = store.addsourceunit(unit.text.get(source), filename=ORIGINAL_PREFIX + letter.translation.draft_id)
            xu.xmlelement.set("resname", unit.path)
        xu.setid(unit.path)
        _set_fingerprint(xu, version, translation.source_hash(unit.text.get(source)))
        xu.addnote(f"{unit.point.heading(ui_lang)} \u2014 {names[unit.path]}", origin="developer")
        if target in unit.text:
            xu.settarget(unit.text.get(target), lang=target)
            if state == translation.STALE:
                xu.addnote(_("The source text changed after this translation: check it."), origin="developer")
                _mark_to_review(xu, version)
        out.paths.append(unit.path)
    if version == "2.0":
        _tidy_xliff2(store)
    out.data = bytes(store)
    return out


def _tidy_xliff2(store) -> None:
    """XLIFF 2.0 puts a unit's ``<notes>`` first in the ``<unit>``, not in its ``<segment>``,
    and allows ``xml:space`` on the unit, not on the segment: move them there."""
    ns = store.namespace
    space = "{http://www.w3.org/XML/1998/namespace}space"
    for unit in store.document.getroot().iter(f"{{{ns}}}unit"):
        for segment in unit.findall(f"{{{ns}}}segment"):
            if segment.get(space):
                unit.set(space, segment.attrib.pop(space))
            for notes in segment.findall(f"{{{ns}}}notes"):
                segment.remove(notes)
                notes.tail = None
                unit.insert(0, notes)


def _set_fingerprint(unit, version: str, fingerprint: str) -> None:
    """Keep the fingerprint of the unit's source text in the file (see the module docstring)."""
    if version != "2.0":
        unit.xmlelement.set("extradata", HASH_PREFIX + fingerprint)
        return
    from lxml import etree

    element = unit.getunitelement()
    metadata = etree.Element(f"{{{MDA_NS}}}metadata", nsmap={"mda": MDA_NS})
    group = etree.SubElement(metadata, f"{{{MDA_NS}}}metaGroup", category="mla-writer")
    etree.SubElement(group, f"{{{MDA_NS}}}meta", type="source-hash").text = fingerprint
    element.insert(0, metadata)


def _fingerprint(element) -> str | None:
    """The source fingerprint an exported unit carries (its 1.2 ``<trans-unit>`` or 2.0 ``<unit>``), or None."""
    extra = element.get("extradata") or ""
    if extra.startswith(HASH_PREFIX):
        return extra[len(HASH_PREFIX):].strip()
    for meta in element.iter(f"{{{MDA_NS}}}meta"):
        if meta.get("type") == "source-hash" and meta.text:
            return meta.text.strip()
    return None


def _spacing(text: str) -> str:
    """``text`` with the differences of spacing a CAT tool may make ignored (no-break and other
    spaces as one space, runs of white space as one, none at the ends)."""
    import re

    return re.sub(r"\s+", " ", clean_text(text).replace("\u00a0", " ").replace("\u202f", " ")).strip()


def _mark_to_review(unit, version: str) -> None:
    if version == "2.0":
        unit.xmlelement.set("state", "initial")  # (the toolkit's 2.0 unit is the <segment>)
    else:
        target = unit.xmlelement.find(unit.namespaced("target"))
        if target is not None:
            target.set("state", "needs-review-translation")
        unit.xmlelement.attrib.pop("approved", None)


def _file_units(store, version: str):
    """``(id, source, target, to_review, fingerprint)`` of each unit of the file, in order. In
    XLIFF 2.0 a unit a CAT tool split into segments is joined again (the segments' texts, in
    order); ``to_review``: the target is marked as still to translate or review (1.2
    ``state="needs-..."`` or ``"new"``, 2.0 ``state="initial"``); ``fingerprint``: the source's
    fingerprint at export (None when the file has none)."""
    if version != "2.0":
        for xu in store.units:
            target = xu.xmlelement.find(xu.namespaced("target"))
            state = target.get("state", "") if target is not None else ""
            yield (xu.xmlelement.get("id") or "", str(xu.source or ""), str(xu.target or ""),
                   state.startswith("needs-") or state == "new", _fingerprint(xu.xmlelement))
        return
    groups: dict[Any, list] = {}
    for xu in store.units:
        groups.setdefault(xu.getunitelement(), []).append(xu)
    for element, segments in groups.items():
        yield (element.get("id") or "", "".join(str(x.source or "") for x in segments),
               "".join(str(x.target or "") for x in segments),
               any(x.xmlelement.get("state") == "initial" for x in segments), _fingerprint(element))


def _parse(data: bytes):
    """``(store, version)``; raises :class:`XliffRefused` when ``data`` is not XLIFF."""
    from translate.storage import xliff, xliff2

    try:
        return xliff.xlifffile.parsestring(data), "1.2"
    except ValueError as exc:
        if "2." not in str(exc):
            raise XliffRefused(N_("The file is not an XLIFF file ({problem})."), problem=str(exc).splitlines()[0]) from None
    except Exception as exc:  # lxml's XMLSyntaxError, or the toolkit's AssertionError on another root element
        raise XliffRefused(N_("The file is not an XLIFF file ({problem})."),
                           problem=(str(exc).splitlines() or [type(exc).__name__])[0]) from None
    try:
        return xliff2.Xliff2File.parsestring(data), "2.0"
    except Exception as exc:
        raise XliffRefused(N_("The file is not an XLIFF file ({problem})."),
                           problem=(str(exc).splitlines() or [type(exc).__name__])[0]) from None


def import_xliff(letter: LetterOfRequest, data: bytes) -> Imported:
    """Write the translations of an XLIFF file (1.2 or 2.0) exported by :func:`export_xliff`
    into ``letter``, remembering the source text each was made from (so a later source edit
    marks it stale). Units without a target, and translations to review sent back unchanged,
    are left (:attr:`Imported.left`); translations whose field's source changed in the draft
    since the export are not imported (:attr:`Imported.changed`). Raises :class:`XliffRefused`
    (nothing changed) as the module docstring says."""
    if len(data) > MAX_FILE_BYTES:
        raise XliffRefused(N_("The file is larger than {size} MB: it is not a translation of a letter."),
                           size=MAX_FILE_BYTES // 1_000_000)
    store, version = _parse(data)
    root = store.document.getroot()
    files = [n for n in root if isinstance(n.tag, str) and n.tag.endswith("}file")]
    if len(files) != 1:
        raise XliffRefused(N_("The file holds {count} parts; a file exported by MLA Writer holds one."), count=len(files))
    original = files[0].get("original") or ""
    if not original.startswith(ORIGINAL_PREFIX):
        raise XliffRefused(N_("The file was not exported by MLA Writer from this draft (it names no MLA Writer draft)."))
    if not letter.translation.draft_id or original[len(ORIGINAL_PREFIX):] != letter.translation.draft_id:
        raise XliffRefused(N_("The file was exported from another draft: its translations belong to that draft, not to this one."))
    if version == "2.0":
        source, target = root.get("srcLang") or "", root.get("trgLang") or ""
    else:
        source, target = files[0].get("source-language") or "", files[0].get("target-language") or ""
    if not is_language(target) or not is_language(source) or source == target:
        raise XliffRefused(N_("The file's languages ({source} to {target}) are not two different languages of the letter."),
                           source=source or "?", target=target or "?")
    current = {u.path: u for u in translation.units(letter)}
    seen: set[str] = set()
    unknown, twice, changed = [], [], []
    accepted = []
    for path, source_text, target_text, review, fingerprint in _file_units(store, version):
        if path in seen:
            twice.append(path)
            continue
        seen.add(path)
        unit = current.get(path)
        if unit is None:
            if _emptied(letter, path):  # the field's source was deleted since the export
                if clean_text(target_text):
                    changed.append(path)
                continue
            unknown.append(path)
            continue
        now = unit.text.get(source)
        if fingerprint is not None:
            same = bool(now) and translation.source_hash(now) == fingerprint
        else:  # a file whose fingerprints a tool dropped: its source, spacing aside
            same = bool(now) and _spacing(source_text) == _spacing(now)
        if not same:
            if clean_text(target_text):
                changed.append(path)  # a translation of an older source: left out, named
            continue
        accepted.append((unit, clean_text(target_text), review))
    if unknown:
        raise XliffRefused(N_("The file names fields this draft does not have:"), paths=unknown, letter=letter)
    if twice:
        raise XliffRefused(N_("The file names these fields more than once:"), paths=twice, letter=letter)
    out = Imported(target, source, changed=changed)
    texts = []
    for unit, text, review in accepted:
        if not text or (review and text == unit.text.get(target)):
            out.left.append(unit.path)
            continue
        texts.append((unit, text))
    from .model.text import TextTooLong, within_limit

    for unit, text in texts:
        try:
            within_limit(text)
        except TextTooLong:
            raise XliffRefused(N_("This translation is too long to be a field of a letter:"),
                               paths=[unit.path], letter=letter) from None
    for unit, text in texts:
        unit.text.set(target, text)
        translation.record(letter, unit.path, target, source)
        out.written.append(unit.path)
    return out


def _emptied(letter: LetterOfRequest, path: str) -> bool:
    """Whether ``path`` is a free-text field the draft has but that holds no text now (or is
    left out of the letter): its source changed since the export rather than being unknown."""
    try:
        decl = fields.declaration(path, letter)
        value = fields.value_at(letter, path)
    except Exception:  # noqa: BLE001 - a path read from a file: anything may be wrong with it
        return False
    return decl is not None and decl.kind == fields.TEXT and hasattr(value, "languages")


def changed_report(result: Imported, letter: LetterOfRequest, lang: str) -> str:
    """What to tell the user about the translations not imported because their source changed
    since the export, in UI language ``lang``: a sentence, then the fields one per line ("" when
    none)."""
    if not result.changed:
        return ""
    from .i18n import translations

    ngettext = translations("ui", lang).ngettext
    head = ngettext("{count} translation was not imported: the source text of its field changed in the draft "
                    "after the export. Export it again:",
                    "{count} translations were not imported: the source text of their fields changed in the draft "
                    "after the export. Export them again:", len(result.changed)).format(count=len(result.changed))
    return "\n".join([head, *translation.field_lines(letter, result.changed, lang)])
