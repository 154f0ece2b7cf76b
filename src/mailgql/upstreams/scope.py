"""What one GraphQL operation may spend upstream: a deadline for all its calls, and a cap on
how many it makes.

The graph opens a :class:`CallScope` once per operation (:func:`call_scope`); the one send path
(``_http.py``) reads it from a context variable, so every task the operation starts (resolvers,
loader batches, fan-outs) spends from the same deadline and the same budget. A call made outside
any scope (a test driving a client directly) has neither.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from mailgql.platforms import Platform
from mailgql.scoped_values import holding
from mailgql.upstreams.errors import UpstreamError, UpstreamTimeout

__all__ = ["CallBudgetExceeded", "CallScope", "DeadlineReached", "call_scope", "current_scope"]


class CallScope:
    """One operation's deadline (``seconds`` from its start, on ``clock``) and call budget."""

    __slots__ = ("calls", "clock", "deadline", "max_calls", "seconds")

    def __init__(
        self,
        *,
        seconds: float | None,
        max_calls: int | None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.clock = clock
        self.seconds = seconds
        """The deadline's length; None: no deadline."""
        self.deadline = None if seconds is None else clock() + seconds
        """When the operation's upstream time is up, on ``clock``; None: never."""
        self.max_calls = max_calls
        """Upstream calls the operation may make; None: no cap."""
        self.calls = 0
        """Upstream calls made so far (each try of a retried read counts)."""

    def remaining(self) -> float | None:
        """Seconds left before the deadline (0 or less: reached); None without a deadline."""
        if self.deadline is None:
            return None
        return self.deadline - self.clock()

    def take_call(self) -> bool:
        """Count one call about to be sent; False (and nothing counted) when the cap is reached."""
        if self.max_calls is not None and self.calls >= self.max_calls:
            return False
        self.calls += 1
        return True


_SCOPE: ContextVar[CallScope | None] = ContextVar("mailgql_call_scope", default=None)


def current_scope() -> CallScope | None:
    """The scope of the operation running in this task, if any."""
    return _SCOPE.get()


@contextmanager
def call_scope(
    *,
    seconds: float | None,
    max_calls: int | None,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[CallScope]:
    """Open a scope for the calls made inside the block (and in tasks started from it)."""
    scope = CallScope(seconds=seconds, max_calls=max_calls, clock=clock)
    with holding(_SCOPE, scope):
        yield scope


class DeadlineReached(UpstreamTimeout):
    """The operation's deadline (``MAILGQL_REQUEST_DEADLINE``) was reached before the platform
    answered, or before the call could even be sent (``sent`` False)."""

    def __init__(
        self, platform: Platform, seconds: float, *, operation: str | None, sent: bool
    ) -> None:
        if sent:
            text = f"{platform.label} did not answer before the request deadline was reached"
        else:
            text = f"{platform.label} was not called: the request deadline was reached"
        super().__init__(f"{text} ({seconds:g} s)", platform=platform, operation=operation)
        self.sent = sent


class CallBudgetExceeded(UpstreamError):
    """The operation made as many upstream calls as ``MAILGQL_MAX_UPSTREAM_CALLS`` allows; this
    call was not sent."""

    def __init__(self, platform: Platform, limit: int, *, operation: str | None) -> None:
        super().__init__(
            f"{platform.label} was not called: this request reached its limit of {limit} "
            "upstream calls; ask for fewer objects (or fewer nested fields) per request",
            platform=platform,
            operation=operation,
        )
        self.limit = limit
