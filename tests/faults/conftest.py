"""The stage of the fault suite: the emulators served over real HTTP on 127.0.0.1 (one server per
module, put back to its seed before every test), and the gateway in-process calling them over
that network, with a short upstream timeout, a short request deadline, reads tried once and a
breaker that opens after two failures in a row.

Every request a test sends is guarded by :data:`GUARD` (:func:`within`): a request the deadline
does not end fails its test instead of hanging the suite. Nothing here times anything else.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
import pytest

from mailgql.emulators import Emulators, RunningServer, build_emulators, serve_in_thread
from tests.conftest import GRAPHQL_RESPONSE, Gateway
from tests.idempotency.conftest import open_door
from tests.resilience.conftest import statuses

T = TypeVar("T")

UPSTREAM_TIMEOUT = 0.3
"""Seconds one upstream call may take (MAILGQL_UPSTREAM_TIMEOUT): far above what a call to the
emulators takes on a busy machine once connected and logged in (see :meth:`Stage.warm`)."""
DEADLINE = 1.5
"""Seconds all the upstream calls of one request may take (MAILGQL_REQUEST_DEADLINE)."""
GUARD = 5 * DEADLINE
"""Seconds a test waits for any answer before failing: a generous multiple of the deadline."""
BREAKER_FAILURES = 2
"""Consecutive failures that open a platform's circuit here (MAILGQL_BREAKER_FAILURES)."""
SLOW_MS = int(4 * UPSTREAM_TIMEOUT * 1000)
"""An injected latency well past the upstream timeout, yet short enough to end with the test."""

SETTINGS: dict[str, Any] = {
    "upstream_timeout": UPSTREAM_TIMEOUT,
    # No fault here is a slow connect (a closed port refuses at once): room for a busy machine.
    "upstream_connect_timeout": 2.0,
    "request_deadline": DEADLINE,
    "read_retries": 0,
    "breaker_failures": BREAKER_FAILURES,
    # Far longer than any test: an open circuit stays open, and no probe muddles the counts.
    "breaker_cooldown": 600.0,
}

PLATFORM_NAMES = {"v2rest": "V2REST", "maxmailer": "MAXMAILER", "oempro": "OEMPRO"}
"""Emulator platform key -> the graph's Platform value."""
READ_ENDPOINT = {
    "v2rest": "GET /Users/SubAccounts",
    "maxmailer": "ListUsers",
    "oempro": "Clients.Get",
}
"""The one upstream call each platform's field of :func:`across` makes (after Oempro's login)."""
FIELDS = {
    "v2rest": "me(platform: V2REST)",
    "maxmailer": "me(platform: MAXMAILER)",
    "oempro": "me(platform: OEMPRO)",
}
SELECTION = "{ username subAccounts(first: 3) { totalCount nodes { id username } } }"


def across(*platforms: str) -> str:
    """A query of ``platforms``' accounts, each aliased by its platform's key, and the first of
    their sub-accounts: one upstream call per platform (Maxmailer's account and its users are
    one listing; Oempro logs in first, once per gateway)."""
    return "{ " + " ".join(f"{p}: {FIELDS[p]} {SELECTION}" for p in platforms) + " }"


ACROSS = across(*PLATFORM_NAMES)
"""One query across the three platforms."""


def within(request: Awaitable[T]) -> Awaitable[T]:
    """``request``, failing with TimeoutError when no answer comes within :data:`GUARD`."""
    return asyncio.wait_for(request, GUARD)


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[Emulators, RunningServer]]:
    """The emulators and their server on 127.0.0.1, shared by one module's tests."""
    emulators = build_emulators(seed=1, size="small")
    with serve_in_thread(emulators.app) as server:
        yield emulators, server
        emulators.hub.faults.clear()  # release anything still held, so the server stops at once


@pytest.fixture
def emulators(served: tuple[Emulators, RunningServer]) -> Iterator[Emulators]:
    """The served emulators, reseeded with counters zeroed and no fault armed; after the test,
    every fault is disarmed and every held request released."""
    emulators, _ = served
    emulators.reset()
    yield emulators
    emulators.hub.faults.clear()


@pytest.fixture
def server(served: tuple[Emulators, RunningServer], emulators: Emulators) -> RunningServer:
    """The server of :func:`emulators`."""
    return served[1]


@dataclass
class Stage:
    """A gateway under test (in-process, calling the served emulators over HTTP)."""

    gateway: Gateway
    emulators: Emulators

    async def post(
        self, query: str, variables: dict[str, Any] | None = None, key: str | None = None
    ) -> httpx.Response:
        """POST a document (with ``key`` as its Idempotency-Key), guarded by :data:`GUARD`."""
        body: dict[str, Any] = {"query": query}
        if variables is not None:
            body["variables"] = variables
        headers = {"Accept": GRAPHQL_RESPONSE}
        if key is not None:
            headers["Idempotency-Key"] = key
        return await within(self.gateway.client.post("/graphql", json=body, headers=headers))

    async def result(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The whole answer to a document, errors included."""
        response = await self.post(query, variables)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def warm(self, *platforms: str) -> None:
        """Connect to ``platforms`` (all when none are named) and log in to Oempro before any
        fault is armed: the calls a fault is not for are then quick ones. Counters are zeroed
        after it."""
        body = await self.result(across(*(platforms or PLATFORM_NAMES)))
        assert "errors" not in body, body["errors"]
        self.emulators.hub.counter.reset()

    async def breakers(self) -> dict[str, str]:
        """Each platform's breaker state, as the ``platforms`` query tells it."""
        found = await within(statuses(self.gateway))
        return {name: entry["breaker"] for name, entry in found.items()}

    def calls(self, platform: str, endpoint: str | None = None) -> int:
        """Requests the emulator of ``platform`` received (to ``endpoint`` only, when given)."""
        counts = self.emulators.hub.counter.snapshot().get(platform, {})
        if endpoint is None:
            return sum(counts.values())
        return counts.get(endpoint, 0)

    async def arm(self, platform: str, kind: str, **spec: Any) -> None:
        """Arm a fault over the emulators' control route, until cleared unless ``count``."""
        spec.setdefault("count", None)
        await within(self.gateway.fault(platform=platform, kind=kind, **spec))

    async def expire_sessions(self) -> int:
        """End every Oempro session, over the emulators' control route."""
        answer = await within(self.gateway.emulator.post("/_emulator/oempro/expire-sessions"))
        return int(answer.json()["expired"])


def closed_port_url() -> str:
    """A URL of 127.0.0.1 on a port nothing listens on: bound, read, then closed again."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def down_settings(emulators: Emulators, platform: str) -> dict[str, Any]:
    """Settings that point ``platform`` at a closed port (its path as the emulators serve it)."""
    setting = {"v2rest": "v2rest_url", "maxmailer": "maxmailer_url", "oempro": "oempro_url"}
    env = emulators.gateway_env(closed_port_url())
    return {setting[platform]: env[f"MAILGQL_{setting[platform].upper()}"]}


@asynccontextmanager
async def open_stage(
    emulators: Emulators, server: RunningServer, **extra: Any
) -> AsyncIterator[Stage]:
    """The gateway in-process over the served emulators, with :data:`SETTINGS` and ``extra``."""
    async with open_door(emulators, upstream_url=server.url, **{**SETTINGS, **extra}) as door:
        yield Stage(door.gateway, emulators)


async def answer_without_faults(emulators: Emulators, server: RunningServer) -> dict[str, Any]:
    """:data:`ACROSS` answered by a gateway of its own with no fault armed (and time to spare:
    its first calls connect and log in)."""
    async with open_stage(
        emulators, server, upstream_timeout=GUARD, request_deadline=GUARD
    ) as stage:
        body = await stage.result(ACROSS)
    assert "errors" not in body, body["errors"]
    assert all(body["data"][p]["subAccounts"]["nodes"] for p in PLATFORM_NAMES)
    return body["data"]  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def clean(served: tuple[Emulators, RunningServer]) -> dict[str, Any]:
    """What :data:`ACROSS` answers with no fault armed, from the seeded emulators (each test
    starts from the same seed, so the same answer holds for every test of the module)."""
    emulators, server = served
    emulators.reset()
    answer = asyncio.run(answer_without_faults(emulators, server))
    emulators.reset()
    return answer
