"""The case register under load: 10,000 letters; time to list, filter and sort on SQLite and on
PostgreSQL; and the time to rebuild the register from 1,000 draft files.

    .venv/bin/python bench/bench_register.py [--pg-url URL] [--letters 10000] [--files 1000] [--runs 5]

PostgreSQL: ``--pg-url`` or ``MLA_WRITER_TEST_PG_URL`` (a server where a database may be created;
``scripts/postgres-for-tests.sh`` starts a throw-away one). Without it only SQLite is measured.
Each figure is the median of ``--runs`` runs, in milliseconds. "list" reads every card with its
deadlines (already sorted by the earliest deadline) and checks no file (the window also looks
at each path: see "list + files"); "filter" is a State and a kind of assistance together;
"overdue" the next deadline before a date; "sort" the same list sorted again by reference in
Python, as the window's table does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mla_writer.register import Deadline, Entry, Register  # noqa: E402

STATES = ["FR", "DE", "ES", "IT", "MD", "RO", "UA", "US", "BR", "RU", "JP", "NG", "ZA", "AR", "CA"]
KINDS = ["evidence", "service", "search", "freezing", "records", "electronic", "videoconference", "locate"]


def _cards(count: int) -> list[Entry]:
    rnd = random.Random(7)
    base = dt.date(2026, 1, 1)
    out = []
    for i in range(count):
        kinds = tuple(sorted(rnd.sample(KINDS, rnd.randint(1, 4))))
        deadlines = tuple(sorted((Deadline(base + dt.timedelta(days=rnd.randint(0, 900)), "measure", k, n + 1)
                                  for n, k in enumerate(kinds) if rnd.random() < 0.6), key=lambda d: d.due))
        out.append(Entry(path=f"/cases/{i // 100:03d}/case-{i:05d}.mlar", file_name=f"case-{i:05d}.mlar",
                         requesting_reference=f"REF-{i:05d}/2026", requesting_state=rnd.choice(STATES),
                         requested_state=rnd.choice(STATES), kinds=kinds, deadlines=deadlines,
                         changed_at=dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc), changed_by="bench@host",
                         content_hash="0" * 64))
    return out


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(url: str, letters: int, runs: int, journal: Path) -> dict[str, float]:
    reg = Register.open(url, journal=journal, rebuild=False)
    cards = _cards(letters)
    start = time.perf_counter()
    for chunk in range(0, letters, 1000):
        reg.upsert_many(cards[chunk:chunk + 1000])
    fill = (time.perf_counter() - start) * 1000
    assert reg.count() == letters
    out = {"fill (1,000 per transaction)": fill}
    out["one save (one card, one transaction)"] = _median(lambda: reg.upsert(_cards(1)[0]), runs)
    out["list"] = _median(lambda: reg.entries(check_files=False), runs)
    out["list + files"] = _median(lambda: reg.entries(check_files=True), runs)
    out["filter"] = _median(lambda: reg.entries(state="FR", kind="search", check_files=False), runs)
    out["overdue"] = _median(lambda: reg.entries(deadline_before=dt.date(2026, 6, 1), check_files=False), runs)
    cards = reg.entries(check_files=False)
    out["sort"] = _median(lambda: sorted(cards, key=lambda e: e.reference.casefold()), runs)
    reg.close()
    return out


def rebuild_time(url: str, files: int, folder: Path) -> float:
    from mla_writer import storage

    example = storage.load(Path(__file__).resolve().parent.parent / "tests" / "data" / "complete_letter.mlar")
    journal = folder / "known-files.txt"
    with journal.open("w", encoding="utf-8") as f:
        for i in range(files):
            example.references.requesting_reference = f"R-{i:04d}"
            path = folder / f"case-{i:04d}.mlar"
            storage.save(example, path, backup=False)
            f.write(f"+{path}\n")
    start = time.perf_counter()
    reg = Register.open(url, journal=journal)  # a new, empty register: rebuilt from the journal at open
    elapsed = (time.perf_counter() - start) * 1000
    assert reg.created and reg.count() == files, reg.count()
    reg.close()
    return elapsed


def _pg_database(admin_url: str):
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = make_url(admin_url)
    name = "bench_" + uuid.uuid4().hex[:10]
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()

    return admin.set(database=name).render_as_string(hide_password=False), drop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pg-url", default=os.environ.get("MLA_WRITER_TEST_PG_URL"))
    parser.add_argument("--letters", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        backends = [("SQLite", lambda name: ("sqlite:///" + str(tmp / f"{name}.sqlite"), lambda: None))]
        if args.pg_url:
            backends.append(("PostgreSQL", lambda name: _pg_database(args.pg_url)))
        for label, make in backends:
            url, drop = make("load")
            try:
                results[label] = measure(url, args.letters, args.runs, tmp / f"j-{label}.txt")
            finally:
                drop()
            folder = tmp / f"files-{label}"
            folder.mkdir()
            url, drop = make("rebuild")
            try:
                results[label][f"rebuild from {args.files:,} files"] = rebuild_time(url, args.files, folder)
            finally:
                drop()
    names = list(next(iter(results.values())))
    print(f"{args.letters:,} letters; median of {args.runs} runs; milliseconds")
    print(f"| {'':40} | " + " | ".join(f"{b:>10}" for b in results) + " |")
    print(f"|{'-' * 42}|" + "|".join("-" * 12 for _ in results) + "|")
    for name in names:
        print(f"| {name:40} | " + " | ".join(f"{results[b][name]:>10.0f}" for b in results) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
