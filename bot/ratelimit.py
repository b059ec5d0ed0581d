"""Per-key rate limits in a sliding window, kept in process memory (cheap to lose on restart):
Telegram users in the bot, clients and Telegram users on the web."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Hashable

MAX_TRACKED_KEYS = 10_000


class SlidingWindow:
    """Allows each key at most ``limit`` events per ``seconds``."""

    def __init__(
        self, limit: int, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """A window of ``seconds`` holding at most ``limit`` events per key."""
        self.limit = limit
        self.seconds = seconds
        self._clock = clock
        self._events: dict[Hashable, deque[float]] = {}

    def hit(self, key: Hashable) -> float:
        """Counts an event; returns 0 when allowed, else the seconds until the next is."""
        now = self._clock()
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.seconds:
            events.popleft()
        if len(events) >= self.limit:
            return events[0] + self.seconds - now
        events.append(now)
        if len(self._events) > MAX_TRACKED_KEYS:
            self._forget_idle(now)
        return 0.0

    def seconds_to_wait(self, key: Hashable) -> int:
        """Counts an event; 0 when allowed, else the whole seconds (at least 1) to wait."""
        wait = self.hit(key)
        return max(1, math.ceil(wait)) if wait else 0

    def now(self) -> float:
        """The window's clock."""
        return self._clock()

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, e in self._events.items() if not e or e[-1] <= now - self.seconds]:
            del self._events[key]
