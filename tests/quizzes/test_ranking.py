from datetime import UTC, datetime, timedelta

import pytest

from quizzes.contest.ranking import (
    Entry,
    Total,
    UnitCount,
    award_prizes,
    best_entries,
    best_rate,
    most_participants,
    rank_entries,
    rank_totals,
    tie_actual,
    totals_of,
)

T0 = datetime(2025, 5, 5, 3, 0, 0, tzinfo=UTC)


def entry(pid, score=10, prediction=50.0, time=300, at=0.0, attempt=0):
    return Entry(pid, score, prediction, time, T0 + timedelta(seconds=at), attempt)


def order(ranked):
    return [(r.rank, r.entry.participant_id) for r in ranked]


def test_more_correct_answers_rank_first():
    ranked = rank_entries([entry(1, score=8), entry(2, score=10), entry(3, score=9)], 50)
    assert order(ranked) == [(1, 2), (2, 3), (3, 1)]


def test_equal_scores_are_split_by_distance_to_the_actual_value():
    entries = [entry(1, prediction=40), entry(2, prediction=57), entry(3, prediction=52)]
    ranked = rank_entries(entries, 55)
    assert order(ranked) == [(1, 2), (2, 3), (3, 1)]
    assert [r.deviation for r in ranked] == [2, 3, 15]


def test_distance_is_absolute_over_and_under_tie():
    ranked = rank_entries([entry(1, prediction=45, time=200), entry(2, prediction=55)], 50)
    assert order(ranked) == [(1, 1), (2, 2)]


def test_decimal_predictions_compare_without_float_noise():
    a = entry(1, prediction=12.35, time=100)
    b = entry(2, prediction=12.15, time=100)
    ranked = rank_entries([a, b], 12.25)
    assert ranked[0].rank == ranked[1].rank == 1


def test_no_prediction_ranks_after_any_prediction():
    ranked = rank_entries([entry(1, prediction=None), entry(2, prediction=10_000)], 3)
    assert order(ranked) == [(1, 2), (2, 1)]


def test_distance_is_ignored_while_the_actual_value_is_unknown():
    ranked = rank_entries([entry(1, prediction=1, time=250), entry(2, prediction=None)], None)
    assert order(ranked) == [(1, 1), (2, 2)]


def test_equal_distance_is_split_by_time_taken():
    entries = [entry(1, time=310), entry(2, time=290), entry(3, time=300)]
    assert order(rank_entries(entries, 50)) == [(1, 2), (2, 3), (3, 1)]


def test_equal_time_is_split_by_submission_to_the_second():
    entries = [entry(1, at=5), entry(2, at=1), entry(3, at=3)]
    assert order(rank_entries(entries, 50)) == [(1, 2), (2, 3), (3, 1)]


def test_submissions_within_one_second_share_a_rank():
    entries = [entry(1, at=1.9), entry(2, at=1.1), entry(3, at=2.0)]
    assert order(rank_entries(entries, 50)) == [(1, 1), (1, 2), (3, 3)]


def test_equal_on_every_rule_share_a_rank_and_the_next_rank_skips():
    entries = [entry(4, score=9), entry(2), entry(1), entry(3)]
    assert order(rank_entries(entries, 50)) == [(1, 1), (1, 2), (1, 3), (4, 4)]


def test_best_attempt_counts_when_several_are_allowed():
    attempts = [entry(1, score=6, attempt=1), entry(1, score=9, attempt=2), entry(2, attempt=3)]
    best = best_entries(attempts, 50)
    assert sorted(e.attempt_id for e in best) == [2, 3]
    faster = best_entries([entry(1, time=200, attempt=1), entry(1, time=100, attempt=2)], 50)
    assert faster[0].attempt_id == 2


def test_prizes_follow_ranks_and_ties_never_split_a_prize():
    prizes = [("Nhất", 1), ("Nhì", 2), ("Ba", 1)]
    entries = [entry(i, score=s) for i, s in enumerate([10, 9, 9, 9, 8, 7], start=1)]
    awarded = award_prizes(rank_entries(entries, 50), prizes)
    assert [(r.rank, r.prize) for r in awarded] == [
        (1, "Nhất"),
        (2, "Nhì"),
        (2, "Nhì"),
        (2, "Nhì"),
        (5, None),
        (6, None),
    ]


def test_overall_totals_rank_by_score_then_time_then_last_submission():
    round1 = [entry(1, score=5, time=100), entry(2, score=4, time=50), entry(3, score=5)]
    round2 = [entry(1, score=4, time=100, at=60), entry(2, score=5, time=150, at=60)]
    totals = {t.participant_id: t for t in totals_of([round1, round2])}
    assert (totals[1].score, totals[1].time_taken_s, totals[1].rounds) == (9, 200, 2)
    ranked = rank_totals(totals.values())
    assert [(r.rank, r.total.participant_id) for r in ranked] == [(1, 1), (1, 2), (3, 3)]
    later = Total(2, 9, 200, T0 + timedelta(seconds=61), 2)
    ranked = rank_totals([totals[1], later])
    assert [(r.rank, r.total.participant_id) for r in ranked] == [(1, 1), (2, 2)]


def test_unit_prizes_count_participants_and_rate_against_quota():
    units = [
        UnitCount(1, "Xã A", 30, 300),
        UnitCount(2, "Xã B", 30, 40),
        UnitCount(3, "Trường C", 12, 12),
        UnitCount(4, "Chi đoàn D", 5, None),
    ]
    assert [u.unit_id for u in most_participants(units)] == [1, 2]
    assert [u.unit_id for u in best_rate(units)] == [3]
    assert most_participants([UnitCount(1, "A", 0, 5)]) == []


@pytest.mark.parametrize(
    ("rule", "decimals", "expected"),
    [("all_correct_count", 0, 2.0), ("all_correct_percent", 2, 66.67), ("manual", 0, None)],
)
def test_tie_breaker_actual_value(rule, decimals, expected):
    best = [entry(1, score=20), entry(2, score=20), entry(3, score=19)]
    assert tie_actual(best, 20, rule, decimals) == expected
