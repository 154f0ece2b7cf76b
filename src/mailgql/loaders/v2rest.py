"""Per-request loaders over the v2 REST API.

No v2 endpoint takes several accounts at once, so batching here means de-duplication, bounded
concurrency and reuse. Every listing is read in blocks of 1000 records (the API's maximum), one
call per block: any window a query asks for (``first``/``after``) is cut from the blocks it
covers, so different windows of one listing in one request share their calls, look-ups by name
reuse the blocks a listing already read, and a listing shorter than 1000 costs exactly one call.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
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
    "V2RestLoaders",
    "read_window",
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


@dataclass(frozen=True, slots=True)
class V2RestLoaders:
    """Every v2 loader of one request, and the client that writes go through."""

    client: V2RestClient
    sub_accounts: SubAccountBlockLoader
    inherited_lists: InheritedListBlockLoader
    inherited_segments: InheritedSegmentBlockLoader
    inherited_newsletters: InheritedNewsletterBlockLoader

    @classmethod
    def build(cls, client: V2RestClient) -> V2RestLoaders:
        """Fresh loaders for one request."""
        return cls(
            client=client,
            sub_accounts=SubAccountBlockLoader(client),
            inherited_lists=InheritedListBlockLoader(client.get_inherited_lists),
            inherited_segments=InheritedSegmentBlockLoader(client.get_inherited_segments),
            inherited_newsletters=InheritedNewsletterBlockLoader(client.get_inherited_newsletters),
        )

    # -- reads --------------------------------------------------------------------------------

    async def sub_account_window(self, *, offset: int, count: int) -> Page[SubAccount]:
        """A window of the sub-account listing."""
        return await read_window(self.sub_accounts.get, offset=offset, count=count)

    async def sub_account(self, username: str) -> SubAccount | None:
        """One sub-account by username, from the listing blocks (already read ones are reused)."""
        return await scan_blocks(self.sub_accounts.get, lambda a: a.username == username)

    async def inherited_list_window(
        self, username: str, *, offset: int, count: int
    ) -> Page[MailingList]:
        """A window of the lists a sub-account inherits."""
        return await read_window(
            lambda b: self.inherited_lists.get((username, b)), offset=offset, count=count
        )

    async def inherited_segment_window(
        self, username: str, *, offset: int, count: int
    ) -> Page[Segment]:
        """A window of the segments a sub-account inherits."""
        return await read_window(
            lambda b: self.inherited_segments.get((username, b)), offset=offset, count=count
        )

    async def inherited_newsletter_window(
        self, username: str, *, offset: int, count: int
    ) -> Page[Newsletter]:
        """A window of the newsletters a sub-account inherits."""
        return await read_window(
            lambda b: self.inherited_newsletters.get((username, b)), offset=offset, count=count
        )

    async def inherited_list(self, username: str, list_id: int) -> MailingList | None:
        """One list a sub-account inherits, by id."""
        return await scan_blocks(
            lambda b: self.inherited_lists.get((username, b)), lambda r: r.list_id == list_id
        )

    # -- after writes ---------------------------------------------------------------------------

    def forget_sub_accounts(self) -> None:
        """After a write to the sub-account listing (create, status change)."""
        self.sub_accounts.clear_all()

    def forget_inherited(self, username: str) -> None:
        """After a write to what one sub-account inherits."""
        for loader in (self.inherited_lists, self.inherited_segments, self.inherited_newsletters):
            loader.clear_where(lambda key: key[0] == username)
