"""The one-folder application: scripts/build-bundle builds it (once per test session, in a
temporary folder), it fits the budget, its smoke test passes, it carries only the data it
should, and the letters it exports have the same paragraphs as the checkout's.

Slow (about a minute on two cores) but it runs in CI like every other test.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from mla_writer.model import LANGUAGES
from mla_writer.render import render_docx
from mla_writer.samples import load_sample
from mla_writer.smoke import SAMPLE, docx_paragraph_texts

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
BUDGET_MB = 180
RUN_ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


@dataclass
class Bundle:
    folder: Path
    exe: Path
    build_log: str

    @property
    def internal(self) -> Path:
        return self.folder / "_internal"

    def run(self, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.exe), *args], capture_output=True, text=True, timeout=timeout, env=RUN_ENV)


# -- the smoke test itself, in the checkout -------------------------------------------------------


def test_smoke_test_passes_in_the_checkout():
    proc = subprocess.run([sys.executable, "-m", "mla_writer", "--smoke-test", "--today", TODAY.isoformat()],
                          capture_output=True, text=True, timeout=300, env=RUN_ENV, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "(checkout," in proc.stdout and proc.stdout.rstrip().splitlines()[-1].startswith("smoke: ok")
    assert len(re.findall(r"^smoke: letter (en|fr|ru|es): \d+ paragraphs", proc.stdout, re.M)) == 4


def test_smoke_test_failure_is_one_line_and_exit_1(monkeypatch, capsys):
    from mla_writer import smoke

    def broken() -> int:
        raise smoke.SmokeFailure("cannot import docx: No module named 'docx'")

    monkeypatch.setattr(smoke, "check_imports", broken)
    assert smoke.main([]) == 1
    err = capsys.readouterr().err
    assert err == "mla-writer --smoke-test: FAILED: cannot import docx: No module named 'docx'\n"


def test_smoke_test_names_a_missing_sample(monkeypatch, tmp_path):
    from mla_writer import smoke

    monkeypatch.setattr(smoke, "SAMPLE", "no-such-sample")
    with pytest.raises(smoke.SmokeFailure, match="no-such-sample"):
        smoke.render_sample(tmp_path, TODAY)


# -- the bundle -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Bundle:
    """Build with the README's script, as a developer would (the venv is the one running us)."""
    work = tmp_path_factory.mktemp("bundle")
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build-bundle"), "--no-venv",
         "--dist", str(work / "dist"), "--work", str(work / "build")],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
        env={**RUN_ENV, "MLA_WRITER_VENV": sys.prefix},
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"scripts/build-bundle failed:\n{log[-6000:]}"
    folder = work / "dist" / "mla-writer"
    # Windows and macOS: the windowed program has no stdout; its console twin is beside it.
    exe = folder / {"win32": "mla-writer-console.exe", "darwin": "mla-writer-console"}.get(sys.platform, "mla-writer")
    assert exe.is_file()
    return Bundle(folder, exe, log)


def test_build_script_reports_size_within_budget_and_runs_the_smoke_test(bundle):
    sizes = re.findall(r"^Bundle: .*?([\d.]+) MB in (\d+) files", bundle.build_log, re.M)
    assert sizes, bundle.build_log[-3000:]
    size_mb = float(sizes[-1][0])
    on_disk = sum(p.lstat().st_size for p in bundle.folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    assert abs(size_mb - on_disk) < 1.0
    assert size_mb <= BUDGET_MB
    assert "smoke: ok" in bundle.build_log


def test_smoke_test_passes_in_the_bundle(bundle):
    proc = bundle.run("--smoke-test")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "(bundle," in proc.stdout
    for lang in LANGUAGES:
        assert re.search(rf"^smoke: letter {lang}: \d+ paragraphs, sha256 [0-9a-f]{{16}}$", proc.stdout, re.M)
    assert re.search(r"^smoke: main window ok \(platform offscreen", proc.stdout, re.M)


def test_letters_exported_by_the_bundle_have_the_checkouts_paragraphs(bundle, tmp_path):
    proc = bundle.run("--smoke-test", "--out", str(tmp_path), "--today", TODAY.isoformat())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    letter = load_sample(SAMPLE)
    for lang in LANGUAGES:
        from_bundle = docx_paragraph_texts(tmp_path / f"{SAMPLE}-{lang}.docx")
        mine = tmp_path / f"checkout-{lang}.docx"
        mine.write_bytes(render_docx(letter, lang=lang, today=TODAY))
        from_checkout = docx_paragraph_texts(mine)
        assert len(from_bundle) > 20
        assert from_bundle == from_checkout, lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_render_command_of_the_bundle_writes_the_checkouts_letter(bundle, tmp_path, lang):
    from mla_writer.samples import sample_path

    out = tmp_path / f"bundle-{lang}.docx"
    proc = bundle.run("render", str(sample_path(SAMPLE)), "-o", str(out), "--lang", lang, "--today", TODAY.isoformat())
    assert proc.returncode == 0, proc.stderr
    mine = tmp_path / f"checkout-{lang}.docx"
    mine.write_bytes(render_docx(load_sample(SAMPLE), lang=lang, today=TODAY))
    assert docx_paragraph_texts(out) == docx_paragraph_texts(mine)


def test_command_line_works_in_the_bundle(bundle, tmp_path):
    version = bundle.run("--version")
    assert version.returncode == 0 and "MLA Writer" in version.stdout
    out = tmp_path / "demo.mlar"
    copy = bundle.run("sample", SAMPLE, "-o", str(out))
    assert copy.returncode == 0, copy.stderr
    from mla_writer import storage

    assert storage.load(out) == load_sample(SAMPLE)
    report = bundle.run("check", str(out), "--lang", "ru", "--today", TODAY.isoformat())
    assert report.returncode == 0, report.stdout + report.stderr
    broken = tmp_path / "broken.mlar"
    broken.write_text("{not json", encoding="utf-8")
    refused = bundle.run("check", str(broken))
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1


def _names(folder: Path, pattern: str = "*") -> set[str]:
    return {p.name for p in folder.glob(pattern)}


#: Platform plugins the bundle carries: the desktop's own and offscreen (smoke test, CI).
PLATFORM_PLUGINS = {
    "linux": {"libqxcb.so", "libqoffscreen.so"},
    "win32": {"qwindows.dll", "qoffscreen.dll"},
    "darwin": {"libqcocoa.dylib", "libqoffscreen.dylib"},
}


def test_bundle_carries_only_what_runs(bundle):
    internal = bundle.internal
    # the application's data, catalogues compiled
    assert (internal / "templates" / "reference.docx").is_file()
    assert (internal / "resources" / "instruments.json").is_file()
    assert (internal / "resources" / "samples" / f"{SAMPLE}.mlar").is_file()
    assert {f"{lang}/guide.html" for lang in LANGUAGES} <= {
        str(p.relative_to(internal / "resources" / "help")) for p in (internal / "resources" / "help").rglob("*.html")}
    assert all((internal / "resources" / "guidance" / f"{lang}.json").is_file() for lang in LANGUAGES)  # the panel's guidance
    # the spelling dictionaries of the four languages, where mla_writer.spelling looks first
    from mla_writer.spelling import dictionary_tag

    assert _names(internal / "dictionaries" / "hunspell") == {
        f"{dictionary_tag(lang)}{suffix}" for lang in LANGUAGES for suffix in (".aff", ".dic")}
    catalogues = {str(p.relative_to(internal / "locales")) for p in (internal / "locales").rglob("*") if p.is_file()}
    assert catalogues and all(name.endswith(".mo") for name in catalogues), catalogues
    assert {f"{lang}/LC_MESSAGES/{domain}.mo" for lang in ("fr", "ru", "es") for domain in ("ui", "letter")} <= catalogues
    # Babel: root and the four languages (with their regional variants) only
    cldr = {name.removesuffix(".dat") for name in _names(internal / "babel" / "locale-data", "*.dat")}
    assert {"root", "en", "fr", "ru", "es"} <= cldr
    assert all(n == "root" or n.split("_")[0] in LANGUAGES for n in cldr), sorted(cldr)
    assert len(cldr) < 250  # of ~1000
    # Qt: its own translations for our languages, the desktop and offscreen platforms
    qt = internal / "PySide6" / "Qt"
    if not qt.is_dir():  # Windows: PySide6/plugins, PySide6/translations, PySide6/Qt6*.dll
        qt = internal / "PySide6"
    assert _names(qt / "translations") <= {f"qtbase_{lang}.qm" for lang in LANGUAGES}
    assert {"qtbase_fr.qm", "qtbase_ru.qm", "qtbase_es.qm"} <= _names(qt / "translations")
    platform = next(k for k in PLATFORM_PLUGINS if sys.platform.startswith(k))
    assert _names(qt / "plugins" / "platforms") == PLATFORM_PLUGINS[platform]
    assert not (qt / "plugins" / "imageformats").exists() and not (qt / "qml").exists()
    libs = {p.name for p in internal.rglob("*Qt6*")}
    assert any("Qt6Widgets" in name for name in libs)
    for unused in ("Network", "Qml", "Quick", "OpenGL", "Svg", "Pdf", "WaylandClient", "EglFSDeviceIntegration"):
        assert not any(f"Qt6{unused}." in name for name in libs), unused
    # no dangling symbolic links (what a dropped library left behind)
    dangling = [str(p) for p in bundle.folder.rglob("*") if p.is_symlink() and not p.exists()]
    assert dangling == []
