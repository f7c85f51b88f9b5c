"""Alembic migrations of the register (run by :func:`mla_writer.register.db.upgrade` at open)."""
