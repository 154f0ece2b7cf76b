"""Helpers of the access tests: keys (each registered with the suite-wide secret watch), a
gateway opened with keys, tenants and a rate limiter of the test's choosing, and requests that
carry a key."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from httpx_ws.transport import ASGIWebSocketTransport

from mailgql.app import create_app
from mailgql.auth.keys import new_key
from mailgql.auth.rate import RateLimiter
from mailgql.auth.roles import Role
from mailgql.cache import CacheBackend
from mailgql.emulators import Emulators
from mailgql.platforms import Platform
from tests.cache.conftest import redis_server, redis_url
from tests.conftest import GRAPHQL_RESPONSE, WATCH, Gateway, gateway_schema, gateway_settings

__all__ = [
    "FakeClock",
    "Key",
    "bearer",
    "make_key",
    "open_secured",
    "post",
    "redis_server",
    "redis_url",
    "tenants_file",
]


@dataclass(frozen=True)
class Key:
    """A key made for a test, and its ``MAILGQL_API_KEYS`` entry."""

    key: str
    entry: str
    key_id: str


def make_key(role: str, *, tenant: str | None = None, name: str | None = None) -> Key:
    """A fresh key; the watch then fails the suite if it ever shows in a body or a log line."""
    key, api_key = new_key(Role.parse(role), tenant=tenant, name=name)
    WATCH.secrets.add(key)
    WATCH.secrets.add(key.split("_", 2)[2])
    return Key(key=key, entry=api_key.entry, key_id=api_key.key_id)


def bearer(key: Key | str) -> dict[str, str]:
    """The ``Authorization`` header for ``key``."""
    return {"Authorization": f"Bearer {key.key if isinstance(key, Key) else key}"}


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass."""
        self.now += seconds


def tenants_file(directory: Path, tenants: dict[str, dict[str, Any]]) -> Path:
    """A tenants file holding ``tenants`` (tables of platform settings)."""
    lines: list[str] = []
    for name, table in tenants.items():
        lines.append(f"[tenants.{name}]")
        for key, value in table.items():
            if isinstance(value, dict):
                inner = ", ".join(f'{k} = "{v}"' for k, v in value.items())
                lines.append(f"{key} = {{ {inner} }}")
            else:
                lines.append(f'{key} = "{value}"')
        lines.append("")
    path = directory / "tenants.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


async def post(
    gateway: Gateway,
    query: str,
    key: Key | str | None = None,
    *,
    variables: dict[str, Any] | None = None,
    client: httpx.AsyncClient | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """POST a document with ``key`` (none when None)."""
    body: dict[str, Any] = {"query": query}
    if variables is not None:
        body["variables"] = variables
    sent = {"Accept": GRAPHQL_RESPONSE, **(bearer(key) if key is not None else {})}
    sent.update(headers or {})
    return await (client or gateway.client).post("/graphql", json=body, headers=sent)


@asynccontextmanager
async def open_secured(
    emulators: Emulators,
    *keys: Key,
    rate_limiter: RateLimiter | None = None,
    cache_backend: CacheBackend | None = None,
    client_address: tuple[str, int] = ("127.0.0.1", 123),
    **extra: Any,
) -> AsyncIterator[Gateway]:
    """The gateway in-process with ``keys`` (none: open), over the emulators, for HTTP and
    WebSocket alike; its rate limits off unless ``rate_limiter`` or the settings ask."""
    WATCH.add_emulators(emulators)
    extra.setdefault("rate_limit", 0)
    if keys:
        extra["api_keys"] = ",".join(k.entry for k in keys)
    settings = gateway_settings(emulators, "http://emulators", **extra)
    transports: dict[Platform, httpx.AsyncBaseTransport] = {
        p: httpx.ASGITransport(app=emulators.app) for p in Platform
    }
    app = create_app(
        settings,
        transports=transports,
        schema=gateway_schema(),
        cache_backend=cache_backend,
        rate_limiter=rate_limiter,
    )
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=ASGIWebSocketTransport(app, client=client_address),
            base_url="http://gateway",
            event_hooks={"response": [WATCH.record_response]},
        ) as client,
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=emulators.app), base_url="http://emulators"
        ) as emu,
    ):
        yield Gateway(client, emu, emulators)
