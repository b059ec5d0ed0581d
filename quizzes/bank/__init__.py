"""The question bank: drafts, review states, imports, exports and questions drawn from the book."""

from __future__ import annotations

from quizzes.bank.content import LETTERS, QuestionDraft
from quizzes.bank.export import export_xlsx
from quizzes.bank.generate import generate_drafts
from quizzes.bank.importers import ImportReport, import_file
from quizzes.bank.models import STATUSES, Question
from quizzes.bank.review import (
    DraftView,
    Edited,
    EditOutcome,
    decide,
    draft_view,
    finish_edit,
    next_draft,
    start_edit,
)
from quizzes.bank.store import (
    LinkReport,
    add_question,
    link_support,
    list_questions,
    status_counts,
)
from quizzes.bank.suggest import Suggestion, SuggestionCache, choose, drafts_for, keep_answered

__all__ = [
    "LETTERS",
    "STATUSES",
    "DraftView",
    "EditOutcome",
    "Edited",
    "ImportReport",
    "LinkReport",
    "Question",
    "QuestionDraft",
    "Suggestion",
    "SuggestionCache",
    "add_question",
    "choose",
    "decide",
    "draft_view",
    "drafts_for",
    "export_xlsx",
    "finish_edit",
    "generate_drafts",
    "import_file",
    "keep_answered",
    "link_support",
    "list_questions",
    "next_draft",
    "start_edit",
    "status_counts",
]
