"""/start, /trogiup and the main menu."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import texts
from bot.callbacks import ContributeStart, MenuChoice
from bot.handlers.common import send
from bot.services import Services
from bot.views.answers import welcome
from bot.views.reply import Button, Reply
from knowledge.browse import books
from knowledge.collection import collecting


class Start:
    """Greets users and shows the menu."""

    def __init__(self, services: Services) -> None:
        """Keeps the services for reading the book list."""
        self.services = services

    async def start(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Welcomes the user, names the books and shows the main menu."""
        assert update.effective_message is not None
        titles = [b.title for b in await self.services.db_async(books)]
        name = update.effective_user.first_name if update.effective_user else None
        reply = welcome(name, titles)
        if await self.services.db_async(collecting, self.services.clock.now()):
            contribute = Button(texts.MENU_CONTRIBUTE, ContributeStart().pack())
            reply = Reply(reply.html, [*reply.buttons, [contribute]])
        await send(update.effective_message, reply)

    async def help(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Explains the commands."""
        assert update.effective_message is not None
        await send(update.effective_message, Reply(texts.HELP))

    async def menu(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The "Hỏi đáp" menu item: explains how to ask."""
        query = update.callback_query
        assert query is not None
        await query.answer()
        example = texts.ASK_HINT.format(
            example=self.services.settings.bot.demo_question, bot=context.bot.username
        )
        if isinstance(query.message, Message):
            await send(query.message, Reply(example))


def handlers(services: Services) -> list[BaseHandler]:
    """The start and help commands and the menu's ask item."""
    start = Start(services)
    return [
        CommandHandler("start", start.start),
        CommandHandler(["trogiup", "help"], start.help),
        CallbackQueryHandler(start.menu, pattern=MenuChoice.matches),
    ]
