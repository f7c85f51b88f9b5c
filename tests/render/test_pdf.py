"""PDF/A-2b through LibreOffice (mla_writer.render.pdf): every shipped sample in every letter
language, and a bilingual letter, converted in parallel (each LibreOffice with its own profile)
and checked with pypdf: the PDF/A identification in the XMP metadata, every font embedded,
the text extractable (Cyrillic and accented Latin included). Then the conversion's own rules
(profile, options, timeout, errors, atomic writing) with a stand-in soffice, and the command line.

These tests must run: a missing LibreOffice is a failure, never a skip.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from mla_writer.model import LANGUAGES
from mla_writer.samples import sample_names

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_helpers import soffice  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "complete_letter.mlar"
TODAY = dt.date(2026, 11, 22)
PDFAID = "http://www.aiim.org/pdfa/ns/id/"
#: Concurrent LibreOffice processes (each converts one letter with its own profile).
WORKERS = max(2, min(4, (os.cpu_count() or 1) * 2))
#: The title of the letter (gettext domain "letter"), looked for in each PDF's text.
TITLE = "Request for mutual legal assistance in a criminal matter"

#: (sample, letter language, second language or None): every sample in every language, and
#: one bilingual letter (French beside Russian: accents and Cyrillic on the same pages).
CASES = [(name, lang, None) for name in sample_names() for lang in LANGUAGES]
CASES += [(sample_names()[0], "fr", "ru")] if sample_names() else []
#: ... and two bilingual letters that once left a page almost empty (rows chained by "keep with next")
CASES += [(name, lang, second) for name, lang, second in
          (("trafficking-fr-md", "en", "fr"), ("online-recruitment-kz-kg", "ru", "en")) if name in sample_names()]


def _case_id(case) -> str:
    name, lang, bilingual = case
    return f"{name}-{lang}" + (f"+{bilingual}" if bilingual else "")


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Case -> the PDF, or the exception its conversion raised. The .docx files are rendered
    here; the conversions run ``WORKERS`` at a time."""
    from mla_writer.render import render_docx
    from mla_writer.render.pdf import docx_to_pdf
    from mla_writer.samples import load_sample

    soffice()  # fails (not skips) the tests when LibreOffice is not installed
    folder = tmp_path_factory.mktemp("pdf")
    letters = {name: load_sample(name) for name in sample_names()}
    jobs = {case: render_docx(letters[case[0]], case[1], case[2], today=TODAY) for case in CASES}

    def convert(case):
        out = folder / f"{_case_id(case)}.pdf"
        try:
            docx_to_pdf(jobs[case], out)
        except Exception as exc:  # reported by the case's own test
            return exc
        return out

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = dict(zip(CASES, pool.map(convert, CASES)))
    HEADINGS.update({case: _headings(data) for case, data in jobs.items()})
    return results


#: Case -> the texts of the headings of its .docx (filled by ``converted``).
HEADINGS: dict = {}


def _headings(data: bytes) -> set[str]:
    import io
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
    found = set()
    for p in body.iter(w + "p"):
        style = p.find(f"{w}pPr/{w}pStyle")
        if style is not None and re.fullmatch(r"Heading\d", style.get(w + "val", "")):
            found.add(" ".join("".join(t.text or "" for t in p.iter(w + "t")).split()))
    return found


# -- reading a PDF back ------------------------------------------------------------------------


def pdfa_identification(reader: PdfReader) -> tuple[str | None, str | None]:
    """(pdfaid:part, pdfaid:conformance) from the XMP metadata, as elements or attributes."""
    xmp = reader.xmp_metadata
    assert xmp is not None, "no XMP metadata stream"
    root = xmp.rdf_root
    found = {}
    for key in ("part", "conformance"):
        elements = root.getElementsByTagNameNS(PDFAID, key)
        if elements:
            found[key] = "".join(n.data for n in elements[0].childNodes if n.nodeType == n.TEXT_NODE).strip()
        else:
            for desc in root.getElementsByTagNameNS("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "Description"):
                if desc.hasAttributeNS(PDFAID, key):
                    found[key] = desc.getAttributeNS(PDFAID, key).strip()
    return found.get("part"), found.get("conformance")


def font_dictionaries(reader: PdfReader) -> list[DictionaryObject]:
    """Every font dictionary reachable from the document catalogue (pages, form XObjects,
    annotations' appearances, descendant fonts ...)."""
    fonts, seen = [], set()
    stack = [reader.trailer["/Root"]]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            if obj.get("/Type") == "/Font":
                fonts.append(obj)
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return fonts


def unembedded_fonts(reader: PdfReader) -> list[str]:
    """Names of the fonts whose program is not in the file (Type 0 fonts are checked through
    their descendant CIDFonts, Type 3 fonts are drawn by the file's own content)."""
    missing = []
    for font in font_dictionaries(reader):
        if font.get("/Subtype") in ("/Type0", "/Type3"):
            continue
        descriptor = font.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            missing.append(str(font.get("/BaseFont")))
    return missing


def words(reader: PdfReader) -> str:
    """The text of every page, whitespace collapsed, case folded."""
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split()).casefold()


def _title(lang: str) -> str:
    from mla_writer.i18n import translations

    return translations("letter", lang).gettext(TITLE)


# -- every sample, every language --------------------------------------------------------------


def test_every_sample_is_converted():
    assert sample_names(), "no sample letter is shipped (resources/samples/*.mlar)"
    assert {lang for _n, lang, _b in CASES} >= {"en", "fr", "ru", "es"}


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_pdf_is_pdfa_2b_with_embedded_fonts_and_text(converted, case):
    _name, lang, bilingual = case
    result = converted[case]
    if isinstance(result, Exception):
        pytest.fail(f"the conversion failed: {type(result).__name__}: {result}")
    assert result.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(result)
    assert len(reader.pages) >= 2
    assert pdfa_identification(reader) == ("2", "B")
    assert font_dictionaries(reader), "no fonts at all: the text would be drawn, not written"
    assert unembedded_fonts(reader) == []
    text = words(reader)
    for code in filter(None, (lang, bilingual)):
        title = _title(code)
        if code == "ru":
            assert re.search("[а-яё]{4}", title.casefold()), f"the Russian title is not Cyrillic: {title!r}"
        if code == "fr":
            assert re.search("[éèàêç]", title), f"the French title has no accent: {title!r}"
        assert " ".join(title.split()).casefold() in text, f"{code}: {title!r} not in the PDF's text"
    if "ru" in (lang, bilingual):
        assert len(re.findall("[а-яё]", text)) > 1000
    if "fr" in (lang, bilingual):
        assert "matière pénale" in text
    assert len(text) > 5000  # the whole letter, not a page of it
    # no heading is left alone at the foot of a page (the page's last line before its footer)
    for number, page in enumerate(reader.pages, 1):
        lines = [" ".join(line.split()) for line in (page.extract_text() or "").splitlines() if line.strip()]
        body = [line for line in lines if not re.fullmatch(r"(.*·\s*)?\D{0,12}\d+\D{1,8}\d+", line)]  # not the footer
        assert not body or body[-1] not in HEADINGS[case], f"page {number} ends with the heading {body[-1]!r}"
    # no page between the cover sheet and the last page is left almost empty
    counts = [len((page.extract_text() or "").split()) for page in reader.pages]
    middle = sorted(counts[1:-1])
    if middle:
        median = middle[len(middle) // 2]
        assert all(n >= median / 4 for n in counts[1:-1]), f"words per page: {counts}"
    # no sample holds right-to-left text, so the PDF is made without the bidi isolation marks,
    # which LibreOffice would draw as glyphs of their own and which would split words when copied
    assert not re.search("[\u2066-\u2069]", text)


def _docx_with(text: str) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", f"<w:document><w:t>{text}</w:t></w:document>")
        zf.writestr("word/media/image1.png", b"\x89PNG")
    return out.getvalue()


def _document_xml(data: bytes) -> str:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def test_the_pdf_copy_drops_isolation_marks_only_where_no_text_runs_right_to_left():
    from mla_writer.render.pdf import plain_isolates

    ltr = _docx_with("Name: \u2068Prosecutor General\u2019s Office\u2069, \u2068Астана\u2069")
    assert _document_xml(plain_isolates(ltr)) == "<w:document><w:t>Name: Prosecutor General\u2019s Office, Астана</w:t></w:document>"
    for rtl in ("\u05d3\u05d5\u05d3", "\u0645\u062d\u0645\u062f"):  # Hebrew, Arabic: the marks matter there
        data = _docx_with(f"Name: \u2068{rtl}\u2069, 12")
        assert plain_isolates(data) == data
    assert plain_isolates(b"not a zip") == b"not a zip"


# -- the conversion's rules (a stand-in soffice) ------------------------------------------------

_PDFA_BYTES = b"%PDF-1.6\n<x:xmpmeta><pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></x:xmpmeta>\n%%EOF\n"


def fake_soffice(tmp_path: Path, body: str, version: str = "LibreOffice 7.6.4.1 (test)") -> Path:
    """A shell script that answers ``--version`` and otherwise runs ``body`` (with "$@" the
    conversion's arguments, $OUTDIR the --outdir, $PROFILE the profile's folder)."""
    log = tmp_path / "soffice.log"
    script = tmp_path / f"soffice-{abs(hash(body + version))}"
    script.write_text(f"""#!/bin/sh
if [ "$1" = "--version" ]; then echo "{version}"; exit 0; fi
printf '%s\\n' "$@" > "{log}"
OUTDIR=""; PROFILE=""; prev=""
for a in "$@"; do
  [ "$prev" = "--outdir" ] && OUTDIR="$a"
  case "$a" in -env:UserInstallation=file://*) PROFILE="${{a#-env:UserInstallation=file://}}";; esac
  prev="$a"
done
{body}
""")
    script.chmod(0o755)
    return script


@pytest.fixture
def use(monkeypatch):
    def set_program(program) -> None:
        monkeypatch.setenv("MLA_WRITER_SOFFICE", str(program))

    return set_program


def test_each_run_has_its_own_profile_no_network_and_the_pdfa_options(tmp_path, use):
    from mla_writer.render.pdf import docx_to_pdf

    use(fake_soffice(tmp_path, f"""cp "$PROFILE/user/registrymodifications.xcu" "{tmp_path}/settings-$$.xcu"
printf '%s' '{_PDFA_BYTES.decode()}' > "$OUTDIR/letter.pdf" """))
    profiles = []
    for n in range(2):
        docx_to_pdf(b"PK fake docx", tmp_path / f"out{n}.pdf")
        args = (tmp_path / "soffice.log").read_text().splitlines()
        profile = next(a for a in args if a.startswith("-env:UserInstallation=file:///"))
        profiles.append(profile)
        assert not Path(profile.split("file://", 1)[1]).exists(), "the profile is removed afterwards"
        assert "--headless" in args and "--norestore" in args
        export = args[args.index("--convert-to") + 1]
        assert export.startswith("pdf:writer_pdf_Export:{")
        assert '"SelectPdfVersion":{"type":"long","value":"2"}' in export
        assert (tmp_path / f"out{n}.pdf").read_bytes() == _PDFA_BYTES
    assert profiles[0] != profiles[1]
    settings = [p.read_text() for p in tmp_path.glob("settings-*.xcu")]
    assert len(settings) == 2
    assert 'oor:name="SelectPdfVersion" oor:op="fuse"><value>2<' in settings[0]
    assert 'oor:name="ooInetProxyType" oor:op="fuse"><value>2<' in settings[0]  # every request to a dead local proxy
    assert 'oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true<' in settings[0]


def test_before_libreoffice_7_4_the_options_come_from_the_profile(tmp_path, use):
    from mla_writer.render.pdf import docx_to_pdf

    use(fake_soffice(tmp_path, f"""printf '%s' '{_PDFA_BYTES.decode()}' > "$OUTDIR/letter.pdf" """,
                     version="LibreOffice 7.3.7.2 30(Build:2)"))
    docx_to_pdf(b"PK fake docx", tmp_path / "out.pdf")
    args = (tmp_path / "soffice.log").read_text().splitlines()
    assert args[args.index("--convert-to") + 1] == "pdf"


def test_a_docx_file_is_converted_from_its_path(tmp_path, use):
    from mla_writer.render.pdf import PdfError, docx_to_pdf

    use(fake_soffice(tmp_path, f"""cmp -s "$(eval echo \\${{$#}})" "{tmp_path}/in.docx" || exit 3
printf '%s' '{_PDFA_BYTES.decode()}' > "$OUTDIR/letter.pdf" """))
    (tmp_path / "in.docx").write_bytes(b"PK the letter")
    docx_to_pdf(tmp_path / "in.docx", tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").read_bytes() == _PDFA_BYTES
    with pytest.raises(PdfError, match="cannot read"):
        docx_to_pdf(tmp_path / "missing.docx", tmp_path / "out.pdf")


@pytest.mark.parametrize("problem", ["fails", "no-output", "not-pdfa", "not-pdf"])
def test_a_failed_conversion_says_why_and_leaves_the_previous_file(tmp_path, use, problem):
    from mla_writer.render import RenderError
    from mla_writer.render.pdf import docx_to_pdf

    body = {
        "fails": "echo 'Error: source file could not be loaded' >&2; exit 1",
        "no-output": "exit 0",
        "not-pdfa": """printf '%%PDF-1.4 plain\\n' > "$OUTDIR/letter.pdf" """,
        "not-pdf": """printf 'hello' > "$OUTDIR/letter.pdf" """,
    }[problem]
    use(fake_soffice(tmp_path, body))
    out = tmp_path / "letter.pdf"
    out.write_bytes(b"the previous PDF")
    with pytest.raises(RenderError) as caught:
        docx_to_pdf(b"PK fake docx", out)
    message = str(caught.value)
    assert "\n" not in message and "LibreOffice" in message
    if problem == "fails":
        assert "source file could not be loaded" in message
    if problem == "not-pdfa":
        assert "PDF/A-2b" in message
    assert out.read_bytes() == b"the previous PDF"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("letter")) == ["letter.pdf"]


def test_a_conversion_that_hangs_is_killed_with_its_children(tmp_path, use):
    from mla_writer.render.pdf import PdfError, docx_to_pdf

    pids = tmp_path / "pids"
    use(fake_soffice(tmp_path, f"""sleep 60 & echo $! > "{pids}"; echo $$ >> "{pids}"; wait"""))
    started = time.monotonic()
    with pytest.raises(PdfError, match="within 1 seconds"):
        docx_to_pdf(b"PK fake docx", tmp_path / "out.pdf", timeout=1)
    assert time.monotonic() - started < 30
    assert not (tmp_path / "out.pdf").exists()
    for pid in map(int, pids.read_text().split()):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.05)
        assert not _alive(pid), f"process {pid} left running"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def test_missing_libreoffice_says_how_to_install_it(tmp_path, use):
    from mla_writer.render import RenderError
    from mla_writer.render.pdf import LibreOfficeMissing, docx_to_pdf, find_soffice

    use(tmp_path / "no" / "soffice")
    with pytest.raises(LibreOfficeMissing) as caught:
        find_soffice()
    assert isinstance(caught.value, RenderError)
    message = str(caught.value)
    assert "\n" not in message and "MLA_WRITER_SOFFICE" in message
    assert "sudo apt-get install --no-install-recommends libreoffice-writer-nogui" in message
    assert "libreoffice.org" in message
    for lang in LANGUAGES:  # the window shows it in its language (English until translated)
        assert "libreoffice-writer-nogui" in caught.value.localized(lang)
    with pytest.raises(LibreOfficeMissing):
        docx_to_pdf(b"PK", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_the_program_may_be_named_by_command(monkeypatch):
    import shutil

    from mla_writer.render.pdf import LibreOfficeMissing, find_soffice

    monkeypatch.setenv("MLA_WRITER_SOFFICE", "soffice")
    assert find_soffice() == shutil.which("soffice") == soffice()
    monkeypatch.setenv("MLA_WRITER_SOFFICE", "no-such-soffice-program")
    with pytest.raises(LibreOfficeMissing, match="no-such-soffice-program"):
        find_soffice()


# -- the command line --------------------------------------------------------------------------


@pytest.mark.slow
def test_render_writes_a_pdf(tmp_path, capsys):
    from mla_writer.cli import EXIT_OK, main

    soffice()
    out = tmp_path / "letter.PDF"
    assert main(["render", str(EXAMPLE), "--lang", "ru", "-o", str(out), "--today", "2026-11-22"]) == EXIT_OK
    assert "Traceback" not in capsys.readouterr().err
    reader = PdfReader(out)
    assert pdfa_identification(reader) == ("2", "B")
    assert unembedded_fonts(reader) == []
    assert " ".join(_title("ru").split()).casefold() in words(reader)
    assert [p.name for p in tmp_path.iterdir()] == ["letter.PDF"], "temporary files left beside the PDF"


def test_render_pdf_without_libreoffice_exits_2_with_how_to_install(tmp_path, capsys, monkeypatch):
    from mla_writer.cli import EXIT_UNREADABLE, main

    monkeypatch.setenv("MLA_WRITER_SOFFICE", str(tmp_path / "nowhere" / "soffice"))
    out = tmp_path / "letter.pdf"
    assert main(["render", str(EXAMPLE), "-o", str(out), "--today", "2026-11-22"]) == EXIT_UNREADABLE
    err = capsys.readouterr().err.strip()
    assert err.startswith("mla-writer: ") and "\n" not in err and "Traceback" not in err
    assert "libreoffice-writer-nogui" in err and "MLA_WRITER_SOFFICE" in err
    assert not out.exists()


def test_render_help_mentions_pdf(capsys):
    from mla_writer.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["render", "--help"])
    text = capsys.readouterr().out
    assert ".pdf" in text and "PDF/A-2b" in text and "MLA_WRITER_SOFFICE" in text


def test_a_very_large_letter_gets_longer_to_convert():
    """An ordinary letter may take DEFAULT_TIMEOUT seconds; a very large one TIMEOUT_PER_MB more
    per million bytes of its document.xml (the 4x large case did not finish in 180 s on a loaded
    machine); a file that is not a .docx gets the default."""
    import io
    import zipfile

    from mla_writer.render import pdf

    def docx(size: int) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("word/document.xml", "x" * size)
        return out.getvalue()

    assert pdf.timeout_for(docx(60_000)) == pytest.approx(pdf.DEFAULT_TIMEOUT + pdf.TIMEOUT_PER_MB * 0.06)
    assert pdf.timeout_for(docx(5_000_000)) == pytest.approx(pdf.DEFAULT_TIMEOUT + 5 * pdf.TIMEOUT_PER_MB)
    assert pdf.timeout_for(b"PK not a zip") == pdf.DEFAULT_TIMEOUT
