"""The checklist on the large case (issue 12, item 6): medians in milliseconds, as JSON, of

- ``check 1x`` / ``check 4x``: :func:`mla_writer.checklist.check` on bench/run_all.py's
  ``large_case(1)`` and ``large_case(4)`` (the memo of texts warm, as in the wizard);
- ``edit+check 1x`` / ``4x``: one character added to the summary of facts, then the check (what
  the wizard does after a pause in typing);
- ``incomplete_in_languages sample`` (the preview's "incomplete" banner) and ``check sample``.

    cd <a tree> && .venv/bin/python bench/bench_check.py [runs]      (CPU=1: process time, not wall time)

It imports ``mla_writer`` from the current directory: run it from two trees alternately to
compare them (bench/RESULTS.md).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

sys.path.insert(0, "bench")
sys.path.insert(0, ".")

from run_all import ROOT, TODAY, large_case  # noqa: E402

from mla_writer import storage  # noqa: E402
from mla_writer.checklist import check, incomplete_in_languages  # noqa: E402

CLOCK = time.process_time if os.environ.get("CPU") else time.perf_counter


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = CLOCK()
        fn()
        times.append((CLOCK() - start) * 1000)
    return statistics.median(times)


def main(runs: int) -> dict[str, float]:
    out: dict[str, float] = {}
    for scale in (1, 4):
        letter = large_case(scale)
        lang = letter.output_language
        check(letter, lang, today=TODAY)
        out[f"check {scale}x"] = median_ms(lambda: check(letter, lang, today=TODAY), runs)
        drafting = letter.drafting_language
        summary = letter.facts.summary.get(drafting)
        edits = [0]

        def edit_and_check() -> None:
            edits[0] += 1
            letter.facts.summary.set(drafting, summary + "x" * edits[0])
            check(letter, lang, today=TODAY)

        out[f"edit+check {scale}x"] = median_ms(edit_and_check, runs)
    sample = storage.load(ROOT / "tests" / "data" / "complete_letter.mlar")
    langs = [sample.output_language]
    incomplete_in_languages(sample, langs, today=TODAY)
    out["incomplete_in_languages sample"] = median_ms(lambda: incomplete_in_languages(sample, langs, today=TODAY), runs * 3)
    out["check sample"] = median_ms(lambda: check(sample, "en", today=TODAY), runs * 3)
    return out


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 9)))
