"""Command line: exit codes, reports, one broken point at a time."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mla_writer import __version__, storage
from mla_writer.checklist import POINTS
from mla_writer.cli import main
from mla_writer.model import ml

from .conftest import EXAMPLE, TODAY

ASOF = ["--today", TODAY.isoformat()]

#: One way to break each point, and only that point.
BREAK_ONE_POINT = {
    "identification": lambda L: setattr(L.identification.officer, "name", ""),
    "prior_contact": lambda L: setattr(L.prior_contact, "had_contact", None),
    "other_channels": lambda L: setattr(L.other_channels, "used", None),
    "acknowledgement": lambda L: setattr(L.acknowledgement, "authority", ml()),
    "urgency": lambda L: setattr(L.urgency, "deadline", None),
    "confidentiality": lambda L: setattr(L.confidentiality, "reason", ml()),
    "legal_basis": lambda L: setattr(L, "legal_bases", []),
    "facts": lambda L: setattr(L.facts, "summary", ml()),
    "offences": lambda L: setattr(L.offences[0], "law_excerpt", ml()),
    "assistance": lambda L: setattr(L.assistance[2], "items_sought", ml()),
    "link": lambda L: setattr(L.assistance[4], "relevance", ml()),
    "procedures": lambda L: setattr(L.assistance[0].procedures, "reason", ml()),
    "presence": lambda L: setattr(L.officials_presence, "attendees", []),
    "language": lambda L: setattr(L.language, "accepted_languages", ["ro"]),
}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mla_writer", *args], capture_output=True, text=True, timeout=60)


def test_break_table_covers_the_fourteen_points():
    assert list(BREAK_ONE_POINT) == [p.id for p in POINTS]


def test_complete_example_exits_0():
    proc = run_cli("check", str(EXAMPLE), *ASOF)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "The letter is complete." in proc.stdout
    assert "Summary of the relevant facts" in proc.stdout


@pytest.mark.parametrize("point", POINTS, ids=lambda p: f"{p.number:02d}-{p.id}")
def test_only_the_broken_point_is_reported(point, example, tmp_path, capsys):
    BREAK_ONE_POINT[point.id](example)
    path = tmp_path / "broken.mlar"
    storage.save(example, path)
    code = main(["check", str(path), "--json", *ASOF])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    incomplete = [p for p in report["points"] if p["status"] == "incomplete"]
    assert [(p["number"], p["id"]) for p in incomplete] == [(point.number, point.id)]
    assert incomplete[0]["errors"]
    # the human report names that point too
    assert main(["check", str(path), *ASOF]) == 1
    out = capsys.readouterr().out
    assert f"The letter is incomplete: {point.number}." in out


def test_json_report_in_russian(capsys):
    assert main(["check", str(EXAMPLE), "--json", "--lang", "ru", *ASOF]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["complete"] is True
    assert report["points"][8]["title"] == "Краткое изложение соответствующих фактов"


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b'{"format": "mla-writer-draft", "format_version": 1, "letter": {"urgency": {"urgent": "sometimes"}}}', b"\x89PNG\r\n"],
)
def test_damaged_file_exits_2_with_one_line_and_no_traceback(tmp_path, content):
    path = tmp_path / "damaged.mlar"
    path.write_bytes(content)
    proc = run_cli("check", str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mla-writer: ")
    assert "Traceback" not in proc.stderr


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "absent.mlar")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_bad_arguments_exit_2(capsys):
    assert main(["check"]) == 2
    assert main(["check", str(EXAMPLE), "--lang", "de"]) == 2
    assert main(["check", str(EXAMPLE), "--today", "yesterday"]) == 2


def test_version_and_schema(capsys):
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["format_version"]["maximum"] == storage.FORMAT_VERSION


def test_schema_subprocess_is_valid_json():
    proc = run_cli("schema")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["title"] == "MLA Writer draft"


def test_a_draft_argument_opens_the_application(tmp_path):
    assert main([str(EXAMPLE)]) == -1  # -1: the entry point hands over to the GUI
    assert main([str(tmp_path / "new-case.mlar")]) == -1
    assert main([]) == -1
    assert main(["chek", "x"]) == 2  # a mistyped command is still a usage error


def test_no_display_gives_a_clear_message_not_a_qt_abort():
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, "-m", "mla_writer"], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 2
    assert "no display found" in proc.stderr and "Traceback" not in proc.stderr
