"""The catalogues' route: Babel compiles each .po to .mo, ``gettext.GNUTranslations`` reads the .mo.

- every shipped catalogue compiles strictly (and, where GNU msgfmt is installed, msgfmt accepts it);
- a .mo older than its .po is compiled again and the new translation is used; a missing or damaged
  .mo is compiled; the .mo is replaced atomically; a read-only locales folder still works
  (compiled in memory); a fresh .mo is read without importing Babel;
- the bundle reads its .mo files only;
- a malformed catalogue gives English at run time, never a stale .mo, never an exception;
- compiling follows ``write_mo(use_fuzzy=False)``: fuzzy entries are not used.
"""

from __future__ import annotations

import gettext
import io
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from mla_writer import i18n
from mla_writer.i18n import CatalogueError, catalogue_files, compile_catalogues, compile_po, translations
from mla_writer.languages import translated_languages

ROOT = Path(__file__).resolve().parent.parent

HEADER_RU = r'''# A comment before the header.
msgid ""
msgstr ""
"Project-Id-Version: test\n"
"Language: ru\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"
"Content-Type: text/plain; charset=UTF-8\n"

'''


def po_text(**messages: str) -> str:
    return HEADER_RU + "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in messages.items())


def compiled(text: str, lang: str = "ru", **kwargs) -> gettext.GNUTranslations:
    """``text`` (a .po) compiled by :func:`compile_po` and read back as the application reads a .mo."""
    with tempfile.TemporaryDirectory() as folder:
        po = Path(folder) / "ui.po"
        po.write_text(text, encoding="utf-8")
        return gettext.GNUTranslations(io.BytesIO(compile_po(po, lang, **kwargs)))


def age(path: Path, seconds: float) -> None:
    """Move ``path``'s modification time by ``seconds`` (negative: older)."""
    st = path.stat()
    shift = int(seconds * 1e9)
    os.utime(path, ns=(st.st_atime_ns + shift, st.st_mtime_ns + shift))


@pytest.fixture
def locales(tmp_path, monkeypatch):
    """A locales/ tree of the test's own: returns locales/ru/LC_MESSAGES (empty)."""
    folder = tmp_path / "locales" / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    monkeypatch.setattr(i18n, "get_asset", lambda *parts: tmp_path.joinpath(*parts))
    monkeypatch.delattr(sys, "frozen", raising=False)
    translations.cache_clear()
    yield folder
    translations.cache_clear()
    folder.chmod(0o755)


def fresh(domain: str = "ui", lang: str = "ru") -> gettext.NullTranslations:
    translations.cache_clear()
    return translations(domain, lang)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix not in (".po", ".mo"))


# -- every shipped catalogue ------------------------------------------------------------------------

SHIPPED = catalogue_files(ROOT / "locales")


def test_every_registered_language_has_every_domain():
    have = {(lang, domain) for lang, domain, _po in SHIPPED}
    assert {(lang, domain) for lang in translated_languages() for domain in i18n.DOMAINS} <= have


@pytest.mark.parametrize(("lang", "domain", "po"), SHIPPED, ids=[f"{lang}/{domain}" for lang, domain, _ in SHIPPED])
def test_shipped_catalogue_compiles_strictly(lang, domain, po):
    catalogue = gettext.GNUTranslations(io.BytesIO(compile_po(po, lang, strict=True)))
    assert len(catalogue._catalog) > 50
    assert catalogue.info()["language"] == lang
    msgfmt = shutil.which("msgfmt")
    if msgfmt:  # an independent strict reader, where GNU gettext is installed
        proc = subprocess.run([msgfmt, "--check", "-o", os.devnull, str(po)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("lang", translated_languages())
@pytest.mark.parametrize("domain", i18n.DOMAINS)
def test_shipped_catalogue_is_read_through_its_mo(domain, lang):
    """Not the silent English fallback: the compiled catalogue, exactly what Babel compiles."""
    try:
        loaded = fresh(domain, lang)
        assert type(loaded) is gettext.GNUTranslations
        assert loaded._catalog == compiled(i18n.po_path(domain, lang).read_text(encoding="utf-8"), lang)._catalog
    finally:
        translations.cache_clear()


# -- freshness ---------------------------------------------------------------------------------------


def test_a_missing_mo_is_compiled_and_written(locales):
    po = locales / "ui.po"
    po.write_text(po_text(complete="готово"), encoding="utf-8")
    assert fresh().gettext("complete") == "готово"
    mo = locales / "ui.mo"
    assert mo.is_file()
    assert mo.stat().st_mtime_ns == po.stat().st_mtime_ns  # stamped with its source's time
    with mo.open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("complete") == "готово"
    assert leftovers(locales) == []


def test_a_stale_mo_is_compiled_again_and_the_new_translation_used(locales):
    po = locales / "ui.po"
    po.write_text(po_text(complete="старое"), encoding="utf-8")
    assert fresh().gettext("complete") == "старое"
    po.write_text(po_text(complete="новое"), encoding="utf-8")
    age(po, 10)  # newer than the .mo, whatever the file system's time resolution
    assert fresh().gettext("complete") == "новое"
    with (locales / "ui.mo").open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("complete") == "новое"
    assert leftovers(locales) == []


def test_a_fresh_mo_is_read_as_it_is(locales):
    po = locales / "ui.po"
    po.write_text(po_text(complete="из po"), encoding="utf-8")
    mo = locales / "ui.mo"
    i18n.save_mo(mo, compile_po(po, "ru"))
    po.write_text(po_text(complete="изменено, но старше"), encoding="utf-8")
    age(po, -10)  # older than the .mo: the .mo is up to date by the rule
    assert fresh().gettext("complete") == "из po"


def test_a_damaged_mo_is_compiled_again(locales):
    po = locales / "ui.po"
    po.write_text(po_text(complete="готово"), encoding="utf-8")
    mo = locales / "ui.mo"
    mo.write_bytes(b"\xde\x12\x04\x95 truncated")
    age(po, -10)
    assert fresh().gettext("complete") == "готово"
    with mo.open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("complete") == "готово"


def test_a_read_only_locales_folder_compiles_in_memory(locales, monkeypatch):
    (locales / "ui.po").write_text(po_text(complete="готово"), encoding="utf-8")
    _make_read_only(locales, monkeypatch)
    assert fresh().gettext("complete") == "готово"
    assert sorted(p.name for p in locales.iterdir()) == ["ui.po"]


def test_a_read_only_locales_folder_never_uses_a_stale_mo(locales, monkeypatch):
    po, mo = locales / "ui.po", locales / "ui.mo"
    po.write_text(po_text(complete="старое"), encoding="utf-8")
    i18n.save_mo(mo, compile_po(po, "ru"))
    before = mo.read_bytes()
    po.write_text(po_text(complete="новое"), encoding="utf-8")
    age(po, 10)
    _make_read_only(locales, monkeypatch)
    assert fresh().gettext("complete") == "новое"  # compiled in memory, never the stale .mo
    assert mo.read_bytes() == before
    assert sorted(p.name for p in locales.iterdir()) == ["ui.mo", "ui.po"]


def _make_read_only(folder: Path, monkeypatch) -> None:
    folder.chmod(0o555)
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # root writes anyway: refuse as a read-only medium would
        real_open = os.open

        def refusing_open(path, flags, *args, **kwargs):
            if Path(path).parent == folder and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                raise OSError(30, "Read-only file system", str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing_open)


def test_a_failed_replace_leaves_no_temporary_file(locales, monkeypatch):
    (locales / "ui.po").write_text(po_text(complete="готово"), encoding="utf-8")

    def failing_replace(src, dst):
        raise PermissionError(13, "in use", str(dst))

    monkeypatch.setattr(os, "replace", failing_replace)
    assert fresh().gettext("complete") == "готово"
    assert sorted(p.name for p in locales.iterdir()) == ["ui.po"]


SUBPROCESS = """
import sys, pathlib
if {frozen}:
    sys.frozen = True
import mla_writer.i18n as m
m.get_asset = lambda *parts: pathlib.Path({root!r}).joinpath(*parts)
t = m.translations("ui", "ru")
print(type(t).__name__, "babel" in sys.modules, t.gettext("complete"))
"""


def run_app_process(root: Path, frozen: bool = False) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", SUBPROCESS.format(frozen=frozen, root=str(root))],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip().split(maxsplit=2)


def test_babel_is_imported_only_to_compile(locales):
    """The shipped Russian UI catalogue: compiled once (Babel imported), then read from the .mo (no Babel)."""
    po = locales / "ui.po"
    shutil.copyfile(ROOT / "locales/ru/LC_MESSAGES/ui.po", po)
    expected = compiled(po.read_text(encoding="utf-8")).gettext("complete")
    assert expected != "complete"
    root = locales.parent.parent.parent
    assert run_app_process(root) == ["GNUTranslations", "True", expected]  # no .mo yet: compiled
    assert (locales / "ui.mo").is_file()
    assert run_app_process(root) == ["GNUTranslations", "False", expected]  # the .mo, as it is


# -- the bundle ------------------------------------------------------------------------------------


def test_the_bundle_reads_the_mo_even_if_a_newer_po_lies_there(locales, monkeypatch):
    po, mo = locales / "ui.po", locales / "ui.mo"
    po.write_text(po_text(complete="из mo"), encoding="utf-8")
    i18n.save_mo(mo, compile_po(po, "ru"))
    po.write_text(po_text(complete="из po"), encoding="utf-8")
    age(po, 10)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert fresh().gettext("complete") == "из mo"
    assert run_app_process(locales.parent.parent.parent, frozen=True) == ["GNUTranslations", "False", "из mo"]


def test_the_bundle_has_only_mo_files(locales, monkeypatch):
    po, mo = locales / "ui.po", locales / "ui.mo"
    po.write_text(po_text(complete="готово"), encoding="utf-8")
    i18n.save_mo(mo, compile_po(po, "ru"))
    po.unlink()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert fresh().gettext("complete") == "готово"
    assert run_app_process(locales.parent.parent.parent, frozen=True) == ["GNUTranslations", "False", "готово"]


def test_the_bundle_without_a_catalogue_is_in_english(locales, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert type(fresh()) is gettext.NullTranslations


def test_english_needs_no_catalogue(locales):
    assert type(fresh("ui", "en")) is gettext.NullTranslations
    assert type(fresh("letter", "en")) is gettext.NullTranslations


# -- malformed catalogues ------------------------------------------------------------------------

#: Refused by Babel's reader (abort_invalid) or by gettext reading the result: English at run time.
REFUSED = {
    "msgid without msgstr at end": 'msgid "a"\nmsgstr "b"\n\nmsgid "c"\n',
    "unknown keyword": 'msgid "a"\nmsgstring "b"\n',
    "bare text": 'msgid "a"\nmsgstr "b"\nhello\n',
    "continuation outside an entry": 'msgid "a"\nmsgstr "b"\n# a comment ends the entry\n"floating"\n',
    "merge conflict": 'msgid "a"\nmsgstr "b"\n#-#-#-#-#  ui.po  #-#-#-#-#\n',
    "bad plural expression": None,
}

#: Read by Babel with a guess: refused by the strict compile of the tests, compile and the bundle.
STRICTLY_REFUSED = {
    "two msgids in a row": ('msgid "a"\nmsgid "b"\nmsgstr "c"\n', 1),
    "duplicate message": ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4),
    "unterminated string": ('msgid "a\nmsgstr "b"\n', 1),
    "stray quote": ('msgid "a"b"\nmsgstr "c"\n', 1),
    "unknown escape": ('msgid "a\\q"\nmsgstr "b"\n', 1),
    "two strings on a line": ('msgid "a" "b"\nmsgstr "c"\n', 1),
}


def malformed(name: str) -> str:
    if name == "bad plural expression":
        return HEADER_RU.replace("nplurals=3; plural=(n%10", "nplurals=3; plural=(n%%10") + 'msgid "a"\nmsgstr "b"\n'
    return HEADER_RU + REFUSED[name]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_malformed_catalogue_gives_english_and_a_warning(locales, name, caplog):
    (locales / "ui.po").write_text(malformed(name), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mla_writer.i18n"):
        t = fresh()
    assert type(t) is gettext.NullTranslations
    assert t.gettext("a") == "a" and t.ngettext("file", "files", 2) == "files"
    assert "ui.po" in caplog.text
    assert sorted(p.name for p in locales.iterdir()) == ["ui.po"]
    with pytest.raises(CatalogueError, match="ui.po"):
        compile_po(locales / "ui.po", "ru")


def test_a_malformed_catalogue_never_falls_back_to_its_stale_mo(locales):
    po = locales / "ui.po"
    po.write_text(po_text(a="старое"), encoding="utf-8")
    assert fresh().gettext("a") == "старое"
    po.write_text(malformed("unknown keyword"), encoding="utf-8")
    age(po, 10)
    assert type(fresh()) is gettext.NullTranslations


def test_a_missing_catalogue_gives_english(locales):
    assert type(fresh()) is gettext.NullTranslations


def test_unknown_domain_is_an_error(locales):
    with pytest.raises(ValueError):
        translations("nope", "ru")


@pytest.mark.parametrize("name", sorted(STRICTLY_REFUSED))
def test_strict_compile_refuses_with_the_line(tmp_path, name):
    body, line = STRICTLY_REFUSED[name]
    po = tmp_path / "ui.po"
    po.write_text(HEADER_RU + body, encoding="utf-8")
    with pytest.raises(CatalogueError) as excinfo:
        compile_po(po, "ru", strict=True)
    assert isinstance(excinfo.value, ValueError)
    assert f"line {HEADER_RU.count(chr(10)) + line}:" in str(excinfo.value)


def test_bytes_that_are_not_utf8_are_refused(tmp_path):
    po = tmp_path / "ui.po"
    po.write_bytes(HEADER_RU.encode() + 'msgid "a"\nmsgstr "é"\n'.encode("latin-1"))
    with pytest.raises(CatalogueError):
        compile_po(po, "ru")


# -- what compiling keeps: write_mo(use_fuzzy=False) ------------------------------------------------


def test_fuzzy_entries_are_not_used():
    t = compiled(HEADER_RU + r'''
#: somewhere.py:1
#, fuzzy, python-format
msgid "Fuzzy one"
msgstr "Нечётко"

#, python-format
msgid "Kept"
msgstr "Оставлено"
msgid "One"
msgstr "Один"
#, fuzzy
msgid "Two"
msgstr "Два"
msgid "Three"
msgstr "Три"
''', strict=True)
    assert [t.gettext(m) for m in ("Fuzzy one", "Kept", "One", "Two", "Three")] == [
        "Fuzzy one", "Оставлено", "Один", "Two", "Три"]


PLURAL = r'''
#, python-format
msgid "%(num)s file"
msgid_plural "%(num)s files"
msgstr[0] "%(num)s файл"
msgstr[1] "%(num)s файла"
msgstr[2] "%(num)s файлов"
'''


def test_a_fuzzy_header_still_gives_the_plural_forms():
    t = compiled("#, fuzzy\n" + HEADER_RU + PLURAL, strict=True)
    assert [t.ngettext("%(num)s file", "%(num)s files", n) for n in (1, 2, 5, 21, 22, 111)] == [
        "%(num)s файл", "%(num)s файла", "%(num)s файлов", "%(num)s файл", "%(num)s файла", "%(num)s файлов"]


def test_context_multiline_escapes_obsolete_and_empty_strings():
    t = compiled(HEADER_RU + r'''
msgctxt "menu"
msgid "File"
msgstr "Файл"

msgid "File"
msgstr "Файл без контекста"

msgid ""
"A long message "
"over two lines."
msgstr ""
"Длинное сообщение "
"на двух строках."

msgid "Tab\there, newline\nthere, \"quoted\" and back\\slash"
msgstr "Таб\tздесь, перевод\nтам, \"в кавычках\" и обратная\\черта"

msgid "Untranslated"
msgstr ""

msgid "Partly"
msgid_plural "Partlies"
msgstr[0] "Частично"
msgstr[1] ""
msgstr[2] ""

#~ msgid "Dead"
#~ msgstr "Мёртвое"
''', strict=True)
    assert t.pgettext("menu", "File") == "Файл"
    assert t.gettext("File") == "Файл без контекста"
    assert t.pgettext("other", "File") == "File"
    assert t.gettext("A long message over two lines.") == "Длинное сообщение на двух строках."
    assert t.gettext('Tab\there, newline\nthere, "quoted" and back\\slash') == (
        'Таб\tздесь, перевод\nтам, "в кавычках" и обратная\\черта')
    assert t.gettext("Untranslated") == "Untranslated"
    assert [t.ngettext("Partly", "Partlies", n) for n in (1, 2, 5)] == ["Частично", "Partlies", "Partlies"]
    assert t.gettext("Dead") == "Dead"


# -- compiling every catalogue (scripts/setup-common.sh, scripts/i18n compile, the bundle) -----------


def test_compile_catalogues_finds_every_domain_and_skips_the_fresh(tmp_path):
    for lang, domain in (("fr", "ui"), ("fr", "extra"), ("ru", "letter")):
        folder = tmp_path / lang / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{domain}.po").write_text(po_text(a=f"{lang} {domain}"), encoding="utf-8")
    done, errors = compile_catalogues(tmp_path)
    assert errors == []
    assert sorted(str(mo.relative_to(tmp_path)) for mo, now in done if now) == [
        "fr/LC_MESSAGES/extra.mo", "fr/LC_MESSAGES/ui.mo", "ru/LC_MESSAGES/letter.mo"]
    assert not any(now for _mo, now in compile_catalogues(tmp_path)[0])
    age(tmp_path / "fr/LC_MESSAGES/extra.po", 10)
    assert [mo.name for mo, now in compile_catalogues(tmp_path)[0] if now] == ["extra.mo"]
    assert all(now for _mo, now in compile_catalogues(tmp_path, force=True)[0])
    with (tmp_path / "fr/LC_MESSAGES/extra.mo").open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("a") == "fr extra"


def test_compile_command_reports_a_bad_catalogue_and_compiles_the_others(tmp_path):
    folder = tmp_path / "locales" / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "ui.po").write_text(po_text(a="б"), encoding="utf-8")
    (folder / "letter.po").write_text(HEADER_RU + STRICTLY_REFUSED["duplicate message"][0], encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "mla_writer.i18n", "compile", "--locales", str(tmp_path / "locales"),
                           "--out", str(out)], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 1
    assert "letter.po: line" in proc.stderr and "duplicate message" in proc.stderr
    assert "1 compiled, 0 up to date, 1 failed" in proc.stdout
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == ["ru/LC_MESSAGES/ui.mo"]
    assert sorted(p.name for p in folder.iterdir()) == ["letter.po", "ui.po"]  # sources untouched


def test_check_reports_missing_and_malformed_catalogues(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(i18n, "get_asset", lambda *parts: tmp_path.joinpath(*parts))
    for lang in translated_languages():
        for domain in i18n.DOMAINS:
            folder = tmp_path / "locales" / lang / "LC_MESSAGES"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{domain}.po").write_text(po_text(a="x"), encoding="utf-8")
    assert i18n._main(["check"]) == 0
    lang = translated_languages()[0]
    (tmp_path / "locales" / lang / "LC_MESSAGES" / "letter.po").unlink()
    (tmp_path / "locales" / lang / "LC_MESSAGES" / "ui.po").write_text(HEADER_RU + 'msgid "a"\n', encoding="utf-8")
    capsys.readouterr()
    assert i18n._main(["check"]) == 1
    err = capsys.readouterr().err
    assert f"{lang}/letter.po: missing" in err and f"{lang}/ui.po: malformed" in err
