"""What was computed for the last keys asked, kept in memory (least recently used dropped)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Recent(Generic[K, V]):
    """The values of the last ``size`` keys, shared by threads.

    For what a loaded index computes from a question alone (its vector, its answer): a question
    many people ask at once (a contest's question, the portal's example) is computed once.
    """

    def __init__(self, size: int) -> None:
        """Keeps at most ``size`` values."""
        self._size = size
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._values)

    def many(self, keys: Sequence[K], compute: Callable[[list[K]], Sequence[V]]) -> list[V]:
        """The value of each key: those kept from memory, the others from one call of
        ``compute`` with each missing key once (in first-seen order), then kept."""
        with self._lock:
            known = {k: self._values[k] for k in keys if k in self._values}
            for key in known:
                self._values.move_to_end(key)
        missing = list(dict.fromkeys(k for k in keys if k not in known))
        if missing:
            computed = compute(missing)
            with self._lock:
                for key, value in zip(missing, computed, strict=True):
                    known[key] = value
                    self._values[key] = value
                while len(self._values) > self._size:
                    self._values.popitem(last=False)
        return [known[k] for k in keys]
