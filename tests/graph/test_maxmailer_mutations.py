"""Maxmailer account writes through the graph: effects, fresh reads, checks, every refusal."""

from __future__ import annotations

from typing import Any

import pytest

from mailgql.platforms import Platform
from tests.graph.maxmailer_helpers import (
    ADMIN_ID,
    PLAIN_USER_ID,
    RESELLER_ID,
    error_codes,
    gid,
    mm_state,
    one_time_user,
)
from tests.graph.v2_helpers import ACCOUNT as V2_ACCOUNT, gid as v2_gid

PAYLOAD = """
  account { id username name email status accountType suspendedAt trialDays parent { id }
            permissions { attachments bounceHandling forms api embeddedImages }
            quota { sendLimit sendPeriod listLimit subscriberLimit messageSizeLimitKb
                    attachmentSizeLimitKb sendsAvailable } }
  userErrors { code message field platform legacyCode }
"""
DELETE_PAYLOAD = "deletedAccountId userErrors { code message field platform legacyCode }"
GOOD = {
    "platform": "MAXMAILER",
    "username": "nuevo_01",
    "password": "Abc_123$x",
    "email": "nuevo@example.com",
}


async def mutate(gateway, name: str, input: dict[str, Any], payload: str = PAYLOAD) -> dict:
    type_name = name[0].upper() + name[1:]
    data = await gateway.query(
        f"mutation($input: {type_name}Input!) {{ {name}(input: $input) {{ {payload} }} }}",
        {"input": input},
    )
    return data[name]


def refusal(payload: dict, code: str, legacy: str | None, field: list[str] | None) -> dict:
    """The one user error of a refused change, checked."""
    assert payload.get("account") is None
    [error] = payload["userErrors"]
    assert error["code"] == code
    assert error["legacyCode"] == legacy
    assert error["field"] == field
    return error


# -- createSubAccount -------------------------------------------------------------------------


async def test_create_with_limits_and_flags_then_it_is_listed(gateway, emulators):
    payload = await mutate(
        gateway,
        "createSubAccount",
        {
            **GOOD,
            "name": "Ana",
            "lastName": "Ruiz",
            "limits": {"sendLimit": 500, "sendPeriod": "DAILY", "listLimit": 3},
            "permissions": {"api": True, "forms": True},
            "trialDays": 30,
        },
    )
    assert payload["userErrors"] == []
    account = payload["account"]
    assert account["username"] == "nuevo_01"
    assert account["name"] == "Ana Ruiz"
    assert account["status"] == "ACTIVE"
    assert account["accountType"] == "user"
    assert account["trialDays"] == 30
    assert account["parent"]["id"] == gid("Account", ADMIN_ID)
    assert account["permissions"] == {
        "attachments": False,
        "bounceHandling": False,
        "forms": True,
        "api": True,
        "embeddedImages": False,
    }
    quota = account["quota"]
    assert (quota["sendLimit"], quota["sendPeriod"], quota["listLimit"]) == (500, "DAILY", 3)
    # omitted: not sent, so Maxmailer's own default applies
    assert quota["subscriberLimit"] == mm_state(emulators).licence.default_subscribers
    assert quota["sendsAvailable"] == 500
    stored = next(u for u in mm_state(emulators).users.values() if u.uname == "nuevo_01")
    assert account["id"] == gid("Account", stored.id)
    assert stored.password == "Abc_123$x"
    data = await gateway.query("{ accounts(platform: MAXMAILER, first: 100) { nodes { id } } }")
    assert account["id"] in [n["id"] for n in data["accounts"]["nodes"]]


async def test_create_costs_one_write_and_one_fresh_read(gateway):
    await mutate(
        gateway, "createSubAccount", GOOD, "account { username status } userErrors { code }"
    )
    assert await gateway.counts(Platform.MAXMAILER) == {"CreateUser": 1, "ListUsers": 1}


async def test_create_without_limits_gets_the_platforms_defaults(gateway, emulators):
    payload = await mutate(gateway, "createSubAccount", GOOD)
    assert payload["userErrors"] == []
    quota = payload["account"]["quota"]
    licence = mm_state(emulators).licence
    assert (
        quota["sendLimit"],
        quota["listLimit"],
        quota["subscriberLimit"],
        quota["messageSizeLimitKb"],
    ) == (
        licence.default_sends,
        licence.default_lists,
        licence.default_subscribers,
        licence.default_message_size,
    )
    assert payload["account"]["permissions"]["api"] is False  # a stock server's default


async def test_unlimited_where_the_licence_forbids_it_is_a_typed_user_error(gateway, emulators):
    before = set(mm_state(emulators).users)
    payload = await mutate(
        gateway, "createSubAccount", {**GOOD, "limits": {"unlimited": ["SUBSCRIBERS"]}}
    )
    error = refusal(payload, "BAD_USER_INPUT", "2009", ["input", "limits", "unlimited"])
    assert error["platform"] == "MAXMAILER"
    assert "unlimited subscribers" in error["message"]
    assert set(mm_state(emulators).users) == before


@pytest.mark.parametrize(
    ("caps", "limits", "legacy", "field"),
    [
        (
            {"lists_per_user": 10},
            {"unlimited": ["LISTS"]},
            "2015",
            ["input", "limits", "unlimited"],
        ),
        ({"lists_per_user": 10}, {"listLimit": 11}, "2015", ["input", "limits", "listLimit"]),
        (
            {"sends_per_user": 500},
            {"unlimited": ["SENDS"]},
            "2017",
            ["input", "limits", "unlimited"],
        ),
        ({"sends_per_user": 500}, {"sendLimit": 501}, "2017", ["input", "limits", "sendLimit"]),
        (
            {"subscribers_per_user": 100},
            {"subscriberLimit": 101},
            "2012",
            ["input", "limits", "subscriberLimit"],
        ),
    ],
)
async def test_licence_caps_come_back_as_user_errors(gateway, caps, limits, legacy, field):
    response = await gateway.emulator.post("/_emulator/maxmailer/licence", json=caps)
    assert "licence" in response.json()
    payload = await mutate(gateway, "createSubAccount", {**GOOD, "limits": limits})
    refusal(payload, "BAD_USER_INPUT", legacy, field)


async def test_unlimited_where_the_licence_allows_it(gateway):
    response = await gateway.emulator.post(
        "/_emulator/maxmailer/licence", json={"subscribers_per_user": 0, "subscribers_total": 0}
    )
    assert "licence" in response.json()
    payload = await mutate(
        gateway,
        "createSubAccount",
        {**GOOD, "limits": {"sendLimit": 50, "unlimited": ["SUBSCRIBERS", "LISTS"]}},
    )
    assert payload["userErrors"] == []
    quota = payload["account"]["quota"]
    assert (quota["sendLimit"], quota["listLimit"], quota["subscriberLimit"]) == (50, None, None)


async def test_a_limit_both_numbered_and_unlimited_is_refused_before_any_call(gateway):
    payload = await mutate(
        gateway,
        "createSubAccount",
        {**GOOD, "limits": {"listLimit": 3, "unlimited": ["LISTS"]}},
    )
    error = refusal(payload, "BAD_USER_INPUT", None, ["input", "limits", "unlimited"])
    assert "listLimit" in error["message"]
    assert await gateway.calls(Platform.MAXMAILER) == 0


@pytest.mark.parametrize(
    ("patch", "field", "words"),
    [
        ({"username": "ab"}, ["input", "username"], "3 to 15 characters"),
        ({"username": "a" * 16}, ["input", "username"], "3 to 15 characters"),
        ({"username": "has space"}, ["input", "username"], "spaces"),
        ({"password": "abcd"}, ["input", "password"], "5 to 15 characters"),
        ({"password": "a" * 16}, ["input", "password"], "5 to 15 characters"),
        ({"password": "bad pass!"}, ["input", "password"], "letters, digits"),
        ({"email": "not-an-email"}, ["input", "email"], "not a valid e-mail"),
        ({"name": "n" * 41}, ["input", "name"], "0 to 40 characters"),
        ({"lastName": "n" * 41}, ["input", "lastName"], "0 to 40 characters"),
        ({"limits": {"sendLimit": 0}}, ["input", "limits", "sendLimit"], "1 or more"),
        ({"limits": {"listLimit": -2}}, ["input", "limits", "listLimit"], "1 or more"),
        ({"limits": {"subscriberLimit": 0}}, ["input", "limits", "subscriberLimit"], "1 or more"),
        ({"trialDays": 0}, ["input", "trialDays"], "1 or more"),
    ],
)
async def test_create_input_is_checked_before_any_call(gateway, patch, field, words):
    payload = await mutate(gateway, "createSubAccount", {**GOOD, **patch})
    error = refusal(payload, "BAD_USER_INPUT", None, field)
    assert words in error["message"]
    assert await gateway.calls(Platform.MAXMAILER) == 0


@pytest.mark.parametrize(
    ("patch", "legacy", "field"),
    [
        ({"username": "bad+name"}, "2002", ["input", "username"]),
        ({"email": "a@b.c"}, "2007", ["input", "email"]),
        ({"username": "admin"}, "2008", ["input", "username"]),
    ],
    ids=["username-characters", "email-syntax", "username-in-use"],
)
async def test_create_refused_by_maxmailer_is_mapped(gateway, patch, legacy, field):
    payload = await mutate(gateway, "createSubAccount", {**GOOD, **patch})
    error = refusal(payload, "BAD_USER_INPUT", legacy, field)
    assert error["platform"] == "MAXMAILER"
    assert await gateway.counts(Platform.MAXMAILER) == {"CreateUser": 1}


# -- setAccountStatus -------------------------------------------------------------------------


async def test_suspend_then_unsuspend(gateway, emulators):
    account_id = gid("Account", PLAIN_USER_ID)
    off = await mutate(gateway, "setAccountStatus", {"accountId": account_id, "active": False})
    assert off["userErrors"] == []
    assert off["account"]["status"] == "SUSPENDED"
    assert off["account"]["suspendedAt"] is not None
    assert mm_state(emulators).users[PLAIN_USER_ID].suspended
    on = await mutate(gateway, "setAccountStatus", {"accountId": account_id, "active": True})
    assert on["account"]["status"] == "ACTIVE"
    assert on["account"]["suspendedAt"] is None


@pytest.mark.parametrize(("active", "legacy"), [(False, "5002"), (True, "6002")])
async def test_status_of_an_unknown_user_is_not_found(gateway, active, legacy):
    payload = await mutate(
        gateway, "setAccountStatus", {"accountId": gid("Account", 999_999), "active": active}
    )
    error = refusal(payload, "NOT_FOUND", legacy, ["input", "accountId"])
    assert "Unknow user ID." in error["message"]


async def test_the_admin_may_not_suspend_itself(gateway):
    payload = await mutate(
        gateway, "setAccountStatus", {"accountId": gid("Account", ADMIN_ID), "active": False}
    )
    refusal(payload, "FORBIDDEN", "5001", None)


async def test_a_write_that_fails_on_the_wire_is_not_retried(gateway):
    await gateway.fault(platform="maxmailer", kind="status", status=503, endpoint="SuspendUser")
    body = await gateway.result(
        "mutation($id: ID!) { setAccountStatus(input: {accountId: $id, active: false}) "
        "{ account { id } } }",
        {"id": gid("Account", PLAIN_USER_ID)},
    )
    assert error_codes(body) == ["UPSTREAM_UNAVAILABLE"]
    assert await gateway.counts(Platform.MAXMAILER) == {"SuspendUser": 1}


# -- deleteAccount ----------------------------------------------------------------------------


async def test_delete_then_the_account_is_gone_and_its_users_move_up(gateway, emulators):
    state = mm_state(emulators)
    children = [u.id for u in state.children(RESELLER_ID)]
    account_id = gid("Account", RESELLER_ID)
    payload = await mutate(gateway, "deleteAccount", {"accountId": account_id}, DELETE_PAYLOAD)
    assert payload == {"deletedAccountId": account_id, "userErrors": []}
    data = await gateway.query(
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Account { parent { id } } } }",
        {"ids": [account_id, gid("Account", children[0])]},
    )
    assert data["nodes"][0] is None
    assert data["nodes"][1]["parent"]["id"] == gid("Account", ADMIN_ID)


async def test_delete_an_unknown_user_is_not_found(gateway):
    payload = await mutate(
        gateway, "deleteAccount", {"accountId": gid("Account", 999_999)}, DELETE_PAYLOAD
    )
    assert payload["deletedAccountId"] is None
    [error] = payload["userErrors"]
    assert (error["code"], error["legacyCode"]) == ("NOT_FOUND", "8002")


# -- changeAccountPassword --------------------------------------------------------------------


async def test_change_password(gateway, emulators):
    payload = await mutate(
        gateway,
        "changeAccountPassword",
        {"accountId": gid("Account", PLAIN_USER_ID), "password": "N3w-Pass$"},
    )
    assert payload["userErrors"] == []
    assert payload["account"]["id"] == gid("Account", PLAIN_USER_ID)
    assert mm_state(emulators).users[PLAIN_USER_ID].password == "N3w-Pass$"


@pytest.mark.parametrize("password", ["abc", "x" * 16, "no spaces"])
async def test_a_password_against_the_rule_is_refused_before_any_call(gateway, password):
    payload = await mutate(
        gateway,
        "changeAccountPassword",
        {"accountId": gid("Account", PLAIN_USER_ID), "password": password},
    )
    refusal(payload, "BAD_USER_INPUT", None, ["input", "password"])
    assert await gateway.calls(Platform.MAXMAILER) == 0


async def test_change_password_of_an_unknown_user_is_not_found(gateway):
    payload = await mutate(
        gateway,
        "changeAccountPassword",
        {"accountId": gid("Account", 999_999), "password": "abcdef"},
    )
    refusal(payload, "NOT_FOUND", "7002", ["input", "accountId"])


# -- addSendCredit ----------------------------------------------------------------------------


async def test_add_send_credit_raises_the_sends_available(gateway, emulators):
    target = one_time_user(emulators)
    account_id = gid("Account", target.id)
    before = await gateway.query(
        "query($id: ID!) { node(id: $id) { ... on Account { quota { sendsAvailable } } } }",
        {"id": account_id},
    )
    payload = await mutate(gateway, "addSendCredit", {"accountId": account_id, "credits": 250})
    assert payload["userErrors"] == []
    assert payload["account"]["quota"]["sendPeriod"] == "ONE_TIME"
    after = payload["account"]["quota"]["sendsAvailable"]
    assert after == before["node"]["quota"]["sendsAvailable"] + 250


@pytest.mark.parametrize("credits", [0, -5, 100_000_001])
async def test_credits_out_of_range_are_refused_before_any_call(gateway, emulators, credits):
    account_id = gid("Account", one_time_user(emulators).id)
    payload = await mutate(gateway, "addSendCredit", {"accountId": account_id, "credits": credits})
    refusal(payload, "BAD_USER_INPUT", None, ["input", "credits"])
    assert await gateway.calls(Platform.MAXMAILER) == 0


async def test_credit_for_a_monthly_account_is_refused_by_maxmailer(gateway):
    payload = await mutate(
        gateway, "addSendCredit", {"accountId": gid("Account", PLAIN_USER_ID), "credits": 10}
    )
    error = refusal(payload, "BAD_USER_INPUT", "3003", ["input", "accountId"])
    assert "one time" in error["message"]


async def test_credit_for_an_unknown_user_is_not_found(gateway):
    payload = await mutate(
        gateway, "addSendCredit", {"accountId": gid("Account", 999_999), "credits": 10}
    )
    refusal(payload, "NOT_FOUND", "3002", ["input", "accountId"])


# -- targets ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("deleteAccount", {}),
        ("changeAccountPassword", {"password": "abcdef"}),
        ("addSendCredit", {"credits": 5}),
    ],
)
async def test_v2_accounts_have_no_such_write(gateway, name, extra):
    payload = await mutate(
        gateway,
        name,
        {"accountId": v2_gid("Account", V2_ACCOUNT), **extra},
        DELETE_PAYLOAD if name == "deleteAccount" else PAYLOAD,
    )
    [error] = payload["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert "v2 REST is not supported" in error["message"]
    assert await gateway.calls() == 0


async def test_the_gateways_own_placeholder_account_cannot_be_changed(gateway):
    payload = await mutate(
        gateway, "setAccountStatus", {"accountId": gid("Account", "me"), "active": False}
    )
    refusal(payload, "BAD_USER_INPUT", None, ["input", "accountId"])
    assert await gateway.calls(Platform.MAXMAILER) == 0
