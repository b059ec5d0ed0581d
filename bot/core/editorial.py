"""The editors' side of collecting: the review queue, decisions, progress, exports, books for
the library and reminders, as plain data; every front end renders the results itself."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from bot.core.collection import Choice
from knowledge.collection import (
    Campaign,
    CollectionSettings,
    Contribution,
    ContributionFile,
    Notice,
    ReminderDue,
    approve,
    ask_reason,
    checklist,
    drop_reason,
    export_campaign,
    give_reason,
    list_campaigns,
    may_review,
    next_pending,
    pending_count,
    pending_reason,
    record_reminders,
    reminders_due,
    reviewable_campaigns,
    send_to_library,
    unit_recipients,
)
from knowledge.collection.library import TEXT_KINDS
from knowledge.collection.progress import UnitChecklist
from knowledge.ingest import IngestResult
from knowledge.settings import KnowledgeSettings


@dataclass(frozen=True)
class NotAllowed:
    """The user reviews no campaign (or not this contribution's)."""


@dataclass(frozen=True)
class NothingPending:
    """Nothing waits for review (or for this editor's reason); ``offer_next`` shows the queue."""

    offer_next: bool = False


@dataclass(frozen=True)
class ReviewCard:
    """The oldest pending contribution, with the stored files to send along."""

    id: int
    waiting: int
    campaign: str
    unit: str | None
    item: str | None
    contributor: str
    caption: str | None
    period: str | None
    source: str | None
    files: tuple[tuple[str, Path], ...]


@dataclass(frozen=True)
class Approved:
    """A contribution was approved; its text documents may go to the library."""

    id: int
    library: tuple[Choice, ...]


@dataclass(frozen=True)
class Kept:
    """The editor kept the contribution pending instead of giving a reason."""

    id: int


@dataclass(frozen=True)
class ReasonAsked:
    """The editor's next message will be the reason to reject ("reject") or return ("more")."""

    id: int
    action: str


@dataclass(frozen=True)
class Decided:
    """The contribution was rejected or returned with the editor's reason."""

    id: int
    status: str


@dataclass(frozen=True)
class Checklists:
    """Each reviewable campaign with its per-unit checklist."""

    campaigns: tuple[tuple[str, datetime, tuple[UnitChecklist, ...]], ...]


@dataclass(frozen=True)
class ExportUsage:
    """No single campaign was named: the codes to choose from."""

    codes: tuple[str, ...]


@dataclass(frozen=True)
class Exported:
    """A campaign's .zip export, written to ``path`` in a temporary folder the caller removes."""

    path: Path
    title: str
    files: int
    rows: int


@dataclass(frozen=True)
class Outgoing:
    """One reminder to send to a unit's recipients."""

    campaign_id: int
    reminder: ReminderDue
    recipients: tuple[int, ...]
    title: str
    deadline: datetime


Decision = Approved | Kept | ReasonAsked | Decided | NothingPending | NotAllowed


class Editorial:
    """Session functions of the editors' commands; each returns what happened."""

    def __init__(
        self,
        settings: CollectionSettings,
        knowledge: KnowledgeSettings,
        admins: Collection[int],
        now: datetime,
    ) -> None:
        """Keeps the settings, the bot admins (who review every campaign) and the time."""
        self.settings = settings
        self.knowledge = knowledge
        self.admins = admins
        self.now = now

    def card(self, session: Session, user: int) -> ReviewCard | NothingPending | NotAllowed:
        """The oldest pending contribution of the campaigns the user reviews."""
        campaigns = reviewable_campaigns(session, user, self.admins)
        if not campaigns:
            return NotAllowed()
        for campaign in campaigns:
            found = next_pending(session, campaign)
            if found is not None:
                return self._card(session, campaign, found)
        return NothingPending()

    def _card(self, session: Session, campaign: Campaign, found: Contribution) -> ReviewCard:
        root = Path(self.settings.storage_dir)
        return ReviewCard(
            id=found.id,
            waiting=pending_count(session, campaign),
            campaign=campaign.title,
            unit=found.unit.name if found.unit else None,
            item=found.item.description if found.item else None,
            contributor=found.contributor_name or str(found.contributor_id),
            caption=found.caption,
            period=found.period,
            source=found.source,
            files=tuple((f.original_name, root / f.stored_path) for f in found.files),
        )

    def decide(
        self, session: Session, user: int, contribution_id: int, action: str
    ) -> tuple[Decision, Notice | None]:
        """Approves, or asks for the reason to reject or return, or drops that request."""
        found = session.get(Contribution, contribution_id)
        if found is None or not may_review(session, found.campaign, user, self.admins):
            return NotAllowed(), None
        if action == "approve":
            notice = approve(session, found, user, now=self.now, admins=self.admins)
            library = tuple(
                Choice(f.id, f.original_name) for f in found.files if f.kind in TEXT_KINDS
            )
            return Approved(found.id, library), notice
        if action == "keep":
            drop_reason(session, user)
            return Kept(found.id), None
        ask_reason(session, found, user, action, self.admins)
        return ReasonAsked(found.id, action), None

    def reason(self, session: Session, user: int, text: str) -> tuple[Decision, Notice | None]:
        """Rejects or returns the chosen contribution with the editor's message as the reason."""
        request = pending_reason(session, user, self.now)
        if request is None:
            return NothingPending(), None
        status = "rejected" if request.action == "reject" else "returned"
        contribution_id = request.contribution_id
        notice = give_reason(session, user, text, now=self.now, admins=self.admins)
        if notice is None:
            return NothingPending(offer_next=True), None
        return Decided(contribution_id, status), notice

    def progress(self, session: Session, user: int) -> Checklists | NotAllowed:
        """Every reviewable campaign's per-unit checklist."""
        campaigns = reviewable_campaigns(session, user, self.admins)
        if not campaigns:
            return NotAllowed()
        return Checklists(
            tuple((c.title, c.deadline, tuple(checklist(session, c))) for c in campaigns)
        )

    def export(
        self, session: Session, user: int, code: str | None
    ) -> Exported | ExportUsage | NotAllowed:
        """A campaign's .zip export (the one named, or the only one the user reviews)."""
        campaigns = reviewable_campaigns(session, user, self.admins)
        if not campaigns:
            return NotAllowed()
        chosen = [c for c in campaigns if c.code == code] if code else campaigns
        if len(chosen) != 1:
            return ExportUsage(tuple(c.code for c in campaigns))
        campaign = chosen[0]
        folder = Path(tempfile.mkdtemp(prefix="sudang-export-"))
        try:
            out = folder / f"{campaign.code}.zip"
            report = export_campaign(session, campaign, out, self.settings)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return Exported(out, campaign.title, report.files, report.rows)

    def to_library(self, session: Session, user: int, file_id: int) -> IngestResult | NotAllowed:
        """Ingests an approved text document as a book (the caller rebuilds the index)."""
        record = session.get(ContributionFile, file_id)
        campaign = record.contribution.campaign if record else None
        if (
            record is None
            or campaign is None
            or not may_review(session, campaign, user, self.admins)
        ):
            return NotAllowed()
        return send_to_library(session, record, self.knowledge, self.settings)

    def due(self, session: Session) -> list[Outgoing]:
        """The reminders due now for every open campaign, with their recipients."""
        outgoing = []
        for campaign in list_campaigns(session, open_at=self.now):
            for reminder in reminders_due(
                session, campaign, self.now, self.settings.reminder_days
            ):
                recipients = unit_recipients(session, campaign, reminder.unit_id)
                outgoing.append(
                    Outgoing(campaign.id, reminder, recipients, campaign.title, campaign.deadline)
                )
        return outgoing

    def record(self, session: Session, sent: list[Outgoing]) -> None:
        """Records the reminders as sent, so each stage is sent once."""
        for item in sent:
            campaign = session.get(Campaign, item.campaign_id)
            if campaign is not None:
                record_reminders(session, campaign, [item.reminder], self.now)
