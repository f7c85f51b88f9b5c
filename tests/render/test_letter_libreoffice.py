"""End to end: LibreOffice (headless) opens every language's letter and converts it to PDF.

Each conversion gets its own LibreOffice profile directory, so conversions never share
(or lock) a user installation. These tests must run: a missing soffice is a failure.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 22)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_helpers import pdf_text as _pdf_text  # noqa: E402
from render_helpers import soffice as _soffice  # noqa: E402


def _to_pdf(docx: Path, tmp_path: Path) -> Path:
    profile = tmp_path / f"lo-profile-{docx.stem}"
    result = subprocess.run(
        [_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        capture_output=True, text=True, timeout=240,
    )
    pdf = tmp_path / (docx.stem + ".pdf")
    assert result.returncode == 0 and pdf.is_file(), f"soffice failed: {result.stdout}\n{result.stderr}"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    return pdf


@pytest.fixture(scope="module")
def example():
    from mla_writer import storage

    return storage.load(ROOT / "tests" / "data" / "complete_letter.mlar")


@pytest.mark.slow
@pytest.mark.parametrize("lang,bilingual", [("en", None), ("fr", None), ("ru", None), ("es", None), ("fr", "ru")])
def test_libreoffice_converts_the_letter(example, tmp_path, lang, bilingual):
    from mla_writer.checklist import POINTS
    from mla_writer.i18n import translations
    from mla_writer.render import export_docx

    out = tmp_path / f"letter-{lang}{'-' + bilingual if bilingual else ''}.docx"
    export_docx(example, out, lang, bilingual, today=TODAY)
    pdf = _to_pdf(out, tmp_path)
    text = " ".join(_pdf_text(pdf).split())
    if not bilingual:  # (two columns interleave in the PDF's text layer)
        for point in POINTS:
            assert " ".join(point.letter_heading(lang).split()) in text
    _ = translations("letter", lang).gettext
    # the acknowledgement of receipt is the cover sheet: page 1, its form included, in a
    # bilingual letter too (the review found the bilingual form alone on page 2)
    cover = " ".join(_pdf_text(pdf, 1, 1).split())
    assert _("Date of receipt") in cover and _("Place, date, signature and stamp") in cover
    if not bilingual:  # (two columns interleave in the PDF's text layer)
        assert _("Acknowledgement of receipt").upper() in cover
    # the letter proper starts on a new page, with the prominent notices on its first page (the
    # confidentiality notice besides the running header's mark); in the two-column letter that
    # page holds at least the urgency notice
    title = _("Request for mutual legal assistance in a criminal matter").upper()
    # (two columns interleave the title's words: the addressee's label marks the letter's first page)
    mark = _("Central authority of the requested State") if bilingual else title
    first = next(n for n in range(1, 5) if mark in " ".join(_pdf_text(pdf, n).split()))
    assert first >= 2
    # (in two columns the letterhead, the addressee, the title and the subject line fill most of the
    # first page: the notice may open the next one)
    page_one = " ".join(_pdf_text(pdf, first, first + 1 if bilingual else first).split())
    # the urgent notice (not only the running header's mark): the start of its sentence
    if bilingual:  # the columns interleave sentences in the text layer: the notice's title, besides the header's mark
        assert page_one.count(_("URGENT")) >= 2
    else:
        notice = _("Please execute this request by %(date)s at the latest.").split("%(date)s")[0].strip()
        assert notice and " ".join(notice.split()) in page_one
    if not bilingual:
        assert page_one.count(_("CONFIDENTIAL")) >= 2
    # the footer's PAGE / NUMPAGES fields were computed
    pages = text.count(_("Page %(page)s of %(total)s").split("%")[0].strip())
    assert pages >= 5


@pytest.mark.slow
def test_libreoffice_opens_hostile_text(example, tmp_path):
    from test_letter_safety import HOSTILE, _stuff

    from mla_writer.render import export_docx

    letter, _count = _stuff(example, HOSTILE)
    out = tmp_path / "hostile.docx"
    export_docx(letter, out, "fr")
    text = _pdf_text(_to_pdf(out, tmp_path))
    assert "{{ 7*7 }}" in text and "injected" in text


@pytest.mark.slow
@pytest.mark.parametrize("sample,lang,second", [("online-recruitment-kz-kg", "ru", "en"), ("migrant-smuggling-co-es", "es", "en")])
def test_a_bilingual_cover_sheet_is_one_page(tmp_path, sample, lang, second):
    """The two samples whose bilingual acknowledgement ran to two pages (the form alone on the
    second): the whole form is on page 1, and page 2 opens the letter."""
    from mla_writer.i18n import translations
    from mla_writer.render import export_docx
    from mla_writer.samples import load_sample

    out = tmp_path / f"{sample}-bi.docx"
    export_docx(load_sample(sample), out, lang, second, today=TODAY)
    pdf = _to_pdf(out, tmp_path)
    cover = " ".join(_pdf_text(pdf, 1, 1).split())
    for code in (lang, second):
        _ = translations("letter", code).gettext
        assert _("Place, date, signature and stamp") in cover, code
    assert translations("letter", second).gettext("Place, date, signature and stamp") not in " ".join(_pdf_text(pdf, 2, 2).split())
