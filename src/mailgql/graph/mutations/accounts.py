"""Account mutations: create, (de)activate, delete, change a password, add send credit."""

from __future__ import annotations

import enum
from typing import Annotated

import strawberry

from mailgql.graph.accounts import Account, SendPeriod
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, PlatformNotConfigured
from mailgql.graph.ids import DecodedId, decode_id
from mailgql.graph.mutations._run import INPUT, InputPaths, account_payload, delete_payload
from mailgql.graph.mutations.payloads import AccountPayload, DeleteAccountPayload
from mailgql.graph.sources import maxmailer_writes, oempro_writes, v2rest_writes
from mailgql.graph.validation import (
    MAX_IDS,
    check_email,
    check_length,
    check_not_blank,
    check_positive,
)
from mailgql.platforms import Platform
from mailgql.upstreams.maxmailer import (
    UNLIMITED,
    LimitAsked,
    NewUserOptions,
    SendPeriod as MaxmailerPeriod,
)

__all__ = [
    "AccountLimit",
    "AccountLimitsInput",
    "AccountMutation",
    "AccountPermissionsInput",
    "AddSendCreditInput",
    "ChangeAccountPasswordInput",
    "CreateSubAccountInput",
    "DeleteAccountInput",
    "SetAccountStatusInput",
]

MAX_CREDITS = 100_000_000
"""The most send credits one addSendCredit call adds."""


@strawberry.enum(description="A limit of a Maxmailer account that can be asked for as unlimited.")
class AccountLimit(enum.Enum):
    """A limit of a Maxmailer account."""

    SENDS = strawberry.enum_value("sends", description="Sends per period (`sendLimit`).")
    LISTS = strawberry.enum_value("lists", description="Lists (`listLimit`).")
    SUBSCRIBERS = strawberry.enum_value(
        "subscribers", description="Subscribers (`subscriberLimit`)."
    )
    MESSAGE_SIZE = strawberry.enum_value(
        "message_size", description="Largest message (`messageSizeLimitKb`)."
    )


_NOT_SET = "null or omitted: not sent, so Maxmailer applies its own default"


@strawberry.input(
    description="Limits of a new Maxmailer account. A limit left null (or omitted) is not sent "
    "and Maxmailer applies its own default; to ask for no limit at all, name it in "
    "`unlimited`. A licence, or a user-manager's own limits, may refuse a limit (a "
    "`BAD_USER_INPUT` user error with Maxmailer's errno as `legacyCode`)."
)
class AccountLimitsInput:
    """Limits of a new account."""

    send_limit: int | None = strawberry.field(
        default=None, description=f"Sends per period, 1 or more; {_NOT_SET}."
    )
    send_period: SendPeriod | None = strawberry.field(
        default=None,
        description="The period of `sendLimit` (admins only: a user-manager's users share its "
        "period). Default: ONE_TIME.",
    )
    list_limit: int | None = strawberry.field(
        default=None, description=f"Lists, 1 or more; {_NOT_SET}."
    )
    subscriber_limit: int | None = strawberry.field(
        default=None, description=f"Subscribers, 1 or more; {_NOT_SET}."
    )
    message_size_limit_kb: int | None = strawberry.field(
        default=None, description=f"Largest message in kB, 1 or more; {_NOT_SET}."
    )
    attachment_size_limit_kb: int | None = strawberry.field(
        default=None, description=f"Largest attachment in kB, 1 or more; {_NOT_SET}."
    )
    unlimited: list[AccountLimit] | None = strawberry.field(
        default=None,
        description="Limits asked for as unlimited (Maxmailer's 0). A licence that caps them "
        "refuses this (errno 2009, 2015, 2017), and so does a user-manager with limits of its "
        "own (2013, 2016, 2019). A limit named here must not also be given a number.",
    )


@strawberry.input(
    description="Feature flags of a new Maxmailer account; a flag left null (or omitted) is not "
    "sent, so Maxmailer applies its own default (off on a stock server)."
)
class AccountPermissionsInput:
    """Feature flags of a new account."""

    attachments: bool | None = strawberry.field(default=None, description="May attach files.")
    bounce_handling: bool | None = strawberry.field(
        default=None, description="May use bounce processing."
    )
    forms: bool | None = strawberry.field(
        default=None, description="May create subscription forms."
    )
    api: bool | None = strawberry.field(default=None, description="May use the API.")
    embedded_images: bool | None = strawberry.field(
        default=None, description="May embed images in message bodies."
    )


@strawberry.input(description="A new account under the gateway's account on a platform.")
class CreateSubAccountInput:
    """A new account under the gateway's account on a platform."""

    platform: Platform = strawberry.field(description="Where to create it.")
    username: str = strawberry.field(
        description="Login name; must be unused on the platform. Maxmailer: 3 to 15 characters."
    )
    password: str = strawberry.field(
        description="Initial password. Never shown again. Maxmailer: 5 to 15 characters of "
        "letters, digits and - _ $ @."
    )
    email: str = strawberry.field(description="Owner e-mail address (syntax is checked).")
    name: str | None = strawberry.field(
        default=None,
        description="Full name (v2 REST has no such parameter and ignores it); Maxmailer: the "
        "first name, at most 40 characters.",
    )
    last_name: str | None = strawberry.field(
        default=None, description="Maxmailer: the last name, at most 40 characters."
    )
    limits: AccountLimitsInput | None = strawberry.field(
        default=None,
        description="Maxmailer: the account's limits; omitted: Maxmailer's defaults for each.",
    )
    permissions: AccountPermissionsInput | None = strawberry.field(
        default=None,
        description="Maxmailer: the account's feature flags; omitted: Maxmailer's defaults.",
    )
    trial_days: int | None = strawberry.field(
        default=None, description="Maxmailer: a trial account for this many days (1 or more)."
    )
    demo: bool = strawberry.field(default=False, description="Maxmailer: a demo account.")
    allowed_domains: list[str] | None = strawberry.field(
        default=None,
        description=f'v2 REST: sender domains the account may use, e.g. ["@example.com"]; '
        f"required there, at most {MAX_IDS}.",
    )


@strawberry.input(description="Activate or deactivate an account.")
class SetAccountStatusInput:
    """Activate or deactivate an account."""

    account_id: strawberry.ID = strawberry.field(
        description="The account's global ID (Oempro: a user; needs an admin login)."
    )
    active: bool = strawberry.field(
        description="true: active; false: disabled (v2 REST, Oempro `AccountStatus` Disabled) "
        "or suspended (Maxmailer)."
    )


@strawberry.input(description="Delete an account (Maxmailer).")
class DeleteAccountInput:
    """Delete an account."""

    account_id: strawberry.ID = strawberry.field(
        description="The account's global ID. Maxmailer: its users move up to its parent."
    )


@strawberry.input(description="Set an account's password (Maxmailer).")
class ChangeAccountPasswordInput:
    """Set an account's password."""

    account_id: strawberry.ID = strawberry.field(description="The account's global ID.")
    password: str = strawberry.field(
        description="The new password, never shown again: 5 to 15 characters of letters, "
        "digits and - _ $ @."
    )


@strawberry.input(
    description="Add sends to an account with a one-time send allocation (Maxmailer)."
)
class AddSendCreditInput:
    """Add sends to an account."""

    account_id: strawberry.ID = strawberry.field(
        description="The account's global ID; its send period must be ONE_TIME."
    )
    credits: int = strawberry.field(description=f"Sends to add: 1 to {MAX_CREDITS}.")


def _configured(info: Info, platform: Platform) -> None:
    if platform not in info.context.configured:
        raise PlatformNotConfigured(platform)


_ACCOUNT_FIELD = ("input", "accountId")
_STATUS_PATHS = {**maxmailer_writes.INPUT_PATHS, "UserID": _ACCOUNT_FIELD}
"""Input paths of a setAccountStatus refusal (Oempro names the user ``UserID``)."""


def _target(info: Info, account_id: str) -> DecodedId:
    target = decode_id(account_id, expect="Account", field=_ACCOUNT_FIELD)
    _configured(info, target.platform)
    return target


def _unsupported(what: str, platform: Platform) -> BadUserInput:
    return BadUserInput(f"{what} on {platform.label} is not supported", field=_ACCOUNT_FIELD)


_LIMIT_FIELDS = {
    AccountLimit.SENDS: "sendLimit",
    AccountLimit.LISTS: "listLimit",
    AccountLimit.SUBSCRIBERS: "subscriberLimit",
    AccountLimit.MESSAGE_SIZE: "messageSizeLimitKb",
}
_ADAPTER_NAMES = {
    AccountLimit.SENDS: "send_limit",
    AccountLimit.LISTS: "list_limit",
    AccountLimit.SUBSCRIBERS: "subscriber_limit",
    AccountLimit.MESSAGE_SIZE: "message_size_kb",
}
"""The adapter's name of each limit, as a refusal names it."""
_UNLIMITED_FIELD = ("input", "limits", "unlimited")
_PERIODS: dict[SendPeriod, MaxmailerPeriod] = {
    SendPeriod.ONE_TIME: "one_time",
    SendPeriod.DAILY: "daily",
    SendPeriod.WEEKLY: "weekly",
    SendPeriod.MONTHLY: "monthly",
}


def _new_user_options(input: Annotated[CreateSubAccountInput, INPUT]) -> NewUserOptions:
    """Maxmailer's CreateUser settings, checked against the contract's rules."""
    for text, label in ((input.name, "name"), (input.last_name, "lastName")):
        if text is not None:
            check_length(text, field=("input", label), what=label, low=0, high=40)
    limits = input.limits or AccountLimitsInput()
    numbers = {
        "sendLimit": limits.send_limit,
        "listLimit": limits.list_limit,
        "subscriberLimit": limits.subscriber_limit,
        "messageSizeLimitKb": limits.message_size_limit_kb,
        "attachmentSizeLimitKb": limits.attachment_size_limit_kb,
    }
    for name, value in numbers.items():
        check_positive(value, field=("input", "limits", name), what=name)
    asked: dict[str, LimitAsked] = dict(numbers)
    for limit in limits.unlimited or []:
        name = _LIMIT_FIELDS[limit]
        if numbers[name] is not None:
            raise BadUserInput(
                f"{name} is given a number and is also named in unlimited; choose one",
                field=_UNLIMITED_FIELD,
            )
        asked[name] = UNLIMITED
    check_positive(input.trial_days, field=("input", "trialDays"), what="trialDays")
    flags = input.permissions or AccountPermissionsInput()
    return NewUserOptions(
        first_name=(input.name or "").strip(),
        last_name=(input.last_name or "").strip(),
        send_limit=asked["sendLimit"],
        send_period=_PERIODS[limits.send_period] if limits.send_period is not None else None,
        list_limit=asked["listLimit"],
        subscriber_limit=asked["subscriberLimit"],
        message_size_kb=asked["messageSizeLimitKb"],
        attachment_size_kb=limits.attachment_size_limit_kb,
        attachments=flags.attachments,
        bounce_handling=flags.bounce_handling,
        forms=flags.forms,
        api=flags.api,
        embedded_images=flags.embedded_images,
        trial_days=input.trial_days,
        demo=input.demo,
    )


def _create_paths(input: Annotated[CreateSubAccountInput, INPUT]) -> InputPaths:
    """Refusal paths of createSubAccount: a limit asked as unlimited points at ``unlimited``."""
    lifted = input.limits.unlimited or [] if input.limits is not None else []
    return {
        **maxmailer_writes.INPUT_PATHS,
        **{_ADAPTER_NAMES[limit]: _UNLIMITED_FIELD for limit in lifted},
    }


@strawberry.type
class AccountMutation:
    """Mutations on accounts."""

    @strawberry.mutation(
        description="Create an account under the gateway's account (v2 REST: a sub-account of "
        "the admin; Maxmailer: a user of the Login ID, with its limits and flags). Inputs are "
        "checked before any upstream call where the platform states a rule."
    )
    async def create_sub_account(
        self, info: Info, input: Annotated[CreateSubAccountInput, INPUT]
    ) -> AccountPayload:
        """Create a sub-account."""

        async def change() -> Account:
            _configured(info, input.platform)
            username = check_not_blank(input.username, field=("input", "username"), what="username")
            if not input.password:
                raise BadUserInput("password must not be empty", field=("input", "password"))
            email = check_email(input.email, field=("input", "email"))
            if input.platform is Platform.MAXMAILER:
                return await maxmailer_writes.create_user(
                    info,
                    username=maxmailer_writes.check_username(username, field=("input", "username")),
                    password=maxmailer_writes.check_password(
                        input.password, field=("input", "password")
                    ),
                    email=email,
                    options=_new_user_options(input),
                )
            if input.platform is Platform.V2REST:
                domains = [d.strip() for d in input.allowed_domains or [] if d.strip()]
                if not domains:
                    raise BadUserInput(
                        'v2 REST needs at least one allowed domain, e.g. "@example.com"',
                        field=("input", "allowedDomains"),
                    )
                if len(domains) > MAX_IDS:
                    raise BadUserInput(
                        f"give at most {MAX_IDS} allowed domains",
                        field=("input", "allowedDomains"),
                    )
                return await v2rest_writes.create_sub_account(
                    info,
                    username=username,
                    password=input.password,
                    email=email,
                    allowed_domains=domains,
                )
            raise BadUserInput(
                f"creating accounts on {input.platform.label} is not supported",
                field=("input", "platform"),
            )

        return await account_payload(change, input_paths=_create_paths(input))

    @strawberry.mutation(
        description="Activate or deactivate an account (v2 REST: enable or disable; Maxmailer: "
        "UnsuspendUser or SuspendUser; Oempro: User.Update with AccountStatus, then User.Get. "
        "Oempro lets only the administrator change a user's status, so with a user login or "
        "an API key the change is FORBIDDEN before any call; clients are not supported)."
    )
    async def set_account_status(
        self, info: Info, input: Annotated[SetAccountStatusInput, INPUT]
    ) -> AccountPayload:
        """Activate or deactivate an account."""

        async def change() -> Account:
            field = ("input", "accountId")
            target = decode_id(input.account_id, expect="Account", field=field)
            _configured(info, target.platform)
            if target.platform is Platform.V2REST:
                name = v2rest_writes.sub_account_name(info, target.key, field=field)
                return await v2rest_writes.set_sub_account_status(info, name, active=input.active)
            if target.platform is Platform.MAXMAILER:
                user_id = maxmailer_writes.target_user(target.key, field=field)
                return await maxmailer_writes.set_status(info, user_id, active=input.active)
            if target.platform is Platform.OEMPRO:
                return await oempro_writes.set_status(
                    info, target.key, active=input.active, field=field
                )
            raise BadUserInput(
                f"changing account status on {target.platform.label} is not supported",
                field=field,
            )

        return await account_payload(change, input_paths=_STATUS_PATHS)

    @strawberry.mutation(
        description="Delete an account (Maxmailer: DeleteUser; its users move up to its parent)."
    )
    async def delete_account(
        self, info: Info, input: Annotated[DeleteAccountInput, INPUT]
    ) -> DeleteAccountPayload:
        """Delete an account."""

        async def change() -> strawberry.ID:
            target = _target(info, input.account_id)
            if target.platform is Platform.MAXMAILER:
                user_id = maxmailer_writes.target_user(target.key, field=_ACCOUNT_FIELD)
                await maxmailer_writes.delete_user(info, user_id)
                return input.account_id
            raise _unsupported("deleting accounts", target.platform)

        return await delete_payload(change, input_paths=maxmailer_writes.INPUT_PATHS)

    @strawberry.mutation(description="Set an account's password (Maxmailer: ChangePassword).")
    async def change_account_password(
        self, info: Info, input: Annotated[ChangeAccountPasswordInput, INPUT]
    ) -> AccountPayload:
        """Set an account's password."""

        async def change() -> Account:
            target = _target(info, input.account_id)
            if target.platform is Platform.MAXMAILER:
                user_id = maxmailer_writes.target_user(target.key, field=_ACCOUNT_FIELD)
                password = maxmailer_writes.check_password(
                    input.password, field=("input", "password")
                )
                return await maxmailer_writes.change_password(info, user_id, password)
            raise _unsupported("changing passwords", target.platform)

        return await account_payload(change, input_paths=maxmailer_writes.INPUT_PATHS)

    @strawberry.mutation(
        description="Add sends to an account with a one-time send allocation (Maxmailer: "
        "AddCredit)."
    )
    async def add_send_credit(
        self, info: Info, input: Annotated[AddSendCreditInput, INPUT]
    ) -> AccountPayload:
        """Add sends to an account."""

        async def change() -> Account:
            target = _target(info, input.account_id)
            credits = input.credits
            if not 1 <= credits <= MAX_CREDITS:
                raise BadUserInput(
                    f"credits must be 1 to {MAX_CREDITS} (got {credits})",
                    field=("input", "credits"),
                )
            if target.platform is Platform.MAXMAILER:
                user_id = maxmailer_writes.target_user(target.key, field=_ACCOUNT_FIELD)
                return await maxmailer_writes.add_credit(info, user_id, credits)
            raise _unsupported("adding send credit", target.platform)

        return await account_payload(change, input_paths=maxmailer_writes.INPUT_PATHS)
