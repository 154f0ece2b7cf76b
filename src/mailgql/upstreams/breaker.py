"""A circuit breaker per platform client, and what the send path knows of each platform's health.

The breaker opens after ``failures`` consecutive failures (no connection, a timeout of the
platform's own, a 5xx answer, an answer that cannot be read: never a refusal such as a 4xx or a
legacy error code), then refuses every call without sending it for ``cooldown`` seconds. After
that one call goes through as a probe (``HALF_OPEN``): its success closes the circuit, its failure
opens it again for another cool-down; a probe that ends without a verdict (the request's deadline,
a cancelled request) lets the next call probe instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from enum import Enum

from mailgql.platforms import Platform
from mailgql.telemetry.metrics import gateway_metrics
from mailgql.upstreams.errors import UpstreamError, UpstreamUnavailable

__all__ = ["BreakerState", "CircuitBreaker", "CircuitOpen", "PlatformHealth"]

logger = logging.getLogger("mailgql.upstream")

_EWMA_WEIGHT = 0.2
"""The weight of the newest call in the latency average."""


class BreakerState(Enum):
    """Where a circuit stands."""

    CLOSED = "CLOSED"
    """Calls go through."""
    OPEN = "OPEN"
    """Calls are refused without being sent, until the cool-down ends."""
    HALF_OPEN = "HALF_OPEN"
    """The cool-down is over: the next call is a probe, and the others wait for its verdict."""


class CircuitOpen(UpstreamUnavailable):
    """The platform's circuit is open: the call was refused without being sent."""

    def __init__(self, platform: Platform, failures: int, retry_in: float, *, operation: str):
        super().__init__(
            f"{platform.label} is not being called: circuit open after {failures} failures "
            f"in a row; one call will try again in {max(retry_in, 0):.0f} s",
            platform=platform,
            operation=operation,
        )


class CircuitBreaker:
    """Consecutive failures open the circuit; a cool-down later, one probe decides."""

    def __init__(
        self,
        platform: Platform,
        *,
        failures: int,
        cooldown: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.platform = platform
        self.failures = failures
        """Consecutive failures that open the circuit; 0: it never opens."""
        self.cooldown = cooldown
        self.clock = clock
        self._state = BreakerState.CLOSED
        self._count = 0
        self._opened_at = 0.0
        self._probing = False
        self._metrics = gateway_metrics()
        self._metrics.breaker_built(platform.value)

    @property
    def state(self) -> BreakerState:
        """The circuit's state now; an open circuit whose cool-down is over reads HALF_OPEN."""
        if self._state is BreakerState.OPEN and self._cooled():
            return BreakerState.HALF_OPEN
        return self._state

    def _cooled(self) -> bool:
        return self.clock() - self._opened_at >= self.cooldown

    def admit(self, operation: str) -> bool:
        """Let a call go, or raise :class:`CircuitOpen`; True when the call is the probe."""
        if self._state is BreakerState.CLOSED:
            return False
        if self._probing or (self._state is BreakerState.OPEN and not self._cooled()):
            retry_in = self._opened_at + self.cooldown - self.clock()
            raise CircuitOpen(self.platform, self._count, retry_in, operation=operation)
        if self._state is not BreakerState.HALF_OPEN:
            self._metrics.breaker(self.platform.value, BreakerState.HALF_OPEN.value)
        self._state = BreakerState.HALF_OPEN
        self._probing = True
        return True

    def succeeded(self, probe: bool) -> None:
        """A call got an answer the platform meant: the circuit closes."""
        if probe:
            self._probing = False
        if self._state is not BreakerState.CLOSED:
            logger.info("%s circuit closed: the platform answered again", self.platform.value)
            self._metrics.breaker(self.platform.value, BreakerState.CLOSED.value)
        self._state = BreakerState.CLOSED
        self._count = 0

    def failed(self, probe: bool) -> None:
        """A call failed in a way that counts against the platform."""
        if self.failures <= 0:
            return
        if probe:
            self._probing = False
            self._open()
        elif self._state is BreakerState.CLOSED:
            self._count += 1
            if self._count >= self.failures:
                self._open()

    def released(self, probe: bool) -> None:
        """A call ended with no verdict on the platform (deadline, cancellation)."""
        if probe:
            self._probing = False

    def _open(self) -> None:
        self._state = BreakerState.OPEN
        self._opened_at = self.clock()
        self._metrics.breaker(self.platform.value, BreakerState.OPEN.value)
        logger.warning(
            "%s circuit open after %d failures in a row: calls refused for %g s",
            self.platform.value,
            self._count,
            self.cooldown,
        )


class PlatformHealth:
    """What the send path knows of one platform client: its breaker, its latest failure, the
    latency of its successful calls and its calls in flight."""

    def __init__(self, breaker: CircuitBreaker) -> None:
        self.breaker = breaker
        self.platform = breaker.platform
        self.in_flight = 0
        """Calls sent and not yet answered."""
        self.latency_ms: float | None = None
        """Moving average (EWMA, newest weighing 0.2) of successful calls; None before one."""
        self.last_error: UpstreamError | None = None
        """The latest failure (refusals excluded), as raised."""
        self.last_error_at: datetime | None = None

    def record_latency(self, elapsed_ms: float) -> None:
        """Fold a successful call's time into the average."""
        average = self.latency_ms
        self.latency_ms = (
            elapsed_ms if average is None else average + _EWMA_WEIGHT * (elapsed_ms - average)
        )

    def record_error(self, error: UpstreamError) -> None:
        """Remember a failure as the latest."""
        self.last_error = error
        self.last_error_at = datetime.now(UTC)
