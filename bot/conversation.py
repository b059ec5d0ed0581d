"""The Telegram-free conversation core: text in, a Reply out; drives Telegram and `sudang chat`."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bot import texts
from index.types import Answer

MAX_QUESTION_CHARS = 500


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

    def plain(self) -> str:
        """The text without markup, for the terminal."""
        return html.unescape(re.sub(r"<[^>]+>", "", self.html))


def render_answer(answer: Answer, with_passage: bool = False) -> Reply:
    """Formats an answer (or a refusal) with its citation."""
    if answer.refused or answer.citation is None:
        return Reply(html.escape(texts.REFUSAL))
    lines = [
        f"<b>{html.escape(answer.text)}</b>",
        "",
        f"📖 {texts.SOURCE}: {html.escape(answer.citation.render())}",
    ]
    if with_passage and answer.passage:
        lines += [
            "",
            f"<i>{texts.PASSAGE}:</i>",
            f"<blockquote>{html.escape(answer.passage)}</blockquote>",
        ]
    return Reply("\n".join(lines))


class Conversation:
    """Turns a user's message into a reply using one domain call."""

    def __init__(self, ask: Callable[[str], Answer]) -> None:
        self._ask = ask

    def reply(self, text: str, with_passage: bool = False) -> Reply:
        """Answers one message from the book."""
        question = " ".join(text.split())
        if not question:
            return Reply(html.escape(texts.EMPTY_QUESTION))
        if len(question) > MAX_QUESTION_CHARS:
            return Reply(
                html.escape(texts.TOO_LONG.format(length=len(question), limit=MAX_QUESTION_CHARS))
            )
        return render_answer(self._ask(question), with_passage=with_passage)
