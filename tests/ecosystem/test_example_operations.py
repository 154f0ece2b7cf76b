"""The operations in ``examples/operations/`` are what a dashboard sends: each one is valid
against ``schema.graphql`` (with graphql-core), named, and together they cover the dashboard."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    build_schema,
    parse,
    validate,
    visit,
)

from .example_files import FRAGMENTS, OPERATION_FILES, ROOT, snake_case

# Each family of writes the dashboard makes, and the mutations that belong to it.
MUTATION_FAMILIES = {
    "accounts": {"createSubAccount", "setAccountStatus", "deleteAccount", "addSendCredit"},
    "inheritance": {"inheritLists", "removeInheritedList", "inheritSegments", "inheritNewsletter"},
    "subscriptions": {"subscribe", "unsubscribe"},
    "lists": {"createList", "updateList", "deleteList"},
    "campaigns": {"createCampaign", "scheduleCampaign", "cancelCampaign", "deleteCampaign"},
    "segments": {"createSegment", "deleteSegment"},
}
# What the dashboard's screens read: (type, field) pairs some query must select.
DASHBOARD_READS = {
    ("Account", "subAccounts"),  # the account tree
    ("Account", "inheritedLists"),  # inherited collections
    ("Account", "inheritedSegments"),
    ("Account", "inheritedNewsletters"),
    ("Query", "campaigns"),  # the campaign report across platforms
    ("Account", "quota"),
    ("MailingList", "subscribers"),
}


@cache
def schema() -> GraphQLSchema:
    """The committed schema, as a client's tooling reads it."""
    return build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))


@cache
def fragments() -> dict[str, FragmentDefinitionNode]:
    """The shared fragments, by name."""
    document = parse(FRAGMENTS.read_text(encoding="utf-8"))
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def operation(path: Path) -> OperationDefinitionNode:
    """The one operation a file holds."""
    definitions = parse(path.read_text(encoding="utf-8")).definitions
    assert len(definitions) == 1, f"{path.name}: one operation per file"
    assert isinstance(definitions[0], OperationDefinitionNode)
    return definitions[0]


def as_sent(op: OperationDefinitionNode) -> DocumentNode:
    """The document a client sends for ``op``: the operation and the fragments it spreads."""
    needed: dict[str, FragmentDefinitionNode] = {}
    pending: list[OperationDefinitionNode | FragmentDefinitionNode] = [op]

    class Spreads(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_: object) -> None:
            name = spread.name.value
            if name not in needed and name in fragments():
                needed[name] = fragments()[name]
                pending.append(needed[name])

    while pending:
        visit(pending.pop(), Spreads())
    return DocumentNode(definitions=(op, *needed.values()))


def selected_fields(document: DocumentNode) -> set[tuple[str, str]]:
    """Every (parent type, field) pair the document selects."""
    info = TypeInfo(schema())
    seen: set[tuple[str, str]] = set()

    class Fields(Visitor):
        def enter_field(self, node: FieldNode, *_: object) -> None:
            parent = info.get_parent_type()
            if parent is not None:
                seen.add((parent.name, node.name.value))

    visit(document, TypeInfoVisitor(info, Fields()))
    return seen


@pytest.mark.parametrize("path", OPERATION_FILES, ids=lambda p: p.stem)
def test_each_operation_is_valid_against_the_schema(path):
    op = operation(path)
    assert validate(schema(), as_sent(op)) == []


@pytest.mark.parametrize("path", OPERATION_FILES, ids=lambda p: p.stem)
def test_each_operation_is_named_after_its_file(path):
    op = operation(path)
    assert op.name is not None, f"{path.name}: a dashboard operation has a name"
    assert snake_case(op.name.value) == path.stem
    # Code generators make a type per operation beside the schema's own types.
    assert op.name.value not in schema().type_map


def test_every_shared_fragment_is_used_and_valid():
    used = {
        d.name.value
        for path in OPERATION_FILES
        for d in as_sent(operation(path)).definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    assert used == set(fragments())
    everything = DocumentNode(
        definitions=tuple(operation(p) for p in OPERATION_FILES) + tuple(fragments().values())
    )
    assert validate(schema(), everything) == []  # names unique, as one codegen input


def test_the_operations_cover_the_dashboard():
    ops = [operation(p) for p in OPERATION_FILES]
    assert len(ops) >= 12
    queries = [o for o in ops if o.operation is OperationType.QUERY]
    reads: set[tuple[str, str]] = set()
    for op in queries:
        reads |= selected_fields(as_sent(op))
    assert DASHBOARD_READS - reads == set()

    writes = {
        selection.name.value
        for op in ops
        if op.operation is OperationType.MUTATION
        for selection in op.selection_set.selections
        if isinstance(selection, FieldNode)
    }
    missing = {family for family, fields in MUTATION_FAMILIES.items() if not fields & writes}
    assert missing == set()
    mutation_type = schema().mutation_type
    assert mutation_type is not None
    assert writes <= set(mutation_type.fields)


def test_operations_with_inputs_take_variables():
    # A dashboard passes what the user picked as variables, never by editing the text.
    for path in OPERATION_FILES:
        op = operation(path)
        if op.operation is OperationType.MUTATION:
            assert op.variable_definitions, f"{path.name} takes no variables"
