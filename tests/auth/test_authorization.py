"""Authorization of mutations: a mutation beyond the key's role is refused whole, with
``FORBIDDEN`` naming the role it needs, before any of its root fields runs and before anything
is sent upstream, over POST, SSE and WebSocket alike."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry
from httpx_ws import aconnect_ws

from mailgql.app import create_app
from mailgql.auth.authorization import MutationAuthorization
from mailgql.platforms import Platform
from mailgql.settings import Settings
from tests.auth.conftest import bearer, make_key, open_secured, post
from tests.graph.maxmailer_helpers import gid

SUBSCRIBE = (
    'mutation { subscribe(input: {listId: "newsletter", email: "new@example.com"}) '
    "{ subscription { active } userErrors { code } } }"
)
SUSPEND = (
    "mutation($id: ID!) { setAccountStatus(input: {accountId: $id, active: false}) "
    "{ account { status } userErrors { code } } }"
)
BOTH = (
    "mutation($id: ID!) {"
    ' add: subscribe(input: {listId: "newsletter", email: "new@example.com"}) '
    "{ subscription { active } }"
    " off: setAccountStatus(input: {accountId: $id, active: false}) { account { status } } }"
)
HIDDEN = (
    "mutation($id: ID!) { ...Writes } "
    "fragment Writes on Mutation { ... on Mutation { "
    "setAccountStatus(input: {accountId: $id, active: false}) { account { status } } } }"
)
PLAIN_USER = {"id": gid("Account", 3)}


def forbidden(response: Any, role: str) -> dict[str, Any]:
    """The one FORBIDDEN error of a refused mutation (which ran nothing)."""
    assert response.status_code == 403, response.text
    body = response.json()
    assert body.get("data") is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["extensions"]["requiredRole"] == role
    assert f"needs the {role} role" in error["message"]
    return error


async def test_a_reader_may_query_but_runs_no_mutation_and_nothing_goes_upstream(emulators):
    reader = make_key("reader")
    async with open_secured(emulators, reader) as gateway:
        assert (await post(gateway, "{ me(platform: MAXMAILER) { username } }", reader)).json()[
            "data"
        ] == {"me": {"username": "admin"}}
        await gateway.reset_calls()
        error = forbidden(await post(gateway, SUBSCRIBE, reader), "operator")
        assert "subscribe" in error["message"]
        assert "reader" in error["message"]
        assert await gateway.calls() == 0


async def test_an_operator_writes_lists_and_subscriptions(emulators):
    operator = make_key("operator")
    async with open_secured(emulators, operator) as gateway:
        body = (await post(gateway, SUBSCRIBE, operator)).json()
        assert body["data"]["subscribe"] == {"subscription": {"active": True}, "userErrors": []}
        assert await gateway.calls(Platform.MAXMAILER) > 0


async def test_an_operator_manages_no_account(emulators):
    operator = make_key("operator")
    async with open_secured(emulators, operator) as gateway:
        response = await post(gateway, SUSPEND, operator, variables=PLAIN_USER)
        error = forbidden(response, "admin")
        assert "setAccountStatus" in error["message"]
        assert await gateway.calls() == 0


async def test_no_root_field_runs_when_one_is_beyond_the_role(emulators):
    operator = make_key("operator")
    async with open_secured(emulators, operator) as gateway:
        error = forbidden(await post(gateway, BOTH, operator, variables=PLAIN_USER), "admin")
        assert "setAccountStatus" in error["message"]
        assert "subscribe" not in error["message"]  # the field it may run is not named
        assert await gateway.calls() == 0  # not even the subscribe it was allowed


async def test_a_field_behind_fragments_is_found(emulators):
    operator = make_key("operator")
    async with open_secured(emulators, operator) as gateway:
        forbidden(await post(gateway, HIDDEN, operator, variables=PLAIN_USER), "admin")
        assert await gateway.calls() == 0


async def test_an_admin_manages_accounts(emulators):
    admin = make_key("admin")
    async with open_secured(emulators, admin) as gateway:
        body = (await post(gateway, BOTH, admin, variables=PLAIN_USER)).json()
        assert body["data"]["off"] == {"account": {"status": "SUSPENDED"}}
        assert body["data"]["add"] == {"subscription": {"active": True}}


async def test_a_mutation_over_sse_is_checked_too(emulators):
    reader = make_key("reader")
    async with open_secured(emulators, reader) as gateway:
        response = await gateway.client.post(
            "/graphql",
            json={"query": SUBSCRIBE},
            headers={"Accept": "text/event-stream", **bearer(reader)},
        )
        assert "FORBIDDEN" in response.text
        assert '"subscription"' not in response.text
        assert await gateway.calls() == 0


async def test_a_mutation_over_a_websocket_is_checked_too(emulators):
    reader = make_key("reader")
    async with (
        open_secured(emulators, reader) as gateway,
        aconnect_ws(
            "/graphql",
            gateway.client,
            subprotocols=["graphql-transport-ws"],
            headers=bearer(reader),
        ) as ws,
    ):
        await ws.send_json({"type": "connection_init"})
        assert (await ws.receive_json())["type"] == "connection_ack"
        await ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}})
        message = await ws.receive_json()
        assert message["type"] in ("next", "error"), message
        payload = message["payload"]
        errors = payload if isinstance(payload, list) else payload["errors"]
        assert [e["extensions"]["code"] for e in errors] == ["FORBIDDEN"]
        assert await gateway.calls() == 0


async def test_an_open_gateway_lets_every_mutation_through(emulators):
    async with open_secured(emulators) as gateway:
        body = (await post(gateway, SUSPEND, variables=PLAIN_USER)).json()
        assert body["data"]["setAccountStatus"]["account"] == {"status": "SUSPENDED"}


async def test_a_mutation_on_a_connection_never_admitted_does_not_run():
    ran: list[str] = []

    @strawberry.type
    class Query:
        @strawberry.field
        def ok(self) -> bool:
            return True

    @strawberry.type
    class Mutation:
        @strawberry.mutation
        def subscribe(self) -> bool:
            ran.append("subscribe")
            return True

    schema = strawberry.Schema(query=Query, mutation=Mutation, extensions=[MutationAuthorization])
    result = await schema.execute("mutation { subscribe }")
    assert result.errors is not None
    assert [e.extensions["code"] for e in result.errors if e.extensions] == ["UNAUTHENTICATED"]
    assert ran == []
    assert (await schema.execute("{ ok }")).data == {"ok": True}


def test_with_keys_the_app_refuses_a_schema_that_checks_no_role():
    @strawberry.type
    class Query:
        ok: bool = True

    settings = Settings(api_keys=make_key("admin").entry)
    with pytest.raises(ValueError, match="MutationAuthorization"):
        create_app(settings, schema=strawberry.Schema(query=Query))
    create_app(Settings(), schema=strawberry.Schema(query=Query))  # open: nothing to check
