"""Shared fixtures. GUI tests live in tests/gui (they set QT_QPA_PLATFORM=offscreen)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "complete_letter.mlar"
#: The example letter's dates are checked as of this day.
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def example():
    from mla_writer import storage

    return storage.load(EXAMPLE)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture(autouse=True)
def _private_config_dir(tmp_path_factory, monkeypatch):
    """Every test has its own settings folder (the office profile): never the user's own."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("MLA_WRITER_CONFIG_DIR", str(folder))
    monkeypatch.setenv("MLA_WRITER_DATA_DIR", str(folder / "data"))  # the user's termbase, installed State packs
    # the case register (and its journal of files) in the test's folder, SQLite unless a test says otherwise
    monkeypatch.setenv("MLA_WRITER_REGISTER_DIR", str(folder / "register"))
    monkeypatch.delenv("MLA_WRITER_REGISTER_URL", raising=False)
    return folder


# -- skipped tests fail the run in CI ------------------------------------------------------
_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _skipped and (os.environ.get("CI") or os.environ.get("MLA_WRITER_REQUIRE_GUI_TESTS")):
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_line(f"FAILED: {len(_skipped)} test(s) skipped; skips are not allowed in CI:", red=True)
            for nodeid in _skipped:
                reporter.write_line(f"  {nodeid}", red=True)
        session.exitstatus = 1
