"""Oempro emulator: list integration (contract §16) — hooks, the URL probe, form code."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator

import pytest

from mailgql.emulators import Emulators
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


async def test_add_get_and_delete_hooks(api: OemproApi) -> None:
    added = await api.as_user(
        "ListIntegration.AddURL",
        SubscriberListID=2,
        Event="Subscription",
        URL="https://crm.example.com/in",
    )
    assert added["Success"] is True
    hook_id = added["WebServiceIntegrationID"]
    listed = await api.as_user("ListIntegration.GetURLs", SubscriberListID=2, Event="subscription")
    assert {
        "WebServiceIntegrationID": str(hook_id),
        "RelOwnerUserID": "1",
        "RelListID": "2",
        "EventType": "subscription",
        "ServiceURL": "https://crm.example.com/in",
    } in listed["URLs"]
    other = await api.as_user("ListIntegration.GetURLs", SubscriberListID=2, Event="unsubscription")
    assert all(row["EventType"] == "unsubscription" for row in other["URLs"])
    foreign = next(h for h in api.state.list_side.hooks.values() if h.owner_id != 1)
    deleted = await api.as_user("ListIntegration.DeleteURLs", URLs=f"{hook_id},{foreign.id}")
    assert deleted["Success"] is True
    assert hook_id not in api.state.list_side.hooks
    assert foreign.id in api.state.list_side.hooks


async def test_hook_codes(api: OemproApi) -> None:
    assert failed(await api.as_user("ListIntegration.AddURL"), 1, 2, 3)
    bad_event = {"SubscriberListID": 2, "URL": "https://x.example", "Event": "bounce"}
    assert failed(await api.as_user("ListIntegration.AddURL", **bad_event), 3)
    foreign = {**bad_event, "Event": "subscription", "SubscriberListID": 9}
    assert failed(await api.as_user("ListIntegration.AddURL", **foreign), 4)
    assert failed(await api.as_user("ListIntegration.GetURLs"), 1)
    assert failed(await api.as_user("ListIntegration.DeleteURLs"), 1)
    theirs = await api.as_user("ListIntegration.GetURLs", SubscriberListID=9, Event="subscription")
    assert theirs["URLs"] == []


async def test_the_probe_never_calls_the_url(api: OemproApi) -> None:
    # An address nothing listens on: the emulator answers from the contract alone.
    probe = await api.as_user("ListIntegration.TestURL", URL="http://127.0.0.1:9/never")
    assert probe == {"Success": True, "ErrorCode": 0, "ErrorText": ""}
    assert failed(await api.as_user("ListIntegration.TestURL"), 1)
    assert failed(await api.as_user("ListIntegration.TestURL", URL="   "), 1)


async def test_form_code_comes_as_escaped_lines(api: OemproApi) -> None:
    city = next(f for f in api.state.fields_of(1) if f["FieldName"] == "City")
    body = await api.as_user(
        "ListIntegration.GenerateSubscriptionFormHTMLCode",
        SubscriberListID=1,
        CustomFields=str(city.id),
    )
    lines = body["HTMLCode"]
    assert all("<" not in line for line in lines)
    page = html.unescape("\n".join(lines))
    assert page.startswith("<form ")
    assert 'name="FormValue_ListID" value="1"' in page
    assert f'name="FormValue_CustomField{city.id}"' in page
    assert "<option value=" in page
    out = await api.as_user(
        "ListIntegration.GenerateUnsubscriptionFormHTMLCode", SubscriberListID=1
    )
    assert "Subscriber.Unsubscribe" in html.unescape("\n".join(out["HTMLCode"]))
    for command in (
        "ListIntegration.GenerateSubscriptionFormHTMLCode",
        "ListIntegration.GenerateUnsubscriptionFormHTMLCode",
    ):
        assert failed(await api.as_user(command), 1)
        assert failed(await api.as_user(command, SubscriberListID=9), 1)


async def test_list_integration_answers_xml(api: OemproApi) -> None:
    session = await api.login()
    listed = await api.raw(
        "ListIntegration.GetURLs",
        SessionID=session,
        ResponseFormat="XML",
        SubscriberListID=1,
        Event="subscription",
    )
    assert "<URLs>" in listed.text
    assert "<ServiceURL><![CDATA[https://" in listed.text
    refused = await api.raw("ListIntegration.AddURL", SessionID=session, ResponseFormat="XML")
    assert "<Success></Success>" in refused.text
    assert "<node_2><![CDATA[3]]></node_2>" in refused.text
