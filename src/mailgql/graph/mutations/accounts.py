"""Account mutations: create, (de)activate, delete, change a password, add send credit."""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry
from pydantic import SecretStr

from mailgql.graph.accounts import Account, SendPeriod
from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_graph
from mailgql.graph.errors import BadUserInput
from mailgql.graph.ids import decode_id
from mailgql.graph.mutations._run import Change, Input, InputPaths, input_type, mutation, optional
from mailgql.graph.mutations.payloads import AccountPayload, DeleteAccountPayload
from mailgql.graph.platforms import PlatformGraph
from mailgql.graph.platforms.maxmailer import writes as maxmailer_writes
from mailgql.graph.platforms.oempro import account_writes as oempro_writes
from mailgql.graph.validation import (
    MAX_IDS,
    check_email,
    check_not_blank,
)
from mailgql.platforms import Platform

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
    "on_account",
]

T = TypeVar("T")

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


@input_type
class AccountLimitsInput:
    """Limits of a new Maxmailer account. A limit left null (or omitted) is not sent and
    Maxmailer applies its own default; to ask for no limit at all, name it in `unlimited`. A
    licence, or a user-manager's own limits, may refuse a limit (a `BAD_USER_INPUT` user error
    with Maxmailer's errno as `legacyCode`)."""

    send_limit: int | None = optional(f"Sends per period, 1 or more; {_NOT_SET}.")
    send_period: SendPeriod | None = optional(
        "The period of `sendLimit` (admins only: a user-manager's users share its "
        "period). Default: ONE_TIME."
    )
    list_limit: int | None = optional(f"Lists, 1 or more; {_NOT_SET}.")
    subscriber_limit: int | None = optional(f"Subscribers, 1 or more; {_NOT_SET}.")
    message_size_limit_kb: int | None = optional(f"Largest message in kB, 1 or more; {_NOT_SET}.")
    attachment_size_limit_kb: int | None = optional(
        f"Largest attachment in kB, 1 or more; {_NOT_SET}."
    )
    unlimited: list[AccountLimit] | None = optional(
        "Limits asked for as unlimited (Maxmailer's 0). A licence that caps them "
        "refuses this (errno 2009, 2015, 2017), and so does a user-manager with limits of its "
        "own (2013, 2016, 2019). A limit named here must not also be given a number."
    )


@input_type
class AccountPermissionsInput:
    """Feature flags of a new Maxmailer account; a flag left null (or omitted) is not sent, so
    Maxmailer applies its own default (off on a stock server)."""

    attachments: bool | None = optional("May attach files.")
    bounce_handling: bool | None = optional("May use bounce processing.")
    forms: bool | None = optional("May create subscription forms.")
    api: bool | None = optional("May use the API.")
    embedded_images: bool | None = optional("May embed images in message bodies.")


@input_type
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
    name: str | None = optional(
        "Full name (v2 REST has no such parameter and ignores it); Maxmailer: the "
        "first name, at most 40 characters."
    )
    last_name: str | None = optional("Maxmailer: the last name, at most 40 characters.")
    limits: AccountLimitsInput | None = optional(
        "Maxmailer: the account's limits; omitted: Maxmailer's defaults for each."
    )
    permissions: AccountPermissionsInput | None = optional(
        "Maxmailer: the account's feature flags; omitted: Maxmailer's defaults."
    )
    trial_days: int | None = optional("Maxmailer: a trial account for this many days (1 or more).")
    demo: bool = strawberry.field(default=False, description="Maxmailer: a demo account.")
    allowed_domains: list[str] | None = optional(
        f'v2 REST: sender domains the account may use, e.g. ["@example.com"]; '
        f"required there, at most {MAX_IDS}."
    )
    user_group_id: strawberry.ID | None = optional(
        "Oempro with an admin login (a new user): its plan, a UserGroup global ID or a plain "
        "`UserGroupID`; required there. With a user login Oempro creates a client instead."
    )
    time_zone: str | None = optional("Oempro (a new user): its time zone; default UTC.")
    language: str | None = optional("Oempro (a new user): its language code; default en.")
    company_name: str | None = optional("Oempro (a new user): its company.")


@input_type
class SetAccountStatusInput:
    """Activate or deactivate an account."""

    account_id: strawberry.ID = strawberry.field(
        description="The account's global ID (Oempro: a user; needs an admin login)."
    )
    active: bool = strawberry.field(
        description="true: active; false: disabled (v2 REST, Oempro `AccountStatus` Disabled) "
        "or suspended (Maxmailer)."
    )


@input_type
class DeleteAccountInput:
    """Delete an account (Maxmailer, Oempro users and clients)."""

    account_id: strawberry.ID = strawberry.field(
        description="The account's global ID. Maxmailer: its users move up to its parent."
    )


@input_type
class ChangeAccountPasswordInput:
    """Set an account's password (Maxmailer, Oempro users and clients)."""

    account_id: strawberry.ID = strawberry.field(description="The account's global ID.")
    password: str = strawberry.field(
        description="The new password, never shown again: 5 to 15 characters of letters, "
        "digits and - _ $ @."
    )


@input_type
class AddSendCreditInput:
    """Add sends to an account with a one-time send allocation (Maxmailer), or sending credits
    to an Oempro user."""

    account_id: strawberry.ID = strawberry.field(
        description="The account's global ID; its send period must be ONE_TIME."
    )
    credits: int = strawberry.field(description=f"Sends to add: 1 to {MAX_CREDITS}.")


_ACCOUNT_FIELD = ("input", "accountId")
_PATHS = {**maxmailer_writes.INPUT_PATHS, **oempro_writes.INPUT_PATHS}
"""Input paths of the account mutations' refusals, by the adapters' names of the values."""
_STATUS_PATHS = {**_PATHS, "UserID": _ACCOUNT_FIELD}
"""Input paths of a setAccountStatus refusal (Oempro names the user ``UserID``)."""


def on_account(
    info: Info, account_id: str, write: Callable[[PlatformGraph, str], Awaitable[T]]
) -> Change[T]:
    """The change that decodes the account an input names and has its platform ``write`` it
    (given the platform and the account's legacy key)."""

    async def change() -> T:
        target = decode_id(account_id, expect="Account", field=_ACCOUNT_FIELD)
        return await write(platform_graph(info, target.platform), target.key)

    return change


def _credits(value: int) -> int:
    if not 1 <= value <= MAX_CREDITS:
        raise BadUserInput(
            f"credits must be 1 to {MAX_CREDITS} (got {value})", field=("input", "credits")
        )
    return value


_ADAPTER_NAMES = {
    AccountLimit.SENDS: "send_limit",
    AccountLimit.LISTS: "list_limit",
    AccountLimit.SUBSCRIBERS: "subscriber_limit",
    AccountLimit.MESSAGE_SIZE: "message_size_kb",
}
"""The adapter's name of each limit, as a refusal names it."""
_UNLIMITED_FIELD = ("input", "limits", "unlimited")


def _create_paths(input: CreateSubAccountInput) -> InputPaths:
    """Refusal paths of createSubAccount: a limit asked as unlimited points at ``unlimited``."""
    lifted = input.limits.unlimited or [] if input.limits is not None else []
    return {
        **_PATHS,
        **{_ADAPTER_NAMES[limit]: _UNLIMITED_FIELD for limit in lifted},
    }


@strawberry.type
class AccountMutation:
    """Mutations on accounts."""

    @mutation
    async def create_sub_account(
        self, info: Info, input: Input[CreateSubAccountInput]
    ) -> AccountPayload:
        """Create an account under the gateway's account (v2 REST: a sub-account of the admin;
        Maxmailer: a user of the Login ID, with its limits and flags; Oempro: with an admin
        login a user in a plan, User.Create then User.Get; with a user login a client,
        Client.Create then Clients.Get). Inputs are checked before any upstream call where the
        platform states a rule."""

        async def change() -> Account:
            platform = platform_graph(info, input.platform)
            check_not_blank(input.username, field=("input", "username"), what="username")
            if not input.password:
                raise BadUserInput("password must not be empty", field=("input", "password"))
            check_email(input.email, field=("input", "email"))
            return await platform.create_sub_account(info, input)

        return await AccountPayload.run(change, input_paths=_create_paths(input))

    @mutation
    async def set_account_status(
        self, info: Info, input: Input[SetAccountStatusInput]
    ) -> AccountPayload:
        """Activate or deactivate an account (v2 REST: enable or disable; Maxmailer:
        UnsuspendUser or SuspendUser; Oempro: User.Update with AccountStatus, then User.Get.
        Oempro lets only the administrator change a user's status, so with a user login or an
        API key the change is FORBIDDEN before any call; a client's is Client.Update with
        ClientAccountStatus, in its user's session)."""
        active = input.active
        change = on_account(
            info, input.account_id, lambda on, key: on.set_account_status(info, key, active=active)
        )
        return await AccountPayload.run(change, input_paths=_STATUS_PATHS)

    @mutation
    async def delete_account(
        self, info: Info, input: Input[DeleteAccountInput]
    ) -> DeleteAccountPayload:
        """Delete an account (Maxmailer: DeleteUser; its users move up to its parent. Oempro:
        Users.Delete of a user with all it owns, admin login; Clients.Delete of a client, in its
        user's session; each read first, so an unknown one is NOT_FOUND)."""

        async def delete(on: PlatformGraph, key: str) -> strawberry.ID:
            await on.delete_account(info, key)
            return input.account_id

        change = on_account(info, input.account_id, delete)
        return await DeleteAccountPayload.run(change, input_paths=_PATHS)

    @mutation
    async def change_account_password(
        self, info: Info, input: Input[ChangeAccountPasswordInput]
    ) -> AccountPayload:
        """Set an account's password (Maxmailer: ChangePassword; Oempro: User.Update or
        Client.Update with the password)."""
        password = SecretStr(input.password)
        change = on_account(
            info, input.account_id, lambda on, key: on.change_account_password(info, key, password)
        )
        return await AccountPayload.run(change, input_paths=_PATHS)

    @mutation
    async def add_send_credit(self, info: Info, input: Input[AddSendCreditInput]) -> AccountPayload:
        """Add sends to an account with a one-time send allocation (Maxmailer: AddCredit;
        Oempro: User.AddCredits to a user's AvailableCredits, admin login)."""
        change = on_account(
            info,
            input.account_id,
            lambda on, key: on.add_send_credit(info, key, _credits(input.credits)),
        )
        return await AccountPayload.run(change, input_paths=_PATHS)
