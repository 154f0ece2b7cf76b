"""What the README and the guides under docs/ tell users holds: every setting they name exists,
and every GraphQL document they show validates against the schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import parse, validate

from mailgql.graph import build_schema
from mailgql.settings import Settings, env_name

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
NOT_SETTINGS = {"MAILGQL_TEST_REDIS_URL"}
"""Names the pages use that are not gateway settings: the test suite's own Redis server."""


def test_the_guides_exist() -> None:
    assert {"deploy.md", "settings.md"} <= {page.name for page in PAGES}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_setting_a_page_names_exists(page: Path) -> None:
    named = set(re.findall(r"MAILGQL_[A-Z0-9_]*[A-Z0-9]", page.read_text(encoding="utf-8")))
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
    assert validate(build_schema()._schema, parse(document)) == []
