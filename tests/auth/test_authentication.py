"""Authentication at the door of ``/graphql``: no key or a wrong one is 401 with
``WWW-Authenticate: Bearer`` and ``UNAUTHENTICATED`` over GET, POST and SSE, before the answer
cache; a WebSocket is admitted by the upgrade's header or the ``connection_init`` payload;
GraphiQL's page and assets, ``/healthz`` and ``/readyz`` need no key."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from httpx_ws import WebSocketDisconnect, aconnect_ws

from mailgql.emulators import Emulators
from mailgql.platforms import Platform
from tests.auth.conftest import Key, bearer, make_key, open_secured, post
from tests.conftest import Gateway

ME = "{ me(platform: V2REST) { username } }"
TRANSPORT_WS = "graphql-transport-ws"
SSE = {"Accept": "text/event-stream"}


def assert_unauthenticated(response: Any, *, wrong: bool) -> None:
    """A 401 with its challenge (naming an invalid token when one was sent) and one error."""
    assert response.status_code == 401, response.text
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith("Bearer")
    assert ('error="invalid_token"' in challenge) is wrong
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"


@asynccontextmanager
async def secured(emulators: Emulators) -> AsyncIterator[tuple[Gateway, Key]]:
    """A gateway with one reader key (a fixture would close it in another task than the
    WebSocket transport opened it in)."""
    reader = make_key("reader")
    async with open_secured(emulators, reader) as gateway:
        yield gateway, reader


@pytest.mark.parametrize("wrong", [False, True])
async def test_post_without_a_valid_key_is_401_and_reaches_no_platform(emulators, wrong):
    async with secured(emulators) as (gateway, reader):
        key = make_key("reader").key if wrong else None
        response = await post(gateway, ME, key)
        assert_unauthenticated(response, wrong=wrong)
        assert await gateway.calls() == 0


@pytest.mark.parametrize("wrong", [False, True])
async def test_get_without_a_valid_key_is_401(emulators, wrong):
    async with secured(emulators) as (gateway, _):
        headers = bearer(make_key("reader")) if wrong else {}
        response = await gateway.client.get("/graphql", params={"query": ME}, headers=headers)
        assert_unauthenticated(response, wrong=wrong)


async def test_sse_without_a_key_is_401(emulators):
    async with secured(emulators) as (gateway, _):
        response = await gateway.client.post("/graphql", json={"query": ME}, headers=SSE)
        assert_unauthenticated(response, wrong=False)


async def test_a_malformed_credential_is_401(emulators):
    async with secured(emulators) as (gateway, reader):
        for header in ("Basic Zm9vOmJhcg==", f"Token {reader.key}", "Bearer "):
            response = await gateway.client.post(
                "/graphql", json={"query": ME}, headers={"Authorization": header}
            )
            assert response.status_code == 401


async def test_the_key_opens_get_post_and_sse(emulators):
    async with secured(emulators) as (gateway, reader):
        posted = await post(gateway, ME, reader)
        assert posted.json() == {"data": {"me": {"username": "demo-admin"}}}
        got = await gateway.client.get("/graphql", params={"query": ME}, headers=bearer(reader))
        assert got.json() == {"data": {"me": {"username": "demo-admin"}}}
        streamed = await gateway.client.post(
            "/graphql", json={"query": ME}, headers={**SSE, **bearer(reader)}
        )
        assert streamed.status_code == 200
        assert '"demo-admin"' in streamed.text


async def test_a_kept_answer_is_never_served_without_a_key(emulators):
    reader = make_key("reader")
    async with open_secured(emulators, reader, cache_ttl=30) as gateway:
        assert (await post(gateway, ME, reader)).status_code == 200
        calls = await gateway.calls()
        assert (await post(gateway, ME, reader)).status_code == 200
        assert await gateway.calls() == calls  # answered from the cache
        assert_unauthenticated(await post(gateway, ME), wrong=False)
        assert_unauthenticated(await post(gateway, ME, make_key("reader")), wrong=True)


async def test_graphiql_and_its_assets_need_no_key_and_health_checks_neither(emulators):
    async with secured(emulators) as (gateway, _):
        page = await gateway.client.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert "graphiql" in page.text.lower()
        asset = page.text.split('src="', 1)[1].split('"', 1)[0]
        assert (await gateway.client.get(asset)).status_code == 200
        assert (await gateway.client.get("/healthz")).status_code == 200
        assert (await gateway.client.get("/readyz")).status_code == 200


async def test_graphiql_with_a_query_in_the_address_needs_a_key(emulators):
    async with secured(emulators) as (gateway, _):
        response = await gateway.client.get(
            "/graphql", params={"query": ME}, headers={"Accept": "text/html, application/json"}
        )
        assert response.status_code == 401


# -- WebSocket -------------------------------------------------------------------------------------


async def ws_query(
    gateway: Gateway, query: str, *, header: Key | None = None, payload: Key | None = None
) -> dict[str, Any]:
    """Connect, init, run one operation; the first message after the ack."""
    headers = bearer(header) if header is not None else {}
    init: dict[str, Any] = {"type": "connection_init"}
    if payload is not None:
        init["payload"] = bearer(payload)
    async with aconnect_ws(
        "/graphql", gateway.client, subprotocols=[TRANSPORT_WS], headers=headers
    ) as ws:
        await ws.send_json(init)
        assert (await ws.receive_json())["type"] == "connection_ack"
        await ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": query}})
        message: dict[str, Any] = await ws.receive_json()
        return message


async def ws_refusal(gateway: Gateway, *, header: str | None, payload: object) -> int:
    """The close code of a connection whose init is refused."""
    headers = {"Authorization": header} if header is not None else {}
    async with aconnect_ws(
        "/graphql", gateway.client, subprotocols=[TRANSPORT_WS], headers=headers
    ) as ws:
        init: dict[str, Any] = {"type": "connection_init"}
        if payload is not None:
            init["payload"] = payload
        await ws.send_json(init)
        with pytest.raises(WebSocketDisconnect) as closed:
            await ws.receive_json()
    return closed.value.code


async def test_a_websocket_is_admitted_by_the_upgrade_header(emulators):
    async with secured(emulators) as (gateway, reader):
        message = await ws_query(gateway, ME, header=reader)
        assert message["payload"] == {"data": {"me": {"username": "demo-admin"}}}


async def test_a_websocket_is_admitted_by_the_connection_init_payload(emulators):
    async with secured(emulators) as (gateway, reader):
        message = await ws_query(gateway, ME, payload=reader)
        assert message["payload"] == {"data": {"me": {"username": "demo-admin"}}}


@pytest.mark.parametrize(
    ("header", "payload"),
    [
        (None, None),
        (None, {}),
        (None, {"Authorization": "Bearer mgql_000000000000_nope"}),
        ("Bearer mgql_000000000000_nope", None),
    ],
    ids=["no-payload", "empty-payload", "wrong-key-in-payload", "wrong-key-in-header"],
)
async def test_a_websocket_without_a_valid_key_is_closed_with_4403(emulators, header, payload):
    async with secured(emulators) as (gateway, _):
        assert await ws_refusal(gateway, header=header, payload=payload) == 4403
        assert await gateway.calls() == 0


async def test_an_operation_before_connection_init_is_closed_with_4401(emulators):
    async with secured(emulators) as (gateway, _):
        async with aconnect_ws("/graphql", gateway.client, subprotocols=[TRANSPORT_WS]) as ws:
            await ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": ME}})
            with pytest.raises(WebSocketDisconnect) as closed:
                await ws.receive_json()
        assert closed.value.code == 4401
        assert await gateway.calls(Platform.V2REST) == 0


async def test_the_refusals_name_no_key(emulators):
    async with secured(emulators) as (gateway, reader):
        forged = reader.key[:-2] + "xx"
        response = await post(gateway, ME, forged)
        assert forged not in response.text
        assert reader.key not in response.text
        assert json.loads(response.text)["errors"][0]["message"] == "the API key is not valid"
