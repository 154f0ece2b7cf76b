"""createSegment and deleteSegment on Oempro lists."""

from __future__ import annotations

import pytest

from mailgql.platforms import Platform
from tests.graph.oempro_helpers import (
    USER_ERRORS,
    demo_user,
    gid,
    mutate,
    own_lists,
    refusal,
    state,
)

PAYLOAD = f"""segment {{ id legacyId name listIds lists {{ name }}
  rules {{ connector children {{ ... on SegmentRule {{ connector field operator values }} }} }}
}} {USER_ERRORS}"""
DELETE = f"deletedSegmentId {USER_ERRORS}"
RULES = [
    {"field": "EmailAddress", "operator": "Ends with", "value": "example.org"},
    {"field": "CustomField3", "operator": "Is", "value": "Porto"},
]


async def test_create_a_segment_with_its_rules(gateway, emulators):
    lst = own_lists(emulators)[0]
    payload = await mutate(
        gateway,
        "createSegment",
        {
            "listId": gid("MailingList", lst.id),
            "name": "Porto or .org",
            "match": "OR",
            "rules": RULES,
        },
        PAYLOAD,
    )
    assert payload["userErrors"] == []
    stored = max(state(emulators).segments.values(), key=lambda s: s.id)
    assert (stored["SegmentName"], stored["SegmentOperator"], stored.list_id) == (
        "Porto or .org",
        "or",
        lst.id,
    )
    assert [(r.field, r.operator, r.filter) for r in stored.rules] == [
        (r["field"], r["operator"], r["value"]) for r in RULES
    ]
    assert payload["segment"] == {
        "id": gid("Segment", f"{lst.id}:{stored.id}"),
        "legacyId": str(stored.id),
        "name": "Porto or .org",
        "listIds": [gid("MailingList", lst.id)],
        "lists": [{"name": lst["Name"]}],
        "rules": [
            {
                "connector": "AND",
                "children": [
                    {
                        "connector": "OR",
                        "field": r["field"],
                        "operator": r["operator"],
                        "values": [r["value"]],
                    }
                    for r in RULES
                ],
            }
        ],
    }
    data = await gateway.query(
        f'{{ node(id: "{gid("MailingList", lst.id)}") '
        "{ ... on MailingList { segments { nodes { id } } } } }"
    )
    assert payload["segment"]["id"] in [n["id"] for n in data["node"]["segments"]["nodes"]]


async def test_a_segment_without_rules_selects_the_whole_list(gateway, emulators):
    lst = own_lists(emulators)[1]
    payload = await mutate(
        gateway,
        "createSegment",
        {"listId": str(lst.id), "name": "Everyone", "rules": []},
        "segment { name rules { connector } } userErrors { code }",
    )
    assert payload == {"segment": {"name": "Everyone", "rules": []}, "userErrors": []}
    stored = max(state(emulators).segments.values(), key=lambda s: s.id)
    assert (stored["SegmentOperator"], stored.rules) == ("and", [])
    assert await gateway.counts(Platform.OEMPRO) == {
        "User.Login": 1,
        "Segment.Create": 1,
        "Segment.Get": 1,
    }


async def test_a_segment_in_another_users_list_is_not_found_with_code_4(gateway, emulators):
    foreign = state(emulators).lists_of(2)[0]
    payload = await mutate(
        gateway,
        "createSegment",
        {"listId": str(foreign.id), "name": "Mine", "rules": RULES},
        PAYLOAD,
    )
    refusal(payload, "segment", "NOT_FOUND", "4", ["input", "listId"])


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"name": " "}, ["input", "name"]),
        ({"rules": [{"field": " ", "operator": "Is"}]}, ["input", "rules", "0", "field"]),
        (
            {"rules": [RULES[0], {"field": "City", "operator": ""}]},
            ["input", "rules", "1", "operator"],
        ),
        ({"rules": [RULES[0]] * 101}, ["input", "rules"]),
        ({"listId": "U2VnbWVudDpvZW1wcm86MTox"}, ["input", "listId"]),
    ],
    ids=["name", "rule-field", "rule-operator", "too-many-rules", "not-a-list-id"],
)
async def test_create_segment_input_is_checked_before_any_call(gateway, patch, field):
    payload = await mutate(
        gateway, "createSegment", {"listId": "1", "name": "x", "rules": RULES, **patch}, PAYLOAD
    )
    refusal(payload, "segment", "BAD_USER_INPUT", None, field)
    assert await gateway.calls(Platform.OEMPRO) == 0


async def test_delete_a_segment_by_global_id(gateway, emulators):
    lst = own_lists(emulators)[0]
    segment = next(s for s in state(emulators).segments.values() if s.list_id == lst.id)
    segment_id = gid("Segment", f"{lst.id}:{segment.id}")
    payload = await mutate(gateway, "deleteSegment", {"segmentId": segment_id}, DELETE)
    assert payload == {"deletedSegmentId": segment_id, "userErrors": []}
    assert segment.id not in state(emulators).segments
    assert await gateway.counts(Platform.OEMPRO) == {
        "User.Login": 1,
        "Segment.Get": 1,
        "Segments.Delete": 1,
    }


async def test_delete_a_segment_by_plain_id_reads_every_lists_segments(gateway, emulators):
    segment = max(
        (
            s
            for s in state(emulators).segments.values()
            if s.number("RelOwnerUserID") == demo_user(emulators).id
        ),
        key=lambda s: s.id,
    )
    payload = await mutate(gateway, "deleteSegment", {"segmentId": str(segment.id)}, DELETE)
    assert payload["deletedSegmentId"] == gid("Segment", f"{segment.list_id}:{segment.id}")
    assert segment.id not in state(emulators).segments
    counts = await gateway.counts(Platform.OEMPRO)
    assert counts["Lists.Get"] == 1
    assert counts["Segment.Get"] == len(own_lists(emulators))
    assert counts["Segments.Delete"] == 1


@pytest.mark.parametrize(
    ("segment_id", "code"),
    [
        ("999", "NOT_FOUND"),
        (gid("Segment", "1:999"), "NOT_FOUND"),
        (gid("Segment", "junk"), "BAD_USER_INPUT"),
        ("U2VnbWVudDp2MnJlc3Q6NDA0", "BAD_USER_INPUT"),
        (gid("MailingList", 1), "BAD_USER_INPUT"),
    ],
    ids=["unknown-plain", "unknown-global", "junk-key", "a-v2-segment", "a-list-id"],
)
async def test_delete_of_a_segment_the_login_does_not_have(gateway, emulators, segment_id, code):
    before = len(state(emulators).segments)
    payload = await mutate(gateway, "deleteSegment", {"segmentId": segment_id}, DELETE)
    assert payload["deletedSegmentId"] is None
    [error] = payload["userErrors"]
    assert (error["code"], error["field"]) == (code, ["input", "segmentId"])
    assert len(state(emulators).segments) == before
    assert "Segments.Delete" not in await gateway.counts(Platform.OEMPRO)
