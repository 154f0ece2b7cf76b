"""The commands that write and check the files made from the code: ``mailgql schema
export|check`` (schema.graphql) and ``mailgql settings export|check`` (docs/settings.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = [
    "SCHEMA_FILE",
    "SETTINGS_FILE",
    "schema_check",
    "schema_export",
    "settings_check",
    "settings_export",
]

SCHEMA_FILE = Path("schema.graphql")
"""Where ``mailgql schema export`` writes by default."""
SETTINGS_FILE = Path("docs/settings.md")
"""Where ``mailgql settings export`` writes by default."""


def _write_generated(path: Path, text: str) -> int:
    """Write a file made from the code (``schema export``, ``settings export``)."""
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


def _check_generated(path: Path, text: str, *, what: str, command: str) -> int:
    """Exit code 1 when the committed ``path`` differs from ``text``, made from ``what``."""
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if current != text:
        print(f"{path} differs from {what}; run 'mailgql {command} export'", file=sys.stderr)
        return 1
    print(f"{path} matches {what}")
    return 0


def _schema_text(*, federation: bool = False) -> str:
    from mailgql.graph import build_schema

    return build_schema(federation=federation).as_str().rstrip() + "\n"


def schema_export(args: argparse.Namespace) -> int:
    """``mailgql schema export``: schema.graphql (or, with ``--federation`` alone, the subgraph
    SDL on stdout)."""
    if args.federation and args.path is None:
        sys.stdout.write(_schema_text(federation=True))
        return 0
    return _write_generated(args.path or SCHEMA_FILE, _schema_text(federation=args.federation))


def schema_check(args: argparse.Namespace) -> int:
    """``mailgql schema check``: exit code 1 when schema.graphql differs from the code."""
    return _check_generated(args.path, _schema_text(), what="the code's schema", command="schema")


def _settings_text() -> str:
    from mailgql.settings_reference import render_reference

    return render_reference()


def settings_export(args: argparse.Namespace) -> int:
    """``mailgql settings export``: docs/settings.md from the settings in the code."""
    args.path.parent.mkdir(parents=True, exist_ok=True)
    return _write_generated(args.path, _settings_text())


def settings_check(args: argparse.Namespace) -> int:
    """``mailgql settings check``: exit code 1 when docs/settings.md differs from the code."""
    what = "the settings in the code"
    return _check_generated(args.path, _settings_text(), what=what, command="settings")
