"""Oempro emulator: users and user groups (admin scope) and clients (user scope)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mailgql.emulators import Emulators
from mailgql.emulators.oempro import OEMPRO_USER_USERNAME
from mailgql.emulators.oempro.records import md5_hex
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


NEW_USER = {
    "RelUserGroupID": "1",
    "EmailAddress": "dana@fernhill.example",
    "Username": "fernhill",
    "Password": "Fernhill-Pass-1",
    "FirstName": "Dana",
    "TimeZone": "Europe/Lisbon",
    "Language": "en",
}


# Users.Get ----------------------------------------------------------------------------------
async def test_users_get_lists_every_user_with_secrets_and_total(api: OemproApi) -> None:
    body = await api.as_admin(
        "Users.Get", OrderField="UserID", OrderType="ASC", RecordsFrom=0, RecordsPerRequest=50
    )
    assert body["Success"] is True
    assert body["TotalUsers"] == 5
    assert isinstance(body["TotalUsers"], int)
    assert [row["Username"] for row in body["Users"]] == [
        "northwind",
        "bluepeak",
        "cedarworks",
        "lumenlabs",
        "orbitfoods",
    ]
    assert all(len(row["Password"]) == 32 and row["APIKey"] for row in body["Users"])


async def test_users_get_pages_and_orders(api: OemproApi) -> None:
    page = await api.as_admin(
        "Users.Get", OrderField="Username", OrderType="DESC", RecordsFrom=1, RecordsPerRequest=2
    )
    assert [row["Username"] for row in page["Users"]] == ["northwind", "lumenlabs"]
    assert page["TotalUsers"] == 5
    multi = await api.as_admin(
        "Users.Get", OrderField="RelUserGroupID|Username", OrderType="ASC|DESC"
    )
    assert [row["Username"] for row in multi["Users"]] == [
        "orbitfoods",
        "bluepeak",
        "northwind",
        "lumenlabs",
        "cedarworks",
    ]
    unknown = await api.as_admin("Users.Get", OrderField="NoSuchColumn", OrderType="DESC")
    assert [row["UserID"] for row in unknown["Users"]] == ["1", "2", "3", "4", "5"]


@pytest.mark.parametrize(
    ("group", "usernames"),
    [
        ("1", ["bluepeak", "orbitfoods"]),
        ("3", ["cedarworks"]),
        ("Disabled", ["cedarworks"]),
        ("Enabled", ["northwind", "bluepeak", "lumenlabs", "orbitfoods"]),
        ("99", []),
        ("Nonsense", []),
    ],
)
async def test_users_get_filters_by_group_or_status(
    api: OemproApi, group: str, usernames: list[str]
) -> None:
    body = await api.as_admin("Users.Get", RelUserGroupID=group, RecordsPerRequest=1)
    assert body["TotalUsers"] == len(usernames)
    assert [row["Username"] for row in body["Users"]] == usernames[:1]


async def test_users_get_searches_a_column(api: OemproApi) -> None:
    body = await api.as_admin("Users.Get", SearchField="CompanyName", SearchKeyword="LABS")
    assert [row["Username"] for row in body["Users"]] == ["lumenlabs"]
    empty = await api.as_admin("Users.Get", SearchField="CompanyName", SearchKeyword="")
    assert empty["TotalUsers"] == 5


# User.Get -----------------------------------------------------------------------------------
async def test_user_get_by_id_or_email(api: OemproApi) -> None:
    by_id = await api.as_admin("User.Get", UserID=2)
    assert by_id["UserInformation"]["Username"] == "bluepeak"
    email = by_id["UserInformation"]["EmailAddress"]
    by_email = await api.as_admin("User.Get", EmailAddress=email.upper())
    assert by_email["UserInformation"]["UserID"] == "2"


async def test_user_get_codes(api: OemproApi) -> None:
    missing = await api.as_admin("User.Get")
    assert failed(missing, 1)
    assert isinstance(missing["ErrorText"], str)
    assert failed(await api.as_admin("User.Get", UserID=404), 3)
    assert failed(await api.as_admin("User.Get", UserID="x1"), 3)
    assert failed(await api.as_admin("User.Get", EmailAddress="nobody@example.com"), 3)


# User.Create --------------------------------------------------------------------------------
async def test_user_create_then_the_user_can_log_in(api: OemproApi) -> None:
    body = await api.as_admin("User.Create", **NEW_USER, ReputationLevel="Untrusted")
    assert body["Success"] is True
    assert isinstance(body["UserID"], int)
    row = (await api.as_admin("User.Get", UserID=body["UserID"]))["UserInformation"]
    assert row["Password"] == md5_hex("Fernhill-Pass-1")
    assert row["ReputationLevel"] == "Untrusted"
    assert row["AccountStatus"] == "Enabled"
    login = await api.call(
        "User.Login", Username="fernhill", Password="Fernhill-Pass-1", DisableCaptcha="true"
    )
    assert login["UserInfo"]["UserID"] == str(body["UserID"])


async def test_user_create_reports_every_missing_field_at_once(api: OemproApi) -> None:
    body = await api.as_admin("User.Create")
    assert failed(body, 1, 2, 3, 4, 6, 8, 9)
    only_company = await api.as_admin(
        "User.Create", **{k: v for k, v in NEW_USER.items() if k != "FirstName"}
    )
    assert failed(only_company, 6)
    with_company = dict(NEW_USER, FirstName="", CompanyName="Fernhill")
    assert (await api.as_admin("User.Create", **with_company))["Success"] is True


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"EmailAddress": "not-an-address"}, 10),
        ({"RelUserGroupID": "77"}, 11),
        ({"Username": "NORTHWIND"}, 12),
        ({"EmailAddress": "nora@northwindoutfitters.example"}, 13),
        ({"Language": "xx"}, 14),
        ({"ReputationLevel": "Shady"}, 15),
    ],
)
async def test_user_create_validation_codes(
    api: OemproApi, change: dict[str, str], code: int
) -> None:
    assert failed(await api.as_admin("User.Create", **dict(NEW_USER, **change)), code)


async def test_user_create_stops_at_the_licence_limit(api: OemproApi) -> None:
    api.state.licence_user_limit = len(api.state.users)
    assert failed(await api.as_admin("User.Create", **NEW_USER), 16)


# User.Update --------------------------------------------------------------------------------
async def test_admin_updates_any_user_including_the_misspelled_company_name(
    api: OemproApi,
) -> None:
    body = await api.as_admin(
        "User.Update", UserID=4, Companyname="Lumen Labs GmbH", AccountStatus="Disabled"
    )
    assert body["Success"] is True
    row = (await api.as_admin("User.Get", UserID=4))["UserInformation"]
    assert row["CompanyName"] == "Lumen Labs GmbH"
    assert row["AccountStatus"] == "Disabled"


async def test_user_updates_itself_but_not_its_plan(api: OemproApi) -> None:
    body = await api.as_user(
        "User.Update", UserID=1, FirstName="Noor", Password="New-Pass-9", RelUserGroupID=3
    )
    assert body["Success"] is True
    demo = api.state.users[1]
    assert demo["FirstName"] == "Noor"
    assert demo["RelUserGroupID"] == "2"
    login = await api.call(
        "User.Login", Username=OEMPRO_USER_USERNAME, Password="New-Pass-9", DisableCaptcha="1"
    )
    assert login["Success"] is True


async def test_user_update_codes(api: OemproApi) -> None:
    assert failed(await api.as_user("User.Update", FirstName="X"), 1)
    assert failed(await api.as_user("User.Update", UserID=2, FirstName="X"), 2)
    assert api.state.users[2]["FirstName"] == "Ben"
    assert failed(await api.as_admin("User.Update", UserID=404), 5)
    assert failed(await api.as_admin("User.Update", UserID=2, Username="northwind"), 6)
    taken = api.state.users[1]["EmailAddress"]
    # Keeping one's own address is no clash.
    own = await api.as_user("User.Update", UserID=1, EmailAddress=taken.upper())
    assert own["Success"] is True
    assert failed(await api.as_admin("User.Update", UserID=2, EmailAddress=taken), 6)


# Users.Delete -------------------------------------------------------------------------------
async def test_users_delete_removes_users_and_what_they_own(api: OemproApi) -> None:
    assert failed(await api.as_admin("Users.Delete"), 1)
    lumen_lists = [lst.id for lst in api.state.lists_of(4)]
    assert lumen_lists
    body = await api.as_admin("Users.Delete", Users="4,5,999,abc")
    assert body["Success"] is True
    assert failed(await api.as_admin("User.Get", UserID=4), 3)
    assert all(list_id not in api.state.lists for list_id in lumen_lists)
    assert (await api.as_admin("Users.Get"))["TotalUsers"] == 3


# UserGroup.Get ------------------------------------------------------------------------------
async def test_user_group_get(api: OemproApi) -> None:
    body = await api.as_admin("UserGroup.Get", UserGroupID=1)
    group = body["UserGroup"]
    assert group["GroupName"] == "Starter"
    assert group["LimitLists"] == "3"
    assert group["LimitSubscribers"] == "2500"
    assert group["LimitEmailSendPerPeriod"] == "10000"
    assert group["SendMethodSMTPPassword"] in api.emulator.secrets()
    unlimited = (await api.as_admin("UserGroup.Get", UserGroupID=3))["UserGroup"]
    assert unlimited["LimitLists"] == "0"
    assert failed(await api.as_admin("UserGroup.Get"), 1)
    assert failed(await api.as_admin("UserGroup.Get", UserGroupID=9), 2)


# Clients ------------------------------------------------------------------------------------
NEW_CLIENT = {
    "ClientName": "Maple Consulting",
    "ClientUsername": "maple",
    "ClientPassword": "Maple-Pass-5",
    "ClientEmailAddress": "maple@clients.example",
}


async def test_clients_get_is_unpaged_and_carries_the_password_hash(api: OemproApi) -> None:
    body = await api.as_user("Clients.Get", OrderField="ClientName", OrderTYPE="DESC")
    assert [row["ClientName"] for row in body["Clients"]] == [
        "Summit Retail",
        "Juniper Studio",
        "Harbor Agency",
    ]
    assert body["TotalClientCount"] == 3
    assert all(len(row["ClientPassword"]) == 32 for row in body["Clients"])
    assert failed(await api.as_user("Clients.Get"), 1, 2)
    assert failed(await api.as_user("Clients.Get", OrderField="ClientID"), 2)
    assert failed(await api.as_user("Clients.Get", OrderType="ASC"), 1)


async def test_client_create_then_login(api: OemproApi) -> None:
    body = await api.as_user("Client.Create", **NEW_CLIENT)
    assert isinstance(body["ClientID"], int)
    login = await api.call("Client.Login", Username="maple", Password="Maple-Pass-5")
    assert login["Success"] is True
    assert (await api.call("Client.Lists.Get", SessionID=login["SessionID"]))["Lists"] == []


async def test_client_create_codes(api: OemproApi) -> None:
    assert failed(await api.as_user("Client.Create"), 1, 2, 3, 4)
    bad = dict(NEW_CLIENT, ClientEmailAddress="maple-at-clients")
    assert failed(await api.as_user("Client.Create", **bad), 5)
    assert failed(
        await api.as_user("Client.Create", **dict(NEW_CLIENT, ClientUsername="HARBOR-agency")), 6
    )
    taken = dict(NEW_CLIENT, ClientEmailAddress="harbor@clients.example")
    assert failed(await api.as_user("Client.Create", **taken), 7)


async def test_client_update_and_codes(api: OemproApi) -> None:
    fields = {
        "ClientID": "2",
        "ClientName": "Summit Retail Group",
        "ClientUsername": "summit-retail",
        "ClientEmailAddress": "summit@clients.example",
    }
    ok = await api.as_user("Client.Update", **fields, ClientAccountStatus="disabled")
    assert ok["Success"] is True
    assert api.state.clients[2]["ClientName"] == "Summit Retail Group"
    assert api.state.clients[2]["ClientAccountStatus"] == "Disabled"
    assert failed(await api.as_user("Client.Update"), 1, 2, 4, 6)
    assert failed(await api.as_user("Client.Update", **dict(fields, ClientAccountStatus="Gone")), 5)
    assert failed(await api.as_user("Client.Update", **dict(fields, ClientEmailAddress="x")), 7)
    assert failed(await api.as_user("Client.Update", **dict(fields, ClientID="42")), 8)
    taken_name = dict(fields, ClientUsername="harbor-agency")
    assert failed(await api.as_user("Client.Update", **taken_name), 9)
    taken_mail = dict(fields, ClientEmailAddress="harbor@clients.example")
    assert failed(await api.as_user("Client.Update", **taken_mail), 10)


async def test_clients_delete(api: OemproApi) -> None:
    assert failed(await api.as_user("Clients.Delete"), 1)
    session = await api.login("client")
    assert (await api.as_user("Clients.Delete", Clients="1,3"))["Success"] is True
    assert (await api.as_user("Clients.Get", OrderField="ClientID", OrderType="ASC"))[
        "TotalClientCount"
    ] == 1
    assert (await api.call("Client.Lists.Get", SessionID=session))["ErrorCode"] == 99998


async def test_client_assignments_replace_the_previous_ones(api: OemproApi) -> None:
    assert failed(await api.as_user("Client.AssignSubscriberLists"), 1, 2)
    assert failed(await api.as_user("Client.AssignCampaigns"), 1, 2)
    assert failed(
        await api.as_user("Client.AssignSubscriberLists", ClientID=99, SubscriberListIDs="1"), 1
    )
    foreign_list = api.state.lists_of(2)[0].id
    body = await api.as_user(
        "Client.AssignSubscriberLists", ClientID=1, SubscriberListIDs=f"5,6,{foreign_list}"
    )
    assert body["Success"] is True
    lists = await api.as_client("Client.Lists.Get")
    assert [row["ListID"] for row in lists["Lists"]] == ["5", "6"]
    body = await api.as_user("Client.AssignCampaigns", ClientID=1, CampaignIDs="9,11")
    assert body["Success"] is True
    campaigns = await api.as_client("Client.Campaigns.Get")
    assert [row["CampaignID"] for row in campaigns["Campaigns"]] == ["9"]
    assert campaigns["TotalCampaigns"] == 1
