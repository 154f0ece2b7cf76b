"""Oempro emulator: the subscriber area — Subscriber.Login and Subscriber.GetLists."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mailgql.emulators import Emulators
from mailgql.emulators.oempro.records import md5_hex
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


def _login(list_id: int, sub_id: int, email: str) -> dict[str, object]:
    return {
        "ListID": list_id,
        "MSubscriberID": md5_hex(str(sub_id)),
        "MEmailAddress": md5_hex(email),
        "EmailAddress": email,
    }


def _subscribed(api: OemproApi, list_id: int) -> tuple[int, str]:
    sub = next(
        s
        for s in api.state.subscribers[list_id].values()
        if s["SubscriptionStatus"] == "Subscribed"
    )
    return sub.id, sub["EmailAddress"]


async def test_a_subscriber_logs_in_and_reads_its_lists(api: OemproApi) -> None:
    sub_id, email = _subscribed(api, 3)
    body = await api.call("Subscriber.Login", **_login(3, sub_id, email))
    assert body["Success"] is True
    assert len(body["SessionID"]) == 32
    lists = await api.call("Subscriber.GetLists", SessionID=body["SessionID"])
    ids = [row["ListID"] for row in lists["SubscribedLists"]]
    assert "3" in ids
    expected = [
        str(lst.id)
        for lst in api.state.lists_of(1)
        if (held := api.state.subscriber_by_email(lst.id, email)) is not None
        and held["SubscriptionStatus"] != "Unsubscribed"
        and lst["HideInSubscriberArea"] != "true"
    ]
    assert ids == expected
    # A subscriber session is no user session.
    assert (await api.call("Lists.Get", SessionID=body["SessionID"]))["ErrorCode"] == 99998


async def test_login_codes(api: OemproApi) -> None:
    sub_id, email = _subscribed(api, 3)
    assert failed(await api.call("Subscriber.Login"), 1, 2, 3, 4)
    assert failed(
        await api.call("Subscriber.Login", **{**_login(3, sub_id, email), "ListID": 999}), 5
    )
    disabled = next(u for u in api.state.users.values() if not u.enabled)
    theirs = next((lst for lst in api.state.lists.values() if lst.owner_id == disabled.id), None)
    if theirs is not None:
        assert failed(
            await api.call("Subscriber.Login", **_login(theirs.id, 1, "a@example.com")), 6
        )
    bad = {**_login(3, sub_id, email), "EmailAddress": "nope"}
    assert failed(await api.call("Subscriber.Login", **bad), 7)
    wrong = _login(3, sub_id + 1, email)
    assert failed(await api.call("Subscriber.Login", **wrong), 8)


async def test_get_lists_codes(api: OemproApi) -> None:
    assert failed(await api.call("Subscriber.GetLists"), 1)
    assert failed(await api.call("Subscriber.GetLists", SessionID="0" * 32), 2)
    sub_id, email = _subscribed(api, 3)
    session = (await api.call("Subscriber.Login", **_login(3, sub_id, email)))["SessionID"]
    del api.state.subscribers[3][sub_id]
    assert failed(await api.call("Subscriber.GetLists", SessionID=session), 3)


async def test_the_subscriber_area_answers_xml(api: OemproApi) -> None:
    sub_id, email = _subscribed(api, 3)
    login = await api.raw("Subscriber.Login", ResponseFormat="XML", **_login(3, sub_id, email))
    assert "<SessionID><![CDATA[" in login.text
    refused = await api.raw("Subscriber.GetLists", ResponseFormat="XML")
    assert "<Success></Success>" in refused.text
