"""Sample letters shipped for trainers: listed, copied out by the CLI, complete, never modified."""

from __future__ import annotations

import pytest

from mla_writer import samples, storage
from mla_writer.checklist import check
from mla_writer.cli import main

from .conftest import TODAY

NAME = "trafficking-fr-md"


def test_the_trafficking_sample_is_shipped():
    assert NAME in samples.sample_names()
    assert samples.sample_path(NAME).parent == samples.samples_dir()


@pytest.mark.parametrize("name", samples.sample_names())
def test_every_sample_loads_and_is_complete(name):
    letter = samples.load_sample(name)
    report = check(letter, "en", today=TODAY)
    assert report.complete, [f"{p.path}: {p.message}" for r in report.incomplete() for p in r.errors]


def test_list(capsys):
    assert main(["sample", "--list"]) == 0
    out = capsys.readouterr().out
    assert NAME in out
    assert "FR \u2192 MD" in out


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
