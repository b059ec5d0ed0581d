"""Update factories in the style of PTB's tests/auxil/build_messages.py, from Bot API JSON."""

from __future__ import annotations

import itertools
import time
from typing import Any

from telegram import Bot, Message, Update

from tests.telegram_fakes import BOT_USER

DEFAULT_USER_ID = 1001
GROUP_CHAT_ID = -1001234567890

_update_ids = itertools.count(1)
_message_ids = itertools.count(1)
_callback_ids = itertools.count(1)


def make_user(user_id: int = DEFAULT_USER_ID, first_name: str = "Lan") -> dict[str, Any]:
    """A human User as Telegram sends it."""
    return {
        "id": user_id,
        "is_bot": False,
        "first_name": first_name,
        "username": f"user{user_id}",
        "language_code": "vi",
    }


def make_chat(chat_id: int, chat_type: str = "private") -> dict[str, Any]:
    """A Chat: private chats carry a name, groups a title."""
    if chat_type == "private":
        return {"id": chat_id, "type": chat_type, "first_name": "Lan"}
    return {"id": chat_id, "type": chat_type, "title": "Test group"}


def make_message(
    text: str,
    *,
    user_id: int = DEFAULT_USER_ID,
    chat_id: int | None = None,
    chat_type: str = "private",
    entities: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A user's text Message; ``chat_id`` defaults to the user's private chat."""
    message: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": make_chat(user_id if chat_id is None else chat_id, chat_type),
        "from": make_user(user_id),
        "text": text,
    }
    if entities:
        message["entities"] = entities
    return message


def _update(payload: dict[str, Any], bot: Bot | None, edited: bool = False) -> Update:
    if edited:  # the user edited the message: Telegram sends it again as "edited_message"
        message = {**payload.pop("message"), "edit_date": int(time.time())}
        payload = {**payload, "edited_message": message}
    update = Update.de_json({"update_id": next(_update_ids), **payload}, bot)
    assert update is not None
    return update


def make_text_update(
    text: str,
    *,
    user_id: int = DEFAULT_USER_ID,
    chat_id: int | None = None,
    chat_type: str = "private",
    bot: Bot | None = None,
    edited: bool = False,
    reply_to: dict[str, Any] | None = None,
) -> Update:
    """An Update with a plain text message; pass ``bot`` so shortcuts like reply_text work."""
    message = make_message(text, user_id=user_id, chat_id=chat_id, chat_type=chat_type)
    if reply_to is not None:  # the user replied to this message (e.g. the bot's prompt)
        message["reply_to_message"] = reply_to
    return _update({"message": message}, bot, edited)


def make_command_update(
    command: str,
    *,
    user_id: int = DEFAULT_USER_ID,
    chat_id: int | None = None,
    chat_type: str = "private",
    bot: Bot | None = None,
    edited: bool = False,
) -> Update:
    """An Update with a command such as ``/start`` or ``/hoi câu hỏi`` (a bot_command entity)."""
    if not command.startswith("/"):
        raise ValueError(f"a command starts with '/': {command!r}")
    length = len(command.split(" ", 1)[0].encode("utf-16-le")) // 2
    entities = [{"type": "bot_command", "offset": 0, "length": length}]
    message = make_message(
        command, user_id=user_id, chat_id=chat_id, chat_type=chat_type, entities=entities
    )
    return _update({"message": message}, bot, edited)


def make_callback_update(
    data: str,
    *,
    message: Message | dict[str, Any] | None = None,
    user_id: int = DEFAULT_USER_ID,
    chat_id: int | None = None,
    chat_type: str = "private",
    bot: Bot | None = None,
) -> Update:
    """An Update for a press on an inline button carrying ``data``.

    ``message`` is the bot message the button sits under, e.g. the ``result`` of a recorded
    ``sendMessage``; by default a bot message in the user's chat.
    """
    if message is None:
        message = {
            "message_id": next(_message_ids),
            "date": int(time.time()),
            "chat": make_chat(user_id if chat_id is None else chat_id, chat_type),
            "from": BOT_USER,
            "text": "…",
        }
    elif isinstance(message, Message):
        message = message.to_dict()
    query = {
        "id": str(next(_callback_ids)),
        "from": make_user(user_id),
        "chat_instance": f"instance-{message['chat']['id']}",
        "message": message,
        "data": data,
    }
    return _update({"callback_query": query}, bot)


def make_poll_answer(
    poll_id: str,
    user_id: int = DEFAULT_USER_ID,
    option_ids: list[int] | None = None,
    *,
    bot: Bot | None = None,
) -> Update:
    """An Update with a user's answer to a non-anonymous poll (empty ``option_ids``: retracted).

    Option persistent ids are the option indexes as strings, as RecordingRequest's polls have.
    """
    chosen = option_ids or []
    answer = {
        "poll_id": poll_id,
        "user": make_user(user_id),
        "option_ids": chosen,
        "option_persistent_ids": [str(index) for index in chosen],
    }
    return _update({"poll_answer": answer}, bot)


def make_file_update(
    *,
    photo: dict[str, Any] | None = None,
    document: dict[str, Any] | None = None,
    caption: str | None = None,
    user_id: int = DEFAULT_USER_ID,
    bot: Bot | None = None,
) -> Update:
    """An Update with a user's photo or document in their private chat.

    ``photo`` and ``document`` are PhotoSize and Document dicts, e.g. from ``photo_size()``
    and ``document()``.
    """
    message = make_message("", user_id=user_id)
    del message["text"]
    if photo is not None:
        message["photo"] = [photo]
    if document is not None:
        message["document"] = document
    if caption is not None:
        message["caption"] = caption
    return _update({"message": message}, bot)


def photo_size(file_id: str, size: int | None = None) -> dict[str, Any]:
    """A PhotoSize as Telegram describes the largest size of a photo."""
    photo: dict[str, Any] = {
        "file_id": file_id,
        "file_unique_id": file_id,
        "width": 1280,
        "height": 960,
    }
    if size is not None:
        photo["file_size"] = size
    return photo


def document(
    file_id: str, file_name: str, mime_type: str, size: int | None = None
) -> dict[str, Any]:
    """A Document as Telegram describes a file sent as a file."""
    described: dict[str, Any] = {
        "file_id": file_id,
        "file_unique_id": file_id,
        "file_name": file_name,
        "mime_type": mime_type,
    }
    if size is not None:
        described["file_size"] = size
    return described
