"""The Oempro client wired to the in-process emulators, shared by client and loader tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, cast
from urllib.parse import parse_qsl

import httpx
from pydantic import SecretStr

from mailgql.emulators import Emulators
from mailgql.emulators.oempro import (
    OEMPRO_ADMIN_PASSWORD,
    OEMPRO_ADMIN_USERNAME,
    OEMPRO_USER_PASSWORD,
    OEMPRO_USER_USERNAME,
    OemproEmulator,
)
from mailgql.emulators.oempro.state import OemproState
from mailgql.settings import HttpConfig, OemproConfig
from mailgql.upstreams.oempro import OemproClient

URL = "http://emulators/oempro/api.php"

HTTP = HttpConfig(
    timeout=5.0,
    connect_timeout=5.0,
    concurrency=8,
    max_connections=20,
    read_retries=2,
    retry_backoff=0.0,
)


class Recorder(httpx.AsyncBaseTransport):
    """Sends requests to the emulators in-process and keeps every form it sent."""

    def __init__(self, emulators: Emulators) -> None:
        self._inner = httpx.ASGITransport(app=emulators.app)
        self.forms: list[list[tuple[str, str]]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.forms.append(parse_qsl(request.content.decode(), keep_blank_values=True))
        return await self._inner.handle_async_request(request)

    def sent(self, command: str) -> list[dict[str, list[str]]]:
        """Every form sent for a command, as parameter -> values."""
        out = []
        for form in self.forms:
            if ("Command", command) in form:
                params: dict[str, list[str]] = {}
                for key, value in form:
                    params.setdefault(key, []).append(value)
                out.append(params)
        return out


def oempro_config(**overrides: Any) -> OemproConfig:
    """The demo user's settings, with overrides."""
    values: dict[str, Any] = {
        "url": URL,
        "username": OEMPRO_USER_USERNAME,
        "password": SecretStr(OEMPRO_USER_PASSWORD),
        "api_key": None,
        "login_as": "user",
        "response_format": "JSON",
        "ip_address": "127.0.0.1",
        "name_field": None,
    }
    values.update(overrides)
    return OemproConfig(**values)


ADMIN: dict[str, Any] = {
    "username": OEMPRO_ADMIN_USERNAME,
    "password": SecretStr(OEMPRO_ADMIN_PASSWORD),
    "login_as": "admin",
}
"""Overrides that make the client log in as the administrator."""


@asynccontextmanager
async def open_client(
    emulators: Emulators, *, recorder: Recorder | None = None, **overrides: Any
) -> AsyncIterator[OemproClient]:
    """An Oempro client over the emulators, closed on exit."""
    transport = recorder or httpx.ASGITransport(app=emulators.app)
    client = OemproClient.create(oempro_config(**overrides), HTTP, transport=transport)
    try:
        yield client
    finally:
        await client.aclose()


def oempro_state(emulators: Emulators) -> OemproState:
    """The emulated install's database."""
    return cast(OemproEmulator, emulators.platforms["oempro"]).state


@asynccontextmanager
async def control(emulators: Emulators) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the emulators' control routes."""
    transport = httpx.ASGITransport(app=emulators.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emulators") as client:
        yield client


async def requests_by_command(emulators: Emulators) -> dict[str, int]:
    """``GET /_emulator/requests``: Oempro requests received, per command."""
    async with control(emulators) as emu:
        answer = (await emu.get("/_emulator/requests")).json()
    return dict(answer["counts"].get("oempro", {}))


async def reset_requests(emulators: Emulators) -> None:
    """Zero the emulators' request counters."""
    async with control(emulators) as emu:
        await emu.post("/_emulator/requests/reset")


async def expire_sessions(emulators: Emulators) -> int:
    """``POST /_emulator/oempro/expire-sessions``; returns how many sessions ended."""
    async with control(emulators) as emu:
        answer = (await emu.post("/_emulator/oempro/expire-sessions")).json()
    return int(answer["expired"])


async def arm_fault(emulators: Emulators, **spec: Any) -> None:
    """Arm an emulator fault for Oempro."""
    async with control(emulators) as emu:
        response = await emu.post("/_emulator/faults", json={"platform": "oempro", **spec})
    assert response.status_code == 200, response.text
