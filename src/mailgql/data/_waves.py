"""Asking a platform many things at once, in waves as wide as the calls that may be in flight
towards it (MAILGQL_UPSTREAM_CONCURRENCY): a wave is asked only once the one before it is read,
so a caller that finds what it needs early sends no further wave."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from mailgql.cache.reads import PlatformReads
from mailgql.data._facade import Facade
from mailgql.loaders._base import GatewayLoader

__all__ = ["WaveFacade", "in_waves"]

_Client = TypeVar("_Client")
_Item = TypeVar("_Item")
_Answer = TypeVar("_Answer")


async def in_waves(
    items: Sequence[_Item], width: int, ask: Callable[[_Item], Awaitable[_Answer]]
) -> AsyncIterator[list[tuple[_Item, _Answer]]]:
    """Each wave of ``items``, ``width`` at a time (at least one), with ``ask``'s answers, in
    the order of ``items``."""
    width = max(1, width)
    for start in range(0, len(items), width):
        wave = items[start : start + width]
        answers = await asyncio.gather(*(ask(item) for item in wave))
        yield list(zip(wave, answers, strict=True))


class WaveFacade(Facade, Generic[_Client]):
    """A facade over one platform's client that asks it many things at once, in waves."""

    def __init__(
        self,
        client: _Client,
        loaders: Mapping[str, GatewayLoader[Any, Any]],
        *,
        in_flight: int,
        shared: PlatformReads | None,
    ) -> None:
        self._client = client
        self._in_flight = in_flight
        super().__init__(loaders, shared=shared)

    def _waves(
        self, items: Sequence[_Item], ask: Callable[[_Item], Awaitable[_Answer]]
    ) -> AsyncIterator[list[tuple[_Item, _Answer]]]:
        """:func:`in_waves` as wide as the calls that may be in flight towards the platform."""
        return in_waves(items, self._in_flight, ask)
