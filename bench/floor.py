"""The floor of ``bench/mix.py``: the v2 documents' upstream calls made directly by aiohttp.

No gateway: one GET of 50 sub-accounts, then every account's inherited lists (Q1a; Q1 adds its
segments and newsletters) at once, each answer decoded from JSON. This process is both the load
driver and the thing measured, so its own CPU time per query is the floor's cost. Started by
``bench/mix.py``, which reads the one JSON line it prints; alone:
``.venv/bin/python bench/floor.py --query Q1a --emulator http://127.0.0.1:8100`` against
``mailgql emulate --size large``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os

import aiohttp
from _load import ProcessProbe, alone, drive

PATHS = {
    "Q1a": ("/Users/InheritLists",),
    "Q1": ("/Users/InheritLists", "/Users/InheritSegments", "/Users/InheritNewsletters"),
}
ACCOUNTS = 50


async def _run(args: argparse.Namespace) -> dict[str, object]:
    emulator = args.emulator.rstrip("/")
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.get(f"{emulator}/_emulator") as response:
            env = (await response.json())["gateway_env"]
        base = env["MAILGQL_V2REST_URL"]
        headers = {
            "apiusername": env["MAILGQL_V2REST_USERNAME"],
            "apitoken": env["MAILGQL_V2REST_TOKEN"],
        }

        async def get(path: str, **params: str | int) -> list[dict[str, object]]:
            async with session.get(base + path, params=params, headers=headers) as response:
                response.raise_for_status()
                data: list[dict[str, object]] = (await response.json())["data"]
                return data

        async def unit(_: int) -> None:
            accounts = await get("/Users/SubAccounts", limit=ACCOUNTS, offset=0)
            await asyncio.gather(
                *(
                    get(path, accountName=str(account["username"]), limit=1000, offset=0)
                    for account in accounts
                    for path in PATHS[args.query]
                )
            )

        async def calls() -> int:
            async with session.get(f"{emulator}/_emulator/requests") as response:
                total: int = (await response.json())["total"]
                return total

        probe = ProcessProbe(os.getpid())
        window, cpu = await drive(
            unit,
            concurrency=args.concurrency,
            seconds=args.seconds,
            warmup=args.warmup,
            probe=probe,
        )
        before = await calls()
        alone_ms, ran = await alone(unit, runs=args.alone, budget=args.alone_budget)
        per_query = (await calls() - before) / ran
    done = len(window.latencies)
    return {
        "per_second": window.per_second,
        "p50": window.percentile_ms(50),
        "p90": window.percentile_ms(90),
        "p99": window.percentile_ms(99),
        "alone_ms": alone_ms,
        "calls": per_query,
        "cpu_ms": cpu * 1000 / done if done else float("nan"),
        "rss_mb": probe.peak_rss_mb(),
        "errors": window.errors,
        "first_error": window.first_error,
    }


def main() -> None:
    """Run the floor once and print its figures as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--query", choices=sorted(PATHS), default="Q1a")
    parser.add_argument("--emulator", required=True, help="the emulators' base URL")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--alone", type=int, default=10)
    parser.add_argument("--alone-budget", type=float, default=5)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(_run(args))))


if __name__ == "__main__":
    main()
