"""What every platform's data facade shares: reads through loaders, writes that say what they
made stale.

A facade is built per request over that request's loaders. Its reads decide how upstream calls
are grouped; each of its writes is one client call, sent once and never retried, followed by
the invalidation declared next to it: a list of :class:`Stale` naming the loader entries the
write may have changed. The same declaration is what a cache shared across requests will use,
so it names loaders and key prefixes, never Python callables: after the write, the request's
own loaders forget those entries, and so do the reads shared across requests and every cached
answer that showed them (:mod:`mailgql.cache`), in every process the store reaches.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from mailgql.cache.reads import PlatformReads
from mailgql.loaders._base import GatewayLoader

__all__ = ["Facade", "Stale"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Stale:
    """Loader entries a write made stale: every entry of ``loader``, or those whose key starts
    with ``prefix`` (a key that is not a tuple counts as a tuple of one)."""

    loader: str
    prefix: tuple[Hashable, ...] = ()


class Facade:
    """One platform's reads and writes during one request."""

    def __init__(
        self, loaders: Mapping[str, GatewayLoader[Any, Any]], *, shared: PlatformReads | None
    ) -> None:
        self._loaders = dict(loaders)
        self._shared = shared
        if shared is not None:
            for kind, loader in self._loaders.items():
                loader.share(shared.kind(kind))

    @property
    def kinds(self) -> frozenset[str]:
        """The kinds of record this facade reads (its loaders' names): what cache TTLs name."""
        return frozenset(self._loaders)

    async def _write(self, call: Awaitable[T], *, stale: Iterable[Stale]) -> T:
        """Send one write, then forget what it made stale, whether it succeeded, was refused,
        or its outcome is unknown (a timeout after sending). The forgetting runs to its end
        even when the request is cancelled meanwhile."""
        stale = list(stale)
        try:
            return await call
        finally:
            self.forget(stale)
            if self._shared is not None:
                await asyncio.shield(
                    self._shared.invalidate((entry.loader, entry.prefix) for entry in stale)
                )

    def forget(self, stale: Iterable[Stale]) -> None:
        """Drop this request's loader entries ``stale`` names, so its next read goes on."""
        for entry in stale:
            self._loaders[entry.loader].clear_prefix(entry.prefix)
