"""The register's first tables: letters and their deadlines.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letters",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("path", sa.Text, nullable=False, unique=True),
        sa.Column("file_name", sa.Text, nullable=False, server_default=""),
        sa.Column("encrypted", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("requesting_reference", sa.Text, nullable=False, server_default=""),
        sa.Column("court_case_number", sa.Text, nullable=False, server_default=""),
        sa.Column("requested_reference", sa.Text, nullable=False, server_default=""),
        sa.Column("requesting_state", sa.String(2), nullable=False, server_default=""),
        sa.Column("requested_state", sa.String(2), nullable=False, server_default=""),
        sa.Column("kinds", sa.Text, nullable=False, server_default=""),
        sa.Column("status", sa.String(40), nullable=False, server_default="draft"),
        sa.Column("next_deadline", sa.Date, nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changed_by", sa.Text, nullable=False, server_default=""),
        sa.Column("content_hash", sa.String(64), nullable=False, server_default=""),
        sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_letters_next_deadline", "letters", ["next_deadline"])
    op.create_table(
        "deadlines",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("letter_id", sa.Integer, sa.ForeignKey("letters.id", ondelete="CASCADE"), nullable=False),
        sa.Column("due", sa.Date, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False, server_default=""),
        sa.Column("measure", sa.Integer, nullable=True),
    )
    op.create_index("ix_deadlines_letter_id", "deadlines", ["letter_id"])


def downgrade() -> None:
    op.drop_table("deadlines")
    op.drop_table("letters")
