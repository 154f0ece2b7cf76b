"""What every platform's data facade shares: reads through loaders, writes that say what they
made stale.

A facade is built per request over that request's loaders. Its reads decide how upstream calls
are grouped; each of its writes is one client call, sent once and never retried, followed by
the invalidation declared next to it: a list of :class:`Stale` naming the loader entries the
write may have changed. The same declaration is what a cache shared across requests will use,
so it names loaders and key prefixes, never Python callables.
"""

from __future__ import annotations

from collections.abc import Awaitable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

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

    def __init__(self, loaders: Mapping[str, GatewayLoader[Any, Any]]) -> None:
        self._loaders = dict(loaders)

    async def _write(self, call: Awaitable[T], *, stale: Iterable[Stale]) -> T:
        """Send one write, then forget what it made stale, whether it succeeded, was refused,
        or its outcome is unknown (a timeout after sending)."""
        try:
            return await call
        finally:
            self.forget(stale)

    def forget(self, stale: Iterable[Stale]) -> None:
        """Drop the loader entries ``stale`` names, so the next read goes upstream."""
        for entry in stale:
            self._loaders[entry.loader].clear_prefix(entry.prefix)
