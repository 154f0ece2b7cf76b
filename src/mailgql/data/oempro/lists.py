"""Oempro lists, their counts, subscribers and custom fields, in the session that owns them.

What costs calls, and when:

- a scope's lists: one unpaged ``Lists.Get`` per request; one list by id: one ``List.Get``;
- a list's count in a status or segment: one ``Subscribers.Get`` of one record (its
  ``TotalSubscribers``), unless a block of the same listing was read in the request: the block
  carries the total and fills the count's entry;
- a list's subscribers: one ``Subscribers.Get`` per block of 1000 that a window covers;
- a subscriber's field names (and its name, where MAILGQL_OEMPRO_NAME_FIELD names the field by
  name): one ``CustomFields.Get`` per list.

Names. Oempro keeps none of its own: a deployment names the custom field that holds them in
MAILGQL_OEMPRO_NAME_FIELD, by id (``CustomField3`` or ``3``) or by field name in each list.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping

from mailgql.data.oempro._base import PLATFORM, not_shown
from mailgql.data.oempro.sessions import AccountReads
from mailgql.input_rules import legacy_number
from mailgql.loaders.oempro_keys import (
    Scope,
    ScopedId,
    SubscriberAddress,
    SubscriberBlock,
    SubscriberListing,
    read_window,
)
from mailgql.upstreams.errors import UpstreamNotFound
from mailgql.upstreams.oempro import CustomField, MailingList, Page, Subscriber

__all__ = ["ListReads", "custom_field_id"]

_FIELD_BY_ID = re.compile(r"(?:CustomField)?([0-9]+)\Z", re.IGNORECASE)


def custom_field_id(name: str, fields: tuple[CustomField, ...]) -> int | None:
    """The field a name means among a list's fields: ``CustomField<id>`` or a bare id of one
    of them, else a field name (case and spaces around it ignored); None when none matches."""
    key = name.strip()
    number = legacy_number(key.lower().removeprefix("customfield"))
    if number is not None and any(f.field_id == number for f in fields):
        return number
    wanted = key.lower()
    return next((f.field_id for f in fields if f.name.strip().lower() == wanted), None)


class ListReads(AccountReads):
    """Lists and what they hold, each read in one scope (``as_user``, see ``sessions``)."""

    async def all_lists(self, *, as_user: int | None = None) -> tuple[MailingList, ...]:
        """Every list of the scope (read once per request)."""
        return await self._lists.get(Scope(as_user))

    async def list(self, list_id: int, *, as_user: int | None = None) -> MailingList | None:
        """One list by id (None when the scope has no such list)."""
        return await self._list_by_id.get(ScopedId(list_id, as_user))

    async def subscriber_count(
        self, list_id: int, segment: str, *, as_user: int | None = None
    ) -> int:
        """Subscribers of a list in a status (``Active``, ``Unsubscribed``...) or segment id."""
        return await self._subscriber_counts.get(SubscriberListing(list_id, segment, as_user))

    async def subscriber_window(
        self, list_id: int, segment: str, *, offset: int, count: int, as_user: int | None = None
    ) -> Page[Subscriber]:
        """A window of a list's subscribers in a status or segment; its total is the count's."""
        listing = SubscriberListing(list_id, segment, as_user)
        if count == 0:
            # Only the total is wanted: the count's one-record read answers it.
            total = await self._subscriber_counts.get(listing)
            return Page(items=(), offset=offset, total=total)

        async def block(number: int) -> Page[Subscriber]:
            return await self._subscriber_blocks.get(SubscriberBlock(*listing, number))

        page = await read_window(block, offset=offset, count=count)
        if page.total is not None:
            self._subscriber_counts.prime(listing, page.total)
        return page

    async def subscriber(
        self, list_id: int, email: str, *, as_user: int | None = None
    ) -> Subscriber | None:
        """One subscriber of a list by address (addresses compare case-insensitively)."""
        key = SubscriberAddress(list_id, email.strip().lower(), as_user)
        return await self._subscriber_by_email.get(key)

    async def subscription(self, list_id: int, email: str) -> tuple[Subscriber, MailingList] | None:
        """One address in one of the login's lists, with the list: ``Subscriber.Get`` and
        ``List.Get`` side by side. None when the list does not hold the address, or is not the
        login's."""
        record, found = await asyncio.gather(self.subscriber(list_id, email), self.list(list_id))
        if record is None or found is None:
            return None
        return record, found

    async def _missing_subscriber(
        self, list_id: int, email: str, *, list_field: str, field: str
    ) -> UpstreamNotFound:
        """Why a list shows no subscriber at ``email``: the login has no such list (NOT_FOUND
        naming ``list_field``), or the list does not hold the address (naming ``field``)."""
        if await self.list(list_id) is None:
            return not_shown("list", list_id, field=list_field)
        return UpstreamNotFound(
            f"Oempro list {list_id} has no subscriber {email}", platform=PLATFORM, field=field
        )

    async def custom_fields(
        self, list_id: int, *, as_user: int | None = None
    ) -> tuple[CustomField, ...]:
        """Every custom field of a list (read once per request)."""
        return await self._custom_fields.get(ScopedId(list_id, as_user))

    async def name_field_id(self, list_id: int, *, as_user: int | None = None) -> int | None:
        """The custom field MAILGQL_OEMPRO_NAME_FIELD names in a list: by id, or by field name.

        None without the setting, or when the list has no field of that name.
        """
        wanted = self._name_field
        if wanted is None:
            return None
        by_id = _FIELD_BY_ID.match(wanted)
        if by_id is not None:
            return int(by_id.group(1))
        for field in await self.custom_fields(list_id, as_user=as_user):
            if field.name.strip().lower() == wanted.lower():
                return field.field_id
        return None

    async def subscriber_name(
        self, list_id: int, values: Mapping[int, str], *, as_user: int | None = None
    ) -> str | None:
        """A subscriber's name: its value of the name field (None without one)."""
        field_id = await self.name_field_id(list_id, as_user=as_user)
        if field_id is None:
            return None
        return values.get(field_id) or None
