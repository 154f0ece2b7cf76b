"""Maxmailer writes: check what the contract states, call the client, clear, read back fresh.

Inputs are checked before any call where the contract states a rule (username and password
length and characters, name length, e-mail syntax, positive numbers); Maxmailer's own refusal is
still mapped when it applies a stricter rule. Writes are never retried.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, NotFound
from mailgql.graph.sources.maxmailer import (
    SELF_KEY,
    account_by_id,
    list_subscription,
)
from mailgql.graph.subscriptions import ListSubscription
from mailgql.graph.validation import check_length
from mailgql.platforms import Platform
from mailgql.upstreams.maxmailer import NewUserOptions

__all__ = [
    "INPUT_PATHS",
    "add_credit",
    "change_password",
    "check_password",
    "check_username",
    "create_user",
    "delete_user",
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
