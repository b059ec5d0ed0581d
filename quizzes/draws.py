"""What practice and contests share about a draw: the stored seed, the option order shown, and
positions mapped between the order shown and the order stored."""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from typing import TypeVar

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

SEED_BITS = 62
T = TypeVar("T")


def seeded(rng: random.Random) -> tuple[int, random.Random]:
    """A new seed taken from ``rng`` (to store) and the generator it starts."""
    seed = rng.getrandbits(SEED_BITS)
    return seed, random.Random(seed)


def shown_order(positions: Sequence[int], shuffle: bool, rng: random.Random) -> tuple[int, ...]:
    """The stored option positions in the order they will be shown.

    Args:
        positions: The question's option positions, in stored order.
        shuffle: Shuffle them (False for options that refer to each other, or when the
            contest keeps the bank's order).
        rng: The draw's seeded generator.
    """
    order = list(positions)
    if shuffle:
        rng.shuffle(order)
    return tuple(order)


def in_shown_order(order: Sequence[int], by_position: Mapping[int, T]) -> tuple[T, ...]:
    """A question's options (or anything kept by stored option position) in the order shown.

    Practice and contests both show a drawn question through this one mapping, whatever else
    each reveals (practice the key and the explanation, a contest nothing more).
    """
    return tuple(by_position[p] for p in order)


def packed(order: Sequence[int]) -> str:
    """An option order as the item row stores it ("2,0,1")."""
    return ",".join(map(str, order))


def unpacked(stored: str) -> tuple[int, ...]:
    """An option order as stored ("2,0,1") back as positions."""
    return tuple(int(p) for p in stored.split(","))


class DrawnItem:
    """Columns and mapping of a question drawn into a session or an attempt (a table mixin)."""

    position: Mapped[int]
    option_order: Mapped[str] = mapped_column(String(20))

    @property
    def shown_order(self) -> tuple[int, ...]:
        """Stored option positions in the order they are shown."""
        return unpacked(self.option_order)

    def to_stored(self, shown: Collection[int]) -> frozenset[int]:
        """0-based positions as shown mapped back to stored option positions."""
        order = self.shown_order
        return frozenset(order[i] for i in shown)
