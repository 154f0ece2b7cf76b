"""schema.graphql is generated from the code and committed; it must not drift."""

import importlib
import pkgutil
from pathlib import Path

import graphql
import strawberry

import mailgql
from mailgql.cli import main
from mailgql.graph import build_schema

schema = build_schema()
# graphql-core's view of the same schema, built from its SDL: the shapes clients see.
SDL_SCHEMA = graphql.build_schema(schema.as_str())

ROOT = Path(__file__).resolve().parents[1]


def test_committed_schema_matches_the_code():
    assert main(["schema", "check", "--path", str(ROOT / "schema.graphql")]) == 0


def test_no_module_builds_a_schema_at_import():
    # build_schema() makes one when the app or the schema command asks; importing makes none.
    for info in pkgutil.walk_packages(mailgql.__path__, prefix="mailgql."):
        if info.name == "mailgql.__main__":
            continue
        module = importlib.import_module(info.name)
        held = [
            name for name, value in vars(module).items() if isinstance(value, strawberry.Schema)
        ]
        assert held == [], info.name


def undescribed(sdl: str) -> list[str]:
    """Every type, field, argument, input field and enum value of ``sdl`` with no description."""
    from graphql import (
        GraphQLEnumType,
        GraphQLInputObjectType,
        GraphQLInterfaceType,
        GraphQLObjectType,
        build_schema,
    )

    missing = []
    built = build_schema(sdl)
    for name, graphql_type in built.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not graphql_type.description:
            missing.append(name)
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in graphql_type.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                missing.extend(
                    f"{name}.{field_name}({arg_name}:)"
                    for arg_name, arg in field.args.items()
                    if not arg.description
                )
        if isinstance(graphql_type, GraphQLInputObjectType):
            missing.extend(
                f"{name}.{field_name}"
                for field_name, field in graphql_type.fields.items()
                if not field.description
            )
        if isinstance(graphql_type, GraphQLEnumType):
            missing.extend(
                f"{name}.{value_name}"
                for value_name, value in graphql_type.values.items()
                if not value.description
            )
    return missing


def test_every_type_field_argument_and_enum_value_has_a_description():
    assert undescribed(str(schema)) == []


def test_the_description_check_sees_arguments_and_enum_values():
    sdl = """
    "Q" type Query { "f" f(a: Int): E }
    "E" enum E { ONE }
    """
    assert undescribed(sdl) == ["Query.f(a:)", "E.ONE"]


FIXED_FIELDS = {
    "Query": {
        "node": ("Node", {"id": "ID!"}),
        "nodes": ("[Node]!", {"ids": "[ID!]!"}),
        "me": ("Account", {"platform": "Platform!"}),
        "accounts": (
            "AccountConnection!",
            {"platform": "Platform", "first": "Int", "after": "String"},
        ),
        "campaigns": (
            "CampaignConnection!",
            {"platform": "Platform", "first": "Int", "after": "String"},
        ),
    },
    "Mutation": {
        name: (payload, {"input": f"{name[0].upper()}{name[1:]}Input!"})
        for name, payload in {
            "createSubAccount": "AccountPayload!",
            "setAccountStatus": "AccountPayload!",
            "inheritLists": "AccountPayload!",
            "removeInheritedList": "AccountPayload!",
            "inheritSegments": "AccountPayload!",
            "removeInheritedSegment": "AccountPayload!",
            "inheritNewsletter": "AccountPayload!",
            "removeInheritedNewsletter": "AccountPayload!",
        }.items()
    },
    "Account": {
        "id": ("ID!", {}),
        "platform": ("Platform!", {}),
        "username": ("String!", {}),
        "status": ("AccountStatus!", {}),
        "createdAt": ("DateTime", {}),
        "parent": ("Account", {}),
        # Relations are nullable since issue 15: a failed call nulls its own field only.
        "subAccounts": ("AccountConnection", {"first": "Int", "after": "String"}),
        "inheritedLists": ("MailingListConnection", {"first": "Int", "after": "String"}),
        "inheritedSegments": ("SegmentConnection", {"first": "Int", "after": "String"}),
        "inheritedNewsletters": ("NewsletterConnection", {"first": "Int", "after": "String"}),
        "campaigns": ("CampaignConnection", {"first": "Int", "after": "String"}),
        "lists": ("MailingListConnection", {"first": "Int", "after": "String"}),
        "quota": ("AccountQuota", {}),
    },
    "AccountConnection": {
        "edges": ("[AccountEdge!]!", {}),
        "nodes": ("[Account!]!", {}),
        "pageInfo": ("PageInfo!", {}),
        "totalCount": ("Int", {}),
    },
    "AccountPayload": {"account": ("Account", {}), "userErrors": ("[UserError!]!", {})},
    "UserError": {"code": ("String!", {}), "message": ("String!", {}), "field": ("[String!]", {})},
    "Segment": {"name": ("String!", {}), "lists": ("[MailingList!]", {})},
    "Newsletter": {"name": ("String!", {}), "subject": ("String", {}), "active": ("Boolean!", {})},
}


def test_fixed_names_keep_their_shapes():
    for type_name, fields in FIXED_FIELDS.items():
        graphql_type = SDL_SCHEMA.type_map[type_name]
        for field_name, (returns, args) in fields.items():
            field = graphql_type.fields[field_name]
            assert str(field.type) == returns, f"{type_name}.{field_name}"
            assert {a: str(v.type) for a, v in field.args.items()} == args, (
                f"{type_name}.{field_name}"
            )
    page_defaults = SDL_SCHEMA.type_map["Account"].fields["subAccounts"].args["first"]
    # Built from SDL, a default keeps its literal (graphql-core 3.3's GraphQLDefaultInput).
    assert graphql.print_ast(page_defaults.default.literal) == "50"
    assert list(SDL_SCHEMA.type_map["Platform"].values) == [
        "OEMPRO",
        "V2REST",
        "MAXMAILER",
    ]
