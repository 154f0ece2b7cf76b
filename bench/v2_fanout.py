"""Benchmark: the headline v2 document over real HTTP, with upstream latency injected.

Run by hand: ``.venv/bin/python bench/v2_fanout.py [--accounts 20] [--latency-ms 20] [--runs 15]``.
Serves the emulators and the gateway on 127.0.0.1, injects a fixed latency into every v2 answer,
and reports the median wall time of the document, the upstream calls it made, and the ratio of
that time to the latency of one call (how much of the 1 + 3N fan-out runs concurrently).
"""

from __future__ import annotations

import argparse
import statistics
import time

import httpx

from mailgql.app import create_app
from mailgql.emulators import Fault, build_emulators, serve_in_thread
from mailgql.settings import Settings

DOCUMENT = """query($n: Int) { me(platform: V2REST) { subAccounts(first: $n) { nodes {
  username inheritedLists { totalCount } inheritedSegments { totalCount }
  inheritedNewsletters { totalCount } } } } }"""


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=20)
    parser.add_argument("--latency-ms", type=int, default=20)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    emulators = build_emulators(seed=1, size="large")
    emulators.hub.faults.arm(
        Fault(platform="v2rest", kind="latency", latency_ms=args.latency_ms, remaining=None)
    )
    with serve_in_thread(emulators.app) as upstream:
        env = emulators.gateway_env(upstream.url)
        settings = Settings(
            v2rest_url=env["MAILGQL_V2REST_URL"],
            v2rest_username=env["MAILGQL_V2REST_USERNAME"],
            v2rest_token=env["MAILGQL_V2REST_TOKEN"],
            upstream_concurrency=args.concurrency,
            rate_limit=0,
        )
        with serve_in_thread(create_app(settings)) as gateway, httpx.Client(timeout=60) as client:
            timings = []
            for _ in range(args.runs):
                emulators.hub.counter.reset()
                started = time.perf_counter()
                response = client.post(
                    f"{gateway.url}/graphql",
                    json={"query": DOCUMENT, "variables": {"n": args.accounts}},
                )
                timings.append(time.perf_counter() - started)
                if response.status_code != 200 or "errors" in response.json():
                    raise SystemExit(f"the document failed: {response.text}")
            calls = emulators.hub.counter.total("v2rest")
    median_ms = statistics.median(timings) * 1000
    print(f"accounts={args.accounts} latency={args.latency_ms}ms concurrency={args.concurrency}")
    print(f"upstream calls per document: {calls} (1 + 3 x {args.accounts})")
    print(f"median {median_ms:.1f} ms over {args.runs} runs; min {min(timings) * 1000:.1f} ms")
    print(f"ratio to one call's latency: {median_ms / args.latency_ms:.1f}x")
    serial = calls * args.latency_ms
    print(f"serial calls would take >= {serial} ms: {serial / median_ms:.1f}x slower")


if __name__ == "__main__":
    main()
