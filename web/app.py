"""The ASGI application: ask and read the book, the embeddable block, contest pages, Mini App.

Every page goes through the same cores as the bot (`bot.core`, the `quizzes` facades and
`knowledge.browse`); nothing here writes SQL or searches the index itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import time
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot import texts as bot_texts
from bot.core.ask import Asked, Asker, Asking, clean_question, vote_own
from bot.core.calendar import day_page, valid_day, year_index
from bot.core.contest import public_contest, public_contests
from bot.core.reading import passage_links, read, table_of_contents
from bot.ratelimit import SlidingWindow
from bot.services import Services
from bot.settings import Settings, load_settings
from bot.views.answers import MAX_QUESTION_CHARS, answer_fields, question_problem, refusal_text
from bot.views.calendar import age_label
from knowledge.clock import LOCAL_TZ
from quizzes.certificates import check_code, display
from web import texts
from web.miniapp import MiniApp
from web.requests import json_body

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
CLIENT_COOKIE = "sd_khach"
CLIENT_PARAM = "khach"
SEARCH_RESULTS = 20


def client_user(token: str) -> int:
    """The history's user id of a web visitor: negative, so never a Telegram user's."""
    return -(int(token, 16) % (1 << 52) + 1)


def _client_token(request: Request) -> str | None:
    for raw in (request.query_params.get(CLIENT_PARAM), request.cookies.get(CLIENT_COOKIE)):
        if raw and len(raw) == 16 and all(c in "0123456789abcdef" for c in raw):
            return raw
    return None


class Web:
    """The handlers, sharing one Services, one asking core and the per-client limit."""

    def __init__(self, services: Services) -> None:
        """Keeps the services and builds the templates and limiter from [web]."""
        self.services = services
        self.settings: Settings = services.settings
        self.asking = Asking(services)
        web = self.settings.web
        self.limiter = SlidingWindow(web.rate_limit_count, web.rate_limit_seconds)
        self.templates = Jinja2Templates(directory=HERE / "templates")
        self.templates.env.globals.update(
            site_title=web.site_title,
            texts=texts,
            bot_texts=bot_texts,
            refusal_text=refusal_text,
            local=_local,
            age_label=age_label,
            display_code=display,
        )

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> Response:
        """A template rendered with the shared context."""
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    # Asking -----------------------------------------------------------------------------

    def _limited(self, request: Request) -> str | None:
        """Counts a request of this client; None when allowed, else how long to wait."""
        wait = self.limiter.seconds_to_wait(request.client.host if request.client else "?")
        return texts.RATE_LIMITED.format(seconds=wait) if wait else None

    async def _ask(
        self, request: Request, question: str, token: str | None, followup: bool
    ) -> tuple[Asked, dict[str, Any]]:
        """Answers and records the question for the client ``token``, as a follow-up of its
        last question unless told not to or asked for a new dialogue (``moi=1``); without a
        token the question stands alone."""
        started = time.perf_counter()
        fresh = not followup or token is None or request.query_params.get("moi") == "1"
        user = client_user(token or secrets.token_hex(8))
        asked = await self.asking.ask(
            Asker(user=user, chat=user), question, started=started, followup=not fresh
        )
        own, related = await self.services.db_async(
            self.services.sections().links,
            None if asked.answer.refused else asked.answer.chunk_id,
            asked.related,
        )
        return asked, {"own": own, "related": related}

    async def _answered(
        self, request: Request, question: str, token: str | None, followup: bool
    ) -> dict[str, Any]:
        """A page's context for ``question``: why it cannot be asked (``problem``), or the
        answer and its links (``asked``, ``links``)."""
        problem = question_problem(question) or self._limited(request)
        if problem:
            return {"problem": problem}
        asked, links = await self._ask(request, question, token, followup=followup)
        return {"asked": asked, "links": links}

    async def home(self, request: Request) -> Response:
        """The ask box, and the answer when a question was sent (works without JavaScript)."""
        question = clean_question(request.query_params.get("q", ""))
        fresh = request.query_params.get("moi") == "1" and not question
        context: dict[str, Any] = {"question": question, "fresh": fresh}
        known = _client_token(request)
        token, new = (known, False) if known else (secrets.token_hex(8), True)
        if question:
            context.update(await self._answered(request, question, token, followup=not new))
        response = self.page(request, "home.html", **context)
        if new:
            response.set_cookie(
                CLIENT_COOKIE,
                token,
                max_age=180 * 24 * 3600,
                httponly=True,
                samesite="lax",
                secure=request.url.scheme == "https",
            )
        return response

    async def api_ask(self, request: Request) -> Response:
        """GET /api/ask?q=…: the answer as JSON, with the keys of `sudang ask --json`."""
        question = clean_question(request.query_params.get("q", ""))
        problem = question_problem(question)
        if problem:
            return JSONResponse({"error": problem}, status_code=400)
        client = request.client.host if request.client else "?"
        wait = self.limiter.seconds_to_wait(client)
        if wait:
            return JSONResponse(
                {"error": texts.RATE_LIMITED.format(seconds=wait)},
                status_code=429,
                headers={"Retry-After": str(wait)},
            )
        asked, links = await self._ask(request, question, _client_token(request), followup=True)
        fields = answer_fields(question, asked.answer, asked)
        fields["section_url"] = links["own"]
        fields["related"] = [{"title": r.title, "url": r.url} for r in links["related"]]
        return JSONResponse(fields)

    async def api_feedback(self, request: Request) -> Response:
        """POST /api/feedback {question_id, good}: a vote on an answer this client was given."""
        token = _client_token(request)
        body = await json_body(request)
        question_id, good = body.get("question_id"), body.get("good")
        if token is None or not isinstance(question_id, int) or not isinstance(good, bool):
            return JSONResponse({"error": texts.BAD_REQUEST}, status_code=400)
        limited = self._limited(request)
        if limited:
            return JSONResponse({"error": limited}, status_code=429)
        user = client_user(token)
        done = await self.services.db_async(
            vote_own, question_id, Asker(user, user), good, self.services.clock.now()
        )
        if not done:
            return JSONResponse({"error": texts.NOT_FOUND}, status_code=404)
        return JSONResponse({"ok": True, "message": texts.VOTE_THANKS})

    # Reading ----------------------------------------------------------------------------

    async def contents(self, request: Request) -> Response:
        """The table of contents of every book."""
        books = await self.services.db_async(table_of_contents)
        return self.page(request, "contents.html", books=books)

    async def section(self, request: Request) -> Response:
        """One page of a section, at its stable address."""
        try:
            page = max(0, int(request.query_params.get("trang", "1")) - 1)
        except ValueError:
            page = 0
        found = await self.services.db_async(
            read,
            request.path_params["book"],
            request.path_params["section"],
            page,
            self.settings.bot.reading_page_chars,
        )
        if found is None:
            raise HTTPException(404)
        return self.page(request, "section.html", r=found)

    async def search(self, request: Request) -> Response:
        """Passages matching the words, each with its citation and section address."""
        query = clean_question(request.query_params.get("q", ""))[:MAX_QUESTION_CHARS]
        found: list[Any] = []
        problem = None
        if query:
            problem = self._limited(request)
            if problem is None:
                passages = await self.services.search_async(query, SEARCH_RESULTS)
                found = await self.services.db_async(passage_links, passages)
        return self.page(request, "search.html", query=query, found=found, problem=problem)

    # Embedding --------------------------------------------------------------------------

    async def embed_demo(self, request: Request) -> Response:
        """How a portal shows the ask block: the snippet, and the block itself."""
        base = self.settings.web.public_url or str(request.base_url).rstrip("/")
        return self.page(request, "embed_demo.html", base=base)

    async def embed_frame(self, request: Request) -> Response:
        """The compact ask block shown inside the portal's frame; a question sent before its
        script has loaded (or without JavaScript) is answered in the page itself."""
        question = clean_question(request.query_params.get("q", ""))
        context: dict[str, Any] = {"question": question}
        if question:
            context.update(
                await self._answered(request, question, _client_token(request), followup=True)
            )
        return self.page(request, "embed_frame.html", **context)

    # Ngày này năm xưa -------------------------------------------------------------------

    def _today(self) -> date:
        return self.services.clock.now().astimezone(LOCAL_TZ).date()

    async def calendar_today(self, request: Request) -> Response:
        """Today's approved "Ngày này năm xưa" entries."""
        today = self._today()
        return await self._calendar_day(request, today.day, today.month, today=True)

    async def calendar_day(self, request: Request) -> Response:
        """One day of the year ("/ngay-nay-nam-xua/13-5"), any year's events on it."""
        day, month = request.path_params["day"], request.path_params["month"]
        if not valid_day(day, month):
            raise HTTPException(404)
        return await self._calendar_day(request, day, month, today=False)

    async def _calendar_day(self, request: Request, day: int, month: int, today: bool) -> Response:
        page = await self.services.db_async(day_page, day, month, self._today())
        return self.page(request, "calendar_day.html", p=page, day=day, month=month, today=today)

    async def calendar_year(self, request: Request) -> Response:
        """Every day of the year that has approved entries, month by month."""
        months = await self.services.db_async(year_index)
        return self.page(request, "calendar_year.html", months=months)

    # Certificates -----------------------------------------------------------------------

    async def verify(self, request: Request) -> Response:
        """A certificate's check: the form, and the outcome for ``?ma=`` or ``/xacminh/CODE``."""
        typed = request.path_params.get("code") or request.query_params.get("ma", "")
        typed = typed.strip()[:64]
        context: dict[str, Any] = {"typed": typed}
        if typed:
            problem = self._limited(request)
            if problem is not None:
                context["problem"] = problem
            else:
                context["checked"] = await self.services.db_async(check_code, typed)
        return self.page(request, "verify.html", **context)

    # Contests ---------------------------------------------------------------------------

    async def contests(self, request: Request) -> Response:
        """Every public contest."""
        found = await self.services.db_async(public_contests)
        return self.page(request, "contests.html", contests=found)

    async def contest(self, request: Request) -> Response:
        """A contest's rules, rounds and published results by person and by unit."""
        found = await self.services.db_async(
            public_contest, request.path_params["slug"], self.settings.web.results_shown
        )
        if found is None:
            raise HTTPException(404)
        return self.page(request, "contest.html", c=found)

    async def health(self, request: Request) -> Response:
        """For the reverse proxy and monitoring; ``?chi_tiet=1`` says whether the suggested
        questions are all checked yet (until then the first answers of a passage cost more)."""
        if request.query_params.get("chi_tiet") == "1":
            return JSONResponse({"ok": True, "suggestions_warm": self.services.warmed})
        return PlainTextResponse("ok")


def _local(value: Any, fmt: str = "%H:%M %d/%m/%Y") -> str:
    return str(value.astimezone(LOCAL_TZ).strftime(fmt))


class SecurityHeaders:
    """Headers every response carries: a content policy, no sniffing, who may frame it.

    A plain ASGI middleware (it only adds headers to the response's start message), so the
    answers' hot path pays no extra task per request.
    """

    def __init__(self, app: ASGIApp, embed_origins: tuple[str, ...]) -> None:
        """Keeps the application and the origins allowed to frame the embeddable block."""
        self.app = app
        embed = " ".join(embed_origins) or "'none'"
        self.policies = {
            prefix: _policy(ancestors).encode()
            for prefix, ancestors in (
                ("/nhung/khung", embed),
                ("/miniapp", "https://web.telegram.org https://*.telegram.org"),
                ("", "'self'"),
            )
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Adds the headers to the response's first message."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        policy = next(v for prefix, v in self.policies.items() if path.startswith(prefix))

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", policy),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"strict-origin-when-cross-origin"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def _policy(ancestors: str) -> str:
    return (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; "
        "script-src 'self' https://telegram.org; connect-src 'self'; "
        f"frame-ancestors {ancestors}; base-uri 'none'; form-action 'self'"
    )


def create_app(services: Services, *, owns_services: bool = False) -> Starlette:
    """The web application over ``services`` (closed at shutdown when ``owns_services``)."""
    web = Web(services)
    miniapp = MiniApp(services, web.templates)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await services.load_async()
        # As in the bot: suggestions are checked in the background, so no answer waits.
        warming = asyncio.get_running_loop().create_task(services.warm_suggestions())
        try:
            yield
        finally:
            warming.cancel()
            await asyncio.gather(warming, return_exceptions=True)
            await miniapp.aclose()
            await services.stop_checks()
            if owns_services:
                services.close()

    async def not_found(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        message = {404: texts.NOT_FOUND, 413: texts.TOO_LARGE, 405: texts.BAD_REQUEST}.get(
            status, texts.SERVER_ERROR if status >= 500 else texts.BAD_REQUEST
        )
        if request.url.path.startswith(("/api/", "/miniapp/api/")):
            return JSONResponse({"error": message}, status_code=status)
        return web.page(request, "error.html", status=status, message=message)

    routes = [
        Route("/", web.home),
        Route("/api/ask", web.api_ask),
        Route("/api/feedback", web.api_feedback, methods=["POST"]),
        Route("/sach", web.contents),
        Route("/sach/{book}/{section}", web.section),
        Route("/tim", web.search),
        Route("/nhung", web.embed_demo),
        Route("/nhung/khung", web.embed_frame),
        Route("/ngay-nay-nam-xua", web.calendar_today),
        Route("/ngay-nay-nam-xua/ca-nam", web.calendar_year),
        Route("/ngay-nay-nam-xua/{day:int}-{month:int}", web.calendar_day),
        Route("/xacminh", web.verify),
        Route("/xacminh/{code}", web.verify),
        Route("/cuocthi", web.contests),
        Route("/cuocthi/{slug}", web.contest),
        Route("/healthz", web.health),
        *miniapp.routes(),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[
            Middleware(SecurityHeaders, embed_origins=services.settings.web.embed_origins)
        ],
        exception_handlers={HTTPException: not_found, Exception: not_found},
    )


def app_from_environment() -> Starlette:
    """The application for each `sudang web` worker process, configured from $SUDANG_CONFIG."""
    config = os.environ.get("SUDANG_CONFIG")
    settings = load_settings(Path(config) if config else None)
    services = Services(settings)
    services.settle_loaded = True
    return create_app(services, owns_services=True)
