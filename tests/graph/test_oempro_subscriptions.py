"""subscribe, unsubscribe and listSubscription on Oempro lists, by plain id or global ID."""

from __future__ import annotations

import pytest

from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import (
    ADMIN,
    API_KEY,
    USER_ERRORS,
    gid,
    iso,
    mutate,
    own_lists,
    refusal,
    state,
    subscriber_in,
)

PAYLOAD = (
    f"subscription {{ email name subscribedAt expiresAt active list {{ id name }} }} {USER_ERRORS}"
)
LOOKUP = """query($list: ID!, $email: String!) { listSubscription(listId: $list, email: $email) {
             email name subscribedAt expiresAt active list { id name } } }"""


def single_opt_in(emulators):
    return next(x for x in own_lists(emulators) if x["OptInMode"] == "Single")


@pytest.mark.parametrize("by", ["plain", "global"])
async def test_subscribe_then_the_list_holds_the_address(gateway, emulators, by):
    lst = single_opt_in(emulators)
    list_id = str(lst.id) if by == "plain" else gid("MailingList", lst.id)
    payload = await mutate(
        gateway, "subscribe", {"listId": list_id, "email": "new.reader@example.com"}, PAYLOAD
    )
    assert payload["userErrors"] == []
    row = state(emulators).subscriber_by_email(lst.id, "new.reader@example.com")
    assert row is not None
    assert row["SubscriptionStatus"] == "Subscribed"
    assert payload["subscription"] == {
        "email": "new.reader@example.com",
        "name": None,
        "subscribedAt": iso(row["SubscriptionDate"]),
        "expiresAt": None,
        "active": True,
        "list": {"id": gid("MailingList", lst.id), "name": lst["Name"]},
    }
    assert await gateway.counts(Platform.OEMPRO) == {
        "Subscriber.Subscribe": 1,  # public: sent without the session
        "User.Login": 1,
        "Subscriber.Get": 1,
        "List.Get": 1,
    }


async def test_a_double_opt_in_list_holds_the_address_inactive(gateway, emulators):
    lst = next(x for x in own_lists(emulators) if x["OptInMode"] == "Double")
    payload = await mutate(
        gateway, "subscribe", {"listId": str(lst.id), "email": "wait@example.com"}, PAYLOAD
    )
    assert payload["subscription"]["active"] is False
    row = state(emulators).subscriber_by_email(lst.id, "wait@example.com")
    assert row["SubscriptionStatus"] == "Opt-In Pending"


async def test_the_name_goes_into_the_configured_field(emulators):
    lst = single_opt_in(emulators)
    async with open_gateway(emulators, oempro_name_field="First name") as gateway:
        payload = await mutate(
            gateway,
            "subscribe",
            {"listId": str(lst.id), "email": "named@example.com", "name": "Ines"},
            PAYLOAD,
        )
    assert payload["subscription"]["name"] == "Ines"
    column = next(
        f.column for f in state(emulators).fields_of(lst.id) if f["FieldName"] == "First name"
    )
    assert state(emulators).subscriber_by_email(lst.id, "named@example.com")[column] == "Ines"


@pytest.mark.parametrize(
    ("settings", "patch", "field", "words"),
    [
        ({}, {"name": "Ines"}, ["input", "name"], "MAILGQL_OEMPRO_NAME_FIELD"),
        (
            {"oempro_name_field": "Nickname"},
            {"name": "Ines"},
            ["input", "name"],
            "no custom field",
        ),
        ({}, {"expiresAt": "2099-01-01T00:00:00Z"}, ["input", "expiresAt"], "do not expire"),
        ({}, {"email": "not an address"}, ["input", "email"], "not a valid e-mail"),
    ],
    ids=["no-name-field", "unknown-name-field", "expires-at", "bad-email"],
)
async def test_what_oempro_cannot_keep_is_refused_before_subscribing(
    emulators, settings, patch, field, words
):
    lst = single_opt_in(emulators)
    async with open_gateway(emulators, **settings) as gateway:
        payload = await mutate(
            gateway,
            "subscribe",
            {"listId": str(lst.id), "email": "x@example.com", **patch},
            PAYLOAD,
        )
        counts = await gateway.counts(Platform.OEMPRO)
    error = refusal(payload, "subscription", "BAD_USER_INPUT", None, field)
    assert words in error["message"]
    assert "Subscriber.Subscribe" not in counts


async def test_an_address_already_in_the_list_is_refused_with_code_9(gateway, emulators):
    lst = own_lists(emulators)[0]
    row = subscriber_in(emulators, lst.id)
    payload = await mutate(
        gateway, "subscribe", {"listId": str(lst.id), "email": row["EmailAddress"]}, PAYLOAD
    )
    refusal(payload, "subscription", "BAD_USER_INPUT", "9", ["input", "email"])


async def test_an_unknown_list_is_not_found_with_code_4(gateway):
    payload = await mutate(
        gateway, "subscribe", {"listId": "999", "email": "x@example.com"}, PAYLOAD
    )
    refusal(payload, "subscription", "NOT_FOUND", "4", ["input", "listId"])


async def test_a_list_of_a_disabled_user_is_forbidden_with_code_11(gateway, emulators):
    owner = state(emulators).users[2]
    owner["AccountStatus"] = "Disabled"
    payload = await mutate(
        gateway,
        "subscribe",
        {"listId": str(state(emulators).lists_of(2)[0].id), "email": "x@example.com"},
        PAYLOAD,
    )
    refusal(payload, "subscription", "FORBIDDEN", "11", ["input", "listId"])


async def test_unsubscribe_then_the_address_is_inactive(gateway, emulators):
    lst = next(x for x in own_lists(emulators) if x["OptOutScope"] == "This list")
    row = subscriber_in(emulators, lst.id)
    payload = await mutate(
        gateway, "unsubscribe", {"listId": str(lst.id), "email": row["EmailAddress"]}, PAYLOAD
    )
    assert payload["userErrors"] == []
    assert payload["subscription"]["email"] == row["EmailAddress"]
    assert payload["subscription"]["active"] is False
    assert row["SubscriptionStatus"] == "Unsubscribed"


async def test_unsubscribe_twice_or_an_unknown_address(gateway, emulators):
    lst = own_lists(emulators)[0]
    gone = subscriber_in(emulators, lst.id, status="Unsubscribed")
    twice = await mutate(
        gateway, "unsubscribe", {"listId": str(lst.id), "email": gone["EmailAddress"]}, PAYLOAD
    )
    refusal(twice, "subscription", "BAD_USER_INPUT", "9", ["input", "email"])
    unknown = await mutate(
        gateway, "unsubscribe", {"listId": str(lst.id), "email": "nobody@example.com"}, PAYLOAD
    )
    refusal(unknown, "subscription", "NOT_FOUND", "7", ["input", "email"])
    no_list = await mutate(
        gateway, "unsubscribe", {"listId": "999", "email": "nobody@example.com"}, PAYLOAD
    )
    refusal(no_list, "subscription", "NOT_FOUND", "4", ["input", "listId"])


async def test_list_subscription_by_plain_id_and_global_id(gateway, emulators):
    lst = own_lists(emulators)[0]
    row = subscriber_in(emulators, lst.id)
    expected = {
        "email": row["EmailAddress"],
        "name": None,
        "subscribedAt": iso(row["SubscriptionDate"]),
        "expiresAt": None,
        "active": True,
        "list": {"id": gid("MailingList", lst.id), "name": lst["Name"]},
    }
    for list_id in (str(lst.id), gid("MailingList", lst.id)):
        data = await gateway.query(LOOKUP, {"list": list_id, "email": row["EmailAddress"]})
        assert data["listSubscription"] == expected
    # Subscriber.Get and List.Get each, per request.
    assert await gateway.counts(Platform.OEMPRO) == {
        "User.Login": 1,
        "Subscriber.Get": 2,
        "List.Get": 2,
    }


async def test_list_subscription_of_states_and_of_nothing(gateway, emulators):
    lst = own_lists(emulators)[0]
    hard = next(
        s for s in state(emulators).subscribers[lst.id].values() if s["BounceType"] == "Hard"
    )
    bounced = await gateway.query(LOOKUP, {"list": str(lst.id), "email": hard["EmailAddress"]})
    assert bounced["listSubscription"]["active"] is False
    for list_id, email in (
        (str(lst.id), "nobody@example.com"),
        ("999", "nobody@example.com"),
        (str(state(emulators).lists_of(2)[0].id), hard["EmailAddress"]),
    ):
        data = await gateway.query(LOOKUP, {"list": list_id, "email": email})
        assert data["listSubscription"] is None


async def test_list_subscription_refuses_a_v2_list(gateway):
    body = await gateway.result(
        LOOKUP, {"list": "TWFpbGluZ0xpc3Q6djJyZXN0Ojc2MDE=", "email": "a@example.com"}
    )
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "v2 REST" in error["message"]


async def test_with_an_api_key_subscriptions_work_without_a_login(emulators):
    lst = single_opt_in(emulators)
    async with open_gateway(emulators, **API_KEY) as gateway:
        payload = await mutate(
            gateway, "subscribe", {"listId": str(lst.id), "email": "key@example.com"}, PAYLOAD
        )
        counts = await gateway.counts(Platform.OEMPRO)
    assert payload["subscription"]["active"] is True
    assert "User.Login" not in counts


async def test_with_an_admin_login_the_public_write_works_but_cannot_be_read_back(emulators):
    lst = single_opt_in(emulators)
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(
            gateway, "subscribe", {"listId": str(lst.id), "email": "adm@example.com"}, PAYLOAD
        )
        body = await gateway.result(LOOKUP, {"list": str(lst.id), "email": "adm@example.com"})
    assert payload == {"subscription": None, "userErrors": []}
    assert state(emulators).subscriber_by_email(lst.id, "adm@example.com") is not None
    [error] = body["errors"]
    assert (error["extensions"]["code"], error["extensions"]["legacyCode"]) == (
        "FORBIDDEN",
        "99999",
    )
