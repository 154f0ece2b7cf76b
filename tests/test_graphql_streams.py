"""Subscriptions on ``/graphql``: a WebSocket speaking graphql-transport-ws, and Server-Sent
Events in GraphQL-over-SSE's distinct-connections mode, each carrying ``heartbeat``."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import httpx
import pytest
from httpx_ws import WebSocketDisconnect, aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

from mailgql.app import create_app
from mailgql.graph.heartbeat import MAX_BEATS
from mailgql.settings import Settings

HEARTBEAT = (
    "subscription($count: Int!) { heartbeat(count: $count, intervalMs: 0) "
    "{ sequence remaining at } }"
)
TRANSPORT_WS = "graphql-transport-ws"
SSE = {"Accept": "text/event-stream"}


def ticks(count: int) -> list[dict[str, Any]]:
    """The ``sequence``/``remaining`` of ``count`` ticks, as a client receives them."""
    return [{"sequence": n, "remaining": count - n} for n in range(1, count + 1)]


def without_time(beat: dict[str, Any]) -> dict[str, Any]:
    """A tick minus its ``at``, after checking ``at`` is a UTC ISO 8601 instant."""
    assert beat["at"].endswith("Z")
    datetime.fromisoformat(beat["at"].replace("Z", "+00:00"))
    return {k: v for k, v in beat.items() if k != "at"}


def parse_sse(text: str) -> list[tuple[str, Any]]:
    """``(event, data)`` of each event in a text/event-stream body; comments are skipped."""
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith(":")]
        fields = dict(line.split(": ", 1) for line in lines)
        if fields:
            data = fields.get("data", "")
            events.append((fields["event"], json.loads(data) if data else None))
    return events


@asynccontextmanager
async def serving() -> AsyncIterator[httpx.AsyncClient]:
    """The app (no platform configured) in-process, for HTTP and WebSocket alike."""
    app = create_app(Settings())
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=ASGIWebSocketTransport(app), base_url="http://gw") as client,
    ):
        yield client


async def subscribe(
    client: httpx.AsyncClient, payload: dict[str, Any], *, frames: int
) -> list[dict[str, Any]]:
    """Open a graphql-transport-ws connection, run one operation, return its next ``frames``."""
    async with aconnect_ws("/graphql", client, subprotocols=[TRANSPORT_WS]) as ws:
        assert ws.subprotocol == TRANSPORT_WS
        await ws.send_json({"type": "connection_init"})
        assert await ws.receive_json() == {"type": "connection_ack"}
        await ws.send_json({"id": "1", "type": "subscribe", "payload": payload})
        return [await ws.receive_json() for _ in range(frames)]


# -- WebSocket -------------------------------------------------------------------------------------


async def test_websocket_subscription_streams_every_tick_then_completes():
    async with serving() as client:
        payload = {"query": HEARTBEAT, "variables": {"count": 3}}
        messages = await subscribe(client, payload, frames=4)

    assert [m["type"] for m in messages] == ["next", "next", "next", "complete"]
    assert all(m["id"] == "1" for m in messages)
    beats = [without_time(m["payload"]["data"]["heartbeat"]) for m in messages[:3]]
    assert beats == ticks(3)


async def test_websocket_subscription_out_of_bounds_is_an_error_message():
    async with serving() as client:
        payload = {"query": HEARTBEAT, "variables": {"count": MAX_BEATS + 1}}
        [message] = await subscribe(client, payload, frames=1)

    assert message["type"] == "error"
    assert message["id"] == "1"
    [error] = message["payload"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert str(MAX_BEATS) in error["message"]


async def test_websocket_runs_a_query_too():
    async with serving() as client:
        messages = await subscribe(client, {"query": "{ __typename }"}, frames=2)

    assert messages == [
        {"id": "1", "type": "next", "payload": {"data": {"__typename": "Query"}}},
        {"id": "1", "type": "complete"},
    ]


async def test_websocket_without_a_known_subprotocol_is_closed():
    async with serving() as client:
        async with aconnect_ws("/graphql", client, subprotocols=["graphql-ws-unknown"]) as ws:
            with pytest.raises(WebSocketDisconnect) as closed:
                await ws.receive_json()

    assert closed.value.code == 4406


# -- Server-Sent Events ----------------------------------------------------------------------------


async def test_sse_post_streams_every_tick_then_completes():
    async with serving() as client:
        response = await client.post(
            "/graphql", json={"query": HEARTBEAT, "variables": {"count": 4}}, headers=SSE
        )

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(response.text)
    assert [name for name, _ in events] == ["next"] * 4 + ["complete"]
    assert [without_time(data["data"]["heartbeat"]) for _, data in events[:4]] == ticks(4)


async def test_sse_get_as_event_source_sends_it():
    params = {"query": HEARTBEAT, "variables": json.dumps({"count": 2})}

    async with serving() as client:
        response = await client.get("/graphql", params=params, headers=SSE)

    events = parse_sse(response.text)
    assert [name for name, _ in events] == ["next", "next", "complete"]


async def test_sse_refusal_before_the_first_tick_is_one_event_with_the_error():
    async with serving() as client:
        response = await client.post(
            "/graphql", json={"query": HEARTBEAT, "variables": {"count": 0}}, headers=SSE
        )

    events = parse_sse(response.text)
    assert [name for name, _ in events] == ["next", "complete"]
    payload = events[0][1]
    assert payload["data"] is None
    [error] = payload["errors"]
    assert error["path"] == ["heartbeat"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": ["count"]}


async def test_sse_runs_a_query_as_one_event():
    async with serving() as client:
        response = await client.post("/graphql", json={"query": "{ __typename }"}, headers=SSE)

    assert parse_sse(response.text) == [
        ("next", {"data": {"__typename": "Query"}}),
        ("complete", None),
    ]


# -- without a stream ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "status"), [("application/graphql-response+json", 400), ("application/json", 200)]
)
async def test_a_subscription_over_plain_http_is_refused_and_names_the_transports(accept, status):
    async with serving() as client:
        response = await client.post(
            "/graphql",
            json={"query": HEARTBEAT, "variables": {"count": 1}},
            headers={"Accept": accept},
        )

    assert response.status_code == status
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "text/event-stream" in error["message"]
    assert "graphql-transport-ws" in error["message"]


async def test_sse_refusal_by_validation_is_one_event_without_data():
    async with serving() as client:
        response = await client.post(
            "/graphql", json={"query": "subscription { nothing }"}, headers=SSE
        )

    assert response.status_code == 200
    events = parse_sse(response.text)
    assert [name for name, _ in events] == ["next", "complete"]
    payload = events[0][1]
    assert "data" not in payload
    assert [e["extensions"]["code"] for e in payload["errors"]] == ["GRAPHQL_VALIDATION_FAILED"]
