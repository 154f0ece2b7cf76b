"""What one request may cost: operations over a limit are refused before any upstream call,
with the numbers; the attacks of issue 15 among them."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from mailgql.graph import DocumentCache
from mailgql.platforms import Platform
from tests.conftest import GATEWAY_DOCUMENTS, GRAPHQL_RESPONSE, Gateway, open_gateway
from tests.graph import oempro_helpers as oe

JSON = "application/json"
SETTINGS = {
    "depth": "MAILGQL_MAX_DEPTH",
    "aliases": "MAILGQL_MAX_ALIASES",
    "rootFields": "MAILGQL_MAX_ROOT_FIELDS",
    "cost": "MAILGQL_MAX_COST",
}

LEVEL = "subAccounts(first: 12) { nodes { name parent { "


def nested_attack() -> str:
    """``parent`` and ``subAccounts(first: 12)`` nested five levels deep, in 311 bytes."""
    query = "{ me(platform: V2REST) { " + LEVEL * 5 + "username" + " } } }" * 5 + " } }"
    return query + " " * (311 - len(query.encode()))


def aliased_nodes_attack() -> str:
    """100 aliases of ``nodes(ids:)`` with 100 IDs each."""
    ids = ", ".join(
        json.dumps(base64.b64encode(f"Account:v2rest:sub{i}".encode()).decode()) for i in range(100)
    )
    return "{ " + " ".join(f"n{k}: nodes(ids: [{ids}]) {{ id }}" for k in range(100)) + " }"


def aliased_subscribers_attack(list_id: str) -> str:
    """500 aliases of a list's ``subscribers(first: i)``, i = 1..500."""
    pages = " ".join(f"s{i}: subscribers(first: {i}) {{ totalCount }}" for i in range(1, 501))
    return f'{{ node(id: "{list_id}") {{ ... on MailingList {{ {pages} }} }} }}'


def refusal(response: httpx.Response, *, status: int = 400) -> list[dict[str, Any]]:
    """The errors of a request refused for going over a limit, each with its numbers."""
    assert response.status_code == status, response.text
    body = response.json()
    assert "data" not in body
    for error in body["errors"]:
        extensions = error["extensions"]
        assert extensions["code"] == "QUERY_TOO_COMPLEX"
        assert extensions["actual"] > extensions["limit"]
        assert str(extensions["actual"]) in error["message"]
        assert f"({SETTINGS[extensions['measure']]})" in error["message"]
    errors: list[dict[str, Any]] = body["errors"]
    return errors


def measures(errors: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """measure -> (limit, actual) of each refusal."""
    return {
        e["extensions"]["measure"]: (e["extensions"]["limit"], e["extensions"]["actual"])
        for e in errors
    }


# -- the attacks ------------------------------------------------------------------------------


async def test_a_311_byte_query_nesting_parent_and_sub_accounts_is_refused(gateway: Gateway):
    query = nested_attack()
    assert len(query.encode()) == 311
    response = await gateway.post(query)
    found = measures(refusal(response))
    assert found["cost"] == (60_000, 12 + 12**2 + 12**3 + 12**4 + 12**5)
    assert found["depth"] == (12, 17)
    assert await gateway.calls() == 0


async def test_100_aliases_of_nodes_with_100_ids_are_refused(gateway: Gateway):
    response = await gateway.post(aliased_nodes_attack())
    found = measures(refusal(response))
    assert found["aliases"] == (10, 100)
    assert found["rootFields"] == (10, 100)
    assert await gateway.calls() == 0


async def test_500_aliased_subscriber_pages_are_refused(gateway: Gateway):
    response = await gateway.post(aliased_subscribers_attack(oe.gid("MailingList", 1)))
    found = measures(refusal(response))
    assert found["aliases"] == (10, 500)
    assert found["cost"] == (60_000, 500 * 501 // 2)
    assert await gateway.calls() == 0


# -- each limit on its own --------------------------------------------------------------------


async def test_depth_alone_refuses(gateway: Gateway):
    chain = "{ me(platform: V2REST) { " + "parent { " * 11 + "username" + " }" * 11 + " } }"
    found = measures(refusal(await gateway.post(chain)))
    assert found == {"depth": (12, 13)}
    assert await gateway.calls() == 0


async def test_aliases_alone_refuse(gateway: Gateway):
    names = " ".join(f"u{i}: username" for i in range(11))
    found = measures(refusal(await gateway.post(f"{{ me(platform: V2REST) {{ {names} }} }}")))
    assert found == {"aliases": (10, 11)}
    assert await gateway.calls() == 0


async def test_root_fields_alone_refuse(gateway: Gateway):
    query = "{ " + "me(platform: V2REST) { username } " * 11 + "}"
    found = measures(refusal(await gateway.post(query)))
    assert found == {"rootFields": (10, 11)}
    assert await gateway.calls() == 0


async def test_cost_alone_refuses(gateway: Gateway):
    query = "{ accounts(first: 500) { nodes { inheritedLists(first: 120) { totalCount } } } }"
    found = measures(refusal(await gateway.post(query)))
    assert found == {"cost": (60_000, 500 + 500 * 120)}
    assert await gateway.calls() == 0


async def test_the_limits_come_from_the_settings(emulators):
    async with open_gateway(
        emulators, max_depth=2, max_aliases=0, max_root_fields=1, max_cost=10
    ) as gateway:
        response = await gateway.post(
            "{ a: me(platform: V2REST) { username } accounts(first: 11) { nodes { id } } }"
        )
        assert measures(refusal(response)) == {
            "depth": (2, 3),
            "aliases": (0, 1),
            "rootFields": (1, 2),
            "cost": (10, 11),
        }
        assert await gateway.calls() == 0


async def test_a_query_within_the_limits_runs(gateway: Gateway):
    data = await gateway.query(
        "{ me(platform: V2REST) { subAccounts(first: 5) { nodes { username "
        "inheritedLists(first: 5) { totalCount } } } } }"
    )
    assert data["me"]["subAccounts"]["nodes"]


async def test_a_refusal_is_200_for_application_json(gateway: Gateway):
    response = await gateway.client.post(
        "/graphql", json={"query": nested_attack()}, headers={"Accept": JSON}
    )
    assert response.headers["content-type"] == f"{JSON}; charset=utf-8"
    refusal(response, status=200)


# -- page sizes given as variables, per request ------------------------------------------------

BY_VARIABLE = (
    "query Pages($n: Int) { accounts(first: $n) { nodes { "
    "inheritedLists(first: $n) { totalCount } } } }"
)


async def test_page_sizes_given_as_variables_are_checked_on_every_request(gateway: Gateway):
    small = await gateway.query(BY_VARIABLE, {"n": 2})
    assert len(small["accounts"]["nodes"]) == 2
    before = document_stats()
    response = await gateway.post(BY_VARIABLE, {"n": 500})
    assert document_stats().hits == before.hits + 1  # the document came from the cache
    assert measures(refusal(response)) == {"cost": (60_000, 500 + 500 * 500)}


async def test_a_refused_request_does_not_refuse_the_document_for_others(gateway: Gateway):
    refusal(await gateway.post(BY_VARIABLE, {"n": 500}))
    data = await gateway.query(BY_VARIABLE, {"n": 1})
    assert len(data["accounts"]["nodes"]) == 1


def document_stats() -> Any:
    """The counters of the document cache every gateway of the suite shares."""
    cache: DocumentCache = GATEWAY_DOCUMENTS
    return cache.stats


# -- every road to the schema ----------------------------------------------------------------


async def test_a_mutation_over_a_limit_runs_none_of_its_fields(gateway: Gateway):
    writes = " ".join(
        f'w{i}: subscribe(input: {{listId: "newsletter", email: "w{i}@example.com"}}) '
        "{ userErrors { code } }"
        for i in range(11)
    )
    found = measures(refusal(await gateway.post(f"mutation {{ {writes} }}")))
    assert set(found) == {"aliases", "rootFields"}
    assert await gateway.calls(Platform.MAXMAILER) == 0


async def test_a_query_over_a_limit_is_refused_over_server_sent_events(gateway: Gateway):
    response = await gateway.client.post(
        "/graphql", json={"query": nested_attack()}, headers={"Accept": "text/event-stream"}
    )
    assert response.status_code == 200
    assert "QUERY_TOO_COMPLEX" in response.text
    assert '"data"' not in response.text.replace('"data":null', "")
    assert await gateway.calls() == 0


async def test_a_subscription_over_a_limit_is_refused(emulators):
    async with open_gateway(emulators, max_depth=1) as gateway:
        response = await gateway.client.post(
            "/graphql",
            json={"query": "subscription { heartbeat(count: 1, intervalMs: 0) { sequence } }"},
            headers={"Accept": "text/event-stream"},
        )
    assert response.status_code == 200
    assert "QUERY_TOO_COMPLEX" in response.text
    assert '"sequence"' not in response.text


@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE, JSON])
async def test_the_graphql_get_road_is_checked_too(gateway: Gateway, accept: str):
    response = await gateway.client.get(
        "/graphql", params={"query": nested_attack()}, headers={"Accept": accept}
    )
    refusal(response, status=400 if accept == GRAPHQL_RESPONSE else 200)
