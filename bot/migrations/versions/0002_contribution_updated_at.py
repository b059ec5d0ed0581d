"""A contribution's last activity, so that an idle draft stops taking the contributor's messages.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import knowledge.db

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Adds ``collection_contributions.updated_at`` (empty on existing rows).

    A database made before migrations has its missing tables created at the newest shape
    before it is marked as the baseline (`bot.schema.upgrade_database`), so the column may be
    there already.
    """
    columns = sa.inspect(op.get_bind()).get_columns("collection_contributions")
    if any(column["name"] == "updated_at" for column in columns):
        return
    with op.batch_alter_table("collection_contributions") as batch:
        batch.add_column(
            sa.Column("updated_at", knowledge.db.UtcDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    """Drops ``collection_contributions.updated_at``."""
    with op.batch_alter_table("collection_contributions") as batch:
        batch.drop_column("updated_at")
