"""Ranking as published, as pure functions: score, tie-breaker distance, time, submission.

Rules, in order: more correct answers; smaller |prediction − actual| (no prediction ranks after
any prediction; ignored while ``actual`` is unknown); less time taken (whole seconds); earlier
submission (to the second). Entries equal on all four share a rank ("1, 1, 3").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from quizzes.contest.models import TIE_RULES


@dataclass(frozen=True)
class Entry:
    """One participant's submitted attempt in a round."""

    participant_id: int
    score: int
    prediction: float | None
    time_taken_s: int
    submitted_at: datetime
    attempt_id: int = 0


@dataclass(frozen=True)
class Ranked:
    """An entry with its rank, its distance to the tie-breaker's answer, and its prize."""

    rank: int
    entry: Entry
    deviation: float | None
    prize: str | None = None


@dataclass(frozen=True)
class Total:
    """One participant's sum over rounds (best attempt of each round)."""

    participant_id: int
    score: int
    time_taken_s: int
    last_submitted_at: datetime
    rounds: int


@dataclass(frozen=True)
class RankedTotal:
    """A participant's place on the overall leaderboard."""

    rank: int
    total: Total


@dataclass(frozen=True)
class UnitCount:
    """How many people of a unit took part, against its expected number."""

    unit_id: int
    name: str
    participants: int
    quota: int | None

    @property
    def rate(self) -> float | None:
        """Participants per expected participant, in percent (None without a quota)."""
        return 100 * self.participants / self.quota if self.quota else None


def deviation(entry: Entry, actual: float | None) -> float | None:
    """|prediction − actual|, rounded against float noise; None when either is unknown."""
    if actual is None or entry.prediction is None:
        return None
    return round(abs(entry.prediction - actual), 9)


def sort_key(entry: Entry, actual: float | None) -> tuple[int, float, int, datetime]:
    """The published order as a tuple: smaller is better."""
    distance = deviation(entry, actual)
    if actual is None:
        distance = 0.0
    elif distance is None:
        distance = math.inf
    submitted = entry.submitted_at.replace(microsecond=0)
    return (-entry.score, distance, entry.time_taken_s, submitted)


def best_entries(entries: Iterable[Entry], actual: float | None) -> list[Entry]:
    """Each participant's best attempt by the same rules (for rounds allowing several)."""
    best: dict[int, Entry] = {}
    for entry in entries:
        held = best.get(entry.participant_id)
        if held is None or sort_key(entry, actual) < sort_key(held, actual):
            best[entry.participant_id] = entry
    return list(best.values())


def rank_entries(entries: Iterable[Entry], actual: float | None) -> list[Ranked]:
    """Ranks entries (one per participant) best first; equal keys share a rank.

    Args:
        entries: One entry per participant (see `best_entries`).
        actual: The tie-breaker's answer, or None while the round is open.

    Returns:
        Ranked entries; within a shared rank, by participant id.
    """
    ordered = sorted(entries, key=lambda e: (sort_key(e, actual), e.participant_id))
    ranked: list[Ranked] = []
    previous = None
    for place, entry in enumerate(ordered, start=1):
        key = sort_key(entry, actual)
        rank = ranked[-1].rank if key == previous else place
        ranked.append(Ranked(rank, entry, deviation(entry, actual)))
        previous = key
    return ranked


def award_prizes(ranked: Sequence[Ranked], prizes: Sequence[tuple[str, int]]) -> list[Ranked]:
    """Gives each entry the first prize whose cumulative count reaches its rank.

    Entries tied at a boundary all get the better prize, so a tie never splits a prize.
    """
    bounds: list[tuple[str, int]] = []
    total = 0
    for name, count in prizes:
        total += count
        bounds.append((name, total))
    awarded = []
    for row in ranked:
        prize = next((name for name, bound in bounds if row.rank <= bound), None)
        awarded.append(replace(row, prize=prize))
    return awarded


def rank_totals(totals: Iterable[Total]) -> list[RankedTotal]:
    """The overall leaderboard: total score desc, total time asc, last submission asc."""

    def key(total: Total) -> tuple[int, int, datetime]:
        return (-total.score, total.time_taken_s, total.last_submitted_at.replace(microsecond=0))

    ordered = sorted(totals, key=lambda t: (key(t), t.participant_id))
    ranked: list[RankedTotal] = []
    for place, total in enumerate(ordered, start=1):
        same = ranked and key(ranked[-1].total) == key(total)
        ranked.append(RankedTotal(ranked[-1].rank if same else place, total))
    return ranked


def totals_of(per_round: Iterable[Sequence[Entry]]) -> list[Total]:
    """Sums each participant's best entries over rounds."""
    sums: dict[int, Total] = {}
    for entries in per_round:
        for e in entries:
            held = sums.get(e.participant_id)
            if held is None:
                sums[e.participant_id] = Total(
                    e.participant_id, e.score, e.time_taken_s, e.submitted_at, 1
                )
            else:
                sums[e.participant_id] = Total(
                    e.participant_id,
                    held.score + e.score,
                    held.time_taken_s + e.time_taken_s,
                    max(held.last_submitted_at, e.submitted_at),
                    held.rounds + 1,
                )
    return list(sums.values())


def most_participants(units: Iterable[UnitCount]) -> list[UnitCount]:
    """The unit(s) with the most participants (all tied units; none if nobody took part)."""
    units = list(units)
    top = max((u.participants for u in units), default=0)
    return [u for u in units if top and u.participants == top]


def best_rate(units: Iterable[UnitCount]) -> list[UnitCount]:
    """The unit(s) with the highest participation rate against their quota."""
    rated = [u for u in units if u.rate is not None and u.participants]
    top = max((u.rate or 0.0 for u in rated), default=0.0)
    return [u for u in rated if u.rate == top]


def tie_actual(
    best: Sequence[Entry], questions: int, rule: str, decimals: int = 0
) -> float | None:
    """The tie-breaker's answer for a closed round, from each participant's best entry.

    Args:
        best: One entry per participant.
        questions: Questions per attempt (a perfect score).
        rule: "all_correct_count" (how many answered everything right), "all_correct_percent"
            (the same as a percentage of participants) or "manual" (None: the admin sets it).
        decimals: Decimal places kept for a percentage.
    """
    if rule not in TIE_RULES:
        raise ValueError(rule)
    perfect = sum(1 for e in best if e.score >= questions)
    if rule == "all_correct_count":
        return float(perfect)
    if rule == "all_correct_percent":
        return round(100 * perfect / len(best), decimals) if best else 0.0
    return None
