"""Spreading a contest: invite links (each participant's code, links followed, who invited
whom) and the results posts of closed rounds for the public channel.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import knowledge.db

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Adds ``contest_participants.invited_by`` (empty on existing rows) and the invite tables,
    unless a pre-migration database got them at the newest shape already."""
    inspector = sa.inspect(op.get_bind())
    columns = {c["name"] for c in inspector.get_columns("contest_participants")}
    if "invited_by" not in columns:
        with op.batch_alter_table("contest_participants") as batch:
            batch.add_column(sa.Column("invited_by", sa.Integer(), nullable=True))
            batch.create_foreign_key(
                "fk_contest_participants_invited_by",
                "contest_participants",
                ["invited_by"],
                ["id"],
                ondelete="SET NULL",
            )
            batch.create_index("ix_contest_participants_invited_by", ["invited_by"])
    tables = set(inspector.get_table_names())
    if "contest_invites" not in tables:
        op.create_table(
            "contest_invites",
            sa.Column("participant_id", sa.Integer(), nullable=False),
            sa.Column("code", sa.String(length=16), nullable=False),
            sa.Column("created_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
            sa.ForeignKeyConstraint(
                ["participant_id"], ["contest_participants.id"], ondelete="CASCADE"
            ),
            sa.PrimaryKeyConstraint("participant_id"),
            sa.UniqueConstraint("code"),
        )
    if "contest_invite_clicks" not in tables:
        op.create_table(
            "contest_invite_clicks",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("contest_id", sa.Integer(), nullable=False),
            sa.Column("user_id", sa.BigInteger(), nullable=False),
            sa.Column("inviter_id", sa.Integer(), nullable=False),
            sa.Column("clicked_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
            sa.ForeignKeyConstraint(["contest_id"], ["contests.id"], ondelete="CASCADE"),
            sa.ForeignKeyConstraint(
                ["inviter_id"], ["contest_participants.id"], ondelete="CASCADE"
            ),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("contest_id", "user_id"),
        )
    if "contest_result_posts" not in tables:
        op.create_table(
            "contest_result_posts",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("round_id", sa.Integer(), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("prepared_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
            sa.Column("approved_by", sa.BigInteger(), nullable=True),
            sa.Column("approved_at", knowledge.db.UtcDateTime(timezone=True), nullable=True),
            sa.Column("sent_at", knowledge.db.UtcDateTime(timezone=True), nullable=True),
            sa.ForeignKeyConstraint(["round_id"], ["contest_rounds.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("round_id"),
        )


def downgrade() -> None:
    """Drops the results posts, the invite tables and ``contest_participants.invited_by``."""
    op.drop_table("contest_result_posts")
    op.drop_table("contest_invite_clicks")
    op.drop_table("contest_invites")
    with op.batch_alter_table("contest_participants") as batch:
        batch.drop_index("ix_contest_participants_invited_by")
        batch.drop_constraint("fk_contest_participants_invited_by", type_="foreignkey")
        batch.drop_column("invited_by")
