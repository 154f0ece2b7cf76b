"""Oempro emulator: auto responders of a list (contract §11), in JSON and XML."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mailgql.emulators import Emulators
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


def _email_of(api: OemproApi, user_id: int = 1) -> int:
    return next(e.id for e in api.state.emails.values() if e.number("RelUserID") == user_id)


def _create(api: OemproApi, **changes: object) -> dict[str, object]:
    return {
        "SubscriberListID": 1,
        "EmailID": _email_of(api),
        "AutoResponderName": "Welcome",
        "AutoResponderTriggerType": "OnSubscription",
        "TriggerTimeType": "Days later",
        "TriggerTime": 2,
        **changes,
    }


async def test_seeded_auto_responders_carry_their_counters(api: OemproApi) -> None:
    seeded = [r for r in api.state.list_side.auto_responders.values() if r.owner_id == 1]
    assert seeded
    lst = seeded[0].list_id
    body = await api.as_user(
        "AutoResponders.Get", SubscriberListID=lst, OrderField="AutoResponderID", OrderType="DESC"
    )
    rows = body["AutoResponders"]
    assert body["TotalResponderCount"] == len(rows)
    assert [int(r["AutoResponderID"]) for r in rows] == sorted(
        (r.id for r in seeded if r.list_id == lst), reverse=True
    )
    assert all(r["TotalSent"].isdigit() for r in rows)


async def test_create_get_and_update(api: OemproApi) -> None:
    created = await api.as_user("AutoResponder.Create", **_create(api))
    assert created["Success"] is True
    new_id = created["AutoResponderID"]
    row = (await api.as_user("AutoResponder.Get", AutoResponderID=new_id))["AutoResponder"]
    assert (row["AutoResponderName"], row["TriggerTimeType"], row["TriggerTime"]) == (
        "Welcome",
        "Days later",
        "2",
    )
    assert row["TotalSent"] == "0"
    changed = await api.as_user(
        "AutoResponder.Update", AutoResponderID=new_id, TriggerTimeType="Immediateky"
    )
    assert changed["Success"] is True
    row = (await api.as_user("AutoResponder.Get", AutoResponderID=new_id))["AutoResponder"]
    assert (row["AutoResponderName"], row["TriggerTimeType"], row["TriggerTime"]) == (
        "Welcome",
        "Immediately",
        "0",
    )


async def test_create_codes(api: OemproApi) -> None:
    assert failed(await api.as_user("AutoResponder.Create"), 1)
    assert failed(await api.as_user("AutoResponder.Create", SubscriberListID=1), 2, 3, 5, 8)
    assert failed(await api.as_user("AutoResponder.Create", **_create(api, SubscriberListID=9)), 1)
    link = _create(api, AutoResponderTriggerType="OnSubscriberLinkClick")
    assert failed(await api.as_user("AutoResponder.Create", **link), 4)
    no_amount = _create(api, TriggerTime="")
    assert failed(await api.as_user("AutoResponder.Create", **no_amount), 5)
    assert failed(
        await api.as_user("AutoResponder.Create", **_create(api, AutoResponderTriggerType="X")), 6
    )
    assert failed(await api.as_user("AutoResponder.Create", **_create(api, TriggerTimeType="X")), 7)
    foreign_email = _email_of(api, 2)
    assert failed(
        await api.as_user("AutoResponder.Create", **_create(api, EmailID=foreign_email)), 9
    )


async def test_get_update_codes(api: OemproApi) -> None:
    assert failed(await api.as_user("AutoResponder.Get"), 1)
    assert failed(await api.as_user("AutoResponder.Get", AutoResponderID=99999), 5)
    assert failed(await api.as_user("AutoResponder.Update"), 1)
    assert failed(await api.as_user("AutoResponder.Update", AutoResponderID=99999), 5)
    new_id = (await api.as_user("AutoResponder.Create", **_create(api)))["AutoResponderID"]
    blank = await api.as_user("AutoResponder.Update", AutoResponderID=new_id, AutoResponderName="")
    assert failed(blank, 2)
    assert failed(await api.as_user("AutoResponders.Get"), 1)
    assert failed(await api.as_user("AutoResponders.Get", SubscriberListID=9), 2)


async def test_delete_and_copy(api: OemproApi) -> None:
    tables = api.state.list_side
    new_id = (await api.as_user("AutoResponder.Create", **_create(api)))["AutoResponderID"]
    foreign = next(r for r in tables.auto_responders.values() if r.owner_id != 1)
    body = await api.as_user("AutoResponders.Delete", AutoResponders=f"{new_id},{foreign.id}")
    assert body["Success"] is True
    assert new_id not in tables.auto_responders
    assert foreign.id in tables.auto_responders
    assert failed(await api.as_user("AutoResponders.Delete"), 1)
    source = [r["AutoResponderName"] for r in tables.responders_of(1)]
    before = len(tables.responders_of(2))
    assert (await api.as_user("AutoResponders.Copy", SourceListID=1, TargetListID=2))["Success"]
    copied = tables.responders_of(2)[before:]
    assert [r["AutoResponderName"] for r in copied] == source
    assert all(r["TotalSent"] == "0" for r in copied)
    assert failed(await api.as_user("AutoResponders.Copy"), 1, 2)
    assert failed(await api.as_user("AutoResponders.Copy", SourceListID=1, TargetListID=9), 4)


async def test_auto_responders_answer_xml(api: OemproApi) -> None:
    session = await api.login()
    listed = await api.raw(
        "AutoResponders.Get",
        SessionID=session,
        ResponseFormat="XML",
        SubscriberListID=1,
        OrderField="AutoResponderID",
        OrderType="ASC",
    )
    assert listed.text.startswith("<?xml")
    assert "<TotalResponderCount>" in listed.text
    refused = await api.raw("AutoResponder.Get", SessionID=session, ResponseFormat="XML")
    assert "<Success></Success>" in refused.text
    assert "<node_0><![CDATA[1]]></node_0>" in refused.text
