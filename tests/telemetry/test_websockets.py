"""A WebSocket is a request to the telemetry too: its upgrade answer carries its id, every log
line written while it is open carries that id, one line is written when it closes, and its
operations and the open sockets are counted on ``/metrics``."""

from __future__ import annotations

import re

import httpx
import pytest
from httpx_ws import WebSocketDisconnect, aconnect_ws

from tests.telemetry.scrape import samples
from tests.telemetry.test_logs import Lines, logs  # noqa: F401  (the fixture)
from tests.test_graphql_streams import TRANSPORT_WS, serving

BEAT = "subscription Beat { heartbeat(count: 2, intervalMs: 0) { sequence } }"
OPEN = ("mailgql_websocket_connections", frozenset())


def _operations(text: str, operation: str, outcome: str) -> float:
    key = (
        "mailgql_websocket_operations_total",
        frozenset({("operation", operation), ("outcome", outcome)}),
    )
    return samples(text).get(key, 0.0)


async def _metrics(client: httpx.AsyncClient) -> str:
    response = await client.get("/metrics")
    assert response.status_code == 200
    return response.text


async def test_a_websocket_is_one_request_with_its_id_its_line_and_its_counts(logs: Lines):  # noqa: F811
    async with serving() as client:
        before = await _metrics(client)
        async with aconnect_ws(
            "/graphql",
            client,
            subprotocols=[TRANSPORT_WS],
            headers={"X-Request-Id": "edge-socket-7"},
        ) as ws:
            assert ws.response is not None
            assert ws.response.headers["x-request-id"] == "edge-socket-7"
            await ws.send_json({"type": "connection_init"})
            assert await ws.receive_json() == {"type": "connection_ack"}
            await ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": BEAT}})
            assert [(await ws.receive_json())["type"] for _ in range(3)] == [
                "next",
                "next",
                "complete",
            ]
            refused = {"query": "query Bad { nothing }"}
            await ws.send_json({"id": "2", "type": "subscribe", "payload": refused})
            assert (await ws.receive_json())["type"] == "error"
            during = await _metrics(client)
        after = await _metrics(client)

    assert samples(during)[OPEN] == samples(before).get(OPEN, 0.0) + 1
    assert samples(after)[OPEN] == samples(before).get(OPEN, 0.0)
    assert _operations(after, "Beat", "success") == _operations(before, "Beat", "success") + 1
    assert _operations(after, "Bad", "graphql_error") == (
        _operations(before, "Bad", "graphql_error") + 1
    )

    lines = [o for o in logs.objects() if o["logger"] == "mailgql.request"]
    [line] = [o for o in lines if o["method"] == "WEBSOCKET"]
    assert line["request_id"] == "edge-socket-7"
    assert line["level"] == "INFO"
    assert (line["path"], line["status"], line["operations"]) == ("/graphql", 101, 2)
    assert line["close_code"] == 1000
    assert isinstance(line["duration_ms"], float)
    assert line["message"].startswith("WEBSOCKET /graphql 101 in ")
    assert line["message"].endswith("(2 operations, closed 1000)")


async def test_a_websocket_without_an_id_gets_a_new_one_on_its_answer_and_its_line(
    logs: Lines,  # noqa: F811
):
    async with (
        serving() as client,
        aconnect_ws("/graphql", client, subprotocols=[TRANSPORT_WS]) as ws,
    ):
        assert ws.response is not None
        request_id = ws.response.headers["x-request-id"]
        await ws.send_json({"type": "connection_init"})
        assert await ws.receive_json() == {"type": "connection_ack"}

    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    [line] = [o for o in logs.objects() if o.get("method") == "WEBSOCKET"]
    assert (line["request_id"], line["operations"]) == (request_id, 0)
    assert line["message"].endswith("(0 operations, closed 1000)")


@pytest.mark.live
async def test_a_served_websocket_answers_its_upgrade_with_the_request_id(live_gateway):
    # uvicorn on 127.0.0.1: the id travels in the real 101 answer.
    async with (
        httpx.AsyncClient(base_url=live_gateway.client.base_url) as client,
        aconnect_ws(
            "/graphql",
            client,
            subprotocols=[TRANSPORT_WS],
            headers={"X-Request-Id": "live-socket-1"},
        ) as ws,
    ):
        assert ws.response is not None
        assert ws.response.status_code == 101
        assert ws.response.headers["x-request-id"] == "live-socket-1"
        await ws.send_json({"type": "connection_init"})
        assert await ws.receive_json() == {"type": "connection_ack"}


async def test_a_websocket_refused_before_it_is_accepted_is_logged_as_refused(
    logs: Lines,  # noqa: F811
):
    # Closed before it was accepted (no such route): a server answers the upgrade with 403.
    # In-process, the app has finished, and written its line, once the client learns of it.
    with pytest.raises(ExceptionGroup) as refused:
        async with (
            serving() as client,
            aconnect_ws("/nowhere", client, subprotocols=[TRANSPORT_WS]),
        ):
            pass

    assert refused.group_contains(WebSocketDisconnect)
    [line] = [o for o in logs.objects() if o.get("method") == "WEBSOCKET"]
    assert (line["path"], line["status"], line["close_code"]) == ("/nowhere", 403, None)
    assert line["message"].endswith("(refused)")
