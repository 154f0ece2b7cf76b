"""Imports point one way: graph -> data -> loaders -> upstreams; emulators stand alone."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "mailgql"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


PLATFORMS = ("v2rest", "maxmailer", "oempro")


def _modules(package: str) -> list[Path]:
    return sorted((SRC / package).rglob("*.py"))


# (package, prefixes it must never import, why)
RULES = [
    (
        "upstreams",
        (
            "strawberry",
            "graphql",
            "mailgql.graph",
            "mailgql.loaders",
            "mailgql.emulators",
            "fastapi",
        ),
        "adapters know the wire, never GraphQL",
    ),
    (
        "data",
        ("strawberry", "graphql", "mailgql.graph", "mailgql.emulators", "httpx"),
        "the facades hold data policy; they know no GraphQL and no HTTP",
    ),
    (
        "loaders",
        ("strawberry", "graphql", "mailgql.graph", "mailgql.data", "mailgql.emulators", "httpx"),
        "loaders group calls; they know no GraphQL and no HTTP",
    ),
    (
        "graph",
        (
            "httpx",
            "mailgql.emulators",
            "defusedxml",
            "xml",
            "mailgql.loaders",
            "mailgql.upstreams.clients",
            "mailgql.upstreams._http",
            *(f"mailgql.upstreams.{p}.{m}" for p in PLATFORMS for m in ("client", "auth", "wire")),
        ),
        "the graph asks the data facades: it knows records and errors, never clients or wires",
    ),
    (
        "emulators",
        (
            "mailgql.graph",
            "mailgql.loaders",
            "mailgql.upstreams",
            "mailgql.settings",
            "mailgql.app",
        ),
        "emulators read the contracts on their own",
    ),
    (
        "telemetry",
        (
            "mailgql.graph",
            "mailgql.data",
            "mailgql.loaders",
            "mailgql.upstreams",
            "mailgql.cache",
            "mailgql.graphql_http",
            "mailgql.emulators",
            "mailgql.app",
            "httpx",
        ),
        "telemetry sits below every layer that records into it",
    ),
]


@pytest.mark.parametrize(("package", "forbidden", "why"), RULES, ids=[r[0] for r in RULES])
def test_package_imports_point_one_way(package, forbidden, why):
    offenders = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in _modules(package)
        for name in _imports(path)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    ]
    assert offenders == [], why


@pytest.mark.parametrize("module", ["platforms.py", "settings.py"])
def test_the_base_modules_import_no_layer(module):
    names = _imports(SRC / module)
    assert not any(
        n.startswith(("mailgql.graph", "mailgql.loaders", "mailgql.upstreams", "mailgql.emulators"))
        for n in names
    )


def test_secrets_named_in_adapters_never_appear_in_the_graph():
    # password hashes, SMTP passwords and API keys stop in the adapters
    for path in _modules("graph"):
        text = path.read_text()
        for word in ("smtp_pass", "smtp_user", "APIKey", "PreviewMyEmailAPIKey", "ClientPassword"):
            assert word not in text, f"{path.relative_to(SRC)} mentions {word}"


def test_the_graph_sends_no_write_itself():
    # writes belong to the data facades, which declare what each one makes stale
    offenders = [
        f"{path.relative_to(SRC)}:{node.lineno} reaches .{node.attr}"
        for path in _modules("graph")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute) and node.attr in {"client", "_client", "forget"}
    ]
    assert offenders == []


def test_the_graph_holds_no_hidden_backend():
    # a platform is chosen one way: platform_graph(info, platform), never an object's strategy
    offenders = [
        f"{path.relative_to(SRC)}:{node.lineno}"
        for path in _modules("graph")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute | ast.Name)
        and (getattr(node, "attr", None) or getattr(node, "id", None)) in {"_backend", "_content"}
    ]
    assert offenders == []
