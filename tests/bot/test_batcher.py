import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.batcher import Batcher


@pytest.fixture
def executor():
    pool = ThreadPoolExecutor(1)
    yield pool
    pool.shutdown(wait=True)


async def test_requests_arriving_while_busy_form_one_batch(executor):
    release = threading.Event()
    started = threading.Event()
    batches = []

    def work(items):
        batches.append(list(items))
        if len(batches) == 1:
            started.set()
            release.wait(5)
        return [item * 10 for item in items]

    batcher = Batcher(work, executor, max_batch=8)
    first = asyncio.ensure_future(batcher.submit(1))
    assert await asyncio.to_thread(started.wait, 5)
    rest = [asyncio.ensure_future(batcher.submit(n)) for n in range(2, 12)]
    await asyncio.sleep(0)
    release.set()
    assert await first == 10
    assert [await r for r in rest] == [n * 10 for n in range(2, 12)]
    assert batches == [[1], list(range(2, 10)), [10, 11]]


async def test_a_failing_batch_fails_only_its_own_requests(executor):
    def work(items):
        if "boom" in items:
            raise ValueError("boom")
        return [item.upper() for item in items]

    batcher = Batcher(work, executor, max_batch=1)
    bad = asyncio.ensure_future(batcher.submit("boom"))
    good = asyncio.ensure_future(batcher.submit("ok"))
    with pytest.raises(ValueError, match="boom"):
        await bad
    assert await good == "OK"


async def test_stop_cancels_what_is_queued_and_leaves_no_task_behind(executor):
    release = threading.Event()
    started = threading.Event()

    def work(items):
        started.set()
        release.wait(5)
        return list(items)

    batcher = Batcher(work, executor, max_batch=1)
    running = asyncio.ensure_future(batcher.submit(1))
    assert await asyncio.to_thread(started.wait, 5)
    queued = asyncio.ensure_future(batcher.submit(2))
    await asyncio.sleep(0)
    await batcher.stop()
    release.set()
    for request in (running, queued):
        with pytest.raises(asyncio.CancelledError):
            await request
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    assert not [t for t in others if "_drain" in repr(t.get_coro())]
