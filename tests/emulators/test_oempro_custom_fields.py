"""Oempro emulator: custom field writes (contract §10), in JSON and XML."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mailgql.emulators import Emulators
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


def _fields(api: OemproApi, list_id: int) -> dict[str, dict[str, str]]:
    return {f["FieldName"]: f.row() for f in api.state.fields_of(list_id)}


async def test_create_a_choice_field_with_options(api: OemproApi) -> None:
    body = await api.as_user(
        "CustomField.Create",
        ("OptionLabel[1]", "Weekly"),
        ("OptionValue[1]", "weekly"),
        ("OptionLabel[2]", "Monthly"),
        ("OptionSelected[]", "2"),
        SubscriberListID=1,
        FieldName="Frequency",
        FieldType="drop down",
        IsRequired="Yes",
    )
    assert body["Success"] is True
    row = _fields(api, 1)["Frequency"]
    assert row["CustomFieldID"] == str(body["CustomFieldID"])
    assert (row["FieldType"], row["IsRequired"], row["Visibility"]) == (
        "Drop down",
        "Yes",
        "Public",
    )
    assert row["FieldOptions"] == "[[Weekly]||[weekly]]||[[Monthly]||[Monthly]]*"
    listed = await api.as_user("CustomFields.Get", SubscriberListID=1, OrderField="FieldName")
    assert "Frequency" in [f["FieldName"] for f in listed["CustomFields"]]
    # Every subscriber of the list holds the new column (empty: no default).
    subscribers = await api.as_user(
        "Subscribers.Get",
        SubscriberListID=1,
        SubscriberSegment="Active",
        OrderField="SubscriberID",
        OrderType="ASC",
        RecordsFrom=0,
        RecordsPerRequest=1,
    )
    assert subscribers["Subscribers"][0][f"CustomField{body['CustomFieldID']}"] == ""


async def test_create_from_a_preset(api: OemproApi) -> None:
    body = await api.as_user(
        "CustomField.Create", SubscriberListID=2, PresetName="Days of the week"
    )
    assert body["Success"] is True
    row = _fields(api, 2)["Days of the week"]
    assert row["FieldType"] == "Checkboxes"
    assert row["FieldOptions"].startswith("[[Monday]||[Monday]]||[[Tuesday]")


async def test_create_codes(api: OemproApi) -> None:
    assert failed(await api.as_user("CustomField.Create"), 1)
    assert failed(await api.as_user("CustomField.Create", SubscriberListID=1), 2, 3)
    assert failed(
        await api.as_user("CustomField.Create", SubscriberListID=1, FieldName="X", FieldType="Odd"),
        7,
    )
    custom = {"SubscriberListID": 1, "FieldName": "Code", "FieldType": "Single line"}
    assert failed(await api.as_user("CustomField.Create", **custom, ValidationMethod="Custom"), 4)
    assert failed(await api.as_user("CustomField.Create", SubscriberListID=1, PresetName="Pets"), 5)
    foreign = await api.as_user("CustomField.Create", **{**custom, "SubscriberListID": 9})
    assert failed(foreign, 8)
    assert failed(await api.as_user("CustomField.Create", **custom, MergeTagAlias="1bad"), 1001)
    assert (await api.as_user("CustomField.Create", **custom, MergeTagAlias="code"))["Success"]
    assert failed(await api.as_user("CustomField.Create", **custom, MergeTagAlias="code"), 1000)


async def test_update_takes_the_whole_field_and_its_codes(api: OemproApi) -> None:
    field = api.state.fields_of(1)[1]  # "Last name"
    whole = {"CustomFieldID": field.id, "FieldName": "Surname", "FieldType": "Single line"}
    assert (await api.as_user("CustomField.Update", **whole, IsRequired="yes"))["Success"]
    assert (field["FieldName"], field["IsRequired"]) == ("Surname", "Yes")
    assert failed(await api.as_user("CustomField.Update"), 1, 2, 3)
    assert failed(await api.as_user("CustomField.Update", CustomFieldID=field.id), 2, 3)
    assert failed(await api.as_user("CustomField.Update", **{**whole, "CustomFieldID": 999}), 6)
    assert failed(await api.as_user("CustomField.Update", **{**whole, "FieldType": "Odd"}), 7)
    for param, code in (
        ("ValidationMethod", 8),
        ("Visibility", 9),
        ("IsRequired", 10),
        ("IsUnique", 11),
        ("IsGlobal", 12),
    ):
        assert failed(await api.as_user("CustomField.Update", **whole, **{param: "Odd"}), code)
    assert failed(await api.as_user("CustomField.Update", **whole, SubscriberListID=2), 13)
    assert failed(await api.as_user("CustomField.Update", **whole, SubscriberListID=9), 14)
    assert failed(await api.as_user("CustomField.Update", **whole, ValidationMethod="Custom"), 4)


async def test_delete_drops_the_values_and_leaves_foreign_fields(api: OemproApi) -> None:
    mine = api.state.fields_of(1)[2]
    foreign = api.state.fields_of(9)[0]  # another user's list
    body = await api.as_user("CustomFields.Delete", CustomFields=f"{mine.id},{foreign.id}")
    assert body["Success"] is True
    assert mine.id not in api.state.fields
    assert foreign.id in api.state.fields
    assert all(mine.column not in s.cols for s in api.state.subscribers[1].values())
    assert failed(await api.as_user("CustomFields.Delete"), 1)


async def test_copy_adds_the_source_fields_to_the_target(api: OemproApi) -> None:
    before = len(api.state.fields_of(2))
    source = [f["FieldName"] for f in api.state.fields_of(1)]
    assert (await api.as_user("CustomFields.Copy", SourceListID=1, TargetListID=2))["Success"]
    after = api.state.fields_of(2)
    assert [f["FieldName"] for f in after[before:]] == source
    assert failed(await api.as_user("CustomFields.Copy"), 1, 2)
    assert failed(await api.as_user("CustomFields.Copy", SourceListID=99, TargetListID=2), 3)
    assert failed(await api.as_user("CustomFields.Copy", SourceListID=1, TargetListID=99), 4)


async def test_custom_field_writes_answer_xml(api: OemproApi) -> None:
    session = await api.login()
    created = await api.raw(
        "CustomField.Create",
        SessionID=session,
        ResponseFormat="XML",
        SubscriberListID=1,
        FieldName="Nickname",
        FieldType="Single line",
    )
    assert "<Success><![CDATA[1]]></Success>" in created.text
    assert "<CustomFieldID>" in created.text
    refused = await api.raw("CustomFields.Copy", SessionID=session, ResponseFormat="XML")
    assert "<Success></Success>" in refused.text
    assert "<node_0><![CDATA[1]]></node_0>" in refused.text
