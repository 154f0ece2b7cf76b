"""Oempro emulator: user groups (contract §15) — every command, its codes, JSON and XML."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from mailgql.emulators import Emulators
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


NEW_GROUP: dict[str, Any] = {
    "GroupName": "Agency",
    "RelThemeID": "2",
    "SubscriberAreaLogoutURL": "https://agency.example/",
    "ForceUnsubscriptionLink": "Enabled",
    "ForceRejectOptLink": "disabled",
    "Permissions": "Lists.Get,Campaigns.Get",
    "LimitSubscribers": "5000",
    "LimitLists": "4",
    "SendMethod": "smtp",
    "SendMethodSMTPHost": "smtp.agency.example",
    "SendMethodSMTPPort": "465",
    "SendMethodSMTPAuth": "true",
    "SendMethodSMTPUsername": "agency",
    "SendMethodSMTPPassword": "Agency-Relay-Pass",
}


async def test_user_groups_get_lists_every_plan_with_its_smtp_login(api: OemproApi) -> None:
    body = await api.as_admin("UserGroups.Get")
    assert body["Success"] is True
    assert [g["GroupName"] for g in body["UserGroups"]] == ["Starter", "Professional", "Unlimited"]
    starter = body["UserGroups"][0]
    # The install hands the SMTP login out: the gateway is the one that must drop it.
    assert starter["SendMethodSMTPUsername"] == "starter-relay"
    assert starter["SendMethodSMTPPassword"]
    ordered = await api.as_admin("UserGroups.Get", OrderField="GroupName", OrderType="DESC")
    assert [g["GroupName"] for g in ordered["UserGroups"]] == [
        "Unlimited",
        "Starter",
        "Professional",
    ]


async def test_user_groups_are_admin_scope(api: OemproApi) -> None:
    assert (await api.as_user("UserGroups.Get"))["ErrorCode"] == 99999
    assert (await api.as_user("UserGroup.Create", **NEW_GROUP))["ErrorCode"] == 99999
    assert (await api.call("UserGroups.Get"))["ErrorCode"] == 99998


async def test_user_group_create_stores_the_plan(api: OemproApi) -> None:
    body = await api.as_admin("UserGroup.Create", **NEW_GROUP)
    assert body["Success"] is True
    assert isinstance(body["UserGroupID"], int)
    row = (await api.as_admin("UserGroup.Get", UserGroupID=body["UserGroupID"]))["UserGroup"]
    assert row["GroupName"] == "Agency"
    assert row["SendMethod"] == "SMTP"
    assert row["ForceRejectOptLink"] == "Disabled"
    assert row["SendMethodSMTPPassword"] == "Agency-Relay-Pass"
    assert row["LimitEmailSendPerPeriod"] == "0"


async def test_user_group_create_reports_every_missing_field_at_once(api: OemproApi) -> None:
    assert failed(await api.as_admin("UserGroup.Create"), 1, 2, 5, 6, 7, 8, 17, 18, 20)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"RelThemeID": "99"}, 19),
        ({"RelThemeID": "x"}, 19),
        ({"ForceUnsubscriptionLink": "Maybe"}, 6),
        ({"ForceRejectOptLink": "Maybe"}, 7),
        ({"LimitLists": "many"}, 17),
        ({"SendMethod": "Pigeon"}, 22),
        ({"SendMethodSMTPHost": ""}, 23),
        ({"SendMethodSMTPPort": "70000"}, 24),
        ({"SendMethodSMTPPassword": ""}, 25),
    ],
)
async def test_user_group_create_checks_its_values(
    api: OemproApi, change: dict[str, str], code: int
) -> None:
    before = len(api.state.groups)
    assert failed(await api.as_admin("UserGroup.Create", **{**NEW_GROUP, **change}), code)
    assert len(api.state.groups) == before


async def test_user_group_update_changes_only_what_is_given(api: OemproApi) -> None:
    body = await api.as_admin("UserGroup.Update", UserGroupID=1, GroupName="Starter Plus")
    assert body["Success"] is True
    row = api.state.groups[1]
    assert (row["GroupName"], row["LimitLists"], row["SendMethod"]) == ("Starter Plus", "3", "SMTP")
    assert failed(await api.as_admin("UserGroup.Update"), 3)
    assert failed(await api.as_admin("UserGroup.Update", UserGroupID=99, GroupName="x"), 21)
    assert failed(await api.as_admin("UserGroup.Update", UserGroupID=1, GroupName=""), 1)
    assert failed(await api.as_admin("UserGroup.Update", UserGroupID=1, RelThemeID=42), 19)
    assert api.state.groups[1]["GroupName"] == "Starter Plus"


async def test_user_group_duplicate_copies_everything_but_the_name(api: OemproApi) -> None:
    body = await api.as_admin("UserGroup.Duplicate", UserGroupID=2)
    copy = api.state.groups[body["UserGroupID"]]
    original = api.state.groups[2]
    assert copy["GroupName"] == "Professional (Copy)"
    assert copy["LimitLists"] == original["LimitLists"]
    assert copy["UserGroupID"] == str(body["UserGroupID"])
    assert failed(await api.as_admin("UserGroup.Duplicate"), 1)
    assert failed(await api.as_admin("UserGroup.Duplicate", UserGroupID=99), 2)


async def test_user_group_delete_keeps_the_last_plan(api: OemproApi) -> None:
    assert (await api.as_admin("UserGroup.Delete", UserGroupID=3))["Success"] is True
    assert 3 not in api.state.groups
    assert (await api.as_admin("UserGroup.Delete", UserGroupID=99))["Success"] is True
    assert failed(await api.as_admin("UserGroup.Delete"), 1)
    assert (await api.as_admin("UserGroup.Delete", UserGroupID=2))["Success"] is True
    assert failed(await api.as_admin("UserGroup.Delete", UserGroupID=1), 4)
    assert list(api.state.groups) == [1]


async def test_user_groups_answer_xml(api: OemproApi) -> None:
    session = await api.login("admin")
    listing = await api.raw("UserGroups.Get", SessionID=session, ResponseFormat="XML")
    assert listing.status_code == 200
    assert "<UserGroups>" in listing.text
    assert "<GroupName><![CDATA[Starter]]></GroupName>" in listing.text
    created = await api.raw(
        "UserGroup.Create", SessionID=session, ResponseFormat="XML", **NEW_GROUP
    )
    assert "<UserGroupID><![CDATA[4]]></UserGroupID>" in created.text
    refused = await api.raw("UserGroup.Duplicate", SessionID=session, ResponseFormat="XML")
    assert "<Success></Success>" in refused.text
    assert "<node_0><![CDATA[1]]></node_0>" in refused.text
