"""Issue 15 trial fixes (fix15): local additions never take a national pack's place, messages say
what the file is and name the path, texts are never empty nor in unknown languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from mla_writer import packs
from mla_writer.cli import main

EXAMPLE = Path(__file__).parents[1] / "resources" / "state-packs" / "example.toml"

LOCAL = """
[pack]
format = "mla-writer-state-pack"
format_version = 1
id = "{id}"
title = "North office additions"
kind = "local"
extends = "example"

[[offences]]
id = "poaching"
name = {{ en = "Poaching" }}
provision = {{ en = "Article 9 of the Example Code" }}
max_penalty = {{ en = "1 year" }}
"""


def _local(tmp_path, ident):
    path = tmp_path / f"{ident}.toml"
    path.write_text(LOCAL.format(id=ident), encoding="utf-8")
    return path


def test_local_additions_extending_themselves_are_refused(tmp_path, capsys):
    packs.install(EXAMPLE)
    path = _local(tmp_path, "example")
    with pytest.raises(packs.PackError) as info:
        packs.validate_file(path)
    text = " ".join(str(p) for p in info.value.problems)
    assert "cannot extend themselves" in text
    assert main(["pack", "validate", str(path)]) == 2
    assert main(["pack", "import", str(path)]) == 2
    # the national pack is still installed and in use
    assert [(i.id, i.kind) for i in packs.installed()] == [("example", "national")]
    assert packs.active() is not None and len(packs.active().pack.offences) == 10


def test_local_additions_with_the_id_of_a_national_pack_are_refused(tmp_path):
    packs.install(EXAMPLE)
    other = tmp_path / "other.toml"
    other.write_text(EXAMPLE.read_text(encoding="utf-8").replace('id = "example"', 'id = "other"', 1), encoding="utf-8")
    path = tmp_path / "local.toml"  # extends "other", but has the id of the installed national pack
    path.write_text(LOCAL.format(id="example").replace('extends = "example"', 'extends = "other"'), encoding="utf-8")
    with pytest.raises(packs.PackError) as info:
        packs.validate_file(path, base=other)
    assert "the national pack \u201cexample\u201d has this id" in str(info.value)
    assert [(i.id, i.kind) for i in packs.installed()] == [("example", "national")]


def test_validate_says_what_kind_of_file_it_is(tmp_path, capsys):
    packs.install(EXAMPLE)
    path = _local(tmp_path, "north-office")
    assert main(["pack", "validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "valid local additions \u201cnorth-office\u201d extending \u201cexample\u201d" in out
    assert main(["pack", "validate", str(EXAMPLE)]) == 0
    assert "valid national pack \u201cexample\u201d" in capsys.readouterr().out


def test_export_to_a_missing_folder_names_the_path(tmp_path, capsys):
    packs.install(EXAMPLE)
    target = tmp_path / "missing" / "out.toml"
    assert main(["pack", "export", "example", str(target)]) == 2
    assert str(target) in capsys.readouterr().err


def test_reciprocity_reason_names_both_states_when_the_letter_is_of_another_state():
    import datetime as dt

    from mla_writer import checklist
    from mla_writer.model import LetterOfRequest

    packs.install(EXAMPLE)
    letter = LetterOfRequest(requesting_state="RO", requested_state="ES", output_language="en")
    result = checklist.check(letter, "en", today=dt.date(2026, 11, 30)).result("language")
    message = next(p.message for p in result.errors if p.code == "language.condition")
    assert "the letter's requesting State (Romania) is not the State of the installed pack" in message
    assert "Moldova" in message and "does not say that" not in message


def test_germany_names_only_languages_the_application_writes():
    """DE accepts German always and English only with a certified translation: the reason never
    asks for a letter in German (which MLA Writer cannot write) but for a translation into it."""
    import datetime as dt

    from mla_writer import checklist
    from mla_writer.model import LetterOfRequest

    packs.install(EXAMPLE)
    letter = LetterOfRequest(requesting_state="MD", requested_state="DE", output_language="en")
    result = checklist.check(letter, "en", today=dt.date(2026, 11, 30)).result("language")
    message = next(p.message for p in result.errors if p.code == "language.condition")
    assert "produce the letter in German" not in message
    assert "MLA Writer does not write letters in German: attach a certified translation of the letter in German" in message
    letter.output_language = "fr"
    result = checklist.check(letter, "ru", today=dt.date(2026, 11, 30)).result("language")
    message = next(p.message for p in result.errors if p.code == "language.profile_not_accepted")
    assert "на французском языке" in message and "на немецком языке" in message


HEAD = '[pack]\nformat = "mla-writer-state-pack"\nformat_version = 1\nid = "p"\ntitle = "t"\n'
STATE = '[requesting_state]\ncode = "MD"\n'
OFFENCE = ('[[offences]]\nid = "murder"\nname = {names}\nprovision = {{ en = "Art. 1" }}\n'
           'max_penalty = {{ en = "life" }}\n')


def _problems(tmp_path, text, lang="en"):
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(packs.PackError) as info:
        packs.validate_file(path)
    return info.value.localized(lang)


def test_empty_texts_and_unknown_language_codes_are_refused(tmp_path):
    found = _problems(tmp_path, HEAD + STATE + OFFENCE.format(names='{ en = "", xx = "Murder" }'))
    assert any("field \u201cname.en\u201d: the text is empty" in m for m in found), found
    assert any("\u201cxx\u201d is not a language code" in m for m in found), found
    found = _problems(tmp_path, HEAD + '[requesting_state]\ncode = "MD"\naccepts_languages = ["qq"]\n')
    assert any("\u201cqq\u201d is not a language code" in m for m in found), found


def test_letterhead_inside_pack_says_where_it_belongs(tmp_path):
    found = _problems(tmp_path, HEAD + 'letterhead = "x.docx"\n' + STATE)
    assert found == ["The [pack] table, field \u201cletterhead\u201d: this field belongs at the top of the file, before the "
                     "[pack] table (a field written after a [table] heading belongs to that table)"]


def test_wording_of_types_and_choices(tmp_path):
    found = _problems(tmp_path, HEAD.replace('title = "t"', "title = 5") + STATE)
    assert found == ['The [pack] table, field \u201ctitle\u201d: the value must be text in quotes, for example "Article 186"']
    found = _problems(tmp_path, HEAD + STATE + OFFENCE.format(names='"Murder"'))
    assert "for example { en = \"Theft\", fr = \"Vol\" }" in found[0]
    found = _problems(tmp_path, HEAD + 'kind = "regional"\n' + STATE)
    assert found[0].endswith("the value must be one of: \u201cnational\u201d or \u201clocal\u201d")
    assert "\u201cnational\u201d или \u201clocal\u201d" in _problems(tmp_path, HEAD + 'kind = "regional"\n' + STATE, "ru")[0]


def test_no_raw_english_nor_class_names_in_russian(tmp_path):
    bad_docx = tmp_path / "bad.docx"
    bad_docx.write_bytes(b"not a zip")
    cases = [
        'letterhead = "bad.docx"\n' + HEAD + STATE,
        'letterhead = "none.docx"\n' + HEAD + STATE,
        HEAD + STATE + '[[legal_bases]]\ninstrument = "foo"\n',
        HEAD + '[requesting_state]\ncode = "XX"\n',
        HEAD + STATE + ('[[profiles]]\nstate = "ES"\nsource = "s"\nlast_verified = 2999-01-01\n'
                        'languages = [{ language = "es" }]\ncentral_authority = { name = { en = "C" }, address = "A" }\n'),
        "[pack]\nx = = 1\n",
    ]
    for text in cases:
        for message in _problems(tmp_path, text, "ru"):
            assert "Error" not in message and "(KeyError)" not in message
            for english in ("does not exist", "is not an instrument", "in the future", "is not the code", "not valid TOML",
                            "the value", "Profile of", "field"):
                assert english not in message, message
    toml = _problems(tmp_path, "[pack]\nx = = 1\n", "ru")[0]
    assert "строка 2" in toml and "столбец 5" in toml
    assert "Испании (ES)" in _problems(tmp_path, cases[4], "ru")[0]


def test_example_letterhead_is_neutral_and_names_no_other_authority():
    import zipfile

    letterhead = EXAMPLE.parent / "example-letterhead.docx"
    with zipfile.ZipFile(letterhead) as z:
        header = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/header"))
    assert "Prosecution Service" not in header and "not a real authority" not in header
    for mark in ("FICTIONAL EXAMPLE", "EXEMPLE FICTIF", "ВЫМЫШЛЕННЫЙ ПРИМЕР", "EJEMPLO FICTICIO"):
        assert mark in header
    assert "{LETTERHEAD}" in header  # the authority's own name, in the letter's language, comes from the letter


def test_an_e_mail_address_is_never_cut_at_its_hyphens():
    import io
    import zipfile

    import docx

    from mla_writer.model import LetterOfRequest
    from mla_writer.render import render_docx

    letter = LetterOfRequest(requesting_state="MD", requested_state="FR", output_language="ru")
    letter.addressee.email = "central-fr@example.org"
    data = render_docx(letter)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
    assert "central-fr@" not in body and "<w:noBreakHyphen/>" in body
    document = docx.Document(io.BytesIO(data))
    text = "\n".join([p.text for p in document.paragraphs] + [c.text for t in document.tables for c in t._cells])
    assert "central-fr@example.org" in text  # read, copied and searched as written


def test_cli_remove_names_what_it_removed(tmp_path, capsys):
    packs.install(EXAMPLE)
    packs.install(_local(tmp_path, "north-office"))
    capsys.readouterr()
    assert main(["pack", "remove", "example"]) == 0
    out = capsys.readouterr().out
    assert "removed national pack \u201cexample\u201d" in out and "removed local additions \u201cnorth-office\u201d" in out
    assert packs.installed() == []
