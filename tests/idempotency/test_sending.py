"""Where a write's outcome is decided: the send path marks a write that failed in transit
``NOT_APPLIED`` when it never left, ``UNKNOWN`` when it may have reached the platform; a read is
never marked, and a write is sent once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import aiohttp
import httpx
import pytest

from mailgql.graph.errors import extensions_for
from mailgql.platforms import Platform
from mailgql.upstreams._http import UpstreamHttp
from mailgql.upstreams.errors import Outcome, UpstreamError, UpstreamUnavailable
from tests.graph.maxmailer_helpers import open_client
from tests.upstreams.test_http_plumbing import http_config


def _connector_error() -> aiohttp.ClientConnectorError:
    key = aiohttp.client_reqrep.ConnectionKey("127.0.0.1", 1, False, True, None, None, None)
    return aiohttp.ClientConnectorError(key, OSError(111, "Connection refused"))


def _raising(make: Callable[[], BaseException], cause: BaseException | None = None) -> Callable:
    def raise_it() -> BaseException:
        error = make()
        error.__cause__ = cause
        return error

    return raise_it


FAILURES = [
    ("connect-error", _raising(lambda: httpx.ConnectError("refused")), Outcome.NOT_APPLIED),
    ("connect-timeout", _raising(lambda: httpx.ConnectTimeout("slow")), Outcome.NOT_APPLIED),
    ("pool-timeout", _raising(lambda: httpx.PoolTimeout("full")), Outcome.NOT_APPLIED),
    (
        "aiohttp-refused",
        _raising(lambda: httpx.ConnectTimeout("refused"), _connector_error()),
        Outcome.NOT_APPLIED,
    ),
    (
        "aiohttp-connect-timeout",
        _raising(lambda: httpx.ConnectTimeout("slow"), aiohttp.ConnectionTimeoutError()),
        Outcome.NOT_APPLIED,
    ),
    (
        "aiohttp-hung-up",
        _raising(lambda: httpx.ConnectTimeout("gone"), aiohttp.ServerDisconnectedError()),
        Outcome.UNKNOWN,
    ),
    ("read-timeout", _raising(lambda: httpx.ReadTimeout("late")), Outcome.UNKNOWN),
    ("read-error", _raising(lambda: httpx.ReadError("reset")), Outcome.UNKNOWN),
    ("write-timeout", _raising(lambda: httpx.WriteTimeout("stuck")), Outcome.UNKNOWN),
    ("write-error", _raising(lambda: httpx.WriteError("broken")), Outcome.UNKNOWN),
    ("hung-up", _raising(lambda: httpx.RemoteProtocolError("gone")), Outcome.UNKNOWN),
]


async def _failing_send(
    raise_it: Callable[[], BaseException], *, read: bool
) -> tuple[UpstreamError, int]:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        raise raise_it()

    client = httpx.AsyncClient(transport=httpx.MockTransport(handler), base_url="http://up")
    http = UpstreamHttp(Platform.MAXMAILER, client, http_config(read_retries=2))
    try:
        with pytest.raises(UpstreamError) as caught:
            await http.send("POST", "/api.php", operation="AddCredit", read=read)
    finally:
        await client.aclose()
    return caught.value, calls


@pytest.mark.parametrize(
    ("raise_it", "outcome"), [f[1:] for f in FAILURES], ids=[f[0] for f in FAILURES]
)
async def test_a_write_that_failed_in_transit_says_whether_it_may_have_landed(raise_it, outcome):
    error, calls = await _failing_send(raise_it, read=False)
    assert error.outcome is outcome
    assert extensions_for(error)["outcome"] == outcome.value
    assert calls == 1


@pytest.mark.parametrize("raise_it", [f[1] for f in FAILURES], ids=[f[0] for f in FAILURES])
async def test_a_read_that_failed_claims_no_outcome(raise_it):
    error, calls = await _failing_send(raise_it, read=True)
    assert error.outcome is None
    assert "outcome" not in extensions_for(error)
    assert calls == 3


class HangUp:
    """A server on 127.0.0.1 that reads each request to its end, then closes the connection
    without answering."""

    def __init__(self) -> None:
        self.received = 0
        self.url = ""

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.decode("latin-1").split("\r\n"):
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        await reader.readexactly(length)
        self.received += 1
        writer.close()
        await writer.wait_closed()


@pytest.fixture
async def hang_up() -> AsyncIterator[HangUp]:
    server = HangUp()
    listening = await asyncio.start_server(server._serve, "127.0.0.1", 0)
    port = listening.sockets[0].getsockname()[1]
    server.url = f"http://127.0.0.1:{port}"
    async with listening:
        yield server


@pytest.mark.parametrize("transport", ["httpx", "aiohttp"])
async def test_a_write_whose_connection_was_lost_after_sending_is_unknown(
    emulators, hang_up, transport
):
    client = open_client(emulators, base_url=hang_up.url, upstream_transport=transport)
    try:
        with pytest.raises(UpstreamUnavailable) as caught:
            await client.add_credit(12, 100)
    finally:
        await client.aclose()
    assert hang_up.received == 1
    assert caught.value.outcome is Outcome.UNKNOWN


async def test_a_late_answer_is_the_real_answer_once_it_comes(emulators):
    # The late fault delays the answer, never changes it: with a short delay, the write lands
    # and its answer is read as any other.
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulators.app), base_url="http://emulators"
    ) as control:
        armed = await control.post(
            "/_emulator/faults",
            json={
                "platform": "maxmailer",
                "kind": "late",
                "endpoint": "AddCredit",
                "latency_ms": 1,
            },
        )
        assert armed.json()["faults"][0]["kind"] == "late"
    client = open_client(emulators)
    try:
        added = await client.add_credit(12, 100)
    finally:
        await client.aclose()
    assert added > 0
    assert emulators.hub.faults.armed() == []
