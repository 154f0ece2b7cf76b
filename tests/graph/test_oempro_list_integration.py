"""List integration of Oempro lists: hooks and form code on lists, and the mutations that add
and delete hooks and probe a URL."""

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
)

HOOKS = """query($list: ID!) { node(id: $list) { ... on MailingList {
  all: hooks { legacyId event url } subscribed: hooks(event: SUBSCRIPTION) { url } } } }"""


async def test_a_list_shows_its_hooks_of_both_events(gateway, emulators):
    lst = own_lists(emulators)[0]
    await gateway.query("{ me(platform: OEMPRO) { username } }")
    await gateway.reset_calls()
    data = await gateway.query(HOOKS, {"list": gid("MailingList", lst.id)})
    rows = sorted(state(emulators).list_side.hooks.values(), key=lambda h: h.id)
    mine = [h for h in rows if h.list_id == lst.id]
    assert mine
    expected = [
        {"legacyId": str(h.id), "event": h["EventType"].upper(), "url": h["ServiceURL"]}
        for event in ("subscription", "unsubscription")
        for h in mine
        if h["EventType"] == event
    ]
    assert data["node"]["all"] == expected
    assert data["node"]["subscribed"] == [
        {"url": h["ServiceURL"]} for h in mine if h["EventType"] == "subscription"
    ]
    # One GetURLs per event, shared by both fields.
    assert await gateway.counts(Platform.OEMPRO) == {"List.Get": 1, "ListIntegration.GetURLs": 2}


async def test_a_list_shows_its_form_code(gateway, emulators):
    lst = own_lists(emulators)[0]
    city = next(f for f in state(emulators).fields_of(lst.id) if f["FieldName"] == "City")
    data = await gateway.query(
        """query($list: ID!, $fields: [ID!]) { node(id: $list) { ... on MailingList {
             subscriptionFormHtml(customFieldIds: $fields) unsubscriptionFormHtml } } }""",
        {"list": gid("MailingList", lst.id), "fields": [str(city.id)]},
    )
    form = data["node"]["subscriptionFormHtml"]
    assert form.startswith("<form ")
    assert form.endswith("</form>")
    assert f'name="FormValue_CustomField{city.id}"' in form
    assert "Subscriber.Unsubscribe" in data["node"]["unsubscriptionFormHtml"]


async def test_form_code_refuses_a_bad_field_id(gateway, emulators):
    lst = own_lists(emulators)[0]
    body = await gateway.result(
        """query($list: ID!) { node(id: $list) { ... on MailingList {
             name subscriptionFormHtml(customFieldIds: ["x1"]) } } }""",
        {"list": gid("MailingList", lst.id)},
    )
    assert body["data"]["node"] == {"name": lst["Name"], "subscriptionFormHtml": None}
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["path"] == ["node", "subscriptionFormHtml"]


async def test_hooks_fail_alone(gateway, emulators):
    lst = own_lists(emulators)[0]
    await gateway.fault(
        platform="oempro",
        kind="status",
        status=200,
        endpoint="ListIntegration.GetURLs",
        body=canned_error(1, "Subscriber list id is missing"),
    )
    body = await gateway.result(
        """query($list: ID!) { node(id: $list) { ... on MailingList { name hooks { url } } } }""",
        {"list": gid("MailingList", lst.id)},
    )
    assert body["data"]["node"] == {"name": lst["Name"], "hooks": None}
    assert [e["path"] for e in body["errors"]] == [["node", "hooks"]]


async def test_add_and_delete_a_hook(gateway, emulators):
    lst = own_lists(emulators)[1]
    added = await mutate(
        gateway,
        "addListHook",
        {"listId": str(lst.id), "event": "UNSUBSCRIPTION", "url": "https://crm.example.com/out"},
        f"hook {{ legacyId event url }} {USER_ERRORS}",
    )
    assert added["userErrors"] == []
    stored = max(state(emulators).list_side.hooks.values(), key=lambda h: h.id)
    assert added["hook"] == {
        "legacyId": str(stored.id),
        "event": "UNSUBSCRIPTION",
        "url": "https://crm.example.com/out",
    }
    delete = f"deletedHookId {USER_ERRORS}"
    gone = await mutate(
        gateway, "deleteListHook", {"listId": str(lst.id), "hookId": str(stored.id)}, delete
    )
    assert gone == {"deletedHookId": str(stored.id), "userErrors": []}
    assert stored.id not in state(emulators).list_side.hooks
    again = await mutate(
        gateway, "deleteListHook", {"listId": str(lst.id), "hookId": str(stored.id)}, delete
    )
    refusal(again, "deletedHookId", "NOT_FOUND", None, ["input", "hookId"])


async def test_add_hook_refusals(gateway, emulators):
    lst = own_lists(emulators)[1]
    payload = f"hook {{ url }} {USER_ERRORS}"
    bad_url = await mutate(
        gateway,
        "addListHook",
        {"listId": str(lst.id), "event": "SUBSCRIPTION", "url": "ftp://x"},
        payload,
    )
    refusal(bad_url, "hook", "BAD_USER_INPUT", None, ["input", "url"])
    foreign = state(emulators).lists_of(2)[0]
    other = await mutate(
        gateway,
        "addListHook",
        {"listId": str(foreign.id), "event": "SUBSCRIPTION", "url": "https://x.example"},
        payload,
    )
    refusal(other, "hook", "NOT_FOUND", "4", ["input", "listId"])


PROBE = f"url reachable {USER_ERRORS}"


async def test_probe_a_url(gateway):
    await gateway.query("{ me(platform: OEMPRO) { username } }")
    await gateway.reset_calls()
    payload = await mutate(
        gateway, "testListHookUrl", {"url": " https://crm.example.com/in "}, PROBE
    )
    assert payload == {"url": "https://crm.example.com/in", "reachable": True, "userErrors": []}
    assert await gateway.counts(Platform.OEMPRO) == {"ListIntegration.TestURL": 1}


async def test_a_failed_probe_reports_oempro_s_code(gateway):
    await gateway.fault(
        platform="oempro",
        kind="status",
        status=200,
        endpoint="ListIntegration.TestURL",
        body=canned_error(2, "The URL did not answer"),
    )
    payload = await mutate(gateway, "testListHookUrl", {"url": "https://down.example"}, PROBE)
    assert payload["reachable"] is False
    [error] = payload["userErrors"]
    assert (error["legacyCode"], error["platform"]) == ("2", "OEMPRO")


async def test_a_url_refused_first_is_not_probed(gateway):
    await gateway.query("{ me(platform: OEMPRO) { username } }")
    await gateway.reset_calls()
    payload = await mutate(gateway, "testListHookUrl", {"url": "not a url"}, PROBE)
    assert payload["reachable"] is None
    [error] = payload["userErrors"]
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", ["input", "url"])
    assert await gateway.counts(Platform.OEMPRO) == {}
