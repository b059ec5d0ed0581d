"""Issued certificates (contest participation and prizes), verified by their code.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import knowledge.db

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Creates ``certificates`` (unless a pre-migration database got it already)."""
    if "certificates" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=80), nullable=False),
        sa.Column("holder_name", sa.String(length=120), nullable=False),
        sa.Column("unit_name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.Column("achievement", sa.String(length=300), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("contest_id", sa.Integer(), nullable=True),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issuer", sa.String(length=300), nullable=False),
        sa.Column("revoked_at", knowledge.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("created_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["contest_id"], ["contests.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["round_id"], ["contest_rounds.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
        sa.UniqueConstraint("subject", "kind"),
    )
    op.create_index("ix_certificates_user_id", "certificates", ["user_id"])
    op.create_index("ix_certificates_contest_id", "certificates", ["contest_id"])


def downgrade() -> None:
    """Drops ``certificates``."""
    op.drop_table("certificates")
