"""Where the example operations and codegen settings live, and how operations are named."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
OPERATIONS = EXAMPLES / "operations"
FRAGMENTS = OPERATIONS / "fragments.graphql"
OPERATION_FILES = sorted(p for p in OPERATIONS.glob("*.graphql") if p != FRAGMENTS)
"""One named operation per file, the file named after it in snake case."""


def snake_case(name: str) -> str:
    """``AccountTree`` -> ``account_tree``: an operation's file name and generated method."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
