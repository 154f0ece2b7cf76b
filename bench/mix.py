"""Benchmark (issue 14): the query mix against mailgql, a naive baseline and a floor.

Run by hand, never by the tests::

    .venv/bin/python bench/mix.py [--latency-ms 0,20] [--concurrency 16,4] [--seconds 10]
                                  [--warmup 2] [--only Q1a,Q1] [--targets mailgql,naive,floor]
                                  [--gateway-env MAILGQL_UPSTREAM_CONCURRENCY=16 ...]

For each upstream latency (paired with a concurrency), it starts ``mailgql emulate --size
large --latency-ms L`` in its own process, then for every query of the mix and every target
a fresh target process: mailgql under uvicorn (``_load.mailgql_app``, as ``mailgql serve``
builds it, access log off), the naive baseline (``bench/naive_gateway.py``), or the floor
(``bench/floor.py``, the same upstream calls straight from aiohttp). ``--gateway-env``
sets a ``MAILGQL_*`` setting of the mailgql target (e.g. its transport or calls in flight).
The load driver (aiohttp, in this process) keeps ``concurrency`` queries in flight for a
warm-up, then for the measured window; then it times queries one at a time. One markdown
table per latency:

- q/s, p50/p90/p99: queries completed in the window and their latencies;
- alone: the median of up to ``--alone`` queries one after another (within ``--alone-budget`` s);
- calls: upstream calls per query during those, from the emulators' counter;
- CPU ms: the target process's own user+system CPU time in the window per query completed;
- RSS: the target process's peak RSS in the window (Linux VmHWM, reset at the window's start).

Then mailgql's ratios to the naive baseline and to the floor on the queries they both answer.
Every process started here is stopped before it returns; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from _load import ProcessProbe, Unit, alone, cpu_count, drive

BENCH = Path(__file__).resolve().parent
STARTUP_SECONDS = 60.0
"""How long a started process may take to answer before the run gives up."""

_SUB_ACCOUNTS = "me(platform: V2REST) { subAccounts(first: 50) { nodes { username"
_LISTS = "inheritedLists { totalCount nodes { name subscriberCount } }"
DOCUMENTS = {
    "Q1": f"""query Q1 {{ {_SUB_ACCOUNTS} {_LISTS}
  inheritedSegments {{ totalCount nodes {{ name }} }}
  inheritedNewsletters {{ totalCount nodes {{ name }} }} }} }} }} }}""",
    "Q1a": f"query Q1a {{ {_SUB_ACCOUNTS} {_LISTS} }} }} }} }}",
    "Q2": """query Q2 { me(platform: MAXMAILER) { username accountType subAccounts { nodes {
  username accountType quota { sendLimit sendsAvailable sentThisPeriod subscribers }
  subAccounts { nodes { username accountType quota { sendLimit sendsAvailable subscribers } } }
} } } }""",
    "Q3": """query Q3 { campaigns(first: 25) { nodes { platform name subject status
  stats { sent bounced uniqueOpens uniqueClicks openRate } } } }""",
    "Q4": """query Q4($id: ID!) { node(id: $id) { id
  ... on Account { platform username name email status createdAt } } }""",
    "Q5_SUBSCRIBE": """mutation Q5s($input: SubscribeInput!) {
  subscribe(input: $input) { subscription { active } userErrors { code } } }""",
    "Q5_UNSUBSCRIBE": """mutation Q5u($input: UnsubscribeInput!) {
  unsubscribe(input: $input) { subscription { active } userErrors { code } } }""",
    "Q5_READ": """query Q5r($email: String!) {
  listSubscription(listId: "newsletter", email: $email) { email active subscribedAt } }""",
}
QUERIES = {
    "Q1": "50 v2 sub-accounts with inherited lists, segments and newsletters",
    "Q1a": "50 v2 sub-accounts with inherited lists (the 51-call shape)",
    "Q2": "the Maxmailer reseller tree (admin's accounts and theirs) with quotas",
    "Q3": "25 campaigns with stats across platforms",
    "Q4": "one v2 account by node(id:)",
    "Q5": "Maxmailer subscribe or unsubscribe of a bench address, then listSubscription",
}
BASELINES = {"naive": ("Q1", "Q1a"), "floor": ("Q1", "Q1a")}
"""The queries each comparison target answers; the rest are n/a for it."""
NOT_ANSWERED = {
    "naive": "the naive baseline is a v2-only first draft (Q1, Q1a)",
    "floor": "the floor makes the v2 documents' calls (Q1, Q1a) only",
}


@dataclass(slots=True)
class Row:
    """One query on one target at one latency."""

    query: str
    target: str
    per_second: float
    p50: float
    p90: float
    p99: float
    alone_ms: float
    calls: float
    cpu_ms: float
    rss_mb: float
    errors: int
    first_error: str | None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def _process(
    argv: list[str], *, env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """A child process with its output in ``log``; terminated (then killed) on the way out."""
    with log.open("wb") as out:
        child = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=BENCH)
        try:
            yield child
        finally:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(timeout=10)


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:]


async def _wait_ready(
    session: aiohttp.ClientSession, child: subprocess.Popen[bytes], url: str, log: Path
) -> None:
    """Poll ``url`` until it answers 2xx, the child dies, or STARTUP_SECONDS pass."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise SystemExit(f"{child.args!r} exited early:\n{_tail(log)}")
        try:
            async with session.post(url, json={"query": "{ __typename }"}) as response:
                if response.status < 300:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.2)
    raise SystemExit(f"{child.args!r} did not answer {url} in {STARTUP_SECONDS:.0f} s")


async def _emulator_calls(session: aiohttp.ClientSession, emulator: str) -> int:
    async with session.get(f"{emulator}/_emulator/requests") as response:
        total: int = (await response.json())["total"]
        return total


def _graphql_unit(session: aiohttp.ClientSession, url: str, query: str, node_id: str) -> Unit:
    """One query of the mix against a GraphQL endpoint; raises on an error or a refusal."""

    async def post(document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = {"query": DOCUMENTS[document], "variables": variables or {}}
        async with session.post(url, json=body) as response:
            text = await response.read()
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}: {text[:300]!r}")
        answer: dict[str, Any] = json.loads(text)
        if answer.get("errors"):
            raise RuntimeError(f"errors: {json.dumps(answer['errors'])[:300]}")
        return answer

    if query == "Q4":

        async def by_node(_: int) -> None:
            await post("Q4", {"id": node_id})

        return by_node

    if query == "Q5":
        subscribed: dict[int, bool] = {}

        async def write_then_read(worker: int) -> None:
            email = f"bench-{worker}@example.com"
            target = {"listId": "newsletter", "email": email}
            if subscribed.get(worker, False):
                answer = await post("Q5_UNSUBSCRIBE", {"input": target})
                payload = answer["data"]["unsubscribe"]
            else:
                answer = await post("Q5_SUBSCRIBE", {"input": target})
                payload = answer["data"]["subscribe"]
            if payload["userErrors"]:
                raise RuntimeError(f"refused: {payload['userErrors']}")
            subscribed[worker] = not subscribed.get(worker, False)
            await post("Q5_READ", {"email": email})

        return write_then_read

    async def read(_: int) -> None:
        await post(query)

    return read


async def _measure_gateway(
    *,
    target: str,
    query: str,
    emulator: str,
    env: dict[str, str],
    args: argparse.Namespace,
    concurrency: int,
    logs: Path,
) -> Row:
    port = _free_port()
    if target == "mailgql":
        app = ["--factory", "_load:mailgql_app"]
    else:
        app = ["naive_gateway:create_app", "--factory"]
    argv = [sys.executable, "-m", "uvicorn", *app, "--app-dir", str(BENCH)]
    argv += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    argv += ["--no-access-log"]
    url = f"http://127.0.0.1:{port}/graphql"
    log = logs / f"{target}-{query}.log"
    connector = aiohttp.TCPConnector(limit=concurrency + 2)
    timeout = aiohttp.ClientTimeout(total=60)
    with _process(argv, env=env, log=log) as child:
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            await _wait_ready(session, child, url, log)
            unit = _graphql_unit(session, url, query, args.node_id)
            probe = ProcessProbe(child.pid)
            window, cpu = await drive(
                unit,
                concurrency=concurrency,
                seconds=args.seconds,
                warmup=args.warmup,
                probe=probe,
            )
            rss = probe.peak_rss_mb()
            before = await _emulator_calls(session, emulator)
            alone_ms, ran = await alone(unit, runs=args.alone, budget=args.alone_budget)
            calls = (await _emulator_calls(session, emulator) - before) / ran
    done = len(window.latencies)
    return Row(
        query=query,
        target=target,
        per_second=window.per_second,
        p50=window.percentile_ms(50),
        p90=window.percentile_ms(90),
        p99=window.percentile_ms(99),
        alone_ms=alone_ms,
        calls=calls,
        cpu_ms=cpu * 1000 / done if done else math.nan,
        rss_mb=rss,
        errors=window.errors,
        first_error=window.first_error,
    )


def _measure_floor(
    *, query: str, emulator: str, args: argparse.Namespace, concurrency: int, logs: Path
) -> Row:
    argv = [sys.executable, str(BENCH / "floor.py"), "--query", query, "--emulator", emulator]
    argv += ["--concurrency", str(concurrency), "--seconds", str(args.seconds)]
    argv += ["--warmup", str(args.warmup), "--alone", str(args.alone)]
    argv += ["--alone-budget", str(args.alone_budget)]
    limit = args.warmup + args.seconds + args.alone_budget + 120
    log = logs / f"floor-{query}.err"
    with log.open("wb") as err:
        done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=err, timeout=limit, check=False)
    if done.returncode != 0:
        raise SystemExit(f"floor.py failed:\n{_tail(log)}")
    figures = json.loads(done.stdout.decode().strip().splitlines()[-1])
    return Row(query=query, target="floor", **figures)


async def _node_id(emulator: str, env: dict[str, str], logs: Path) -> str:
    """A v2 account's global ID for Q4, asked of a short-lived mailgql."""
    port = _free_port()
    argv = [sys.executable, "-m", "uvicorn", "--factory", "_load:mailgql_app"]
    argv += ["--app-dir", str(BENCH), "--port", str(port), "--log-level", "warning"]
    url = f"http://127.0.0.1:{port}/graphql"
    log = logs / "node-id.log"
    document = "{ accounts(platform: V2REST, first: 1) { nodes { id } } }"
    with _process(argv, env=env, log=log) as child:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
            await _wait_ready(session, child, url, log)
            async with session.post(url, json={"query": document}) as response:
                answer = await response.json()
    node_id: str = answer["data"]["accounts"]["nodes"][0]["id"]
    return node_id


async def _run_latency(
    latency: int, concurrency: int, args: argparse.Namespace, logs: Path
) -> list[Row]:
    port = _free_port()
    emulator = f"http://127.0.0.1:{port}"
    argv = [sys.executable, "-m", "mailgql", "emulate", "--port", str(port), "--size", "large"]
    argv += ["--latency-ms", str(latency)]
    rows: list[Row] = []
    with _process(argv, env=dict(os.environ), log=logs / f"emulate-{latency}.log") as child:
        deadline = time.monotonic() + STARTUP_SECONDS
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            while True:
                if child.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the emulators did not start; see {logs}")
                try:
                    async with session.get(f"{emulator}/_emulator") as response:
                        gateway_env: dict[str, str] = (await response.json())["gateway_env"]
                        break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.2)
        env = {k: v for k, v in os.environ.items() if not k.startswith("MAILGQL_")}
        env |= gateway_env | {"MAILGQL_GRAPHIQL": "false", "MAILGQL_LOG_LEVEL": "WARNING"}
        # Cold by default: every query does all of its work (no reads or answers kept, no
        # concurrent queries sharing a read); --gateway-env MAILGQL_CACHE_TTL=30 measures warm.
        env |= {"MAILGQL_CACHE_TTL": "0", "MAILGQL_COALESCE": "false", "MAILGQL_RATE_LIMIT": "0"}
        env |= args.gateway_env
        args.node_id = await _node_id(emulator, env, logs)
        for query in args.only:
            for target in args.targets:
                if target != "mailgql" and query not in BASELINES[target]:
                    continue
                started = time.perf_counter()
                if target == "floor":
                    row = _measure_floor(
                        query=query,
                        emulator=emulator,
                        args=args,
                        concurrency=concurrency,
                        logs=logs,
                    )
                else:
                    row = await _measure_gateway(
                        target=target,
                        query=query,
                        emulator=emulator,
                        env=env,
                        args=args,
                        concurrency=concurrency,
                        logs=logs,
                    )
                took = time.perf_counter() - started
                print(f"  {query} {target}: done in {took:.0f} s", file=sys.stderr)
                rows.append(row)
    return rows


def _table(latency: int, concurrency: int, rows: list[Row], args: argparse.Namespace) -> str:
    lines = [
        f"### {latency} ms upstream latency, concurrency {concurrency}",
        "",
        "| query | target | q/s | p50 ms | p90 ms | p99 ms | alone ms | calls/query "
        "| CPU ms/query | peak RSS MB | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.query} | {row.target} | {row.per_second:.1f} | {row.p50:.0f} "
            f"| {row.p90:.0f} | {row.p99:.0f} | {row.alone_ms:.0f} | {row.calls:.1f} "
            f"| {row.cpu_ms:.1f} | {row.rss_mb:.0f} | {row.errors} |"
        )
    for target in args.targets:
        if target == "mailgql":
            continue
        missing = [q for q in args.only if q not in BASELINES[target]]
        if missing:
            lines.append(f"\n{target}: {', '.join(missing)} n/a ({NOT_ANSWERED[target]}).")
    ratios = _ratios(rows)
    if ratios:
        lines += ["", *ratios]
    errors = [r for r in rows if r.first_error]
    for row in errors:
        lines.append(f"\nfirst error of {row.query} on {row.target}: {row.first_error}")
    return "\n".join(lines)


def _ratios(rows: list[Row]) -> list[str]:
    """mailgql / naive and mailgql / floor, per query both answer (> 1: mailgql costs more)."""
    found = {(r.query, r.target): r for r in rows}
    lines = []
    for (query, target), other in found.items():
        ours = found.get((query, "mailgql"))
        if target == "mailgql" or ours is None:
            continue
        lines.append(
            f"| {query} | mailgql / {target} | {ours.per_second / other.per_second:.2f} "
            f"| {ours.p50 / other.p50:.2f} | {ours.alone_ms / other.alone_ms:.2f} "
            f"| {ours.cpu_ms / other.cpu_ms:.2f} | {ours.rss_mb / other.rss_mb:.2f} |"
        )
    if not lines:
        return []
    header = [
        "| query | ratio | q/s | p50 | alone | CPU ms/query | peak RSS |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    return header + lines


def _csv_ints(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def _setting(text: str) -> tuple[str, str]:
    name, equals, value = text.partition("=")
    if not equals or not name.startswith("MAILGQL_"):
        raise argparse.ArgumentTypeError(f"expected MAILGQL_NAME=VALUE, got {text!r}")
    return name, value


def main() -> None:
    """Run the mix at each latency and print one table per latency."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--latency-ms", type=_csv_ints, default=[0, 20])
    parser.add_argument(
        "--concurrency",
        type=_csv_ints,
        default=[16, 4],
        help="one per latency, in order (one value: the same for all)",
    )
    parser.add_argument("--seconds", type=float, default=10, help="the measured window")
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--alone", type=int, default=10, help="queries timed one at a time")
    parser.add_argument("--alone-budget", type=float, default=5, help="seconds for those")
    parser.add_argument("--only", default=",".join(QUERIES), help="queries, e.g. Q1a,Q4")
    parser.add_argument("--targets", default="mailgql,naive,floor")
    parser.add_argument(
        "--gateway-env",
        type=_setting,
        action="append",
        default=[],
        metavar="MAILGQL_NAME=VALUE",
        help="a setting of the mailgql target (repeatable)",
    )
    args = parser.parse_args()
    args.gateway_env = dict(args.gateway_env)
    args.only = [q.strip() for q in args.only.split(",") if q.strip()]
    args.targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = sorted(set(args.only) - set(QUERIES)) + sorted(
        set(args.targets) - {"mailgql", *BASELINES}
    )
    if unknown:
        parser.error(f"unknown: {', '.join(unknown)}; queries {', '.join(QUERIES)}")
    concurrencies = args.concurrency
    if len(concurrencies) == 1:
        concurrencies = concurrencies * len(args.latency_ms)
    if len(concurrencies) != len(args.latency_ms):
        parser.error("give one --concurrency per --latency-ms, or one for all")

    logs = Path(tempfile.mkdtemp(prefix="mailgql-bench-"))
    print(f"logs of the started processes: {logs}", file=sys.stderr)
    for name, value in sorted(args.gateway_env.items()):
        print(f"- mailgql setting: {name}={value}")
    print(f"machine: {cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start")
    for query, description in QUERIES.items():
        if query in args.only:
            print(f"- {query}: {description}")
    for latency, concurrency in zip(args.latency_ms, concurrencies, strict=True):
        print(f"latency {latency} ms, concurrency {concurrency} ...", file=sys.stderr)
        rows = asyncio.run(_run_latency(latency, concurrency, args, logs))
        print()
        print(_table(latency, concurrency, rows, args))
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")
    shutil.rmtree(logs, ignore_errors=True)


if __name__ == "__main__":
    main()
