"""Reading back what the renderer wrote: paragraph texts of a .docx, text of the HTML preview,
LibreOffice and the text of a PDF (both required: a missing program fails the test)."""

from __future__ import annotations

import html.parser
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: The bidi isolation marks (FSI, PDI) the renderer sets around every user value: the readers
#: below drop them (``keep_isolates=True`` keeps them, for the tests of the isolation itself).
ISOLATES = str.maketrans("", "", "\u2068\u2069")


def docx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        return {name: zf.read(name) for name in zf.namelist()}


def _paragraph_text(p) -> str:
    out = []
    for el in p.iter(W + "t", W + "tab", W + "br", W + "instrText"):
        if el.tag == W + "t":
            out.append(el.text or "")
        elif el.tag == W + "tab":
            out.append("\t")
        elif el.tag == W + "br":
            out.append("\n")
    return "".join(out)


def docx_paragraphs(data: bytes, parts: tuple[str, ...] = ("word/document.xml",), keep_isolates: bool = False) -> list[str]:
    """Texts of the innermost paragraphs (body, tables included), in document order."""
    files = docx_parts(data)
    names = list(parts)
    if parts == ("all",):
        names = [n for n in files if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n)]
    texts = []
    parser = etree.XMLParser(huge_tree=True)
    for name in names:
        root = etree.fromstring(files[name], parser)
        texts.extend(_paragraph_text(p) for p in root.iter(W + "p"))
    return texts if keep_isolates else [t.translate(ISOLATES) for t in texts]


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br",):
            self.parts.append("\n")
        elif tag in ("p", "h1", "h2", "h3", "td", "th", "tr", "hr"):
            self.parts.append("\u2029")

    def handle_data(self, data):
        self.parts.append(data)


def html_text(document: str, keep_isolates: bool = False) -> str:
    parser = _Text()
    parser.feed(document)
    text = "".join(parser.parts)
    return text if keep_isolates else text.translate(ISOLATES)


def soffice() -> str:
    """The LibreOffice program; fails the test (never skips it) when it is not installed."""
    import pytest

    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.fail("LibreOffice (soffice) is not installed: run scripts/test, which installs libreoffice-writer-nogui")
    return exe


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """Text of a PDF (pdftotext -layout), of pages ``first``..``last`` when given."""
    import pytest

    exe = shutil.which("pdftotext")
    if not exe:
        pytest.fail("pdftotext (poppler-utils) is not installed: run scripts/test")
    args = [exe, "-layout"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout.translate(ISOLATES)
