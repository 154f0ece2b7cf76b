"""The Oempro facade: shared loader entries, and what each write makes stale.

Every count is read from the emulator's counter. A write's test warms one entry of every
loader (two where a write names one record of a kind), writes through the facade, then reads
the same again: exactly the entries the write declares stale go upstream a second time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from mailgql.data.oempro import (
    CampaignContent,
    CampaignDraft,
    ListSettings,
    NewSegment,
    OemproData,
)
from mailgql.data.oempro.stale import stale_subscribers
from mailgql.emulators import Emulators
from mailgql.emulators.oempro import OEMPRO_USER_USERNAME
from mailgql.loaders.oempro_keys import BLOCK, read_window
from mailgql.upstreams.errors import UpstreamForbidden, UpstreamInvalidInput
from mailgql.upstreams.oempro import Page, SegmentRule
from tests.upstreams.oempro_support import (
    oempro_state,
    requests_by_command,
    reset_requests,
)

# -- one record, one entry ------------------------------------------------------------------------


async def test_a_subscriber_page_and_the_list_count_share_one_call(emulators, user):
    """A page of a list's active subscribers answers its ``subscriberCount``: the count is keyed
    by the same listing, and the block's ``TotalSubscribers`` fills it."""
    data = OemproData(user)
    page = await data.subscriber_window(1, "Active", offset=0, count=5)
    assert await data.subscriber_count(1, "Active") == page.total
    assert await requests_by_command(emulators) == {"Subscribers.Get": 1}
    # Only the total (first: 0) is the count's entry too.
    empty = await data.subscriber_window(1, "Active", offset=3, count=0)
    assert (empty.items, empty.total) == ((), page.total)
    assert await requests_by_command(emulators) == {"Subscribers.Get": 1}


async def test_windows_of_one_listing_are_cut_from_one_block(emulators, user):
    """Three windows of one list's subscribers, and two of the campaigns: one call per listing,
    whatever offset and size each window asks (all within the first block)."""
    rows = [
        s
        for s in oempro_state(emulators).subscribers[2].values()
        if s["SubscriptionStatus"] == "Subscribed" and s["BounceType"] != "Hard"
    ]
    assert 10 < len(rows) < BLOCK
    data = OemproData(user)
    first, second, tail = await asyncio.gather(
        data.subscriber_window(2, "Active", offset=0, count=5),
        data.subscriber_window(2, "Active", offset=5, count=5),
        data.subscriber_window(2, "Active", offset=len(rows) - 2, count=50),
    )
    emails = [s["EmailAddress"] for s in rows]
    assert [s.email for s in first.items + second.items] == emails[:10]
    assert [s.email for s in tail.items] == emails[-2:]
    assert first.total == second.total == tail.total == len(rows)
    head, rest = await asyncio.gather(
        data.campaign_window(offset=0, count=4), data.campaign_window(offset=4, count=10)
    )
    assert [c.campaign_id for c in head.items + rest.items] == sorted(
        c.id for c in oempro_state(emulators).campaigns.values() if c.owner_id == 1
    )
    assert await requests_by_command(emulators) == {"Subscribers.Get": 1, "Campaigns.Get": 1}


async def test_forgetting_a_list_s_subscribers_forgets_its_counts_and_blocks_alone(emulators, user):
    data = OemproData(user)
    reads = (
        lambda: data.subscriber_window(1, "Active", offset=0, count=5),
        lambda: data.subscriber_count(1, "Unsubscribed"),
        lambda: data.subscriber_count(3, "Active"),
    )
    for read in reads:
        await read()
    data.forget(stale_subscribers(1))
    await reset_requests(emulators)
    for read in reads:
        await read()
    assert await requests_by_command(emulators) == {"Subscribers.Get": 2}


class Listing:
    """A paged listing of ``size`` numbers served in blocks with the API's total; remembers
    which blocks were read."""

    def __init__(self, size: int) -> None:
        self.records = list(range(size))
        self.read: list[int] = []

    async def block(self, block_no: int) -> Page[int]:
        """Block ``block_no``, as a block loader gives it."""
        self.read.append(block_no)
        items = tuple(self.records[block_no * BLOCK : (block_no + 1) * BLOCK])
        return Page(items=items, offset=block_no * BLOCK, total=len(self.records))


@pytest.mark.parametrize(
    ("size", "offset", "count", "blocks"),
    [
        (2505, 0, 10, [0]),
        (2505, 0, 0, [0]),
        (2505, 995, 10, [0, 1]),
        (2505, 990, 2000, [0, 1, 2]),
        (2505, 2400, 200, [2]),
        (2505, 3000, 10, [3]),
        (2000, 1995, 10, [1]),
        (640, 600, 100, [0]),
        (0, 0, 10, [0]),
    ],
)
async def test_read_window_reads_the_blocks_it_covers_and_the_api_s_total(
    size, offset, count, blocks
):
    listing = Listing(size)
    page = await read_window(listing.block, offset=offset, count=count)
    assert list(page.items) == listing.records[offset : offset + count]
    assert (page.offset, page.total) == (offset, size)
    assert listing.read == blocks


# -- each write forgets what it declares --------------------------------------------------------


@dataclass(frozen=True)
class Seeded:
    """Ids of the demo user's seeded data a write test needs."""

    lists: tuple[int, int]
    address: str
    segment: int
    campaigns: tuple[int, int]
    draft: int
    paused: int
    email: int


def seeded(emulators: Emulators) -> Seeded:
    state = oempro_state(emulators)
    me = state.user_by_username(OEMPRO_USER_USERNAME)
    assert me is not None
    first, second = (lst.id for lst in state.lists_of(me.id)[:2])
    mine = sorted((c for c in state.campaigns.values() if c.owner_id == me.id), key=lambda c: c.id)
    draft = next(c for c in mine if c["CampaignStatus"] == "Draft" and c.number("RelEmailID"))
    return Seeded(
        lists=(first, second),
        address=next(iter(state.subscribers[first].values()))["EmailAddress"],
        segment=next(s.id for s in state.segments.values() if s.list_id == first),
        campaigns=(mine[0].id, mine[1].id),
        draft=draft.id,
        paused=next(c.id for c in mine if c["CampaignStatus"] == "Paused"),
        email=draft.number("RelEmailID"),
    )


async def warm(data: OemproData, ids: Seeded) -> None:
    """One read of every loader of a user login, two where writes name one record."""
    first, second = ids.lists
    # The email by id alone first: asked beside the email listing, it is read from that
    # listing, and whether its own entry was forgotten would not show.
    await asyncio.gather(data.email(ids.email), return_exceptions=True)
    await asyncio.gather(
        data.all_lists(),
        *(data.list(i) for i in ids.lists),
        *(data.subscriber_count(i, "Active") for i in ids.lists),
        data.subscriber_window(first, "Unsubscribed", offset=0, count=5),
        data.subscriber(first, ids.address),
        *(data.custom_fields(i) for i in ids.lists),
        *(data.segments(i) for i in ids.lists),
        data.campaign_window(offset=0, count=5),
        *(data.campaign(i) for i in ids.campaigns),
        data.all_emails(),
        data.all_clients(),
        return_exceptions=True,
    )


SUBSCRIBERS_OF_FIRST = {"Subscribers.Get": 2, "Subscriber.Get": 1}
"""The first list's count and block, and its subscriber by address."""
CAMPAIGNS_AND_ONE = {"Campaigns.Get": 1, "Campaign.Get": 1}
"""The campaign listing, and the one campaign the write named."""

Write = Callable[[OemproData, Seeded], Awaitable[Any]]
CONTENT = CampaignContent(
    subject="Autumn",
    from_name=None,
    from_email=None,
    reply_to_name=None,
    reply_to_email=None,
    html=None,
    plain="Hello %Link:Unsubscribe%",
)

WRITES: dict[str, tuple[Write, dict[str, int]]] = {
    "subscribe": (
        lambda d, s: d.subscribe(s.lists[0], "fresh@example.com"),
        SUBSCRIBERS_OF_FIRST,
    ),
    # An opt-out may reach the owner's other lists (its scope, its suppression list): the
    # second list's count is read again too.
    "unsubscribe": (
        lambda d, s: d.unsubscribe(s.lists[0], s.address),
        {"Subscribers.Get": 3, "Subscriber.Get": 1},
    ),
    "update-subscriber": (
        lambda d, s: d.update_subscriber(
            s.lists[0], s.address, new_email=None, fields=[("City", "Porto")]
        ),
        SUBSCRIBERS_OF_FIRST,
    ),
    # The new list's id was not known: every look-up of a list by id is forgotten.
    "create-list": (lambda d, s: d.create_list("Brand new"), {"Lists.Get": 1, "List.Get": 2}),
    "update-list": (
        lambda d, s: d.update_list(s.lists[0], ListSettings(name="Renamed")),
        {"Lists.Get": 1, "List.Get": 1},
    ),
    "delete-list": (
        lambda d, s: d.delete_list(s.lists[1]),
        {
            "Lists.Get": 1,
            "List.Get": 1,
            "Subscribers.Get": 1,
            "Segment.Get": 1,
            "CustomFields.Get": 1,
        },
    ),
    "create-segment": (
        lambda d, s: d.create_segment(
            s.lists[0],
            NewSegment("New", match_any=False, rules=[SegmentRule("City", "Is", "Porto")]),
        ),
        {"Segment.Get": 1},
    ),
    "delete-segment": (
        lambda d, s: d.delete_segment(s.lists[0], s.segment),
        {"Segment.Get": 1, **SUBSCRIBERS_OF_FIRST},
    ),
    # Every campaign and email look-up by id is forgotten, as for lists.
    "create-campaign": (
        lambda d, s: d.create_campaign(CampaignDraft("New", CONTENT, [(s.lists[0], 0)])),
        {"Campaigns.Get": 1, "Campaign.Get": 2, "Emails.Get": 1, "Email.Get": 1},
    ),
    "schedule-campaign": (
        lambda d, s: d.schedule_campaign(
            s.campaigns[0], send_at=None, time_zone="UTC", recipients=[]
        ),
        CAMPAIGNS_AND_ONE,
    ),
    "cancel-campaign": (lambda d, s: d.cancel_campaign(s.paused), {"Campaigns.Get": 1}),
    "delete-campaign": (lambda d, s: d.delete_campaign(s.campaigns[0]), CAMPAIGNS_AND_ONE),
}


@pytest.mark.parametrize(("write", "again"), WRITES.values(), ids=WRITES.keys())
async def test_a_write_makes_exactly_what_it_declares_read_again(emulators, user, write, again):
    ids = seeded(emulators)
    data = OemproData(user)
    await warm(data, ids)
    await write(data, ids)
    await reset_requests(emulators)
    await warm(data, ids)
    assert await requests_by_command(emulators) == again


async def test_a_status_change_forgets_the_user_listing_and_that_user(emulators, admin):
    data = OemproData(admin)

    async def read() -> None:
        await asyncio.gather(
            data.user_window(offset=0, count=5), data.user(1), data.user(2), data.user_group(1)
        )

    await read()
    await data.set_user_status(2, active=False)
    await reset_requests(emulators)
    await read()
    assert await requests_by_command(emulators) == {"Users.Get": 1, "User.Get": 1}
    changed = await data.user(2)
    assert changed is not None
    assert changed.enabled is False


async def test_a_refused_write_still_forgets(emulators, user):
    """Oempro refuses an address already in the list (code 9): what the write declared is
    read again all the same (a refusal may follow a partial change)."""
    ids = seeded(emulators)
    data = OemproData(user)
    await warm(data, ids)
    with pytest.raises(UpstreamInvalidInput) as refused:
        await data.subscribe(ids.lists[0], ids.address)
    assert refused.value.legacy_code == "9"
    await reset_requests(emulators)
    await warm(data, ids)
    assert await requests_by_command(emulators) == SUBSCRIBERS_OF_FIRST


@pytest.mark.parametrize(
    "write",
    [
        lambda d, s: d.subscribe(s.lists[0], "x@example.com", name="Ines"),
        lambda d, s: d.set_user_status(1, active=False),
    ],
    ids=["name-without-a-name-field", "status-without-an-admin-login"],
)
async def test_a_write_refused_by_a_rule_sends_nothing_and_forgets_nothing(emulators, user, write):
    ids = seeded(emulators)
    data = OemproData(user)
    await warm(data, ids)
    await reset_requests(emulators)
    with pytest.raises((UpstreamInvalidInput, UpstreamForbidden)):
        await write(data, ids)
    await warm(data, ids)
    assert await requests_by_command(emulators) == {}
