"""Personal data of contests: a retention period per contest and when its purge ran, erased
participants, the anonymous per-question counts left when answers are deleted, and the log of
exports.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import knowledge.db

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, knowledge.db.UtcDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    """Adds the columns (existing contests keep their data 90 days; nobody is erased yet) and
    the two tables, unless a pre-migration database got them at the newest shape already.

    Only ``ADD COLUMN``: SQLite would copy a table to add a CHECK constraint, and dropping the
    old copy of ``contests`` with foreign keys on would cascade into every participant, so the
    retention range is checked where a contest is read from its file.
    """
    inspector = sa.inspect(op.get_bind())
    contests = {c["name"] for c in inspector.get_columns("contests")}
    with op.batch_alter_table("contests") as batch:
        if "retention_days" not in contests:
            batch.add_column(
                sa.Column("retention_days", sa.Integer(), server_default="90", nullable=False)
            )
        if "purged_at" not in contests:
            batch.add_column(_timestamp("purged_at", nullable=True))
    participants = {c["name"] for c in inspector.get_columns("contest_participants")}
    if "erased_at" not in participants:
        with op.batch_alter_table("contest_participants") as batch:
            batch.add_column(_timestamp("erased_at", nullable=True))
    tables = set(inspector.get_table_names())
    if "contest_question_tallies" not in tables:
        op.create_table(
            "contest_question_tallies",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("round_id", sa.Integer(), nullable=False),
            sa.Column("question_id", sa.Integer(), nullable=False),
            sa.Column("shown", sa.Integer(), nullable=False),
            sa.Column("correct", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(["question_id"], ["questions.id"]),
            sa.ForeignKeyConstraint(["round_id"], ["contest_rounds.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("round_id", "question_id"),
        )
    if "contest_export_log" not in tables:
        op.create_table(
            "contest_export_log",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("contest_id", sa.Integer(), nullable=True),
            sa.Column("contest_slug", sa.String(length=60), nullable=False),
            sa.Column("kind", sa.String(length=16), nullable=False),
            sa.Column("file_name", sa.String(length=200), nullable=False),
            sa.Column("channel", sa.String(length=10), nullable=False),
            sa.Column("actor", sa.String(length=120), nullable=False),
            _timestamp("at"),
            sa.CheckConstraint("kind IN ('results', 'certificates')", name="ck_export_log_kind"),
            sa.ForeignKeyConstraint(["contest_id"], ["contests.id"], ondelete="SET NULL"),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_contest_export_log_contest_id", "contest_export_log", ["contest_id"])


def downgrade() -> None:
    """Drops the export log, the per-question counts and the new columns (``DROP COLUMN`` in
    place, never a copy of the table: see `upgrade`)."""
    op.drop_index("ix_contest_export_log_contest_id", table_name="contest_export_log")
    op.drop_table("contest_export_log")
    op.drop_table("contest_question_tallies")
    with op.batch_alter_table("contest_participants", recreate="never") as batch:
        batch.drop_column("erased_at")
    with op.batch_alter_table("contests", recreate="never") as batch:
        batch.drop_column("purged_at")
        batch.drop_column("retention_days")
