"""Auto responders of Oempro lists: read with their trigger, delay, statistics and e-mail, and
the mutations that create, change, delete and copy them."""

from __future__ import annotations

from mailgql.emulators import build_emulators
from mailgql.emulators.oempro.records.automation import AutoResponder as Row
from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import (
    USER_ERRORS,
    canned_error,
    gid,
    mutate,
    own_lists,
    refusal,
    state,
)

RESPONDER = """legacyId name trigger { type legacyType value } delay { unit amount }
  stats { sent totalOpens uniqueOpens totalClicks uniqueClicks unsubscribed hardBounced
          softBounced openRate clickRate }
  email { legacyId subject }"""
PAYLOAD = f"autoResponder {{ {RESPONDER} }} {USER_ERRORS}"
LIST = f"""query($list: ID!) {{ node(id: $list) {{ ... on MailingList {{
  autoResponders {{ totalCount nodes {{ {RESPONDER} }} }} }} }} }}"""


def _with_responders(emulators) -> tuple[int, list[Row]]:
    """A list of the demo user with seeded auto responders, and them."""
    for lst in own_lists(emulators):
        rows = state(emulators).list_side.responders_of(lst.id)
        if rows:
            return lst.id, rows
    raise AssertionError("no seeded auto responder")


def _email(emulators) -> str:
    return str(next(e.id for e in state(emulators).emails.values() if e.number("RelUserID") == 1))


async def test_a_list_shows_its_auto_responders(gateway, emulators):
    list_id, rows = _with_responders(emulators)
    data = await gateway.query(LIST, {"list": gid("MailingList", list_id)})
    connection = data["node"]["autoResponders"]
    assert connection["totalCount"] == len(rows)
    emails = state(emulators).emails
    expected = []
    for row in rows:
        sent = int(row["TotalSent"])
        immediate = row["TriggerTimeType"] == "Immediately"
        expected.append(
            {
                "legacyId": str(row.id),
                "name": row["AutoResponderName"],
                "trigger": {
                    "type": {
                        "OnSubscription": "ON_SUBSCRIPTION",
                        "OnSubscriberLinkClick": "ON_LINK_CLICK",
                        "OnSubscriberForwardToFriend": "ON_FORWARD_TO_FRIEND",
                    }[row["AutoResponderTriggerType"]],
                    "legacyType": row["AutoResponderTriggerType"],
                    "value": row["AutoResponderTriggerValue"] or None,
                },
                "delay": {
                    "unit": row["TriggerTimeType"].split()[0].upper(),
                    "amount": None if immediate else int(row["TriggerTime"]),
                },
                "stats": {
                    "sent": sent,
                    "totalOpens": int(row["TotalOpens"]),
                    "uniqueOpens": int(row["UniqueOpens"]),
                    "totalClicks": int(row["TotalClicks"]),
                    "uniqueClicks": int(row["UniqueClicks"]),
                    "unsubscribed": int(row["TotalUnsubscriptions"]),
                    "hardBounced": int(row["TotalHardBounces"]),
                    "softBounced": int(row["TotalSoftBounces"]),
                    "openRate": round(int(row["UniqueOpens"]) / sent, 4),
                    "clickRate": round(int(row["UniqueClicks"]) / sent, 4),
                },
                "email": {
                    "legacyId": row["RelEmailID"],
                    "subject": emails[int(row["RelEmailID"])]["Subject"],
                },
            }
        )
    assert connection["nodes"] == expected


async def test_auto_responders_of_twenty_lists_cost_one_call_each():
    """Twenty lists with their auto responders, e-mails and statistics: fewest 1 ``Lists.Get``
    + 20 ``AutoResponders.Get`` (rows carry the counters; no command reads several lists') + 1
    ``Emails.Get`` for every e-mail at once."""
    emulators = build_emulators(seed=1, size="large")
    async with open_gateway(emulators) as gateway:
        await gateway.query("{ me(platform: OEMPRO) { username } }")
        await gateway.reset_calls()
        data = await gateway.query(
            """{ me(platform: OEMPRO) { lists(first: 20) { nodes { autoResponders {
                 nodes { name delay { unit amount } stats { sent openRate }
                         email { subject } } } } } } }"""
        )
        lists = data["me"]["lists"]["nodes"]
        assert len(lists) == 20
        responders = [r for lst in lists for r in lst["autoResponders"]["nodes"]]
        assert len(responders) >= 2
        assert all(r["email"]["subject"] for r in responders)
        assert await gateway.counts(Platform.OEMPRO) == {
            "Lists.Get": 1,
            "AutoResponders.Get": 20,
            "Emails.Get": 1,
        }


async def test_auto_responders_fail_alone(gateway, emulators):
    list_id, _ = _with_responders(emulators)
    await gateway.fault(
        platform="oempro",
        kind="status",
        status=200,
        endpoint="AutoResponders.Get",
        body=canned_error(2, "Invalid subscriber list id"),
    )
    body = await gateway.result(
        """query($list: ID!) { node(id: $list) { ... on MailingList {
             name autoResponders { totalCount } } } }""",
        {"list": gid("MailingList", list_id)},
    )
    assert body["data"]["node"]["autoResponders"] is None
    [error] = body["errors"]
    assert error["path"] == ["node", "autoResponders"]
    assert (error["extensions"]["code"], error["extensions"]["legacyCode"]) == ("NOT_FOUND", "2")


async def test_create_and_update_an_auto_responder(gateway, emulators):
    lst = own_lists(emulators)[0]
    email = _email(emulators)
    created = await mutate(
        gateway,
        "createAutoResponder",
        {
            "listId": gid("MailingList", lst.id),
            "name": "Guide clickers",
            "emailId": email,
            "trigger": "ON_LINK_CLICK",
            "triggerValue": "https://example.com/guide",
            "delayUnit": "HOURS",
            "delayAmount": 4,
        },
        PAYLOAD,
    )
    assert created["userErrors"] == []
    stored = max(state(emulators).list_side.responders_of(lst.id), key=lambda r: r.id)
    responder = created["autoResponder"]
    assert responder["legacyId"] == str(stored.id)
    assert responder["trigger"] == {
        "type": "ON_LINK_CLICK",
        "legacyType": "OnSubscriberLinkClick",
        "value": "https://example.com/guide",
    }
    assert responder["delay"] == {"unit": "HOURS", "amount": 4}
    assert responder["stats"]["sent"] == 0
    assert responder["stats"]["openRate"] is None
    assert responder["email"]["legacyId"] == email
    updated = await mutate(
        gateway,
        "updateAutoResponder",
        {"listId": str(lst.id), "autoResponderId": str(stored.id), "delayUnit": "IMMEDIATELY"},
        PAYLOAD,
    )
    assert updated["userErrors"] == []
    assert updated["autoResponder"]["name"] == "Guide clickers"
    assert updated["autoResponder"]["delay"] == {"unit": "IMMEDIATELY", "amount": None}


async def test_create_and_update_refusals(gateway, emulators):
    lst = own_lists(emulators)[0]
    base = {"listId": str(lst.id), "name": "X", "emailId": _email(emulators)}
    no_value = await mutate(
        gateway, "createAutoResponder", {**base, "trigger": "ON_LINK_CLICK"}, PAYLOAD
    )
    refusal(no_value, "autoResponder", "BAD_USER_INPUT", "4", ["input", "triggerValue"])
    no_amount = await mutate(gateway, "createAutoResponder", {**base, "delayUnit": "DAYS"}, PAYLOAD)
    refusal(no_amount, "autoResponder", "BAD_USER_INPUT", "5", ["input", "delayAmount"])
    foreign = str(
        next(e.id for e in state(emulators).emails.values() if e.number("RelUserID") == 2)
    )
    bad_email = await mutate(gateway, "createAutoResponder", {**base, "emailId": foreign}, PAYLOAD)
    refusal(bad_email, "autoResponder", "NOT_FOUND", "9", ["input", "emailId"])
    negative = await mutate(
        gateway, "createAutoResponder", {**base, "delayUnit": "DAYS", "delayAmount": -1}, PAYLOAD
    )
    refusal(negative, "autoResponder", "BAD_USER_INPUT", None, ["input", "delayAmount"])
    unknown = await mutate(
        gateway,
        "updateAutoResponder",
        {"listId": str(lst.id), "autoResponderId": "99999", "name": "Y"},
        PAYLOAD,
    )
    refusal(unknown, "autoResponder", "NOT_FOUND", "5", ["input", "autoResponderId"])


async def test_delete_an_auto_responder(gateway, emulators):
    list_id, rows = _with_responders(emulators)
    gone = rows[0]
    delete = f"deletedAutoResponderId {USER_ERRORS}"
    payload = await mutate(
        gateway,
        "deleteAutoResponder",
        {"listId": str(list_id), "autoResponderId": str(gone.id)},
        delete,
    )
    assert payload == {"deletedAutoResponderId": str(gone.id), "userErrors": []}
    assert gone.id not in state(emulators).list_side.auto_responders
    again = await mutate(
        gateway,
        "deleteAutoResponder",
        {"listId": str(list_id), "autoResponderId": str(gone.id)},
        delete,
    )
    refusal(again, "deletedAutoResponderId", "NOT_FOUND", None, ["input", "autoResponderId"])


async def test_copy_auto_responders(gateway, emulators):
    source, rows = _with_responders(emulators)
    target = next(lst.id for lst in own_lists(emulators) if lst.id != source)
    before = len(state(emulators).list_side.responders_of(target))
    payload = await mutate(
        gateway,
        "copyAutoResponders",
        {"sourceListId": str(source), "targetListId": str(target)},
        f"list {{ autoResponders {{ totalCount nodes {{ name stats {{ sent }} }} }} }} "
        f"{USER_ERRORS}",
    )
    assert payload["userErrors"] == []
    connection = payload["list"]["autoResponders"]
    assert connection["totalCount"] == before + len(rows)
    copies = connection["nodes"][before:]
    assert [c["name"] for c in copies] == [r["AutoResponderName"] for r in rows]
    assert all(c["stats"]["sent"] == 0 for c in copies)
    refused = await mutate(
        gateway,
        "copyAutoResponders",
        {"sourceListId": str(source), "targetListId": "99999"},
        f"list {{ name }} {USER_ERRORS}",
    )
    refusal(refused, "list", "NOT_FOUND", "4", None)
