"""Oempro emulator: Subscriber.OptIn, Subscribers.Import (both steps) and Segments.Copy."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mailgql.emulators import Emulators
from mailgql.emulators.oempro.commands import COMMANDS
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


def _pending(api: OemproApi) -> tuple[int, int]:
    for list_id, table in api.state.subscribers.items():
        lst = api.state.lists[list_id]
        if lst.owner_id != 1:
            continue
        for sub in table.values():
            if sub["SubscriptionStatus"] in {"Opt-In Pending", "Confirmation Pending"}:
                return list_id, sub.id
    raise AssertionError("no pending subscriber")


async def test_opt_in_confirm_and_reject(api: OemproApi) -> None:
    list_id, sub_id = _pending(api)
    body = await api.call("Subscriber.OptIn", ListID=list_id, SubscriberID=sub_id, Mode="confirm")
    assert body["Success"] is True
    assert body["ProcessedMode"] == "Confirm"
    sub = api.state.subscribers[list_id][sub_id]
    assert sub["SubscriptionStatus"] == "Subscribed"
    again = await api.call("Subscriber.OptIn", ListID=list_id, SubscriberID=sub_id, Mode="Reject")
    assert failed(again, 8)
    list_id, sub_id = _pending(api)
    gone = await api.call("Subscriber.OptIn", ListID=list_id, SubscriberID=sub_id, Mode="Reject")
    assert gone["ProcessedMode"] == "Reject"
    assert sub_id not in api.state.subscribers[list_id]


async def test_opt_in_codes(api: OemproApi) -> None:
    list_id, sub_id = _pending(api)
    assert failed(await api.call("Subscriber.OptIn"), 1, 2, 3)
    assert failed(await api.call("Subscriber.OptIn", ListID=999, SubscriberID=1, Mode="Confirm"), 4)
    disabled = next(u for u in api.state.users.values() if not u.enabled)
    theirs = next((lst for lst in api.state.lists.values() if lst.owner_id == disabled.id), None)
    if theirs is not None:
        body = await api.call("Subscriber.OptIn", ListID=theirs.id, SubscriberID=1, Mode="Confirm")
        assert failed(body, 5)
    missing = await api.call("Subscriber.OptIn", ListID=list_id, SubscriberID=99999, Mode="Confirm")
    assert failed(missing, 6)
    odd = await api.call("Subscriber.OptIn", ListID=list_id, SubscriberID=sub_id, Mode="Maybe")
    assert failed(odd, 7)


CSV = (
    'email,city\nnew.one@example.com,Porto\n"new.two@example.com","Lisbon"\nnot-an-address,Porto\n'
)


async def test_import_in_two_steps(api: OemproApi) -> None:
    city = next(f for f in api.state.fields_of(2) if f["FieldName"] == "City")
    first = await api.as_user(
        "Subscribers.Import", ListID=2, ImportStep=1, ImportType="Copy", ImportData=CSV
    )
    assert first["Success"] is True
    assert first["ImportFields"] == ["email", "city"]
    second = await api.as_user(
        "Subscribers.Import",
        ("MappedFields[FIELD1]", "EmailAddress"),
        ("MappedFields[FIELD2]", city.column),
        ImportStep=2,
        ImportID=first["ImportID"],
    )
    assert second["Success"] is True
    assert (second["TotalData"], second["TotalImported"], second["TotalFailed"]) == (4, 2, 2)
    added = api.state.subscriber_by_email(2, "new.two@example.com")
    assert added is not None
    assert (added["SubscriptionStatus"], added[city.column]) == ("Subscribed", "Lisbon")
    repeat = await api.as_user(
        "Subscribers.Import",
        ("MappedFields[FIELD1]", "EmailAddress"),
        ImportStep=2,
        ImportID=first["ImportID"],
    )
    assert failed(repeat, 6)


async def test_import_codes(api: OemproApi) -> None:
    imp = {"ListID": 2, "ImportStep": 1}
    assert failed(await api.as_user("Subscribers.Import", ListID=2), 3)
    assert failed(await api.as_user("Subscribers.Import", ImportStep=1), 4, 1)
    assert failed(await api.as_user("Subscribers.Import", **imp, ImportType="Copy"), 2)
    assert failed(await api.as_user("Subscribers.Import", **imp, ImportType="Fax"), 17)
    assert failed(await api.as_user("Subscribers.Import", **imp, ImportType="File"), 9)
    assert failed(await api.as_user("Subscribers.Import", **imp, ImportType="MySQL"), 12)
    foreign = {**imp, "ListID": 9, "ImportType": "Copy", "ImportData": CSV}
    assert failed(await api.as_user("Subscribers.Import", **foreign), 4)
    broken = {**imp, "ImportType": "Copy", "ImportData": 'a,"b\nc'}
    assert failed(await api.as_user("Subscribers.Import", **broken), 5)
    started = await api.as_user("Subscribers.Import", **imp, ImportType="Copy", ImportData=CSV)
    step = {"ImportStep": 2, "ImportID": started["ImportID"]}
    assert failed(await api.as_user("Subscribers.Import", **step), 8)
    twice = await api.as_user(
        "Subscribers.Import",
        ("MappedFields[FIELD1]", "EmailAddress"),
        ("MappedFields[FIELD2]", "EmailAddress"),
        **step,
    )
    assert failed(twice, 7)


async def test_segments_copy(api: OemproApi) -> None:
    source = [s for s in api.state.segments.values() if s.list_id == 1]
    before = len([s for s in api.state.segments.values() if s.list_id == 2])
    assert (await api.as_user("Segments.Copy", SourceListID=1, TargetListID=2))["Success"]
    copies = [s for s in api.state.segments.values() if s.list_id == 2][before:]
    assert [(c["SegmentName"], len(c.rules)) for c in copies] == [
        (s["SegmentName"], len(s.rules)) for s in source
    ]
    assert failed(await api.as_user("Segments.Copy"), 1, 2)
    assert failed(await api.as_user("Segments.Copy", SourceListID=1, TargetListID=9), 4)


async def test_list_upkeep_answers_xml(api: OemproApi) -> None:
    session = await api.login()
    response = await api.raw(
        "Subscribers.Import",
        SessionID=session,
        ResponseFormat="XML",
        ListID=2,
        ImportStep=1,
        ImportType="Copy",
        ImportData=CSV,
    )
    assert "<ImportID>" in response.text
    assert "<ImportFields>" in response.text
    assert "<node_0><![CDATA[email]]></node_0>" in response.text
    refused = await api.raw("Subscriber.OptIn", ResponseFormat="XML")
    assert "<Success></Success>" in refused.text


def test_every_list_side_command_has_a_handler() -> None:
    names = {command.name for command in COMMANDS.values()}
    assert names >= {
        *("CustomFields.Get", "CustomField.Create", "CustomField.Update"),
        *("CustomFields.Delete", "CustomFields.Copy"),
        *("AutoResponders.Get", "AutoResponder.Get", "AutoResponder.Create"),
        *("AutoResponder.Update", "AutoResponders.Delete", "AutoResponders.Copy"),
        *("ListIntegration.AddURL", "ListIntegration.GetURLs", "ListIntegration.DeleteURLs"),
        "ListIntegration.TestURL",
        "ListIntegration.GenerateSubscriptionFormHTMLCode",
        "ListIntegration.GenerateUnsubscriptionFormHTMLCode",
        *("Subscribers.Delete", "Subscribers.Import", "Subscriber.OptIn"),
        *("Subscriber.Login", "Subscriber.GetLists", "Segment.Update", "Segments.Copy"),
    }


def test_a_list_s_sync_settings_are_secrets(api: OemproApi) -> None:
    synced = [lst for lst in api.state.lists.values() if lst["SyncStatus"] == "Enabled"]
    assert synced
    for lst in synced:
        sync = {lst["SyncMySQLHost"], lst["SyncMySQLUsername"], lst["SyncMySQLPassword"]}
        assert "" not in sync
        assert sync <= api.emulator.secrets()
