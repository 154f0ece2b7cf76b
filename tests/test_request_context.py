"""The context getter receives the request: resolvers read its headers (HTTP and WebSocket),
set response headers, read the WebSocket's ``connection_init`` payload; each request gets its
own context."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import strawberry
from httpx_ws import aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

from mailgql.app import create_app
from mailgql.graph.context import Context, Info
from mailgql.settings import Settings

SEEN: list[Context] = []


@strawberry.type
class Query:
    @strawberry.field
    def header(self, info: Info, name: str) -> str | None:
        return info.context.request.headers.get(name)

    @strawberry.field
    def no_store(self, info: Info) -> bool:
        assert info.context.response is not None
        info.context.response.headers["Cache-Control"] = "no-store"
        return True

    @strawberry.field
    def seen(self, info: Info) -> int:
        SEEN.append(info.context)
        return len(SEEN)


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def header(self, info: Info, name: str) -> AsyncIterator[str | None]:
        yield info.context.request.headers.get(name)

    @strawberry.subscription
    async def tenant_param(self, info: Info) -> AsyncIterator[str]:
        yield str((info.context.connection_params or {}).get("tenant"))

    @strawberry.subscription
    async def has_response(self, info: Info) -> AsyncIterator[bool]:
        yield info.context.response is not None


@asynccontextmanager
async def serving() -> AsyncIterator[httpx.AsyncClient]:
    """The app on a probe schema whose resolvers report what their context holds."""
    app = create_app(
        Settings(cache_ttl=0), schema=strawberry.Schema(query=Query, subscription=Subscription)
    )
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=ASGIWebSocketTransport(app), base_url="http://gw") as client,
    ):
        yield client


async def first_event(client: httpx.AsyncClient, query: str, **init: object) -> object:
    """Subscribe over graphql-transport-ws and return the first event's data."""
    async with aconnect_ws(
        "/graphql", client, subprotocols=["graphql-transport-ws"], headers={"X-Tenant": "ws-acme"}
    ) as ws:
        await ws.send_json({"type": "connection_init", "payload": init})
        assert (await ws.receive_json())["type"] == "connection_ack"
        await ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": query}})
        message = await ws.receive_json()
    assert message["type"] == "next", message
    return message["payload"]["data"]


async def test_a_resolver_reads_a_request_header():
    async with serving() as client:
        response = await client.post(
            "/graphql",
            json={"query": '{ header(name: "x-tenant") }'},
            headers={"X-Tenant": "acme"},
        )

    assert response.json() == {"data": {"header": "acme"}}


async def test_a_resolver_sets_a_response_header():
    async with serving() as client:
        response = await client.post("/graphql", json={"query": "{ noStore }"})

    assert response.json() == {"data": {"noStore": True}}
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-type"] == "application/json; charset=utf-8"


async def test_each_request_gets_a_fresh_context_and_fresh_data_facades():
    SEEN.clear()
    async with serving() as client:
        for _ in range(2):
            await client.post("/graphql", json={"query": "{ seen }"})

    first, second = SEEN
    assert first is not second
    assert first.request is not second.request
    # loaders cache for one request only: the next request reads upstream again
    assert first.data is not second.data


async def test_a_subscription_reads_the_websocket_handshake_headers():
    async with serving() as client:
        data = await first_event(client, 'subscription { header(name: "x-tenant") }')

    assert data == {"header": "ws-acme"}


async def test_a_subscription_reads_the_connection_init_payload():
    async with serving() as client:
        data = await first_event(client, "subscription { tenantParam }", tenant="from-init")

    assert data == {"tenantParam": "from-init"}


async def test_a_websocket_context_has_no_http_response():
    async with serving() as client:
        data = await first_event(client, "subscription { hasResponse }")

    assert data == {"hasResponse": False}
