"""The register's tables (SQLAlchemy 2). No Qt; the schema is created and changed only by the
Alembic migrations in ``migrations/versions`` (never ``create_all``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class LetterRow(Base):
    """One draft file the register knows, keyed by its absolute path. Whether the file is still
    there is not stored: each desk looks at the path when it lists (see ``Register.entries``)."""

    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    path: Mapped[str] = mapped_column(Text, unique=True, nullable=False)
    file_name: Mapped[str] = mapped_column(Text, nullable=False, default="")
    encrypted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    requesting_reference: Mapped[str] = mapped_column(Text, nullable=False, default="")
    court_case_number: Mapped[str] = mapped_column(Text, nullable=False, default="")
    requested_reference: Mapped[str] = mapped_column(Text, nullable=False, default="")
    requesting_state: Mapped[str] = mapped_column(String(2), nullable=False, default="")
    requested_state: Mapped[str] = mapped_column(String(2), nullable=False, default="")
    #: the kinds of assistance, sorted, each between commas (",records,search,"; "" for none)
    kinds: Mapped[str] = mapped_column(Text, nullable=False, default="")
    status: Mapped[str] = mapped_column(String(40), nullable=False, default="draft")
    #: the earliest deadline (letter's or a measure's), for sorting and the overdue filter
    next_deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    changed_by: Mapped[str] = mapped_column(Text, nullable=False, default="")
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    indexed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    deadlines: Mapped[list[DeadlineRow]] = relationship(
        back_populates="letter", cascade="all, delete-orphan", order_by="DeadlineRow.due", lazy="selectin")


class DeadlineRow(Base):
    """A deadline of a letter: the letter's own (point 5, ``source`` "letter") or a measure's
    (``source`` "measure", with the measure's number and kind)."""

    __tablename__ = "deadlines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), nullable=False, index=True)
    due: Mapped[dt.date] = mapped_column(Date, nullable=False)
    source: Mapped[str] = mapped_column(String(16), nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    measure: Mapped[int | None] = mapped_column(Integer, nullable=True)

    letter: Mapped[LetterRow] = relationship(back_populates="deadlines")
