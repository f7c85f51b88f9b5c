"""The training mark (issue 17, demo mode): "TRAINING — NOT A REAL REQUEST", in the letter's
language, heads every page of a training letter: read back from the headers of every section of
the .docx, from each page of the PDF (LibreOffice, pdftotext page by page), from the HTML preview,
and from ``mla-writer render --training``. A letter written without it carries no such mark.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader

from mla_writer.model import LANGUAGES
from mla_writer.samples import DEFAULT_SAMPLE, load_sample, sample_names

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_helpers import docx_paragraphs, html_text, pdf_text, soffice  # noqa: E402

TODAY = dt.date(2026, 11, 22)
MARK = "TRAINING — NOT A REAL REQUEST"


def mark(lang: str) -> str:
    from mla_writer.i18n import translations

    return translations("letter", lang).gettext(MARK)


def _flat(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def test_the_mark_is_translated_into_every_letter_language():
    marks = {lang: mark(lang) for lang in LANGUAGES}
    assert marks["en"] == MARK
    assert len(set(marks.values())) == len(LANGUAGES)  # fr, ru, es each their own words


def _section_headers(data: bytes) -> list[tuple[str, str]]:
    """(where, text) of every header each section of the .docx shows: its default header, and
    its first-page header when the section has a different first page."""
    import docx

    document = docx.Document(io.BytesIO(data))
    found = []
    for i, section in enumerate(document.sections):
        headers = [("default", section.header)]
        if section.different_first_page_header_footer:
            headers.append(("first page", section.first_page_header))
        if document.settings.odd_and_even_pages_header_footer:
            headers.append(("even pages", section.even_page_header))
        for kind, header in headers:
            found.append((f"section {i + 1}, {kind} header", "\n".join(p.text for p in header.paragraphs)))
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sample_names())
def test_every_header_of_every_section_carries_the_mark(name, lang):
    from mla_writer.render import render_docx

    data = render_docx(load_sample(name), lang, today=TODAY, training=True)
    headers = _section_headers(data)
    assert len(headers) >= 3  # the cover sheet's section, the letter's first page and its other pages
    assert [where for where, text in headers if mark(lang) not in text] == []
    # and a notice opens the letter, in the same language
    assert mark(lang) in docx_paragraphs(data)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_letter_not_for_training_has_no_mark(lang):
    from mla_writer.render import render_docx, render_html

    letter = load_sample(DEFAULT_SAMPLE)
    data = render_docx(letter, lang, today=TODAY)
    assert all(mark(lang) not in text for _where, text in _section_headers(data))
    assert mark(lang) not in "\n".join(docx_paragraphs(data))
    assert mark(lang) not in html_text(render_html(letter, lang, today=TODAY))


def test_a_bilingual_letter_is_marked_in_both_languages():
    from mla_writer.render import render_docx, render_html

    letter = load_sample(DEFAULT_SAMPLE)
    for _where, text in _section_headers(render_docx(letter, "fr", "ru", today=TODAY, training=True)):
        assert mark("fr") in text and mark("ru") in text
    shown = html_text(render_html(letter, "fr", "ru", today=TODAY, training=True))
    assert mark("fr") in shown and mark("ru") in shown


def test_the_identities_annex_is_marked_too():
    from mla_writer.render import has_protected_identities, render_identities_annex

    names = [n for n in sample_names() if has_protected_identities(load_sample(n))]
    assert names, "no sample names a protected person"
    data = render_identities_annex(load_sample(names[0]), "es", today=TODAY, training=True)
    assert [where for where, text in _section_headers(data) if mark("es") not in text] == []


def test_a_reference_without_the_header_marker_still_marks_every_page(tmp_path):
    """A reference .docx of the user's own whose header lacks {HEADER_MARKS}: the mark is put
    at the top of each of its headers."""
    import zipfile

    from mla_writer.assets import get_asset
    from mla_writer.render import render_docx

    source = Path(get_asset("templates")) / "reference.docx"
    reference = tmp_path / "own.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(reference, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("word/header"):
                data = data.replace(b"{HEADER_MARKS}", b"")
            zout.writestr(item, data)
    data = render_docx(load_sample(DEFAULT_SAMPLE), "ru", reference=reference, today=TODAY, training=True)
    assert [where for where, text in _section_headers(data) if mark("ru") not in text] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_preview_opens_with_the_mark(lang):
    from mla_writer.render import render_html

    shown = html_text(render_html(load_sample(DEFAULT_SAMPLE), lang, today=TODAY, training=True))
    body = shown.strip().removeprefix("MLA Writer").strip("\u2029\n ")  # (after the document's title)
    assert body.startswith(mark(lang))


# -- the PDF, page by page ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def training_pdfs(tmp_path_factory):
    """Letter language -> the PDF of the default sample, marked for training (LibreOffice)."""
    from mla_writer.render import export_pdf

    soffice()  # a missing LibreOffice fails the tests, never skips them
    folder = tmp_path_factory.mktemp("training-pdf")
    letter = load_sample(DEFAULT_SAMPLE)

    def convert(lang):
        out = folder / f"training-{lang}.pdf"
        export_pdf(letter, out, lang, today=TODAY, training=True)
        return out

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(LANGUAGES, pool.map(convert, LANGUAGES)))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_of_the_pdf_carries_the_mark(training_pdfs, lang):
    pdf = training_pdfs[lang]
    pages = len(PdfReader(str(pdf)).pages)
    assert pages >= 3
    missing = [page for page in range(1, pages + 1) if _flat(mark(lang)) not in _flat(pdf_text(pdf, page))]
    assert missing == []


# -- the command line -----------------------------------------------------------------------------
def test_render_training_from_the_command_line(tmp_path):
    from mla_writer.cli import EXIT_OK, main
    from mla_writer.samples import sample_path

    source = str(sample_path(DEFAULT_SAMPLE))
    docx_out, html_out, plain_out = tmp_path / "t.docx", tmp_path / "t.html", tmp_path / "p.docx"
    assert main(["render", source, "--lang", "ru", "-o", str(docx_out), "--training", "--today", "2026-11-22"]) == EXIT_OK
    assert main(["render", source, "--lang", "fr", "-o", str(html_out), "--training", "--today", "2026-11-22"]) == EXIT_OK
    assert main(["render", source, "--lang", "ru", "-o", str(plain_out), "--today", "2026-11-22"]) == EXIT_OK
    assert [w for w, text in _section_headers(docx_out.read_bytes()) if mark("ru") not in text] == []
    assert mark("fr") in html_text(html_out.read_text(encoding="utf-8"))
    assert all(mark("ru") not in text for _w, text in _section_headers(plain_out.read_bytes()))


def test_demo_on_the_command_line_names_an_unknown_sample(capsys):
    from mla_writer.cli import EXIT_UNREADABLE, main

    assert main(["--demo", "no-such-case"]) == EXIT_UNREADABLE
    err = capsys.readouterr().err
    assert "no-such-case" in err and DEFAULT_SAMPLE in err and "Traceback" not in err
    assert main(["--demo"]) == -1  # the application opens, in training mode
    assert main(["--demo", DEFAULT_SAMPLE]) == -1


def test_the_mark_is_a_red_bold_line_of_its_own_in_every_header():
    """Not the small grey running header of URGENT/CONFIDENTIAL: a paragraph of its own, bold,
    dark red and larger, above the other marks (which then read without it)."""
    import docx

    from mla_writer.render import render_docx
    from mla_writer.render.docx_writer import TRAINING_COLOUR

    letter = load_sample(DEFAULT_SAMPLE)
    letter.confidentiality.confidential = True
    document = docx.Document(io.BytesIO(render_docx(letter, "fr", today=TODAY, training=True)))
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            lines = [p for p in header.paragraphs if mark("fr") in p.text]
            assert len(lines) == 1 and lines[0].text == mark("fr")
            run = lines[0].runs[0]
            assert run.bold and str(run.font.color.rgb) == TRAINING_COLOUR and run.font.size.pt >= 12
            texts = [p.text for p in header.paragraphs]
            after = texts[texts.index(mark("fr")) + 1]  # the other marks, on the next line, as without training
            assert translations_fr("CONFIDENTIAL") in after and not after.lstrip().startswith("·")


def translations_fr(msgid: str) -> str:
    from mla_writer.i18n import translations

    return translations("letter", "fr").gettext(msgid)


def test_the_russian_notice_says_for_training_purposes():
    from mla_writer.render import render_docx

    text = "\n".join(docx_paragraphs(render_docx(load_sample(DEFAULT_SAMPLE), "ru", today=TODAY, training=True)))
    assert "составлен в учебных целях" in text and "в учебном режиме" not in text
