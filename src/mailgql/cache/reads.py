"""Upstream reads shared across requests: where loaders call clients, a read is answered from
the cache when it can be, joins the same read already in flight when there is one, and
otherwise goes upstream once, for every request that asked meanwhile.

Three layers, from the process down to one loader:

- :class:`SharedReads`, one per process: the store, the TTL policy, the reads in flight;
- :class:`RequestReads`, one per request: whether it may read or store cached values
  (``Cache-Control``), and what it read, so its answer can be cached with the right tags and TTL;
- :class:`KindReads`, one per loader of one request: one kind of record in one scope (a
  platform and the credentials in use).

A write invalidates what it declared stale (:class:`~mailgql.data.Stale`) through
:meth:`RequestReads.invalidate`: the store drops those reads and every answer tagged with them,
and the reads in flight for that kind stop being joined.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from mailgql.cache.backend import MISSING, CacheBackend, Missing
from mailgql.cache.keys import encode_key, kind_prefix
from mailgql.platforms import Platform
from mailgql.telemetry.metrics import gateway_metrics

__all__ = ["KindReads", "PlatformReads", "RequestReads", "SharedReads", "TtlPolicy"]

logger = logging.getLogger("mailgql.cache")

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

Fetch = Callable[[Sequence[K]], Awaitable[Sequence["V | Exception"]]]


@dataclass(frozen=True, slots=True)
class TtlPolicy:
    """How long each kind of record is kept: ``by_kind`` (``"oempro.subscriber_counts"``, in
    seconds) where it names the kind, else ``default``; 0 keeps nothing."""

    default: float
    by_kind: Mapping[str, float] = field(default_factory=dict)

    def ttl(self, platform: Platform, kind: str) -> float:
        """Seconds a record of ``kind`` on ``platform`` is kept."""
        return self.by_kind.get(f"{platform.value.lower()}.{kind}", self.default)


@dataclass(slots=True)
class _Flight:
    generation: int
    future: asyncio.Future[object]


class SharedReads:
    """What every request of this process shares: the store, the TTL policy and the reads in
    flight (``coalesce`` off makes every request read for itself)."""

    def __init__(self, backend: CacheBackend, policy: TtlPolicy, *, coalesce: bool = True) -> None:
        self.backend = backend
        self.policy = policy
        self.coalesce = coalesce
        self._flights: dict[str, _Flight] = {}
        self._generations: dict[str, int] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def request(self, *, read: bool = True, store: bool = True) -> RequestReads:
        """The view of one request: ``read`` False skips cached values (``no-cache``),
        ``store`` False keeps what it reads out of the cache (``no-store``)."""
        return RequestReads(self, read=read, store=store)

    @property
    def in_flight(self) -> int:
        """Reads on their way upstream now."""
        return len(self._flights)

    def generation(self, kind: str) -> int:
        """How many times this process saw ``kind`` invalidated."""
        return self._generations.get(kind, 0)

    def advance(self, kinds: Iterable[str]) -> None:
        """Stop joining the reads now in flight for ``kinds``: a write may have made them stale."""
        for kind in kinds:
            self._generations[kind] = self._generations.get(kind, 0) + 1

    def joinable(self, name: str, generation: int) -> asyncio.Future[object] | None:
        """The read in flight under ``name`` that started in ``generation``, if any."""
        flight = self._flights.get(name) if self.coalesce else None
        return flight.future if flight is not None and flight.generation == generation else None

    def take_off(self, name: str, generation: int) -> asyncio.Future[object]:
        """Register a read about to go upstream; others may join it until it lands."""
        future: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        if self.coalesce:
            self._flights[name] = _Flight(generation, future)
        return future

    def land(self, name: str, future: asyncio.Future[object]) -> None:
        """The read under ``name`` landed (or failed): nobody joins it any more."""
        flight = self._flights.get(name)
        if flight is not None and flight.future is future:
            del self._flights[name]

    def keep(self, task: asyncio.Task[None]) -> None:
        """Hold a read's task until it ends, whoever awaits it."""
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


class RequestReads:
    """One request's use of the shared reads, and what it read."""

    def __init__(self, shared: SharedReads, *, read: bool, store: bool) -> None:
        self.shared = shared
        self.read = read
        self.store = store
        self.tags: set[str] = set()
        """The name of every upstream read the request used."""
        self.generations: dict[str, int] = {}
        """Each kind it read, and its generation when first read."""
        self.ttl: float | None = None
        """The shortest TTL of the kinds it read (None: it read nothing)."""

    def platform(self, platform: Platform, fingerprint: str) -> PlatformReads:
        """The reads of one platform under one set of credentials."""
        return PlatformReads(self, platform, f"{platform.value.lower()}:{fingerprint}")

    def note(self, kind: str, ttl: float, names: Iterable[str], generation: int) -> None:
        """Record reads of ``kind`` made under ``generation``."""
        self.tags.update(names)
        self.generations.setdefault(kind, generation)
        self.ttl = ttl if self.ttl is None else min(self.ttl, ttl)

    async def invalidate(self, prefixes: Sequence[str], kinds: Sequence[str]) -> None:
        """Forget, everywhere the store reaches, the reads that start with ``prefixes`` and the
        answers that showed them; reads of ``kinds`` in flight are no longer joined. A store
        that does not answer is logged, not raised: the write it follows has landed."""
        self.shared.advance(kinds)
        try:
            await self.shared.backend.invalidate(prefixes, kinds)
        except Exception:
            logger.exception("cache invalidation failed; entries may be served until their TTL")


class PlatformReads:
    """One request's reads on one platform, under one set of credentials (``scope``)."""

    def __init__(self, request: RequestReads, platform: Platform, scope: str) -> None:
        self.request = request
        self.platform = platform
        self.scope = scope

    def kind(self, kind: str) -> KindReads[Hashable, object]:
        """The reads of one kind of record (one loader)."""
        return KindReads(self, kind)

    async def invalidate(self, stale: Iterable[tuple[str, tuple[Hashable, ...]]]) -> None:
        """Forget the (kind, key prefix) pairs a write made stale."""
        prefixes: list[str] = []
        kinds: list[str] = []
        for kind, prefix in stale:
            start = kind_prefix(self.scope, kind)
            prefixes.append(start + (encode_key(prefix) if prefix else ""))
            kinds.append(start)
        await self.request.invalidate(prefixes, kinds)


class KindReads(Generic[K, V]):
    """One loader's reads in one request: cached, joined, or fetched once."""

    def __init__(self, platform: PlatformReads, kind: str) -> None:
        self._request = platform.request
        self._shared = platform.request.shared
        self._prefix = kind_prefix(platform.scope, kind)
        self._ttl = self._shared.policy.ttl(platform.platform, kind)
        self._meter = gateway_metrics().cache(platform.platform.value, kind)

    async def load(self, keys: Sequence[K], fetch: Fetch[K, V]) -> list[V | Exception]:
        """The values of ``keys``, index-aligned; ``fetch`` is called at most once, for the keys
        neither cached nor in flight (a failed key is an Exception instance, never cached)."""
        names = [self._prefix + encode_key(key) for key in keys]
        results: list[object | Missing] = [MISSING] * len(keys)
        store_generation = 0
        use_store = self._ttl > 0
        if use_store:
            try:
                cached, store_generation = await self._shared.backend.read(
                    names if self._request.read else [], self._prefix
                )
                results[: len(cached)] = cached
            except Exception:
                logger.exception("cache read failed; reading upstream")
                use_store = False
        self._request.note(self._prefix, self._ttl, names, store_generation)
        local = self._shared.generation(self._prefix)
        pending: list[tuple[int, asyncio.Future[object]]] = []
        mine: list[int] = []
        for index, value in enumerate(results):
            if value is not MISSING:
                continue
            joined = self._shared.joinable(names[index], local)
            if joined is not None:
                pending.append((index, joined))
            else:
                mine.append(index)
        self._meter.count(
            hits=len(keys) - len(pending) - len(mine), misses=len(mine), joined=len(pending)
        )
        if mine:
            futures = [self._shared.take_off(names[i], local) for i in mine]
            pending.extend(zip(mine, futures, strict=True))
            task = asyncio.ensure_future(
                self._fetch(
                    [keys[i] for i in mine],
                    [names[i] for i in mine],
                    futures,
                    fetch,
                    store_generation if use_store and self._request.store else None,
                )
            )
            self._shared.keep(task)
        for index, future in pending:
            # Shielded: a request that goes away leaves the read to those who joined it.
            results[index] = await asyncio.shield(future)
        return results  # type: ignore[return-value]

    async def _fetch(
        self,
        keys: Sequence[K],
        names: Sequence[str],
        futures: Sequence[asyncio.Future[object]],
        fetch: Fetch[K, V],
        store_generation: int | None,
    ) -> None:
        """Go upstream for ``keys``; store what came back (unless its kind was invalidated
        meanwhile), then hand it to every request waiting."""
        values: Sequence[object]
        try:
            values = await fetch(keys)
        except asyncio.CancelledError:
            for name, future in zip(names, futures, strict=True):
                self._shared.land(name, future)
                future.cancel()
            raise
        except Exception as exc:  # a loader that raised instead of returning errors per key
            values = [exc] * len(keys)
        if store_generation is not None:
            entries = [
                (name, value)
                for name, value in zip(names, values, strict=True)
                if not isinstance(value, BaseException)
            ]
            if entries:
                try:
                    await self._shared.backend.store(
                        entries, self._ttl, generation=self._prefix, expected=store_generation
                    )
                except Exception:
                    logger.exception("cache store failed; the values are served uncached")
        for name, future, value in zip(names, futures, values, strict=True):
            self._shared.land(name, future)
            if not future.done():
                future.set_result(value)
