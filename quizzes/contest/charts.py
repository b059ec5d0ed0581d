"""Contest charts as PNG bytes (matplotlib, Agg backend): per day, per unit, score spread."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

import matplotlib
from matplotlib.figure import Figure

from quizzes.contest import texts
from quizzes.contest.ranking import UnitCount

# No display on a server; Figure objects never touch pyplot's global state.
matplotlib.use("Agg")

SIZE = (8, 4.5)
DPI = 110


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def per_day_chart(days: Sequence[tuple[date, int]]) -> bytes:
    """Finished attempts per day (Vietnam time) as a bar chart."""
    figure = Figure(figsize=SIZE)
    axes = figure.subplots()
    axes.bar([d.strftime("%d/%m") for d, _ in days], [n for _, n in days], color="#c0392b")
    axes.set_title(texts.CHART_DAYS)
    axes.set_ylabel(texts.CHART_COUNT)
    return _png(figure)


def per_unit_chart(units: Sequence[UnitCount]) -> bytes:
    """Participants per unit as horizontal bars, most first."""
    ordered = sorted(units, key=lambda u: u.participants)
    figure = Figure(figsize=(SIZE[0], max(SIZE[1], 0.35 * len(ordered))))
    axes = figure.subplots()
    axes.barh([u.name for u in ordered], [u.participants for u in ordered], color="#2e86c1")
    axes.set_title(texts.CHART_UNITS)
    axes.set_xlabel(texts.CHART_PEOPLE)
    return _png(figure)


def score_chart(histogram: dict[int, int], questions: int) -> bytes:
    """How many attempts reached each score, from 0 to a perfect score."""
    scores = list(range(questions + 1))
    figure = Figure(figsize=SIZE)
    axes = figure.subplots()
    axes.bar(scores, [histogram.get(s, 0) for s in scores], color="#27ae60")
    axes.set_title(texts.CHART_SCORES)
    axes.set_xlabel(texts.CHART_SCORE)
    axes.set_ylabel(texts.CHART_COUNT)
    return _png(figure)
