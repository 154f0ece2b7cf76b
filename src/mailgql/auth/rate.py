"""Rate limits: one token bucket per subject (an API key, or a client address when the gateway
is open), refilled at ``rate`` tokens a second up to ``burst``; a request takes one token.

In this process's memory by default; in Redis when ``MAILGQL_REDIS_URL`` is set, where one Lua
script reads, refills and takes atomically, so every process sharing the server shares each
key's budget. Time comes from a clock the limiter is given (the wall clock by default: several
processes, even on several hosts, agree on it closely enough), which tests replace.
"""

from __future__ import annotations

import logging
import math
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

from redis.asyncio import Redis

__all__ = [
    "Clock",
    "MemoryRateLimiter",
    "RateLimiter",
    "RedisRateLimiter",
    "retry_after",
]

logger = logging.getLogger("mailgql.auth")

Clock = Callable[[], float]
"""Seconds since some fixed instant, the same for every process sharing a budget."""

_MAX_SUBJECTS = 100_000
"""Buckets kept in memory at most; the least recently used go first (a bucket that went is
full again, which it nearly always is by then)."""


class RateLimiter(Protocol):
    """Takes a token from a subject's bucket."""

    name: str

    async def take(self, subject: str) -> float:
        """0 when a token was taken; else the seconds until one will be there."""

    async def aclose(self) -> None:
        """Release connections."""


def retry_after(wait: float) -> int:
    """``Retry-After`` for a wait: whole seconds, at least 1."""
    return max(1, math.ceil(wait))


def _refill(tokens: float, elapsed: float, rate: float, burst: float) -> float:
    return min(burst, tokens + max(0.0, elapsed) * rate)


class MemoryRateLimiter:
    """Buckets in this process's memory."""

    name = "memory"

    def __init__(self, rate: float, burst: int, *, clock: Clock = time.time) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("a rate limiter needs a rate above 0 and a burst of at least 1")
        self.rate = rate
        self.burst = float(burst)
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    async def take(self, subject: str) -> float:
        """See :class:`RateLimiter`."""
        now = self._clock()
        tokens, at = self._buckets.pop(subject, (self.burst, now))
        tokens = _refill(tokens, now - at, self.rate, self.burst)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.rate
        self._buckets[subject] = (tokens, now)
        if len(self._buckets) > _MAX_SUBJECTS:
            self._buckets.popitem(last=False)
        return wait

    async def aclose(self) -> None:
        """Nothing to release."""


_TAKE = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
local elapsed = now - at
if elapsed < 0 then elapsed = 0 end
tokens = math.min(burst, tokens + elapsed * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = (1 - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(math.max(now, at)))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return tostring(wait)
"""
"""KEYS: the bucket; ARGV: rate (tokens a second), burst, now (seconds). Returns the wait, as
text (Lua numbers reach the client as integers)."""

_TIMEOUT = 1.0


class RedisRateLimiter:
    """Buckets in Redis, shared by every process that names the same server. A server that
    does not answer lets the request through (logged): the limit protects the platforms, and
    the gateway without Redis would answer anyway."""

    name = "redis"

    def __init__(
        self,
        url: str,
        rate: float,
        burst: int,
        *,
        clock: Clock = time.time,
        namespace: str = "mailgql:",
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("a rate limiter needs a rate above 0 and a burst of at least 1")
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._prefix = namespace + "rate|"
        self._redis: Redis = Redis.from_url(
            url, socket_connect_timeout=_TIMEOUT, socket_timeout=_TIMEOUT
        )
        self._take = self._redis.register_script(_TAKE)

    async def take(self, subject: str) -> float:
        """See :class:`RateLimiter`."""
        try:
            raw = await self._take(
                keys=[self._prefix + subject], args=[repr(self.rate), self.burst, self._clock()]
            )
        except Exception:
            logger.exception("rate limit store failed; request let through")
            return 0.0
        return float(raw.decode() if isinstance(raw, bytes) else raw)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._redis.aclose()
