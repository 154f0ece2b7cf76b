"""Fault injection and request counting shared by the three emulators.

Every emulator request passes through :meth:`Faults.intercept` after being counted by
:class:`RequestCounter`. Faults are armed per platform, optionally per endpoint, for a number of
requests (or until cleared), so a test or a benchmark in another process can make an upstream slow,
failing, malformed or hung over the control routes.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from starlette.responses import Response

__all__ = ["Fault", "FaultKind", "Faults", "RequestCounter"]

FaultKind = Literal["latency", "status", "malformed", "hang"]

_DEFAULT_MALFORMED = (
    "<html><head><title>500 Internal Server Error</title></head><body>"
    "<b>Fatal error</b>: Allowed memory size exhausted in <b>/var/www/app/api.php</b>"
    "</body></html>"
)


@dataclass(slots=True)
class Fault:
    """One armed fault: what it does, where, and for how many more requests (None: forever)."""

    platform: str
    kind: FaultKind
    endpoint: str | None = None
    remaining: int | None = 1
    latency_ms: int = 0
    status: int = 503
    body: str | None = None
    hang_seconds: float = 30.0

    def matches(self, platform: str, endpoint: str) -> bool:
        """Whether this fault applies to a request to ``endpoint`` of ``platform``."""
        if self.platform != platform:
            return False
        return self.endpoint is None or self.endpoint.lower() == endpoint.lower()


class RequestCounter:
    """Counts requests per platform and endpoint; safe to read from another thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[tuple[str, str]] = Counter()

    def hit(self, platform: str, endpoint: str) -> None:
        """Record one request."""
        with self._lock:
            self._counts[(platform, endpoint)] += 1

    def snapshot(self) -> dict[str, dict[str, int]]:
        """Counts as ``{platform: {endpoint: n}}``."""
        with self._lock:
            out: dict[str, dict[str, int]] = {}
            for (platform, endpoint), n in sorted(self._counts.items()):
                out.setdefault(platform, {})[endpoint] = n
            return out

    def total(self, platform: str | None = None) -> int:
        """Requests received in all, or by one platform."""
        with self._lock:
            return sum(n for (p, _), n in self._counts.items() if platform is None or p == platform)

    def reset(self) -> None:
        """Forget every count."""
        with self._lock:
            self._counts.clear()


@dataclass
class Faults:
    """The armed faults of one emulator process."""

    _faults: list[Fault] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _released: threading.Event = field(default_factory=threading.Event)

    def arm(self, fault: Fault) -> None:
        """Add a fault; the newest armed fault wins when several match."""
        with self._lock:
            self._released.clear()
            self._faults.append(fault)

    def clear(self) -> None:
        """Disarm every fault and release requests that are hanging."""
        with self._lock:
            self._faults.clear()
            self._released.set()

    def armed(self) -> list[Fault]:
        """A copy of the armed faults."""
        with self._lock:
            return list(self._faults)

    def _take(self, platform: str, endpoint: str) -> Fault | None:
        with self._lock:
            for fault in reversed(self._faults):
                if fault.matches(platform, endpoint):
                    if fault.remaining is not None:
                        fault.remaining -= 1
                        if fault.remaining <= 0:
                            self._faults.remove(fault)
                    return fault
            return None

    async def intercept(self, platform: str, endpoint: str) -> Response | None:
        """Apply the fault armed for this request, if any.

        Returns a response to send instead of the real answer, or None to answer normally
        (after any injected latency).
        """
        fault = self._take(platform, endpoint)
        if fault is None:
            return None
        if fault.kind == "latency":
            await asyncio.sleep(fault.latency_ms / 1000)
            return None
        if fault.kind == "status":
            return Response(
                fault.body if fault.body is not None else "Service Unavailable",
                status_code=fault.status,
                media_type="text/plain",
            )
        if fault.kind == "malformed":
            return Response(
                fault.body if fault.body is not None else _DEFAULT_MALFORMED,
                status_code=200,
                media_type="text/html",
            )
        # hang: hold the request until the fault is cleared or its time is up, then drop it.
        # A thread waits on the release flag, so clear() from any thread or loop ends the hang.
        await asyncio.to_thread(self._released.wait, fault.hang_seconds)
        return Response("hung request released", status_code=504, media_type="text/plain")
