"""Fault row: kill -9 of ``sudang bot`` while participants answer a contest in chat.

Registered participants take an attempt at once by pressing the answer buttons, through the
Bot API emulator; the bot is killed part-way and started again. A participant whose press got
no visible answer presses again, then takes up the attempt with ``/thi``. Every answer is
counted from the database: stored once, as pressed, and every attempt finished, scored from
its stored answers, within the cap.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bench.faults_bot import ADMIN, WAIT_S, BotRig, _contest, kill, stop, wait_for
from bench.faults_common import row
from bot.callbacks import ContestPick
from bot.texts import BTN_CONTEST_CONFIRM, BTN_CONTEST_GO
from knowledge.db import utc_now
from quizzes.contest.models import Attempt, AttemptAnswer, AttemptItem
from testkit.contests import make_bank
from testkit.rig import BotMessage, Emulator, EmulatorError, TelegramUser

CONTESTANTS = 40
CONTEST_QUESTIONS = 6
THINK_S = (1.0, 2.0)
CONFIRM_S = 8.0


class ChatWatch:
    """Every chat's bot messages, read once per change of the emulator's history for all the
    participants (one reader instead of one per participant)."""

    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        """Reads the bot ``token``'s history through ``http``."""
        self.http = http
        self.token = token
        self.chats: dict[int, dict[int, BotMessage]] = {}
        self.changed = asyncio.Condition()

    async def follow(self) -> None:
        """Keeps ``chats`` current until cancelled."""
        version = -1
        while True:
            waited = await self.http.post("/rig/waitBotChange", json={"after": version})
            version = int(waited.json()["result"])
            await asyncio.sleep(0.2)  # one read for the changes of the moment, not one each
            history = await self.http.post("/getUpdatesHistory", json={"token": self.token})
            chats: dict[int, dict[int, BotMessage]] = {}
            for item in history.json()["result"]:
                if "chat_id" in item.get("message", {}):
                    message = BotMessage.from_history(item)
                    chats.setdefault(message.chat_id, {})[message.message_id] = message
            async with self.changed:
                self.chats = chats
                self.changed.notify_all()

    async def until(
        self, chat: int, found: Callable[[dict[int, BotMessage]], BotMessage | None], within: float
    ) -> BotMessage | None:
        """The message ``found`` picks from the chat's messages, waiting ``within`` s at most."""
        async with self.changed:
            with suppress(TimeoutError):
                async with asyncio.timeout(within):
                    await self.changed.wait_for(lambda: found(self.chats.get(chat, {})))
            return found(self.chats.get(chat, {}))


class Contestant:
    """A participant answering in chat; presses again, then resumes with /thi, when the bot
    shows no answer to a press."""

    def __init__(self, user: TelegramUser, watch: ChatWatch, index: int) -> None:
        """Answers at random (the same option again on a question seen again)."""
        self.user = user
        self.watch = watch
        self.rng = random.Random(index)
        self.known: set[int] = set()
        self.choices: dict[int, str] = {}
        self.pressed: dict[tuple[int, int], str] = {}
        self.repeated = 0
        self.resumed = 0
        self.mixed = 0
        self.gone = 0
        self.done = False

    async def take(self) -> None:
        """Opens the attempt and answers until it is submitted (or every attempt is used)."""
        message = await self._open()
        while not self.done:
            if message.text.startswith("<b>Câu dự đoán"):
                if await self._predict():
                    return
            elif message.text.startswith("<b>Câu "):
                answered = await self._answer(message)
                if answered is not None:
                    message = answered
                    continue
            else:
                return  # an error: every attempt of the round is used
            self.resumed += 1
            message = await self._open()

    async def _fresh(
        self, wanted: Callable[[BotMessage], bool], within: float
    ) -> BotMessage | None:
        def latest(messages: dict[int, BotMessage]) -> BotMessage | None:
            new = [m for i, m in sorted(messages.items()) if i not in self.known and wanted(m)]
            return new[-1] if new else None

        message = await self.watch.until(self.user.chat_id, latest, within)
        if message is not None:
            self.known.update(
                i for i in self.watch.chats[self.user.chat_id] if i <= message.message_id
            )
        return message

    async def _press(self, message: BotMessage, label: str) -> bool:
        """Presses the button; False when the emulator no longer holds the message (it keeps
        bot messages for a minute or two)."""
        try:
            await self.user.press(message, label)
        except EmulatorError:
            self.gone += 1
            return False
        return True

    async def _open(self) -> BotMessage:
        """/thi, then "Vào thi" (pressed again if nothing shows): the attempt's question (the
        running attempt resumed), or why there is none."""
        while True:
            await self.user.command("/thi")
            menu = await self._fresh(lambda m: _has_button(m, BTN_CONTEST_GO), 2 * CONFIRM_S)
            for again in (False, True):
                if menu is None or not await self._press(menu, BTN_CONTEST_GO):
                    break
                self.repeated += again
                shown = await self._fresh(
                    lambda m: m.text.startswith(("<b>Câu ", "Lỗi")), CONFIRM_S
                )
                if shown is not None:
                    return shown

    async def _changed(self, message: BotMessage, label: str) -> BotMessage | None:
        """Presses ``label``, and once more if the message does not change; its new state."""

        def edited(messages: dict[int, BotMessage]) -> BotMessage | None:
            now = messages.get(message.message_id)
            same = now is None or (now.text, now.buttons) == (message.text, message.buttons)
            return None if same else now

        for again in (False, True):
            self.repeated += again
            if not await self._press(message, label):
                return None
            found = await self.watch.until(self.user.chat_id, edited, CONFIRM_S)
            if found is not None:
                return found
        return None

    async def _answer(self, message: BotMessage) -> BotMessage | None:
        """Reads the question, presses an option (a multi-answer one: ticks it, confirms)."""
        await asyncio.sleep(self.rng.uniform(*THINK_S))
        position = ContestPick.unpack(str(message.buttons[0][0].callback_data)).position
        if not message.text.startswith(f"<b>Câu {position + 1}/"):
            self.mixed += 1  # one question's text above another's buttons
            return None
        labels = [b.text for b in message.buttons[0]]
        label = self.choices.setdefault(position, self.rng.choice(labels))
        if label.startswith("☐"):
            ticked = await self._changed(message, label) if label in labels else message
            if ticked is None or not _has_button(ticked, BTN_CONTEST_CONFIRM):
                return None
            message, label = ticked, BTN_CONTEST_CONFIRM
        pick = ContestPick.unpack(str(message.button(label).callback_data))
        shown = [str(i) for i in range(8) if pick.mask & (1 << i)]
        self.pressed[(pick.attempt_id, pick.position)] = ",".join(shown)
        return await self._changed(message, label)

    async def _predict(self) -> bool:
        """Types the tie-breaker; True once the bot says the attempt is submitted."""
        await self.user.send(str(self.rng.randint(0, 50)))
        done = await self._fresh(lambda m: m.text.startswith("✅"), CONFIRM_S)
        self.done = done is not None
        return self.done


def _has_button(message: BotMessage, label: str) -> bool:
    return any(b.text == label for row in message.buttons for b in row)


def _stored_answers(session: Session) -> dict[str, Any]:
    """The contest's attempts and answers as stored: per answer (attempt, position) the chosen
    options and whether it counted as right, per attempt its participant, end and score."""
    answers = session.execute(
        select(
            AttemptAnswer.attempt_id,
            AttemptItem.position,
            AttemptAnswer.chosen,
            AttemptAnswer.correct,
            AttemptItem.correct_set,
        ).join(
            AttemptItem,
            (AttemptItem.attempt_id == AttemptAnswer.attempt_id)
            & (AttemptItem.question_id == AttemptAnswer.question_id),
        )
    ).all()
    attempts = session.execute(
        select(Attempt.id, Attempt.participant_id, Attempt.cap, Attempt.finished_at, Attempt.score)
    ).all()
    return {"answers": [tuple(a) for a in answers], "attempts": [tuple(a) for a in attempts]}


def _stored_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AttemptAnswer)) or 0


def _first_answer_since(session: Session, moment: datetime) -> datetime | None:
    since = select(AttemptAnswer.answered_at).where(AttemptAnswer.answered_at >= moment)
    return session.scalar(since.order_by(AttemptAnswer.answered_at).limit(1))


def _audit(stored: dict[str, Any], pressed: dict[tuple[int, int], str]) -> dict[str, int]:
    """Answers stored, duplicated, unlike the press, marked wrongly; participants with a
    submitted attempt; attempts beyond the cap, unfinished, scored unlike their answers."""
    keys = Counter((attempt, position) for attempt, position, *_ in stored["answers"])
    right = Counter(attempt for attempt, _, _, correct, _ in stored["answers"] if correct)
    per_participant = Counter(participant for _, participant, *_ in stored["attempts"])
    caps = {participant: cap for _, participant, cap, *_ in stored["attempts"]}
    return {
        "stored": len(keys),
        "duplicated": sum(n - 1 for n in keys.values()),
        "unlike_press": sum(
            pressed.get((attempt, position), chosen) != chosen
            for attempt, position, chosen, *_ in stored["answers"]
        ),
        "marked_wrongly": sum(
            (chosen == key) != correct for _, _, chosen, correct, key in stored["answers"]
        ),
        "submitted": len({p for _, p, _, finished, _ in stored["attempts"] if finished}),
        "beyond_cap": sum(max(n - caps[p], 0) for p, n in per_participant.items()),
        "unfinished": sum(finished is None for *_, finished, _ in stored["attempts"]),
        "misscored": sum(
            finished is not None and score != right[attempt]
            for attempt, _, _, finished, score in stored["attempts"]
        ),
    }


async def contest_kill(root: Path, emulator: Emulator) -> dict[str, Any]:
    """kill -9 of ``sudang bot`` at about 40 % of the answers of a contest taken in chat."""
    rig = BotRig(root / "contest-kill", emulator)

    def prepare(session: Session) -> str:
        make_bank(session, 3 * CONTEST_QUESTIONS)
        return _contest(session, CONTESTANTS, CONTEST_QUESTIONS)

    rig.services.db(prepare)
    expected = CONTESTANTS * CONTEST_QUESTIONS
    limits = httpx.Limits(max_connections=2 * CONTESTANTS + 16)
    async with httpx.AsyncClient(
        base_url=emulator.url, trust_env=False, timeout=30, limits=limits
    ) as http:
        watch = ChatWatch(http, rig.token)
        following = asyncio.create_task(watch.follow())
        people = [
            Contestant(TelegramUser(http, rig.token, user_id=20_000 + n), watch, n)
            for n in range(CONTESTANTS)
        ]
        first = rig.start()
        probe = TelegramUser(http, rig.token, user_id=ADMIN)
        await probe.command("/thi")  # the round opens once the bot answers
        await watch.until(ADMIN, lambda messages: next(iter(messages.values()), None), WAIT_S)
        taking = asyncio.gather(
            *(asyncio.wait_for(p.take(), WAIT_S) for p in people), return_exceptions=True
        )

        async def far_enough() -> bool:
            return await rig.services.db_async(_stored_count) >= 0.4 * expected

        await wait_for(far_enough, every=0.05)
        kill(first)
        killed_at = rig.services.db(_stored_count)
        before = (sum(p.repeated for p in people), sum(p.resumed for p in people))
        started, restarted = time.perf_counter(), utc_now()
        second = rig.start()
        outcomes = await taking
        recovery = time.perf_counter() - started
        following.cancel()
        with suppress(asyncio.CancelledError):
            await following
        stop(second)
    stored = rig.services.db(_stored_answers)
    first_after = rig.services.db(_first_answer_since, restarted)
    rig.close()
    back = "never" if first_after is None else f"{(first_after - restarted).total_seconds():.0f} s"
    pressed = {key: shown for p in people for key, shown in p.pressed.items()}
    audit = _audit(stored, pressed)
    failed = [repr(o) for o in outcomes if o is not None]
    errors = sum(
        line.startswith("ERROR") for log in rig.logs for line in log.read_text().splitlines()
    )
    running = (
        f"{CONTESTANTS} participants answering {CONTEST_QUESTIONS} questions each by the buttons "
        f"of `sudang bot`, killed at {killed_at}/{expected} answers stored; the restarted bot "
        f"stored its first answer after {back}; "
        f"{sum(p.repeated for p in people)} presses repeated and "
        f"{sum(p.resumed for p in people)} attempts resumed with /thi ({before[0]} and "
        f"{before[1]} before the kill), {sum(p.gone for p in people)} presses on messages the "
        f"emulator had dropped, {sum(p.mixed for p in people)} screens with one question's "
        f"text above another's buttons; {audit['submitted']}/{CONTESTANTS} submitted "
        f"({sum(p.done for p in people)} saw it confirmed), "
        f"{audit['unfinished']} attempts unfinished, {audit['misscored']} scored unlike their "
        f"answers, {audit['beyond_cap']} beyond the cap, {audit['unlike_press']} answers unlike "
        f"the press, {audit['marked_wrongly']} marked wrongly; {len(failed)} participants "
        f"stuck{f' ({failed[0]})' if failed else ''}; {errors} errors logged"
    )
    sound = (
        not failed and audit["submitted"] == CONTESTANTS and errors == 0 and rig.tracebacks() == 0
    )
    flaws = ("unlike_press", "marked_wrongly", "beyond_cap", "unfinished", "misscored")
    consistent = not any(audit[k] for k in flaws)
    return row("kill -9 mid-contest (`sudang bot`, chat)", running, expected, audit["stored"],
               audit["duplicated"], sound and consistent, recovery)  # fmt: skip


ROWS = {"contest-kill-bot": contest_kill}
