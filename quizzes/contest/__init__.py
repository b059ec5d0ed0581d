"""Contests: setup, registration, timed attempts, closing, results, review, broadcasts, exports."""

from __future__ import annotations

from quizzes.contest.answers import AnswerRecorder, AsyncAnswerWriter
from quizzes.contest.attempts import (
    AttemptPaper,
    AttemptState,
    ShownQuestion,
    answer_and_next,
    attempt_state,
    running_attempt,
    start_attempt,
    start_paper,
)
from quizzes.contest.close import close_round, parse_prediction, predict, predict_attempt
from quizzes.contest.export import results_workbook
from quizzes.contest.models import (
    Attempt,
    AttemptAnswer,
    AttemptItem,
    Contest,
    ContestRound,
    Participant,
)
from quizzes.contest.registration import Registration, Step, register
from quizzes.contest.review import AttemptReview, ReviewedQuestion, attempted_rounds, review_round
from quizzes.contest.setup import (
    ContestSpec,
    Prize,
    RoundSpec,
    UnitSpec,
    create_contest,
    find_contest,
    list_contests,
    load_spec,
    open_contests,
    set_status,
    spec_from_dict,
)

__all__ = [
    "AnswerRecorder",
    "AsyncAnswerWriter",
    "Attempt",
    "AttemptAnswer",
    "AttemptItem",
    "AttemptPaper",
    "AttemptReview",
    "AttemptState",
    "Contest",
    "ContestRound",
    "ContestSpec",
    "Participant",
    "Prize",
    "Registration",
    "ReviewedQuestion",
    "RoundSpec",
    "ShownQuestion",
    "Step",
    "UnitSpec",
    "answer_and_next",
    "attempt_state",
    "attempted_rounds",
    "close_round",
    "create_contest",
    "find_contest",
    "list_contests",
    "load_spec",
    "open_contests",
    "parse_prediction",
    "predict",
    "predict_attempt",
    "register",
    "results_workbook",
    "review_round",
    "running_attempt",
    "set_status",
    "spec_from_dict",
    "start_attempt",
    "start_paper",
]
