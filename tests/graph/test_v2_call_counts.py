"""Upstream call counts of v2 documents, read from the emulator's counter."""

import pytest

from mailgql.emulators import build_emulators
from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.v2_helpers import ACCOUNT, gid

INHERITED = """
  inheritedLists { totalCount nodes { id name subscriberCount } }
  inheritedSegments { totalCount nodes { id name rules { connector } } }
  inheritedNewsletters { totalCount nodes { id name subject active } }
"""


@pytest.mark.parametrize("n", [1, 5, 12])
async def test_n_sub_accounts_with_three_collections_cost_one_plus_three_n(gateway, n):
    data = await gateway.query(
        f"{{ me(platform: V2REST) {{ subAccounts(first: {n}) "
        f"{{ nodes {{ username {INHERITED} }} }} }} }}"
    )
    assert len(data["me"]["subAccounts"]["nodes"]) == n
    assert await gateway.calls(Platform.V2REST) == 1 + 3 * n
    counts = await gateway.counts(Platform.V2REST)
    assert counts == {
        "GET /Users/SubAccounts": 1,
        "GET /Users/InheritLists": n,
        "GET /Users/InheritSegments": n,
        "GET /Users/InheritNewsletters": n,
    }


async def test_root_accounts_field_costs_the_same(gateway):
    data = await gateway.query(
        f"{{ accounts(platform: V2REST, first: 4) "
        f"{{ totalCount nodes {{ username {INHERITED} }} }} }}"
    )
    assert data["accounts"]["totalCount"] == 12
    assert await gateway.calls(Platform.V2REST) == 1 + 3 * 4


async def test_the_same_data_asked_twice_costs_nothing_more(gateway):
    document = f"""
    fragment Inherited on Account {{ {INHERITED} }}
    query {{
      me(platform: V2REST) {{
        a: subAccounts(first: 3) {{ nodes {{ username ...Inherited }} }}
        b: subAccounts(first: 3) {{ nodes {{ id ...Inherited {INHERITED} }} }}
        c: subAccounts(first: 2) {{ nodes {{ username
             inheritedLists(first: 1) {{ nodes {{ name }} }} }} }}
      }}
      again: accounts(platform: V2REST, first: 3) {{ nodes {{ username ...Inherited }} }}
      one: node(id: "{gid("Account", ACCOUNT)}") {{ ... on Account {{ username ...Inherited }} }}
    }}"""
    data = await gateway.query(document)
    first_three = [n["username"] for n in data["me"]["a"]["nodes"]]
    assert ACCOUNT in first_three
    assert data["one"]["username"] == ACCOUNT
    assert data["one"]["inheritedLists"] == data["me"]["a"]["nodes"][0]["inheritedLists"]
    assert await gateway.calls(Platform.V2REST) == 1 + 3 * 3


async def test_node_of_a_listed_account_costs_no_extra_call(gateway):
    data = await gateway.query(
        f"""{{ accounts(platform: V2REST, first: 12) {{ nodes {{ username }} }}
               node(id: "{gid("Account", "odense_bakery")}") {{ ... on Account {{ status }} }} }}"""
    )
    assert data["node"] == {"status": "DISABLED"}
    assert await gateway.calls(Platform.V2REST) == 1


async def test_a_second_request_reads_again(gateway):
    query = "{ accounts(platform: V2REST, first: 2) { nodes { username } } }"
    await gateway.query(query)
    await gateway.query(query)
    # loaders live for one request: nothing is cached across requests
    assert await gateway.calls(Platform.V2REST) == 2


async def test_large_listing_is_read_in_blocks_of_1000():
    large = build_emulators(seed=1, size="large")
    async with open_gateway(large) as gateway:
        data = await gateway.query(
            "{ accounts(platform: V2REST, first: 500) "
            "{ totalCount pageInfo { hasNextPage endCursor } nodes { username } } }"
        )
        conn = data["accounts"]
        # one block of 1000 holds all 640 sub-accounts: one call, and the exact total
        assert conn["totalCount"] == 640
        assert conn["pageInfo"]["hasNextPage"] is True
        assert await gateway.calls(Platform.V2REST) == 1
        rest = await gateway.query(
            "query($after: String) { accounts(platform: V2REST, first: 500, after: $after) "
            "{ pageInfo { hasNextPage } nodes { username } } }",
            {"after": conn["pageInfo"]["endCursor"]},
        )
        names = [n["username"] for n in conn["nodes"] + rest["accounts"]["nodes"]]
        assert len(names) == len(set(names)) == 640
        assert rest["accounts"]["pageInfo"]["hasNextPage"] is False
