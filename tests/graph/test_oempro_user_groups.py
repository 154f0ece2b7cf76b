"""Oempro plans (user groups) in the graph: the admin root, a user's plan feeding its quota, the
writes, and the scopes (an admin login reads them; a user login is FORBIDDEN, from 99999)."""

from __future__ import annotations

from typing import Any

import pytest

from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import ADMIN, USER_ERRORS, XML, gid, mutate, refusal, state

GROUP_FIELDS = """
  id legacyId name permissions
  limits { subscribers lists campaignsPerPeriod emailsPerPeriod }
  importThreshold sendThreshold chargesPerSend trial trialSeconds themeId
  subscriberAreaLogoutUrl forcesUnsubscriptionLink forcesRejectOptLink
  sending { method smtpHost smtpPort smtpSecurity smtpTimeoutSeconds smtpAuthentication
            localMtaPath powerMtaVirtualMta powerMtaPickupDir saveToDiskDir }
  theme { id name template }
"""
PLANS = f"{{ oemproAdmin {{ userGroups {{ totalCount nodes {{ {GROUP_FIELDS} }} }} }} }}"
NEW_PLAN: dict[str, Any] = {
    "name": "Agency",
    "themeId": gid("Theme", 2),
    "subscriberAreaLogoutUrl": "https://agency.example/",
    "permissions": ["Lists.Get", "Campaigns.Get"],
    "limits": {"lists": 5, "subscribers": 0},
    "sending": {
        "method": "SMTP",
        "smtpHost": "smtp.agency.example",
        "smtpPort": 465,
        "smtpUsername": "agency",
        "smtpPassword": "Agency-Relay-Pass-1",
    },
}
PLAN = "userGroup { legacyId name limits { lists subscribers } sending { method smtpHost } }"


def selection(key: str) -> str:
    """What a payload's first field is asked for."""
    return f"{key} {{ legacyId }}" if key == "userGroup" else key


def _limit(value: str) -> int | None:
    return int(value) if int(value) > 0 else None


async def test_the_admin_reads_every_plan_without_its_smtp_login(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        data = await gateway.query(PLANS)
        calls = await gateway.counts(Platform.OEMPRO)
    groups = state(emulators).groups
    plans = data["oemproAdmin"]["userGroups"]
    assert plans["totalCount"] == len(groups) == 3
    for node, row in zip(plans["nodes"], groups.values(), strict=True):
        assert node["id"] == gid("UserGroup", row.id)
        assert node["name"] == row["GroupName"]
        assert node["permissions"] == row["Permissions"].split(",")
        assert node["limits"] == {
            "subscribers": _limit(row["LimitSubscribers"]),
            "lists": _limit(row["LimitLists"]),
            "campaignsPerPeriod": _limit(row["LimitCampaignSendPerPeriod"]),
            "emailsPerPeriod": _limit(row["LimitEmailSendPerPeriod"]),
        }
        assert node["sending"]["method"] == row["SendMethod"]
        assert node["theme"] == {"id": gid("Theme", 1), "name": "Default", "template": "oempro"}
        text = str(node)
        assert row["SendMethodSMTPUsername"] not in text or not row["SendMethodSMTPUsername"]
        assert not row["SendMethodSMTPPassword"] or row["SendMethodSMTPPassword"] not in text
    starter = plans["nodes"][0]["sending"]
    assert starter == {
        "method": "SMTP",
        "smtpHost": "smtp.relay.example",
        "smtpPort": 587,
        "smtpSecurity": "tls",
        "smtpTimeoutSeconds": 30,
        "smtpAuthentication": True,
        "localMtaPath": None,
        "powerMtaVirtualMta": None,
        "powerMtaPickupDir": None,
        "saveToDiskDir": None,
    }
    # One listing, and one Theme.Get for the one theme the three plans share.
    assert calls == {"Admin.Login": 1, "UserGroups.Get": 1, "Theme.Get": 1}


async def test_one_plan_by_global_or_plain_id_and_by_node(emulators):
    query = """query($id: ID!, $plain: ID!) { oemproAdmin {
        byId: userGroup(id: $id) { name } byPlain: userGroup(id: $plain) { name }
        none: userGroup(id: "404") { name } }
        node(id: $id) { ... on UserGroup { legacyId name } } }"""
    async with open_gateway(emulators, **ADMIN) as gateway:
        data = await gateway.query(query, {"id": gid("UserGroup", 2), "plain": "3"})
    admin = data["oemproAdmin"]
    assert admin == {
        "byId": {"name": "Professional"},
        "byPlain": {"name": "Unlimited"},
        "none": None,
    }
    assert data["node"] == {"legacyId": "2", "name": "Professional"}


async def test_each_plan_is_read_once_however_many_users_share_it(emulators):
    query = """{ accounts(platform: OEMPRO, first: 50) { nodes { username
        quota { sendLimit listLimit subscriberLimit sendsAvailable }
        plan { legacyId name limits { lists subscribers emailsPerPeriod } chargesPerSend }
        again: plan { name } } } }"""
    async with open_gateway(emulators, **ADMIN) as gateway:
        await gateway.reset_calls()
        data = await gateway.query(query)
        calls = await gateway.counts(Platform.OEMPRO)
    users = data["accounts"]["nodes"]
    assert len(users) == 5
    shared = {row["RelUserGroupID"] for row in state(emulators).users.values()}
    assert len(shared) == 3 < len(users)
    assert calls["UserGroup.Get"] == 3
    assert calls["Users.Get"] == 1
    for user in users:
        row = state(emulators).user_by_username(user["username"])
        plan, quota = user["plan"], user["quota"]
        assert plan["legacyId"] == row["RelUserGroupID"]
        assert user["again"] == {"name": plan["name"]}
        # The quota is the plan's limits, read from the same UserGroup.Get.
        assert quota["listLimit"] == plan["limits"]["lists"]
        assert quota["subscriberLimit"] == plan["limits"]["subscribers"]
        assert quota["sendLimit"] == plan["limits"]["emailsPerPeriod"]
        assert quota["sendsAvailable"] is None
        assert plan["chargesPerSend"] is False


async def test_a_user_login_is_forbidden_the_plans_and_keeps_the_rest(emulators):
    query = """{ oemproAdmin { userGroups { totalCount } userGroup(id: "1") { name } }
        me(platform: OEMPRO) { username plan { name } quota { listLimit } } }"""
    async with open_gateway(emulators) as gateway:
        body = await gateway.result(query)
    data = body["data"]
    assert data["oemproAdmin"] == {"userGroups": None, "userGroup": None}
    assert data["me"] == {"username": "northwind", "plan": None, "quota": None}
    errors = {tuple(e["path"]): e["extensions"] for e in body["errors"]}
    assert set(errors) == {
        ("oemproAdmin", "userGroups"),
        ("oemproAdmin", "userGroup"),
        ("me", "plan"),
    }
    for extensions in errors.values():
        assert extensions["code"] == "FORBIDDEN"
        assert extensions["legacyCode"] == "99999"
        assert extensions["platform"] == "OEMPRO"


async def test_plans_read_in_xml(emulators):
    async with open_gateway(emulators, **ADMIN, **XML) as gateway:
        data = await gateway.query(PLANS)
    names = [n["name"] for n in data["oemproAdmin"]["userGroups"]["nodes"]]
    assert names == ["Starter", "Professional", "Unlimited"]
    assert data["oemproAdmin"]["userGroups"]["nodes"][1]["sending"]["powerMtaVirtualMta"] == (
        "pool-pro"
    )


# -- writes ---------------------------------------------------------------------------------------


async def test_create_a_plan_and_read_it_back(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(gateway, "createUserGroup", NEW_PLAN, f"{PLAN} {USER_ERRORS}")
        listed = await gateway.query(PLANS)
    assert payload == {
        "userGroup": {
            "legacyId": "4",
            "name": "Agency",
            "limits": {"lists": 5, "subscribers": None},
            "sending": {"method": "SMTP", "smtpHost": "smtp.agency.example"},
        },
        "userErrors": [],
    }
    row = state(emulators).groups[4]
    assert (row["RelThemeID"], row["SendMethodSMTPAuth"]) == ("2", "true")
    assert row["SendMethodSMTPPassword"] == "Agency-Relay-Pass-1"
    assert "Agency-Relay-Pass-1" not in str(listed)
    assert listed["oemproAdmin"]["userGroups"]["totalCount"] == 4


async def test_update_a_plan_changes_its_users_quota(emulators):
    query = """{ accounts(platform: OEMPRO, first: 10) { nodes { username
        quota { listLimit } plan { name } } } }"""
    async with open_gateway(emulators, **ADMIN) as gateway:
        before = await gateway.query(query)
        payload = await mutate(
            gateway,
            "updateUserGroup",
            {"userGroupId": "1", "name": "Starter Plus", "limits": {"lists": 9}},
            f"{PLAN} {USER_ERRORS}",
        )
        after = await gateway.query(query)
    assert payload["userErrors"] == []
    assert payload["userGroup"]["limits"] == {"lists": 9, "subscribers": 2500}
    starters = {"bluepeak", "orbitfoods"}
    for old, new in zip(before["accounts"]["nodes"], after["accounts"]["nodes"], strict=True):
        if new["username"] in starters:
            assert old["quota"]["listLimit"] == 3
            assert new == {
                "username": new["username"],
                "quota": {"listLimit": 9},
                "plan": {"name": "Starter Plus"},
            }
        else:
            assert new == old


async def test_duplicate_then_delete_a_plan(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        copy = await mutate(
            gateway,
            "duplicateUserGroup",
            {"userGroupId": gid("UserGroup", 2)},
            f"{PLAN} {USER_ERRORS}",
        )
        gone = await mutate(
            gateway, "deleteUserGroup", {"userGroupId": "4"}, f"deletedUserGroupId {USER_ERRORS}"
        )
        listed = await gateway.query(PLANS)
    assert copy["userGroup"]["name"] == "Professional (Copy)"
    assert gone == {"deletedUserGroupId": gid("UserGroup", 4), "userErrors": []}
    assert listed["oemproAdmin"]["userGroups"]["totalCount"] == 3


@pytest.mark.parametrize(
    ("name", "input", "key", "code", "legacy", "field"),
    [
        (
            "updateUserGroup",
            {"userGroupId": "1", "themeId": "77"},
            "userGroup",
            "NOT_FOUND",
            "19",
            ["input", "themeId"],
        ),
        (
            "updateUserGroup",
            {"userGroupId": "404", "name": "x"},
            "userGroup",
            "NOT_FOUND",
            "21",
            ["input", "userGroupId"],
        ),
        ("updateUserGroup", {"userGroupId": "1"}, "userGroup", "BAD_USER_INPUT", None, ["input"]),
        (
            "createUserGroup",
            {**NEW_PLAN, "sending": {"method": "SMTP"}},
            "userGroup",
            "BAD_USER_INPUT",
            "23",
            ["input", "sending", "smtpHost"],
        ),
        (
            "createUserGroup",
            {**NEW_PLAN, "name": " "},
            "userGroup",
            "BAD_USER_INPUT",
            "1",
            ["input", "name"],
        ),
        (
            "duplicateUserGroup",
            {"userGroupId": "404"},
            "userGroup",
            "NOT_FOUND",
            "2",
            ["input", "userGroupId"],
        ),
        (
            "deleteUserGroup",
            {"userGroupId": "404"},
            "deletedUserGroupId",
            "NOT_FOUND",
            None,
            ["input", "userGroupId"],
        ),
        (
            "deleteUserGroup",
            {"userGroupId": "Not a plan"},
            "deletedUserGroupId",
            "BAD_USER_INPUT",
            None,
            ["input", "userGroupId"],
        ),
    ],
)
async def test_refused_plan_writes(emulators, name, input, key, code, legacy, field):
    before = {k: dict(v.cols) for k, v in state(emulators).groups.items()}
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(gateway, name, input, f"{selection(key)} {USER_ERRORS}")
    refusal(payload, key, code, legacy, field)
    assert {k: dict(v.cols) for k, v in state(emulators).groups.items()} == before


async def test_the_last_plan_cannot_be_deleted(emulators):
    groups = state(emulators).groups
    for group_id in (2, 3):
        del groups[group_id]
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(
            gateway, "deleteUserGroup", {"userGroupId": "1"}, f"deletedUserGroupId {USER_ERRORS}"
        )
    refusal(payload, "deletedUserGroupId", "BAD_USER_INPUT", "4", ["input", "userGroupId"])
    assert list(groups) == [1]


@pytest.mark.parametrize(
    ("name", "input", "key"),
    [
        ("createUserGroup", NEW_PLAN, "userGroup"),
        ("updateUserGroup", {"userGroupId": "1", "name": "Mine now"}, "userGroup"),
        ("duplicateUserGroup", {"userGroupId": "1"}, "userGroup"),
        ("deleteUserGroup", {"userGroupId": "1"}, "deletedUserGroupId"),
    ],
)
async def test_a_user_login_may_not_write_plans(emulators, name, input, key):
    async with open_gateway(emulators) as gateway:
        payload = await mutate(gateway, name, input, f"{selection(key)} {USER_ERRORS}")
    refusal(payload, key, "FORBIDDEN", "99999", None)
    assert [g["GroupName"] for g in state(emulators).groups.values()] == [
        "Starter",
        "Professional",
        "Unlimited",
    ]
