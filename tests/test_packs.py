"""State packs (mla_writer.packs): validation naming entry and field, all-or-nothing import,
merging with provenance, the command line, the letterhead in the rendered letter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mla_writer import packs
from mla_writer.cli import main

EXAMPLE = Path(__file__).parents[1] / "resources" / "state-packs" / "example.toml"

LOCAL = """
[pack]
format = "mla-writer-state-pack"
format_version = 1
id = "north-local"
title = "North district additions"
kind = "local"
extends = "example"

[[profiles]]
state = "FR"
central_authority = { address = "99 Local Street, Exampleville", name = { ru = "Местное название" } }

[[offences]]
id = "poaching"
name = { en = "Poaching" }
provision = { en = "Article 9 of the Example Code" }
max_penalty = { en = "1 year" }
"""

HEAD = '[pack]\nformat = "mla-writer-state-pack"\nformat_version = 1\nid = "p"\ntitle = "t"\n'
STATE = '[requesting_state]\ncode = "MD"\n'


def _write(tmp_path, text, name="pack.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _messages(path, **kw):
    with pytest.raises(packs.PackError) as info:
        packs.validate_file(path, **kw)
    return [str(p) for p in info.value.problems]


def test_example_pack_is_valid_and_complete():
    merged = packs.validate_file(EXAMPLE)
    pack = merged.pack
    assert pack.pack.fictional and "ictional" in pack.pack.title
    assert len(pack.authorities) == 3 and len(pack.offences) == 10 and len(pack.profiles) == 5
    conditions = {r.condition for p in pack.profiles for r in p.languages}
    assert conditions == {"always", "urgent", "reciprocity", "certified_translation"}
    assert all(a.email.endswith("@example.org") for a in pack.authorities)
    assert merged.letterhead is not None and merged.letterhead.name == "example-letterhead.docx"


@pytest.mark.parametrize("body, expected", [
    (HEAD.replace('id = "p"', 'id = "Bad id"') + STATE, "The [pack] table, field \u201cid\u201d: an identifier is"),
    (HEAD + '[requesting_state]\ncode = "IC"\n', "The requesting State, field \u201ccode\u201d: \u201cIC\u201d is not the code of a State"),
    (HEAD, "The requesting State: a national pack must name its requesting State"),
    (HEAD + STATE + '[[offences]]\nid = "o1"\nname = {en = "x"}\nprovision = {}\nmax_penalty = {en = "1"}\n',
     "Offence \u201co1\u201d, field \u201cprovision\u201d: the value must not be empty"),
    (HEAD + STATE + '[[offences]]\nid = "o1"\nname = {en = "x"}\nprovision = {en = "a"}\nmax_penalty = {en = "1"}\ncolour = 3\n',
     "Offence \u201co1\u201d, field \u201ccolour\u201d: this field is unknown"),
    (HEAD + STATE + '[[offences]]\nname = {en = "x"}\nprovision = {en = "a"}\nmax_penalty = {en = "1"}\n',
     "Offence no. 1, field \u201cid\u201d: this field is required"),
    (HEAD + STATE + '[[authorities]]\nid = "a"\nname = {en = "A"}\n[[authorities]]\nid = "a"\nname = {en = "B"}\n',
     "Authority \u201ca\u201d, field \u201cid\u201d: another entry has the same id"),
    (HEAD + STATE + '[[profiles]]\nstate = "FR"\ncentral_authority = {name = {en = "C"}, address = "1 Rue X, Paris"}\n'
     'languages = [{language = "en", condition = "maybe"}]\nsource = "s"\nlast_verified = 2020-01-01\n',
     "Profile of France (FR), field \u201clanguages[1].condition\u201d: the value must be one of"),
    (HEAD + STATE + '[[profiles]]\nstate = "FR"\ncentral_authority = {name = {en = "C"}, address = "1 Rue X, Paris"}\n'
     'languages = [{language = "en"}]\nsource = "s"\nlast_verified = "last year"\n',
     "Profile of France (FR), field \u201clast_verified\u201d: the value must be a date"),
    (HEAD + STATE + '[[profiles]]\nstate = "MD"\ncentral_authority = {name = {en = "C"}, address = "1 Rue X, Paris"}\n'
     'languages = [{language = "en"}]\nsource = "s"\nlast_verified = 2020-01-01\n',
     "Profile of the Republic of Moldova (MD), field \u201cstate\u201d: this is the requesting State of the pack"),
    (HEAD + STATE + '[[profiles]]\nstate = "FR"\ncentral_authority = {name = {en = "C"}, address = "1 Rue X, Paris"}\n'
     'languages = []\nsource = "s"\nlast_verified = 2020-01-01\n',
     "Profile of France (FR), field \u201clanguages\u201d: the value must not be empty"),
    (HEAD + STATE + '[[legal_bases]]\ninstrument = "no-such-treaty"\n', "\u201cno-such-treaty\u201d is not an instrument of the catalogue"),
    ('letterhead = "missing.docx"\n' + HEAD + STATE, "field \u201cletterhead\u201d: the letterhead \u201cmissing.docx\u201d is not beside the pack file"),
    ("[pack\n", "The file is not valid TOML (line 1, column 6)."),
    (HEAD + STATE + '[[profiles]]\nstate = "FR"\ncentral_authority = {name = {en = "C"}, address = "1 Rue X, Paris"}\n'
     'languages = [{language = "en"}, {language = "en", condition = "urgent"}]\nsource = "s"\nlast_verified = 2020-01-01\n'
     '[[profiles]]\nstate = "FR"\ncentral_authority = {name = {en = "C"}, address = "1 Rue X, Paris"}\n'
     'languages = [{language = "fr"}]\nsource = "s"\nlast_verified = 2020-01-01\n',
     "Profile of France (FR), field \u201cstate\u201d: another profile is for the same State"),
    (HEAD + STATE + '[[profiles]]\nstate = "FR"\ncentral_authority = {name = {en = "C"}, address = "1 Rue X, Paris"}\n'
     'languages = [{language = "en"}, {language = "en", condition = "urgent"}]\nsource = "s"\nlast_verified = 2020-01-01\n',
     "Profile of France (FR), field \u201clanguages\u201d: a language is listed twice"),
    (HEAD + STATE + '[[profiles]]\nstate = "FR"\ncentral_authority = {name = {en = "C"}, address = "1 Rue X, Paris"}\n'
     'languages = [{language = "English"}]\nsource = "s"\nlast_verified = 2999-01-01\n',
     "Profile of France (FR), field \u201clanguages[1].language\u201d: the value must be a language code"),
    (HEAD + STATE + '[[profiles]]\nstate = "FR"\ncentral_authority = {name = {en = "C"}, address = "1 Rue X, Paris"}\n'
     'languages = [{language = "en"}]\nsource = "s"\nlast_verified = 2999-01-01\n',
     "Profile of France (FR), field \u201clast_verified\u201d: the date is in the future"),
    (HEAD + STATE + '[[profiles]]\nstate = "FRA"\n', "Profile of FRA, field \u201cstate\u201d: the value must be a two-letter State code"),
    (HEAD + STATE + '[[profiles]]\nstate = "FR"\ncentral_authority = {name = {en = "C"}, address = "1 Rue X, Paris"}\n'
     'languages = [{language = "en"}]\nchannels = ["pigeon"]\nmeans = ["fax"]\nsource = "s"\nlast_verified = 2020-01-01\n'
     'e_signature_required = "yes"\ndocuments = [{measure = "search"}]\n',
     "Profile of France (FR), field \u201cchannels[1]\u201d: the value must be one of"),
    (HEAD.replace('title = "t"', 'title = "t"\nkind = "local"') + STATE,
     "The [pack] table, field \u201cextends\u201d: the national pack \u201cNone\u201d it extends is not installed"),
    (HEAD.replace('title = "t"', 'title = "t"\nextends = "x"') + STATE,
     "The [pack] table, field \u201cextends\u201d: only local additions extend another pack"),
    (HEAD.replace('title = "t"', 'title = "t"\nprofile_max_age_days = 0') + STATE,
     "The [pack] table, field \u201cprofile_max_age_days\u201d: the value is too small"),
    (HEAD + STATE + '[[legal_bases]]\narticles = "3"\n', "Legal basis no. 1: give either an instrument of the catalogue"),
    (HEAD.replace("format_version = 1", "format_version = 2") + STATE,
     "The [pack] table, field \u201cformat_version\u201d: this pack is format version 2; this MLA Writer reads version 1"),
    ('[pack]\nformat = "something-else"\n', "this is not a State pack of MLA Writer"),
])
def test_invalid_pack_names_entry_and_field(tmp_path, body, expected):
    messages = _messages(_write(tmp_path, body))
    assert any(expected in m for m in messages), messages


def test_messages_in_the_ui_language(tmp_path):
    path = _write(tmp_path, HEAD + STATE + '[[offences]]\nid = "o1"\nname = {en = "x"}\nprovision = {}\nmax_penalty = {en = "1"}\n')
    with pytest.raises(packs.PackError) as info:
        packs.validate_file(path)
    ru = info.value.localized("ru")[0]
    assert "o1" in ru and "provision" in ru and "Offence" not in ru


def test_import_is_all_or_nothing(tmp_path):
    packs.install(EXAMPLE)
    before = sorted(p.name for p in packs.packs_dir().rglob("*"))
    bad = tmp_path / "example.toml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace('code = "MD"', 'code = "IC"'), encoding="utf-8")
    shutil.copy(EXAMPLE.parent / "example-letterhead.docx", tmp_path)
    with pytest.raises(packs.PackError):
        packs.install(bad)
    assert sorted(p.name for p in packs.packs_dir().rglob("*")) == before
    assert packs.active().pack.requesting_state.code == "MD"
    assert not [p for p in packs.packs_dir().iterdir() if p.name.startswith(".")]


def test_import_copies_pack_and_letterhead():
    item = packs.install(EXAMPLE)
    assert (item.folder / packs.PACK_FILE).read_bytes() == EXAMPLE.read_bytes()
    assert packs.letterhead() == item.folder / packs.LETTERHEAD_FILE
    assert packs.profile_for("FR").rule("en").condition == "urgent"


def test_local_additions_override_and_keep_provenance(tmp_path):
    packs.install(EXAMPLE)
    local = _write(tmp_path, LOCAL, "local.toml")
    packs.install(local)
    merged = packs.active()
    fr = merged.pack.profile("FR")
    assert fr.central_authority.address == "99 Local Street, Exampleville"  # overridden
    assert fr.central_authority.email == "central-fr@example.org"  # kept from the national pack
    assert fr.central_authority.name["ru"] == "Местное название" and "fictive" in fr.central_authority.name["fr"]
    assert [o.id for o in merged.pack.offences][-1] == "poaching"
    assert merged.origin("profiles.FR.central_authority.address").id == "north-local"
    assert merged.origin("profiles.FR.central_authority.email").id == "example"
    assert merged.origin("profiles.FR.central_authority.name.ru").id == "north-local"
    assert merged.origin("profiles.FR.central_authority.name.fr").id == "example"
    assert merged.origin("offences.poaching.name").kind == "local"
    assert [o.id for o in merged.origins_under("profiles.FR")] == ["example", "north-local"]
    assert [o.id for o in merged.origins_under("profiles.ES")] == ["example"]


def test_local_additions_that_break_the_pack_are_refused(tmp_path):
    packs.install(EXAMPLE)
    local = _write(tmp_path, LOCAL.replace('address = "99 Local Street, Exampleville"', 'address = ""'), "local.toml")
    with pytest.raises(packs.PackError) as info:
        packs.install(local)
    assert any("Profile of France (FR), field \u201ccentral_authority.address\u201d" in str(p) for p in info.value.problems)
    assert [i.id for i in packs.installed()] == ["example"]


def test_local_additions_need_their_national_pack(tmp_path):
    local = _write(tmp_path, LOCAL, "local.toml")
    messages = _messages(local)
    assert any("\u201cexample\u201d it extends is not installed" in m for m in messages)
    assert packs.validate_file(local, base=EXAMPLE).pack.profile("FR") is not None


def test_a_second_national_pack_is_refused(tmp_path):
    packs.install(EXAMPLE)
    other = tmp_path / "other.toml"
    other.write_text(EXAMPLE.read_text(encoding="utf-8").replace('id = "example"', 'id = "other"')
                     .replace('letterhead = "example-letterhead.docx"', ""), encoding="utf-8")
    with pytest.raises(packs.PackError) as info:
        packs.install(other)
    assert "remove it first" in str(info.value)


def test_cli_validate_import_list_export(tmp_path, capsys):
    bad = _write(tmp_path, HEAD + '[requesting_state]\ncode = "IC"\n', "bad.toml")
    assert main(["pack", "validate", str(bad)]) == 2
    assert "The requesting State, field \u201ccode\u201d" in capsys.readouterr().err
    assert main(["pack", "validate", str(EXAMPLE)]) == 0
    assert "valid national pack" in capsys.readouterr().out
    assert main(["pack", "list"]) == 0 and capsys.readouterr().out == ""  # validating installs nothing
    assert main(["pack", "import", str(EXAMPLE)]) == 0
    assert main(["pack", "list"]) == 0
    assert "example  national" in capsys.readouterr().out
    out = tmp_path / "out" / "exported.toml"
    out.parent.mkdir()
    assert main(["pack", "export", "example", str(out)]) == 0
    assert out.read_bytes() == EXAMPLE.read_bytes() and (out.parent / "example-letterhead.docx").is_file()
    assert main(["pack", "export", "nope", str(out)]) == 2
    assert main(["pack", "remove", "example"]) == 0 and packs.active() is None


def test_rendered_letter_uses_the_pack_letterhead(example):
    import io
    import zipfile

    from mla_writer.render import render_docx

    def headers(data):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/header"))

    assert "FICTIONAL EXAMPLE" not in headers(render_docx(example))
    packs.install(EXAMPLE)
    assert "FICTIONAL EXAMPLE" in headers(render_docx(example))


def test_profile_field_types_are_all_named(tmp_path):
    body = (HEAD + STATE + '[[profiles]]\nstate = "FR"\ncentral_authority = {name = {en = "C"}, address = "1 Rue X, Paris"}\n'
            'languages = [{language = "en"}]\nchannels = ["pigeon"]\nmeans = ["fax"]\nsource = "s"\n'
            'last_verified = 2020-01-01\ne_signature_required = "yes"\ndocuments = [{measure = "search"}]\n')
    messages = _messages(_write(tmp_path, body))
    assert any("\u201cmeans[1]\u201d: the value must be one of" in m for m in messages)
    assert any("\u201ce_signature_required\u201d: the value must be true or false" in m for m in messages)
    assert any("\u201cdocuments[1].documents\u201d: this field is required" in m for m in messages)


def test_unreadable_files(tmp_path):
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert any("not a text file in UTF-8" in m for m in _messages(binary))
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (packs.MAX_FILE_BYTES + 1))
    assert any("larger than any State pack" in m for m in _messages(big))
    assert any("cannot be read" in m for m in _messages(tmp_path / "missing.toml"))


def test_local_additions_for_another_national_pack(tmp_path):
    local = _write(tmp_path, LOCAL.replace('extends = "example"', 'extends = "other"'), "local.toml")
    assert any("extend \u201cother\u201d, not \u201cexample\u201d" in m for m in _messages(local, base=EXAMPLE))
