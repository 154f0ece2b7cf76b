"""Per-request loaders over the v2 REST API: every listing in blocks of 1000 records.

A block is the API's largest page and costs one call; :func:`read_window` cuts any window from
the blocks that cover it and :func:`scan_blocks` finds one record in them, so the facade
(``mailgql.data.v2rest``) reuses every block a request has already read.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from mailgql.loaders._base import GatewayLoader, gather_per_key
from mailgql.upstreams.v2rest import (
    MAX_LIMIT,
    MailingList,
    Newsletter,
    Page,
    Segment,
    SubAccount,
    V2RestClient,
)

__all__ = [
    "BLOCK",
    "InheritedListBlockLoader",
    "InheritedNewsletterBlockLoader",
    "InheritedSegmentBlockLoader",
    "SubAccountBlockLoader",
    "read_window",
    "scan_blocks",
]

BLOCK = MAX_LIMIT
"""Records per block: one upstream call each."""

T = TypeVar("T")
Block = tuple[T, ...]


async def read_window(
    load_block: Callable[[int], Awaitable[tuple[T, ...]]], *, offset: int, count: int
) -> Page[T]:
    """``count`` records from ``offset``, cut from the blocks that cover them."""
    items: list[T] = []
    block_no = offset // BLOCK
    total: int | None = None
    while len(items) < count:
        block = await load_block(block_no)
        start = offset - block_no * BLOCK if block_no == offset // BLOCK else 0
        items.extend(block[start : start + count - len(items)])
        if len(block) < BLOCK:
            total = block_no * BLOCK + len(block)
            if not block and block_no > 0:
                # An empty block past the first only says the listing ends before it: the
                # block before tells where (it is cached whenever a scan reached this far).
                before = await load_block(block_no - 1)
                total = (block_no - 1) * BLOCK + len(before) if before else None
            break
        block_no += 1
    return Page(items=tuple(items), offset=offset, total=total)


async def scan_blocks(
    load_block: Callable[[int], Awaitable[tuple[T, ...]]], found: Callable[[T], bool]
) -> T | None:
    """The first record ``found`` accepts, reading blocks in order until the listing ends."""
    block_no = 0
    while True:
        block = await load_block(block_no)
        for record in block:
            if found(record):
                return record
        if len(block) < BLOCK:
            return None
        block_no += 1


class SubAccountBlockLoader(GatewayLoader[int, Block[SubAccount]]):
    """Blocks of the admin's sub-account listing, by block number."""

    def __init__(self, client: V2RestClient) -> None:
        super().__init__()
        self._client = client

    async def load_batch(self, keys: Sequence[int]) -> Sequence[Block[SubAccount] | Exception]:
        """One call per block."""

        async def fetch(block_no: int) -> Block[SubAccount]:
            return tuple(await self._client.get_sub_accounts(limit=BLOCK, offset=block_no * BLOCK))

        return await gather_per_key(keys, fetch)


class _AccountBlockLoader(GatewayLoader[tuple[str, int], Block[T]]):
    """Blocks of a per-account listing, keyed by (username, block number)."""

    def __init__(self, fetch: Callable[..., Awaitable[list[T]]]) -> None:
        super().__init__()
        self._fetch = fetch

    async def load_batch(self, keys: Sequence[tuple[str, int]]) -> Sequence[Block[T] | Exception]:
        """One call per (account, block)."""

        async def fetch(key: tuple[str, int]) -> Block[T]:
            name, block_no = key
            return tuple(await self._fetch(name, limit=BLOCK, offset=block_no * BLOCK))

        return await gather_per_key(keys, fetch)


class InheritedListBlockLoader(_AccountBlockLoader[MailingList]):
    """Blocks of the lists a sub-account inherits."""


class InheritedSegmentBlockLoader(_AccountBlockLoader[Segment]):
    """Blocks of the segments a sub-account inherits."""


class InheritedNewsletterBlockLoader(_AccountBlockLoader[Newsletter]):
    """Blocks of the newsletters a sub-account inherits."""
