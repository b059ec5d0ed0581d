"""Teachers, classes and members: who may teach, creating a class, joining by its link, and
tying it to a Telegram group.

A teacher is named by an admin, or becomes one with a one-time code an admin made (valid for
a week). A student joins with the class's link (the bot's /start parameter "lop_<code>").
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quizzes.classes.errors import ClassNotFound, NotATeacher
from quizzes.classes.models import ClassMember, SchoolClass, Teacher, TeacherCode

JOIN_PREFIX = "lop_"
CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
JOIN_CODE_LENGTH = 8
TEACHER_CODE_LENGTH = 10
TEACHER_CODE_DAYS = 7
MAX_CLASS_NAME = 120


@dataclass(frozen=True)
class ClassView:
    """A class as front ends show it."""

    id: int
    name: str
    join_code: str
    teacher_id: int
    members: int
    group_chat_id: int | None


def _code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def is_teacher(session: Session, user_id: int) -> bool:
    """True for a named teacher."""
    return session.get(Teacher, user_id) is not None


def add_teacher(session: Session, user_id: int, name: str, added_by: int) -> bool:
    """Names a teacher; False when they already were one."""
    if session.get(Teacher, user_id) is not None:
        return False
    session.add(Teacher(user_id=user_id, name=name[:120] or str(user_id), added_by=added_by))
    session.flush()
    return True


def teacher_code(session: Session, admin: int, now: datetime) -> str:
    """A fresh one-time teacher code, valid for `TEACHER_CODE_DAYS` days."""
    code = _code(TEACHER_CODE_LENGTH)
    expires = now + timedelta(days=TEACHER_CODE_DAYS)
    session.add(TeacherCode(code=code, created_by=admin, created_at=now, expires_at=expires))
    session.flush()
    return code


def redeem_teacher_code(
    session: Session, user_id: int, name: str, typed: str, now: datetime
) -> bool:
    """Makes the user a teacher with a valid unused code; False for any other code."""
    found = session.get(TeacherCode, typed.strip().lower()[:16])
    if found is None or found.used_by is not None or found.expires_at <= now:
        return False
    found.used_by, found.used_at = user_id, now
    add_teacher(session, user_id, name, found.created_by)
    session.flush()
    return True


def _view(session: Session, found: SchoolClass) -> ClassView:
    members = session.scalar(
        select(func.count(ClassMember.id)).where(ClassMember.class_id == found.id)
    )
    return ClassView(
        found.id, found.name, found.join_code, found.teacher_id, members or 0, found.group_chat_id
    )


def create_class(session: Session, teacher: int, name: str) -> ClassView:
    """A new class of the teacher's.

    Raises:
        NotATeacher: The user is not a teacher.
        ValueError: An empty or overlong name.
    """
    if not is_teacher(session, teacher):
        raise NotATeacher(teacher)
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > MAX_CLASS_NAME:
        raise ValueError(f"class name must be 1..{MAX_CLASS_NAME} characters")
    while True:
        code = _code(JOIN_CODE_LENGTH)
        if session.scalar(select(SchoolClass.id).where(SchoolClass.join_code == code)) is None:
            break
    created = SchoolClass(teacher_id=teacher, name=cleaned, join_code=code)
    session.add(created)
    session.flush()
    return _view(session, created)


def teacher_classes(session: Session, teacher: int) -> list[ClassView]:
    """The teacher's classes, newest first."""
    query = select(SchoolClass).where(SchoolClass.teacher_id == teacher)
    return [_view(session, c) for c in session.scalars(query.order_by(SchoolClass.id.desc()))]


def teacher_class(session: Session, teacher: int, class_id: int) -> ClassView:
    """One of the teacher's classes.

    Raises:
        ClassNotFound: No such class, or it is another teacher's.
    """
    found = session.get(SchoolClass, class_id)
    if found is None or found.teacher_id != teacher:
        raise ClassNotFound(str(class_id))
    return _view(session, found)


def join_code_of(start_parameter: str) -> str | None:
    """The join code in a /start parameter ("lop_ab12cd34"); None for anything else."""
    if not start_parameter.startswith(JOIN_PREFIX):
        return None
    code = start_parameter[len(JOIN_PREFIX) :]
    if len(code) != JOIN_CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


def join(session: Session, code: str, user_id: int, name: str) -> tuple[ClassView, bool]:
    """Adds the user to the class with this join code; True when they were not in it yet.

    Raises:
        ClassNotFound: No class has this code.
    """
    found = session.scalar(select(SchoolClass).where(SchoolClass.join_code == code))
    if found is None:
        raise ClassNotFound(code)
    member = session.scalar(
        select(ClassMember).where(ClassMember.class_id == found.id, ClassMember.user_id == user_id)
    )
    new = member is None
    if member is None:
        session.add(ClassMember(class_id=found.id, user_id=user_id, name=name[:120] or "?"))
        session.flush()
    return _view(session, found), new


def bind_group(session: Session, teacher: int, code: str, chat_id: int) -> ClassView:
    """Ties the teacher's class (by join code) to a Telegram group.

    Raises:
        ClassNotFound: No class of this teacher has this code.
    """
    found = session.scalar(select(SchoolClass).where(SchoolClass.join_code == code))
    if found is None or found.teacher_id != teacher:
        raise ClassNotFound(code)
    found.group_chat_id = chat_id
    session.flush()
    return _view(session, found)


def member_classes(session: Session, user_id: int) -> list[int]:
    """The ids of the classes the user is a member of."""
    query = select(ClassMember.class_id).where(ClassMember.user_id == user_id)
    return list(session.scalars(query))
