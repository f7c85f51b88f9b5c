"""What a receiving central authority expects of the letter (issue 10): the acknowledgement as a
detachable cover sheet, room for the signature and the seal, every user value bidi-isolated, core
properties from the letter, protected identities kept out of the letter and in their own annex,
the content each kind of assistance needs, and a bilingual letter that holds together."""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from mla_writer import fields
from mla_writer.i18n import translations
from mla_writer.model import LetterOfRequest, MLText

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_helpers import W, docx_paragraphs, html_text  # noqa: E402

LANGS = ("en", "fr", "ru", "es")
TODAY = dt.date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[2]
FSI, PDI = "\u2068", "\u2069"


def _load(name: str = "complete_letter.mlar") -> LetterOfRequest:
    from mla_writer import storage

    return storage.load(ROOT / "tests" / "data" / name)


def _t(lang: str, msgid: str) -> str:
    return translations("letter", lang).gettext(msgid)


def _body(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read("word/document.xml")).find(W + "body")


def _style_id(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        styles = etree.fromstring(zf.read("word/styles.xml"))
    for style in styles.iter(W + "style"):
        el = style.find(W + "name")
        if el is not None and el.get(W + "val").casefold() == name.casefold():
            return style.get(W + "styleId")
    raise AssertionError(f"style {name!r} not in the document")


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(W + "t")).replace(FSI, "").replace(PDI, "")


@pytest.fixture(scope="module")
def letter():
    return _load()


# -- the cover sheet -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_acknowledgement_is_the_cover_sheet(letter, lang):
    from mla_writer.render import render_docx

    data = render_docx(letter, lang, today=TODAY)
    body = _body(data)
    paragraphs = list(body.iter(W + "p"))
    texts = [_text(p) for p in paragraphs]
    ack = _t(lang, "Acknowledgement of receipt").upper()
    title = _t(lang, "Request for mutual legal assistance in a criminal matter").upper()
    assert texts.index(ack) < texts.index(title)
    # the cover sheet is a section of its own: a section break between it and the letter, and the
    # letter's section has the same headers and footers (its first page gets the letterhead)
    breaks = [i for i, p in enumerate(paragraphs) if p.find(f"{W}pPr/{W}sectPr") is not None]
    assert len(breaks) == 1 and texts.index(ack) < breaks[0] < texts.index(title)
    inner = paragraphs[breaks[0]].find(f"{W}pPr/{W}sectPr")
    final = body.find(W + "sectPr")
    assert [r.get(W + "type") for r in inner.iter(W + "headerReference")] == [
        r.get(W + "type") for r in final.iter(W + "headerReference")]
    # the letter's first page has the letterhead ("different first page"); the cover sheet has the
    # running header only, which leaves the page to the form
    assert final.find(W + "titlePg") is not None and inner.find(W + "titlePg") is None
    # the form to be filled in is on the cover sheet, not at the end
    assert texts.index(_t(lang, "Date of receipt")) < breaks[0]
    # and point 4 says where the form is
    assert _t(lang, "An acknowledgement-of-receipt form is attached as the cover sheet of this letter. "
                    "Please detach it, complete it and return it to:") in texts


def test_the_bilingual_cover_sheet_has_one_form_with_both_languages(letter):
    from mla_writer.render import render_docx

    data = render_docx(letter, "fr", "ru", today=TODAY)
    texts = docx_paragraphs(data)
    for msgid in ("Date of receipt", "Reference of the requested State", "Remarks"):
        fr, ru = _t("fr", msgid), _t("ru", msgid)
        assert texts.count(fr) == 1 and texts.count(ru) == 1
        assert texts.index(ru) == texts.index(fr) + 1  # the two labels of one row, one under the other


# -- signature and seal -------------------------------------------------------------------------------


@pytest.mark.parametrize("bilingual", [None, "ru"])
def test_four_centimetres_for_the_signature_and_the_seal(letter, bilingual):
    from mla_writer.render import render_docx
    from mla_writer.render.docx_writer import SIGNATURE_SPACE_TWIPS

    data = render_docx(letter, "fr", bilingual, today=TODAY)
    style = _style_id(data, "MLA Signature Line")
    lines = [p for p in _body(data).iter(W + "p")
             if p.find(f"{W}pPr/{W}pStyle") is not None and p.find(f"{W}pPr/{W}pStyle").get(W + "val") == style]
    assert len(lines) == 1  # one signature, also in a bilingual letter
    spacing = lines[0].find(f"{W}pPr/{W}spacing")
    assert spacing is not None and int(spacing.get(W + "before")) >= SIGNATURE_SPACE_TWIPS >= 2268  # 4 cm
    # the place and date, the space and the signatory stay on one page
    kept = lines[0].find(f"{W}pPr/{W}keepNext")
    assert kept is not None and kept.get(W + "val") in (None, "1", "true")
    if bilingual:
        text = _text(lines[0])
        assert _t("fr", "(signature and official seal)") in text and _t("ru", "(signature and official seal)") in text
        signature = _style_id(data, "MLA Signature")
        names = [p for p in _body(data).iter(W + "p") if _text(p) == letter.signatory.name
                 and p.find(f"{W}pPr/{W}pStyle").get(W + "val") == signature]
        assert len(names) == 1


# -- bidi isolation ----------------------------------------------------------------------------------


def _user_values(letter: LetterOfRequest, lang: str) -> list[str]:
    values = []
    for field in fields.all_fields():
        if field.kind not in (fields.TEXT, fields.VERBATIM):
            continue
        for _path, value, item in fields.instances(letter, field):
            if not fields.in_letter(letter, field, item) or fields.is_empty(value):
                continue
            text = value.resolve(lang, letter.drafting_language)[0] if field.kind == fields.TEXT else value
            values.extend(line for line in text.split("\n") if len(line) > 3)
    return values


@pytest.mark.parametrize("lang", LANGS)
def test_every_user_value_is_bidi_isolated(letter, lang):
    from mla_writer.render import render_docx, render_html

    rtl = letter.model_copy(deep=True)
    rtl.references.requesting_reference = "\u202eREF-RTL-1"  # an unclosed right-to-left override
    data = render_docx(rtl, lang, today=TODAY)
    texts = docx_paragraphs(data, ("all",), keep_isolates=True)
    whole = "\n".join(texts)
    preview = html_text(render_html(rtl, lang, today=TODAY), keep_isolates=True)
    values = _user_values(rtl, lang)
    assert len(values) > 100
    for value in values:
        for where, name in ((whole, "docx"), (preview, "preview")):
            starts = [m.start() for m in re.finditer(re.escape(value), where)]
            for start in starts:
                before, after = where[:start], where[start + len(value):]
                # inside an isolate: an FSI opened before it and not yet closed, a PDI after it
                assert before.rfind(FSI) > before.rfind(PDI) and PDI in after[:1 + after.find(PDI)], (name, value)
    # the override stays inside its isolate: the footer's "Page X of Y" is outside it
    footer = next(t for t in texts if "REF-RTL-1" in t and ":" not in t)
    assert footer.index(PDI) > footer.index("REF-RTL-1") and footer.rindex(PDI) < footer.index(" · ")


# -- core properties ----------------------------------------------------------------------------------


def test_core_properties_come_from_the_letter_and_the_render_time(letter, tmp_path):
    import docx

    from mla_writer.render import render_docx

    # a letterhead with its own author and dates
    reference = tmp_path / "ours.docx"
    doc = docx.Document(str(ROOT / "templates" / "reference.docx"))
    doc.core_properties.author = "Somebody Else"
    doc.core_properties.created = dt.datetime(2019, 5, 1)
    doc.core_properties.comments = "internal template, do not circulate"
    doc.core_properties.keywords = "template"
    doc.save(str(reference))
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    data = render_docx(letter, "es", reference=reference, today=TODAY)
    after = dt.datetime.now(dt.timezone.utc)
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.author == props.last_modified_by == letter.signatory.name
    created = props.created if props.created.tzinfo else props.created.replace(tzinfo=dt.timezone.utc)
    assert before <= created <= after and props.created == props.modified
    assert props.title.startswith(_t("es", "Request for mutual legal assistance in a criminal matter").upper())
    assert letter.references.requesting_reference in props.title
    assert props.comments == props.keywords == props.subject == props.category == ""
    assert props.language == "es-ES"


# -- protected identities ---------------------------------------------------------------------------


def _protected() -> LetterOfRequest:
    letter = _load()
    victim = next(p for p in letter.persons if p.role == "victim" and not p.protected)
    victim.protected, victim.pseudonym = True, "V7"
    victim.other_names = "Lenuța"
    victim.id_document.type, victim.id_document.number = "passport", "ZX9999999"
    victim.address = "str. Secretă 7, Orhei"
    return letter


SECRETS = ("Lenuța", "ZX9999999", "str. Secretă 7")


@pytest.mark.parametrize("lang", LANGS)
def test_protected_identities_never_reach_the_letter_and_do_reach_the_annex(lang):
    from mla_writer.render import render_docx, render_html, render_identities_annex

    letter = _protected()
    victim = next(p for p in letter.persons if p.pseudonym == "V7")
    name = victim.display_name()
    for bilingual in (None, "en" if lang != "en" else "fr"):
        sent = "\n".join(docx_paragraphs(render_docx(letter, lang, bilingual, today=TODAY), ("all",)))
        preview = html_text(render_html(letter, lang, bilingual, today=TODAY))
        for text in (sent, preview):
            assert "V7" in text
            for secret in (*SECRETS, name):
                assert secret not in text, (lang, bilingual, secret)
    # the list of annexes mentions the confidential annex, without a name
    assert sum(p.protected for p in letter.persons) == 2  # V2 of the sample, and V7: the plural
    annex_line = _t(lang, "Confidential annex: identities of the persons named by a pseudonym "
                          "(transmitted separately, for the executing authority only)")
    assert f"{len(letter.annexes) + 1}. {annex_line}" in docx_paragraphs(render_docx(letter, lang, today=TODAY))
    annex = render_identities_annex(letter, lang, today=TODAY)
    text = "\n".join(docx_paragraphs(annex, ("all",)))
    for secret in (*SECRETS, name, "V7"):
        assert secret in text, (lang, secret)
    # another person, not protected, is not in the annex
    assert letter.persons[0].display_name() not in text
    # "confidential" in the header of every page: every header part carries the mark
    with zipfile.ZipFile(io.BytesIO(annex)) as zf:
        headers = [zf.read(n).decode() for n in zf.namelist() if re.match(r"word/header\d*\.xml$", n)]
    mark = _t(lang, "CONFIDENTIAL — IDENTITIES OF PROTECTED PERSONS")
    assert headers and all(mark in h for h in headers)


def test_the_copy_for_the_file_names_them_and_says_it_is_not_to_be_sent():
    from mla_writer.render import render_docx

    letter = _protected()
    text = "\n".join(docx_paragraphs(render_docx(letter, "fr", identities="full", today=TODAY), ("all",)))
    for secret in SECRETS:
        assert secret in text
    assert _t("fr", "COPY FOR THE FILE — NOT TO BE SENT") in text
    assert "V7" in text  # with the pseudonym the letter that is sent uses


def test_no_annex_without_a_pseudonym():
    from mla_writer.render import RenderError, render_identities_annex

    letter = _load()
    for person in letter.persons:
        person.protected = False
    with pytest.raises(RenderError, match="no victim or witness by a pseudonym"):
        render_identities_annex(letter, "en")


def test_cli_writes_the_annex_beside_the_letter(tmp_path):
    import subprocess

    from mla_writer import storage

    draft = tmp_path / "d.mlar"
    storage.save(_protected(), draft)
    out, annex = tmp_path / "letter.docx", tmp_path / "identities.docx"
    run = subprocess.run([sys.executable, "-m", "mla_writer", "render", str(draft), "-o", str(out),
                          "--identities-annex", str(annex), "--today", TODAY.isoformat()],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "ZX9999999" in "\n".join(docx_paragraphs(annex.read_bytes()))
    assert "ZX9999999" not in "\n".join(docx_paragraphs(out.read_bytes(), ("all",)))
    same = subprocess.run([sys.executable, "-m", "mla_writer", "render", str(draft), "-o", str(out),
                           "--identities-annex", str(out)], capture_output=True, text=True)
    assert same.returncode == 2 and "another file" in same.stderr


# -- content per kind of assistance ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_content_each_kind_of_assistance_needs(letter, lang):
    from mla_writer.render import render_docx

    text = "\n".join(docx_paragraphs(render_docx(letter, lang, today=TODAY)))
    # a subject line (UNTOC art. 18(15)(b))
    assert re.search(rf"^{re.escape(_t(lang, 'Subject'))}\s?:", text, re.M)
    # the transfer guarantees of UNTOC art. 18(10)-(12)
    for msgid in ("Undertakings of the requesting State",
                  "to certify the time the person spends in its custody, so that it is credited against the sentence being served in the requested State."):
        assert _t(lang, msgid) in text
    # the video hearing: date, time and time zone on one line; the interpreter
    from mla_writer.render.context import fmt_date, fmt_time

    video = next(m for m in letter.assistance if m.kind == "videoconference")
    line = next(t for t in text.split("\n") if fmt_date(video.date, lang) in t and fmt_time(video.time, lang) in t)
    from mla_writer.render.context import zone_city

    # the offset on that day (summer time in Chișinău) and the city in the letter's language,
    # never the IANA identifier, which is a code
    from mla_writer.render.context import _local_time

    assert f"UTC+03:00, {_local_time(video.time_zone, lang)}" in line and zone_city(video.time_zone, lang) in line
    assert zone_city(video.time_zone, lang) and video.time_zone not in text
    # annex numbers where an order is attached
    search = next(m for m in letter.assistance if m.kind == "search")
    number = letter.annex(search.order_annex)[0]
    assert _t(lang, "yes (annex %(n)s)") % {"n": number} in text
    # dual criminality for the coercive measures, naming them
    coercive = [f"10.{i + 1}" for i, m in enumerate(letter.assistance) if m.kind in ("search", "freezing", "electronic")]
    assert all(number in text for number in coercive)
    assert _t(lang, "Dual criminality") in text
    # presence of officials tied to the measures they attend
    attend = [f"10.{letter.measure(m)[0]}" for m in letter.officials_presence.measure_ids]
    presence = next(t for t in text.split("\n") if attend[-1] in t and letter.officials_presence.attendees[0].name not in t
                    and ":" in t[-2:])
    assert all(number in presence for number in attend)


def test_the_state_is_not_printed_twice_under_the_address(letter):
    from mla_writer import states
    from mla_writer.render import render_docx

    letter = letter.model_copy(deep=True)
    letter.addressee.address = "Str. 31 August 1989 nr. 82\nMD-2012 Chișinău, Republic of Moldova"
    texts = docx_paragraphs(render_docx(letter, "en", today=TODAY))
    assert states.letter_name("MD", "en") not in [t.strip() for t in texts]
    letter.addressee.address = "Str. 31 August 1989 nr. 82\nMD-2012 Chișinău"
    texts = docx_paragraphs(render_docx(letter, "en", today=TODAY))
    assert states.letter_name("MD", "en") in [t.strip() for t in texts]


def test_lists_are_joined_as_each_language_joins_them(letter):
    from mla_writer.render import render_docx

    letter = letter.model_copy(deep=True)
    for m in letter.assistance:
        m.procedures.requested, m.procedures.details = [], MLText()
    for m in letter.assistance[:3]:
        m.procedures.requested = ["oath"]
        m.procedures.reason = MLText({lang: "Admissibility." for lang in LANGS})
    for lang, word in (("en", " and "), ("fr", " et "), ("ru", " и "), ("es", " y ")):
        text = "\n".join(docx_paragraphs(render_docx(letter, lang, today=TODAY)))
        assert f"10.1, 10.2{word}10.3" in text


# -- the bilingual letter ----------------------------------------------------------------------------


def test_bilingual_running_header_and_footer_in_both_languages(letter):
    from mla_writer.render import render_docx

    letter = letter.model_copy(deep=True)
    letter.confidentiality.confidential = True
    texts = docx_paragraphs(render_docx(letter, "fr", "ru", today=TODAY), ("all",))
    footer = next(t for t in texts if "Page" in t and "Страница" in t)
    assert footer.count(letter.references.requesting_reference) == 1
    assert any(_t("fr", "CONFIDENTIAL") in t and _t("ru", "CONFIDENTIAL") in t for t in texts)


def test_bilingual_letter_states_both_languages_in_both_columns(letter):
    from mla_writer.render import render_docx

    letter = letter.model_copy(deep=True)
    letter.language.accepted_languages = ["ro", "ru"]
    text = "\n".join(docx_paragraphs(render_docx(letter, "fr", "ru", today=TODAY)))
    from mla_writer.render.context import join_list, language_name

    msgid = "This request is written in two languages, %(languages)s; %(language)s is accepted by the requested State."
    for lang in ("fr", "ru"):
        names = join_list([language_name("fr", lang), language_name("ru", lang)], lang)
        assert _t(lang, msgid) % {"languages": names, "language": language_name("ru", lang)} in text, lang


def test_bilingual_headings_share_a_row_with_what_follows(letter):
    from mla_writer.render import render_docx

    data = render_docx(letter, "fr", "es", today=TODAY)
    heading = _style_id(data, "Heading 1")
    for cell in _body(data).iter(W + "tc"):
        paragraphs = list(cell.iter(W + "p"))
        styles = [p.find(f"{W}pPr/{W}pStyle").get(W + "val") if p.find(f"{W}pPr/{W}pStyle") is not None else ""
                  for p in paragraphs]
        if heading in styles:
            # a heading is never the last thing in its cell: the first block of its point is with it
            assert styles[-1] != heading
            assert paragraphs[styles.index(heading)].find(f"{W}pPr/{W}keepNext") is not None


def test_bilingual_persons_one_row_per_person(letter):
    from mla_writer.render import render_docx

    data = render_docx(letter, "fr", "ru", today=TODAY)
    rows = [r for r in _body(data).iter(W + "tr")
            if any(p.display_name() in _text(r) for p in letter.persons if not p.protected and not p.legal_person)]
    # each person's row holds that person in both columns, and no other person
    for person in (p for p in letter.persons if not p.protected and not p.legal_person):
        holding = [r for r in rows if person.display_name() in _text(r) and len(r.findall(W + "tc")) == 2]
        assert holding, person.display_name()
        row = min(holding, key=lambda r: len(_text(r)))
        cells = row.findall(W + "tc")
        assert len(cells) == 2 and all(person.display_name() in _text(c) for c in cells)


def test_a_bilingual_letter_meets_point_14_when_one_of_its_languages_is_accepted(letter):
    from mla_writer.render import render_docx

    letter = letter.model_copy(deep=True)
    letter.language.accepted_languages = ["ro", "fr"]
    letter.output_language = "fr"
    draft = _t("ru", "DRAFT — INCOMPLETE")
    text = "\n".join(docx_paragraphs(render_docx(letter, "fr", "ru", today=TODAY), ("all",)))
    assert _t("fr", "DRAFT — INCOMPLETE") not in text and draft not in text
    # neither language accepted: still incomplete
    letter.language.accepted_languages = ["ro"]
    text = "\n".join(docx_paragraphs(render_docx(letter, "fr", "ru", today=TODAY), ("all",)))
    assert _t("fr", "DRAFT — INCOMPLETE") in text


@pytest.mark.parametrize("lang", LANGS)
def test_numbers_and_addresses_are_cut_only_where_a_reader_can_rejoin_them(letter, lang):
    from mla_writer.render import render_docx

    text = "\n".join(docx_paragraphs(render_docx(letter, lang, today=TODAY)))
    # an e-mail address follows its label after an ordinary space: when it does not fit on the
    # rest of the line it moves whole to the next one (a no-break space there made LibreOffice
    # cut the address itself: "entraide.penale@example.b" / "e")
    email = translations("letter", lang).gettext("%(text)s:") % {"text": _t(lang, "E-mail")}
    assert f"{email} {letter.acknowledgement.email}" in text
    # a telephone number is never cut
    phone = letter.acknowledgement.phone
    assert " " in phone and phone.replace(" ", "\u00a0") in text and phone not in text
    pages = translations("letter", lang).ngettext("%(num)s page", "%(num)s pages", 4) % {"num": 4}
    assert pages.replace(" ", "\u00a0", 1) in text  # annex 1 has four pages


def test_bilingual_closing_formula_stays_with_the_signature_and_the_letterhead_opens_the_letter(letter):
    """The review found the closing formulas ending one page and the signature alone on the next,
    and a bilingual letter whose first page had no letterhead: the closing formulas leave the
    two-column table (kept with the signature), and the two letterheads open the letter's body
    just after the cover sheet instead of a tall table in the first-page header."""
    from mla_writer.render import render_docx

    data = render_docx(letter, "fr", "en", today=TODAY)
    body = _body(data)
    top = list(body)
    texts = ["".join(t.text or "" for t in el.iter(W + "t")) for el in top]
    # the closing formulas: top-level paragraphs, kept with what follows, just before the place and date
    for lang in ("fr", "en"):
        formula = _t(lang, "Yours faithfully,")
        k = next(i for i, t in enumerate(texts) if t.strip() == formula)
        assert top[k].tag == W + "p" and top[k].find(f"{W}pPr/{W}keepNext") is not None
    # the letterheads: in the body, after the cover sheet's section break, in both languages
    section_end = next(i for i, el in enumerate(top) if el.find(f"{W}pPr/{W}sectPr") is not None)
    state = {"fr": "RÉPUBLIQUE FRANÇAISE", "en": "FRENCH REPUBLIC"}
    head = next(i for i, t in enumerate(texts) if state["fr"] in t and state["en"] in t)
    assert head > section_end
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        headers = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/header"))
    assert state["fr"] not in headers and state["en"] not in headers


@pytest.mark.parametrize("articles,lang,expected", [
    ("18(3), (10)–(12), (18)", "fr", "art.\u00a018, par.\u00a03, 10 à 12 et 18"),
    ("18(3), (10)–(12), (18)", "ru", "п.\u00a03, 10–12 и 18 ст.\u00a018"),
    ("18(3), (10)–(12), (18)", "es", "art.\u00a018, párrs.\u00a03, 10 a 12 y 18"),
    ("18(3), (10)–(12), (18)", "en", "art.\u00a018, paras.\u00a03, 10–12 and 18"),
    ("1(2)", "fr", "art.\u00a01, par.\u00a02"),
    ("1, 3, 4, 7", "es", "arts.\u00a01, 3, 4 y 7"),
    ("art 5 of the Protocol", "fr", None),  # not the international form: printed as written
])
def test_articles_are_cited_as_each_language_cites_them(articles, lang, expected):
    """The review found "art. 18(3), (10)–(12)" in French and Spanish letters, where lawyers
    write "art. 18, par. 3, 10 à 12" and "art. 18, párrs. 3, 10 a 12"; the field is written
    once, in the international form."""
    from mla_writer.render.context import cite_articles

    assert cite_articles(articles, lang) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_a_name_in_another_script_comes_in_latin_script_first_in_a_latin_script_letter(lang):
    """The review found Cyrillic names (persons, officer, signatory) in the English, French and
    Spanish letters of a Kazakh request: a Latin-script letter gives the name's Latin form
    (as in the passport) first and the original in brackets; a Russian letter the original."""
    from mla_writer import samples
    from mla_writer.render import render_docx

    letter = samples.load_sample("online-recruitment-kz-kg")
    text = "\n".join(docx_paragraphs(render_docx(letter, lang, today=TODAY)))
    asanov = next(p for p in letter.persons if p.latin_name.startswith("ASANOV"))
    for name, latin in ((asanov.display_name(), asanov.latin_name),
                        (letter.identification.officer.name, letter.identification.officer.latin_name),
                        (letter.signatory.name, letter.signatory.latin_name)):
        if lang == "ru":
            assert name in text and f"{latin} ({name})" not in text
        else:
            assert f"{latin} ({name})" in text


def test_a_long_e_mail_address_is_set_smaller_in_a_bilingual_half_column_never_cut():
    """The review found "asuntos.internacionales@example." / "co" in the bilingual letter's
    half columns: an address longer than a half column's line is set smaller there, and the
    contact lines lose their indent; in a one-language letter it keeps the body size."""
    from mla_writer.render import render_docx
    from mla_writer.render.docx_writer import MAIL_FITS
    from mla_writer.samples import load_sample

    letter = load_sample("migrant-smuggling-co-es")
    long_mail = next(a for a in (letter.identification.requesting_authority.email, letter.acknowledgement.email)
                     if len(a) > MAIL_FITS)

    def sizes(data: bytes) -> set:
        found = set()
        for run in _body(data).iter(W + "r"):
            text = "".join(t.text or "" for t in run.iter(W + "t"))
            if long_mail in text:
                sz = run.find(f"{W}rPr/{W}sz")
                found.add(sz.get(W + "val") if sz is not None else None)
        return found

    assert sizes(render_docx(letter, "es", "en", today=TODAY)) == {"18"}
    assert sizes(render_docx(letter, "es", today=TODAY)) == {None}


def test_french_subject_repeats_the_preposition_and_a_dated_copy_has_been_sent(letter):
    """Review 5: "du chef de traite … ; blanchiment …" read as a list in French ("des faits de
    traite … et de blanchiment …"), and "has been or is being sent" for a copy sent on a given
    date read as a form."""
    from mla_writer.render import render_docx
    from mla_writer.render.context import join_offences

    assert str(join_offences(["traite des êtres humains", "blanchiment", "association de malfaiteurs"], "fr")) == (
        "traite des êtres humains, de blanchiment et d'association de malfaiteurs")
    assert str(join_offences(["a", "b"], "en")) == "a; b"
    assert all(c.date for c in letter.other_channels.channels)
    for lang in LANGS:
        text = "\n".join(docx_paragraphs(render_docx(letter, lang, today=TODAY)))
        n = len(letter.other_channels.channels)
        sent = translations("letter", lang).ngettext("A copy of this request has been sent through the following channel:",
                                                     "A copy of this request has been sent through the following channels:", n)
        assert sent.replace(" :", "\u00a0:") in text or sent in text, lang


def test_russian_local_time_names_the_city_in_the_genitive():
    import datetime as dt

    from mla_writer.render.context import fmt_time_zone

    assert fmt_time_zone("Europe/Chisinau", "ru", dt.date(2027, 5, 19)) == "UTC+03:00, по местному времени Кишинёва"
    assert fmt_time_zone("America/Bogota", "ru", dt.date(2027, 5, 19)) == "UTC\u221205:00, по местному времени Боготы"
