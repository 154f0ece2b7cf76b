"""The v2 path end to end over real HTTP: gateway and emulators each on 127.0.0.1."""

import pytest

from mailgql.platforms import Platform
from tests.graph.v2_helpers import ACCOUNT, EMPTY_ACCOUNT, gid

pytestmark = pytest.mark.live


async def test_headline_document_over_http_costs_one_plus_three_n(live_gateway):
    data = await live_gateway.query(
        """{ me(platform: V2REST) { username subAccounts(first: 6) { totalCount nodes {
             username createdAt inheritedLists { nodes { name } }
             inheritedSegments { nodes { name } } inheritedNewsletters { nodes { name } } } } } }"""
    )
    assert data["me"]["username"] == "demo-admin"
    assert data["me"]["subAccounts"]["totalCount"] == 12
    assert all(n["createdAt"].endswith("Z") for n in data["me"]["subAccounts"]["nodes"])
    assert await live_gateway.calls(Platform.V2REST) == 1 + 3 * 6


async def test_write_then_read_over_http(live_gateway):
    data = await live_gateway.query(
        """mutation($acc: ID!) { inheritLists(input: {accountId: $acc, listIds: ["7601", "7604"]}) {
             account { username inheritedLists { totalCount nodes { id } } }
             userErrors { code } } }""",
        {"acc": gid("Account", EMPTY_ACCOUNT)},
    )
    payload = data["inheritLists"]
    assert payload["userErrors"] == []
    assert payload["account"]["inheritedLists"]["totalCount"] == 2
    again = await live_gateway.query(
        f'{{ node(id: "{gid("Account", EMPTY_ACCOUNT)}") '
        "{ ... on Account { inheritedLists { nodes { id } } } } }"
    )
    assert {n["id"] for n in again["node"]["inheritedLists"]["nodes"]} == {
        gid("MailingList", 7601),
        gid("MailingList", 7604),
    }


async def test_refusal_over_http_is_a_typed_user_error(live_gateway):
    data = await live_gateway.query(
        """mutation($acc: ID!) { removeInheritedList(input: {accountId: $acc, listId: "7601"}) {
             account { id } userErrors { code platform legacyCode } } }""",
        {"acc": gid("Account", ACCOUNT)},
    )
    assert data["removeInheritedList"] == {
        "account": None,
        "userErrors": [{"code": "NOT_FOUND", "platform": "V2REST", "legacyCode": "404"}],
    }


async def test_a_5xx_over_http_is_retried_and_reported(live_gateway):
    await live_gateway.fault(platform="v2rest", kind="status", status=503, count=None)
    body = await live_gateway.result("{ accounts(platform: V2REST) { totalCount } }")
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
    assert await live_gateway.calls(Platform.V2REST) == 3


async def test_health_and_readiness(live_gateway):
    assert (await live_gateway.client.get("/healthz")).json() == {"status": "ok"}
    ready = await live_gateway.client.get("/readyz")
    assert ready.status_code == 200
    assert set(ready.json()["platforms"]) >= {"V2REST"}
