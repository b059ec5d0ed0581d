"""Scheduled jobs shared by several bot processes: each runs in one process at a time.

Every process schedules every job; when one fires it first takes the job's lock (a PostgreSQL
advisory lock, see `knowledge.db.exclusive`) and skips the run when another process holds it.
The jobs themselves are idempotent (a recipient is recorded as served once the message is
sent), and the catch-up runs repeat, so when the process running a job dies, the next catch-up
in any surviving process finishes the work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import time
from typing import Any

from bot.services import Services
from knowledge.clock import LOCAL_TZ

log = logging.getLogger(__name__)
CATCH_UP_EVERY_S = 600.0
"""How often the catch-up runs look for work a stopped or failed run left behind."""

Job = Callable[[Any], Coroutine[Any, Any, None]]


def exclusive_job(services: Services, name: str, job: Job) -> Job:
    """``job`` run only by the process that holds the lock called ``name``."""

    async def run(context: Any) -> None:
        async with services.exclusively(name) as mine:
            if mine:
                await job(context)
            else:
                log.info("job %s is running elsewhere; this run is skipped", name)

    return run


def past_local_time(services: Services, at: time) -> bool:
    """True once today's local (Vietnam) time is at or after ``at``."""
    now = services.clock.now().astimezone(LOCAL_TZ).time()
    return now >= at.replace(tzinfo=None)
