"""Oempro records as graph objects: accounts, lists, subscribers, campaigns, segments.

Each object keeps what it was built from in ``_record``, for its relations in
:class:`~mailgql.graph.platforms.oempro.OemproGraph`: an account its user, client (as a
:class:`Read`) or admin row, told apart by ``Account._role``; a list, subscriber, campaign or
segment a :class:`Read` of its record with the scope it was read in (``as_user``: None for the
login's own session, or the user an admin login switched to), so that its nested fields are read
in that same session. Global IDs carry the scope too (see ``keys``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from mailgql.graph.accounts import Account, AccountQuota, AccountStatus
from mailgql.graph.campaigns import Campaign, CampaignDetails, CampaignStats, CampaignStatus
from mailgql.graph.ids import global_id
from mailgql.graph.list_subscriptions import ListSubscription
from mailgql.graph.lists import (
    BounceType,
    ListCount,
    MailingList,
    Subscriber,
    SubscriberStatus,
    SubscriptionStatus,
)
from mailgql.graph.platforms._mapping import (
    Identity,
    account_identity,
    connector,
    identity,
    login_account,
)
from mailgql.graph.platforms.oempro.keys import ADMIN_KEY, owned_key, segment_key
from mailgql.graph.segments import Segment, SegmentConnector, SegmentRule, SegmentRuleGroup
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import (
    Admin,
    BounceType as OemproBounce,
    Campaign as CampaignRecord,
    CampaignStatus as OemproCampaignStatus,
    Client,
    MailingList as ListRecord,
    Segment as SegmentRecord,
    Subscriber as SubscriberRecord,
    SubscriptionStatus as OemproSubscription,
    User,
    UserGroup,
)

__all__ = [
    "ADMIN_ROLE",
    "CLIENT_ROLE",
    "COUNT_SEGMENTS",
    "STATUS_SEGMENTS",
    "USER_ROLE",
    "Read",
    "account_from_client",
    "account_from_user",
    "admin_account",
    "campaign_from_record",
    "described_login",
    "read_of",
    "scoped_identity",
    "to_list",
    "to_quota",
    "to_segment",
    "to_subscriber",
    "to_subscription",
]

_P = Platform.OEMPRO
R = TypeVar("R")

USER_ROLE = "user"
"""``Account._role`` of a user; ``_record`` is its :class:`~mailgql.upstreams.oempro.User`."""
CLIENT_ROLE = "client"
"""``Account._role`` of a client; ``_record`` is a :class:`Read` of its ``Client``."""
ADMIN_ROLE = "admin"
"""``Account._role`` of the administrator; ``_record`` is its ``Admin`` row, or None."""

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


@dataclass(frozen=True, slots=True)
class Read(Generic[R]):
    """A record and the scope it was read in: None for the login's own session, or the user
    an admin login read it as."""

    record: R
    as_user: int | None = None


def read_of(value: object, kind: type[R]) -> Read[R]:
    """The :class:`Read` of a ``kind`` record an object keeps in ``_record``."""
    if isinstance(value, Read) and isinstance(value.record, kind):
        return Read(value.record, value.as_user)
    raise TypeError(f"expected an Oempro {kind.__name__} read, got {type(value).__name__}")


def scoped_identity(
    type_name: str, legacy_id: int, as_user: int | None, *, key: str | None = None
) -> Identity:
    """An object read in scope ``as_user``: its global ID carries the scope (see ``keys``)
    before its key, by default its id."""
    return identity(type_name, _P, legacy_id, key=owned_key(as_user, key or legacy_id))


# -- accounts -------------------------------------------------------------------------------------


def _name(*parts: str | None) -> str | None:
    return " ".join(p.strip() for p in parts if p and p.strip()) or None


def account_from_user(user: User) -> Account:
    """A user row as an Account (``AccountStatus`` Disabled is DISABLED; 4.x has no suspension)."""
    return Account(
        **account_identity(_P, f"user:{user.user_id}", USER_ROLE),
        username=user.username,
        name=_name(user.first_name, user.last_name) or user.company_name,
        email=user.email,
        phone=user.phone,
        timezone=user.timezone,
        status=AccountStatus.ACTIVE if user.enabled else AccountStatus.DISABLED,
        created_at=user.user_since,
        last_login_at=user.last_activity_at,
        account_type=USER_ROLE,
        _record=user,
    )


def account_from_client(client: Client, as_user: int | None = None) -> Account:
    """A client row, read in scope ``as_user``, as an Account."""
    return Account(
        **account_identity(_P, f"client:{owned_key(as_user, client.client_id)}", CLIENT_ROLE),
        username=client.username,
        name=client.name,
        email=client.email,
        status=AccountStatus.ACTIVE if client.enabled else AccountStatus.DISABLED,
        account_type=CLIENT_ROLE,
        _record=Read(client, as_user),
    )


def described_login(
    described: Admin | Client | None, key: str, role: str, *, username: str, account_type: str
) -> Account:
    """The account the gateway logs in as, as its login's answer ``described`` it (the
    configured ``username`` alone if it did not)."""
    return login_account(
        _P,
        key,
        role,
        username=described.username if described is not None else username,
        account_type=account_type,
        name=described.name if described is not None else None,
        email=described.email if described is not None else None,
        record=described,
    )


def admin_account(admin: Admin | None, username: str) -> Account:
    """The administrator, as ``Admin.Login`` described it (its name alone if it did not)."""
    return described_login(admin, ADMIN_KEY, ADMIN_ROLE, username=username, account_type=ADMIN_ROLE)


def to_quota(user: User, group: UserGroup) -> AccountQuota:
    """A user's limits: its group's (plan's), its credits where the group charges per send."""

    def limit(value: int | None) -> int | None:
        # Installs store "no limit" as 0 or as -1 (contract §15): both are unlimited.
        return value if value is not None and value > 0 else None

    return AccountQuota(
        send_limit=limit(group.limit_email_send_per_period),
        send_period=None,
        sends_available=user.available_credits if group.payment_system else None,
        sent_this_period=None,
        list_limit=limit(group.limit_lists),
        subscriber_limit=limit(group.limit_subscribers),
        subscribers=None,
    )


# -- lists and subscribers ------------------------------------------------------------------------


def to_list(record: ListRecord, as_user: int | None = None) -> MailingList:
    """A list row as a MailingList, read in scope ``as_user``; its counts are read when asked."""
    return MailingList(
        **scoped_identity("MailingList", record.list_id, as_user),
        name=record.name,
        created_at=record.created_at,
        double_opt_in=None if record.opt_in_mode is None else record.opt_in_mode == "Double",
        _record=Read(record, as_user),
    )


def to_subscriber(
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
        _values=record.custom_fields,
        _record=Read(record, as_user),
    )


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


def campaign_from_record(record: CampaignRecord, as_user: int | None = None) -> Campaign:
    """A campaign row read in scope ``as_user``: status and statistics now; subject and sender
    from its email (``RelEmailID``) when asked."""
    return Campaign(
        **scoped_identity("Campaign", record.campaign_id, as_user),
        name=record.name,
        started_at=record.started_at,
        finished_at=record.finished_at,
        _details=CampaignDetails(
            status=_CAMPAIGN_STATUSES[record.status],
            legacy_status=record.status.value,
            sender=None,
            stats=_stats(record),
        ),
        _record=Read(record, as_user),
    )


# -- segments -------------------------------------------------------------------------------------


def to_segment(record: SegmentRecord, list_id: int, as_user: int | None = None) -> Segment:
    """A segment row of list ``list_id``, read in scope ``as_user``: its flat rules, joined by
    its and/or operator, as one rule group. ``_context_key`` is its list's id."""
    owner = record.list_id or list_id
    joined = connector(record.operator)
    rules: list[SegmentRule | SegmentRuleGroup] = [
        SegmentRule(connector=joined, field=r.field, operator=r.operator, values=[r.filter])
        for r in record.rules
    ]
    # No rules: the whole list, so no group at all.
    groups = [SegmentRuleGroup(connector=SegmentConnector.AND, children=rules)] if rules else []
    return Segment(
        **scoped_identity(
            "Segment", record.segment_id, as_user, key=segment_key(owner, record.segment_id)
        ),
        name=record.name,
        list_ids=[global_id("MailingList", _P, owned_key(as_user, owner))],
        rules=groups,
        _context_key=str(owner),
        _record=Read(record, as_user),
    )
