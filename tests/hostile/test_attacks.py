"""Each hostile input the attacker sent the demo, through the in-process gateway: refused with a
typed error naming the argument, nothing sent upstream, no legacy object touched."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from httpx_ws import WebSocketDisconnect, aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

from mailgql.app import create_app
from mailgql.platforms import Platform
from mailgql.settings import Settings
from tests.conftest import Gateway
from tests.graph.maxmailer_helpers import gid as mm_gid, mm_state
from tests.graph.oempro_helpers import ADMIN, gid as oe_gid, own_campaigns, state
from tests.graph.v2_helpers import ACCOUNT, gid as v2_gid
from tests.hostile.support import check_answer, cursor_of, hostile_gateway, send

ERRORS = "userErrors { code message field }"


@pytest.fixture
async def gateway(emulators) -> Any:
    """The in-process gateway, without rate limits."""
    async with hostile_gateway(emulators) as gw:
        yield gw


async def mutate(gateway: Gateway, name: str, input: dict[str, Any], payload: str) -> Any:
    """One mutation sent as an attacker's client sends it; its payload, checked as typed."""
    type_name = name[0].upper() + name[1:]
    document = f"mutation($input: {type_name}Input!) {{ {name}(input: $input) {{ {payload} }} }}"
    response = await send(gateway, {"query": document, "variables": {"input": input}})
    body = check_answer(response)
    assert "errors" not in body, body
    return body["data"][name]


def refused(payload: dict[str, Any], field: list[str]) -> str:
    """The message of a payload's one BAD_USER_INPUT user error naming ``field``."""
    [error] = payload["userErrors"]
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", field), error
    message: str = error["message"]
    return message


async def writes(gateway: Gateway) -> dict[str, int]:
    """Upstream calls since the last reset, by platform and operation."""
    found: dict[str, int] = {}
    for platform in Platform:
        for operation, count in (await gateway.counts(platform)).items():
            found[f"{platform.value} {operation}"] = count
    return found


# -- identifiers ------------------------------------------------------------------------------


async def test_campaign_three_is_not_deleted_by_an_arabic_indic_three(gateway, emulators):
    await gateway.reset_calls()
    payload = await mutate(
        gateway, "deleteCampaign", {"campaignId": "٣"}, f"deletedCampaignId {ERRORS}"
    )
    assert payload["deletedCampaignId"] is None
    message = refused(payload, ["input", "campaignId"])
    assert "ASCII digits from 1 to 2147483647" in message
    assert 3 in [c.id for c in own_campaigns(emulators)]
    assert await gateway.calls(Platform.OEMPRO) == 0


@pytest.mark.parametrize("value", ["²", "٣", "9" * 5_000, "0", "2147483648"])
async def test_a_plain_id_in_other_digits_or_out_of_range_is_refused(gateway, value):
    await gateway.reset_calls()
    payload = await mutate(gateway, "deleteList", {"listId": value}, ERRORS)
    refused(payload, ["input", "listId"])
    assert await gateway.calls() == 0


async def test_a_global_id_whose_key_is_other_digits_names_nothing(gateway, emulators):
    await gateway.reset_calls()
    payload = await mutate(
        gateway, "deleteCampaign", {"campaignId": oe_gid("Campaign", "٣")}, ERRORS
    )
    assert "by number" in refused(payload, ["input", "campaignId"])
    assert 3 in [c.id for c in own_campaigns(emulators)]
    for forged in [
        oe_gid("Campaign", "٣"),
        oe_gid("MailingList", "٣"),
        oe_gid("MailingList", "٢/1"),
        oe_gid("Segment", "1:٣"),
        mm_gid("Campaign", "٣"),
        mm_gid("Account", "٣"),
        v2_gid("MailingList", "٧٦٠٥"),
        oe_gid("Campaign", "9" * 200),
    ]:
        body = check_answer(await send(gateway, {"query": f'{{ node(id: "{forged}") {{ id }} }}'}))
        assert body == {"data": {"node": None}}, forged
    assert await gateway.calls() == 0


async def test_a_global_id_key_past_255_characters_is_never_sent_upstream(gateway):
    await gateway.reset_calls()
    payload = await mutate(
        gateway,
        "inheritLists",
        {"accountId": v2_gid("Account", "a" * 300), "listIds": ["7605"]},
        "account { id } " + ERRORS,
    )
    assert "is not a mailgql ID" in refused(payload, ["input", "accountId"])
    assert await gateway.calls() == 0


async def test_a_global_id_padded_past_2048_characters_is_refused(gateway):
    padded = oe_gid("Campaign", 3) + "!" * 2_100
    body = check_answer(await send(gateway, {"query": f'{{ node(id: "{padded}") {{ id }} }}'}))
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_v2_lists_in_other_digits_are_not_inherited(gateway):
    await gateway.reset_calls()
    payload = await mutate(
        gateway,
        "inheritLists",
        {"accountId": v2_gid("Account", ACCOUNT), "listIds": ["٧٦٠٥"]},
        "account { id } " + ERRORS,
    )
    refused(payload, ["input", "listIds"])
    assert "v2rest PUT /Users/InheritLists" not in await writes(gateway)


async def test_maxmailer_user_three_is_not_deleted_by_other_digits(gateway, emulators):
    await gateway.reset_calls()
    payload = await mutate(
        gateway,
        "deleteAccount",
        {"accountId": mm_gid("Account", "٣")},
        f"deletedAccountId {ERRORS}",
    )
    [error] = payload["userErrors"]
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", ["input", "accountId"])
    assert 3 in mm_state(emulators).users
    assert await gateway.calls(Platform.MAXMAILER) == 0


async def test_oempro_user_three_keeps_its_status_against_other_digits(emulators):
    enabled = {user_id: user.enabled for user_id, user in state(emulators).users.items()}
    async with hostile_gateway(emulators, **ADMIN) as gateway:
        await gateway.reset_calls()
        payload = await mutate(
            gateway,
            "setAccountStatus",
            {"accountId": oe_gid("Account", "user:٣"), "active": not enabled[3]},
            f"account {{ id }} {ERRORS}",
        )
        refused(payload, ["input", "accountId"])
        assert {
            user_id: user.enabled for user_id, user in state(emulators).users.items()
        } == enabled
        assert "oempro User.Update" not in await writes(gateway)


@pytest.mark.parametrize(
    ("name", "input", "field"),
    [
        ("deleteSegment", {"segmentId": "٣"}, ["input", "segmentId"]),
        ("deleteSegment", {"segmentId": oe_gid("Segment", "1:٣")}, ["input", "segmentId"]),
        ("subscribe", {"listId": "٣", "email": "ana@example.com"}, ["input", "listId"]),
        (
            "subscribe",
            {"listId": oe_gid("MailingList", "٣"), "email": "ana@example.com"},
            ["input", "listId"],
        ),
        (
            "createCampaign",
            {
                "platform": "OEMPRO",
                "name": "Hostile",
                "recipients": [{"listId": "1", "segmentId": "٣"}],
            },
            ["input", "recipients", "0", "segmentId"],
        ),
        ("updateList", {"listId": "1", "optInConfirmationEmailId": "٣"}, None),
    ],
)
async def test_oempro_ids_in_other_digits_are_refused_by_field(
    gateway, emulators, name, input, field
):
    segments = set(state(emulators).segments)
    await gateway.reset_calls()
    payload = await mutate(gateway, name, input, ERRORS)
    [error] = payload["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert error["field"] == (field or ["input", "optInConfirmationEmailId"])
    assert set(state(emulators).segments) == segments
    sent = await writes(gateway)
    assert not any(
        op.split()[1].endswith(("Delete", "Create", "Update", "Subscribe")) for op in sent
    ), sent


async def test_a_custom_field_named_in_other_digits_is_not_written(gateway, emulators):
    subscriber = next(iter(state(emulators).subscribers[1].values()))
    await gateway.reset_calls()
    payload = await mutate(
        gateway,
        "updateSubscriber",
        {
            "listId": "1",
            "email": subscriber["EmailAddress"],
            "fields": [{"name": "CustomField٣", "value": "Hostile"}],
        },
        ERRORS,
    )
    [error] = payload["userErrors"]
    assert error["field"] == ["input", "fields", "0", "name"]
    assert "oempro Subscriber.Update" not in await writes(gateway)


# -- cursors and offsets ----------------------------------------------------------------------


@pytest.mark.parametrize("offset", ["²", "٣", "9" * 5_000, "5000000", "10000"])
async def test_a_cursor_of_other_digits_huge_or_past_the_offset_bound_is_refused(gateway, offset):
    await gateway.reset_calls()
    for platform in ("OEMPRO", "MAXMAILER"):
        body = check_answer(
            await send(
                gateway,
                {
                    "query": f"query($after: String) {{ campaigns(platform: {platform}, "
                    "after: $after) { totalCount } }",
                    "variables": {"after": cursor_of(offset)},
                },
            )
        )
        [error] = body["errors"]
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": ["after"]}
    assert await gateway.calls() == 0


async def test_the_offset_bound_is_a_setting(emulators):
    async with hostile_gateway(emulators, max_offset=3) as gateway:
        query = (
            "query($after: String) "
            "{ campaigns(platform: OEMPRO, first: 1, after: $after) { nodes { id } } }"
        )
        ok = check_answer(
            await send(gateway, {"query": query, "variables": {"after": cursor_of("2")}})
        )
        assert len(ok["data"]["campaigns"]["nodes"]) == 1
        past = check_answer(
            await send(gateway, {"query": query, "variables": {"after": cursor_of("3")}})
        )
        assert "MAILGQL_MAX_OFFSET" in past["errors"][0]["message"]


# -- strings sent upstream --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "input", "field"),
    [
        ("subscribe", {"listId": "1", "email": "\ud800@example.com"}, ["input", "email"]),
        (
            "subscribe",
            {"listId": "newsletter", "email": "ana@example.com", "name": "A\udfff"},
            ["input", "name"],
        ),
        ("createList", {"platform": "OEMPRO", "name": "x\ud800"}, ["input", "name"]),
        ("createList", {"platform": "OEMPRO", "name": "n" * 256}, ["input", "name"]),
        (
            "createSubAccount",
            {
                "platform": "V2REST",
                "username": "u\udc00",
                "password": "pw",
                "email": "a@b.co",
                "allowedDomains": ["@b.co"],
            },
            ["input", "username"],
        ),
        (
            "createSubAccount",
            {
                "platform": "V2REST",
                "username": "hostile",
                "password": "pw",
                "email": "a@b.co",
                "allowedDomains": ["@b.co", "@\ud800"],
            },
            ["input", "allowedDomains", "1"],
        ),
        ("scheduleCampaign", {"campaignId": "1", "timeZone": "A" * 10_000}, ["input", "timeZone"]),
        (
            "createCampaign",
            {
                "platform": "OEMPRO",
                "name": "N",
                "content": {"subject": "s" * 999, "plainContent": "x"},
            },
            ["input", "content", "subject"],
        ),
        (
            "createSegment",
            {
                "listId": "1",
                "name": "S",
                "rules": [{"field": "EmailAddress", "operator": "Is", "value": "\ud800"}],
            },
            ["input", "rules", "0", "value"],
        ),
        (
            "updateSubscriber",
            {
                "listId": "1",
                "email": "ana@example.com",
                "fields": [{"name": "City", "value": "v" * 10_001}],
            },
            ["input", "fields", "0", "value"],
        ),
    ],
)
async def test_a_string_no_platform_may_be_sent_is_refused_by_field(gateway, name, input, field):
    await gateway.reset_calls()
    message = refused(await mutate(gateway, name, input, ERRORS), field)
    assert "surrogate" in message or "longer than" in message
    assert await gateway.calls() == 0


async def test_content_is_limited_to_a_megabyte_of_utf8(emulators):
    async with hostile_gateway(emulators, max_body_bytes=5_000_000) as gateway:
        await gateway.reset_calls()
        content = {"subject": "Big", "htmlContent": "€" * 400_000}  # 1.2 MB, 400k characters
        payload = await mutate(
            gateway,
            "createCampaign",
            {"platform": "OEMPRO", "name": "N", "content": content},
            ERRORS,
        )
        assert "1000000 bytes" in refused(payload, ["input", "content", "htmlContent"])
        assert await gateway.calls() == 0


async def test_a_query_argument_with_a_lone_surrogate_is_refused_before_any_call(gateway):
    await gateway.reset_calls()
    for variables, field in [
        ({"list": "1", "email": "\ud800@example.com"}, ["email"]),
        ({"list": "\ud800", "email": "ana@example.com"}, ["listId"]),
    ]:
        body = check_answer(
            await send(
                gateway,
                {
                    "query": "query($list: ID!, $email: String!) "
                    "{ listSubscription(listId: $list, email: $email) { active } }",
                    "variables": variables,
                },
            )
        )
        [error] = body["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert error["extensions"]["field"] == field
    assert await gateway.calls() == 0


# -- JSON in the request ----------------------------------------------------------------------


def nested(depth: int) -> bytes:
    """A request whose variables nest ``depth`` arrays deep."""
    return b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * depth + b"]" * depth + b"}}"


@pytest.mark.parametrize(
    "extra",
    [{}, {"cache_ttl": 30}],
    ids=["plain", "answers-kept"],
)
@pytest.mark.parametrize("headers", [{}, {"Idempotency-Key": "hostile-1"}], ids=["", "idempotent"])
@pytest.mark.parametrize(
    "body",
    [
        nested(50_000),
        nested(500),
        b"9" * 5_000,
        b"NaN",
        b'{"query": "{ __typename }", "variables": {"n": Infinity}}',
    ],
    ids=["50000-deep", "500-deep", "huge-number", "nan", "infinity"],
)
async def test_a_body_too_deep_or_not_standard_json_is_a_400_json_error(
    emulators, extra, headers, body
):
    async with hostile_gateway(emulators, **extra) as gateway:
        response = await send(gateway, body, headers=headers)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("extra", [{}, {"cache_ttl": 30}], ids=["plain", "answers-kept"])
async def test_over_deep_variables_or_extensions_in_a_get_are_a_400(emulators, extra):
    async with hostile_gateway(emulators, **extra) as gateway:
        for name in ("variables", "extensions"):
            deep = '{"a": ' * 300 + "1" + "}" * 300
            response = await gateway.client.get(
                "/graphql",
                params={"query": "{ __typename }", name: deep},
                headers={"Accept": "application/json"},
            )
            assert response.status_code == 400
            assert "nests arrays and objects" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("extra", [{}, {"cache_ttl": 30}], ids=["plain", "answers-kept"])
@pytest.mark.parametrize("headers", [{}, {"Idempotency-Key": "hostile-2"}], ids=["", "idempotent"])
async def test_lone_surrogates_in_the_document_or_variables_get_a_typed_answer(
    emulators, extra, headers
):
    async with hostile_gateway(emulators, **extra) as gateway:
        for body in [
            {"query": '{ node(id: "\ud800") { id } }'},
            {
                "query": 'mutation($e: String!) { subscribe(input: {listId: "1", email: $e}) '
                "{ userErrors { code field } } }",
                "variables": {"e": "\ud800@example.com"},
            },
            {
                "query": "query($e: String!) "
                '{ listSubscription(listId: "1", email: $e) { active } }',
                "variables": {"e": "\udfff"},
            },
        ]:
            check_answer(await send(gateway, body, headers=headers))


@pytest.mark.parametrize(
    "message",
    [
        '{"type": "connection_init", "payload": ' + "[" * 50_000 + "]" * 50_000 + "}",
        '{"type": "connection_init", "payload": {"a": NaN}}',
    ],
    ids=["50000-deep", "nan"],
)
async def test_a_websocket_message_too_deep_or_not_json_closes_the_connection_with_4400(message):
    app = create_app(Settings())
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=ASGIWebSocketTransport(app), base_url="http://gw") as client,
        aconnect_ws("/graphql", client, subprotocols=["graphql-transport-ws"]) as ws,
    ):
        await ws.send_text(message)
        with pytest.raises(WebSocketDisconnect) as closed:
            await ws.receive_json()
    assert closed.value.code == 4400


def test_the_offset_bound_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("MAILGQL_MAX_OFFSET", "250")
    assert Settings().max_offset == 250
