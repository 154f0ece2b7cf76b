"""A failing nested call nulls only its own field (issue 15).

Each case fails the one upstream call behind one relation of one parent (an emulator fault armed
with ``match``, so the same endpoint still answers for every other parent) and checks that the
answer is the fault-free answer with exactly that field null, plus exactly one error at its path.
Were the relation non-null, the failure would null the parent, then the page holding it, up to
the root field or ``data`` itself.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import pytest

from mailgql.platforms import Platform
from tests.conftest import Gateway, open_gateway
from tests.graph.oempro_helpers import ADMIN, gid

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Case:
    """One relation of one parent whose call fails, and where the failure must show."""

    platform: Platform
    query: str
    endpoint: str
    match: str
    path: Path
    """Where the one null and the one error must be."""
    parent: tuple[str, str]
    """A field of the parent at ``path[:-1]`` and its value, naming whose call fails."""
    settings: dict[str, Any] = field(default_factory=dict)


V2_DASHBOARD = (
    "{ me(platform: V2REST) { username subAccounts { totalCount nodes { username "
    "inheritedLists { totalCount nodes { id name } } "
    "inheritedSegments { totalCount nodes { id name } } "
    "inheritedNewsletters { totalCount nodes { id name } } } } } }"
)
MAXMAILER_ACCOUNTS = (
    "{ accounts(platform: MAXMAILER, first: 6) { nodes { username "
    "campaigns { totalCount nodes { legacyId stats { sent uniqueOpens } } } "
    "quota { sendLimit sentThisPeriod subscribers } } } }"
)
OEMPRO_USERS = (
    "{{ accounts(platform: OEMPRO, first: 2) {{ nodes {{ username quota {{ listLimit }} "
    "{relation} {{ totalCount nodes {{ {name} }} }} }} }} }}"
)
OEMPRO_LIST_COUNTS = (
    "{ me(platform: OEMPRO) { username lists { nodes { legacyId name subscriberCount "
    "unsubscribedCount } } } }"
)
OEMPRO_SUBSCRIBERS = (
    "{ me(platform: OEMPRO) { username lists { nodes { legacyId name "
    "subscribers(first: 1) { nodes { email fields { name value } } } } } } }"
)
OEMPRO_SEGMENT_LISTS = (
    f'{{ node(id: "{gid("MailingList", 1)}") {{ ... on MailingList {{ name '
    "segments(first: 1) { nodes { name lists { id name } } } } } }"
)

CASES = {
    # One v2 sub-account of twelve cannot read what it inherits; the other eleven still answer.
    "v2-inheritedLists": Case(
        Platform.V2REST,
        V2_DASHBOARD,
        "GET /Users/InheritLists",
        "accountName=sub_account5814&",
        ("me", "subAccounts", "nodes", 4, "inheritedLists"),
        ("username", "sub_account5814"),
    ),
    "v2-inheritedSegments": Case(
        Platform.V2REST,
        V2_DASHBOARD,
        "GET /Users/InheritSegments",
        "accountName=jurgen.schmidt&",
        ("me", "subAccounts", "nodes", 2, "inheritedSegments"),
        ("username", "jurgen.schmidt"),
    ),
    "v2-inheritedNewsletters": Case(
        Platform.V2REST,
        V2_DASHBOARD,
        "GET /Users/InheritNewsletters",
        "accountName=anna.jensen&",
        ("me", "subAccounts", "nodes", 5, "inheritedNewsletters"),
        ("username", "anna.jensen"),
    ),
    # Maxmailer: one user's ListCamps, one campaign's GetCamp, one user's GetUser.
    "maxmailer-campaigns": Case(
        Platform.MAXMAILER,
        MAXMAILER_ACCOUNTS,
        "ListCamps",
        "id=4&",
        ("accounts", "nodes", 3, "campaigns"),
        ("username", "ifernandez"),
    ),
    "maxmailer-campaign-stats": Case(
        Platform.MAXMAILER,
        MAXMAILER_ACCOUNTS,
        "GetCamp",
        "MessageID=20&",
        ("accounts", "nodes", 3, "campaigns", "nodes", 1, "stats"),
        ("legacyId", "20"),
    ),
    "maxmailer-quota": Case(
        Platform.MAXMAILER,
        MAXMAILER_ACCOUNTS,
        "GetUser",
        "id=5&",
        ("accounts", "nodes", 4, "quota"),
        ("username", "truiz"),
    ),
    # Oempro with an admin login: a user's relations are read in its session, opened by
    # User.Switch; when that fails for one user, only that user's relation is null (its quota,
    # read with the admin's own session, still answers).
    **{
        f"oempro-{relation}": Case(
            Platform.OEMPRO,
            OEMPRO_USERS.format(relation=relation, name=name),
            "User.Switch",
            "UserID=2&",
            ("accounts", "nodes", 1, relation),
            ("username", "bluepeak"),
            ADMIN,
        )
        for relation, name in (
            ("lists", "name"),
            ("campaigns", "name"),
            ("subAccounts", "username"),
        )
    },
    # Oempro: one list's count (Subscribers.Get) and one list's custom fields (CustomFields.Get).
    "oempro-list-count": Case(
        Platform.OEMPRO,
        OEMPRO_LIST_COUNTS,
        "Subscribers.Get",
        "SubscriberListID=2&SubscriberSegment=Active&",
        ("me", "lists", "nodes", 1, "subscriberCount"),
        ("legacyId", "2"),
    ),
    "oempro-subscriber-fields": Case(
        Platform.OEMPRO,
        OEMPRO_SUBSCRIBERS,
        "CustomFields.Get",
        "SubscriberListID=3&",
        ("me", "lists", "nodes", 2, "subscribers", "nodes", 0, "fields"),
        ("email", "mateo.meyer@inbox.example"),
    ),
    # Oempro: a segment's lists come from the scope's Lists.Get, read apart from the list.
    "oempro-segment-lists": Case(
        Platform.OEMPRO,
        OEMPRO_SEGMENT_LISTS,
        "Lists.Get",
        "Command=Lists.Get&",
        ("node", "segments", "nodes", 0, "lists"),
        ("name", "Joined in 2024"),
    ),
}


def at(data: Any, path: Path) -> Any:
    """The value at ``path`` of a response's data."""
    for step in path:
        data = data[step]
    return data


def nulled(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """A copy of ``data`` with the value at ``path`` null."""
    out = copy.deepcopy(data)
    at(out, path[:-1])[path[-1]] = None
    return out


async def clear_faults(gateway: Gateway) -> None:
    """Disarm every emulator fault."""
    response = await gateway.emulator.delete("/_emulator/faults")
    assert response.status_code == 200


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
async def test_a_failing_nested_call_nulls_only_its_own_field(emulators, case):
    async with open_gateway(emulators, **case.settings) as gateway:
        await gateway.fault(
            platform=case.platform.value,
            kind="status",
            status=503,
            endpoint=case.endpoint,
            match=case.match,
            count=None,
        )
        failed = await gateway.result(case.query)
        await clear_faults(gateway)
        whole = await gateway.query(case.query)

    name, value = case.parent
    assert at(whole, case.path[:-1])[name] == value
    assert at(whole, case.path) is not None
    # every other parent, and every other field of this one, answers as without the fault
    assert failed["data"] == nulled(whole, case.path)
    [error] = failed["errors"]
    assert error["path"] == list(case.path)
    assert error["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
    assert error["extensions"]["platform"] == case.platform.name


async def test_every_account_keeps_its_data_when_each_fails_a_relation(gateway):
    # Every sub-account's inherited lists fail: each account, and the page, still answer.
    await gateway.fault(
        platform="v2rest", kind="status", status=503, endpoint="GET /Users/InheritLists", count=None
    )
    body = await gateway.result(
        "{ me(platform: V2REST) { username subAccounts(first: 50) { totalCount nodes { "
        "username status inheritedLists { totalCount } } } } }"
    )
    me = body["data"]["me"]
    assert me["username"] == "demo-admin"
    page = me["subAccounts"]
    assert page["totalCount"] == len(page["nodes"]) == 12
    assert all(n["username"] and n["status"] for n in page["nodes"])
    assert all(n["inheritedLists"] is None for n in page["nodes"])
    paths = sorted(e["path"] for e in body["errors"])
    assert paths == [["me", "subAccounts", "nodes", i, "inheritedLists"] for i in range(12)]
    assert {e["extensions"]["platform"] for e in body["errors"]} == {"V2REST"}


async def test_a_match_fault_fails_only_the_requests_that_hold_its_text(gateway):
    await gateway.fault(
        platform="v2rest",
        kind="status",
        status=503,
        endpoint="GET /Users/InheritLists",
        match="accountName=lund_tech&",
        count=None,
    )
    armed = (await gateway.emulator.get("/_emulator/faults")).json()["faults"]
    assert [f["match"] for f in armed] == ["accountName=lund_tech&"]
    body = await gateway.result(
        "{ me(platform: V2REST) { subAccounts(first: 2) { nodes { username "
        "inheritedLists { totalCount } } } } }"
    )
    nodes = body["data"]["me"]["subAccounts"]["nodes"]
    assert [(n["username"], n["inheritedLists"] is None) for n in nodes] == [
        ("lund_tech", True),
        ("bergen_surf", False),
    ]
    # the fault stays armed until cleared; a text it does not hold is answered normally
    assert await gateway.counts(Platform.V2REST) == {
        "GET /Users/SubAccounts": 1,
        "GET /Users/InheritLists": 4,  # lund_tech's three tries, bergen_surf's one
    }


@pytest.mark.parametrize("match", ["", 7, ["x"]], ids=["empty", "number", "list"])
async def test_a_match_that_is_not_a_text_is_refused(gateway, match):
    response = await gateway.emulator.post(
        "/_emulator/faults", json={"platform": "v2rest", "kind": "status", "match": match}
    )
    assert response.status_code == 400
    assert "match" in response.json()["error"]
