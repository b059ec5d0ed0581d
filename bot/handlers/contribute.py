"""/goptulieu: contributing materials; the conversation's state is the contributor's draft row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy.orm import Session
from telegram import Document, Message, PhotoSize, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import texts
from bot.callbacks import ContributeItem, ContributeStart, ContributeStep, ContributeUnit
from bot.handlers.common import edit, send, user_id
from bot.services import Services
from bot.views.collection import (
    BUTTON_CHARS,
    campaign_buttons,
    cancel_buttons,
    local_time,
    summary,
)
from bot.views.errors import error_text
from bot.views.reply import Button, Reply, escape, shorten
from knowledge.collection import (
    CollectionError,
    CollectionSettings,
    Contribution,
    DuplicateFile,
    cancel_draft,
    check_declared_size,
    check_upload_limits,
    choose_item,
    choose_unit,
    confirm_accuracy,
    current_draft,
    finish_files,
    items_for_unit,
    list_campaigns,
    reopen,
    returned_contribution,
    set_details,
    start_contribution,
    submit,
)
from knowledge.collection import add_file as store_file
from knowledge.collection import texts as collection_texts

T = TypeVar("T")
MB = 1_048_576
DETAIL_STEPS = ("caption", "period", "source")
ASK = {
    "unit": collection_texts.ASK_UNIT,
    "item": collection_texts.ASK_ITEM,
    "caption": collection_texts.ASK_CAPTION,
    "period": collection_texts.ASK_PERIOD,
    "source": collection_texts.ASK_SOURCE,
}


def prompt(session: Session, draft: Contribution, settings: CollectionSettings) -> Reply:
    """What to ask for the draft's current step, with its buttons."""
    campaign = draft.campaign
    head = texts.COLLECT_HEADER.format(
        title=escape(campaign.title), deadline=local_time(campaign.deadline), id=draft.id
    )
    buttons: list[list[Button]] = []
    step = draft.step
    if step == "unit":
        buttons = [[Button(u.name, ContributeUnit(u.id).pack())] for u in campaign.units]
    elif step == "item":
        assert draft.unit is not None
        items = items_for_unit(session, draft.unit)
        if not items:
            buttons = [[Button(u.name, ContributeUnit(u.id).pack())] for u in campaign.units]
            return Reply(f"{head}\n{texts.COLLECT_NO_ITEMS}", buttons)
        buttons = [
            [Button(shorten(i.description, BUTTON_CHARS), ContributeItem(i.id).pack())]
            for i in items
        ]
    elif step == "files":
        if draft.files:
            buttons = [[Button(texts.BTN_FILES_DONE, ContributeStep(draft.id, "files").pack())]]
        ask = collection_texts.ASK_FILES.format(limit_mb=settings.max_file_mb)
        return Reply(f"{head}\n{ask}", [*buttons, cancel_buttons(draft)])
    elif step in ("confirm", "ready"):
        confirm = Button(texts.BTN_CONFIRM_SUBMIT, ContributeStep(draft.id, "confirm").pack())
        text = f"{summary(draft)}\n\n{collection_texts.ASK_CONFIRM}"
        return Reply(text, [[confirm], cancel_buttons(draft)])
    return Reply(f"{head}\n{ASK[step]}", [*buttons, cancel_buttons(draft)])


class Contributor:
    """Session functions of the contributor's conversation; each returns what to say next."""

    def __init__(self, settings: CollectionSettings, now: datetime) -> None:
        """Keeps the collection settings and the time of the update."""
        self.settings = settings
        self.now = now

    def begin(self, session: Session, user: int, name: str, campaign_id: int) -> Reply:
        """Resumes the draft, reopens a returned contribution, or starts a new draft."""
        draft = current_draft(session, user)
        if draft is None and (returned := returned_contribution(session, user)) is not None:
            draft = reopen(session, returned)
        if draft is None:
            campaigns = list_campaigns(session, open_at=self.now)
            chosen = [c for c in campaigns if c.id == campaign_id] if campaign_id else campaigns
            if not chosen:
                return Reply(texts.COLLECT_NO_CAMPAIGN)
            if len(chosen) > 1:
                return Reply(texts.COLLECT_CHOOSE_CAMPAIGN, campaign_buttons(chosen))
            draft = start_contribution(session, chosen[0], user, name, now=self.now)
        draft.updated_at = self.now  # resumed: it takes the contributor's messages again
        return prompt(session, draft, self.settings)

    def unit(self, session: Session, user: int, unit_id: int) -> Reply:
        """Sets the unit chosen with a button."""
        draft = current_draft(session, user)
        unit = next((u for u in draft.campaign.units if u.id == unit_id), None) if draft else None
        if draft is None or unit is None:
            return Reply(texts.COLLECT_GONE)
        choose_unit(session, draft, unit.name)
        return prompt(session, draft, self.settings)

    def item(self, session: Session, user: int, item_id: int) -> Reply:
        """Sets the requested item chosen with a button."""
        draft = current_draft(session, user)
        item = next((i for i in draft.campaign.items if i.id == item_id), None) if draft else None
        if draft is None or item is None:
            return Reply(texts.COLLECT_GONE)
        choose_item(session, draft, item.code)
        return prompt(session, draft, self.settings)

    def step(self, session: Session, user: int, contribution_id: int, action: str) -> Reply:
        """Ends the files, confirms and submits, or cancels the draft."""
        draft = current_draft(session, user)
        if draft is None or draft.id != contribution_id:
            return Reply(texts.COLLECT_GONE)
        if action == "cancel":
            cancel_draft(session, draft)
            return Reply(texts.COLLECT_CANCELLED.format(id=contribution_id))
        if action == "files":
            finish_files(session, draft)
        elif action == "confirm":
            confirm_accuracy(session, draft)
            submit(session, draft, now=self.now)
            return Reply(escape(collection_texts.SUBMITTED.format(id=draft.id)))
        return prompt(session, draft, self.settings)

    def detail(self, session: Session, user: int, text: str) -> Reply | None:
        """Takes a typed caption, period or source; None when the draft does not ask for one."""
        draft = current_draft(session, user)
        if draft is None or draft.step not in DETAIL_STEPS:
            return None
        set_details(session, draft, **{draft.step: text})
        return prompt(session, draft, self.settings)

    def upload_refusal(self, session: Session, user: int, name: str) -> Reply | None:
        """Why one more file would not be taken (checked before it is downloaded), or None."""
        draft = current_draft(session, user)
        if draft is None:
            return Reply(texts.COLLECT_GONE)
        try:
            check_upload_limits(session, draft, name, self.settings, self.now)
        except CollectionError as exc:
            return Reply(escape(error_text(exc)))
        return None

    def add_file(
        self, session: Session, user: int, data: bytes, name: str, mime: str | None
    ) -> Reply:
        """Stores a downloaded file in the draft, or says why it was not stored."""
        draft = current_draft(session, user)
        if draft is None:
            return Reply(texts.COLLECT_GONE)
        outcome = store_file(session, draft, data, name, mime, self.settings, self.now)
        if isinstance(outcome, DuplicateFile):
            text = (
                collection_texts.DUPLICATE_HERE
                if outcome.same_contribution
                else collection_texts.DUPLICATE.format(
                    id=outcome.earlier_contribution_id,
                    status=collection_texts.STATUS[outcome.earlier_status],
                )
            )
        else:
            text = collection_texts.FILE_ADDED.format(
                filename=outcome.file.original_name, size_mb=outcome.file.size / MB
            )
        if draft.step == "files":
            done = Button(texts.BTN_FILES_DONE, ContributeStep(draft.id, "files").pack())
            return Reply(escape(text), [[done], cancel_buttons(draft)])
        then = prompt(session, draft, self.settings)
        return Reply(f"{escape(text)}\n\n{then.html}", then.buttons)


def step_of(session: Session, user: int) -> str | None:
    """The step of the user's draft, None without one."""
    draft = current_draft(session, user)
    return draft.step if draft else None


class Contribute:
    """The contributor's side: start or resume a draft, choose, send files, confirm."""

    def __init__(self, services: Services) -> None:
        """Keeps the services, the collection settings and the clock."""
        self.services = services
        self.settings = services.collection_settings
        self.clock = services.clock

    def _core(self) -> Contributor:
        return Contributor(self.settings, self.clock.now())

    async def _run(self, fn: Callable[..., T], *args: object) -> T | Reply:
        try:
            return await self.services.db_async(fn, *args)
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

    async def _button(self, update: Update, fn: Callable[..., Reply], *args: object) -> None:
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
        reply = await self._run(self._core().detail, user_id(update), message.text)
        if reply is None:
            return False
        await send(message, reply)
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
        if refusal is not None:
            await send(message, refusal)
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
