"""HTTP plumbing shared by the adapters: clients, error mapping, bounded concurrency, retries,
and the protections around the one send path: the operation's deadline and call budget
(:mod:`.scope`) and each platform's circuit breaker and health (:mod:`.breaker`).

Only this module and the adapters' ``client.py`` touch httpx. ``httpx.Limits`` is ignored once a
transport is injected, so the bound on calls in flight is an explicit semaphore per platform.
The transport under httpx's API is chosen here, in :func:`build_http_client`, by
``MAILGQL_UPSTREAM_TRANSPORT``: httpx's own pool, or aiohttp's through ``httpx-aiohttp``.

With aiohttp's pool, a call is sent by :class:`AiohttpSender`: the same ``httpx.Request`` (URL,
headers, body, auth flow) and the same ``httpx.Response``, errors and log line as
``httpx.AsyncClient.request`` through ``httpx-aiohttp`` give, without the layers between them
that cost more CPU per call than aiohttp itself (the URL merged and parsed again and again, the
response streamed through three wrappers, a cookie jar read on every answer).
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import timedelta
from typing import Any, ClassVar, Generic, NamedTuple, Self, TypeVar

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport
from httpx_aiohttp.transport import map_aiohttp_exceptions

from mailgql.platforms import Platform
from mailgql.settings import HttpConfig
from mailgql.telemetry.upstream import OK, Attempt, UpstreamTelemetry
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

# Parameter names whose values are credentials on some platform (matched case-insensitively).
_SECRET_PARAMS = re.compile(
    r"(?i)\b([\w\[\]]*?(?:sessionid|password|apikey|api_key|login_id|token|smtp_pass|"
    r"smtp_user|secret))=([^&\s]*)"
)


def redact(text: str) -> str:
    """Mask the values of credential-bearing parameters in a URL or form body."""
    return _SECRET_PARAMS.sub(lambda m: f"{m.group(1)}=***", text)


@contextmanager
def map_transport_errors(platform: Platform, operation: str) -> Iterator[None]:
    """Translate httpx transport errors into the upstream error tree.

    ``httpx-aiohttp`` raises ``httpx.ConnectTimeout`` for every aiohttp connection error (a
    refused connection, a server that hung up): only one caused by a timeout is a timeout here.
    """
    try:
        yield
    except httpx.TimeoutException as exc:
        cause = exc.__cause__
        if isinstance(cause, aiohttp.ClientError) and not isinstance(cause, TimeoutError):
            raise UpstreamUnavailable(
                f"{platform.label} could not be reached",
                platform=platform,
                operation=operation,
            ) from exc
        raise UpstreamTimeout(
            f"{platform.label} did not answer in time",
            platform=platform,
            operation=operation,
        ) from exc
    except (httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError) as exc:
        raise UpstreamUnavailable(
            f"{platform.label} could not be reached",
            platform=platform,
            operation=operation,
        ) from exc


_UNSENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ProxyError)
"""Transport errors raised before a request leaves the gateway."""


def _may_have_sent(error: UpstreamError) -> bool:
    """Whether a call that failed in transit may have reached the platform. ``httpx-aiohttp``
    raises ``ConnectTimeout`` for every aiohttp connection error, a server that hung up after
    the request included: the aiohttp error under it tells."""
    cause = error.__cause__
    if not isinstance(cause, _UNSENT):
        return True
    under = cause.__cause__
    if isinstance(under, aiohttp.ClientError):
        return not isinstance(under, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError)
    return False


def _limits(config: HttpConfig) -> httpx.Limits:
    return httpx.Limits(
        max_connections=config.max_connections,
        max_keepalive_connections=config.max_connections,
    )


class SendOnceTransport(AiohttpTransport):
    """``httpx-aiohttp``'s transport whose aiohttp session sends every request at most once.

    aiohttp resends a GET, HEAD, OPTIONS, TRACE, PUT or DELETE once, by itself, when a kept-alive
    connection drops before the answer (``ClientSession._retry_connection``, on by default and
    with no public switch): a v2 REST PUT or DELETE cut by a reset after it was sent would reach
    the platform twice, and a read retry would not be ours to count. The gateway retries reads
    itself, within the operation's deadline, and never resends a write.
    """

    def get_client(self) -> aiohttp.ClientSession:
        """The session, with aiohttp's own resending switched off."""
        session = super().get_client()
        session._retry_connection = False  # the attribute aiohttp 3.9+ reads; no public switch
        return session


def aiohttp_transport(config: HttpConfig) -> AiohttpTransport:
    """aiohttp's connection pool under httpx's API, sized by the configured connections, that
    sends each request at most once (:class:`SendOnceTransport`)."""
    return SendOnceTransport(limits=_limits(config))


def build_http_client(
    base_url: str,
    config: HttpConfig,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    auth: httpx.Auth | None = None,
    headers: Mapping[str, str] | None = None,
) -> httpx.AsyncClient:
    """One pooled client for one platform, with the configured timeouts and transport.

    ``transport`` (a test's ``httpx.ASGITransport``) replaces the network; otherwise
    ``config.transport`` chooses the pool that sends the calls.
    """
    limits = _limits(config)
    if transport is None and config.transport == "aiohttp":
        transport = aiohttp_transport(config)
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=httpx.Timeout(config.timeout, connect=config.connect_timeout),
        limits=limits,
        transport=transport,
        auth=auth,
        headers=dict(headers or {}),
        follow_redirects=False,
    )


_httpx_logger = logging.getLogger("httpx")

_DIRECT_ARGUMENTS = frozenset({"params", "content", "data", "json", "headers", "auth"})
"""The arguments of ``AsyncClient.request`` an :class:`AiohttpSender` takes; any other sends the
call through httpx's own path."""

_MAX_URLS = 4096
"""Distinct (URL argument, query parameters) pairs whose final URL a sender keeps; when full, it
starts again empty."""

_UrlKey = tuple[str, tuple[tuple[str, type, str | int], ...] | None]


class AiohttpSender:
    """Sends an ``httpx.AsyncClient``'s calls straight through the client's aiohttp transport.

    What goes out and what comes back is what ``client.request(...)`` makes of the same
    arguments through ``httpx-aiohttp``: the request built as ``build_request`` builds it (base
    URL, client headers, timeout extension), the auth flow run as ``send`` runs it, the call
    made with the transport's own aiohttp arguments and exception mapping, the answer an
    ``httpx.Response`` with the raw headers, the decoded body and its request, cookies kept in
    the client's jar, httpx's ``HTTP Request`` log line. A call this does not cover (cookies in
    the jar, event hooks, a closed client, other arguments) returns None from :meth:`send`: the
    caller sends it through httpx.
    """

    def __init__(self, client: httpx.AsyncClient, transport: AiohttpTransport) -> None:
        self.client = client
        self.transport = transport
        timeout = client.timeout.as_dict()
        self._extensions = {"timeout": timeout}
        self._timeout = aiohttp.ClientTimeout(
            sock_connect=timeout.get("connect"),
            sock_read=timeout.get("read"),
            connect=timeout.get("pool"),
        )
        self._urls: dict[_UrlKey, httpx.URL] = {}

    def _url(self, url: str, params: Any) -> tuple[httpx.URL, Any]:
        """The URL of a call and the parameters still to merge into it.

        ``build_request`` merges ``url`` with the base URL, then ``httpx.Request`` merges the
        parameters into its query; both parse the URL again. A URL made of plain string and
        integer parameters is kept (adapters ask for the same few listings again and again),
        so it is parsed once; any other parameters are left to ``httpx.Request``.
        """
        items = None
        if params is not None:
            if type(params) is not dict:
                return self.client.build_request("GET", url).url, params
            items = tuple((k, type(v), v) for k, v in params.items())
            if not all(type(k) is str and t in (str, int) for k, t, _ in items):
                return self.client.build_request("GET", url).url, params
        key = (url, items)
        found = self._urls.get(key)
        if found is None:
            # With no client params (see _covers), build_request's URL is the merge alone.
            found = httpx.Request(
                "GET", self.client.build_request("GET", url).url, params=params
            ).url
            if len(self._urls) >= _MAX_URLS:
                self._urls.clear()
            self._urls[key] = found
        return found, None

    def _covers(self, kwargs: Mapping[str, Any]) -> bool:
        """Whether a call with these arguments goes out here exactly as through httpx."""
        client = self.client
        hooks = client.event_hooks
        return (
            kwargs.keys() <= _DIRECT_ARGUMENTS
            and isinstance(kwargs.get("content"), bytes | str | None)
            and isinstance(kwargs.get("data"), Mapping | None)
            and isinstance(kwargs.get("auth", client.auth), httpx.Auth | None)
            and not client.is_closed
            and not client.cookies
            and not client.params
            and not hooks["request"]
            and not hooks["response"]
        )

    async def send(self, method: str, url: str, **kwargs: Any) -> httpx.Response | None:
        """The answer to one call, read to its end; None for a call to send through httpx."""
        if not self._covers(kwargs):
            return None
        headers = kwargs.get("headers")
        if headers:
            merged = httpx.Headers(self.client.headers)
            merged.update(headers)
            headers = merged
        else:
            headers = self.client.headers
        target, params = self._url(url, kwargs.get("params"))
        request = httpx.Request(
            method,
            target,
            params=params,
            content=kwargs.get("content"),
            data=kwargs.get("data"),
            json=kwargs.get("json"),
            headers=headers,
            extensions=self._extensions,
        )
        auth: httpx.Auth | None = kwargs.get("auth", self.client.auth)
        if auth is None:
            if request.url.username or request.url.password:
                return None  # httpx would answer with basic auth from the URL
            return await self._send_single(request)
        flow = auth.async_auth_flow(request)
        try:
            request = await flow.__anext__()
            history: list[httpx.Response] = []
            while True:
                response = await self._send_single(request)
                try:
                    next_request = await flow.asend(response)
                except StopAsyncIteration:
                    response.history = list(history)
                    return response
                response.history = list(history)
                request = next_request
                history.append(response)
        finally:
            await flow.aclose()

    async def _send_single(self, request: httpx.Request) -> httpx.Response:
        transport = self.transport
        session = transport.client
        if not isinstance(session, aiohttp.ClientSession):
            session = transport.client = transport.get_client()
        data: bytes | None = request.content or None
        started = time.perf_counter()
        try:
            with map_aiohttp_exceptions():
                async with session.request(
                    method=request.method,
                    url=str(request.url),
                    headers=request.headers,
                    data=data,
                    allow_redirects=False,
                    auto_decompress=False,
                    compress=False,
                    timeout=self._timeout,
                ) as answer:
                    body = await answer.read()
        except httpx.RequestError as exc:
            exc.request = request
            raise
        extensions: dict[str, Any] = {"http_version": b"HTTP/1.1"}
        if answer.reason:
            extensions["reason_phrase"] = answer.reason.encode()
        # As httpx-aiohttp builds it (a stream, no headers added), then read as httpx reads it:
        # the body decoded by its Content-Encoding.
        response = httpx.Response(
            status_code=answer.status,
            headers=answer.raw_headers,
            stream=httpx.ByteStream(body),
            request=request,
            extensions=extensions,
        )
        response.read()
        response.elapsed = timedelta(seconds=time.perf_counter() - started)
        if "Set-Cookie" in answer.headers or "Set-Cookie2" in answer.headers:
            self.client.cookies.extract_cookies(response)
        _httpx_logger.info(
            'HTTP Request: %s %s "%s %d %s"',
            request.method,
            request.url,
            response.http_version,
            response.status_code,
            response.reason_phrase,
        )
        return response


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
                attempt.end(_outcome(error))
                raise
            try:
                response, elapsed_ms = await self._send_once(
                    method, url, operation=operation, scope=scope, attempt=attempt, **kwargs
                )
            except DeadlineReached as error:
                attempt.end(_outcome(error))
                self.health.breaker.released(probe)
                self.health.record_error(error)
                if not read:
                    failed_write(error, sent=error.sent)
                raise
            except UpstreamError as error:
                attempt.end(_outcome(error))
                self._failed(error, probe)
                if not read:
                    failed_write(error, sent=_may_have_sent(error))
                delay = self._retry_delay(tries, attempts, scope)
                if delay is None:
                    raise
            except BaseException:
                attempt.end(_CANCELLED)
                self.health.breaker.released(probe)
                raise
            else:
                status = response.status_code
                delay = None if status < 500 else self._retry_delay(tries, attempts, scope)
                if delay is None:
                    return self._settle(response, decode, probe, elapsed_ms, operation, attempt)
                attempt.end(_SERVER_ERROR)
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
                raise _unsent(
                    DeadlineReached(self.platform, scope.seconds, operation=operation, sent=False),
                    read,
                )
        try:
            probe = self.health.breaker.admit(operation)
        except CircuitOpen as error:
            raise _unsent(error, read) from None
        if scope is not None and not scope.take_call():
            self.health.breaker.released(probe)
            raise _unsent(
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
            attempt.end(_SERVER_ERROR if server_error else _outcome(error))
            self._failed(error, probe)
            raise
        except UpstreamError as error:
            attempt.end(_SERVER_ERROR if server_error else _outcome(error))
            self._succeeded(probe, elapsed_ms)
            raise
        except BaseException:
            attempt.end(_BAD_RESPONSE)
            raise
        if server_error:
            attempt.end(_SERVER_ERROR)
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


_SERVER_ERROR = "server_error"
_BAD_RESPONSE = "bad_response"
_CANCELLED = "cancelled"

# The most specific class first: DeadlineReached is a timeout, CircuitOpen an unavailability.
_OUTCOMES: tuple[tuple[type[UpstreamError], str], ...] = (
    (DeadlineReached, "deadline"),
    (CallBudgetExceeded, "call_budget"),
    (CircuitOpen, "circuit_open"),
    (UpstreamTimeout, "timeout"),
    (UpstreamBadResponse, _BAD_RESPONSE),
    (UpstreamUnavailable, "unavailable"),
)


def _outcome(error: UpstreamError) -> str:
    """The outcome word of a try that ended in ``error`` (``legacy_error``: the platform
    answered and refused)."""
    for kind, word in _OUTCOMES:
        if isinstance(error, kind):
            return word
    return "legacy_error"


def _unsent(error: UpstreamError, read: bool) -> UpstreamError:
    """``error`` for a call refused before sending: a write's outcome is NOT_APPLIED."""
    return error if read else failed_write(error, sent=False)


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
