"""Oempro loaders, through the facade: how many upstream calls a request costs, read from the
emulator's counter.

Each test states the fewest calls the API allows for what it loads next to what the loaders
make; logins are left out (the client logs in before the counter is zeroed).
"""

from __future__ import annotations

import asyncio

import pytest

from mailgql.data.oempro import OemproData
from mailgql.data.oempro.stale import stale_lists, stale_subscribers
from mailgql.emulators import Emulators
from mailgql.loaders.oempro_keys import EMAILS_LISTING_FROM, window
from mailgql.upstreams.errors import (
    UpstreamError,
    UpstreamForbidden,
    UpstreamInvalidInput,
    UpstreamUnavailable,
)
from mailgql.upstreams.oempro import OemproClient
from tests.upstreams.oempro_support import (
    arm_fault,
    oempro_state,
    requests_by_command,
    reset_requests,
)

COUNTED = ("Active", "Unsubscribed", "Hard bounced")
"""The three counts a list shows: subscribers, unsubscribed, bounced."""


def expected_count(emulators: Emulators, list_id: int, segment: str) -> int:
    """What the emulator's database says a count is."""
    rows = list(oempro_state(emulators).subscribers[list_id].values())
    if segment == "Active":
        return sum(
            s["SubscriptionStatus"] == "Subscribed" and s["BounceType"] != "Hard" for s in rows
        )
    if segment == "Unsubscribed":
        return sum(s["SubscriptionStatus"] == "Unsubscribed" for s in rows)
    return sum(s["BounceType"] == "Hard" for s in rows)


async def test_ten_lists_with_three_counts_each(emulators: Emulators, user: OemproClient) -> None:
    """Ten lists and their subscriber, unsubscribed and bounced counts.

    Fewest calls the API allows: 1 ``Lists.Get`` + 3 ``Subscribers.Get`` per list = 31 (4.x
    list rows carry no counts and no command counts several lists). The loaders make 31.
    """
    for name in ("Autumn launch", "Winter sale"):
        await user.create_list(name)
    await reset_requests(emulators)
    loaders = OemproData(user)
    lists = (await loaders.all_lists())[:10]
    assert len(lists) == 10
    counts = await asyncio.gather(
        *(loaders.subscriber_count(lst.list_id, segment) for lst in lists for segment in COUNTED)
    )
    expected = [
        expected_count(emulators, lst.list_id, segment) for lst in lists for segment in COUNTED
    ]
    assert counts == expected
    assert sum(counts) > 0
    # The same data again in the same request is free.
    await loaders.all_lists()
    await asyncio.gather(*(loaders.subscriber_count(lst.list_id, "Active") for lst in lists))
    assert await requests_by_command(emulators) == {"Lists.Get": 1, "Subscribers.Get": 30}


async def test_ten_campaigns_with_subjects_and_stats(
    emulators: Emulators, user: OemproClient
) -> None:
    """The first ten campaigns, each with its subject (on its email record) and statistics.

    Fewest calls the API allows: 1 ``Campaigns.Get`` (rows carry the counters) + 1
    ``Emails.Get`` (every email at once) = 2. The loaders make 2, not 1 + 9 ``Email.Get``.
    """
    loaders = OemproData(user)
    page = await loaders.campaign_window(offset=0, count=10)
    assert len(page.items) == page.total == 10
    emails = await asyncio.gather(*(loaders.email(c.email_id) for c in page.items))
    state = oempro_state(emulators)
    for campaign, email in zip(page.items, emails, strict=True):
        stored = state.campaigns[campaign.campaign_id]
        if campaign.email_id is None:
            assert email is None
        else:
            assert email is not None
            assert email.subject == state.emails[campaign.email_id]["Subject"]
        assert campaign.statistics.total_sent == int(stored["TotalSent"])
        assert campaign.statistics.unique_opens == int(stored["UniqueOpens"])
    assert sum(e is not None for e in emails) == 9  # one draft has no email yet
    assert await requests_by_command(emulators) == {"Campaigns.Get": 1, "Emails.Get": 1}


async def test_a_lone_subject_reads_one_email(emulators: Emulators, user: OemproClient) -> None:
    """One campaign's subject: fewest calls 1 ``Email.Get``; the loaders make 1 (the whole
    listing would carry every email's content for one subject)."""
    assert EMAILS_LISTING_FROM == 2
    loaders = OemproData(user)
    email = await loaders.email(4)
    assert email is not None
    assert email.subject == oempro_state(emulators).emails[4]["Subject"]
    assert await loaders.email(9999) is None
    assert await requests_by_command(emulators) == {"Email.Get": 2}


async def test_one_campaign_by_id_with_statistics(emulators: Emulators, user: OemproClient) -> None:
    """Campaigns by id: fewest calls 1 ``Campaign.Get`` per distinct id (no bulk read by id);
    the loaders make 2 for three loads of two ids, and an unknown id is None."""
    loaders = OemproData(user)
    first, again, other, missing = await asyncio.gather(
        loaders.campaign(1),
        loaders.campaign(1),
        loaders.campaign(3),
        loaders.campaign(9999),
    )
    assert first is again
    assert first is not None
    assert first.statistics.hard_bounce_ratio is not None
    assert other is not None
    assert missing is None
    assert await requests_by_command(emulators) == {"Campaign.Get": 3}


async def test_a_subscriber_window_also_answers_its_count(
    emulators: Emulators, user: OemproClient
) -> None:
    """A page of active subscribers and the active count: fewest calls 1 ``Subscribers.Get``
    (its ``TotalSubscribers`` is the count); the loaders make 1."""
    loaders = OemproData(user)
    page = await loaders.subscriber_window(1, "Active", offset=0, count=10)
    same = await loaders.subscriber_window(1, "Active", offset=0, count=10)
    assert same == page  # cut again from the same block
    assert len(page.items) == 10
    assert await loaders.subscriber_count(1, "Active") == page.total
    assert page.total == expected_count(emulators, 1, "Active")
    assert await requests_by_command(emulators) == {"Subscribers.Get": 1}


async def test_an_empty_window_still_knows_the_total(
    emulators: Emulators, user: OemproClient
) -> None:
    """``first: 0`` (only ``totalCount`` asked): 1 ``Subscribers.Get`` of one record."""
    loaders = OemproData(user)
    page = await loaders.subscriber_window(1, "Unsubscribed", offset=0, count=0)
    assert page.items == ()
    assert page.total == expected_count(emulators, 1, "Unsubscribed")
    campaigns = await loaders.campaign_window(offset=0, count=0)
    assert (campaigns.items, campaigns.total) == ((), 10)
    assert await requests_by_command(emulators) == {"Subscribers.Get": 1, "Campaigns.Get": 1}


async def test_subscribers_by_address_and_a_missing_one(
    emulators: Emulators, user: OemproClient
) -> None:
    """Look-ups by address: 1 ``Subscriber.Get`` per distinct (list, address); the same
    address in another case is the same key."""
    loaders = OemproData(user)
    address = oempro_state(emulators).subscribers[1][1]["EmailAddress"]
    found, same, missing = await asyncio.gather(
        loaders.subscriber(1, address),
        loaders.subscriber(1, address.upper()),
        loaders.subscriber(1, "nobody@example.com"),
    )
    assert found is same
    assert found is not None
    assert found.subscriber_id == 1
    assert missing is None
    assert await requests_by_command(emulators) == {"Subscriber.Get": 2}


async def test_unpaged_listings_are_read_once_and_paged_here(
    emulators: Emulators, user: OemproClient
) -> None:
    """Segments and custom fields of three lists, and the clients: fewest calls 1
    ``Segment.Get`` and 1 ``CustomFields.Get`` per list + 1 ``Clients.Get`` = 7; the loaders
    make 7, however many windows the graph cuts from them."""
    loaders = OemproData(user)
    list_ids = (1, 2, 3)
    segments = await asyncio.gather(*(loaders.segments(i) for i in list_ids))
    fields = await asyncio.gather(*(loaders.custom_fields(i) for i in list_ids))
    clients = await loaders.all_clients()
    state = oempro_state(emulators)
    for list_id, found in zip(list_ids, segments, strict=True):
        assert [s.segment_id for s in found] == [
            s.id for s in state.segments.values() if s.list_id == list_id
        ]
    assert [len(f) for f in fields] == [len(state.fields_of(i)) for i in list_ids]
    first = window(clients, offset=0, count=2)
    rest = window(await loaders.all_clients(), offset=2, count=2)
    assert [c.client_id for c in first.items + rest.items] == [1, 2, 3]
    assert (first.total, rest.total, rest.offset) == (3, 3, 2)
    await loaders.segments(1)
    assert await requests_by_command(emulators) == {
        "Segment.Get": 3,
        "CustomFields.Get": 3,
        "Clients.Get": 1,
    }


async def test_emails_listing_is_shared_with_look_ups_by_id(
    emulators: Emulators, user: OemproClient
) -> None:
    """Every email, then some by id: 1 ``Emails.Get`` in all."""
    loaders = OemproData(user)
    emails = await loaders.all_emails()
    by_id = await asyncio.gather(*(loaders.email(e.email_id) for e in emails[:3]))
    assert list(by_id) == list(emails[:3])
    assert await requests_by_command(emulators) == {"Emails.Get": 1}


async def test_one_failing_key_does_not_sink_its_batch(
    emulators: Emulators, user: OemproClient
) -> None:
    loaders = OemproData(user)
    good, bad = await asyncio.gather(
        loaders.subscriber_count(1, "Active"),
        loaders.subscriber_count(1, "Everyone"),
        return_exceptions=True,
    )
    assert good == expected_count(emulators, 1, "Active")
    assert isinstance(bad, UpstreamInvalidInput)
    assert bad.legacy_code == "2"


async def test_a_failed_emails_listing_fails_every_subject_of_the_batch(
    emulators: Emulators, user: OemproClient
) -> None:
    await arm_fault(emulators, kind="status", endpoint="Emails.Get", status=503, count=None)
    loaders = OemproData(user)
    results = await asyncio.gather(
        loaders.email(4), loaders.email(5), loaders.email(6), return_exceptions=True
    )
    assert all(isinstance(r, UpstreamUnavailable) for r in results)
    assert "Email.Get" not in await requests_by_command(emulators)


async def test_list_by_id_and_a_list_of_someone_else(
    emulators: Emulators, user: OemproClient
) -> None:
    """Lists by id: 1 ``List.Get`` per distinct id; another user's list is None."""
    loaders = OemproData(user)
    foreign = next(lst.id for lst in oempro_state(emulators).lists.values() if lst.owner_id != 1)
    mine, again, theirs = await asyncio.gather(
        loaders.list(2), loaders.list(2), loaders.list(foreign)
    )
    assert mine is again
    assert mine is not None
    assert mine.name == oempro_state(emulators).lists[2]["Name"]
    assert theirs is None
    assert await requests_by_command(emulators) == {"List.Get": 2}


async def test_writes_forget_what_they_changed(emulators: Emulators, user: OemproClient) -> None:
    """After a subscription the counts of that list are read again; other lists' are not."""
    loaders = OemproData(user)
    before = await loaders.subscriber_count(1, "Active")
    await loaders.subscriber_count(3, "Active")
    await user.subscribe(1, "fresh@example.com", custom_fields={1: "Fresh"})
    loaders.forget(stale_subscribers(1))
    assert await loaders.subscriber_count(1, "Active") == before + 1
    await loaders.subscriber_count(3, "Active")
    lists_before = await loaders.all_lists()
    await user.create_list("Brand new")
    loaders.forget(stale_lists(None))
    assert len(await loaders.all_lists()) == len(lists_before) + 1
    counts = await requests_by_command(emulators)
    assert counts["Subscribers.Get"] == 3
    assert counts["Lists.Get"] == 2


async def test_users_and_their_groups_with_an_admin_login(
    emulators: Emulators, admin: OemproClient
) -> None:
    """Five users and their plans: fewest calls 1 ``Users.Get`` + 1 ``UserGroup.Get`` per
    distinct group (3) = 4 with the commands the adapter speaks (5.x's ``UserGroups.Get``
    would make it 2); the loaders make 4."""
    loaders = OemproData(admin)
    users = await loaders.user_window(offset=0, count=50)
    assert users.total == 5
    groups = await asyncio.gather(
        *(loaders.user_group(u.group_id) for u in users.items if u.group_id)
    )
    assert {g.group_id for g in groups if g is not None} == {1, 2, 3}
    one = await loaders.user(1)
    missing = await loaders.user(9999)
    assert one is not None
    assert one.username == "northwind"
    assert missing is None
    assert await requests_by_command(emulators) == {
        "Users.Get": 1,
        "UserGroup.Get": 3,
        "User.Get": 2,
    }


async def test_admin_only_loaders_fail_with_a_user_login(user: OemproClient) -> None:
    loaders = OemproData(user)
    with pytest.raises(UpstreamError) as caught:
        await loaders.user_window(offset=0, count=10)
    assert isinstance(caught.value, UpstreamForbidden)
    assert caught.value.legacy_code == "99999"


async def test_each_scope_has_its_own_entries_and_dedupes_within_itself(
    emulators: Emulators, admin: OemproClient
) -> None:
    """Two users' lists, counts and segments read by the administrator: fewest calls 1
    ``User.Switch`` per user (only a user's session reads its lists) + 1 ``Lists.Get`` per user
    + 1 ``Subscribers.Get`` and 1 ``Segment.Get`` per list; the loaders make exactly that,
    however often the same key is asked in its scope."""
    state = oempro_state(emulators)
    loaders = OemproData(admin)
    northwind, bluepeak, again = await asyncio.gather(
        loaders.all_lists(as_user=1), loaders.all_lists(as_user=2), loaders.all_lists(as_user=1)
    )
    assert again is northwind
    assert [lst.list_id for lst in northwind] == [lst.id for lst in state.lists_of(1)]
    assert [lst.list_id for lst in bluepeak] == [lst.id for lst in state.lists_of(2)]
    theirs = bluepeak[0].list_id
    count, same, segments = await asyncio.gather(
        loaders.subscriber_count(theirs, "Active", as_user=2),
        loaders.subscriber_count(theirs, "Active", as_user=2),
        loaders.segments(theirs, as_user=2),
    )
    assert count == same == expected_count(emulators, theirs, "Active")
    assert [s.segment_id for s in segments] == [
        s.id for s in state.segments.values() if s.list_id == theirs
    ]
    # The same list id in another user's scope is another key, read in that user's session.
    mine, not_mine = await asyncio.gather(
        loaders.list(theirs, as_user=2), loaders.list(theirs, as_user=1)
    )
    assert mine is not None
    assert not_mine is None
    assert await requests_by_command(emulators) == {
        "User.Switch": 2,
        "Lists.Get": 2,
        "Subscribers.Get": 1,
        "Segment.Get": 1,
        "List.Get": 2,
    }


async def test_subjects_are_batched_per_scope(emulators: Emulators, admin: OemproClient) -> None:
    """Subjects of three campaigns of one user and one of another: fewest calls 1
    ``Emails.Get`` for the first user (a listing is one user's) + 1 ``Email.Get`` for the
    other's lone one, after 1 ``User.Switch`` each; the loaders make exactly that."""
    state = oempro_state(emulators)

    def email_ids(user_id: int) -> list[int]:
        return [e.id for e in state.emails.values() if e.number("RelUserID") == user_id]

    loaders = OemproData(admin)
    mine = email_ids(1)[:3]
    [lumen] = [i for i in email_ids(4) if state.emails[i]["Subject"]][:1]
    found = await asyncio.gather(
        *(loaders.email(i, as_user=1) for i in mine), loaders.email(lumen, as_user=4)
    )
    assert [e.email_id if e else None for e in found] == [*mine, lumen]
    assert await requests_by_command(emulators) == {
        "User.Switch": 2,
        "Emails.Get": 1,
        "Email.Get": 1,
    }


async def test_forgetting_a_list_forgets_it_in_every_scope(
    emulators: Emulators, admin: OemproClient
) -> None:
    loaders = OemproData(admin)
    theirs = oempro_state(emulators).lists_of(2)[0].id
    await asyncio.gather(loaders.all_lists(as_user=2), loaders.list(theirs, as_user=2))
    loaders.forget(stale_lists(theirs))
    await asyncio.gather(loaders.all_lists(as_user=2), loaders.list(theirs, as_user=2))
    counts = await requests_by_command(emulators)
    assert (counts["Lists.Get"], counts["List.Get"], counts["User.Switch"]) == (2, 2, 1)
