"""/thi: a participant's contest menu, registration buttons, and answering an attempt."""

from __future__ import annotations

import asyncio
import random
import weakref

from telegram import CallbackQuery, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot import texts
from bot.callbacks import ContestMenu, ContestPick, ContestRegStep, ContestUnitPick
from bot.core.contest import contests_for, menu_of
from bot.handlers.common import edit, send, user_id
from bot.keyboards import markup
from bot.services import Services
from bot.views.contest import (
    LETTERS,
    answer_buttons,
    render_attempt,
    render_menu,
    render_step,
)
from bot.views.errors import error_text
from bot.views.reply import Reply, escape
from quizzes.contest import (
    AnswerRecorder,
    answer_and_next,
    attempt_state,
    invites,
    registration,
    start_attempt,
)
from quizzes.errors import AttemptOver, ContestError, InvalidRegistration


class Contests:
    """The participant's side of a contest; every step is read from and written to the DB."""

    def __init__(self, services: Services, rng: random.Random | None = None) -> None:
        """Keeps the services, the server clock and the source of attempt seeds."""
        self.services = services
        self.clock = services.clock
        self.answers = AnswerRecorder(services.statements, self.clock)
        self.rng = rng or random.SystemRandom()
        self._screens: weakref.WeakValueDictionary[tuple[int, int], asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    async def show(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Lists the open contests, or the only one's menu."""
        assert update.effective_message is not None
        menu = await self.services.db_async(contests_for, user_id(update))
        reply = render_menu(menu, self._public_url(update), self._username(update, context))
        await send(update.effective_message, reply)

    async def invited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start moi_<code> from an invite link: recorded for its owner, then the contest."""
        message = update.effective_message
        assert message is not None
        code = invites.code_of(context.args[0]) if context.args else None
        followed = invites.Followed(None)
        if code is not None:
            followed = await self.services.db_async(
                invites.follow, code, user_id(update), self.clock.now()
            )
        if followed.contest_id is None:
            await send(message, Reply(texts.CONTEST_INVITE_UNKNOWN))
            return
        if followed.own:
            note = texts.CONTEST_INVITE_OWN
        elif followed.registered:
            note = texts.CONTEST_INVITE_REGISTERED
        else:
            note = texts.CONTEST_INVITED
        await send(message, Reply(note))
        menu = await self.services.db_async(menu_of, followed.contest_id, user_id(update))
        await send(message, render_menu(menu, self._public_url(update), context.bot.username))

    def _username(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
        # The invite link is personal: shown only in a private chat.
        private = update.effective_chat is not None and update.effective_chat.type == "private"
        return context.bot.username if private else ""

    def _public_url(self, update: Update) -> str:
        # Telegram opens Mini App buttons only in private chats.
        private = update.effective_chat is not None and update.effective_chat.type == "private"
        return self.services.settings.web.public_url if private else ""

    async def menu(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A contest menu button: show it, register, or start (or resume) an attempt."""
        query = update.callback_query
        assert query is not None
        assert isinstance(query.message, Message)
        data = ContestMenu.unpack(str(query.data))
        user = user_id(update)
        await query.answer()
        try:
            if data.action == "reg":
                step = await self.services.db_async(
                    registration.begin, data.contest_id, user, self.clock.now()
                )
                reply = render_step(step)
            elif data.action == "go":
                state = await self.services.db_async(
                    start_attempt, data.contest_id, user, self.rng, self.clock
                )
                reply = render_attempt(state)
            else:
                menu = await self.services.db_async(menu_of, data.contest_id, user)
                reply = render_menu(
                    menu, self._public_url(update), self._username(update, context)
                )
        except ContestError as exc:
            reply = Reply(texts.CONTEST_ERROR.format(error=escape(error_text(exc))))
        await send(query.message, reply)

    async def pick(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """An answer button: toggles an option, or records the answer and shows what is next."""
        query = update.callback_query
        assert query is not None
        assert isinstance(query.message, Message)
        data = ContestPick.unpack(str(query.data))
        # One press at a time per attempt screen: a tick handled beside the confirmation would
        # otherwise put the old question's buttons under the next question.
        screen = self._screens.setdefault(
            (query.message.chat_id, query.message.message_id), asyncio.Lock()
        )
        async with screen:
            await self._pick(update, query, query.message, data)

    async def _pick(
        self, update: Update, query: CallbackQuery, message: Message, data: ContestPick
    ) -> None:
        if not data.submit:
            try:
                state = await self.services.db_async(
                    attempt_state, data.attempt_id, self.clock, user_id(update)
                )
            except ContestError as exc:
                await query.answer(error_text(exc), show_alert=True)
                return
            await query.answer()
            if state.question is not None and state.question.position == data.position:
                keyboard = markup(answer_buttons(state, data.mask))
                await message.edit_reply_markup(reply_markup=keyboard)
            return
        shown = [i for i in range(len(LETTERS)) if data.mask & (1 << i)]
        try:
            recorded, state = await self.services.db_async(
                answer_and_next,
                self.answers,
                user_id(update),
                data.attempt_id,
                data.position,
                shown,
            )
        except AttemptOver:
            await query.answer(texts.CONTEST_LATE, show_alert=True)
            state = await self.services.db_async(
                attempt_state, data.attempt_id, self.clock, user_id(update)
            )
            await edit(message, Reply(texts.CONTEST_LATE + "\n" + render_attempt(state).html))
            return
        except ContestError as exc:
            await query.answer(error_text(exc), show_alert=True)
            return
        await query.answer(
            texts.CONTEST_ALREADY if recorded.repeated else texts.CONTEST_ANSWER_SAVED
        )
        await edit(message, render_attempt(state))

    async def unit(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """A unit picked from the search results while registering."""
        query = update.callback_query
        assert query is not None
        assert isinstance(query.message, Message)
        data = ContestUnitPick.unpack(str(query.data))
        await query.answer()
        try:
            step = await self.services.db_async(
                registration.choose_unit, user_id(update), data.unit_id
            )
        except InvalidRegistration as exc:
            await send(query.message, Reply(texts.CONTEST_INVALID.format(reason=exc.reason)))
            return
        if step is not None:
            await edit(query.message, render_step(step))

    async def step(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Registration buttons: skip the phone, give consent, or cancel."""
        query = update.callback_query
        assert query is not None
        assert isinstance(query.message, Message)
        action = ContestRegStep.unpack(str(query.data)).action
        user = user_id(update)
        await query.answer()
        if action == "cancel":
            await self.services.db_async(registration.cancel, user)
            await edit(query.message, Reply(texts.CONTEST_REG_CANCELLED))
        elif action == "skip":
            step = await self.services.db_async(registration.skip_phone, user)
            if step is not None:
                await edit(query.message, render_step(step))
        else:
            try:
                done = await self.services.db_async(registration.consent, user, self.clock)
            except ContestError as exc:
                await send(
                    query.message, Reply(texts.CONTEST_ERROR.format(error=escape(error_text(exc))))
                )
                return
            if done is not None:
                menu = await self.services.db_async(menu_of, done.contest_id, user)
                reply = render_menu(menu, self._public_url(update))
                await edit(query.message, Reply(texts.CONTEST_REG_DONE))
                await send(query.message, reply)

    async def cancel(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """/huy: drops a registration in progress."""
        assert update.effective_message is not None
        if await self.services.db_async(registration.cancel, user_id(update)):
            await send(update.effective_message, Reply(texts.CONTEST_REG_CANCELLED))


def handlers(services: Services) -> list[BaseHandler]:
    """/thi, /huy and the contest buttons."""
    contests = Contests(services)
    return [
        CommandHandler("thi", contests.show),
        CommandHandler("huy", contests.cancel),
        CallbackQueryHandler(contests.menu, pattern=ContestMenu.matches),
        CallbackQueryHandler(contests.pick, pattern=ContestPick.matches),
        CallbackQueryHandler(contests.unit, pattern=ContestUnitPick.matches),
        CallbackQueryHandler(contests.step, pattern=ContestRegStep.matches),
    ]


def invite_handlers(services: Services) -> list[BaseHandler]:
    """/start moi_<code>: an invite link followed (registered before the plain /start)."""
    contests = Contests(services)
    followed = filters.Regex(rf"^/start(@\w+)?\s+{invites.START_PREFIX}\S+\s*$")
    return [CommandHandler("start", contests.invited, filters=followed & filters.ChatType.PRIVATE)]
