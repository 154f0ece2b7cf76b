"""Property-based: whatever a client sends (every field of every mutation input, every ID and
cursor argument, any JSON or bytes as the body), the answer is a typed error or a success.

The mutations, their input types and the connection fields are read from the schema, so a
mutation or connection added later is covered without a line here. Each mutation example runs
against freshly reseeded emulators.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import httpx
import pytest
from graphql import GraphQLNamedType, GraphQLNonNull, GraphQLObjectType, get_named_type
from hypothesis import given, settings, strategies as st

from mailgql.graph import build_schema
from mailgql.graph.pagination import encode_cursor
from tests.hostile.support import (
    PROFILE,
    check_answer,
    cursors,
    hostile_gateway,
    hostile_ids,
    hostile_text,
    input_values,
    known_ids,
    send,
)

SCHEMA = build_schema()._schema
MUTATION = SCHEMA.mutation_type
assert MUTATION is not None
MUTATIONS = sorted(MUTATION.fields)

HOSTILE = settings(settings.get_profile(PROFILE))


@pytest.fixture
async def gateway(emulators) -> Any:
    """The in-process gateway, without rate limits."""
    async with hostile_gateway(emulators) as gw:
        yield gw


@pytest.fixture
async def ids(gateway) -> list[str]:
    """Real ids of the seeded emulators, for examples that reach the platforms."""
    return await known_ids(gateway)


def _selection(kind: GraphQLNamedType) -> str:
    """What to ask of a payload: its type, and its user errors' codes when it has them."""
    if isinstance(kind, GraphQLObjectType) and "userErrors" in kind.fields:
        return "__typename userErrors { code field }"
    return "__typename"


def mutation_document(name: str) -> str:
    """The mutation ``name`` with each of its arguments as a variable of the argument's type."""
    field = MUTATION.fields[name]
    definitions = ", ".join(f"${a}: {arg.type}" for a, arg in field.args.items())
    arguments = ", ".join(f"{a}: ${a}" for a in field.args)
    selection = _selection(get_named_type(field.type))
    return f"mutation({definitions}) {{ {name}({arguments}) {{ {selection} }} }}"


def test_every_mutation_takes_its_arguments_as_variables():
    assert MUTATIONS, "the schema has mutations"
    for name in MUTATIONS:
        assert mutation_document(name).startswith("mutation(")


@pytest.mark.parametrize("name", MUTATIONS)
@HOSTILE
@given(data=st.data())
async def test_any_input_of_any_mutation_gets_a_typed_answer(gateway, ids, name, data):
    gateway.emulators.reset()
    field = MUTATION.fields[name]
    variables = {
        a: data.draw(input_values(arg.type, a, ids), label=a) for a, arg in field.args.items()
    }
    response = await send(gateway, {"query": mutation_document(name), "variables": variables})
    check_answer(response)


# -- IDs and cursors ----------------------------------------------------------------------------

REACH: dict[str, list[str]] = {
    "Query": ["{ %s }"],
    "Account": [f"{{ me(platform: {p}) {{ %s }} }}" for p in ("V2REST", "MAXMAILER", "OEMPRO")],
    "MailingList": [
        "{ me(platform: OEMPRO) { lists(first: 1) { nodes { %s } } } }",
        "{ me(platform: MAXMAILER) { lists(first: 1) { nodes { %s } } } }",
    ],
    "OemproAdministration": ["{ oemproAdmin { %s } }"],
}
"""How a query reaches an object of each type that has connection fields."""


def _connections() -> list[tuple[str, str]]:
    """Every field taking ``after`` in the schema: (type, field)."""
    return sorted(
        (type_name, field_name)
        for type_name, kind in SCHEMA.type_map.items()
        if isinstance(kind, GraphQLObjectType) and not type_name.startswith("__")
        for field_name, field in kind.fields.items()
        if "after" in field.args
    )


CONNECTIONS = _connections()


def test_every_connection_is_reached_by_the_cursor_property():
    assert CONNECTIONS
    assert {type_name for type_name, _ in CONNECTIONS} <= set(REACH)


def connection_query(type_name: str, field_name: str, how: int) -> str:
    """A query of one connection field with ``after: $after`` (required arguments filled)."""
    field = SCHEMA.type_map[type_name].fields[field_name]  # type: ignore[union-attr]
    arguments = ["after: $after"]
    for name, arg in field.args.items():
        if isinstance(arg.type, GraphQLNonNull) and name != "after":
            values = getattr(arg.type.of_type, "values", None)
            assert values, f"{type_name}.{field_name}({name}:) needs a value the test can give"
            arguments.append(f"{name}: {next(iter(values))}")
    inner = f"{field_name}({', '.join(arguments)}) {{ __typename }}"
    reach = REACH[type_name]
    return "query($after: String) " + reach[how % len(reach)] % inner


@pytest.mark.parametrize(("type_name", "field_name"), CONNECTIONS)
@HOSTILE
@given(after=cursors(), how=st.integers(0, 2))
async def test_any_cursor_of_any_connection_gets_a_typed_answer(
    gateway, type_name, field_name, after, how
):
    query = connection_query(type_name, field_name, how)
    body = check_answer(await send(gateway, {"query": query, "variables": {"after": after}}))
    if after == encode_cursor(0):
        assert "errors" not in body or all(
            e["extensions"]["code"] != "BAD_USER_INPUT" for e in body["errors"]
        )


@HOSTILE
@given(value=hostile_ids())
async def test_any_id_given_to_node_gets_a_typed_answer(gateway, value):
    body = check_answer(
        await send(
            gateway,
            {"query": "query($id: ID!) { node(id: $id) { id } }", "variables": {"id": value}},
        )
    )
    assert "data" in body


@HOSTILE
@given(values=st.lists(hostile_ids(), max_size=4))
async def test_any_ids_given_to_nodes_get_a_typed_answer(gateway, values):
    check_answer(
        await send(
            gateway,
            {
                "query": "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                "variables": {"ids": values},
            },
        )
    )


@HOSTILE
@given(list_id=st.one_of(hostile_ids(), st.sampled_from(["1", "newsletter"])), email=hostile_text())
async def test_any_list_and_address_given_to_list_subscription_get_a_typed_answer(
    gateway, list_id, email
):
    check_answer(
        await send(
            gateway,
            {
                "query": "query($l: ID!, $e: String!) "
                "{ listSubscription(listId: $l, email: $e) { active } }",
                "variables": {"l": list_id, "e": email},
            },
        )
    )


# -- the HTTP body ------------------------------------------------------------------------------

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(10**400), 10**400),
    st.floats(),
    hostile_text(),
)
_JSON = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
_DOCUMENTS = st.one_of(
    st.sampled_from(
        [
            "{ __typename }",
            "query($id: ID!) { node(id: $id) { id } }",
            "mutation($e: String!) "
            '{ subscribe(input: {listId: "1", email: $e}) { userErrors { code } } }',
            "{ " + "a { " * 300 + "}" * 301,
            '{ node(id: "\\ud800") { id } }',
        ]
    ),
    hostile_text(),
)
_REQUESTS = st.fixed_dictionaries(
    {},
    optional={
        "query": st.one_of(_DOCUMENTS, _JSON),
        "variables": _JSON,
        "operationName": st.one_of(hostile_text(), _JSON),
        "extensions": _JSON,
    },
)


def _deep(depth: int) -> bytes:
    return b'{"query": "{ __typename }", "variables": {"v": ' + b"[" * depth + b"]" * depth + b"}}"


_BODIES = st.one_of(
    _REQUESTS.map(lambda r: json.dumps(r).encode()),
    _JSON.map(lambda v: json.dumps(v).encode()),
    st.integers(1, 60_000).map(_deep),
    st.integers(1, 6_000).map(lambda n: b"9" * n),
    st.binary(max_size=64),
)


@pytest.fixture
async def kept_gateway(emulators) -> Any:
    """The in-process gateway keeping answers (the answer cache reads each body first)."""
    async with hostile_gateway(emulators, cache_ttl=30) as gw:
        yield gw


@HOSTILE
@given(body=_BODIES, key=st.one_of(st.none(), st.just("hostile-key")))
async def test_any_body_gets_a_typed_answer(kept_gateway, body, key):
    kept_gateway.emulators.reset()
    headers = {} if key is None else {"Idempotency-Key": key + hashlib.sha256(body).hexdigest()}
    check_answer(await send(kept_gateway, body, headers=headers))


@HOSTILE
@given(
    query=_DOCUMENTS,
    variables=st.one_of(
        st.none(), _JSON.map(json.dumps), st.integers(1, 400).map(lambda n: "[" * n + "]" * n)
    ),
    extensions=st.one_of(st.none(), _JSON.map(json.dumps), hostile_text()),
)
async def test_any_get_gets_a_typed_answer(kept_gateway, query, variables, extensions):
    params = {"query": query}
    for name, value in (("variables", variables), ("extensions", extensions)):
        if value is not None:
            params[name] = value
    try:
        response = await kept_gateway.client.get(
            "/graphql", params=params, headers={"Accept": "application/json"}
        )
    except (UnicodeEncodeError, httpx.InvalidURL):
        return  # no client can send a lone surrogate, or a URL that long
    check_answer(response)
