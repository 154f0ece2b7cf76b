"""A federation router in front of mailgql: Apollo's gateway (on Node.js) plans queries over a
supergraph of mailgql, served over HTTP on 127.0.0.1 with API keys, and a billing subgraph
that adds a field to mailgql's accounts. The router fetches mailgql's root fields and, for the
billing subgraph's accounts, mailgql's ``_entities``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from mailgql.app import create_app
from mailgql.emulators import Emulators, RunningServer, serve_in_thread
from mailgql.graph.ids import encode_id
from mailgql.platforms import Platform
from tests.auth.conftest import Key, bearer, make_key
from tests.conftest import WATCH, gateway_settings
from tests.federation.conftest import subgraph_schema
from tests.federation.node_tools import BILLING_LINK, run_node

pytestmark = pytest.mark.live

BILLING = f"""
{BILLING_LINK}

type Account @key(fields: "id") {{
  id: ID!
  billingPlan: String
}}

type Query {{
  customers: [Account]!
}}
"""
"""The billing subgraph: every account it is asked about is on the "gold" plan."""


@dataclass
class Live:
    """mailgql as a subgraph over HTTP, a reader's key, and the emulators' counters."""

    url: str
    key: Key
    client: httpx.Client
    emulator: httpx.Client

    def query(self, document: str) -> dict[str, Any]:
        """Ask mailgql itself, with the key."""
        body = self.client.post("/graphql", json={"query": document}, headers=bearer(self.key))
        answer: dict[str, Any] = body.json()
        assert "errors" not in answer, answer
        return answer["data"]  # type: ignore[no-any-return]

    def counts(self, platform: Platform) -> dict[str, int]:
        """Upstream requests per endpoint for one platform, since the last reset."""
        answer = self.emulator.get("/_emulator/requests").json()
        return dict(answer["counts"].get(platform.value, {}))

    def route(self, customers: list[str], *queries: str) -> list[dict[str, Any]]:
        """Run ``queries`` through a router over mailgql and billing (whose ``customers`` are
        the accounts of these IDs)."""
        sdl = self.query("query Service { _service { sdl } }")["_service"]["sdl"]
        self.emulator.post("/_emulator/requests/reset")
        results: list[dict[str, Any]] = run_node(
            "router.cjs",
            {
                "mailgqlSdl": sdl,
                "mailgqlUrl": f"{self.url}/graphql",
                "key": self.key.key,
                "billingSdl": BILLING,
                "customers": customers,
                "queries": list(queries),
            },
        )
        return results


@pytest.fixture
def live(emulators: Emulators, emulator_server: RunningServer) -> Iterator[Live]:
    """mailgql with MAILGQL_FEDERATION and a reader's key, over HTTP on 127.0.0.1."""
    WATCH.add_emulators(emulators)
    reader = make_key("reader")
    settings = gateway_settings(
        emulators, emulator_server.url, federation=True, api_keys=reader.entry
    )
    app = create_app(settings, schema=subgraph_schema())
    with (
        serve_in_thread(app) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
        httpx.Client(base_url=emulator_server.url, timeout=30) as emulator,
    ):
        yield Live(server.url, reader, client, emulator)


def test_a_router_adds_billing_s_field_to_mailgql_s_account(live):
    me = live.query("{ me(platform: MAXMAILER) { id username } }")["me"]

    [result] = live.route([], "{ me(platform: MAXMAILER) { id username billingPlan } }")

    assert result == {"data": {"me": {**me, "billingPlan": "gold"}}, "errors": None}


def test_a_router_reads_billing_s_accounts_from_mailgql_in_one_batch(live):
    listed = live.query(
        "{ v2: accounts(platform: V2REST, first: 3) { nodes { id username platform } } "
        "mm: accounts(platform: MAXMAILER, first: 2) { nodes { id username platform } } }"
    )
    accounts = listed["v2"]["nodes"] + listed["mm"]["nodes"]

    [result] = live.route(
        [a["id"] for a in accounts], "{ customers { id username platform billingPlan } }"
    )

    assert result == {
        "data": {"customers": [{**a, "billingPlan": "gold"} for a in accounts]},
        "errors": None,
    }
    # The five are read as nodes(ids:) reads them: one listing call per platform.
    assert live.counts(Platform.V2REST) == {"GET /Users/SubAccounts": 1}
    assert live.counts(Platform.MAXMAILER) == {"ListUsers": 1}


def test_an_id_mailgql_did_not_make_is_an_error_at_its_index_through_the_router(live):
    account = live.query("{ accounts(platform: V2REST, first: 1) { nodes { id username } } }")[
        "accounts"
    ]["nodes"][0]
    gone = encode_id("Account", Platform.MAXMAILER, 999999)

    [result] = live.route([account["id"], "bogus", gone], "{ customers { id username } }")

    assert result["data"] == {"customers": [account, None, None]}
    [error] = result["errors"]
    assert error["path"] == ["customers", 1]
    assert error["message"] == "'bogus' is not a mailgql ID"
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["serviceName"] == "mailgql"
