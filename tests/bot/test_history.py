"""History queries: per-day counts in Vietnam time, top questions, 👎 list, unanswered."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from index.history import record_feedback, record_question, unanswered, usage_stats
from index.types import Answer

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
GOOD = Answer("Năm 1930.", None, "…", 0.8, False, chunk_id="c1")
REFUSED = Answer("", None, "", 0.05, True)


def test_days_are_vietnam_days_and_counts_split_answered_and_refused(services):
    def fill(session):
        late = datetime(2025, 3, 1, 18, 30, tzinfo=UTC)  # 01:30 on 2 March in Vietnam
        early = datetime(2025, 3, 1, 16, 0, tzinfo=UTC)  # 23:00 on 1 March
        a = record_question(session, user_id=1, chat_id=1, text="A?", answer=GOOD, asked_at=late)
        record_question(session, user_id=2, chat_id=2, text="A?", answer=GOOD, asked_at=early)
        record_question(session, user_id=2, chat_id=2, text="B?", answer=REFUSED, asked_at=late)
        record_question(session, user_id=2, chat_id=2, text="tìm", kind="search", asked_at=late)
        assert record_feedback(session, a.id, 9, False)
        assert not record_feedback(session, 999, 9, False)

    services.db(fill)
    now = datetime(2025, 3, 2, 3, 0, tzinfo=UTC)
    stats = services.db(usage_stats, now, HANOI, 2)
    assert [(d.day.day, d.asked, d.answered, d.refused) for d in stats.days] == [
        (1, 1, 1, 0),
        (2, 2, 1, 1),
    ]
    assert stats.top[0] == ("A?", 2)
    assert [q.text for q in stats.disliked] == ["A?"]
    assert (stats.total, stats.answered) == (3, 2)
    assert [q.text for q in services.db(unanswered)] == ["B?"]
