"""The emulator's notion of now: real time plus an offset tests can move forward."""

from __future__ import annotations

import time

__all__ = ["Clock"]


class Clock:
    """Real Unix time shifted by an adjustable offset, so expiry can be tested without waiting."""

    def __init__(self) -> None:
        self.offset = 0

    def now(self) -> int:
        """The current Unix time in whole seconds, offset applied."""
        return int(time.time()) + self.offset

    def advance(self, seconds: int) -> int:
        """Move the clock by ``seconds`` (negative goes back) and return the new now."""
        self.offset += seconds
        return self.now()

    def reset(self) -> None:
        """Back to real time."""
        self.offset = 0
