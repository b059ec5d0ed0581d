"""Classes in Telegram: teachers (/giaovien, /magiaovien), classes (/lophoc, /ganlop, the
join link), assignments and results (buttons), students' work (/baitap) and the duties that
announce, remind and post results."""

from __future__ import annotations

import asyncio
import io
import logging
import random
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from telegram import Bot, Message, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    JobQueue,
    filters,
)

from bot import texts
from bot.callbacks import ClassStep
from bot.core.certificates import CertificateSetupError, issue_class_and_print
from bot.handlers.common import edit, in_private, send, send_in_parts, send_to, user_id
from bot.handlers.polls import send_question
from bot.jobs import CATCH_UP_EVERY_S, exclusive_job
from bot.keyboards import markup
from bot.services import Services
from bot.views.classes import (
    ClassCard,
    local,
    render_card,
    render_chapters,
    render_classes,
    render_counts,
    render_days,
    render_group_results,
    render_results,
    render_student,
)
from bot.views.reply import Button, Reply, escape
from knowledge.clock import LOCAL_TZ, Clock
from quizzes.classes import assignments, roster
from quizzes.classes.errors import (
    AssignmentClosed,
    AssignmentNotFound,
    ClassError,
    ClassNotFound,
    NotEnoughQuestions,
)
from quizzes.classes.models import ClassMember
from quizzes.classes.worksheet import to_docx, to_pdf, worksheet
from quizzes.practice import ChapterChoice, ShownQuestion, practice_chapters

log = logging.getLogger(__name__)
JOB = "class-duties"


def _card(session: Session, teacher: int, class_id: int) -> ClassCard:
    found = roster.teacher_class(session, teacher, class_id)
    done = assignments.handed_in(session, class_id)
    given = [(a, done.get(a.id, 0)) for a in assignments.class_assignments(session, class_id)]
    return ClassCard(found, given, assignments.chapter_mistakes(session, teacher, class_id))


def _members(session: Session, class_id: int) -> list[int]:
    query = select(ClassMember.user_id).where(ClassMember.class_id == class_id)
    return list(session.scalars(query))


def _begin(
    session: Session, user: int, assignment_id: int, rng: random.Random, clock: Clock
) -> tuple[assignments.AssignmentView, ShownQuestion | assignments.Done | assignments.Waiting]:
    step = assignments.start_work(session, user, assignment_id, rng, clock)
    found = assignments.assignment(session, assignment_id)
    assert found is not None
    return found, step


def _start_button(given: assignments.AssignmentView) -> Button:
    label = texts.BTN_STUDENT_DO.format(title=given.title, closes=local(given.closes_at))
    return Button(label, ClassStep("do", given.class_id, given.id).pack())


def _name(update: Update) -> str:
    user = update.effective_user
    if user is None:
        return "?"
    return " ".join(p for p in (user.first_name, user.last_name) if p) or str(user.id)


class Classes:
    """Teachers, classes, assignments and students' work; every step is in the database."""

    def __init__(self, services: Services, rng: random.Random | None = None) -> None:
        """Keeps the services, the admins and the source of draw seeds."""
        self.services = services
        self.admins = frozenset(services.settings.bot.admins)
        self.rng = rng or random.SystemRandom()

    # Teachers ---------------------------------------------------------------------------

    async def make_code(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """/magiaovien: a one-time teacher code (admins, in private)."""
        message = update.effective_message
        assert message is not None
        if user_id(update) not in self.admins:
            await send(message, Reply(texts.ADMIN_ONLY))
            return
        if not await in_private(update):
            return
        now = self.services.clock.now()
        code = await self.services.db_async(roster.teacher_code, user_id(update), now)
        await send(message, Reply(texts.TEACHER_CODE_MADE.format(code=code)))

    async def teacher(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/giaovien CODE (become a teacher) or, for an admin, /giaovien USER_ID [name]."""
        message = update.effective_message
        assert message is not None
        if not await in_private(update):
            return
        args = list(context.args or [])
        if not args:
            await send(message, Reply(texts.TEACHER_USAGE))
            return
        me = user_id(update)
        if me in self.admins and args[0].isdigit() and len(args[0]) <= 15:
            who = " ".join(args[1:]) or args[0]
            added = await self.services.db_async(roster.add_teacher, int(args[0]), who, me)
            template = texts.TEACHER_ADDED if added else texts.TEACHER_ALREADY
            await send(message, Reply(template.format(who=escape(who))))
            return
        now = self.services.clock.now()
        made = await self.services.db_async(
            roster.redeem_teacher_code, me, _name(update), args[0], now
        )
        await send(message, Reply(texts.TEACHER_WELCOME if made else texts.TEACHER_BAD_CODE))

    # Classes ----------------------------------------------------------------------------

    async def classes(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/lophoc: the teacher's classes; /lophoc NAME creates one."""
        message = update.effective_message
        assert message is not None
        if not await in_private(update):
            return
        me = user_id(update)
        if not await self.services.db_async(roster.is_teacher, me):
            await send(message, Reply(texts.TEACHER_ONLY))
            return
        name = " ".join(context.args or [])
        if name:
            try:
                created = await self.services.db_async(roster.create_class, me, name)
            except ValueError:
                await send(message, Reply(texts.CLASS_BAD_NAME))
                return
            await send(message, Reply(texts.CLASS_CREATED.format(name=escape(created.name))))
            shown = await self.services.db_async(_card, me, created.id)
            await send(message, render_card(shown, context.bot.username))
            return
        await send(
            message, render_classes(await self.services.db_async(roster.teacher_classes, me))
        )

    async def bind(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/ganlop CODE in a group: the teacher ties their class to this group."""
        message = update.effective_message
        assert message is not None
        chat = update.effective_chat
        if chat is None or chat.type not in (chat.GROUP, chat.SUPERGROUP):
            await send(message, Reply(texts.CLASS_BIND_IN_GROUP))
            return
        if not context.args:
            await send(message, Reply(texts.CLASS_BIND_USAGE))
            return
        try:
            found = await self.services.db_async(
                roster.bind_group, user_id(update), context.args[0][:16], chat.id
            )
        except ClassNotFound:
            await send(message, Reply(texts.CLASS_BIND_NOT_YOURS))
            return
        await send(message, Reply(texts.CLASS_BOUND.format(name=escape(found.name))))

    async def joined(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start lop_CODE from a class's link: the student is in, and sees the open work."""
        message = update.effective_message
        assert message is not None
        code = roster.join_code_of(context.args[0]) if context.args else None
        if code is None:
            await send(message, Reply(texts.CLASS_BAD_LINK))
            return
        try:
            found, new = await self.services.db_async(
                roster.join, code, user_id(update), _name(update)
            )
        except ClassNotFound:
            await send(message, Reply(texts.CLASS_BAD_LINK))
            return
        template = texts.CLASS_JOINED if new else texts.CLASS_ALREADY_IN
        await send(message, Reply(template.format(name=escape(found.name))))
        await self.homework(update, context)

    async def homework(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """/baitap: the student's open assignments."""
        message = update.effective_message
        assert message is not None
        if not await in_private(update):
            return
        now = self.services.clock.now()
        found = await self.services.db_async(assignments.student_assignments, user_id(update), now)
        await send(message, render_student(found))

    # Buttons ----------------------------------------------------------------------------

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A class button: a teacher's step, or a student starting an assignment."""
        query = update.callback_query
        assert query is not None
        pressed = ClassStep.unpack(query.data or "")
        message = query.message if isinstance(query.message, Message) else None
        if message is None:
            await query.answer()
            return
        if pressed.action == "do":
            await query.answer()
            await self._start_work(context.bot, message, user_id(update), pressed.item)
            return
        me = user_id(update)
        if not await self.services.db_async(roster.is_teacher, me):
            await query.answer(texts.TEACHER_ONLY, show_alert=True)
            return
        await query.answer()
        try:
            await self._teacher_step(context.bot, message, me, pressed)
        except ClassError:
            await send(message, Reply(texts.CLASS_BIND_NOT_YOURS))

    async def _chapter(self, key: int) -> ChapterChoice | None:
        chapters = await self.services.db_async(practice_chapters)
        return next((c for c in chapters if c.key == key), None)

    async def _teacher_step(self, bot: Bot, message: Message, me: int, pressed: ClassStep) -> None:
        class_id = pressed.class_id
        if pressed.action == "card":
            card = render_card(await self.services.db_async(_card, me, class_id), bot.username)
            await edit(message, card, markup(card.buttons))
        elif pressed.action == "give":
            await self.services.db_async(roster.teacher_class, me, class_id)
            chapters = await self.services.db_async(practice_chapters)
            await send(message, render_chapters(class_id, chapters))
        elif pressed.action in ("ch", "n", "d"):
            chapter = await self._chapter(pressed.item)
            if chapter is None:
                await send(message, Reply(texts.CLASS_NO_CHAPTERS))
            elif pressed.action == "ch":
                counts = render_counts(class_id, chapter)
                await edit(message, counts, markup(counts.buttons))
            elif pressed.action == "n":
                days = render_days(class_id, chapter, pressed.count)
                await edit(message, days, markup(days.buttons))
            else:
                await self._give(bot, message, me, class_id, chapter, pressed)
        elif pressed.action == "res":
            outcome = await self.services.db_async(assignments.results, me, pressed.item)
            shown = render_results(outcome)
            await edit(message, shown, markup(shown.buttons))
        elif pressed.action == "xlsx":
            data = await self.services.db_async(assignments.class_workbook, me, class_id)
            await message.reply_document(io.BytesIO(data), filename=f"lop-{class_id}.xlsx")
        elif pressed.action == "sheet":
            await self._worksheet(message, me, pressed.item)
        elif pressed.action == "cert":
            await self._certificates(message, me, class_id)

    async def _give(
        self,
        bot: Bot,
        message: Message,
        me: int,
        class_id: int,
        chapter: ChapterChoice,
        pressed: ClassStep,
    ) -> None:
        now = self.services.clock.now()
        days = max(1, min(pressed.days, 60))
        opens = now
        if pressed.later:
            tomorrow = now.astimezone(LOCAL_TZ).date() + timedelta(days=1)
            opens = datetime.combine(tomorrow, time(7, 0), tzinfo=LOCAL_TZ).astimezone(UTC)
        try:
            given = await self.services.db_async(
                assignments.create_assignment, me, class_id, chapter.chapter,
                max(1, min(pressed.count, assignments.MAX_QUESTIONS)), opens,
                opens + timedelta(days=days), random.Random(self.rng.getrandbits(63)),
            )  # fmt: skip
        except NotEnoughQuestions:
            await send(message, Reply(texts.CLASS_NO_CHAPTERS))
            return
        done = texts.CLASS_GIVEN.format(
            id=given.id, title=escape(given.title), opens=local(given.opens_at),
            closes=local(given.closes_at),
        )  # fmt: skip
        await edit(message, Reply(done))
        await self.announce(bot)

    async def _certificates(self, message: Message, me: int, class_id: int) -> None:
        today = self.services.clock.now().astimezone(LOCAL_TZ).date()
        settings = self.services.settings
        try:
            issued = await self.services.db_async(
                issue_class_and_print, settings, me, class_id, today
            )
        except CertificateSetupError as exc:
            await send(message, Reply(texts.CONTEST_ERROR.format(error=escape(str(exc)))))
            return
        total = len(issued.report.certificates)
        await send(
            message,
            Reply(texts.CLASS_CERTIFICATES.format(added=issued.report.added, total=total)),
        )
        if total:
            size, limit = len(issued.archive), settings.bot.upload_limit_mb
            name = f"chung-nhan-lop-{class_id}.zip"
            await send_in_parts(message, io.BytesIO(issued.archive), size, name, limit)

    async def _worksheet(self, message: Message, me: int, assignment_id: int) -> None:
        def build(session: Session) -> tuple[str, bytes, bytes]:
            found = assignments.results(session, me, assignment_id).assignment
            sheet = worksheet(session, me, found)
            return f"phieu-bai-tap-{assignment_id}", to_docx(sheet), to_pdf(sheet)

        name, docx, pdf = await self.services.db_async(build)
        await message.reply_document(io.BytesIO(docx), filename=f"{name}.docx")
        await message.reply_document(io.BytesIO(pdf), filename=f"{name}.pdf")

    async def _start_work(self, bot: Bot, message: Message, me: int, assignment_id: int) -> None:
        clock = self.services.clock
        seed = random.Random(self.rng.getrandbits(63))
        try:
            given, step = await self.services.db_async(_begin, me, assignment_id, seed, clock)
        except AssignmentNotFound:
            await send(message, Reply(texts.STUDENT_NOT_FOUND))
            return
        except AssignmentClosed as exc:
            closed = texts.STUDENT_NOT_YET if exc.not_yet else texts.STUDENT_CLOSED
            await send(message, Reply(closed))
            return
        if isinstance(step, assignments.Done):
            done = texts.STUDENT_DONE.format(score=step.score, total=step.total)
            await send(message, Reply(done))
        elif isinstance(step, ShownQuestion):
            if step.number == 1:
                started = texts.STUDENT_STARTED.format(
                    title=escape(given.title), total=step.total, closes=local(given.closes_at)
                )
                await send(message, Reply(started))
            await send_question(bot, self.services, clock, message.chat_id, step)
        else:
            await send(message, Reply(texts.STUDENT_WAITING))

    # Duties -----------------------------------------------------------------------------

    async def announce(self, bot: Bot) -> None:
        """New open assignments: to each member in private, and to the class's group."""
        now = self.services.clock.now()
        due = await self.services.db_async(assignments.announcements_due, now)
        for given in due:
            members = await self.services.db_async(_members, given.class_id)
            await self._tell_students(bot, members, texts.STUDENT_NEW_ASSIGNMENT, given)
            if given.group_chat_id is not None:
                link = f"https://t.me/{bot.username}"
                post = texts.GROUP_ASSIGNMENT.format(
                    name=escape(given.class_name), title=escape(given.title),
                    closes=local(given.closes_at), link=link,
                )  # fmt: skip
                await self._tell(bot, given.group_chat_id, Reply(post))
            await self.services.db_async(assignments.mark_posted, given.id, now, False)

    async def remind(self, bot: Bot) -> None:
        """A day before an assignment closes: a reminder to each member who has not finished."""
        now = self.services.clock.now()
        for given, waiting in await self.services.db_async(assignments.reminders_due, now):
            await self._tell_students(bot, waiting, texts.STUDENT_REMINDER, given)
            await self.services.db_async(assignments.mark_reminded, given.id, now)

    async def post_results(self, bot: Bot) -> None:
        """After an assignment closes: its results in the class's group."""
        now = self.services.clock.now()
        for found in await self.services.db_async(assignments.group_results_due, now):
            group = found.assignment.group_chat_id
            assert group is not None
            await self._tell(bot, group, Reply(render_group_results(found)))
            await self.services.db_async(assignments.mark_posted, found.assignment.id, now, True)

    async def duties(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The scheduled run: announcements, reminders, results posts."""
        await self.announce(context.bot)
        await self.remind(context.bot)
        await self.post_results(context.bot)

    async def _tell_students(
        self, bot: Bot, students: list[int], template: str, given: assignments.AssignmentView
    ) -> None:
        """An assignment's note to each student in private, with its "▶️" button."""
        note = template.format(
            name=escape(given.class_name), title=escape(given.title), closes=local(given.closes_at)
        )
        for student in students:
            await self._tell(bot, student, Reply(note, [[_start_button(given)]]))

    async def _tell(self, bot: Bot, chat: int, reply: Reply) -> None:
        async def message(to: int | str) -> None:
            await bot.send_message(to, reply.html, reply_markup=markup(reply.buttons))

        outcome = await send_to(message, chat, asyncio.sleep)
        if outcome.status != "sent":
            log.info("class message to %s not sent (%s): %s", chat, outcome.status, outcome.error)


def schedule(job_queue: JobQueue | None, services: Services) -> None:
    """Runs the class duties every few minutes (one process at a time)."""
    if job_queue is None:
        log.warning("no job queue: class reminders and group posts are off")
        return
    classes = Classes(services)
    job_queue.run_repeating(
        exclusive_job(services, JOB, classes.duties), CATCH_UP_EVERY_S, first=60.0, name=JOB
    )


def join_handlers(services: Services) -> list[BaseHandler]:
    """/start lop_<code> from a class link (registered before the plain /start)."""
    classes = Classes(services)
    link = filters.Regex(rf"^/start(@\w+)?\s+{roster.JOIN_PREFIX}\S+\s*$")
    return [CommandHandler("start", classes.joined, filters=link & filters.ChatType.PRIVATE)]


def handlers(services: Services) -> list[BaseHandler]:
    """The class commands and buttons."""
    classes = Classes(services)
    return [
        CommandHandler("magiaovien", classes.make_code),
        CommandHandler("giaovien", classes.teacher),
        CommandHandler("lophoc", classes.classes),
        CommandHandler("ganlop", classes.bind),
        CommandHandler("baitap", classes.homework),
        CallbackQueryHandler(classes.on_button, pattern=ClassStep.matches),
    ]
