"""Custom fields of Oempro lists: definitions on lists, typed values on subscribers, and the
mutations that create, change, delete and copy them."""

from __future__ import annotations

from mailgql.emulators.oempro.seed_pools import CITIES
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

FIELD = """customField { legacyId name kind legacyType defaultValue validation validationRule
  required unique visibility global options { label value selected } }"""
PAYLOAD = f"{FIELD} {USER_ERRORS}"
FIELDS = """query($list: ID!) { node(id: $list) { ... on MailingList {
  customFields { totalCount nodes { legacyId name kind options { value } required unique } }
} } }"""


async def _fields(gateway, list_id):
    data = await gateway.query(FIELDS, {"list": gid("MailingList", list_id)})
    return data["node"]["customFields"]


async def test_a_list_shows_its_custom_fields(gateway, emulators):
    lst = own_lists(emulators)[0]
    fields = await _fields(gateway, lst.id)
    seeded = state(emulators).fields_of(lst.id)
    assert fields["totalCount"] == len(seeded)
    by_name = {f["name"]: f for f in fields["nodes"]}
    assert [f["name"] for f in fields["nodes"]] == [f["FieldName"] for f in seeded]
    assert by_name["City"]["kind"] == "DROP_DOWN"
    assert [o["value"] for o in by_name["City"]["options"]] == list(CITIES)
    assert by_name["First name"]["required"] is True
    assert by_name["Member number"]["unique"] is True
    assert by_name["Last name"]["options"] == []


async def test_subscriber_values_are_typed_by_their_field(gateway, emulators):
    lst = own_lists(emulators)[0]
    created = await mutate(
        gateway,
        "createCustomField",
        {"listId": str(lst.id), "preset": "DAYS_OF_THE_WEEK"},
        PAYLOAD,
    )
    assert created["userErrors"] == []
    assert created["customField"]["kind"] == "CHECKBOXES"
    email = subscriber_in(emulators, lst.id)["EmailAddress"]
    updated = await mutate(
        gateway,
        "updateSubscriber",
        {
            "listId": str(lst.id),
            "email": email,
            "fields": [{"name": "Days of the week", "value": "Monday,Friday"}],
        },
        f"subscriber {{ fields {{ name kind value values }} }} {USER_ERRORS}",
    )
    assert updated["userErrors"] == []
    fields = {f["name"]: f for f in updated["subscriber"]["fields"]}
    assert fields["Days of the week"] == {
        "name": "Days of the week",
        "kind": "CHECKBOXES",
        "value": "Monday,Friday",
        "values": ["Monday", "Friday"],
    }
    city = fields["City"]
    assert city["kind"] == "DROP_DOWN"
    assert city["values"] == ([city["value"]] if city["value"] else [])


async def test_field_values_of_a_hundred_subscribers_read_each_list_s_fields_once(
    gateway, emulators
):
    """Subscribers of every list with their typed values and the lists' field definitions:
    fewest 1 ``Lists.Get`` + per list 1 ``Subscribers.Get`` and 1 ``CustomFields.Get`` (rows
    carry values by field id only; the definitions type them)."""
    await gateway.query("{ me(platform: OEMPRO) { username } }")
    await gateway.reset_calls()
    data = await gateway.query(
        """{ me(platform: OEMPRO) { lists(first: 8) { nodes {
             customFields { totalCount }
             subscribers(first: 100) { nodes { email fields { kind values } } } } } } }"""
    )
    lists = data["me"]["lists"]["nodes"]
    subscribers = sum(len(lst["subscribers"]["nodes"]) for lst in lists)
    assert subscribers >= 100
    assert await gateway.counts(Platform.OEMPRO) == {
        "Lists.Get": 1,
        "Subscribers.Get": len(lists),
        "CustomFields.Get": len(lists),
    }


async def test_custom_fields_fail_alone(gateway, emulators):
    lst = own_lists(emulators)[0]
    await gateway.fault(
        platform="oempro",
        kind="status",
        status=200,
        endpoint="CustomFields.Get",
        body=canned_error(99999, "Not enough privileges"),
    )
    body = await gateway.result(
        """query($list: ID!) { node(id: $list) { ... on MailingList {
             name customFields { totalCount } } } }""",
        {"list": gid("MailingList", lst.id)},
    )
    assert body["data"]["node"] == {"name": lst["Name"], "customFields": None}
    [error] = body["errors"]
    assert error["path"] == ["node", "customFields"]
    assert (error["extensions"]["code"], error["extensions"]["legacyCode"]) == (
        "FORBIDDEN",
        "99999",
    )


async def test_create_a_field_with_options(gateway, emulators):
    lst = own_lists(emulators)[1]
    payload = await mutate(
        gateway,
        "createCustomField",
        {
            "listId": gid("MailingList", lst.id),
            "name": "Frequency",
            "kind": "MULTIPLE_CHOICE",
            "options": [
                {"label": "Weekly", "value": "weekly"},
                {"label": "Monthly", "selected": True},
            ],
            "required": True,
            "visibility": "USER_ONLY",
            "validation": "CUSTOM",
            "validationRule": "^[a-z]+$",
        },
        PAYLOAD,
    )
    assert payload["userErrors"] == []
    stored = state(emulators).fields_of(lst.id)[-1]
    assert payload["customField"] == {
        "legacyId": str(stored.id),
        "name": "Frequency",
        "kind": "MULTIPLE_CHOICE",
        "legacyType": "Multiple choice",
        "defaultValue": None,
        "validation": "CUSTOM",
        "validationRule": "^[a-z]+$",
        "required": True,
        "unique": False,
        "visibility": "USER_ONLY",
        "global": False,
        "options": [
            {"label": "Weekly", "value": "weekly", "selected": False},
            {"label": "Monthly", "value": "Monthly", "selected": True},
        ],
    }


async def test_create_refusals(gateway, emulators):
    lst = own_lists(emulators)[1]
    no_kind = await mutate(
        gateway, "createCustomField", {"listId": str(lst.id), "name": "Plan"}, PAYLOAD
    )
    refusal(no_kind, "customField", "BAD_USER_INPUT", None, ["input", "kind"])
    no_rule = await mutate(
        gateway,
        "createCustomField",
        {"listId": str(lst.id), "name": "Code", "kind": "SINGLE_LINE", "validation": "CUSTOM"},
        PAYLOAD,
    )
    refusal(no_rule, "customField", "BAD_USER_INPUT", "4", ["input", "validationRule"])
    alias = await mutate(
        gateway,
        "createCustomField",
        {"listId": str(lst.id), "name": "Code", "kind": "SINGLE_LINE", "mergeTagAlias": "9x"},
        PAYLOAD,
    )
    refusal(alias, "customField", "BAD_USER_INPUT", "1001", ["input", "mergeTagAlias"])
    foreign = state(emulators).lists_of(2)[0]  # another user's list
    other = await mutate(
        gateway,
        "createCustomField",
        {"listId": str(foreign.id), "name": "Code", "kind": "SINGLE_LINE"},
        PAYLOAD,
    )
    refusal(other, "customField", "NOT_FOUND", "8", ["input", "listId"])


async def test_update_keeps_what_it_does_not_change(gateway, emulators):
    lst = own_lists(emulators)[0]
    city = next(f for f in state(emulators).fields_of(lst.id) if f["FieldName"] == "City")
    payload = await mutate(
        gateway,
        "updateCustomField",
        {"listId": str(lst.id), "fieldId": str(city.id), "name": "Town", "required": True},
        PAYLOAD,
    )
    assert payload["userErrors"] == []
    field = payload["customField"]
    assert (field["name"], field["kind"], field["required"]) == ("Town", "DROP_DOWN", True)
    assert [o["label"] for o in field["options"]] == list(CITIES)
    assert (city["FieldName"], city["FieldType"], city["IsRequired"]) == (
        "Town",
        "Drop down",
        "Yes",
    )


async def test_update_of_a_field_the_list_lacks_sends_nothing(gateway, emulators):
    lst = own_lists(emulators)[0]
    await gateway.query("{ me(platform: OEMPRO) { username } }")
    await gateway.reset_calls()
    payload = await mutate(
        gateway,
        "updateCustomField",
        {"listId": str(lst.id), "fieldId": "99999", "name": "Nope"},
        PAYLOAD,
    )
    refusal(payload, "customField", "NOT_FOUND", None, ["input", "fieldId"])
    assert await gateway.counts(Platform.OEMPRO) == {"CustomFields.Get": 1}


async def test_update_refused_by_oempro(gateway, emulators):
    lst = own_lists(emulators)[0]
    field = state(emulators).fields_of(lst.id)[0]
    await gateway.fault(
        platform="oempro",
        kind="status",
        status=200,
        endpoint="CustomField.Update",
        body=canned_error(9, "Invalid visibility"),
    )
    payload = await mutate(
        gateway,
        "updateCustomField",
        {"listId": str(lst.id), "fieldId": str(field.id), "visibility": "HIDDEN"},
        PAYLOAD,
    )
    refusal(payload, "customField", "BAD_USER_INPUT", "9", ["input", "visibility"])


async def test_delete_a_field_with_its_values(gateway, emulators):
    lst = own_lists(emulators)[0]
    field = state(emulators).fields_of(lst.id)[1]
    payload = await mutate(
        gateway,
        "deleteCustomField",
        {"listId": str(lst.id), "fieldId": str(field.id)},
        f"deletedFieldId {USER_ERRORS}",
    )
    assert payload == {"deletedFieldId": str(field.id), "userErrors": []}
    names = [f["name"] for f in (await _fields(gateway, lst.id))["nodes"]]
    assert field["FieldName"] not in names
    again = await mutate(
        gateway,
        "deleteCustomField",
        {"listId": str(lst.id), "fieldId": str(field.id)},
        f"deletedFieldId {USER_ERRORS}",
    )
    refusal(again, "deletedFieldId", "NOT_FOUND", None, ["input", "fieldId"])


async def test_copy_fields_into_another_list(gateway, emulators):
    source, target = own_lists(emulators)[0], own_lists(emulators)[1]
    before = [f["name"] for f in (await _fields(gateway, target.id))["nodes"]]
    payload = await mutate(
        gateway,
        "copyCustomFields",
        {"sourceListId": str(source.id), "targetListId": gid("MailingList", target.id)},
        f"list {{ name customFields {{ nodes {{ name }} }} }} {USER_ERRORS}",
    )
    assert payload["userErrors"] == []
    copied = [f["FieldName"] for f in state(emulators).fields_of(source.id)]
    assert [n["name"] for n in payload["list"]["customFields"]["nodes"]] == before + copied
    same = await mutate(
        gateway,
        "copyCustomFields",
        {"sourceListId": str(source.id), "targetListId": "99999"},
        f"list {{ name }} {USER_ERRORS}",
    )
    refusal(same, "list", "NOT_FOUND", "4", ["input", "targetListId"])
