"""The anniversary calendar ("Ngày này năm xưa"): entries, subscriptions, deliveries, edits.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import knowledge.db

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("calendar_edits", "calendar_deliveries", "calendar_subscriptions", "calendar_entries")


def upgrade() -> None:
    """Creates the calendar's tables (unless a pre-migration database got them already) and
    fills the calendar from the books already stored."""
    if "calendar_entries" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "calendar_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("book_id", sa.Integer(), nullable=True),
        sa.Column("book_title", sa.String(length=500), nullable=False),
        sa.Column("volume", sa.String(length=100), nullable=True),
        sa.Column("chunk_key", sa.String(length=40), nullable=True),
        sa.Column("section_id", sa.Integer(), nullable=True),
        sa.Column("heading_path", sa.Text(), nullable=False),
        sa.Column("page_start", sa.Integer(), nullable=True),
        sa.Column("page_end", sa.Integer(), nullable=True),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_day", sa.Integer(), nullable=True),
        sa.Column("date_text", sa.String(length=120), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("wording", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("in_book", sa.Boolean(), nullable=False),
        sa.Column("reviewed_by", sa.BigInteger(), nullable=True),
        sa.Column("reviewed_at", knowledge.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("created_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["book_id"], ["books.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["section_id"], ["sections.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("fingerprint"),
    )
    op.create_index("ix_calendar_entries_day", "calendar_entries", ["month", "day"])
    op.create_table(
        "calendar_subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("subscribed_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id"),
    )
    op.create_table(
        "calendar_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("chat_key", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("sent_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["calendar_entries.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entry_id", "chat_key", "day"),
    )
    op.create_table(
        "calendar_edits",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("started_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["calendar_entries.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id"),
    )
    _fill(op.get_bind())


def _fill(connection: sa.Connection) -> None:
    """Builds the calendar from the books a database already holds."""
    from sqlalchemy.orm import Session

    from knowledge.calendar.entries import refresh

    with Session(bind=connection) as session:
        refresh(session)
        session.flush()


def downgrade() -> None:
    """Drops the calendar's tables."""
    for table in TABLES:
        op.drop_table(table)
