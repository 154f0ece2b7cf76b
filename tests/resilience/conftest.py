"""Helpers of the deadline, breaker, budget and platform-status tests: a clock the test moves,
and the gateway in-process with that clock under its circuit breakers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import AbstractAsyncContextManager
from typing import Any

import httpx
import pytest

from mailgql.emulators import Emulators
from tests.conftest import Gateway, open_gateway

PLATFORMS_QUERY = """{ platforms { platform configured breaker lastError { code message }
  lastErrorAt latencyMs inFlight } }"""


@pytest.fixture
async def closing() -> AsyncIterator[list[httpx.AsyncClient]]:
    """httpx clients to close after the test."""
    clients: list[httpx.AsyncClient] = []
    yield clients
    for client in clients:
        await client.aclose()


class FakeClock:
    """A monotonic clock that moves only when the test moves it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock forward."""
        self.now += seconds


class FakeSleep:
    """Stands in for ``asyncio.sleep``: records each wait and moves ``clock`` by it."""

    def __init__(self, clock: FakeClock | None = None) -> None:
        self.clock = clock
        self.waits: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.waits.append(delay)
        if self.clock is not None:
            self.clock.advance(delay)


def jitter_from(values: Iterable[float]) -> Callable[[], float]:
    """A jitter source that draws ``values`` in turn."""
    drawn = iter(values)
    return lambda: next(drawn)


def open_clocked_gateway(
    emulators: Emulators, clock: Callable[[], float], **extra: Any
) -> AbstractAsyncContextManager[Gateway]:
    """As ``tests.conftest.open_gateway``, with ``clock`` under the platforms' breakers."""
    return open_gateway(emulators, clock=clock, **extra)


async def statuses(gateway: Gateway) -> dict[str, dict[str, Any]]:
    """The ``platforms`` answer, by platform name."""
    data = await gateway.query(PLATFORMS_QUERY)
    return {entry["platform"]: entry for entry in data["platforms"]}
