"""The six v2 writes through the graph: effects, fresh reads, and every documented refusal."""

import pytest

from mailgql.platforms import Platform
from tests.graph.v2_helpers import ACCOUNT, DYNAMIC_NEWSLETTER, EMPTY_ACCOUNT, gid

PAYLOAD = """
  account { id username status inheritedLists { totalCount nodes { id name } }
            inheritedSegments { totalCount nodes { id name } }
            inheritedNewsletters { totalCount
              nodes { id name recipientListIds recipientSegmentIds } } }
  userErrors { code message field platform legacyCode }
"""


async def mutate(gateway, name: str, input: dict) -> dict:
    data = await gateway.query(
        f"mutation($input: {name[0].upper() + name[1:]}Input!) "
        f"{{ {name}(input: $input) {{ {PAYLOAD} }} }}",
        {"input": input},
    )
    return data[name]


async def test_create_sub_account_then_it_is_listed(gateway):
    payload = await mutate(
        gateway,
        "createSubAccount",
        {
            "platform": "V2REST",
            "username": "new_shop",
            "password": "s3cret-pass",
            "email": "owner@example.com",
            "allowedDomains": ["@example.com"],
        },
    )
    assert payload["userErrors"] == []
    assert payload["account"]["username"] == "new_shop"
    assert payload["account"]["status"] == "ACTIVE"
    assert payload["account"]["id"] == gid("Account", "new_shop")
    data = await gateway.query("{ accounts(platform: V2REST) { totalCount nodes { username } } }")
    assert data["accounts"]["totalCount"] == 13
    assert "new_shop" in [n["username"] for n in data["accounts"]["nodes"]]


async def test_create_sub_account_with_a_taken_name_is_a_user_error(gateway):
    payload = await mutate(
        gateway,
        "createSubAccount",
        {
            "platform": "V2REST",
            "username": ACCOUNT,
            "password": "pw",
            "email": "a@example.com",
            "allowedDomains": ["@example.com"],
        },
    )
    assert payload["account"] is None
    [error] = payload["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert error["platform"] == "V2REST"
    assert error["legacyCode"] == "400"
    assert "Account name already exists" in error["message"]


@pytest.mark.parametrize(
    ("patch", "field", "words"),
    [
        ({"username": "  "}, ["input", "username"], "must not be empty"),
        ({"password": ""}, ["input", "password"], "must not be empty"),
        ({"email": "not-an-email"}, ["input", "email"], "not a valid e-mail"),
        ({"allowedDomains": []}, ["input", "allowedDomains"], "allowed domain"),
        ({"allowedDomains": None}, ["input", "allowedDomains"], "allowed domain"),
    ],
)
async def test_create_sub_account_bad_input_is_refused_before_any_call(
    gateway, patch, field, words
):
    good = {
        "platform": "V2REST",
        "username": "x_shop",
        "password": "pw",
        "email": "a@example.com",
        "allowedDomains": ["@example.com"],
    }
    payload = await mutate(gateway, "createSubAccount", {**good, **patch})
    [error] = payload["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert error["field"] == field
    assert words in error["message"]
    assert await gateway.calls(Platform.V2REST) == 0


async def test_set_account_status_disables_and_activates(gateway):
    account_id = gid("Account", ACCOUNT)
    off = await mutate(gateway, "setAccountStatus", {"accountId": account_id, "active": False})
    assert off["userErrors"] == []
    assert off["account"]["status"] == "DISABLED"
    on = await mutate(gateway, "setAccountStatus", {"accountId": account_id, "active": True})
    assert on["account"]["status"] == "ACTIVE"


async def test_set_status_of_unknown_account_is_not_found(gateway):
    payload = await mutate(
        gateway, "setAccountStatus", {"accountId": gid("Account", "nobody_here"), "active": False}
    )
    [error] = payload["userErrors"]
    assert error["code"] == "NOT_FOUND"
    assert error["legacyCode"] == "401"
    assert "not your sub account" in error["message"]


async def test_set_status_of_the_admin_itself_is_refused(gateway):
    payload = await mutate(
        gateway, "setAccountStatus", {"accountId": gid("Account", "demo-admin"), "active": False}
    )
    [error] = payload["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert await gateway.calls(Platform.V2REST) == 0


async def test_inherit_lists_then_the_payload_reads_fresh_data(gateway):
    payload = await mutate(
        gateway,
        "inheritLists",
        {"accountId": gid("Account", EMPTY_ACCOUNT), "listIds": [gid("MailingList", 7601), "7602"]},
    )
    assert payload["userErrors"] == []
    lists = payload["account"]["inheritedLists"]
    assert lists["totalCount"] == 2
    assert {n["id"] for n in lists["nodes"]} == {gid("MailingList", 7601), gid("MailingList", 7602)}


async def test_a_read_then_a_write_then_a_read_in_one_request_sees_the_change(gateway):
    data = await gateway.query(
        """mutation($acc: ID!) {
             before: setAccountStatus(input: {accountId: $acc, active: true}) {
               account { inheritedLists { totalCount } } }
             change: removeInheritedList(input: {accountId: $acc, listId: "7605"}) {
               account { inheritedLists { totalCount nodes { name } } } userErrors { code } }
           }""",
        {"acc": gid("Account", ACCOUNT)},
    )
    assert data["before"]["account"]["inheritedLists"]["totalCount"] == 2
    assert data["change"]["userErrors"] == []
    assert data["change"]["account"]["inheritedLists"]["totalCount"] == 1


async def test_inherit_a_list_the_admin_does_not_own_is_forbidden(gateway):
    payload = await mutate(
        gateway, "inheritLists", {"accountId": gid("Account", ACCOUNT), "listIds": ["99999"]}
    )
    [error] = payload["userErrors"]
    assert error["code"] == "FORBIDDEN"
    assert error["legacyCode"] == "403"
    assert "not owner of the list" in error["message"]


async def test_remove_a_list_that_is_not_inherited_is_not_found(gateway):
    payload = await mutate(
        gateway, "removeInheritedList", {"accountId": gid("Account", ACCOUNT), "listId": "7601"}
    )
    [error] = payload["userErrors"]
    assert error["code"] == "NOT_FOUND"
    assert error["legacyCode"] == "404"


async def test_inherit_and_remove_segments(gateway):
    account = gid("Account", EMPTY_ACCOUNT)
    before = await gateway.query(
        f'{{ node(id: "{account}") {{ ... on Account '
        f"{{ inheritedSegments {{ nodes {{ legacyId }} }} }} }} }}"
    )
    had = {n["legacyId"] for n in before["node"]["inheritedSegments"]["nodes"]}
    new = next(s for s in (31, 32, 33, 34, 35) if str(s) not in had)
    payload = await mutate(
        gateway, "inheritSegments", {"accountId": account, "segmentIds": [gid("Segment", new)]}
    )
    assert payload["userErrors"] == []
    assert gid("Segment", new) in {
        n["id"] for n in payload["account"]["inheritedSegments"]["nodes"]
    }
    removed = await mutate(
        gateway, "removeInheritedSegment", {"accountId": account, "segmentId": str(new)}
    )
    assert removed["userErrors"] == []
    assert gid("Segment", new) not in {
        n["id"] for n in removed["account"]["inheritedSegments"]["nodes"]
    }
    again = await mutate(
        gateway, "removeInheritedSegment", {"accountId": account, "segmentId": str(new)}
    )
    [error] = again["userErrors"]
    assert error["code"] == "FORBIDDEN"
    assert "Only inherit segments can be deleted" in error["message"]


async def test_inherit_a_newsletter_to_lists_and_remove_it(gateway):
    account = gid("Account", EMPTY_ACCOUNT)
    payload = await mutate(
        gateway,
        "inheritNewsletter",
        {"accountId": account, "newsletterId": "501", "recipientListIds": ["7601", "7603"]},
    )
    assert payload["userErrors"] == []
    [newsletter] = [
        n
        for n in payload["account"]["inheritedNewsletters"]["nodes"]
        if n["id"] == gid("Newsletter", 501)
    ]
    assert newsletter["recipientListIds"] == [gid("MailingList", 7601), gid("MailingList", 7603)]
    removed = await mutate(
        gateway, "removeInheritedNewsletter", {"accountId": account, "newsletterId": "501"}
    )
    assert removed["userErrors"] == []
    assert gid("Newsletter", 501) not in {
        n["id"] for n in removed["account"]["inheritedNewsletters"]["nodes"]
    }


async def test_inherit_a_newsletter_to_segments(gateway):
    payload = await mutate(
        gateway,
        "inheritNewsletter",
        {
            "accountId": gid("Account", ACCOUNT),
            "newsletterId": gid("Newsletter", 502),
            "recipientSegmentIds": [gid("Segment", 31)],
        },
    )
    assert payload["userErrors"] == [], payload
    [newsletter] = [
        n
        for n in payload["account"]["inheritedNewsletters"]["nodes"]
        if n["id"] == gid("Newsletter", 502)
    ]
    assert newsletter["recipientSegmentIds"] == [gid("Segment", 31)]


async def test_a_dynamic_newsletter_cannot_be_inherited(gateway):
    payload = await mutate(
        gateway,
        "inheritNewsletter",
        {
            "accountId": gid("Account", ACCOUNT),
            "newsletterId": str(DYNAMIC_NEWSLETTER),
            "recipientListIds": ["7605"],
        },
    )
    [error] = payload["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert "dynamic content" in error["message"]


@pytest.mark.parametrize(
    "recipients",
    [{}, {"recipientListIds": ["7601"], "recipientSegmentIds": ["31"]}],
    ids=["neither", "both"],
)
async def test_newsletter_needs_exactly_one_kind_of_recipients(gateway, recipients):
    payload = await mutate(
        gateway,
        "inheritNewsletter",
        {"accountId": gid("Account", ACCOUNT), "newsletterId": "501", **recipients},
    )
    [error] = payload["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert await gateway.calls(Platform.V2REST) == 0


@pytest.mark.parametrize(
    ("input", "field"),
    [
        ({"accountId": "garbage", "listIds": ["7601"]}, ["input", "accountId"]),
        ({"accountId": gid("MailingList", 7601), "listIds": ["7601"]}, ["input", "accountId"]),
        ({"accountId": gid("Account", ACCOUNT), "listIds": []}, ["input", "listIds"]),
        (
            {"accountId": gid("Account", ACCOUNT), "listIds": [gid("Segment", 31)]},
            ["input", "listIds"],
        ),
        ({"accountId": gid("Account", ACCOUNT), "listIds": ["x7"]}, ["input", "listIds"]),
        ({"accountId": gid("Account", ACCOUNT), "listIds": ["1"] * 101}, ["input", "listIds"]),
        (
            {"accountId": gid("Account", "u", "maxmailer"), "listIds": ["7601"]},
            ["input", "accountId"],
        ),
    ],
    ids=[
        "garbage-id",
        "wrong-type-id",
        "no-lists",
        "segment-as-list",
        "bad-list-id",
        "too-many",
        "other-platform",
    ],
)
async def test_inherit_lists_bad_ids_are_user_errors(gateway, input, field):
    payload = await mutate(gateway, "inheritLists", input)
    assert payload["account"] is None
    [error] = payload["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert error["field"] == field
    assert await gateway.calls(Platform.V2REST) == 0


async def test_mutation_on_unknown_sub_account_is_not_found(gateway):
    payload = await mutate(
        gateway, "inheritLists", {"accountId": gid("Account", "ghost"), "listIds": ["7601"]}
    )
    [error] = payload["userErrors"]
    assert error["code"] == "NOT_FOUND"


async def test_write_refused_by_a_5xx_is_an_error_and_is_not_retried(gateway):
    await gateway.fault(
        platform="v2rest", kind="status", status=503, endpoint="PUT /Users/InheritLists"
    )
    body = await gateway.result(
        f'mutation {{ inheritLists(input: {{accountId: "{gid("Account", ACCOUNT)}", '
        f'listIds: ["7601"]}}) {{ userErrors {{ code }} }} }}'
    )
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
    assert error["extensions"]["platform"] == "V2REST"
    assert body["data"] is None
    assert (await gateway.counts(Platform.V2REST)) == {"PUT /Users/InheritLists": 1}
