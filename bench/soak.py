"""Soak (issue 15 item 8): mailgql under steady load with injected upstream faults.

Run by hand, never by the tests::

    .venv/bin/python bench/soak.py [--concurrency 64] [--seconds 60] [--fault-rate 0.05]
                                   [--seed 15] [--read-retries 2,0] [--breaker-failures 0]

It starts ``mailgql emulate --size large`` in its own process and arms, on every platform, a
503 for ``--fault-rate`` of the requests (the emulator's ``rate``, seeded). Then, for each
``--read-retries`` value, a fresh gateway as ``mailgql serve`` builds it (``_load.mailgql_app``
under uvicorn) with caches, shared reads and the rate limit off, so every query goes upstream,
and the breaker at ``--breaker-failures`` (0: off, so 5 % faults do not turn into more). The
driver keeps ``--concurrency`` queries of a mix in flight for ``--seconds``:

- Q4: one v2 account by ``node(id:)``;
- v2: five v2 sub-accounts' names;
- mm: the Maxmailer account's username and type.

It samples the gateway's RSS every second (start, max, end, and the least-squares slope over
the last 40 s), counts answers with errors per query, reads the emulator's request counter and
the faults it injected, and at the end checks the gateway is alive and ``/healthz`` answers.
Expected errors: each query's upstream calls ``k`` are counted alone before the faults are armed;
a call fails for good with ``p ** (1 + retries)``, a query with ``1 - (1 - that) ** k``.
Every process started here is stopped before it returns; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import psutil
from _load import cpu_count
from mix import BENCH, DOCUMENTS, STARTUP_SECONDS, _free_port, _process, _wait_ready

MIX = {
    "Q4": DOCUMENTS["Q4"],
    "v2": "query V2 { me(platform: V2REST) { subAccounts(first: 5) { nodes { username } } } }",
    "mm": "query MM { me(platform: MAXMAILER) { username accountType } }",
}
SLOPE_SECONDS = 40
"""The RSS slope is taken over this many last seconds of the window."""


@dataclass(slots=True)
class Tally:
    """What one query of the mix saw in the window."""

    calls: float = 0.0
    queries: int = 0
    errors: int = 0
    first_error: str | None = None


@dataclass(slots=True)
class Phase:
    """One gateway under the soak."""

    retries: int
    tallies: dict[str, Tally] = field(default_factory=lambda: {q: Tally() for q in MIX})
    rss_mb: list[float] = field(default_factory=list)
    upstream: int = 0
    injected: int = 0
    alive: bool = False
    healthz: str = ""
    cpu_seconds: float = 0.0


async def _post(
    session: aiohttp.ClientSession, url: str, document: str, variables: dict[str, Any]
) -> str | None:
    """One query; the error it answered with (None: a clean answer)."""
    try:
        async with session.post(url, json={"query": document, "variables": variables}) as r:
            text = await r.read()
            if r.status != 200:
                return f"HTTP {r.status}: {text[:200]!r}"
    except (aiohttp.ClientError, TimeoutError) as exc:
        return f"{type(exc).__name__}: {exc}"
    answer = json.loads(text)
    if answer.get("errors"):
        return json.dumps(answer["errors"])[:300]
    return None


async def _emulator(session: aiohttp.ClientSession, emulator: str, path: str) -> Any:
    async with session.get(f"{emulator}{path}") as response:
        return await response.json()


def _slope_mb_per_min(samples: list[float]) -> float:
    """Least-squares slope of one-second samples, in MB per minute."""
    n = len(samples)
    if n < 2:
        return 0.0
    mean_x, mean_y = (n - 1) / 2, sum(samples) / n
    num = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(samples))
    den = sum((x - mean_x) ** 2 for x in range(n))
    return num / den * 60


async def _phase(
    retries: int, emulator: str, env: dict[str, str], args: argparse.Namespace, logs: Path
) -> Phase:
    phase = Phase(retries=retries)
    port = _free_port()
    argv = [sys.executable, "-m", "uvicorn", "--factory", "_load:mailgql_app"]
    argv += ["--app-dir", str(BENCH), "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--log-level", "warning", "--no-access-log"]
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/graphql"
    log = logs / f"mailgql-retries-{retries}.log"
    gateway_env = env | {"MAILGQL_READ_RETRIES": str(retries)}
    connector = aiohttp.TCPConnector(limit=args.concurrency + 4)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await session.delete(f"{emulator}/_emulator/faults")
        with _process(argv, env=gateway_env, log=log) as child:
            await _wait_ready(session, child, url, log)
            document = "{ accounts(platform: V2REST, first: 1) { nodes { id } } }"
            async with session.post(url, json={"query": document}) as response:
                node_id = (await response.json())["data"]["accounts"]["nodes"][0]["id"]
            variables = {"Q4": {"id": node_id}, "v2": {}, "mm": {}}
            for name, query in MIX.items():  # calls per query, alone and without faults
                before = (await _emulator(session, emulator, "/_emulator/requests"))["total"]
                for _ in range(5):
                    error = await _post(session, url, query, variables[name])
                    if error:
                        raise SystemExit(f"{name} fails without faults: {error}")
                after = (await _emulator(session, emulator, "/_emulator/requests"))["total"]
                phase.tallies[name].calls = (after - before) / 5
            for platform in ("v2rest", "maxmailer", "oempro"):
                spec = {"platform": platform, "kind": "status", "status": 503, "count": None}
                spec |= {"rate": args.fault_rate, "seed": args.seed}
                async with session.post(f"{emulator}/_emulator/faults", json=spec) as response:
                    response.raise_for_status()
            await session.post(f"{emulator}/_emulator/requests/reset")

            process = psutil.Process(child.pid)
            cpu_start = sum(process.cpu_times()[:2])
            started = time.monotonic()
            window_end = started + args.seconds
            names = list(MIX)

            async def worker(index: int) -> None:
                turn = index
                while time.monotonic() < window_end:
                    name = names[turn % len(names)]
                    turn += 1
                    error = await _post(session, url, MIX[name], variables[name])
                    tally = phase.tallies[name]
                    tally.queries += 1
                    if error:
                        tally.errors += 1
                        tally.first_error = tally.first_error or error

            async def sampler() -> None:
                tick = started
                while tick <= window_end:
                    phase.rss_mb.append(process.memory_info().rss / 1e6)
                    tick += 1.0
                    await asyncio.sleep(max(0.0, tick - time.monotonic()))

            tasks = [asyncio.create_task(worker(i)) for i in range(args.concurrency)]
            await sampler()
            await asyncio.wait(tasks, timeout=60)
            for task in tasks:
                task.cancel()
            phase.cpu_seconds = sum(process.cpu_times()[:2]) - cpu_start
            phase.upstream = (await _emulator(session, emulator, "/_emulator/requests"))["total"]
            armed = (await _emulator(session, emulator, "/_emulator/faults"))["faults"]
            phase.injected = sum(f["injected"] for f in armed)
            phase.alive = child.poll() is None and process.is_running()
            try:
                async with session.get(f"{base}/healthz") as response:
                    phase.healthz = f"{response.status} {(await response.text())[:80]}"
            except (aiohttp.ClientError, TimeoutError) as exc:
                phase.healthz = f"no answer: {exc}"
        await session.delete(f"{emulator}/_emulator/faults")
    return phase


def _report(phase: Phase, args: argparse.Namespace) -> str:
    p = args.fault_rate
    per_call = p ** (1 + phase.retries)
    rss = phase.rss_mb
    tail = rss[-SLOPE_SECONDS:]
    total = sum(t.queries for t in phase.tallies.values())
    errors = sum(t.errors for t in phase.tallies.values())
    expected_total = 0.0
    lines = [
        f"### MAILGQL_READ_RETRIES={phase.retries}, breaker failures {args.breaker_failures}",
        "",
        "| query | calls/query (alone) | queries | errors | error % seen | error % expected |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, tally in phase.tallies.items():
        expected = 1 - (1 - per_call) ** tally.calls
        expected_total += expected * tally.queries
        seen = tally.errors / tally.queries if tally.queries else 0.0
        lines.append(
            f"| {name} | {tally.calls:.1f} | {tally.queries} | {tally.errors} "
            f"| {seen * 100:.2f} | {expected * 100:.2f} |"
        )
    lines.append(
        f"| all | | {total} | {errors} | {errors / max(total, 1) * 100:.2f} "
        f"| {expected_total / max(total, 1) * 100:.2f} ({expected_total:.0f} errors) |"
    )
    lines += [
        "",
        f"- {total / args.seconds:.0f} q/s; gateway CPU {phase.cpu_seconds:.0f} s "
        f"in {args.seconds:.0f} s",
        f"- upstream calls {phase.upstream}, faults injected {phase.injected} "
        f"({phase.injected / max(phase.upstream, 1) * 100:.2f} % of calls, armed {p * 100:g} %)",
        f"- RSS MB: start {rss[0]:.0f}, max {max(rss):.0f}, end {rss[-1]:.0f}; slope over the "
        f"last {len(tail)} s {_slope_mb_per_min(tail):+.2f} MB/min ({len(rss)} samples)",
        f"- alive at the end: {phase.alive}; /healthz: {phase.healthz}",
    ]
    for name, tally in phase.tallies.items():
        if tally.first_error:
            lines.append(f"- first error of {name}: {tally.first_error}")
    return "\n".join(lines)


async def _run(args: argparse.Namespace, logs: Path) -> list[Phase]:
    port = _free_port()
    emulator = f"http://127.0.0.1:{port}"
    argv = [sys.executable, "-m", "mailgql", "emulate", "--port", str(port), "--size", "large"]
    phases: list[Phase] = []
    with _process(argv, env=dict(os.environ), log=logs / "emulate.log") as child:
        deadline = time.monotonic() + STARTUP_SECONDS
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            while True:
                if child.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the emulators did not start; see {logs}")
                try:
                    found = await _emulator(session, emulator, "/_emulator")
                    break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.2)
        env = {k: v for k, v in os.environ.items() if not k.startswith("MAILGQL_")}
        env |= found["gateway_env"] | {"MAILGQL_GRAPHIQL": "false", "MAILGQL_LOG_LEVEL": "WARNING"}
        env |= {"MAILGQL_CACHE_TTL": "0", "MAILGQL_COALESCE": "false", "MAILGQL_RATE_LIMIT": "0"}
        env |= {"MAILGQL_BREAKER_FAILURES": str(args.breaker_failures)}
        for retries in args.read_retries:
            print(f"retries {retries} ...", file=sys.stderr)
            phases.append(await _phase(retries, emulator, env, args, logs))
        if child.poll() is not None:
            raise SystemExit(f"the emulators exited during the soak; see {logs}")
    return phases


def main() -> None:
    """Soak the gateway once per retry setting and print one section per run."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--fault-rate", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument(
        "--read-retries",
        type=lambda text: [int(part) for part in text.split(",") if part.strip()],
        default=[2, 0],
        help="one soak per value, e.g. 2,0",
    )
    parser.add_argument("--breaker-failures", type=int, default=0)
    args = parser.parse_args()
    logs = Path(tempfile.mkdtemp(prefix="mailgql-soak-"))
    print(f"logs of the started processes: {logs}", file=sys.stderr)
    print(
        f"machine: {cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start; "
        f"concurrency {args.concurrency}, {args.seconds:.0f} s, "
        f"{args.fault_rate * 100:g} % injected 503s on every platform"
    )
    for phase in asyncio.run(_run(args, logs)):
        print()
        print(_report(phase, args))
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")
    shutil.rmtree(logs, ignore_errors=True)


if __name__ == "__main__":
    main()
