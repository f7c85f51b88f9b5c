#!/usr/bin/env python3
"""Build templates/reference.docx: the styles, page set-up, header and footer of the letter.

    .venv/bin/python templates/make_reference_docx.py   # rewrites templates/reference.docx

The renderer takes everything visual from this file and adds only content. An authority
can replace it with its own document (see templates/README.md): any .docx that defines
the styles listed in REQUIRED_STYLES (mla_writer/render/docx_writer.py) will do.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mla_writer.render.docx_writer import STYLE_NAMES  # noqa: E402  (the one list of styles)

FONT = "Times New Roman"
BLACK = RGBColor(0, 0, 0)


def _pstyle(doc, name: str, base: str | None = "Normal"):
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base and name != base:
        style.base_style = styles[base]
    style.quick_style = True
    return style


def _font(style, size: float | None = None, bold: bool | None = None, italic: bool | None = None,
          colour: RGBColor | None = BLACK, caps: bool | None = None, name: str | None = None) -> None:
    font = style.font
    if name:
        font.name = name
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), name)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            if fonts.get(qn(attr)) is not None:
                del fonts.attrib[qn(attr)]
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if colour is not None:
        font.color.rgb = colour
    if caps is not None:
        font.all_caps = caps


def _para(style, before: float = 0, after: float = 6, align=None, indent: float | None = None,
          keep_next: bool = False, line: float | None = 1.1) -> None:
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line:
        fmt.line_spacing = line
    if align is not None:
        fmt.alignment = align
    if indent is not None:
        fmt.left_indent = Cm(indent)
    fmt.keep_with_next = keep_next


def _box(style, fill: str, colour: str) -> None:
    """Border all round and shading: consecutive paragraphs of the style form one box."""
    ppr = style.element.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:pBdr {nsdecls("w")}>'
        + "".join(f'<w:{side} w:val="single" w:sz="12" w:space="4" w:color="{colour}"/>' for side in ("top", "left", "bottom", "right"))
        + "</w:pBdr>"
    ))
    ppr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def _no_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)


def build(path: Path) -> None:
    doc = Document()
    # -- page -------------------------------------------------------------------------------
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)
    section.different_first_page_header_footer = True

    # -- document defaults: font and language ------------------------------------------------
    normal = doc.styles["Normal"]
    _font(normal, 11, colour=None, name=FONT)
    _para(normal, 0, 6, line=1.1)

    # -- built-in styles, restyled -----------------------------------------------------------
    title = _pstyle(doc, STYLE_NAMES["title"])
    _no_border(title)
    _font(title, 13, bold=True, name=FONT)
    _para(title, 18, 6, WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)

    subtitle = _pstyle(doc, STYLE_NAMES["subtitle"])
    _font(subtitle, 11, italic=False, name=FONT)
    for spacing in subtitle.element.get_or_add_rPr().findall(qn("w:spacing")):
        spacing.getparent().remove(spacing)  # the default template letter-spaces subtitles
    _para(subtitle, 0, 12, WD_ALIGN_PARAGRAPH.CENTER)

    for key, size, before, italic in (("h1", 11.5, 14, False), ("h2", 11, 10, True), ("h3", 11, 10, False)):
        style = _pstyle(doc, STYLE_NAMES[key], None)
        _font(style, size, bold=True, italic=italic, name=FONT)
        _para(style, before, 4, keep_next=True)

    body = _pstyle(doc, STYLE_NAMES["body"])
    _font(body, 11, name=FONT)
    _para(body, 0, 6, WD_ALIGN_PARAGRAPH.JUSTIFY)

    quote = _pstyle(doc, STYLE_NAMES["quote"])
    _font(quote, 10.5, italic=True, name=FONT)
    _para(quote, 0, 8, WD_ALIGN_PARAGRAPH.JUSTIFY, indent=1.0)
    quote.paragraph_format.right_indent = Cm(0.5)

    for key in ("header", "footer"):
        style = _pstyle(doc, STYLE_NAMES[key])
        _font(style, 8.5, colour=RGBColor(0x40, 0x40, 0x40), name=FONT)
        _para(style, 0, 0, line=None)

    # -- the letter's own styles ---------------------------------------------------------------
    simple = {
        # key: (size, bold, italic, before, after, align, indent, keep_next)
        "letterhead-state": (12, True, False, 0, 2, WD_ALIGN_PARAGRAPH.CENTER, None, True),
        "letterhead": (11, True, False, 0, 2, WD_ALIGN_PARAGRAPH.CENTER, None, True),
        "letterhead-detail": (9, False, False, 0, 0, WD_ALIGN_PARAGRAPH.CENTER, None, True),
        "addressee-label": (9, False, True, 12, 2, None, 0, True),
        "addressee": (11, False, False, 0, 0, None, 0, True),
        "reference": (10, False, False, 0, 0, None, None, False),
        "salutation": (11, False, False, 12, 6, None, None, True),
        "field": (11, False, False, 0, 4, None, None, False),
        "contact": (11, False, False, 0, 0, None, 0.75, False),
        "item": (11, False, False, 2, 2, None, 0.5, False),
        "item-detail": (11, False, False, 0, 4, WD_ALIGN_PARAGRAPH.JUSTIFY, 1.0, False),
        "subhead": (11, True, True, 6, 2, None, None, True),
        "table-caption": (11, True, False, 8, 4, None, None, True),
        "cell": (9.5, False, False, 0, 2, None, None, False),
        "closing": (11, False, False, 6, 6, WD_ALIGN_PARAGRAPH.LEFT, None, True),
        "place-date": (11, False, False, 12, 0, None, 8.5, True),
        "signature-line": (9, False, True, 30, 2, None, 8.5, True),
        "signature": (11, False, False, 0, 0, None, 8.5, True),
        "annex": (10.5, False, False, 0, 2, None, 0.5, False),
    }
    for key, (size, bold, italic, before, after, align, indent, keep) in simple.items():
        style = _pstyle(doc, STYLE_NAMES[key])
        _font(style, size, bold=bold, italic=italic)
        _para(style, before, after, align, indent, keep)
    doc.styles[STYLE_NAMES["signature"]].font.bold = None

    for key, fill, colour in (
        ("notice-urgent", "FDE4E1", "C00000"),
        ("notice-confidential", "FFF4CC", "7F6000"),
        ("notice-draft", "FFD9D9", "C00000"),
    ):
        style = _pstyle(doc, STYLE_NAMES[key])
        _font(style, 11)
        _para(style, 0, 0, WD_ALIGN_PARAGRAPH.LEFT, keep_next=True)
        style.paragraph_format.keep_with_next = False  # a long notice may run on; titles keep with it
        style.paragraph_format.left_indent = Cm(0.2)
        style.paragraph_format.right_indent = Cm(0.2)
        _box(style, fill, colour)

    # character styles
    def _cstyle(key: str):
        try:
            return doc.styles[STYLE_NAMES[key]]
        except KeyError:
            return doc.styles.add_style(STYLE_NAMES[key], WD_STYLE_TYPE.CHARACTER)

    untranslated = _cstyle("untranslated")
    untranslated.font.italic = True
    untranslated.element.get_or_add_rPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="E6E6E6"/>'))
    tag = _cstyle("untranslated-tag")
    tag.font.bold = True
    tag.font.italic = False
    tag.font.color.rgb = RGBColor(0x9C, 0x00, 0x06)
    notice_title = _cstyle("notice-title")
    notice_title.font.bold = True
    notice_title.font.size = Pt(12.5)

    # -- header and footer with the renderer's markers (see README) ----------------------------
    first_header = section.first_page_header
    first_header.is_linked_to_previous = False
    p = first_header.paragraphs[0]
    p.style = doc.styles[STYLE_NAMES["header"]]
    p.text = "{HEADER_MARKS}"
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p = first_header.add_paragraph("{LETTERHEAD}")
    p.style = doc.styles[STYLE_NAMES["header"]]

    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.style = doc.styles[STYLE_NAMES["header"]]
    p.text = "{HEADER_MARKS}"
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    for footer in (section.footer, section.first_page_footer):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.style = doc.styles[STYLE_NAMES["footer"]]
        p.text = "{FOOTER}"
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # No body content: the renderer discards whatever the body of a reference document holds.
    for para in list(doc.paragraphs):
        para._element.getparent().remove(para._element)

    props = doc.core_properties
    props.author = "MLA Writer"
    props.title = "MLA Writer reference document"
    props.comments = "Styles, page set-up, header and footer for letters of request. See templates/README.md."
    props.revision = 1
    import datetime as dt

    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.last_modified_by = "MLA Writer"
    doc.save(str(path))


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "reference.docx"
    build(out)
    print(f"wrote {out} ({out.stat().st_size} bytes)")
