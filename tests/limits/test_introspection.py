"""Introspection: on for ``create_app`` and ``mailgql demo``, off for ``mailgql serve`` unless
``MAILGQL_INTROSPECTION`` turns it on; ``__typename`` always answers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from mailgql.app import create_app
from mailgql.cli import main, serving_settings
from mailgql.settings import Settings, load_settings
from tests.conftest import GRAPHQL_RESPONSE, open_gateway

SCHEMA = "{ __schema { queryType { name } } }"
TYPE = '{ __type(name: "Account") { name } }'
TYPENAME = "{ __typename }"
IN_A_FRAGMENT = '{ ...Look } fragment Look on Query { __type(name: "Account") { name } }'


@asynccontextmanager
async def client_of(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client,
    ):
        yield client


async def ask(client: httpx.AsyncClient, query: str) -> httpx.Response:
    return await client.post(
        "/graphql", json={"query": query}, headers={"Accept": GRAPHQL_RESPONSE}
    )


def refused(response: httpx.Response, field: str) -> dict[str, Any]:
    assert response.status_code == 400, response.text
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "INTROSPECTION_DISABLED"}
    assert field in error["message"]
    assert "MAILGQL_INTROSPECTION=true" in error["message"]
    return error


async def test_create_app_answers_introspection_by_default():
    async with client_of(create_app(Settings())) as client:
        response = await ask(client, SCHEMA)
    assert response.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


@pytest.mark.parametrize(
    ("query", "field"), [(SCHEMA, "__schema"), (TYPE, "__type"), (IN_A_FRAGMENT, "__type")]
)
async def test_with_introspection_off_schema_and_type_are_refused(emulators, query, field):
    async with open_gateway(emulators, introspection=False) as gateway:
        refused(await gateway.post(query), field)
        assert await gateway.calls() == 0


async def test_with_introspection_off_typename_still_answers(emulators):
    async with open_gateway(emulators, introspection=False) as gateway:
        assert await gateway.query(TYPENAME) == {"__typename": "Query"}
        data = await gateway.query("{ me(platform: V2REST) { __typename username } }")
        assert data["me"]["__typename"] == "Account"


@pytest.fixture
def served(monkeypatch) -> list[FastAPI]:
    """What ``mailgql serve`` hands uvicorn (which is not started)."""
    apps: list[FastAPI] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: apps.append(app))
    return apps


async def test_serve_turns_introspection_off(served):
    assert main(["serve", "--insecure-no-auth"]) == 0
    async with client_of(served[0]) as client:
        refused(await ask(client, SCHEMA), "__schema")
        assert (await ask(client, TYPENAME)).json() == {"data": {"__typename": "Query"}}


async def test_serve_keeps_introspection_the_environment_turns_on(served, monkeypatch):
    monkeypatch.setenv("MAILGQL_INTROSPECTION", "true")
    assert main(["serve", "--insecure-no-auth"]) == 0
    async with client_of(served[0]) as client:
        response = await ask(client, SCHEMA)
    assert response.json()["data"]["__schema"]["queryType"] == {"name": "Query"}


def test_serving_settings_keep_what_a_settings_file_says(tmp_path: Path):
    config = tmp_path / "mailgql.toml"
    config.write_text("introspection = true\n")
    assert serving_settings(load_settings(config)).introspection is True
    assert serving_settings(load_settings()).introspection is False
    assert load_settings().introspection is True  # the setting's own default, for create_app
