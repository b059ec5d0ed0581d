"""The contest attempt as a Telegram Mini App: the page and its API under /miniapp/api/.

Every API request carries the Mini App's Telegram initData (``Authorization: tma <initData>``),
checked against the bot token as Telegram specifies; anything else gets 401. The attempt runs
through the same contest core as the chat flow: one answer per question, attempt caps and the
deadline are enforced by the database and the server clock, never by the page.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from bot import texts as bot_texts
from bot.core.contest import ContestMenu, open_menus
from bot.ratelimit import SlidingWindow
from bot.services import Services, database_url
from bot.views.contest import data_notice, render_attempt
from bot.views.errors import error_text
from quizzes.contest import (
    AnswerRecorder,
    AsyncAnswerWriter,
    AttemptPaper,
    AttemptState,
    Registration,
    ShownQuestion,
    attempt_state,
    predict_attempt,
    registration,
    running_attempt,
    start_paper,
)
from quizzes.errors import AttemptOver, ContestError, InvalidRegistration
from web import texts
from web.initdata import InvalidInitData, MiniAppUser, validate
from web.requests import json_body

AUTH_SCHEME = "tma "
UNIT_MATCHES = 20
USER_REQUESTS_PER_MINUTE = 240
CHECKED_CACHE = 50_000


def _question_fields(question: ShownQuestion) -> dict[str, Any]:
    return {
        "position": question.position,
        "text": question.text,
        "options": list(question.options),
        "multi": question.multi,
    }


def state_fields(state: AttemptState) -> dict[str, Any]:
    """An attempt as JSON: the next question (options in shown order), or the tie-breaker."""
    question = state.question
    return {
        "attempt_id": state.attempt_id,
        "contest_id": state.contest_id,
        "number": state.number,
        "total": state.total,
        "answered": state.answered,
        "deadline": state.deadline_at.isoformat(),
        "remaining_s": state.remaining_s,
        "finished": state.finished,
        "score": state.score,
        "tie_question": state.tie_question,
        "question": None if question is None else _question_fields(question),
        "summary": render_attempt(state).plain() if state.finished else None,
    }


def paper_fields(paper: AttemptPaper) -> dict[str, Any]:
    """A whole attempt as JSON: the state, every question (shown order, no key), answered ones."""
    return {
        **state_fields(paper.state),
        "questions": [_question_fields(q) for q in paper.questions],
        "answered": sorted(paper.answered),
        "tie_question": paper.tie_question,
    }


def _menu_fields(menu: ContestMenu, running: AttemptState | None) -> dict[str, Any]:
    entrant = menu.entrant
    return {
        "id": menu.contest_id,
        "title": menu.title,
        "rounds": [
            {"title": r.title, "starts": r.starts_at.isoformat(), "ends": r.ends_at.isoformat()}
            for r in menu.rounds
        ],
        "entrant": None
        if entrant is None
        else {
            "full_name": entrant.full_name,
            "birth_year": entrant.birth_year,
            "unit": entrant.unit,
            "may_edit": entrant.may_edit,
        },
        "running": None if running is None else state_fields(running),
        "privacy": data_notice(menu.retention),
    }


def _overview(session: Any, user: int, clock: Any) -> list[dict[str, Any]]:
    return [
        _menu_fields(menu, running_attempt(session, menu.contest_id, user, clock))
        for menu in open_menus(session, user)
    ]


def _units(session: Any, contest_id: int, query: str) -> list[dict[str, Any]]:
    found = registration.find_units(session, contest_id, query)[:UNIT_MATCHES]
    return [{"id": u.id, "name": u.name} for u in found]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _error(message: str, status: int, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


Handler = Callable[[Request, MiniAppUser, dict[str, Any]], Any]


class MiniApp:
    """The Mini App page and API over the contest core."""

    def __init__(
        self,
        services: Services,
        templates: Jinja2Templates,
        rng: random.Random | None = None,
    ) -> None:
        """Keeps the services, the answer writer and the source of attempt seeds."""
        self.services = services
        self.templates = templates
        self.clock = services.clock
        self.answers = AnswerRecorder(services.statements, self.clock)
        url = database_url(services.settings)
        # PostgreSQL: answers are stored from the event loop, without a thread per answer.
        self.fast = AsyncAnswerWriter(url, self.clock) if AsyncAnswerWriter.supports(url) else None
        self.rng = rng or random.SystemRandom()
        self.limiter = SlidingWindow(USER_REQUESTS_PER_MINUTE, 60.0)
        self._checked: dict[str, MiniAppUser] = {}

    async def aclose(self) -> None:
        """Closes the answer writer's connections."""
        if self.fast is not None:
            await self.fast.close()

    def routes(self) -> list[Route]:
        """The page and the API endpoints."""
        api = {
            "contests": self.contests,
            "units": self.units,
            "register": self.register,
            "attempt": self.attempt,
            "state": self.state,
            "answer": self.answer,
            "prediction": self.prediction,
        }
        return [
            Route("/miniapp", self.page),
            *(
                Route(f"/miniapp/api/{name}", self._authorised(handler), methods=["POST"])
                for name, handler in api.items()
            ),
        ]

    async def page(self, request: Request) -> Response:
        """The Mini App's page (the API it calls checks who is asking)."""
        return self.templates.TemplateResponse(request, "miniapp.html", {})

    def user_of(self, request: Request) -> MiniAppUser:
        """The Telegram user vouched for by the request's initData.

        Raises:
            InvalidInitData: No valid initData (or no bot token configured to check it).
        """
        header = request.headers.get("authorization", "")
        token = self.services.settings.telegram_token
        if not header.startswith(AUTH_SCHEME) or not token:
            raise InvalidInitData("missing")
        raw = header[len(AUTH_SCHEME) :]
        max_age = self.services.settings.web.initdata_max_age_s
        now = self.clock.now()
        # A page sends the same launch data with every request: checked once, then its user
        # is reused until the data expires (a forged string never enters the cache).
        known = self._checked.get(raw)
        if known is not None and now.timestamp() - known.auth_date <= max_age:
            return known
        user = validate(raw, token, max_age, now)
        if len(self._checked) >= CHECKED_CACHE:
            self._checked.clear()
        self._checked[raw] = user
        return user

    def _authorised(self, handler: Handler) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            try:
                user = self.user_of(request)
            except InvalidInitData:
                return _error(texts.NOT_AUTHORISED, 401)
            wait = self.limiter.seconds_to_wait(user.id)
            if wait:
                return _error(texts.RATE_LIMITED.format(seconds=wait), 429)
            body = await json_body(request)
            try:
                return await handler(request, user, body)
            except InvalidRegistration as exc:
                return _error(exc.reason, 400, field=exc.field)
            except ContestError as exc:
                return _error(error_text(exc), 409)

        return endpoint

    async def contests(self, _: Request, user: MiniAppUser, body: dict[str, Any]) -> Response:
        """The open contests, the user's registration in each, and an attempt under way."""
        found = await self.services.db_async(_overview, user.id, self.clock)
        return JSONResponse({"contests": found})

    async def units(self, _: Request, user: MiniAppUser, body: dict[str, Any]) -> Response:
        """The contest's units whose name contains the text typed."""
        contest_id, query = _int(body.get("contest_id")), body.get("q")
        if contest_id is None or not isinstance(query, str) or len(query) > 100:
            return _error(texts.BAD_REQUEST, 400)
        found = await self.services.db_async(_units, contest_id, query)
        return JSONResponse({"units": found})

    async def register(self, _: Request, user: MiniAppUser, body: dict[str, Any]) -> Response:
        """Registers the user from the filled form (or updates it before the first attempt)."""
        contest_id, unit_id = _int(body.get("contest_id")), _int(body.get("unit_id"))
        name, year, phone = body.get("full_name"), body.get("birth_year"), body.get("phone")
        if contest_id is None or not isinstance(name, str) or len(name) > 500:
            return _error(texts.BAD_REQUEST, 400)
        if not isinstance(phone, str | None) or (phone is not None and len(phone) > 40):
            return _error(texts.BAD_REQUEST, 400)
        form = Registration(
            name,
            _int(year) or (int(year) if isinstance(year, str) and year.isdigit() else 0),
            unit_id or 0,
            phone,
            body.get("consent") is True,
        )
        await self.services.db_async(registration.enrol, contest_id, user.id, form, self.clock)
        found = await self.services.db_async(_overview, user.id, self.clock)
        return JSONResponse({"contests": found})

    async def attempt(self, _: Request, user: MiniAppUser, body: dict[str, Any]) -> Response:
        """Starts the next attempt of the open round, or resumes the one under way: the whole
        paper, so the page moves from question to question without asking the server."""
        contest_id = _int(body.get("contest_id"))
        if contest_id is None:
            return _error(texts.BAD_REQUEST, 400)
        paper = await self.services.db_async(
            start_paper, contest_id, user.id, self.rng, self.clock
        )
        return JSONResponse(paper_fields(paper))

    async def state(self, _: Request, user: MiniAppUser, body: dict[str, Any]) -> Response:
        """Where the user's attempt stands now (finished by the server once its time is up)."""
        attempt_id = _int(body.get("attempt_id"))
        if attempt_id is None:
            return _error(texts.BAD_REQUEST, 400)
        state = await self.services.db_async(attempt_state, attempt_id, self.clock, user.id)
        fields = state_fields(state)
        if state.finished:
            fields["message"] = bot_texts.CONTEST_LATE
        return JSONResponse(fields)

    async def answer(self, _: Request, user: MiniAppUser, body: dict[str, Any]) -> Response:
        """Records the answer to one question of the user's attempt: one statement that
        stores it once, only in the user's own running attempt, only before the deadline."""
        attempt_id, position = _int(body.get("attempt_id")), _int(body.get("position"))
        chosen = body.get("chosen")
        if (
            attempt_id is None
            or position is None
            or not isinstance(chosen, list)
            or not chosen
            or len(chosen) > 26
            or any(_int(c) is None or not 0 <= c < 26 for c in chosen)
        ):
            return _error(texts.BAD_REQUEST, 400)
        shown = sorted(set(chosen))
        try:
            recorded = None
            if self.fast is not None:
                recorded = await self.fast.record(attempt_id, position, shown, user.id)
            if recorded is None:  # not stored now: the recorder's statement says why
                recorded = await asyncio.to_thread(
                    self.answers.record, attempt_id, position, shown, user.id
                )
        except AttemptOver:
            state = await self.services.db_async(attempt_state, attempt_id, self.clock, user.id)
            return JSONResponse(
                {**state_fields(state), "late": True, "message": bot_texts.CONTEST_LATE},
                status_code=409,
            )
        message = (
            bot_texts.CONTEST_ALREADY if recorded.repeated else bot_texts.CONTEST_ANSWER_SAVED
        )
        return JSONResponse(
            {"position": position, "repeated": recorded.repeated, "message": message}
        )

    async def prediction(self, _: Request, user: MiniAppUser, body: dict[str, Any]) -> Response:
        """Takes the tie-breaker prediction and submits the attempt."""
        attempt_id, value = _int(body.get("attempt_id")), body.get("value")
        if attempt_id is None or not isinstance(value, str | int | float) or len(str(value)) > 40:
            return _error(texts.BAD_REQUEST, 400)
        state = await self.services.db_async(
            predict_attempt, user.id, attempt_id, str(value), self.clock
        )
        return JSONResponse(state_fields(state))
