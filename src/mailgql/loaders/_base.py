"""What every loader shares: a per-request cache we own (so writes can clear by predicate), the
reads shared across requests (:mod:`mailgql.cache.reads`) when the facade binds them, and error
capture."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any, ClassVar, Generic, TypeVar, cast

from aiodataloader import DataLoader

from mailgql.cache.reads import KindReads
from mailgql.telemetry.metrics import gateway_metrics
from mailgql.upstreams.errors import UpstreamError, UpstreamNotFound

__all__ = ["GatewayLoader", "LoaderGroup", "PerKeyLoader", "gather_per_key", "missing_as_none"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


async def gather_per_key(
    keys: Sequence[K], fetch: Callable[[K], Awaitable[V]]
) -> list[V | UpstreamError]:
    """Fetch every key concurrently; a failed key yields its error, so it cannot sink the batch."""

    async def one(key: K) -> V | UpstreamError:
        try:
            return await fetch(key)
        except UpstreamError as exc:
            return exc

    return list(await asyncio.gather(*(one(k) for k in keys)))


def missing_as_none(fetch: Callable[[K], Awaitable[V]]) -> Callable[[K], Awaitable[V | None]]:
    """A look-up for which "no such record" is a None value (a missing key), not an error."""

    async def one(key: K) -> V | None:
        try:
            return await fetch(key)
        except UpstreamNotFound:
            return None

    return one


class GatewayLoader(DataLoader[K, V], Generic[K, V]):
    """A per-request DataLoader whose cache can be cleared by key predicate after a write."""

    def __init__(self, **kwargs: Any) -> None:
        self._cache_map: dict[Any, Any] = {}
        self._shared: KindReads[Any, Any] | None = None
        super().__init__(cache_map=self._cache_map, **kwargs)

    def share(self, reads: KindReads[Any, Any]) -> None:
        """Answer from, and feed, the reads shared across requests (the facade binds this)."""
        self._shared = reads

    async def batch_load_fn(self, keys: list[K]) -> list[V]:
        """aiodataloader's hook: an error instance in the result fails that key alone. Keys the
        shared reads hold, or that another request is reading now, do not reach
        :meth:`load_batch`."""
        gateway_metrics().batch(type(self).__name__, len(keys))
        if self._shared is None:
            return cast(list[V], await self.load_batch(keys))
        return cast(list[V], await self._shared.load(keys, self.load_batch))

    async def load_batch(self, keys: Sequence[K]) -> Sequence[V | Exception]:
        """Values for ``keys``, index-aligned; an Exception instance for a key that failed."""
        raise NotImplementedError

    def asked(self, key: K) -> bool:
        """Whether this request asked for ``key`` already (its value held, or on its way)."""
        return key in self._cache_map

    def clear_where(self, predicate: Callable[[K], bool]) -> None:
        """Forget every cached key the predicate selects."""
        for key in [k for k in self._cache_map if predicate(k)]:
            del self._cache_map[key]

    def clear_prefix(self, prefix: tuple[Hashable, ...]) -> None:
        """Forget every cached key that starts with ``prefix`` (all keys for ``()``)."""
        size = len(prefix)
        self.clear_where(lambda key: (key if isinstance(key, tuple) else (key,))[:size] == prefix)

    async def get(self, key: K) -> V:
        """Load one key (typed wrapper over ``load``)."""
        value: V = await self.load(key)
        return value

    async def get_many(self, keys: Sequence[K]) -> list[V]:
        """Load several keys (typed wrapper over ``load_many``)."""
        values: list[V] = await self.load_many(list(keys))
        return values


class PerKeyLoader(GatewayLoader[K, V], Generic[K, V]):
    """A loader over a platform call that takes one key: one call per distinct key, all of a
    batch at once, each failing alone."""

    def __init__(self, fetch: Callable[[K], Awaitable[V]]) -> None:
        super().__init__()
        self._fetch = fetch

    async def load_batch(self, keys: Sequence[K]) -> Sequence[V | Exception]:
        """One call per key, concurrently."""
        return await gather_per_key(keys, self._fetch)


@dataclass(frozen=True, slots=True)
class LoaderGroup:
    """Loaders of one request kept together, one field each; their invalidations find each one
    under its field's name, or the name :attr:`renamed` gives it."""

    renamed: ClassVar[Mapping[str, str]] = {}
    """Field name -> the name invalidations use (``Stale.loader``), where the two differ."""

    def by_name(self) -> dict[str, GatewayLoader[Any, Any]]:
        """Each loader under the name its invalidations use (``Stale.loader``)."""
        found: dict[str, GatewayLoader[Any, Any]] = {}
        for item in fields(self):
            loader = getattr(self, item.name)
            if isinstance(loader, GatewayLoader):
                found[self.renamed.get(item.name, item.name)] = loader
        return found
