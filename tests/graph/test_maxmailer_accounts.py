"""Maxmailer accounts through the graph: the tree, limits, usage, permissions, lists, node()."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from mailgql.platforms import Platform
from tests.graph.maxmailer_helpers import (
    ADMIN_ID,
    LIST_KEYS,
    PLAIN_USER_ID,
    RESELLER_ID,
    gid,
    legacy_key,
    mm_state,
)

ACCOUNT = """
  id platform username name email status accountType createdAt lastLoginAt suspendedAt trialDays
  parent { id username }
  permissions { attachments bounceHandling forms api embeddedImages customSmtp smtpHost }
"""
QUOTA = """
  quota { sendLimit sendPeriod sendsAvailable sentThisPeriod listLimit subscriberLimit
          subscribers resetDate messageSizeLimitKb attachmentSizeLimitKb userLimit }
"""


def iso(seconds: int) -> str | None:
    """A seeded Unix time as the graph prints it."""
    if not seconds:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


async def test_accounts_are_every_user_of_the_admin_in_id_order(gateway, emulators):
    data = await gateway.query(
        f"{{ accounts(platform: MAXMAILER, first: 100) {{ totalCount nodes {{ {ACCOUNT} }} }} }}"
    )
    state = mm_state(emulators)
    nodes = data["accounts"]["nodes"]
    assert data["accounts"]["totalCount"] == len(state.users)
    assert [n["id"] for n in nodes] == [gid("Account", i) for i in sorted(state.users)]
    for node in nodes:
        user = state.users[int(legacy_key(node["id"]))]
        assert node["platform"] == "MAXMAILER"
        assert node["username"] == user.uname
        assert node["name"] == f"{user.name} {user.lastname}".strip()
        assert node["email"] == user.email
        assert node["status"] == ("SUSPENDED" if user.suspended else "ACTIVE")
        assert node["accountType"] == user.user_type
        assert node["createdAt"] == iso(user.date_created)
        assert node["lastLoginAt"] == iso(user.last_login)
        assert node["suspendedAt"] == iso(user.susp_date)
        assert node["trialDays"] == (user.trial or None)
        expected_parent = gid("Account", user.parent_id) if user.parent_id else None
        assert (node["parent"] or {}).get("id") == expected_parent
        flags = node["permissions"]
        assert flags["api"] is bool(user.allow_api)
        assert flags["customSmtp"] is bool(user.smtp)
        assert flags["smtpHost"] == (user.smtp_host or None)
    assert await gateway.counts(Platform.MAXMAILER) == {"ListUsers": 1}


async def test_me_is_the_admins_own_record_with_the_configured_lists(gateway):
    data = await gateway.query(
        "{ me(platform: MAXMAILER) { id username accountType parent { id } "
        "lists { totalCount nodes { id platform name subscriberCount } } } }"
    )
    me = data["me"]
    assert me["id"] == gid("Account", ADMIN_ID)
    assert (me["username"], me["accountType"], me["parent"]) == ("admin", "admin", None)
    assert me["lists"]["totalCount"] == len(LIST_KEYS)
    assert [n["name"] for n in me["lists"]["nodes"]] == list(LIST_KEYS)
    assert me["lists"]["nodes"][0] == {
        "id": gid("MailingList", "newsletter"),
        "platform": "MAXMAILER",
        "name": "newsletter",
        "subscriberCount": None,  # the subscription API reports no counts
    }
    assert await gateway.counts(Platform.MAXMAILER) == {"ListUsers": 1}


async def test_other_accounts_have_no_lists(gateway):
    data = await gateway.query(
        "query($id: ID!) { node(id: $id) { ... on Account { lists { totalCount } } } }",
        {"id": gid("Account", PLAIN_USER_ID)},
    )
    assert data["node"]["lists"]["totalCount"] == 0


async def test_sub_accounts_follow_parent_id(gateway, emulators):
    data = await gateway.query(
        "{ me(platform: MAXMAILER) { subAccounts(first: 100) { totalCount nodes { id "
        "subAccounts(first: 100) { totalCount nodes { id parent { id } } } } } } }"
    )
    state = mm_state(emulators)
    top = data["me"]["subAccounts"]
    assert {n["id"] for n in top["nodes"]} == {
        gid("Account", u.id) for u in state.children(ADMIN_ID)
    }
    reseller = next(n for n in top["nodes"] if n["id"] == gid("Account", RESELLER_ID))
    assert reseller["subAccounts"]["totalCount"] == len(state.children(RESELLER_ID))
    for child in reseller["subAccounts"]["nodes"]:
        assert child["parent"]["id"] == gid("Account", RESELLER_ID)
    assert await gateway.counts(Platform.MAXMAILER) == {"ListUsers": 1}


async def test_quota_limits_with_zero_as_null_and_usage_from_get_user(gateway, emulators):
    state = mm_state(emulators)
    data = await gateway.query(
        f"""query($a: ID!, $r: ID!, $p: ID!) {{
              admin: node(id: $a) {{ ... on Account {{ {QUOTA} }} }}
              reseller: node(id: $r) {{ ... on Account {{ {QUOTA} }} }}
              plain: node(id: $p) {{ ... on Account {{ {QUOTA} }} }} }}""",
        {
            "a": gid("Account", ADMIN_ID),
            "r": gid("Account", RESELLER_ID),
            "p": gid("Account", PLAIN_USER_ID),
        },
    )
    admin = data["admin"]["quota"]
    assert admin["sendLimit"] is None  # 0 on the wire: unlimited
    assert admin["listLimit"] is None
    assert admin["subscriberLimit"] is None
    assert admin["sendsAvailable"] is None  # unlimited, not a made-up 0
    assert admin["sendPeriod"] == "MONTHLY"
    reseller = data["reseller"]["quota"]
    seeded = state.users[RESELLER_ID]
    assert reseller["userLimit"] == seeded.max_users
    assert reseller["sendLimit"] == seeded.max_sends
    plain = data["plain"]["quota"]
    user = state.users[PLAIN_USER_ID]
    assert plain["sendLimit"] == user.max_sends
    assert plain["sentThisPeriod"] == user.sent_in_period
    assert plain["sendsAvailable"] == max(0, user.max_sends - user.sent_in_period)
    assert plain["subscribers"] == state.current_subscribers(
        user, int(datetime.now(UTC).timestamp())
    )
    assert plain["messageSizeLimitKb"] == user.max_message_size
    assert plain["attachmentSizeLimitKb"] == user.attach_max_size
    assert plain["userLimit"] is None
    # limit_reset arrives as dd/mm/yyyy; the graph gives an ISO date
    reset = date.fromisoformat(plain["resetDate"])
    assert reset.day == 1  # a monthly period restarts on the first
    # a look-up by id that asks for usage goes to GetUser alone
    assert await gateway.counts(Platform.MAXMAILER) == {"GetUser": 3}


async def test_node_finds_accounts_campaigns_and_lists(gateway, emulators):
    campaign = next(iter(mm_state(emulators).campaigns.values()))
    account, message = gid("Account", PLAIN_USER_ID), gid("Campaign", campaign.message_id)
    data = await gateway.query(
        f"""{{ a: node(id: "{account}") {{ ... on Account {{ username }} }}
               c: node(id: "{message}") {{ ... on Campaign {{ subject }} }}
               l: node(id: "{gid("MailingList", "vip-club")}") {{ ... on MailingList {{ name }} }}
               noAccount: node(id: "{gid("Account", 999_999)}") {{ id }}
               noCampaign: node(id: "{gid("Campaign", 999_999)}") {{ id }}
               noList: node(id: "{gid("MailingList", "unknown")}") {{ id }}
               notAnId: node(id: "{gid("Account", "x1")}") {{ id }} }}"""
    )
    assert data["a"]["username"] == mm_state(emulators).users[PLAIN_USER_ID].uname
    assert data["c"]["subject"] == campaign.subject
    assert data["l"]["name"] == "vip-club"
    assert data["noAccount"] is None
    assert data["noCampaign"] is None
    assert data["noList"] is None
    assert data["notAnId"] is None


async def test_no_smtp_credential_password_or_key_in_any_answer(gateway, emulators):
    response = await gateway.post(
        f"""{{ accounts(platform: MAXMAILER, first: 100) {{ nodes {{ {ACCOUNT} {QUOTA} }} }}
               me(platform: MAXMAILER) {{ lists {{ nodes {{ id name legacyId }} }} }} }}"""
    )
    text = response.text
    assert response.status_code == 200
    assert "errors" not in json.loads(text)
    for user in mm_state(emulators).users.values():
        for secret in (user.smtp_user, user.smtp_pass, user.password, user.login_id):
            assert not secret or secret not in text
    for key in LIST_KEYS.values():
        assert key not in text
