"""The Redis store against a real server: what it keeps, for how long (as Redis counts it),
what an invalidation drops and what it refuses to keep afterwards, persisted queries, records
as they come back, and a gateway whose Redis server goes away.

Two ``RedisBackend`` instances on one server stand for two gateway processes.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Hashable
from pathlib import Path
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from mailgql.cache import MISSING, Answer, document_hash
from mailgql.cache.keys import encode_key, kind_prefix, read_name
from mailgql.cache.redis import RedisBackend, supported
from mailgql.emulators import Emulators
from mailgql.platforms import Platform
from mailgql.upstreams.clients import UpstreamClients
from mailgql.upstreams.oempro.commands.campaigns import get_campaigns
from tests.cache.conftest import RedisServer
from tests.conftest import gateway_settings, open_gateway

SCOPE = "v2rest:0123456789abcdef01234567"
KIND = kind_prefix(SCOPE, "lists")


def name(key: Hashable, kind: str = "lists", scope: str = SCOPE) -> str:
    return read_name(scope, kind, key)


@pytest.fixture
async def backend(redis_url: str) -> AsyncIterator[RedisBackend]:
    """One gateway process's store."""
    store = RedisBackend(redis_url)
    yield store
    await store.aclose()


@pytest.fixture
async def other(redis_url: str) -> AsyncIterator[RedisBackend]:
    """Another gateway process's store, on the same server."""
    store = RedisBackend(redis_url)
    yield store
    await store.aclose()


@pytest.fixture
async def server(redis_url: str) -> AsyncIterator[Redis]:
    """A plain client, to ask Redis itself."""
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


async def test_what_one_process_stores_another_reads(backend, other):
    entries = [(name(7), {"name": "News"}), (name(8), None)]
    assert await backend.store(entries, 30, generation=KIND, expected=0)
    values, generation = await other.read([name(7), name(8), name(9)], KIND)
    assert values == [{"name": "News"}, None, MISSING]  # a kept None is a value
    assert generation == 0


async def test_reads_and_answers_are_kept_for_their_ttl_as_redis_counts_it(backend, server):
    await backend.store([(name(7), "a")], 30, generation=KIND, expected=0)
    await backend.store([(name(8), "b")], 0.25, generation=KIND, expected=0)
    assert 29_000 < await server.pttl(f"mailgql:u|{name(7)}") <= 30_000
    assert 0 < await server.pttl(f"mailgql:u|{name(8)}") <= 250

    await backend.store_response("answer", Answer(b"{}", 12, tags=[name(7)], generations={KIND: 0}))
    assert 11_000 < await server.pttl("mailgql:r|answer") <= 12_000
    assert await server.pttl(f"mailgql:t|{name(7)}") >= 11_000  # the tag outlives no answer


async def test_a_store_racing_an_invalidation_is_refused(backend, other):
    _, generation = await backend.read([name(7)], KIND)  # before the call upstream
    await other.invalidate([KIND + encode_key(7)], [KIND])  # a write lands meanwhile
    assert not await backend.store([(name(7), "stale")], 30, generation=KIND, expected=generation)
    values, now = await backend.read([name(7)], KIND)
    assert values == [MISSING]
    assert await backend.store([(name(7), "fresh")], 30, generation=KIND, expected=now)
    assert (await other.read([name(7)], KIND))[0] == ["fresh"]


async def test_an_answer_racing_an_invalidation_is_refused(backend, other):
    _, generation = await backend.read([name(7)], KIND)
    await other.invalidate([KIND + encode_key(7)], [KIND])
    stored = await backend.store_response(
        "answer", Answer(b"stale", 30, tags=[name(7)], generations={KIND: generation})
    )
    assert not stored
    assert await other.response("answer") is None


async def test_a_value_found_while_an_invalidation_runs_is_not_kept(backend, other, monkeypatch):
    """Another process may read an entry after the write advanced the generation and before
    the entry is gone: neither that value nor an answer built from it may be kept."""
    await backend.store([(name(7), "old")], 30, generation=KIND, expected=0)
    found: list[tuple[list[object], int]] = []
    unlink = other._unlink_matching

    async def read_meanwhile(prefix: str) -> None:
        found.append(await backend.read([name(7), name(8)], KIND))
        await unlink(prefix)

    monkeypatch.setattr(other, "_unlink_matching", read_meanwhile)
    await other.invalidate([KIND + encode_key(7)], [KIND])

    [(values, generation)] = found
    assert values == ["old", MISSING]
    assert not await backend.store([(name(8), "x")], 30, generation=KIND, expected=generation)
    assert not await backend.store_response(
        "answer", Answer(b"old", 30, tags=[name(7)], generations={KIND: generation})
    )
    assert await other.response("answer") is None
    assert (await other.read([name(7), name(8)], KIND))[0] == [MISSING, MISSING]


KEYS: list[tuple[Any, ...]] = [
    ("a",),
    ("a", "x"),
    ("ab",),
    ("a|b",),
    ("a*",),
    ("[ab]",),
    ("b",),
    (7,),
    (70,),
    (7, 1),
]


@pytest.mark.parametrize(
    ("prefix", "dropped"),
    [
        (("a",), {("a",), ("a", "x")}),
        (("[ab]",), {("[ab]",)}),
        (("a*",), {("a*",)}),
        (("a|b",), {("a|b",)}),
        ((7,), {(7,), (7, 1)}),
        ((), set(KEYS)),
    ],
)
async def test_an_invalidation_drops_exactly_the_keys_under_its_prefix(
    backend, other, prefix, dropped
):
    neighbours = [name(("a",), kind="lists_by_id"), name(("a",), scope="v2rest:ffffffff")]
    entries = [(name(key), key) for key in KEYS] + [(n, "neighbour") for n in neighbours]
    assert await backend.store(entries, 30, generation=KIND, expected=0)

    await other.invalidate([KIND + encode_key(prefix) if prefix else KIND], [KIND])

    values, _ = await backend.read([name(key) for key in KEYS] + neighbours, KIND)
    kept = {key for key, value in zip(KEYS, values, strict=False) if value is not MISSING}
    assert kept == set(KEYS) - dropped
    assert values[len(KEYS) :] == ["neighbour", "neighbour"]  # another kind, other credentials


async def test_an_invalidation_evicts_every_answer_that_showed_a_dropped_read(backend, other):
    generations = {KIND: 0}
    await backend.store_response(
        "both", Answer(b"1", 30, tags=[name(7), name(8)], generations=generations)
    )
    await backend.store_response("eight", Answer(b"2", 30, tags=[name(8)], generations=generations))
    await backend.store_response(
        "seventy", Answer(b"3", 30, tags=[name(70)], generations=generations)
    )

    await other.invalidate([KIND + encode_key(7)], [KIND])

    assert await backend.response("both") is None
    assert await backend.response("eight") == b"2"
    assert await backend.response("seventy") == b"3"


async def test_a_persisted_query_registered_by_one_process_is_found_by_another(
    backend, other, server
):
    text = "{ me(platform: V2REST) { username } }"
    sha = document_hash(text)
    await backend.store_document(sha, text)
    assert await other.document(sha) == text
    assert await other.document("0" * 64) is None
    assert await server.ttl(f"mailgql:d|{sha}") > 6 * 24 * 3600


async def test_records_come_back_equal_and_of_their_own_types(backend, other, emulators):
    transports = {p: httpx.ASGITransport(app=emulators.app) for p in Platform}
    clients = UpstreamClients.open(gateway_settings(emulators, "http://emulators"), transports)
    try:
        assert clients.v2rest is not None
        assert clients.oempro is not None
        accounts = await clients.v2rest.get_sub_accounts()
        segments = [await clients.v2rest.get_inherited_segments(a.username) for a in accounts]
        campaigns = await clients.oempro.send(get_campaigns())
    finally:
        await clients.aclose()
    assert any(segments)
    assert campaigns.items
    records: list[object] = [accounts[0], tuple(accounts), next(s for s in segments if s)]
    records.append(campaigns)
    entries = [(name(i), record) for i, record in enumerate(records)]
    assert await backend.store(entries, 30, generation=KIND, expected=0)

    values, _ = await other.read([n for n, _ in entries], KIND)
    assert values == records
    assert [type(v) for v in values] == [type(r) for r in records]


EVERY_PLATFORM = """{
  accounts(first: 20) { totalCount nodes { id platform username status createdAt timezone } }
  campaigns(platform: OEMPRO, first: 5) { nodes { id name status legacyStatus startedAt stats {
    sent uniqueOpens } } }
  me(platform: V2REST) { subAccounts(first: 3) { nodes { username
    inheritedSegments { nodes { name lists { name } } } } } }
}"""


async def test_a_second_gateway_answers_every_platform_from_redis_alone(emulators, redis_url):
    async with open_gateway(emulators) as plain:
        expected = await plain.query(EVERY_PLATFORM)
        await plain.reset_calls()
    reads_only = {"redis_url": redis_url, "cache_ttl": 30, "cache_responses": False}
    async with open_gateway(emulators, **reads_only) as first:
        assert await first.query(EVERY_PLATFORM) == expected
        assert await first.calls(Platform.OEMPRO) > 0
        assert await first.calls(Platform.V2REST) > 0
        assert await first.calls(Platform.MAXMAILER) > 0
        await first.reset_calls()
    async with open_gateway(emulators, **reads_only) as second:
        assert await second.query(EVERY_PLATFORM) == expected
        # A new process logs in to Oempro once; every record comes from Redis.
        assert await second.counts(Platform.OEMPRO) == {"User.Login": 1}
        assert await second.calls() == 1


LISTS = """{ me(platform: V2REST) { subAccounts(first: 3) { nodes {
  username inheritedLists { totalCount nodes { name } } } } } }"""
LISTS_CALLS = 1 + 3


async def test_a_gateway_whose_redis_goes_away_answers_from_upstream(
    emulators: Emulators, tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.WARNING, logger="mailgql")
    redis_server = RedisServer(tmp_path).start()
    try:
        async with open_gateway(emulators, redis_url=redis_server.url, cache_ttl=30) as gateway:
            expected = await gateway.query(LISTS)
            assert await gateway.calls(Platform.V2REST) == LISTS_CALLS
            assert await gateway.query(LISTS) == expected
            assert await gateway.calls(Platform.V2REST) == LISTS_CALLS  # kept in Redis

            redis_server.stop()
            await gateway.reset_calls()
            assert await gateway.query(LISTS) == expected
            assert await gateway.calls(Platform.V2REST) == LISTS_CALLS
            assert await gateway.query(LISTS) == expected
            assert await gateway.calls(Platform.V2REST) == 2 * LISTS_CALLS  # nothing kept now
    finally:
        redis_server.stop()
    messages = [r.getMessage() for r in caplog.records]
    assert any("cache read failed; reading upstream" in m for m in messages)
    assert any("answer look-up failed; executing the query" in m for m in messages)


async def _scans(server: Redis) -> int:
    """SCAN commands the server ran so far (its command statistics)."""
    stats = await server.info("commandstats")
    return int(stats.get("cmdstat_scan", {}).get("calls", 0))


async def test_an_invalidation_reads_its_kinds_index_not_the_key_space(backend, other, server):
    others = [(name(n, kind="segments"), n) for n in range(5000)]
    others += [(name(n, scope="v2rest:ffffffff"), n) for n in range(5000)]
    assert await backend.store(others, 30, generation=KIND, expected=0)
    assert await backend.store([(name(7), "a"), (name(8), "b")], 30, generation=KIND, expected=0)
    scans = await _scans(server)

    await other.invalidate([KIND + encode_key(7)], [KIND])

    assert await _scans(server) == scans
    values, _ = await backend.read([name(7), name(8), others[0][0], others[-1][0]], KIND)
    assert values == [MISSING, "b", 0, 4999]
    assert await server.zcard(f"mailgql:k|{KIND}") == 2  # names stay until they expire


async def test_a_kinds_index_forgets_names_whose_entries_expired(redis_url, server):
    now = [1_000_000.0]
    backend = RedisBackend(redis_url, clock=lambda: now[0])
    try:
        await backend.store([(name(1), "a")], 5, generation=KIND, expected=0)
        await backend.store_response(
            "answer", Answer(b"{}", 60, tags=[name(2)], generations={KIND: 0})
        )
        index = f"mailgql:k|{KIND}"
        assert await server.zcard(index) == 2
        assert await server.pttl(index) > 59_000  # it outlives its newest entry

        now[0] += 6  # name 1's read has expired; name 2's answer has not
        await backend.store([(name(3), "c")], 5, generation=KIND, expected=0)
        members = {m.decode() for m in await server.zrange(index, 0, -1)}
        assert members == {name(2), name(3)}
    finally:
        await backend.aclose()


async def test_a_read_stored_while_an_invalidation_runs_is_found_by_the_next(
    backend, other, monkeypatch
):
    await backend.store([(name(7), "old")], 30, generation=KIND, expected=0)
    unlink = other._unlink_matching

    async def store_meanwhile(prefix: str) -> None:
        await unlink(prefix)
        # Read afresh under the advanced generation, after the old entry went.
        _, generation = await backend.read([name(7)], KIND)
        assert await backend.store([(name(7), "new")], 30, generation=KIND, expected=generation)

    monkeypatch.setattr(other, "_unlink_matching", store_meanwhile)
    await other.invalidate([KIND + encode_key(7)], [KIND])
    monkeypatch.undo()
    assert (await backend.read([name(7)], KIND))[0] == ["new"]

    await other.invalidate([KIND + encode_key(7)], [KIND])  # the next write
    assert (await backend.read([name(7)], KIND))[0] == [MISSING]


@pytest.mark.parametrize(
    ("version", "fit"),
    [
        ("7.0.15", True),
        ("6.2.0", True),
        ("10.0.1", True),
        ("6.0.16", False),
        ("5.0.7", False),
        ("", False),
        ("unstable", False),
    ],
)
def test_a_server_older_than_6_2_is_not_fit_for_the_cache(version: str, fit: bool):
    assert supported(version) is fit


async def test_a_kinds_index_expires_its_names_by_the_servers_clock(backend, server):
    await backend.store([(name(1), "a")], 30, generation=KIND, expected=0)
    seconds, micros = await server.time()
    now_ms = seconds * 1000 + micros // 1000
    score = await server.zscore(f"mailgql:k|{KIND}", name(1))
    assert score is not None
    assert now_ms + 29_000 < score <= now_ms + 30_000
