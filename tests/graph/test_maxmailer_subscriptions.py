"""Maxmailer's per-list subscription API through the graph: read, subscribe, unsubscribe."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.maxmailer_helpers import LIST_KEYS, error_codes, gid, subscriber

READ = """query($list: ID!, $email: String!) {
  listSubscription(listId: $list, email: $email) {
    email name subscribedAt expiresAt active list { id name platform } } }"""
PAYLOAD = """
  subscription { email name subscribedAt expiresAt active list { name } }
  userErrors { code message field platform legacyCode }
"""


async def mutate(gateway, name: str, input: dict[str, Any]) -> dict:
    type_name = name[0].upper() + name[1:]
    data = await gateway.query(
        f"mutation($input: {type_name}Input!) {{ {name}(input: $input) {{ {PAYLOAD} }} }}",
        {"input": input},
    )
    return data[name]


def iso(moment: datetime) -> str:
    """A datetime as the graph prints it."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize("list_id", ["customers", gid("MailingList", "customers")])
async def test_a_list_is_named_by_its_configured_name_or_global_id(gateway, emulators, list_id):
    row = subscriber(emulators, "customers")
    data = await gateway.query(READ, {"list": list_id, "email": row.email.upper()})
    found = data["listSubscription"]
    assert found["email"] == row.email
    assert found["name"] == row.name
    assert found["active"] is True
    assert found["subscribedAt"] == iso(datetime.fromtimestamp(row.creation_date, tz=UTC))
    assert found["list"] == {
        "id": gid("MailingList", "customers"),
        "name": "customers",
        "platform": "MAXMAILER",
    }
    assert await gateway.counts(Platform.MAXMAILER) == {"status": 1}


@pytest.mark.parametrize("state", ["expired", "unsubscribed"])
async def test_an_ended_subscription_reads_back_inactive(gateway, emulators, state):
    row = subscriber(emulators, "newsletter", state=state)
    data = await gateway.query(READ, {"list": "newsletter", "email": row.email})
    assert data["listSubscription"]["active"] is False
    if state == "expired":
        expected = iso(datetime.fromtimestamp(row.unsus_date, tz=UTC))
        assert data["listSubscription"]["expiresAt"] == expected


async def test_an_address_not_in_the_list_is_null(gateway):
    data = await gateway.query(READ, {"list": "newsletter", "email": "nobody@example.com"})
    assert data["listSubscription"] is None


@pytest.mark.parametrize(
    ("list_id", "email", "code", "field"),
    [
        ("newsletter", "not-an-email", "BAD_USER_INPUT", ["email"]),
        ("no-such-list", "a@example.com", "NOT_FOUND", ["listId"]),
        (gid("MailingList", "no-such-list"), "a@example.com", "NOT_FOUND", ["listId"]),
        (gid("Account", 1), "a@example.com", "BAD_USER_INPUT", ["listId"]),
    ],
    ids=["bad-email", "unknown-name", "unknown-id", "not-a-list-id"],
)
async def test_bad_arguments_fail_before_any_call(gateway, list_id, email, code, field):
    body = await gateway.result(READ, {"list": list_id, "email": email})
    assert error_codes(body) == [code]
    assert body["errors"][0]["extensions"]["field"] == field
    assert await gateway.calls(Platform.MAXMAILER) == 0


async def test_no_list_key_reaches_a_client(gateway):
    response = await gateway.post(
        "{ me(platform: MAXMAILER) { lists { nodes { id legacyId name description } } } }"
    )
    for key in LIST_KEYS.values():
        assert key not in response.text


async def test_subscribe_then_read_back(gateway):
    ends = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
    payload = await mutate(
        gateway,
        "subscribe",
        {
            "listId": "newsletter",
            "email": "nueva@example.com",
            "name": "Nu",
            "expiresAt": iso(ends),
        },
    )
    assert payload["userErrors"] == []
    sub = payload["subscription"]
    assert (sub["email"], sub["name"], sub["active"]) == ("nueva@example.com", "Nu", True)
    assert sub["expiresAt"] == iso(ends)
    assert sub["list"] == {"name": "newsletter"}
    assert await gateway.counts(Platform.MAXMAILER) == {"subscribe": 1, "status": 1}


async def test_a_read_then_subscribe_then_read_in_one_request_sees_the_change(gateway):
    data = await gateway.query(
        """mutation {
             before: unsubscribe(input: {listId: "newsletter", email: "x@example.com"}) {
               userErrors { legacyCode } }
             add: subscribe(input: {listId: "newsletter", email: "x@example.com"}) {
               subscription { active } }
             drop: unsubscribe(input: {listId: "newsletter", email: "x@example.com"}) {
               subscription { active } userErrors { code } }
           }"""
    )
    assert data["before"]["userErrors"] == [{"legacyCode": "1107"}]
    assert data["add"]["subscription"] == {"active": True}
    assert data["drop"] == {"subscription": {"active": False}, "userErrors": []}


async def test_subscription_that_runs_out_reads_back_inactive(gateway):
    ends = datetime.now(UTC) + timedelta(hours=1)
    await mutate(
        gateway,
        "subscribe",
        {"listId": "customers", "email": "b@example.com", "expiresAt": iso(ends)},
    )
    moved = await gateway.emulator.post(
        "/_emulator/maxmailer/advance-clock", json={"seconds": 7200}
    )
    assert moved.status_code == 200
    data = await gateway.query(READ, {"list": "customers", "email": "b@example.com"})
    assert data["listSubscription"]["active"] is False


@pytest.mark.parametrize(
    ("input", "code", "legacy", "field"),
    [
        (
            {"listId": "webinars", "email": "new@example.com"},
            "FORBIDDEN",
            "1104",
            ["input", "email"],
        ),
        (
            {"listId": "vip-club", "email": "new@example.com"},
            "FORBIDDEN",
            "1104",
            ["input", "email"],
        ),
        (
            {"listId": "newsletter", "email": "spamtrap@example.com"},
            "FORBIDDEN",
            "1108",
            ["input", "email"],
        ),
        (
            {"listId": "newsletter", "email": "x@blocked.example"},
            "FORBIDDEN",
            "1108",
            ["input", "email"],
        ),
        ({"listId": "newsletter", "email": "a@b.c"}, "BAD_USER_INPUT", "1103", ["input", "email"]),
    ],
    ids=["owner-quota", "list-full", "blacklisted", "blacklisted-domain", "email-syntax"],
)
async def test_subscribe_refusals_are_mapped(gateway, input, code, legacy, field):
    payload = await mutate(gateway, "subscribe", input)
    assert payload["subscription"] is None
    [error] = payload["userErrors"]
    assert (error["code"], error["legacyCode"], error["field"]) == (code, legacy, field)
    assert error["platform"] == "MAXMAILER"


async def test_subscribing_an_active_address_again_is_refused(gateway, emulators):
    email = subscriber(emulators, "newsletter").email
    payload = await mutate(gateway, "subscribe", {"listId": "newsletter", "email": email})
    [error] = payload["userErrors"]
    assert (error["code"], error["legacyCode"]) == ("BAD_USER_INPUT", "1105")


async def test_an_end_in_the_past_is_refused_before_any_call(gateway):
    past = datetime.now(UTC) - timedelta(minutes=5)
    payload = await mutate(
        gateway,
        "subscribe",
        {"listId": "newsletter", "email": "p@example.com", "expiresAt": iso(past)},
    )
    [error] = payload["userErrors"]
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", ["input", "expiresAt"])
    assert await gateway.calls(Platform.MAXMAILER) == 0


async def test_an_end_past_by_maxmailers_clock_is_mapped(gateway):
    # Maxmailer's clock runs a day ahead: an end an hour ahead of ours is past for it
    await gateway.emulator.post("/_emulator/maxmailer/advance-clock", json={"seconds": 86_400})
    ends = datetime.now(UTC) + timedelta(hours=1)
    payload = await mutate(
        gateway,
        "subscribe",
        {"listId": "newsletter", "email": "p@example.com", "expiresAt": iso(ends)},
    )
    [error] = payload["userErrors"]
    assert (error["code"], error["legacyCode"]) == ("BAD_USER_INPUT", "1106")
    assert error["field"] == ["input", "expiresAt"]


async def test_unsubscribe_an_address_not_in_the_list(gateway):
    payload = await mutate(
        gateway, "unsubscribe", {"listId": "newsletter", "email": "nobody@example.com"}
    )
    [error] = payload["userErrors"]
    assert (error["code"], error["legacyCode"]) == ("NOT_FOUND", "1107")


async def test_a_bad_address_is_refused_before_any_call(gateway):
    payload = await mutate(gateway, "unsubscribe", {"listId": "newsletter", "email": "nope"})
    [error] = payload["userErrors"]
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", ["input", "email"])
    assert await gateway.calls(Platform.MAXMAILER) == 0


async def test_a_wrong_list_key_is_unauthenticated_without_leaking_it(emulators):
    keys = {**LIST_KEYS, "newsletter": "wrong-key-123456"}
    async with open_gateway(emulators, maxmailer_list_keys=keys) as gateway:
        body = await gateway.result(READ, {"list": "newsletter", "email": "a@example.com"})
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["extensions"]["legacyCode"] == "1101"
    assert "MAILGQL_MAXMAILER_LIST_KEYS" in error["message"]
    assert "wrong-key-123456" not in str(body)


async def test_the_subscription_api_works_without_a_login_id(emulators):
    row = subscriber(emulators, "customers")
    async with open_gateway(emulators, maxmailer_login_id=None) as gateway:
        data = await gateway.query(READ, {"list": "customers", "email": row.email})
        body = await gateway.result("{ accounts(platform: MAXMAILER) { totalCount } }")
    assert data["listSubscription"]["active"] is True
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "MAILGQL_MAXMAILER_LOGIN_ID" in error["message"]
