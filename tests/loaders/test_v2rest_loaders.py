"""v2 loaders: blocks of 1000 records, windows cut from them, exact call counts, cache clearing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
import pytest

from mailgql.data import Stale, V2RestData
from mailgql.emulators import Emulators, Size, build_emulators
from mailgql.emulators.v2rest import V2RestEmulator
from mailgql.loaders.v2rest import BLOCK, read_window, scan_blocks
from mailgql.upstreams.errors import UpstreamError, UpstreamNotFound
from mailgql.upstreams.v2rest import V2RestClient
from tests.conftest import gateway_settings

SUB_ACCOUNTS = "GET /Users/SubAccounts"
INHERIT_LISTS = "GET /Users/InheritLists"
INHERIT_SEGMENTS = "GET /Users/InheritSegments"
INHERIT_NEWSLETTERS = "GET /Users/InheritNewsletters"


@dataclass
class Upstream:
    """The large v2 emulator, a client to it and its request counter."""

    emulators: Emulators
    client: V2RestClient
    control: httpx.AsyncClient

    @property
    def v2(self) -> V2RestEmulator:
        """The v2 emulator, for its state."""
        platform = self.emulators.platforms["v2rest"]
        assert isinstance(platform, V2RestEmulator)
        return platform

    def usernames(self) -> list[str]:
        """Every sub-account name, in listing order."""
        return [a.username for a in self.v2.state.sub_accounts()]

    async def counts(self) -> dict[str, int]:
        """v2 requests per endpoint since the last reset, from the emulator's counter."""
        answer = (await self.control.get("/_emulator/requests")).json()
        return dict(answer["counts"].get("v2rest", {}))

    async def reset_counts(self) -> None:
        """Zero the emulator's counter."""
        assert (await self.control.post("/_emulator/requests/reset")).status_code == 200

    def grow_to(self, accounts: int) -> None:
        """Add sub-accounts to the emulator until it holds ``accounts`` of them."""
        state = self.v2.state
        for n in range(len(state.accounts), accounts):
            state.create_sub_account(
                name=f"extra_{n:04d}",
                password="pw",
                owner_email=f"extra{n}@example.com",
                allowed_domains=("@example.com",),
                now=1_700_000_000,
            )


@asynccontextmanager
async def open_upstream(size: Size) -> AsyncIterator[Upstream]:
    """Freshly seeded emulators of ``size`` and a v2 client to them."""
    emulators = build_emulators(seed=1, size=size)
    settings = gateway_settings(emulators, "http://emu")
    assert settings.v2rest is not None
    client = V2RestClient.create(
        settings.v2rest, settings.http, transport=httpx.ASGITransport(app=emulators.app)
    )
    transport = httpx.ASGITransport(app=emulators.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as control:
        yield Upstream(emulators, client, control)
    await client.aclose()


@pytest.fixture
async def upstream() -> AsyncIterator[Upstream]:
    """The large seed: 640 sub-accounts, the first inheriting 120 lists."""
    async with open_upstream("large") as opened:
        yield opened


@pytest.fixture
async def small() -> AsyncIterator[Upstream]:
    """The small seed (12 sub-accounts), grown where a test needs more than 1000."""
    async with open_upstream("small") as opened:
        yield opened


# --- sub-accounts -------------------------------------------------------------------------------


async def test_windows_within_the_first_1000_records_share_one_call(upstream):
    names = upstream.usernames()
    assert len(names) == 640
    loaders = V2RestData(upstream.client, in_flight=8)
    first = await loaders.sub_account_window(offset=0, count=10)
    middle, tail = await asyncio.gather(
        loaders.sub_account_window(offset=100, count=50),
        loaders.sub_account_window(offset=600, count=100),
    )
    again = await loaders.sub_account_window(offset=0, count=640)
    assert [a.username for a in first.items] == names[:10]
    assert [a.username for a in middle.items] == names[100:150]
    assert [a.username for a in tail.items] == names[600:]
    assert [a.username for a in again.items] == names
    assert {first.total, middle.total, tail.total, again.total} == {640}
    assert (first.offset, middle.offset, tail.offset) == (0, 100, 600)
    assert await upstream.counts() == {SUB_ACCOUNTS: 1}


async def test_a_window_crossing_1000_costs_two_calls(small):
    small.grow_to(1052)
    names = small.usernames()
    await small.reset_counts()
    loaders = V2RestData(small.client, in_flight=8)
    page = await loaders.sub_account_window(offset=990, count=20)
    assert [a.username for a in page.items] == names[990:1010]
    assert page.total == 1052
    assert await small.counts() == {SUB_ACCOUNTS: 2}
    # Both blocks are now read: any other window of this request is free.
    rest = await loaders.sub_account_window(offset=1040, count=50)
    assert [a.username for a in rest.items] == names[1040:]
    assert (await loaders.sub_account_window(offset=0, count=5)).total is None
    assert await small.counts() == {SUB_ACCOUNTS: 2}


async def test_a_window_inside_the_second_block_reads_only_that_block(small):
    small.grow_to(1052)
    names = small.usernames()
    await small.reset_counts()
    loaders = V2RestData(small.client, in_flight=8)
    page = await loaders.sub_account_window(offset=1010, count=10)
    assert [a.username for a in page.items] == names[1010:1020]
    assert page.total == 1052
    assert await small.counts() == {SUB_ACCOUNTS: 1}


async def test_a_window_past_the_end_reports_the_real_total(small):
    small.grow_to(1052)
    await small.reset_counts()
    loaders = V2RestData(small.client, in_flight=8)
    page = await loaders.sub_account_window(offset=2000, count=10)
    assert page.items == ()
    assert page.total == 1052
    assert await small.counts() == {SUB_ACCOUNTS: 2}


async def test_exactly_1000_records_end_with_an_empty_block(small):
    small.grow_to(1000)
    await small.reset_counts()
    loaders = V2RestData(small.client, in_flight=8)
    page = await loaders.sub_account_window(offset=995, count=10)
    assert len(page.items) == 5
    assert page.total == 1000
    assert await small.counts() == {SUB_ACCOUNTS: 2}


async def test_a_sub_account_by_name_after_a_window_costs_no_call(upstream):
    names = upstream.usernames()
    loaders = V2RestData(upstream.client, in_flight=8)
    await loaders.sub_account_window(offset=0, count=5)
    found = await loaders.sub_account(names[600])
    assert found is not None
    assert found.username == names[600]
    assert await loaders.sub_account("nobody_by_that_name") is None
    assert await upstream.counts() == {SUB_ACCOUNTS: 1}


async def test_a_sub_account_in_the_second_block_is_found_by_name(small):
    small.grow_to(1052)
    await small.reset_counts()
    loaders = V2RestData(small.client, in_flight=8)
    found = await loaders.sub_account("extra_1050")
    assert found is not None
    assert found.username == "extra_1050"
    assert await loaders.sub_account("nobody_by_that_name") is None
    await loaders.sub_account_window(offset=0, count=1052)
    assert await small.counts() == {SUB_ACCOUNTS: 2}


async def test_forget_sub_accounts_makes_the_next_read_call_again(small):
    loaders = V2RestData(small.client, in_flight=8)
    before = (await loaders.sub_account_window(offset=0, count=1)).items[0]
    await small.client.set_sub_account_status(
        account_name=before.username, active=not before.active
    )
    cached = (await loaders.sub_account_window(offset=0, count=1)).items[0]
    assert cached.active is before.active  # same request, no write cleared it yet
    assert await small.counts() == {SUB_ACCOUNTS: 1, "PUT /Users/SubAccounts": 1}

    loaders.forget([Stale("sub_accounts")])
    after = (await loaders.sub_account_window(offset=0, count=1)).items[0]
    assert after.username == before.username
    assert after.active is (not before.active)
    assert await small.counts() == {SUB_ACCOUNTS: 2, "PUT /Users/SubAccounts": 1}


# --- inherited lists, segments and newsletters --------------------------------------------------


async def test_inherited_windows_share_one_call_per_account(upstream):
    first, second = upstream.usernames()[:2]
    expected = sorted(upstream.v2.state.accounts[first].inherited_lists)
    assert len(expected) == 120
    loaders = V2RestData(upstream.client, in_flight=8)
    head, tail = await asyncio.gather(
        loaders.inherited_list_window(first, offset=0, count=50),
        loaders.inherited_list_window(first, offset=100, count=50),
    )
    assert [m.list_id for m in head.items] == expected[:50]
    assert [m.list_id for m in tail.items] == expected[100:]
    assert head.total == tail.total == 120
    found = await loaders.inherited_list(first, expected[77])
    assert found is not None
    assert found.list_id == expected[77]
    assert await loaders.inherited_list(first, 1) is None
    await loaders.inherited_list_window(second, offset=0, count=10)
    assert await upstream.counts() == {INHERIT_LISTS: 2}


async def test_forget_inherited_clears_one_account_only(upstream):
    first, second = upstream.usernames()[:2]
    loaders = V2RestData(upstream.client, in_flight=8)
    lists = await loaders.inherited_list_window(first, offset=0, count=200)
    await loaders.inherited_segment_window(first, offset=0, count=10)
    await loaders.inherited_newsletter_window(first, offset=0, count=10)
    other = await loaders.inherited_list_window(second, offset=0, count=10)
    assert await upstream.counts() == {
        INHERIT_LISTS: 2,
        INHERIT_SEGMENTS: 1,
        INHERIT_NEWSLETTERS: 1,
    }
    gone = lists.items[0].list_id
    await upstream.client.remove_inherited_list(account_name=first, list_id=gone)
    await upstream.reset_counts()

    loaders.forget(
        Stale(name, (first,))
        for name in ("inherited_lists", "inherited_segments", "inherited_newsletters")
    )
    after = await loaders.inherited_list_window(first, offset=0, count=200)
    assert after.total == 119
    assert gone not in [m.list_id for m in after.items]
    assert await loaders.inherited_list(first, gone) is None
    await loaders.inherited_segment_window(first, offset=0, count=10)
    await loaders.inherited_newsletter_window(first, offset=0, count=10)
    assert (await loaders.inherited_list_window(second, offset=0, count=10)) == other
    # The first account's three listings are read again; the second account's stay cached.
    assert await upstream.counts() == {
        INHERIT_LISTS: 1,
        INHERIT_SEGMENTS: 1,
        INHERIT_NEWSLETTERS: 1,
    }


async def test_a_failing_block_fails_its_own_key_only(upstream):
    first = upstream.usernames()[0]
    loaders = V2RestData(upstream.client, in_flight=8)
    ghost, real = await asyncio.gather(
        loaders.inherited_list_window("no_such_account", offset=0, count=10),
        loaders.inherited_list_window(first, offset=0, count=10),
        return_exceptions=True,
    )
    assert isinstance(ghost, UpstreamNotFound)
    assert ghost.legacy_message == "Specified account is not your sub account."
    assert not isinstance(real, BaseException)
    assert len(real.items) == 10
    assert real.total == 120
    assert await upstream.counts() == {INHERIT_LISTS: 2}


async def test_a_failing_sub_account_block_raises_for_its_readers(small):
    await small.control.post(
        "/_emulator/faults",
        json={"platform": "v2rest", "kind": "malformed", "endpoint": SUB_ACCOUNTS, "count": 1},
    )
    loaders = V2RestData(small.client, in_flight=8)
    results = await asyncio.gather(
        loaders.sub_account_window(offset=0, count=5),
        loaders.sub_account("anyone"),
        loaders.inherited_list_window(small.usernames()[0], offset=0, count=5),
        return_exceptions=True,
    )
    assert [type(r).__name__ for r in results] == [
        "UpstreamBadResponse",
        "UpstreamBadResponse",
        "Page",
    ]
    assert await small.counts() == {SUB_ACCOUNTS: 1, INHERIT_LISTS: 1}


# --- read_window and scan_blocks on a listing in memory -----------------------------------------


class Listing:
    """A listing of ``size`` numbers served in blocks; remembers which blocks were read."""

    def __init__(self, size: int) -> None:
        self.records = list(range(size))
        self.read: list[int] = []

    async def block(self, block_no: int) -> tuple[int, ...]:
        """Block ``block_no``, as a loader would give it."""
        self.read.append(block_no)
        return tuple(self.records[block_no * BLOCK : (block_no + 1) * BLOCK])


@pytest.mark.parametrize(
    ("size", "offset", "count", "blocks", "total"),
    [
        (2505, 0, 10, [0], None),
        (2505, 995, 10, [0, 1], None),
        (2505, 995, 1100, [0, 1, 2], 2505),
        (2505, 990, 2000, [0, 1, 2], 2505),
        (2505, 2400, 200, [2], 2505),
        (2505, 2505, 10, [2], 2505),
        (2505, 3000, 10, [3, 2], 2505),
        (2505, 9000, 10, [9, 8], None),
        (640, 600, 100, [0], 640),
        (0, 0, 10, [0], 0),
        (2000, 1995, 10, [1, 2, 1], 2000),
    ],
)
async def test_read_window_reads_only_the_blocks_it_covers(size, offset, count, blocks, total):
    listing = Listing(size)
    page = await read_window(listing.block, offset=offset, count=count)
    assert list(page.items) == listing.records[offset : offset + count]
    assert (page.offset, page.total) == (offset, total)
    assert listing.read == blocks


async def test_scan_blocks_stops_at_the_first_match_or_the_end():
    listing = Listing(2505)
    assert await scan_blocks(listing.block, lambda n: n == 1500) == 1500
    assert listing.read == [0, 1]
    listing.read.clear()
    assert await scan_blocks(listing.block, lambda n: n < 0) is None
    assert listing.read == [0, 1, 2]


# --- writes through the facade forget what they made stale ------------------------------------


async def test_a_status_write_makes_the_listing_read_again(small):
    data = V2RestData(small.client, in_flight=8)
    before = (await data.sub_account_window(offset=0, count=1)).items[0]
    await data.set_sub_account_status(before.username, active=not before.active)
    after = await data.sub_account(before.username)
    assert after is not None
    assert after.active is (not before.active)
    assert await small.counts() == {SUB_ACCOUNTS: 2, "PUT /Users/SubAccounts": 1}


async def test_an_inheritance_write_refreshes_that_account_alone(upstream):
    first, second = upstream.usernames()[:2]
    data = V2RestData(upstream.client, in_flight=8)
    lists = await data.inherited_list_window(first, offset=0, count=200)
    await data.inherited_list_window(second, offset=0, count=10)
    gone = lists.items[0].list_id
    await data.remove_inherited_list(first, gone)
    assert await data.inherited_list(first, gone) is None
    await data.inherited_list_window(second, offset=0, count=10)
    assert await upstream.counts() == {INHERIT_LISTS: 3, "DELETE /Users/InheritLists": 1}


async def test_a_refused_write_still_forgets(small):
    data = V2RestData(small.client, in_flight=8)
    await data.sub_account_window(offset=0, count=1)
    with pytest.raises(UpstreamError):
        await data.set_sub_account_status("nobody_by_that_name", active=False)
    await data.sub_account_window(offset=0, count=1)
    counts = await small.counts()
    assert counts[SUB_ACCOUNTS] == 2
