"""Gathers concurrent requests into batches for one worker thread (answers under load)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from typing import Generic, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


class Batcher(Generic[In, Out]):
    """Runs ``work(items)`` in an executor, taking every request that waits at that moment.

    An idle batcher starts a request at once (no waiting window); while a batch is being
    worked on, new requests queue and form the next batch. A failure fails every request of
    its batch and nothing else. It follows the running event loop, so one batcher can outlive
    an Application that is stopped and built again.
    """

    def __init__(
        self, work: Callable[[Sequence[In]], Sequence[Out]], executor: Executor, max_batch: int
    ) -> None:
        """Keeps the batch function, the executor that runs it and the largest batch size."""
        self._work = work
        self._executor = executor
        self._max_batch = max(1, max_batch)
        self._waiting: list[tuple[In, asyncio.Future[Out]]] = []
        self._draining: asyncio.Task[None] | None = None
        self._working: list[tuple[In, asyncio.Future[Out]]] = []
        self._loop: asyncio.AbstractEventLoop | None = None

    async def submit(self, item: In) -> Out:
        """Queues one request and waits for its result."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            self._loop, self._waiting, self._draining = loop, [], None
        future: asyncio.Future[Out] = loop.create_future()
        self._waiting.append((item, future))
        if self._draining is None or self._draining.done():
            self._draining = loop.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        while self._waiting:
            batch = self._waiting[: self._max_batch]
            del self._waiting[: self._max_batch]
            self._working = batch
            try:
                results = await loop.run_in_executor(
                    self._executor, self._work, [item for item, _ in batch]
                )
            except Exception as exc:
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)

    async def stop(self) -> None:
        """Cancels the requests still queued and the batch loop (on shutdown).

        A batch already in the executor finishes there; its requests are cancelled here.
        """
        waiting, self._waiting = [*self._working, *self._waiting], []
        for _, future in waiting:
            future.cancel()
        draining, self._draining = self._draining, None
        if draining is not None and not draining.done():
            draining.cancel()
            await asyncio.gather(draining, return_exceptions=True)
