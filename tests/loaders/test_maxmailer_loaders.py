"""Maxmailer loaders through the data facade against the emulator: exact upstream call counts,
missing keys, roles, and what each write makes stale."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from mailgql.data import Stale
from mailgql.data.maxmailer import MaxmailerData
from mailgql.emulators import Emulators
from mailgql.loaders.maxmailer import SubscriptionByEmailLoader
from mailgql.upstreams.errors import UpstreamForbidden
from tests.graph.maxmailer_helpers import (
    ADMIN_ID,
    PLAIN_LOGIN,
    PLAIN_USER_ID,
    RESELLER_ID,
    RESELLER_LOGIN,
    mm_state,
    open_client,
    subscriber,
)


async def _loaders(emulators: Emulators, **settings: Any) -> tuple[MaxmailerData, Any]:
    client = open_client(emulators, **settings)
    return MaxmailerData(client, in_flight=8), client


@pytest.fixture
async def admin(emulators: Emulators) -> AsyncIterator[MaxmailerData]:
    loaders, client = await _loaders(emulators)
    yield loaders
    await client.aclose()


def calls(emulators: Emulators) -> dict[str, int]:
    """Maxmailer requests per function or action."""
    return emulators.hub.counter.snapshot().get("maxmailer", {})


async def test_any_number_of_look_ups_by_id_cost_one_list_users(admin, emulators):
    ids = sorted(mm_state(emulators).users)
    found = await asyncio.gather(*(admin.user(i) for i in ids), admin.user(999_999))
    assert [u.user.user_id for u in found[:-1] if u is not None] == ids
    assert found[-1] is None
    assert (await admin.listing())[0].user_id == ADMIN_ID
    assert calls(emulators) == {"ListUsers": 1}


async def test_get_user_is_one_call_per_distinct_id(admin, emulators):
    details = await asyncio.gather(
        admin.user(PLAIN_USER_ID, with_usage=True),
        admin.user(PLAIN_USER_ID, with_usage=True),
        admin.user(2, with_usage=True),
    )
    assert [d.user.user_id for d in details if d is not None] == [PLAIN_USER_ID, PLAIN_USER_ID, 2]
    assert calls(emulators) == {"GetUser": 2}


async def test_an_unknown_id_is_a_missing_key_not_an_error(admin, emulators):
    assert await admin.user(999_999, with_usage=True) is None
    assert await admin.campaign(999_999) is None
    assert await admin.subscription("newsletter", "nobody@example.com") is None
    assert calls(emulators) == {"GetUser": 1, "GetCamp": 1, "status": 1}


async def test_one_failing_key_does_not_sink_the_batch(emulators):
    # a user-manager: its own user is visible, the admin is unknown to it
    loaders, client = await _loaders(emulators, maxmailer_login_id=RESELLER_LOGIN)
    try:
        mine, admins = await asyncio.gather(
            loaders.user(PLAIN_USER_ID, with_usage=True), loaders.user(ADMIN_ID, with_usage=True)
        )
    finally:
        await client.aclose()
    assert mine is not None
    assert admins is None


async def test_campaign_listings_and_reports_are_read_once(admin, emulators):
    summaries = await admin.campaigns_of(PLAIN_USER_ID)
    again = await admin.campaigns_of(PLAIN_USER_ID)
    assert again == summaries
    reports = await asyncio.gather(*(admin.campaign(s.message_id) for s in summaries * 2))
    assert [r.message_id for r in reports if r is not None] == [s.message_id for s in summaries * 2]
    assert calls(emulators) == {"ListCamps": 1, "GetCamp": len(summaries)}


async def test_own_campaigns_use_list_camps_without_an_id(emulators):
    loaders, client = await _loaders(emulators, maxmailer_login_id=PLAIN_LOGIN)
    try:
        own = await loaders.campaigns_of(None)
    finally:
        await client.aclose()
    state = mm_state(emulators)
    assert {c.message_id for c in own} == {
        c.message_id for c in state.campaigns.values() if c.owner_id == PLAIN_USER_ID
    }


async def test_subscriptions_are_keyed_by_the_address_in_any_case(admin, emulators):
    email = subscriber(emulators, "customers").email
    first, second = await asyncio.gather(
        admin.subscription("customers", email.upper()), admin.subscription("customers", email)
    )
    assert first == second
    assert first is not None
    assert first.active
    assert calls(emulators) == {"status": 1}


@pytest.mark.parametrize(
    ("login", "role", "user_id"),
    [
        (None, "admin", ADMIN_ID),
        (RESELLER_LOGIN, "reseller", RESELLER_ID),
        (PLAIN_LOGIN, "user", None),
    ],
    ids=["admin", "user-manager", "plain-user"],
)
async def test_the_caller_is_told_from_one_list_users(emulators, login, role, user_id):
    settings = {} if login is None else {"maxmailer_login_id": login}
    loaders, client = await _loaders(emulators, **settings)
    try:
        caller = await loaders.caller()
        await loaders.caller()
    finally:
        await client.aclose()
    assert (caller.role, caller.user_id) == (role, user_id)
    assert (caller.record is not None) == (role == "admin")
    assert calls(emulators) == {"ListUsers": 1}


async def test_a_plain_users_listing_is_forbidden(emulators):
    loaders, client = await _loaders(emulators, maxmailer_login_id=PLAIN_LOGIN)
    try:
        with pytest.raises(UpstreamForbidden):
            await loaders.listing()
    finally:
        await client.aclose()


async def test_writes_clear_what_they_changed(admin, emulators):
    await admin.listing()
    await admin.user(PLAIN_USER_ID, with_usage=True)
    await admin.set_user_status(str(PLAIN_USER_ID), active=False)
    user = await admin.user(PLAIN_USER_ID)
    detail = await admin.user(PLAIN_USER_ID, with_usage=True)
    assert user is not None
    assert user.user.active is False
    assert detail is not None
    assert detail.user.active is False
    assert calls(emulators) == {"ListUsers": 2, "GetUser": 2, "SuspendUser": 1}


async def test_after_a_subscription_write_the_status_is_read_again(emulators):
    data, client = await _loaders(emulators)
    try:
        assert await data.subscription("newsletter", "fresh@example.com") is None
        await client.subscribe("newsletter", email="fresh@example.com")  # behind the facade
        assert await data.subscription("newsletter", "fresh@example.com") is None  # still cached
        key = SubscriptionByEmailLoader.key("newsletter", "FRESH@example.com")
        data.forget([Stale("subscriptions", key)])
        fresh = await data.subscription("newsletter", "fresh@example.com")
    finally:
        await client.aclose()
    assert fresh is not None
    assert fresh.active
