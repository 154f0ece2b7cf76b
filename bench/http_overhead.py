"""Benchmark: what the HTTP layer costs per request, with no platform behind it.

Run by hand: ``.venv/bin/python bench/http_overhead.py [--runs 400]``. Posts the headline v2
document in-process (``httpx.ASGITransport``, no network, no platform configured, so its one
root field fails fast with PLATFORM_NOT_CONFIGURED) and reports the median time per request:
once with the same text every time, and once with a different comment in each text, which no
document cache can serve.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

import httpx

from mailgql.app import create_app
from mailgql.settings import Settings

DOCUMENT = """query($n: Int) { me(platform: V2REST) { subAccounts(first: $n) { nodes {
  username inheritedLists { totalCount } inheritedSegments { totalCount }
  inheritedNewsletters { totalCount } } } } }"""


async def _median_ms(client: httpx.AsyncClient, runs: int, *, distinct: bool) -> float:
    timings = []
    for run in range(runs):
        text = f"{DOCUMENT}\n# {run}" if distinct else DOCUMENT
        started = time.perf_counter()
        response = await client.post("/graphql", json={"query": text, "variables": {"n": 20}})
        timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"the document failed: {response.text}")
    return statistics.median(timings) * 1000


async def _main(runs: int) -> None:
    app = create_app(Settings(rate_limit=0))  # the view alone, no rate limit
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://gateway") as client,
    ):
        await _median_ms(client, 20, distinct=False)  # warm up imports and caches
        same = await _median_ms(client, runs, distinct=False)
        distinct = await _median_ms(client, runs, distinct=True)
    print(f"runs={runs} per case, in-process, no platform")
    print(f"same document every time:     median {same:.2f} ms")
    print(f"a new document text each time: median {distinct:.2f} ms")


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=400)
    args = parser.parse_args()
    asyncio.run(_main(args.runs))


if __name__ == "__main__":
    main()
