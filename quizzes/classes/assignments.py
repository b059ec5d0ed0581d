"""Chapter assignments: set by a teacher, done by students with the practice engine, and the
class's results: who did it, the scores, and what the class gets wrong most.

Every student of an assignment gets the same questions (drawn once, from the chapter's
approved questions), each in their own order, so the class's mistakes can be compared. A
student's work is one practice session; its score is the session's. Reminders, the group's
announcement and the group's results post are recorded once sent, so a restart sends none
twice.
"""

from __future__ import annotations

import io
import json
import random
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from knowledge.clock import Clock
from knowledge.sheets import append_row
from quizzes.bank.models import Question
from quizzes.classes.errors import AssignmentClosed, AssignmentNotFound, NotEnoughQuestions
from quizzes.classes.models import Assignment, AssignmentWork, ClassMember, SchoolClass
from quizzes.classes.roster import teacher_class
from quizzes.practice.flow import ShownQuestion, next_question
from quizzes.practice.models import PracticeAnswer, PracticeSession
from quizzes.practice.sessions import start_session

MAX_QUESTIONS = 50
REMIND_BEFORE = timedelta(days=1)
WORST_SHOWN = 5
TITLE = "{chapter} – {count} câu"


@dataclass(frozen=True)
class AssignmentView:
    """An assignment as front ends show it."""

    id: int
    class_id: int
    class_name: str
    title: str
    chapter: str
    questions: int
    opens_at: datetime
    closes_at: datetime
    group_chat_id: int | None

    def is_open(self, now: datetime) -> bool:
        """True between its opening and closing."""
        return self.opens_at <= now < self.closes_at


@dataclass(frozen=True)
class Done:
    """The student already finished this assignment."""

    score: int
    total: int


@dataclass(frozen=True)
class Waiting:
    """Every question went out; the student's answer to the last one is awaited."""


@dataclass(frozen=True)
class StudentRow:
    """One member's work: not started (score None, started False), in progress, or done."""

    name: str
    user_id: int
    started: bool
    finished: bool
    score: int | None


@dataclass(frozen=True)
class Missed:
    """A question and how many of those who answered it got it wrong."""

    question_id: int
    text: str
    wrong: int
    answered: int


@dataclass(frozen=True)
class AssignmentResults:
    """The teacher's view of an assignment."""

    assignment: AssignmentView
    students: list[StudentRow]
    missed: list[Missed]

    @property
    def finished(self) -> int:
        """How many students finished."""
        return sum(s.finished for s in self.students)

    @property
    def average(self) -> float | None:
        """The finished students' mean score."""
        scores = [s.score for s in self.students if s.finished and s.score is not None]
        return sum(scores) / len(scores) if scores else None


def _view(session: Session, found: Assignment) -> AssignmentView:
    school_class = session.get(SchoolClass, found.class_id)
    assert school_class is not None
    return AssignmentView(
        found.id, found.class_id, school_class.name, found.title, found.chapter,
        len(json.loads(found.question_ids)), found.opens_at, found.closes_at,
        school_class.group_chat_id,
    )  # fmt: skip


def create_assignment(
    session: Session,
    teacher: int,
    class_id: int,
    chapter: str,
    count: int,
    opens_at: datetime,
    closes_at: datetime,
    rng: random.Random,
) -> AssignmentView:
    """Draws ``count`` approved questions of ``chapter`` for one of the teacher's classes.

    Raises:
        ClassNotFound: Not the teacher's class.
        NotEnoughQuestions: The chapter has no approved question.
        ValueError: A count outside 1..50, or a window that closes before it opens.
    """
    teacher_class(session, teacher, class_id)
    if not 1 <= count <= MAX_QUESTIONS:
        raise ValueError(f"question count {count} is not within 1..{MAX_QUESTIONS}")
    if closes_at <= opens_at:
        raise ValueError("an assignment must close after it opens")
    pool = list(
        session.scalars(
            select(Question.id)
            .where(Question.status == "approved", Question.chapter == chapter)
            .order_by(Question.id)
        )
    )
    if not pool:
        raise NotEnoughQuestions(chapter, 0)
    chosen = rng.sample(pool, min(count, len(pool)))
    created = Assignment(
        class_id=class_id,
        title=TITLE.format(chapter=chapter, count=len(chosen)),
        chapter=chapter,
        question_ids=json.dumps(chosen),
        opens_at=opens_at,
        closes_at=closes_at,
    )
    session.add(created)
    session.flush()
    return _view(session, created)


def class_assignments(session: Session, class_id: int) -> list[AssignmentView]:
    """A class's assignments, newest first."""
    query = select(Assignment).where(Assignment.class_id == class_id)
    return [_view(session, a) for a in session.scalars(query.order_by(Assignment.id.desc()))]


def handed_in(session: Session, class_id: int) -> dict[int, int]:
    """Assignment id → how many students finished it, for one class (one query)."""
    query = (
        select(AssignmentWork.assignment_id, func.count(AssignmentWork.id))
        .join(PracticeSession, PracticeSession.id == AssignmentWork.session_id)
        .join(Assignment, Assignment.id == AssignmentWork.assignment_id)
        .where(Assignment.class_id == class_id, PracticeSession.finished_at.is_not(None))
        .group_by(AssignmentWork.assignment_id)
    )
    return {assignment_id: count for assignment_id, count in session.execute(query)}


def student_assignments(
    session: Session, user_id: int, now: datetime
) -> list[tuple[AssignmentView, bool]]:
    """The open assignments of the user's classes, each with whether they finished it."""
    classes = select(ClassMember.class_id).where(ClassMember.user_id == user_id)
    query = select(Assignment).where(
        Assignment.class_id.in_(classes), Assignment.opens_at <= now, Assignment.closes_at > now
    )
    found = []
    for assignment in session.scalars(query.order_by(Assignment.closes_at)):
        work = _work(session, assignment.id, user_id)
        finished = work is not None and _session(session, work).finished_at is not None
        found.append((_view(session, assignment), finished))
    return found


def _work(session: Session, assignment_id: int, user_id: int) -> AssignmentWork | None:
    return session.scalar(
        select(AssignmentWork).where(
            AssignmentWork.assignment_id == assignment_id, AssignmentWork.user_id == user_id
        )
    )


def _session(session: Session, work: AssignmentWork) -> PracticeSession:
    found = session.get(PracticeSession, work.session_id)
    assert found is not None
    return found


def start_work(
    session: Session, user_id: int, assignment_id: int, rng: random.Random, clock: Clock
) -> ShownQuestion | Done | Waiting:
    """The student's next question of an assignment (their work starts on first use).

    Raises:
        AssignmentNotFound: No such assignment, or the user is not in its class.
        AssignmentClosed: It has not opened yet, or has closed.
    """
    found = session.get(Assignment, assignment_id)
    member = None
    if found is not None:
        member = session.scalar(
            select(ClassMember.id).where(
                ClassMember.class_id == found.class_id, ClassMember.user_id == user_id
            )
        )
    if found is None or member is None:
        raise AssignmentNotFound(assignment_id)
    now = clock.now()
    work = _work(session, assignment_id, user_id)
    if work is not None:
        practice = _session(session, work)
        if practice.finished_at is not None:
            return Done(practice.score or 0, len(practice.items))
    if not found.opens_at <= now < found.closes_at:
        raise AssignmentClosed(assignment_id, now < found.opens_at)
    if work is None:
        practice = start_session(
            session, user_id, rng, clock, questions=json.loads(found.question_ids),
            time_limit=found.closes_at - now,
        )  # fmt: skip
        session.add(AssignmentWork(assignment_id=assignment_id, user_id=user_id,
                                   session_id=practice.id, started_at=now))  # fmt: skip
        session.flush()
        work = _work(session, assignment_id, user_id)
        assert work is not None
    shown = next_question(session, work.session_id)
    return Waiting() if shown is None else shown


def _teacher_assignment(session: Session, teacher: int, assignment_id: int) -> Assignment:
    found = session.get(Assignment, assignment_id)
    if found is None:
        raise AssignmentNotFound(assignment_id)
    teacher_class(session, teacher, found.class_id)
    return found


def results(session: Session, teacher: int, assignment_id: int) -> AssignmentResults:
    """Who did it, their scores, and the questions most got wrong (teacher's view).

    Raises:
        AssignmentNotFound: No such assignment.
        ClassNotFound: It is another teacher's.
    """
    found = _teacher_assignment(session, teacher, assignment_id)
    return _results(session, found)


def _results(session: Session, found: Assignment) -> AssignmentResults:
    members = session.scalars(
        select(ClassMember)
        .where(ClassMember.class_id == found.class_id)
        .order_by(ClassMember.name)
    )
    works = {
        w.user_id: w
        for w in session.scalars(
            select(AssignmentWork).where(AssignmentWork.assignment_id == found.id)
        )
    }
    students = []
    for member in members:
        work = works.get(member.user_id)
        practice = _session(session, work) if work is not None else None
        finished = practice is not None and practice.finished_at is not None
        score = practice.score if practice is not None and finished else None
        students.append(StudentRow(member.name, member.user_id, work is not None, finished, score))
    session_ids = [w.session_id for w in works.values()]
    wrong: Counter[int] = Counter()
    answered: Counter[int] = Counter()
    for answer in session.scalars(
        select(PracticeAnswer).where(PracticeAnswer.session_id.in_(session_ids))
    ):
        answered[answer.question_id] += 1
        wrong[answer.question_id] += not answer.correct
    texts = {
        q.id: q.text
        for q in session.scalars(select(Question).where(Question.id.in_(list(answered))))
    }
    missed = [
        Missed(question_id, texts.get(question_id, ""), wrong[question_id], answered[question_id])
        for question_id in answered
        if wrong[question_id]
    ]
    missed.sort(key=lambda m: (-m.wrong / m.answered, -m.wrong, m.question_id))
    return AssignmentResults(_view(session, found), students, missed)


def chapter_mistakes(session: Session, teacher: int, class_id: int) -> list[tuple[str, int, int]]:
    """(chapter, wrong answers, answers) over every assignment of the class, worst first."""
    teacher_class(session, teacher, class_id)
    totals: dict[str, list[int]] = {}
    for assignment in session.scalars(select(Assignment).where(Assignment.class_id == class_id)):
        works = select(AssignmentWork.session_id).where(
            AssignmentWork.assignment_id == assignment.id
        )
        for answer in session.scalars(
            select(PracticeAnswer).where(PracticeAnswer.session_id.in_(works))
        ):
            counts = totals.setdefault(assignment.chapter, [0, 0])
            counts[0] += not answer.correct
            counts[1] += 1
    rows = [(chapter, w, n) for chapter, (w, n) in totals.items()]
    return sorted(rows, key=lambda r: (-r[1] / r[2] if r[2] else 0, r[0]))


def class_workbook(session: Session, teacher: int, class_id: int) -> bytes:
    """The class's results as .xlsx: a sheet of scores per assignment, the questions most got
    wrong, and the chapters.

    Raises:
        ClassNotFound: Not the teacher's class.
    """
    teacher_class(session, teacher, class_id)
    book = Workbook()
    scores = book.active
    assert scores is not None
    scores.title = "Điểm"
    append_row(scores, ("Bài tập", "Họ và tên", "Trạng thái", "Số câu đúng", "Số câu"))
    worst = book.create_sheet("Câu sai nhiều")
    append_row(worst, ("Bài tập", "Câu hỏi", "Số lượt sai", "Số lượt trả lời", "Tỉ lệ sai (%)"))
    for assignment in session.scalars(
        select(Assignment).where(Assignment.class_id == class_id).order_by(Assignment.id)
    ):
        found = _results(session, assignment)
        for row in found.students:
            status = "Đã nộp" if row.finished else ("Đang làm" if row.started else "Chưa làm")
            append_row(
                scores,
                (found.assignment.title, row.name, status, row.score, found.assignment.questions),
            )
        for missed in found.missed:
            share = round(100 * missed.wrong / missed.answered, 1)
            append_row(
                worst, (found.assignment.title, missed.text, missed.wrong, missed.answered, share)
            )
    chapters = book.create_sheet("Theo chương")
    append_row(chapters, ("Chương", "Số lượt sai", "Số lượt trả lời", "Tỉ lệ sai (%)"))
    for chapter, wrong, total in chapter_mistakes(session, teacher, class_id):
        append_row(chapters, (chapter, wrong, total, round(100 * wrong / total, 1)))
    for sheet, widths in ((scores, (30, 28, 12, 12, 8)), (worst, (30, 70, 12, 14, 12))):
        for index, width in enumerate(widths):
            sheet.column_dimensions[chr(65 + index)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def reminders_due(session: Session, now: datetime) -> list[tuple[AssignmentView, list[int]]]:
    """Open assignments closing within a day and not yet reminded, each with the members who
    have not finished (marked reminded by `mark_reminded` once sent)."""
    query = select(Assignment).where(
        Assignment.reminded_at.is_(None),
        Assignment.opens_at <= now,
        Assignment.closes_at > now,
        Assignment.closes_at <= now + REMIND_BEFORE,
    )
    due = []
    for assignment in session.scalars(query):
        found = _results(session, assignment)
        due.append((found.assignment, [s.user_id for s in found.students if not s.finished]))
    return due


def mark_reminded(session: Session, assignment_id: int, now: datetime) -> None:
    """Records that the reminder of an assignment went out."""
    found = session.get(Assignment, assignment_id)
    if found is not None and found.reminded_at is None:
        found.reminded_at = now
        session.flush()


def announcements_due(session: Session, now: datetime) -> list[AssignmentView]:
    """Open assignments not yet announced (to the members, and in the class's group)."""
    query = select(Assignment).where(
        Assignment.announced_at.is_(None),
        Assignment.opens_at <= now,
        Assignment.closes_at > now,
    )
    return [_view(session, a) for a in session.scalars(query.order_by(Assignment.id))]


def assignment(session: Session, assignment_id: int) -> AssignmentView | None:
    """One assignment by id."""
    found = session.get(Assignment, assignment_id)
    return None if found is None else _view(session, found)


def group_results_due(session: Session, now: datetime) -> list[AssignmentResults]:
    """Closed assignments of classes with a group whose results were not posted there yet."""
    query = (
        select(Assignment)
        .join(SchoolClass, SchoolClass.id == Assignment.class_id)
        .where(
            SchoolClass.group_chat_id.is_not(None),
            Assignment.results_posted_at.is_(None),
            Assignment.closes_at <= now,
        )
    )
    return [_results(session, a) for a in session.scalars(query)]


def mark_posted(session: Session, assignment_id: int, now: datetime, results_post: bool) -> None:
    """Records that an assignment's announcement (or its results post) reached the group."""
    found = session.get(Assignment, assignment_id)
    if found is None:
        return
    if results_post:
        found.results_posted_at = found.results_posted_at or now
    else:
        found.announced_at = found.announced_at or now
    session.flush()


def worksheet_questions(session: Session, teacher: int, assignment_id: int) -> list[Question]:
    """The assignment's questions with their options, in the order drawn (teacher only)."""
    found = _teacher_assignment(session, teacher, assignment_id)
    ids = json.loads(found.question_ids)
    query = select(Question).where(Question.id.in_(ids)).options(selectinload(Question.options))
    by_id = {q.id: q for q in session.scalars(query)}
    return [by_id[i] for i in ids if i in by_id]
