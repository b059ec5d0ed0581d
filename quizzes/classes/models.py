"""Classes: teachers, their classes and members, chapter assignments and students' work."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge.db import Base, UtcDateTime, intpk, utc_timestamp


class Teacher(Base):
    """Someone who may create classes (given by an admin, or by a teacher code)."""

    __tablename__ = "class_teachers"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(120))
    added_by: Mapped[int] = mapped_column(BigInteger)
    added_at: Mapped[utc_timestamp]


class TeacherCode(Base):
    """A one-time code an admin hands to a teacher (``/giaovien CODE``)."""

    __tablename__ = "class_teacher_codes"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[utc_timestamp]
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_by: Mapped[int | None] = mapped_column(BigInteger)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class SchoolClass(Base):
    """A class: its teacher, the join code of its invite link, and its Telegram group."""

    __tablename__ = "classes"

    id: Mapped[intpk]
    teacher_id: Mapped[int] = mapped_column(BigInteger, index=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    group_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[utc_timestamp]

    members: Mapped[list[ClassMember]] = relationship(
        back_populates="school_class", cascade="all, delete-orphan", passive_deletes=True
    )


class ClassMember(Base):
    """A student in a class (one Telegram account, once)."""

    __tablename__ = "class_members"
    __table_args__ = (UniqueConstraint("class_id", "user_id"),)

    id: Mapped[intpk]
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    name: Mapped[str] = mapped_column(String(120))
    joined_at: Mapped[utc_timestamp]

    school_class: Mapped[SchoolClass] = relationship(back_populates="members")


class Assignment(Base):
    """A chapter assignment: the same drawn questions for every student, open between two
    instants; reminders and the results post are recorded once sent."""

    __tablename__ = "class_assignments"

    id: Mapped[intpk]
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    chapter: Mapped[str] = mapped_column(String(300))
    question_ids: Mapped[str] = mapped_column(Text)
    opens_at: Mapped[datetime] = mapped_column(UtcDateTime())
    closes_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_at: Mapped[utc_timestamp]
    announced_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    results_posted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class AssignmentWork(Base):
    """A student's work on an assignment: one practice session (its score and finish time are
    the session's), done once."""

    __tablename__ = "class_assignment_work"
    __table_args__ = (UniqueConstraint("assignment_id", "user_id"),)

    id: Mapped[intpk]
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("class_assignments.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(BigInteger)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("practice_sessions.id", ondelete="CASCADE"), unique=True
    )
    started_at: Mapped[utc_timestamp]
