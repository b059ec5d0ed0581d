"""Making contest rows anonymous: answers folded into per-question counts, a participant's
personal fields blanked, their name taken out of stored results posts; how a row is shown."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from quizzes.contest import texts
from quizzes.contest.models import (
    Attempt,
    AttemptAnswer,
    AttemptItem,
    ContestInvite,
    InviteClick,
    Participant,
    QuestionTally,
    ResultsPost,
)


def displayed(person: Participant) -> tuple[str, str]:
    """The name and unit a results table shows: "Ẩn danh" and no unit once erased."""
    if person.erased_at is not None:
        return texts.ANONYMOUS, ""
    return person.full_name, person.unit.name


def fold_answers(session: Session, attempts: Select[Any]) -> int:
    """Adds these attempts' drawn questions and right answers to the per-question counts, then
    deletes the drawn questions and answers.

    Counted as `results.question_stats` counts live rows: drawn in a submitted attempt, answered
    right in any attempt, so the statistics read the same before and after.

    Args:
        session: The caller's transaction.
        attempts: A query of attempt ids.

    Returns:
        How many answers were deleted.
    """
    shown_rows = session.execute(
        select(Attempt.round_id, AttemptItem.question_id, func.count())
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(AttemptItem.attempt_id.in_(attempts), Attempt.finished_at.is_not(None))
        .group_by(Attempt.round_id, AttemptItem.question_id)
    ).all()
    right_rows = session.execute(
        select(Attempt.round_id, AttemptAnswer.question_id, func.count())
        .join(Attempt, Attempt.id == AttemptAnswer.attempt_id)
        .where(AttemptAnswer.attempt_id.in_(attempts), AttemptAnswer.correct.is_(True))
        .group_by(Attempt.round_id, AttemptAnswer.question_id)
    ).all()
    counts: dict[tuple[int, int], list[int]] = {}
    for round_id, question_id, count in shown_rows:
        counts.setdefault((round_id, question_id), [0, 0])[0] += count
    for round_id, question_id, count in right_rows:
        counts.setdefault((round_id, question_id), [0, 0])[1] += count
    if counts:
        rounds = {round_id for round_id, _ in counts}
        held = {
            (t.round_id, t.question_id): t
            for t in session.scalars(
                select(QuestionTally).where(QuestionTally.round_id.in_(rounds))
            )
        }
        for (round_id, question_id), (drawn, right) in counts.items():
            tally = held.get((round_id, question_id))
            if tally is None:
                tally = QuestionTally(
                    round_id=round_id, question_id=question_id, shown=0, correct=0
                )
                session.add(tally)
            tally.shown += drawn
            tally.correct += right
    answers = session.scalar(
        select(func.count())
        .select_from(AttemptAnswer)
        .where(AttemptAnswer.attempt_id.in_(attempts))
    )
    session.execute(delete(AttemptAnswer).where(AttemptAnswer.attempt_id.in_(attempts)))
    session.execute(delete(AttemptItem).where(AttemptItem.attempt_id.in_(attempts)))
    session.flush()
    return answers or 0


def erase_participant(session: Session, person: Participant, now: datetime) -> None:
    """Blanks a participant's personal fields and withdraws their invite link; the row stays,
    anonymous, for the ranks and statistics it holds."""
    person.full_name = ""
    person.birth_year = 0
    person.phone = None
    person.user_id = -person.id
    person.erased_at = now
    person.updated_at = now
    session.execute(delete(ContestInvite).where(ContestInvite.participant_id == person.id))
    session.execute(delete(InviteClick).where(InviteClick.inviter_id == person.id))
    session.flush()


def scrub_posts(session: Session, round_ids: Iterable[int], people: Iterable[Participant]) -> int:
    """Replaces each person's "name (unit)" with "Ẩn danh" in the stored results posts of the
    rounds (a post already sent keeps its wording otherwise); returns the posts changed.

    Call it before `erase_participant`, while the names are still there.
    """
    named = [texts.POST_WHO.format(name=p.full_name, unit=p.unit.name) for p in people]
    changed = 0
    posts = session.scalars(select(ResultsPost).where(ResultsPost.round_id.in_(list(round_ids))))
    for post in posts:
        text = post.text
        for who in named:
            text = text.replace(who, texts.ANONYMOUS)
        if text != post.text:
            post.text = text
            changed += 1
    session.flush()
    return changed
