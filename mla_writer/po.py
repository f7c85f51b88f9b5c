"""A strict, fast reader of gettext ``.po`` catalogues (standard library only).

Used by :func:`mla_writer.i18n.translations` for the UI and letter catalogues of a checkout;
imported only when a language other than English is needed.
"""

from __future__ import annotations

import codecs
import gettext
import re

class PoSyntaxError(ValueError):
    """A ``.po`` file that :class:`PoTranslations` refuses to read (message names file and line)."""


#: One quoted PO string: everything between the quotes, backslash escapes kept.
_PO_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')
_PO_ESCAPE = re.compile(r"\\(?:([ntrabfv\\\"'?])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.?))", re.DOTALL)
_SIMPLE_ESCAPES = {
    "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
    "\\": "\\", '"': '"', "'": "'", "?": "?",
}  # fmt: skip
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")
_MSGSTR_N = re.compile(r"msgstr\[(\d+)\]")


def _unescape_match(match: re.Match) -> str:
    simple, octal, hexa, bad = match.groups()
    if simple is not None:
        return _SIMPLE_ESCAPES[simple]
    code = int(octal, 8) if octal is not None else int(hexa, 16) if hexa is not None else None
    if code is None:
        raise PoSyntaxError(f"invalid escape sequence \\{bad}")
    if code >= 0x80:  # a byte of a multi-byte character: write the character itself instead
        raise PoSyntaxError(f"numeric escape above ASCII: {match.group(0)}")
    return chr(code)


class PoTranslations(gettext.GNUTranslations):
    """A ``gettext`` catalogue read directly from ``.po`` text (``PoTranslations(binary_file)``).

    It is a :class:`gettext.GNUTranslations` whose ``_parse`` reads PO syntax instead of the
    ``.mo`` format, so ``gettext``, ``ngettext``, ``pgettext``, ``npgettext`` and ``info``
    behave exactly as for a compiled catalogue. Entries are used as ``msgfmt`` and Babel's
    ``write_mo(..., use_fuzzy=False)`` use them:

    * ``msgctxt``/``msgid``/``msgid_plural``/``msgstr``/``msgstr[N]`` keywords, each
      followed by one quoted string and any number of continuation lines (``"..."``);
    * the C escapes ``\\n \\t \\r \\a \\b \\f \\v \\\\ \\" \\' \\?`` and
      ASCII octal/hex escapes (``\\101``, ``\\x41``);
    * comments (``#``, ``#.``, ``#:``, ``#|``) are skipped; a ``#,`` flag line containing
      ``fuzzy`` makes the following entry unused (except the header, always used);
      obsolete ``#~`` entries are ignored;
    * an empty singular ``msgstr`` is untranslated (``gettext`` returns the msgid); in a
      plural entry an empty ``msgstr[0]`` falls back to the ``msgid`` and an empty or
      missing ``msgstr[N>0]`` to the ``msgid_plural``, as in Babel's ``write_mo``;
    * the header (``msgid ""``) gives :meth:`info`, and its ``Plural-Forms`` (compiled
      with :func:`gettext.c2py`, as the stdlib does) selects the plural form. Without a
      ``Plural-Forms`` header the stdlib default ``n != 1`` with two forms applies
      (Babel would take the locale's CLDR rule instead; every shipped catalogue has one).

    The reader is strict: anything else raises :class:`PoSyntaxError` (a ``ValueError``)
    naming the line — a keyword out of order (``msgstr`` before ``msgid``, ``msgstr`` in a
    plural entry, ``msgstr[N]`` out of sequence or beyond ``nplurals``), a comment or end
    of file inside an entry, an unterminated or unknown string or escape, a duplicate
    (context, msgid), bytes that are not UTF-8, a charset other than UTF-8/ASCII, an
    invalid ``Plural-Forms``. Where Babel would merely warn and guess, we refuse; a
    refused catalogue is handled by :func:`translations`, which falls back to English.
    """

    def _parse(self, fp) -> None:  # called by NullTranslations.__init__
        where = getattr(fp, "name", "<po>")
        try:
            text = fp.read().decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise PoSyntaxError(f"{where}: not UTF-8 ({exc})") from None
        try:
            entries, header = self._read_entries(text.split("\n"))
            self._build(entries, header)
        except PoSyntaxError as exc:
            raise PoSyntaxError(f"{where}: {exc}") from None

    @staticmethod
    def _read_entries(lines: list[str]):
        """[(lineno, context, msgid, msgid_plural, [msgstr...]), ...] of the used entries, and the header."""
        entries: list[tuple[int, str | None, str, str | None, list[str]]] = []
        seen: set[tuple[str | None, str]] = set()
        header: str | None = None
        # The entry being read: its fields (None = keyword not seen yet) and its state.
        ctxt = msgid = plural = None
        strs: list[str] | None = None  # msgstr / msgstr[0..]; not None = entry complete
        start = 0
        fuzzy = False  # from a "#," line before the entry being read
        field = None  # which field a continuation line extends: "ctxt", "id", "plural", "str"

        def finish() -> None:
            nonlocal ctxt, msgid, plural, strs, fuzzy, field, header
            key = (ctxt, msgid)
            if key in seen:
                raise PoSyntaxError(f"line {start}: duplicate message {msgid!r}")
            seen.add(key)
            if ctxt is None and msgid == "":
                header = strs[0]
            elif not fuzzy and (plural is not None or strs[0]):
                entries.append((start, ctxt, msgid, plural, strs))
            ctxt = msgid = plural = strs = field = None
            fuzzy = False

        for lineno, raw in enumerate(lines, 1):
            line = raw.strip()
            if not line:
                continue
            if line[0] == "#":
                if msgid is not None or ctxt is not None:
                    if strs is None:
                        raise PoSyntaxError(f"line {lineno}: comment inside an entry (no msgstr yet)")
                    finish()
                if line.startswith("#,"):
                    fuzzy = fuzzy or "fuzzy" in (f.strip() for f in line[2:].split(","))
                elif line.startswith("#~"):
                    fuzzy = False  # those flags belonged to the obsolete entry
                continue
            quote = line.find('"')
            keyword = line[:quote].rstrip() or None  # None: a continuation line
            match = _PO_STRING.fullmatch(line, quote) if quote >= 0 else None
            if match is None:
                raise PoSyntaxError(f"line {lineno}: expected a keyword and one quoted string: {line[:60]!r}")
            value = match.group(1)
            if "\\" in value:
                try:
                    value = _PO_ESCAPE.sub(_unescape_match, value)
                except PoSyntaxError as exc:
                    raise PoSyntaxError(f"line {lineno}: {exc}") from None
            if keyword is None:  # continuation line
                if field is None:
                    raise PoSyntaxError(f"line {lineno}: string outside an entry")
                if field == "ctxt":
                    ctxt += value
                elif field == "id":
                    msgid += value
                elif field == "plural":
                    plural += value
                else:
                    strs[-1] += value
                continue
            if keyword in ("msgctxt", "msgid") and strs is not None:
                finish()  # a complete entry followed directly by the next one
            if keyword == "msgctxt":
                if ctxt is not None or msgid is not None:
                    raise PoSyntaxError(f"line {lineno}: msgctxt out of place")
                ctxt, field, start = value, "ctxt", lineno
            elif keyword == "msgid":
                if msgid is not None:
                    raise PoSyntaxError(f"line {lineno}: msgid without a msgstr before it")
                msgid, field = value, "id"
                if ctxt is None:
                    start = lineno
            elif keyword == "msgid_plural":
                if msgid is None or plural is not None or strs is not None:
                    raise PoSyntaxError(f"line {lineno}: msgid_plural out of place")
                plural, field = value, "plural"
            elif keyword == "msgstr":
                if msgid is None or plural is not None or strs is not None:
                    raise PoSyntaxError(f"line {lineno}: msgstr out of place")
                strs, field = [value], "str"
            elif (index := _MSGSTR_N.fullmatch(keyword)) is not None:
                expected = 0 if strs is None else len(strs)
                if msgid is None or plural is None or int(index.group(1)) != expected:
                    raise PoSyntaxError(f"line {lineno}: {keyword} out of place (expected msgstr[{expected}])")
                if strs is None:
                    strs = []
                strs.append(value)
                field = "str"
            else:
                raise PoSyntaxError(f"line {lineno}: unknown keyword {keyword!r}")
        if ctxt is not None or msgid is not None:
            if strs is None:
                raise PoSyntaxError(f"line {start}: entry without msgstr at end of file")
            finish()
        return entries, header

    def _build(self, entries, header: str | None) -> None:
        self._info = info = {}
        self._charset = None
        self.plural = lambda n: int(n != 1)  # the stdlib's default (Germanic)
        nplurals = 2
        catalog = self._catalog = {}
        if header is not None:
            catalog[""] = header
            lastk = None
            for item in header.split("\n"):
                item = item.strip()
                if not item:
                    continue
                if ":" in item:
                    k, v = item.split(":", 1)
                    lastk, v = k.strip().lower(), v.strip()
                    info[lastk] = v
                elif lastk:
                    info[lastk] += "\n" + item
            if "content-type" in info:
                charset = info["content-type"].partition("charset=")[2].strip()
                self._charset = charset or None
                try:
                    known = codecs.lookup(charset).name in ("utf-8", "ascii")
                except LookupError:
                    known = False
                if charset and not known:  # no charset at all: ASCII/UTF-8 assumed
                    raise PoSyntaxError(f"charset {charset!r} is not UTF-8")
            if "plural-forms" in info:
                match = _PLURAL_FORMS.fullmatch(info["plural-forms"])
                if match is None or int(match.group(1)) < 1:
                    raise PoSyntaxError(f"invalid Plural-Forms {info['plural-forms']!r}")
                nplurals = int(match.group(1))
                try:
                    self.plural = gettext.c2py(match.group(2))
                except ValueError as exc:
                    raise PoSyntaxError(f"invalid Plural-Forms expression: {exc}") from None
        for lineno, ctxt, msgid, plural, strs in entries:
            key = msgid if ctxt is None else f"{ctxt}\x04{msgid}"
            if plural is None:
                catalog[key] = strs[0]
                continue
            if len(strs) > nplurals:
                raise PoSyntaxError(f"line {lineno}: {len(strs)} plural forms but nplurals={nplurals}")
            for i in range(nplurals):
                string = strs[i] if i < len(strs) else ""
                catalog[(key, i)] = string or (msgid if i == 0 else plural)
