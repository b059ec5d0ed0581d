"""What can go wrong with classes and assignments, as typed errors carrying what failed."""

from __future__ import annotations

from quizzes.errors import QuizError


class ClassError(QuizError):
    """Base of every class error."""


class NotATeacher(ClassError):
    """Only teachers create classes and assignments."""

    def __init__(self, user_id: int) -> None:
        """Keeps who tried."""
        super().__init__(f"user {user_id} is not a teacher")
        self.user_id = user_id


class ClassNotFound(ClassError):
    """No such class (or it belongs to another teacher)."""

    def __init__(self, key: str) -> None:
        """Keeps what was looked for."""
        super().__init__(f"class {key} not found")
        self.key = key


class AssignmentNotFound(ClassError):
    """No such assignment (or the user is not in its class)."""

    def __init__(self, assignment_id: int) -> None:
        """Keeps what was looked for."""
        super().__init__(f"assignment {assignment_id} not found")
        self.assignment_id = assignment_id


class AssignmentClosed(ClassError):
    """The assignment is not open: not yet, or no longer."""

    def __init__(self, assignment_id: int, not_yet: bool) -> None:
        """Keeps which assignment and whether it opens later."""
        super().__init__(
            f"assignment {assignment_id} is {'not open yet' if not_yet else 'closed'}"
        )
        self.assignment_id = assignment_id
        self.not_yet = not_yet


class NotEnoughQuestions(ClassError):
    """The chapter has fewer approved questions than the assignment asks for (or none)."""

    def __init__(self, chapter: str, have: int) -> None:
        """Keeps the chapter and how many approved questions it has."""
        super().__init__(f"chapter {chapter!r} has {have} approved questions")
        self.chapter = chapter
        self.have = have
