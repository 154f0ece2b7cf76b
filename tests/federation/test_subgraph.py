"""The subgraph's schema: ``_service { sdl }`` with the Federation link and the keys, the same
schema otherwise (extensions, limits, access), and the default schema left as it is."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from pathlib import Path

import httpx
from graphql import (
    DocumentNode,
    ObjectTypeDefinitionNode,
    TypeDefinitionNode,
    parse,
    print_ast,
)

from mailgql.app import create_app
from mailgql.cli import main
from mailgql.graph import build_schema
from mailgql.graph.federation import ENTITY_TYPES
from mailgql.graph.schema import NODE_TYPES
from mailgql.settings import load_settings
from tests.auth.conftest import bearer, make_key
from tests.conftest import GRAPHQL_RESPONSE, open_gateway
from tests.federation.conftest import ENTITIES, open_subgraph, representations, subgraph_schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"
SERVICE = "query Service { _service { sdl } }"
LINK = '@link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'


def _types(document: DocumentNode) -> dict[str, TypeDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, TypeDefinitionNode)}


def _keys(definition: TypeDefinitionNode) -> list[str]:
    return [print_ast(d) for d in definition.directives or () if d.name.value == "key"]


async def test_service_sdl_links_federation_2_and_keys_the_three_entity_types(subgraph):
    sdl = (await subgraph.query(SERVICE))["_service"]["sdl"]

    assert re.search(rf"^schema {re.escape(LINK)} {{$", sdl, re.MULTILINE)
    types = _types(parse(sdl))
    keyed = {name: _keys(d) for name, d in types.items() if _keys(d)}
    assert keyed == {
        "Account": ['@key(fields: "id")'],
        "Campaign": ['@key(fields: "id")'],
        "MailingList": ['@key(fields: "id")'],
    }
    assert print_ast(types["_Entity"]).endswith("union _Entity = Account | Campaign | MailingList")
    query = types["Query"]
    assert isinstance(query, ObjectTypeDefinitionNode)
    fields = {f.name.value: print_ast(f.type) for f in query.fields or ()}
    assert fields["_entities"] == "[_Entity]!"
    assert fields["_service"] == "_Service!"
    assert "_Any" in types


async def test_the_subgraph_keeps_every_type_and_field_of_the_default_schema(subgraph):
    sdl = (await subgraph.query(SERVICE))["_service"]["sdl"]
    default = _types(parse(build_schema().as_str()))
    federated = _types(parse(sdl))

    for name, definition in default.items():
        other = dataclasses.replace(federated[name], directives=())
        if isinstance(other, ObjectTypeDefinitionNode) and name == "Query":
            router_fields = [f for f in other.fields or () if f.name.value.startswith("_")]
            assert [f.name.value for f in router_fields] == ["_entities", "_service"]
            other = dataclasses.replace(
                other, fields=tuple(f for f in other.fields or () if f not in router_fields)
            )
        assert print_ast(other) == print_ast(definition), name
    assert set(federated) - set(default) == {"_Any", "_Entity", "_Service"}


def test_the_subgraph_runs_with_the_default_schema_s_extensions_and_executor():
    default, federated = build_schema(), subgraph_schema()

    def kinds(extensions: Iterable[object]) -> list[object]:
        return [getattr(e, "func", e) for e in extensions]  # the document cache's is a partial

    assert kinds(federated.extensions) == kinds(default.extensions)
    assert federated.execution_context_class is default.execution_context_class
    assert type(federated).process_errors is type(default).process_errors
    assert {t.__name__ for t in ENTITY_TYPES} < {t.__name__ for t in NODE_TYPES}


def test_the_default_schema_and_schema_graphql_have_no_federation():
    for sdl in (build_schema().as_str(), SCHEMA_FILE.read_text(encoding="utf-8")):
        assert "type Account implements Node {" in sdl
        for word in ("@key", "@link", "_entities", "_service", "_Any", "_Entity"):
            assert word not in sdl


async def test_without_federation_the_router_fields_do_not_validate(gateway):
    for document in (SERVICE, ENTITIES):
        response = await gateway.post(document, representations("Account", []))
        assert response.status_code == 400
        assert {e["extensions"]["code"] for e in response.json()["errors"]} == {
            "GRAPHQL_VALIDATION_FAILED"
        }


def test_schema_export_federation_prints_what_service_sdl_answers(capsys, tmp_path):
    assert main(["schema", "export", "--federation"]) == 0
    printed = capsys.readouterr().out
    assert printed == subgraph_schema().as_str().rstrip() + "\n"
    assert LINK in printed

    target = tmp_path / "subgraph.graphql"
    assert main(["schema", "export", "--federation", "--path", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == printed


async def test_service_sdl_counts_as_introspection(emulators):
    async with open_subgraph(emulators, introspection=False) as subgraph:
        refused = await subgraph.post(SERVICE)
        entities = await subgraph.query(ENTITIES, representations("Account", []))

    assert refused.status_code == 400
    [error] = refused.json()["errors"]
    assert error["extensions"] == {"code": "INTROSPECTION_DISABLED"}
    assert "_service" in error["message"]
    assert entities == {"_entities": []}


async def test_the_gate_asks_a_router_for_a_key_as_any_client(emulators):
    reader = make_key("reader")
    async with open_subgraph(emulators, api_keys=reader.entry) as subgraph:
        answers = {}
        for name, document in (("service", SERVICE), ("entities", ENTITIES)):
            body = {"query": document, "variables": representations("Account", [])}
            without = await subgraph.client.post(
                "/graphql", json=body, headers={"Accept": GRAPHQL_RESPONSE}
            )
            with_key = await subgraph.client.post(
                "/graphql", json=body, headers={"Accept": GRAPHQL_RESPONSE, **bearer(reader)}
            )
            answers[name] = (without, with_key)
        calls = await subgraph.calls()

    for without, with_key in answers.values():
        assert without.status_code == 401
        assert without.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert with_key.status_code == 200
        assert "errors" not in with_key.json()
    assert answers["entities"][1].json() == {"data": {"_entities": []}}
    assert LINK in answers["service"][1].json()["data"]["_service"]["sdl"]
    assert calls == 0


async def test_mutations_through_the_subgraph_still_need_their_role(emulators):
    reader = make_key("reader")
    async with open_gateway(
        emulators, schema=subgraph_schema(), federation=True, api_keys=reader.entry
    ) as subgraph:
        response = await subgraph.client.post(
            "/graphql",
            json={
                "query": 'mutation { deleteList(input: { listId: "1" }) { userErrors { code } } }'
            },
            headers={"Accept": GRAPHQL_RESPONSE, **bearer(reader)},
        )
        calls = await subgraph.calls()

    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert calls == 0


async def test_mailgql_federation_alone_makes_the_app_a_subgraph(monkeypatch):
    assert load_settings().federation is False
    monkeypatch.setenv("MAILGQL_FEDERATION", "true")
    settings = load_settings()
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client,
    ):
        response = await client.post("/graphql", json={"query": SERVICE})

    assert settings.federation is True
    assert LINK in response.json()["data"]["_service"]["sdl"]
