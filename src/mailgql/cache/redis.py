"""The cache in Redis, shared by every gateway process that names the same server
(``MAILGQL_REDIS_URL``): what one process reads, the others find; what one process's write
invalidates, none of them serves again.

Layout, under one namespace (``mailgql:`` unless set): ``u|<read name>`` a pickled record,
``r|<key>`` a response body, ``t|<read name>`` the set of response keys tagged with that read,
``k|<scope>|<kind>|`` the index of one kind's read names, ``g|<scope>|<kind>|`` a generation
counter, ``d|<sha256>`` a persisted query, ``i|<name>`` a request's claim (``Idempotency-Key``).
Stores that must not race an invalidation, and claims, run as one server-side script each.
Entries are pickled: the Redis server must be one only the gateway's operators can write to (a
private network, a password).

**The index.** A kind's index is a sorted set of the names stored under that kind (as reads, or as
the tags of answers), each scored by when its latest entry expires by the server's clock; every
store drops the names whose entries have all expired. An invalidation finds the names under its
prefix there (``ZSCAN ... MATCH``), so a write costs in proportion to the entries of the kinds it
made stale, never to the size of the key space. Names stay in the index until they expire, so that a
read stored while an invalidation runs is always found by the next one. Entries written by a gateway
without the index (before it) are not found by it: a fleet sharing a server runs one layout, or the
namespace is flushed when it changes (they expire by their TTL regardless). It needs Redis 6.2 or
later (``ZADD GT``).

A server that stops answering costs a request at most a second per look-up (connect and read
timeouts; ``?socket_timeout=...`` in the URL overrides them), never its answer: reads then go
upstream, and answers and persisted queries count as not held and are not kept (their callers
in this package log it and carry on).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Collection, Sequence
from typing import Any, cast

from redis.asyncio import Redis

from mailgql.cache.backend import MISSING, Answer, Missing, StoreUnfit
from mailgql.cache.keys import kind_of

__all__ = ["RedisBackend", "supported"]


_INDEX = """
local function server_now(given)
  if given >= 0 then return given end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function index(key, name, now, ttl, seen)
  redis.call('ZADD', key, 'GT', now + ttl, name)
  if not seen[key] then
    seen[key] = true
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
    if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
  end
end
"""
"""``server_now``: the time in ms given (a test's clock), or else the server's, one clock for every
process. ``index``: put ``name`` in the index ``key`` until ``now + ttl`` (ms), and, once per
script and index, drop the names that expired and make the index outlive its newest entry."""

_STORE_READS = (
    _INDEX
    + """
local current = redis.call('GET', KEYS[1]) or '0'
if current ~= ARGV[1] then return 0 end
local ttl = tonumber(ARGV[2])
local now = server_now(tonumber(ARGV[3]))
local seen = {}
for i = 2, #KEYS, 2 do
  redis.call('SET', KEYS[i], ARGV[i + 2], 'PX', ttl)
  index(KEYS[i + 1], ARGV[i + 3], now, ttl, seen)
end
return 1
"""
)
"""KEYS: the generation, then each read and its kind's index; ARGV: the expected generation, the
TTL (ms), now (ms; -1: the server's), then each read's value and name."""

_STORE_RESPONSE = (
    _INDEX
    + """
local n = tonumber(ARGV[1])
for i = 1, n do
  local current = redis.call('GET', KEYS[1 + i]) or '0'
  if current ~= ARGV[4 + i] then return 0 end
end
local ttl = tonumber(ARGV[2])
local now = server_now(tonumber(ARGV[4]))
local seen = {}
redis.call('SET', KEYS[1], ARGV[3], 'PX', ttl)
local tag = 0
for i = 2 + n, #KEYS, 2 do
  tag = tag + 1
  redis.call('SADD', KEYS[i], KEYS[1])
  if redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
  index(KEYS[i + 1], ARGV[4 + n + tag], now, ttl, seen)
end
return 1
"""
)
"""KEYS: the response, its generations, then each tag and its kind's index; ARGV: how many
generations, the TTL (ms), the body, now (ms; -1: the server's), the expected generations, then
each tag's name."""

_CLAIM = """
local held = redis.call('GET', KEYS[1])
if held then return held end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
"""
"""KEYS: the claim; ARGV: the record, its TTL (ms). The record found, or nil once it is held."""

_SETTLE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '1' then
  redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
else
  redis.call('DEL', KEYS[1])
end
return 1
"""
"""KEYS: the claim; ARGV: the record expected, whether one replaces it, the new record, its TTL
(ms)."""

_TIMEOUT = 1.0
"""Seconds to connect, and to wait for an answer, before a look-up counts as a miss."""
_SCAN_BATCH = 1000
_DOCUMENT_TTL = 7 * 24 * 3600
"""Seconds a persisted query is kept in Redis after it was last registered."""


def supported(version: str) -> bool:
    """Whether a ``redis_version`` (``7.0.15``) is 6.2 or later."""
    try:
        major, minor = (int(part) for part in version.split(".")[:2])
    except ValueError:
        return False
    return (major, minor) >= (6, 2)


def _glob_escape(text: str) -> str:
    """``text`` matched literally by ``SCAN MATCH``."""
    return "".join("\\" + c if c in "\\*?[]" else c for c in text)


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))


class RedisBackend:
    """Reads, responses and persisted documents in one Redis server (redis-py, asyncio)."""

    name = "redis"

    def __init__(
        self, url: str, *, namespace: str = "mailgql:", clock: Callable[[], float] | None = None
    ) -> None:
        # Options in the URL's query string win over these.
        self._redis: Redis = Redis.from_url(
            url, socket_connect_timeout=_TIMEOUT, socket_timeout=_TIMEOUT
        )
        self._ns = namespace
        self._clock = clock
        """Seconds by which the index's names expire; None: the server's clock (one for all)."""
        self._store_reads = self._redis.register_script(_STORE_READS)
        self._store_response = self._redis.register_script(_STORE_RESPONSE)
        self._claim = self._redis.register_script(_CLAIM)
        self._settle = self._redis.register_script(_SETTLE)

    async def ping(self) -> None:
        """Fail now if the server does not answer (``redis.exceptions.ConnectionError``), or
        is older than the index needs (:class:`~mailgql.cache.backend.StoreUnfit`)."""
        await self._redis.ping()
        version = str((await self._redis.info("server")).get("redis_version", ""))
        if not supported(version):
            raise StoreUnfit(
                f"the server is Redis {version or 'of an unknown version'}; 6.2 or later is needed"
            )

    async def read(
        self, names: Sequence[str], generation: str
    ) -> tuple[list[object | Missing], int]:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        keys = [self._ns + "u|" + n for n in names]
        raw = cast(list[bytes | None], await self._redis.mget([*keys, self._gen(generation)]))
        values: list[object | Missing] = [
            MISSING if blob is None else pickle.loads(blob) for blob in raw[:-1]
        ]
        return values, int(raw[-1] or 0)

    async def store(
        self, entries: Sequence[tuple[str, object]], ttl: float, *, generation: str, expected: int
    ) -> bool:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        if not entries:
            return True
        keys = [self._gen(generation)]
        args: list[Any] = [expected, _ms(ttl), self._now()]
        for name, value in entries:
            keys += [self._ns + "u|" + name, self._index(name)]
            args += [pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), name]
        return bool(await self._store_reads(keys=keys, args=args))

    async def invalidate(self, prefixes: Collection[str], generations: Collection[str]) -> None:
        """See :class:`~mailgql.cache.backend.CacheBackend`. Generations advance before the
        entries go, so a store racing this call is refused even before they are gone, and again
        after, so a value read while they were going (another process may still have found one)
        is not kept either, nor is an answer built from it."""
        await self._advance(generations)
        for prefix in prefixes:
            await self._unlink_matching(prefix)
        await self._advance(generations)

    async def response(self, key: str) -> bytes | None:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        return cast(bytes | None, await self._redis.get(self._ns + "r|" + key))

    async def store_response(self, key: str, answer: Answer) -> bool:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        gens = list(answer.generations.items())
        keys = [self._ns + "r|" + key, *(self._gen(g) for g, _ in gens)]
        args: list[Any] = [len(gens), _ms(answer.ttl), answer.body, self._now()]
        args += [n for _, n in gens]
        for tag in answer.tags:
            keys += [self._ns + "t|" + tag, self._index(tag)]
            args.append(tag)
        return bool(await self._store_response(keys=keys, args=args))

    async def document(self, sha256: str) -> str | None:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        text = await self._redis.get(self._ns + "d|" + sha256)
        return None if text is None else cast(bytes, text).decode()

    async def store_document(self, sha256: str, text: str) -> None:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        await self._redis.set(self._ns + "d|" + sha256, text.encode(), ex=_DOCUMENT_TTL)

    async def claim(self, name: str, record: bytes, ttl: float) -> bytes | None:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        held = await self._claim(keys=[self._ns + "i|" + name], args=[record, _ms(ttl)])
        return cast(bytes | None, held)

    async def settle(self, name: str, expected: bytes, record: bytes | None, ttl: float) -> bool:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        replace: list[Any] = [0, b"", 0] if record is None else [1, record, _ms(ttl)]
        args: list[Any] = [expected, *replace]
        return bool(await self._settle(keys=[self._ns + "i|" + name], args=args))

    async def claimed(self, name: str) -> bytes | None:
        """See :class:`~mailgql.cache.backend.CacheBackend`."""
        return cast(bytes | None, await self._redis.get(self._ns + "i|" + name))

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._redis.aclose()

    def _gen(self, generation: str) -> str:
        return self._ns + "g|" + generation

    def _index(self, name: str) -> str:
        """The index of the kind ``name`` (a read name, or a prefix of one) belongs to."""
        return self._ns + "k|" + kind_of(name)

    def _now(self) -> int:
        return -1 if self._clock is None else round(self._clock() * 1000)

    async def _advance(self, generations: Collection[str]) -> None:
        if not generations:
            return
        async with self._redis.pipeline(transaction=False) as pipe:
            for generation in generations:
                pipe.incr(self._gen(generation))
            await pipe.execute()

    async def _unlink_matching(self, prefix: str) -> None:
        """Drop the reads named under ``prefix``, their tag sets and the answers tagged with
        them: the names come from their kind's index, not from a scan of the key space."""
        batch: list[str] = []
        async for member, _ in self._redis.zscan_iter(
            self._index(prefix), match=_glob_escape(prefix) + "*", count=_SCAN_BATCH
        ):
            batch.append(cast(bytes, member).decode())
            if len(batch) >= _SCAN_BATCH:
                await self._unlink_names(batch)
                batch.clear()
        if batch:
            await self._unlink_names(batch)

    async def _unlink_names(self, names: Sequence[str]) -> None:
        tags = [self._ns + "t|" + name for name in names]
        async with self._redis.pipeline(transaction=False) as pipe:
            for tag in tags:
                pipe.smembers(tag)
            tagged = cast(list[set[bytes]], await pipe.execute())
        answers = [key for keys in tagged for key in keys]
        await self._redis.unlink(*(self._ns + "u|" + name for name in names), *tags, *answers)
