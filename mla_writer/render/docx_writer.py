""".docx writer: the block markup -> WordprocessingML on top of a reference document.

The reference document (default ``templates/reference.docx``) supplies every style, the
page set-up, header and footer; this writer adds only content. It writes the body as one
WordprocessingML fragment (fast: one parse instead of thousands of API calls), and fills
the markers the reference document carries in its header and footer:

``{LETTERHEAD}``    a header paragraph replaced by the letterhead (else it opens the body)
``{HEADER_MARKS}``  replaced by "CONFIDENTIAL" / "DRAFT — INCOMPLETE" when they apply; a training
                    letter's "TRAINING — NOT A REAL REQUEST" is a red line of its own above it
                    (atop each header of a reference without the marker)
``{FOOTER}``        replaced by the reference and the localised "Page X of Y" (PAGE/NUMPAGES fields)
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import re
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape as xml_escape

from . import RenderError
from .engine import Blocks

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W_NS

#: The training mark in each header: dark red, 12 pt, bold, on a line of its own.
TRAINING_COLOUR = "B00000"
TRAINING_HALF_POINTS = 24

#: Style key used by the templates -> style name the reference document must define.
STYLE_NAMES: dict[str, str] = {
    "title": "Title",
    "subtitle": "Subtitle",
    "h1": "Heading 1",
    "h2": "Heading 2",
    "h3": "Heading 3",
    "body": "Body Text",
    "quote": "Quote",
    "header": "Header",
    "footer": "Footer",
    "letterhead-state": "MLA Letterhead State",
    "letterhead": "MLA Letterhead",
    "letterhead-detail": "MLA Letterhead Detail",
    "addressee-label": "MLA Addressee Label",
    "addressee": "MLA Addressee",
    "reference": "MLA Reference",
    "salutation": "MLA Salutation",
    "field": "MLA Field",
    "contact": "MLA Contact",
    "item": "MLA Item",
    "item-detail": "MLA Item Detail",
    "subhead": "MLA Subhead",
    "table-caption": "MLA Table Caption",
    "cell": "MLA Table Text",
    "closing": "MLA Closing",
    "place-date": "MLA Place Date",
    "signature-line": "MLA Signature Line",
    "signature": "MLA Signature",
    "annex": "MLA Annex",
    "notice-urgent": "MLA Notice Urgent",
    "notice-confidential": "MLA Notice Confidential",
    "notice-draft": "MLA Notice Draft",
    # character styles
    "untranslated": "MLA Untranslated",
    "untranslated-tag": "MLA Untranslated Tag",
    "notice-title": "MLA Notice Title",
    # table style
    "table": "Table Grid",
}
REQUIRED_STYLES: tuple[str, ...] = tuple(STYLE_NAMES.values())
#: Styles a reference document may lack (older letterheads): key -> (style name, key used instead).
OPTIONAL_STYLES: dict[str, tuple[str, str]] = {"subject": ("MLA Subject", "body")}
#: Space left for the signature and the official seal, above "(signature and official seal)": 4 cm in twips.
SIGNATURE_SPACE_TWIPS = 2268

#: Proofing language of the runs (Word and LibreOffice spell-check by it).
_PROOF_LANG = {"en": "en-GB", "fr": "fr-FR", "ru": "ru-RU", "es": "es-ES"}

#: Stands for the end of the cover sheet's section (replaced by a paragraph carrying a copy of the
#: document's section properties: same page set-up, headers and footers, so the letter proper
#: starts on a new page with the first-page letterhead).
SECTION_BREAK = "<!--mla-section-break-->"

#: The longest e-mail address (characters) that fits on a line of a bilingual half column at
#: the body size; a longer one is set smaller there (LibreOffice would cut it at a dot).
MAIL_FITS = 30

_FIELD = (
    '<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r>{rpr}<w:instrText xml:space="preserve"> {name} </w:instrText></w:r>'
    '<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
    "<w:r>{rpr}<w:t>1</w:t></w:r>"
    '<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
)


def check_reference(path: "str | os.PathLike[str]") -> None:
    """Raise :class:`RenderError` (naming the problem) unless ``path`` is a .docx usable as a
    reference document: readable, with every style of :data:`REQUIRED_STYLES`."""
    doc, source = _open_reference(os.fspath(path))
    _style_ids(doc, source)


def _open_reference(path: str):
    """The reference document at ``path`` opened with python-docx, and its file name (for messages).
    Raises :class:`RenderError` when it does not exist or is not a readable .docx."""
    from docx import Document

    source = os.path.basename(path)
    if not os.path.isfile(path):
        raise RenderError(f"the reference document {path} does not exist")
    try:
        return Document(path), source
    except Exception as exc:  # zip, package or XML errors: not a usable .docx
        raise RenderError(f"the reference document {source} is not a readable Word (.docx) file ({type(exc).__name__})") from None


def _style_ids(doc, source: str) -> dict[str, str]:
    """Style key -> styleId in the reference document; RenderError naming what is missing."""
    from docx.styles import BabelFish

    by_name: dict[str, str] = {}
    for style in doc.styles.element.findall(_W + "style"):
        name_el = style.find(_W + "name")
        if name_el is None:
            continue
        ui_name = BabelFish.internal2ui(name_el.get(_W + "val", ""))
        by_name[ui_name.casefold()] = style.get(_W + "styleId", "")
    missing = [name for name in REQUIRED_STYLES if name.casefold() not in by_name]
    if missing:
        raise RenderError(
            f"the reference document {source} lacks the style{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(m) for m in missing)} (see templates/README.md)"
        )
    ids = {key: by_name[name.casefold()] for key, name in STYLE_NAMES.items()}
    for key, (name, instead) in OPTIONAL_STYLES.items():
        ids[key] = by_name.get(name.casefold(), ids[instead])
    return ids


#: Styles indented for a full-width page; in a bilingual column their indent is dropped.
_WIDE_INDENT = frozenset({"addressee-label", "addressee", "place-date", "signature-line", "signature", "contact"})
#: Justified styles; set ragged-right in a bilingual column.
_JUSTIFIED = frozenset({"body", "item-detail", "quote", "closing", "subject"})


class _Writer:
    def __init__(self, ids: dict[str, str], lang: str, narrow: bool = False) -> None:
        self.ids = ids
        self.lang = lang
        self.narrow = narrow
        #: a bilingual cover sheet: smaller type and tighter spacing, so that the two columns and
        #: the form fit on the one detachable sheet
        self.compact = False
        self._small = False
        self._mail = False  # inside an e-mail address (its hyphens never break the line)
        self._row_keep: bool | None = None  # set while a bilingual row that never splits is written

    # -- runs ----------------------------------------------------------------------------------
    def _rpr(self, bold: bool, italic: bool, cstyle: str | None, lang: str | None) -> str:
        parts = []
        if cstyle:
            parts.append(f'<w:rStyle w:val="{self.ids[cstyle]}"/>')
        if bold:
            parts.append("<w:b/><w:bCs/>")
        if italic:
            parts.append("<w:i/><w:iCs/>")
        if lang:
            parts.append(f'<w:lang w:val="{_PROOF_LANG.get(lang, lang)}"/>')
        if self._small:
            parts.append('<w:sz w:val="18"/><w:szCs w:val="18"/>')
        return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""

    def _text_run(self, text: str, rpr: str, out: list[str]) -> None:
        if not text:
            return
        # a hyphen between digits ("article 225-4-1", "2-17/0417") is never a place to break the line
        body = xml_escape(_DIGIT_HYPHEN.sub("\u2011", text))
        if self._mail and "-" in body:
            # an e-mail address is never cut at its hyphens ("central-" / "fr@..."): Word's own
            # no-break hyphen, which copies and searches as "-"
            body = body.replace("-", '</w:t></w:r><w:r>' + rpr + '<w:noBreakHyphen/></w:r><w:r>' + rpr
                                + '<w:t xml:space="preserve">')
        if "\t" in body:
            body = body.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
        out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{body}</w:t></w:r>')

    def runs(self, elem: ET.Element, out: list[str], bold: bool = False, italic: bool = False,
             cstyle: str | None = None, lang: str | None = None) -> None:
        rpr = self._rpr(bold, italic, cstyle, lang)
        self._text_run(elem.text or "", rpr, out)
        for child in elem:
            tag = child.tag
            if tag == "br":
                out.append(f"<w:r>{rpr}<w:br/></w:r>")
            elif tag == "b":
                self.runs(child, out, True, italic, cstyle, lang)
            elif tag == "i":
                self.runs(child, out, bold, True, cstyle, lang)
            elif tag == "ut":
                self.runs(child, out, bold, italic, "untranslated", child.get("lang") or lang)
            elif tag == "tag":
                self.runs(child, out, bold, italic, "untranslated-tag", lang)
            elif tag in ("page", "pages"):
                out.append(_FIELD.format(rpr=rpr, name="PAGE" if tag == "page" else "NUMPAGES"))
            elif tag == "mail":
                # an e-mail address too long for half a page is set smaller rather than cut
                small = self._small
                self._small = small or (self.narrow and len("".join(child.itertext())) > MAIL_FITS)
                self._mail = True
                try:
                    self.runs(child, out, bold, italic, cstyle, lang)
                finally:
                    self._small, self._mail = small, False
            else:
                self.runs(child, out, bold, italic, cstyle, lang)
            self._text_run(child.tail or "", rpr, out)

    # -- blocks --------------------------------------------------------------------------------
    def paragraph(self, key: str, elem: ET.Element | None, out: list[str], lang: str | None = None,
                  cstyle: str | None = None, bold: bool = False, keep: bool = False, space_before: int | None = None,
                  wide: bool = False) -> None:
        narrow = self.narrow and not wide
        ind = '<w:ind w:left="0" w:right="0"/>' if narrow and key in _WIDE_INDENT else ""
        # In bilingual columns "keep with next" would chain whole table rows together and push
        # page one's notices over; the rows themselves carry the pairing instead.
        if self._row_keep is not None:  # inside a bilingual row that never splits: the row decides
            keep = self._row_keep
        keep_next = "<w:keepNext/>" if keep else ('<w:keepNext w:val="0"/>' if narrow else "")
        spacing = f'<w:spacing w:before="{space_before}"/>' if space_before is not None else ""
        small = self.compact and key not in ("title", "subtitle")
        if self.compact:
            spacing = '<w:spacing w:before="0" w:after="40"/>'
        jc = '<w:jc w:val="left"/>' if narrow and key in _JUSTIFIED else ""  # no rivers in a half column
        # an annex's entry ("1. Extracts from the Criminal Code (3 pages)") is never cut across pages
        keep_lines = "<w:keepLines/>" if key == "annex" else ""
        out.append(f'<w:p><w:pPr><w:pStyle w:val="{self.ids[key]}"/>{keep_next}{keep_lines}{spacing}{ind}{jc}</w:pPr>')
        if elem is not None:
            self._small = small
            try:
                self.runs(elem, out, bold=bold, cstyle=cstyle, lang=lang)
            finally:
                self._small = False
        out.append("</w:p>")

    def block(self, elem: ET.Element, out: list[str], width: int, lang: str | None = None) -> None:
        tag = elem.tag
        if tag == "p":
            key = elem.get("s", "body")
            # a lead-in ("… return it to:"), a lone label or an offence's title stays with what follows
            # the closing formulas stay with the signature that follows them
            keep = elem.get("keep") == "1" or (not self.narrow and (_introduces(elem) or _lead_in(elem)
                                                                    or key == "closing"))
            self.paragraph(key if key in self.ids else "body", elem, out, lang, keep=keep)
        elif tag == "group":  # paragraphs that stand together (a person of the bilingual table)
            for child in elem:
                self.block(child, out, width, lang)
        elif tag == "h":
            self.paragraph({"1": "h1", "2": "h2"}.get(elem.get("n", "1"), "h3"), elem, out, lang, keep=self.narrow)
        elif tag in ("letterhead", "cover"):
            for child in elem:
                self.block(child, out, width, lang)
            if tag == "cover":
                out.append(SECTION_BREAK)
        elif tag == "sign":
            self.signature(list(elem), out, lang)
        elif tag == "notice":
            key = f"notice-{elem.get('kind', 'urgent')}"
            key = key if key in self.ids else "notice-urgent"
            children = list(elem)
            for i, child in enumerate(children):
                title = child.get("s") == "notice-title"
                # the box is kept on one page: each of its paragraphs but the last keeps with the next
                self.paragraph(key, child, out, lang, cstyle="notice-title" if title else None,
                               keep=not self.narrow and i < len(children) - 1)
        elif tag == "table":
            self.table(elem, out, width, lang)
        elif tag == "pagebreak":
            out.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def signature(self, elems: list[ET.Element], out: list[str], lang: str | None, wide: bool = False) -> None:
        """Place and date, 4 cm for the signature and the seal, then the signatory: kept on one page."""
        for i, child in enumerate(elems):
            key = child.get("s", "signature")
            last = i == len(elems) - 1
            space = SIGNATURE_SPACE_TWIPS if key == "signature-line" else None
            self.paragraph(key if key in self.ids else "signature", child, out, lang, keep=not last,
                           space_before=space, wide=wide)

    def table(self, elem: ET.Element, out: list[str], width: int, lang: str | None) -> None:
        if elem.get("kind") == "layout":
            if self.narrow:  # a layout table in a bilingual column: its cells one after the other
                for row in elem:
                    for cell in row:
                        for child in cell:
                            self.block(child, out, width, lang)
                return
            self.layout_table(elem, out, width, lang)
            return
        if self.narrow and elem.get("kind") == "grid" and len(elem) and len(elem[0]) > 2:
            elem = _stacked(elem)  # too many columns for half a page: one column, cells stacked
        pcts = [float(w) for w in elem.get("widths", "").split(",") if w] or [100.0]
        cols = [int(width * p / sum(pcts)) for p in pcts]
        form = elem.get("kind") == "form"
        out.append(
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.ids["table"]}"/><w:tblW w:w="{sum(cols)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
        )
        out.extend(f'<w:gridCol w:w="{c}"/>' for c in cols)
        out.append("</w:tblGrid>")
        for row in elem:
            head = row.get("head") == "1"
            out.append("<w:tr>")
            if head:
                out.append("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
            elif form:  # room to write in by hand (a bilingual form's two-line labels make its rows taller)
                height = 620 if elem.get("bilingual") else 850
                out.append(f'<w:trPr><w:cantSplit/><w:trHeight w:val="{height}" w:hRule="atLeast"/></w:trPr>')
            else:
                out.append("<w:trPr><w:cantSplit/></w:trPr>")
            # a form is kept on one page: every row but the last is kept with the next; a table
            # marked keep="next" keeps its last row with what follows (the annex's signature)
            keep = (form and row is not elem[-1]) or (elem.get("keep") == "next" and row is elem[-1])
            for i, cell in enumerate(row):
                col = cols[min(i, len(cols) - 1)]
                shade = '<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>' if head or (form and i == 0) else ""
                span = f'<w:gridSpan w:val="{cell.get("span")}"/>' if cell.get("span") else ""
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{col}" w:type="dxa"/>{span}{shade}</w:tcPr>')
                if len(cell) and cell[0].tag == "p":
                    for child in cell:
                        if keep and child.tag == "p":
                            self.paragraph(child.get("s", "cell"), child, out, lang, keep=True)
                        else:
                            self.block(child, out, col, lang)
                else:
                    self.paragraph("cell", cell, out, lang, bold=head, keep=keep or head)
                out.append("</w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")

    def layout_table(self, elem: ET.Element, out: list[str], width: int, lang: str | None) -> None:
        """Side-by-side blocks without borders (references | addressee)."""
        pcts = [float(w) for w in elem.get("widths", "").split(",") if w] or [100.0]
        cols = [int(width * p / sum(pcts)) for p in pcts]
        out.append(
            f'<w:tbl><w:tblPr><w:tblW w:w="{sum(cols)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>'
        )
        out.extend(f'<w:gridCol w:w="{c}"/>' for c in cols)
        out.append("</w:tblGrid>")
        for row in elem:
            out.append("<w:tr>")
            for i, cell in enumerate(row):
                col = cols[min(i, len(cols) - 1)]
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{col}" w:type="dxa"/><w:vAlign w:val="bottom"/></w:tcPr>')
                inner: list[str] = []
                for child in cell:
                    self.block(child, inner, col, lang)
                out.extend(inner or ["<w:p/>"])
                if inner and not inner[-1].endswith("</w:p>"):
                    out.append("<w:p/>")
                out.append("</w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")

    def pairs_table(self, pairs, langs: list[str], out: list[str], width: int, keep_last: bool = False) -> None:
        """Bilingual rows: left language | right language, no borders.

        A heading, a subheading or a label that introduces the next block shares its row with
        that block (and is kept with it), so it is never left alone at the foot of a page; a
        table of persons gives one row per person, so the two columns stay in step."""
        rows: list[list[tuple[ET.Element, ET.Element]]] = []
        lead = False
        for pair in _expand_grids(pairs):
            if lead and rows:
                rows[-1].append(pair)
            else:
                rows.append([pair])
            lead = _introduces(pair[0])
        half = width // 2
        inner = half - 2 * 113
        out.append(
            f'<w:tbl><w:tblPr><w:tblW w:w="{2 * half}" w:type="dxa"/><w:tblBorders>'
            '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/></w:tblBorders>'
            '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="113" w:type="dxa"/>'
            '<w:right w:w="113" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{half}"/><w:gridCol w:w="{half}"/></w:tblGrid>'
        )
        for row in rows:
            # a short row (a field and its value, a heading and its first lines) is never split across pages
            short = max(len("".join(pair[side].itertext())) for pair in row for side in (0, 1)) < 700
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" if short else "<w:tr>")
            last_row = keep_last and row is rows[-1]
            # In a row that never splits, "keep with next" on any of its paragraphs keeps the whole
            # row with the next row (so LibreOffice reads it): a heading or a role kept with what
            # follows in the same row would chain rows together and push them to a new page,
            # leaving one almost empty. Such a row is kept with the next only on purpose: a row
            # that ends with a heading or a lead-in whose text is in the next row, the last row
            # with the signature.
            ending = row[-1][0]
            self._row_keep = (last_row or _introduces(ending) or (ending.tag == "p" and _lead_in(ending))) if short else None
            # a person of the persons' table: a thin rule above, so that one person is never read into the next
            rule = ('<w:tcBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/></w:tcBorders>'
                    '<w:tcMar><w:top w:w="57" w:type="dxa"/></w:tcMar>') if row[0][0].get("person") == "1" else ""
            for side, code in ((0, langs[0]), (1, langs[1])):
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{half}" w:type="dxa"/>{rule}</w:tcPr>')
                cell: list[str] = []
                for k, pair in enumerate(row):
                    elem = pair[side]
                    if elem.tag == "p" and ((k < len(row) - 1 and _introduces(elem)) or last_row):
                        # kept with what follows: a heading with its block; the last row with the signature
                        self.paragraph(elem.get("s", "body"), elem, cell, code, keep=True)
                    else:
                        self.block(elem, cell, inner, code)
                if not cell or not cell[-1].endswith("</w:p>"):
                    cell.append("<w:p/>")  # a cell must end with a paragraph
                out.extend(cell)
                out.append("</w:tc>")
            out.append("</w:tr>")
            self._row_keep = None
        out.append("</w:tbl>")

    def merged_form(self, left: ET.Element, right: ET.Element, out: list[str], width: int, lang: str,
                    caption: tuple[ET.Element, ET.Element] | None = None) -> None:
        """One form for both languages (the acknowledgement): each label in both languages, one
        space to fill in, full width; its ``caption`` (in both languages) heads it, on the same page."""
        table = ET.Element("table", {"kind": "form", "widths": left.get("widths", "38,62"), "bilingual": "1"})
        if caption is not None:
            row = ET.SubElement(table, "tr", {"head": "1"})
            cell = ET.SubElement(row, "td", {"span": "2"})
            para = ET.SubElement(cell, "p", {"s": "cell"})
            bold = ET.SubElement(para, "b")
            joined = _joined(*caption)
            bold.text, bold[:] = joined.text, list(joined)
        for row_l, row_r in zip(left, right):
            row = ET.SubElement(table, "tr")
            cell = ET.SubElement(row, "td")
            first = ET.SubElement(cell, "p", {"s": "cell"})
            first.text, first[:] = row_l[0].text, list(row_l[0])
            second = ET.SubElement(cell, "p", {"s": "cell"})
            italic = ET.SubElement(second, "i")
            italic.text, italic[:] = row_r[0].text, list(row_r[0])
            ET.SubElement(row, "td")
        narrow, self.narrow = self.narrow, False
        try:
            self.table(table, out, width, lang)
        finally:
            self.narrow = narrow

    def bilingual_signature(self, left: ET.Element, right: ET.Element, langs: list[str], out: list[str], width: int) -> None:
        """One signature for a bilingual letter: the place and date in each language side by side,
        then 4 cm for the signature and the seal, the signatory's name once and the titles in both
        languages."""
        rest = [_joined(l, r) for l, r in zip(left, right)]  # one block, kept on one page
        self.signature(rest, out, langs[0], wide=True)


def _introduces(elem: ET.Element) -> bool:
    """A heading, subheading, caption or a lone label ("Text of the law:"): it belongs with what follows."""
    if elem.tag == "h":
        return True
    if elem.tag != "p":
        return False
    if elem.get("s") in ("subhead", "table-caption", "salutation"):
        return True
    text = "".join(elem.itertext()).strip()
    return elem.get("s") == "field" and text.endswith(":")


#: A hyphen-minus between two digits.
_DIGIT_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")


def _expand_grids(pairs):
    """A grid table (the persons) in both columns: one pair per row, each row's cells as plain
    paragraphs one under the other (no table inside the column's cell: LibreOffice loses the
    content of a nested table's row split across pages)."""
    for left, right in pairs:
        if (left.tag == "table" and right.tag == "table" and left.get("kind") == "grid"
                and len(left) == len(right) and len(left) and len(left[0]) > 2):
            for row_l, row_r in zip(left, right):
                if row_l.get("head") == "1":
                    continue  # column titles mean nothing once the columns are stacked: each person speaks for itself
                yield (_as_group(_stacked(_single(left, row_l))), _as_group(_stacked(_single(right, row_r))))
        else:
            yield (left, right)


def _as_group(table: ET.Element) -> ET.Element:
    """The paragraphs of a one-column table, as a group of paragraphs; the first (the role) is
    kept with the next (the name)."""
    group = ET.Element("group")
    for row in table:
        for cell in row:
            group.extend(list(cell))
    if len(group) > 1:
        group[0].set("keep", "1")
    group.set("person", "1")  # one row of the table (a person): set off from the one before
    return group


def _lead_in(elem: ET.Element) -> bool:
    """A paragraph that announces what follows: it ends with a colon, or it is a bold title alone
    (an offence's name)."""
    text = "".join(elem.itertext()).strip()
    if text.endswith(":"):
        return True
    return elem.get("s") == "item" and len(elem) == 1 and elem[0].tag == "b" and not (elem.text or "").strip() \
        and not (elem[0].tail or "").strip()


def _single(table: ET.Element, row: ET.Element) -> ET.Element:
    one = ET.Element("table", dict(table.attrib))
    one.append(row)
    return one


def _joined(left: ET.Element, right: ET.Element) -> ET.Element:
    """One paragraph: the left language's text, and the right's after a slash when it differs.
    A name that one side gives in Latin script with its original in brackets ("Daniyar SEITOV
    (Данияр Сеитов)") and the other as written ("Данияр Сеитов") shows the original once."""
    plain_left, plain_right = (_plain(e) for e in (left, right))
    if plain_left == plain_right:
        return left
    for one, other, plain_other in ((right, left, plain_left), (left, right, plain_right)):
        bracketed = f" ({plain_other})"
        if not len(one) and one.text and bracketed in one.text:
            one = copy.deepcopy(one)
            one.text = one.text.replace(bracketed, "", 1)
            left, right = (one, right) if other is right else (left, one)
            break
    out = ET.Element("p", dict(left.attrib))
    out.text, out[:] = left.text, list(left)
    last = out[-1] if len(out) else None
    sep = " / "
    if last is not None:
        last.tail = (last.tail or "") + sep
    else:
        out.text = (out.text or "") + sep
    if right.text:
        if len(out):
            out[-1].tail = (out[-1].tail or "") + right.text
        else:
            out.text += right.text
    out.extend(list(right))
    return out


def _combined(left: ET.Element | None, right: ET.Element | None, drop: tuple[str, ...] = ()) -> ET.Element | None:
    """A running header or footer in both languages: the left one, then the right one without
    the parts both share (``drop``: the reference)."""
    if left is None or right is None:
        return left
    right = ET.fromstring(ET.tostring(right))
    for child in list(right):
        if child.tag in drop:
            if child.tail:
                right.text = (right.text or "") + child.tail
            right.remove(child)
    if not "".join(right.itertext()).strip():
        return left
    if not "".join(left.itertext()).strip():
        return right
    return _joined(left, right)


def _stacked(table: ET.Element) -> ET.Element:
    """A grid table as one column: the header texts joined, each row's cells one under the other."""
    out = ET.Element("table", {"kind": "grid", "widths": "100"})
    for row in table:
        new_row = ET.SubElement(out, "tr", dict(row.attrib))
        cell = ET.SubElement(new_row, "td")
        if row.get("head") == "1":
            para = ET.SubElement(cell, "p", {"s": "cell"})
            bold = ET.SubElement(para, "b")
            bold.text = " / ".join("".join(td.itertext()).strip() for td in row)
            continue
        for i, td in enumerate(row):
            children = list(td) if len(td) and td[0].tag == "p" else None
            if children is None:
                para = ET.Element("p", {"s": "cell"})
                para.text, para[:] = td.text, list(td)
                children = [para]
            for child in children:
                if i == 0:  # the first column (e.g. the role) heads the block
                    bold = ET.Element("b")
                    bold.text, bold[:] = child.text, list(child)
                    child = ET.Element("p", dict(child.attrib))
                    child.append(bold)
                cell.append(child)
    return out


def _fragment(xml_parts: list[str]):
    from docx.oxml import parse_xml

    return parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(xml_parts)}</w:body>')


def _para_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(_W + "t"))


def _replace_marker(p, marker: str, runs_xml: list[str]) -> None:
    """Replace ``marker`` in paragraph ``p`` by the runs, keeping the text around it."""
    from lxml import etree

    text = _para_text(p)
    before, _, after = text.partition(marker)
    first_run = p.find(_W + "r")
    rpr = first_run.find(_W + "rPr") if first_run is not None else None
    rpr_xml = etree.tostring(rpr, encoding="unicode") if rpr is not None else ""
    for child in list(p):
        if child.tag != _W + "pPr":
            p.remove(child)
    parts = []
    if before:
        parts.append(f'<w:r>{rpr_xml}<w:t xml:space="preserve">{xml_escape(before)}</w:t></w:r>')
    parts.extend(runs_xml)
    if after:
        parts.append(f'<w:r>{rpr_xml}<w:t xml:space="preserve">{xml_escape(after)}</w:t></w:r>')
    for run in _fragment(parts):
        p.append(run)


def write_docx(blocks: Blocks, reference: "str | os.PathLike[str] | None" = None,
               now: "dt.datetime | None" = None) -> bytes:
    """The .docx bytes of ``blocks`` on ``reference``; ``now`` (UTC, default the current time) is the
    document's creation and modification time. Raises :class:`RenderError`."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    from ..assets import get_asset

    path = os.fspath(reference) if reference is not None else str(get_asset("templates", "reference.docx"))
    doc, source = _open_reference(path)
    ids = _style_ids(doc, source)
    lang = blocks.langs[0]
    writer = _Writer(ids, lang, narrow=len(blocks.roots) == 2)

    section = doc.sections[-1]
    try:
        width = int(section.page_width - section.left_margin - section.right_margin) // 635  # EMU -> twips
    except TypeError:
        width = 9071
    width = max(width, 2000)

    # header and footer parts, and the markers they carry
    hf_parts = [rel.target_part for rel in doc.part.rels.values() if rel.reltype in (RT.HEADER, RT.FOOTER)]
    marker_paras = {"{LETTERHEAD}": [], "{HEADER_MARKS}": [], "{FOOTER}": []}
    for part in hf_parts:
        for p in part.element.iter(_W + "p"):
            text = _para_text(p)
            for marker, found in marker_paras.items():
                if marker in text:
                    found.append(p)

    bilingual = len(blocks.roots) == 2
    if bilingual:
        from .bilingual import pair_blocks

        pairs = pair_blocks(blocks)
    else:
        pairs = [(elem, None) for elem in blocks.roots[0] if elem.tag != "running"]

    running = blocks.roots[0].find("running")

    # letterhead
    letterhead_in_header = bool(marker_paras["{LETTERHEAD}"])
    body_pairs = pairs
    if pairs and pairs[0][0].tag == "letterhead" and letterhead_in_header:
        head_xml: list[str] = []
        if bilingual:
            # the two letterheads side by side open the letter's body: as a table in the
            # first-page header, LibreOffice dropped the whole header when the letterheads were
            # tall (the review's labour letter had none); the header keeps an empty paragraph
            head_xml.append('<w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr></w:p>' % ids["header"])
            rest = list(pairs[1:])
            after = next((k + 1 for k, pair in enumerate(rest) if pair[0].tag == "cover"), 0)
            body_pairs = rest[:after] + [pairs[0]] + rest[after:]  # on the letter's first page, after the cover sheet
        else:
            body_pairs = pairs[1:]
            writer.block(pairs[0][0], head_xml, width)
        for p in marker_paras["{LETTERHEAD}"]:
            parent = p.getparent()
            index = parent.index(p)
            for offset, elem in enumerate(_fragment(head_xml)):
                parent.insert(index + offset, elem)
            parent.remove(p)

    # running header and footer (a bilingual letter's in both languages)
    right_running = blocks.roots[1].find("running") if bilingual else None
    for marker, tag in (("{HEADER_MARKS}", "header"), ("{FOOTER}", "footer")):
        content = running.find(tag) if running is not None else None
        if right_running is not None:
            content = _combined(content, right_running.find(tag), drop=("ref",))
        for p in marker_paras[marker]:
            runs: list[str] = []
            if content is not None:
                writer.runs(content, runs)
            _replace_marker(p, marker, runs)
    mark = running.find("training") if running is not None else None
    if mark is not None:
        # the training mark: a line of its own atop the other marks of every header, centred,
        # bold, dark red and larger than the header's grey (a reference without the marker: at
        # the top of each header part)
        if right_running is not None:
            mark = _combined(mark, right_running.find("training"))
        text = xml_escape(" ".join("".join(mark.itertext()).split()))
        line = (f'<w:p><w:pPr><w:pStyle w:val="{ids["header"]}"/><w:keepNext/><w:spacing w:before="0" w:after="60"/>'
                f'<w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/><w:color w:val="{TRAINING_COLOUR}"/>'
                f'<w:sz w:val="{TRAINING_HALF_POINTS}"/><w:szCs w:val="{TRAINING_HALF_POINTS}"/></w:rPr>'
                f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p>')
        if marker_paras["{HEADER_MARKS}"]:
            for p in marker_paras["{HEADER_MARKS}"]:
                p.addprevious(_fragment([line])[0])
        else:
            for part in hf_parts:
                if part.element.tag == _W + "hdr":
                    part.element.insert(0, _fragment([line])[0])

    # body
    out: list[str] = []
    if bilingual:
        group: list = []

        def flush(keep_last: bool = False) -> None:
            if group:
                writer.pairs_table(group, blocks.langs, out, width, keep_last)
                group.clear()

        for left, right in body_pairs:
            if left.tag == "pagebreak":
                flush()
                writer.block(left, out, width)
            elif left.tag == "cover":
                writer.compact = True  # the two columns and the form on the one detachable sheet
                subs = list(zip(left, right))
                for k, (sub_l, sub_r) in enumerate(subs):
                    is_form = sub_l.tag == "table" and sub_l.get("kind") == "form"
                    follows = k + 1 < len(subs) and subs[k + 1][0].tag == "table" and subs[k + 1][0].get("kind") == "form"
                    if sub_l.get("s") == "table-caption" and follows:
                        continue  # it heads the merged form
                    if is_form:
                        flush()
                        caption = subs[k - 1] if k and subs[k - 1][0].get("s") == "table-caption" else None
                        writer.merged_form(sub_l, sub_r, out, width, lang, caption)
                    else:
                        group.append((sub_l, sub_r))
                flush()
                writer.compact = False
                out.append(SECTION_BREAK)
            elif left.tag == "sign":
                # the closing formula stays with the signature: it leaves the two-column table
                # (LibreOffice does not keep a table's last row with the paragraph after it) and
                # comes in each language, full width, kept with the signature below
                closing = group.pop() if group and group[-1][0].tag == "p" and group[-1][0].get("s") == "closing" else None
                flush(keep_last=True)
                if closing is not None:
                    for elem, code in zip(closing, blocks.langs):
                        writer.paragraph("closing", elem, out, code, keep=True, wide=True)
                writer.bilingual_signature(left, right, blocks.langs, out, width)
            else:
                group.append((left, right))
        flush()
    else:
        previous = ""
        for elem, _ in body_pairs:
            if elem.tag == "notice" and previous == "notice":
                out.append(f'<w:p><w:pPr><w:pStyle w:val="{ids["reference"]}"/></w:pPr></w:p>')
            writer.block(elem, out, width)
            previous = elem.tag

    body = doc.element.body
    sect_pr = body.find(_W + "sectPr")
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    if sect_pr is not None:
        from lxml import etree

        # the cover sheet's section: the same page set-up, headers and footers, but no "different
        # first page", so the form gets the running header and the whole page (the letterhead is
        # for the letter's first page; the form says where to return it)
        cover_pr = copy.deepcopy(sect_pr)
        for title_pg in cover_pr.findall(_W + "titlePg"):
            cover_pr.remove(title_pg)
        # a one-point empty paragraph, so that it never spills onto a page of its own after a full form
        section_xml = ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
                       f'<w:rPr><w:sz w:val="2"/></w:rPr>{etree.tostring(cover_pr, encoding="unicode")}</w:pPr></w:p>')
    else:
        section_xml = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
    out = [section_xml if part == SECTION_BREAK else part for part in out]
    # appended in one pass, the section properties moved back to the end (inserting each element
    # at its index walked the body's children each time: quadratic, 1.3 s of the 4x large case)
    if sect_pr is not None:
        body.remove(sect_pr)
    body.extend(list(_fragment(out)))
    if sect_pr is not None:
        body.append(sect_pr)

    _set_language(doc, lang)
    _set_compat(doc)
    _set_properties(doc, blocks, lang, now)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _set_language(doc, lang: str) -> None:
    """Default proofing language of the document = the output language."""
    from docx.oxml import parse_xml

    styles = doc.styles.element
    defaults = styles.find(_W + "docDefaults")
    if defaults is None:
        return
    rpr_default = defaults.find(_W + "rPrDefault")
    rpr = rpr_default.find(_W + "rPr") if rpr_default is not None else None
    if rpr is None:
        return
    lang_el = rpr.find(_W + "lang")
    if lang_el is None:
        lang_el = parse_xml(f'<w:lang xmlns:w="{W_NS}"/>')
        rpr.append(lang_el)
    lang_el.set(_W + "val", _PROOF_LANG.get(lang, lang))


def _set_compat(doc) -> None:
    """A single line break typed in a justified paragraph does not stretch the line before it
    (Word's and LibreOffice's "do not expand character spaces on a line ending with Shift+Return")."""
    from docx.oxml import parse_xml

    settings = doc.settings.element
    compat = settings.find(_W + "compat")
    if compat is None:
        compat = parse_xml(f'<w:compat xmlns:w="{W_NS}"/>')
        settings.append(compat)
    if compat.find(_W + "doNotExpandShiftReturn") is None:
        compat.insert(0, parse_xml(f'<w:doNotExpandShiftReturn xmlns:w="{W_NS}"/>'))


def _set_properties(doc, blocks: Blocks, lang: str, now: "dt.datetime | None") -> None:
    """Core properties from the letter and the time of rendering, never from the reference document:
    title (the letter's title and reference), author (the signatory, else the requesting authority),
    created = modified = ``now``; subject, keywords, comments, category and the rest cleared."""
    root = blocks.roots[0]
    props = doc.core_properties
    when = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    title = next((el for el in root.iter("p") if el.get("s") == "title" and el.get("role") == "letter"), None)
    title_text = _plain(title) if title is not None else ""
    reference = root.find("running/footer/ref")
    ref_text = _plain(reference).rstrip(" ·") if reference is not None else ""
    props.title = _clip(f"{title_text} \u2014 {ref_text}" if title_text and ref_text else title_text)
    author = next((_plain(el) for el in root.iter("p") if el.get("s") == "signature"), "")
    if not author or author.startswith("["):
        author = next((_plain(el) for el in root.iter("p") if el.get("s") == "letterhead"), "")
    props.author = _clip(author)
    props.last_modified_by = _clip(author)
    props.created = when
    props.modified = when
    props.language = _PROOF_LANG.get(lang, lang)
    for name in ("subject", "keywords", "comments", "category", "content_status", "identifier", "version"):
        setattr(props, name, "")
    props.revision = 1
    printed = props._element.find("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastPrinted")
    if printed is not None:
        props._element.remove(printed)


def _plain(elem: ET.Element) -> str:
    """The text of a block without the bidi isolation marks."""
    return " ".join("".join(elem.itertext()).replace("\u2068", "").replace("\u2069", "").split())


def _clip(text: str, limit: int = 255) -> str:
    """Core properties hold at most 255 characters (python-docx refuses more)."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
