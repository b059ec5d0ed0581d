"""Baseline: every table as the models define them at the first release with migrations.

Revision ID: 0001
Revises:
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import knowledge.db

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Creates every table."""
    op.create_table(
        "asked_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("asked_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("answer_text", sa.Text(), nullable=False),
        sa.Column("chunk_key", sa.String(length=40), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("refused", sa.Boolean(), nullable=False),
        sa.Column("latency_ms", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_asked_questions_asked_at"), "asked_questions", ["asked_at"], unique=False
    )
    op.create_index(
        op.f("ix_asked_questions_user_id"), "asked_questions", ["user_id"], unique=False
    )
    op.create_table(
        "books",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("volume", sa.String(length=100), nullable=True),
        sa.Column("source_path", sa.String(length=1000), nullable=False),
        sa.Column("source_name", sa.String(length=255), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=True),
        sa.Column("ingested_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_name"),
    )
    op.create_table(
        "collection_campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=100), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("requested_by", sa.String(length=300), nullable=False),
        sa.Column("deadline", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("created_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_table(
        "contests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("questions_per_attempt", sa.Integer(), nullable=False),
        sa.Column("tag_quotas", sa.Text(), nullable=False),
        sa.Column("time_limit_s", sa.Integer(), nullable=False),
        sa.Column("attempts_per_round", sa.Integer(), nullable=False),
        sa.Column("shuffle_questions", sa.Boolean(), nullable=False),
        sa.Column("shuffle_options", sa.Boolean(), nullable=False),
        sa.Column("tie_question", sa.Text(), nullable=False),
        sa.Column("tie_rule", sa.String(length=24), nullable=False),
        sa.Column("tie_decimals", sa.Integer(), nullable=False),
        sa.Column("show_answers_after_close", sa.Boolean(), nullable=False),
        sa.Column("show_score_before_close", sa.Boolean(), nullable=False),
        sa.Column("prizes", sa.Text(), nullable=False),
        sa.Column("created_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('draft', 'open', 'closed')", name="ck_contests_status"),
        sa.CheckConstraint(
            "tie_rule IN ('all_correct_count', 'all_correct_percent', 'manual')",
            name="ck_contests_tie_rule",
        ),
        sa.CheckConstraint("attempts_per_round >= 1", name="ck_contests_attempts"),
        sa.CheckConstraint("questions_per_attempt >= 1", name="ck_contests_questions"),
        sa.CheckConstraint("time_limit_s BETWEEN 600 AND 1800", name="ck_contests_time_limit"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    op.create_table(
        "daily_subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("subscribed_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id"),
    )
    op.create_table(
        "practice_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("chapter", sa.String(length=300), nullable=True),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("started_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("deadline_at", knowledge.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", knowledge.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_practice_sessions_user_id"), "practice_sessions", ["user_id"], unique=False
    )
    op.create_table(
        "answer_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("good", sa.Boolean(), nullable=False),
        sa.Column("given_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["question_id"], ["asked_questions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("question_id", "user_id"),
    )
    op.create_index(
        op.f("ix_answer_feedback_question_id"), "answer_feedback", ["question_id"], unique=False
    )
    op.create_table(
        "collection_editors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["collection_campaigns.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("campaign_id", "user_id"),
    )
    op.create_index(
        op.f("ix_collection_editors_campaign_id"),
        "collection_editors",
        ["campaign_id"],
        unique=False,
    )
    op.create_table(
        "collection_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["collection_campaigns.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("campaign_id", "code"),
    )
    op.create_index(
        op.f("ix_collection_items_campaign_id"), "collection_items", ["campaign_id"], unique=False
    )
    op.create_table(
        "collection_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["collection_campaigns.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("campaign_id", "name"),
    )
    op.create_index(
        op.f("ix_collection_units_campaign_id"), "collection_units", ["campaign_id"], unique=False
    )
    op.create_table(
        "contest_broadcasts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["contest_id"], ["contests.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "contest_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("starts_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("closed_at", knowledge.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("actual", sa.Float(), nullable=True),
        sa.CheckConstraint("ends_at > starts_at", name="ck_rounds_window"),
        sa.ForeignKeyConstraint(["contest_id"], ["contests.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contest_id", "number"),
    )
    op.create_table(
        "contest_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("quota", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["contest_id"], ["contests.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contest_id", "name"),
    )
    op.create_table(
        "daily_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["practice_sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id"),
        sa.UniqueConstraint("user_id", "day"),
    )
    op.create_table(
        "sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("book_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("page_start", sa.Integer(), nullable=True),
        sa.Column("page_end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["book_id"], ["books.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["parent_id"], ["sections.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("book_id", "position"),
    )
    op.create_index(op.f("ix_sections_book_id"), "sections", ["book_id"], unique=False)
    op.create_table(
        "suggested_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["question_id"], ["asked_questions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_suggested_questions_question_id"),
        "suggested_questions",
        ["question_id"],
        unique=False,
    )
    op.create_table(
        "understood_questions",
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["question_id"], ["asked_questions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("question_id"),
    )
    op.create_table(
        "chunks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("book_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("heading_path", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("page_start", sa.Integer(), nullable=True),
        sa.Column("page_end", sa.Integer(), nullable=True),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["book_id"], ["books.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["section_id"], ["sections.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("book_id", "position"),
    )
    op.create_index(op.f("ix_chunks_book_id"), "chunks", ["book_id"], unique=False)
    op.create_index("ix_chunks_key", "chunks", ["key"], unique=True)
    op.create_index(op.f("ix_chunks_section_id"), "chunks", ["section_id"], unique=False)
    op.create_table(
        "collection_contributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("contributor_id", sa.BigInteger(), nullable=False),
        sa.Column("contributor_name", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("step", sa.String(length=10), nullable=False),
        sa.Column("caption", sa.Text(), nullable=True),
        sa.Column("period", sa.String(length=200), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("accuracy_confirmed", sa.Boolean(), nullable=False),
        sa.Column("submitted_at", knowledge.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("reviewed_at", knowledge.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("reviewer_id", sa.BigInteger(), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("created_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'pending', 'approved', 'rejected', 'returned')",
            name="ck_collection_contributions_status",
        ),
        sa.CheckConstraint(
            "step IN ('unit', 'item', 'files', 'caption', 'period', 'source', 'confirm', 'ready')",
            name="ck_collection_contributions_step",
        ),
        sa.ForeignKeyConstraint(["campaign_id"], ["collection_campaigns.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["collection_items.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["collection_units.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_collection_contributions_item_id"),
        "collection_contributions",
        ["item_id"],
        unique=False,
    )
    op.create_index(
        "ix_collection_contributions_status",
        "collection_contributions",
        ["campaign_id", "status"],
        unique=False,
    )
    op.create_index(
        op.f("ix_collection_contributions_unit_id"),
        "collection_contributions",
        ["unit_id"],
        unique=False,
    )
    op.create_index(
        "ix_collection_one_draft_per_contributor",
        "collection_contributions",
        ["contributor_id"],
        unique=True,
        sqlite_where=sa.text("status = 'draft'"),
        postgresql_where=sa.text("status = 'draft'"),
    )
    op.create_table(
        "collection_item_units",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["collection_items.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["collection_units.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("item_id", "unit_id"),
    )
    op.create_index(
        op.f("ix_collection_item_units_unit_id"),
        "collection_item_units",
        ["unit_id"],
        unique=False,
    )
    op.create_table(
        "collection_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("days_before", sa.Integer(), nullable=False),
        sa.Column("sent_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["collection_campaigns.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["item_id"], ["collection_items.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["collection_units.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("unit_id", "item_id", "days_before"),
    )
    op.create_index(
        op.f("ix_collection_reminders_campaign_id"),
        "collection_reminders",
        ["campaign_id"],
        unique=False,
    )
    op.create_table(
        "collection_unit_contacts",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["collection_units.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("unit_id", "user_id"),
    )
    op.create_table(
        "contest_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=15), nullable=True),
        sa.Column("consent_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("registered_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["contest_id"], ["contests.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["contest_units.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contest_id", "user_id"),
    )
    op.create_index(
        op.f("ix_contest_participants_unit_id"), "contest_participants", ["unit_id"], unique=False
    )
    op.create_table(
        "contest_registration_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("step", sa.String(length=12), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=15), nullable=True),
        sa.Column("updated_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["contest_id"], ["contests.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["contest_units.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contest_id", "user_id"),
    )
    op.create_index(
        op.f("ix_contest_registration_drafts_user_id"),
        "contest_registration_drafts",
        ["user_id"],
        unique=False,
    )
    op.create_table(
        "collection_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contribution_id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("mime", sa.String(length=100), nullable=False),
        sa.Column("declared_mime", sa.String(length=100), nullable=True),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("stored_path", sa.String(length=200), nullable=False),
        sa.Column("book_id", sa.Integer(), nullable=True),
        sa.Column("created_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["book_id"], ["books.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["campaign_id"], ["collection_campaigns.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["contribution_id"], ["collection_contributions.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("campaign_id", "sha256"),
    )
    op.create_index(
        op.f("ix_collection_files_contribution_id"),
        "collection_files",
        ["contribution_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_collection_files_sha256"), "collection_files", ["sha256"], unique=False
    )
    op.create_table(
        "collection_reason_requests",
        sa.Column("editor_id", sa.BigInteger(), nullable=False),
        sa.Column("contribution_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("created_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("action IN ('reject', 'more')", name="ck_collection_reason_action"),
        sa.ForeignKeyConstraint(
            ["contribution_id"], ["collection_contributions.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("editor_id"),
    )
    op.create_table(
        "contest_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("cap", sa.Integer(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("started_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("deadline_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", knowledge.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("prediction", sa.Float(), nullable=True),
        sa.Column("time_taken_s", sa.Integer(), nullable=True),
        sa.CheckConstraint("number >= 1 AND number <= cap", name="ck_attempts_number"),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["contest_participants.id"], ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["round_id"], ["contest_rounds.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("participant_id", "round_id", "number"),
    )
    op.create_index(
        "ix_contest_attempts_round", "contest_attempts", ["round_id", "finished_at"], unique=False
    )
    op.create_table(
        "contest_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("error", sa.String(length=300), nullable=True),
        sa.Column("at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('sent', 'blocked', 'failed')", name="ck_deliveries_status"),
        sa.ForeignKeyConstraint(["broadcast_id"], ["contest_broadcasts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["contest_participants.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("broadcast_id", "participant_id"),
    )
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=True),
        sa.Column("chunk_id", sa.Integer(), nullable=True),
        sa.Column("chunk_key", sa.String(length=40), nullable=True),
        sa.Column("source_sentence", sa.Text(), nullable=True),
        sa.Column("support", sa.String(length=12), nullable=False),
        sa.Column("support_score", sa.Float(), nullable=True),
        sa.Column("chapter", sa.String(length=300), nullable=True),
        sa.Column("period", sa.String(length=200), nullable=True),
        sa.Column("topic", sa.String(length=200), nullable=True),
        sa.Column("difficulty", sa.String(length=50), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("origin_file", sa.String(length=255), nullable=True),
        sa.Column("origin_row", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("fixed_order", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "origin IN ('import', 'generated', 'manual')", name="ck_questions_origin"
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'approved', 'retired')", name="ck_questions_status"
        ),
        sa.CheckConstraint(
            "support IN ('unchecked', 'supported', 'unsupported')", name="ck_questions_support"
        ),
        sa.ForeignKeyConstraint(["chunk_id"], ["chunks.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_questions_chapter"), "questions", ["chapter"], unique=False)
    op.create_index(op.f("ix_questions_chunk_id"), "questions", ["chunk_id"], unique=False)
    op.create_index("ix_questions_content_hash", "questions", ["content_hash"], unique=True)
    op.create_index(op.f("ix_questions_status"), "questions", ["status"], unique=False)
    op.create_table(
        "contest_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("chosen", sa.String(length=20), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("answered_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["contest_attempts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("attempt_id", "question_id"),
    )
    op.create_table(
        "contest_attempt_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("option_order", sa.String(length=20), nullable=False),
        sa.Column("correct_set", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["contest_attempts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("attempt_id", "position"),
        sa.UniqueConstraint("attempt_id", "question_id"),
    )
    op.create_table(
        "practice_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("chosen", sa.String(length=20), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("answered_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["practice_sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "question_id"),
    )
    op.create_table(
        "practice_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("option_order", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["practice_sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "position"),
        sa.UniqueConstraint("session_id", "question_id"),
    )
    op.create_table(
        "practice_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delivery_id", sa.String(length=64), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("sent_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("closes_at", knowledge.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("closed_at", knowledge.db.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["practice_sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("delivery_id"),
        sa.UniqueConstraint("session_id", "question_id"),
    )
    op.create_table(
        "question_options",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.CheckConstraint("position >= 0 AND position < 6", name="ck_option_position"),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("question_id", "position"),
    )
    op.create_table(
        "review_pending_edits",
        sa.Column("reviewer_id", sa.BigInteger(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("started_at", knowledge.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("reviewer_id"),
    )


def downgrade() -> None:
    """Drops every table."""
    op.drop_table("review_pending_edits")
    op.drop_table("question_options")
    op.drop_table("practice_sent")
    op.drop_table("practice_items")
    op.drop_table("practice_answers")
    op.drop_table("contest_attempt_items")
    op.drop_table("contest_answers")
    op.drop_index(op.f("ix_questions_status"), table_name="questions")
    op.drop_index("ix_questions_content_hash", table_name="questions")
    op.drop_index(op.f("ix_questions_chunk_id"), table_name="questions")
    op.drop_index(op.f("ix_questions_chapter"), table_name="questions")
    op.drop_table("questions")
    op.drop_table("contest_deliveries")
    op.drop_index("ix_contest_attempts_round", table_name="contest_attempts")
    op.drop_table("contest_attempts")
    op.drop_table("collection_reason_requests")
    op.drop_index(op.f("ix_collection_files_sha256"), table_name="collection_files")
    op.drop_index(op.f("ix_collection_files_contribution_id"), table_name="collection_files")
    op.drop_table("collection_files")
    op.drop_index(
        op.f("ix_contest_registration_drafts_user_id"), table_name="contest_registration_drafts"
    )
    op.drop_table("contest_registration_drafts")
    op.drop_index(op.f("ix_contest_participants_unit_id"), table_name="contest_participants")
    op.drop_table("contest_participants")
    op.drop_table("collection_unit_contacts")
    op.drop_index(op.f("ix_collection_reminders_campaign_id"), table_name="collection_reminders")
    op.drop_table("collection_reminders")
    op.drop_index(op.f("ix_collection_item_units_unit_id"), table_name="collection_item_units")
    op.drop_table("collection_item_units")
    op.drop_index(
        "ix_collection_one_draft_per_contributor",
        table_name="collection_contributions",
        sqlite_where=sa.text("status = 'draft'"),
        postgresql_where=sa.text("status = 'draft'"),
    )
    op.drop_index(
        op.f("ix_collection_contributions_unit_id"), table_name="collection_contributions"
    )
    op.drop_index("ix_collection_contributions_status", table_name="collection_contributions")
    op.drop_index(
        op.f("ix_collection_contributions_item_id"), table_name="collection_contributions"
    )
    op.drop_table("collection_contributions")
    op.drop_index(op.f("ix_chunks_section_id"), table_name="chunks")
    op.drop_index("ix_chunks_key", table_name="chunks")
    op.drop_index(op.f("ix_chunks_book_id"), table_name="chunks")
    op.drop_table("chunks")
    op.drop_table("understood_questions")
    op.drop_index(op.f("ix_suggested_questions_question_id"), table_name="suggested_questions")
    op.drop_table("suggested_questions")
    op.drop_index(op.f("ix_sections_book_id"), table_name="sections")
    op.drop_table("sections")
    op.drop_table("daily_questions")
    op.drop_table("contest_units")
    op.drop_table("contest_rounds")
    op.drop_table("contest_broadcasts")
    op.drop_index(op.f("ix_collection_units_campaign_id"), table_name="collection_units")
    op.drop_table("collection_units")
    op.drop_index(op.f("ix_collection_items_campaign_id"), table_name="collection_items")
    op.drop_table("collection_items")
    op.drop_index(op.f("ix_collection_editors_campaign_id"), table_name="collection_editors")
    op.drop_table("collection_editors")
    op.drop_index(op.f("ix_answer_feedback_question_id"), table_name="answer_feedback")
    op.drop_table("answer_feedback")
    op.drop_index(op.f("ix_practice_sessions_user_id"), table_name="practice_sessions")
    op.drop_table("practice_sessions")
    op.drop_table("daily_subscriptions")
    op.drop_table("contests")
    op.drop_table("collection_campaigns")
    op.drop_table("books")
    op.drop_index(op.f("ix_asked_questions_user_id"), table_name="asked_questions")
    op.drop_index(op.f("ix_asked_questions_asked_at"), table_name="asked_questions")
    op.drop_table("asked_questions")
