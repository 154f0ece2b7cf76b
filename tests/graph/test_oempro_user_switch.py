"""An Oempro admin login reads each user's lists, campaigns and clients in that user's session,
opened with ``User.Switch`` once per user per process, and its objects keep that session for
their nested fields and in their global IDs."""

from __future__ import annotations

import json
from typing import Any

from mailgql.emulators.oempro.records import md5_hex
from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import (
    ADMIN,
    canned_error,
    expire_sessions,
    gid,
    own_campaigns,
    own_lists,
    state,
)

USER_DATA = """
  subAccounts { totalCount nodes { username email status accountType parent { username } } }
  lists(first: 100) { totalCount nodes {
    legacyId name createdAt doubleOptIn subscriberCount unsubscribedCount bouncedCount
    subscribers(first: 2) { totalCount nodes { email subscriptionStatus fields { name value } } }
    segments { totalCount nodes { legacyId name lists { legacyId name } } } } }
  campaigns(first: 100) { totalCount nodes {
    legacyId name subject from status legacyStatus startedAt finishedAt
    stats { recipients sent bounced uniqueOpens openRate } } }
"""
"""What a user's own login and the administrator both see of a user (IDs differ: see below)."""


def user_gid(user_id: int) -> str:
    return gid("Account", f"user:{user_id}")


def of_user(user_id: int, fields: str) -> str:
    """A document that reads ``fields`` of one user's Account."""
    return f'{{ node(id: "{user_gid(user_id)}") {{ ... on Account {{ {fields} }} }} }}'


def with_password(emulators, username: str) -> str:
    """Give a seeded user a password the test knows (the seed's are random)."""
    password = f"{username.capitalize()}-Known-{len(username)}"
    user = state(emulators).user_by_username(username)
    assert user is not None
    user["Password"] = md5_hex(password)
    return password


async def own_view(emulators, username: str) -> dict[str, Any]:
    """What a gateway logged in with the user's own credentials says about that user."""
    password = with_password(emulators, username)
    async with open_gateway(
        emulators, oempro_username=username, oempro_password=password
    ) as gateway:
        data = await gateway.query(f"{{ me(platform: OEMPRO) {{ username {USER_DATA} }} }}")
    return data["me"]


# -- the data is the user's own ------------------------------------------------------------------


async def test_each_users_data_is_what_its_own_login_sees(emulators):
    # The disabled user could not log in to compare with; its refusal is tested below.
    state(emulators).user_by_username("cedarworks")["AccountStatus"] = "Enabled"
    async with open_gateway(emulators, **ADMIN) as gateway:
        data = await gateway.query(
            f"{{ accounts(platform: OEMPRO, first: 10) {{ nodes {{ username {USER_DATA} }} }} }}"
        )
    seen = data["accounts"]["nodes"]
    assert [n["username"] for n in seen] == [
        "northwind",
        "bluepeak",
        "cedarworks",
        "lumenlabs",
        "orbitfoods",
    ]
    for node in seen:
        assert node == await own_view(emulators, node["username"]), node["username"]
    by_name = {n["username"]: n for n in seen}
    totals = {
        name: tuple(by_name[name][f]["totalCount"] for f in ("lists", "campaigns", "subAccounts"))
        for name in by_name
    }
    assert totals == {
        "northwind": (8, 10, 3),
        "bluepeak": (3, 1, 0),
        "cedarworks": (0, 0, 0),
        "lumenlabs": (1, 1, 0),
        "orbitfoods": (0, 0, 0),
    }
    # Nested reads ran in each user's session too: real counts, subjects, segments.
    northwind = by_name["northwind"]
    assert sum(n["subscriberCount"] for n in northwind["lists"]["nodes"]) > 0
    assert all(n["segments"]["totalCount"] > 0 for n in northwind["lists"]["nodes"])
    assert by_name["bluepeak"]["campaigns"]["nodes"][0]["legacyStatus"] == "Pending Approval"
    assert by_name["lumenlabs"]["campaigns"]["nodes"][0]["subject"]


# -- what it costs ------------------------------------------------------------------------------

COSTED = """{ accounts(platform: OEMPRO, first: 2) { nodes { username
  lists { totalCount nodes { subscriberCount } }
  campaigns { totalCount nodes { subject } }
  subAccounts { totalCount } } } }"""


async def test_one_switch_per_user_per_process_then_the_reads(emulators):
    """Two users, their lists with a count each, their campaigns with subjects, their clients.

    Fewest calls: 1 ``Admin.Login`` + 1 ``Users.Get`` + per user 1 ``User.Switch`` (the reads
    run only in the user's session) + 1 ``Lists.Get`` + 1 ``Subscribers.Get`` per list +
    1 ``Campaigns.Get`` + its subjects (the 10 campaigns of the first user: 1 ``Emails.Get``;
    the second user's lone campaign: 1 ``Email.Get``) + 1 ``Clients.Get``. A second document
    costs the same without the login and the switches.
    """
    async with open_gateway(emulators, **ADMIN) as gateway:
        data = await gateway.query(COSTED)
        first = await gateway.counts(Platform.OEMPRO)
        await gateway.reset_calls()
        again = await gateway.query(COSTED)
        second = await gateway.counts(Platform.OEMPRO)
    assert again == data
    [northwind, bluepeak] = data["accounts"]["nodes"]
    assert (northwind["lists"]["totalCount"], bluepeak["lists"]["totalCount"]) == (8, 3)
    reads = {
        "Users.Get": 1,
        "Lists.Get": 2,
        "Subscribers.Get": 8 + 3,
        "Campaigns.Get": 2,
        "Emails.Get": 1,
        "Email.Get": 1,
        "Clients.Get": 2,
    }
    assert first == {"Admin.Login": 1, "User.Switch": 2, **reads}
    assert second == reads


async def test_concurrent_first_reads_of_one_user_switch_once(emulators):
    db = state(emulators)
    list_id = db.lists_of(2)[0].id
    campaign_id = next(c.id for c in db.campaigns.values() if c.owner_id == 2)
    async with open_gateway(emulators, **ADMIN) as gateway:
        # A slow switch keeps every read of the user waiting for it at the same time.
        await gateway.fault(
            platform="oempro", kind="latency", endpoint="User.Switch", latency_ms=30
        )
        await gateway.query(
            f"""{{ a: node(id: "{user_gid(2)}") {{ ... on Account {{ lists {{ totalCount }} }} }}
                   b: node(id: "{user_gid(2)}") {{
                     ... on Account {{ campaigns {{ totalCount }} }} }}
                   c: node(id: "{gid("MailingList", f"2/{list_id}")}") {{ id }}
                   d: node(id: "{gid("Campaign", f"2/{campaign_id}")}") {{ id }} }}"""
        )
        counts = await gateway.counts(Platform.OEMPRO)
    assert counts == {
        "Admin.Login": 1,
        "User.Get": 1,
        "User.Switch": 1,
        "Lists.Get": 1,
        "Campaigns.Get": 1,
        "List.Get": 1,
        "Campaign.Get": 1,
    }


async def test_two_users_lists_never_share_an_entry(emulators):
    mine = own_lists(emulators)[0]
    async with open_gateway(emulators, **ADMIN) as gateway:
        data = await gateway.query(
            f"""{{ as1: node(id: "{gid("MailingList", f"1/{mine.id}")}") {{
                     ... on MailingList {{ name subscriberCount }} }}
                   as2: node(id: "{gid("MailingList", f"2/{mine.id}")}") {{ id }}
                   again: node(id: "{gid("MailingList", f"1/{mine.id}")}") {{
                     ... on MailingList {{ subscriberCount }} }} }}"""
        )
        counts = await gateway.counts(Platform.OEMPRO)
    assert data["as1"]["name"] == mine["Name"]
    assert data["as2"] is None  # the same id, read as another user: not that user's list
    assert data["again"] == {"subscriberCount": data["as1"]["subscriberCount"]}
    assert counts == {
        "Admin.Login": 1,
        "User.Switch": 2,
        "List.Get": 2,
        "Subscribers.Get": 1,
    }


# -- sessions -----------------------------------------------------------------------------------


async def test_every_session_expired_midway_costs_one_login_one_switch_and_one_replay(emulators):
    target = own_lists(emulators)[1]
    list_id = gid("MailingList", f"1/{target.id}")
    document = f'{{ node(id: "{list_id}") {{ ... on MailingList {{ name }} }} }}'
    async with open_gateway(emulators, **ADMIN) as gateway:
        before = await gateway.query(document)
        assert await expire_sessions(emulators) == 2  # the admin's and the switched one
        await gateway.reset_calls()
        after = await gateway.query(document)
        counts = await gateway.counts(Platform.OEMPRO)
    assert after == before == {"node": {"name": target["Name"]}}
    # List.Get is refused (99998); the switch to renew it is refused too (the admin session is
    # gone), so the admin logs in again, switches, and List.Get is sent once more.
    assert counts == {"List.Get": 2, "User.Switch": 2, "Admin.Login": 1}


async def test_users_read_after_expiry_each_switch_again_once(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        await gateway.query(COSTED)
        await expire_sessions(emulators)
        await gateway.reset_calls()
        data = await gateway.query(
            "{ accounts(platform: OEMPRO, first: 2) { nodes { lists { totalCount } } } }"
        )
        counts = await gateway.counts(Platform.OEMPRO)
    assert [n["lists"]["totalCount"] for n in data["accounts"]["nodes"]] == [8, 3]
    assert counts == {"Users.Get": 2, "Admin.Login": 1, "User.Switch": 2, "Lists.Get": 4}


async def test_a_disabled_users_session_is_refused_twice_then_unauthenticated(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        body = await gateway.result(of_user(3, "username lists { totalCount }"))
        counts = await gateway.counts(Platform.OEMPRO)
    [error] = body["errors"]
    assert error["path"] == ["node", "lists"]
    assert (error["extensions"]["code"], error["extensions"]["legacyCode"]) == (
        "UNAUTHENTICATED",
        "99998",
    )
    assert "user 3" in error["message"]
    assert "enabled" in error["message"]
    assert counts == {"Admin.Login": 1, "User.Get": 1, "User.Switch": 2, "Lists.Get": 2}


async def test_no_session_id_reaches_a_response(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        bodies = [
            json.dumps(await gateway.result(COSTED)),
            json.dumps(await gateway.result(of_user(3, "lists { totalCount }"))),
        ]
    sessions = list(state(emulators).sessions)
    assert len(sessions) >= 3
    for session in sessions:
        assert all(session not in body for body in bodies)


# -- refusals -----------------------------------------------------------------------------------


async def test_a_user_gone_before_the_switch_is_not_found(emulators):
    # debug_errors: the error names the command that refused (else in the log only)
    async with open_gateway(emulators, debug_errors=True, **ADMIN) as gateway:
        await gateway.fault(
            platform="oempro",
            kind="status",
            status=200,
            endpoint="User.Switch",
            body=canned_error(2, "Invalid user"),
        )
        body = await gateway.result(of_user(2, "lists { totalCount }"))
    [error] = body["errors"]
    assert error["path"] == ["node", "lists"]
    extensions = error["extensions"]
    assert (extensions["code"], extensions["legacyCode"], extensions["operation"]) == (
        "NOT_FOUND",
        "2",
        "User.Switch",
    )


async def test_objects_of_an_unknown_user_read_as_null(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        data = await gateway.query(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            {
                "ids": [
                    gid("MailingList", "999/1"),
                    gid("Campaign", "999/1"),
                    gid("Segment", "999/1:1"),
                    gid("Account", "client:999/1"),
                ]
            },
        )
        counts = await gateway.counts(Platform.OEMPRO)
    assert data["nodes"] == [None] * 4
    # Oempro says "invalid user" (2) to each switch, so no session is kept for that user and
    # each read that waited for the failed switch tries its own.
    assert counts == {"Admin.Login": 1, "User.Switch": 4}


async def test_99999_in_a_users_session_is_still_forbidden(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        await gateway.fault(
            platform="oempro",
            kind="status",
            status=200,
            endpoint="Lists.Get",
            body=canned_error(99999, "Not enough privileges"),
        )
        body = await gateway.result(of_user(2, "lists { totalCount }"))
        counts = await gateway.counts(Platform.OEMPRO)
    [error] = body["errors"]
    assert (error["extensions"]["code"], error["extensions"]["legacyCode"]) == (
        "FORBIDDEN",
        "99999",
    )
    # Privileges are not expiry: nothing is switched or sent again.
    assert (counts["User.Switch"], counts["Lists.Get"]) == (1, 1)


async def test_the_admins_own_session_still_meets_99999(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        body = await gateway.result(f'{{ node(id: "{gid("MailingList", 1)}") {{ id }} }}')
        counts = await gateway.counts(Platform.OEMPRO)
    [error] = body["errors"]
    assert (error["extensions"]["code"], error["extensions"]["legacyCode"]) == (
        "FORBIDDEN",
        "99999",
    )
    assert "User.Switch" not in counts


async def test_a_user_login_sees_no_other_users_objects_and_switches_never(gateway, emulators):
    mine = own_lists(emulators)[0]
    data = await gateway.query(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on MailingList { name } } }",
        {
            "ids": [
                gid("MailingList", f"2/{mine.id}"),
                gid("MailingList", f"1/{mine.id}"),
                gid("MailingList", f"x/{mine.id}"),
                gid("Account", "client:2/1"),
            ]
        },
    )
    # Its own user id in front is its own session: the list, under its plain ID.
    assert data["nodes"] == [
        None,
        {"id": gid("MailingList", mine.id), "name": mine["Name"]},
        None,
        None,
    ]
    assert await gateway.counts(Platform.OEMPRO) == {"User.Login": 1, "List.Get": 1}


# -- global IDs ---------------------------------------------------------------------------------


async def test_objects_read_as_a_user_keep_that_user_in_their_ids(emulators):
    lists = own_lists(emulators)
    campaign = own_campaigns(emulators)[0]
    first_client = min(c.id for c in state(emulators).clients.values() if c.owner_id == 1)
    async with open_gateway(emulators, **ADMIN) as gateway:
        data = await gateway.query(
            f"""{{ node(id: "{user_gid(1)}") {{ ... on Account {{
                   subAccounts(first: 1) {{ nodes {{ id username }} }}
                   lists(first: 1) {{ nodes {{ id segments(first: 1) {{ nodes {{ id
                     lists {{ id }} }} }} }} }}
                   campaigns(first: 1) {{ nodes {{ id subject }} }} }} }} }}"""
        )
        account = data["node"]
        [client] = account["subAccounts"]["nodes"]
        [lst] = account["lists"]["nodes"]
        [segment] = lst["segments"]["nodes"]
        [camp] = account["campaigns"]["nodes"]
        first_segment = min(
            s.id for s in state(emulators).segments.values() if s.list_id == lists[0].id
        )
        assert client["id"] == gid("Account", f"client:1/{first_client}")
        assert lst["id"] == gid("MailingList", f"1/{lists[0].id}")
        assert segment["id"] == gid("Segment", f"1/{lists[0].id}:{first_segment}")
        assert segment["lists"] == [{"id": lst["id"]}]
        assert camp["id"] == gid("Campaign", f"1/{campaign.id}")
        await gateway.reset_calls()
        again = await gateway.query(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id "
            "... on Account { username } ... on Campaign { subject } "
            "... on Segment { lists { id } } } }",
            {"ids": [client["id"], lst["id"], segment["id"], camp["id"]]},
        )
        counts = await gateway.counts(Platform.OEMPRO)
    assert again["nodes"] == [
        {"id": client["id"], "username": client["username"]},
        {"id": lst["id"]},
        {"id": segment["id"], "lists": [{"id": lst["id"]}]},
        {"id": camp["id"], "subject": camp["subject"]},
    ]
    # The switched session of the first document serves the second: no login, no switch.
    assert counts == {
        "Clients.Get": 1,
        "List.Get": 1,
        "Segment.Get": 1,
        "Lists.Get": 1,
        "Campaign.Get": 1,
        "Email.Get": 1,
    }


async def test_a_mutation_given_a_users_object_read_by_the_admin_says_why_it_refuses(emulators):
    lists = own_lists(emulators)
    scoped = gid("MailingList", f"1/{lists[0].id}")
    async with open_gateway(emulators, **ADMIN) as gateway:
        await gateway.reset_calls()
        answer = await gateway.query(
            "mutation($input: UpdateListInput!) { updateList(input: $input) "
            "{ list { id } userErrors { code message field } } }",
            {"input": {"listId": scoped, "name": "Renamed by the admin"}},
        )
        calls = await gateway.calls(Platform.OEMPRO)
    [error] = answer["updateList"]["userErrors"]
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", ["input", "listId"])
    assert "user 1's" in error["message"]
    assert "User.Switch" in error["message"]
    assert calls == 0
    assert own_lists(emulators)[0]["Name"] == lists[0]["Name"]
