"""The letter renderer: languages, content, order, untranslated text, drafts, bilingual, references."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mla_writer.checklist import POINTS
from mla_writer.model import LetterOfRequest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_helpers import W, docx_parts, docx_paragraphs, html_text  # noqa: E402

LANGS = ("en", "fr", "ru", "es")
TODAY = dt.date(2026, 11, 22)  # as tests/conftest.py: the example's dates are checked as of this day
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def letter():
    from mla_writer import storage

    return storage.load(ROOT / "tests" / "data" / "complete_letter.mlar")


@pytest.fixture(scope="module")
def rendered(letter):
    from mla_writer.render import render_docx, render_html

    return {
        lang: (render_docx(letter, lang, today=TODAY), render_html(letter, lang, today=TODAY)) for lang in LANGS
    }


def _text(data: bytes) -> str:
    return "\n".join(docx_paragraphs(data))


# -- every language renders, with its headings, in checklist order ---------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_renders_valid_docx_with_headings_in_order(rendered, lang):
    import docx

    data, page = rendered[lang]
    document = docx.Document(__import__("io").BytesIO(data))  # python-docx reads it back
    assert document.paragraphs
    paragraphs = docx_paragraphs(data)
    positions = []
    for point in POINTS:
        heading = point.letter_heading(lang)
        assert heading in paragraphs, f"{lang}: heading {heading!r} missing"
        positions.append(paragraphs.index(heading))
        assert heading in html_text(page)
    assert positions == sorted(positions), "sections are not in the checklist's order"


@pytest.mark.parametrize("lang", LANGS)
def test_sections_around_the_points_are_in_order(rendered, lang):
    from mla_writer.i18n import translations

    _ = translations("letter", lang).gettext
    paragraphs = docx_paragraphs(rendered[lang][0])
    order = [
        _("Acknowledgement of receipt").upper(),  # the cover sheet comes first
        _("Date of receipt"),
        _("Central authority of the requested State"),
        _("Request for mutual legal assistance in a criminal matter").upper(),
        _("URGENT"),
        _("CONFIDENTIAL"),
        POINTS[0].letter_heading(lang),
        POINTS[-1].letter_heading(lang),
        _("Use of the information and evidence obtained"),
        _("Costs"),
        _("(signature and official seal)"),
        _("Annexes"),
    ]
    missing = [item for item in order if item not in paragraphs]
    assert not missing
    positions = [paragraphs.index(item) for item in order]
    assert positions == sorted(positions)


def test_section_order_comes_from_the_checklist(letter, monkeypatch):
    """The template loops over checklist.POINTS: reorder the points and the letter follows."""
    from mla_writer.render import context, render_html

    monkeypatch.setattr(context, "POINTS", tuple(reversed(POINTS)))
    text = html_text(render_html(letter, "en"))
    positions = [text.find(point.letter_heading("en")) for point in POINTS]
    assert -1 not in positions and positions == sorted(positions, reverse=True)


def test_notices_are_on_page_one_before_the_first_point(rendered):
    # Page one = everything before the first heading of the body in this layout; the
    # LibreOffice test checks the PDF's first page too.
    paragraphs = docx_paragraphs(rendered["fr"][0])
    first_point = paragraphs.index(POINTS[0].letter_heading("fr"))
    assert "URGENT" in paragraphs[:first_point]
    assert "CONFIDENTIEL" in paragraphs[:first_point]
    assert any("15\u00a0juin 2027" in p or "15 juin 2027" in p for p in paragraphs[:first_point])


# -- every value entered appears --------------------------------------------------------------

#: Declared fields the letter does not show as such: identifiers, the languages of the draft,
#: the sex (it only makes the words agree), tick boxes, choices shown by their consequence.
_NOT_SHOWN_KINDS = {"id", "letter_language", "bool", "yesno", "offences"}
_NOT_SHOWN = {"persons[].sex", "persons[].protected", "legal_bases[reciprocity].assurance"}


def _expected_values(letter: LetterOfRequest, lang: str) -> list[str]:
    """What each declared field that applies and holds a value should look like in the letter,
    worked out from the declarations (:mod:`mla_writer.fields`) independently of the template."""
    from mla_writer import catalogue, fields, states, vocab
    from mla_writer.render.context import fmt_amount, fmt_date, fmt_partial_date, fmt_time, language_name

    values: list[str] = []
    for field in fields.all_fields():
        if field.kind in _NOT_SHOWN_KINDS or field.path in _NOT_SHOWN:
            continue
        for _path, value, item in fields.instances(letter, field):
            if fields.is_empty(value) or not fields.in_letter(letter, field, item):
                continue
            if field.path.startswith("persons[]") and fields.holds("identity_protected", letter, item) \
                    and field.name not in ("pseudonym", "role"):
                continue  # a protected identity: only its pseudonym and role (tests/render/test_no_stray_text.py)
            if field.path == "persons[].role" and item.procedural_status:
                continue  # a procedural status stands in the role's place (tests/render/test_person_status.py)
            sex = getattr(item, "sex", None) if field.path.startswith("persons[]") else None
            if field.path.startswith("assistance[") and getattr(item, "person_id", "") and letter.person(item.person_id):
                sex = letter.person(item.person_id).sex  # a measure's words agree with the person it concerns
            kind = field.kind
            if kind == fields.TEXT:
                values.append(value.resolve(lang, letter.drafting_language)[0])
            elif kind == fields.TIME_ZONE:  # the zone's city, with its UTC offset(s) on the day(s) concerned
                from mla_writer.render.context import zone_city

                values.append(zone_city(value, lang) or value)
            elif kind == fields.VERBATIM and field.name == "latin_name":  # first, in a Latin-script letter only
                if lang != "ru":
                    values.append(value)
            elif kind == fields.VERBATIM and field.name == "articles":  # cited as the language cites them
                from mla_writer.render.context import cite_articles

                values.append(cite_articles(value, lang) or value)
            elif kind == fields.VERBATIM:
                values.append(value.upper() if field.name == "family_name" else value)
            elif kind in (fields.DATE, fields.DATETIME):
                values.append(fmt_date(value, lang))
            elif kind == fields.PARTIAL_DATE:
                values.append(fmt_partial_date(value, lang))
            elif kind == fields.AMOUNT:
                values.append(fmt_amount(value, lang))
            elif kind == fields.CODE:
                values.append(vocab.VOCABULARIES[field.vocab].letter_label(value, lang, sex))
            elif kind == fields.CODES:
                values.extend(vocab.VOCABULARIES[field.vocab].letter_label(v, lang) for v in value)
            elif kind == fields.LANGUAGE:
                values.append(language_name(value, lang))
            elif kind == fields.LANGUAGES:
                values.extend(language_name(v, lang) for v in value)
            elif kind == fields.STATE:
                if field.name == "nationality":
                    values.append(states.nationality(value, lang, sex))
                elif field.path in ("requesting_state", "requested_state"):  # "Requesting State: French Republic"
                    values.append(states.formal_name(value, lang))
                else:
                    values.append(states.name(value, lang))
            elif kind == fields.PERSON:
                person = letter.person(value)
                values.append(person.pseudonym if person.protected else person.display_name())
            elif kind == fields.INSTRUMENT:
                values.append(catalogue.instrument_title(value, lang))
            elif kind == fields.COUNT:
                values.append(str(value))
            elif kind == fields.TIME:
                values.append(fmt_time(value, lang))
            elif kind == fields.ANNEX:  # "yes (annex 2)"
                values.append(str(letter.annex(value)[0]))
            elif kind == fields.MEASURES:
                values.extend(f"10.{letter.measure(m)[0]}" for m in value)
            else:  # pragma: no cover - a new kind: say how the letter shows it
                raise AssertionError(f"{field.path}: kind {kind!r} not covered by this test")
    values.extend(vocab.ASSISTANCE_KIND.label(m.kind, lang) for m in letter.assistance)
    return values


@pytest.mark.parametrize("lang", LANGS)
def test_every_value_entered_appears(letter, rendered, lang):
    data, page = rendered[lang]
    text = _text(data)
    preview = html_text(page)
    expected = _expected_values(letter, lang)
    assert len(expected) > 150
    def same(value: str) -> str:
        # the letter keeps telephone numbers, references and its date whole (no-break spaces and
        # hyphens) and spaces a French semicolon: the same characters to a reader
        return value.replace("\u202f;", ";").replace("\u00a0", " ").replace("\u2011", "-")

    text, preview = same(text), same(preview)

    def found(value: str, where: str) -> bool:  # a value that opens a line starts with a capital
        # (a text that cites its annex takes the annex number before its final full stop)
        # (and a title written after a name takes a small letter in fr/ru/es: "Éric Morel, commandant de police")
        value = same(value).removesuffix(".")
        return value in where or value[:1].upper() + value[1:] in where or value[:1].lower() + value[1:] in where

    missing = [v for v in expected if not found(v, text)]
    assert not missing, f"{lang}: missing from the .docx: {missing[:5]}"
    preview = re.sub(r"\s+", " ", preview)  # the preview's markup breaks lines the .docx keeps
    missing = [v for v in expected if not found(re.sub(r"\s+", " ", same(v)), preview)]
    assert not missing, f"{lang}: missing from the preview: {missing[:5]}"


# -- languages: catalogues, no English left, Babel names and dates, plurals ----------------------


@pytest.mark.parametrize("lang", ("fr", "ru", "es"))
def test_letter_catalogue_complete(lang):
    from mla_writer.i18n import catalogue_problems

    assert catalogue_problems("letter", lang) == []


def _english_fragments(lang: str) -> list[str]:
    """Pieces of the English msgids whose translation differs (placeholders cut out)."""
    from babel.messages.pofile import read_po

    with (ROOT / "locales" / lang / "LC_MESSAGES" / "letter.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    fragments = []
    same = set()  # msgids some entry (any context) leaves as they are: the same word in both languages
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        same.update(msgid for msgid in ids if msgid in strings)
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for msgid in ids:
            if msgid in same:
                continue  # same word in both languages ("URGENT", "Annexes", "Fax", "Suspect")
            for piece in re.split(r"%\(\w+\)s", msgid):
                piece = piece.strip(" .,:;()[]")
                if len(piece) >= 6 and re.search(r"[a-z]{4}", piece):
                    fragments.append(piece)
    return fragments


@pytest.mark.parametrize("lang", ("fr", "ru", "es"))
def test_no_english_fixed_text(rendered, lang):
    data, page = rendered[lang]
    text = "\n".join(docx_paragraphs(data, ("all",)))
    fragments = _english_fragments(lang)
    assert len(fragments) > 100
    # Word-bounded, case-sensitive: user data (e.g. "Paris Criminal Court") does not trip it.
    leaked = [f for f in fragments if re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text)]
    assert not leaked, f"{lang}: English fixed text in the letter: {leaked[:8]}"
    leaked = [f for f in fragments if re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", html_text(page))]
    assert not leaked, f"{lang}: English fixed text in the preview: {leaked[:8]}"


def test_babel_dates_and_names(rendered):
    fr, ru, es = (_text(rendered[lang][0]) for lang in ("fr", "ru", "es"))
    assert "Fait à Paris, le\u00a020\u00a0novembre\u00a02026" in fr  # the letter's date is never cut
    assert "20 ноября 2026\u202fг." in ru
    assert "En París, a\u00a020\u00a0de\u00a0noviembre\u00a0de\u00a02026" in es  # the place is text per language too
    # States by their UN official names (mla_writer.states), never CLDR's "Moldavie"
    assert "République de Moldova" in fr and "Республика Молдова" in ru and "República de Moldova" in es
    assert "Moldavie" not in fr and "Moldavia" not in es
    assert "Nationalité\u00a0: moldave" in fr and "Гражданка Республики Молдова" in ru and "Nacionalidad: moldava" in es
    assert "roumain" in fr and "румынский" in ru and "rumano" in es
    assert "1er janvier 2025" in fr  # French ordinal on the first of the month
    assert "20 November 2026" in _text(rendered["en"][0])


def test_instrument_titles_from_catalogue(rendered):
    from mla_writer import catalogue

    for lang in LANGS:
        assert catalogue.instrument_title("untoc", lang) in _text(rendered[lang][0])


def test_russian_plurals():
    from mla_writer.i18n import translations

    ngettext = translations("letter", "ru").ngettext
    forms = {n: ngettext("%(num)s page", "%(num)s pages", n) % {"num": n} for n in (1, 2, 4, 5, 11, 21, 22, 25)}
    assert forms == {
        1: "1 страница", 2: "2 страницы", 4: "4 страницы", 5: "5 страниц",
        11: "11 страниц", 21: "21 страница", 22: "22 страницы", 25: "25 страниц",
    }


def test_russian_plurals_in_the_letter(letter):
    from mla_writer.render import render_docx

    copy = letter.model_copy(deep=True)
    copy.annexes[0].pages, copy.annexes[1].pages, copy.annexes[2].pages = 1, 3, 11
    text = _text(render_docx(copy, "ru"))
    # (a no-break space between the number and its word: never split across lines)
    assert "(1\u00a0страница)" in text and "(3\u00a0страницы)" in text and "(11\u00a0страниц)" in text


def test_the_french_letter_catalogue_never_breaks_before_high_punctuation():
    """Every French letter phrase has a no-break space before : ; ? ! and » and after «, so that
    a colon can never begin a line."""
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2]
    with open(root / "locales" / "fr" / "LC_MESSAGES" / "letter.po", "rb") as f:
        catalogue = read_po(f)
    bad = []
    for message in catalogue:
        for text in (message.string if isinstance(message.string, (list, tuple)) else [message.string]):
            if message.id and text and re.search(r"[ \t\n][:;?!»]|«[ \t\n]", text):
                bad.append(text)
    assert not bad


def test_french_typography(rendered):
    text = _text(rendered["fr"][0])
    for label in ("Notre référence", "Autorité requérante", "Motif", "Période", "Adresse", "Texte de la loi"):
        assert label + "\u00a0:" in text and label + " :" not in text, label


# -- untranslated text -------------------------------------------------------------------------


def test_untranslated_text_is_marked(letter):
    from mla_writer.checklist import free_text_fields
    from mla_writer.render import render_docx, render_html

    letter = letter.model_copy(deep=True)
    for _path, field in free_text_fields(letter):
        field.root.pop("ru", None)  # as before the Russian translation was done
    data = render_docx(letter, "ru")
    text = _text(data)
    summary = letter.facts.summary.get("fr")
    from mla_writer.i18n import translations

    mark = translations("letter", "ru").gettext("[untranslated passage; language: %(language)s]") % {"language": "французский"}
    assert mark + " " + summary in text
    xml = docx_parts(data)["word/document.xml"].decode()
    assert 'w:rStyle w:val="MLAUntranslated"' in xml
    assert '<w:lang w:val="fr-FR"/>' in xml  # proofing language of the French text
    page = render_html(letter, "ru")
    assert "background-color:#e6e6e6" in page and mark in page


def test_translated_text_is_not_marked(rendered):
    text = _text(rendered["fr"][0])
    from mla_writer.i18n import translations

    _ = translations("letter", "fr").gettext
    assert _("[untranslated passage; language: %(language)s]").split("%")[0] not in text
    assert _("[to be completed]") not in text


# -- drafts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_empty_draft_renders_with_draft_mark(lang):
    from mla_writer.i18n import translations
    from mla_writer.render import render_docx, render_html

    _ = translations("letter", lang).gettext
    empty = LetterOfRequest(output_language=lang)
    data = render_docx(empty, lang)
    text = _text(data)
    assert _("DRAFT — INCOMPLETE") in text
    assert _("[to be completed]") in text
    headers = "\n".join(docx_paragraphs(data, ("all",)))
    assert headers.count(_("DRAFT — INCOMPLETE")) >= 2  # body banner + running header
    assert _("DRAFT — INCOMPLETE") in html_text(render_html(empty, lang))


def test_complete_letter_has_no_draft_mark(rendered):
    assert "PROJET — INCOMPLET" not in "\n".join(docx_paragraphs(rendered["fr"][0], ("all",)))


# -- footer: localised Page X of Y with real fields --------------------------------------------------


@pytest.mark.parametrize("lang,words", [("en", ("Page ", " of ")), ("fr", ("Page ", " sur ")),
                                        ("ru", ("Страница ", " из ")), ("es", ("Página ", " de "))])
def test_footer_page_x_of_y(rendered, lang, words):
    parts = docx_parts(rendered[lang][0])
    footers = [v.decode() for k, v in parts.items() if re.match(r"word/footer\d*\.xml$", k)]
    assert footers
    for xml in footers:
        assert "> PAGE <" in xml and "> NUMPAGES <" in xml
        assert all(w in xml for w in words)
        assert "JIRS-2026/0417/JI-3" in xml
        assert "{FOOTER}" not in xml


def test_letterhead_in_first_page_header(rendered):
    parts = docx_parts(rendered["en"][0])
    headers = "".join(v.decode() for k, v in parts.items() if re.match(r"word/header\d*\.xml$", k))
    assert "{LETTERHEAD}" not in headers and "{HEADER_MARKS}" not in headers
    assert "Inter-regional Specialised Court" in headers
    assert "CONFIDENTIAL" in headers


# -- bilingual -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("pair", [("fr", "es"), ("en", "ru")])
def test_bilingual(letter, pair):
    from mla_writer.render import render_docx, render_html

    left, right = pair
    data = render_docx(letter, left, bilingual=right)
    text = _text(data)
    for point in POINTS:
        assert point.letter_heading(left) in text and point.letter_heading(right) in text
    xml = docx_parts(data)["word/document.xml"]
    from lxml import etree

    body = etree.fromstring(xml).find(W + "body")
    tables = body.findall(W + "tbl")
    assert tables and all(len(t.find(W + "tblGrid")) == 2 for t in tables)
    page = render_html(letter, left, bilingual=right)
    assert f'lang="{right}"' in page and point.letter_heading(right) in html_text(page)


def test_bilingual_same_language_is_single(letter):
    from mla_writer.render import render_html

    assert render_html(letter, "fr", bilingual="fr") == render_html(letter, "fr")


# -- reference documents -------------------------------------------------------------------------------------


def _rewrite_styles(src: Path, dst: Path, old: str, new: str) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                data = data.replace(old.encode(), new.encode())
            zout.writestr(item, data)


def test_reference_missing_style_is_refused(letter, tmp_path):
    from mla_writer.assets import get_asset
    from mla_writer.render import RenderError, export_docx

    broken = tmp_path / "our-letterhead.docx"
    _rewrite_styles(get_asset("templates", "reference.docx"), broken, 'w:val="MLA Notice Urgent"', 'w:val="Something Else"')
    target = tmp_path / "letter.docx"
    target.write_bytes(b"previous")
    with pytest.raises(RenderError) as info:
        export_docx(letter, target, "fr", reference=broken)
    message = str(info.value)
    assert "our-letterhead.docx" in message and "'MLA Notice Urgent'" in message and "\n" not in message
    assert target.read_bytes() == b"previous"  # nothing written


def test_reference_not_a_docx(letter, tmp_path):
    from mla_writer.render import RenderError, render_docx

    bogus = tmp_path / "bogus.docx"
    bogus.write_text("not a zip")
    with pytest.raises(RenderError, match="not a readable Word"):
        render_docx(letter, reference=bogus)
    with pytest.raises(RenderError, match="does not exist"):
        render_docx(letter, reference=tmp_path / "missing.docx")


def test_reference_without_markers_gets_letterhead_in_body(letter, tmp_path):
    from mla_writer.assets import get_asset
    from mla_writer.render import render_docx

    plain = tmp_path / "plain.docx"
    src = get_asset("templates", "reference.docx")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(plain, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if re.match(r"word/(header|footer)\d*\.xml$", item.filename):
                data = re.sub(rb"\{(LETTERHEAD|HEADER_MARKS|FOOTER)\}", b"", data)
            zout.writestr(item, data)
    paragraphs = docx_paragraphs(render_docx(letter, "en", reference=plain))
    assert paragraphs[0] == "FRENCH REPUBLIC"  # the UN formal name, as a letterhead gives it


def test_reference_docx_is_the_committed_generator_output(tmp_path):
    """templates/reference.docx defines every required style (and is what the script builds)."""
    from mla_writer.assets import get_asset
    from mla_writer.render.docx_writer import REQUIRED_STYLES

    built = tmp_path / "reference.docx"
    subprocess.run([sys.executable, str(ROOT / "templates" / "make_reference_docx.py"), str(built)], check=True,
                   capture_output=True)
    for path in (built, get_asset("templates", "reference.docx")):
        styles = docx_parts(path.read_bytes())["word/styles.xml"].decode()
        for name in REQUIRED_STYLES:
            assert f'w:val="{name}"' in styles or f'w:val="{name.lower()}"' in styles, name
    assert get_asset("templates", "reference.docx").stat().st_size < 100_000


# -- HTML preview ------------------------------------------------------------------------------------------------


def test_html_is_qt_rich_text_subset(rendered):
    for lang in LANGS:
        page = rendered[lang][1]
        assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>")
        tags = set(re.findall(r"<([a-zA-Z0-9]+)", page))
        assert tags <= {"html", "head", "meta", "title", "body", "h1", "h2", "h3", "p", "b", "i", "br", "span",
                        "div", "table", "tr", "td", "th", "hr"}, tags
        for banned in ("<script", "display:flex", "display:grid", "@import", "url("):
            assert banned not in page


# -- API behaviour -------------------------------------------------------------------------------------------------


def test_default_language_is_the_drafts(letter):
    from mla_writer.render import render_html

    assert render_html(letter) == render_html(letter, "fr")


def test_unknown_language_is_refused(letter):
    from mla_writer.render import RenderError, render_html

    with pytest.raises(RenderError, match="unknown letter language"):
        render_html(letter, "de")


def test_export_is_atomic_and_replaces(letter, tmp_path):
    from mla_writer.render import export_docx

    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    export_docx(letter, target, "es")
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_render_imports_nothing_heavy():
    code = (
        "import sys, mla_writer.render; "
        "heavy = [m for m in ('jinja2', 'docx', 'babel', 'PySide6', 'lxml') if m in sys.modules]; "
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_qt_in_render_package():
    for path in (ROOT / "mla_writer" / "render").glob("*.py"):
        assert "PySide" not in path.read_text(encoding="utf-8"), path
