"""Answers, search results, contents and the welcome as replies."""

from __future__ import annotations

from collections.abc import Sequence

from bot import texts
from bot.callbacks import (
    AskSuggested,
    Contents,
    Feedback,
    MenuChoice,
    PracticeMenu,
    ReadSection,
    SearchPage,
    ShowPassage,
)
from bot.core.ask import Asked, RecordedPassage
from bot.views.reply import Button, Reply, escape, shorten
from index.history import Offered
from index.types import Answer, Passage
from knowledge.browse import BookEntry, SectionEntry, SectionPage
from knowledge.citation import Citation

MAX_QUESTION_CHARS = 500


RELATED_LIMIT = 3


BUTTON_LABEL_CHARS = 60


SUGGESTION_LABEL_CHARS = 110


SNIPPET_CHARS = 300


def refusal_text(answer: Answer) -> str:
    """Why nothing is quoted: the book does not say, or does not say what the question states;
    or the reply to small talk ("cảm ơn", "bạn là ai")."""
    if answer.small_talk:
        return texts.SMALL_TALK.get(answer.small_talk, texts.REFUSAL)
    if answer.unstated:
        return texts.REFUSAL_UNSTATED.format(what=answer.unstated)
    return texts.REFUSAL


def answer_fields(question: str, answer: Answer, asked: Asked | None = None) -> dict[str, object]:
    """An answer as plain fields: `sudang ask --json` and the web API give the same keys.

    With ``asked`` (the recorded question) also how a follow-up was understood, the stored
    question's id and the suggested next questions.
    """
    citation = answer.citation
    fields: dict[str, object] = {
        "question": question,
        "answer": answer.text,
        "refused": answer.refused,
        "refusal": refusal_text(answer) if answer.refused else None,
        "confidence": round(answer.confidence, 4),
        "question_type": answer.question_type,
        "citation": citation.render() if citation else None,
        "pages": list(citation.pages) if citation and citation.pages else None,
        "passage": answer.passage,
        "chunk_id": answer.chunk_id,
        "small_talk": answer.small_talk or None,
    }
    if asked is not None:
        fields["understood"] = asked.understood
        fields["question_id"] = asked.question_id
        fields["suggestions"] = [s.text for s in asked.suggestions]
    return fields


def question_problem(question: str) -> str | None:
    """Why ``question`` cannot be asked (plain text), or None when it can."""
    if not question:
        return texts.EMPTY_QUESTION
    if len(question) > MAX_QUESTION_CHARS:
        return texts.TOO_LONG.format(length=len(question), limit=MAX_QUESTION_CHARS)
    return None


def check_question(question: str) -> Reply | None:
    """A reply explaining why ``question`` cannot be asked, or None when it can."""
    problem = question_problem(question)
    return None if problem is None else Reply(escape(problem))


def _section_buttons(sections: Sequence[SectionEntry]) -> list[list[Button]]:
    return [
        [
            Button(
                texts.RELATED_PREFIX + shorten(s.title, BUTTON_LABEL_CHARS),
                ReadSection(s.id).pack() if s.has_text else Contents(s.book_id, s.id).pack(),
            )
        ]
        for s in sections[:RELATED_LIMIT]
    ]


def understood_line(understood: str) -> str:
    """The "Hiểu là: …" line shown above the answer to a completed follow-up."""
    return f"<i>{escape(texts.UNDERSTOOD.format(question=understood))}</i>"


def _heading(understood: str | None, asked: str | None) -> list[str]:
    lines = []
    if asked:
        lines.append(f"<b>{escape(texts.SUGGESTION_ASKED.format(question=asked))}</b>")
    if understood:
        lines.append(understood_line(understood))
    return [*lines, ""] if lines else []


def render_answer(
    answer: Answer,
    with_passage: bool = False,
    question_id: int | None = None,
    related: Sequence[SectionEntry] = (),
    understood: str | None = None,
    suggestions: Sequence[Offered] = (),
    asked: str | None = None,
) -> Reply:
    """Formats an answer (or a refusal) with its citation; buttons when it was recorded.

    ``understood`` (a completed follow-up) and ``asked`` (a pressed suggestion) head the reply;
    ``suggestions`` become buttons under an answer, never under a refusal.
    """
    heading = _heading(understood, asked)
    if answer.refused or answer.citation is None:
        lines = [*heading, escape(refusal_text(answer))]
        if related:
            lines += ["", escape(texts.REFUSAL_NEARBY)]
        return Reply("\n".join(lines), _section_buttons(related))
    text = render_cited(answer.text, answer.citation, answer.passage if with_passage else None)
    buttons: list[list[Button]] = []
    if question_id is not None:
        buttons.append([Button(texts.BTN_PASSAGE, ShowPassage(question_id).pack())])
        buttons.append(
            [
                Button(texts.BTN_GOOD, Feedback(question_id, True).pack()),
                Button(texts.BTN_BAD, Feedback(question_id, False).pack()),
            ]
        )
    buttons += [
        [
            Button(
                texts.SUGGESTION_PREFIX + shorten(s.text, SUGGESTION_LABEL_CHARS),
                AskSuggested(s.id).pack(),
            )
        ]
        for s in suggestions
    ]
    return Reply("\n".join([*heading, text]), buttons + _section_buttons(related))


def render_cited(text: str, citation: Citation, passage: str | None = None) -> str:
    """The answer sentence(s) in bold, the citation, and optionally the whole passage."""
    lines = [f"<b>{escape(text)}</b>", "", f"📖 {texts.SOURCE}: {escape(citation.render())}"]
    if passage:
        lines += ["", f"<i>{texts.PASSAGE}:</i>", f"<blockquote>{escape(passage)}</blockquote>"]
    return "\n".join(lines)


def welcome(name: str | None, books: Sequence[str]) -> Reply:
    """The /start greeting naming the books, with the main menu."""
    who = escape(name or texts.FRIEND)
    if not books:
        return Reply(texts.WELCOME_NO_BOOKS.format(name=who))
    titles = texts.BOOK_JOINER.join(f"<i>{escape(t)}</i>" for t in books)
    menu = [
        [
            Button(texts.MENU_ASK, MenuChoice("ask").pack()),
            Button(texts.MENU_CONTENTS, Contents().pack()),
        ],
        [Button(texts.MENU_PRACTICE, PracticeMenu().pack())],
    ]
    return Reply(texts.WELCOME.format(name=who, books=titles), menu)


def render_books(books: Sequence[BookEntry]) -> Reply:
    """The first level of /mucluc when there are several books."""
    buttons = [
        [Button(shorten(b.title, BUTTON_LABEL_CHARS), Contents(b.id).pack())] for b in books
    ]
    return Reply(texts.CONTENTS_BOOKS, buttons)


def render_contents(
    title: str,
    entries: Sequence[SectionEntry],
    book_id: int,
    parent: SectionEntry | None = None,
    up: Contents | None = None,
) -> Reply:
    """One level of the table of contents: a button per heading, plus reading and going up."""
    header = texts.CONTENTS_SECTION if parent else texts.CONTENTS_BOOK
    buttons = []
    if parent is not None and parent.has_text:
        buttons.append([Button(texts.BTN_READ, ReadSection(parent.id).pack())])
    for entry in entries:
        target = (
            Contents(book_id, entry.id) if entry.has_children else ReadSection(entry.id)
        ).pack()
        buttons.append([Button(shorten(entry.title, BUTTON_LABEL_CHARS), target)])
    if up is not None:
        label = texts.BTN_BOOKS if up == Contents() else texts.BTN_UP
        buttons.append([Button(label, up.pack())])
    return Reply(header.format(title=escape(title)), buttons)


def render_section_page(page: SectionPage) -> Reply:
    """One page of a section, with page navigation and a way back to its level."""
    body = "\n\n".join(escape(p) for p in page.text.split("\n\n"))
    header = texts.READ_HEADER.format(
        title=escape(page.section.title), citation=escape(page.citation.render())
    )
    lines = [header, "", body]
    if page.pages > 1:
        lines += ["", f"<i>{texts.PAGE_OF.format(page=page.page + 1, pages=page.pages)}</i>"]
    nav = []
    if page.page > 0:
        nav.append(Button(texts.BTN_PREV, ReadSection(page.section.id, page.page - 1).pack()))
    if page.page + 1 < page.pages:
        nav.append(Button(texts.BTN_NEXT, ReadSection(page.section.id, page.page + 1).pack()))
    up = Contents(page.section.book_id, page.parent_id or 0)
    buttons = [nav] if nav else []
    buttons.append([Button(texts.BTN_UP, up.pack())])
    return Reply("\n".join(lines), buttons)


def render_search(
    query: str, passages: Sequence[Passage], search_id: int, page: int, page_size: int
) -> Reply:
    """One page of /timkiem results: a snippet and a citation per passage, with paging."""
    if not passages:
        return Reply(escape(texts.SEARCH_NONE.format(query=query)))
    pages = (len(passages) + page_size - 1) // page_size
    page = min(max(page, 0), pages - 1)
    first = page * page_size
    shown = passages[first : first + page_size]
    lines = [
        escape(
            texts.SEARCH_HEADER.format(
                query=query, first=first + 1, last=first + len(shown), total=len(passages)
            )
        )
    ]
    for number, passage in enumerate(shown, start=first + 1):
        cited = f"\n📖 <i>{escape(passage.citation.render())}</i>" if passage.citation else ""
        lines.append(f"\n<b>{number}.</b> {escape(shorten(passage.text, SNIPPET_CHARS))}{cited}")
    nav = []
    if page > 0:
        nav.append(Button(texts.BTN_PREV, SearchPage(search_id, page - 1).pack()))
    if page + 1 < pages:
        nav.append(Button(texts.BTN_NEXT, SearchPage(search_id, page + 1).pack()))
    return Reply("\n".join(lines), [nav] if nav else [])


def render_asked(asked: Asked, with_passage: bool = False, pressed: bool = False) -> Reply:
    """An answered question as the asker sees it; ``pressed`` when it was a suggestion button."""
    return render_answer(
        asked.answer,
        with_passage=with_passage,
        question_id=asked.question_id,
        related=asked.related,
        understood=asked.understood,
        suggestions=asked.suggestions,
        asked=asked.question if pressed else None,
    )


def render_passage(found: RecordedPassage) -> str:
    """A recorded answer with its whole passage (and how a follow-up was understood)."""
    cited = render_cited(found.answer_text, found.citation, found.passage)
    if found.understood is None:
        return cited
    return f"{understood_line(found.understood)}\n\n{cited}"
