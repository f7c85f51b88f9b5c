"""A bounded SIGKILL campaign in the suite (issue 12): a process killed while it saves never
leaves the draft or its .bak unreadable, and the temporary files it leaves are swept. The long
run is ``bench/kill_saves.py`` (results in bench/RESULTS.md)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _campaign():
    spec = importlib.util.spec_from_file_location("kill_saves", ROOT / "bench" / "kill_saves.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.campaign


def test_kills_during_saves_lose_nothing(tmp_path):
    problems = []
    counts = _campaign()(8, tmp_path, seed=12, out=problems.append)
    assert problems == []
    assert counts["kills"] == 8 and counts["lost"] == 0
    assert counts["bak_checked"] >= 7  # every round after the first has a .bak to check
    assert counts["temps_after_sweep"] == 0
