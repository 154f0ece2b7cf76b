"""The Maxmailer emulator's in-memory state: users, campaigns, lists and subscriptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "CAMPAIGN_STATUSES",
    "PERIODS",
    "Campaign",
    "CampaignStatus",
    "Licence",
    "MailingList",
    "MaxmailerState",
    "Period",
    "Subscription",
    "User",
    "UserType",
]

UserType = Literal["admin", "reseller", "user", "demo"]
Period = Literal["one_time", "daily", "weekly", "monthly"]
CampaignStatus = Literal["completed", "scheduled", "stopped", "saved", "sending", "restarting"]

PERIODS: tuple[Period, ...] = ("one_time", "daily", "weekly", "monthly")
"""Send periods in ``max_sends_type`` order (0 one time, 1 daily, 2 weekly, 3 monthly)."""
CAMPAIGN_STATUSES: tuple[CampaignStatus, ...] = (
    "completed",
    "sending",
    "scheduled",
    "saved",
    "stopped",
    "restarting",
)


@dataclass(slots=True)
class User:
    """One account: admin, user-manager (``reseller``), plain user or demo user."""

    id: int
    login_id: str
    uname: str
    password: str
    name: str
    lastname: str
    email: str
    user_type: UserType
    parent_id: int
    max_sends: int
    """Sends allowed per period; 0 means unlimited."""
    period: Period
    sent_in_period: int
    max_list: int
    max_subscribers: int
    other_subscribers: int
    """Subscribers in the user's lists that have no subscription API key in this emulator."""
    date_created: int
    period_start: int
    """When the send count was last reset (one-time accounts: the last credit allocation)."""
    allow_attach: int = 1
    attach_max_size: int = 1024
    max_message_size: int = 0
    allow_bounce: int = 1
    allow_forms: int = 1
    allow_api: int = 1
    allow_embedded: int = 0
    max_users: int = 0
    smtp: int = 0
    smtp_host: str = ""
    smtp_user: str = ""
    smtp_pass: str = ""
    last_login: int = 0
    susp_date: int = 0
    trial: int = 0

    @property
    def suspended(self) -> bool:
        """Whether the account is suspended (its Login ID is then refused)."""
        return self.susp_date != 0

    @property
    def manages_users(self) -> bool:
        """Admins and user-managers may call the user functions."""
        return self.user_type in ("admin", "reseller")


@dataclass(slots=True)
class Campaign:
    """One campaign (message) of a user, with statistics consistent with its status."""

    message_id: int
    owner_id: int
    status: CampaignStatus
    subject: str
    sender: str
    date_start: int
    date_end: int
    subscribers: int
    sent: int = 0
    left: int = 0
    failed: int = 0
    bounced: int = 0
    reads_unique: int = 0
    reads_total: int = 0
    unsubscribed: int = 0
    refered: int = 0
    refer_reads: int = 0
    new_subscribers: int = 0


@dataclass(slots=True)
class Subscription:
    """One address in a list; ``unsubscribed`` rows stay in the list and read back inactive."""

    email: str
    name: str
    creation_date: int
    unsus_date: int = 0
    unsubscribed: bool = False

    def active(self, now: int) -> bool:
        """Whether the address receives mail at ``now`` (not unsubscribed, term not passed)."""
        return not self.unsubscribed and (self.unsus_date == 0 or self.unsus_date > now)


@dataclass(slots=True)
class MailingList:
    """A list reachable through the subscription API by its API key."""

    name: str
    api_key: str
    owner_id: int
    capacity: int = 0
    """Most active subscribers the list takes; 0 means no list-level limit."""
    subscriptions: dict[str, Subscription] = field(default_factory=dict)
    """Rows keyed by lower-cased address."""

    def active_count(self, now: int) -> int:
        """Addresses that receive mail at ``now``."""
        return sum(1 for s in self.subscriptions.values() if s.active(now))


@dataclass(slots=True)
class Licence:
    """What the server's licence allows (0: no cap), and the limits of a new user by default."""

    subscribers_per_user: int = 0
    subscribers_total: int = 0
    lists_per_user: int = 0
    sends_per_user: int = 0
    default_sends: int = 1_000
    """``max_sends`` of a new user whose request leaves it out (0 would be unlimited)."""
    default_lists: int = 5
    default_subscribers: int = 1_000
    default_message_size: int = 1_024


@dataclass(slots=True)
class MaxmailerState:
    """Everything one Maxmailer server holds."""

    users: dict[int, User] = field(default_factory=dict)
    campaigns: dict[int, Campaign] = field(default_factory=dict)
    lists: dict[str, MailingList] = field(default_factory=dict)
    """Lists keyed by API key."""
    licence: Licence = field(default_factory=Licence)
    blacklisted_domains: frozenset[str] = frozenset()
    blacklisted_addresses: frozenset[str] = frozenset()
    next_user_id: int = 1
    next_message_id: int = 1

    def user_by_login(self, login_id: str) -> User | None:
        """The account a Login ID belongs to, if any."""
        for user in self.users.values():
            if user.login_id == login_id:
                return user
        return None

    def children(self, parent_id: int) -> list[User]:
        """Users whose ``parent_id`` is ``parent_id``, by id."""
        return [u for u in self.users.values() if u.parent_id == parent_id]

    def current_subscribers(self, user: User, now: int) -> int:
        """Subscribers of the user in all its lists at ``now``."""
        in_lists = sum(
            lst.active_count(now) for lst in self.lists.values() if lst.owner_id == user.id
        )
        return user.other_subscribers + in_lists

    def is_blacklisted(self, email: str) -> bool:
        """Whether the address may only be subscribed through a double opt-in form."""
        address = email.lower()
        domain = address.rpartition("@")[2]
        return address in self.blacklisted_addresses or domain in self.blacklisted_domains
