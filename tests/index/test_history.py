"""History queries: per-day counts in Vietnam time, top questions, 👎 list, unanswered."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from index.history import (
    QuestionRecord,
    get_suggestion,
    previous_turn,
    previous_turns,
    record_feedback,
    record_question,
    record_questions,
    record_suggestions,
    unanswered,
    understood_text,
    usage_stats,
)
from index.types import Answer
from knowledge.db import Base, make_engine, make_sessionmaker, transaction

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
GOOD = Answer("Năm 1930.", None, "…", 0.8, False, chunk_id="c1")
REFUSED = Answer("", None, "", 0.05, True)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """Runs ``fn(session, *args)`` in its own transaction on a fresh SQLite file."""
    engine = make_engine(f"sqlite:///{tmp_path / 'history.db'}")
    Base.metadata.create_all(engine)
    factory = make_sessionmaker(engine)

    def run(fn: Callable[..., Any], *args: Any) -> Any:
        with transaction(factory) as session:
            return fn(session, *args)

    yield run
    engine.dispose()


def test_days_are_vietnam_days_and_counts_split_answered_and_refused(db):
    def fill(session):
        late = datetime(2025, 3, 1, 18, 30, tzinfo=UTC)  # 01:30 on 2 March in Vietnam
        early = datetime(2025, 3, 1, 16, 0, tzinfo=UTC)  # 23:00 on 1 March
        a = record_question(session, user_id=1, chat_id=1, text="A?", answer=GOOD, asked_at=late)
        record_question(session, user_id=2, chat_id=2, text="A?", answer=GOOD, asked_at=early)
        record_question(session, user_id=2, chat_id=2, text="B?", answer=REFUSED, asked_at=late)
        record_question(session, user_id=2, chat_id=2, text="tìm", kind="search", asked_at=late)
        assert record_feedback(session, a.id, 9, False, late)
        assert not record_feedback(session, 999, 9, False, late)

    db(fill)
    now = datetime(2025, 3, 2, 3, 0, tzinfo=UTC)
    stats = db(usage_stats, now, HANOI, 2)
    assert [(d.day.day, d.asked, d.answered, d.refused) for d in stats.days] == [
        (1, 1, 1, 0),
        (2, 2, 1, 1),
    ]
    assert stats.top[0] == ("A?", 2)
    assert [q.text for q in stats.disliked] == ["A?"]
    assert (stats.total, stats.answered) == (3, 2)
    assert [q.text for q in db(unanswered)] == ["B?"]


def test_the_previous_turn_carries_its_answers_passage_unless_refused(db):
    at = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    since = datetime(2025, 3, 1, 7, 55, tzinfo=UTC)
    db(lambda s: record_question(s, user_id=1, chat_id=1, text="A?", answer=GOOD, asked_at=at))
    answered = db(previous_turn, 1, 1, since)
    assert (answered.question, answered.answer, answered.passage) == ("A?", "Năm 1930.", "c1")
    refused = Answer("", None, "", 0.05, True, chunk_id="c2")
    later = datetime(2025, 3, 1, 8, 1, tzinfo=UTC)
    db(
        lambda s: record_question(
            s, user_id=1, chat_id=1, text="B?", answer=refused, asked_at=later
        )
    )
    turn = db(previous_turn, 1, 1, since)
    assert (turn.question, turn.answer, turn.passage) == ("B?", "", None)
    assert db(previous_turn, 1, 2, since) is None


def test_a_batch_of_questions_is_stored_in_order_with_its_own_suggestions(db):
    at = datetime(2025, 3, 1, 3, 0, tzinfo=UTC)
    records = [
        QuestionRecord(user_id=u, chat_id=u, text=t, asked_at=at, answer=a, understood=m)
        for u, t, a, m in [
            (1, "ĐH 15 họp ở đâu?", GOOD, None),
            (2, "còn ĐH 16?", REFUSED, "ĐH 16 họp ở đâu?"),
            (3, "ai là bí thư?", GOOD, None),
        ]
    ]

    def store(session):
        rows = record_questions(session, records)
        offered = record_suggestions(
            session, [(rows[0].id, ["A?", "B?"]), (rows[1].id, []), (rows[2].id, ["C?"])]
        )
        return [(r.id, r.user_id, r.text, r.refused) for r in rows], offered

    rows, offered = db(store)
    assert [(user, text, refused) for _, user, text, refused in rows] == [
        (1, "ĐH 15 họp ở đâu?", False),
        (2, "còn ĐH 16?", True),
        (3, "ai là bí thư?", False),
    ]
    assert [[o.text for o in under] for under in offered] == [["A?", "B?"], [], ["C?"]]
    ids = [row[0] for row in rows]
    assert db(lambda s: understood_text(s, ids[1])) == "ĐH 16 họp ở đâu?"
    assert db(lambda s: understood_text(s, ids[0])) is None
    assert db(lambda s: get_suggestion(s, offered[2][0].id)) == "C?"


def test_the_previous_turns_of_several_askers_are_read_at_once(db):
    early = datetime(2025, 3, 1, 3, 0, tzinfo=UTC)
    late = datetime(2025, 3, 1, 3, 5, tzinfo=UTC)
    records = [
        QuestionRecord(user_id=1, chat_id=1, text="ĐH 15 họp ở đâu?", asked_at=early, answer=GOOD),
        QuestionRecord(user_id=1, chat_id=1, text="còn ĐH 16?", asked_at=late, answer=REFUSED,
                       understood="ĐH 16 họp ở đâu?"),
        QuestionRecord(user_id=2, chat_id=2, text="ai là bí thư?", asked_at=early, answer=GOOD),
        QuestionRecord(user_id=1, chat_id=9, text="trong nhóm", asked_at=late, answer=GOOD),
    ]  # fmt: skip
    db(lambda s: record_questions(s, records))
    since = datetime(2025, 3, 1, 2, 0, tzinfo=UTC)
    turns = db(lambda s: previous_turns(s, [(2, 2), (1, 1), (3, 3), (1, 1)], since))
    assert [t.question if t else None for t in turns] == [
        "ai là bí thư?", "ĐH 16 họp ở đâu?", None, "ĐH 16 họp ở đâu?",
    ]  # fmt: skip
    assert turns[1].answer == ""  # refused
    assert turns[0].passage == "c1"
    # One at a time gives the same, and a later start leaves the early ones out.
    assert db(lambda s: previous_turn(s, 1, 9, since)).question == "trong nhóm"
    assert db(lambda s: previous_turns(s, [(2, 2)], late)) == [None]
    assert db(lambda s: previous_turns(s, [], since)) == []
