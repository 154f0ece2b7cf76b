"""The transport under every platform client: the pooled ``httpx.AsyncClient`` built for each
platform, aiohttp's pool under it (by ``MAILGQL_UPSTREAM_TRANSPORT``), the transport errors
translated into the upstream error tree, and credentials masked in what is logged.

``httpx.Limits`` is ignored once a transport is injected, so the bound on calls in flight is an
explicit semaphore per platform, in :class:`~mailgql.upstreams._http.UpstreamHttp`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport

from mailgql.platforms import Platform
from mailgql.settings import HttpConfig
from mailgql.upstreams.errors import UpstreamError, UpstreamTimeout, UpstreamUnavailable

__all__ = [
    "SendOnceTransport",
    "aiohttp_transport",
    "build_http_client",
    "map_transport_errors",
    "may_have_sent",
    "pool_limits",
    "redact",
]

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


def may_have_sent(error: UpstreamError) -> bool:
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


def pool_limits(config: HttpConfig) -> httpx.Limits:
    """The connection pool's bounds: ``max_connections`` kept alive, none more."""
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
    return SendOnceTransport(limits=pool_limits(config))


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
    limits = pool_limits(config)
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
