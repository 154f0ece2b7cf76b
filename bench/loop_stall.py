"""Benchmark (issue 15): does the largest query the default limits allow stall the event loop?

Run by hand, never by the tests::

    .venv/bin/python bench/loop_stall.py [--runs 3] [--poll-ms 10] [--only wide,deep]
                                         [--gateway-env MAILGQL_MAX_COST=60000 ...]

It starts ``mailgql emulate --size large`` and ``mailgql serve --insecure-no-auth`` (default
limits; its caches as ``--gateway-env`` says) in processes of their own on 127.0.0.1. For each
query below, each run, it sends the query and meanwhile polls ``GET /healthz`` every
``--poll-ms`` from a thread of its own (one kept-alive connection; the answer is read as bytes
and decoded only once the polling stopped, so this process adds no stall of its own). Each
query runs cold (every read goes upstream: ``MAILGQL_CACHE_TTL=0``) and warm (the gateway's
read cache filled by the run before; a comment makes each document new, so no kept answer is
served). It prints one markdown table: per query and cache, the answer's status, size and
time, its cost, and the largest and the median ``/healthz`` latency seen while it ran (the
largest over the runs).

The queries, each as large as the default limits allow (cost 60 000, 10 root fields, 10
aliases, depth 12, a body of 1 MB, and 500 upstream calls per operation,
``MAILGQL_MAX_UPSTREAM_CALLS``):

- ``wide``: 10 aliased root fields, each 499 v2 accounts with every field and 11 inherited lists
  each with every field (cost 10 × (499 + 499 × 11) = 59 880; 500 upstream calls, shared by
  the aliases): the emulators' data is sparse, so aliases are the way to an answer as large as
  the cost allows;
- ``deep``: 499 v2 accounts with every field and 119 inherited lists each (499 + 499 × 119);
- ``flood``: 166 v2 accounts with every relation of an account and 10 aliased copies of one
  (18 fields per account waiting on reads, woken together; 499 upstream calls);
- ``body``: ``nodes(ids:)`` with as many v2 account IDs (repeated) as fit in a 1 MB body.

Every process started here is stopped before it returns; every wait is bounded in time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mix import _free_port, _process

BENCH = Path(__file__).resolve().parent
STARTUP_SECONDS = 60.0
"""How long a started process may take to answer before the run gives up."""
ANSWER_SECONDS = 300.0
"""How long one query may take before the run gives up."""
MAX_BODY_BYTES = 1_000_000
"""The default request body limit the ``body`` query fills."""

ACCOUNT = (
    "id platform username name email phone timezone status createdAt lastLoginAt accountType "
    "suspendedAt trialDays"
)
LIST = (
    "id platform legacyId name description ownerName ownerEmail replyToEmail companyName "
    "createdAt doubleOptIn subscriberCount unsubscribedCount bouncedCount"
)


def _defaults() -> Any:
    from mailgql.settings import Settings

    return Settings.model_construct()


def _page(relations: int) -> int:
    """The largest page of accounts whose ``relations`` reads each fit the call budget."""
    return (_defaults().max_upstream_calls - 1) // relations


def _wide(_: list[str]) -> str:
    limits = _defaults()
    roots, page = limits.max_root_fields, _page(1)
    lists = (limits.max_cost // roots - page) // page
    field = (
        f"accounts(platform: V2REST, first: {page}) {{ totalCount nodes {{ {ACCOUNT} "
        f"inheritedLists(first: {lists}) {{ totalCount nodes {{ {LIST} }} }} }} }}"
    )
    return "{ " + " ".join(f"a{i}: {field}" for i in range(roots)) + " }"


def _deep(_: list[str]) -> str:
    page = _page(1)
    lists = (_defaults().max_cost - page) // page
    return (
        f"{{ accounts(platform: V2REST, first: {page}) {{ totalCount nodes {{ {ACCOUNT} "
        f"inheritedLists(first: {lists}) {{ totalCount nodes {{ {LIST} }} }} }} }} }}"
    )


def _flood(_: list[str]) -> str:
    aliases = _defaults().max_aliases
    relations = (
        "parent { id } subAccounts(first: 1) { totalCount } "
        "inheritedLists(first: 1) { totalCount } inheritedSegments(first: 1) { totalCount } "
        "inheritedNewsletters(first: 1) { totalCount } campaigns(first: 1) { totalCount } "
        "lists(first: 1) { totalCount } quota { sendLimit }"
    )
    copies = " ".join(f"a{i}: inheritedLists(first: 1) {{ totalCount }}" for i in range(aliases))
    return (
        f"{{ accounts(platform: V2REST, first: {_page(3)}) {{ nodes {{ id {relations} "
        f"{copies} }} }} }}"
    )


def _body(ids: list[str]) -> str:
    head, tail = "{ nodes(ids: [", f"]) {{ id ... on Account {{ {ACCOUNT} }} }} }}"
    # In the JSON body each quoted ID gains two backslashes; leave room for the envelope.
    room = MAX_BODY_BYTES - len(head) - len(tail) - 200
    quoted = [json.dumps(i) for i in ids]
    chosen: list[str] = []
    size = 0
    while size + len(quoted[len(chosen) % len(quoted)]) + 3 <= room:
        item = quoted[len(chosen) % len(quoted)]
        chosen.append(item)
        size += len(item) + 3
    return head + ",".join(chosen) + tail


QUERIES: dict[str, Callable[[list[str]], str]] = {
    "wide": _wide,
    "deep": _deep,
    "flood": _flood,
    "body": _body,
}


@dataclass(frozen=True, slots=True)
class Run:
    """One query sent once, and what ``/healthz`` did meanwhile."""

    status: int
    bytes: int
    seconds: float
    polls: list[float]
    errors: list[str]


def _request(
    port: int, method: str, path: str, body: bytes | None = None, timeout: float = 10.0
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _wait(child: subprocess.Popen[bytes], port: int, path: str, log: Path) -> bytes:
    """Poll ``path`` until it answers 200, the child dies, or STARTUP_SECONDS pass."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise SystemExit(f"{child.args!r} exited early:\n{log.read_text()[-2000:]}")
        try:
            status, body = _request(port, "GET", path, timeout=2)
            if status == 200:
                return body
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{child.args!r} did not answer {path} in {STARTUP_SECONDS:.0f} s")


def _poll(port: int, every: float, stop: threading.Event, latencies: list[float]) -> None:
    """GET /healthz every ``every`` seconds until ``stop``; keep each answer's latency."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=ANSWER_SECONDS)
    try:
        while not stop.is_set():
            started = time.perf_counter()
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            response.read()
            latencies.append(time.perf_counter() - started)
            stop.wait(every)
    finally:
        connection.close()


def _send(port: int, document: str, every: float) -> Run:
    body = json.dumps({"query": document}).encode()
    latencies: list[float] = []
    stop = threading.Event()
    poller = threading.Thread(target=_poll, args=(port, every, stop, latencies), daemon=True)
    poller.start()
    started = time.perf_counter()
    try:
        status, answer = _request(port, "POST", "/graphql", body, timeout=ANSWER_SECONDS)
    finally:
        seconds = time.perf_counter() - started
        stop.set()
        poller.join(timeout=ANSWER_SECONDS)
    decoded: dict[str, Any] = json.loads(answer)
    errors = [str(e.get("message"))[:120] for e in decoded.get("errors") or []]
    return Run(status, len(answer), seconds, latencies, errors)


def _cost(document: str) -> int:
    from graphql import get_operation_ast, parse

    from mailgql.graph import build_schema
    from mailgql.limits import measure_operation

    schema = build_schema()._schema
    parsed = parse(document)
    operation = get_operation_ast(parsed)
    assert operation is not None
    return measure_operation(schema, parsed, operation, {}, max_page_size=500).cost


def _gateway(
    emulator_env: dict[str, str], extra: dict[str, str]
) -> tuple[list[str], dict[str, str], int]:
    """How to start ``mailgql serve`` on a free port against the emulators."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILGQL_")}
    env |= emulator_env | {"MAILGQL_LOG_LEVEL": "WARNING", "MAILGQL_RATE_LIMIT": "0"}
    env |= extra
    argv = [sys.executable, "-m", "mailgql", "serve", "--port", str(port), "--insecure-no-auth"]
    return argv, env, port


def _calls(emulator: int) -> int:
    status, body = _request(emulator, "GET", "/_emulator/requests")
    total: int = json.loads(body)["total"]
    return total


def _measure(
    name: str,
    cache: str,
    args: argparse.Namespace,
    emulator: tuple[int, dict[str, str]],
    logs: Path,
) -> list[str]:
    emulator_port, emulator_env = emulator
    extra = {"MAILGQL_CACHE_TTL": "0" if cache == "cold" else "300"} | args.gateway_env
    argv, env, port = _gateway(emulator_env, extra)
    log = logs / f"gateway-{name}-{cache}.log"
    with _process(argv, env=env, log=log) as child:
        _wait(child, port, "/healthz", log)
        status, answer = _request(
            port,
            "POST",
            "/graphql",
            json.dumps(
                {"query": "{ accounts(platform: V2REST, first: 500) { nodes { id } } }"}
            ).encode(),
            timeout=ANSWER_SECONDS,
        )
        ids = [n["id"] for n in json.loads(answer)["data"]["accounts"]["nodes"]]
        document = QUERIES[name](ids)
        cost = _cost(document)
        runs: list[Run] = []
        if cache == "warm":
            _send(port, document + "\n# warm-up", args.poll_ms / 1000)
        before = _calls(emulator_port)
        for index in range(args.runs):
            runs.append(_send(port, f"{document}\n# run {index}", args.poll_ms / 1000))
        calls = (_calls(emulator_port) - before) / args.runs
    worst = max(max(r.polls, default=0.0) for r in runs)
    median = (
        statistics.median(p for r in runs for p in r.polls) if any(r.polls for r in runs) else 0
    )
    last = runs[-1]
    return [
        name,
        cache,
        f"{len(document.encode()) / 1000:.0f} kB",
        f"{cost:,}",
        str(last.status),
        f"{statistics.median(r.bytes for r in runs) / 1e6:.1f} MB",
        f"{statistics.median(r.seconds for r in runs) * 1000:.0f}",
        f"{median * 1000:.1f}",
        f"**{worst * 1000:.0f}**",
        str(sum(len(r.polls) for r in runs)),
        f"{calls:.0f}",
        str(len(last.errors)),
    ]


def _pairs(values: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for value in values:
        key, _, setting = value.partition("=")
        if not key.startswith("MAILGQL_") or not _:
            raise SystemExit(f"--gateway-env wants MAILGQL_NAME=value, not {value!r}")
        found[key] = setting
    return found


def main() -> None:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per query and cache")
    parser.add_argument("--poll-ms", type=float, default=10.0, help="pause between polls")
    parser.add_argument("--only", default=",".join(QUERIES), help="queries to run")
    parser.add_argument("--caches", default="cold,warm", help="cold, warm or both")
    parser.add_argument("--gateway-env", nargs="*", default=[], help="MAILGQL_NAME=value")
    args = parser.parse_args()
    args.gateway_env = _pairs(args.gateway_env)
    logs = Path(tempfile.mkdtemp(prefix="mailgql-loop-stall-"))
    port = _free_port()
    argv = [sys.executable, "-m", "mailgql", "emulate", "--port", str(port), "--size", "large"]
    rows: list[list[str]] = []
    with _process(argv, env=dict(os.environ), log=logs / "emulate.log") as child:
        index = json.loads(_wait(child, port, "/_emulator", logs / "emulate.log"))
        emulator_env: dict[str, str] = index["gateway_env"]
        for name in args.only.split(","):
            for cache in args.caches.split(","):
                print(f"  {name} {cache} ...", file=sys.stderr)
                rows.append(_measure(name, cache, args, (port, emulator_env), logs))
    header = [
        "query",
        "cache",
        "document",
        "cost",
        "status",
        "answer",
        "answer ms",
        "/healthz median ms",
        "/healthz max ms",
        "polls",
        "upstream calls",
        "errors",
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nlogs: {logs}", file=sys.stderr)


if __name__ == "__main__":
    main()
