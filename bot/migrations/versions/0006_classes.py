"""Classes: teachers and teacher codes, classes and members, assignments and students' work.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import knowledge.db

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "class_assignment_work",
    "class_assignments",
    "class_members",
    "classes",
    "class_teacher_codes",
    "class_teachers",
)


def _timestamp(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, knowledge.db.UtcDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    """Creates the class tables (unless a pre-migration database got them already)."""
    if "classes" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "class_teachers",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("added_by", sa.BigInteger(), nullable=False),
        _timestamp("added_at"),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_table(
        "class_teacher_codes",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        _timestamp("created_at"),
        _timestamp("expires_at"),
        sa.Column("used_by", sa.BigInteger(), nullable=True),
        _timestamp("used_at", nullable=True),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "classes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("teacher_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("join_code", sa.String(length=16), nullable=False),
        sa.Column("group_chat_id", sa.BigInteger(), nullable=True),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("join_code"),
    )
    op.create_index("ix_classes_teacher_id", "classes", ["teacher_id"])
    op.create_table(
        "class_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        _timestamp("joined_at"),
        sa.ForeignKeyConstraint(["class_id"], ["classes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("class_id", "user_id"),
    )
    op.create_index("ix_class_members_user_id", "class_members", ["user_id"])
    op.create_table(
        "class_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("chapter", sa.String(length=300), nullable=False),
        sa.Column("question_ids", sa.Text(), nullable=False),
        _timestamp("opens_at"),
        _timestamp("closes_at"),
        _timestamp("created_at"),
        _timestamp("announced_at", nullable=True),
        _timestamp("reminded_at", nullable=True),
        _timestamp("results_posted_at", nullable=True),
        sa.ForeignKeyConstraint(["class_id"], ["classes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_class_assignments_class_id", "class_assignments", ["class_id"])
    op.create_table(
        "class_assignment_work",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        _timestamp("started_at"),
        sa.ForeignKeyConstraint(["assignment_id"], ["class_assignments.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["practice_sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("assignment_id", "user_id"),
        sa.UniqueConstraint("session_id"),
    )


def downgrade() -> None:
    """Drops the class tables."""
    for table in TABLES:
        op.drop_table(table)
