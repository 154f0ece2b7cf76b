"""mailgql's subgraph composes into a supergraph with another subgraph, by Apollo's own
composition library (``@apollo/composition`` on Node.js, installed into ``.cache/federation`` by
``scripts/_federation.sh``, which ``scripts/test`` and ``.ci/run`` run)."""

from __future__ import annotations

import re
from typing import Any

from tests.federation.node_tools import BILLING_LINK, run_node

BILLING = f"""
{BILLING_LINK}

type Account @key(fields: "id") {{
  id: ID!
  billingPlan: String
}}

type Query {{
  topCustomer: Account
}}
"""
"""A second subgraph: a billing service adding a field to mailgql's accounts."""


def compose(subgraphs: dict[str, str]) -> dict[str, Any]:
    """Compose ``name -> SDL`` subgraphs; the library's errors, hints and supergraph SDL."""
    services = [
        {"name": name, "url": f"http://127.0.0.1/{name}/graphql", "sdl": sdl}
        for name, sdl in subgraphs.items()
    ]
    result: dict[str, Any] = run_node("compose.cjs", services)
    return result


def _type(supergraph: str, name: str) -> str:
    found = re.search(rf"^type {name}\b.*?^}}", supergraph, re.MULTILINE | re.DOTALL)
    assert found is not None, name
    return found.group(0)


async def test_the_subgraph_composes_with_a_billing_subgraph_extending_account(subgraph):
    sdl = (await subgraph.query("query Service { _service { sdl } }"))["_service"]["sdl"]

    result = compose({"mailgql": sdl, "billing": BILLING})

    assert result["errors"] == []
    supergraph = result["supergraphSdl"]
    assert 'MAILGQL @join__graph(name: "mailgql"' in supergraph
    assert 'BILLING @join__graph(name: "billing"' in supergraph
    account = _type(supergraph, "Account")
    assert '@join__type(graph: MAILGQL, key: "id")' in account
    assert '@join__type(graph: BILLING, key: "id")' in account
    assert "billingPlan: String @join__field(graph: BILLING)" in account
    assert "username: String! @join__field(graph: MAILGQL)" in account
    for name in ("Campaign", "MailingList"):
        assert '@join__type(graph: MAILGQL, key: "id")' in _type(supergraph, name)
    query = _type(supergraph, "Query")
    assert "topCustomer: Account @join__field(graph: BILLING)" in query
    assert "accounts(" in query
    assert "_entities" not in query


async def test_composition_refuses_a_subgraph_whose_key_disagrees_with_mailgql(subgraph):
    sdl = (await subgraph.query("query Service { _service { sdl } }"))["_service"]["sdl"]

    result = compose({"mailgql": sdl, "billing": BILLING.replace("id: ID!", "id: Int!")})

    assert result["supergraphSdl"] is None
    assert any('"Account.id" is incompatible' in error for error in result["errors"])
