"""Maxmailer writes: check what the contract states, call the client, clear, read back fresh.

Inputs are checked before any call where the contract states a rule (username and password
length and characters, name length, e-mail syntax, positive numbers); Maxmailer's own refusal is
still mapped when it applies a stricter rule. Writes are never retried.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, NotFound
from mailgql.graph.list_subscriptions import ListSubscription
from mailgql.graph.platforms.maxmailer.objects import (
    SELF_KEY,
    account_by_id,
    list_subscription,
)
from mailgql.graph.validation import check_length, check_positive
from mailgql.platforms import Platform
from mailgql.upstreams.maxmailer import (
    UNLIMITED,
    LimitAsked,
    NewUserOptions,
    SendPeriod as MaxmailerPeriod,
)

if TYPE_CHECKING:
    from mailgql.graph.mutations.accounts import CreateSubAccountInput

__all__ = [
    "INPUT_PATHS",
    "add_credit",
    "change_password",
    "check_password",
    "check_username",
    "create_user",
    "delete_user",
    "new_user_options",
    "set_status",
    "subscribe",
    "target_user",
    "unsubscribe",
]

_P = Platform.MAXMAILER

INPUT_PATHS: dict[str, tuple[str, ...]] = {
    "username": ("input", "username"),
    "password": ("input", "password"),
    "email": ("input", "email"),
    "send_limit": ("input", "limits", "sendLimit"),
    "list_limit": ("input", "limits", "listLimit"),
    "subscriber_limit": ("input", "limits", "subscriberLimit"),
    "message_size_kb": ("input", "limits", "messageSizeLimitKb"),
    "user_id": ("input", "accountId"),
    "credits": ("input", "credits"),
    "expires_at": ("input", "expiresAt"),
}
"""The mutation input each value the adapter names in a refusal comes from."""

# The contract: 5 to 15 characters of 0-9a-zA-Z-_$@.
_PASSWORD = re.compile(r"[0-9a-zA-Z_$@\-]*")
# The contract gives a username's length only; its characters are Maxmailer's to refuse (2002),
# but a space or control character can never be part of a login name.
_NOT_IN_USERNAME = re.compile(r"[\s\x00-\x1f\x7f]")


def check_username(value: str, *, field: tuple[str, ...]) -> str:
    """3 to 15 characters, no spaces or control characters."""
    check_length(value, field=field, what="username", low=3, high=15)
    if _NOT_IN_USERNAME.search(value):
        raise BadUserInput("username must not contain spaces or control characters", field=field)
    return value


def check_password(value: str, *, field: tuple[str, ...]) -> str:
    """5 to 15 characters of ``0-9a-zA-Z-_$@``."""
    check_length(value, field=field, what="password", low=5, high=15)
    if not _PASSWORD.fullmatch(value):
        raise BadUserInput(
            "password may only hold letters, digits and - _ $ @ (Maxmailer's rule)", field=field
        )
    return value


def target_user(key: str, *, field: tuple[str, ...]) -> int:
    """The user id of an account a mutation targets."""
    if key == SELF_KEY:
        raise BadUserInput(
            "this is the gateway's own Maxmailer account; only the users it manages can be changed",
            field=field,
            platform=_P,
        )
    if not key.isdigit():
        raise BadUserInput(f"{key!r} does not name a Maxmailer user", field=field, platform=_P)
    return int(key)


async def _fresh(info: Info, user_id: int) -> Account:
    account = await account_by_id(info, user_id, "account")
    if account is None:
        raise NotFound(f"Maxmailer shows no user {user_id} to this Login ID", platform=_P)
    return account


async def create_user(
    info: Info, *, username: str, password: str, email: str, options: NewUserOptions
) -> Account:
    """``CreateUser``, then the new account read back."""
    loaders = info.context.maxmailer()
    user_id = await loaders.client.create_user(
        username=username, password=password, email=email, options=options
    )
    loaders.forget_user(user_id)
    return await _fresh(info, user_id)


async def set_status(info: Info, user_id: int, *, active: bool) -> Account:
    """``UnsuspendUser`` or ``SuspendUser``, then the account read back."""
    loaders = info.context.maxmailer()
    if active:
        await loaders.client.unsuspend_user(user_id)
    else:
        await loaders.client.suspend_user(user_id)
    loaders.forget_user(user_id)
    return await _fresh(info, user_id)


async def delete_user(info: Info, user_id: int) -> None:
    """``DeleteUser``; its users move up to its parent, so every user entry is forgotten."""
    loaders = info.context.maxmailer()
    await loaders.client.delete_user(user_id)
    loaders.forget_deleted_user(user_id)


async def change_password(info: Info, user_id: int, password: str) -> Account:
    """``ChangePassword``, then the account read back."""
    loaders = info.context.maxmailer()
    await loaders.client.change_password(user_id, password)
    loaders.forget_user(user_id)
    return await _fresh(info, user_id)


async def add_credit(info: Info, user_id: int, credits: int) -> Account:
    """``AddCredit``, then the account read back."""
    loaders = info.context.maxmailer()
    await loaders.client.add_credit(user_id, credits)
    loaders.forget_user(user_id)
    return await _fresh(info, user_id)


async def subscribe(
    info: Info,
    list_name: str,
    *,
    email: str,
    name: str | None,
    expires_at: datetime | None,
) -> ListSubscription | None:
    """``subscribe``, then the address's ``status``."""
    if expires_at is not None and expires_at <= datetime.now(UTC):
        raise BadUserInput(
            "expiresAt must be in the future", field=("input", "expiresAt"), platform=_P
        )
    loaders = info.context.maxmailer()
    await loaders.client.subscribe(list_name, email=email, name=name, expires_at=expires_at)
    loaders.forget_subscription(list_name, email)
    return await list_subscription(info, list_name, email)


async def unsubscribe(info: Info, list_name: str, *, email: str) -> ListSubscription | None:
    """``unsubscribe``, then the address's ``status`` (null if Maxmailer dropped it)."""
    loaders = info.context.maxmailer()
    await loaders.client.unsubscribe(list_name, email=email)
    loaders.forget_subscription(list_name, email)
    return await list_subscription(info, list_name, email)


_LIMIT_FIELDS = {
    "SENDS": "sendLimit",
    "LISTS": "listLimit",
    "SUBSCRIBERS": "subscriberLimit",
    "MESSAGE_SIZE": "messageSizeLimitKb",
}
"""The input field of each limit `unlimited` may name (by AccountLimit name)."""
_UNLIMITED_FIELD = ("input", "limits", "unlimited")
_PERIODS: dict[str, MaxmailerPeriod] = {
    "ONE_TIME": "one_time",
    "DAILY": "daily",
    "WEEKLY": "weekly",
    "MONTHLY": "monthly",
}


def new_user_options(input: CreateSubAccountInput) -> NewUserOptions:
    """CreateUser's settings from a createSubAccount input, checked against the contract's rules.

    A limit or flag the input leaves null is left out, so Maxmailer applies its own default;
    a limit named in ``unlimited`` is asked for as unlimited.
    """
    for text, label in ((input.name, "name"), (input.last_name, "lastName")):
        if text is not None:
            check_length(text, field=("input", label), what=label, low=0, high=40)
    limits = input.limits
    numbers: dict[str, int | None] = {
        "sendLimit": limits.send_limit if limits else None,
        "listLimit": limits.list_limit if limits else None,
        "subscriberLimit": limits.subscriber_limit if limits else None,
        "messageSizeLimitKb": limits.message_size_limit_kb if limits else None,
        "attachmentSizeLimitKb": limits.attachment_size_limit_kb if limits else None,
    }
    for name, value in numbers.items():
        check_positive(value, field=("input", "limits", name), what=name)
    asked: dict[str, LimitAsked] = dict(numbers)
    for limit in (limits.unlimited if limits else None) or []:
        name = _LIMIT_FIELDS[limit.name]
        if numbers[name] is not None:
            raise BadUserInput(
                f"{name} is given a number and is also named in unlimited; choose one",
                field=_UNLIMITED_FIELD,
            )
        asked[name] = UNLIMITED
    check_positive(input.trial_days, field=("input", "trialDays"), what="trialDays")
    period = limits.send_period if limits else None
    flags = input.permissions
    return NewUserOptions(
        first_name=(input.name or "").strip(),
        last_name=(input.last_name or "").strip(),
        send_limit=asked["sendLimit"],
        send_period=_PERIODS[period.name] if period is not None else None,
        list_limit=asked["listLimit"],
        subscriber_limit=asked["subscriberLimit"],
        message_size_kb=asked["messageSizeLimitKb"],
        attachment_size_kb=numbers["attachmentSizeLimitKb"],
        attachments=flags.attachments if flags else None,
        bounce_handling=flags.bounce_handling if flags else None,
        forms=flags.forms if flags else None,
        api=flags.api if flags else None,
        embedded_images=flags.embedded_images if flags else None,
        trial_days=input.trial_days,
        demo=input.demo,
    )
