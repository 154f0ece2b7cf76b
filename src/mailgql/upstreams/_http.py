"""HTTP plumbing shared by the adapters: clients, error mapping, bounded concurrency, retries,
and the protections around the one send path: the operation's deadline and call budget
(:mod:`.scope`) and each platform's circuit breaker and health (:mod:`.breaker`).

Only this module, the two it stands on and the adapters' ``client.py`` touch httpx.
``httpx.Limits`` is ignored once a transport is injected, so the bound on calls in flight is an
explicit semaphore per platform.
The transport under httpx's API is chosen in :func:`build_http_client`, by
``MAILGQL_UPSTREAM_TRANSPORT``: httpx's own pool, or aiohttp's through ``httpx-aiohttp``.

Every call is entered here, by :class:`UpstreamHttp`; what it stands on lives beside it:
``_transport`` (the pooled clients, the transport errors mapped, credentials redacted),
``_aiohttp_sender`` (calls sent straight through aiohttp's pool) and ``_outcomes`` (what each
try counts as).
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar, Generic, NamedTuple, Self, TypeVar

import httpx
from httpx_aiohttp import AiohttpTransport

from mailgql.platforms import Platform
from mailgql.settings import HttpConfig
from mailgql.telemetry.upstream import OK, Attempt, UpstreamTelemetry
from mailgql.upstreams._aiohttp_sender import AiohttpSender
from mailgql.upstreams._outcomes import BAD_RESPONSE, CANCELLED, SERVER_ERROR, outcome, unsent
from mailgql.upstreams._transport import (
    SendOnceTransport,
    aiohttp_transport,
    build_http_client,
    map_transport_errors,
    may_have_sent,
    redact,
)
from mailgql.upstreams._wire import server_failed
from mailgql.upstreams.breaker import BreakerState, CircuitBreaker, CircuitOpen, PlatformHealth
from mailgql.upstreams.errors import (
    UpstreamBadResponse,
    UpstreamError,
    UpstreamTimeout,
    UpstreamUnavailable,
    failed_write,
)
from mailgql.upstreams.scope import CallBudgetExceeded, CallScope, DeadlineReached, current_scope

__all__ = [
    "AiohttpSender",
    "Endpoint",
    "PlatformClient",
    "SendOnceTransport",
    "UpstreamHttp",
    "aiohttp_transport",
    "build_http_client",
    "map_transport_errors",
    "redact",
]

logger = logging.getLogger("mailgql.upstream")

T = TypeVar("T")

_FAILURES = (UpstreamUnavailable, UpstreamTimeout, UpstreamBadResponse)
"""Errors that count against a platform's circuit (a refusal is an answer: it does not)."""


def _as_is(response: httpx.Response) -> httpx.Response:
    return response


class UpstreamHttp:
    """Sends one platform's requests: bounded concurrency, read retries, redacted logs, the
    operation's deadline and call budget (:mod:`.scope`) and the platform's circuit breaker
    (:mod:`.breaker`).

    ``direct`` is the aiohttp transport under ``client``, when calls may go straight to it
    (see :class:`AiohttpSender`). ``jitter`` draws the random part of each retry's backoff, in
    [0, 1).
    """

    def __init__(
        self,
        platform: Platform,
        client: httpx.AsyncClient,
        config: HttpConfig,
        *,
        direct: AiohttpTransport | None = None,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.platform = platform
        self.client = client
        self.config = config
        self.jitter = jitter
        self.health = PlatformHealth(
            CircuitBreaker(
                platform,
                failures=config.breaker_failures,
                cooldown=config.breaker_cooldown,
                clock=config.clock,
            )
        )
        """The platform's breaker, latest failure, latency and calls in flight."""
        self._slots = asyncio.Semaphore(config.concurrency)
        self._direct = AiohttpSender(client, direct) if direct is not None else None
        self._telemetry = UpstreamTelemetry(platform.value)

    async def send(
        self,
        method: str,
        url: str,
        *,
        operation: str,
        read: bool,
        **kwargs: Any,
    ) -> httpx.Response:
        """Send a request; a read is retried on transport errors and 5xx, a write never is.

        After the last try a 5xx response is returned, not raised, so the adapter can read any
        error envelope in it. Prefer :meth:`call`, which lets the breaker see answers that
        cannot be read.
        """
        return await self.call(method, url, operation=operation, read=read, decode=_as_is, **kwargs)

    async def call(
        self,
        method: str,
        url: str,
        *,
        operation: str,
        read: bool,
        decode: Callable[[httpx.Response], T],
        **kwargs: Any,
    ) -> T:
        """Send a request and read its answer with ``decode``, within the operation's deadline
        and call budget and past the platform's circuit breaker.

        A read is retried on transport errors and 5xx with jittered, doubling backoff while
        tries are left, the circuit is closed, the budget has a call left and the deadline
        leaves time for the wait and a call as long as the platform's recent average; a write
        is sent once. A call that is refused before it is sent (deadline reached, circuit open,
        budget spent) sends nothing; a write refused so is marked ``NOT_APPLIED``.
        """
        scope = current_scope()
        attempts = 1 + (self.config.read_retries if read else 0)
        tries = 0
        while True:
            # Each try is counted (and traced) by its outcome; one refused is counted unsent.
            attempt = self._telemetry.attempt(operation, method)
            try:
                probe = self._admit(operation, read, scope)
            except UpstreamError as error:
                attempt.end(outcome(error))
                raise
            try:
                response, elapsed_ms = await self._send_once(
                    method, url, operation=operation, scope=scope, attempt=attempt, **kwargs
                )
            except DeadlineReached as error:
                attempt.end(outcome(error))
                self.health.breaker.released(probe)
                self.health.record_error(error)
                if not read:
                    failed_write(error, sent=error.sent)
                raise
            except UpstreamError as error:
                attempt.end(outcome(error))
                self._failed(error, probe)
                if not read:
                    failed_write(error, sent=may_have_sent(error))
                delay = self._retry_delay(tries, attempts, scope)
                if delay is None:
                    raise
            except BaseException:
                attempt.end(CANCELLED)
                self.health.breaker.released(probe)
                raise
            else:
                status = response.status_code
                delay = None if status < 500 else self._retry_delay(tries, attempts, scope)
                if delay is None:
                    return self._settle(response, decode, probe, elapsed_ms, operation, attempt)
                attempt.end(SERVER_ERROR)
                self._failed(server_failed(self.platform, operation, status), probe)
            tries += 1
            logger.info(
                "retrying %s %s in %.2fs (try %d of %d)",
                self.platform.value,
                operation,
                delay,
                tries + 1,
                attempts,
            )
            await asyncio.sleep(delay)

    def _admit(self, operation: str, read: bool, scope: CallScope | None) -> bool:
        """Let one try go, or raise why it may not (nothing sent); True for a breaker's probe."""
        if scope is not None and scope.seconds is not None:
            left = scope.remaining()
            if left is not None and left <= 0:
                raise unsent(
                    DeadlineReached(self.platform, scope.seconds, operation=operation, sent=False),
                    read,
                )
        try:
            probe = self.health.breaker.admit(operation)
        except CircuitOpen as error:
            raise unsent(error, read) from None
        if scope is not None and not scope.take_call():
            self.health.breaker.released(probe)
            raise unsent(
                CallBudgetExceeded(self.platform, scope.max_calls or 0, operation=operation), read
            )
        return probe

    def _retry_delay(self, attempt: int, attempts: int, scope: CallScope | None) -> float | None:
        """The wait before another try of a read, or None when no try may follow."""
        if attempt + 1 >= attempts or self.health.breaker.state is not BreakerState.CLOSED:
            return None
        delay = self.config.retry_backoff * (1 << attempt) * (0.5 + self.jitter() / 2)
        if scope is not None:
            if scope.max_calls is not None and scope.calls >= scope.max_calls:
                return None
            left = scope.remaining()
            if left is not None and left <= delay + (self.health.latency_ms or 0.0) / 1000:
                return None
        return delay

    def _settle(
        self,
        response: httpx.Response,
        decode: Callable[[httpx.Response], T],
        probe: bool,
        elapsed_ms: float,
        operation: str,
        attempt: Attempt,
    ) -> T:
        """Read the last answer; what it turned out to be is the breaker's verdict."""
        server_error = response.status_code >= 500
        try:
            value = decode(response)
        except _FAILURES as error:
            attempt.end(SERVER_ERROR if server_error else outcome(error))
            self._failed(error, probe)
            raise
        except UpstreamError as error:
            attempt.end(SERVER_ERROR if server_error else outcome(error))
            self._succeeded(probe, elapsed_ms)
            raise
        except BaseException:
            attempt.end(BAD_RESPONSE)
            raise
        if server_error:
            attempt.end(SERVER_ERROR)
            self._failed(server_failed(self.platform, operation, response.status_code), probe)
        else:
            attempt.end(OK)
            self._succeeded(probe, elapsed_ms)
        return value

    def _failed(self, error: UpstreamError, probe: bool) -> None:
        self.health.breaker.failed(probe)
        self.health.record_error(error)

    def _succeeded(self, probe: bool, elapsed_ms: float) -> None:
        self.health.breaker.succeeded(probe)
        self.health.record_latency(elapsed_ms)

    async def _send_once(
        self,
        method: str,
        url: str,
        *,
        operation: str,
        scope: CallScope | None,
        attempt: Attempt,
        **kwargs: Any,
    ) -> tuple[httpx.Response, float]:
        """One try, within the time the operation has left (its wait for a slot included)."""
        left = None if scope is None else scope.remaining()
        seconds = None if scope is None else scope.seconds
        if left is None or seconds is None:
            async with self._slots:
                return await self._exchange(
                    method, url, operation=operation, attempt=attempt, **kwargs
                )
        sending = False
        timer = asyncio.timeout(left)
        try:
            async with timer:
                async with self._slots:
                    sending = True
                    return await self._exchange(
                        method, url, operation=operation, attempt=attempt, **kwargs
                    )
        except TimeoutError:
            if not timer.expired():
                raise
            raise DeadlineReached(
                self.platform, seconds, operation=operation, sent=sending
            ) from None

    async def _exchange(
        self, method: str, url: str, *, operation: str, attempt: Attempt, **kwargs: Any
    ) -> tuple[httpx.Response, float]:
        """Send and read one request, counted in flight; the answer and its time in ms."""
        health = self.health
        health.in_flight += 1
        attempt.begin()
        started = time.perf_counter()
        try:
            with map_transport_errors(self.platform, operation):
                response = None
                if self._direct is not None:
                    response = await self._direct.send(method, url, **kwargs)
                if response is None:
                    response = await self.client.request(method, url, **kwargs)
                    await response.aread()
        finally:
            health.in_flight -= 1
        attempt.status = response.status_code
        elapsed_ms = (time.perf_counter() - started) * 1000
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s %s -> %d in %.1f ms",
                self.platform.value,
                operation,
                redact(str(response.request.url)),
                response.status_code,
                elapsed_ms,
            )
        return response, elapsed_ms


C = TypeVar("C")


class Endpoint(NamedTuple):
    """Where a platform client's pool points: base URL, ``Accept`` header and auth hook."""

    base_url: str
    accept: str = "application/json"
    auth: httpx.Auth | None = None


class PlatformClient(ABC, Generic[C]):
    """What the three platform clients share: built from their settings, one pool each."""

    platform: ClassVar[Platform]

    def __init__(self, http: UpstreamHttp, config: C) -> None:
        self._http = http
        self._config = config

    @classmethod
    @abstractmethod
    def endpoint(cls, config: C) -> Endpoint:
        """Where the client's connection pool points, from the platform's settings."""

    @classmethod
    def create(
        cls,
        config: C,
        http_config: HttpConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> Self:
        """A client with its own connection pool; close it with :meth:`aclose`."""
        base_url, accept, auth = cls.endpoint(config)
        direct = None
        if transport is None and http_config.transport == "aiohttp":
            transport = direct = aiohttp_transport(http_config)
        client = build_http_client(
            base_url, http_config, transport=transport, auth=auth, headers={"Accept": accept}
        )
        return cls(UpstreamHttp(cls.platform, client, http_config, direct=direct), config)

    @property
    def health(self) -> PlatformHealth:
        """The platform's breaker, latest failure, latency and calls in flight."""
        return self._http.health

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.client.aclose()
