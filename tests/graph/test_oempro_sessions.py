"""Oempro sessions through the graph: one login per process, a new one when the server forgets
the session (99998), and the command refused then sent once more, so a write lands once."""

from __future__ import annotations

import json

from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import (
    ADMIN,
    USER_ERRORS,
    expire_sessions,
    gid,
    mutate,
    own_lists,
    state,
)

LISTS = "{ me(platform: OEMPRO) { lists { totalCount } } }"


async def test_one_login_serves_every_request(gateway):
    for _ in range(3):
        await gateway.query(LISTS)
    assert await gateway.counts(Platform.OEMPRO) == {"User.Login": 1, "Lists.Get": 3}


async def test_a_write_after_the_session_expired_is_applied_once(gateway, emulators):
    await gateway.query(LISTS)
    assert await expire_sessions(emulators) == 1
    await gateway.reset_calls()
    payload = await mutate(
        gateway,
        "createList",
        {"platform": "OEMPRO", "name": "After expiry"},
        f"list {{ name }} {USER_ERRORS}",
    )
    assert payload == {"list": {"name": "After expiry"}, "userErrors": []}
    assert [lst["Name"] for lst in own_lists(emulators)].count("After expiry") == 1
    # Refused with 99998 before it ran, logged in again, sent once more; then read back.
    assert await gateway.counts(Platform.OEMPRO) == {
        "List.Create": 2,
        "User.Login": 1,
        "List.Get": 1,
    }


async def test_a_subscription_after_the_session_expired_lands_once(gateway, emulators):
    lst = own_lists(emulators)[0]
    await gateway.query(LISTS)
    await expire_sessions(emulators)
    await gateway.reset_calls()
    payload = await mutate(
        gateway,
        "subscribe",
        {"listId": str(lst.id), "email": "late@example.com"},
        f"subscription {{ active }} {USER_ERRORS}",
    )
    assert payload == {"subscription": {"active": True}, "userErrors": []}
    rows = [
        s
        for s in state(emulators).subscribers[lst.id].values()
        if s["EmailAddress"] == "late@example.com"
    ]
    assert len(rows) == 1
    counts = await gateway.counts(Platform.OEMPRO)
    # The subscription itself is public (no session to expire): sent once. The read-back
    # meets the expired session, logs in once, and is sent again.
    assert (counts["Subscriber.Subscribe"], counts["User.Login"]) == (1, 1)
    assert counts["Subscriber.Get"] + counts["List.Get"] in {3, 4}


async def test_reads_of_one_request_share_the_new_login(gateway):
    await gateway.query(LISTS)
    await expire_sessions(gateway.emulators)
    await gateway.reset_calls()
    data = await gateway.query(
        "{ me(platform: OEMPRO) { lists { totalCount } campaigns { totalCount } "
        "subAccounts { totalCount } } }"
    )
    assert data["me"]["lists"]["totalCount"] == 8
    assert data["me"]["campaigns"]["totalCount"] == 10
    assert data["me"]["subAccounts"]["totalCount"] == 3
    counts = await gateway.counts(Platform.OEMPRO)
    # However the three reads interleave, the expired session costs one login for all of
    # them, and a read refused with it is sent once more.
    assert counts.pop("User.Login") == 1
    assert set(counts) == {"Lists.Get", "Campaigns.Get", "Clients.Get"}
    assert set(counts.values()) <= {1, 2}
    assert 2 in counts.values()


async def test_an_admin_session_is_renewed_too(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        await gateway.query("{ accounts(platform: OEMPRO) { totalCount } }")
        await expire_sessions(emulators)
        payload = await mutate(
            gateway,
            "setAccountStatus",
            {"accountId": gid("Account", "user:4"), "active": False},
            f"account {{ status }} {USER_ERRORS}",
        )
        counts = await gateway.counts(Platform.OEMPRO)
    assert payload == {"account": {"status": "DISABLED"}, "userErrors": []}
    assert state(emulators).users[4]["AccountStatus"] == "Disabled"
    assert counts["Admin.Login"] == 2
    assert counts["User.Update"] == 2


async def test_a_second_99998_is_unauthenticated_and_the_write_never_ran(gateway, emulators):
    await gateway.query(LISTS)
    await gateway.fault(
        platform="oempro",
        kind="status",
        status=200,
        endpoint="List.Create",
        count=None,
        body=json.dumps({"Success": False, "ErrorCode": 99998, "ErrorText": "Session expired"}),
    )
    await gateway.reset_calls()
    payload = await mutate(
        gateway,
        "createList",
        {"platform": "OEMPRO", "name": "Never"},
        f"list {{ name }} {USER_ERRORS}",
    )
    assert payload["list"] is None
    [error] = payload["userErrors"]
    assert (error["code"], error["legacyCode"]) == ("UNAUTHENTICATED", "99998")
    assert "MAILGQL_OEMPRO_USERNAME" in error["message"]
    assert "Never" not in [lst["Name"] for lst in own_lists(emulators)]
    # Once again after a new login, never a third time.
    assert await gateway.counts(Platform.OEMPRO) == {"List.Create": 2, "User.Login": 1}


async def test_a_write_that_fails_on_the_wire_is_not_retried(gateway, emulators):
    await gateway.query(LISTS)
    await gateway.fault(platform="oempro", kind="status", status=503, endpoint="List.Create")
    await gateway.reset_calls()
    body = await gateway.result(
        'mutation { createList(input: {platform: OEMPRO, name: "Lost"}) { list { id } } }'
    )
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
    assert "httpStatus" not in error["extensions"]  # in the log; to clients with debug_errors
    assert await gateway.counts(Platform.OEMPRO) == {"List.Create": 1}


async def test_a_read_that_fails_on_the_wire_is_retried(gateway):
    await gateway.query(LISTS)
    await gateway.fault(platform="oempro", kind="status", status=502, endpoint="Lists.Get", count=2)
    await gateway.reset_calls()
    data = await gateway.query(LISTS)
    assert data["me"]["lists"]["totalCount"] == 8
    assert await gateway.counts(Platform.OEMPRO) == {"Lists.Get": 3}


async def test_a_php_error_page_is_a_bad_response_that_stays_inside(gateway):
    await gateway.fault(platform="oempro", kind="malformed", endpoint="Lists.Get", count=None)
    body = await gateway.result(LISTS)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_BAD_RESPONSE"
    assert "operation" not in error["extensions"]  # in the log; to clients with debug_errors
    assert "Lists.Get" not in error["message"]
    assert "Fatal error" not in json.dumps(body)
    assert "/var/www" not in json.dumps(body)


async def test_a_server_older_than_subscriber_get_is_searched_instead(gateway, emulators):
    lst = own_lists(emulators)[0]
    row = next(iter(state(emulators).subscribers[lst.id].values()))
    await gateway.fault(
        platform="oempro",
        kind="malformed",
        endpoint="Subscriber.Get",
        count=None,
        body="<b>Fatal error</b>: Call to undefined method API::SubscriberGet()",
    )
    query = (
        "query($e: String!) { listSubscription(listId: "
        f'"{lst.id}", email: $e) {{ email active }} }}'
    )
    first = await gateway.query(query, {"e": row["EmailAddress"]})
    second = await gateway.query(query, {"e": row["EmailAddress"].upper()})
    assert first["listSubscription"] == {"email": row["EmailAddress"], "active": True}
    assert second == first
    counts = await gateway.counts(Platform.OEMPRO)
    # Asked once, found missing, then the searched listing for every look-up (4.1.15-).
    assert counts["Subscriber.Get"] == 1
    assert counts["Subscribers.Get"] == 2
