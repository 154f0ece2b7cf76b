"""The outcome word of each try of an upstream call, as the telemetry counts it, and the error of
a call refused before it was sent."""

from __future__ import annotations

from mailgql.upstreams.breaker import CircuitOpen
from mailgql.upstreams.errors import (
    UpstreamBadResponse,
    UpstreamError,
    UpstreamTimeout,
    UpstreamUnavailable,
    failed_write,
)
from mailgql.upstreams.scope import CallBudgetExceeded, DeadlineReached

__all__ = ["BAD_RESPONSE", "CANCELLED", "SERVER_ERROR", "outcome", "unsent"]

SERVER_ERROR = "server_error"
"""A try answered with a 5xx."""
BAD_RESPONSE = "bad_response"
"""A try whose answer could not be read."""
CANCELLED = "cancelled"
"""A try that ended without a verdict (the request was cancelled)."""

# The most specific class first: DeadlineReached is a timeout, CircuitOpen an unavailability.
_OUTCOMES: tuple[tuple[type[UpstreamError], str], ...] = (
    (DeadlineReached, "deadline"),
    (CallBudgetExceeded, "call_budget"),
    (CircuitOpen, "circuit_open"),
    (UpstreamTimeout, "timeout"),
    (UpstreamBadResponse, BAD_RESPONSE),
    (UpstreamUnavailable, "unavailable"),
)


def outcome(error: UpstreamError) -> str:
    """The outcome word of a try that ended in ``error`` (``legacy_error``: the platform
    answered and refused)."""
    for kind, word in _OUTCOMES:
        if isinstance(error, kind):
            return word
    return "legacy_error"


def unsent(error: UpstreamError, read: bool) -> UpstreamError:
    """``error`` for a call refused before sending: a write's outcome is NOT_APPLIED."""
    return error if read else failed_write(error, sent=False)
