"""Reads results from the database into ranking values: leaderboards, unit and question stats."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge.clock import LOCAL_TZ
from quizzes.bank.models import Question
from quizzes.contest import ranking
from quizzes.contest.models import (
    Attempt,
    AttemptAnswer,
    AttemptItem,
    Contest,
    ContestRound,
    ContestUnit,
    Participant,
    QuestionTally,
)
from quizzes.contest.ranking import Entry, Ranked, RankedTotal, UnitCount
from quizzes.contest.setup import prizes_of


@dataclass(frozen=True)
class QuestionStat:
    """How often a question was drawn and answered right."""

    question_id: int
    text: str
    topic: str
    shown: int
    correct: int

    @property
    def rate(self) -> float:
        """Share answered right, in percent."""
        return 100 * self.correct / self.shown if self.shown else 0.0


@dataclass(frozen=True)
class LiveStats:
    """A contest at a glance: registrations, attempts started and submitted, answers stored."""

    participants: int
    attempts: int
    finished: int
    answers: int
    per_round: tuple[tuple[str, int], ...]


def round_entries(session: Session, round_id: int) -> list[Entry]:
    """Every finished attempt of a round as ranking entries."""
    rows = session.execute(
        select(
            Attempt.participant_id,
            Attempt.score,
            Attempt.prediction,
            Attempt.time_taken_s,
            Attempt.finished_at,
            Attempt.id,
        ).where(Attempt.round_id == round_id, Attempt.finished_at.is_not(None))
    )
    return [Entry(p, s or 0, pr, t or 0, f, a) for p, s, pr, t, f, a in rows if f is not None]


def round_best(session: Session, current: ContestRound) -> list[Entry]:
    """Each participant's best finished attempt in the round."""
    return ranking.best_entries(round_entries(session, current.id), current.actual)


def tie_actual(session: Session, current: ContestRound) -> float | None:
    """The tie-breaker's answer for a round, by its contest's rule."""
    contest = current.contest
    best = ranking.best_entries(round_entries(session, current.id), None)
    return ranking.tie_actual(
        best, contest.questions_per_attempt, contest.tie_rule, contest.tie_decimals
    )


def leaderboard(session: Session, current: ContestRound) -> list[Ranked]:
    """The round's ranking with prizes (prizes only once the round is closed)."""
    ranked = ranking.rank_entries(round_best(session, current), current.actual)
    if current.closed_at is None:
        return ranked
    prizes = [(p.name, p.count) for p in prizes_of(current.contest)]
    return ranking.award_prizes(ranked, prizes)


def overall(session: Session, contest: Contest) -> list[RankedTotal]:
    """The overall leaderboard over every round."""
    return ranking.rank_totals(ranking.totals_of(round_best(session, r) for r in contest.rounds))


def unit_counts(
    session: Session, contest: Contest, round_id: int | None = None
) -> list[UnitCount]:
    """Participants with a finished attempt per unit (in one round, or any), every unit listed."""
    query = (
        select(Participant.unit_id, func.count(func.distinct(Participant.id)))
        .join(Attempt, Attempt.participant_id == Participant.id)
        .where(Participant.contest_id == contest.id, Attempt.finished_at.is_not(None))
        .group_by(Participant.unit_id)
    )
    if round_id is not None:
        query = query.where(Attempt.round_id == round_id)
    counts = dict(session.execute(query).all())
    return [UnitCount(u.id, u.name, counts.get(u.id, 0), u.quota) for u in contest.units]


def participants_by_id(session: Session, contest_id: int) -> dict[int, Participant]:
    """The contest's participants with their units, by id."""
    rows = session.scalars(select(Participant).where(Participant.contest_id == contest_id))
    return {p.id: p for p in rows}


def question_stats(session: Session, contest: Contest) -> list[QuestionStat]:
    """Per question drawn in the contest: times shown and answered right, hardest first (the
    stored answers, plus the counts kept when answers were purged or erased)."""
    round_ids = [r.id for r in contest.rounds]
    shown = Counter(
        dict(
            session.execute(
                select(AttemptItem.question_id, func.count())
                .join(Attempt, Attempt.id == AttemptItem.attempt_id)
                .where(Attempt.round_id.in_(round_ids), Attempt.finished_at.is_not(None))
                .group_by(AttemptItem.question_id)
            ).all()
        )
    )
    right = Counter(
        dict(
            session.execute(
                select(AttemptAnswer.question_id, func.count())
                .join(Attempt, Attempt.id == AttemptAnswer.attempt_id)
                .where(Attempt.round_id.in_(round_ids), AttemptAnswer.correct.is_(True))
                .group_by(AttemptAnswer.question_id)
            ).all()
        )
    )
    tallies = session.execute(
        select(QuestionTally.question_id, QuestionTally.shown, QuestionTally.correct).where(
            QuestionTally.round_id.in_(round_ids)
        )
    )
    for question_id, drawn, correct in tallies:
        shown[question_id] += drawn
        right[question_id] += correct
    questions = session.execute(
        select(Question.id, Question.text, Question.topic, Question.chapter).where(
            Question.id.in_([qid for qid, count in shown.items() if count])
        )
    )
    stats = [
        QuestionStat(qid, text, topic or chapter or "", shown[qid], right.get(qid, 0))
        for qid, text, topic, chapter in questions
    ]
    return sorted(stats, key=lambda s: (s.rate, s.question_id))


def attempts_per_day(session: Session, contest: Contest) -> list[tuple[date, int]]:
    """Finished attempts per day (Vietnam time), in date order."""
    round_ids = [r.id for r in contest.rounds]
    finished = session.scalars(
        select(Attempt.finished_at).where(
            Attempt.round_id.in_(round_ids), Attempt.finished_at.is_not(None)
        )
    )
    days = Counter(_local_day(at) for at in finished if at is not None)
    return sorted(days.items())


def _local_day(at: datetime) -> date:
    return at.astimezone(LOCAL_TZ).date()


def score_histogram(session: Session, contest: Contest) -> dict[int, int]:
    """How many finished attempts reached each score."""
    round_ids = [r.id for r in contest.rounds]
    rows = session.execute(
        select(Attempt.score, func.count())
        .where(Attempt.round_id.in_(round_ids), Attempt.finished_at.is_not(None))
        .group_by(Attempt.score)
    )
    return {int(score or 0): count for score, count in rows}


def live_stats(session: Session, contest: Contest) -> LiveStats:
    """Counts for the admin's live view."""
    round_ids = [r.id for r in contest.rounds]
    participants = session.scalar(select(func.count()).where(Participant.contest_id == contest.id))
    attempts = session.execute(
        select(Attempt.round_id, Attempt.finished_at.is_not(None)).where(
            Attempt.round_id.in_(round_ids)
        )
    ).all()
    answers = session.scalar(
        select(func.count())
        .select_from(AttemptAnswer)
        .join(Attempt, Attempt.id == AttemptAnswer.attempt_id)
        .where(Attempt.round_id.in_(round_ids))
    )
    per_round = Counter(round_id for round_id, _ in attempts)
    return LiveStats(
        participants=participants or 0,
        attempts=len(attempts),
        finished=sum(1 for _, done in attempts if done),
        answers=answers or 0,
        per_round=tuple((r.title, per_round.get(r.id, 0)) for r in contest.rounds),
    )


def unit_of(contest: Contest, unit_id: int) -> ContestUnit | None:
    """The contest's unit with this id."""
    return next((u for u in contest.units if u.id == unit_id), None)


def unit_attempts(session: Session, contest: Contest) -> dict[int, tuple[int, float | None]]:
    """Per unit: finished attempts and their average score."""
    round_ids = [r.id for r in contest.rounds]
    rows = session.execute(
        select(Participant.unit_id, func.count(), func.avg(Attempt.score))
        .join(Attempt, Attempt.participant_id == Participant.id)
        .where(Attempt.round_id.in_(round_ids), Attempt.finished_at.is_not(None))
        .group_by(Participant.unit_id)
    )
    return {unit_id: (count, None if avg is None else float(avg)) for unit_id, count, avg in rows}
