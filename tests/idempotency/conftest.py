"""Helpers of the idempotency tests: a gateway whose upstream calls go in-process or over real
HTTP (where timeouts apply), its ``Idempotency`` at hand; mutations sent with a key; and the
Maxmailer facts they check (a one-time user's send allocation, the upstream ``AddCredit`` calls).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI

from mailgql.app import create_app
from mailgql.cache import CacheBackend
from mailgql.emulators import Emulators
from mailgql.graphql_http import GraphQLView
from mailgql.graphql_http.idempotency import Idempotency
from mailgql.platforms import Platform
from tests.cache.conftest import redis_server, redis_url
from tests.conftest import GRAPHQL_RESPONSE, WATCH, Gateway, gateway_schema, gateway_settings
from tests.graph.maxmailer_helpers import gid, mm_state, one_time_user

__all__ = [
    "ADD_CREDIT",
    "Door",
    "Target",
    "open_door",
    "redis_server",
    "redis_url",
]

ADD_CREDIT = (
    "mutation AddCredit($input: AddSendCreditInput!) { addSendCredit(input: $input) "
    "{ account { id quota { sendsAvailable } } userErrors { code message } } }"
)


@dataclass
class Target:
    """A seeded one-time Maxmailer user: what ``addSendCredit`` changes."""

    emulators: Emulators
    user_id: int
    start: int

    @classmethod
    def pick(cls, emulators: Emulators) -> Target:
        """The first seeded user with a one-time allocation."""
        user = one_time_user(emulators)
        return cls(emulators, user.id, user.max_sends)

    @property
    def account_id(self) -> str:
        """Its global ID."""
        return gid("Account", self.user_id)

    @property
    def added(self) -> int:
        """Credits added to it in the emulator since the test began."""
        return mm_state(self.emulators).users[self.user_id].max_sends - self.start


@dataclass
class Door:
    """A gateway under test, its app, its ``Idempotency`` (None: keys are off) and the emulators
    behind it."""

    gateway: Gateway
    app: FastAPI
    idempotency: Idempotency | None

    @property
    def keys(self) -> Idempotency:
        """Its ``Idempotency``, which the test expects to be on."""
        assert self.idempotency is not None
        return self.idempotency

    async def add_credit(
        self,
        account_id: str,
        credits: int,
        key: str | None = None,
        *,
        client: httpx.AsyncClient | None = None,
        headers: dict[str, str] | None = None,
        operation_name: str | None = None,
        query: str = ADD_CREDIT,
    ) -> httpx.Response:
        """POST ``addSendCredit`` with ``key`` as the ``Idempotency-Key`` (none when None)."""
        body: dict[str, Any] = {
            "query": query,
            "variables": {"input": {"accountId": account_id, "credits": credits}},
        }
        if operation_name is not None:
            body["operationName"] = operation_name
        sent = {"Accept": GRAPHQL_RESPONSE, **(headers or {})}
        if key is not None:
            sent["Idempotency-Key"] = key
        return await (client or self.gateway.client).post("/graphql", json=body, headers=sent)

    async def upstream_writes(self) -> int:
        """``AddCredit`` calls Maxmailer received."""
        return (await self.gateway.counts(Platform.MAXMAILER)).get("AddCredit", 0)

    def client(self, address: tuple[str, int]) -> httpx.AsyncClient:
        """Another client of the same gateway, from ``address``."""
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app, client=address),
            base_url="http://gateway",
            event_hooks={"response": [WATCH.record_response]},
        )


@asynccontextmanager
async def open_door(
    emulators: Emulators,
    *,
    upstream_url: str | None = None,
    cache_backend: CacheBackend | None = None,
    lease: float | None = None,
    **extra: Any,
) -> AsyncIterator[Door]:
    """The gateway in-process; its upstream calls in-process too, or over HTTP to
    ``upstream_url`` (the emulators served there); its store ``cache_backend`` when given."""
    WATCH.add_emulators(emulators)
    extra.setdefault("rate_limit", 0)
    settings = gateway_settings(emulators, upstream_url or "http://emulators", **extra)
    transports: dict[Platform, httpx.AsyncBaseTransport] | None = None
    if upstream_url is None:
        transports = {p: httpx.ASGITransport(app=emulators.app) for p in Platform}
    app = create_app(
        settings, transports=transports, schema=gateway_schema(), cache_backend=cache_backend
    )
    # The view serves WebSockets unwrapped: the same object, with the same Idempotency.
    view = next(
        r.endpoint
        for r in app.router.routes
        if isinstance(getattr(r, "endpoint", None), GraphQLView)
    )
    idempotency: Idempotency | None = view.idempotency
    if idempotency is not None and lease is not None:
        idempotency.lease = lease
    emulator_transport = httpx.ASGITransport(app=emulators.app) if upstream_url is None else None
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app, client=("127.0.0.1", 123)),
            base_url="http://gateway",
            event_hooks={"response": [WATCH.record_response]},
        ) as client,
        httpx.AsyncClient(
            transport=emulator_transport, base_url=upstream_url or "http://emulators"
        ) as emu,
    ):
        yield Door(Gateway(client, emu, emulators), app, idempotency)
