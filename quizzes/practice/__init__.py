"""Practice: sessions of drawn questions, one at a time, progress and the daily question."""

from __future__ import annotations

from quizzes.practice.daily import (
    DailyDelivery,
    discard_delivery,
    mark_delivered,
    move_chat,
    prepare_daily,
    subscribe,
    unsubscribe,
)
from quizzes.practice.flow import (
    Answered,
    ChapterChoice,
    ShownQuestion,
    answer_delivery,
    begin,
    chapter_for_key,
    close_delivery,
    mark_sent,
    practice_chapters,
)
from quizzes.practice.progress import LearnerStats, learner_stats
from quizzes.practice.sessions import PracticeResult

__all__ = [
    "Answered",
    "ChapterChoice",
    "DailyDelivery",
    "LearnerStats",
    "PracticeResult",
    "ShownQuestion",
    "answer_delivery",
    "begin",
    "chapter_for_key",
    "close_delivery",
    "discard_delivery",
    "learner_stats",
    "mark_delivered",
    "mark_sent",
    "move_chat",
    "practice_chapters",
    "prepare_daily",
    "subscribe",
    "unsubscribe",
]
