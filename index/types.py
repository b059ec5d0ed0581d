"""Values that flow out of the index: search hits, passages and grounded answers."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.citation import Citation


@dataclass(frozen=True)
class Hit:
    """One retrieved passage with its fused score and the evidence behind it.

    Attributes:
        chunk_id: Id of the passage (a chunk id for books, any string id for other corpora).
        score: Fused score; higher is better; only comparable within one query.
        lexical: Raw BM25 score of the passage, None when the lexical side did not return it.
        dense: Cosine similarity of query and passage vectors, None when not computed.
        lexical_rank: 1-based rank on the lexical side, None when absent.
        dense_rank: 1-based rank on the dense side, None when absent.
    """

    chunk_id: str
    score: float
    lexical: float | None = None
    dense: float | None = None
    lexical_rank: int | None = None
    dense_rank: int | None = None


@dataclass(frozen=True)
class Passage:
    """The text of a retrieved passage and where it comes from."""

    chunk_id: str
    text: str
    citation: Citation | None = None


@dataclass(frozen=True)
class Answer:
    """A grounded answer: sentences copied from the book, never generated text.

    Attributes:
        text: The answering sentence(s), verbatim from the passage ("" when refused).
        citation: Where the passage comes from (None when refused with no passage).
        passage: The whole passage the sentences were taken from.
        confidence: 0..1, calibrated so that the refusal threshold means something.
        refused: True when the book does not say (confidence below the threshold).
        chunk_id: The passage's id.
        question_type: What kind of question: "date", "person", "number", "place" or "other".
        related: Other relevant passages' ids, best first.
        unstated: When refused because the question states something the book does not say
            where the answer is: that number, count or name, as the question wrote it.
        small_talk: When the message was small talk, not a question (a greeting, thanks, "who
            are you"): its kind (`index.chat.KINDS`); such a message is never searched.
    """

    text: str
    citation: Citation | None
    passage: str
    confidence: float
    refused: bool
    chunk_id: str | None = None
    question_type: str = "other"
    related: tuple[str, ...] = ()
    unstated: str = ""
    small_talk: str = ""
