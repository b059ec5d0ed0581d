"""The editors' review queue: next pending contribution, approve, reject, ask for more."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from knowledge.collection import texts
from knowledge.collection.errors import NotAnEditor, NotPending, ReasonRequired
from knowledge.collection.models import Campaign, Contribution, Editor, ReasonRequest


@dataclass(frozen=True)
class Notice:
    """A message the bot should send to a contributor; the core never sends anything."""

    chat_id: int
    text: str
    contribution_id: int


def is_editor(session: Session, campaign: Campaign, user_id: int) -> bool:
    """Whether the user reviews this campaign."""
    query = select(Editor.id).where(Editor.campaign_id == campaign.id, Editor.user_id == user_id)
    return session.scalar(query) is not None


def may_review(
    session: Session, campaign: Campaign, user_id: int, admins: Collection[int] = ()
) -> bool:
    """Whether the user reviews this campaign: one of its editors, or a bot admin."""
    return user_id in admins or is_editor(session, campaign, user_id)


def reviewable_campaigns(
    session: Session, user_id: int, admins: Collection[int] = ()
) -> list[Campaign]:
    """The campaigns this user may review (every campaign for a bot admin), by deadline."""
    if user_id in admins:
        return list(session.scalars(select(Campaign).order_by(Campaign.deadline, Campaign.code)))
    return editor_campaigns(session, user_id)


def editor_campaigns(session: Session, user_id: int) -> list[Campaign]:
    """The campaigns this user reviews, by deadline."""
    query = (
        select(Campaign)
        .join(Editor, Editor.campaign_id == Campaign.id)
        .where(Editor.user_id == user_id)
        .order_by(Campaign.deadline)
    )
    return list(session.scalars(query))


def _pending(campaign: Campaign) -> Select[Contribution]:
    return select(Contribution).where(
        Contribution.campaign_id == campaign.id, Contribution.status == "pending"
    )


def next_pending(session: Session, campaign: Campaign) -> Contribution | None:
    """The oldest submitted contribution still awaiting review, or None."""
    query = _pending(campaign).order_by(Contribution.submitted_at, Contribution.id).limit(1)
    return session.scalar(query)


def pending_count(session: Session, campaign: Campaign) -> int:
    """How many contributions await review."""
    return session.scalar(select(func.count()).select_from(_pending(campaign).subquery())) or 0


def _review(
    session: Session,
    contribution: Contribution,
    editor_id: int,
    status: str,
    note: str | None,
    now: datetime | None,
    admins: Collection[int] = (),
) -> None:
    if not may_review(session, contribution.campaign, editor_id, admins):
        raise NotAnEditor(editor_id, contribution.campaign.code)
    if contribution.status != "pending":
        raise NotPending(contribution.id, contribution.status)
    if status != "approved" and not (note or "").strip():
        raise ReasonRequired(contribution.id)
    contribution.status = status
    contribution.reviewer_id = editor_id
    contribution.reviewed_at = now
    contribution.review_note = (note or "").strip() or None
    session.flush()


def _labels(contribution: Contribution) -> dict[str, object]:
    item = contribution.item.description if contribution.item else ""
    unit = contribution.unit.name if contribution.unit else ""
    return {"id": contribution.id, "item": item, "unit": unit}


def approve(
    session: Session,
    contribution: Contribution,
    editor_id: int,
    *,
    note: str | None = None,
    now: datetime,
    admins: Collection[int] = (),
) -> Notice:
    """Accepts a pending contribution.

    Args:
        session: An open session inside a transaction.
        contribution: A pending contribution.
        editor_id: The reviewing editor's Telegram user id.
        note: An optional remark kept with the review.
        now: The review time (UTC-aware); defaults to the real clock.
        admins: Bot admins, who may review every campaign.

    Returns:
        The thank-you message for the contributor.

    Raises:
        NotAnEditor: The user is not an editor of the campaign.
        NotPending: The contribution is not awaiting review.
    """
    _review(session, contribution, editor_id, "approved", note, now, admins)
    text = texts.NOTICE_APPROVED.format(**_labels(contribution))
    return Notice(contribution.contributor_id, text, contribution.id)


def reject(
    session: Session,
    contribution: Contribution,
    editor_id: int,
    reason: str,
    *,
    now: datetime,
    admins: Collection[int] = (),
) -> Notice:
    """Refuses a pending contribution with a reason the bot passes on to the contributor.

    Returns:
        The message for the contributor, with the reason.

    Raises:
        NotAnEditor: The user is not an editor of the campaign.
        NotPending: The contribution is not awaiting review.
        ReasonRequired: The reason is empty.
    """
    _review(session, contribution, editor_id, "rejected", reason, now, admins)
    text = texts.NOTICE_REJECTED.format(**_labels(contribution), reason=reason.strip())
    return Notice(contribution.contributor_id, text, contribution.id)


def request_more(
    session: Session,
    contribution: Contribution,
    editor_id: int,
    note: str,
    *,
    now: datetime,
    admins: Collection[int] = (),
) -> Notice:
    """Returns a pending contribution to its contributor, asking for more files or details.

    The contributor reopens it with ``reopen`` and submits it again.

    Returns:
        The message for the contributor, saying what is asked.

    Raises:
        NotAnEditor: The user is not an editor of the campaign.
        NotPending: The contribution is not awaiting review.
        ReasonRequired: The note is empty.
    """
    _review(session, contribution, editor_id, "returned", note, now, admins)
    text = texts.NOTICE_RETURNED.format(**_labels(contribution), note=note.strip())
    return Notice(contribution.contributor_id, text, contribution.id)


def ask_reason(
    session: Session,
    contribution: Contribution,
    editor_id: int,
    action: str,
    admins: Collection[int] = (),
) -> ReasonRequest:
    """Records that the editor's next message is the reason to reject or return a contribution.

    Args:
        session: An open session inside a transaction.
        contribution: A pending contribution.
        editor_id: The editor's Telegram user id.
        action: "reject" or "more".
        admins: Bot admins, who may review every campaign.

    Returns:
        The pending request, replacing any earlier one of this editor.

    Raises:
        NotAnEditor: The user is not an editor of the campaign.
        NotPending: The contribution is not awaiting review.
    """
    if not may_review(session, contribution.campaign, editor_id, admins):
        raise NotAnEditor(editor_id, contribution.campaign.code)
    if contribution.status != "pending":
        raise NotPending(contribution.id, contribution.status)
    request = session.get(ReasonRequest, editor_id) or ReasonRequest(editor_id=editor_id)
    request.contribution_id = contribution.id
    request.action = action
    session.add(request)
    session.flush()
    return request


def pending_reason(
    session: Session,
    editor_id: int,
    now: datetime,
    max_age: timedelta | None = None,
) -> ReasonRequest | None:
    """The editor's request awaiting a reason, if any.

    One older than ``max_age`` (measured at ``now``) has lapsed: it is dropped, so the
    editor's later messages are not sent to a contributor as a rejection.
    """
    request = session.get(ReasonRequest, editor_id)
    if request is None or max_age is None:
        return request
    if now - request.created_at > max_age:
        session.delete(request)
        session.flush()
        return None
    return request


def drop_reason(session: Session, editor_id: int) -> bool:
    """Forgets the editor's request awaiting a reason; returns whether there was one."""
    request = session.get(ReasonRequest, editor_id)
    if request is None:
        return False
    session.delete(request)
    session.flush()
    return True


def give_reason(
    session: Session,
    editor_id: int,
    reason: str,
    *,
    now: datetime,
    admins: Collection[int] = (),
) -> Notice | None:
    """Rejects or returns the contribution the editor chose, with ``reason``.

    Returns:
        The message for the contributor; None when the editor was not asked for a reason, or
        when the contribution was reviewed meanwhile (the request is then dropped).

    Raises:
        NotAnEditor: The user is no longer an editor of the campaign.
        ReasonRequired: The reason is empty (the request stays).
    """
    request = session.get(ReasonRequest, editor_id)
    if request is None:
        return None
    contribution = request.contribution
    if contribution.status != "pending":
        session.delete(request)
        session.flush()
        return None
    review = reject if request.action == "reject" else request_more
    notice = review(session, contribution, editor_id, reason, now=now, admins=admins)
    session.delete(request)
    session.flush()
    return notice
