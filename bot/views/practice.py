"""Telegram-free rendering of practice, the daily question, personal stats and draft review."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot import texts
from bot.callbacks import PracticeStart
from bot.views.reply import Button, Reply, escape, shorten
from quizzes.practice import Answered, ChapterChoice, LearnerStats, PracticeResult, ShownQuestion

QUESTION_LIMIT = 300
OPTION_LIMIT = 100
EXPLANATION_LIMIT = 200
BUTTON_LABEL_CHARS = 60


@dataclass(frozen=True)
class PollView:
    """A question as a poll: its question and option texts within Telegram's limits.

    Attributes:
        question: The poll's question (at most 300 characters).
        options: Option texts (at most 100 characters each).
        explanation: Shown after a quiz answer (at most 200 characters), citing the book.
        preface: A message sent before the poll when the question is too long for it.
    """

    question: str
    options: tuple[str, ...]
    explanation: str | None
    preface: Reply | None


def source_of(shown: ShownQuestion) -> str | None:
    """The chapter and pages a question comes from ("Chương I. …, tr. 4"), when known."""
    citation = shown.citation
    chapter = shown.chapter or (
        citation.heading_path[0] if citation and citation.heading_path else None
    )
    parts = [p for p in (chapter, citation.page_label if citation else "") if p]
    return ", ".join(parts) or None


def poll_explanation(shown: ShownQuestion) -> str | None:
    """The explanation and the source, cut to fit Telegram's 200 characters."""
    source = source_of(shown)
    cited = (
        shorten(texts.PRACTICE_SOURCE.format(source=source), EXPLANATION_LIMIT) if source else ""
    )
    explanation = " ".join((shown.explanation or "").split())
    if not explanation:
        return cited or None
    if not cited:
        return shorten(explanation, EXPLANATION_LIMIT)
    room = EXPLANATION_LIMIT - len(cited) - 1
    if room < 20:
        return cited
    return f"{shorten(explanation, room)}\n{cited}"


def poll_view(shown: ShownQuestion) -> PollView:
    """The poll for a question; a long question goes in a message before it."""
    hint = texts.PRACTICE_MULTI_HINT if shown.multi else ""
    question = (
        texts.PRACTICE_QUESTION.format(number=shown.number, total=shown.total, text=shown.text)
        + hint
    )
    preface = None
    if len(question) > QUESTION_LIMIT:
        preface = Reply(
            texts.PRACTICE_LONG_QUESTION.format(
                number=shown.number, total=shown.total, text=escape(shown.text)
            )
        )
        question = texts.PRACTICE_QUESTION_ABOVE.format(number=shown.number, total=shown.total)
        question = shorten(question + hint, QUESTION_LIMIT)
    options = tuple(shorten(o, OPTION_LIMIT) for o in shown.options)
    return PollView(question, options, poll_explanation(shown), preface)


def render_chapters(choices: Sequence[ChapterChoice], size: int) -> Reply:
    """The /luyentap menu: a button per chapter with approved questions, and "random"."""
    if not choices:
        return Reply(texts.PRACTICE_NONE)
    buttons = [
        [
            Button(
                shorten(
                    texts.PRACTICE_CHAPTER_BUTTON.format(chapter=c.chapter, count=c.count),
                    BUTTON_LABEL_CHARS,
                ),
                PracticeStart(c.key).pack(),
            )
        ]
        for c in choices
    ]
    buttons.append([Button(texts.BTN_PRACTICE_RANDOM, PracticeStart(0).pack())])
    return Reply(texts.PRACTICE_CHOOSE.format(size=size), buttons)


def render_started(first: ShownQuestion, chapter: str | None) -> Reply:
    """The line before the first question."""
    scope = escape(chapter) if chapter else texts.PRACTICE_ALL_CHAPTERS
    return Reply(texts.PRACTICE_STARTED.format(scope=scope, total=first.total))


def render_multi_feedback(answered: Answered) -> Reply:
    """Right or wrong for a multi-answer question (a regular poll shows neither)."""
    if answered.correct:
        return Reply(texts.PRACTICE_MULTI_RIGHT)
    answers = "; ".join(answered.shown.options[i] for i in answered.shown.correct)
    lines = [escape(texts.PRACTICE_MULTI_WRONG.format(answers=answers))]
    explanation = poll_explanation(answered.shown)
    if explanation:
        lines.append(escape(explanation))
    return Reply("\n".join(lines))


def render_result(result: PracticeResult) -> Reply:
    """The score and the chapters to reread."""
    lines = [texts.PRACTICE_RESULT.format(score=result.score, total=result.total)]
    if result.chapters_to_reread:
        lines.append(texts.PRACTICE_REREAD)
        lines += [f"• {escape(chapter)}" for chapter in result.chapters_to_reread]
    elif result.score == result.total:
        lines.append(texts.PRACTICE_PERFECT)
    lines += ["", texts.PRACTICE_AGAIN]
    return Reply("\n".join(lines))


def render_learner_stats(stats: LearnerStats) -> Reply:
    """The /ketqua report."""
    if not stats.answered:
        return Reply(texts.MY_STATS_NONE)
    share = round(100 * stats.correct / stats.answered)
    lines = [
        texts.MY_STATS_HEADER,
        texts.MY_STATS.format(
            sessions=stats.sessions, answered=stats.answered, correct=stats.correct, share=share
        ),
    ]
    if stats.weakest:
        lines += ["", texts.MY_STATS_WEAK]
        lines += [
            texts.MY_STATS_WEAK_ROW.format(
                chapter=escape(r.chapter), correct=r.correct, answered=r.answered
            )
            for r in stats.weakest
        ]
    return Reply("\n".join(lines))
