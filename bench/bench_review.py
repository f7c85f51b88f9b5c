"""Issue 13: the size and load time of a draft of the large case with 20 kept versions.

Each round submits the large case (a snapshot, the letter having changed since the last one),
comments on it and returns it (no snapshot: the letter is unchanged), then changes two fields:
twenty rounds keep 20 versions. Prints the file size without and with
the versions, and the time to load the draft, to verify its history and to restore one version.
Run: .venv/bin/python bench/bench_review.py
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    from mla_writer import review, storage

    spec = importlib.util.spec_from_file_location("run_all", ROOT / "bench" / "run_all.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    letter = module.large_case(1)
    actor = review.Actor("Anna Popescu", "Head of the central authority")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.mlar"
        storage.save(letter, path, backup=False)
        plain = path.stat().st_size
        t = time.perf_counter()
        storage.load(path)
        plain_load = time.perf_counter() - t
        for i in range(20):  # 20 submissions of a changed letter: 20 versions (an unchanged return keeps none)
            review.set_status(letter, "submitted", actor)
            review.add_comment(letter, "urgency.deadline", f"Round {i}: check the deadline.", actor)
            review.set_status(letter, "returned", actor)
            letter.urgency.deadline = dt.date(2027, 1, 1) + dt.timedelta(days=i)
            letter.persons[i].notes.set(letter.drafting_language, f"Changed in round {i}.")
        storage.save(letter, path, backup=False)
        size = path.stat().st_size
        t = time.perf_counter()
        loaded = storage.load(path)
        load = time.perf_counter() - t
        t = time.perf_counter()
        problems = review.verify(loaded.review)
        verify = time.perf_counter() - t
        t = time.perf_counter()
        old = review.version_letter(loaded, 1)
        restore = time.perf_counter() - t
        t = time.perf_counter()
        changes = review.diff(old, loaded, "en")
        took_diff = time.perf_counter() - t
    kept = review.versions(loaded.review)
    snap = sum(len(v.event.snapshot) for v in kept)
    print(f"versions kept: {len(kept)}; chain intact: {not problems}")
    print(f"file without versions: {plain / 1e6:.2f} MB, load {plain_load * 1000:.0f} ms")
    print(f"file with 20 versions: {size / 1e6:.2f} MB (snapshots {snap / 1e6:.2f} MB, "
          f"{snap / len(kept) / 1e3:.0f} kB each), load {load * 1000:.0f} ms")
    print(f"verify the chain: {verify * 1000:.0f} ms; restore version 1: {restore * 1000:.0f} ms; "
          f"diff version 1 -> now ({len(changes)} changes): {took_diff * 1000:.0f} ms")


if __name__ == "__main__":
    main()
