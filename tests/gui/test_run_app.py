"""``scripts/run-app`` installs once, then launches directly and offline (issue 11: it
reinstalled the project on every launch, about 5 s, and failed without a network)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
RUN_APP = ROOT / "scripts" / "run-app"
STAMP = ".mla-writer-install-stamp"


def _can_unshare() -> bool:
    return bool(shutil.which("unshare")) and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


def _offline(cmd: list[str]) -> list[str]:
    """``cmd`` in a network namespace of its own (no network at all) where that works."""
    if _can_unshare():
        return ["unshare", "-n", *cmd]
    return cmd  # pip is still pointed at an index that cannot answer (below)


def test_the_offline_launch_really_has_no_network():
    """Where ``unshare -n`` works (root, or user namespaces), nothing can be reached from inside;
    elsewhere pip's index is an address that cannot answer (``NO_INDEX``)."""
    probe = "import socket\ntry:\n    socket.create_connection(('1.1.1.1', 53), 3)\nexcept OSError:\n    print('no network')"
    if _can_unshare():
        out = subprocess.run(_offline([sys.executable, "-c", probe]), capture_output=True, text=True, timeout=60)
        assert out.stdout.strip() == "no network", out.stdout + out.stderr
    else:
        out = subprocess.run([sys.executable, "-c", probe.replace("'1.1.1.1', 53", "'127.0.0.1', 9")],
                             capture_output=True, text=True, timeout=60)
        assert out.stdout.strip() == "no network"  # the index URL below cannot answer
        assert NO_INDEX["PIP_INDEX_URL"].startswith("http://127.0.0.1:9/")


NO_INDEX = {"PIP_NO_INDEX": "1", "PIP_INDEX_URL": "http://127.0.0.1:9/simple", "PIP_FIND_LINKS": ""}


def test_the_second_launch_works_offline_and_shows_the_window(tmp_path):
    venv = Path(sys.prefix)  # the project's .venv (scripts/test made it), as a user's first launch leaves it
    env = {**os.environ, "MLA_WRITER_VENV": str(venv), "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    first = subprocess.run(["bash", str(RUN_APP), "--version"], env=env, capture_output=True, text=True,
                           timeout=900, cwd=tmp_path)
    assert first.returncode == 0, (first.stdout + first.stderr)[-4000:]
    assert (venv / STAMP).is_file()
    second = subprocess.run(_offline(["bash", str(RUN_APP), "--smoke-test"]), env={**env, **NO_INDEX},
                            capture_output=True, text=True, timeout=300, cwd=tmp_path)
    output = second.stdout + second.stderr
    assert second.returncode == 0, output[-4000:]
    assert "Installing" not in output
    assert "smoke: main window ok" in output and "smoke: ok" in output


def _fake_venv(folder: Path) -> Path:
    """A stand-in environment whose python and mla-writer only note how they were called."""
    bin_ = folder / "bin"
    bin_.mkdir(parents=True)
    calls = folder / "calls"
    for name, line in (("python", f'echo "python $*" >> {calls}'), ("mla-writer", f'echo "launched $*" | tee -a {calls}')):
        script = bin_ / name
        script.write_text(f"#!/bin/sh\n{line}\nexit 0\n")
        script.chmod(0o755)
    return calls


def test_the_project_is_installed_again_only_when_its_requirements_changed(tmp_path):
    real_stamp = Path(sys.prefix) / STAMP
    if not real_stamp.is_file():  # made by the first launch (the test above, or the user's)
        test_the_second_launch_works_offline_and_shows_the_window(tmp_path / "first")
    venv = tmp_path / "venv"
    calls = _fake_venv(venv)
    env = {**os.environ, "MLA_WRITER_VENV": str(venv), **NO_INDEX}

    def launch() -> list[str]:
        calls.write_text("")
        proc = subprocess.run(["bash", str(RUN_APP), "--version"], env=env, capture_output=True, text=True,
                              timeout=120, cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return calls.read_text().splitlines()

    # Nothing installed yet (no stamp): pip installs the project, the stamp is written.
    made = launch()
    assert any(line.startswith("python -m pip install") and str(ROOT) in line for line in made), made
    assert made[-1] == "launched --version"
    assert (venv / STAMP).read_text() == real_stamp.read_text()
    # Unchanged: straight to the application (catalogues compiled offline), no pip.
    again = launch()
    assert not any("pip" in line for line in again), again
    assert again[-1] == "launched --version"
    # Nothing changed since the last launch (no system package, no catalogue): the packages are
    # not queried and the catalogues not compiled again (about 0.6 s of every launch).
    checked = venv / ".mla-writer-launch-checked"
    assert checked.is_file()
    spy = tmp_path / "spy"
    spy.mkdir()
    queries = tmp_path / "queries"
    real_query = shutil.which("dpkg-query")
    (spy / "dpkg-query").write_text(f'#!/bin/sh\necho "$*" >> {queries}\n'
                                    + (f'exec {real_query} "$@"\n' if real_query else "exit 1\n"))
    (spy / "dpkg-query").chmod(0o755)
    env["PATH"] = f"{spy}:{os.environ['PATH']}"
    quiet = launch()
    assert quiet == ["launched --version"], quiet
    assert not queries.exists()
    # A catalogue newer than that launch (a pull): compiled again.
    os.utime(checked, (1_000_000_000, 1_000_000_000))
    assert any("mla_writer.i18n compile" in line for line in launch())
    # pyproject.toml changed since (the stamp no longer matches): installed again.
    (venv / STAMP).write_text("made from an older pyproject.toml\n")
    assert any(line.startswith("python -m pip install") for line in launch())
