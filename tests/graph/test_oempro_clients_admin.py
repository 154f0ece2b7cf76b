"""Oempro clients through the graph: created and changed by their user (or by the administrator
through User.Switch), given lists and campaigns, and what a client login then sees."""

from __future__ import annotations

import pytest

from mailgql.emulators.oempro import OEMPRO_CLIENT_PASSWORD, OEMPRO_CLIENT_USERNAME
from mailgql.emulators.oempro.records import md5_hex
from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import (
    ADMIN,
    USER_ERRORS,
    gid,
    mutate,
    own_campaigns,
    own_lists,
    refusal,
    state,
)

CLIENT_LOGIN = {
    "oempro_login_as": "client",
    "oempro_username": OEMPRO_CLIENT_USERNAME,
    "oempro_password": OEMPRO_CLIENT_PASSWORD,
}
ACCOUNT = f"account {{ id username name email status accountType }} {USER_ERRORS}"
NEW_CLIENT = {
    "name": "Fjord Media",
    "username": "fjord-media",
    "password": "Fjord-Pass-1",
    "email": "hello@fjord.example",
}
HARBOR = gid("Account", "client:1")
HARBOR_AS_ADMIN = gid("Account", "client:1/1")


async def test_a_user_creates_a_client(emulators):
    async with open_gateway(emulators) as gateway:
        payload = await mutate(gateway, "createClient", NEW_CLIENT, ACCOUNT)
        listed = await gateway.query(
            "{ me(platform: OEMPRO) { subAccounts { totalCount nodes { username } } } }"
        )
    assert payload["userErrors"] == []
    assert payload["account"] == {
        "id": gid("Account", "client:4"),
        "username": "fjord-media",
        "name": "Fjord Media",
        "email": "hello@fjord.example",
        "status": "ACTIVE",
        "accountType": "client",
    }
    assert state(emulators).clients[4]["ClientPassword"] == md5_hex("Fjord-Pass-1")
    assert listed["me"]["subAccounts"]["totalCount"] == 4


async def test_the_admin_creates_a_client_through_user_switch(emulators):
    owner = gid("Account", "user:4")
    async with open_gateway(emulators, **ADMIN) as gateway:
        payload = await mutate(gateway, "createClient", {**NEW_CLIENT, "ownerId": owner}, ACCOUNT)
        listed = await gateway.query(
            f'{{ node(id: "{owner}") {{ ... on Account {{ subAccounts {{ nodes {{ id }} }} }} }} }}'
        )
        calls = await gateway.counts(Platform.OEMPRO)
    assert payload["userErrors"] == []
    assert payload["account"]["id"] == gid("Account", "client:4/4")
    assert state(emulators).clients[4].owner_id == 4
    assert listed["node"]["subAccounts"]["nodes"] == [{"id": gid("Account", "client:4/4")}]
    assert calls["User.Switch"] == 1
    assert calls["Client.Create"] == 1


@pytest.mark.parametrize(
    ("settings", "change", "code", "legacy", "field"),
    [
        ({}, {"username": OEMPRO_CLIENT_USERNAME}, "BAD_USER_INPUT", "6", ["input", "username"]),
        ({}, {"email": "harbor@clients.example"}, "BAD_USER_INPUT", "7", ["input", "email"]),
        ({}, {"email": "not-an-address"}, "BAD_USER_INPUT", None, ["input", "email"]),
        ({}, {"ownerId": gid("Account", "user:2")}, "FORBIDDEN", None, None),
        (ADMIN, {}, "BAD_USER_INPUT", None, ["input", "ownerId"]),
    ],
)
async def test_refused_client_creations(emulators, settings, change, code, legacy, field):
    async with open_gateway(emulators, **settings) as gateway:
        payload = await mutate(gateway, "createClient", {**NEW_CLIENT, **change}, ACCOUNT)
    refusal(payload, "account", code, legacy, field)
    assert len(state(emulators).clients) == 3


async def test_update_a_client(emulators):
    async with open_gateway(emulators) as gateway:
        payload = await mutate(
            gateway,
            "updateClient",
            {"clientId": HARBOR, "name": "Harbor & Co", "active": False},
            ACCOUNT,
        )
        taken = await mutate(
            gateway,
            "updateClient",
            {"clientId": HARBOR, "username": "summit-retail"},
            ACCOUNT,
        )
        unknown = await mutate(
            gateway, "updateClient", {"clientId": gid("Account", "client:99"), "name": "x"}, ACCOUNT
        )
    assert payload["account"]["name"] == "Harbor & Co"
    assert payload["account"]["status"] == "DISABLED"
    row = state(emulators).clients[1]
    # Oempro wants every name each time: the ones not given were sent as they were.
    assert (row["ClientUsername"], row["ClientEmailAddress"]) == (
        OEMPRO_CLIENT_USERNAME,
        "harbor@clients.example",
    )
    refusal(taken, "account", "BAD_USER_INPUT", "9", ["input", "username"])
    refusal(unknown, "account", "NOT_FOUND", None, ["input", "clientId"])


async def test_assigned_lists_and_campaigns_are_what_the_client_login_sees(emulators):
    lists = [lst.id for lst in own_lists(emulators)][3:6]
    campaigns = [c.id for c in own_campaigns(emulators)][:2]
    async with open_gateway(emulators, **ADMIN) as gateway:
        given_lists = await mutate(
            gateway,
            "assignClientLists",
            {
                "clientId": HARBOR_AS_ADMIN,
                "listIds": [gid("MailingList", f"1/{lists[0]}"), *map(str, lists[1:])],
            },
            f"account {{ id }} {USER_ERRORS}",
        )
        given_campaigns = await mutate(
            gateway,
            "assignClientCampaigns",
            {"clientId": HARBOR_AS_ADMIN, "campaignIds": [str(c) for c in campaigns]},
            f"account {{ id }} {USER_ERRORS}",
        )
    assert given_lists["userErrors"] == given_campaigns["userErrors"] == []
    query = """{ me(platform: OEMPRO) { username accountType
        lists { totalCount nodes { id legacyId name } }
        campaigns { totalCount nodes { legacyId name status } } } }"""
    async with open_gateway(emulators, **CLIENT_LOGIN) as gateway:
        seen = await gateway.query(query)
        one = seen["me"]["lists"]["nodes"][0]
        node = await gateway.query(
            f'{{ node(id: "{one["id"]}") {{ ... on MailingList {{ name }} }} '
            f'other: node(id: "{gid("MailingList", own_lists(emulators)[0].id)}") {{ id }} }}'
        )
        calls = await gateway.counts(Platform.OEMPRO)
    me = seen["me"]
    assert (me["username"], me["accountType"]) == (OEMPRO_CLIENT_USERNAME, "client")
    assert [int(n["legacyId"]) for n in me["lists"]["nodes"]] == lists
    assert me["lists"]["totalCount"] == 3
    assert [int(n["legacyId"]) for n in me["campaigns"]["nodes"]] == campaigns
    assert node == {"node": {"name": one["name"]}, "other": None}
    assert calls["Client.Login"] == 1
    assert calls["Client.Lists.Get"] == 1
    assert calls["Client.Campaigns.Get"] == 1
    assert calls["Client.List.Get"] == 2


async def test_a_client_login_is_forbidden_the_rest(emulators):
    async with open_gateway(emulators, **CLIENT_LOGIN) as gateway:
        body = await gateway.result(
            "{ oemproAdmin { userGroups { totalCount } } "
            "campaigns(platform: OEMPRO) { totalCount } }"
        )
    codes = {tuple(e["path"]): e["extensions"]["code"] for e in body["errors"]}
    assert codes == {("oemproAdmin", "userGroups"): "FORBIDDEN", ("campaigns",): "FORBIDDEN"}


async def test_assignments_name_lists_and_campaigns(emulators):
    async with open_gateway(emulators) as gateway:
        empty = await mutate(
            gateway,
            "assignClientLists",
            {"clientId": HARBOR, "listIds": []},
            f"account {{ id }} {USER_ERRORS}",
        )
        user = await mutate(
            gateway,
            "assignClientCampaigns",
            {"clientId": gid("Account", "user:1"), "campaignIds": ["1"]},
            f"account {{ id }} {USER_ERRORS}",
        )
    refusal(empty, "account", "BAD_USER_INPUT", None, ["input", "listIds"])
    refusal(user, "account", "BAD_USER_INPUT", None, ["input", "clientId"])
