"""The limits at the HTTP door: the answer's size, the body's size, and CORS."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.types import Message, Receive, Scope, Send

from mailgql.limits import ResponseSizeLimit
from mailgql.settings import Settings
from tests.conftest import GRAPHQL_RESPONSE, open_gateway

LISTING = "{ accounts(platform: V2REST, first: 50) { nodes { id username name email } } }"
ORIGIN = "https://app.example.com"
CLIENT_HEADERS = "authorization, content-type, idempotency-key, cache-control"


# -- the answer's size --------------------------------------------------------------------------


async def test_an_answer_over_the_limit_is_replaced_by_an_error_naming_it(emulators):
    async with open_gateway(emulators, max_response_bytes=1_000) as gateway:
        response = await gateway.post(LISTING)
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(response.content)
    body = response.json()
    assert body["data"] is None
    [error] = body["errors"]
    assert "MAILGQL_MAX_RESPONSE_BYTES" in error["message"]
    extensions = error["extensions"]
    assert extensions["code"] == "RESPONSE_TOO_LARGE"
    assert extensions["measure"] == "responseBytes"
    assert extensions["limit"] == 1_000
    assert extensions["actual"] > 1_000


async def test_an_answer_within_the_limit_goes_out_as_it_is(emulators):
    async with open_gateway(emulators, max_response_bytes=1_000_000) as gateway:
        data = await gateway.query(LISTING)
    assert len(data["accounts"]["nodes"]) > 3


async def test_a_streamed_answer_passes_as_it_comes():
    chunks = [b"x" * 10, b"y" * 10, b""]

    async def streaming(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        for index, chunk in enumerate(chunks):
            more = index < len(chunks) - 1
            await send({"type": "http.response.body", "body": chunk, "more_body": more})

    sent: list[Message] = []

    async def record(message: Message) -> None:
        sent.append(message)

    async def nothing() -> Message:
        return {"type": "http.disconnect"}

    await ResponseSizeLimit(streaming, max_bytes=5)({"type": "http"}, nothing, record)
    assert [m.get("body") for m in sent[1:]] == chunks


# -- the body's size ------------------------------------------------------------------------------


def padded(size: int) -> str:
    """A request body of exactly ``size`` bytes."""
    head = '{"query": "{ __typename }"'
    return head + " " * (size - len(head) - 1) + "}"


@pytest.mark.parametrize("cache_ttl", [0.0, 30.0])
async def test_a_body_over_the_setting_is_413(emulators, cache_ttl):
    async with open_gateway(emulators, max_body_bytes=2_000, cache_ttl=cache_ttl) as gateway:
        headers = {"Content-Type": "application/json", "Accept": GRAPHQL_RESPONSE}
        over = await gateway.client.post("/graphql", content=padded(2_001), headers=headers)
        at = await gateway.client.post("/graphql", content=padded(2_000), headers=headers)
    assert over.status_code == 413
    [error] = over.json()["errors"]
    assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert "2000" in error["message"]
    assert at.json() == {"data": {"__typename": "Query"}}


async def test_a_body_over_the_default_is_413_with_answers_kept(emulators):
    async with open_gateway(emulators, cache_ttl=30.0) as gateway:
        response = await gateway.client.post(
            "/graphql",
            content=padded(Settings().max_body_bytes + 1),
            headers={"Content-Type": "application/json"},
        )
    assert response.status_code == 413


# -- CORS -------------------------------------------------------------------------------------


def preflight(origin: str = ORIGIN) -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": CLIENT_HEADERS,
    }


async def test_without_origins_there_are_no_cors_headers(gateway):
    response = await gateway.client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Origin": ORIGIN}
    )
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    answer = await gateway.client.options("/graphql", headers=preflight())
    assert "access-control-allow-origin" not in answer.headers


async def test_an_allowed_origin_gets_its_preflight_and_its_answers(emulators):
    async with open_gateway(emulators, cors_origins=(ORIGIN,)) as gateway:
        answer = await gateway.client.options("/graphql", headers=preflight())
        response = await gateway.client.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"Origin": ORIGIN}
        )
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == ORIGIN
    allowed = {h.strip().lower() for h in answer.headers["access-control-allow-headers"].split(",")}
    assert {"authorization", "content-type", "idempotency-key", "cache-control"} <= allowed
    assert {"GET", "POST"} <= set(answer.headers["access-control-allow-methods"].split(", "))
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_another_origin_gets_no_cors_headers(emulators):
    async with open_gateway(emulators, cors_origins=(ORIGIN,)) as gateway:
        answer = await gateway.client.options("/graphql", headers=preflight("https://evil.test"))
        response = await gateway.client.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"Origin": "https://evil.test"}
        )
    assert answer.status_code == 400
    assert "access-control-allow-origin" not in answer.headers
    assert "access-control-allow-origin" not in response.headers


async def test_a_replaced_answer_keeps_its_cors_headers(emulators):
    async with open_gateway(emulators, cors_origins=(ORIGIN,), max_response_bytes=1_000) as gw:
        response = await gw.client.post(
            "/graphql", json={"query": LISTING}, headers={"Origin": ORIGIN}
        )
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert response.json()["errors"][0]["extensions"]["code"] == "RESPONSE_TOO_LARGE"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ()),
        (f"{ORIGIN}, http://localhost:3000/", (ORIGIN, "http://localhost:3000")),
        ("*", ("*",)),
    ],
)
def test_cors_origins_are_read_comma_separated(monkeypatch, value: str, expected: Any):
    monkeypatch.setenv("MAILGQL_CORS_ORIGINS", value)
    assert Settings().cors_origins == expected


@pytest.mark.parametrize("value", ["app.example.com", "ftp://x.example", "https://x.example/app"])
def test_a_cors_origin_must_be_an_origin(monkeypatch, value: str):
    monkeypatch.setenv("MAILGQL_CORS_ORIGINS", value)
    with pytest.raises(ValueError, match="cors_origins"):
        Settings()


def test_the_response_limit_error_is_json():
    from mailgql.limits.responses import too_large_body

    body = json.loads(too_large_body(12, 10))
    assert body["errors"][0]["extensions"]["actual"] == 12
