"""Fixtures shared by the whole suite: emulators, and the gateway in-process or over HTTP."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import strawberry

from mailgql.app import create_app
from mailgql.cache import CacheBackend
from mailgql.emulators import Emulators, RunningServer, build_emulators, serve_in_thread
from mailgql.graph import DocumentCache, build_schema
from mailgql.platforms import Platform
from mailgql.settings import Settings

GRAPHQL_RESPONSE = "application/graphql-response+json"


class SecretWatch:
    """What the whole suite let out: every gateway response body and every log line.

    ``tests/test_secrets_suite_wide.py`` runs last and asserts that no secret any emulator
    seeded appears in any of them. Tests of the emulators themselves are not watched: an
    emulator hands out secrets by design.
    """

    def __init__(self) -> None:
        self.active = False
        self.bodies: list[str] = []
        self.logs: list[str] = []
        self.secrets: set[str] = set()
        # Each distinct text is kept once: the final check looks for every secret in every text,
        # and most log lines (and many bodies) repeat from one test to the next.
        self._seen_bodies: set[str] = set()
        self._seen_logs: set[str] = set()

    def add_log(self, line: str) -> None:
        """Keep a log line, unless the same line was kept before."""
        if line not in self._seen_logs:
            self._seen_logs.add(line)
            self.logs.append(line)

    def leaks(self, bodies: int = 0, logs: int = 0) -> list[tuple[str, str, str]]:
        """Each known secret found in the bodies and log lines kept from ``bodies`` and ``logs``
        on (their counts when a test began), with where it was found."""
        return [
            (secret, kind, text[:200])
            for kind, texts in (("response", self.bodies[bodies:]), ("log", self.logs[logs:]))
            for text in texts
            for secret in self.secrets
            if secret in text
        ]

    def add_emulators(self, emulators: Emulators) -> None:
        """Remember the secrets of emulators a gateway is about to talk to."""
        for platform in emulators.platforms.values():
            self.secrets |= {s for s in platform.secrets() if len(s) >= 6}

    async def record_response(self, response: httpx.Response) -> None:
        """httpx response hook of the clients that talk to a gateway."""
        await response.aread()
        if self.active and response.text not in self._seen_bodies:
            self._seen_bodies.add(response.text)
            self.bodies.append(response.text)


WATCH = SecretWatch()
_WATCHED_LOGGERS = ("mailgql", "httpx", "uvicorn", "strawberry", "graphql", "asyncio")


class _WatchHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if WATCH.active:
            WATCH.add_log(self.format(record))


def pytest_sessionstart(session: pytest.Session) -> None:
    """Watch the loggers of the gateway and its libraries, with the gateway's at DEBUG."""
    handler = _WatchHandler(level=logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    for name in _WATCHED_LOGGERS:
        logging.getLogger(name).addHandler(handler)
    logging.getLogger("mailgql").setLevel(logging.DEBUG)
    # Every test is checked against the secrets of the seeds the suite serves from the start.
    for size in ("small", "large"):
        WATCH.add_emulators(build_emulators(seed=1, size=size))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Watch every test but the emulators' own."""
    WATCH.active = "emulators" not in item.path.parts


def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Stop watching between tests."""
    WATCH.active = False


@pytest.fixture(autouse=True)
def _no_secret_let_out() -> Iterator[None]:
    """What a test let out is checked as it ends, against every secret known by then (the suite
    may run in several processes, each with a watch of its own: none of them sees it all)."""
    bodies, logs = len(WATCH.bodies), len(WATCH.logs)
    yield
    leaks = WATCH.leaks(bodies, logs)
    if leaks:
        pytest.fail(f"seeded secrets reached a response or a log line: {leaks}", pytrace=False)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The suite-wide secret check runs after everything it checks."""
    last = [i for i in items if i.path.name == "test_secrets_suite_wide.py"]
    items[:] = [i for i in items if i not in last] + last


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings come from each test alone, never from the machine's environment."""
    import os

    for key in list(os.environ):
        if key.startswith("MAILGQL_"):
            monkeypatch.delenv(key)


def gateway_settings(emulators: Emulators, base_url: str, **extra: Any) -> Settings:
    """Settings that point a gateway at the emulators served at ``base_url``.

    The caches kept across requests are off unless a test asks for them (``cache_ttl=...``):
    most tests count one request's upstream calls, or change the emulators between requests.
    """
    values: dict[str, Any] = {
        k.removeprefix("MAILGQL_").lower(): v for k, v in emulators.gateway_env(base_url).items()
    }
    values.setdefault("retry_backoff", 0.0)
    values.setdefault("cache_ttl", 0.0)
    values.update(extra)
    return Settings(**values)


@dataclass
class Gateway:
    """A gateway under test and the emulators behind it."""

    client: httpx.AsyncClient
    emulator: httpx.AsyncClient
    emulators: Emulators

    async def post(self, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        """POST a document and return the raw response."""
        body: dict[str, Any] = {"query": query}
        if variables is not None:
            body["variables"] = variables
        return await self.client.post("/graphql", json=body, headers={"Accept": GRAPHQL_RESPONSE})

    async def query(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """POST a document; return the body, failing on any error."""
        response = await self.post(query, variables)
        body: dict[str, Any] = response.json()
        assert response.status_code == 200, body
        assert "errors" not in body, json.dumps(body["errors"], indent=2)
        return body["data"]  # type: ignore[no-any-return]

    async def result(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """POST a document; return the whole body, errors included."""
        response = await self.post(query, variables)
        body: dict[str, Any] = response.json()
        return body

    async def calls(self, platform: Platform | None = None) -> int:
        """Upstream requests the emulators received (for one platform, or in all)."""
        answer = (await self.emulator.get("/_emulator/requests")).json()
        if platform is None:
            return int(answer["total"])
        return int(answer["totals"].get(platform.value, 0))

    async def counts(self, platform: Platform) -> dict[str, int]:
        """Upstream requests per endpoint for one platform."""
        answer = (await self.emulator.get("/_emulator/requests")).json()
        return dict(answer["counts"].get(platform.value, {}))

    async def reset_calls(self) -> None:
        """Zero the emulators' request counters."""
        await self.emulator.post("/_emulator/requests/reset")

    async def fault(self, **spec: Any) -> None:
        """Arm a fault in the emulators."""
        response = await self.emulator.post("/_emulator/faults", json=spec)
        assert response.status_code == 200, response.text


@pytest.fixture
def emulators() -> Emulators:
    """Freshly seeded emulators (seed 1, small)."""
    return build_emulators(seed=1, size="small")


GATEWAY_DOCUMENTS = DocumentCache()
"""The document cache of the schema every gateway of the suite shares."""


@functools.cache
def _shared_schema() -> strawberry.Schema:
    return build_schema(documents=GATEWAY_DOCUMENTS)


def gateway_schema() -> strawberry.Schema:
    """The gateway's schema, built once per session, its document cache emptied for each call.

    Building the schema costs ~10 ms, once per gateway a test opens; a gateway's schema is
    otherwise read-only. Its document cache is the one thing that fills as requests come, so it
    starts empty for every gateway, as it would with a schema of its own.
    """
    DocumentCache.__init__(GATEWAY_DOCUMENTS)
    return _shared_schema()


@asynccontextmanager
async def open_gateway(
    emulators: Emulators,
    *,
    cache_backend: CacheBackend | None = None,
    clock: Callable[[], float] | None = None,
    schema: strawberry.Schema | None = None,
    **extra: Any,
) -> AsyncIterator[Gateway]:
    """The gateway in-process, its upstream calls going in-process to the emulators; its caches
    in ``cache_backend`` when given (several gateways may share one), ``clock`` under the
    platforms' breakers when given, ``schema`` in place of the suite's shared one when given."""
    WATCH.add_emulators(emulators)
    settings = gateway_settings(emulators, "http://emulators", **extra)
    transports: dict[Platform, httpx.AsyncBaseTransport] = {
        p: httpx.ASGITransport(app=emulators.app) for p in Platform
    }
    app = create_app(
        settings,
        transports=transports,
        schema=schema or gateway_schema(),
        cache_backend=cache_backend,
        clock=clock,
    )
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://gateway",
            event_hooks={"response": [WATCH.record_response]},
        ) as client,
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=emulators.app), base_url="http://emulators"
        ) as emu,
    ):
        yield Gateway(client, emu, emulators)


@pytest.fixture
async def gateway(emulators: Emulators) -> AsyncIterator[Gateway]:
    """The gateway in-process over the demo emulators."""
    async with open_gateway(emulators) as gw:
        yield gw


@pytest.fixture
async def debug_gateway(emulators: Emulators) -> AsyncIterator[Gateway]:
    """The gateway in-process with ``MAILGQL_DEBUG_ERRORS``: errors show clients the upstream
    operation and HTTP status behind them."""
    async with open_gateway(emulators, debug_errors=True) as gw:
        yield gw


@pytest.fixture
def emulator_server(emulators: Emulators) -> Iterator[RunningServer]:
    """The emulators served over HTTP on 127.0.0.1."""
    with serve_in_thread(emulators.app) as server:
        yield server


@pytest.fixture
def live_settings() -> dict[str, Any]:
    """Extra settings for the live gateway (override in a module to change them)."""
    return {"upstream_timeout": 1.0}


@pytest.fixture
async def live_gateway(
    emulators: Emulators, emulator_server: RunningServer, live_settings: dict[str, Any]
) -> AsyncIterator[Gateway]:
    """The gateway and the emulators, each served over real HTTP on 127.0.0.1."""
    WATCH.add_emulators(emulators)
    settings = gateway_settings(emulators, emulator_server.url, **live_settings)
    app = create_app(settings, schema=gateway_schema())
    with serve_in_thread(app) as server:
        async with (
            httpx.AsyncClient(
                base_url=server.url,
                timeout=30,
                event_hooks={"response": [WATCH.record_response]},
            ) as client,
            httpx.AsyncClient(base_url=emulator_server.url, timeout=30) as emu,
        ):
            yield Gateway(client, emu, emulators)
        # Nothing talks to the emulators any more: let both servers wind down at once.
        emulator_server.begin_stop()
