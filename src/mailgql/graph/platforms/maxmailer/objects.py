"""The Maxmailer platform in the graph: users, resellers and campaigns, by the Login ID's role.

Which upstream call answers an account is chosen by the fields asked (see
``mailgql.loaders.maxmailer``): one ListUsers call serves every account of a request with every
field but the usage in ``quota``; that usage costs one GetUser call per account that asks for
it. A look-up by ID that asks for usage goes to GetUser alone.

Roles: an admin's ``accounts`` are every user, itself included, and ``me`` is its own row; a
user-manager's are its users, and since the API shows no user its own record, its ``me`` is an
account named ``me`` (key ``me``) that is every listed user's parent. A plain user may not list
users (``accounts`` is FORBIDDEN), and its ``me`` is such an account with its own campaigns.
``me.lists`` are the lists configured in MAILGQL_MAXMAILER_LIST_KEYS, by name only.
"""

from __future__ import annotations

import strawberry

from mailgql.graph.accounts import (
    Account,
    AccountPermissions,
    AccountQuota,
    AccountStatus,
    NoAccountExtras,
    SendPeriod,
)
from mailgql.graph.campaigns import Campaign, CampaignDetails, CampaignStats, CampaignStatus
from mailgql.graph.context import Info
from mailgql.graph.errors import NotFound
from mailgql.graph.ids import encode_id
from mailgql.graph.list_subscriptions import ListSubscription
from mailgql.graph.lists import MailingList
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.selections import fields_at
from mailgql.loaders.maxmailer import OWN, Caller
from mailgql.platforms import Platform
from mailgql.upstreams.maxmailer import records as r

__all__ = [
    "SELF_KEY",
    "USAGE_FIELDS",
    "account_by_id",
    "campaign_owners",
    "account_from_user",
    "campaign_from_record",
    "campaign_from_summary",
    "list_subscription",
    "me_account",
    "needs_usage",
    "self_account",
    "to_list",
    "to_subscription",
]

_P = Platform.MAXMAILER
SELF_KEY = "me"
"""Account key of a Login ID whose own record the API does not show (user-manager, plain user)."""
USAGE_FIELDS = frozenset({"sendsAvailable", "sentThisPeriod", "subscribers", "resetDate"})
"""AccountQuota fields that only GetUser reports."""

_STATUSES: dict[r.CampaignState, CampaignStatus] = {
    "completed": CampaignStatus.COMPLETED,
    "scheduled": CampaignStatus.SCHEDULED,
    "stopped": CampaignStatus.STOPPED,
    "saved": CampaignStatus.DRAFT,
    "sending": CampaignStatus.SENDING,
    # Restarting resumes a stopped send: the campaign is sending again.
    "restarting": CampaignStatus.SENDING,
}


def needs_usage(info: Info, *path: str) -> bool:
    """Whether the account at ``path`` below the current field asks for GetUser-only usage."""
    return bool(fields_at(info, (*path, "quota")) & USAGE_FIELDS)


# -- records -> graph objects -------------------------------------------------------------------


def _quota(limits: r.Limits, usage: r.Usage | None) -> AccountQuota:
    return AccountQuota(
        send_limit=limits.send_limit,
        send_period=SendPeriod(limits.send_period),
        sends_available=usage.sends_available if usage is not None else None,
        sent_this_period=usage.sent_this_period if usage is not None else None,
        list_limit=limits.list_limit,
        subscriber_limit=limits.subscriber_limit,
        subscribers=usage.subscribers if usage is not None else None,
        reset_date=usage.reset_date if usage is not None else None,
        message_size_limit_kb=limits.message_size_kb,
        attachment_size_limit_kb=limits.attachment_size_kb,
        user_limit=limits.user_limit,
    )


def _permissions(flags: r.Permissions) -> AccountPermissions:
    return AccountPermissions(
        attachments=flags.attachments,
        bounce_handling=flags.bounce_handling,
        forms=flags.forms,
        api=flags.api,
        embedded_images=flags.embedded_images,
        custom_smtp=flags.custom_smtp,
        smtp_host=flags.smtp_host,
    )


def account_from_user(user: r.User, usage: r.Usage | None = None) -> Account:
    """A user record (and its usage, when GetUser was read) as an Account."""
    return Account(
        id=strawberry.ID(encode_id("Account", _P, user.user_id)),
        platform=_P,
        username=user.username,
        name=user.full_name,
        email=user.email,
        status=AccountStatus.ACTIVE if user.active else AccountStatus.SUSPENDED,
        created_at=user.created_at,
        last_login_at=user.last_login_at,
        account_type=user.user_type,
        suspended_at=user.suspended_at,
        trial_days=user.trial_days,
        permissions=_permissions(user.permissions),
        _backend=_UserAccount(user, usage),
        _key=str(user.user_id),
    )


def self_account(caller: Caller) -> Account:
    """The Login ID's own account when the API does not show its record."""
    return Account(
        id=strawberry.ID(encode_id("Account", _P, SELF_KEY)),
        platform=_P,
        username=SELF_KEY,
        # A suspended account's Login ID is refused outright, so a working one is active.
        status=AccountStatus.ACTIVE,
        account_type="reseller" if caller.role == "reseller" else None,
        _backend=_SelfAccount(caller),
        _key=SELF_KEY,
    )


def to_list(name: str) -> MailingList:
    """A configured list: the API tells nothing about it but that its key works."""
    return MailingList(
        id=strawberry.ID(encode_id("MailingList", _P, name)),
        platform=_P,
        legacy_id=name,
        name=name,
    )


def _details(record: r.Campaign) -> CampaignDetails:
    return CampaignDetails(
        status=_STATUSES[record.state],
        legacy_status=record.state,
        sender=record.sender,
        stats=CampaignStats(
            recipients=record.subscribers,
            sent=record.sent,
            pending=record.left,
            failed=record.failed,
            bounced=record.bounced,
            unique_opens=record.reads_unique,
            total_opens=record.reads_total,
            unsubscribed=record.unsubscribed,
            referred=record.referred,
            referred_opens=record.referred_reads,
            all_opens=record.total_reads,
            new_subscribers=record.new_subscribers,
        ),
    )


def campaign_from_summary(summary: r.CampaignSummary) -> Campaign:
    """A ListCamps item; status, sender and stats come from GetCamp when asked."""
    return Campaign(
        id=strawberry.ID(encode_id("Campaign", _P, summary.message_id)),
        platform=_P,
        legacy_id=str(summary.message_id),
        subject=summary.subject,
        started_at=summary.started_at,
        finished_at=summary.finished_at,
        _backend=_CAMPAIGNS,
    )


def campaign_from_record(record: r.Campaign) -> Campaign:
    """A GetCamp answer, complete."""
    return Campaign(
        id=strawberry.ID(encode_id("Campaign", _P, record.message_id)),
        platform=_P,
        legacy_id=str(record.message_id),
        subject=record.subject,
        started_at=record.started_at,
        finished_at=record.finished_at,
        _details=_details(record),
    )


def to_subscription(list_name: str, record: r.Subscription) -> ListSubscription:
    """A ``status`` answer as a ListSubscription."""
    return ListSubscription(
        email=record.email,
        name=record.name,
        subscribed_at=record.subscribed_at,
        expires_at=record.expires_at,
        active=record.active,
        list_=to_list(list_name),
    )


# -- reads ----------------------------------------------------------------------------------------


async def account_by_id(info: Info, user_id: int, *path: str) -> Account | None:
    """One account, by the rule: GetUser when usage is asked at ``path``, else the listing."""
    loaders = info.context.maxmailer()
    if needs_usage(info, *path):
        detail = await loaders.user_detail(user_id)
        return account_from_user(detail.user, detail.usage) if detail is not None else None
    user = await loaders.user(user_id)
    return account_from_user(user) if user is not None else None


async def me_account(info: Info) -> Account:
    caller = await info.context.maxmailer().caller()
    if caller.record is None:
        return self_account(caller)
    found = await account_by_id(info, caller.record.user_id)
    return found if found is not None else account_from_user(caller.record)


async def _campaign_list(info: Info, owner: int, window: Window) -> Connection[Campaign]:
    summaries = await info.context.maxmailer().campaigns_of(owner)
    return Connection.slice([campaign_from_summary(s) for s in summaries], window)


async def _configured_lists(info: Info, window: Window) -> Connection[MailingList]:
    names = info.context.maxmailer().client.list_names
    return Connection.slice([to_list(n) for n in names], window)


async def list_subscription(info: Info, list_name: str, email: str) -> ListSubscription | None:
    """One address in a configured list; None when the address is not in it."""
    record = await info.context.maxmailer().subscription(list_name, email)
    return to_subscription(list_name, record) if record is not None else None


# -- relations ----------------------------------------------------------------------------------


class _UserAccount(NoAccountExtras):
    """Relations of an account whose record the listing (or GetUser) showed."""

    def __init__(self, user: r.User, usage: r.Usage | None) -> None:
        self.user = user
        self.usage = usage

    async def parent(self, info: Info, account: Account) -> Account | None:
        """The account of ``parent_id``; for a user-manager's Login ID, its own account."""
        parent_id = self.user.parent_id
        if parent_id is None:
            return None
        found = await account_by_id(info, parent_id)
        if found is not None:
            return found
        caller = await info.context.maxmailer().caller()
        if caller.role == "reseller" and caller.user_id == parent_id:
            return self_account(caller)
        return None

    async def sub_accounts(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Account]:
        """Listed users whose parent is this account."""
        users = await info.context.maxmailer().listing()
        children = [account_from_user(u) for u in users if u.parent_id == self.user.user_id]
        return Connection.slice(children, window)

    async def campaigns(self, info: Info, account: Account, window: Window) -> Connection[Campaign]:
        """ListCamps of this user."""
        return await _campaign_list(info, self.user.user_id, window)

    async def lists(self, info: Info, account: Account, window: Window) -> Connection[MailingList]:
        """The configured lists, on the Login ID's own account only."""
        caller = await info.context.maxmailer().caller()
        if caller.user_id != self.user.user_id or caller.role != "admin":
            return Connection.empty()
        return await _configured_lists(info, window)

    async def quota(self, info: Info, account: Account) -> AccountQuota | None:
        """Limits from the record; usage from GetUser, read only when asked."""
        usage = self.usage
        if usage is None and fields_at(info) & USAGE_FIELDS:
            detail = await info.context.maxmailer().user_detail(self.user.user_id)
            usage = detail.usage if detail is not None else None
        return _quota(self.user.limits, usage)


class _SelfAccount(NoAccountExtras):
    """Relations of a user-manager's or plain user's own account, which the API does not show."""

    def __init__(self, caller: Caller) -> None:
        self.caller = caller

    async def sub_accounts(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Account]:
        """A user-manager's users are every listed user; a plain user manages none."""
        if self.caller.role != "reseller":
            return Connection.empty()
        users = await info.context.maxmailer().listing()
        return Connection.slice([account_from_user(u) for u in users], window)

    async def campaigns(self, info: Info, account: Account, window: Window) -> Connection[Campaign]:
        """The Login ID's own campaigns."""
        return await _campaign_list(info, OWN, window)

    async def lists(self, info: Info, account: Account, window: Window) -> Connection[MailingList]:
        """The configured lists."""
        return await _configured_lists(info, window)


class _CampaignReports:
    """Reads a listed campaign's status, sender and stats with GetCamp."""

    async def details(self, info: Info, campaign: Campaign) -> CampaignDetails:
        """GetCamp through the loader: one call per campaign per request."""
        record = await info.context.maxmailer().campaign(int(campaign.legacy_id))
        if record is None:
            raise NotFound(f"Maxmailer no longer shows campaign {campaign.legacy_id}", platform=_P)
        return _details(record)


_CAMPAIGNS = _CampaignReports()


# -- the root fields ----------------------------------------------------------------------------


async def campaign_owners(info: Info) -> list[int]:
    """Whose campaigns the Login ID sees, in order: its own, then its users'."""
    loaders = info.context.maxmailer()
    caller = await loaders.caller()
    if caller.role == "user":
        return [OWN]
    users = [u.user_id for u in await loaders.listing()]
    # An admin's listing holds its own row; a user-manager's does not.
    return users if caller.role == "admin" else [OWN, *users]
