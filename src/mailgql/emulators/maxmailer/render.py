"""Records as the legacy server prints them: every scalar a string, field names as on the wire."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mailgql.emulators.maxmailer.records import Campaign, MaxmailerState, Subscription, User

__all__ = [
    "available_sends",
    "campaign_stats",
    "campaign_summary",
    "limit_reset",
    "subscription_status",
    "user_record",
    "user_with_usage",
]


def user_record(user: User) -> dict[str, str]:
    """A ListUsers value: the account row, SMTP credentials included (a legacy leak)."""
    record = {
        "uname": user.uname,
        "name": user.name,
        "lastname": user.lastname,
        "email": user.email,
        "max_sends": str(user.max_sends),
        "max_list": str(user.max_list),
        "max_suscribers": str(user.max_subscribers),
        "allow_attach": str(user.allow_attach),
        "attach_max_size": str(user.attach_max_size),
        "max_message_size": str(user.max_message_size),
        "allow_bounce": str(user.allow_bounce),
        "allow_forms": str(user.allow_forms),
        "allow_api": str(user.allow_api),
    }
    # The vendor documents max_users as "only for user-managers": other rows do not carry it.
    if user.user_type == "reseller":
        record["max_users"] = str(user.max_users)
    record |= {
        "smtp": str(user.smtp),
        "smtp_host": user.smtp_host,
        "smtp_user": user.smtp_user,
        "smtp_pass": user.smtp_pass,
        "parent_id": str(user.parent_id),
        "lastLogin": str(user.last_login),
        "dateCreated": str(user.date_created),
        "susp_date": str(user.susp_date),
        "trial": str(user.trial),
        "allow_embedded": str(user.allow_embedded),
        "status": "suspended" if user.suspended else "active",
        "usertType": user.user_type,
        "max_sends_period": user.period,
    }
    return record


def available_sends(user: User) -> int:
    """Sends left in the current period; 0 for unlimited accounts, as the legacy server prints."""
    if user.max_sends == 0:
        return 0
    return max(0, user.max_sends - user.sent_in_period)


def limit_reset(user: User, now: int) -> str:
    """The date the send count was last reset, ``dd/mm/yyyy`` (UTC).

    Daily, weekly (Monday) and monthly periods restart on their own; a one-time allocation was
    last "reset" when it was granted (account creation or the latest AddCredit).
    """
    today = datetime.fromtimestamp(now, tz=UTC).date()
    if user.period == "daily":
        day = today
    elif user.period == "weekly":
        day = today - timedelta(days=today.weekday())
    elif user.period == "monthly":
        day = today.replace(day=1)
    else:
        day = datetime.fromtimestamp(user.period_start, tz=UTC).date()
    return day.strftime("%d/%m/%Y")


def user_with_usage(user: User, state: MaxmailerState, now: int) -> dict[str, str]:
    """A GetUser answer: the account row plus its usage in the current period."""
    return user_record(user) | {
        "available_sends": str(available_sends(user)),
        "email_sent_in_period": str(user.sent_in_period),
        "current_subscribers": str(state.current_subscribers(user, now)),
        "limit_reset": limit_reset(user, now),
    }


def campaign_summary(campaign: Campaign) -> dict[str, str]:
    """A ListCamps item."""
    return {
        "MessageID": str(campaign.message_id),
        "Subject": campaign.subject,
        "DateStart": str(campaign.date_start),
        "DateEnd": str(campaign.date_end),
    }


def campaign_stats(campaign: Campaign) -> dict[str, str]:
    """A GetCamp answer."""
    return {
        "Status": campaign.status,
        "Subject": campaign.subject,
        "From": campaign.sender,
        "DateStart": str(campaign.date_start),
        "DateEnd": str(campaign.date_end),
        "Subscribers": str(campaign.subscribers),
        "Sent": str(campaign.sent),
        "Left": str(campaign.left),
        "Failed": str(campaign.failed),
        "Bounced": str(campaign.bounced),
        "ReadsUnique": str(campaign.reads_unique),
        "ReadsTotal": str(campaign.reads_total),
        "Unsubscribed": str(campaign.unsubscribed),
        "Refered": str(campaign.refered),
        "ReferReads": str(campaign.refer_reads),
        "TotalReads": str(campaign.reads_total + campaign.refer_reads),
        "NewSubscribers": str(campaign.new_subscribers),
    }


def subscription_status(subscription: Subscription, now: int) -> dict[str, str]:
    """A subscription API ``status`` answer."""
    return {
        "email": subscription.email,
        "name": subscription.name,
        "creation_date": str(subscription.creation_date),
        "unsus_date": str(subscription.unsus_date),
        "active": "1" if subscription.active(now) else "0",
    }
