"""Maxmailer records as graph objects: users and the Login ID's own account, campaigns, lists,
subscriptions.

An account keeps what it was built from in ``Account._record`` for its relations: a listed user
(``_role`` :data:`USER_ROLE`) its :class:`~mailgql.data.maxmailer.UserView`, the Login ID's own
account where the API shows no record of it (``_role`` :data:`SELF_ROLE`, key ``me``) its
:class:`~mailgql.data.maxmailer.MaxmailerLogin`.
"""

from __future__ import annotations

from dataclasses import asdict

from mailgql.data.maxmailer import SELF_KEY, MaxmailerLogin, UserView
from mailgql.graph.accounts import (
    Account,
    AccountPermissions,
    AccountQuota,
    AccountStatus,
    SendPeriod,
)
from mailgql.graph.campaigns import Campaign, CampaignDetails, CampaignStats, CampaignStatus
from mailgql.graph.list_subscriptions import ListSubscription
from mailgql.graph.lists import MailingList
from mailgql.graph.platforms._mapping import account_identity, identity, login_account
from mailgql.platforms import Platform
from mailgql.upstreams.maxmailer import records as r

__all__ = [
    "SELF_ROLE",
    "USER_ROLE",
    "account_from_user",
    "campaign_details",
    "campaign_from_record",
    "campaign_from_summary",
    "self_account",
    "to_list",
    "to_quota",
    "to_subscription",
]

_P = Platform.MAXMAILER
USER_ROLE = "user"
"""``Account._role`` of a user the listing (or GetUser) shows; ``_record`` is its UserView."""
SELF_ROLE = "self"
"""``Account._role`` of the Login ID's own account without a record; ``_record`` is its
MaxmailerLogin."""

_STATUSES: dict[r.CampaignState, CampaignStatus] = {
    "completed": CampaignStatus.COMPLETED,
    "scheduled": CampaignStatus.SCHEDULED,
    "stopped": CampaignStatus.STOPPED,
    "saved": CampaignStatus.DRAFT,
    "sending": CampaignStatus.SENDING,
    # Restarting resumes a stopped send: the campaign is sending again.
    "restarting": CampaignStatus.SENDING,
}


def to_quota(limits: r.Limits, usage: r.Usage | None) -> AccountQuota:
    """Limits from the user's row, usage from GetUser where it was read."""
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


def account_from_user(view: UserView) -> Account:
    """A user (and its usage, where GetUser was read) as an Account."""
    user = view.user
    return Account(
        **account_identity(_P, user.user_id, USER_ROLE),
        username=user.username,
        name=user.full_name,
        email=user.email,
        status=AccountStatus.ACTIVE if user.active else AccountStatus.SUSPENDED,
        created_at=user.created_at,
        last_login_at=user.last_login_at,
        account_type=user.user_type,
        suspended_at=user.suspended_at,
        trial_days=user.trial_days,
        permissions=AccountPermissions(**asdict(user.permissions)),
        _record=view,
    )


def self_account(caller: MaxmailerLogin) -> Account:
    """The Login ID's own account when the API does not show its record."""
    kind = "reseller" if caller.role == "reseller" else None
    return login_account(
        _P, SELF_KEY, SELF_ROLE, username=SELF_KEY, account_type=kind, record=caller
    )


def to_list(name: str) -> MailingList:
    """A configured list: the API tells nothing about it but that its key works."""
    return MailingList(**identity("MailingList", _P, name), name=name)


def campaign_details(record: r.Campaign) -> CampaignDetails:
    """Status, sender and report of a GetCamp answer."""
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


def _campaign(item: r.CampaignSummary | r.Campaign, details: CampaignDetails | None) -> Campaign:
    return Campaign(
        **identity("Campaign", _P, item.message_id),
        subject=item.subject,
        started_at=item.started_at,
        finished_at=item.finished_at,
        _details=details,
    )


def campaign_from_summary(summary: r.CampaignSummary) -> Campaign:
    """A ListCamps item; status, sender and stats come from GetCamp when asked."""
    return _campaign(summary, None)


def campaign_from_record(record: r.Campaign) -> Campaign:
    """A GetCamp answer, complete."""
    return _campaign(record, campaign_details(record))


def to_subscription(list_name: str, record: r.Subscription) -> ListSubscription:
    """A ``status`` answer as a ListSubscription."""
    return ListSubscription(**asdict(record), list_=to_list(list_name))
