"""Upstream call counts of Maxmailer documents, read from the emulator's counter.

The rule under test: one ListUsers call answers any number of accounts with any field ListUsers
carries; only `quota` usage costs GetUser, once per account that asks for it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mailgql.emulators import Emulators, build_emulators
from mailgql.platforms import Platform
from tests.conftest import Gateway, open_gateway
from tests.graph.maxmailer_helpers import PLAIN_USER_ID, gid, mm_state

LISTING_FIELDS = """
  id username name email status accountType createdAt lastLoginAt suspendedAt
  parent { id username status parent { username } }
  permissions { api customSmtp }
  quota { sendLimit sendPeriod listLimit subscriberLimit messageSizeLimitKb userLimit }
"""


@pytest.fixture(scope="module")
def large_emulators() -> Emulators:
    """The large seed (hundreds of users); read-only tests share it."""
    return build_emulators(seed=1, size="large")


@pytest.fixture
async def large(large_emulators: Emulators) -> AsyncIterator[Gateway]:
    async with open_gateway(large_emulators) as gateway:
        await gateway.reset_calls()
        yield gateway


async def test_the_large_seed_has_more_than_30_users(large_emulators):
    assert len(mm_state(large_emulators).users) > 300


async def test_30_accounts_with_name_status_and_parent_cost_one_call(large):
    data = await large.query(
        "{ accounts(platform: MAXMAILER, first: 30) { nodes { username name status "
        "parent { username } } } }"
    )
    assert len(data["accounts"]["nodes"]) == 30
    assert await large.counts(Platform.MAXMAILER) == {"ListUsers": 1}


async def test_every_listing_field_costs_still_one_call(large):
    data = await large.query(
        f"{{ accounts(platform: MAXMAILER, first: 200) {{ nodes {{ {LISTING_FIELDS} }} }} }}"
    )
    assert len(data["accounts"]["nodes"]) == 200
    assert await large.counts(Platform.MAXMAILER) == {"ListUsers": 1}


async def test_30_accounts_with_quota_usage_cost_one_plus_30(large):
    data = await large.query(
        "{ accounts(platform: MAXMAILER, first: 30) { nodes { username status parent { username } "
        "quota { sendLimit sendsAvailable sentThisPeriod subscribers resetDate } } } }"
    )
    nodes = data["accounts"]["nodes"]
    assert len(nodes) == 30
    assert all(n["quota"]["sentThisPeriod"] is not None for n in nodes)
    assert await large.counts(Platform.MAXMAILER) == {"ListUsers": 1, "GetUser": 30}


async def test_usage_asked_through_a_fragment_counts_too(large):
    data = await large.query(
        """fragment Usage on AccountQuota { sentThisPeriod }
           fragment Row on Account { quota { ...Usage } }
           { accounts(platform: MAXMAILER, first: 5) { nodes { ...Row } } }"""
    )
    assert all(n["quota"]["sentThisPeriod"] is not None for n in data["accounts"]["nodes"])
    assert await large.counts(Platform.MAXMAILER) == {"ListUsers": 1, "GetUser": 5}


async def test_the_same_account_asked_twice_costs_one_get_user(large):
    account = gid("Account", PLAIN_USER_ID)
    data = await large.query(
        f"""{{ accounts(platform: MAXMAILER, first: 5) {{ nodes {{ id quota {{ subscribers }} }} }}
               one: node(id: "{account}") {{ ... on Account {{ quota {{ subscribers }} }} }}
               two: node(id: "{account}") {{
                 ... on Account {{ username quota {{ sentThisPeriod }} }} }} }}"""
    )
    listed = {n["id"]: n["quota"]["subscribers"] for n in data["accounts"]["nodes"]}
    assert data["one"]["quota"]["subscribers"] == listed[account]
    assert await large.counts(Platform.MAXMAILER) == {"ListUsers": 1, "GetUser": 5}


async def test_node_of_a_listed_account_costs_no_extra_call(large):
    account = gid("Account", PLAIN_USER_ID)
    data = await large.query(
        f"""{{ accounts(platform: MAXMAILER, first: 3) {{ nodes {{ username }} }}
               node(id: "{account}") {{ ... on Account {{ username status }} }} }}"""
    )
    assert data["node"]["status"] == "ACTIVE"
    assert await large.counts(Platform.MAXMAILER) == {"ListUsers": 1}


async def test_parents_of_many_accounts_come_from_the_same_listing(large):
    await large.query(
        "{ accounts(platform: MAXMAILER, first: 300) { nodes { parent { parent { username } "
        "subAccounts(first: 3) { totalCount } } } } }"
    )
    assert await large.counts(Platform.MAXMAILER) == {"ListUsers": 1}


async def test_campaign_stats_cost_one_get_camp_per_campaign(gateway, emulators):
    owned = [c for c in mm_state(emulators).campaigns.values() if c.owner_id == PLAIN_USER_ID]
    document = f"""{{ node(id: "{gid("Account", PLAIN_USER_ID)}") {{ ... on Account {{
        a: campaigns {{ nodes {{ subject status from stats {{ sent openRate }} }} }}
        b: campaigns {{ nodes {{ legacyStatus stats {{ bounced }} }} }} }} }} }}"""
    data = await gateway.query(document)
    assert len(data["node"]["a"]["nodes"]) == len(owned)
    assert await gateway.counts(Platform.MAXMAILER) == {
        "ListUsers": 1,
        "ListCamps": 1,
        "GetCamp": len(owned),
    }


async def test_campaign_subjects_and_dates_cost_no_get_camp(gateway):
    await gateway.query(
        f"""{{ node(id: "{gid("Account", PLAIN_USER_ID)}") {{ ... on Account {{
               campaigns {{ nodes {{ id subject startedAt finishedAt }} }} }} }} }}"""
    )
    assert await gateway.counts(Platform.MAXMAILER) == {"ListUsers": 1, "ListCamps": 1}


async def test_a_second_request_reads_again(gateway):
    query = "{ accounts(platform: MAXMAILER, first: 2) { nodes { username } } }"
    await gateway.query(query)
    await gateway.query(query)
    # with the shared cache off, loaders live for one request: nothing is kept across requests
    assert await gateway.counts(Platform.MAXMAILER) == {"ListUsers": 2}
