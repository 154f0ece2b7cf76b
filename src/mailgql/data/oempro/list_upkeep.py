"""Oempro list upkeep: deleting a subscriber, unsubscribing one by id, answering a pending
opt-in, importing subscribers, and changing or copying segments.

A subscriber delete finds the subscriber by address first (``Subscriber.Get``), since
``Subscribers.Delete`` takes ids and says nothing about ids it did not find; a segment update
reads the list's segments first (``Segment.Get``), since ``Segment.Update`` needs the name and
the operator every time. An import is two writes, ``Subscribers.Import`` step 1 (the data) and
step 2 (the mapping): they are not atomic, and each is its own method so that the caller can
say which one failed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mailgql.data.oempro._base import shown
from mailgql.data.oempro.segments import SegmentReads
from mailgql.data.oempro.stale import stale_segments, stale_subscribers
from mailgql.loaders.oempro_lists import SubscriberLogin
from mailgql.upstreams.oempro import MailingList, SegmentRule, Subscriber
from mailgql.upstreams.oempro.commands.list_upkeep import (
    OptInMode,
    copy_segments,
    delete_subscribers,
    import_mapping,
    import_rows,
    opt_in,
    update_segment,
)
from mailgql.upstreams.oempro.commands.lists import unsubscribe
from mailgql.upstreams.oempro.list_records import ImportResult, ImportStarted, OptInResult

__all__ = ["ListUpkeep", "OptInMode"]


class ListUpkeep(SegmentReads):
    """Subscriber and segment upkeep of lists."""

    async def subscribed_lists(self, subscriber: Subscriber) -> tuple[MailingList, ...]:
        """The lists of its owner a subscriber is subscribed to, as the subscriber area shows
        them (``Subscriber.Login`` as the subscriber, then ``Subscriber.GetLists``)."""
        key = SubscriberLogin(subscriber.list_id, subscriber.subscriber_id, subscriber.email)
        return await self._list_side.subscribed_lists.get(key)

    async def _subscriber_at(self, list_id: int, email: str) -> Subscriber:
        found = await self.subscriber(list_id, email)
        if found is None:
            raise await self._missing_subscriber(
                list_id, email, list_field="SubscriberListID", field="Subscribers"
            )
        return found

    async def delete_subscriber(self, list_id: int, email: str) -> Subscriber:
        """``Subscribers.Delete`` of the list's subscriber with that address; the subscriber as
        it was."""
        found = await self._subscriber_at(list_id, email)
        await self._write(
            self._client.send(delete_subscribers(list_id, [found.subscriber_id])),
            stale=stale_subscribers(list_id),
        )
        return found

    async def unsubscribe_by_id(self, list_id: int, subscriber_id: int) -> str | None:
        """``Subscriber.Unsubscribe`` by ``SubscriberID``; the page the list sends people to.

        Every list's subscribers are stale after it (see ``unsubscribe`` by address).
        """
        return await self._write(
            self._client.send(unsubscribe(list_id, subscriber_id=subscriber_id)),
            stale=stale_subscribers(None),
        )

    async def answer_opt_in(self, list_id: int, subscriber_id: int, mode: OptInMode) -> OptInResult:
        """``Subscriber.OptIn``: confirm or reject a pending subscription."""
        return await self._write(
            self._client.send(opt_in(list_id, subscriber_id, mode)),
            stale=stale_subscribers(list_id),
        )

    async def import_rows(
        self, list_id: int, csv_text: str, *, delimiter: str, quote: str
    ) -> ImportStarted:
        """``Subscribers.Import`` step 1: the data is read and kept; nothing is added yet."""
        return await self._write(
            self._client.send(import_rows(list_id, csv_text, delimiter=delimiter, quote=quote)),
            stale=(),
        )

    async def import_mapping(
        self, list_id: int, import_id: int, columns: Mapping[int, str]
    ) -> ImportResult:
        """``Subscribers.Import`` step 2: the rows of import ``import_id`` added to the list."""
        return await self._write(
            self._client.send(import_mapping(import_id, columns)),
            stale=stale_subscribers(list_id),
        )

    async def update_segment(
        self,
        list_id: int,
        segment_id: int,
        *,
        name: str | None,
        match_any: bool | None,
        rules: Sequence[SegmentRule] | None,
    ) -> None:
        """``Segment.Update``: what is None kept as it is (the segment read first)."""
        current = shown(
            await self.segment(list_id, segment_id), "segment", segment_id, field="SegmentID"
        )
        operator = current.operator if match_any is None else ("or" if match_any else "and")
        await self._write(
            self._client.send(update_segment(segment_id, name or current.name, operator, rules)),
            stale=[*stale_segments(list_id), *stale_subscribers(list_id)],
        )

    async def copy_segments(self, source_list_id: int, target_list_id: int) -> None:
        """``Segments.Copy``: the source list's segments added to the target list."""
        await self._write(
            self._client.send(copy_segments(source_list_id, target_list_id)),
            stale=stale_segments(target_list_id),
        )
