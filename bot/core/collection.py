"""Contributing materials: the contributor's conversation as plain data, whose state is the
contributor's draft row; every front end renders the results with its own views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from knowledge.collection import (
    CollectionError,
    CollectionSettings,
    Contribution,
    DuplicateFile,
    cancel_draft,
    check_upload_limits,
    choose_item,
    choose_unit,
    confirm_accuracy,
    current_draft,
    finish_files,
    items_for_unit,
    list_campaigns,
    reopen,
    returned_contribution,
    set_details,
    start_contribution,
    submit,
)
from knowledge.collection import add_file as store_file

DETAIL_STEPS = ("caption", "period", "source")


@dataclass(frozen=True)
class Choice:
    """Something to pick: its id and what it is called."""

    id: int
    label: str


@dataclass(frozen=True)
class DraftState:
    """A draft as its contributor sees it: the step it asks for, with what may be picked."""

    id: int
    step: str
    campaign_title: str
    deadline: datetime
    units: tuple[Choice, ...]
    items: tuple[Choice, ...]
    no_items: bool
    max_file_mb: int
    unit: str | None
    item: str | None
    files: int
    caption: str | None
    period: str | None
    source: str | None


@dataclass(frozen=True)
class Gone:
    """The draft (or the unit or item picked) no longer exists."""


@dataclass(frozen=True)
class NoCampaign:
    """No campaign is collecting now."""


@dataclass(frozen=True)
class ChooseCampaign:
    """Several campaigns are collecting: the contributor picks one."""

    campaigns: tuple[Choice, ...]


@dataclass(frozen=True)
class Cancelled:
    """The draft was dropped."""

    id: int


@dataclass(frozen=True)
class Submitted:
    """The draft went to the editors' queue."""

    id: int


@dataclass(frozen=True)
class FileStored:
    """A file was stored (or was a duplicate of one sent before) and the draft as it is now."""

    name: str
    size: int
    duplicate: DuplicateFile | None
    state: DraftState


Outcome = DraftState | Gone | NoCampaign | ChooseCampaign | Cancelled | Submitted | FileStored


def draft_state(session: Session, draft: Contribution, settings: CollectionSettings) -> DraftState:
    """The draft's current step with what may be picked at it."""
    campaign = draft.campaign
    units = tuple(Choice(u.id, u.name) for u in campaign.units)
    items: tuple[Choice, ...] = ()
    no_items = False
    if draft.step == "item":
        assert draft.unit is not None
        items = tuple(Choice(i.id, i.description) for i in items_for_unit(session, draft.unit))
        no_items = not items
    return DraftState(
        id=draft.id,
        step=draft.step,
        campaign_title=campaign.title,
        deadline=campaign.deadline,
        units=units,
        items=items,
        no_items=no_items,
        max_file_mb=settings.max_file_mb,
        unit=draft.unit.name if draft.unit else None,
        item=draft.item.description if draft.item else None,
        files=len(draft.files),
        caption=draft.caption,
        period=draft.period,
        source=draft.source,
    )


class Contributing:
    """Session functions of the contributor's conversation; each returns what happened."""

    def __init__(self, settings: CollectionSettings, now: datetime) -> None:
        """Keeps the collection settings and the time of the request."""
        self.settings = settings
        self.now = now

    def begin(self, session: Session, user: int, name: str, campaign_id: int) -> Outcome:
        """Resumes the draft, reopens a returned contribution, or starts a new draft."""
        draft = current_draft(session, user)
        if draft is None and (returned := returned_contribution(session, user)) is not None:
            draft = reopen(session, returned)
        if draft is None:
            campaigns = list_campaigns(session, open_at=self.now)
            chosen = [c for c in campaigns if c.id == campaign_id] if campaign_id else campaigns
            if not chosen:
                return NoCampaign()
            if len(chosen) > 1:
                return ChooseCampaign(tuple(Choice(c.id, c.title) for c in chosen))
            draft = start_contribution(session, chosen[0], user, name, now=self.now)
        draft.updated_at = self.now  # resumed: it takes the contributor's messages again
        return draft_state(session, draft, self.settings)

    def unit(self, session: Session, user: int, unit_id: int) -> Outcome:
        """Sets the unit chosen."""
        draft = current_draft(session, user)
        unit = next((u for u in draft.campaign.units if u.id == unit_id), None) if draft else None
        if draft is None or unit is None:
            return Gone()
        choose_unit(session, draft, unit.name)
        return draft_state(session, draft, self.settings)

    def item(self, session: Session, user: int, item_id: int) -> Outcome:
        """Sets the requested item chosen."""
        draft = current_draft(session, user)
        item = next((i for i in draft.campaign.items if i.id == item_id), None) if draft else None
        if draft is None or item is None:
            return Gone()
        choose_item(session, draft, item.code)
        return draft_state(session, draft, self.settings)

    def step(self, session: Session, user: int, contribution_id: int, action: str) -> Outcome:
        """Ends the files ("files"), confirms and submits ("confirm"), or cancels ("cancel")."""
        draft = current_draft(session, user)
        if draft is None or draft.id != contribution_id:
            return Gone()
        if action == "cancel":
            cancel_draft(session, draft)
            return Cancelled(contribution_id)
        if action == "files":
            finish_files(session, draft)
        elif action == "confirm":
            confirm_accuracy(session, draft)
            submit(session, draft, now=self.now)
            return Submitted(draft.id)
        return draft_state(session, draft, self.settings)

    def detail(self, session: Session, user: int, text: str) -> Outcome | None:
        """Takes a typed caption, period or source; None when the draft does not ask for one."""
        draft = current_draft(session, user)
        if draft is None or draft.step not in DETAIL_STEPS:
            return None
        set_details(session, draft, **{draft.step: text})
        return draft_state(session, draft, self.settings)

    def upload_refusal(
        self, session: Session, user: int, name: str
    ) -> CollectionError | Gone | None:
        """Why one more file would not be taken (checked before it is downloaded), or None."""
        draft = current_draft(session, user)
        if draft is None:
            return Gone()
        try:
            check_upload_limits(session, draft, name, self.settings, self.now)
        except CollectionError as exc:
            return exc
        return None

    def add_file(
        self, session: Session, user: int, data: bytes, name: str, mime: str | None
    ) -> Outcome:
        """Stores a downloaded file in the draft (a duplicate is reported, not stored)."""
        draft = current_draft(session, user)
        if draft is None:
            return Gone()
        outcome = store_file(session, draft, data, name, mime, self.settings, self.now)
        state = draft_state(session, draft, self.settings)
        if isinstance(outcome, DuplicateFile):
            return FileStored(name, 0, outcome, state)
        return FileStored(outcome.file.original_name, outcome.file.size, None, state)
