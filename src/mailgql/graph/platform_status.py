"""The ``platforms`` root field: how each platform behind the gateway is doing, as the send path
sees it (its circuit breaker, its latest failure, the latency of its calls, its calls in flight).

The numbers are those of the request's own clients (a tenant's, for a tenant's key). An answer
that shows them is never kept in the answer cache: it would be stale at once.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from mailgql.graph.context import Info
from mailgql.graph.enum_values import described
from mailgql.graph.errors import message_for, upstream_code
from mailgql.platforms import Platform
from mailgql.upstreams.breaker import BreakerState, PlatformHealth

__all__ = ["CircuitState", "PlatformFailure", "PlatformStatus", "platform_statuses"]

_ORDER = (Platform.V2REST, Platform.MAXMAILER, Platform.OEMPRO)


@strawberry.enum(name="BreakerState", description="Where a platform's circuit breaker stands.")
class CircuitState(Enum):
    """Where a platform's circuit breaker stands."""

    CLOSED = described(
        "CLOSED", description="Calls go through (fewer failures in a row than the limit)."
    )
    OPEN = described(
        "OPEN",
        description="Calls fail at once with UPSTREAM_UNAVAILABLE, nothing sent, until the "
        "cool-down (MAILGQL_BREAKER_COOLDOWN) ends.",
    )
    HALF_OPEN = described(
        "HALF_OPEN",
        description="The cool-down is over: the next call goes through as a probe; its success "
        "closes the circuit, its failure opens it again.",
    )


@strawberry.type(description="The latest failure of calls to a platform.")
class PlatformFailure:
    """The latest failure of calls to a platform."""

    code: str = strawberry.field(
        description="The `extensions.code` the failure had, e.g. UPSTREAM_TIMEOUT."
    )
    message: str = strawberry.field(
        description="What went wrong, as clients were told (no URLs, no credentials)."
    )


@strawberry.type(description="How one platform behind the gateway is doing.")
class PlatformStatus:
    """How one platform behind the gateway is doing."""

    platform: Platform = strawberry.field(description="The platform.")
    configured: bool = strawberry.field(
        description="Whether the gateway can reach it (its URL and credentials are set); the "
        "other fields are null or 0 when not."
    )
    breaker: CircuitState | None = strawberry.field(
        default=None,
        description="Its circuit breaker's state; null when the platform is not configured.",
    )
    last_error: PlatformFailure | None = strawberry.field(
        default=None,
        description="The latest failure of a call (no answer in time, no connection, a 5xx "
        "answer, an answer that cannot be read); refusals such as NOT_FOUND are not failures. "
        "Null when none since the gateway started.",
    )
    last_error_at: datetime | None = strawberry.field(
        default=None, description="When `lastError` happened; null when there is none."
    )
    latency_ms: float | None = strawberry.field(
        default=None,
        description="Milliseconds a successful call takes, as a moving average weighing the "
        "latest call 0.2 (an EWMA); null before the first successful call.",
    )
    in_flight: int = strawberry.field(
        default=0, description="Calls sent to it and not yet answered."
    )


def _status(platform: Platform, health: PlatformHealth | None) -> PlatformStatus:
    if health is None:
        return PlatformStatus(platform=platform, configured=False)
    error = health.last_error
    latency = health.latency_ms
    return PlatformStatus(
        platform=platform,
        configured=True,
        breaker=_STATES[health.breaker.state],
        last_error=(
            None
            if error is None
            else PlatformFailure(code=upstream_code(error), message=message_for(error))
        ),
        last_error_at=health.last_error_at if error is not None else None,
        latency_ms=None if latency is None else round(latency, 1),
        in_flight=health.in_flight,
    )


_STATES = {
    BreakerState.CLOSED: CircuitState.CLOSED,
    BreakerState.OPEN: CircuitState.OPEN,
    BreakerState.HALF_OPEN: CircuitState.HALF_OPEN,
}


def platform_statuses(info: Info) -> list[PlatformStatus]:
    """Every platform, configured or not, in the order V2REST, MAXMAILER, OEMPRO."""
    context = info.context
    if context.reads is not None:
        context.reads.store = False
    health = context.data.health
    return [_status(platform, health.get(platform)) for platform in _ORDER]
