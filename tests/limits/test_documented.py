"""The default limits let through every documented query, and the README states them as set."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from graphql import get_operation_ast, parse

from mailgql.app import DEFAULT_QUERY
from mailgql.cli import FIRST_QUERY
from mailgql.graph import build_schema
from mailgql.limits import Limits, measure_operation, refusals
from mailgql.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _bench_documents() -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import mix
    finally:
        sys.path.remove(str(ROOT / "bench"))
    documents: dict[str, str] = mix.DOCUMENTS
    return documents


DOCUMENTS = {
    **{
        f"README-{i}": block
        for i, block in enumerate(re.findall(r"```graphql\n(.*?)```", README, re.S))
    },
    **{f"bench/mix.py {name}": text for name, text in _bench_documents().items()},
    "GraphiQL's first query": DEFAULT_QUERY,
    "the demo's first query": FIRST_QUERY,
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_documented_query_is_within_the_default_limits(name):
    schema = build_schema()._schema
    document = parse(DOCUMENTS[name])
    operation = get_operation_ast(document)
    assert operation is not None
    limits = Limits.of(Settings())
    measures = measure_operation(
        schema, document, operation, {}, max_page_size=limits.max_page_size
    )
    assert refusals(measures, limits) == []


@pytest.mark.parametrize(
    ("setting", "field"),
    [
        ("MAILGQL_MAX_DEPTH", "max_depth"),
        ("MAILGQL_MAX_ALIASES", "max_aliases"),
        ("MAILGQL_MAX_ROOT_FIELDS", "max_root_fields"),
        ("MAILGQL_MAX_COST", "max_cost"),
        ("MAILGQL_MAX_BODY_BYTES", "max_body_bytes"),
        ("MAILGQL_MAX_RESPONSE_BYTES", "max_response_bytes"),
    ],
)
def test_the_readme_states_each_limit_and_its_default(setting, field):
    default = Settings.model_fields[field].default
    limits = README[README.index("## Limits") :]
    assert f"| `{setting}` | `{default}` |" in README  # the settings table
    assert f"`{setting}` | `{default}` |" in limits  # the Limits section
