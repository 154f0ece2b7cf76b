"""Oempro accounts through the graph, for each way the gateway can log in: a user, the
administrator, an API key. Also setAccountStatus, which only the administrator may use."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from mailgql.emulators.oempro import OEMPRO_USER_PASSWORD
from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import (
    ADMIN,
    API_KEY,
    USER_ERRORS,
    demo_user,
    error_codes,
    gid,
    iso,
    mutate,
    own_campaigns,
    own_lists,
    refusal,
    state,
)

ACCOUNT = """
  id platform username name email phone timezone status accountType createdAt lastLoginAt
  parent { id username accountType }
"""
STATUS_PAYLOAD = f"account {{ id username status }} {USER_ERRORS}"


def user_gid(user_id: int) -> str:
    return gid("Account", f"user:{user_id}")


def client_gid(client_id: int) -> str:
    return gid("Account", f"client:{client_id}")


# -- a user login (the default) -----------------------------------------------------------------


async def test_me_is_the_user_its_login_described(gateway, emulators):
    data = await gateway.query(f"{{ me(platform: OEMPRO) {{ {ACCOUNT} }} }}")
    me = data["me"]
    user = demo_user(emulators)
    assert me == {
        "id": user_gid(user.id),
        "platform": "OEMPRO",
        "username": user["Username"],
        "name": f"{user['FirstName']} {user['LastName']}",
        "email": user["EmailAddress"],
        "phone": user["Phone"],
        "timezone": user["TimeZone"],
        "status": "ACTIVE",
        "accountType": "user",
        "createdAt": iso(user["UserSince"]),
        # The login itself stamps the user's last activity.
        "lastLoginAt": iso(user["LastActivityDateTime"]),
        "parent": None,
    }
    # The login's UserInfo describes the user: nothing is read beyond the login.
    assert await gateway.counts(Platform.OEMPRO) == {"User.Login": 1}


async def test_accounts_and_sub_accounts_of_a_user_login_are_its_clients(gateway, emulators):
    data = await gateway.query(
        f"""{{ accounts(platform: OEMPRO) {{ totalCount nodes {{ {ACCOUNT} }} }}
               me(platform: OEMPRO) {{ subAccounts(first: 2) {{
                 totalCount pageInfo {{ hasNextPage }} nodes {{ id }} }} }} }}"""
    )
    owner = demo_user(emulators)
    clients = sorted(
        (c for c in state(emulators).clients.values() if c.owner_id == owner.id),
        key=lambda c: c.id,
    )
    nodes = data["accounts"]["nodes"]
    assert data["accounts"]["totalCount"] == len(clients) == 3
    assert [n["username"] for n in nodes] == [c["ClientUsername"] for c in clients]
    assert [n["email"] for n in nodes] == [c["ClientEmailAddress"] for c in clients]
    assert [n["status"] for n in nodes] == [
        "ACTIVE" if c["ClientAccountStatus"] == "Enabled" else "DISABLED" for c in clients
    ]
    assert "DISABLED" in [n["status"] for n in nodes]
    assert {n["accountType"] for n in nodes} == {"client"}
    assert {n["parent"]["id"] for n in nodes} == {user_gid(owner.id)}
    sub = data["me"]["subAccounts"]
    assert sub["totalCount"] == 3
    assert sub["pageInfo"]["hasNextPage"] is True
    assert [n["id"] for n in sub["nodes"]] == [client_gid(c.id) for c in clients[:2]]
    # One Clients.Get serves both listings; the parent is the login's own user.
    assert await gateway.counts(Platform.OEMPRO) == {"User.Login": 1, "Clients.Get": 1}


async def test_what_a_client_was_assigned_cannot_be_read_back(gateway, emulators):
    client = next(iter(state(emulators).clients.values()))
    data = await gateway.query(
        f"""{{ node(id: "{client_gid(client.id)}") {{ ... on Account {{ username
               lists {{ totalCount nodes {{ id }} }} campaigns {{ totalCount nodes {{ id }} }}
               subAccounts {{ totalCount }} quota {{ listLimit }} }} }} }}"""
    )
    assert data["node"] == {
        "username": client["ClientUsername"],
        "lists": {"totalCount": None, "nodes": []},
        "campaigns": {"totalCount": None, "nodes": []},
        "subAccounts": {"totalCount": 0},
        "quota": None,
    }


async def test_a_user_login_sees_no_other_user(gateway):
    data = await gateway.query(f'{{ node(id: "{user_gid(2)}") {{ id }} }}')
    assert data["node"] is None
    # User.Get is the administrator's: the gateway does not ask.
    assert await gateway.counts(Platform.OEMPRO) == {"User.Login": 1}


async def test_node_of_the_own_user_and_of_ids_that_name_nothing(gateway, emulators):
    user = demo_user(emulators)
    data = await gateway.query(
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Account { username accountType } } }",
        {
            "ids": [
                user_gid(user.id),
                client_gid(999),
                gid("Account", "admin"),
                gid("Account", "stranger"),
                gid("Account", "user:x"),
            ]
        },
    )
    assert data["nodes"] == [{"username": user["Username"], "accountType": "user"}] + [None] * 4


async def test_a_wrong_password_is_unauthenticated_and_names_the_settings(emulators):
    async with open_gateway(emulators, oempro_password="not-the-password") as gateway:
        body = await gateway.result("{ me(platform: OEMPRO) { username } }")
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["extensions"]["legacyCode"] == "3"
    # The command is in the log; clients see it with debug_errors only.
    assert "operation" not in error["extensions"]
    assert "User.Login" not in error["message"]
    assert "MAILGQL_OEMPRO_PASSWORD" in error["message"]
    assert "not-the-password" not in str(body)


async def test_a_disabled_user_cannot_log_in(emulators):
    async with open_gateway(emulators, oempro_username="cedarworks") as gateway:
        body = await gateway.result("{ me(platform: OEMPRO) { username } }")
    assert error_codes(body) == ["UNAUTHENTICATED"]
    assert OEMPRO_USER_PASSWORD not in str(body)


# -- the administrator ----------------------------------------------------------------------------


async def test_an_admin_login_is_the_administrator_over_every_user(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        data = await gateway.query(
            f"""{{ me(platform: OEMPRO) {{ {ACCOUNT}
                   subAccounts(first: 100) {{ totalCount nodes {{ {ACCOUNT} }} }} }} }}"""
        )
        counts = await gateway.counts(Platform.OEMPRO)
    admin = state(emulators).admin
    me = data["me"]
    assert (me["id"], me["username"], me["name"], me["email"]) == (
        gid("Account", "admin"),
        admin["Username"],
        admin["Name"],
        admin["EmailAddress"],
    )
    assert (me["accountType"], me["status"], me["parent"]) == ("admin", "ACTIVE", None)
    users = sorted(state(emulators).users.values(), key=lambda u: u.id)
    nodes = me["subAccounts"]["nodes"]
    assert me["subAccounts"]["totalCount"] == len(users) == 5
    assert [n["username"] for n in nodes] == [u["Username"] for u in users]
    assert [n["status"] for n in nodes] == ["ACTIVE" if u.enabled else "DISABLED" for u in users]
    assert {n["parent"]["accountType"] for n in nodes} == {"admin"}
    assert counts == {"Admin.Login": 1, "Users.Get": 1}


async def test_admin_accounts_page_through_users_get(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        first = await gateway.query(
            "{ accounts(platform: OEMPRO, first: 2) { totalCount "
            "pageInfo { hasNextPage endCursor } nodes { username } } }"
        )
        page = first["accounts"]
        second = await gateway.query(
            "query($after: String) { accounts(platform: OEMPRO, first: 10, after: $after) "
            "{ pageInfo { hasNextPage } nodes { username } } }",
            {"after": page["pageInfo"]["endCursor"]},
        )
        counts = await gateway.counts(Platform.OEMPRO)
    names = [u["Username"] for u in sorted(state(emulators).users.values(), key=lambda u: u.id)]
    assert page["totalCount"] == 5
    assert page["pageInfo"]["hasNextPage"] is True
    assert [n["username"] for n in page["nodes"]] == names[:2]
    assert [n["username"] for n in second["accounts"]["nodes"]] == names[2:]
    assert second["accounts"]["pageInfo"]["hasNextPage"] is False
    # The API pages Users.Get: one call per page.
    assert counts == {"Admin.Login": 1, "Users.Get": 2}


async def test_a_users_quota_is_its_groups_limits(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        data = await gateway.query(
            "{ accounts(platform: OEMPRO, first: 10) { nodes { username quota { sendLimit "
            "sendPeriod sendsAvailable listLimit subscriberLimit subscribers } } } }"
        )
        counts = await gateway.counts(Platform.OEMPRO)
    groups = state(emulators).groups
    for node in data["accounts"]["nodes"]:
        user = state(emulators).user_by_username(node["username"])
        group = groups[user.number("RelUserGroupID")]

        def limit(column: str, group=group) -> int | None:
            value = group.number(column)
            return value if value > 0 else None

        assert node["quota"] == {
            "sendLimit": limit("LimitEmailSendPerPeriod"),
            "sendPeriod": None,
            "sendsAvailable": None,  # no seeded group charges per send
            "listLimit": limit("LimitLists"),
            "subscriberLimit": limit("LimitSubscribers"),
            "subscribers": None,
        }
    quotas = [n["quota"]["listLimit"] for n in data["accounts"]["nodes"]]
    assert None in quotas  # the Unlimited plan stores 0
    assert counts == {"Admin.Login": 1, "Users.Get": 1, "UserGroup.Get": len(groups)}


async def test_a_user_login_reads_no_quota(gateway):
    data = await gateway.query("{ me(platform: OEMPRO) { quota { listLimit } } }")
    assert data["me"]["quota"] is None
    assert await gateway.counts(Platform.OEMPRO) == {"User.Login": 1}


async def test_an_admin_login_reads_a_users_lists_campaigns_and_clients_as_that_user(
    emulators,
):
    async with open_gateway(emulators, **ADMIN) as gateway:
        data = await gateway.query(
            "query($id: ID!) { "
            "a: node(id: $id) { ... on Account { lists { totalCount nodes { name } } } } "
            "b: node(id: $id) { ... on Account { campaigns { totalCount nodes { name } } } } "
            "c: node(id: $id) { ... on Account { subAccounts { totalCount "
            "nodes { username } } } } }",
            {"id": user_gid(1)},
        )
        counts = await gateway.counts(Platform.OEMPRO)
    owner = demo_user(emulators)
    clients = sorted(
        (c for c in state(emulators).clients.values() if c.owner_id == owner.id),
        key=lambda c: c.id,
    )
    assert data["a"]["lists"] == {
        "totalCount": 8,
        "nodes": [{"name": lst["Name"]} for lst in own_lists(emulators)],
    }
    assert data["b"]["campaigns"] == {
        "totalCount": 10,
        "nodes": [{"name": c["CampaignName"]} for c in own_campaigns(emulators)],
    }
    assert data["c"]["subAccounts"] == {
        "totalCount": 3,
        "nodes": [{"username": c["ClientUsername"]} for c in clients],
    }
    # The reads run in the user's session: one User.Switch serves all three.
    assert counts == {
        "Admin.Login": 1,
        "User.Get": 1,
        "User.Switch": 1,
        "Lists.Get": 1,
        "Campaigns.Get": 1,
        "Clients.Get": 1,
    }


async def test_an_admin_login_reads_users_by_id_and_reaches_a_campaign_with_99999(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        data = await gateway.query(
            f"""{{ one: node(id: "{user_gid(2)}") {{
                     ... on Account {{ username parent {{ id }} }} }}
                   gone: node(id: "{user_gid(999)}") {{ id }}
                   admin: node(id: "{gid("Account", "admin")}") {{ ... on Account {{ username }} }}
                   client: node(id: "{client_gid(1)}") {{ id }} }}"""
        )
        body = await gateway.result("{ campaigns(platform: OEMPRO) { totalCount } }")
    assert data["one"] == {"username": "bluepeak", "parent": {"id": gid("Account", "admin")}}
    assert data["gone"] is None
    assert data["admin"] == {"username": state(emulators).admin["Username"]}
    # A client's key without its user names no session to read it in.
    assert data["client"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["extensions"]["legacyCode"] == "99999"
    assert "operation" not in error["extensions"]


# -- an API key ---------------------------------------------------------------------------------


async def test_an_api_key_has_no_me_but_reads_clients_and_campaigns(emulators):
    async with open_gateway(emulators, **API_KEY) as gateway:
        data = await gateway.query(
            """{ me(platform: OEMPRO) { id }
                 accounts(platform: OEMPRO) { totalCount nodes { username parent { id } } }
                 campaigns(platform: OEMPRO, first: 3) { totalCount nodes { subject } } }"""
        )
        counts = await gateway.counts(Platform.OEMPRO)
    assert data["me"] is None
    assert data["accounts"]["totalCount"] == 3
    # Nothing describes the key's user, so a client's parent is unknown.
    assert {n["parent"] is None for n in data["accounts"]["nodes"]} == {True}
    assert data["campaigns"]["totalCount"] == 10
    assert all(n["subject"] for n in data["campaigns"]["nodes"])
    # No login at all: the key travels with every call.
    assert counts == {"Clients.Get": 1, "Campaigns.Get": 1, "Emails.Get": 1}


async def test_a_wrong_api_key_is_unauthenticated_without_a_retry(emulators):
    async with open_gateway(emulators, oempro_api_key="0000-0000-0000-0000") as gateway:
        body = await gateway.result("{ accounts(platform: OEMPRO) { totalCount } }")
        counts = await gateway.counts(Platform.OEMPRO)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["extensions"]["legacyCode"] == "99998"
    assert "MAILGQL_OEMPRO_API_KEY" in error["message"]
    assert "0000-0000-0000-0000" not in str(body)
    assert counts == {"Clients.Get": 1}


# -- setAccountStatus ---------------------------------------------------------------------------


async def test_the_administrator_disables_and_enables_a_user(emulators):
    target = state(emulators).users[2]
    async with open_gateway(emulators, **ADMIN) as gateway:
        off = await mutate(
            gateway,
            "setAccountStatus",
            {"accountId": user_gid(2), "active": False},
            STATUS_PAYLOAD,
        )
        stored = target["AccountStatus"]
        counts = await gateway.counts(Platform.OEMPRO)
        on = await mutate(
            gateway, "setAccountStatus", {"accountId": user_gid(2), "active": True}, STATUS_PAYLOAD
        )
    assert off == {
        "account": {"id": user_gid(2), "username": "bluepeak", "status": "DISABLED"},
        "userErrors": [],
    }
    assert stored == "Disabled"
    assert counts == {"Admin.Login": 1, "User.Update": 1, "User.Get": 1}
    assert on["account"]["status"] == "ACTIVE"
    assert target["AccountStatus"] == "Enabled"


async def test_status_of_an_unknown_user_is_not_found(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(
            gateway,
            "setAccountStatus",
            {"accountId": user_gid(999), "active": False},
            STATUS_PAYLOAD,
        )
    refusal(payload, "account", "NOT_FOUND", "5", ["input", "accountId"])


@pytest.mark.parametrize("settings", [{}, API_KEY], ids=["user-login", "api-key"])
async def test_only_the_administrator_may_change_a_status(emulators, settings):
    async with open_gateway(emulators, **settings) as gateway:
        payload = await mutate(
            gateway,
            "setAccountStatus",
            {"accountId": user_gid(demo_user(emulators).id), "active": False},
            STATUS_PAYLOAD,
        )
        counts = await gateway.counts(Platform.OEMPRO)
    error = refusal(payload, "account", "FORBIDDEN", None, ["input", "accountId"])
    assert "MAILGQL_OEMPRO_LOGIN_AS=admin" in error["message"]
    assert "User.Update" not in counts
    assert demo_user(emulators).enabled


@pytest.mark.parametrize(
    ("key", "words"),
    [("client:1", "client"), ("admin", "administrator"), ("someone", "does not name")],
)
async def test_clients_and_the_administrator_have_no_status_to_change(emulators, key, words):
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(
            gateway,
            "setAccountStatus",
            {"accountId": gid("Account", key), "active": False},
            STATUS_PAYLOAD,
        )
        counts = await gateway.counts(Platform.OEMPRO)
    error = refusal(payload, "account", "BAD_USER_INPUT", None, ["input", "accountId"])
    assert words in error["message"]
    assert counts == {}


async def test_what_oempro_accounts_do_not_have_reads_as_null_or_empty(gateway):
    data = await gateway.query(
        """{ me(platform: OEMPRO) { suspendedAt trialDays permissions { api }
             inheritedLists { totalCount } inheritedSegments { totalCount }
             inheritedNewsletters { totalCount } } }"""
    )
    assert data["me"] == {
        "suspendedAt": None,
        "trialDays": None,
        "permissions": None,
        "inheritedLists": {"totalCount": 0},
        "inheritedSegments": {"totalCount": 0},
        "inheritedNewsletters": {"totalCount": 0},
    }


@pytest.mark.parametrize("zone", ["Europe/Istanbul", "America/New_York", "Asia/Kolkata"])
async def test_dates_are_read_in_the_zone_of_the_oempro_servers_clock(emulators, zone):
    """Oempro writes its server's wall time without a zone: with the zone set, each instant is
    that wall time there (daylight saving included), shown in UTC."""
    user = demo_user(emulators)
    campaign = next(c for c in own_campaigns(emulators) if c["SendProcessStartedOn"][:4] != "0000")

    def there(stamp: str) -> str:
        wall = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S").replace(tzinfo=ZoneInfo(zone))
        return wall.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    async with open_gateway(emulators, oempro_server_timezone=zone) as gateway:
        data = await gateway.query(
            f"""{{ me(platform: OEMPRO) {{ createdAt }}
                   node(id: "{gid("Campaign", campaign["CampaignID"])}") {{
                     ... on Campaign {{ startedAt }} }} }}"""
        )

    assert data["me"]["createdAt"] == there(user["UserSince"])
    assert data["me"]["createdAt"] != iso(user["UserSince"])
    assert data["node"]["startedAt"] == there(campaign["SendProcessStartedOn"])
