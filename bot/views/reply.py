"""Replies as plain values: HTML text with rows of buttons, escaping, shortening, splitting."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

MESSAGE_LIMIT = 4096


@dataclass(frozen=True)
class Button:
    """An inline button: a label and the packed callback data behind it, or (``web_app``) the
    https address of a Mini App the button opens, or (``url``) a link it opens."""

    label: str
    data: str
    web_app: bool = False
    url: bool = False


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


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis when longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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
