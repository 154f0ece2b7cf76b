"""The same graph over Oempro's XML answers (MAILGQL_OEMPRO_RESPONSE_FORMAT=XML).

XML prints every scalar as CDATA text, true as ``1`` and false as an empty element, and
numbered arrays as ``node_N``: reads must come out exactly as over JSON, and writes, refusals
and session renewal must behave the same.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from mailgql.platforms import Platform
from tests.conftest import Gateway, open_gateway
from tests.graph.oempro_helpers import (
    ADMIN,
    API_KEY,
    USER_ERRORS,
    XML,
    expire_sessions,
    gid,
    mutate,
    own_campaigns,
    own_lists,
    state,
    subscriber_in,
)

READS = """query($list: ID!, $segment: ID!, $campaign: ID!, $email: String!) {
  me(platform: OEMPRO) {
    id username name email phone timezone status accountType createdAt
    subAccounts { totalCount nodes { id username name email status parent { id } } }
    lists(first: 100) { totalCount nodes { id legacyId name createdAt doubleOptIn
      subscriberCount unsubscribedCount bouncedCount
      segments { totalCount nodes { id name listIds
        rules { connector children { ... on SegmentRule { connector field operator values } } } } }
      active: subscribers(first: 5) { totalCount pageInfo { hasNextPage } nodes {
        legacyId email subscriptionStatus bounceType active subscribedAt unsubscribedAt optedInAt
        fields { fieldId name type value } } }
      gone: subscribers(status: UNSUBSCRIBED, first: 3) { totalCount nodes { email
        unsubscribedAt } } } }
    campaigns(first: 100) { totalCount nodes { id name subject from status legacyStatus
      startedAt finishedAt stats { recipients sent pending failed bounced hardBounced
        softBounced uniqueOpens totalOpens uniqueClicks totalClicks unsubscribed totalForwards
        uniqueForwards totalBrowserViews uniqueBrowserViews openRate clickRate bounceRate } } }
  }
  listSubscription(listId: $list, email: $email) { email active subscribedAt list { name } }
  nodes(ids: [$list, $segment, $campaign]) { id
    ... on MailingList { name subscriberCount } ... on Segment { name lists { name } }
    ... on Campaign { subject stats { sent } } }
}"""


@asynccontextmanager
async def both(emulators, **settings: Any) -> AsyncIterator[tuple[Gateway, Gateway]]:
    """A JSON gateway and an XML gateway over the same emulators."""
    async with (
        open_gateway(emulators, **settings) as json_gateway,
        open_gateway(emulators, **settings, **XML) as xml_gateway,
    ):
        yield json_gateway, xml_gateway


async def test_every_read_comes_out_as_over_json(emulators):
    lst = own_lists(emulators)[0]
    segment = next(s for s in state(emulators).segments.values() if s.list_id == lst.id)
    variables = {
        "list": gid("MailingList", lst.id),
        "segment": gid("Segment", f"{lst.id}:{segment.id}"),
        "campaign": gid("Campaign", own_campaigns(emulators)[0].id),
        "email": subscriber_in(emulators, lst.id)["EmailAddress"],
    }
    async with both(emulators) as (json_gateway, xml_gateway):
        over_json = await json_gateway.query(READS, variables)
        json_counts = await json_gateway.counts(Platform.OEMPRO)
        await xml_gateway.reset_calls()
        over_xml = await xml_gateway.query(READS, variables)
        xml_counts = await xml_gateway.counts(Platform.OEMPRO)
    assert over_xml == over_json
    me = over_xml["me"]
    assert me["lists"]["totalCount"] == 8
    assert me["campaigns"]["totalCount"] == 10
    assert {n["doubleOptIn"] for n in me["lists"]["nodes"]} == {True, False}
    assert any(n["gone"]["nodes"] for n in me["lists"]["nodes"])
    assert over_xml["listSubscription"]["active"] is True
    assert None not in over_xml["nodes"]
    assert xml_counts == json_counts


async def test_admin_reads_come_out_as_over_json(emulators):
    query = """{ me(platform: OEMPRO) { id username name accountType
                  subAccounts(first: 50) { totalCount nodes { id username status createdAt
                    quota { sendLimit listLimit subscriberLimit sendsAvailable } } } } }"""
    async with both(emulators, **ADMIN) as (json_gateway, xml_gateway):
        over_json = await json_gateway.query(query)
        over_xml = await xml_gateway.query(query)
    assert over_xml == over_json
    assert over_xml["me"]["subAccounts"]["totalCount"] == 5
    assert "DISABLED" in {n["status"] for n in over_xml["me"]["subAccounts"]["nodes"]}


async def test_an_api_key_reads_over_xml(emulators):
    async with open_gateway(emulators, **API_KEY, **XML) as gateway:
        data = await gateway.query(
            "{ me(platform: OEMPRO) { id } accounts(platform: OEMPRO) { totalCount } }"
        )
    assert data == {"me": None, "accounts": {"totalCount": 3}}


@pytest.fixture
async def xml_gateway(emulators) -> AsyncIterator[Gateway]:
    async with open_gateway(emulators, **XML) as gateway:
        yield gateway


async def test_writes_over_xml(xml_gateway, emulators):
    gateway = xml_gateway
    created = await mutate(
        gateway,
        "createList",
        {"platform": "OEMPRO", "name": "XML list"},
        f"list {{ id legacyId }} {USER_ERRORS}",
    )
    assert created["userErrors"] == []
    list_id = created["list"]["legacyId"]
    steps: list[tuple[str, dict[str, Any], str]] = [
        ("updateList", {"listId": list_id, "name": "XML list 2"}, "list { name }"),
        ("subscribe", {"listId": list_id, "email": "x@example.com"}, "subscription { active }"),
        (
            "updateSubscriber",
            {"listId": list_id, "email": "x@example.com", "newEmail": "y@example.com"},
            "subscriber { email }",
        ),
        ("unsubscribe", {"listId": list_id, "email": "y@example.com"}, "subscription { active }"),
        (
            "createSegment",
            {
                "listId": list_id,
                "name": "Seg",
                "match": "OR",
                "rules": [{"field": "EmailAddress", "operator": "Contains", "value": "y"}],
            },
            "segment { id name }",
        ),
        (
            "createCampaign",
            {
                "platform": "OEMPRO",
                "name": "XML campaign",
                "content": {"subject": "Hi", "plainContent": "Bye %Link:Unsubscribe%"},
                "recipients": [{"listId": list_id}],
            },
            "campaign { id subject status }",
        ),
    ]
    results = {}
    for name, input, fields in steps:
        payload = await mutate(gateway, name, input, f"{fields} {USER_ERRORS}")
        assert payload["userErrors"] == [], name
        results[name] = payload
    assert results["updateList"]["list"] == {"name": "XML list 2"}
    assert results["subscribe"]["subscription"] == {"active": True}
    assert results["updateSubscriber"]["subscriber"] == {"email": "y@example.com"}
    assert results["unsubscribe"]["subscription"] == {"active": False}
    assert results["createCampaign"]["campaign"]["subject"] == "Hi"
    campaign_id = results["createCampaign"]["campaign"]["id"]
    for name, status in (("scheduleCampaign", "SCHEDULED"), ("cancelCampaign", "DRAFT")):
        payload = await mutate(
            gateway, name, {"campaignId": campaign_id}, f"campaign {{ status }} {USER_ERRORS}"
        )
        assert payload == {"campaign": {"status": status}, "userErrors": []}
    for name, input in (
        ("deleteCampaign", {"campaignId": campaign_id}),
        ("deleteSegment", {"segmentId": results["createSegment"]["segment"]["id"]}),
        ("deleteList", {"listId": list_id}),
    ):
        payload = await mutate(gateway, name, input, USER_ERRORS)
        assert payload == {"userErrors": []}, name
    assert int(list_id) not in state(emulators).lists


async def test_refusals_over_xml(xml_gateway, emulators):
    gateway = xml_gateway
    lst = own_lists(emulators)[0]
    cases: list[tuple[str, dict[str, Any], tuple[str, str]]] = [
        ("createList", {"platform": "OEMPRO", "name": lst["Name"]}, ("BAD_USER_INPUT", "2")),
        (
            "subscribe",
            {"listId": str(lst.id), "email": subscriber_in(emulators, lst.id)["EmailAddress"]},
            ("BAD_USER_INPUT", "9"),
        ),
        ("subscribe", {"listId": "999", "email": "a@example.com"}, ("NOT_FOUND", "4")),
        ("scheduleCampaign", {"campaignId": "999"}, ("NOT_FOUND", "2")),
        (
            "createCampaign",
            {
                "platform": "OEMPRO",
                "name": "x",
                "content": {"subject": "s", "plainContent": "no link"},
            },
            ("BAD_USER_INPUT", "12"),
        ),
    ]
    for name, input, expected in cases:
        payload = await mutate(gateway, name, input, USER_ERRORS)
        [error] = payload["userErrors"]
        assert (error["code"], error["legacyCode"], error["platform"]) == (*expected, "OEMPRO")


async def test_a_wrong_password_over_xml(emulators):
    async with open_gateway(emulators, oempro_password="wrong-one", **XML) as gateway:
        body = await gateway.result("{ me(platform: OEMPRO) { id } }")
    [error] = body["errors"]
    assert (error["extensions"]["code"], error["extensions"]["legacyCode"]) == (
        "UNAUTHENTICATED",
        "3",
    )


async def test_an_admin_login_meets_99999_over_xml(emulators):
    async with open_gateway(emulators, **ADMIN, **XML) as gateway:
        body = await gateway.result("{ campaigns(platform: OEMPRO) { totalCount } }")
    [error] = body["errors"]
    assert (error["extensions"]["code"], error["extensions"]["legacyCode"]) == (
        "FORBIDDEN",
        "99999",
    )


async def test_a_write_after_the_session_expired_lands_once_over_xml(xml_gateway, emulators):
    await xml_gateway.query("{ me(platform: OEMPRO) { id } }")
    await expire_sessions(emulators)
    await xml_gateway.reset_calls()
    payload = await mutate(
        xml_gateway,
        "createList",
        {"platform": "OEMPRO", "name": "Once"},
        f"list {{ name }} {USER_ERRORS}",
    )
    assert payload == {"list": {"name": "Once"}, "userErrors": []}
    assert [lst["Name"] for lst in own_lists(emulators)].count("Once") == 1
    assert await xml_gateway.counts(Platform.OEMPRO) == {
        "List.Create": 2,
        "User.Login": 1,
        "List.Get": 1,
    }
