"""A per-client limit on requests within a sliding window (kept by each worker process)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

MAX_CLIENTS = 100_000


class ClientLimiter:
    """At most ``count`` requests per client key within ``seconds``."""

    def __init__(
        self, count: int, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Keeps the limit and the clock it is measured with."""
        self.count = count
        self.seconds = seconds
        self.clock = clock
        self._seen: dict[str, deque[float]] = {}

    def allow(self, key: str) -> float:
        """Counts a request; 0 when it is allowed, else the seconds until the next one is."""
        now = self.clock()
        if len(self._seen) > MAX_CLIENTS:
            self._forget(now)
        times = self._seen.setdefault(key, deque())
        while times and now - times[0] >= self.seconds:
            times.popleft()
        if len(times) >= self.count:
            return max(0.001, self.seconds - (now - times[0]))
        times.append(now)
        return 0.0

    def _forget(self, now: float) -> None:
        """Drops the clients with no request inside the window (bounds the memory held)."""
        for key in [k for k, t in self._seen.items() if not t or now - t[-1] >= self.seconds]:
            del self._seen[key]
