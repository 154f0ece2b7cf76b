"""Benchmark: the gateway's own CPU per query on Q1a or Q1, in-process, optionally profiled.

Run by hand, never by the tests::

    .venv/bin/python bench/profile_q1.py [--query Q1a] [--runs 200] [--concurrency 4]
                                         [--profile out.html | --profile out.txt]
                                         [--gc default|freeze|tuned|off]

It starts ``mailgql emulate --size large --latency-ms 0`` in a process of its own, builds the
gateway app in this process from the emulators' settings (as ``mailgql serve`` would), and
posts the query through ``httpx.ASGITransport`` (no gateway socket): ``concurrency`` workers
until ``runs`` queries have answered. It prints this process's CPU time per query (user plus
system, which includes the in-process client's share, about 2 ms per query), and the wall
time per query. With ``--profile`` it runs the measured queries under pyinstrument and
writes its report (HTML for ``.html``, text otherwise). ``--gc`` measures the cyclic garbage
collector's share: ``freeze`` moves everything alive after the warm-up out of its reach (as an
app could once started), ``tuned`` also collects young objects less often, ``off`` switches it
off. The emulators' process is stopped before it returns.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import httpx
from mix import DOCUMENTS, STARTUP_SECONDS, _free_port

BENCH = Path(__file__).resolve().parent
TUNED_THRESHOLDS = (20_000, 10, 10)
"""``gc.set_threshold`` of ``--gc tuned``: a young collection every 20,000 allocations, not 700."""


def _start_emulators(port: int) -> tuple[subprocess.Popen[bytes], dict[str, str]]:
    argv = [sys.executable, "-m", "mailgql", "emulate", "--port", str(port), "--size", "large"]
    argv += ["--latency-ms", "0"]
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise SystemExit("the emulators exited early")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_emulator", timeout=5) as answer:
                env: dict[str, str] = json.loads(answer.read())["gateway_env"]
                return child, env
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    child.terminate()
    raise SystemExit("the emulators did not start")


async def _emulator_calls(emulator: str) -> int:
    """Calls the emulators have answered so far."""
    async with httpx.AsyncClient(base_url=emulator, timeout=10) as client:
        total: int = (await client.get("/_emulator/requests")).json()["total"]
        return total


async def _run(args: argparse.Namespace) -> str | None:
    """Measure (and profile) the queries; returns the profile's report, if one was asked."""
    from mailgql.app import create_app
    from mailgql.settings import load_settings

    app = create_app(load_settings(None))
    body = {"query": DOCUMENTS[args.query]}
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://gateway", timeout=60) as client,
    ):

        async def post() -> None:
            response = await client.post("/graphql", json=body)
            answer = response.json()
            if response.status_code != 200 or answer.get("errors"):
                raise SystemExit(f"the query failed: {response.text[:300]}")

        async def batch(runs: int) -> None:
            remaining = [runs]

            async def worker() -> None:
                while remaining[0] > 0:
                    remaining[0] -= 1
                    await post()

            await asyncio.gather(*(worker() for _ in range(args.concurrency)))

        await batch(max(10, args.runs // 10))  # warm up imports, pools and the document cache
        if args.gc in ("freeze", "tuned"):
            gc.freeze()  # what the app could do once started: the heap so far is never scanned
        if args.gc == "tuned":
            gc.set_threshold(*TUNED_THRESHOLDS)
        elif args.gc == "off":
            gc.disable()
        profiler = None
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005, async_mode="disabled")
            profiler.start()
        calls = await _emulator_calls(args.emulator)
        cpu, wall = time.process_time(), time.perf_counter()
        await batch(args.runs)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        calls = await _emulator_calls(args.emulator) - calls
        report = None
        if profiler is not None:
            profiler.stop()
            if args.profile.endswith(".html"):
                report = profiler.output_html()
            else:
                report = profiler.output_text(unicode=False, show_all=False)
    print(
        f"{args.query}: {args.runs} queries, concurrency {args.concurrency}: "
        f"CPU {cpu * 1000 / args.runs:.1f} ms/query, wall {wall * 1000 / args.runs:.1f} ms/query, "
        f"{calls / args.runs:.1f} upstream calls/query" + (" (profiled)" if args.profile else "")
    )
    return report


def main() -> None:
    """Start the emulators, measure (and optionally profile) the gateway, stop them."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--query", default="Q1a", choices=["Q1a", "Q1"])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--profile", default=None, help="write a pyinstrument report here")
    parser.add_argument(
        "--gc",
        choices=["default", "freeze", "tuned", "off"],
        default="default",
        help="after the warm-up: leave the collector, gc.freeze() the heap, freeze it and raise "
        "the thresholds (TUNED_THRESHOLDS), or switch the collector off",
    )
    args = parser.parse_args()
    port = _free_port()
    child, env = _start_emulators(port)
    args.emulator = f"http://127.0.0.1:{port}"
    try:
        for name in [k for k in os.environ if k.startswith("MAILGQL_")]:
            del os.environ[name]
        os.environ.update(env | {"MAILGQL_GRAPHIQL": "false", "MAILGQL_LOG_LEVEL": "WARNING"})
        # Cold, as bench/mix.py runs it: every query does all of its work.
        os.environ.update({"MAILGQL_CACHE_TTL": "0", "MAILGQL_COALESCE": "false"})
        report = asyncio.run(_run(args))
        if report is not None:
            Path(args.profile).write_text(report)
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(timeout=10)


if __name__ == "__main__":
    main()
