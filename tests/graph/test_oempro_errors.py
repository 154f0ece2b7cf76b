"""Every documented error code of every Oempro command the graph sends, as clients see it.

Each command gets a document that makes the gateway send it; the emulator then answers that
command with an error envelope for each documented code in turn (contract §2-§12, ``ErrorCode``
as an array with its ``ErrorText``). A read reports ``errors[].extensions`` with ``code``,
``legacyCode`` and ``operation``; a write reports ``userErrors`` with ``code`` and
``legacyCode``. A look-up whose code means "no such record" reads as null instead, as
``node(id:)`` promises. Natural refusals (a name in use, an unknown list...) are covered next to
the features in the other test modules; here every code is forced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.conftest import Gateway, open_gateway
from tests.graph.oempro_helpers import ADMIN, canned_error, gid

BAD, GONE, DENY = "BAD_USER_INPUT", "NOT_FOUND", "FORBIDDEN"
AUTH, REFUSED, UNREADABLE = "UNAUTHENTICATED", "UPSTREAM_ERROR", "UPSTREAM_BAD_RESPONSE"
ABSENT = None
"""The look-up reads as null: the code says the record does not exist."""

_LOGIN = dict.fromkeys((1, 2, 3, 4, 5, 6, 101), AUTH)
EXPECTED: dict[str, dict[int | str, str | None]] = {
    "User.Login": _LOGIN,
    "Admin.Login": _LOGIN,
    "User.Switch": {1: BAD, 2: GONE, 3: BAD, 99999: DENY},
    "Users.Get": {99999: DENY},
    "User.Get": {1: BAD, 3: ABSENT},
    "User.Update": {1: BAD, 2: DENY, 5: GONE, 6: BAD},
    "UserGroup.Get": {1: BAD, 2: ABSENT},
    "Lists.Get": {99999: DENY},
    "List.Get": {1: BAD},
    "List.Create": {1: BAD, 2: BAD, 3: DENY},
    "List.Update": {1: BAD, 2: GONE, **dict.fromkeys(range(3, 12), BAD)},
    "Lists.Delete": {1: BAD},
    "CustomFields.Get": {1: BAD, 2: GONE},
    "Subscriber.Subscribe": {
        **dict.fromkeys((1, 2, 3), BAD),
        4: GONE,
        **dict.fromkeys((5, 6, 7, 8, 9), BAD),
        10: REFUSED,
        11: DENY,
        101: REFUSED,
    },
    "Subscriber.Unsubscribe": {
        **dict.fromkeys((1, 2, 3), BAD),
        4: GONE,
        5: DENY,
        6: BAD,
        7: GONE,
        **dict.fromkeys((8, 9, 10, 11), BAD),
    },
    "Subscriber.Get": {1: BAD, 2: BAD, 3: ABSENT, 4: ABSENT},
    "Subscribers.Get": {1: BAD, 2: BAD, 3: GONE},
    "Subscriber.Update": {
        **dict.fromkeys((1, 2, 3, 4), BAD),
        5: GONE,
        6: GONE,
        **dict.fromkeys((7, 8, 9, 10), BAD),
    },
    "Campaigns.Get": {1: REFUSED},
    "Campaign.Get": {1: BAD, 2: BAD, 3: ABSENT},
    "Campaign.Create": {1: BAD},
    "Campaign.Update": {1: BAD, 2: GONE, **dict.fromkeys(range(3, 26), BAD)},
    "Campaigns.Delete": {1: BAD},
    "Email.Create": {99999: DENY},
    "Email.Update": {1: BAD, 2: BAD, 3: GONE, **dict.fromkeys(range(4, 17), BAD)},
    "Email.Get": {1: BAD, 2: ABSENT},
    "Emails.Get": {99999: DENY},
    "Segment.Get": {1: BAD},
    "Segment.Create": {1: BAD, 2: BAD, 3: BAD, 4: GONE},
    "Segments.Delete": {1: BAD},
    "Clients.Get": {1: BAD, 2: BAD},
}
"""Per command, each documented code and what a client sees (contract §2-§12)."""

SHARED: dict[int | str, str] = {
    99999: DENY,
    99997: REFUSED,
    100000: UNREADABLE,
    100001: UNREADABLE,
    100002: UNREADABLE,
    100003: UNREADABLE,
    100004: REFUSED,
    100005: REFUSED,
    "NOT AVAILABLE IN DEMO MODE": REFUSED,
}
"""Codes that mean the same for every command (§3.5): checked on a read and on a write."""

CONTENT = {"subject": "S", "htmlContent": "<a href='%Link:Unsubscribe%'>u</a>"}


@dataclass(frozen=True)
class Probe:
    """A document that makes the gateway send one command, and where its outcome shows."""

    document: str
    pick: Callable[[dict[str, Any]], Any]
    variables: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)


def _mutation(name: str, input: dict[str, Any], settings: dict[str, Any] | None = None) -> Probe:
    type_name = name[0].upper() + name[1:]
    return Probe(
        f"mutation($input: {type_name}Input!) {{ {name}(input: $input) "
        "{ userErrors { code legacyCode platform } } }",
        lambda data: data[name],
        {"input": input},
        settings or {},
    )


def _node(key: str, fields: str, settings: dict[str, Any] | None = None) -> Probe:
    return Probe(
        f'{{ node(id: "{key}") {{ id {fields} }} }}', lambda data: data["node"], {}, settings or {}
    )


LIST = gid("MailingList", 1)
SUBSCRIBED = "ava.ibrahim@example.net"  # the first subscriber of list 1 in the seed
PROBES: dict[str, Probe] = {
    "User.Login": Probe("{ me(platform: OEMPRO) { username } }", lambda data: data["me"]),
    "Admin.Login": Probe(
        "{ me(platform: OEMPRO) { username } }", lambda data: data["me"], settings=ADMIN
    ),
    "Users.Get": Probe(
        "{ accounts(platform: OEMPRO) { totalCount } }", lambda d: d["accounts"], settings=ADMIN
    ),
    "User.Switch": _node(
        gid("Account", "user:2"), "... on Account { lists { totalCount } }", ADMIN
    ),
    "User.Get": _node(gid("Account", "user:2"), "", ADMIN),
    "User.Update": _mutation(
        "setAccountStatus", {"accountId": gid("Account", "user:2"), "active": False}, ADMIN
    ),
    "UserGroup.Get": Probe(
        "{ accounts(platform: OEMPRO, first: 1) { nodes { quota { listLimit } } } }",
        lambda data: data["accounts"]["nodes"][0]["quota"],
        settings=ADMIN,
    ),
    "Lists.Get": Probe(
        "{ me(platform: OEMPRO) { lists { totalCount } } }", lambda data: data["me"]["lists"]
    ),
    "List.Get": _node(LIST, ""),
    "List.Create": _mutation("createList", {"platform": "OEMPRO", "name": "New"}),
    "List.Update": _mutation("updateList", {"listId": "1", "name": "Renamed"}),
    "Lists.Delete": _mutation("deleteList", {"listId": "1"}),
    "CustomFields.Get": _node(
        LIST,
        "... on MailingList { subscribers(first: 1) { nodes { fields { name } } } }",
    ),
    "Subscriber.Subscribe": _mutation("subscribe", {"listId": "1", "email": "n@example.com"}),
    "Subscriber.Unsubscribe": _mutation("unsubscribe", {"listId": "1", "email": SUBSCRIBED}),
    "Subscriber.Get": Probe(
        f'{{ listSubscription(listId: "1", email: "{SUBSCRIBED}") {{ email }} }}',
        lambda data: data["listSubscription"],
    ),
    "Subscribers.Get": _node(LIST, "... on MailingList { subscriberCount }"),
    "Subscriber.Update": _mutation(
        "updateSubscriber", {"listId": "1", "email": SUBSCRIBED, "newEmail": "m@example.com"}
    ),
    "Campaigns.Get": Probe(
        "{ campaigns(platform: OEMPRO) { totalCount } }", lambda data: data["campaigns"]
    ),
    "Campaign.Get": _node(gid("Campaign", 1), "... on Campaign { status }"),
    "Campaign.Create": _mutation("createCampaign", {"platform": "OEMPRO", "name": "C"}),
    "Campaign.Update": _mutation("scheduleCampaign", {"campaignId": "2"}),
    "Campaigns.Delete": _mutation("deleteCampaign", {"campaignId": "1"}),
    "Email.Create": _mutation(
        "createCampaign", {"platform": "OEMPRO", "name": "C", "content": CONTENT}
    ),
    "Email.Update": _mutation(
        "createCampaign", {"platform": "OEMPRO", "name": "C", "content": CONTENT}
    ),
    "Email.Get": Probe(
        f'{{ node(id: "{gid("Campaign", 1)}") {{ ... on Campaign {{ subject }} }} }}',
        lambda data: data["node"]["subject"],
    ),
    "Emails.Get": Probe(
        "{ campaigns(platform: OEMPRO) { nodes { subject } } }", lambda data: data["campaigns"]
    ),
    "Segment.Get": _node(LIST, "... on MailingList { segments { totalCount } }"),
    "Segment.Create": _mutation("createSegment", {"listId": "1", "name": "S", "rules": []}),
    "Segments.Delete": _mutation("deleteSegment", {"segmentId": gid("Segment", "1:1")}),
    "Clients.Get": Probe(
        "{ accounts(platform: OEMPRO) { totalCount } }", lambda data: data["accounts"]
    ),
}


async def outcome(gateway: Gateway, probe: Probe, command: str) -> tuple[str, str] | None:
    """(code, legacyCode) the client saw, or None when the object read as null."""
    body = await gateway.result(probe.document, probe.variables)
    errors = body.get("errors") or []
    if errors:
        # Several fields may fail on the one answer (every subject of a listing): alike.
        for error in errors:
            extensions = error["extensions"]
            assert (extensions["platform"], extensions["operation"]) == ("OEMPRO", command)
        [seen] = {(e["extensions"]["code"], e["extensions"]["legacyCode"]) for e in errors}
        return seen
    picked = probe.pick(body["data"])
    if isinstance(picked, dict) and "userErrors" in picked:
        [user_error] = picked["userErrors"]
        assert user_error["platform"] == "OEMPRO"
        return user_error["code"], user_error["legacyCode"]
    assert picked is None, f"{command} answered although refused"
    return None


async def answers_for(emulators, command: str, codes: dict[int | str, str | None]) -> dict:
    """Each code answered once by the emulator for ``command``; what the client saw."""
    probe = PROBES[command]
    seen: dict[int | str, tuple[str, str] | None] = {}
    # With debug_errors, each error names the command it came from (else in the log only).
    async with open_gateway(emulators, debug_errors=True, **probe.settings) as gateway:
        for code in codes:
            await gateway.fault(
                platform="oempro",
                kind="status",
                status=200,
                endpoint=command,
                body=canned_error(code, f"text of {code}"),
            )
            seen[code] = await outcome(gateway, probe, command)
    return seen


@pytest.mark.parametrize("command", sorted(EXPECTED))
async def test_every_documented_code_reaches_the_client(emulators, command):
    codes = EXPECTED[command]
    seen = await answers_for(emulators, command, codes)
    assert seen == {
        code: None if expected is ABSENT else (expected, str(code))
        for code, expected in codes.items()
    }


@pytest.mark.parametrize("command", ["Lists.Get", "List.Create"], ids=["read", "write"])
async def test_codes_shared_by_every_command(emulators, command):
    seen = await answers_for(emulators, command, SHARED)
    assert seen == {code: (expected, str(code)) for code, expected in SHARED.items()}


def test_every_command_the_graph_sends_has_a_probe():
    assert set(PROBES) == set(EXPECTED)
