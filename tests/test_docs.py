"""What the README and the guides under docs/ tell users holds: every setting they name exists,
and every GraphQL document they show validates against the schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import ExecutableDefinitionNode, parse, validate

from mailgql.graph import build_schema
from mailgql.settings import Settings, env_name

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
NOT_SETTINGS = {"MAILGQL_TEST_REDIS_URL"}
"""Names the pages use that are not gateway settings: the test suite's own Redis server."""


def test_the_guides_exist() -> None:
    names = {page.name for page in PAGES}
    assert {"clients.md", "deploy.md", "federation.md", "progress.md", "settings.md"} <= names
    assert {"telemetry.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_setting_a_page_names_exists(page: Path) -> None:
    named = set(re.findall(r"\bMAILGQL_[A-Z0-9_]*[A-Z0-9]", page.read_text(encoding="utf-8")))
    known = {env_name(field) for field in Settings.model_fields}
    assert sorted(named - known - NOT_SETTINGS) == []


DOCUMENTS = [
    pytest.param(block, id=f"{page.name}-{i}")
    for page in PAGES
    if page.parent.name == "docs"
    for i, block in enumerate(
        re.findall(r"```graphql\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    )
]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_document_a_guide_shows_validates(document: str) -> None:
    parsed = parse(document)
    if all(isinstance(d, ExecutableDefinitionNode) for d in parsed.definitions):
        assert validate(build_schema()._schema, parsed) == []
    else:  # a schema of another subgraph, shown to extend ours: it must at least parse
        assert parsed.definitions
