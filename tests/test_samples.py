"""Sample letters shipped for trainers: declared in an index, listed in the UI language, copied
out by the CLI, complete (all but the deliberately flawed one), never modified."""

from __future__ import annotations

import json

import pytest

from mla_writer import samples, storage
from mla_writer.checklist import check
from mla_writer.cli import main
from mla_writer.languages import environment_language, languages

from .conftest import TODAY

NAME = "trafficking-fr-md"


def test_the_trafficking_sample_is_shipped():
    assert NAME in samples.sample_names()
    assert samples.sample_path(NAME).parent == samples.samples_dir()


@pytest.mark.parametrize("name", samples.complete_sample_names())
def test_every_sample_loads_and_is_complete(name):
    letter = samples.load_sample(name)
    report = check(letter, "en", today=TODAY)
    assert report.complete, [f"{p.path}: {p.message}" for r in report.incomplete() for p in r.errors]


@pytest.mark.parametrize("name", samples.sample_names())
def test_every_sample_loads(name):
    assert samples.load_sample(name).requested_state


# -- the index: a title and a summary per UI language, the flawed sample marked ------------------


def test_the_index_declares_every_sample_file_in_every_language():
    declared = samples.index()
    assert sorted(declared) == samples.sample_names()
    assert list(declared)[0] == samples.DEFAULT_SAMPLE and list(declared)[-1] == "flawed-fraud-it-ar"  # the index's order
    for info in declared.values():
        for lang in languages():
            assert info.title_in(lang) and info.summary_in(lang)
        assert len(set(info.title.values())) > 1, f"{info.name}: the title is not translated"
        assert len(set(info.summary.values())) > 1, f"{info.name}: the summary is not translated"
    assert declared[NAME].title_in("fr").startswith("Traite")


def test_one_sample_is_flawed_and_not_among_the_complete_ones():
    flawed = samples.flawed_sample_names()
    assert flawed == ["flawed-fraud-it-ar"]
    assert samples.sample_info("flawed-fraud-it-ar.mlar").flawed
    assert set(samples.complete_sample_names()) == set(samples.sample_names()) - set(flawed)
    assert not check(samples.load_sample(flawed[0]), "en", today=TODAY).complete


def _index(**entries):
    title = {lang: f"Title {lang}" for lang in languages()}
    summary = {lang: f"Summary {lang}" for lang in languages()}
    data = {"format": "mla-writer-samples", "format_version": 1,
            "samples": {"a": {"title": title, "summary": summary}}}
    data["samples"].update(entries)
    return data


def test_parse_index_reads_titles_summaries_and_the_flag():
    data = _index(b={"title": {lang: "B" for lang in languages()}, "summary": {lang: "S" for lang in languages()},
                     "flawed": True})
    parsed = samples.parse_index(data, ["a", "b"])
    assert parsed["a"].title_in("ru") == "Title ru" and not parsed["a"].flawed
    assert parsed["b"].flawed


@pytest.mark.parametrize("change, names, message", [
    (lambda d: d["samples"].pop("a"), ["a"], "no entry for a"),
    (lambda d: None, ["a", "b"], "no entry for b"),
    (lambda d: None, [], "no sample file a.mlar"),
    (lambda d: d["samples"]["a"]["title"].pop("ru"), ["a"], "a: title: no text in ru"),
    (lambda d: d["samples"]["a"]["summary"].update(es="  "), ["a"], "a: summary: no text in es"),
    (lambda d: d["samples"]["a"]["summary"].update(fr="one\ntwo"), ["a"], "a: summary: must be one line"),
    (lambda d: d["samples"]["a"].update(flawed="yes"), ["a"], "\"flawed\" must be true or false"),
    (lambda d: d["samples"]["a"].update(colour="red"), ["a"], "unknown key colour"),
    (lambda d: d.update(format="other"), ["a"], "not a sample index"),
    (lambda d: d.update(format_version=2), ["a"], "format version 2"),
])
def test_a_bad_index_is_refused_naming_the_problem(change, names, message):
    data = _index()
    change(data)
    with pytest.raises(samples.SampleIndexError, match=message.replace("(", r"\(")):
        samples.parse_index(data, names)


def test_a_broken_index_makes_the_list_fail_with_one_line(tmp_path, monkeypatch, capsys):
    (tmp_path / "x.mlar").write_bytes(samples.sample_path(NAME).read_bytes())
    (tmp_path / "index.json").write_text(json.dumps(_index()), encoding="utf-8")
    monkeypatch.setattr(samples, "samples_dir", lambda: tmp_path)
    samples.index.cache_clear()
    try:
        assert main(["sample", "--list"]) == 2
    finally:
        samples.index.cache_clear()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no entry for x" in err


# -- the list ------------------------------------------------------------------------------------


def test_list(capsys):
    assert main(["sample", "--list", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    for name in samples.sample_names():
        info = samples.sample_info(name)
        assert f"{name}\n    {info.title_in('en')}\n    {info.summary_in('en')}\n" in out
    assert [line for line in out.splitlines() if not line.startswith(" ")] == list(samples.index())
    assert "Trafficking for sexual exploitation (France to Moldova)" in out


@pytest.mark.parametrize("lang", ["fr", "ru", "es"])
def test_list_in_the_language_asked_for(capsys, lang):
    assert main(["sample", "--list", "--lang", lang]) == 0
    out = capsys.readouterr().out
    for name in samples.sample_names():
        info = samples.sample_info(name)
        assert info.title_in(lang) in out and info.summary_in(lang) in out
        assert info.title_in("en") not in out


def test_list_in_the_language_of_the_environment(capsys, monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert main(["sample", "--list"]) == 0
    assert samples.sample_info(NAME).title_in("ru") in capsys.readouterr().out


@pytest.mark.parametrize("env, lang", [
    ({}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "fr_CH.UTF-8"}, "fr"),
    ({"LANG": "fr_FR.UTF-8", "LC_ALL": "es_ES.UTF-8"}, "es"),
    ({"LANGUAGE": "de:ru", "LANG": "fr_FR"}, "ru"),
    ({"LANGUAGE": "de", "LANG": "fr_FR"}, "fr"),
    ({"LC_MESSAGES": "ru_RU@euro", "LANG": "es_ES"}, "ru"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
])
def test_environment_language(env, lang):
    assert environment_language(env) == lang


def test_writes_a_copy_that_loads_as_the_sample(tmp_path, capsys):
    out = tmp_path / "demo.mlar"
    assert main(["sample", NAME, "-o", str(out)]) == 0
    assert storage.load(out) == samples.load_sample(NAME)
    assert str(out) in capsys.readouterr().out


def test_name_with_extension_is_accepted(tmp_path):
    assert main(["sample", f"{NAME}.mlar", "-o", str(tmp_path / "a.mlar")]) == 0


def test_refuses_to_replace_a_file_without_force(tmp_path, capsys):
    out = tmp_path / "mine.mlar"
    out.write_text("my own work", encoding="utf-8")
    assert main(["sample", NAME, "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "my own work"
    assert main(["sample", NAME, "-o", str(out), "--force"]) == 0
    assert (tmp_path / "mine.mlar.bak").read_text(encoding="utf-8") == "my own work"


@pytest.mark.parametrize("name", ["nope", "../tests/data/complete_letter", "/etc/passwd"])
def test_unknown_sample_is_refused_naming_the_samples(tmp_path, capsys, name):
    assert main(["sample", name, "-o", str(tmp_path / "x.mlar")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and NAME in err
    assert not (tmp_path / "x.mlar").exists()


def test_missing_output_or_name(capsys):
    assert main(["sample", NAME]) == 2
    assert "-o" in capsys.readouterr().err
    assert main(["sample"]) == 2
    assert NAME in capsys.readouterr().out  # the list, to choose from
