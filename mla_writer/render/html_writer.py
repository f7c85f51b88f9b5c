"""HTML writer for the live preview: the block markup -> the rich-text subset Qt renders.

Only h1-h3, p, b, i, br, span/div with inline style and tables with the border attribute:
no CSS layout, no scripts, no external resources.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

from .engine import Blocks

_P_STYLE = {
    "letterhead-state": ('p align="center"', "font-weight:bold; font-size:12pt;"),
    "letterhead": ('p align="center"', "font-weight:bold;"),
    "letterhead-detail": ('p align="center"', "font-size:9pt; color:#444444;"),
    "addressee-label": ("p", "margin-top:12px; font-size:9pt; color:#444444;"),
    "addressee": ("p", "margin:0; margin-left:260px;"),
    "reference": ("p", "margin:0;"),
    "subtitle": ('p align="center"', ""),
    "subject": ("p", "margin-top:8px;"),
    "notice-title": ("p", "font-weight:bold; font-size:13pt;"),
    "notice": ("p", ""),
    "salutation": ("p", "margin-top:12px;"),
    "body": ("p", "text-align:justify;"),
    "field": ("p", ""),
    "contact": ("p", "margin:0; margin-left:24px;"),
    "item": ("p", "margin-left:12px;"),
    "item-detail": ("p", "margin-left:24px;"),
    "quote": ("p", "margin-left:32px; margin-right:16px; font-style:italic;"),
    "subhead": ("p", "font-weight:bold; font-style:italic;"),
    "table-caption": ("p", "font-weight:bold;"),
    "cell": ("p", "margin:0;"),
    "closing": ("p", ""),
    "place-date": ("p", "margin-top:12px; margin-left:260px;"),
    "signature-line": ("p", "margin-top:36px; margin-left:260px; color:#666666; font-size:9pt;"),
    "signature": ("p", "margin:0; margin-left:260px;"),
    "annex": ("p", "margin-left:12px;"),
    "cut-note": ("p", ""),  # (the preview's note where a part of a very large letter is left out)
}
_NOTICE_COLOUR = {"urgent": "#fde4e1", "confidential": "#fff4cc", "draft": "#ffd9d9"}


def _inline(elem: ET.Element, out: list[str]) -> None:
    """The content of a paragraph-like element (text, inline children, tails)."""
    if elem.text:
        out.append(escape(elem.text, quote=False))
    for child in elem:
        tag = child.tag
        if tag == "br":
            out.append("<br/>")
        elif tag in ("b", "i"):
            out.append(f"<{tag}>")
            _inline(child, out)
            out.append(f"</{tag}>")
        elif tag == "ut":
            out.append('<span style="background-color:#e6e6e6; font-style:italic;">')
            _inline(child, out)
            out.append("</span>")
        elif tag == "tag":
            out.append('<span style="color:#9c0006; font-weight:bold; font-style:normal;">')
            _inline(child, out)
            out.append("</span>")
        elif tag == "cut":  # the preview's note that it shows a text or a part shortened (.abridge)
            out.append('<span style="background-color:#dde8f6; color:#1c3d6e; font-style:italic; font-weight:bold;">')
            _inline(child, out)
            out.append("</span>")
        elif tag in ("page", "pages"):
            out.append("#")
        else:
            _inline(child, out)
        if child.tail:
            out.append(escape(child.tail, quote=False))


_NARROW = {key: (tag, css.replace("margin-left:260px;", "")) for key, (tag, css) in _P_STYLE.items()}


def _paragraph(elem: ET.Element, out: list[str], styles: dict = _P_STYLE) -> None:
    style = elem.get("s", "body")
    if style == "title":
        out.append('<h1 align="center" style="font-size:15pt;">')
        _inline(elem, out)
        out.append("</h1>")
        return
    tag, css = styles.get(style, ("p", ""))
    out.append(f'<{tag} style="{css}">' if css else f"<{tag}>")
    _inline(elem, out)
    out.append("</p>")


def _block(elem: ET.Element, out: list[str], narrow: bool = False) -> None:
    tag = elem.tag
    if tag == "p":
        _paragraph(elem, out, _NARROW if narrow else _P_STYLE)
    elif tag == "h":
        level = {"1": 2, "2": 3}.get(elem.get("n", "1"), 3)
        out.append(f"<h{level}>")
        _inline(elem, out)
        out.append(f"</h{level}>")
    elif tag == "letterhead":
        for child in elem:
            _block(child, out, narrow)
        out.append("<hr/>")
    elif tag == "notice":
        colour = _NOTICE_COLOUR.get(elem.get("kind", ""), "#eeeeee")
        out.append(f'<table border="2" cellspacing="0" cellpadding="8" width="100%" bgcolor="{colour}"><tr><td>')
        for child in elem:
            _block(child, out, narrow)
        out.append("</td></tr></table>")
    elif tag == "table" and elem.get("kind") == "layout":
        if narrow:
            for row in elem:
                for cell in row:
                    for child in cell:
                        _block(child, out, narrow)
            return
        out.append('<table border="0" cellspacing="0" cellpadding="0" width="100%"><tr>')
        widths = [w for w in elem.get("widths", "").split(",") if w]
        for row in elem:
            for i, cell in enumerate(row):
                width = f' width="{widths[i]}%"' if i < len(widths) else ""
                out.append(f'<td{width} valign="bottom">')
                for child in cell:
                    _block(child, out, True)
                out.append("</td>")
        out.append("</tr></table>")
    elif tag == "table":
        widths = [w for w in elem.get("widths", "").split(",") if w]
        form = elem.get("kind") == "form"
        out.append('<table border="1" cellspacing="0" cellpadding="4" width="100%">')
        for row in elem:
            head = row.get("head") == "1"
            out.append("<tr>")
            for i, cell in enumerate(row):
                cell_tag = "th" if head else "td"
                width = f' width="{widths[i]}%"' if i < len(widths) else ""
                height = ' height="40"' if form else ""
                out.append(f'<{cell_tag}{width}{height} valign="top">')
                if len(cell) and cell[0].tag == "p":
                    for child in cell:
                        _block(child, out, narrow)
                else:
                    _inline(cell, out)
                out.append(f"</{cell_tag}>")
            out.append("</tr>")
        out.append("</table>")
    elif tag == "cover":  # the detachable acknowledgement sheet, before the letter
        for child in elem:
            _block(child, out, narrow)
        out.append("<hr/>")
    elif tag == "sign":
        for child in elem:
            _block(child, out, narrow)
    elif tag == "pagebreak":
        out.append("<hr/>")
    elif tag == "running":
        # the page has no running header, except a training letter's mark, which opens it
        mark = elem.find("training")
        if mark is not None:
            out.append('<p align="center" style="color:#b00000; font-weight:bold; font-size:13pt;">')
            _inline(mark, out)
            out.append("</p><hr/>")


def _body(root: ET.Element) -> list[str]:
    out: list[str] = []
    for elem in root:
        _block(elem, out)
    return out


def write_html(blocks: Blocks) -> str:
    lang = blocks.langs[0]
    head = (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"/>'
        "<title>MLA Writer</title></head>"
        '<body style="font-family:\'Times New Roman\', \'Liberation Serif\', serif; font-size:11pt;">'
    )
    if len(blocks.roots) == 1:
        return head + "".join(_body(blocks.roots[0])) + "</body></html>"
    from .bilingual import pair_blocks

    out = [head]
    for root in blocks.roots if blocks.training else ():  # the mark in both languages, over the columns
        running = root.find("running")
        if running is not None:
            _block(running, out)
    out.append('<table border="0" cellspacing="0" cellpadding="6" width="100%">')
    for left, right in pair_blocks(blocks):
        out.append("<tr>")
        for elem, code in ((left, blocks.langs[0]), (right, blocks.langs[1])):
            cell: list[str] = []
            _block(elem, cell, narrow=True)
            out.append(f'<td width="50%" valign="top" lang="{code}">{"".join(cell)}</td>')
        out.append("</tr>")
    out.append("</table></body></html>")
    return "".join(out)
