"""Accounts on every platform, their hierarchy and what they inherit or own."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from mailgql.graph.campaign_tags import CampaignTag, account_tags
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Info
from mailgql.graph.emails import (
    Email,
    EmailTemplate,
    PersonalizationScope,
    PersonalizationTag,
    account_emails,
    account_personalization_tags,
    account_templates,
)
from mailgql.graph.enum_values import described
from mailgql.graph.lists import MailingList
from mailgql.graph.media import MediaFile, account_media
from mailgql.graph.newsletters import Newsletter
from mailgql.graph.node import Node
from mailgql.graph.pagination import Connection
from mailgql.graph.relations import page, platform_answer, platform_page
from mailgql.graph.segments import Segment
from mailgql.platforms import Platform

if TYPE_CHECKING:
    from mailgql.graph.oempro_admin_types import PaymentPeriod, PaymentStatus, UserGroup

_OEMPRO_ADMIN = "mailgql.graph.oempro_admin_types"


def _inherited(what: str) -> str:
    """The description of the admin's ``what`` (lists, segments...) a sub-account inherits."""
    return (
        f"Admin {what} this sub-account inherits (v2 REST); empty elsewhere. Costs one upstream "
        f"call per 1000 {what}."
    )


__all__ = [
    "Account",
    "AccountPermissions",
    "AccountQuota",
    "AccountStatus",
    "SendPeriod",
]


@strawberry.enum(description="Whether an account may log in and send.")
class AccountStatus(enum.Enum):
    """Whether an account may log in and send."""

    ACTIVE = described("active", description="May log in and send.")
    SUSPENDED = described(
        "suspended", description="Suspended for a while (Maxmailer); `suspendedAt` says since when."
    )
    DISABLED = described(
        "disabled", description="Switched off (v2 REST disabled, Oempro `AccountStatus` Disabled)."
    )


@strawberry.enum(description="The period a send limit applies to.")
class SendPeriod(enum.Enum):
    """The period a send limit applies to."""

    ONE_TIME = described(
        "one_time", description="Once: the limit is a stock of sends, topped up by addSendCredit."
    )
    DAILY = described("daily", description="Per day; the count resets daily.")
    WEEKLY = described("weekly", description="Per week; the count resets weekly.")
    MONTHLY = described("monthly", description="Per month; the count resets monthly.")


@strawberry.type(
    description="Sending and storage limits of an account and their use. A null limit is "
    "unlimited (Maxmailer prints unlimited as 0, Oempro as 0 or -1). Maxmailer: the limits "
    "come with the account listing (ListUsers); `sendsAvailable`, `sentThisPeriod`, "
    "`subscribers` and `resetDate` cost one GetUser call per account, made only when one of "
    "them is asked. Oempro: the limits of the user's group (plan)."
)
class AccountQuota:
    """Sending and storage limits of an account and their use."""

    send_limit: int | None = strawberry.field(
        description="Sends allowed per period; null: unlimited."
    )
    send_period: SendPeriod | None = strawberry.field(description="The period of `sendLimit`.")
    sends_available: int | None = strawberry.field(
        description="Sends left in this period; null when unlimited or not reported. "
        "Maxmailer: one GetUser call. Oempro: the user's credits, when its group charges per "
        "send."
    )
    sent_this_period: int | None = strawberry.field(
        description="Sends used in this period. Maxmailer: one GetUser call."
    )
    list_limit: int | None = strawberry.field(description="Lists allowed; null: unlimited.")
    subscriber_limit: int | None = strawberry.field(
        description="Subscribers allowed; null: unlimited."
    )
    subscribers: int | None = strawberry.field(
        description="Subscribers now, across all lists. Maxmailer: one GetUser call."
    )
    reset_date: date | None = strawberry.field(
        default=None,
        description="The date of the send count's reset, as the platform reports it (Maxmailer "
        "`limit_reset`); null where not reported. Maxmailer: one GetUser call.",
    )
    message_size_limit_kb: int | None = strawberry.field(
        default=None, description="Largest message in kB; null: unlimited."
    )
    attachment_size_limit_kb: int | None = strawberry.field(
        default=None, description="Largest attachment in kB; null: unlimited or not reported."
    )
    user_limit: int | None = strawberry.field(
        default=None,
        description="Users a Maxmailer user-manager may create; null: unlimited, or not a "
        "user-manager.",
    )


@strawberry.type(description="What an account may use (Maxmailer feature flags).")
class AccountPermissions:
    """What an account may use."""

    attachments: bool = strawberry.field(description="May attach files to messages.")
    bounce_handling: bool = strawberry.field(description="May use bounce processing.")
    forms: bool = strawberry.field(description="May create subscription forms.")
    api: bool = strawberry.field(description="May use the API.")
    embedded_images: bool = strawberry.field(description="May embed images in message bodies.")
    custom_smtp: bool = strawberry.field(
        description="Sends through its own SMTP server (whose credentials are never shown)."
    )
    smtp_host: str | None = strawberry.field(
        default=None, description="Host name of that SMTP server; null without one."
    )


@strawberry.type(
    description="An account on one platform: a v2 admin or sub-account, a Maxmailer admin, "
    "reseller or user, the Oempro administrator, a user or a client. Maxmailer: one ListUsers "
    "call answers any number of accounts in a request with every field but the usage in "
    "`quota`; that usage costs one GetUser call per account, made only when asked."
)
class Account(Node):
    """An account on one platform."""

    platform: Platform = strawberry.field(description="The platform the account lives on.")
    username: str = strawberry.field(
        description="The login name on its platform. Maxmailer: a user-manager or plain user "
        "cannot read its own record, so its `me` is named `me`."
    )
    name: str | None = strawberry.field(default=None, description="Full name, when known.")
    email: str | None = strawberry.field(default=None, description="Owner e-mail address.")
    phone: str | None = strawberry.field(default=None, description="Phone number, when known.")
    timezone: str | None = strawberry.field(default=None, description="IANA time zone name.")
    status: AccountStatus = strawberry.field(description="Whether it may log in and send.")
    created_at: datetime | None = strawberry.field(
        default=None, description="When the account was created."
    )
    last_login_at: datetime | None = strawberry.field(
        default=None,
        description="Last login (Oempro: last activity).",
    )
    account_type: str | None = strawberry.field(
        default=None,
        description="The platform's own kind of account: Maxmailer `admin`, `reseller` "
        "(user-manager), `user` or `demo`; Oempro `admin`, `user` or `client`; null where the "
        "platform does not say.",
    )
    suspended_at: datetime | None = strawberry.field(
        default=None, description="When the account was suspended; null when it is not."
    )
    trial_days: int | None = strawberry.field(
        default=None, description="Length of the trial in days; null when not a trial."
    )
    permissions: AccountPermissions | None = strawberry.field(
        default=None, description="What the account may use (Maxmailer); null elsewhere."
    )
    _key: strawberry.Private[str]
    """The legacy key, as in the global ID."""
    _role: strawberry.Private[str] = "account"
    """The platform's kind of account, as its part of the graph tells them apart."""
    _record: strawberry.Private[object] = None
    """What the platform's part of the graph built the account from, for its relations."""

    parent: Account | None = platform_answer(
        lambda graph: graph.parent, "The account that manages this one; null at the top."
    )
    sub_accounts: Connection[Account] | None = platform_page(
        lambda graph: graph.sub_accounts,
        "Accounts this one manages: v2 sub-accounts of the admin; Maxmailer users whose parent is "
        "this account; the Oempro administrator's users (one Users.Get call per page) and a "
        "user's clients (one Clients.Get call in the user's session: the gateway's own with a "
        "user login; with an admin login, the user's, opened by one User.Switch call per user "
        "per gateway process).",
    )
    inherited_lists: Connection[MailingList] | None = platform_page(
        lambda graph: graph.inherited_lists, _inherited("lists")
    )
    inherited_segments: Connection[Segment] | None = platform_page(
        lambda graph: graph.inherited_segments, _inherited("segments")
    )
    inherited_newsletters: Connection[Newsletter] | None = platform_page(
        lambda graph: graph.inherited_newsletters, _inherited("newsletters")
    )
    campaigns: Connection[Campaign] | None = platform_page(
        lambda graph: graph.account_campaigns,
        "The account's campaigns (Maxmailer, Oempro); empty on v2 REST. Maxmailer: one ListCamps "
        "call per account. Oempro: a user's, one Campaigns.Get call per page in the user's "
        "session (with an admin login, opened by one User.Switch call per user per gateway "
        "process); a client's cannot be read (empty, with a null totalCount); the administrator "
        "has none.",
    )
    lists: Connection[MailingList] | None = platform_page(
        lambda graph: graph.account_lists,
        "The account's own lists (Oempro lists; Maxmailer: the lists configured for this login "
        "in MAILGQL_MAXMAILER_LIST_KEYS, on `me` only, by name); empty on v2 REST, whose lists "
        "are the admin's and are inherited. Oempro: a user's, from one Lists.Get call in the "
        "user's session (with an admin login, opened by one User.Switch call per user per "
        "gateway process; the lists' counts, subscribers and segments are read in it too); a "
        "client's cannot be read (empty, with a null totalCount); the administrator has none.",
    )
    quota: AccountQuota | None = platform_answer(
        lambda graph: graph.quota,
        "Limits and usage (Maxmailer, Oempro); null where not reported. Maxmailer: the limits "
        "cost nothing beyond the listing; usage costs one GetUser call. Oempro: a user's group "
        "limits (one UserGroup.Get call per group), readable with an admin login only; null "
        "otherwise.",
    )
    tags: Connection[CampaignTag] | None = page(
        account_tags,
        "The account's campaign tags (Oempro; empty elsewhere): a user's, from one Tags.Get call "
        "in the user's session; a client's cannot be read (empty, with a null totalCount); the "
        "administrator has none.",
    )
    emails: Connection[Email] | None = page(
        account_emails,
        "The account's email records (Oempro; empty elsewhere): a user's, from one Emails.Get "
        "call in the user's session (shared with campaign subjects); a client's cannot be read "
        "(empty, with a null totalCount); the administrator has none.",
    )
    email_templates: Connection[EmailTemplate] | None = page(
        account_templates,
        "The design templates the account sees (Oempro; empty elsewhere): a user's own and the "
        "administrator's global ones, from one Email.Templates.Get call in the user's session; "
        "a client's cannot be read (empty, with a null totalCount); the administrator has none "
        "of its own here.",
    )
    media: Connection[MediaFile] | None = page(
        account_media,
        "The files of the account's media library (Oempro; empty elsewhere): a user's, from one "
        "Media.Browse call in the user's session (4.x keeps no folders); a client's cannot be "
        "read (empty, with a null totalCount); the administrator has none.",
    )

    @strawberry.field(
        description="The merge tags the account's emails may hold (Oempro "
        "`Email.PersonalizationTags`, one call per set of scopes and lists; empty elsewhere). "
        "The SUBSCRIBER scope needs `listIds`: their custom fields are tags too. Null, with an "
        "error at its path, when the platform refuses or fails to answer."
    )
    async def personalization_tags(
        self,
        info: Info,
        scopes: Annotated[
            list[PersonalizationScope],
            strawberry.argument(description="Which kinds of tag; at least one."),
        ],
        list_ids: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(
                description="Lists whose custom fields to include: MailingList global IDs or "
                "plain Oempro list ids; at most 100."
            ),
        ] = None,
    ) -> list[PersonalizationTag] | None:
        """The merge tags the account's emails may hold."""
        return await account_personalization_tags(info, self, scopes, list_ids or [])

    @strawberry.field(
        description="An Oempro user's plan (its user group): permissions, limits and how its "
        "mail is sent, the limits `quota` shows. One UserGroup.Get call per plan, however many "
        "users share it. Admin login only: with a user login Oempro refuses it (FORBIDDEN at "
        "this path). Null for other accounts and platforms."
    )
    async def plan(self, info: Info) -> Annotated[UserGroup, strawberry.lazy(_OEMPRO_ADMIN)] | None:
        """An Oempro user's plan."""
        from mailgql.graph.oempro_admin import account_plan  # the module builds on Account

        return await account_plan(info, self)

    @strawberry.field(
        description="An Oempro user's billing periods (ESP licences; one User.PaymentPeriods "
        "call per user), optionally of one status. Admin login only (FORBIDDEN otherwise); a "
        "licence that bills nobody answers 99997 (UPSTREAM_ERROR). Null for other accounts."
    )
    async def payment_periods(
        self,
        info: Info,
        status: Annotated[
            Annotated[PaymentStatus, strawberry.lazy(_OEMPRO_ADMIN)] | None,
            strawberry.argument(description="Only periods in this status; omit for all."),
        ] = None,
    ) -> list[Annotated[PaymentPeriod, strawberry.lazy(_OEMPRO_ADMIN)]] | None:
        """An Oempro user's billing periods."""
        from mailgql.graph.oempro_admin import account_payment_periods

        return await account_payment_periods(info, self, status)
