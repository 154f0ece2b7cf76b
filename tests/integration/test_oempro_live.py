"""The Oempro path end to end over real HTTP: gateway and emulators each on 127.0.0.1."""

import pytest

from mailgql.platforms import Platform
from tests.graph.oempro_helpers import expected_count, gid, own_lists, state, subscriber_in

pytestmark = pytest.mark.live


async def test_lists_with_counts_and_campaigns_with_subjects_over_http(live_gateway, emulators):
    data = await live_gateway.query(
        """{ me(platform: OEMPRO) { username
             lists { nodes { legacyId subscriberCount bouncedCount } }
             campaigns(first: 10) { nodes { subject status stats { sent totalForwards } } } } }"""
    )
    lists = data["me"]["lists"]["nodes"]
    assert [n["subscriberCount"] for n in lists] == [
        expected_count(emulators, int(n["legacyId"]), "Active") for n in lists
    ]
    assert len(data["me"]["campaigns"]["nodes"]) == 10
    # The login, one listing per kind, two counts per list, one listing of emails.
    assert await live_gateway.counts(Platform.OEMPRO) == {
        "User.Login": 1,
        "Lists.Get": 1,
        "Subscribers.Get": 2 * len(lists),
        "Campaigns.Get": 1,
        "Emails.Get": 1,
    }


async def test_subscribe_then_look_up_over_http(live_gateway, emulators):
    lst = next(x for x in own_lists(emulators) if x["OptInMode"] == "Single")
    data = await live_gateway.query(
        """mutation($list: ID!) { subscribe(input: {listId: $list, email: "live@example.com"}) {
             subscription { email active list { name } } userErrors { code } } }""",
        {"list": gid("MailingList", lst.id)},
    )
    assert data["subscribe"] == {
        "subscription": {
            "email": "live@example.com",
            "active": True,
            "list": {"name": lst["Name"]},
        },
        "userErrors": [],
    }
    again = await live_gateway.query(
        f'{{ listSubscription(listId: "{lst.id}", email: "live@example.com") {{ active }} }}'
    )
    assert again == {"listSubscription": {"active": True}}


async def test_a_refusal_over_http_is_a_typed_user_error(live_gateway, emulators):
    lst = own_lists(emulators)[0]
    data = await live_gateway.query(
        """mutation($list: ID!, $email: String!) {
             subscribe(input: {listId: $list, email: $email}) {
               subscription { email } userErrors { code platform legacyCode field } } }""",
        {"list": str(lst.id), "email": subscriber_in(emulators, lst.id)["EmailAddress"]},
    )
    assert data["subscribe"] == {
        "subscription": None,
        "userErrors": [
            {
                "code": "BAD_USER_INPUT",
                "platform": "OEMPRO",
                "legacyCode": "9",
                "field": ["input", "email"],
            }
        ],
    }


async def test_an_expired_session_over_http_lands_the_write_once(live_gateway, emulators):
    await live_gateway.query("{ me(platform: OEMPRO) { username } }")
    expired = await live_gateway.emulator.post("/_emulator/oempro/expire-sessions")
    assert expired.json() == {"expired": 1}
    data = await live_gateway.query(
        'mutation { createList(input: {platform: OEMPRO, name: "Live list"}) '
        "{ list { name } userErrors { code } } }"
    )
    assert data["createList"] == {"list": {"name": "Live list"}, "userErrors": []}
    names = [lst["Name"] for lst in state(emulators).lists.values()]
    assert names.count("Live list") == 1


async def test_an_oempro_5xx_over_http_is_retried_and_reported(live_gateway):
    await live_gateway.query("{ me(platform: OEMPRO) { username } }")
    await live_gateway.fault(platform="oempro", kind="status", status=503, count=None)
    await live_gateway.reset_calls()
    body = await live_gateway.result("{ campaigns(first: 100) { nodes { platform } } }")
    assert {n["platform"] for n in body["data"]["campaigns"]["nodes"]} == {"MAXMAILER"}
    [error] = body["errors"]
    assert (error["extensions"]["platform"], error["extensions"]["code"]) == (
        "OEMPRO",
        "UPSTREAM_UNAVAILABLE",
    )
    assert await live_gateway.counts(Platform.OEMPRO) == {"Campaigns.Get": 3}
