"""Issuing certificates for a closed contest round, and finding those already issued.

Every participant with a submitted attempt in the round gets one: a prize certificate when
the round's ranking gave them a prize, a participation certificate otherwise. Issuing again
adds only what is missing (a certificate, once issued, never changes), so an organiser can
issue as often as they like.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from quizzes.certificates.codes import new_code
from quizzes.certificates.models import COMPLETION, PARTICIPATION, PRIZE, Certificate
from quizzes.certificates.records import CertificateView, view
from quizzes.classes.assignments import StudentRow, class_assignments
from quizzes.classes.assignments import results as assignment_results
from quizzes.classes.roster import teacher_class
from quizzes.contest import results
from quizzes.contest.models import ContestRound
from quizzes.contest.setup import find_contest
from quizzes.errors import NoSuchContest, RoundStillOpen

ACHIEVEMENT_PRIZE = "Đạt {prize}, xếp thứ {rank}/{total} với {score}/{questions} câu trả lời đúng"
ACHIEVEMENT_TAKEN = (
    "Đã tham gia và hoàn thành bài thi, xếp thứ {rank}/{total} "
    "với {score}/{questions} câu trả lời đúng"
)
DETAIL = "{title} – {round}"


@dataclass(frozen=True)
class IssueReport:
    """What issuing did: certificates added now, and every certificate of the round."""

    added: int
    certificates: list[CertificateView]


def _round(session: Session, contest_key: str | int, number: int | None) -> ContestRound:
    contest = find_contest(session, contest_key)
    closed = [r for r in contest.rounds if r.closed_at is not None]
    if number is None:
        if not closed:
            raise RoundStillOpen(contest.title)
        return closed[-1]
    found = next((r for r in contest.rounds if r.number == number), None)
    if found is None:
        raise NoSuchContest("round", number)
    if found.closed_at is None:
        raise RoundStillOpen(f"{contest.title} – {found.title}")
    return found


class _Issuing:
    """The certificates already issued for one round or class, and the new ones added to
    them: each new one under a code no certificate has, once per subject."""

    def __init__(self, session: Session, issued: Select[Certificate]) -> None:
        self.session = session
        self.existing = {c.subject: c for c in session.scalars(issued)}
        self.taken = {c.code for c in self.existing.values()}
        self.added = 0

    def has(self, subject: str) -> bool:
        return subject in self.existing

    def _unused_code(self) -> str:
        while True:
            code = new_code()
            known = select(Certificate.id).where(Certificate.code == code)
            if code not in self.taken and self.session.scalar(known) is None:
                self.taken.add(code)
                return code

    def add(self, **fields: Any) -> None:
        certificate = Certificate(code=self._unused_code(), **fields)
        self.session.add(certificate)
        self.existing[certificate.subject] = certificate
        self.added += 1

    def report(self, order: Callable[[Certificate], Any]) -> IssueReport:
        self.session.flush()
        ordered = sorted(self.existing.values(), key=order)
        return IssueReport(self.added, [view(c) for c in ordered])


def issue_round(
    session: Session, contest_key: str | int, number: int | None, on: date, issuer: str
) -> IssueReport:
    """Issues the certificates of a closed round (the last closed one by default).

    Args:
        session: The caller's transaction.
        contest_key: The contest's id or slug.
        number: The round's number; None for the last closed round.
        on: The issue date printed on new certificates.
        issuer: Who issues them.

    Raises:
        NoSuchContest: No such contest or round.
        RoundStillOpen: The round (or every round) is not closed yet.
    """
    current = _round(session, contest_key, number)
    contest = current.contest
    ranked = results.leaderboard(session, current)
    people = results.participants_by_id(session, contest.id)
    issuing = _Issuing(session, select(Certificate).where(Certificate.round_id == current.id))
    for row in ranked:
        person = people[row.entry.participant_id]
        subject = f"round:{current.id}:participant:{person.id}"
        if issuing.has(subject) or person.erased_at is not None:  # no name left to print
            continue
        numbers = {
            "rank": row.rank, "total": len(ranked), "score": row.entry.score,
            "questions": contest.questions_per_attempt, "prize": row.prize,
        }  # fmt: skip
        template = ACHIEVEMENT_PRIZE if row.prize else ACHIEVEMENT_TAKEN
        issuing.add(
            kind=PRIZE if row.prize else PARTICIPATION,
            subject=subject,
            holder_name=person.full_name,
            unit_name=person.unit.name,
            title=contest.title,
            detail=DETAIL.format(title=contest.title, round=current.title),
            achievement=template.format(**numbers),
            rank=row.rank,
            user_id=person.user_id,
            contest_id=contest.id,
            round_id=current.id,
            issued_on=on,
            issuer=issuer,
        )
    return issuing.report(lambda c: (c.rank or 0, c.holder_name))


CLASS_DETAIL = "Lớp {name}"
CLASS_ACHIEVEMENT = "Hoàn thành {done} bài tập, trả lời đúng {right}/{total} câu"


def issue_class(
    session: Session, teacher: int, class_id: int, on: date, issuer: str
) -> IssueReport:
    """Completion certificates for the members who finished every assignment of a class
    (missing ones only).

    Raises:
        ClassNotFound: Not the teacher's class.
    """
    found = teacher_class(session, teacher, class_id)
    given = class_assignments(session, class_id)
    of_class = select(Certificate).where(Certificate.subject.startswith(f"class:{class_id}:"))
    issuing = _Issuing(session, of_class)
    per_student: dict[int, list[StudentRow]] = {}
    for assignment in given:
        for row in assignment_results(session, teacher, assignment.id).students:
            per_student.setdefault(row.user_id, []).append(row)
    for user_id, rows in per_student.items():
        subject = f"class:{class_id}:user:{user_id}"
        if issuing.has(subject) or not given or not all(r.finished for r in rows):
            continue
        total = sum(a.questions for a in given)
        right = sum(r.score or 0 for r in rows)
        issuing.add(
            kind=COMPLETION,
            subject=subject,
            holder_name=rows[0].name,
            unit_name=found.name,
            title=found.name,
            detail=CLASS_DETAIL.format(name=found.name),
            achievement=CLASS_ACHIEVEMENT.format(done=len(given), right=right, total=total),
            user_id=user_id,
            issued_on=on,
            issuer=issuer,
        )
    return issuing.report(lambda c: c.holder_name)
