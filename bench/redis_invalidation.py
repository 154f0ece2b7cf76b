"""What one write's invalidation costs in Redis as the cache grows.

A Redis server of its own on 127.0.0.1 (``redis-server`` on the PATH, no persistence), one
``RedisBackend``: the key space is filled with ``--others`` entries of other kinds and scopes
(reads and answers tagged with them), plus ``--own`` entries of the invalidated kind; then
``--runs`` invalidations of one key of that kind are timed, each after the key was stored
again. Prints the median time and the server's commands per invalidation, and the median time
to store 20 reads and an answer tagged with them (what one loader batch and its answer cost).

    .venv/bin/python bench/redis_invalidation.py --others 0 10000 100000 --own 100
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import tempfile
import time

from redis.asyncio import Redis

from mailgql.cache import Answer
from mailgql.cache.keys import encode_key, kind_prefix, read_name
from mailgql.cache.redis import RedisBackend

SCOPE = "oempro:0123456789abcdef01234567"
KIND = kind_prefix(SCOPE, "list_by_id")


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _fill(backend: RedisBackend, others: int, own: int) -> None:
    batch = 1000
    for start in range(0, others, batch):
        count = min(batch, others - start)
        kinds = ("subscribers", "campaigns", "lists_of")
        entries = [
            (read_name(SCOPE, kinds[n % 3], (start + n,)), {"n": start + n}) for n in range(count)
        ]
        assert await backend.store(entries, 600, generation=KIND + "x", expected=0)
        tags = [name for name, _ in entries[:10]]
        answer = Answer(b"{}", 600, tags=tags, generations={})
        await backend.store_response(f"answer-{start}", answer)
    own_entries = [(read_name(SCOPE, "list_by_id", (n,)), {"n": n}) for n in range(own)]
    assert await backend.store(own_entries, 600, generation=KIND, expected=0)


async def _commands(server: Redis) -> int:
    stats = await server.info("commandstats")
    return sum(int(v["calls"]) for v in stats.values())


async def measure(url: str, others: int, own: int, runs: int) -> tuple[float, float, float]:
    server = Redis.from_url(url)
    await server.flushdb()
    backend = RedisBackend(url)
    try:
        await _fill(backend, others, own)
        times: list[float] = []
        commands: list[int] = []
        target = read_name(SCOPE, "list_by_id", (1,))
        for _ in range(runs):
            _, generation = await backend.read([target], KIND)
            await backend.store([(target, {"n": 1})], 600, generation=KIND, expected=generation)
            before = await _commands(server)
            started = time.perf_counter()
            await backend.invalidate([KIND + encode_key(1)], [KIND])
            times.append((time.perf_counter() - started) * 1000)
            commands.append(await _commands(server) - before - 1)  # less the INFO itself
        stores: list[float] = []
        batch = [(read_name(SCOPE, "list_by_id", (n,)), {"n": n}) for n in range(20)]
        for _ in range(runs):
            _, generation = await backend.read([batch[0][0]], KIND)
            started = time.perf_counter()
            await backend.store(batch, 600, generation=KIND, expected=generation)
            await backend.store_response(
                "answer", Answer(b"{}", 600, tags=[n for n, _ in batch], generations={})
            )
            stores.append((time.perf_counter() - started) * 1000)
        return statistics.median(times), statistics.median(commands), statistics.median(stores)
    finally:
        await backend.aclose()
        await server.aclose()


async def run(url: str, others: list[int], own: int, runs: int) -> None:
    print(f"{'other keys':>12} {'own':>5} {'invalidate ms':>14} {'commands':>9} {'store ms':>9}")
    for count in others:
        ms, commands, store = await measure(url, count, own, runs)
        print(f"{count:>12} {own:>5} {ms:>14.2f} {commands:>9.0f} {store:>9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--others", type=int, nargs="+", default=[0, 10_000, 100_000])
    parser.add_argument("--own", type=int, default=100)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    port = _port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    with tempfile.TemporaryDirectory() as directory:
        command += ["--appendonly", "no", "--dir", directory, "--logfile", ""]
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
            try:
                assert process.stdout is not None
                for line in process.stdout:  # its log, until it serves
                    if "Ready to accept connections" in line:
                        break
                asyncio.run(run(f"redis://127.0.0.1:{port}/0", args.others, args.own, args.runs))
            finally:
                process.terminate()


if __name__ == "__main__":
    main()
