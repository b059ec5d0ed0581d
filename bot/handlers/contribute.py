"""/goptulieu: contributing materials; the conversation's state is the contributor's draft row."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from telegram import Document, Message, PhotoSize, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import texts
from bot.callbacks import ContributeItem, ContributeStart, ContributeStep, ContributeUnit
from bot.core.collection import DETAIL_STEPS, Contributing, Outcome
from bot.handlers.common import edit, send, user_id
from bot.services import Services
from bot.views.collection import (
    render_contributing,
)
from bot.views.errors import error_text
from bot.views.reply import Reply, escape
from knowledge.collection import (
    CollectionError,
    check_declared_size,
)

T = TypeVar("T")


class Contribute:
    """The contributor's side: start or resume a draft, choose, send files, confirm."""

    def __init__(self, services: Services) -> None:
        """Keeps the services, the collection settings and the clock."""
        self.services = services
        self.settings = services.collection_settings
        self.clock = services.clock

    def _core(self) -> Contributing:
        return Contributing(self.settings, self.clock.now())

    async def _run(self, fn: Callable[..., Outcome], *args: object) -> Reply:
        try:
            return render_contributing(await self.services.db_async(fn, *args))
        except CollectionError as exc:
            return Reply(escape(error_text(exc)))

    async def start(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Starts a contribution, or resumes the one left unfinished."""
        message = update.effective_message
        assert message is not None
        if message.chat.type != message.chat.PRIVATE:
            await send(message, Reply(texts.COLLECT_PRIVATE_ONLY))
            return
        name = update.effective_user.full_name if update.effective_user else ""
        await send(message, await self._run(self._core().begin, user_id(update), name, 0))

    async def start_button(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """The menu's "Góp tư liệu" item, or the choice of a campaign."""
        query = update.callback_query
        assert query is not None
        await query.answer()
        chosen = ContributeStart.unpack(query.data or "")
        reply = await self._run(
            self._core().begin, query.from_user.id, query.from_user.full_name, chosen.campaign_id
        )
        if isinstance(query.message, Message):
            await send(query.message, reply)

    async def _button(self, update: Update, fn: Callable[..., Outcome], *args: object) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        reply = await self._run(fn, query.from_user.id, *args)
        if isinstance(query.message, Message):
            await edit(query.message, reply)

    async def unit(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Sets the unit the materials come from."""
        chosen = ContributeUnit.unpack(
            (update.callback_query and update.callback_query.data) or ""
        )
        await self._button(update, self._core().unit, chosen.unit_id)

    async def item(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Sets the requested item."""
        chosen = ContributeItem.unpack(
            (update.callback_query and update.callback_query.data) or ""
        )
        await self._button(update, self._core().item, chosen.item_id)

    async def step(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Ends the files, confirms and submits, or cancels."""
        data = (update.callback_query and update.callback_query.data) or ""
        chosen = ContributeStep.unpack(data)
        await self._button(update, self._core().step, chosen.contribution_id, chosen.action)

    async def detail(self, update: Update, step: str) -> bool:
        """Takes the typed caption, period or source; False when the draft asks for none."""
        message = update.effective_message
        assert message is not None
        if step not in DETAIL_STEPS or not message.text:
            return False
        try:
            outcome = await self.services.db_async(
                self._core().detail, user_id(update), message.text
            )
        except CollectionError as exc:
            await send(message, Reply(escape(error_text(exc))))
            return True
        if outcome is None:
            return False
        await send(message, render_contributing(outcome))
        return True

    async def receive_file(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, step: str
    ) -> None:
        """Downloads a photo or document after checking its declared size, then stores it."""
        message = update.effective_message
        assert message is not None
        if step in ("unit", "item"):
            await send(message, await self._run(self._core().begin, user_id(update), "", 0))
            return
        sent: PhotoSize | Document
        mime: str | None
        if message.photo:
            sent, name, mime = message.photo[-1], "", "image/jpeg"
        else:
            assert message.document is not None
            sent = message.document
            name, mime = message.document.file_name or "", message.document.mime_type
        shown = name or texts.COLLECT_PHOTO_NAME
        try:
            check_declared_size(shown, sent.file_size, self.settings)
        except CollectionError as exc:
            await send(message, Reply(escape(error_text(exc))))
            return
        refusal = await self.services.db_async(self._core().upload_refusal, user_id(update), shown)
        if isinstance(refusal, CollectionError):
            await send(message, Reply(escape(error_text(refusal))))
            return
        if refusal is not None:
            await send(message, render_contributing(refusal))
            return
        try:
            data = await (await context.bot.get_file(sent.file_id)).download_as_bytearray()
        except TelegramError:
            await send(
                message, Reply(texts.COLLECT_DOWNLOAD_FAILED.format(filename=escape(shown)))
            )
            return
        core = self._core()
        await send(
            message, await self._run(core.add_file, user_id(update), bytes(data), name, mime)
        )


def handlers(services: Services) -> list[BaseHandler]:
    """The /goptulieu command and the buttons of the contributor's conversation."""
    contribute = Contribute(services)
    return [
        CommandHandler("goptulieu", contribute.start),
        CallbackQueryHandler(contribute.start_button, pattern=ContributeStart.matches),
        CallbackQueryHandler(contribute.unit, pattern=ContributeUnit.matches),
        CallbackQueryHandler(contribute.item, pattern=ContributeItem.matches),
        CallbackQueryHandler(contribute.step, pattern=ContributeStep.matches),
    ]
