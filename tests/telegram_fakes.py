"""RecordingRequest: an in-process Bot API that records every call and answers like Telegram."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from telegram.error import NetworkError
from telegram.request import BaseRequest, RequestData

BOT_USER: dict[str, Any] = {
    "id": 666,
    "is_bot": True,
    "first_name": "Sử Đảng",
    "username": "SuDangTestBot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}

Answer = Callable[["ApiCall"], Any]
"""Makes the ``result`` of one Bot API call from the call."""


@dataclass(frozen=True)
class ApiCall:
    """One Bot API call: the method, its JSON parameters, the uploaded files and our answer."""

    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)
    result: Any = None

    @property
    def chat_id(self) -> int | None:
        """The target chat, as an int, when the call has one."""
        value = self.params.get("chat_id")
        return None if value is None else int(value)


def chat_for(chat_id: int) -> dict[str, Any]:
    """A plausible Chat for an id: positive ids are users, -100… are supergroups."""
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": "Test"}
    kind = "supergroup" if str(chat_id).startswith("-100") else "group"
    return {"id": chat_id, "type": kind, "title": "Test group"}


class RecordingRequest(BaseRequest):
    """A ``BaseRequest`` that never touches the network.

    Every call is appended to ``calls``; the answer is a valid Bot API ``result`` for the common
    methods (or whatever ``answer(method, ...)`` installed). An unknown method answers
    ``400 Bad Request``, so PTB raises and the test sees which call it did not expect.
    ``getUpdates`` hands out what ``feed()`` queued.
    """

    def __init__(self) -> None:
        self.calls: list[ApiCall] = []
        self._answers: dict[str, Answer] = {
            "getMe": lambda _: BOT_USER,
            "getUpdates": self._take_updates,
            "sendMessage": self._message,
            "editMessageText": self._edited,
            "editMessageCaption": self._edited,
            "editMessageReplyMarkup": self._edited,
            "sendPoll": self._poll_message,
            "stopPoll": self._stopped_poll,
            "sendDocument": self._file_message("document"),
            "sendPhoto": self._file_message("photo"),
            "sendAudio": self._file_message("audio"),
            "sendVideo": self._file_message("video"),
            "getMyCommands": lambda _: [],
        }
        for method in (
            "answerCallbackQuery",
            "sendChatAction",
            "setMyCommands",
            "deleteMyCommands",
            "setMyDescription",
            "setMyShortDescription",
            "setChatMenuButton",
            "deleteWebhook",
            "setWebhook",
            "deleteMessage",
            "pinChatMessage",
            "unpinChatMessage",
            "close",
            "logOut",
        ):
            self._answers[method] = lambda _: True
        self._message_ids = itertools.count(1)
        self._ids = itertools.count(1)
        self._updates: list[dict[str, Any]] = []
        self._polls: dict[tuple[int, int], dict[str, Any]] = {}

    def answer(self, method: str, result: Answer | Any) -> None:
        """Installs the answer to ``method``: a fixed result, or a function of the ApiCall."""
        self._answers[method] = result if callable(result) else (lambda _: result)

    def feed(self, *updates: Mapping[str, Any]) -> None:
        """Queues Update dicts for the next ``getUpdates`` (only needed when polling)."""
        self._updates.extend(dict(update) for update in updates)

    def calls_to(self, method: str) -> list[ApiCall]:
        """The recorded calls to one method, oldest first."""
        return [call for call in self.calls if call.method == method]

    def last(self, method: str) -> ApiCall:
        """The most recent call to ``method``."""
        calls = self.calls_to(method)
        if not calls:
            seen = sorted({call.method for call in self.calls})
            raise AssertionError(f"no {method} call; the bot called {seen}")
        return calls[-1]

    def clear(self) -> None:
        """Forgets the recorded calls."""
        self.calls.clear()

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        files = {
            name: _file_part(part)
            for name, part in (request_data.multipart_data if request_data else {}).items()
        }
        call = ApiCall(api_method, params, files)
        answer = self._answers.get(api_method)
        if answer is None:
            self.calls.append(call)
            body = {
                "ok": False,
                "error_code": 400,
                "description": f"Bad Request: RecordingRequest has no answer for {api_method}",
            }
            return 400, json.dumps(body).encode()
        result = answer(call)
        self.calls.append(ApiCall(api_method, params, files, result))
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _take_updates(self, _: ApiCall) -> list[dict[str, Any]]:
        updates, self._updates = self._updates, []
        return updates

    def _base_message(self, call: ApiCall) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat_for(call.chat_id or 0),
            "from": BOT_USER,
        }
        markup = call.params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        return message

    def _message(self, call: ApiCall) -> dict[str, Any]:
        return self._base_message(call) | {"text": call.params.get("text", "")}

    def _edited(self, call: ApiCall) -> dict[str, Any] | bool:
        if "inline_message_id" in call.params:
            return True
        message = self._base_message(call) | {
            "message_id": int(call.params["message_id"]),
            "edit_date": int(time.time()),
        }
        for key in ("text", "caption"):
            if key in call.params:
                message[key] = call.params[key]
        return message

    def _poll(self, call: ApiCall) -> dict[str, Any]:
        options = [
            {
                "text": option if isinstance(option, str) else option["text"],
                "voter_count": 0,
                "persistent_id": str(index),
            }
            for index, option in enumerate(call.params.get("options", []))
        ]
        kind = call.params.get("type", "regular")
        poll: dict[str, Any] = {
            "id": str(next(self._ids)),
            "question": call.params.get("question", ""),
            "options": options,
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": call.params.get("is_anonymous", True),
            "type": kind,
            "allows_multiple_answers": call.params.get("allows_multiple_answers", False),
            "allows_revoting": call.params.get("allows_revoting", kind != "quiz"),
            "members_only": call.params.get("members_only", False),
        }
        for key in ("correct_option_ids", "explanation", "open_period"):
            if key in call.params:
                poll[key] = call.params[key]
        return poll

    def _poll_message(self, call: ApiCall) -> dict[str, Any]:
        message = self._base_message(call) | {"poll": self._poll(call)}
        self._polls[(message["chat"]["id"], message["message_id"])] = message["poll"]
        return message

    def _stopped_poll(self, call: ApiCall) -> dict[str, Any]:
        poll = self._polls[(call.chat_id or 0, int(call.params["message_id"]))]
        poll["is_closed"] = True
        return poll

    def _file_message(self, kind: str) -> Answer:
        def answer(call: ApiCall) -> dict[str, Any]:
            file_id = f"{kind}-{next(self._ids)}"
            upload = call.files.get(kind)
            described: dict[str, Any] = {"file_id": file_id, "file_unique_id": file_id}
            if upload is not None:
                described |= {"file_name": upload[0], "file_size": len(upload[1])}
            if kind == "photo":
                return self._base_message(call) | {
                    "photo": [{**described, "width": 1, "height": 1}]
                }
            if kind == "video":
                described |= {"width": 1, "height": 1, "duration": 1}
            if kind == "audio":
                described |= {"duration": 1}
            message = self._base_message(call) | {kind: described}
            if "caption" in call.params:
                message["caption"] = call.params["caption"]
            return message

        return answer


def _file_part(part: Any) -> tuple[str, bytes, str]:
    name, content, mimetype = part
    data = content if isinstance(content, bytes) else content.read()
    return str(name), data, str(mimetype)


class FileServingRequest(RecordingRequest):
    """A RecordingRequest that also plays Telegram's file server: getFile and the download.

    ``serve(file_id, data)`` makes a file downloadable; ``break_download(file_id)`` makes its
    download fail half-way, as a dropped connection does. Downloads are recorded as calls to
    the pseudo-method ``download``.
    """

    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, bytes] = {}
        self.broken: set[str] = set()
        self.answer("getFile", self._get_file)

    def serve(self, file_id: str, data: bytes) -> None:
        """Makes ``data`` downloadable as ``file_id``."""
        self.files[file_id] = data

    def break_download(self, file_id: str) -> None:
        """Makes the download of ``file_id`` fail with a network error."""
        self.broken.add(file_id)

    def _get_file(self, call: ApiCall) -> dict[str, Any]:
        file_id = str(call.params["file_id"])
        described: dict[str, Any] = {"file_id": file_id, "file_unique_id": file_id}
        if file_id in self.files:
            described |= {"file_size": len(self.files[file_id]), "file_path": f"docs/{file_id}"}
        return described

    async def retrieve(self, url: str, *args: Any, **kwargs: Any) -> bytes:
        file_id = url.rsplit("/", 1)[-1]
        self.calls.append(ApiCall("download", {"file_id": file_id}))
        if file_id in self.broken or file_id not in self.files:
            raise NetworkError(f"connection reset while downloading {file_id}")
        return self.files[file_id]


class TroubledChats(RecordingRequest):
    """Telegram as it is on a bad morning: one chat is gone, one group has become a
    supergroup, one chat is asked to slow down once, one user blocked the bot, and sends to
    one chat meet a server error (502) their first ``flaky_times`` times."""

    def __init__(
        self,
        gone: int,
        migrated: int,
        slowed: int,
        methods: tuple[str, ...] = ("/sendMessage",),
        blocked: int = 0,
        flaky: int = 0,
        flaky_times: int = 0,
    ) -> None:
        super().__init__()
        self.gone, self.migrated, self.slowed = gone, migrated, slowed
        self.methods, self.blocked = methods, blocked
        self.slowed_once = False
        self.flaky, self.flaky_left = flaky, flaky_times

    async def do_request(self, url, method, request_data=None, *args, **kwargs):
        params = dict(request_data.parameters) if request_data else {}
        chat = int(params.get("chat_id", 0) or 0)
        if url.endswith(self.methods):
            error = None
            if chat == self.gone:
                error = (400, {"description": "Bad Request: chat not found"})
            elif chat == self.blocked:
                error = (403, {"description": "Forbidden: bot was blocked by the user"})
            elif chat == self.migrated:
                error = (400, {"description": "Bad Request: group chat was upgraded",
                               "parameters": {"migrate_to_chat_id": -100777}})  # fmt: skip
            elif chat == self.slowed and not self.slowed_once:
                self.slowed_once = True
                error = (429, {"description": "Too Many Requests",
                               "parameters": {"retry_after": 3}})  # fmt: skip
            elif chat == self.flaky and self.flaky_left > 0:
                self.flaky_left -= 1
                error = (502, {"description": "Bad Gateway"})
            if error is not None:
                code, body = error
                return code, json.dumps({"ok": False, "error_code": code, **body}).encode()
        return await super().do_request(url, method, request_data, *args, **kwargs)
