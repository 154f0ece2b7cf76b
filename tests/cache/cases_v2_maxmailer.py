"""The v2 REST and Maxmailer mutations, each with the read that shows what it changes."""

from __future__ import annotations

from typing import Any

from mailgql.emulators import Emulators
from mailgql.emulators.v2rest.emulator import V2RestEmulator
from mailgql.emulators.v2rest.records import SubAccount
from mailgql.platforms import Platform
from tests.cache.invalidation import Answer, Case, unchanged
from tests.graph.maxmailer_helpers import (
    ADMIN_ID,
    PLAIN_USER_ID,
    RESELLER_ID,
    gid as mm_gid,
    mm_state,
    one_time_user,
    subscriber,
)
from tests.graph.v2_helpers import ACCOUNT, EMPTY_ACCOUNT, gid

__all__ = ["MAXMAILER_CASES", "V2_CASES"]

V2 = Platform.V2REST
MM = Platform.MAXMAILER

# -- v2 REST ------------------------------------------------------------------------------------

SUB_ACCOUNTS = "{ accounts(platform: V2REST, first: 100) { totalCount nodes { username } } }"
STATUS = "query($id: ID!) { node(id: $id) { ... on Account { status } } }"


def inherited(field: str, extra: str = "") -> str:
    """One sub-account's inherited lists, segments or newsletters."""
    return (
        f"query($id: ID!) {{ node(id: $id) {{ ... on Account {{ "
        f"{field}(first: 100) {{ totalCount nodes {{ legacyId {extra} }} }} }} }} }}"
    )


def held(field: str) -> Any:
    """What ``inherited(field)`` shows: the total and the ids."""
    return lambda a: (
        a["node"][field]["totalCount"],
        sorted((n["legacyId"] for n in a["node"][field]["nodes"]), key=int),
    )


def listed(connection: Answer, key: str = "username") -> list[Any]:
    """The ``key`` of every node of a connection."""
    return [n[key] for n in connection["nodes"]]


def account_with(emulators: Emulators, holding: str) -> SubAccount:
    """The first sub-account that inherits some ``holding`` (lists, segments, newsletters)."""
    platform = emulators.platforms["v2rest"]
    assert isinstance(platform, V2RestEmulator)
    return next(a for a in platform.state.sub_accounts() if getattr(a, f"inherited_{holding}"))


def inherited_by_one(emulators: Emulators, holding: str, key: str) -> dict[str, Any]:
    """The input that takes such an account's lowest inherited record away (under ``key``)."""
    account = account_with(emulators, holding)
    return {
        "accountId": gid("Account", account.username),
        key: str(min(getattr(account, f"inherited_{holding}"))),
    }


def on(username: str) -> dict[str, Any]:
    return {"id": gid("Account", username)}


def lowest_gone(shown: tuple[int, list[str]]) -> tuple[int, list[str]]:
    """What ``held`` shows once the lowest inherited record is gone."""
    return shown[0] - 1, shown[1][1:]


V2_CASES = [
    Case(
        V2,
        "createSubAccount",
        input=lambda e: {
            "platform": "V2REST",
            "username": "new_shop",
            "password": "s3cret-pass",
            "email": "owner@example.com",
            "allowedDomains": ["@example.com"],
        },
        read=SUB_ACCOUNTS,
        show=lambda a: (a["accounts"]["totalCount"], "new_shop" in listed(a["accounts"])),
        expect=lambda shown: (shown[0] + 1, True),
        upstream={"POST /Users/SubAccounts": 1, "GET /Users/SubAccounts": 1},
    ),
    Case(
        V2,
        "setAccountStatus",
        input=lambda e: {"accountId": gid("Account", ACCOUNT), "active": False},
        read=STATUS,
        variables=lambda e: on(ACCOUNT),
        show=lambda a: a["node"]["status"],
        expect=lambda shown: "DISABLED",
        upstream={"PUT /Users/SubAccounts": 1, "GET /Users/SubAccounts": 1},
    ),
    Case(
        V2,
        "inheritLists",
        input=lambda e: {"accountId": gid("Account", EMPTY_ACCOUNT), "listIds": ["7601", "7602"]},
        read=inherited("inheritedLists"),
        variables=lambda e: on(EMPTY_ACCOUNT),
        show=held("inheritedLists"),
        expect=lambda shown: (2, ["7601", "7602"]),
        upstream={"PUT /Users/InheritLists": 1, "GET /Users/InheritLists": 1},
    ),
    Case(
        V2,
        "removeInheritedList",
        input=lambda e: {"accountId": gid("Account", ACCOUNT), "listId": "7605"},
        read=inherited("inheritedLists"),
        variables=lambda e: on(ACCOUNT),
        show=held("inheritedLists"),
        expect=lambda shown: (1, ["7607"]),
        upstream={"DELETE /Users/InheritLists": 1, "GET /Users/InheritLists": 1},
    ),
    Case(
        V2,
        "inheritSegments",
        input=lambda e: {"accountId": gid("Account", EMPTY_ACCOUNT), "segmentIds": ["34"]},
        read=inherited("inheritedSegments"),
        variables=lambda e: on(EMPTY_ACCOUNT),
        show=held("inheritedSegments"),
        expect=lambda shown: (shown[0] + 1, sorted([*shown[1], "34"], key=int)),
        upstream={"PUT /Users/InheritSegments": 1, "GET /Users/InheritSegments": 1},
    ),
    Case(
        V2,
        "removeInheritedSegment",
        input=lambda e: inherited_by_one(e, "segments", "segmentId"),
        read=inherited("inheritedSegments"),
        variables=lambda e: {"id": inherited_by_one(e, "segments", "segmentId")["accountId"]},
        show=held("inheritedSegments"),
        expect=lowest_gone,
        upstream={"DELETE /Users/InheritSegments": 1, "GET /Users/InheritSegments": 1},
    ),
    Case(
        V2,
        "inheritNewsletter",
        input=lambda e: {
            "accountId": gid("Account", EMPTY_ACCOUNT),
            "newsletterId": "501",
            "recipientListIds": ["7601", "7603"],
        },
        read=inherited("inheritedNewsletters", "recipientListIds"),
        variables=lambda e: on(EMPTY_ACCOUNT),
        show=lambda a: sorted(
            (
                (n["legacyId"], n["recipientListIds"])
                for n in a["node"]["inheritedNewsletters"]["nodes"]
            ),
            key=lambda pair: int(pair[0]),
        ),
        expect=lambda shown: sorted(
            [*shown, ("501", [gid("MailingList", 7601), gid("MailingList", 7603)])],
            key=lambda pair: int(pair[0]),
        ),
        upstream={"PUT /Users/InheritNewsletters": 1, "GET /Users/InheritNewsletters": 1},
    ),
    Case(
        V2,
        "removeInheritedNewsletter",
        input=lambda e: inherited_by_one(e, "newsletters", "newsletterId"),
        read=inherited("inheritedNewsletters"),
        variables=lambda e: {"id": inherited_by_one(e, "newsletters", "newsletterId")["accountId"]},
        show=held("inheritedNewsletters"),
        expect=lowest_gone,
        upstream={"DELETE /Users/InheritNewsletters": 1, "GET /Users/InheritNewsletters": 1},
    ),
]

# -- Maxmailer ----------------------------------------------------------------------------------

USERS = "{ accounts(platform: MAXMAILER, first: 100) { totalCount nodes { username } } }"
USER = "query($id: ID!) { node(id: $id) { ... on Account { username status quota { %s } } } }"
SUBSCRIPTION = """query($list: ID!, $email: String!, $owner: ID!) {
  listSubscription(listId: $list, email: $email) { active }
  node(id: $owner) { ... on Account { quota { subscribers } } } }"""


def subscription(a: Answer) -> tuple[Any, int]:
    """The address in the list, and the subscribers of the list's owner."""
    return a["listSubscription"], a["node"]["quota"]["subscribers"]


def in_customers(email: str) -> dict[str, Any]:
    """An address of the plain user's list ``customers``."""
    return {"list": "customers", "email": email, "owner": mm_gid("Account", PLAIN_USER_ID)}


MAXMAILER_CASES = [
    Case(
        MM,
        "createSubAccount",
        input=lambda e: {
            "platform": "MAXMAILER",
            "username": "nuevo_01",
            "password": "Abc_123$x",
            "email": "nuevo@example.com",
        },
        read=USERS,
        show=lambda a: (a["accounts"]["totalCount"], "nuevo_01" in listed(a["accounts"])),
        expect=lambda shown: (shown[0] + 1, True),
        upstream={"CreateUser": 1, "ListUsers": 1},
    ),
    Case(
        MM,
        "setAccountStatus",
        input=lambda e: {"accountId": mm_gid("Account", PLAIN_USER_ID), "active": False},
        read=USER % "sendLimit",
        variables=lambda e: {"id": mm_gid("Account", PLAIN_USER_ID)},
        show=lambda a: a["node"]["status"],
        expect=lambda shown: "SUSPENDED",
        upstream={"SuspendUser": 1, "ListUsers": 1},
    ),
    Case(
        MM,
        "deleteAccount",
        input=lambda e: {"accountId": mm_gid("Account", RESELLER_ID)},
        read="""query($ids: [ID!]!) { accounts(platform: MAXMAILER, first: 100) { totalCount }
                  nodes(ids: $ids) { ... on Account { parent { id } } } }""",
        variables=lambda e: {
            "ids": [
                mm_gid("Account", RESELLER_ID),
                mm_gid("Account", mm_state(e).children(RESELLER_ID)[0].id),
            ]
        },
        show=lambda a: (a["accounts"]["totalCount"], a["nodes"]),
        expect=lambda shown: (
            shown[0] - 1,
            [None, {"parent": {"id": mm_gid("Account", ADMIN_ID)}}],
        ),
        upstream={"DeleteUser": 1, "ListUsers": 1},
    ),
    Case(
        MM,
        "deleteAccount",
        tag="with-its-list",
        input=lambda e: {"accountId": mm_gid("Account", RESELLER_ID)},
        read="""query($email: String!) {
                  listSubscription(listId: "vip-club", email: $email) { active } }""",
        variables=lambda e: {"email": subscriber(e, "vip-club").email},
        show=lambda a: a["listSubscription"],
        expect=lambda shown: None,
        errors=("UNAUTHENTICATED",),
        upstream={"DeleteUser": 1, "status": 1},
    ),
    Case(
        MM,
        "changeAccountPassword",
        input=lambda e: {"accountId": mm_gid("Account", PLAIN_USER_ID), "password": "N3w-Pass$"},
        read=USER % "sendLimit",
        variables=lambda e: {"id": mm_gid("Account", PLAIN_USER_ID)},
        show=lambda a: a["node"],
        expect=unchanged,
        upstream={"ChangePassword": 1, "ListUsers": 1},
    ),
    Case(
        MM,
        "addSendCredit",
        input=lambda e: {"accountId": mm_gid("Account", one_time_user(e).id), "credits": 250},
        read=USER % "sendsAvailable",
        variables=lambda e: {"id": mm_gid("Account", one_time_user(e).id)},
        show=lambda a: a["node"]["quota"]["sendsAvailable"],
        expect=lambda shown: shown + 250,
        upstream={"AddCredit": 1, "ListUsers": 1, "GetUser": 1},
    ),
    Case(
        MM,
        "subscribe",
        input=lambda e: {"listId": "customers", "email": "nueva@example.com"},
        read=SUBSCRIPTION,
        variables=lambda e: in_customers("nueva@example.com"),
        show=subscription,
        expect=lambda shown: ({"active": True}, shown[1] + 1),
        upstream={"subscribe": 1, "status": 1, "GetUser": 1},
    ),
    Case(
        MM,
        "unsubscribe",
        input=lambda e: {"listId": "customers", "email": subscriber(e, "customers").email},
        read=SUBSCRIPTION,
        variables=lambda e: in_customers(subscriber(e, "customers").email),
        show=subscription,
        expect=lambda shown: ({"active": False}, shown[1] - 1),
        upstream={"unsubscribe": 1, "status": 1, "GetUser": 1},
    ),
]
