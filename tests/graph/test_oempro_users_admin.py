"""Oempro users managed through the graph: the fixed account mutations on users and clients,
every user column, payment periods and the password reset flows; admin and user logins."""

from __future__ import annotations

import pytest

from mailgql.emulators.oempro.records import md5_hex
from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import ADMIN, USER_ERRORS, gid, mutate, refusal, state

ACCOUNT = f"account {{ id username name email phone timezone status }} {USER_ERRORS}"
NEW_USER = {
    "platform": "OEMPRO",
    "username": "fernhill",
    "password": "Fernhill-Pass-1",
    "email": "dana@fernhill.example",
    "name": "Dana",
    "lastName": "Reyes",
    "userGroupId": gid("UserGroup", 1),
    "timeZone": "Europe/Lisbon",
}


def user_gid(user_id: int) -> str:
    return gid("Account", f"user:{user_id}")


# -- the fixed account mutations -----------------------------------------------------------------


async def test_an_admin_creates_a_user_and_lists_it(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(gateway, "createSubAccount", NEW_USER, ACCOUNT)
        listed = await gateway.query(
            "{ accounts(platform: OEMPRO, first: 10) { totalCount "
            "nodes { username plan { name } } } }"
        )
    assert payload["userErrors"] == []
    assert payload["account"] == {
        "id": user_gid(6),
        "username": "fernhill",
        "name": "Dana Reyes",
        "email": "dana@fernhill.example",
        "phone": None,
        "timezone": "Europe/Lisbon",
        "status": "ACTIVE",
    }
    row = state(emulators).users[6]
    assert (row["Password"], row["Language"], row["RelUserGroupID"]) == (
        md5_hex("Fernhill-Pass-1"),
        "en",
        "1",
    )
    assert listed["accounts"]["totalCount"] == 6
    assert listed["accounts"]["nodes"][-1] == {"username": "fernhill", "plan": {"name": "Starter"}}


@pytest.mark.parametrize(
    ("change", "code", "legacy", "field"),
    [
        ({"username": "bluepeak"}, "BAD_USER_INPUT", "12", ["input", "username"]),
        ({"userGroupId": "77"}, "NOT_FOUND", "11", ["input", "userGroupId"]),
        ({"userGroupId": None}, "BAD_USER_INPUT", None, ["input", "userGroupId"]),
        ({"language": "xx"}, "BAD_USER_INPUT", "14", None),
    ],
)
async def test_refused_user_creations(emulators, change, code, legacy, field):
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(gateway, "createSubAccount", {**NEW_USER, **change}, ACCOUNT)
    refusal(payload, "account", code, legacy, field)
    assert len(state(emulators).users) == 5


async def test_a_user_login_creates_a_client(emulators):
    new = {**NEW_USER, "userGroupId": None, "username": "fern-client", "name": "Fern Client"}
    async with open_gateway(emulators) as gateway:
        payload = await mutate(gateway, "createSubAccount", new, ACCOUNT)
        clients = await gateway.query(
            "{ me(platform: OEMPRO) { subAccounts { totalCount nodes { username accountType } } } }"
        )
    assert payload["userErrors"] == []
    assert payload["account"]["username"] == "fern-client"
    assert payload["account"]["name"] == "Fern Client"
    nodes = clients["me"]["subAccounts"]["nodes"]
    assert {"username": "fern-client", "accountType": "client"} in nodes
    assert clients["me"]["subAccounts"]["totalCount"] == 4


async def test_delete_a_user_then_it_is_gone(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(
            gateway, "deleteAccount", {"accountId": user_gid(5)}, f"deletedAccountId {USER_ERRORS}"
        )
        unknown = await mutate(
            gateway, "deleteAccount", {"accountId": user_gid(77)}, f"deletedAccountId {USER_ERRORS}"
        )
        listed = await gateway.query("{ accounts(platform: OEMPRO) { totalCount } }")
    assert payload == {"deletedAccountId": user_gid(5), "userErrors": []}
    refusal(unknown, "deletedAccountId", "NOT_FOUND", None, ["input", "accountId"])
    assert listed["accounts"]["totalCount"] == 4
    assert 5 not in state(emulators).users


async def test_a_user_login_may_not_delete_users(emulators):
    async with open_gateway(emulators) as gateway:
        payload = await mutate(
            gateway, "deleteAccount", {"accountId": user_gid(2)}, f"deletedAccountId {USER_ERRORS}"
        )
    refusal(payload, "deletedAccountId", "FORBIDDEN", "99999", None)
    assert 2 in state(emulators).users


async def test_change_a_users_password_and_add_credits(emulators):
    groups = state(emulators).groups
    groups[1]["PaymentSystem"] = "Enabled"
    credits_before = state(emulators).users[2].number("AvailableCredits")
    async with open_gateway(emulators, **ADMIN) as gateway:
        password = await mutate(
            gateway,
            "changeAccountPassword",
            {"accountId": user_gid(2), "password": "Bluepeak-New-Pass"},
            f"account {{ username }} {USER_ERRORS}",
        )
        credits = await mutate(
            gateway,
            "addSendCredit",
            {"accountId": user_gid(2), "credits": 250},
            f"account {{ username quota {{ sendsAvailable }} }} {USER_ERRORS}",
        )
    assert password == {"account": {"username": "bluepeak"}, "userErrors": []}
    assert state(emulators).users[2]["Password"] == md5_hex("Bluepeak-New-Pass")
    assert credits["account"]["quota"] == {"sendsAvailable": credits_before + 250}
    assert state(emulators).users[2].number("AvailableCredits") == credits_before + 250


async def test_client_status_password_and_deletion_through_a_users_session(emulators):
    """An admin login reaches a user's clients through User.Switch (the key says whose)."""
    harbor = gid("Account", "client:1/1")
    async with open_gateway(emulators, **ADMIN) as gateway:
        status = await mutate(
            gateway,
            "setAccountStatus",
            {"accountId": harbor, "active": False},
            f"account {{ id status }} {USER_ERRORS}",
        )
        password = await mutate(
            gateway,
            "changeAccountPassword",
            {"accountId": harbor, "password": "Harbor-New-Pass"},
            f"account {{ id }} {USER_ERRORS}",
        )
        deleted = await mutate(
            gateway, "deleteAccount", {"accountId": harbor}, f"deletedAccountId {USER_ERRORS}"
        )
        calls = await gateway.counts(Platform.OEMPRO)
    assert status == {"account": {"id": harbor, "status": "DISABLED"}, "userErrors": []}
    assert password["userErrors"] == []
    assert deleted == {"deletedAccountId": harbor, "userErrors": []}
    assert 1 not in state(emulators).clients
    assert calls["User.Switch"] == 1
    assert calls["Client.Update"] == 2
    assert calls["Clients.Delete"] == 1


async def test_clients_have_no_credits(emulators):
    async with open_gateway(emulators) as gateway:
        payload = await mutate(
            gateway,
            "addSendCredit",
            {"accountId": gid("Account", "client:1"), "credits": 5},
            f"account {{ id }} {USER_ERRORS}",
        )
    refusal(payload, "account", "BAD_USER_INPUT", None, ["input", "accountId"])


# -- every column of a user ----------------------------------------------------------------------


async def test_an_admin_updates_any_column_of_a_user(emulators):
    change = {
        "accountId": user_gid(4),
        "firstName": "Lucia",
        "phone": "+34 600 000 000",
        "timeZone": "Europe/Madrid",
        "userGroupId": "3",
        "trusted": False,
        "active": False,
        "availableCredits": 42,
        "city": "Madrid",
    }
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(
            gateway,
            "updateOemproUser",
            change,
            f"account {{ name phone timezone status plan {{ name }} }} {USER_ERRORS}",
        )
    assert payload == {
        "account": {
            "name": "Lucia Ortega",
            "phone": "+34 600 000 000",
            "timezone": "Europe/Madrid",
            "status": "DISABLED",
            "plan": {"name": "Unlimited"},
        },
        "userErrors": [],
    }
    row = state(emulators).users[4]
    assert (row["ReputationLevel"], row["AvailableCredits"], row["City"]) == (
        "Untrusted",
        "42",
        "Madrid",
    )


async def test_a_user_login_updates_only_itself(emulators):
    async with open_gateway(emulators) as gateway:
        own = await mutate(
            gateway,
            "updateOemproUser",
            {"accountId": user_gid(1), "lastName": "Lind", "availableCredits": 9999},
            f"account {{ name }} {USER_ERRORS}",
        )
        other = await mutate(
            gateway,
            "updateOemproUser",
            {"accountId": user_gid(2), "lastName": "Nope"},
            f"account {{ name }} {USER_ERRORS}",
        )
        me = await gateway.query("{ me(platform: OEMPRO) { name } }")
    assert own == {"account": {"name": "Nora Lind"}, "userErrors": []}
    # Credits are the administrator's: Oempro keeps them.
    assert state(emulators).users[1]["AvailableCredits"] != "9999"
    refusal(other, "account", "FORBIDDEN", "2", ["input", "accountId"])
    assert state(emulators).users[2]["LastName"] == "Okafor"
    assert me == {"me": {"name": "Nora Lindqvist"}}  # the login's row, read at login


@pytest.mark.parametrize(
    ("change", "code", "legacy", "field"),
    [
        ({"email": "ben@bluepeakanalytics.example"}, "BAD_USER_INPUT", "6", ["input", "email"]),
        ({"accountId": user_gid(404), "city": "x"}, "NOT_FOUND", "5", ["input", "accountId"]),
        ({}, "BAD_USER_INPUT", None, ["input"]),
        ({"accountId": gid("Account", "client:1")}, "BAD_USER_INPUT", None, ["input", "accountId"]),
    ],
)
async def test_refused_user_updates(emulators, change, code, legacy, field):
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(
            gateway,
            "updateOemproUser",
            {"accountId": user_gid(4), **change},
            f"account {{ name }} {USER_ERRORS}",
        )
    refusal(payload, "account", code, legacy, field)


# -- payment periods -----------------------------------------------------------------------------

PERIODS = """{ accounts(platform: OEMPRO, first: 10) { nodes { username
  paymentPeriods { legacyId startsAt endsAt campaignsSent subtotal discount tax total taxIncluded
                   status statusChangedAt receiptSent }
  unpaid: paymentPeriods(status: UNPAID) { legacyId } } } }"""


async def test_an_admin_reads_each_users_payment_periods_once(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        await gateway.reset_calls()
        data = await gateway.query(PERIODS)
        calls = await gateway.counts(Platform.OEMPRO)
    periods = state(emulators).payment_periods
    assert calls["User.PaymentPeriods"] == 5
    for node in data["accounts"]["nodes"]:
        user = state(emulators).user_by_username(node["username"])
        own = [p for p in periods.values() if p.user_id == user.id]
        assert [p["legacyId"] for p in node["paymentPeriods"]] == [p["LogID"] for p in own]
        assert [p["legacyId"] for p in node["unpaid"]] == [
            p["LogID"] for p in own if p["PaymentStatus"] == "Unpaid"
        ]
        first, row = node["paymentPeriods"][0], own[0]
        assert first["total"] == pytest.approx(float(row["TotalAmount"]))
        assert first["startsAt"] == f"{row['PeriodStartDate']}T00:00:00Z"


async def test_payment_periods_are_the_admins_and_need_an_esp_licence(emulators):
    async with open_gateway(emulators) as gateway:
        body = await gateway.result(
            "{ me(platform: OEMPRO) { username paymentPeriods { total } } }"
        )
    assert body["data"]["me"] == {"username": "northwind", "paymentPeriods": None}
    [error] = body["errors"]
    assert (error["path"], error["extensions"]["code"]) == (["me", "paymentPeriods"], "FORBIDDEN")
    state(emulators).esp_licence = False
    async with open_gateway(emulators, **ADMIN) as gateway:
        body = await gateway.result(
            f'{{ node(id: "{user_gid(2)}") {{ ... on Account {{ username '
            "paymentPeriods { total } } } }"
        )
    assert body["data"]["node"] == {"username": "bluepeak", "paymentPeriods": None}
    [error] = body["errors"]
    assert (error["extensions"]["code"], error["extensions"]["legacyCode"]) == (
        "UPSTREAM_ERROR",
        "99997",
    )


async def test_update_a_payment_period(emulators):
    period = next(p for p in state(emulators).payment_periods.values() if p.user_id == 2)
    change = {
        "accountId": user_gid(2),
        "periodId": period["LogID"],
        "discount": 1.5,
        "taxIncluded": False,
        "status": "PAID",
        "sendReceipt": True,
    }
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(
            gateway,
            "updatePaymentPeriod",
            change,
            "paymentPeriod { legacyId discount total taxIncluded status receiptSent } "
            + USER_ERRORS,
        )
        wrong = await mutate(
            gateway,
            "updatePaymentPeriod",
            {**change, "accountId": user_gid(3)},
            f"paymentPeriod {{ legacyId }} {USER_ERRORS}",
        )
    expected_total = max(float(period["SubTotal"]) - 1.5, 0.0)
    assert payload["userErrors"] == []
    assert payload["paymentPeriod"] == {
        "legacyId": period["LogID"],
        "discount": 1.5,
        "total": pytest.approx(expected_total),
        "taxIncluded": False,
        "status": "PAID",
        "receiptSent": True,
    }
    assert state(emulators).outbox[-1].kind == "user-receipt"
    refusal(wrong, "paymentPeriod", "NOT_FOUND", "4", ["input", "periodId"])


# -- password reminders and resets ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "address", "holder"),
    [
        ("USER", "ben@bluepeakanalytics.example", "user"),
        ("CLIENT", "harbor@clients.example", "client"),
        ("ADMINISTRATOR", "admin@oempro.example", "admin"),
    ],
)
async def test_remind_then_reset_a_password(emulators, kind, address, holder):
    outbox = state(emulators).outbox
    async with open_gateway(emulators) as gateway:
        remind = await mutate(
            gateway,
            "remindOemproPassword",
            {"accountKind": kind, "email": address.upper()},
            f"sent {USER_ERRORS}",
        )
        [mail] = outbox
        token = mail.body.rsplit("id=", 1)[1]
        reset = await mutate(
            gateway,
            "resetOemproPassword",
            {"accountKind": kind, "token": token},
            f"sent {USER_ERRORS}",
        )
        calls = await gateway.counts(Platform.OEMPRO)
    assert remind == {"sent": True, "userErrors": []}
    assert reset == {"sent": True, "userErrors": []}
    assert (mail.to.lower(), mail.kind) == (address, f"{holder}-remind")
    assert outbox[-1].kind == f"{holder}-reset"
    # Sent without credentials: no login was needed for either.
    assert "User.Login" not in calls


@pytest.mark.parametrize(
    ("name", "input", "code", "legacy", "field"),
    [
        (
            "remindOemproPassword",
            {"accountKind": "USER", "email": "nobody@nowhere.example"},
            "NOT_FOUND",
            "3",
            ["input", "email"],
        ),
        (
            "remindOemproPassword",
            {"accountKind": "USER", "email": "not an address"},
            "BAD_USER_INPUT",
            None,
            ["input", "email"],
        ),
        (
            "resetOemproPassword",
            {"accountKind": "CLIENT", "token": "0" * 32},
            "NOT_FOUND",
            "2",
            ["input", "token"],
        ),
        (
            "resetOemproPassword",
            {"accountKind": "ADMINISTRATOR", "token": "f" * 32},
            "NOT_FOUND",
            "2",
            ["input", "token"],
        ),
    ],
)
async def test_refused_password_requests(emulators, name, input, code, legacy, field):
    async with open_gateway(emulators) as gateway:
        payload = await mutate(gateway, name, input, f"sent {USER_ERRORS}")
    refusal(payload, "sent", code, legacy, field)
    assert state(emulators).outbox == []
