"""Gettext catalogues: complete, placeholders intact, loaded from .po per language.

The start-up .po reader (``PoTranslations``) must give exactly what Babel's compiler gave.
"""

from __future__ import annotations

import gettext
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from mla_writer import i18n
from mla_writer.i18n import catalogue_problems, po_path, translations
from mla_writer.po import PoSyntaxError, PoTranslations

PLACEHOLDER = re.compile(r"\{(\w*)\}|%\((\w+)\)s")


@pytest.mark.parametrize("lang", ["fr", "ru", "es"])
def test_ui_catalogue_is_complete(lang):
    assert catalogue_problems("ui", lang) == []


@pytest.mark.parametrize("lang", ["fr", "ru", "es"])
@pytest.mark.parametrize("domain", ["ui", "letter"])
def test_placeholders_survive_translation(domain, lang):
    path = po_path(domain, lang)
    if domain == "letter" and not path.exists():
        pytest.fail("the letter catalogue is missing")  # never skip
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = {m for m in PLACEHOLDER.findall(ids[-1])}
        for string in strings:
            assert {m for m in PLACEHOLDER.findall(string)} == expected, (message.id, string)


def test_languages_are_independent():
    """The UI and the letter may be in different languages at the same time."""
    assert translations("ui", "ru").gettext("complete") != translations("ui", "fr").gettext("complete")
    assert translations("ui", "en").gettext("complete") == "complete"
    with pytest.raises(ValueError):
        translations("nope", "fr")


# --- The .po reader used at start-up (PoTranslations) against Babel's compiler -------------

COUNTS = (0, 1, 2, 5, 21, 22, 25, 111)


def babel_compiled(data: bytes, lang: str) -> gettext.GNUTranslations:
    """What ``translations`` used to return: Babel's read_po + write_mo(use_fuzzy=False)."""
    catalog = read_po(io.BytesIO(data), locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def po_reader(data: bytes) -> PoTranslations:
    return PoTranslations(io.BytesIO(data))


def assert_same_as_babel(data: bytes, lang: str) -> int:
    """Every message of the catalogue translates the same with both; returns how many were checked."""
    ours, theirs = po_reader(data), babel_compiled(data, lang)
    assert {k: v for k, v in ours._catalog.items() if k != ""} == {
        k: v for k, v in theirs._catalog.items() if k != ""
    }
    assert [ours.plural(n) for n in range(300)] == [theirs.plural(n) for n in range(300)]
    checked = 0
    for message in read_po(io.BytesIO(data), locale=lang):
        if not message.id:
            continue
        checked += 1
        ctx = message.context
        if isinstance(message.id, tuple):
            singular, plural = message.id[0], message.id[1]
            for n in COUNTS:
                if ctx is None:
                    assert ours.ngettext(singular, plural, n) == theirs.ngettext(singular, plural, n), (singular, n)
                else:
                    assert ours.npgettext(ctx, singular, plural, n) == theirs.npgettext(ctx, singular, plural, n)
        else:
            singular = message.id
        if ctx is None:
            assert ours.gettext(singular) == theirs.gettext(singular), singular
        else:
            assert ours.pgettext(ctx, singular) == theirs.pgettext(ctx, singular), (ctx, singular)
    return checked


@pytest.mark.parametrize("lang", ["fr", "ru", "es"])
@pytest.mark.parametrize("domain", ["ui", "letter"])
def test_po_reader_matches_babel_on_shipped_catalogues(domain, lang):
    path = po_path(domain, lang)
    assert path.is_file(), path  # never skip
    data = path.read_bytes()
    assert assert_same_as_babel(data, lang) > 50
    translations.cache_clear()
    try:
        loaded = translations(domain, lang)
        # read strictly, not the silent English fallback
        assert isinstance(loaded, PoTranslations)
        assert loaded._catalog == po_reader(data)._catalog
    finally:
        translations.cache_clear()


def test_russian_plural_forms_from_the_shipped_header():
    ru = translations("letter", "ru")
    assert ru.info()["language"] == "ru"
    counts = (0, 1, 2, 4, 5, 11, 12, 21, 22, 25, 111, 121)
    assert [ru.plural(n) for n in counts] == [2, 0, 1, 1, 2, 2, 2, 0, 1, 2, 2, 0]
    assert [translations("letter", lang).plural(n) for lang in ("fr", "es") for n in (0, 1, 2)] == [0, 0, 1, 1, 0, 1]


def test_translations_is_still_cached():
    assert callable(translations.cache_clear)
    assert translations("ui", "fr") is translations("ui", "fr")


HEADER_RU = r'''# A comment before the header.
msgid ""
msgstr ""
"Project-Id-Version: test\n"
"Language: ru\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"
"Content-Type: text/plain; charset=UTF-8\n"

'''

SNIPPETS = {
    "fuzzy": r'''
#: somewhere.py:1
#, fuzzy, python-format
msgid "Fuzzy one"
msgstr "Нечётко"

#, python-format
msgid "Kept"
msgstr "Оставлено"
''',
    "multiline": r'''
#. An extracted comment.
#: a.py:2 b.py:3
msgid ""
"A long message "
"over three "
"lines."
msgstr ""
"Длинное сообщение "
"на трёх "
"строках."
''',
    "escapes": r'''
msgid "Tab\there, newline\nthere, \"quoted\" and back\\slash"
msgstr "Таб\tздесь, перевод\nтам, \"в кавычках\" и обратная\\черта"
''',
    "msgctxt": r'''
msgctxt "menu"
msgid "File"
msgstr "Файл"

msgctxt "document"
msgid "File"
msgstr "Дело"

msgid "File"
msgstr "Файл без контекста"

msgctxt "count"
msgid "%(n)s page"
msgid_plural "%(n)s pages"
msgstr[0] "%(n)s страница"
msgstr[1] "%(n)s страницы"
msgstr[2] "%(n)s страниц"
''',
    "plural": r'''
#, python-format
msgid "%(num)s file"
msgid_plural "%(num)s files"
msgstr[0] "%(num)s файл"
msgstr[1] "%(num)s файла"
msgstr[2] "%(num)s файлов"
''',
    "obsolete": r'''
msgid "Live"
msgstr "Живое"

#, fuzzy
#~ msgid "Dead"
#~ msgstr "Мёртвое"

#~| msgid "Old"
#~ msgid "Gone"
#~ msgstr "Ушло"
msgid "After the dead"
msgstr "После мёртвых"
''',
    "empty": r'''
msgid "Untranslated"
msgstr ""

msgid "Partly"
msgid_plural "Partlies"
msgstr[0] "Частично"
msgstr[1] ""

msgid "Two forms only"
msgid_plural "Two forms only (plural)"
msgstr[0] "Две формы"
msgstr[1] "Две формы (мн.)"

msgid "Nothing"
msgid_plural "Nothings"
msgstr[0] ""
msgstr[1] ""
msgstr[2] ""
''',
    "no blank lines between entries": r'''
msgid "One"
msgstr "Один"
#, fuzzy
msgid "Two"
msgstr "Два"
msgid "Three"
msgstr "Три"
''',
}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_po_reader_matches_babel_on_snippets(name):
    assert_same_as_babel((HEADER_RU + SNIPPETS[name]).encode("utf-8"), "ru")


def snippet(name: str) -> PoTranslations:
    return po_reader((HEADER_RU + SNIPPETS[name]).encode("utf-8"))


def test_fuzzy_entries_are_not_used():
    t = snippet("fuzzy")
    assert t.gettext("Fuzzy one") == "Fuzzy one"
    assert t.gettext("Kept") == "Оставлено"
    t = snippet("no blank lines between entries")
    assert [t.gettext(m) for m in ("One", "Two", "Three")] == ["Один", "Two", "Три"]


def test_a_fuzzy_header_still_gives_the_plural_forms():
    data = ("#, fuzzy\n" + HEADER_RU + SNIPPETS["plural"]).encode("utf-8")
    assert po_reader(data).ngettext("%(num)s file", "%(num)s files", 5) == "%(num)s файлов"
    assert_same_as_babel(data, "ru")


def test_multiline_strings_are_joined():
    assert snippet("multiline").gettext("A long message over three lines.") == "Длинное сообщение на трёх строках."


def test_escapes():
    t = snippet("escapes")
    assert t.gettext('Tab\there, newline\nthere, "quoted" and back\\slash') == (
        'Таб\tздесь, перевод\nтам, "в кавычках" и обратная\\черта'
    )
    data = (HEADER_RU + r'''
msgid "bell\a \101\x42 \'q\' \?"
msgstr "звонок\a \x43\103 \r\f\v\b"
''').encode()
    assert po_reader(data).gettext("bell\a AB 'q' ?") == "звонок\a CC \r\f\v\b"


def test_msgctxt():
    t = snippet("msgctxt")
    assert t.pgettext("menu", "File") == "Файл"
    assert t.pgettext("document", "File") == "Дело"
    assert t.gettext("File") == "Файл без контекста"
    assert t.pgettext("other", "File") == "File"
    assert [t.npgettext("count", "%(n)s page", "%(n)s pages", n) for n in (1, 3, 5)] == [
        "%(n)s страница",
        "%(n)s страницы",
        "%(n)s страниц",
    ]


def test_russian_plural_forms():
    t = snippet("plural")
    got = {n: t.ngettext("%(num)s file", "%(num)s files", n) for n in COUNTS}
    assert got == {
        0: "%(num)s файлов",
        1: "%(num)s файл",
        2: "%(num)s файла",
        5: "%(num)s файлов",
        21: "%(num)s файл",
        22: "%(num)s файла",
        25: "%(num)s файлов",
        111: "%(num)s файлов",
    }
    assert t.gettext("%(num)s file") == "%(num)s файл"


def test_obsolete_entries_are_ignored():
    t = snippet("obsolete")
    assert t.gettext("Dead") == "Dead"
    assert t.gettext("Gone") == "Gone"
    assert t.gettext("Live") == "Живое"
    # the "#, fuzzy" before the obsolete entry belonged to it, not to the next live entry
    assert t.gettext("After the dead") == "После мёртвых"


def test_empty_msgstr_falls_back_to_the_msgid():
    t = snippet("empty")
    assert t.gettext("Untranslated") == "Untranslated"
    assert [t.ngettext("Partly", "Partlies", n) for n in (1, 2, 5)] == ["Частично", "Partlies", "Partlies"]
    assert [t.ngettext("Two forms only", "Two forms only (plural)", n) for n in (1, 2, 5)] == [
        "Две формы",
        "Две формы (мн.)",
        "Two forms only (plural)",
    ]
    # like Babel's write_mo: empty forms become msgid (form 0) / msgid_plural (others)
    nothing = [t.ngettext("Nothing", "Nothings", n) for n in (1, 2, 5, 21)]
    assert nothing == ["Nothing", "Nothings", "Nothings", "Nothing"]


def test_no_header_uses_the_default_germanic_plural():
    t = po_reader(b'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "un"\nmsgstr[1] "des"\n')
    assert [t.ngettext("a", "as", n) for n in (0, 1, 2)] == ["des", "un", "des"]
    assert t.info() == {}


MALFORMED = {
    "msgstr before msgid": ('msgstr "x"\n', 1),
    "msgid without msgstr at end": ('msgid "a"\nmsgstr "b"\n\nmsgid "c"\n', 4),
    "two msgids in a row": ('msgid "a"\nmsgid "b"\nmsgstr "c"\n', 2),
    "comment inside an entry": ('msgid "a"\n#, fuzzy\nmsgstr "b"\n', 2),
    "unterminated string": ('msgid "a\nmsgstr "b"\n', 1),
    "stray quote": ('msgid "a"b"\nmsgstr "c"\n', 1),
    "unknown keyword": ('msgid "a"\nmsgstring "b"\n', 2),
    "bare text": ('msgid "a"\nmsgstr "b"\nhello\n', 3),
    "continuation outside an entry": ('msgid "a"\nmsgstr "b"\n# a comment ends the entry\n"floating"\n', 4),
    "unknown escape": (r'msgid "a\q"' + '\nmsgstr "b"\n', 1),
    "non-ASCII numeric escape": (r'msgid "a"' + '\n' + r'msgstr "\xc3\xa9"' + '\n', 2),
    "msgstr in a plural entry": ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 3),
    "msgstr[N] in a singular entry": ('msgid "a"\nmsgstr[0] "b"\n', 2),
    "plural forms out of order": ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[2] "c"\n', 4),
    "more plural forms than nplurals": (
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "c"\nmsgstr[2] "d"\nmsgstr[3] "e"\n',
        None,
    ),
    "duplicate message": ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4),
    "msgid_plural after msgstr": ('msgid "a"\nmsgstr "b"\nmsgid_plural "as"\n', 3),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_po_is_refused_with_the_line(name):
    body, line = MALFORMED[name]
    with pytest.raises(PoSyntaxError) as excinfo:
        po_reader((HEADER_RU + body).encode("utf-8"))
    assert isinstance(excinfo.value, ValueError)
    if line is not None:
        header_lines = HEADER_RU.count("\n")
        assert f"line {header_lines + line}:" in str(excinfo.value)


@pytest.mark.parametrize(
    "data",
    [
        "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\nPlural-Forms: nplurals=2; plural=n!!;\\n\"\n",
        "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\nPlural-Forms: plural=n>1;\\n\"\n",
        "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=KOI8-R\\n\"\n",
    ],
    ids=["bad plural expression", "no nplurals", "not UTF-8 charset"],
)
def test_malformed_header_is_refused(data):
    with pytest.raises(PoSyntaxError):
        po_reader(data.encode())


def test_bytes_that_are_not_utf8_are_refused():
    with pytest.raises(PoSyntaxError, match="not UTF-8"):
        po_reader(HEADER_RU.encode() + 'msgid "a"\nmsgstr "é"\n'.encode("latin-1"))


def test_a_utf8_bom_is_accepted():
    assert po_reader(b"\xef\xbb\xbf" + (HEADER_RU + SNIPPETS["plural"]).encode()).plural(5) == 2


@pytest.fixture
def fake_ui_catalogue(tmp_path, monkeypatch):
    """Point translations("ui", <lang>) at a .po written by the test."""
    path = tmp_path / "ui.po"
    monkeypatch.setattr(i18n, "po_path", lambda domain, lang: path)
    translations.cache_clear()
    yield path
    translations.cache_clear()


def test_translations_falls_back_to_english_on_a_malformed_catalogue(fake_ui_catalogue):
    fake_ui_catalogue.write_text(HEADER_RU + 'msgid "complete"\nmsgid "oops"\n', encoding="utf-8")
    t = translations("ui", "ru")
    assert type(t) is gettext.NullTranslations
    assert t.gettext("complete") == "complete"
    assert t.ngettext("file", "files", 2) == "files"


def test_translations_falls_back_to_english_on_a_missing_catalogue(fake_ui_catalogue):
    assert type(translations("ui", "ru")) is gettext.NullTranslations


def test_translations_reads_a_valid_catalogue(fake_ui_catalogue):
    fake_ui_catalogue.write_text(HEADER_RU + SNIPPETS["plural"], encoding="utf-8")
    assert translations("ui", "ru").ngettext("%(num)s file", "%(num)s files", 22) == "%(num)s файла"


def test_loading_a_catalogue_does_not_import_babel():
    code = "import sys, mla_writer.i18n as m; m.translations('ui','ru').gettext('x'); print('babel' in sys.modules)"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
