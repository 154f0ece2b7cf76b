"""Oempro emulator: subscribe, unsubscribe, read, page, count, update and delete subscribers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest

from mailgql.emulators import Emulators
from mailgql.emulators.oempro.records import Subscriber
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


def field_id(api: OemproApi, list_id: int, name: str) -> int:
    return next(f.id for f in api.state.fields_of(list_id) if f["FieldName"] == name)


def subscribers(api: OemproApi, list_id: int) -> list[Subscriber]:
    return list(api.state.subscribers[list_id].values())


def double_list(api: OemproApi) -> int:
    return next(lst.id for lst in api.state.lists_of(1) if lst["OptInMode"] == "Double")


# Subscriber.Subscribe -----------------------------------------------------------------------
async def test_subscribe_to_a_single_opt_in_list_with_custom_fields(api: OemproApi) -> None:
    first = field_id(api, 1, "First name")
    body = await api.call(
        "Subscriber.Subscribe",
        ListID=1,
        EmailAddress="new.reader@example.com",
        IPAddress="127.0.0.1",
        **{f"CustomField{first}": "Rosa"},
    )
    assert body["Success"] is True
    assert isinstance(body["SubscriberID"], int)
    assert body["Subscriber"] == {
        "SubscriberID": str(body["SubscriberID"]),
        "EmailAddress": "new.reader@example.com",
        "SubscriptionStatus": "Subscribed",
    }
    assert body["RedirectURL"].endswith("/subscribe/thanks")
    info = (await api.as_user("Subscriber.Get", ListID=1, EmailAddress="NEW.reader@example.com"))[
        "SubscriberInformation"
    ]
    assert info[f"CustomField{first}"] == "Rosa"
    assert info["SubscriptionIP"] == "127.0.0.1"


async def test_subscribe_to_a_double_opt_in_list_is_pending(api: OemproApi) -> None:
    list_id = double_list(api)
    body = await api.call(
        "Subscriber.Subscribe",
        ListID=list_id,
        EmailAddress="pending@example.com",
        IPAddress="10.0.0.1",
    )
    assert body["Subscriber"]["SubscriptionStatus"] == "Opt-In Pending"
    assert body["RedirectURL"].endswith("/subscribe/pending")


async def test_subscribe_codes_without_a_session(api: OemproApi) -> None:
    assert failed(await api.call("Subscriber.Subscribe"), 1, 2, 3)
    no_ip = await api.call("Subscriber.Subscribe", ListID=1, EmailAddress="a@example.com")
    assert failed(no_ip, 3)
    assert no_ip["ErrorText"] == ["IP address is missing"]
    assert failed(
        await api.call(
            "Subscriber.Subscribe", ListID=999, EmailAddress="a@example.com", IPAddress="1"
        ),
        4,
    )
    assert failed(
        await api.call(
            "Subscriber.Subscribe", ListID=1, EmailAddress="not-an-email", IPAddress="1"
        ),
        5,
    )
    existing = subscribers(api, 1)[0]["EmailAddress"]
    dup = await api.call(
        "Subscriber.Subscribe", ListID=1, EmailAddress=existing.upper(), IPAddress="1"
    )
    assert failed(dup, 9)


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [("First name", "", 6), ("First name", "R2D2", 8), ("Member number", "12ab", 8)],
)
async def test_subscribe_custom_field_errors_come_with_details(
    api: OemproApi, field: str, value: str, code: int
) -> None:
    custom = field_id(api, 1, field)
    body = await api.call(
        "Subscriber.Subscribe",
        ListID=1,
        EmailAddress="field.test@example.com",
        IPAddress="127.0.0.1",
        **{f"CustomField{custom}": value},
    )
    assert failed(body, code)
    assert body["ErrorCustomFieldID"] == str(custom)
    assert body["ErrorCustomFieldTitle"] == field
    assert field in body["ErrorCustomFieldDescription"]
    assert api.state.subscriber_by_email(1, "field.test@example.com") is None


async def test_subscribe_unique_custom_field(api: OemproApi) -> None:
    member = field_id(api, 1, "Member number")
    taken = subscribers(api, 1)[0][f"CustomField{member}"]
    body = await api.call(
        "Subscriber.Subscribe",
        ListID=1,
        EmailAddress="copycat@example.com",
        IPAddress="127.0.0.1",
        **{f"CustomField{member}": taken},
    )
    assert failed(body, 7)
    assert body["ErrorCustomFieldTitle"] == "Member number"


async def test_subscribe_omitted_required_field_is_accepted(api: OemproApi) -> None:
    body = await api.call(
        "Subscriber.Subscribe", ListID=1, EmailAddress="lenient@example.com", IPAddress="1.1.1.1"
    )
    assert body["Success"] is True


async def test_subscribe_to_a_list_of_a_disabled_user_is_invalid_user(api: OemproApi) -> None:
    await api.as_admin("User.Update", UserID=4, AccountStatus="Disabled")
    lumen_list = api.state.lists_of(4)[0].id
    body = await api.call(
        "Subscriber.Subscribe", ListID=lumen_list, EmailAddress="x@example.com", IPAddress="1"
    )
    assert failed(body, 11)


async def test_an_unsubscribed_address_may_subscribe_again(api: OemproApi) -> None:
    gone = next(s for s in subscribers(api, 1) if s["SubscriptionStatus"] == "Unsubscribed")
    body = await api.call(
        "Subscriber.Subscribe", ListID=1, EmailAddress=gone["EmailAddress"], IPAddress="1.2.3.4"
    )
    assert body["SubscriberID"] == gone.id
    assert gone["SubscriptionStatus"] == "Subscribed"


# Subscriber.Unsubscribe ---------------------------------------------------------------------
async def test_unsubscribe_by_email_credits_the_campaign_and_suppresses(api: OemproApi) -> None:
    target = next(s for s in subscribers(api, 1) if s["SubscriptionStatus"] == "Subscribed")
    campaign = api.state.campaigns[1]
    before = int(campaign["TotalUnsubscriptions"])
    assert api.state.lists[1]["OptOutAddToSuppressionList"] == "Yes"
    body = await api.call(
        "Subscriber.Unsubscribe",
        ListID=1,
        EmailAddress=target["EmailAddress"],
        IPAddress="127.0.0.1",
        CampaignID=1,
    )
    assert body["Success"] is True
    assert body["RedirectURL"].endswith("/unsubscribed")
    assert target["SubscriptionStatus"] == "Unsubscribed"
    assert target["UnsubscriptionIP"] == "127.0.0.1"
    assert int(campaign["TotalUnsubscriptions"]) == before + 1
    suppressed = await api.as_user(
        "Subscribers.Get",
        SubscriberListID=1,
        SubscriberSegment="Suppressed",
        SearchField="EmailAddress",
        SearchKeyword=target["EmailAddress"],
    )
    assert suppressed["TotalSubscribers"] == 1


async def test_unsubscribe_by_id_and_preview_is_a_dry_run(api: OemproApi) -> None:
    target = next(s for s in subscribers(api, 2) if s["SubscriptionStatus"] == "Subscribed")
    preview = await api.call(
        "Subscriber.Unsubscribe", ListID=2, SubscriberID=target.id, IPAddress="1", Preview=1
    )
    assert preview["Success"] is True
    assert target["SubscriptionStatus"] == "Subscribed"
    real = await api.call("Subscriber.Unsubscribe", ListID=2, SubscriberID=target.id, IPAddress="1")
    assert real["Success"] is True
    assert target["SubscriptionStatus"] == "Unsubscribed"


async def test_unsubscribe_from_an_all_lists_scope_list(api: OemproApi) -> None:
    everywhere = next(lst for lst in api.state.lists_of(1) if lst["OptOutScope"] == "All lists")
    address = "everywhere@example.com"
    for lst in api.state.lists_of(1)[:3] + [everywhere]:
        await api.call("Subscriber.Subscribe", ListID=lst.id, EmailAddress=address, IPAddress="1")
    await api.call(
        "Subscriber.Unsubscribe", ListID=everywhere.id, EmailAddress=address, IPAddress="1"
    )
    statuses = {
        api.state.subscriber_by_email(lst.id, address)["SubscriptionStatus"]  # type: ignore[index]
        for lst in api.state.lists_of(1)[:3]
    }
    assert statuses == {"Unsubscribed"}


async def test_unsubscribe_codes(api: OemproApi) -> None:
    subscribed = next(s for s in subscribers(api, 1) if s["SubscriptionStatus"] == "Subscribed")
    gone = next(s for s in subscribers(api, 1) if s["SubscriptionStatus"] == "Unsubscribed")
    base = {"ListID": "1", "IPAddress": "127.0.0.1"}
    assert failed(await api.call("Subscriber.Unsubscribe"), 1, 2, 3)
    assert failed(await api.call("Subscriber.Unsubscribe", ListID=1, EmailAddress="a@b.co"), 2)
    assert failed(await api.call("Subscriber.Unsubscribe", **base), 3)
    assert failed(
        await api.call("Subscriber.Unsubscribe", ListID=999, IPAddress="1", SubscriberID=1), 4
    )
    await api.as_admin("User.Update", UserID=4, AccountStatus="Disabled")
    lumen_list = api.state.lists_of(4)[0].id
    assert failed(
        await api.call("Subscriber.Unsubscribe", ListID=lumen_list, IPAddress="1", SubscriberID=1),
        5,
    )
    assert failed(await api.call("Subscriber.Unsubscribe", **base, EmailAddress="bad@"), 6)
    assert failed(
        await api.call("Subscriber.Unsubscribe", **base, EmailAddress="no@example.com"), 7
    )
    assert failed(await api.call("Subscriber.Unsubscribe", **base, SubscriberID=99999), 7)
    address = subscribed["EmailAddress"]
    other_users_campaign = next(c.id for c in api.state.campaigns.values() if c.owner_id != 1)
    for extra in (
        {"CampaignID": "9999"},
        {"CampaignID": str(other_users_campaign)},
        {"AutoResponderID": "3"},
    ):
        body = await api.call("Subscriber.Unsubscribe", **base, EmailAddress=address, **extra)
        assert failed(body, 8)
    assert failed(
        await api.call("Subscriber.Unsubscribe", **base, EmailAddress=address, EmailID=9999), 10
    )
    assert subscribed["SubscriptionStatus"] == "Subscribed"
    assert failed(
        await api.call("Subscriber.Unsubscribe", **base, EmailAddress=gone["EmailAddress"]), 9
    )


# Subscriber.Get -----------------------------------------------------------------------------
async def test_subscriber_get_returns_the_row_with_every_custom_field(api: OemproApi) -> None:
    sub = subscribers(api, 1)[0]
    info = (await api.as_user("Subscriber.Get", ListID=1, EmailAddress=sub["EmailAddress"]))[
        "SubscriberInformation"
    ]
    assert info["SubscriberID"] == str(sub.id)
    assert {f"CustomField{f.id}" for f in api.state.fields_of(1)} <= set(info)
    assert all(isinstance(v, str) for v in info.values())


async def test_subscriber_get_codes(api: OemproApi) -> None:
    assert failed(await api.as_user("Subscriber.Get"), 1, 2)
    assert failed(await api.as_user("Subscriber.Get", ListID=1), 1)
    assert failed(await api.as_user("Subscriber.Get", EmailAddress="a@example.com"), 2)
    assert failed(await api.as_user("Subscriber.Get", ListID=1, EmailAddress="no@example.com"), 3)
    foreign = api.state.lists_of(2)[0].id
    someone = subscribers(api, foreign)[0]["EmailAddress"]
    assert failed(await api.as_user("Subscriber.Get", ListID=foreign, EmailAddress=someone), 3)


# Subscribers.Get ----------------------------------------------------------------------------
SEGMENTS: dict[str, Callable[[Subscriber, set[str]], bool]] = {
    "Active": lambda s, sup: s["SubscriptionStatus"] == "Subscribed" and s["BounceType"] != "Hard",
    "Unsubscribed": lambda s, sup: s["SubscriptionStatus"] == "Unsubscribed",
    "Hard bounced": lambda s, sup: s["BounceType"] == "Hard",
    "Soft bounced": lambda s, sup: s["BounceType"] == "Soft",
    "Opt-in pending": lambda s, sup: (
        s["SubscriptionStatus"] in {"Opt-In Pending", "Confirmation Pending"}
    ),
    "Suppressed": lambda s, sup: s["EmailAddress"] in sup,
}


@pytest.mark.parametrize("segment", list(SEGMENTS))
async def test_counting_with_one_record_per_request(api: OemproApi, segment: str) -> None:
    suppressed = api.state.suppressed.get(1, set())
    for list_id in (1, 2, 3):
        expected = [s for s in subscribers(api, list_id) if SEGMENTS[segment](s, suppressed)]
        assert expected, (segment, list_id)
        body = await api.as_user(
            "Subscribers.Get",
            SubscriberListID=list_id,
            SubscriberSegment=segment.upper(),
            OrderField="SubscriberID",
            OrderType="ASC",
            RecordsFrom=0,
            RecordsPerRequest=1,
            SearchField="",
            SearchKeyword="",
        )
        assert body["TotalSubscribers"] == len(expected)
        assert isinstance(body["TotalSubscribers"], int)
        assert [row["SubscriberID"] for row in body["Subscribers"]] == [str(expected[0].id)]


async def test_every_list_has_subscribers_in_every_state(api: OemproApi) -> None:
    seen_confirmation_pending = False
    for list_id, table in api.state.subscribers.items():
        states = {(s["SubscriptionStatus"], s["BounceType"]) for s in table.values()}
        assert 10 <= len(table) <= 60
        assert {
            ("Subscribed", "Not Bounced"),
            ("Opt-In Pending", "Not Bounced"),
            ("Unsubscribed", "Not Bounced"),
            ("Subscribed", "Hard"),
            ("Subscribed", "Soft"),
            ("Opt-Out Pending", "Not Bounced"),
        } <= states, list_id
        seen_confirmation_pending |= ("Confirmation Pending", "Not Bounced") in states
    assert seen_confirmation_pending


async def test_subscribers_get_pages_orders_and_searches(api: OemproApi) -> None:
    every = await api.as_user(
        "Subscribers.Get",
        SubscriberListID=2,
        SubscriberSegment="Active",
        OrderField="EmailAddress",
        OrderType="DESC",
    )
    emails = [row["EmailAddress"] for row in every["Subscribers"]]
    assert emails == sorted(emails, reverse=True)
    assert len(emails) == every["TotalSubscribers"]
    page = await api.as_user(
        "Subscribers.Get",
        SubscriberListID=2,
        SubscriberSegment="Active",
        OrderField="EmailAddress",
        OrderType="DESC",
        RecordsFrom=5,
        RecordsPerRequest=5,
    )
    assert [row["EmailAddress"] for row in page["Subscribers"]] == emails[5:10]
    assert page["TotalSubscribers"] == len(emails)
    city = field_id(api, 2, "City")
    wanted = subscribers(api, 2)[0][f"CustomField{city}"]
    search = await api.as_user(
        "Subscribers.Get",
        SubscriberListID=2,
        SubscriberSegment="Active",
        SearchField=f"CustomField{city}",
        SearchKeyword=wanted.lower(),
    )
    assert search["TotalSubscribers"] >= 1
    assert all(row[f"CustomField{city}"] == wanted for row in search["Subscribers"])


async def test_subscribers_get_codes(api: OemproApi) -> None:
    assert failed(await api.as_user("Subscribers.Get"), 1, 2)
    assert failed(await api.as_user("Subscribers.Get", SubscriberListID=1), 2)
    assert failed(await api.as_user("Subscribers.Get", SubscriberSegment="Active"), 1)
    foreign = api.state.lists_of(2)[0].id
    assert failed(
        await api.as_user("Subscribers.Get", SubscriberListID=foreign, SubscriberSegment="Active"),
        3,
    )
    assert failed(
        await api.as_user("Subscribers.Get", SubscriberListID=1, SubscriberSegment="Sleeping"), 2
    )
    other_list_segment = next(s.id for s in api.state.segments.values() if s.list_id == 2)
    assert failed(
        await api.as_user(
            "Subscribers.Get", SubscriberListID=1, SubscriberSegment=other_list_segment
        ),
        2,
    )


# Subscriber.Update --------------------------------------------------------------------------
async def test_subscriber_update_changes_address_and_fields(api: OemproApi) -> None:
    sub = subscribers(api, 1)[0]
    city = field_id(api, 1, "City")
    body = await api.as_user(
        "Subscriber.Update",
        (f"Fields[CustomField{city}]", "Porto"),
        SubscriberID=sub.id,
        SubscriberListID=1,
        EmailAddress="moved@example.com",
        Access="admin",
    )
    assert body["Success"] is True
    assert sub["EmailAddress"] == "moved@example.com"
    assert sub[f"CustomField{city}"] == "Porto"


async def test_subscriber_update_codes(api: OemproApi) -> None:
    first, second = subscribers(api, 1)[:2]
    base = {"SubscriberID": str(first.id), "SubscriberListID": "1"}
    assert failed(await api.as_user("Subscriber.Update"), 1, 2, 3)
    assert failed(await api.as_user("Subscriber.Update", **base), 3)
    assert failed(await api.as_user("Subscriber.Update", **base, EmailAddress="nope"), 4)
    foreign = api.state.lists_of(2)[0].id
    assert failed(
        await api.as_user(
            "Subscriber.Update", SubscriberID=1, SubscriberListID=foreign, EmailAddress="a@b.co"
        ),
        5,
    )
    assert failed(
        await api.as_user(
            "Subscriber.Update", SubscriberID=99999, SubscriberListID=1, EmailAddress="a@b.co"
        ),
        6,
    )
    assert failed(
        await api.as_user("Subscriber.Update", **base, EmailAddress=second["EmailAddress"]), 7
    )
    address = first["EmailAddress"]
    name = field_id(api, 1, "First name")
    member = field_id(api, 1, "Member number")
    for pair, code in (
        ((f"Fields[CustomField{name}]", ""), 8),
        ((f"Fields[CustomField{member}]", second[f"CustomField{member}"]), 9),
        ((f"Fields[CustomField{member}]", "abc"), 10),
    ):
        body = await api.as_user("Subscriber.Update", pair, **base, EmailAddress=address)
        assert failed(body, code)
        assert body["ErrorCustomFieldIDs"] == [pair[0][len("Fields[CustomField") : -1]]
        assert len(body["ErrorCustomFieldTitles"]) == len(body["ErrorCustomFieldDescriptions"]) == 1


# Subscribers.Delete -------------------------------------------------------------------------
async def test_subscribers_delete(api: OemproApi) -> None:
    assert failed(await api.as_user("Subscribers.Delete"), 1, 2)
    assert failed(await api.as_user("Subscribers.Delete", Subscribers="1"), 2)
    assert failed(await api.as_user("Subscribers.Delete", SubscriberListID=1), 1)
    foreign = api.state.lists_of(2)[0].id
    assert failed(
        await api.as_user("Subscribers.Delete", SubscriberListID=foreign, Subscribers="1"), 5
    )
    before = len(api.state.subscribers[1])
    assert (await api.as_user("Subscribers.Delete", SubscriberListID=1, Subscribers="1,2,x"))[
        "Success"
    ]
    assert len(api.state.subscribers[1]) == before - 2
    assert 1 not in api.state.subscribers[1]
