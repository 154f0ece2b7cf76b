"""Repeats that arrive while the first request with their key is still running: they wait for its
answer (within a process, and across processes sharing Redis), for a bounded time; a claim is
renewed while its request runs, and expires once nobody renews it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from mailgql.cache import MemoryBackend
from mailgql.cache.redis import RedisBackend
from mailgql.emulators import Emulators
from mailgql.graphql_http.idempotency import LEASE
from tests.auth.conftest import FakeClock
from tests.idempotency.conftest import Door, Target, open_door

BOUND = 10.0
"""Seconds a test waits for something it expects, at most."""


@pytest.fixture
def target(emulators):
    return Target.pick(emulators)


@pytest.fixture
def landed(emulators: Emulators, monkeypatch: pytest.MonkeyPatch) -> asyncio.Event:
    """Set once Maxmailer has received an ``AddCredit`` (in-process: its handler then runs
    before anything else does)."""
    event = asyncio.Event()
    counter = emulators.hub.counter
    hit = counter.hit

    def counting(platform: str, endpoint: str) -> None:
        hit(platform, endpoint)
        if (platform, endpoint) == ("maxmailer", "AddCredit"):
            event.set()

    monkeypatch.setattr(counter, "hit", counting)
    return event


async def _wait(event: asyncio.Event) -> None:
    async with asyncio.timeout(BOUND):
        await event.wait()


@asynccontextmanager
async def _write_held(
    door: Door, target: Target, key: str, landed: asyncio.Event
) -> AsyncIterator[asyncio.Task[httpx.Response]]:
    """A request whose ``AddCredit`` Maxmailer applied and whose answer it holds back until the
    block ends."""
    await door.gateway.fault(platform="maxmailer", kind="late", endpoint="AddCredit", count=None)
    first = asyncio.create_task(door.add_credit(target.account_id, 100, key))
    try:
        await _wait(landed)
        yield first
    finally:
        await door.gateway.emulator.delete("/_emulator/faults")


class _Contended:
    """A store that tells when a claim found another request's record."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.contended = asyncio.Event()

    async def claim(self, name: str, record: bytes, ttl: float) -> bytes | None:
        held: bytes | None = await super().claim(name, record, ttl)  # type: ignore[misc]
        if held is not None:
            self.contended.set()
        return held


class _ContendedMemory(_Contended, MemoryBackend):
    pass


class _ContendedRedis(_Contended, RedisBackend):
    pass


async def test_a_concurrent_repeat_waits_for_the_first_answer(emulators, target, landed):
    store = _ContendedMemory()
    async with open_door(emulators, cache_backend=store) as door:
        async with _write_held(door, target, "order-1", landed) as first:
            assert target.added == 100  # applied, its answer held back
            second = asyncio.create_task(door.add_credit(target.account_id, 100, "order-1"))
            await _wait(store.contended)
            assert not second.done()
        async with asyncio.timeout(BOUND):
            one, two = await asyncio.gather(first, second)
        assert await door.upstream_writes() == 1
    assert one.json()["data"]["addSendCredit"]["userErrors"] == []
    assert (two.status_code, two.content) == (one.status_code, one.content)
    assert two.headers["idempotent-replayed"] == "true"
    assert target.added == 100


async def test_a_repeat_in_another_process_waits_for_the_first_answer(
    emulators, target, landed, redis_url
):
    stores = [_ContendedRedis(redis_url), _ContendedRedis(redis_url)]
    try:
        async with (
            open_door(emulators, cache_backend=stores[0]) as one,
            open_door(emulators, cache_backend=stores[1]) as other,
        ):
            async with _write_held(one, target, "order-1", landed) as first:
                second = asyncio.create_task(other.add_credit(target.account_id, 100, "order-1"))
                await _wait(stores[1].contended)
                assert not second.done()
            async with asyncio.timeout(BOUND):
                answers = await asyncio.gather(first, second)
            assert await one.upstream_writes() == 1
    finally:
        for store in stores:
            await store.aclose()
    assert answers[1].content == answers[0].content
    assert answers[1].headers["idempotent-replayed"] == "true"
    assert target.added == 100


async def test_a_repeat_waits_no_longer_than_the_setting(emulators, target, landed):
    async with open_door(emulators, idempotency_wait=0.2) as door:
        async with _write_held(door, target, "order-1", landed) as first:
            async with asyncio.timeout(BOUND):
                busy = await door.add_credit(target.account_id, 100, "order-1")
        done = await first
        later = await door.add_credit(target.account_id, 100, "order-1")
        assert await door.upstream_writes() == 1
    assert busy.status_code == 409
    assert busy.headers["retry-after"] == "1"
    [error] = busy.json()["errors"]
    assert error["extensions"]["code"] == "IDEMPOTENCY_KEY_IN_USE"
    assert later.content == done.content
    assert target.added == 100


class _Renewals(MemoryBackend):
    """A store that tells when claims were renewed ``wanted`` times."""

    def __init__(self, wanted: int) -> None:
        super().__init__()
        self.wanted = wanted
        self.renewed = asyncio.Event()

    async def settle(self, name: str, expected: bytes, record: bytes | None, ttl: float) -> bool:
        if record == expected:
            self.wanted -= 1
            if self.wanted <= 0:
                self.renewed.set()
        return await super().settle(name, expected, record, ttl)


async def test_a_claim_outlives_its_lease_while_its_request_runs(emulators, target, landed):
    store = _Renewals(wanted=7)  # one every third of a lease: past two leases
    async with open_door(emulators, cache_backend=store, idempotency_wait=0, lease=0.3) as door:
        async with _write_held(door, target, "order-1", landed) as first:
            await _wait(store.renewed)
            async with asyncio.timeout(BOUND):
                busy = await door.add_credit(target.account_id, 100, "order-1")
        await first
        assert await door.upstream_writes() == 1
    assert busy.status_code == 409
    assert target.added == 100


class _Lost(MemoryBackend):
    """A store this process can claim in and never settle in again, as if it died after the
    claim (its claims are left as they were)."""

    async def settle(self, name: str, expected: bytes, record: bytes | None, ttl: float) -> bool:
        raise ConnectionError("the process is gone")


async def test_a_claim_nobody_renews_expires_with_its_lease(emulators, target):
    clock = FakeClock()
    store = _Lost(clock=clock)
    async with open_door(emulators, cache_backend=store, idempotency_wait=0) as door:
        await door.add_credit(target.account_id, 100, "order-1")
        async with asyncio.timeout(BOUND):
            busy = await door.add_credit(target.account_id, 100, "order-1")
        assert busy.status_code == 409
        clock.advance(LEASE + 0.01)
        again = await door.add_credit(target.account_id, 100, "order-1")
        assert await door.upstream_writes() == 2
    assert again.json()["data"]["addSendCredit"]["userErrors"] == []
    assert target.added == 200


async def test_a_request_cut_short_after_its_write_keeps_its_key_spent(emulators, target, landed):
    async with open_door(emulators) as door:
        async with _write_held(door, target, "order-1", landed) as first:
            first.cancel()
            with pytest.raises(asyncio.CancelledError):
                await first
        retry = await door.add_credit(target.account_id, 100, "order-1")
        assert await door.upstream_writes() == 1
    assert retry.status_code == 500
    assert retry.headers["idempotent-replayed"] == "true"
    [error] = retry.json()["errors"]
    assert error["extensions"]["outcome"] == "UNKNOWN"
    assert target.added == 100
