"""Alembic environment of the register. The application passes its open connection in
``config.attributes["connection"]``; no alembic.ini, no URL of its own."""

from __future__ import annotations

from alembic import context

from mla_writer.register.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the application runs these migrations
    raise RuntimeError("the register's migrations run from mla_writer.register.db.upgrade()")

context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
