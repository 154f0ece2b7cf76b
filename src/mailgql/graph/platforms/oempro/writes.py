"""Oempro writes in the graph: each asks the facade to write, then reads the object back.

The facade (:class:`~mailgql.data.oempro.OemproData`) checks Oempro's own rules, sends the call
and forgets what it made stale; here the graph decodes what the inputs name (account keys,
segment IDs) and shows the result. Subscriptions are the exception to reading back as given:
``Subscriber.Subscribe`` and ``Subscriber.Unsubscribe`` are public, so they work with any login,
but reading the address back runs in a user's session, which an admin login is refused (99999):
the subscription is then null.
"""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from datetime import datetime

import strawberry

from mailgql.data.oempro import CampaignDraft, ListSettings, NewSegment, OemproData
from mailgql.graph.accounts import Account
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, NotFound
from mailgql.graph.ids import decode_id, global_id
from mailgql.graph.list_subscriptions import ListSubscription
from mailgql.graph.lists import MailingList, Subscriber
from mailgql.graph.platforms.base import NewSubscription, PlatformGraph, existing
from mailgql.graph.platforms.oempro.keys import (
    ADMIN_KEY,
    parse_account_key,
    segment_key,
    split_segment_key,
)
from mailgql.graph.platforms.oempro.mapping import (
    account_from_user,
    campaign_from_record,
    to_list,
    to_segment,
    to_subscriber,
    to_subscription,
)
from mailgql.graph.segments import Segment
from mailgql.graph.validation import plain_legacy_id
from mailgql.platforms import Platform
from mailgql.upstreams.errors import UpstreamForbidden

__all__ = ["OemproWrites", "find_segment", "read_subscription"]

_P = Platform.OEMPRO
_ACCOUNT_FIELD = ("input", "accountId")


def _data(info: Info) -> OemproData:
    return info.context.oempro()


async def read_subscription(info: Info, list_id: int, email: str) -> ListSubscription | None:
    """One address in one of the login's lists, with its name: ``Subscriber.Get`` and
    ``List.Get`` side by side; None when the list does not hold it, or is not the login's."""
    data = _data(info)
    found = await data.subscription(list_id, email)
    if found is None:
        return None
    record, mailing_list = found
    name = await data.subscriber_name(list_id, record.custom_fields)
    return to_subscription(record, to_list(mailing_list), name)


async def find_segment(info: Info, value: str, *, field: tuple[str, ...]) -> Segment:
    """The segment an input names: a Segment global ID, or a plain segment id (every list's
    segments are read to find it)."""
    data = _data(info)
    text = value.strip()
    wanted = plain_legacy_id(text, field=field, what="segment")
    if wanted is not None:
        found = await data.find_segment(wanted)
        if found is None:
            raise NotFound(f"Oempro shows no segment {wanted}", platform=_P, field=field)
        return to_segment(found[1], found[0])
    decoded = decode_id(text, expect="Segment", field=field)
    if decoded.platform is not _P:
        raise BadUserInput(
            f"{value!r} is a {decoded.platform.label} segment, not an Oempro one", field=field
        )
    key = split_segment_key(decoded.key)
    if key is None:
        raise BadUserInput(f"{value!r} does not name an Oempro segment", field=field)
    list_id, segment_id = key
    segment = await data.segment(list_id, segment_id)
    if segment is None:
        raise NotFound(
            f"Oempro list {list_id} has no segment {segment_id}", platform=_P, field=field
        )
    return to_segment(segment, list_id)


async def _fresh_list(info: Info, list_id: int) -> MailingList:
    record = await _data(info).list(list_id)
    return to_list(existing(record, _P, f"Oempro shows no list {list_id} to this login"))


async def _fresh_campaign(info: Info, campaign_id: int) -> Campaign:
    record = await _data(info).campaign(campaign_id)
    missing = f"Oempro shows no campaign {campaign_id} to this login"
    return campaign_from_record(existing(record, _P, missing))


async def _gone(write: Awaitable[None], type_name: str, key: str | int) -> strawberry.ID:
    """Send a deletion; the global ID of what it deleted."""
    await write
    return global_id(type_name, _P, key)


class OemproWrites(PlatformGraph):
    """Oempro's writes, each followed by the object read back."""

    platform = _P

    # -- accounts ---------------------------------------------------------------------------------

    async def set_account_status(self, info: Info, key: str, *, active: bool) -> Account:
        """``User.Update`` with ``AccountStatus`` (an admin login only), then ``User.Get``."""
        parsed = parse_account_key(key)
        if parsed is None:
            raise BadUserInput(
                f"{key!r} does not name an Oempro account", field=_ACCOUNT_FIELD, platform=_P
            )
        if parsed.kind == ADMIN_KEY:
            raise BadUserInput(
                "the Oempro administrator cannot be disabled", field=_ACCOUNT_FIELD, platform=_P
            )
        if parsed.kind == "client" or parsed.number is None:
            raise BadUserInput(
                "changing an Oempro client's status is not supported; only users have one here",
                field=_ACCOUNT_FIELD,
                platform=_P,
            )
        data = _data(info)
        await data.set_user_status(parsed.number, active=active)
        user = await data.user(parsed.number)
        if user is None:
            raise NotFound(f"Oempro has no user {parsed.number}", platform=_P, field=_ACCOUNT_FIELD)
        return account_from_user(user)

    # -- subscriptions ----------------------------------------------------------------------------

    async def subscribe(
        self, info: Info, list_key: str, new: NewSubscription
    ) -> ListSubscription | None:
        """``Subscriber.Subscribe`` (the name into the configured field), then the address."""
        list_id = int(list_key)
        await _data(info).subscribe(list_id, new.email, name=new.name, expires_at=new.expires_at)
        return await self._read_back(info, list_id, new.email)

    async def unsubscribe(
        self, info: Info, list_key: str, *, email: str
    ) -> ListSubscription | None:
        """``Subscriber.Unsubscribe`` by address, then the address (inactive from now on)."""
        list_id = int(list_key)
        await _data(info).unsubscribe(list_id, email)
        return await self._read_back(info, list_id, email)

    # -- lists and subscribers --------------------------------------------------------------------

    async def create_list(self, info: Info, name: str) -> MailingList:
        """``List.Create``, then the new list (``List.Get``)."""
        return await _fresh_list(info, await _data(info).create_list(name))

    async def update_list(self, info: Info, list_id: int, settings: ListSettings) -> MailingList:
        """``List.Update`` with the given settings only, then the list read back."""
        await _data(info).update_list(list_id, settings)
        return await _fresh_list(info, list_id)

    async def delete_list(self, info: Info, list_id: int) -> strawberry.ID:
        """``Lists.Delete`` of a list the login sees (its subscribers and segments go too)."""
        return await _gone(_data(info).delete_list(list_id), "MailingList", list_id)

    async def update_subscriber(
        self,
        info: Info,
        list_id: int,
        email: str,
        *,
        new_email: str | None,
        values: Sequence[tuple[str, str]],
    ) -> Subscriber:
        """``Subscriber.Update``, then the subscriber read back by its new address."""
        data = _data(info)
        await data.update_subscriber(list_id, email, new_email=new_email, fields=values)
        target = new_email or email
        found = await data.subscription(list_id, target)
        record, mailing_list = existing(
            found, _P, f"Oempro list {list_id} no longer shows {target}"
        )
        return to_subscriber(record, to_list(mailing_list))

    # -- campaigns --------------------------------------------------------------------------------

    async def create_campaign(self, info: Info, draft: CampaignDraft) -> Campaign:
        """The email, then the campaign (undone when a later step fails); then ``Campaign.Get``.
        A failed read-back undoes nothing: the writes landed."""
        return await _fresh_campaign(info, await _data(info).create_campaign(draft))

    async def schedule_campaign(
        self,
        info: Info,
        campaign_id: int,
        *,
        send_at: datetime | None,
        time_zone: str,
        recipients: Sequence[tuple[int, int]],
    ) -> Campaign:
        """``Campaign.Update`` with ``CampaignStatus`` Ready, then the campaign read back (an
        untrusted user's shows Pending Approval)."""
        await _data(info).schedule_campaign(
            campaign_id, send_at=send_at, time_zone=time_zone, recipients=recipients
        )
        return await _fresh_campaign(info, campaign_id)

    async def cancel_campaign(self, info: Info, campaign_id: int) -> Campaign:
        """Back to an unscheduled draft, then the campaign read back."""
        await _data(info).cancel_campaign(campaign_id)
        return await _fresh_campaign(info, campaign_id)

    async def delete_campaign(self, info: Info, campaign_id: int) -> strawberry.ID:
        """``Campaigns.Delete`` of a campaign the login sees."""
        return await _gone(_data(info).delete_campaign(campaign_id), "Campaign", campaign_id)

    # -- segments ---------------------------------------------------------------------------------

    async def create_segment(self, info: Info, list_id: int, new: NewSegment) -> Segment:
        """``Segment.Create`` with its rules, then the segment from the list's ``Segment.Get``."""
        data = _data(info)
        segment_id = await data.create_segment(list_id, new)
        record = await data.segment(list_id, segment_id)
        missing = f"Oempro list {list_id} does not show its new segment"
        return to_segment(existing(record, _P, missing), list_id)

    async def delete_segment(self, info: Info, segment: Segment) -> strawberry.ID:
        """``Segments.Delete`` of a segment found first (:func:`find_segment`)."""
        list_id, segment_id = int(segment._context_key or 0), int(segment.legacy_id)
        write = _data(info).delete_segment(list_id, segment_id)
        return await _gone(write, "Segment", segment_key(list_id, segment_id))

    # -- reading back -----------------------------------------------------------------------------

    @staticmethod
    async def _read_back(info: Info, list_id: int, email: str) -> ListSubscription | None:
        """The address as the list now holds it; None when the login may not read the list."""
        try:
            return await read_subscription(info, list_id, email)
        except UpstreamForbidden:
            return None
