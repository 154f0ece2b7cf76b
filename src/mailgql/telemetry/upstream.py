"""What the upstream send path records of each try of a call: its count by outcome, its time
and, while tracing is on, its span under the operation's.

The send path (:class:`mailgql.upstreams._http.UpstreamHttp`) makes one :class:`Attempt` per
try, marks when the request leaves (:meth:`Attempt.begin`) and ends it once with an outcome
word. A try that never left (an open circuit, the operation's deadline or call budget) counts
among the calls not sent, with that word as the reason.
"""

from __future__ import annotations

import time

from opentelemetry.trace import Span, SpanKind, Status, StatusCode

from mailgql.telemetry.metrics import CommandMeter, gateway_metrics
from mailgql.telemetry.tracing import tracer

__all__ = ["OK", "Attempt", "UpstreamTelemetry"]

OK = "ok"
"""The outcome of a call the platform answered, and whose answer was read."""

PLATFORM_ATTRIBUTE = "mailgql.platform"
COMMAND_ATTRIBUTE = "mailgql.command"


class Attempt:
    """One try of one upstream call."""

    __slots__ = ("_meter", "_method", "_span", "_started", "status")

    def __init__(self, meter: CommandMeter, method: str) -> None:
        self._meter = meter
        self._method = method
        self._started: float | None = None
        self._span: Span | None = None
        self.status: int | None = None
        """The HTTP status of the answer, once there is one."""

    def begin(self) -> None:
        """The request leaves now."""
        self._started = time.perf_counter()
        traced = tracer()
        if traced is not None:
            meter = self._meter
            self._span = traced.start_span(
                f"{meter.platform} {meter.command}",
                kind=SpanKind.CLIENT,
                attributes={
                    PLATFORM_ATTRIBUTE: meter.platform,
                    COMMAND_ATTRIBUTE: meter.command,
                    "http.request.method": self._method,
                },
            )

    def end(self, outcome: str) -> None:
        """The try ended with ``outcome`` (an outcome word, or why it was not sent)."""
        if self._started is None:
            self._meter.not_sent(outcome)
            return
        self._meter.sent(outcome, time.perf_counter() - self._started)
        span = self._span
        if span is not None:
            if self.status is not None:
                span.set_attribute("http.response.status_code", self.status)
            span.set_attribute("mailgql.outcome", outcome)
            if outcome != OK:
                span.set_status(Status(StatusCode.ERROR, outcome))
            span.end()


class UpstreamTelemetry:
    """The attempts of one platform's calls."""

    __slots__ = ("_metrics", "platform")

    def __init__(self, platform: str) -> None:
        self.platform = platform
        self._metrics = gateway_metrics()

    def attempt(self, command: str, method: str) -> Attempt:
        """A new try of ``command`` (an Oempro command, a v2 endpoint template such as
        ``GET /Users/SubAccounts``, a Maxmailer function: never a value with ids in it)."""
        return Attempt(self._metrics.command(self.platform, command), method)
