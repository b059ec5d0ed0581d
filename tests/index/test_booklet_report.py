"""The booklet benchmark's report of stricter refusal thresholds."""

from __future__ import annotations

from bench.booklet import stricter


def test_a_stricter_threshold_keeps_only_the_answers_that_reach_it() -> None:
    scored = [
        (True, "right", 0.9),
        (True, "right", 0.58),
        (True, "wrong", 0.62),
        (True, "refused", 0.3),
        (False, "answered", 0.75),
        (False, "refused", 0.2),
    ]
    rows = {row["threshold"]: row for row in stricter(scored)}
    assert rows[0.5] == {
        "threshold": 0.5, "right": 0.5, "wrong": 0.25, "unanswerable_answered": 0.5,
    }  # fmt: skip
    assert rows[0.6]["right"] == 0.25
    assert rows[0.6]["wrong"] == 0.25
    assert rows[0.65]["wrong"] == 0.0
    assert rows[0.8] == {
        "threshold": 0.8, "right": 0.25, "wrong": 0.0, "unanswerable_answered": 0.0,
    }  # fmt: skip
    assert stricter([])[0]["right"] == 0.0
