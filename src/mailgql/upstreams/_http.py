"""HTTP plumbing shared by the adapters: clients, error mapping, bounded concurrency, retries.

Only this module and the adapters' ``client.py`` touch httpx. ``httpx.Limits`` is ignored once a
transport is injected, so the bound on calls in flight is an explicit semaphore per platform.
The transport under httpx's API is chosen here, in :func:`build_http_client`, by
``MAILGQL_UPSTREAM_TRANSPORT``: httpx's own pool, or aiohttp's through ``httpx-aiohttp``.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, ClassVar, Generic, NamedTuple, Self, TypeVar

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport

from mailgql.platforms import Platform
from mailgql.settings import HttpConfig
from mailgql.upstreams.errors import UpstreamError, UpstreamTimeout, UpstreamUnavailable

__all__ = [
    "Endpoint",
    "PlatformClient",
    "UpstreamHttp",
    "build_http_client",
    "map_transport_errors",
    "redact",
]

logger = logging.getLogger("mailgql.upstream")

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
                f"{platform.label} could not be reached for {operation}",
                platform=platform,
                operation=operation,
            ) from exc
        raise UpstreamTimeout(
            f"{platform.label} did not answer {operation} in time",
            platform=platform,
            operation=operation,
        ) from exc
    except (httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError) as exc:
        raise UpstreamUnavailable(
            f"{platform.label} could not be reached for {operation}",
            platform=platform,
            operation=operation,
        ) from exc


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
    limits = httpx.Limits(
        max_connections=config.max_connections,
        max_keepalive_connections=config.max_connections,
    )
    if transport is None and config.transport == "aiohttp":
        transport = AiohttpTransport(limits=limits)
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=httpx.Timeout(config.timeout, connect=config.connect_timeout),
        limits=limits,
        transport=transport,
        auth=auth,
        headers=dict(headers or {}),
        follow_redirects=False,
    )


class UpstreamHttp:
    """Sends one platform's requests: bounded concurrency, read retries, redacted logs."""

    def __init__(self, platform: Platform, client: httpx.AsyncClient, config: HttpConfig) -> None:
        self.platform = platform
        self.client = client
        self.config = config
        self._slots = asyncio.Semaphore(config.concurrency)

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
        error envelope in it.
        """
        attempts = 1 + (self.config.read_retries if read else 0)
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = await self._send_once(method, url, operation=operation, **kwargs)
            except UpstreamError:
                if last:
                    raise
            else:
                if response.status_code < 500 or last:
                    return response
            delay = self.config.retry_backoff * (2**attempt)
            logger.info(
                "retrying %s %s in %.2fs (try %d of %d)",
                self.platform.value,
                operation,
                delay,
                attempt + 2,
                attempts,
            )
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _send_once(
        self, method: str, url: str, *, operation: str, **kwargs: Any
    ) -> httpx.Response:
        async with self._slots:
            started = time.perf_counter()
            with map_transport_errors(self.platform, operation):
                response = await self.client.request(method, url, **kwargs)
                await response.aread()
            elapsed_ms = (time.perf_counter() - started) * 1000
        logger.debug(
            "%s %s %s -> %d in %.1f ms",
            self.platform.value,
            operation,
            redact(str(response.request.url)),
            response.status_code,
            elapsed_ms,
        )
        return response


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
        client = build_http_client(
            base_url, http_config, transport=transport, auth=auth, headers={"Accept": accept}
        )
        return cls(UpstreamHttp(cls.platform, client, http_config), config)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.client.aclose()
