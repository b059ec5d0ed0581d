"""Draft review as replies: a draft with its passage, and what each edit outcome says."""

from __future__ import annotations

from bot import texts
from bot.callbacks import QuestionReview
from bot.views.reply import Button, Reply, escape, shorten
from quizzes.bank import LETTERS, DraftView, EditOutcome

PASSAGE_CHARS = 1500


def render_draft(view: DraftView | None) -> Reply:
    """A draft for review: question, options (✅ correct), explanation, passage, buttons."""
    if view is None:
        return Reply(texts.QREVIEW_NONE)
    lines = [texts.QREVIEW_CARD.format(id=view.question_id, remaining=view.remaining)]
    if view.chapter:
        lines.append(escape(texts.QREVIEW_CHAPTER.format(chapter=view.chapter)))
    lines += ["", f"<b>{escape(view.text)}</b>"]
    for position, option in enumerate(view.options):
        mark = texts.QREVIEW_RIGHT if position in view.correct else texts.QREVIEW_WRONG
        lines.append(f"{mark} {LETTERS[position]}. {escape(option)}")
    if view.explanation:
        lines.append(escape(texts.QREVIEW_EXPLANATION.format(text=view.explanation)))
    if view.source_sentence:
        lines.append(f"<i>{escape(texts.QREVIEW_SENTENCE.format(text=view.source_sentence))}</i>")
    lines.append("")
    if view.passage is not None:
        citation = view.citation.render() if view.citation else ""
        lines.append(escape(texts.QREVIEW_PASSAGE.format(citation=citation)))
        lines.append(f"<blockquote>{escape(shorten(view.passage, PASSAGE_CHARS))}</blockquote>")
    else:
        lines.append(texts.QREVIEW_NO_PASSAGE)
    qid = view.question_id
    buttons = [
        [
            Button(texts.BTN_QUESTION_APPROVE, QuestionReview(qid, "approve").pack()),
            Button(texts.BTN_QUESTION_REJECT, QuestionReview(qid, "reject").pack()),
        ],
        [
            Button(texts.BTN_QUESTION_EDIT, QuestionReview(qid, "edit").pack()),
            Button(texts.BTN_QUESTION_SKIP, QuestionReview(qid, "skip").pack()),
        ],
    ]
    return Reply("\n".join(lines), buttons)


EDIT_REPLIES = {
    EditOutcome.SAVED: texts.QREVIEW_EDITED,
    EditOutcome.EMPTY: texts.QREVIEW_EDIT_EMPTY,
    EditOutcome.DUPLICATE: texts.QREVIEW_EDIT_DUPLICATE,
    EditOutcome.GONE: texts.QREVIEW_EDIT_GONE,
}
