"""The ``reset`` fault: the connection a request came on is cut with a TCP reset, no HTTP answer
at all, and the request is never handled (a write is not applied). It means something only where
a connection exists: the emulators served over HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import httpx
import pytest

from mailgql.emulators import Emulators, RunningServer, build_emulators, serve_in_thread
from mailgql.emulators.faults import Fault
from mailgql.emulators.v2rest import V2REST_ADMIN_TOKEN, V2REST_ADMIN_USERNAME, V2RestEmulator

pytestmark = pytest.mark.live

ACCOUNTS = "/v2rest/v2.0/Users/SubAccounts"
AUTH = {"apiusername": V2REST_ADMIN_USERNAME, "apitoken": V2REST_ADMIN_TOKEN}
NEW_ACCOUNT = {
    "accountName": "reset_shop",
    "accountPassword": "Rz8-reset-password",
    "ownerEmail": "owner@example.com",
    "allowedDomains": ["@example.com"],
}
BOUND = 10.0
"""Seconds any exchange here may take before the test fails (a reset is immediate)."""


@pytest.fixture
def emulators() -> Emulators:
    return build_emulators(seed=1, size="small")


@pytest.fixture
def server(emulators: Emulators) -> Iterator[RunningServer]:
    with serve_in_thread(emulators.app) as running:
        yield running


def v2(emulators: Emulators) -> V2RestEmulator:
    platform = emulators.platforms["v2rest"]
    assert isinstance(platform, V2RestEmulator)
    return platform


async def raw_exchange(server: RunningServer, request: bytes) -> bytes:
    """Send ``request`` on a new connection and read until the server closes it."""
    reader, writer = await asyncio.open_connection(server.host, server.port)
    try:
        writer.write(request)
        await writer.drain()
        return await reader.read()
    finally:
        writer.close()
        try:
            await writer.wait_closed()
        except ConnectionResetError:
            pass  # the reset, reported again on close


async def test_a_reset_cuts_the_connection_with_no_answer_and_the_write_is_not_applied(
    emulators, server
):
    async with httpx.AsyncClient(base_url=server.url, timeout=BOUND) as client:
        armed = await client.post(
            "/_emulator/faults",
            json={"platform": "v2rest", "kind": "reset", "endpoint": "POST /Users/SubAccounts"},
        )
        assert armed.status_code == 200
        assert armed.json()["faults"][0]["kind"] == "reset"
        # A read error (ECONNRESET), not "server disconnected without sending a response" (a
        # FIN, an orderly close): the connection was reset.
        with pytest.raises(httpx.ReadError):
            await client.post(ACCOUNTS, json=NEW_ACCOUNT, headers=AUTH)
        counts = (await client.get("/_emulator/requests")).json()["counts"]
        assert counts["v2rest"] == {"POST /Users/SubAccounts": 1}
        assert "reset_shop" not in v2(emulators).state.accounts

        # The fault was for one request: the same write on a new connection is applied.
        again = await client.post(ACCOUNTS, json=NEW_ACCOUNT, headers=AUTH)
        assert again.status_code == 201
        assert "reset_shop" in v2(emulators).state.accounts


async def test_the_peer_reads_a_tcp_reset_and_not_a_single_byte(emulators, server):
    emulators.hub.faults.arm(Fault(platform="v2rest", kind="reset"))
    body = json.dumps(NEW_ACCOUNT).encode()
    head = (
        f"POST {ACCOUNTS} HTTP/1.1\r\nHost: {server.host}\r\nContent-Type: application/json\r\n"
        f"apiusername: {AUTH['apiusername']}\r\napitoken: {AUTH['apitoken']}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    async with asyncio.timeout(BOUND):
        with pytest.raises(ConnectionResetError):
            await raw_exchange(server, head + body)
    assert emulators.hub.counter.snapshot() == {"v2rest": {"POST /Users/SubAccounts": 1}}
    assert "reset_shop" not in v2(emulators).state.accounts


async def test_a_reset_for_one_platform_leaves_the_others_answering(emulators, server):
    emulators.hub.faults.arm(Fault(platform="v2rest", kind="reset", remaining=None))
    async with httpx.AsyncClient(base_url=server.url, timeout=BOUND) as client:
        for _ in range(2):
            with pytest.raises(httpx.ReadError):
                await client.get(ACCOUNTS, headers=AUTH)
        answered = await client.get("/_emulator")
        assert answered.status_code == 200
        assert emulators.hub.counter.total("v2rest") == 2


async def test_a_reset_taken_in_process_says_it_needs_a_server(emulators):
    emulators.hub.faults.arm(Fault(platform="v2rest", kind="reset"))
    transport = httpx.ASGITransport(app=emulators.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emulators") as client:
        with pytest.raises(RuntimeError, match="served over HTTP"):
            await client.get("/v2rest/v2.0/Users/SubAccounts", headers=AUTH)
