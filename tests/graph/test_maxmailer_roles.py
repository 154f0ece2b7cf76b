"""The three Maxmailer roles through the graph: admin, user-manager (reseller) and plain user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from mailgql.emulators import Emulators
from mailgql.platforms import Platform
from tests.conftest import Gateway, open_gateway
from tests.graph.maxmailer_helpers import (
    ADMIN_ID,
    LIST_KEYS,
    PLAIN_LOGIN,
    PLAIN_USER_ID,
    RESELLER_ID,
    RESELLER_LOGIN,
    error_codes,
    gid,
    mm_state,
)

USER_ERRORS = "userErrors { code message field platform legacyCode }"


@pytest.fixture
async def reseller(emulators: Emulators) -> AsyncIterator[Gateway]:
    async with open_gateway(emulators, maxmailer_login_id=RESELLER_LOGIN) as gateway:
        yield gateway


@pytest.fixture
async def plain(emulators: Emulators) -> AsyncIterator[Gateway]:
    async with open_gateway(emulators, maxmailer_login_id=PLAIN_LOGIN) as gateway:
        yield gateway


async def mutate(gateway: Gateway, name: str, input: dict[str, Any], payload: str) -> dict:
    type_name = name[0].upper() + name[1:]
    data = await gateway.query(
        f"mutation($input: {type_name}Input!) {{ {name}(input: $input) {{ {payload} }} }}",
        {"input": input},
    )
    return data[name]


# -- user-manager -----------------------------------------------------------------------------


async def test_a_user_manager_sees_only_its_users(reseller, emulators):
    own = sorted(u.id for u in mm_state(emulators).children(RESELLER_ID))
    data = await reseller.query(
        "{ accounts(platform: MAXMAILER) { totalCount nodes { id parent { id username } } } }"
    )
    nodes = data["accounts"]["nodes"]
    assert data["accounts"]["totalCount"] == len(own)
    assert [n["id"] for n in nodes] == [gid("Account", i) for i in own]
    # every user's parent is the Login ID's own account, which the API does not show by record
    assert {n["parent"]["id"] for n in nodes} == {gid("Account", "me")}
    assert await reseller.counts(Platform.MAXMAILER) == {"ListUsers": 1}


async def test_a_user_managers_me_holds_its_users_campaigns_and_lists(reseller, emulators):
    state = mm_state(emulators)
    data = await reseller.query(
        "{ me(platform: MAXMAILER) { id username status accountType parent { id } "
        "quota { sendLimit } subAccounts { totalCount } campaigns { totalCount } "
        "lists { nodes { name } } } }"
    )
    me = data["me"]
    assert me["id"] == gid("Account", "me")
    assert (me["username"], me["status"], me["accountType"]) == ("me", "ACTIVE", "reseller")
    assert me["parent"] is None
    assert me["quota"] is None  # GetUser of its own record is refused (4002): not made up
    assert me["subAccounts"]["totalCount"] == len(state.children(RESELLER_ID))
    assert me["campaigns"]["totalCount"] == sum(
        1 for c in state.campaigns.values() if c.owner_id == RESELLER_ID
    )
    assert [n["name"] for n in me["lists"]["nodes"]] == list(LIST_KEYS)


async def test_a_user_manager_cannot_see_outside_its_scope(reseller, emulators):
    outside = next(u.id for u in mm_state(emulators).children(ADMIN_ID) if u.id != RESELLER_ID)
    data = await reseller.query(
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Account { username "
        "quota { subscribers } } } }",
        {"ids": [gid("Account", ADMIN_ID), gid("Account", outside), gid("Account", PLAIN_USER_ID)]},
    )
    assert data["nodes"][:2] == [None, None]
    assert data["nodes"][2]["quota"]["subscribers"] is not None
    payload = await mutate(
        reseller,
        "setAccountStatus",
        {"accountId": gid("Account", outside), "active": False},
        f"account {{ id }} {USER_ERRORS}",
    )
    [error] = payload["userErrors"]
    assert (error["code"], error["legacyCode"]) == ("NOT_FOUND", "5002")
    assert mm_state(emulators).users[outside].suspended is False


async def test_a_user_managers_new_user_hangs_under_its_me(reseller, emulators):
    payload = await mutate(
        reseller,
        "createSubAccount",
        {
            "platform": "MAXMAILER",
            "username": "hijo_nuevo",
            "password": "abcde",
            "email": "h@example.com",
            "limits": {
                "sendLimit": 100,
                "listLimit": 1,
                "subscriberLimit": 100,
                "messageSizeLimitKb": 512,
            },
        },
        f"account {{ username parent {{ id }} quota {{ sendPeriod }} }} {USER_ERRORS}",
    )
    assert payload["userErrors"] == []
    assert payload["account"]["parent"]["id"] == gid("Account", "me")
    # a user-manager's users share its own period
    period = mm_state(emulators).users[RESELLER_ID].period
    assert payload["account"]["quota"]["sendPeriod"] == period.upper()


UNLIMITED_SUBSCRIBERS = {"subscriberLimit": None, "unlimited": ["SUBSCRIBERS"]}
UNLIMITED_SENDS = {"sendLimit": None, "unlimited": ["SENDS"]}


@pytest.mark.parametrize(
    ("limits", "legacy", "field"),
    [
        ({"sendLimit": 10_000_000}, "2016", ["input", "limits", "sendLimit"]),
        ({"listLimit": 1000}, "2014", ["input", "limits", "listLimit"]),
        ({"subscriberLimit": 10_000_000}, "2022", ["input", "limits", "subscriberLimit"]),
        ({"messageSizeLimitKb": 100_000}, "2024", ["input", "limits", "messageSizeLimitKb"]),
        # unlimited is more than a user-manager with limits of its own has
        (UNLIMITED_SUBSCRIBERS, "2019", ["input", "limits", "unlimited"]),
        (UNLIMITED_SENDS, "2016", ["input", "limits", "unlimited"]),
    ],
)
async def test_a_user_manager_hands_out_only_what_its_licence_has(reseller, limits, legacy, field):
    small = {"sendLimit": 100, "listLimit": 1, "subscriberLimit": 100, "messageSizeLimitKb": 512}
    payload = await mutate(
        reseller,
        "createSubAccount",
        {
            "platform": "MAXMAILER",
            "username": "hijo_grande",
            "password": "abcde",
            "email": "h@example.com",
            "limits": {**small, **limits},
        },
        f"account {{ id }} {USER_ERRORS}",
    )
    [error] = payload["userErrors"]
    assert (error["code"], error["legacyCode"], error["field"]) == ("BAD_USER_INPUT", legacy, field)


async def test_a_user_manager_stops_at_its_user_limit(reseller, emulators):
    state = mm_state(emulators)
    room = state.users[RESELLER_ID].max_users - len(state.children(RESELLER_ID))
    limits = {"sendLimit": 100, "listLimit": 1, "subscriberLimit": 100, "messageSizeLimitKb": 512}
    errors = []
    for n in range(room + 1):
        payload = await mutate(
            reseller,
            "createSubAccount",
            {
                "platform": "MAXMAILER",
                "username": f"hijo{n:02d}",
                "password": "abcde",
                "email": "h@example.com",
                "limits": limits,
            },
            USER_ERRORS,
        )
        errors.append(payload["userErrors"])
    assert errors[:-1] == [[]] * room
    [last] = errors[-1]
    assert (last["code"], last["legacyCode"]) == ("FORBIDDEN", "2025")


# -- plain user -------------------------------------------------------------------------------


async def test_a_plain_user_may_not_list_accounts(plain):
    body = await plain.result("{ accounts(platform: MAXMAILER) { totalCount } }")
    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["extensions"]["legacyCode"] == "9001"
    assert error["extensions"]["platform"] == "MAXMAILER"


async def test_a_plain_user_gets_forbidden_on_every_account_write(plain, emulators):
    target = gid("Account", PLAIN_USER_ID)
    writes = [
        (
            "createSubAccount",
            {"platform": "MAXMAILER", "username": "abc", "password": "abcde", "email": "a@x.com"},
            "2001",
        ),
        ("setAccountStatus", {"accountId": target, "active": False}, "5001"),
        ("setAccountStatus", {"accountId": target, "active": True}, "6001"),
        ("changeAccountPassword", {"accountId": target, "password": "abcdef"}, "7001"),
        ("addSendCredit", {"accountId": target, "credits": 5}, "3001"),
        ("deleteAccount", {"accountId": target}, "8001"),
    ]
    for name, input, legacy in writes:
        payload = await mutate(plain, name, input, USER_ERRORS)
        [error] = payload["userErrors"]
        assert (error["code"], error["legacyCode"], error["platform"]) == (
            "FORBIDDEN",
            legacy,
            "MAXMAILER",
        ), name
    assert mm_state(emulators).users[PLAIN_USER_ID].suspended is False


async def test_a_plain_user_may_not_read_accounts_by_id(plain):
    body = await plain.result(
        "query($id: ID!) { node(id: $id) { ... on Account { quota { subscribers } } } }",
        {"id": gid("Account", PLAIN_USER_ID)},
    )
    assert error_codes(body) == ["FORBIDDEN"]
    assert body["errors"][0]["extensions"]["legacyCode"] == "4001"


async def test_a_plain_users_me_sees_its_own_campaigns_and_no_users(plain, emulators):
    owned = sorted(
        c.message_id for c in mm_state(emulators).campaigns.values() if c.owner_id == PLAIN_USER_ID
    )
    data = await plain.query(
        "{ me(platform: MAXMAILER) { id username accountType subAccounts { totalCount } "
        "campaigns { totalCount nodes { legacyId status stats { recipients } } } } }"
    )
    me = data["me"]
    assert (me["id"], me["username"], me["accountType"]) == (gid("Account", "me"), "me", None)
    assert me["subAccounts"]["totalCount"] == 0
    assert [int(n["legacyId"]) for n in me["campaigns"]["nodes"]] == owned
    assert all(n["stats"]["recipients"] > 0 for n in me["campaigns"]["nodes"])


async def test_a_plain_user_cannot_read_another_users_campaign(plain, emulators):
    others = next(c for c in mm_state(emulators).campaigns.values() if c.owner_id == ADMIN_ID)
    data = await plain.query(
        "query($id: ID!) { node(id: $id) { id } }", {"id": gid("Campaign", others.message_id)}
    )
    assert data == {"node": None}  # 1201: invisible is as good as unknown
