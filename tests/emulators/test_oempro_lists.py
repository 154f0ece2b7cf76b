"""Oempro emulator: lists, custom fields and segments (user scope)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mailgql.emulators import Emulators
from mailgql.emulators.oempro.segment_rules import is_active
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


# List.Create / Lists.Get / List.Get ---------------------------------------------------------
async def test_list_create_and_read_back(api: OemproApi) -> None:
    body = await api.as_user("List.Create", SubscriberListName="Autumn launch")
    assert body["Success"] is True
    assert isinstance(body["ListID"], int)
    row = (await api.as_user("List.Get", ListID=body["ListID"]))["List"]
    assert row["Name"] == "Autumn launch"
    assert row["OptInMode"] == "Single"
    assert row["RelOwnerUserID"] == "1"


async def test_list_create_codes(api: OemproApi) -> None:
    assert failed(await api.as_user("List.Create"), 1)
    assert failed(await api.as_user("List.Create", SubscriberListName="   "), 1)
    assert failed(await api.as_user("List.Create", SubscriberListName="vip CUSTOMERS"), 2)
    session = await api.switch("bluepeak")  # Starter plan: 3 lists, all used
    full = await api.call("List.Create", SessionID=session, SubscriberListName="Fourth")
    assert failed(full, 3)


async def test_lists_get_is_unpaged_and_carries_sync_secrets(api: OemproApi) -> None:
    body = await api.as_user(
        "Lists.Get", OrderField="ListID", OrderType="DESC", RecordsPerRequest=2
    )
    assert body["TotalListCount"] == 8
    assert isinstance(body["TotalListCount"], int)
    assert [row["ListID"] for row in body["Lists"]] == [str(i) for i in range(8, 0, -1)]
    synced = [row for row in body["Lists"] if row["SyncStatus"] == "Enabled"]
    assert synced
    assert synced[0]["SyncMySQLPassword"] in api.emulator.secrets()
    by_name = await api.as_user("Lists.Get", OrderField="Name", OrderType="ASC")
    names = [row["Name"] for row in by_name["Lists"]]
    assert names == sorted(names, key=str.lower)


async def test_lists_get_without_lists_is_false(api: OemproApi) -> None:
    session = await api.switch("orbitfoods")
    body = await api.call("Lists.Get", SessionID=session, OrderField="ListID", OrderType="ASC")
    assert body["Success"] is True
    assert body["Lists"] is False
    assert body["TotalListCount"] == 0


async def test_list_get_codes_and_not_found_reading(api: OemproApi) -> None:
    assert failed(await api.as_user("List.Get"), 1)
    assert (await api.as_user("List.Get", ListID=999)) == {
        "Success": True,
        "ErrorCode": 0,
        "ErrorText": "",
        "List": [],
    }
    foreign = api.state.lists_of(2)[0].id
    assert (await api.as_user("List.Get", ListID=foreign))["List"] == []
    assert (await api.as_user("List.Get", ListID="abc"))["List"] == []


# List.Update --------------------------------------------------------------------------------
async def test_list_update_applies_every_setting(api: OemproApi) -> None:
    body = await api.as_user(
        "List.Update",
        SubscriberListID=1,
        Name="Main newsletter",
        OptInMode="double",
        OptInConfirmationEmailID=1,
        OptOutScope="All lists",
        OptOutAddToSuppressionList="No",
        SendServiceIntegrationFailedNotification="true",
        HideInSubscriberArea="true",
        SubscriptionConfirmedPageURL="https://northwind.example/yay",
    )
    assert body["Success"] is True
    row = (await api.as_user("List.Get", ListID=1))["List"]
    assert row["Name"] == "Main newsletter"
    assert row["OptInMode"] == "Double"
    assert row["RelOptInConfirmationEmailID"] == "1"
    assert row["OptOutScope"] == "All lists"
    assert row["HideInSubscriberArea"] == "true"
    assert row["SubscriptionConfirmedPageURL"] == "https://northwind.example/yay"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, 1),
        ({"SubscriberListID": "999"}, 2),
        ({"SubscriberListID": "x"}, 2),
        ({"SubscriberListID": "1", "OptInMode": "Triple"}, 3),
        ({"SubscriberListID": "1", "OptOutScope": "Everything"}, 4),
        ({"SubscriberListID": "1", "SendServiceIntegrationFailedNotification": "maybe"}, 5),
        ({"SubscriberListID": "1", "HideInSubscriberArea": "sometimes"}, 6),
        ({"SubscriberListID": "1", "OptOutAddToSuppressionList": "Perhaps"}, 6),
        ({"SubscriberListID": "1", "OptInMode": "Double"}, 7),
    ],
)
async def test_list_update_codes(api: OemproApi, params: dict[str, str], code: int) -> None:
    before = api.state.lists[1].row()
    assert failed(await api.as_user("List.Update", **params), code)
    assert api.state.lists[1].row() == before


async def test_list_update_of_another_users_list_is_invalid(api: OemproApi) -> None:
    foreign = api.state.lists_of(2)[0].id
    assert failed(await api.as_user("List.Update", SubscriberListID=foreign, Name="Mine"), 2)


async def test_double_opt_in_list_keeps_its_confirmation_email(api: OemproApi) -> None:
    double = next(lst for lst in api.state.lists_of(1) if lst["OptInMode"] == "Double")
    body = await api.as_user("List.Update", SubscriberListID=double.id, OptInMode="Double")
    assert body["Success"] is True


# Lists.Delete -------------------------------------------------------------------------------
async def test_lists_delete(api: OemproApi) -> None:
    assert failed(await api.as_user("Lists.Delete"), 1)
    foreign = api.state.lists_of(2)[0].id
    assert (await api.as_user("Lists.Delete", Lists=f"7,8,{foreign}"))["Success"] is True
    assert (await api.as_user("Lists.Get"))["TotalListCount"] == 6
    assert foreign in api.state.lists
    assert (await api.as_user("List.Get", ListID=7))["List"] == []


# CustomFields.Get ---------------------------------------------------------------------------
async def test_custom_fields_get(api: OemproApi) -> None:
    body = await api.as_user(
        "CustomFields.Get", SubscriberListID=1, OrderField="CustomFieldID", OrderType="ASC"
    )
    names = [row["FieldName"] for row in body["CustomFields"]]
    assert names == ["First name", "Last name", "City", "Member number"]
    assert body["TotalCustomFields"] == 4
    first = body["CustomFields"][0]
    assert first["IsRequired"] == "Yes"
    assert first["RelListID"] == "1"
    assert body["CustomFields"][3]["IsUnique"] == "Yes"
    assert (await api.as_user("CustomFields.Get", SubscriberListID=2))["TotalCustomFields"] == 3
    assert failed(await api.as_user("CustomFields.Get"), 1)
    foreign = api.state.lists_of(2)[0].id
    assert failed(await api.as_user("CustomFields.Get", SubscriberListID=foreign), 2)


# Segments -----------------------------------------------------------------------------------
async def test_segment_get_is_the_v4_list_command(api: OemproApi) -> None:
    body = await api.as_user(
        "Segment.Get", SubscriberListID=1, OrderField="SegmentName", OrderType="ASC"
    )
    expected = [s for s in api.state.segments.values() if s.list_id == 1]
    assert 1 <= body["TotalSegments"] == len(expected) <= 3
    assert sorted(row["SegmentID"] for row in body["Segments"]) == sorted(
        str(s.id) for s in expected
    )
    rules = body["Segments"][0]["SegmentRules"]
    assert rules
    assert set(rules[0]) == {"Field", "Operator", "Filter"}
    assert failed(await api.as_user("Segment.Get"), 1)
    foreign = api.state.lists_of(2)[0].id
    assert (await api.as_user("Segment.Get", SubscriberListID=foreign))["TotalSegments"] == 0
    # The 5.x name has no handler on 4.x: PHP's fatal error page, not an envelope.
    session = await api.login("user")
    five_x = await api.raw("Segments.Get", SessionID=session, SubscriberListID=1)
    assert five_x.status_code == 200
    assert "Fatal error" in five_x.text
    assert five_x.headers["content-type"].startswith("text/html")


async def test_segment_create_with_rules_selects_subscribers(api: OemproApi) -> None:
    body = await api.as_user(
        "Segment.Create",
        ("SegmentRuleField[]", "EmailAddress"),
        ("SegmentRuleOperator[]", "Ends with"),
        ("SegmentRuleFilter[]", "example.org"),
        SubscriberListID=2,
        SegmentName="Org readers",
        SegmentOperator="and",
    )
    assert body["Success"] is True
    assert isinstance(body["SegmentID"], int)
    assert "ErrorText" not in body
    listed = await api.as_user("Segment.Get", SubscriberListID=2)
    mine = next(row for row in listed["Segments"] if row["SegmentID"] == str(body["SegmentID"]))
    assert mine["SegmentRules"] == [
        {"Field": "EmailAddress", "Operator": "Ends with", "Filter": "example.org"}
    ]
    members = await api.as_user(
        "Subscribers.Get", SubscriberListID=2, SubscriberSegment=body["SegmentID"]
    )
    expected = [
        s
        for s in api.state.subscribers[2].values()
        if is_active(s) and s["EmailAddress"].endswith("example.org")
    ]
    assert members["TotalSubscribers"] == len(expected)
    assert all(row["EmailAddress"].endswith("example.org") for row in members["Subscribers"])


async def test_segment_create_codes(api: OemproApi) -> None:
    body = await api.as_user("Segment.Create")
    assert failed(body, 1, 2, 3)
    assert "ErrorText" not in body
    bad_operator = await api.as_user(
        "Segment.Create", SubscriberListID=1, SegmentName="S", SegmentOperator="xor"
    )
    assert failed(bad_operator, 3)
    foreign = api.state.lists_of(2)[0].id
    not_owned = await api.as_user(
        "Segment.Create", SubscriberListID=foreign, SegmentName="S", SegmentOperator="or"
    )
    assert failed(not_owned, 4)


async def test_segment_update_and_codes(api: OemproApi) -> None:
    segment = next(s for s in api.state.segments.values() if s.list_id == 1)
    body = await api.as_user(
        "Segment.Update",
        ("SegmentRuleField[0]", "BounceType"),
        ("SegmentRuleOperator[0]", "Is"),
        ("SegmentRuleFilter[0]", "Soft"),
        SegmentID=segment.id,
        SegmentName="Soft bouncers",
        SegmentOperator="OR",
    )
    assert body["Success"] is True
    assert segment["SegmentName"] == "Soft bouncers"
    assert segment["SegmentOperator"] == "or"
    assert [rule.filter for rule in segment.rules] == ["Soft"]
    assert failed(await api.as_user("Segment.Update"), 1, 2, 3)
    wrong = {"SegmentName": "S", "SegmentOperator": "and"}
    assert failed(await api.as_user("Segment.Update", SegmentID=9999, **wrong), 4)
    foreign = next(s for s in api.state.segments.values() if s.number("RelOwnerUserID") != 1)
    assert failed(await api.as_user("Segment.Update", SegmentID=foreign.id, **wrong), 4)
    bad = await api.as_user(
        "Segment.Update", SegmentID=segment.id, SegmentName="S", SegmentOperator="nand"
    )
    assert failed(bad, 5)


async def test_segments_delete(api: OemproApi) -> None:
    assert failed(await api.as_user("Segments.Delete"), 1)
    ids = [s.id for s in api.state.segments.values() if s.list_id == 1]
    assert (await api.as_user("Segments.Delete", Segments=",".join(map(str, ids))))["Success"]
    assert (await api.as_user("Segment.Get", SubscriberListID=1))["TotalSegments"] == 0
