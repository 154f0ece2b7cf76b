"""Two gateway processes on one Redis server, as a deployment runs them: each a real
``mailgql serve`` on its own port of 127.0.0.1, both calling the emulators over real HTTP.

What one process read or answered, the other serves without calling upstream; a write through
one is seen by the other at once; a query persisted on one is known to the other. Then
``mailgql serve --workers 2`` starts, answers and stops. Upstream calls are the emulators' own
counts. Every test starts on an empty Redis database and zeroed counters.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from mailgql.emulators import Emulators, RunningServer, build_emulators, serve_in_thread
from tests.cache.conftest import emptied, session_redis
from tests.conftest import WATCH
from tests.graph.v2_helpers import EMPTY_ACCOUNT, gid

pytestmark = pytest.mark.live

ROOT = Path(__file__).resolve().parents[2]
GRJ = "application/graphql-response+json"
READY_WITHIN = 30.0
STOP_WITHIN = 15.0

LISTS = """{ me(platform: V2REST) { subAccounts(first: 3) { nodes {
  username inheritedLists { totalCount nodes { name } } } } } }"""
LISTS_CALLS = 1 + 3
"""The listing, then one inherited-lists call per sub-account."""
SEGMENTS = """{ me(platform: V2REST) { subAccounts(first: 3) { nodes {
  username inheritedSegments { totalCount } } } } }"""
NAMES = "{ me(platform: V2REST) { subAccounts(first: 2) { nodes { username } } } }"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(**settings: str) -> dict[str, str]:
    """This process's environment without any MAILGQL_* variable, plus ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("MAILGQL_")}
    env.update(settings)
    return env


@dataclass
class Process:
    """A ``mailgql serve`` process, its base URL and its log."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self) -> None:
        """Poll /readyz until it answers 200 (failing, with the log, at the deadline)."""
        deadline = time.monotonic() + READY_WITHIN
        with httpx.Client(base_url=self.url, timeout=2) as client:
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    if client.get("/readyz").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.05)
        pytest.fail(f"the gateway at {self.url} did not become ready:\n{self.output()}")

    def stop(self, sig: signal.Signals = signal.SIGINT) -> int:
        """Signal the process and wait for it to exit; its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                return self.process.wait(STOP_WITHIN)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(STOP_WITHIN)
                pytest.fail(f"the gateway ignored {sig.name} for {STOP_WITHIN:g} s")
        return self.process.returncode


def _spawn(env: dict[str, str], log: Path, *args: str) -> Process:
    port = _free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mailgql", "serve", "--host", "127.0.0.1", "--port", str(port)]
            + ["--insecure-no-auth"]  # these tests are about caches shared across processes
            + list(args),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
        )
    return Process(process, f"http://127.0.0.1:{port}", log)


@contextmanager
def serving(*gateways: Process) -> Iterator[None]:
    """Wait for every gateway to be ready; stop them all at the end."""
    try:
        for gateway in gateways:
            gateway.wait_ready()
        yield
    finally:
        for gateway in gateways:
            if gateway.process.poll() is None:
                gateway.process.send_signal(signal.SIGINT)
        for gateway in gateways:
            gateway.stop()


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of the Redis server the processes share."""
    with session_redis(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(scope="module")
def emulators_online() -> Iterator[tuple[Emulators, RunningServer]]:
    """The emulators, served over HTTP on 127.0.0.1 for the whole module."""
    emulators = build_emulators(seed=1, size="small")
    WATCH.add_emulators(emulators)
    with serve_in_thread(emulators.app) as server:
        yield emulators, server


def _gateway_env(emulators: Emulators, server: RunningServer, redis_url: str) -> dict[str, str]:
    return _environment(
        **emulators.gateway_env(server.url),
        MAILGQL_REDIS_URL=redis_url,
        MAILGQL_CACHE_TTL="30",
        MAILGQL_RETRY_BACKOFF="0",
    )


@pytest.fixture(scope="module")
def two_processes(
    redis_server: str,
    emulators_online: tuple[Emulators, RunningServer],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, str]]:
    """Two gateway processes on the same Redis server: their base URLs."""
    logs = tmp_path_factory.mktemp("gateways")
    env = _gateway_env(*emulators_online, redis_server)
    a = _spawn(env, logs / "a.log")
    b = _spawn(env, logs / "b.log")
    with serving(a, b):
        yield a.url, b.url


@dataclass
class Pair:
    """Clients of the two processes, and of the emulators' counters."""

    a: httpx.AsyncClient
    b: httpx.AsyncClient
    emulators: httpx.AsyncClient

    async def calls(self) -> int:
        """Upstream calls the emulators received since the test started."""
        return int((await self.emulators.get("/_emulator/requests")).json()["total"])

    async def counts(self) -> dict[str, dict[str, int]]:
        """Upstream calls per platform and endpoint."""
        return dict((await self.emulators.get("/_emulator/requests")).json()["counts"])


async def query(
    client: httpx.AsyncClient, document: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    """POST a document; its data, failing on any error."""
    response = await client.post(
        "/graphql", json={"query": document, "variables": variables}, headers={"Accept": GRJ}
    )
    body: dict[str, Any] = response.json()
    assert response.status_code == 200, body
    assert "errors" not in body, body
    return body["data"]  # type: ignore[no-any-return]


@pytest.fixture
async def pair(
    two_processes: tuple[str, str],
    emulators_online: tuple[Emulators, RunningServer],
    redis_server: str,
) -> AsyncIterator[Pair]:
    """Both processes, on an empty Redis database, with the emulators' counters zeroed."""
    emptied(redis_server)
    hooks = {"response": [WATCH.record_response]}
    url_a, url_b = two_processes
    async with (
        httpx.AsyncClient(base_url=url_a, timeout=30, event_hooks=hooks) as a,
        httpx.AsyncClient(base_url=url_b, timeout=30, event_hooks=hooks) as b,
        httpx.AsyncClient(base_url=emulators_online[1].url, timeout=30) as emulators,
    ):
        await emulators.post("/_emulator/requests/reset")
        yield Pair(a, b, emulators)


async def test_an_answer_of_one_process_costs_the_other_no_call(pair):
    answer = await query(pair.a, LISTS)
    assert len(answer["me"]["subAccounts"]["nodes"]) == 3
    assert await pair.calls() == LISTS_CALLS

    assert await query(pair.b, LISTS) == answer
    assert await pair.calls() == LISTS_CALLS  # none for B


async def test_another_query_on_the_other_process_reads_only_what_is_not_kept(pair):
    await query(pair.a, LISTS)
    assert await pair.calls() == LISTS_CALLS

    segments = await query(pair.b, SEGMENTS)
    assert len(segments["me"]["subAccounts"]["nodes"]) == 3
    # the listing came from A's read; only the three sub-accounts' segments went upstream
    v2 = {"GET /Users/SubAccounts": 1, "GET /Users/InheritLists": 3}
    assert await pair.counts() == {"v2rest": {**v2, "GET /Users/InheritSegments": 3}}

    names = await query(pair.b, NAMES)
    assert [n["username"] for n in names["me"]["subAccounts"]["nodes"]] == [
        n["username"] for n in segments["me"]["subAccounts"]["nodes"][:2]
    ]
    assert await pair.calls() == LISTS_CALLS + 3


INHERIT = """mutation($acc: ID!) { inheritLists(input: {accountId: $acc, listIds: ["7601"]}) {
  userErrors { code } } }"""


def _lists_of(answer: dict[str, Any], username: str) -> list[str]:
    [node] = [n for n in answer["me"]["subAccounts"]["nodes"] if n["username"] == username]
    return [lst["name"] for lst in node["inheritedLists"]["nodes"]]


async def test_a_write_through_one_process_is_seen_by_the_other(pair):
    before = await query(pair.a, LISTS)
    assert await query(pair.b, LISTS) == before  # both hold the answer now
    had = _lists_of(before, EMPTY_ACCOUNT)
    await pair.emulators.post("/_emulator/requests/reset")

    result = await query(pair.b, INHERIT, {"acc": gid("Account", EMPTY_ACCOUNT)})
    assert result["inheritLists"]["userErrors"] == []

    after = await query(pair.a, LISTS)
    assert len(_lists_of(after, EMPTY_ACCOUNT)) == len(had) + 1
    # the write, then on A the one read it made stale: the account's inherited lists
    assert await pair.counts() == {
        "v2rest": {"PUT /Users/InheritLists": 1, "GET /Users/InheritLists": 1}
    }
    assert await query(pair.b, LISTS) == after


QUERY = "query Admin { me(platform: V2REST) { username } }"
SHA = hashlib.sha256(QUERY.encode()).hexdigest()
PERSISTED = {"persistedQuery": {"version": 1, "sha256Hash": SHA}}
UNKNOWN = {"persistedQuery": {"version": 1, "sha256Hash": "ab" * 32}}


async def test_a_query_persisted_on_one_process_is_found_by_hash_on_the_other(pair):
    headers = {"Accept": GRJ}
    registered = await pair.a.post(
        "/graphql", json={"query": QUERY, "extensions": PERSISTED}, headers=headers
    )
    expected = registered.json()
    assert expected == {"data": {"me": {"username": "demo-admin"}}}

    by_get = await pair.b.get(
        "/graphql", params={"extensions": json.dumps(PERSISTED)}, headers=headers
    )
    assert by_get.status_code == 200
    assert by_get.json() == expected
    # executed on B from the persisted text, not from the kept answer
    by_post = await pair.b.post(
        "/graphql",
        json={"extensions": PERSISTED},
        headers={**headers, "Cache-Control": "no-cache"},
    )
    assert by_post.status_code == 200
    assert by_post.json() == expected

    for client in (pair.a, pair.b):
        miss = await client.post("/graphql", json={"extensions": UNKNOWN}, headers=headers)
        assert miss.status_code == 200
        [error] = miss.json()["errors"]
        assert error["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
        miss_get = await client.get(
            "/graphql", params={"extensions": json.dumps(UNKNOWN)}, headers=headers
        )
        [error] = miss_get.json()["errors"]
        assert error["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


def _toml(settings: dict[str, str]) -> str:
    return "".join(
        f"{key.removeprefix('MAILGQL_').lower()} = {json.dumps(value)}\n"
        for key, value in settings.items()
    )


def _wait_for(log: Process, pattern: str, count: int) -> list[str]:
    """Poll the log until ``pattern`` matched ``count`` times (failing at the deadline)."""
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline:
        found = re.findall(pattern, log.output())
        if len(found) >= count:
            return found
        time.sleep(0.05)
    pytest.fail(f"{count} x {pattern!r} not in the log:\n{log.output()}")


async def test_serve_with_two_workers_answers_then_stops_on_sigterm(
    emulators_online, redis_server, tmp_path
):
    emulators, server = emulators_online
    emptied(redis_server)
    config = tmp_path / "mailgql.toml"
    config.write_text(
        _toml(emulators.gateway_env(server.url)) + f'redis_url = "{redis_server}"\n',
        encoding="utf-8",
    )
    gateway = _spawn(
        _environment(), tmp_path / "workers.log", "--workers", "2", "--config", str(config)
    )
    try:
        gateway.wait_ready()
        workers = _wait_for(gateway, r"Started server process \[(\d+)\]", 2)
        _wait_for(gateway, r"mailgql ready; platforms: V2REST, MAXMAILER, OEMPRO", 2)
        hooks = {"response": [WATCH.record_response]}
        async with httpx.AsyncClient(base_url=gateway.url, timeout=30, event_hooks=hooks) as c:
            answers = [await query(c, LISTS) for _ in range(4)]
        assert all(answer == answers[0] for answer in answers)
        assert len(answers[0]["me"]["subAccounts"]["nodes"]) == 3
    finally:
        status = gateway.stop(signal.SIGTERM)
    assert status == 0, gateway.output()
    assert "MAILGQL_REDIS_URL" not in gateway.output()  # no warning: the workers share Redis
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(int(pid), 0)
