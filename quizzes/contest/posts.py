"""A closed round's results post for the public channel: the top participants, units by
participation against their quota, the best at bringing people in, and a chart.

It is prepared when the round closes and waits for an admin: nothing goes to the channel
without approval, and an approved post goes once (approving claims it in one statement, so two
admins pressing at once send it once; a failed send gives the claim back).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from quizzes.contest import charts, invites, results, texts
from quizzes.contest.anonymise import displayed
from quizzes.contest.models import ContestRound, ResultsPost
from quizzes.errors import NoSuchContest, RoundStillOpen

TOP_PEOPLE = 10
TOP_UNITS = 10
TOP_INVITERS = 3


@dataclass(frozen=True)
class PostView:
    """A results post and where it stands."""

    id: int
    round_id: int
    text: str
    approved: bool
    sent: bool


def _view(found: ResultsPost) -> PostView:
    return PostView(
        found.id, found.round_id, found.text, found.approved_at is not None,
        found.sent_at is not None,
    )  # fmt: skip


def _who(name: str, unit: str) -> str:
    return texts.POST_WHO.format(name=name, unit=unit) if unit else name


def _text(session: Session, current: ContestRound) -> str:
    contest = current.contest
    people = results.participants_by_id(session, contest.id)
    lines = [texts.POST_TITLE.format(contest=contest.title, round=current.title), ""]
    ranked = results.leaderboard(session, current)
    lines.append(texts.POST_PEOPLE.format(count=len(ranked)))
    for row in ranked[:TOP_PEOPLE]:
        prize = f" – {row.prize}" if row.prize else ""
        lines.append(
            texts.POST_PERSON.format(
                rank=row.rank, who=_who(*displayed(people[row.entry.participant_id])),
                score=row.entry.score, questions=contest.questions_per_attempt, prize=prize,
            )
        )  # fmt: skip
    units = sorted(
        results.unit_counts(session, contest, current.id),
        key=lambda u: (-(u.rate or 0), -u.participants, u.name),
    )
    lines += ["", texts.POST_UNITS]
    for unit in units[:TOP_UNITS]:
        quota = texts.POST_QUOTA.format(quota=unit.quota, rate=unit.rate) if unit.quota else ""
        lines.append(texts.POST_UNIT.format(name=unit.name, count=unit.participants, quota=quota))
    inviters = invites.inviter_ranking(session, contest.id, current)[:TOP_INVITERS]
    if inviters:
        lines += ["", texts.POST_INVITERS]
        lines += [
            texts.POST_INVITER.format(rank=i.rank, who=_who(i.name, i.unit), count=i.invited)
            for i in inviters
        ]
    return "\n".join(lines)


def _closed_round(session: Session, round_id: int) -> ContestRound:
    current = session.get(ContestRound, round_id)
    if current is None:
        raise NoSuchContest("round", round_id)
    if current.closed_at is None:
        raise RoundStillOpen(current.title)
    return current


def prepare_post(session: Session, round_id: int, now: datetime) -> PostView:
    """The round's results post, written now unless it was already sent (then kept as sent).

    Raises:
        NoSuchContest: No such round.
        RoundStillOpen: The round is not closed.
    """
    current = _closed_round(session, round_id)
    found = session.scalar(select(ResultsPost).where(ResultsPost.round_id == round_id))
    if found is None:
        found = ResultsPost(round_id=round_id, text="", prepared_at=now)
        session.add(found)
    if found.approved_at is None:
        found.text = _text(session, current)
        found.prepared_at = now
    session.flush()
    return _view(found)


def post_chart(session: Session, round_id: int) -> bytes:
    """The post's chart: participants per unit in the round (PNG)."""
    current = _closed_round(session, round_id)
    return charts.per_unit_chart(results.unit_counts(session, current.contest, round_id))


def claim_post(session: Session, post_id: int, admin: int, now: datetime) -> PostView | None:
    """Approves a post for sending; None when it was approved (or sent) already."""
    claimed = session.execute(
        update(ResultsPost)
        .where(ResultsPost.id == post_id, ResultsPost.approved_at.is_(None))
        .values(approved_at=now, approved_by=admin)
    )
    if not getattr(claimed, "rowcount", 0):
        return None
    found = session.get(ResultsPost, post_id)
    assert found is not None
    session.refresh(found)
    return _view(found)


def release_post(session: Session, post_id: int) -> None:
    """Gives a claim back after a failed send, so the post can be approved again."""
    session.execute(
        update(ResultsPost)
        .where(ResultsPost.id == post_id, ResultsPost.sent_at.is_(None))
        .values(approved_at=None, approved_by=None)
    )


def mark_post_sent(session: Session, post_id: int, now: datetime) -> None:
    """Records that the approved post reached the channel."""
    session.execute(update(ResultsPost).where(ResultsPost.id == post_id).values(sent_at=now))
