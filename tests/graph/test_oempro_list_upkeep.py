"""Oempro list upkeep through the graph: deleting a subscriber, unsubscribing one by id,
answering a pending opt-in, importing subscribers, and changing or copying segments."""

from __future__ import annotations

from mailgql.platforms import Platform
from tests.graph.oempro_helpers import (
    USER_ERRORS,
    canned_error,
    gid,
    mutate,
    own_lists,
    refusal,
    state,
    subscriber_in,
)

IMPORT = f"result {{ importId columns rows imported duplicates failed }} failedStep {USER_ERRORS}"
CSV = "email,town\nana.new@example.com,Porto\nbo.new@example.com,Lisbon\nnope,Braga\n"


async def test_delete_a_subscriber(gateway, emulators):
    lst = own_lists(emulators)[0]
    sub = subscriber_in(emulators, lst.id)
    payload = await mutate(
        gateway,
        "deleteSubscriber",
        {"listId": str(lst.id), "email": sub["EmailAddress"].upper()},
        f"deletedSubscriberId {USER_ERRORS}",
    )
    assert payload == {"deletedSubscriberId": str(sub.id), "userErrors": []}
    assert sub.id not in state(emulators).subscribers[lst.id]
    again = await mutate(
        gateway,
        "deleteSubscriber",
        {"listId": str(lst.id), "email": sub["EmailAddress"]},
        f"deletedSubscriberId {USER_ERRORS}",
    )
    refusal(again, "deletedSubscriberId", "NOT_FOUND", None, ["input", "email"])


async def test_unsubscribe_by_id(gateway, emulators):
    lst = own_lists(emulators)[5]
    sub = subscriber_in(emulators, lst.id)
    payload = await mutate(
        gateway,
        "unsubscribeSubscriber",
        {"listId": gid("MailingList", lst.id), "subscriberId": str(sub.id)},
        f"unsubscribedSubscriberId {USER_ERRORS}",
    )
    assert payload == {"unsubscribedSubscriberId": str(sub.id), "userErrors": []}
    assert sub["SubscriptionStatus"] == "Unsubscribed"
    again = await mutate(
        gateway,
        "unsubscribeSubscriber",
        {"listId": str(lst.id), "subscriberId": str(sub.id)},
        f"unsubscribedSubscriberId {USER_ERRORS}",
    )
    refusal(again, "unsubscribedSubscriberId", "BAD_USER_INPUT", "9", ["input", "subscriberId"])
    unknown = await mutate(
        gateway,
        "unsubscribeSubscriber",
        {"listId": str(lst.id), "subscriberId": "99999"},
        f"unsubscribedSubscriberId {USER_ERRORS}",
    )
    refusal(unknown, "unsubscribedSubscriberId", "NOT_FOUND", "7", ["input", "subscriberId"])


async def test_answer_a_pending_opt_in(gateway, emulators):
    lst = next(lst for lst in own_lists(emulators) if lst["OptInMode"] == "Double")
    pending = subscriber_in(emulators, lst.id, status="Opt-In Pending")
    answer = f"decision redirectUrl {USER_ERRORS}"
    confirmed = await mutate(
        gateway,
        "answerOptIn",
        {"listId": str(lst.id), "subscriberId": str(pending.id), "decision": "CONFIRM"},
        answer,
    )
    assert confirmed == {
        "decision": "CONFIRM",
        "redirectUrl": lst["SubscriptionConfirmedPageURL"],
        "userErrors": [],
    }
    assert pending["SubscriptionStatus"] == "Subscribed"
    again = await mutate(
        gateway,
        "answerOptIn",
        {"listId": str(lst.id), "subscriberId": str(pending.id), "decision": "REJECT"},
        answer,
    )
    assert (again["decision"], again["redirectUrl"]) == (None, None)
    [error] = again["userErrors"]
    assert (error["code"], error["legacyCode"], error["field"]) == (
        "BAD_USER_INPUT",
        "8",
        ["input", "subscriberId"],
    )


async def test_import_subscribers_in_two_steps(gateway, emulators):
    lst = own_lists(emulators)[1]
    await gateway.query("{ me(platform: OEMPRO) { username } }")
    await gateway.reset_calls()
    payload = await mutate(
        gateway,
        "importSubscribers",
        {
            "listId": str(lst.id),
            "csv": CSV,
            "emailColumn": 1,
            "fieldColumns": [{"column": 2, "field": "City"}],
        },
        IMPORT,
    )
    assert payload["userErrors"] == []
    assert payload["failedStep"] is None
    result = payload["result"]
    assert (result["columns"], result["rows"], result["imported"], result["failed"]) == (
        ["email", "town"],
        4,
        2,
        2,
    )
    added = state(emulators).subscriber_by_email(lst.id, "bo.new@example.com")
    city = next(f for f in state(emulators).fields_of(lst.id) if f["FieldName"] == "City")
    assert added is not None
    assert added[city.column] == "Lisbon"
    assert await gateway.counts(Platform.OEMPRO) == {"CustomFields.Get": 1, "Subscribers.Import": 2}


async def test_an_import_refused_in_step_one_stores_nothing(gateway, emulators):
    foreign = state(emulators).lists_of(2)[0]
    payload = await mutate(
        gateway,
        "importSubscribers",
        {"listId": str(foreign.id), "csv": CSV, "emailColumn": 1},
        IMPORT,
    )
    assert (payload["result"], payload["failedStep"]) == (None, 1)
    [error] = payload["userErrors"]
    assert (error["code"], error["legacyCode"], error["field"]) == (
        "NOT_FOUND",
        "4",
        ["input", "listId"],
    )
    assert not state(emulators).list_side.imports


async def test_a_failed_step_two_says_what_step_one_left(gateway, emulators):
    lst = own_lists(emulators)[1]
    await gateway.fault(
        platform="oempro",
        kind="status",
        status=200,
        endpoint="Subscribers.Import",
        match="ImportStep=2",
        body=canned_error(8, "Email address is not mapped"),
    )
    payload = await mutate(
        gateway,
        "importSubscribers",
        {"listId": str(lst.id), "csv": CSV, "emailColumn": 1},
        IMPORT,
    )
    assert (payload["result"], payload["failedStep"]) == (None, 2)
    [error] = payload["userErrors"]
    [pending] = state(emulators).list_side.imports.values()
    assert not pending.processed
    assert error["legacyCode"] == "8"
    assert error["message"].startswith(
        f"step 2 of 2 (mapping and adding the rows) failed; step 1 stored the data as Oempro "
        f"import {pending.import_id}, which is left unprocessed: "
    )


async def test_an_unknown_field_column_is_refused_before_any_write(gateway, emulators):
    lst = own_lists(emulators)[1]
    payload = await mutate(
        gateway,
        "importSubscribers",
        {
            "listId": str(lst.id),
            "csv": CSV,
            "emailColumn": 1,
            "fieldColumns": [{"column": 2, "field": "Shoe size"}],
        },
        IMPORT,
    )
    assert payload["failedStep"] == 1
    [error] = payload["userErrors"]
    assert error["field"] == ["input", "fieldColumns", "0", "field"]
    assert not state(emulators).list_side.imports


SEGMENT = (
    "segment { id name rules { connector children { ... on SegmentRule { "
    "connector field operator values } } } } " + USER_ERRORS
)


async def test_update_a_segment(gateway, emulators):
    lst = own_lists(emulators)[0]
    seg = next(s for s in state(emulators).segments.values() if s.list_id == lst.id)
    rules = list(seg.rules)
    renamed = await mutate(
        gateway,
        "updateSegment",
        {"segmentId": gid("Segment", f"{lst.id}:{seg.id}"), "name": "Renamed"},
        SEGMENT,
    )
    assert renamed["userErrors"] == []
    assert renamed["segment"]["name"] == "Renamed"
    assert [(r.field, r.operator, r.filter) for r in seg.rules] == [
        (r.field, r.operator, r.filter) for r in rules
    ]
    changed = await mutate(
        gateway,
        "updateSegment",
        {
            "segmentId": str(seg.id),
            "match": "OR",
            "rules": [{"field": "EmailAddress", "operator": "Contains", "value": "@"}],
        },
        SEGMENT,
    )
    assert changed["userErrors"] == []
    [group] = changed["segment"]["rules"]
    assert group["children"] == [
        {"connector": "OR", "field": "EmailAddress", "operator": "Contains", "values": ["@"]}
    ]
    assert (seg["SegmentName"], seg["SegmentOperator"]) == ("Renamed", "or")
    empty = await mutate(gateway, "updateSegment", {"segmentId": str(seg.id), "rules": []}, SEGMENT)
    refusal(empty, "segment", "BAD_USER_INPUT", None, ["input", "rules"])


async def test_copy_segments(gateway, emulators):
    source, target = own_lists(emulators)[0], own_lists(emulators)[1]
    names = [s["SegmentName"] for s in state(emulators).segments.values() if s.list_id == source.id]
    before = [
        s["SegmentName"] for s in state(emulators).segments.values() if s.list_id == target.id
    ]
    payload = await mutate(
        gateway,
        "copySegments",
        {"sourceListId": str(source.id), "targetListId": str(target.id)},
        f"list {{ segments {{ nodes {{ name }} }} }} {USER_ERRORS}",
    )
    assert payload["userErrors"] == []
    assert [n["name"] for n in payload["list"]["segments"]["nodes"]] == before + names
    refused = await mutate(
        gateway,
        "copySegments",
        {"sourceListId": str(source.id), "targetListId": str(source.id)},
        f"list {{ name }} {USER_ERRORS}",
    )
    refusal(refused, "list", "NOT_FOUND", "4", None)


async def test_a_subscriber_s_lists_from_its_own_area(gateway, emulators):
    """Each subscriber logs in as itself (``Subscriber.Login`` with the MD5 of its id and
    address) and reads its lists (``Subscriber.GetLists``): two calls per subscriber. No
    session id reaches the answer."""
    lst = own_lists(emulators)[2]  # its rows carry database sync credentials
    await gateway.query("{ me(platform: OEMPRO) { username } }")
    await gateway.reset_calls()
    body = await gateway.post(
        """query($list: ID!) { node(id: $list) { ... on MailingList {
             subscribers(first: 3) { nodes { email subscribedLists { id name } } } } } }""",
        {"list": gid("MailingList", lst.id)},
    )
    nodes = body.json()["data"]["node"]["subscribers"]["nodes"]
    assert len(nodes) == 3
    db = state(emulators)
    for node in nodes:
        expected = [
            {"id": gid("MailingList", other.id), "name": other["Name"]}
            for other in db.lists_of(lst.owner_id)
            if (held := db.subscriber_by_email(other.id, node["email"])) is not None
            and held["SubscriptionStatus"] != "Unsubscribed"
            and other["HideInSubscriberArea"] != "true"
        ]
        assert node["subscribedLists"] == expected
    assert await gateway.counts(Platform.OEMPRO) == {
        "List.Get": 1,
        "Subscribers.Get": 1,
        "Subscriber.Login": 3,
        "Subscriber.GetLists": 3,
    }
    for session in db.list_side.subscriber_sessions:
        assert session not in body.text
    assert lst["SyncMySQLPassword"] not in body.text


async def test_a_step_two_without_an_answer_says_its_outcome_is_unknown(gateway, emulators):
    lst = own_lists(emulators)[1]
    await gateway.fault(
        platform="oempro",
        kind="status",
        status=503,
        endpoint="Subscribers.Import",
        match="ImportStep=2",
    )
    payload = await mutate(
        gateway,
        "importSubscribers",
        {"listId": str(lst.id), "csv": CSV, "emailColumn": 1},
        IMPORT,
    )
    assert (payload["result"], payload["failedStep"]) == (None, 2)
    [error] = payload["userErrors"]
    [pending] = state(emulators).list_side.imports.values()
    assert error["code"] == "UPSTREAM_UNAVAILABLE"
    assert "whether the rows were added is unknown" in error["message"]
    assert f"Oempro import {pending.import_id}" in error["message"]
    # A write is never sent again on its own.
    assert await gateway.counts(Platform.OEMPRO) == {"User.Login": 1, "Subscribers.Import": 2}
