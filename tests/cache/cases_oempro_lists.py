"""The Oempro mutations of a list's own machinery (custom fields, auto responders, hooks,
subscribers and segments), each with the read that shows what it changes."""

from __future__ import annotations

from mailgql.emulators import Emulators
from mailgql.platforms import Platform
from tests.cache.invalidation import Answer, Case, unchanged
from tests.graph.oempro_helpers import gid, own_lists, state, subscriber_in

__all__ = ["OEMPRO_LIST_CASES"]

OE = Platform.OEMPRO

FIELDS = """query($list: ID!) { node(id: $list) { ... on MailingList {
  customFields(first: 100) { totalCount nodes { legacyId name required } } } } }"""


def list_gid(emulators: Emulators, index: int) -> str:
    return gid("MailingList", own_lists(emulators)[index].id)


def field_id(emulators: Emulators, index: int, name: str) -> str:
    """The id of the field called ``name`` in the demo user's ``index``-th list."""
    fields = state(emulators).fields_of(own_lists(emulators)[index].id)
    return str(next(f.id for f in fields if f["FieldName"] == name))


RESPONDERS = """query($list: ID!) { node(id: $list) { ... on MailingList {
  autoResponders(first: 100) { totalCount nodes { legacyId name delay { unit amount } } } } } }"""


def responder_list(emulators: Emulators) -> int:
    """The index of the first of the demo user's lists with a seeded auto responder."""
    tables = state(emulators).list_side
    return next(i for i, lst in enumerate(own_lists(emulators)) if tables.responders_of(lst.id))


def responder_gid(emulators: Emulators) -> str:
    return list_gid(emulators, responder_list(emulators))


def first_responder(emulators: Emulators) -> str:
    lst = own_lists(emulators)[responder_list(emulators)]
    return str(state(emulators).list_side.responders_of(lst.id)[0].id)


def an_email(emulators: Emulators) -> str:
    owner = own_lists(emulators)[0].owner_id
    return str(
        next(e.id for e in state(emulators).emails.values() if e.number("RelUserID") == owner)
    )


def responder_names(a: Answer) -> list[str]:
    return [n["name"] for n in a["node"]["autoResponders"]["nodes"]]


HOOKS = """query($list: ID!) { node(id: $list) { ... on MailingList {
  hooks { legacyId event url } } } }"""


def hook_of(emulators: Emulators, index: int) -> str:
    """A hook of the demo user's ``index``-th list."""
    lst = own_lists(emulators)[index]
    return str(next(h.id for h in state(emulators).list_side.hooks.values() if h.list_id == lst.id))


def hook_urls(a: Answer) -> list[str]:
    return [h["url"] for h in a["node"]["hooks"]]


SUBSCRIPTION = """query($list: ID!, $email: String!) {
  listSubscription(listId: $list, email: $email) { active }
  node(id: $list) { ... on MailingList { subscriberCount } } }"""
PENDING = """query($list: ID!) { node(id: $list) { ... on MailingList {
  subscriberCount subscribers(status: OPT_IN_PENDING, first: 100) { totalCount } } } }"""
SEGMENTS = """query($list: ID!) { node(id: $list) { ... on MailingList {
  segments(first: 100) { totalCount nodes { name } } } } }"""


def member(emulators: Emulators, index: int, status: str = "Subscribed") -> tuple[str, str]:
    """The id and address of a deliverable subscriber of the ``index``-th list in ``status``."""
    sub = subscriber_in(emulators, own_lists(emulators)[index].id, status=status)
    return str(sub.id), sub["EmailAddress"]


def double_list(emulators: Emulators) -> int:
    return next(i for i, lst in enumerate(own_lists(emulators)) if lst["OptInMode"] == "Double")


def segment_of(emulators: Emulators, index: int) -> str:
    list_id = own_lists(emulators)[index].id
    segment = next(s for s in state(emulators).segments.values() if s.list_id == list_id)
    return gid("Segment", f"{list_id}:{segment.id}")


def field_names(a: Answer) -> list[str]:
    return [n["name"] for n in a["node"]["customFields"]["nodes"]]


OEMPRO_LIST_CASES = [
    Case(
        OE,
        "createCustomField",
        input=lambda e: {"listId": list_gid(e, 0), "name": "Nickname", "kind": "SINGLE_LINE"},
        read=FIELDS,
        variables=lambda e: {"list": list_gid(e, 0)},
        show=field_names,
        expect=lambda shown: [*shown, "Nickname"],
        upstream={"CustomField.Create": 1, "CustomFields.Get": 1},
    ),
    Case(
        OE,
        "updateCustomField",
        input=lambda e: {
            "listId": list_gid(e, 0),
            "fieldId": field_id(e, 0, "Last name"),
            "name": "Surname",
        },
        read=FIELDS,
        variables=lambda e: {"list": list_gid(e, 0)},
        show=field_names,
        expect=lambda shown: [("Surname" if n == "Last name" else n) for n in shown],
        upstream={"CustomField.Update": 1, "CustomFields.Get": 1},
    ),
    Case(
        OE,
        "deleteCustomField",
        input=lambda e: {"listId": list_gid(e, 0), "fieldId": field_id(e, 0, "City")},
        read=FIELDS,
        variables=lambda e: {"list": list_gid(e, 0)},
        show=field_names,
        expect=lambda shown: [n for n in shown if n != "City"],
        upstream={"CustomFields.Delete": 1, "CustomFields.Get": 1},
    ),
    Case(
        OE,
        "copyCustomFields",
        input=lambda e: {"sourceListId": list_gid(e, 1), "targetListId": list_gid(e, 0)},
        read=FIELDS,
        variables=lambda e: {"list": list_gid(e, 0)},
        show=lambda a: a["node"]["customFields"]["totalCount"],
        expect=lambda shown: shown + 3,
        upstream={"CustomFields.Copy": 1, "CustomFields.Get": 1},
    ),
    Case(
        OE,
        "createAutoResponder",
        input=lambda e: {"listId": responder_gid(e), "name": "Hello", "emailId": an_email(e)},
        read=RESPONDERS,
        variables=lambda e: {"list": responder_gid(e)},
        show=responder_names,
        expect=lambda shown: [*shown, "Hello"],
        upstream={"AutoResponder.Create": 1, "AutoResponder.Get": 1, "AutoResponders.Get": 1},
    ),
    Case(
        OE,
        "updateAutoResponder",
        input=lambda e: {
            "listId": responder_gid(e),
            "autoResponderId": first_responder(e),
            "name": "Renamed",
        },
        read=RESPONDERS,
        variables=lambda e: {"list": responder_gid(e)},
        show=lambda a: responder_names(a)[0],
        expect=lambda shown: "Renamed",
        upstream={"AutoResponder.Update": 1, "AutoResponder.Get": 1, "AutoResponders.Get": 1},
    ),
    Case(
        OE,
        "deleteAutoResponder",
        input=lambda e: {"listId": responder_gid(e), "autoResponderId": first_responder(e)},
        read=RESPONDERS,
        variables=lambda e: {"list": responder_gid(e)},
        show=lambda a: a["node"]["autoResponders"]["totalCount"],
        expect=lambda shown: shown - 1,
        upstream={"AutoResponders.Delete": 1, "AutoResponders.Get": 1},
    ),
    Case(
        OE,
        "copyAutoResponders",
        input=lambda e: {"sourceListId": responder_gid(e), "targetListId": list_gid(e, 7)},
        read=RESPONDERS,
        variables=lambda e: {"list": list_gid(e, 7)},
        show=lambda a: a["node"]["autoResponders"]["totalCount"],
        expect=lambda shown: shown + 1,
        upstream={"AutoResponders.Copy": 1, "AutoResponders.Get": 1},
    ),
    Case(
        OE,
        "addListHook",
        input=lambda e: {
            "listId": list_gid(e, 0),
            "event": "SUBSCRIPTION",
            "url": "https://crm.example.com/new",
        },
        read=HOOKS,
        variables=lambda e: {"list": list_gid(e, 0)},
        show=hook_urls,
        expect=lambda shown: [*shown[:1], "https://crm.example.com/new", *shown[1:]],
        upstream={"ListIntegration.AddURL": 1, "ListIntegration.GetURLs": 2},
    ),
    Case(
        OE,
        "deleteListHook",
        input=lambda e: {"listId": list_gid(e, 0), "hookId": hook_of(e, 0)},
        read=HOOKS,
        variables=lambda e: {"list": list_gid(e, 0)},
        show=lambda a: len(a["node"]["hooks"]),
        expect=lambda shown: shown - 1,
        upstream={"ListIntegration.DeleteURLs": 1, "ListIntegration.GetURLs": 2},
    ),
    Case(
        OE,
        "testListHookUrl",
        input=lambda e: {"url": "https://crm.example.com/probe"},
        read=HOOKS,
        variables=lambda e: {"list": list_gid(e, 0)},
        show=hook_urls,
        expect=unchanged,
        upstream={"ListIntegration.TestURL": 1},
    ),
    Case(
        OE,
        "deleteSubscriber",
        input=lambda e: {"listId": list_gid(e, 5), "email": member(e, 5)[1]},
        read=SUBSCRIPTION,
        variables=lambda e: {"list": list_gid(e, 5), "email": member(e, 5)[1]},
        show=lambda a: (a["listSubscription"], a["node"]["subscriberCount"]),
        expect=lambda shown: (None, shown[1] - 1),
        upstream={"Subscribers.Delete": 1, "Subscriber.Get": 1, "Subscribers.Get": 1},
    ),
    Case(
        OE,
        "unsubscribeSubscriber",
        input=lambda e: {"listId": list_gid(e, 5), "subscriberId": member(e, 5)[0]},
        read=SUBSCRIPTION,
        variables=lambda e: {"list": list_gid(e, 5), "email": member(e, 5)[1]},
        show=lambda a: (a["listSubscription"], a["node"]["subscriberCount"]),
        expect=lambda shown: ({"active": False}, shown[1] - 1),
        upstream={"Subscriber.Unsubscribe": 1, "Subscriber.Get": 1, "Subscribers.Get": 1},
    ),
    Case(
        OE,
        "answerOptIn",
        input=lambda e: {
            "listId": list_gid(e, double_list(e)),
            "subscriberId": member(e, double_list(e), "Opt-In Pending")[0],
            "decision": "CONFIRM",
        },
        read=PENDING,
        variables=lambda e: {"list": list_gid(e, double_list(e))},
        show=lambda a: (
            a["node"]["subscriberCount"],
            a["node"]["subscribers"]["totalCount"],
        ),
        expect=lambda shown: (shown[0] + 1, shown[1] - 1),
        upstream={"Subscriber.OptIn": 1, "Subscribers.Get": 2},
    ),
    Case(
        OE,
        "importSubscribers",
        input=lambda e: {
            "listId": list_gid(e, 1),
            "csv": "a.new@example.com\nb.new@example.com\n",
            "emailColumn": 1,
        },
        read="""query($list: ID!) { node(id: $list) { ... on MailingList { subscriberCount } } }""",
        variables=lambda e: {"list": list_gid(e, 1)},
        show=lambda a: a["node"]["subscriberCount"],
        expect=lambda shown: shown + 2,
        upstream={"Subscribers.Import": 2, "Subscribers.Get": 1},
    ),
    Case(
        OE,
        "updateSegment",
        input=lambda e: {"segmentId": segment_of(e, 0), "name": "Renamed"},
        read=SEGMENTS,
        variables=lambda e: {"list": list_gid(e, 0)},
        show=lambda a: a["node"]["segments"]["nodes"][0]["name"],
        expect=lambda shown: "Renamed",
        upstream={"Segment.Update": 1, "Segment.Get": 1},
    ),
    Case(
        OE,
        "copySegments",
        input=lambda e: {"sourceListId": list_gid(e, 0), "targetListId": list_gid(e, 1)},
        read="""query($source: ID!, $target: ID!) {
          source: node(id: $source) { ... on MailingList { segments { nodes { name } } } }
          target: node(id: $target) { ... on MailingList { segments { nodes { name } } } } }""",
        variables=lambda e: {"source": list_gid(e, 0), "target": list_gid(e, 1)},
        show=lambda a: tuple(
            [n["name"] for n in a[k]["segments"]["nodes"]] for k in ("source", "target")
        ),
        expect=lambda shown: (shown[0], shown[1] + shown[0]),
        upstream={"Segments.Copy": 1, "Segment.Get": 1},
    ),
]
