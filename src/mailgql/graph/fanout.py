"""Cross-platform root fields: one read on every configured platform, merged.

A platform that fails does not fail the field: its error is reported next to the other
platforms' data, with ``extensions.platform`` saying which one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from mailgql.graph.context import Info, PartialError
from mailgql.graph.dispatch import configured_platforms
from mailgql.graph.errors import GraphError
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.platforms import PlatformGraph
from mailgql.upstreams.errors import UpstreamError

__all__ = ["fan_out", "merge_pages"]

T = TypeVar("T")


async def fan_out(
    info: Info,
    window: Window,
    read: Callable[[PlatformGraph, Window], Awaitable[Connection[T]]],
) -> Connection[T]:
    """Read the first ``offset + first + 1`` items of every platform and page over the merge.

    Items keep their platform order (v2 REST, Maxmailer, Oempro). totalCount is the sum when
    every platform knows its own, else null.
    """
    platforms = configured_platforms(info)
    head = Window(offset=0, first=window.offset + window.first + 1)

    async def one(platform: PlatformGraph) -> Connection[T] | Exception:
        try:
            return await read(platform, head)
        except (UpstreamError, GraphError) as exc:
            return exc

    results = await asyncio.gather(*(one(p) for p in platforms))
    merged, failures = merge_pages(results, window)
    path = tuple(str(k) for k in info.path.as_list())
    info.context.partial_errors.extend(PartialError(error, path) for error in failures)
    return merged


def merge_pages(
    results: Sequence[Connection[T] | Exception], window: Window
) -> tuple[Connection[T], list[Exception]]:
    """The page at ``window`` of the platforms' heads laid end to end, and the platforms' errors.

    totalCount is the sum of the platforms' totals, or null when one failed or does not know.
    """
    merged: list[T] = []
    failures: list[Exception] = []
    total: int | None = 0
    for result in results:
        if isinstance(result, Exception):
            failures.append(result)
            total = None
            continue
        merged.extend(result.nodes)
        if result.total_count is None:
            total = None
        elif total is not None:
            total += result.total_count
    chunk = merged[window.offset : window.offset + window.fetch_count]
    return Connection.build(chunk, window, total=total), failures
