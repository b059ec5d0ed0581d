"""Campaigns, their units, requested items and editors; contributions, files and reminders."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge.db import Base, UtcDateTime, intpk, utc_now, utc_timestamp

STATUSES = ("draft", "pending", "approved", "rejected", "returned")
STEPS = ("unit", "item", "files", "caption", "period", "source", "confirm", "ready")


class Campaign(Base):
    """A request for materials sent to units, with a deadline and the editors who review."""

    __tablename__ = "collection_campaigns"

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(300), default="")
    deadline: Mapped[datetime] = mapped_column(UtcDateTime())
    created_at: Mapped[utc_timestamp]

    units: Mapped[list[Unit]] = relationship(
        back_populates="campaign", order_by="Unit.position", cascade="all, delete-orphan"
    )
    items: Mapped[list[RequestedItem]] = relationship(
        back_populates="campaign", order_by="RequestedItem.position", cascade="all, delete-orphan"
    )
    editors: Mapped[list[Editor]] = relationship(
        back_populates="campaign", order_by="Editor.user_id", cascade="all, delete-orphan"
    )


class Unit(Base):
    """A unit (commune, town, Party cell …) asked for materials by one campaign."""

    __tablename__ = "collection_units"
    __table_args__ = (UniqueConstraint("campaign_id", "name"),)

    id: Mapped[intpk]
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("collection_campaigns.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int]

    campaign: Mapped[Campaign] = relationship(back_populates="units")
    contacts: Mapped[list[UnitContact]] = relationship(
        order_by="UnitContact.user_id", cascade="all, delete-orphan"
    )


class UnitContact(Base):
    """A Telegram user who receives a unit's reminders."""

    __tablename__ = "collection_unit_contacts"

    unit_id: Mapped[int] = mapped_column(
        ForeignKey("collection_units.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class ItemUnit(Base):
    """Which unit is responsible for which requested item."""

    __tablename__ = "collection_item_units"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("collection_items.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("collection_units.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class RequestedItem(Base):
    """One kind of material a campaign asks for (e.g. the list of secretaries by term)."""

    __tablename__ = "collection_items"
    __table_args__ = (UniqueConstraint("campaign_id", "code"),)

    id: Mapped[intpk]
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("collection_campaigns.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(50))
    description: Mapped[str] = mapped_column(Text)
    position: Mapped[int]

    campaign: Mapped[Campaign] = relationship(back_populates="items")
    units: Mapped[list[Unit]] = relationship(
        secondary="collection_item_units", order_by=Unit.position
    )


class Editor(Base):
    """A member of the editorial board who reviews a campaign's contributions."""

    __tablename__ = "collection_editors"
    __table_args__ = (UniqueConstraint("campaign_id", "user_id"),)

    id: Mapped[intpk]
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("collection_campaigns.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(String(200), default="")

    campaign: Mapped[Campaign] = relationship(back_populates="editors")


class Contribution(Base):
    """Materials one contributor sends for one (unit, item); a draft is its conversation state."""

    __tablename__ = "collection_contributions"
    __table_args__ = (
        CheckConstraint(f"status IN {STATUSES}", name="ck_collection_contributions_status"),
        CheckConstraint(f"step IN {STEPS}", name="ck_collection_contributions_step"),
        Index(
            "ix_collection_one_draft_per_contributor",
            "contributor_id",
            unique=True,
            sqlite_where=text("status = 'draft'"),
            postgresql_where=text("status = 'draft'"),
        ),
        Index("ix_collection_contributions_status", "campaign_id", "status"),
    )

    id: Mapped[intpk]
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("collection_campaigns.id", ondelete="CASCADE")
    )
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("collection_units.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("collection_items.id"), index=True)
    contributor_id: Mapped[int] = mapped_column(BigInteger)
    contributor_name: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(10), default="draft")
    step: Mapped[str] = mapped_column(String(10), default="unit")
    caption: Mapped[str | None] = mapped_column(Text)
    period: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str | None] = mapped_column(Text)
    accuracy_confirmed: Mapped[bool] = mapped_column(default=False)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    reviewer_id: Mapped[int | None] = mapped_column(BigInteger)
    review_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[utc_timestamp]
    # The contributor's last step (None on drafts made before this column existed): a draft
    # idle for long stops taking the contributor's messages until it is resumed.
    updated_at: Mapped[datetime | None] = mapped_column(
        UtcDateTime(), default=utc_now, onupdate=utc_now
    )

    campaign: Mapped[Campaign] = relationship()
    unit: Mapped[Unit | None] = relationship()
    item: Mapped[RequestedItem | None] = relationship()
    files: Mapped[list[ContributionFile]] = relationship(
        back_populates="contribution", order_by="ContributionFile.id", cascade="all, delete-orphan"
    )


class ContributionFile(Base):
    """A stored file of a contribution; the checksum is unique within a campaign."""

    __tablename__ = "collection_files"
    __table_args__ = (UniqueConstraint("campaign_id", "sha256"),)

    id: Mapped[intpk]
    contribution_id: Mapped[int] = mapped_column(
        ForeignKey("collection_contributions.id", ondelete="CASCADE"), index=True
    )
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("collection_campaigns.id", ondelete="CASCADE")
    )
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    mime: Mapped[str] = mapped_column(String(100))
    declared_mime: Mapped[str | None] = mapped_column(String(100))
    original_name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int]
    stored_path: Mapped[str] = mapped_column(String(200))
    book_id: Mapped[int | None] = mapped_column(ForeignKey("books.id", ondelete="SET NULL"))
    created_at: Mapped[utc_timestamp]

    contribution: Mapped[Contribution] = relationship(back_populates="files")


class ReminderSent(Base):
    """A reminder already sent for a (unit, item) at one of the configured days-before stages."""

    __tablename__ = "collection_reminders"
    __table_args__ = (UniqueConstraint("unit_id", "item_id", "days_before"),)

    id: Mapped[intpk]
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("collection_campaigns.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("collection_units.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("collection_items.id", ondelete="CASCADE"))
    days_before: Mapped[int]
    sent_at: Mapped[utc_timestamp]


class ReasonRequest(Base):
    """An editor's pending rejection or request for more: their next message is the reason."""

    __tablename__ = "collection_reason_requests"
    __table_args__ = (
        CheckConstraint("action IN ('reject', 'more')", name="ck_collection_reason_action"),
    )

    editor_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    contribution_id: Mapped[int] = mapped_column(
        ForeignKey("collection_contributions.id", ondelete="CASCADE")
    )
    action: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[utc_timestamp]

    contribution: Mapped[Contribution] = relationship()


class Upload(Base):
    """One file a person sent, kept for the upload quotas whatever becomes of its draft (a
    cancelled draft's files no longer count as files, but still as uploads)."""

    __tablename__ = "collection_uploads"
    __table_args__ = (Index("ix_collection_uploads_sender_time", "contributor_id", "created_at"),)

    id: Mapped[intpk]
    contributor_id: Mapped[int] = mapped_column(BigInteger)
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[utc_timestamp]
