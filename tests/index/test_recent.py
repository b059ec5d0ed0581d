"""Values kept for the last keys asked: computed once, the least recently used dropped."""

from __future__ import annotations

import contextlib
import threading

from index.recent import Recent


def test_each_missing_key_is_computed_once_and_kept_in_the_order_asked() -> None:
    calls: list[list[str]] = []

    def compute(keys: list[str]) -> list[str]:
        calls.append(keys)
        return [k.upper() for k in keys]

    recent: Recent[str, str] = Recent(3)
    assert recent.many(["a", "b", "a"], compute) == ["A", "B", "A"]
    assert calls == [["a", "b"]]
    assert recent.many(["b", "c", "a"], compute) == ["B", "C", "A"]
    assert calls == [["a", "b"], ["c"]]
    assert recent.many([], compute) == []
    assert len(calls) == 2
    assert len(recent) == 3


def test_the_least_recently_used_makes_room() -> None:
    computed: list[str] = []

    def compute(keys: list[str]) -> list[int]:
        computed.extend(keys)
        return [len(k) for k in keys]

    recent: Recent[str, int] = Recent(2)
    recent.many(["x", "yy"], compute)
    recent.many(["x"], compute)  # "x" used again: "yy" is now the oldest
    recent.many(["zzz"], compute)
    assert len(recent) == 2
    recent.many(["x", "zzz"], compute)
    assert computed == ["x", "yy", "zzz"]
    recent.many(["yy"], compute)
    assert computed == ["x", "yy", "zzz", "yy"]


def test_a_failed_computation_keeps_nothing() -> None:
    recent: Recent[str, int] = Recent(4)

    def fail(keys: list[str]) -> list[int]:
        raise RuntimeError("encoder down")

    with contextlib.suppress(RuntimeError):
        recent.many(["a"], fail)
    assert len(recent) == 0
    assert recent.many(["a"], lambda keys: [1] * len(keys)) == [1]


def test_threads_asking_at_once_get_their_own_values() -> None:
    recent: Recent[int, int] = Recent(50)
    wrong: list[tuple[int, int]] = []

    def ask(offset: int) -> None:
        for n in range(200):
            key = (n * 7 + offset) % 120
            value = recent.many([key], lambda keys: [k * k for k in keys])[0]
            if value != key * key:
                wrong.append((key, value))

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []
    assert len(recent) == 50


def test_keeping_none_computes_every_time() -> None:
    computed: list[str] = []
    recent: Recent[str, int] = Recent(0)
    for _ in range(2):
        assert recent.many(["a", "a"], lambda keys: [computed.append(k) or 1 for k in keys]) == [
            1,
            1,
        ]
    assert computed == ["a", "a"]
    assert len(recent) == 0
