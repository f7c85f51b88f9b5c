"""The case register's tests run against SQLite and a real PostgreSQL.

PostgreSQL: ``MLA_WRITER_TEST_PG_URL`` names a server where the tests may create databases
(scripts/test starts a throw-away one). Without it the PostgreSQL tests FAIL: never skipped.
"""

from __future__ import annotations

import os
import uuid

import pytest

PG_ENV = "MLA_WRITER_TEST_PG_URL"


def _pg_admin_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.fail(f"{PG_ENV} is not set: run the tests with scripts/test, which starts a throw-away PostgreSQL "
                    "(the register's PostgreSQL tests are never skipped)")
    return url


@pytest.fixture
def pg_url():
    """The URL of a new, empty PostgreSQL database (dropped after the test)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = make_url(_pg_admin_url())
    name = "reg_" + uuid.uuid4().hex[:12]
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def register_url(request, tmp_path):
    """A new register's URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return "sqlite:///" + str(tmp_path / "register.sqlite")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def open_register(register_url, tmp_path):
    """``open_register()`` opens the test's register (journal in the test's folder); closed after."""
    from mla_writer.register import Register

    opened = []

    def factory(**kw):
        kw.setdefault("journal", tmp_path / "known-files.txt")
        reg = Register.open(register_url, **kw)
        opened.append(reg)
        return reg

    yield factory
    for reg in opened:
        reg.close()
