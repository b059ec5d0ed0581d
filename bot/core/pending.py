"""Pending input: which flow, if any, is waiting for this user's next message, in one
transaction; typed answers the database alone can take (a draft's new text, a contest
registration field, the tie-breaker prediction) are taken in that same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from index.followup import Turn
from index.history import previous_turn
from index.question import is_question
from knowledge.calendar import BadWording, EntryView
from knowledge.calendar import finish_edit as finish_calendar_edit
from knowledge.clock import Clock
from knowledge.collection import current_draft, draft_idle, pending_reason
from quizzes.bank import DraftView, Edited, EditOutcome, draft_view, finish_edit
from quizzes.contest import AttemptState, Step, predict, registration
from quizzes.errors import AttemptOver, BadPrediction, InvalidRegistration

REASON = "reason"


@dataclass(frozen=True)
class Incoming:
    """A private message as the router sees it."""

    user: int
    text: str | None
    replied: bool = False
    admin: bool = False
    chat: int | None = None


@dataclass(frozen=True)
class Free:
    """Nothing waits for this text: it is a question, and this is the asker's previous turn
    (read in the same transaction, so answering it needs no second lookup)."""

    previous: Turn | None


@dataclass(frozen=True)
class DraftEdited:
    """A reviewer's pending edit took the message: the outcome and the draft as it is now."""

    edited: Edited
    view: DraftView | None


@dataclass(frozen=True)
class CalendarEdited:
    """An editor's new wording for a calendar entry: the entry as saved, or the refusal."""

    entry: EntryView | None = None
    refused: BadWording | None = None


@dataclass(frozen=True)
class ContestAnswered:
    """A contest step took the message: the next registration step or the attempt's state,
    or why the answer was not taken."""

    step: Step | None = None
    state: AttemptState | None = None
    invalid: InvalidRegistration | None = None
    bad_prediction: BadPrediction | None = None
    late: bool = False


@dataclass(frozen=True)
class CollectionAwaits:
    """The collection waits for this message: an editor's reason, or a draft's step."""

    step: str


Routed = DraftEdited | CalendarEdited | ContestAnswered | CollectionAwaits | Free


def _contest(session: Session, user: int, text: str, clock: Clock, max_age: timedelta,
             replied: bool) -> ContestAnswered | None:  # fmt: skip
    try:
        step = registration.give_text(session, user, text, clock, max_age=max_age, replied=replied)
    except InvalidRegistration as exc:
        return ContestAnswered(invalid=exc)
    if step is not None:
        return ContestAnswered(step=step)
    try:
        state = predict(session, user, text, clock)
    except BadPrediction as exc:
        return ContestAnswered(bad_prediction=exc)
    except AttemptOver:
        return ContestAnswered(late=True)
    return None if state is None else ContestAnswered(state=state)


def _meant(incoming: Incoming) -> bool:
    """Whether an editor's message is the input the bot asked for (a reason, a question's new
    text, a post's wording): a reply to the prompt, or text that does not read as a question.
    A question is answered instead, and the request goes on waiting."""
    if incoming.text is None:
        return False
    return incoming.replied or not is_question(incoming.text)


def _collection(session: Session, user: int, clock: Clock, max_age: timedelta) -> str | None:
    now = clock.now()
    if pending_reason(session, user, now, max_age) is not None:
        return REASON
    draft = current_draft(session, user)
    if draft is None or draft_idle(draft, now, max_age):
        return None
    return draft.step


def route(
    session: Session,
    incoming: Incoming,
    clock: Clock,
    max_age: timedelta,
    followup: timedelta | None = None,
) -> Routed | None:
    """Gives the message to the flow waiting for it; None when none is (it is a question).

    Args:
        session: The caller's transaction.
        incoming: The message.
        clock: The server clock.
        max_age: How long any flow waits for its next message.
        followup: How long a previous question counts for a follow-up; with it, a text
            nothing waits for comes back as `Free` with that turn (None: it comes back None).

    Returns:
        What took the message (or waits for it); None when nothing does.

    Raises:
        ContestError: The contest step failed (the transaction is rolled back).
    """
    text = incoming.text
    if text is not None:
        answered = _contest(session, incoming.user, text, clock, max_age, incoming.replied)
        if answered is not None:
            return answered
    if text is not None and incoming.admin and _meant(incoming):
        edited = finish_edit(session, incoming.user, text, clock.now(), max_age)
        if edited is not None:
            saved = edited.outcome is EditOutcome.SAVED
            view = draft_view(session, edited.question_id) if saved else None
            return DraftEdited(edited, view)
        worded = finish_calendar_edit(session, incoming.user, text, clock.now(), max_age)
        if isinstance(worded, BadWording):
            return CalendarEdited(refused=worded)
        if worded is not None:
            return CalendarEdited(entry=worded)
    step = _collection(session, incoming.user, clock, max_age)
    if step is not None and not (step == REASON and not _meant(incoming)):
        return CollectionAwaits(step)
    if text is None or followup is None:
        return None
    chat = incoming.user if incoming.chat is None else incoming.chat
    since = clock.now() - followup
    return Free(
        previous_turn(session, incoming.user, chat, since) if followup > timedelta(0) else None
    )
