#!/usr/bin/env python3
"""SIGKILL campaign: kill a process while it saves a draft, over and over, and check that no
version was lost (issue 12).

    .venv/bin/python bench/kill_saves.py [--kills 400] [--seed N] [--folder DIR]

Each round starts a child process that saves numbered versions of a draft in a loop
(``storage.save``, ~600 kB each so that a kill often lands inside a write), waits until the
first save is on disk, lets it save for a random 0-60 ms more, and kills it with SIGKILL.
Then, as the next start of the application would:

- the draft must load, and be one of the versions the child saved (never empty, never cut);
- its ``.bak``, when there is one, must load too and be an earlier version;
- temporary files left by the kill are counted, then swept as the next save or open sweeps them
  (:func:`storage.sweep_stale_temps`); none may remain.

Prints one line per failure and a summary; exit status 1 if anything was lost. Nothing here is
timed. ``tests/test_kill_saves.py`` runs a bounded campaign in the suite (a few kills); the long
run and its result are in ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from mla_writer import storage
from mla_writer.model import LetterOfRequest
path = sys.argv[2]
letter = LetterOfRequest(drafting_language="en", output_language="en")
n = int(sys.argv[3])
while True:
    n += 1
    letter.facts.summary.set("en", f"version {n}\n" + ("facts " * 100_000))
    letter.place.set("en", f"version {n}")
    storage.save(letter, path)
    print(n, flush=True)
"""


def _version(path: Path) -> int | None:
    """The version number a saved draft holds; None if it does not load (a lost version)."""
    from mla_writer import storage

    try:
        letter = storage.load(path)
    except storage.DraftError:
        return None
    text = letter.place.get("en")
    return int(text.split()[1]) if text.startswith("version ") else 0


def campaign(kills: int, folder: Path, seed: int = 0, out=print) -> dict[str, int]:
    """Run ``kills`` rounds in ``folder``; return the counts (``lost`` must be 0)."""
    from mla_writer import storage

    rng = random.Random(seed)
    draft = folder / "draft.mlar"
    counts = {"kills": 0, "lost": 0, "bak_checked": 0, "temps_left_by_kills": 0, "temps_after_sweep": 0}
    last = 0
    for round_no in range(kills):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(draft), str(last)],
                                 stdout=subprocess.PIPE, text=True)
        first = child.stdout.readline()  # one save completed
        if not first:
            child.wait()
            out(f"round {round_no}: the child failed before its first save")
            counts["lost"] += 1
            continue
        time.sleep(rng.uniform(0, 0.06))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        counts["kills"] += 1
        version = _version(draft)
        if version is None or version <= last:
            out(f"round {round_no}: the draft does not hold a complete version saved in this round ({version})")
            counts["lost"] += 1
        bak = draft.with_name(draft.name + ".bak")
        if bak.exists():
            counts["bak_checked"] += 1
            before = _version(bak)
            if before is None or (version is not None and before >= version):
                out(f"round {round_no}: the .bak is not a complete earlier version ({before} vs {version})")
                counts["lost"] += 1
        temps = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
        counts["temps_left_by_kills"] += len(temps)
        storage.sweep_stale_temps(draft, older_than=0)
        counts["temps_after_sweep"] += sum(1 for p in folder.iterdir() if p.name.endswith(".tmp"))
        last = version or last
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=400)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        counts = campaign(args.kills, folder, args.seed)
    print(json.dumps({"seed": args.seed, **counts}))
    return 1 if counts["lost"] or counts["temps_after_sweep"] else 0


if __name__ == "__main__":
    sys.exit(main())
