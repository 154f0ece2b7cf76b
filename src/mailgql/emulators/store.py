"""What every platform emulator shares: the seed, the size, the counter and the faults."""

from __future__ import annotations

import random
from typing import ClassVar, Literal, Protocol

from starlette.responses import Response
from starlette.types import ASGIApp

from mailgql.emulators.faults import Faults, RequestCounter

__all__ = ["EmulatorHub", "PlatformEmulator", "Size", "rng_for"]

Size = Literal["small", "large"]


def rng_for(seed: int, platform: str) -> random.Random:
    """A deterministic random source for one platform's seed data."""
    return random.Random(f"{seed}:{platform}")


class EmulatorHub:
    """Shared state of an emulator process: seed, size, request counter and armed faults."""

    def __init__(self, *, seed: int = 1, size: Size = "small") -> None:
        self.seed = seed
        self.size: Size = size
        self.faults = Faults()
        self.counter = RequestCounter()

    async def enter(self, platform: str, endpoint: str) -> Response | None:
        """Count a request and apply any armed fault; a response returned replaces the answer."""
        self.counter.hit(platform, endpoint)
        return await self.faults.intercept(platform, endpoint)


class PlatformEmulator(Protocol):
    """One legacy API's emulator: an ASGI app over its own seeded in-memory state."""

    name: ClassVar[str]
    """Platform key used by counters, faults and control routes (``v2rest``...)."""
    mount: ClassVar[str]
    """Path the app is mounted at inside the combined emulator app."""

    @property
    def app(self) -> ASGIApp:
        """The ASGI app serving the legacy API."""
        ...

    def reset(self) -> None:
        """Rebuild the seeded state from the hub's seed and size."""
        ...

    def gateway_env(self, base_url: str) -> dict[str, str]:
        """``MAILGQL_*`` settings that point a gateway at this emulator served at ``base_url``."""
        ...
