"""Uploads counted apart from drafts, so cancelling a draft does not give its quota back.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import knowledge.db

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Creates ``collection_uploads`` (unless a pre-migration database got it already) and
    fills it with the last day's files, so the quotas hold across the upgrade."""
    if "collection_uploads" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "collection_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contributor_id", sa.BigInteger(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("created_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_collection_uploads_sender_time",
        "collection_uploads",
        ["contributor_id", "created_at"],
    )
    op.execute(
        "INSERT INTO collection_uploads (contributor_id, size, created_at) "
        "SELECT c.contributor_id, f.size, f.created_at FROM collection_files f "
        "JOIN collection_contributions c ON c.id = f.contribution_id"
    )


def downgrade() -> None:
    """Drops ``collection_uploads``."""
    op.drop_index("ix_collection_uploads_sender_time", table_name="collection_uploads")
    op.drop_table("collection_uploads")
