"""Fault injection and request counting shared by the three emulators.

Every emulator request passes through :meth:`Faults.intercept` after being counted by
:class:`RequestCounter`. Faults are armed per platform, optionally per endpoint, for a number of
requests (or until cleared), so a test or a benchmark in another process can make an upstream slow,
failing, malformed, hung or late over the control routes.

A fault armed with ``match`` applies only to requests whose query string or body holds that text
(as sent, or percent-decoded), e.g. ``accountName=lund_tech&`` or ``SubscriberListID=2&``: one
account's or one list's call fails while the same endpoint answers the others. It needs the app
wrapped by :meth:`Faults.request_texts`, as the combined emulator app wraps each platform.

A fault armed with ``rate`` below 1 applies only to that fraction of the matching requests, drawn
from a random generator seeded with ``seed``: the same requests in the same order take the same
faults. A request the draw passes over is answered as if the fault were not armed (an older fault
may still take it), and does not use up ``count``. ``injected`` counts the requests a fault took.

A *late* fault lets the request do its work (a write is applied) and then holds the answer back:
for ``latency_ms`` when given, else until the faults are cleared or ``hang_seconds`` pass. It
needs the app wrapped by :meth:`Faults.late_answers`, as the combined emulator app wraps each
platform: that is where the answer is held, after the handler has run.

A *reset* fault cuts the connection the request came on without any HTTP answer: the request
was sent in full and is never handled (a write is not applied), and the client sees a TCP reset
(``Connection reset by peer``), as from a crashed server or a proxy dropping the connection. It
needs the emulators served over HTTP by uvicorn (``mailgql emulate``, or ``serve_in_thread`` on
127.0.0.1), the only place a connection exists: the request's connection is found on the
server's task that serves it. Taken by a request served in-process (``httpx.ASGITransport``), it
raises ``RuntimeError``.
"""

from __future__ import annotations

import asyncio
import random
import socket
import struct
import threading
from collections import Counter
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import unquote_plus

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["Fault", "FaultKind", "Faults", "RequestCounter"]

FaultKind = Literal["latency", "status", "malformed", "hang", "late", "reset"]

_LATE: ContextVar[list[Fault] | None] = ContextVar("mailgql_emulator_late", default=None)
"""The late faults taken by the request being served (see :meth:`Faults.late_answers`)."""

_TEXT: ContextVar[str] = ContextVar("mailgql_emulator_request_text", default="")
"""The query string and body of the request being served (see :meth:`Faults.request_texts`)."""

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
    match: str | None = None
    rate: float = 1.0
    seed: int = 0
    injected: int = 0
    _draws: random.Random = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError("rate is a fraction between 0 and 1")
        self._draws = random.Random(self.seed)

    def drawn(self) -> bool:
        """Whether the next matching request takes this fault (always, at rate 1)."""
        return self.rate >= 1.0 or self._draws.random() < self.rate

    def matches(self, platform: str, endpoint: str, text: str = "") -> bool:
        """Whether this fault applies to a request to ``endpoint`` of ``platform`` whose query
        string and body read ``text``."""
        if self.platform != platform:
            return False
        if self.endpoint is not None and self.endpoint.lower() != endpoint.lower():
            return False
        return self.match is None or self.match in text


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
        text = _TEXT.get()
        with self._lock:
            for fault in reversed(self._faults):
                if fault.matches(platform, endpoint, text):
                    if not fault.drawn():
                        continue
                    fault.injected += 1
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
        if fault.kind == "late":
            taken = _LATE.get()
            if taken is None:
                raise RuntimeError("a late fault needs the app wrapped by Faults.late_answers")
            taken.append(fault)
            return None
        if fault.kind == "latency":
            await asyncio.sleep(fault.latency_ms / 1000)
            return None
        if fault.kind == "reset":
            _reset_connection()
            # Nothing of this reaches the client: the connection is gone.
            return Response("connection reset", status_code=502, media_type="text/plain")
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
        await self._hold(fault)
        return Response("hung request released", status_code=504, media_type="text/plain")

    def late_answers(self, app: ASGIApp) -> ASGIApp:
        """``app`` with its answers held back by the late faults its requests take: the
        handler runs first, then the answer waits (see the module's description)."""

        async def late(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            taken: list[Fault] = []
            token = _LATE.set(taken)

            async def answer(message: Message) -> None:
                if message["type"] == "http.response.start":
                    while taken:
                        await self._hold(taken.pop())
                await send(message)

            try:
                await app(scope, receive, answer)
            finally:
                _LATE.reset(token)

        return late

    def request_texts(self, app: ASGIApp) -> ASGIApp:
        """``app`` with each request's query string and body readable by the faults armed with
        ``match``. While one is armed the body is read ahead, then handed to ``app`` as it came;
        otherwise requests pass untouched."""

        async def texts(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http" or not self._matching():
                await app(scope, receive, send)
                return
            messages: list[Message] = []
            while True:
                message = await receive()
                messages.append(message)
                if message["type"] != "http.request" or not message.get("more_body", False):
                    break
            body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.request")
            raw = bytes(scope.get("query_string", b"")).decode("latin-1")
            raw += "\n" + body.decode("utf-8", "replace")

            async def replay() -> Message:
                return messages.pop(0) if messages else await receive()

            token = _TEXT.set(raw + "\n" + unquote_plus(raw))
            try:
                await app(scope, replay, send)
            finally:
                _TEXT.reset(token)

        return texts

    def _matching(self) -> bool:
        with self._lock:
            return any(fault.match is not None for fault in self._faults)

    async def _hold(self, fault: Fault) -> None:
        """Wait ``latency_ms`` (a late fault that names one), or until the faults are cleared
        or ``hang_seconds`` pass. A thread waits on the release flag, so clear() from any thread
        or loop ends the wait."""
        if fault.kind == "late" and fault.latency_ms > 0:
            await asyncio.sleep(fault.latency_ms / 1000)
            return
        await asyncio.to_thread(self._released.wait, fault.hang_seconds)


_LINGER_OFF = struct.pack("ii", 1, 0)
"""``SO_LINGER`` on, for 0 s: closing the socket sends a TCP reset instead of a FIN."""


def _reset_connection() -> None:
    """Cut the connection of the request being served, with a TCP reset and no answer.

    uvicorn serves each request on a task of its own, running a coroutine of the request's
    cycle, which holds the connection's transport: that transport is aborted (closed at once,
    its unsent data dropped) with lingering off, so the peer reads ``ECONNRESET``. uvicorn then
    drops whatever the app sends.
    """
    transport = _served_transport()
    if transport is None:
        raise RuntimeError(
            "a reset fault needs the emulators served over HTTP (a request served in-process "
            "has no connection to cut)"
        )
    sock = transport.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_OFF)
        except OSError:
            pass  # already closed by the peer: aborting is all that is left
    transport.abort()


def _served_transport() -> asyncio.Transport | None:
    """The transport of the connection the current task serves, when uvicorn runs the task (its
    coroutine is the request cycle's ``run_asgi``); None in-process, where no connection is."""
    task = asyncio.current_task()
    coro = task.get_coro() if task is not None else None
    frame = getattr(coro, "cr_frame", None)
    if frame is None or frame.f_code.co_name != "run_asgi":
        return None
    found = getattr(frame.f_locals.get("self"), "transport", None)
    if isinstance(found, asyncio.Transport) and not found.is_closing():
        return found
    return None
