"""The Oempro mutations, each with the read that shows what it changes (the demo user's login,
or the administrator's where only it may write)."""

from __future__ import annotations

from typing import Any

from mailgql.emulators import Emulators
from mailgql.emulators.oempro.records import Campaign, SubscriberList
from mailgql.platforms import Platform
from tests.cache.invalidation import Answer, Case
from tests.graph.oempro_helpers import ADMIN, gid, own_campaigns, own_lists, state, subscriber_in

__all__ = ["OEMPRO_CASES"]

OE = Platform.OEMPRO

LISTS = "{ me(platform: OEMPRO) { lists(first: 100) { totalCount nodes { name } } } }"
SUBSCRIPTION = """query($list: ID!, $email: String!) {
  listSubscription(listId: $list, email: $email) { active }
  node(id: $list) { ... on MailingList { subscriberCount } } }"""
CAMPAIGN = """query($id: ID!) { node(id: $id) { id ... on Campaign { status } }
  campaigns(platform: OEMPRO, first: 50) { totalCount nodes { id name status } } }"""
SEGMENTS = """query($list: ID!) { node(id: $list) { ... on MailingList {
  segments(first: 100) { totalCount nodes { id name } } } } }"""
SUPPRESSED = """query($list: ID!, $email: String!) {
  listSubscription(listId: $list, email: $email) { email }
  node(id: $list) { ... on MailingList {
    subscribers(status: SUPPRESSED, first: 100) { totalCount nodes { email } } } } }"""


USER_2 = gid("Account", "user:2")


def nth_list(emulators: Emulators, index: int) -> SubscriberList:
    """The demo user's ``index``-th list (by id): 0 keeps unsubscribed addresses suppressed,
    3 unsubscribes an address from every list of its owner."""
    return own_lists(emulators)[index]


def list_gid(emulators: Emulators, index: int) -> str:
    return gid("MailingList", nth_list(emulators, index).id)


def address(emulators: Emulators, index: int) -> str:
    """A subscribed, deliverable address of the ``index``-th list."""
    return subscriber_in(emulators, nth_list(emulators, index).id)["EmailAddress"]


def shared_address(emulators: Emulators, index: int, other: int) -> str:
    """A subscribed address of the ``index``-th list that the ``other``-th list holds too."""
    rows = state(emulators).subscribers
    mine = {
        s["EmailAddress"]
        for s in rows[nth_list(emulators, index).id].values()
        if s["SubscriptionStatus"] == "Subscribed" and s["BounceType"] == "Not Bounced"
    }
    theirs = rows[nth_list(emulators, other).id].values()
    return next(s["EmailAddress"] for s in theirs if s["EmailAddress"] in mine)


def first_segment(emulators: Emulators) -> str:
    """The global ID of the first segment of the demo user's first list."""
    list_id = nth_list(emulators, 0).id
    segment = next(s for s in state(emulators).segments.values() if s.list_id == list_id)
    return gid("Segment", f"{list_id}:{segment.id}")


def campaign_in(emulators: Emulators, status: str) -> Campaign:
    """A campaign of the demo user in ``status`` (a draft with its email, to be scheduled)."""
    return next(
        c
        for c in own_campaigns(emulators)
        if c["CampaignStatus"] == status and (status != "Draft" or c.number("RelEmailID"))
    )


def subscription(a: Answer) -> tuple[Any, int]:
    """The address in the list, and the list's active subscribers."""
    return a["listSubscription"], a["node"]["subscriberCount"]


def suppressed(a: Answer) -> tuple[int, bool]:
    """The list's suppressed subscribers, and whether the address is one of them."""
    connection = a["node"]["subscribers"]
    emails = [n["email"] for n in connection["nodes"]]
    return connection["totalCount"], a["listSubscription"]["email"] in emails


def names(connection: Answer) -> list[str]:
    return [n["name"] for n in connection["nodes"]]


def campaign_status(a: Answer) -> tuple[str, str]:
    """The campaign's status read by id, and as its row in the listing shows it."""
    row = next(n for n in a["campaigns"]["nodes"] if n["id"] == a["node"]["id"])
    return a["node"]["status"], row["status"]


OEMPRO_CASES = [
    Case(
        OE,
        "setAccountStatus",
        settings=ADMIN,
        input=lambda e: {"accountId": USER_2, "active": False},
        read="{ accounts(platform: OEMPRO, first: 10) { nodes { id status } } }",
        show=lambda a: {n["id"]: n["status"] for n in a["accounts"]["nodes"]}[USER_2],
        expect=lambda shown: "DISABLED",
        upstream={"User.Update": 1, "User.Get": 1, "Users.Get": 1},
    ),
    Case(
        OE,
        "subscribe",
        input=lambda e: {"listId": list_gid(e, 0), "email": "new.reader@example.com"},
        read=SUBSCRIPTION,
        variables=lambda e: {"list": list_gid(e, 0), "email": "new.reader@example.com"},
        show=subscription,
        expect=lambda shown: ({"active": True}, shown[1] + 1),
        upstream={"Subscriber.Subscribe": 1, "Subscriber.Get": 1, "Subscribers.Get": 1},
    ),
    Case(
        OE,
        "unsubscribe",
        input=lambda e: {"listId": list_gid(e, 5), "email": address(e, 5)},
        read=SUBSCRIPTION,
        variables=lambda e: {"list": list_gid(e, 5), "email": address(e, 5)},
        show=subscription,
        expect=lambda shown: ({"active": False}, shown[1] - 1),
        upstream={"Subscriber.Unsubscribe": 1, "Subscriber.Get": 1, "Subscribers.Get": 1},
    ),
    Case(
        OE,
        "unsubscribe",
        tag="from-all-lists",
        input=lambda e: {"listId": list_gid(e, 3), "email": shared_address(e, 3, 4)},
        read=SUBSCRIPTION,
        variables=lambda e: {"list": list_gid(e, 4), "email": shared_address(e, 3, 4)},
        show=subscription,
        expect=lambda shown: ({"active": False}, shown[1] - 1),
        upstream={
            "Subscriber.Unsubscribe": 1,
            "List.Get": 1,
            "Subscriber.Get": 2,
            "Subscribers.Get": 1,
        },
    ),
    Case(
        OE,
        "unsubscribe",
        tag="into-suppression",
        input=lambda e: {"listId": list_gid(e, 0), "email": shared_address(e, 0, 5)},
        read=SUPPRESSED,
        variables=lambda e: {"list": list_gid(e, 5), "email": shared_address(e, 0, 5)},
        show=suppressed,
        expect=lambda shown: (shown[0] + 1, True),
        upstream={
            "Subscriber.Unsubscribe": 1,
            "List.Get": 1,
            "Subscriber.Get": 2,
            "Subscribers.Get": 1,
        },
    ),
    Case(
        OE,
        "createList",
        input=lambda e: {"platform": "OEMPRO", "name": "Autumn launch"},
        read=LISTS,
        show=lambda a: (a["me"]["lists"]["totalCount"], "Autumn launch" in names(a["me"]["lists"])),
        expect=lambda shown: (shown[0] + 1, True),
        upstream={"List.Create": 1, "List.Get": 1, "Lists.Get": 1},
    ),
    Case(
        OE,
        "updateList",
        input=lambda e: {"listId": list_gid(e, 0), "name": "Renamed"},
        read="""query($list: ID!) { node(id: $list) { ... on MailingList { name } }
                  me(platform: OEMPRO) { lists(first: 100) { nodes { name } } } }""",
        variables=lambda e: {"list": list_gid(e, 0)},
        show=lambda a: (a["node"]["name"], "Renamed" in names(a["me"]["lists"])),
        expect=lambda shown: ("Renamed", True),
        upstream={"List.Update": 1, "List.Get": 1, "Lists.Get": 1},
    ),
    Case(
        OE,
        "deleteList",
        input=lambda e: {"listId": list_gid(e, 1)},
        read="""query($list: ID!) { node(id: $list) { id }
                  me(platform: OEMPRO) { lists(first: 100) { totalCount } } }""",
        variables=lambda e: {"list": list_gid(e, 1)},
        show=lambda a: (a["node"], a["me"]["lists"]["totalCount"]),
        expect=lambda shown: (None, shown[1] - 1),
        upstream={"Lists.Delete": 1, "List.Get": 1, "Lists.Get": 1},
    ),
    Case(
        OE,
        "updateSubscriber",
        input=lambda e: {
            "listId": list_gid(e, 0),
            "email": address(e, 0),
            "newEmail": "moved@example.com",
        },
        read="""query($list: ID!, $email: String!) {
                  old: listSubscription(listId: $list, email: $email) { email }
                  new: listSubscription(listId: $list, email: "moved@example.com") { email } }""",
        variables=lambda e: {"list": list_gid(e, 0), "email": address(e, 0)},
        show=lambda a: (a["old"], a["new"]),
        expect=lambda shown: (None, {"email": "moved@example.com"}),
        upstream={"CustomFields.Get": 1, "Subscriber.Update": 1, "Subscriber.Get": 2},
    ),
    Case(
        OE,
        "createCampaign",
        input=lambda e: {"platform": "OEMPRO", "name": "Autumn news"},
        read="{ campaigns(platform: OEMPRO, first: 50) { totalCount nodes { name } } }",
        show=lambda a: (a["campaigns"]["totalCount"], "Autumn news" in names(a["campaigns"])),
        expect=lambda shown: (shown[0] + 1, True),
        upstream={"Campaign.Create": 1, "Campaign.Get": 1, "Campaigns.Get": 1},
    ),
    Case(
        OE,
        "scheduleCampaign",
        input=lambda e: {"campaignId": gid("Campaign", campaign_in(e, "Draft").id)},
        read=CAMPAIGN,
        variables=lambda e: {"id": gid("Campaign", campaign_in(e, "Draft").id)},
        show=campaign_status,
        expect=lambda shown: ("SCHEDULED", "SCHEDULED"),
        upstream={"Campaign.Update": 1, "Campaign.Get": 1, "Campaigns.Get": 1},
    ),
    Case(
        OE,
        "cancelCampaign",
        input=lambda e: {"campaignId": gid("Campaign", campaign_in(e, "Paused").id)},
        read=CAMPAIGN,
        variables=lambda e: {"id": gid("Campaign", campaign_in(e, "Paused").id)},
        show=campaign_status,
        expect=lambda shown: ("DRAFT", "DRAFT"),
        upstream={"Campaign.Update": 1, "Campaign.Get": 1, "Campaigns.Get": 1},
    ),
    Case(
        OE,
        "deleteCampaign",
        input=lambda e: {"campaignId": gid("Campaign", campaign_in(e, "Sent").id)},
        read=CAMPAIGN,
        variables=lambda e: {"id": gid("Campaign", campaign_in(e, "Sent").id)},
        show=lambda a: (a["node"], a["campaigns"]["totalCount"]),
        expect=lambda shown: (None, shown[1] - 1),
        upstream={"Campaigns.Delete": 1, "Campaign.Get": 1, "Campaigns.Get": 1},
    ),
    Case(
        OE,
        "createSegment",
        input=lambda e: {"listId": list_gid(e, 0), "name": "Everyone", "rules": []},
        read=SEGMENTS,
        variables=lambda e: {"list": list_gid(e, 0)},
        show=lambda a: (a["node"]["segments"]["totalCount"], names(a["node"]["segments"])),
        expect=lambda shown: (shown[0] + 1, [*shown[1], "Everyone"]),
        upstream={"Segment.Create": 1, "Segment.Get": 1},
    ),
    Case(
        OE,
        "deleteSegment",
        input=lambda e: {"segmentId": first_segment(e)},
        read=SEGMENTS,
        variables=lambda e: {"list": list_gid(e, 0)},
        show=lambda a: [n["id"] for n in a["node"]["segments"]["nodes"]],
        expect=lambda shown: shown[1:],
        upstream={"Segments.Delete": 1, "Segment.Get": 1},
    ),
]
