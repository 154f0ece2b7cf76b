"""The ``mailgql`` command: serve, demo, emulate, keys new, schema export/check."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from mailgql.cli_generated import (
    SCHEMA_FILE,
    SETTINGS_FILE,
    schema_check,
    schema_export,
    settings_check,
    settings_export,
)

if TYPE_CHECKING:
    from mailgql.settings import Settings

__all__ = ["CONFIG_FILE_ENV", "main", "serving_settings"]

CONFIG_FILE_ENV = "_MAILGQL_CONFIG_FILE"
"""The settings file of ``mailgql serve --config``, for the worker processes it starts (not a
``MAILGQL_*`` name: those are settings)."""

FIRST_QUERY = """{
  me(platform: V2REST) {
    username
    subAccounts(first: 3) {
      nodes { username status inheritedLists { nodes { name } } }
    }
  }
}"""


def _settings_or_exit(config: Path | None, **overrides: object):  # type: ignore[no-untyped-def]
    from mailgql.settings import SettingsError, load_settings

    try:
        return load_settings(config, **overrides)
    except SettingsError as exc:
        print(f"mailgql: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _logging(level: str, fmt: str = "text") -> None:
    from mailgql.telemetry import configure_logging

    configure_logging(level, "json" if fmt == "json" else "text")


MAX_WORKERS = 64

LOOPBACK = ("127.0.0.1", "localhost", "::1")

WORKERS_WITHOUT_REDIS = (
    "mailgql: warning: {n} workers without MAILGQL_REDIS_URL: each worker caches alone, so a "
    "write through one reaches another's cached reads and answers only when they expire "
    "(MAILGQL_CACHE_TTL), a persisted query is known only to the worker it was sent to, and "
    "each worker counts rate limits alone; set MAILGQL_REDIS_URL to share them"
)

NO_KEYS = (
    "mailgql: no API keys configured: set MAILGQL_API_KEYS (make one with 'mailgql keys new "
    "--role admin'), or pass --insecure-no-auth to serve without authentication"
)

INSECURE = (
    "INSECURE: --insecure-no-auth and no API keys: /graphql on %s:%d is open to anyone who "
    "reaches it, every query and mutation (account management included) runs as admin"
)


def _workers(text: str) -> int:
    try:
        workers = int(text)
    except ValueError:
        workers = 0
    if not 1 <= workers <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to {MAX_WORKERS}")
    return workers


def _access_or_exit(settings: Settings, *, insecure: bool, host: str, port: int) -> None:
    """Refuse to serve without API keys unless told to (then warn loudly); refuse a tenants
    file that is unusable or a key naming a tenant it does not define."""
    from mailgql.auth.tenants import check_key_tenants, load_tenants
    from mailgql.settings import SettingsError

    try:
        check_key_tenants(settings.api_keys, load_tenants(settings))
    except SettingsError as exc:
        print(f"mailgql: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    log = logging.getLogger("mailgql")
    if settings.api_keys:
        if insecure:
            log.warning("--insecure-no-auth ignored: API keys are configured")
        return
    if not insecure:
        print(NO_KEYS, file=sys.stderr)
        raise SystemExit(2)
    log.warning(INSECURE, host, port)


def serving_settings(settings: Settings) -> Settings:
    """The settings as ``mailgql serve`` runs with them: introspection is off unless
    ``MAILGQL_INTROSPECTION`` (or the settings file) turns it on."""
    if "introspection" in settings.model_fields_set:
        return settings
    return settings.model_copy(update={"introspection": False})


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = serving_settings(_settings_or_exit(args.config))
    _logging(settings.log_level, settings.log_format)
    _access_or_exit(settings, insecure=args.insecure_no_auth, host=args.host, port=args.port)
    if not settings.configured():
        print(
            "mailgql: no platform is configured; set MAILGQL_V2REST_URL (and its credentials) "
            "or run 'mailgql demo'",
            file=sys.stderr,
        )
    if args.workers == 1:
        from mailgql.app import create_app

        app = create_app(settings)
        # uvicorn's records go to the gateway's log handler (JSON lines by default); the
        # gateway logs each request itself, with its id, in place of uvicorn's access line.
        uvicorn.run(
            app, host=args.host, port=args.port, log_level="info", log_config=None, access_log=False
        )
        return 0
    if settings.redis_url is None:
        print(WORKERS_WITHOUT_REDIS.format(n=args.workers), file=sys.stderr)
    # Each worker loads the settings again, from the same environment and file.
    if args.config is not None:
        os.environ[CONFIG_FILE_ENV] = str(args.config.resolve())
    else:
        os.environ.pop(CONFIG_FILE_ENV, None)
    with _shared_metrics():
        uvicorn.run(
            "mailgql.app:app_from_environment",
            factory=True,
            workers=args.workers,
            host=args.host,
            port=args.port,
            log_level="info",
            log_config=None,
            access_log=False,
        )
    return 0


@contextmanager
def _shared_metrics() -> Iterator[None]:
    """The workers keep their metrics in files of one directory, so that /metrics, whichever
    worker answers it, sums them all: PROMETHEUS_MULTIPROC_DIR as given, or a new directory,
    removed when the server stops."""
    from mailgql.telemetry.metrics import MULTIPROCESS_ENV

    if os.environ.get(MULTIPROCESS_ENV):
        yield
        return
    directory = tempfile.mkdtemp(prefix="mailgql-metrics-")
    os.environ[MULTIPROCESS_ENV] = directory
    try:
        yield
    finally:
        os.environ.pop(MULTIPROCESS_ENV, None)
        shutil.rmtree(directory, ignore_errors=True)


def _demo(args: argparse.Namespace) -> int:
    import uvicorn

    from mailgql.app import create_app
    from mailgql.emulators import build_emulators

    emulators = build_emulators(seed=args.seed, size=args.size)
    base = f"http://{args.host}:{args.port}"
    legacy = f"{base}/legacy"
    overrides: dict[str, object] = {
        k.removeprefix("MAILGQL_").lower(): v for k, v in emulators.gateway_env(legacy).items()
    }
    # The demo is open whatever the environment says: it serves seeded data on this machine.
    overrides |= {"api_keys": (), "tenants_file": None}
    settings = _settings_or_exit(None, **overrides)
    # Readable lines on the demo's terminal, unless MAILGQL_LOG_FORMAT asks otherwise.
    _logging(
        settings.log_level,
        settings.log_format if "log_format" in settings.model_fields_set else "text",
    )
    app = create_app(settings)
    app.mount("/legacy", emulators.app)
    print(f"mailgql demo: GraphiQL at {base}/graphql")
    print(f"  open: no API key needed (a demo for {args.host} only; 'mailgql serve' needs keys)")
    if args.host not in LOOPBACK:
        print(
            f"  warning: listening on {args.host}: anyone who reaches it may use the demo and "
            "its emulator control routes"
        )
    print(f"  legacy emulators at {legacy} (request counts: {legacy}/_emulator/requests)")
    print("  a first query to paste:\n")
    print(FIRST_QUERY)
    print()
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", access_log=False)
    return 0


def _emulate(args: argparse.Namespace) -> int:
    import uvicorn

    from mailgql.emulators import Fault, build_emulators

    emulators = build_emulators(seed=args.seed, size=args.size)
    if args.latency_ms:
        for name in emulators.platforms:
            emulators.hub.faults.arm(
                Fault(platform=name, kind="latency", latency_ms=args.latency_ms, remaining=None)
            )
    base = f"http://{args.host}:{args.port}"
    print(f"mailgql emulators on {base} (seed {args.seed}, size {args.size})")
    for key, value in emulators.gateway_env(base).items():
        print(f"  {key}={value}")
    uvicorn.run(emulators.app, host=args.host, port=args.port, log_level="info", access_log=False)
    return 0


def _keys_new(args: argparse.Namespace) -> int:
    from mailgql.auth.keys import new_key
    from mailgql.auth.roles import Role

    key, entry = new_key(Role.parse(args.role), tenant=args.tenant, name=args.name)
    print(key)
    print(entry.entry)
    print(
        "mailgql: the first line is the key: give it to its user, it is shown only now; append "
        "the second line to MAILGQL_API_KEYS (entries separated by commas)",
        file=sys.stderr,
    )
    return 0


def _label(kind: str) -> Callable[[str], str]:
    from mailgql.auth.keys import check_label

    def parse(text: str) -> str:
        try:
            return check_label(kind, text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def _seeded_server_arguments(parser: argparse.ArgumentParser, *, port: int) -> None:
    """Where a server of seeded emulators listens, and what it is seeded with."""
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=port)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", choices=["small", "large"], default="small")


_Commands = argparse._SubParsersAction  # the type of ``add_subparsers()``


def _command(
    commands: _Commands[argparse.ArgumentParser],
    name: str,
    run: Callable[[argparse.Namespace], int],
    help: str,
) -> argparse.ArgumentParser:
    """The (sub)command ``name``, which calls ``run`` with the parsed arguments."""
    parser = commands.add_parser(name, help=help)
    parser.set_defaults(run=run)
    return parser


def _group(
    commands: _Commands[argparse.ArgumentParser], name: str, help: str
) -> _Commands[argparse.ArgumentParser]:
    """The command ``name`` made of subcommands (``mailgql <name> <subcommand>``)."""
    group = commands.add_parser(name, help=help)
    return group.add_subparsers(dest=f"{name}_command", required=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mailgql", description="One GraphQL graph over Oempro, v2 REST and Maxmailer."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = _command(sub, "serve", _serve, "run the gateway against the configured platforms")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--config", type=Path, help="a TOML file of settings")
    serve.add_argument(
        "--workers",
        type=_workers,
        default=1,
        metavar="N",
        help=f"worker processes, 1 to {MAX_WORKERS} (default 1); with more than one, set "
        "MAILGQL_REDIS_URL so that they share caches, invalidations and persisted queries",
    )
    serve.add_argument(
        "--insecure-no-auth",
        action="store_true",
        help="serve without API keys: anyone who reaches the port may query and mutate",
    )

    keys = _group(sub, "keys", "API keys")
    new = _command(
        keys, "new", _keys_new, "make a key: prints the key, then its MAILGQL_API_KEYS entry"
    )
    new.add_argument("--role", required=True, choices=["reader", "operator", "admin"])
    new.add_argument("--tenant", type=_label("tenant"), help="a tenant of MAILGQL_TENANTS_FILE")
    new.add_argument("--name", type=_label("name"), help="a label for people and logs")

    demo = _command(sub, "demo", _demo, "run the emulators and the gateway together, no setup")
    _seeded_server_arguments(demo, port=8000)

    emulate = _command(sub, "emulate", _emulate, "run the legacy API emulators alone")
    _seeded_server_arguments(emulate, port=8100)
    emulate.add_argument("--latency-ms", type=int, default=0, help="added to every answer")

    schema = _group(sub, "schema", "the schema file")
    export = _command(schema, "export", schema_export, "write schema.graphql from the code")
    export.add_argument("--path", type=Path, help="where to write (default: schema.graphql)")
    export.add_argument(
        "--federation",
        action="store_true",
        help="the Apollo Federation 2 subgraph SDL (_service { sdl }), to --path or else stdout",
    )
    check = _command(
        schema, "check", schema_check, "exit 1 if schema.graphql differs from the code"
    )
    check.add_argument("--path", type=Path, default=SCHEMA_FILE)

    reference = _group(sub, "settings", "the settings reference (docs/settings.md)")
    export = _command(reference, "export", settings_export, "write docs/settings.md from the code")
    export.add_argument("--path", type=Path, default=SETTINGS_FILE)
    check = _command(
        reference, "check", settings_check, "exit 1 if docs/settings.md differs from the code"
    )
    check.add_argument("--path", type=Path, default=SETTINGS_FILE)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    code: int = args.run(args)
    return code
