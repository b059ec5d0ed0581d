"""The Telegram-free conversation core: text in, a Reply out; drives Telegram and `sudang chat`."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

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
from index.followup import Turn, complete
from index.history import Offered
from index.types import Answer, Passage
from knowledge.browse import BookEntry, SectionEntry, SectionPage
from knowledge.citation import Citation
from knowledge.clock import Clock, SystemClock

MAX_QUESTION_CHARS = 500
MESSAGE_LIMIT = 4096
RELATED_LIMIT = 3
BUTTON_LABEL_CHARS = 60
SUGGESTION_LABEL_CHARS = 110
SNIPPET_CHARS = 300


@dataclass(frozen=True)
class Button:
    """An inline button: a label and the packed callback data behind it."""

    label: str
    data: str


@dataclass(frozen=True)
class Reply:
    """What the bot says: Telegram-flavoured HTML text and rows of buttons."""

    html: str
    buttons: list[list[Button]] = field(default_factory=list)
    # A prompt whose answer is the user's next message: Telegram clients open a reply to it
    # (ForceReply), so the answer is told apart from anything else the user sends.
    awaits_reply: bool = False

    def plain(self) -> str:
        """The text without markup, for the terminal."""
        return html.unescape(re.sub(r"<[^>]+>", "", self.html))


def escape(text: str) -> str:
    """Text made safe for Telegram HTML (quotes left alone, which Telegram does not need)."""
    return html.escape(text, quote=False)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def clean_question(text: str) -> str:
    """The question with its whitespace normalised."""
    return " ".join(text.split())


def check_question(question: str) -> Reply | None:
    """A reply explaining why ``question`` cannot be asked, or None when it can."""
    if not question:
        return Reply(escape(texts.EMPTY_QUESTION))
    if len(question) > MAX_QUESTION_CHARS:
        return Reply(escape(texts.TOO_LONG.format(length=len(question), limit=MAX_QUESTION_CHARS)))
    return None


def _section_buttons(sections: Sequence[SectionEntry]) -> list[list[Button]]:
    return [
        [
            Button(
                texts.RELATED_PREFIX + _short(s.title, BUTTON_LABEL_CHARS),
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
        lines = [*heading, escape(texts.REFUSAL)]
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
                texts.SUGGESTION_PREFIX + _short(s.text, SUGGESTION_LABEL_CHARS),
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
    buttons = [[Button(_short(b.title, BUTTON_LABEL_CHARS), Contents(b.id).pack())] for b in books]
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
        buttons.append([Button(_short(entry.title, BUTTON_LABEL_CHARS), target)])
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
        lines.append(f"\n<b>{number}.</b> {escape(_short(passage.text, SNIPPET_CHARS))}{cited}")
    nav = []
    if page > 0:
        nav.append(Button(texts.BTN_PREV, SearchPage(search_id, page - 1).pack()))
    if page + 1 < pages:
        nav.append(Button(texts.BTN_NEXT, SearchPage(search_id, page + 1).pack()))
    return Reply("\n".join(lines), [nav] if nav else [])


_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|\n|[^\S\n]+|[^<&\s]+|[<&]")
_TAG = re.compile(r"<(/?)([a-zA-Z-]+)[^>]*?(/?)>")


@dataclass
class _Draft:
    """A message being filled: its tokens, open tags, and where it may be cut."""

    tokens: list[str] = field(default_factory=list)
    opened: list[tuple[str, str]] = field(default_factory=list)
    breaks: list[tuple[int, bool, tuple[tuple[str, str], ...]]] = field(default_factory=list)
    size: int = 0

    def add(self, token: str) -> None:
        if token.isspace():
            self.breaks.append((len(self.tokens), "\n" in token, tuple(self.opened)))
        self.tokens.append(token)
        self.size += len(token)
        tag = _TAG.fullmatch(token)
        if tag is None or tag.group(3):
            return
        if not tag.group(1):
            self.opened.append((token, tag.group(2)))
        elif self.opened:
            self.opened.pop()

    def closing(self, tags: Sequence[tuple[str, str]] | None = None) -> str:
        return "".join(f"</{name}>" for _, name in reversed(self.opened if tags is None else tags))


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Splits Telegram HTML into messages of at most ``limit`` characters.

    Cuts at a line break in the second half of a message when there is one, else at a space;
    tags open at a cut are closed at its end and reopened at the start of the next message.
    """
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    draft = _Draft()
    piece = max(1, limit // 4)
    tokens = [
        t[i : i + piece] if t[0] not in "<&" else t
        for t in _TOKEN.findall(text)
        for i in (range(0, len(t), piece) if t[0] not in "<&" else (0,))
    ]
    for token in tokens:
        if draft.tokens and draft.size + len(token) + len(draft.closing()) > limit:
            lines = [b for b in draft.breaks if b[1] and b[0] * 2 >= len(draft.tokens)]
            cut, _, tags = (lines or draft.breaks or [(len(draft.tokens), False, ())])[-1]
            if not (lines or draft.breaks):
                tags = tuple(draft.opened)
            parts.append("".join(draft.tokens[:cut]).rstrip() + draft.closing(tags))
            rest = draft.tokens[cut:]
            while rest and rest[0].isspace():
                rest.pop(0)
            draft = _Draft()
            for carried in [*(t for t, _ in tags), *rest]:
                draft.add(carried)
        draft.add(token)
    parts.append("".join(draft.tokens))
    return [p for p in parts if re.sub(r"<[^>]*>", "", p).strip()]


@dataclass(frozen=True)
class Exchange:
    """One question of a conversation: as typed, as understood (a follow-up), and its answer."""

    question: str
    understood: str | None
    answer: Answer


class Conversation:
    """Turns a user's messages into replies, completing follow-ups from the previous turn."""

    def __init__(
        self,
        ask: Callable[[str], Answer],
        clock: Clock | None = None,
        followup_minutes: float = 5.0,
        expand: Callable[[str], str] | None = None,
    ) -> None:
        """Answers with ``ask``; a previous turn counts for ``followup_minutes`` (0: never);
        ``expand`` writes abbreviations out before a follow-up is completed."""
        self._ask = ask
        self._expand = expand
        self._clock = clock or SystemClock()
        self._max_age = timedelta(minutes=followup_minutes)
        self._previous: Turn | None = None

    def exchange(self, question: str) -> Exchange:
        """Asks a question (completed when it is a follow-up) and remembers it as the last turn."""
        now = self._clock.now()
        understood = complete(question, self._previous, now, self._max_age, self._expand)
        answer = self._ask(understood or question)
        self._previous = Turn(understood or question, "" if answer.refused else answer.text, now)
        return Exchange(question, understood, answer)

    def forget(self) -> None:
        """Ends the dialogue: the next question has no previous turn."""
        self._previous = None

    def reply(self, text: str, with_passage: bool = False) -> Reply:
        """Answers one message from the book, saying how a follow-up was understood."""
        question = clean_question(text)
        problem = check_question(question)
        if problem is not None:
            return problem
        done = self.exchange(question)
        return render_answer(done.answer, with_passage=with_passage, understood=done.understood)
