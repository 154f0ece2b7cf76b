"""A list's own machinery over Oempro's XML answers, and read by an administrator through
``User.Switch``: the same answers as the user's own JSON reads."""

from __future__ import annotations

from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import ADMIN, USER_ERRORS, XML, gid, mutate, own_lists

LISTS = """lists(first: 8) { nodes { name
  customFields { totalCount nodes { legacyId name kind legacyType defaultValue validation
    validationRule required unique visibility global options { label value selected } } }
  autoResponders { totalCount nodes { legacyId name trigger { type legacyType value }
    delay { unit amount } stats { sent totalOpens uniqueOpens totalClicks uniqueClicks
    unsubscribed hardBounced softBounced openRate clickRate } email { legacyId subject } } }
  hooks { legacyId event url }
  subscriptionFormHtml unsubscriptionFormHtml
  subscribers(first: 2) { nodes { email fields { name kind value values }
    subscribedLists { name } } } } }"""
LIST_SIDE = "{ me(platform: OEMPRO) { " + LISTS + " } }"


async def test_xml_answers_read_the_same_as_json(emulators):
    async with open_gateway(emulators) as gateway:
        as_json = await gateway.query(LIST_SIDE)
    async with open_gateway(emulators, **XML) as gateway:
        as_xml = await gateway.query(LIST_SIDE)
    assert as_xml == as_json
    lists = as_json["me"]["lists"]["nodes"]
    assert any(lst["autoResponders"]["totalCount"] for lst in lists)
    assert any(lst["hooks"] for lst in lists)
    assert all(lst["subscriptionFormHtml"].startswith("<form ") for lst in lists)


async def test_xml_writes_and_refusals(emulators):
    lst = own_lists(emulators)[1]
    async with open_gateway(emulators, **XML) as gateway:
        created = await mutate(
            gateway,
            "createCustomField",
            {"listId": str(lst.id), "preset": "GENDER"},
            f"customField {{ name kind options {{ value }} }} {USER_ERRORS}",
        )
        assert created["userErrors"] == []
        assert created["customField"] == {
            "name": "Gender",
            "kind": "MULTIPLE_CHOICE",
            "options": [{"value": "Male"}, {"value": "Female"}],
        }
        refused = await mutate(
            gateway,
            "addListHook",
            {"listId": "99999", "event": "SUBSCRIPTION", "url": "https://x.example"},
            f"hook {{ url }} {USER_ERRORS}",
        )
        [error] = refused["userErrors"]
        assert (error["code"], error["legacyCode"]) == ("NOT_FOUND", "4")


async def test_an_administrator_reads_a_user_s_lists_in_its_session(emulators):
    user = gid("Account", "user:1")
    user_doc = f'{{ node(id: "{user}") {{ ... on Account {{ {LISTS} }} }} }}'
    async with open_gateway(emulators) as gateway:
        own = await gateway.query(LIST_SIDE)
    async with open_gateway(emulators, **ADMIN) as gateway:
        switched = await gateway.query(user_doc)
        counts = await gateway.counts(Platform.OEMPRO)
    assert switched["node"]["lists"] == own["me"]["lists"]
    assert counts["User.Switch"] == 1
