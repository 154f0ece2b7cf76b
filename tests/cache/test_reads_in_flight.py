"""The shared reads' guard against a write racing a read: a read that was on its way upstream
when a write made its kind stale is handed to those who asked, but neither kept nor joined."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from mailgql.cache import MemoryBackend, SharedReads, TtlPolicy
from mailgql.cache.reads import KindReads
from mailgql.platforms import Platform


class Upstream:
    """A fetch whose answers the test releases, counting the keys it was asked for."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []
        self.arrived: asyncio.Queue[list[str]] = asyncio.Queue()
        self.release = asyncio.Event()
        self.value = "old"

    async def reached(self, count: int) -> None:
        """Wait (at most a second) until ``count`` more fetches have started."""
        async with asyncio.timeout(1):
            for _ in range(count):
                await self.arrived.get()

    async def fetch(self, keys: Sequence[str]) -> list[str | Exception]:
        self.asked.append(list(keys))
        self.arrived.put_nowait(list(keys))
        answer = self.value  # read now, delivered once released
        await self.release.wait()
        return [f"{answer}:{key}" for key in keys]


def lists_of(shared: SharedReads) -> KindReads[str, str]:
    reads = shared.request().platform(Platform.V2REST, "credentials")
    return reads.kind("inherited_lists")  # type: ignore[return-value]


async def test_concurrent_loads_of_one_key_make_one_fetch():
    shared = SharedReads(MemoryBackend(), TtlPolicy(30))
    upstream = Upstream()
    first = asyncio.ensure_future(lists_of(shared).load(["ada"], upstream.fetch))
    second = asyncio.ensure_future(lists_of(shared).load(["ada", "bo"], upstream.fetch))
    await upstream.reached(2)
    upstream.release.set()
    assert await first == ["old:ada"]
    assert await second == ["old:ada", "old:bo"]
    assert upstream.asked == [["ada"], ["bo"]]


async def test_a_read_landing_after_a_write_is_not_kept_nor_joined():
    shared = SharedReads(MemoryBackend(), TtlPolicy(30))
    upstream = Upstream()
    before = asyncio.ensure_future(lists_of(shared).load(["ada"], upstream.fetch))
    await upstream.reached(1)  # on its way upstream

    writer = shared.request().platform(Platform.V2REST, "credentials")
    await writer.invalidate([("inherited_lists", ("ada",))])
    upstream.value = "new"

    after = asyncio.ensure_future(lists_of(shared).load(["ada"], upstream.fetch))
    await upstream.reached(1)  # not joined: it asked for itself
    assert upstream.asked == [["ada"], ["ada"]]
    upstream.release.set()
    assert await before == ["old:ada"]
    assert await after == ["new:ada"]

    upstream.asked.clear()
    assert await lists_of(shared).load(["ada"], upstream.fetch) == ["new:ada"]
    assert upstream.asked == []  # what is kept is the read made after the write


async def test_a_failed_key_is_shared_with_its_waiters_but_never_kept():
    shared = SharedReads(MemoryBackend(), TtlPolicy(30))
    calls = 0

    async def failing(keys: Sequence[str]) -> list[str | Exception]:
        nonlocal calls
        calls += 1
        return [RuntimeError("upstream refused") for _ in keys]

    [error] = await lists_of(shared).load(["ada"], failing)
    assert isinstance(error, RuntimeError)
    await lists_of(shared).load(["ada"], failing)
    assert calls == 2


async def test_credentials_scope_the_entries():
    shared = SharedReads(MemoryBackend(), TtlPolicy(30))
    upstream = Upstream()
    upstream.release.set()
    mine = shared.request().platform(Platform.V2REST, "mine").kind("inherited_lists")
    theirs = shared.request().platform(Platform.V2REST, "theirs").kind("inherited_lists")
    await mine.load(["ada"], upstream.fetch)
    await theirs.load(["ada"], upstream.fetch)
    assert upstream.asked == [["ada"], ["ada"]]
