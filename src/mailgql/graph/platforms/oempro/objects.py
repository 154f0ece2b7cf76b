"""Oempro lists, subscribers, campaigns and segments as graph objects, read through the loaders.

What costs calls, and when (see ``mailgql.loaders.oempro`` for how they are grouped):

- a list's counts: one ``Subscribers.Get`` (``RecordsPerRequest=1``) per list and count asked;
- a list's subscribers: one ``Subscribers.Get`` per page; a list's segments: one ``Segment.Get``;
- a subscriber's field names (``fields``, and ``name`` set by field name): one
  ``CustomFields.Get`` per list;
- a campaign's subject and sender: its email record; every campaign of a request together costs
  one ``Emails.Get`` (a lone one, one ``Email.Get``). Status and statistics come with the row.

Every object carries the scope it was read in (``as_user``: None for the login's own session,
or the user an admin login switched to, see ``oempro_scope``), and its nested fields read in
that same scope: a user's list counts, subscribers and segments, a campaign's subject.

Global IDs: lists and campaigns by their id; a segment by ``<list id>:<segment id>`` (segments
are read per list); subscribers have no global ID (their ids are only unique within a list).
An object read in a user's switched session puts ``<UserID>/`` before that key.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping

import strawberry

from mailgql.graph.campaigns import Campaign, CampaignDetails, CampaignStats, CampaignStatus
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, NotFound
from mailgql.graph.ids import decode_id, encode_id
from mailgql.graph.list_subscriptions import ListSubscription
from mailgql.graph.lists import (
    BounceType,
    ListCount,
    MailingList,
    Subscriber,
    SubscriberField,
    SubscriberStatus,
    SubscriptionStatus,
)
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.platforms.oempro.scope import owned_key
from mailgql.graph.segments import Segment, SegmentConnector, SegmentRule, SegmentRuleGroup
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import (
    BounceType as OemproBounce,
    Campaign as CampaignRecord,
    CampaignStatus as OemproCampaignStatus,
    CustomField,
    MailingList as ListRecord,
    Segment as SegmentRecord,
    Subscriber as SubscriberRecord,
    SubscriptionStatus as OemproSubscription,
)

__all__ = [
    "COUNT_SEGMENTS",
    "STATUS_SEGMENTS",
    "campaign_from_record",
    "find_segment",
    "list_subscription",
    "name_field_id",
    "segment_key",
    "split_segment_key",
    "subscriber_from_record",
    "to_list",
    "to_segment",
    "to_subscription",
]

_P = Platform.OEMPRO

COUNT_SEGMENTS: dict[ListCount, str] = {
    ListCount.SUBSCRIBED: "Active",
    ListCount.UNSUBSCRIBED: "Unsubscribed",
    ListCount.BOUNCED: "Hard bounced",
}
"""The ``SubscriberSegment`` whose ``TotalSubscribers`` answers each count (contract §6)."""

STATUS_SEGMENTS: dict[SubscriberStatus, str] = {
    SubscriberStatus.ACTIVE: "Active",
    SubscriberStatus.UNSUBSCRIBED: "Unsubscribed",
    SubscriberStatus.SOFT_BOUNCED: "Soft bounced",
    SubscriberStatus.HARD_BOUNCED: "Hard bounced",
    SubscriberStatus.OPT_IN_PENDING: "Opt-in pending",
    SubscriberStatus.SUPPRESSED: "Suppressed",
}
"""The ``SubscriberSegment`` of each status a ``subscribers`` connection can ask for."""

_CAMPAIGN_STATUSES: dict[OemproCampaignStatus, CampaignStatus] = {
    OemproCampaignStatus.DRAFT: CampaignStatus.DRAFT,
    OemproCampaignStatus.READY: CampaignStatus.SCHEDULED,
    # Waiting for the admin to approve an untrusted user's send: still scheduled to go out.
    OemproCampaignStatus.PENDING_APPROVAL: CampaignStatus.SCHEDULED,
    OemproCampaignStatus.SENDING: CampaignStatus.SENDING,
    OemproCampaignStatus.PAUSED: CampaignStatus.PAUSED,
    OemproCampaignStatus.SENT: CampaignStatus.COMPLETED,
    OemproCampaignStatus.FAILED: CampaignStatus.FAILED,
}
_SUBSCRIPTIONS = {
    OemproSubscription.SUBSCRIBED: SubscriptionStatus.SUBSCRIBED,
    OemproSubscription.OPT_IN_PENDING: SubscriptionStatus.OPT_IN_PENDING,
    OemproSubscription.OPT_OUT_PENDING: SubscriptionStatus.OPT_OUT_PENDING,
    OemproSubscription.UNSUBSCRIBED: SubscriptionStatus.UNSUBSCRIBED,
}
_BOUNCES = {
    OemproBounce.NOT_BOUNCED: BounceType.NOT_BOUNCED,
    OemproBounce.SOFT: BounceType.SOFT,
    OemproBounce.HARD: BounceType.HARD,
}
_FIELD_BY_ID = re.compile(r"(?:CustomField)?(\d+)\Z", re.IGNORECASE)


def _gid(type_name: str, key: str | int, as_user: int | None = None) -> strawberry.ID:
    return strawberry.ID(encode_id(type_name, _P, owned_key(as_user, key)))


# -- lists ----------------------------------------------------------------------------------------


def to_list(record: ListRecord, as_user: int | None = None) -> MailingList:
    """A list row as a MailingList, read in scope ``as_user``; its counts are read when asked."""
    return MailingList(
        id=_gid("MailingList", record.list_id, as_user),
        platform=_P,
        legacy_id=str(record.list_id),
        name=record.name,
        created_at=record.created_at,
        double_opt_in=None if record.opt_in_mode is None else record.opt_in_mode == "Double",
        _backend=_Lists(as_user),
    )


class _Lists:
    """Counts, subscribers and segments of Oempro lists of one scope, through the loaders."""

    def __init__(self, as_user: int | None) -> None:
        self.as_user = as_user

    async def count(self, info: Info, mailing_list: MailingList, which: ListCount) -> int | None:
        """``TotalSubscribers`` of the matching status (one call per list and count)."""
        return await info.context.oempro().subscriber_count(
            int(mailing_list.legacy_id), COUNT_SEGMENTS[which], as_user=self.as_user
        )

    async def subscribers(
        self, info: Info, mailing_list: MailingList, status: SubscriberStatus, window: Window
    ) -> Connection[Subscriber]:
        """One ``Subscribers.Get`` page, one more than asked to learn if another follows."""
        list_id = int(mailing_list.legacy_id)
        page = await info.context.oempro().subscriber_window(
            list_id,
            STATUS_SEGMENTS[status],
            offset=window.offset,
            count=window.fetch_count,
            as_user=self.as_user,
        )
        items = [subscriber_from_record(r, mailing_list, self.as_user) for r in page.items]
        return Connection.build(items, window, total=page.total)

    async def segments(
        self, info: Info, mailing_list: MailingList, window: Window
    ) -> Connection[Segment]:
        """Every segment of the list (one unpaged ``Segment.Get``), windowed here."""
        list_id = int(mailing_list.legacy_id)
        records = await info.context.oempro().segments(list_id, as_user=self.as_user)
        return Connection.slice([to_segment(r, list_id, self.as_user) for r in records], window)


# -- subscribers ----------------------------------------------------------------------------------


def subscriber_from_record(
    record: SubscriberRecord, mailing_list: MailingList, as_user: int | None = None
) -> Subscriber:
    """A subscriber row of a list read in scope ``as_user``."""
    return Subscriber(
        legacy_id=str(record.subscriber_id),
        email=record.email,
        subscription_status=_SUBSCRIPTIONS[record.status],
        bounce_type=_BOUNCES[record.bounce_type],
        active=record.active,
        subscribed_at=record.subscribed_at,
        unsubscribed_at=record.unsubscribed_at,
        opted_in_at=record.opted_in_at,
        list_=mailing_list,
        _backend=_Subscribers(as_user),
        _values=record.custom_fields,
    )


async def _custom_fields(info: Info, list_id: int, as_user: int | None) -> tuple[CustomField, ...]:
    return await info.context.oempro().custom_fields(list_id, as_user=as_user)


async def name_field_id(info: Info, list_id: int, *, as_user: int | None = None) -> int | None:
    """The custom field MAILGQL_OEMPRO_NAME_FIELD names in a list: by id, or by field name.

    None without the setting, or when the list has no field of that name.
    """
    wanted = (info.context.settings.oempro_name_field or "").strip()
    if not wanted:
        return None
    by_id = _FIELD_BY_ID.match(wanted)
    if by_id is not None:
        return int(by_id.group(1))
    for field in await _custom_fields(info, list_id, as_user):
        if field.name.strip().lower() == wanted.lower():
            return field.field_id
    return None


async def _name(
    info: Info, list_id: int, values: Mapping[int, str], as_user: int | None = None
) -> str | None:
    field_id = await name_field_id(info, list_id, as_user=as_user)
    if field_id is None:
        return None
    return values.get(field_id) or None


class _Subscribers:
    """Names and custom field values of Oempro subscribers of one scope."""

    def __init__(self, as_user: int | None) -> None:
        self.as_user = as_user

    async def name(self, info: Info, subscriber: Subscriber) -> str | None:
        """The value of the configured name field."""
        list_id = int(subscriber.list_.legacy_id)
        return await _name(info, list_id, subscriber._values, self.as_user)

    async def fields(self, info: Info, subscriber: Subscriber) -> list[SubscriberField]:
        """Every field of the list (one ``CustomFields.Get`` per list) with this value."""
        fields = await _custom_fields(info, int(subscriber.list_.legacy_id), self.as_user)
        return [
            SubscriberField(
                field_id=str(field.field_id),
                name=field.name,
                type=field.field_type,
                value=subscriber._values.get(field.field_id) or None,
            )
            for field in fields
        ]


def to_subscription(
    record: SubscriberRecord, mailing_list: MailingList, name: str | None
) -> ListSubscription:
    """A subscriber row as a ListSubscription (Oempro subscriptions never expire)."""
    return ListSubscription(
        email=record.email,
        name=name,
        subscribed_at=record.subscribed_at,
        expires_at=None,
        active=record.active,
        list_=mailing_list,
    )


async def list_subscription(info: Info, list_id: int, email: str) -> ListSubscription | None:
    """One address in one list: ``Subscriber.Get`` and ``List.Get``, side by side.

    None when the list does not hold the address, or is not the gateway login's list.
    """
    loaders = info.context.oempro()
    record, found = await asyncio.gather(loaders.subscriber(list_id, email), loaders.list(list_id))
    if record is None or found is None:
        return None
    name = await _name(info, list_id, record.custom_fields)
    return to_subscription(record, to_list(found), name)


# -- campaigns ------------------------------------------------------------------------------------


def _sum(*parts: int | None) -> int | None:
    return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)


def _stats(record: CampaignRecord) -> CampaignStats:
    s = record.statistics
    recipients, sent, failed = s.total_recipients, s.total_sent, s.total_failed
    pending: int | None = None
    drafted = record.status is OemproCampaignStatus.DRAFT and not recipients
    if recipients is not None and sent is not None and failed is not None and not drafted:
        pending = max(recipients - sent - failed, 0)
    return CampaignStats(
        recipients=recipients,
        sent=sent,
        pending=pending,
        failed=failed,
        bounced=_sum(s.total_hard_bounces, s.total_soft_bounces),
        unique_opens=s.unique_opens,
        total_opens=s.total_opens,
        unique_clicks=s.unique_clicks,
        total_clicks=s.total_clicks,
        unsubscribed=s.total_unsubscriptions,
        hard_bounced=s.total_hard_bounces,
        soft_bounced=s.total_soft_bounces,
        total_forwards=s.total_forwards,
        unique_forwards=s.unique_forwards,
        total_browser_views=s.total_views_on_browser,
        unique_browser_views=s.unique_views_on_browser,
    )


class _EmailContent:
    """Subject and sender of a campaign, from its email record (``RelEmailID``) in its scope."""

    def __init__(self, email_id: int | None, as_user: int | None) -> None:
        self.email_id = email_id
        self.as_user = as_user

    async def subject(self, info: Info, campaign: Campaign) -> str | None:
        """The email's ``Subject``."""
        email = await info.context.oempro().email(self.email_id, as_user=self.as_user)
        return email.subject if email is not None else None

    async def sender(self, info: Info, campaign: Campaign) -> str | None:
        """The email's ``FromEmail``."""
        email = await info.context.oempro().email(self.email_id, as_user=self.as_user)
        return email.from_email if email is not None else None


def campaign_from_record(record: CampaignRecord, as_user: int | None = None) -> Campaign:
    """A campaign row read in scope ``as_user``: status and statistics now, subject and sender
    from the email if asked."""
    return Campaign(
        id=_gid("Campaign", record.campaign_id, as_user),
        platform=_P,
        legacy_id=str(record.campaign_id),
        name=record.name,
        started_at=record.started_at,
        finished_at=record.finished_at,
        _details=CampaignDetails(
            status=_CAMPAIGN_STATUSES[record.status],
            legacy_status=record.status.value,
            sender=None,
            stats=_stats(record),
        ),
        _content=_EmailContent(record.email_id, as_user),
    )


# -- segments -------------------------------------------------------------------------------------


def segment_key(list_id: int, segment_id: int) -> str:
    """The legacy key of a segment's global ID (before any owner prefix)."""
    return f"{list_id}:{segment_id}"


def split_segment_key(key: str) -> tuple[int, int] | None:
    """``(list id, segment id)`` of a segment key without an owner prefix; None for a key we
    did not make."""
    list_part, _, segment_part = key.partition(":")
    if not (list_part.isdigit() and segment_part.isdigit()):
        return None
    return int(list_part), int(segment_part)


def _connector(operator: str) -> SegmentConnector:
    return SegmentConnector.OR if operator.lower() == "or" else SegmentConnector.AND


def to_segment(record: SegmentRecord, list_id: int, as_user: int | None = None) -> Segment:
    """A segment row read in scope ``as_user``: its flat rules, joined by its and/or operator,
    as one rule group."""
    owner = record.list_id or list_id
    connector = _connector(record.operator)
    rules: list[SegmentRule | SegmentRuleGroup] = [
        SegmentRule(connector=connector, field=r.field, operator=r.operator, values=[r.filter])
        for r in record.rules
    ]
    # No rules: the whole list, so no group at all.
    groups = [SegmentRuleGroup(connector=SegmentConnector.AND, children=rules)] if rules else []
    return Segment(
        id=_gid("Segment", segment_key(owner, record.segment_id), as_user),
        platform=_P,
        legacy_id=str(record.segment_id),
        name=record.name,
        list_ids=[_gid("MailingList", owner, as_user)],
        rules=groups,
        _backend=_Segments(as_user),
        _context_key=str(owner),
    )


class _Segments:
    """An Oempro segment lives in one list, read in the segment's scope."""

    def __init__(self, as_user: int | None) -> None:
        self.as_user = as_user

    async def segment_lists(self, info: Info, segment: Segment) -> list[MailingList]:
        """The list it belongs to, from the scope's list listing (one call per request)."""
        owner = int(segment._context_key or 0)
        lists = await info.context.oempro().all_lists(as_user=self.as_user)
        return [to_list(r, self.as_user) for r in lists if r.list_id == owner]


async def find_segment(info: Info, value: str, *, field: tuple[str, ...]) -> Segment:
    """The segment an input names: a Segment global ID, or a plain segment id (every list's
    segments are read to find it)."""
    loaders = info.context.oempro()
    text = value.strip()
    if text.isdigit():
        wanted = int(text)
        lists = await loaders.all_lists()
        listings = await asyncio.gather(*(loaders.segments(r.list_id) for r in lists))
        for record, segments in zip(lists, listings, strict=True):
            for segment in segments:
                if segment.segment_id == wanted:
                    return to_segment(segment, record.list_id)
        raise NotFound(f"Oempro shows no segment {wanted}", platform=_P, field=field)
    decoded = decode_id(text, expect="Segment", field=field)
    if decoded.platform is not _P:
        raise BadUserInput(
            f"{value!r} is a {decoded.platform.label} segment, not an Oempro one", field=field
        )
    key = split_segment_key(decoded.key)
    if key is None:
        raise BadUserInput(f"{value!r} does not name an Oempro segment", field=field)
    list_id, segment_id = key
    for segment in await loaders.segments(list_id):
        if segment.segment_id == segment_id:
            return to_segment(segment, list_id)
    raise NotFound(f"Oempro list {list_id} has no segment {segment_id}", platform=_P, field=field)
