"""Helpers the feature handlers share: sending a Reply, the typing indicator, group addressing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import BinaryIO, TypeVar

from telegram import ForceReply, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import filters

from bot import texts
from bot.keyboards import markup
from bot.views.reply import Reply, split_message

log = logging.getLogger(__name__)
TYPING_EVERY = 4.5
MB = 1_048_576
PART_MARGIN = 64 * 1024  # room for the multipart form around the file


async def send(message: Message, reply: Reply, quote: bool = False) -> Message:
    """Sends ``reply`` in the chat of ``message``, split at 4,096 characters; buttons go last.

    A prompt awaiting a reply opens the reply field (ForceReply); one that also has buttons
    (a cancel button) keeps them on its text and opens the field with a short line after it,
    since one message cannot carry both.
    """
    parts = split_message(reply.html)
    sent = message
    last: InlineKeyboardMarkup | ForceReply | None = markup(reply.buttons)
    if last is None and reply.awaits_reply:
        last = ForceReply(selective=True)
    for number, part in enumerate(parts, start=1):
        sent = await message.reply_text(
            part,
            reply_markup=last if number == len(parts) else None,
            do_quote=quote and number == 1,
        )
    if reply.awaits_reply and isinstance(last, InlineKeyboardMarkup):
        sent = await message.reply_text(texts.REPLY_HERE, reply_markup=ForceReply(selective=True))
    return sent


async def edit(
    message: Message, reply: Reply, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Replaces a bot message with ``reply`` (sent anew when too long to fit in one).

    ``keyboard``, when given, replaces the reply's own buttons.
    """
    keyboard = keyboard or markup(reply.buttons)
    if len(split_message(reply.html)) > 1:
        await send(message, Reply(reply.html), quote=True)
        return
    try:
        await message.edit_text(reply.html, reply_markup=keyboard)
    except BadRequest as exc:
        if "not modified" not in exc.message:
            raise


@contextlib.asynccontextmanager
async def typing(message: Message, after: float) -> AsyncIterator[None]:
    """Shows "typing…" in the chat while the block runs, unless it ends within ``after`` s."""

    async def keep_typing() -> None:
        await asyncio.sleep(after)
        while True:
            await message.get_bot().send_chat_action(message.chat_id, ChatAction.TYPING)
            await asyncio.sleep(TYPING_EVERY)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task


class AddressedToBot(filters.MessageFilter):
    """Private messages, and group messages that mention the bot or reply to it."""

    def filter(self, message: Message) -> bool:
        """True when the bot is meant to answer this message.

        A mention is found in the text itself: Telegram marks it with an entity, but a text
        match also covers clients that send none.
        """
        if message.chat.type == message.chat.PRIVATE:
            return True
        if replies_to_bot(message):
            return True
        return (
            _mention(message.get_bot().username).search(message.text or message.caption or "")
            is not None
        )


def _mention(username: str) -> re.Pattern[str]:
    return re.compile(rf"@{re.escape(username)}\b", flags=re.IGNORECASE)


def replies_to_bot(message: Message) -> bool:
    """True when the message replies to one of the bot's messages (a prompt it answers)."""
    reply_to = message.reply_to_message
    return bool(
        reply_to is not None
        and reply_to.from_user
        and reply_to.from_user.id == message.get_bot().id
    )


def without_mention(message: Message) -> str:
    """The message text with mentions of the bot removed."""
    return _mention(message.get_bot().username).sub(" ", message.text or "")


def user_id(update: Update) -> int:
    """The sender's id (0 when Telegram sends none, e.g. for channel posts)."""
    return update.effective_user.id if update.effective_user else 0


async def admin_allowed(update: Update, admins: frozenset[int]) -> bool:
    """True for an admin in a private chat; anyone else is told the command is for admins
    only, and an admin in a group that it works in a private chat only."""
    if user_id(update) not in admins:
        await _refuse(update, texts.ADMIN_ONLY)
        return False
    return await in_private(update)


async def in_private(update: Update) -> bool:
    """True in a private chat; in a group the sender is told to use a private chat.

    Commands for admins and editors show personal data (names, units, questions people
    asked) and send exports: never where other members of a group would see them.
    """
    chat = update.effective_chat
    if chat is not None and chat.type == chat.PRIVATE:
        return True
    await _refuse(update, texts.PRIVATE_ONLY)
    return False


async def _refuse(update: Update, text: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_message is not None:
        await send(update.effective_message, Reply(text))


def retry_seconds(error: RetryAfter) -> float:
    """How long Telegram asked to wait (a number or a timedelta, by PTB version)."""
    wait = error.retry_after
    return wait if isinstance(wait, int | float) else wait.total_seconds()


SEND_TRIES = 3
"""Tries per recipient and pass of a send to many: "retry after" and server errors."""
SERVER_ERROR_PAUSE_S = 1.0
"""Wait after a server error (5xx) or a timeout before trying a send again."""


@dataclass(frozen=True)
class Outcome:
    """What became of one send to one recipient.

    ``status`` is "sent", "blocked" (the bot may no longer write there), "failed" (Telegram
    refused it for good: chat not found, bad request) or "later" (Telegram could not take it
    for now: flood waits or server errors that outlasted the tries).
    """

    status: str
    error: str | None = None


Sender = Callable[[int | str], Awaitable[object]]
"""Sends to a chat id (may raise Telegram errors)."""


def in_steps(*steps: Sender) -> Callable[[int | str], Awaitable[None]]:
    """One send made of several calls (a header, then a poll), as a send that, tried again
    after a failure, goes on from the call that failed instead of repeating those that went
    through."""
    done = 0

    async def send(chat: int | str) -> None:
        nonlocal done
        while done < len(steps):
            await steps[done](chat)
            done += 1

    return send


T = TypeVar("T")


async def in_passes(pending: list[T], attempt: Callable[[T], Awaitable[Outcome]]) -> list[T]:
    """Sends to many: each recipient once per pass; those Telegram could not take for now
    ("later") get another pass, as long as a pass gets some through.

    Args:
        pending: The recipients, in order.
        attempt: Sends to one recipient and records what became of it.

    Returns:
        The recipients still left for later when a pass got none through.
    """
    while pending:
        later = [item for item in pending if (await attempt(item)).status == "later"]
        if len(later) in (0, len(pending)):
            return later
        pending = later
    return []


async def send_to(
    send: Callable[[int | str], Awaitable[object]],
    chat: int | str,
    pause: Callable[[float], Awaitable[object]],
    moved: Callable[[int], Awaitable[object]] | None = None,
) -> Outcome:
    """Sends one message (or one ``in_steps`` send) to one of many recipients.

    "Retry after" is waited out and a server error or a timeout waits a moment before the next
    try: nothing reached the recipient (a timed-out send may have, so a retry prefers sending
    twice to not at all). A group that became a supergroup is followed to its new id, which
    ``moved`` records. One recipient's failure is its own outcome, never an exception.

    Args:
        send: Sends to a chat id (may raise Telegram errors).
        chat: The recipient's chat.
        pause: Waits the given seconds.
        moved: Called with the new chat id of a migrated group.
    """
    for _ in range(SEND_TRIES):
        try:
            await send(chat)
            return Outcome("sent")
        except Forbidden as exc:
            return Outcome("blocked", exc.message)
        except ChatMigrated as exc:
            chat = exc.new_chat_id
            if moved is not None:
                await moved(chat)
        except RetryAfter as exc:
            await pause(retry_seconds(exc))
        except BadRequest as exc:  # a NetworkError too, but final: chat not found, …
            return Outcome("failed", exc.message)
        except NetworkError:
            await pause(SERVER_ERROR_PAUSE_S)
        except TelegramError as exc:
            return Outcome("failed", exc.message)
    return Outcome("later")


async def deliver(
    send: Callable[[int | str], Awaitable[object]],
    chat: int | str,
    pause: Callable[[float], Awaitable[object]],
    blocked: Callable[[], Awaitable[object]],
    moved: Callable[[int], Awaitable[object]],
) -> Outcome:
    """Sends one scheduled message to one recipient, as every scheduled send must.

    As `send_to`, and a blocked bot calls ``blocked`` (which ends the subscription); a
    refused send is logged. Anything but "sent" leaves the recipient for another pass or the
    next run.

    Args:
        send: Sends to a chat id (may raise Telegram errors).
        chat: The recipient's chat.
        pause: Waits the given seconds.
        blocked: Called when the bot may no longer write there.
        moved: Called with the new chat id of a migrated group.
    """
    outcome = await send_to(send, chat, pause, moved)
    if outcome.status == "blocked":
        await blocked()
    elif outcome.status != "sent":
        log.warning("scheduled message to %s not sent (%s): %s", chat, outcome.status,
                    outcome.error)  # fmt: skip
    return outcome


def part_count(size: int, limit_mb: int) -> int:
    """How many parts a file of ``size`` bytes is sent in under an upload limit."""
    return max(1, -(-size // (limit_mb * MB - PART_MARGIN)))


async def send_in_parts(
    message: Message,
    source: BinaryIO,
    size: int,
    name: str,
    limit_mb: int,
    caption: str | None = None,
) -> None:
    """Sends a file whole, or in numbered parts (name.001, .002, … that 7-Zip or WinRAR open
    as one archive) under the Bot API's upload limit, reading one part at a time."""
    limit = limit_mb * MB - PART_MARGIN
    parts = part_count(size, limit_mb)
    for number in range(1, parts + 1):
        data = await asyncio.to_thread(source.read, limit)
        part = name if parts == 1 else f"{name}.{number:03d}"
        await message.reply_document(data, filename=part, caption=caption if number == 1 else None)
