#!/usr/bin/env python3
"""Benchmark: render the example letter to .docx bytes against a python-docx baseline.

    .venv/bin/python bench/bench_render.py [--runs 15]

Baseline, measured in the same run: python-docx opens the reference document, adds the
same number of paragraphs (with the same texts) and a table of the same size, and saves
to bytes. Printed: the ratio render / baseline (target <= 2.5x) and the HTML preview time
(target <= 20 ms). Nothing is asserted: this prints numbers, the tests check behaviour.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TODAY = dt.date(2026, 11, 22)


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def python_docx_baseline(texts: list[str], rows: int, cols: int):
    """The baseline writer: a function that writes ``texts`` as paragraphs and one table of
    ``rows`` × ``cols`` cells with python-docx on the reference .docx, and returns the bytes."""
    import docx

    from mla_writer.assets import get_asset

    reference = str(get_asset("templates", "reference.docx"))

    def run() -> bytes:
        doc = docx.Document(reference)
        for text in texts:
            doc.add_paragraph(text)
        table = doc.add_table(rows=rows, cols=cols)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                cell.text = f"{r}.{c}"
        buf = io.BytesIO()
        doc.save(buf)
        return buf.getvalue()

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--lang", default="fr")
    args = parser.parse_args()

    from lxml import etree

    from mla_writer import storage
    from mla_writer.render import render_docx, render_html

    letter = storage.load(ROOT / "tests" / "data" / "complete_letter.mlar")

    # warm-up: template compiled, catalogues and CLDR data loaded (as in a running app)
    data = render_docx(letter, args.lang, today=TODAY)
    render_html(letter, args.lang, today=TODAY)

    # what the renderer produced: paragraph texts and the biggest table's shape
    import zipfile

    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).find(W + "body")
    texts = ["".join(t.text or "" for t in p.iter(W + "t")) for p in body.iter(W + "p")]
    tables = body.findall(W + "tbl")
    rows = max((len(t.findall(W + "tr")) for t in tables), default=1)
    cols = max((len(t.find(W + "tblGrid")) for t in tables), default=1)

    baseline = python_docx_baseline(texts, rows, cols)

    baseline()
    base_ms = _median_ms(baseline, args.runs)
    ours_ms = _median_ms(lambda: render_docx(letter, args.lang, today=TODAY), args.runs)
    html_ms = _median_ms(lambda: render_html(letter, args.lang, today=TODAY), args.runs)
    bi_ms = _median_ms(lambda: render_docx(letter, args.lang, bilingual="en", today=TODAY), max(3, args.runs // 3))

    print(f"example letter ({args.lang}): {len(texts)} paragraphs, {len(tables)} tables (largest {rows}x{cols}), "
          f"{len(data) // 1024} KiB")
    print(f"baseline python-docx (open reference, add paragraphs + table, save): {base_ms:7.1f} ms")
    print(f"render_docx:                                                    {ours_ms:7.1f} ms")
    print(f"ratio render / baseline: {ours_ms / base_ms:.2f}x   (target <= 2.5x)")
    print(f"render_html (live preview): {html_ms:.1f} ms   (target <= 20 ms)")
    print(f"render_docx bilingual ({args.lang}+en): {bi_ms:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
