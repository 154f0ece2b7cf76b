"""Oempro lists through the graph: counts asked lazily, subscribers with their custom fields,
segments with their rules, node(), and the list and subscriber mutations."""

from __future__ import annotations

import pytest

from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import (
    USER_ERRORS,
    demo_user,
    expected_count,
    gid,
    iso,
    mutate,
    own_lists,
    refusal,
    state,
    subscriber_in,
)

LIST_PAYLOAD = f"list {{ id legacyId name doubleOptIn subscriberCount }} {USER_ERRORS}"
SUBSCRIBER_PAYLOAD = f"subscriber {{ email fields {{ name value }} list {{ id }} }} {USER_ERRORS}"
DELETE_PAYLOAD = f"deletedListId {USER_ERRORS}"

# -- reads ----------------------------------------------------------------------------------------


async def test_me_lists_are_the_users_lists_with_their_counts(gateway, emulators):
    data = await gateway.query(
        """{ me(platform: OEMPRO) { lists(first: 100) { totalCount nodes {
             id platform legacyId name createdAt doubleOptIn
             subscriberCount unsubscribedCount bouncedCount } } } }"""
    )
    lists = own_lists(emulators)
    nodes = data["me"]["lists"]["nodes"]
    assert data["me"]["lists"]["totalCount"] == len(lists) == 8
    for node, stored in zip(nodes, lists, strict=True):
        assert node == {
            "id": gid("MailingList", stored.id),
            "platform": "OEMPRO",
            "legacyId": str(stored.id),
            "name": stored["Name"],
            "createdAt": iso(stored["CreatedOn"]),
            "doubleOptIn": stored["OptInMode"] == "Double",
            "subscriberCount": expected_count(emulators, stored.id, "Active"),
            "unsubscribedCount": expected_count(emulators, stored.id, "Unsubscribed"),
            "bouncedCount": expected_count(emulators, stored.id, "Hard bounced"),
        }
    assert {n["doubleOptIn"] for n in nodes} == {True, False}
    assert await gateway.counts(Platform.OEMPRO) == {
        "User.Login": 1,
        "Lists.Get": 1,
        "Subscribers.Get": 3 * len(lists),
    }


async def test_counts_cost_nothing_unless_asked(gateway):
    data = await gateway.query(
        "{ me(platform: OEMPRO) { lists { nodes { id name } pageInfo { hasNextPage } } } }"
    )
    assert len(data["me"]["lists"]["nodes"]) == 8
    assert await gateway.counts(Platform.OEMPRO) == {"User.Login": 1, "Lists.Get": 1}


async def test_lists_page_from_one_unpaged_listing(gateway, emulators):
    first = await gateway.query(
        "{ me(platform: OEMPRO) { lists(first: 3) { pageInfo { hasNextPage endCursor } "
        "nodes { legacyId } } } }"
    )
    page = first["me"]["lists"]
    second = await gateway.query(
        "query($a: String) { me(platform: OEMPRO) { lists(first: 10, after: $a) { "
        "pageInfo { hasNextPage } nodes { legacyId } } } }",
        {"a": page["pageInfo"]["endCursor"]},
    )
    ids = [str(lst.id) for lst in own_lists(emulators)]
    assert [n["legacyId"] for n in page["nodes"]] == ids[:3]
    assert [n["legacyId"] for n in second["me"]["lists"]["nodes"]] == ids[3:]
    assert second["me"]["lists"]["pageInfo"]["hasNextPage"] is False
    # Lists.Get is unpaged on 4.x: the gateway cuts the window, one listing per request.
    assert (await gateway.counts(Platform.OEMPRO))["Lists.Get"] == 2


@pytest.mark.parametrize(
    ("status", "check"),
    [
        ("ACTIVE", lambda s: s["SubscriptionStatus"] == "Subscribed" and s["BounceType"] != "Hard"),
        ("UNSUBSCRIBED", lambda s: s["SubscriptionStatus"] == "Unsubscribed"),
        ("SOFT_BOUNCED", lambda s: s["BounceType"] == "Soft"),
        ("HARD_BOUNCED", lambda s: s["BounceType"] == "Hard"),
        (
            "OPT_IN_PENDING",
            lambda s: s["SubscriptionStatus"] in {"Opt-In Pending", "Confirmation Pending"},
        ),
    ],
)
async def test_subscribers_of_a_list_in_each_status(gateway, emulators, status, check):
    list_id = own_lists(emulators)[0].id
    data = await gateway.query(
        f"""{{ node(id: "{gid("MailingList", list_id)}") {{ ... on MailingList {{
               subscribers(status: {status}, first: 500) {{ totalCount nodes {{
                 legacyId email subscriptionStatus bounceType active }} }} }} }} }}"""
    )
    rows = [s for s in state(emulators).subscribers[list_id].values() if check(s)]
    connection = data["node"]["subscribers"]
    assert connection["totalCount"] == len(rows) > 0
    assert [n["email"] for n in connection["nodes"]] == [s["EmailAddress"] for s in rows]
    assert [n["legacyId"] for n in connection["nodes"]] == [s["SubscriberID"] for s in rows]


async def test_suppressed_subscribers(gateway, emulators):
    list_id = own_lists(emulators)[0].id
    data = await gateway.query(
        f"""{{ node(id: "{gid("MailingList", list_id)}") {{ ... on MailingList {{
               subscribers(status: SUPPRESSED) {{ nodes {{ email subscriptionStatus }} }}
             }} }} }}"""
    )
    suppressed = state(emulators).suppressed[demo_user(emulators).id]
    nodes = data["node"]["subscribers"]["nodes"]
    assert nodes
    assert {n["email"] for n in nodes} <= suppressed


async def test_a_subscriber_carries_its_fields_by_name_and_its_dates(gateway, emulators):
    lst = own_lists(emulators)[0]
    data = await gateway.query(
        f"""{{ node(id: "{gid("MailingList", lst.id)}") {{ ... on MailingList {{
               subscribers(first: 2) {{ nodes {{ email subscribedAt unsubscribedAt optedInAt
                 name list {{ id name }} fields {{ fieldId name type value }} }} }} }} }} }}"""
    )
    fields = state(emulators).fields_of(lst.id)
    first = next(iter(state(emulators).subscribers[lst.id].values()))
    node = data["node"]["subscribers"]["nodes"][0]
    assert node["email"] == first["EmailAddress"]
    assert node["subscribedAt"] == iso(first["SubscriptionDate"])
    assert node["unsubscribedAt"] is None
    assert node["optedInAt"] == iso(first["OptInDate"])
    assert node["name"] is None  # MAILGQL_OEMPRO_NAME_FIELD is not set
    assert node["list"] == {"id": gid("MailingList", lst.id), "name": lst["Name"]}
    assert node["fields"] == [
        {
            "fieldId": f["CustomFieldID"],
            "name": f["FieldName"],
            "type": f["FieldType"],
            "value": first[f.column] or None,
        }
        for f in fields
    ]
    assert [f["name"] for f in node["fields"]][:3] == ["First name", "Last name", "City"]
    # One CustomFields.Get names the fields of every subscriber of the list.
    assert await gateway.counts(Platform.OEMPRO) == {
        "User.Login": 1,
        "List.Get": 1,
        "Subscribers.Get": 1,
        "CustomFields.Get": 1,
    }


@pytest.mark.parametrize("setting", ["first name", "CustomField1", "1"])
async def test_a_subscribers_name_is_the_configured_field(emulators, setting):
    lst = own_lists(emulators)[0]
    first = next(iter(state(emulators).subscribers[lst.id].values()))
    async with open_gateway(emulators, oempro_name_field=setting) as gateway:
        data = await gateway.query(
            f"""{{ node(id: "{gid("MailingList", lst.id)}") {{ ... on MailingList {{
                   subscribers(first: 1) {{ nodes {{ name }} }} }} }} }}"""
        )
    assert data["node"]["subscribers"]["nodes"] == [{"name": first["CustomField1"]}]


async def test_subscribers_page_with_the_api(gateway, emulators):
    list_id = own_lists(emulators)[1].id
    active = [
        s
        for s in state(emulators).subscribers[list_id].values()
        if s["SubscriptionStatus"] == "Subscribed" and s["BounceType"] != "Hard"
    ]
    query = """query($id: ID!, $after: String) { node(id: $id) { ... on MailingList {
                 subscribers(first: 5, after: $after) { totalCount
                   pageInfo { hasNextPage endCursor } nodes { email } } } } }"""
    variables = {"id": gid("MailingList", list_id), "after": None}
    first = (await gateway.query(query, variables))["node"]["subscribers"]
    variables["after"] = first["pageInfo"]["endCursor"]
    second = (await gateway.query(query, variables))["node"]["subscribers"]
    emails = [s["EmailAddress"] for s in active]
    assert [n["email"] for n in first["nodes"] + second["nodes"]] == emails[:10]
    assert first["totalCount"] == second["totalCount"] == len(active)
    assert second["pageInfo"]["hasNextPage"] is (len(active) > 10)
    # Subscribers.Get pages itself: one call per page.
    assert (await gateway.counts(Platform.OEMPRO))["Subscribers.Get"] == 2


async def test_segments_of_a_list_with_their_rules(gateway, emulators):
    lst = own_lists(emulators)[0]
    segments = [s for s in state(emulators).segments.values() if s.list_id == lst.id]
    data = await gateway.query(
        f"""{{ node(id: "{gid("MailingList", lst.id)}") {{ ... on MailingList {{
               segments {{ totalCount nodes {{ id platform legacyId name listIds lists {{ id }}
                 rules {{ connector children {{
                   ... on SegmentRule {{ connector field operator values }} }} }} }} }} }} }} }}"""
    )
    connection = data["node"]["segments"]
    assert connection["totalCount"] == len(segments) > 0
    for node, stored in zip(connection["nodes"], segments, strict=True):
        operator = stored["SegmentOperator"].upper()
        assert node == {
            "id": gid("Segment", f"{lst.id}:{stored.id}"),
            "platform": "OEMPRO",
            "legacyId": str(stored.id),
            "name": stored["SegmentName"],
            "listIds": [gid("MailingList", lst.id)],
            "lists": [{"id": gid("MailingList", lst.id)}],
            "rules": [
                {
                    "connector": "AND",
                    "children": [
                        {
                            "connector": operator,
                            "field": rule.field,
                            "operator": rule.operator,
                            "values": [rule.filter],
                        }
                        for rule in stored.rules
                    ],
                }
            ],
        }


async def test_other_platforms_lists_have_no_subscribers_or_segments(gateway):
    data = await gateway.query(
        """{ node(id: "TWFpbGluZ0xpc3Q6bWF4bWFpbGVyOm5ld3NsZXR0ZXI=") {
             ... on MailingList { name subscribers { totalCount } segments { totalCount }
                                  subscriberCount } } }"""
    )
    assert data["node"] == {
        "name": "newsletter",
        "subscribers": None,
        "segments": None,
        "subscriberCount": None,
    }


async def test_node_of_lists_and_segments(gateway, emulators):
    lst = own_lists(emulators)[2]
    segment = next(s for s in state(emulators).segments.values() if s.list_id == lst.id)
    foreign = state(emulators).lists_of(2)[0]
    data = await gateway.query(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on MailingList { name } "
        "... on Segment { name } } }",
        {
            "ids": [
                gid("MailingList", lst.id),
                gid("Segment", f"{lst.id}:{segment.id}"),
                gid("MailingList", foreign.id),
                gid("MailingList", 999),
                gid("Segment", f"{lst.id}:999"),
                gid("Segment", "junk"),
                gid("MailingList", "junk"),
            ]
        },
    )
    assert data["nodes"][:2] == [
        {"id": gid("MailingList", lst.id), "name": lst["Name"]},
        {"id": gid("Segment", f"{lst.id}:{segment.id}"), "name": segment["SegmentName"]},
    ]
    # Another user's list, an unknown one and keys we never made are not visible.
    assert data["nodes"][2:] == [None] * 5


async def test_a_list_answered_as_an_empty_array_is_not_found(gateway):
    data = await gateway.query(f'{{ node(id: "{gid("MailingList", 999)}") {{ id }} }}')
    assert data["node"] is None
    assert (await gateway.counts(Platform.OEMPRO))["List.Get"] == 1


# -- createList / updateList / deleteList -------------------------------------------------------


async def test_create_a_list_then_it_is_listed(gateway, emulators):
    payload = await mutate(
        gateway, "createList", {"platform": "OEMPRO", "name": "Autumn launch"}, LIST_PAYLOAD
    )
    assert payload["userErrors"] == []
    created = payload["list"]
    stored = next(lst for lst in own_lists(emulators) if lst["Name"] == "Autumn launch")
    assert created == {
        "id": gid("MailingList", stored.id),
        "legacyId": str(stored.id),
        "name": "Autumn launch",
        "doubleOptIn": False,
        "subscriberCount": 0,
    }
    data = await gateway.query("{ me(platform: OEMPRO) { lists(first: 100) { nodes { id } } } }")
    assert created["id"] in [n["id"] for n in data["me"]["lists"]["nodes"]]


async def test_a_list_name_in_use_is_refused_with_code_2(gateway, emulators):
    taken = own_lists(emulators)[0]["Name"]
    payload = await mutate(
        gateway, "createList", {"platform": "OEMPRO", "name": taken}, LIST_PAYLOAD
    )
    refusal(payload, "list", "BAD_USER_INPUT", "2", ["input", "name"])
    assert len(own_lists(emulators)) == 8


async def test_the_plans_list_limit_is_forbidden_with_code_3(gateway, emulators):
    group = state(emulators).groups[demo_user(emulators).number("RelUserGroupID")]
    group["LimitLists"] = "8"
    payload = await mutate(
        gateway, "createList", {"platform": "OEMPRO", "name": "One too many"}, LIST_PAYLOAD
    )
    refusal(payload, "list", "FORBIDDEN", "3", None)


@pytest.mark.parametrize(
    ("input", "field", "words"),
    [
        ({"platform": "OEMPRO", "name": "  "}, ["input", "name"], "must not be empty"),
        ({"platform": "V2REST", "name": "x"}, ["input", "platform"], "not supported"),
    ],
)
async def test_create_list_input_is_checked_before_any_call(gateway, input, field, words):
    payload = await mutate(gateway, "createList", input, LIST_PAYLOAD)
    error = refusal(payload, "list", "BAD_USER_INPUT", None, field)
    assert words in error["message"]
    assert await gateway.calls(Platform.OEMPRO) == 0


async def test_update_a_lists_settings(gateway, emulators):
    lst = own_lists(emulators)[0]
    confirmation = next(
        e for e in state(emulators).emails.values() if e["ValidateScope"] == "OptIn"
    )
    payload = await mutate(
        gateway,
        "updateList",
        {
            "listId": gid("MailingList", lst.id),
            "name": "Renamed",
            "doubleOptIn": True,
            "optInConfirmationEmailId": confirmation["EmailID"],
            "unsubscribeFromAllLists": True,
            "suppressUnsubscribed": False,
            "hideInSubscriberArea": True,
            "subscriptionPendingPageUrl": "https://example.com/pending",
            "subscriptionConfirmedPageUrl": "https://example.com/thanks",
        },
        LIST_PAYLOAD,
    )
    assert payload["userErrors"] == []
    assert (payload["list"]["name"], payload["list"]["doubleOptIn"]) == ("Renamed", True)
    assert {k: lst[k] for k in ("OptOutScope", "OptOutAddToSuppressionList")} == {
        "OptOutScope": "All lists",
        "OptOutAddToSuppressionList": "No",
    }
    assert lst["HideInSubscriberArea"] == "true"
    assert lst["SubscriptionConfirmedPageURL"] == "https://example.com/thanks"
    assert lst["RelOptInConfirmationEmailID"] == confirmation["EmailID"]


async def test_double_opt_in_without_a_confirmation_email_is_refused_with_code_7(
    gateway, emulators
):
    lst = next(x for x in own_lists(emulators) if x["OptInMode"] == "Single")
    payload = await mutate(
        gateway, "updateList", {"listId": str(lst.id), "doubleOptIn": True}, LIST_PAYLOAD
    )
    refusal(payload, "list", "BAD_USER_INPUT", "7", ["input", "optInConfirmationEmailId"])
    assert lst["OptInMode"] == "Single"


async def test_update_of_another_users_list_is_not_found_with_code_2(gateway, emulators):
    foreign = state(emulators).lists_of(2)[0]
    payload = await mutate(
        gateway, "updateList", {"listId": str(foreign.id), "name": "Mine now"}, LIST_PAYLOAD
    )
    refusal(payload, "list", "NOT_FOUND", "2", ["input", "listId"])
    assert foreign["Name"] != "Mine now"


@pytest.mark.parametrize(
    ("input", "field"),
    [
        ({"listId": "1"}, ["input"]),
        ({"listId": "1", "name": " "}, ["input", "name"]),
        ({"listId": "1", "optInConfirmationEmailId": "abc"}, ["input", "optInConfirmationEmailId"]),
        ({"listId": "not-an-id", "name": "x"}, ["input", "listId"]),
        (
            {"listId": "TWFpbGluZ0xpc3Q6djJyZXN0Ojc2MDE=", "name": "x"},
            ["input", "listId"],
        ),
    ],
    ids=["nothing-to-change", "blank-name", "bad-email-id", "bad-id", "a-v2-list"],
)
async def test_update_list_input_is_checked_before_any_call(gateway, input, field):
    payload = await mutate(gateway, "updateList", input, LIST_PAYLOAD)
    refusal(payload, "list", "BAD_USER_INPUT", None, field)
    assert await gateway.calls(Platform.OEMPRO) == 0


async def test_delete_a_list_with_what_it_holds(gateway, emulators):
    lst = own_lists(emulators)[1]
    payload = await mutate(
        gateway, "deleteList", {"listId": gid("MailingList", lst.id)}, DELETE_PAYLOAD
    )
    assert payload == {"deletedListId": gid("MailingList", lst.id), "userErrors": []}
    assert lst.id not in state(emulators).lists
    assert not [s for s in state(emulators).segments.values() if s.list_id == lst.id]
    data = await gateway.query(f'{{ node(id: "{gid("MailingList", lst.id)}") {{ id }} }}')
    assert data["node"] is None


@pytest.mark.parametrize("list_id", ["999", "9"], ids=["unknown", "another-users"])
async def test_delete_of_a_list_the_login_does_not_have_is_not_found(gateway, emulators, list_id):
    before = len(state(emulators).lists)
    payload = await mutate(gateway, "deleteList", {"listId": list_id}, DELETE_PAYLOAD)
    assert payload["deletedListId"] is None
    [error] = payload["userErrors"]
    assert (error["code"], error["field"]) == ("NOT_FOUND", ["input", "listId"])
    assert len(state(emulators).lists) == before
    assert await gateway.counts(Platform.OEMPRO) == {"User.Login": 1, "List.Get": 1}


# -- updateSubscriber ---------------------------------------------------------------------------


async def test_update_a_subscribers_address_and_fields(gateway, emulators):
    lst = own_lists(emulators)[0]
    row = subscriber_in(emulators, lst.id)
    payload = await mutate(
        gateway,
        "updateSubscriber",
        {
            "listId": str(lst.id),
            "email": row["EmailAddress"].upper(),
            "newEmail": "moved@example.com",
            "fields": [{"name": "city", "value": "Porto"}, {"name": "CustomField2", "value": "X"}],
        },
        SUBSCRIBER_PAYLOAD,
    )
    assert payload["userErrors"] == []
    subscriber = payload["subscriber"]
    assert subscriber["email"] == "moved@example.com"
    assert {f["name"]: f["value"] for f in subscriber["fields"]}["City"] == "Porto"
    assert subscriber["list"] == {"id": gid("MailingList", lst.id)}
    assert (row["EmailAddress"], row["CustomField3"], row["CustomField2"]) == (
        "moved@example.com",
        "Porto",
        "X",
    )


async def test_an_unknown_subscriber_or_field_is_refused_before_the_update(gateway, emulators):
    lst = own_lists(emulators)[0]
    row = subscriber_in(emulators, lst.id)
    unknown = await mutate(
        gateway,
        "updateSubscriber",
        {"listId": str(lst.id), "email": "nobody@example.com", "newEmail": "x@example.com"},
        SUBSCRIBER_PAYLOAD,
    )
    refusal(unknown, "subscriber", "NOT_FOUND", None, ["input", "email"])
    field = await mutate(
        gateway,
        "updateSubscriber",
        {
            "listId": str(lst.id),
            "email": row["EmailAddress"],
            "fields": [{"name": "Shoe size", "value": "42"}],
        },
        SUBSCRIBER_PAYLOAD,
    )
    refusal(field, "subscriber", "BAD_USER_INPUT", None, ["input", "fields", "0", "name"])
    assert "Subscriber.Update" not in await gateway.counts(Platform.OEMPRO)


async def test_an_address_another_subscriber_has_is_refused_with_code_7(gateway, emulators):
    lst = own_lists(emulators)[0]
    rows = list(state(emulators).subscribers[lst.id].values())
    payload = await mutate(
        gateway,
        "updateSubscriber",
        {
            "listId": str(lst.id),
            "email": rows[0]["EmailAddress"],
            "newEmail": rows[1]["EmailAddress"],
        },
        SUBSCRIBER_PAYLOAD,
    )
    refusal(payload, "subscriber", "BAD_USER_INPUT", "7", ["input", "newEmail"])


@pytest.mark.parametrize(
    ("field", "value", "legacy"),
    [("First name", "", "8"), ("Member number", "110001", "9"), ("First name", "R2D2", "10")],
    ids=["required-empty", "not-unique", "fails-validation"],
)
async def test_custom_field_rules_are_refused_with_their_codes(
    gateway, emulators, field, value, legacy
):
    lst = own_lists(emulators)[0]
    row = subscriber_in(emulators, lst.id)
    payload = await mutate(
        gateway,
        "updateSubscriber",
        {
            "listId": str(lst.id),
            "email": row["EmailAddress"],
            "fields": [{"name": field, "value": value}],
        },
        SUBSCRIBER_PAYLOAD,
    )
    error = refusal(payload, "subscriber", "BAD_USER_INPUT", legacy, None)
    assert field in error["message"]


@pytest.mark.parametrize(
    ("input", "field"),
    [
        ({"email": "a@example.com"}, ["input"]),
        ({"email": "not-an-address", "newEmail": "b@example.com"}, ["input", "email"]),
        ({"email": "a@example.com", "newEmail": "nope"}, ["input", "newEmail"]),
        (
            {"email": "a@example.com", "fields": [{"name": "x", "value": "y"}] * 101},
            ["input", "fields"],
        ),
    ],
    ids=["nothing-to-change", "bad-email", "bad-new-email", "too-many-fields"],
)
async def test_update_subscriber_input_is_checked_before_any_call(gateway, input, field):
    payload = await mutate(
        gateway, "updateSubscriber", {"listId": "1", **input}, SUBSCRIBER_PAYLOAD
    )
    refusal(payload, "subscriber", "BAD_USER_INPUT", None, field)
    assert await gateway.calls(Platform.OEMPRO) == 0


async def test_what_oempro_does_not_keep_reads_as_null(gateway, emulators):
    lst = own_lists(emulators)[0]
    data = await gateway.query(
        f"""{{ node(id: "{gid("MailingList", lst.id)}") {{ ... on MailingList {{
               description ownerName ownerEmail replyToEmail companyName deleted
               segments(first: 1) {{ nodes {{ createdAt updatedAt }} }} }} }} }}"""
    )
    assert data["node"] == {
        "description": None,
        "ownerName": None,
        "ownerEmail": None,
        "replyToEmail": None,
        "companyName": None,
        "deleted": None,
        "segments": {"nodes": [{"createdAt": None, "updatedAt": None}]},
    }
