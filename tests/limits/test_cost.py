"""Measuring an operation: depth, aliases, root fields, cost and introspection."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from graphql import GraphQLSchema, get_operation_ast, parse

from mailgql.graph import build_schema
from mailgql.limits import Measures, cost, measure_operation


@functools.cache
def _schema() -> GraphQLSchema:
    return build_schema()._schema


def measure(
    document: str,
    variables: dict[str, Any] | None = None,
    *,
    operation: str | None = None,
    max_page_size: int = 500,
) -> Measures:
    parsed = parse(document)
    found = get_operation_ast(parsed, operation)
    assert found is not None
    return measure_operation(_schema(), parsed, found, variables, max_page_size=max_page_size)


SUB_ACCOUNTS_LISTS = (
    "{ me(platform: V2REST) { subAccounts(first: 50) { nodes { "
    "inheritedLists(first: 50) { totalCount nodes { name } } } } } }"
)


def test_nested_page_sizes_multiply():
    assert measure(SUB_ACCOUNTS_LISTS).cost == 50 + 50 * 50


def test_edges_and_nodes_cost_nothing_beyond_their_page():
    both = (
        "{ accounts(first: 10) { edges { cursor node { campaigns(first: 3) { totalCount } } } "
        "nodes { campaigns(first: 3) { totalCount } } pageInfo { hasNextPage } } }"
    )
    assert measure(both).cost == 10 + 10 * 3 + 10 * 3


def test_a_connection_without_first_costs_its_default_page():
    assert measure("{ accounts { nodes { lists { totalCount } } } }").cost == 50 + 50 * 50


def test_a_page_size_comes_from_a_variable_its_default_or_the_argument_default():
    document = (
        "query($n: Int, $m: Int = 7) { accounts(first: $n) { nodes { "
        "campaigns(first: $m) { totalCount } } } }"
    )
    assert measure(document, {"n": 20}).cost == 20 + 20 * 7
    assert measure(document, {"n": 20, "m": 2}).cost == 20 + 20 * 2
    assert measure(document, {}).cost == 50 + 50 * 7  # $n absent: the argument's default
    assert measure(document, {"n": None}).cost == 50 + 50 * 7  # null: the default too
    assert measure(document, {"n": 4.0, "m": 1}).cost == 4 + 4 * 1  # an integral float is an Int


def test_a_page_size_is_clamped_to_the_page_the_field_accepts():
    document = "{ accounts(first: 100000) { nodes { campaigns(first: -5) { totalCount } } } }"
    assert measure(document).cost == 500
    assert measure(document, max_page_size=40).cost == 40


def test_a_list_argument_costs_its_length_and_multiplies_what_it_selects():
    document = (
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Account { "
        "lists(first: 4) { totalCount } } } }"
    )
    assert measure(document, {"ids": ["a", "b", "c"]}).cost == 3 + 3 * 4
    assert measure(document, {"ids": "a"}).cost == 1 + 4  # a single value is a list of one
    literal = '{ nodes(ids: ["a", "b"]) { id } }'
    assert measure(literal).cost == 2


def test_named_and_inline_fragments_are_expanded_where_they_are_spread():
    document = """
    query { me(platform: V2REST) { ...Tree } a: me(platform: MAXMAILER) { ...Tree } }
    fragment Tree on Account {
      subAccounts(first: 10) {
        nodes { ...Lists ... on Account { x: campaigns(first: 2) { totalCount } } }
      }
    }
    fragment Lists on Account { inheritedLists(first: 3) { totalCount } }
    """
    measures = measure(document)
    assert measures.cost == 2 * (10 + 10 * 3 + 10 * 2)
    assert measures.aliases == 1 + 2  # `a`, and `x` in each expansion
    assert measures.root_fields == 2
    assert measures.depth == 5  # me subAccounts nodes inheritedLists totalCount: no level added


def test_depth_counts_fields_on_the_longest_path():
    assert measure("{ __typename }").depth == 1
    assert measure("{ me(platform: V2REST) { username } }").depth == 2
    chain = "{ me(platform: V2REST) { " + "parent { " * 10 + "username" + " }" * 10 + " } }"
    assert measure(chain).depth == 12


def test_root_fields_and_aliases_count_every_selection():
    document = "{ a: __typename b: __typename me(platform: V2REST) { u: username } }"
    measures = measure(document)
    assert (measures.root_fields, measures.aliases) == (3, 3)


def test_only_the_operation_that_runs_is_measured():
    document = (
        "query Small { __typename } "
        "query Big { accounts(first: 500) { nodes { lists(first: 500) { totalCount } } } }"
    )
    assert measure(document, operation="Small").cost == 0
    assert measure(document, operation="Big").cost == 500 + 500 * 500


def test_introspection_is_listed_and_not_measured_further():
    document = (
        "{ __typename __schema { types { fields { type { ofType { ofType { name } } } } } } }"
    )
    measures = measure(document)
    assert measures.introspection == ("__schema",)
    assert measures.depth == 1
    fragment = '{ ...T } fragment T on Query { __type(name: "Account") { name } }'
    assert measure(fragment).introspection == ("__type",)
    assert measure("{ __typename }").introspection == ()


def test_a_fragment_spread_inside_itself_counts_nothing_more():
    # Validation refuses such a document; measuring it still ends.
    document = """
    { me(platform: V2REST) { ...A } }
    fragment A on Account { lists(first: 2) { nodes { name } } parent { ...B } }
    fragment B on Account { campaigns(first: 3) { totalCount } parent { ...A } }
    """
    measures = measure(document)
    assert measures.cost == 2 + 3


def test_fragments_spread_into_each_other_are_measured_once_each(monkeypatch):
    # Walked again at every spread, this document would take 2^levels walks.
    levels = 16
    fragments = [
        f"fragment F{i} on Account {{ a{i}: parent {{ ...F{i + 1} }} "
        f"b{i}: parent {{ ...F{i + 1} }} }}"
        for i in range(levels)
    ]
    fragments.append(f"fragment F{levels} on Account {{ lists(first: 1) {{ totalCount }} }}")
    document = "{ me(platform: V2REST) { ...F0 } }\n" + "\n".join(fragments)
    walks = 0
    walk = cost._Measurer.selections

    def counted(self: Any, *args: Any) -> Any:
        nonlocal walks
        walks += 1
        return walk(self, *args)

    monkeypatch.setattr(cost._Measurer, "selections", counted)
    measures = measure(document)
    assert measures.cost == 2**levels
    assert measures.aliases == 2 ** (levels + 1) - 2
    assert measures.depth == levels + 3
    assert walks <= 4 * levels


@pytest.mark.parametrize(
    "document",
    [
        "{ me(platform: V2REST) { username } }",
        'mutation { subscribe(input: {listId: "1", email: "a@example.com"}) '
        "{ userErrors { code } } }",
    ],
)
def test_a_document_without_pages_costs_nothing(document):
    assert measure(document).cost == 0
