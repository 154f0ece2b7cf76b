"""Calls sent straight through aiohttp's pool: :class:`AiohttpSender`.

With aiohttp's pool, a call is sent by :class:`AiohttpSender`: the same ``httpx.Request`` (URL,
headers, body, auth flow) and the same ``httpx.Response``, errors and log line as
``httpx.AsyncClient.request`` through ``httpx-aiohttp`` give, without the layers between them
that cost more CPU per call than aiohttp itself (the URL merged and parsed again and again, the
response streamed through three wrappers, a cookie jar read on every answer).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport
from httpx_aiohttp.transport import map_aiohttp_exceptions

__all__ = ["AiohttpSender"]

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
