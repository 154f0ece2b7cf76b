"""Oempro sessions that end under the gateway (code 99998, as when PHP's session files are
collected): the gateway logs in again and sends the refused command once more, once. A query
across the three platforms answers in full; a write lands once; a session refused again right
after the new login is a typed error, not a loop of logins."""

from __future__ import annotations

import json

import pytest

from tests.faults.conftest import ACROSS, PLATFORM_NAMES, open_stage
from tests.graph.oempro_helpers import own_lists

pytestmark = pytest.mark.live

TRANSPORTS = pytest.mark.parametrize("transport", ["aiohttp", "httpx"])


@TRANSPORTS
async def test_after_the_session_expired_a_query_logs_in_again_and_answers_in_full(
    emulators, server, clean, transport
):
    async with open_stage(emulators, server, upstream_transport=transport) as stage:
        assert (await stage.result(ACROSS)) == {"data": clean}
        assert await stage.expire_sessions() == 1
        emulators.hub.counter.reset()

        assert (await stage.result(ACROSS)) == {"data": clean}
        # Refused with 99998 before it ran, one new login, then sent once more.
        counts = emulators.hub.counter.snapshot()
        assert counts["oempro"] == {"Clients.Get": 2, "User.Login": 1}
        assert (stage.calls("v2rest"), stage.calls("maxmailer")) == (1, 1)
        # A refusal is an answer: no circuit counts it.
        assert set((await stage.breakers()).values()) == {"CLOSED"}


EXPIRED = json.dumps(
    {"Success": False, "ErrorCode": 99998, "ErrorText": "Authentication failure or session expired"}
)
"""Oempro's answer to a command sent with a session it no longer has."""

CREATE_LIST = (
    "mutation($input: CreateListInput!) { createList(input: $input) "
    "{ list { name } userErrors { code } } }"
)


@TRANSPORTS
async def test_a_write_refused_for_an_expired_session_lands_once(emulators, server, transport):
    name = "Made after expiry"
    async with open_stage(emulators, server, upstream_transport=transport) as stage:
        await stage.result(ACROSS)  # logged in
        assert await stage.expire_sessions() == 1
        emulators.hub.counter.reset()

        response = await stage.post(
            CREATE_LIST, {"input": {"platform": "OEMPRO", "name": name}}, key="after-expiry"
        )
        assert response.json() == {
            "data": {"createList": {"list": {"name": name}, "userErrors": []}}
        }
        assert [lst["Name"] for lst in own_lists(emulators)].count(name) == 1
        counts = emulators.hub.counter.snapshot()["oempro"]
        assert (counts["List.Create"], counts["User.Login"]) == (2, 1)

        again = await stage.post(
            CREATE_LIST, {"input": {"platform": "OEMPRO", "name": name}}, key="after-expiry"
        )
        assert again.content == response.content
        assert again.headers["idempotent-replayed"] == "true"
        assert emulators.hub.counter.snapshot()["oempro"] == counts
        assert [lst["Name"] for lst in own_lists(emulators)].count(name) == 1


async def test_a_session_refused_again_after_the_new_login_is_an_error_not_a_loop(
    emulators, server, clean
):
    async with open_stage(emulators, server) as stage:
        await stage.result(ACROSS)  # logged in
        # Every Clients.Get is refused as from an expired session, the new one's included.
        await stage.arm("oempro", "status", endpoint="Clients.Get", status=200, body=EXPIRED)
        emulators.hub.counter.reset()

        body = await stage.result(ACROSS)
        [error] = body["errors"]
        assert error["path"] == ["oempro", "subAccounts"]
        assert body["data"]["oempro"]["subAccounts"] is None
        assert error["extensions"]["code"] == "UNAUTHENTICATED"
        assert error["extensions"]["platform"] == PLATFORM_NAMES["oempro"]
        for other in ("v2rest", "maxmailer"):
            assert body["data"][other] == clean[other]
        assert emulators.hub.counter.snapshot()["oempro"] == {"Clients.Get": 2, "User.Login": 1}
