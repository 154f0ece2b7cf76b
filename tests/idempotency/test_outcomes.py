"""Writes whose outcome is not known: answered ``UPSTREAM_TIMEOUT`` / ``UPSTREAM_UNAVAILABLE`` with
``extensions.outcome`` (``UNKNOWN`` once sent, ``NOT_APPLIED`` when never sent), never as a
success and never sent again; with an ``Idempotency-Key``, a client's retry sends nothing."""

from __future__ import annotations

import socket

import pytest

from tests.idempotency.conftest import Target, open_door

pytestmark = pytest.mark.live

LISTING = "{ accounts(platform: V2REST, first: 3) { nodes { username } } }"

TRANSPORTS = pytest.mark.parametrize("transport", ["httpx", "aiohttp"])
"""Both values of MAILGQL_UPSTREAM_TRANSPORT: each reports a lost answer in its own way."""


@TRANSPORTS
async def test_a_write_applied_but_answered_late_is_unknown_and_a_keyed_retry_sends_nothing(
    emulators, emulator_server, transport
):
    target = Target.pick(emulators)
    settings = {"upstream_timeout": 0.5, "upstream_transport": transport}
    async with open_door(emulators, upstream_url=emulator_server.url, **settings) as door:
        gateway = door.gateway
        await gateway.fault(
            platform="maxmailer", kind="late", endpoint="AddCredit", hang_seconds=30
        )
        try:
            first = await door.add_credit(target.account_id, 100, "order-1")
            # Maxmailer applied it, once, and still holds its answer: the gateway cannot know.
            assert target.added == 100
            assert await door.upstream_writes() == 1
        finally:
            await gateway.emulator.delete("/_emulator/faults")
        body = first.json()
        assert body["data"] is None
        [error] = body["errors"]
        assert error["path"] == ["addSendCredit"]
        assert error["extensions"]["code"] == "UPSTREAM_TIMEOUT"
        assert error["extensions"]["outcome"] == "UNKNOWN"

        retry = await door.add_credit(target.account_id, 100, "order-1")
        assert (retry.status_code, retry.content) == (first.status_code, first.content)
        assert retry.headers["idempotent-replayed"] == "true"
        assert target.added == 100
        assert await door.upstream_writes() == 1

        # Without the key, a retry is a new write: what the key is for.
        blind = await door.add_credit(target.account_id, 100)
        assert blind.json()["data"]["addSendCredit"]["userErrors"] == []
        assert target.added == 200
        assert await door.upstream_writes() == 2


def _unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@TRANSPORTS
async def test_a_write_that_never_left_is_not_applied(emulators, transport):
    target = Target.pick(emulators)
    nowhere = f"http://127.0.0.1:{_unused_port()}"
    async with open_door(emulators, upstream_url=nowhere, upstream_transport=transport) as door:
        response = await door.add_credit(target.account_id, 100, "order-1")
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
    assert error["extensions"]["outcome"] == "NOT_APPLIED"
    assert target.added == 0


async def test_a_read_past_its_timeout_claims_no_outcome(emulators, emulator_server):
    settings = {"upstream_timeout": 0.5, "read_retries": 0}
    async with open_door(emulators, upstream_url=emulator_server.url, **settings) as door:
        await door.gateway.fault(platform="v2rest", kind="hang", hang_seconds=30)
        try:
            body = await door.gateway.result(LISTING)
        finally:
            await door.gateway.emulator.delete("/_emulator/faults")
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_TIMEOUT"
    assert "outcome" not in error["extensions"]
