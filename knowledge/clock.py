"""Time for the whole project: the injectable Clock seam, the server clock and Vietnam's zone."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from knowledge.db import utc_now

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class Clock(Protocol):
    """Tells the time; tests pass a fixed clock."""

    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...


class SystemClock:
    """The server's clock."""

    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        return utc_now()
