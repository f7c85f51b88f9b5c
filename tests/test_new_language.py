"""A new language needs only its registry entry and its catalogues (docs/adding-a-language.md).

The test builds a copy of the data folders with catalogues for a fifth language (German, with
every msgid "translated" as ``«de» msgid`` so that its use is visible), registers the language
with one :class:`~mla_writer.languages.LanguageDef`, and checks, in a fresh interpreter, that
the model, the checker, the letter and the command line all take it — without any other change.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).parents[1]
MARK = "\u00abde\u00bb "


def _fake_catalogues(data: Path) -> None:
    for domain in ("ui", "letter"):
        with (ROOT / "locales" / f"{domain}.pot").open("rb") as fh:
            catalog = read_po(fh, locale="de", domain=domain)
        for message in catalog:
            if not message.id:
                continue
            if isinstance(message.id, (list, tuple)):
                message.string = tuple(MARK + message.id[min(i, 1)] for i in range(2))
            else:
                message.string = MARK + message.id
        folder = data / "locales" / "de" / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / f"{domain}.po").open("wb") as fh:
            write_po(fh, catalog)


SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from mla_writer import assets, languages
    assets.data_root.cache_clear()
    assets.data_root = lambda: Path(sys.argv[1])          # the copy with the German catalogues
    languages.register(languages.LanguageDef("de", "Deutsch", "de_DE"))   # the one registry entry

    from mla_writer import storage
    from mla_writer.checklist import check
    from mla_writer.model import MLText
    from mla_writer.render import render_docx, render_html
    out = {}
    letter = storage.load(sys.argv[2])
    letter.facts.summary = MLText.model_validate({**letter.facts.summary.root, "de": "Sachverhalt auf Deutsch."})
    letter.output_language = "de"
    report = check(letter, "de", None)
    out["point_title"] = report.results[1].point.label("de")
    out["untranslated"] = [p.message for p in report.problems() if p.code == "language.untranslated"][:2]
    html = render_html(letter, "de")
    out["html_has_fixed_text"] = "\u00abde\u00bb" in html
    out["html_has_german_text"] = "Sachverhalt auf Deutsch." in html
    out["docx_bytes"] = len(render_docx(letter, "de"))
    from mla_writer import cli
    out["cli_choices"] = cli.LANGUAGES
    print(json.dumps(out, ensure_ascii=False))
    """
)


def test_a_fifth_language_needs_only_its_registry_entry_and_catalogues(tmp_path):
    data = tmp_path / "data"
    for folder in ("templates", "resources"):
        shutil.copytree(ROOT / folder, data / folder)
    shutil.copytree(ROOT / "locales", data / "locales", ignore=shutil.ignore_patterns("*.mo"))
    _fake_catalogues(data)
    script = tmp_path / "run.py"
    script.write_text(SCRIPT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(data), str(ROOT / "tests" / "data" / "complete_letter.mlar")],
        capture_output=True, text=True, timeout=240, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["point_title"] == MARK + "Identification"
    # the checker reports, in the new language, the texts not yet written in it
    assert out["untranslated"] and all(m.startswith(MARK) for m in out["untranslated"])
    assert out["html_has_fixed_text"] and out["html_has_german_text"]
    assert out["docx_bytes"] > 10_000
    assert "de" in out["cli_choices"]


def test_one_date_formatter_for_the_window_and_the_calendar():
    """The window's date fields and the register's calendar write a date the same way, through
    languages.short_date: the language's order and separator, two-digit day and month."""
    import datetime as dt

    from mla_writer import languages
    from mla_writer.register.calendar import short_date

    day = dt.date(2027, 1, 5)
    assert languages.short_date(day, "en") == "05/01/2027"
    assert languages.short_date(day, "ru") == "05.01.2027"
    assert languages.short_date(dt.datetime(2027, 1, 5, 9, 7), "ru", with_time=True) == "05.01.2027 09:07"
    assert languages.short_date(day, "fr", with_time=True) == "05/01/2027 00:00"
    assert languages.short_date(None, "en") == ""
    assert languages.date_order("xx-unknown") == ("dmy", ".")
    for code in ("en", "fr", "ru", "es"):
        assert short_date(day, code) == languages.short_date(day, code)
