"""Certificates in Telegram: /xacminh for anyone, /chungnhan for holders, /capchungnhan for
admins."""

from __future__ import annotations

import io

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes

from bot import texts
from bot.core.certificates import CertificateSetupError, file_name, issue_and_print, layout
from bot.core.reading import slugify
from bot.handlers.common import admin_allowed, in_private, send, send_in_parts, user_id
from bot.services import Services
from bot.views.certificates import render_verification
from bot.views.errors import error_text
from bot.views.reply import Reply, escape
from knowledge.clock import LOCAL_TZ
from quizzes.certificates import check_code, render_pdf, user_certificates
from quizzes.contest.audit import Exporter
from quizzes.errors import ContestError

MOST_SENT = 5
"""A holder gets at most this many of their newest certificates at a time."""


class Certificates:
    """Verification, a holder's own certificates, and issuing a round's."""

    def __init__(self, services: Services) -> None:
        """Keeps the services and the admins."""
        self.services = services
        self.admins = frozenset(services.settings.bot.admins)

    async def verify(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/xacminh CODE: whether a certificate is genuine and what it certifies."""
        message = update.effective_message
        assert message is not None
        typed = " ".join(context.args or [])[:64]
        if not typed:
            await send(message, Reply(texts.VERIFY_USAGE))
            return
        checked = await self.services.db_async(check_code, typed)
        await send(message, render_verification(checked))

    async def mine(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """/chungnhan: the holder's newest certificates as PDF files."""
        if not await in_private(update):
            return
        message = update.effective_message
        assert message is not None
        held = await self.services.db_async(user_certificates, user_id(update))
        if not held:
            await send(message, Reply(texts.CERTIFICATES_NONE))
            return
        try:
            printed = layout(self.services.settings)
        except CertificateSetupError as exc:
            await send(message, Reply(texts.CONTEST_ERROR.format(error=escape(str(exc)))))
            return
        await send(message, Reply(texts.CERTIFICATES_SENT.format(count=len(held))))
        for certificate in held[:MOST_SENT]:
            document = io.BytesIO(render_pdf(certificate, printed))
            await message.reply_document(document, filename=file_name(certificate))

    async def issue(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/capchungnhan CONTEST [ROUND]: issue a closed round's certificates, send the .zip
        (the export is logged)."""
        if not await admin_allowed(update, self.admins):
            return
        message = update.effective_message
        assert message is not None
        args = list(context.args or [])
        if not args or len(args) > 2 or (len(args) == 2 and not args[1].isdigit()):
            await send(message, Reply(texts.CERTIFICATES_USAGE))
            return
        number = int(args[1]) if len(args) == 2 else None
        now = self.services.clock.now()
        today = now.astimezone(LOCAL_TZ).date()
        settings = self.services.settings
        name = f"giay-chung-nhan-{slugify(args[0])[:40]}.zip"
        by = Exporter("telegram", str(user_id(update)), now)
        try:
            issued = await self.services.db_async(
                issue_and_print, settings, args[0], number, today, by, name
            )
        except (ContestError, CertificateSetupError) as exc:
            await send(message, Reply(texts.CONTEST_ERROR.format(error=escape(error_text(exc)))))
            return
        total = len(issued.report.certificates)
        await send(
            message,
            Reply(texts.CERTIFICATES_ISSUED.format(added=issued.report.added, total=total)),
        )
        size, limit_mb = len(issued.archive), settings.bot.upload_limit_mb
        await send_in_parts(message, io.BytesIO(issued.archive), size, name, limit_mb)


def handlers(services: Services) -> list[BaseHandler]:
    """The certificate commands."""
    certificates = Certificates(services)
    return [
        CommandHandler("xacminh", certificates.verify),
        CommandHandler("chungnhan", certificates.mine),
        CommandHandler("capchungnhan", certificates.issue),
    ]
