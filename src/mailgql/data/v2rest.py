"""The v2 REST data facade: every read and write the graph asks of v2 REST, for one request.

Reads. No v2 endpoint takes several accounts at once, so batching means de-duplication, bounded
concurrency and reuse. Every listing is read in blocks of 1000 records (the API's maximum), one
call per block: any window a query asks for is cut from the blocks it covers, so different
windows of one listing share their calls, look-ups by name reuse the blocks a listing already
read, and a listing shorter than 1000 costs exactly one call. The API reads no list, segment or
newsletter by id: :meth:`V2RestData.find_inherited` asks the sub-accounts in turn, as many at a
time as the platform takes calls in flight, and stops at the first that has it.

Writes. One client call each, never retried, then the loader entries it made stale: the
sub-account listing after creating or switching an account, one account's inherited
collections after changing what it inherits.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeAlias, TypeVar

from pydantic import SecretStr

from mailgql.cache.reads import PlatformReads
from mailgql.data._facade import Stale
from mailgql.data._waves import WaveFacade
from mailgql.loaders._base import GatewayLoader
from mailgql.loaders.v2rest import (
    BLOCK,
    InheritedListBlockLoader,
    InheritedNewsletterBlockLoader,
    InheritedSegmentBlockLoader,
    SubAccountBlockLoader,
    read_window,
    scan_blocks,
)
from mailgql.upstreams.v2rest import (
    MailingList,
    Newsletter,
    Page,
    RecipientsType,
    Segment,
    SubAccount,
    V2RestClient,
)

__all__ = ["V2RestData"]

T = TypeVar("T")
_AccountBlocks: TypeAlias = GatewayLoader[tuple[str, int], tuple[T, ...]]
"""A loader of one sub-account's blocks of what it inherits, keyed by (username, block)."""

_SUB_ACCOUNTS = Stale("sub_accounts")
"""Every block of the sub-account listing."""


async def _window_of(
    loader: _AccountBlocks[T], username: str, *, offset: int, count: int
) -> Page[T]:
    """A window of what a sub-account inherits, cut from its blocks."""
    return await read_window(lambda b: loader.get((username, b)), offset=offset, count=count)


async def _find_in(
    loader: _AccountBlocks[T], username: str, found: Callable[[T], bool]
) -> T | None:
    """The first record of what a sub-account inherits that ``found`` accepts."""
    return await scan_blocks(lambda b: loader.get((username, b)), found)


def _inherited(username: str) -> list[Stale]:
    """Every block of what one sub-account inherits."""
    return [
        Stale(loader, (username,))
        for loader in ("inherited_lists", "inherited_segments", "inherited_newsletters")
    ]


class V2RestData(WaveFacade[V2RestClient]):
    """v2 REST's reads and writes during one request."""

    def __init__(
        self, client: V2RestClient, *, in_flight: int, shared: PlatformReads | None = None
    ) -> None:
        self._sub_accounts = SubAccountBlockLoader(client)
        self._lists = InheritedListBlockLoader(client.get_inherited_lists)
        self._segments = InheritedSegmentBlockLoader(client.get_inherited_segments)
        self._newsletters = InheritedNewsletterBlockLoader(client.get_inherited_newsletters)
        super().__init__(
            client,
            {
                "sub_accounts": self._sub_accounts,
                "inherited_lists": self._lists,
                "inherited_segments": self._segments,
                "inherited_newsletters": self._newsletters,
            },
            in_flight=in_flight,
            shared=shared,
        )

    @property
    def admin_username(self) -> str:
        """The configured admin: ``me``, and every sub-account's parent."""
        return self._client.admin_username

    # -- reads --------------------------------------------------------------------------------

    async def sub_account_window(self, *, offset: int, count: int) -> Page[SubAccount]:
        """A window of the sub-account listing."""
        return await read_window(self._sub_accounts.get, offset=offset, count=count)

    async def sub_account(self, username: str) -> SubAccount | None:
        """One sub-account by username, from the listing blocks (already read ones are reused)."""
        return await scan_blocks(self._sub_accounts.get, lambda a: a.username == username)

    async def inherited_list_window(
        self, username: str, *, offset: int, count: int
    ) -> Page[MailingList]:
        """A window of the lists a sub-account inherits."""
        return await _window_of(self._lists, username, offset=offset, count=count)

    async def inherited_segment_window(
        self, username: str, *, offset: int, count: int
    ) -> Page[Segment]:
        """A window of the segments a sub-account inherits."""
        return await _window_of(self._segments, username, offset=offset, count=count)

    async def inherited_newsletter_window(
        self, username: str, *, offset: int, count: int
    ) -> Page[Newsletter]:
        """A window of the newsletters a sub-account inherits."""
        return await _window_of(self._newsletters, username, offset=offset, count=count)

    async def inherited_list(self, username: str, list_id: int) -> MailingList | None:
        """One list a sub-account inherits, by id."""
        return await _find_in(self._lists, username, lambda r: r.list_id == list_id)

    async def inherited_segment(self, username: str, segment_id: int) -> Segment | None:
        """One segment a sub-account inherits, by id."""
        return await _find_in(self._segments, username, lambda r: r.segment_id == segment_id)

    async def inherited_newsletter(self, username: str, newsletter_id: int) -> Newsletter | None:
        """One newsletter a sub-account inherits, by id."""
        return await _find_in(
            self._newsletters, username, lambda r: r.newsletter_id == newsletter_id
        )

    async def find_inherited(
        self, find: Callable[[str], Awaitable[T | None]]
    ) -> tuple[str, T] | None:
        """The first sub-account for which ``find`` answers, with the answer; None if none does.

        Sub-accounts are asked in listing order, as many at a time as calls may be in flight
        towards v2 REST (MAILGQL_UPSTREAM_CONCURRENCY), so a hit costs at most one such wave.
        """
        offset = 0
        while True:
            page = await self.sub_account_window(offset=offset, count=BLOCK)
            names = [a.username for a in page.items]
            async for wave in self._waves(names, find):
                for name, answer in wave:
                    if answer is not None:
                        return name, answer
            if page.total is not None:
                return None
            offset += len(page.items)

    # -- writes ---------------------------------------------------------------------------------

    async def create_sub_account(
        self, *, username: str, password: SecretStr, email: str, allowed_domains: Sequence[str]
    ) -> None:
        """``POST /Users/SubAccounts``."""
        await self._write(
            self._client.create_sub_account(
                account_name=username,
                password=password.get_secret_value(),
                owner_email=email,
                allowed_domains=allowed_domains,
            ),
            stale=[_SUB_ACCOUNTS],
        )

    async def set_sub_account_status(self, username: str, *, active: bool) -> None:
        """``PUT /Users/SubAccounts``."""
        await self._write(
            self._client.set_sub_account_status(account_name=username, active=active),
            stale=[_SUB_ACCOUNTS],
        )

    async def inherit_lists(self, username: str, list_ids: Sequence[int]) -> None:
        """``PUT /Users/InheritLists``."""
        await self._inheritance(
            username, self._client.inherit_lists(account_name=username, list_ids=list_ids)
        )

    async def remove_inherited_list(self, username: str, list_id: int) -> None:
        """``DELETE /Users/InheritLists``."""
        await self._inheritance(
            username, self._client.remove_inherited_list(account_name=username, list_id=list_id)
        )

    async def inherit_segments(self, username: str, segment_ids: Sequence[int]) -> None:
        """``PUT /Users/InheritSegments``."""
        call = self._client.inherit_segments(account_name=username, segment_ids=segment_ids)
        await self._inheritance(username, call)

    async def remove_inherited_segment(self, username: str, segment_id: int) -> None:
        """``DELETE /Users/InheritSegments``."""
        call = self._client.remove_inherited_segment(account_name=username, segment_id=segment_id)
        await self._inheritance(username, call)

    async def inherit_newsletter(
        self,
        username: str,
        newsletter_id: int,
        *,
        recipients_type: RecipientsType,
        recipient_ids: Sequence[int],
    ) -> None:
        """``PUT /Users/InheritNewsletters``."""
        call = self._client.inherit_newsletter(
            account_name=username,
            newsletter_id=newsletter_id,
            recipients_type=recipients_type,
            recipient_ids=recipient_ids,
        )
        await self._inheritance(username, call)

    async def remove_inherited_newsletter(self, username: str, newsletter_id: int) -> None:
        """``DELETE /Users/InheritNewsletters``."""
        call = self._client.remove_inherited_newsletter(
            account_name=username, newsletter_id=newsletter_id
        )
        await self._inheritance(username, call)

    async def _inheritance(self, username: str, call: Awaitable[object]) -> None:
        """Send a change to what a sub-account inherits; every block of it is stale after."""
        await self._write(call, stale=_inherited(username))
