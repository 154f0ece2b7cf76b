"""One interface per platform for everything the graph asks of it: root fields, relations, writes.

Every resolver that depends on the platform asks ``platform_graph(info, platform)`` and calls one
method of :class:`PlatformGraph`; each platform subclasses it. What a platform does not have is
answered here, once: a relation it lacks is empty (or null where the field says so), and a
write it does not offer raises :class:`NotSupported`, a typed BAD_USER_INPUT naming the input.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, Literal, NamedTuple, TypeVar

from pydantic import SecretStr

from mailgql.graph.accounts import Account, AccountQuota
from mailgql.graph.campaigns import Campaign, CampaignDetails
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, NotFound
from mailgql.graph.list_subscriptions import ListSubscription
from mailgql.graph.lists import (
    ListCount,
    MailingList,
    Subscriber,
    SubscriberField,
    SubscriberStatus,
)
from mailgql.graph.newsletters import Newsletter
from mailgql.graph.node import Node
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.segments import Segment
from mailgql.platforms import Platform

if TYPE_CHECKING:
    from mailgql.data import Data
    from mailgql.data.oempro import CampaignDraft
    from mailgql.graph.mutations.accounts import CreateSubAccountInput

__all__ = [
    "NewSubscription",
    "NotSupported",
    "PlatformGraph",
    "Recipients",
    "RecipientsType",
    "existing",
]

R = TypeVar("R")

RecipientsType = Literal["list", "segment"]
"""How an inherited newsletter is addressed: to lists or to segments."""


class Recipients(NamedTuple):
    """Who an inherited newsletter goes to: lists or segments, by legacy id."""

    type: RecipientsType
    ids: Sequence[int]


class NewSubscription(NamedTuple):
    """An address to subscribe to a list, checked, with what the mutation says of it."""

    email: str
    name: str | None = None
    expires_at: datetime | None = None


class NotSupported(BadUserInput):
    """A write the platform does not offer; nothing was sent."""

    def __init__(self, what: str, platform: Platform, *, field: Sequence[str]) -> None:
        super().__init__(f"{what} on {platform.label} is not supported", field=tuple(field))


def existing(record: R | None, platform: Platform, missing: str) -> R:
    """A record the platform must still show (read back after a write, say); NOT_FOUND with
    the message ``missing`` when it shows none."""
    if record is None:
        raise NotFound(missing, platform=platform)
    return record


class PlatformGraph:
    """What one platform answers; the defaults are the answers of a platform without the feature."""

    platform: ClassVar[Platform]

    def _unsupported(self, what: str, field: Sequence[str]) -> NotSupported:
        return NotSupported(what, self.platform, field=field)

    # -- root fields ------------------------------------------------------------------------------

    async def me(self, info: Info) -> Account | None:
        """The account whose credentials the gateway uses."""
        raise NotImplementedError

    async def accounts(self, info: Info, window: Window) -> Connection[Account]:
        """Every account visible to the gateway's credentials."""
        raise NotImplementedError

    async def campaigns(self, info: Info, window: Window) -> Connection[Campaign]:
        """Every campaign visible to the gateway's credentials; none by default."""
        return Connection.empty()

    async def node(self, info: Info, type_name: str, key: str) -> Node | None:
        """The object a global ID names, or None if it does not exist."""
        raise NotImplementedError

    async def list_subscription(
        self, info: Info, list_key: str, email: str
    ) -> ListSubscription | None:
        """One address in one list, or None when the list does not hold it."""
        raise self._unsupported("subscriptions", ("listId",))

    # -- account relations ------------------------------------------------------------------------

    async def parent(self, info: Info, account: Account) -> Account | None:
        """The account that manages this one; none by default."""
        return None

    async def sub_accounts(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Account]:
        """Accounts this one manages; none by default."""
        return Connection.empty()

    async def inherited_lists(
        self, info: Info, account: Account, window: Window
    ) -> Connection[MailingList]:
        """Lists the account inherits; none by default."""
        return Connection.empty()

    async def inherited_segments(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Segment]:
        """Segments the account inherits; none by default."""
        return Connection.empty()

    async def inherited_newsletters(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Newsletter]:
        """Newsletters the account inherits; none by default."""
        return Connection.empty()

    async def account_campaigns(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Campaign]:
        """The account's campaigns; none by default."""
        return Connection.empty()

    async def account_lists(
        self, info: Info, account: Account, window: Window
    ) -> Connection[MailingList]:
        """The account's own lists; none by default."""
        return Connection.empty()

    async def quota(self, info: Info, account: Account) -> AccountQuota | None:
        """The account's limits and usage; none reported by default."""
        return None

    # -- list, subscriber, campaign and segment relations -----------------------------------------

    async def list_count(
        self, info: Info, mailing_list: MailingList, which: ListCount, known: int | None
    ) -> int | None:
        """One of a list's counts; ``known`` is what the list's own record said."""
        return known

    async def list_subscribers(
        self, info: Info, mailing_list: MailingList, status: SubscriberStatus, window: Window
    ) -> Connection[Subscriber] | None:
        """A page of a list's subscribers; None where the platform does not list them."""
        return None

    async def list_segments(
        self, info: Info, mailing_list: MailingList, window: Window
    ) -> Connection[Segment] | None:
        """A page of a list's segments; None where segments do not belong to one list."""
        return None

    async def subscriber_name(self, info: Info, subscriber: Subscriber) -> str | None:
        """A subscriber's name, where the platform keeps one."""
        return None

    async def subscriber_fields(self, info: Info, subscriber: Subscriber) -> list[SubscriberField]:
        """A subscriber's custom field values, named."""
        return []

    async def campaign_details(self, info: Info, campaign: Campaign) -> CampaignDetails:
        """Status, sender and statistics of a campaign listed without them."""
        raise RuntimeError(f"campaign {campaign.id} was built without its details")

    async def campaign_subject(self, info: Info, campaign: Campaign) -> str | None:
        """The subject of a campaign, where its own record carries it."""
        return campaign.subject

    async def campaign_sender(self, info: Info, campaign: Campaign) -> str | None:
        """The sender of a campaign, from its details."""
        return (await campaign._read_details(info)).sender

    async def campaign_progress(self, data: Data, key: str) -> CampaignDetails | None:
        """A campaign's status and statistics read afresh outside any request (a progress
        poller's reading, with ``data`` it opened); None where no such campaign exists."""
        return None

    async def segment_lists(self, info: Info, segment: Segment) -> list[MailingList]:
        """The lists a segment selects from."""
        return []

    # -- account writes ---------------------------------------------------------------------------

    async def create_sub_account(self, info: Info, input: CreateSubAccountInput) -> Account:
        """A new account under the gateway's account."""
        raise self._unsupported("creating accounts", ("input", "platform"))

    async def set_account_status(self, info: Info, key: str, *, active: bool) -> Account:
        """Activate or deactivate an account."""
        raise self._unsupported("changing account status", ("input", "accountId"))

    async def delete_account(self, info: Info, key: str) -> None:
        """Delete an account."""
        raise self._unsupported("deleting accounts", ("input", "accountId"))

    async def change_account_password(self, info: Info, key: str, password: SecretStr) -> Account:
        """Set an account's password."""
        raise self._unsupported("changing passwords", ("input", "accountId"))

    async def add_send_credit(self, info: Info, key: str, credits: int) -> Account:
        """Add sends to an account."""
        raise self._unsupported("adding send credit", ("input", "accountId"))

    # -- inheritance writes (``name``: what :meth:`inheriting_account` returned) ---

    def inheriting_account(self, info: Info, key: str) -> str:
        """The legacy name of an account that may inherit; refused on platforms without it."""
        raise BadUserInput(
            f"only v2 REST sub-accounts inherit; this is a {self.platform.label} account",
            field=("input", "accountId"),
        )

    async def inherit_lists(self, info: Info, name: str, list_ids: Sequence[int]) -> Account:
        """Let an account inherit lists."""
        raise self._unsupported("inheriting lists", ("input", "accountId"))

    async def remove_inherited_list(self, info: Info, name: str, list_id: int) -> Account:
        """Take an inherited list away."""
        raise self._unsupported("inheriting lists", ("input", "accountId"))

    async def inherit_segments(self, info: Info, name: str, segment_ids: Sequence[int]) -> Account:
        """Let an account inherit segments."""
        raise self._unsupported("inheriting segments", ("input", "accountId"))

    async def remove_inherited_segment(self, info: Info, name: str, segment_id: int) -> Account:
        """Take an inherited segment away."""
        raise self._unsupported("inheriting segments", ("input", "accountId"))

    async def inherit_newsletter(
        self, info: Info, name: str, newsletter_id: int, recipients: Recipients
    ) -> Account:
        """Let an account inherit a newsletter with its recipients."""
        raise self._unsupported("inheriting newsletters", ("input", "accountId"))

    async def remove_inherited_newsletter(
        self, info: Info, name: str, newsletter_id: int
    ) -> Account:
        """Take an inherited newsletter away."""
        raise self._unsupported("inheriting newsletters", ("input", "accountId"))

    # -- subscription writes ----------------------------------------------------------------------

    async def subscribe(
        self, info: Info, list_key: str, new: NewSubscription
    ) -> ListSubscription | None:
        """Subscribe an address; the subscription as it reads afterwards."""
        raise self._unsupported("subscriptions", ("input", "listId"))

    async def unsubscribe(
        self, info: Info, list_key: str, *, email: str
    ) -> ListSubscription | None:
        """Unsubscribe an address; the subscription as it reads afterwards."""
        raise self._unsupported("subscriptions", ("input", "listId"))

    # -- list and campaign creation ---------------------------------------------------------------
    # The other writes of lists, subscribers, campaigns and segments take the ids of Oempro
    # objects, so they are Oempro's alone (``oempro.writes``).

    async def create_list(self, info: Info, name: str) -> MailingList:
        """An empty list."""
        raise self._unsupported("creating lists", ("input", "platform"))

    async def create_campaign(self, info: Info, draft: CampaignDraft) -> Campaign:
        """A draft campaign."""
        raise self._unsupported("creating campaigns", ("input", "platform"))
