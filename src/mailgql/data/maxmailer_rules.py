"""Maxmailer's input rules, checked before any call is sent.

The contract states these rules; Maxmailer enforces some of them itself with an errno, others it
applies silently (a limit of 0 is read as unlimited). A value that breaks one is refused here with
an :class:`~mailgql.upstreams.errors.UpstreamInvalidInput` whose ``field`` is the adapter's own
name for it (``username``, ``password``, ``send_limit``, ``user_id``, ``expires_at``...), the same
names Maxmailer's own refusals carry, so the graph maps both onto input paths the same way.
"""

from __future__ import annotations

import re
from datetime import datetime

from mailgql.input_rules import legacy_number
from mailgql.platforms import Platform
from mailgql.upstreams.errors import UpstreamInvalidInput
from mailgql.upstreams.maxmailer import NewUserOptions

__all__ = [
    "NAME_MAX",
    "SELF_KEY",
    "check_expiry",
    "check_new_user",
    "check_password",
    "check_username",
    "managed_user",
]

SELF_KEY = "me"
"""The key of the Login ID's own account where the API shows no record of it (a user-manager or
a plain user); it names no user a write can change."""
NAME_MAX = 40
"""The longest first or last name CreateUser takes."""

# The contract: 5 to 15 characters of 0-9a-zA-Z-_$@.
_PASSWORD = re.compile(r"[0-9a-zA-Z_$@\-]*")
# The contract gives a username's length only; its characters are Maxmailer's to refuse (2002),
# but a space or control character can never be part of a login name.
_NOT_IN_USERNAME = re.compile(r"[\s\x00-\x1f\x7f]")


def _refused(message: str, field: str) -> UpstreamInvalidInput:
    return UpstreamInvalidInput(message, platform=Platform.MAXMAILER, field=field)


def _check_length(value: str, *, field: str, what: str, low: int, high: int) -> None:
    if not low <= len(value) <= high:
        raise _refused(f"{what} must be {low} to {high} characters long (got {len(value)})", field)


def _check_positive(value: object, *, field: str, what: str) -> None:
    # Maxmailer reads a limit of 0 as unlimited; unlimited is asked for by name, never by 0.
    if isinstance(value, int) and value < 1:
        raise _refused(f"{what} must be 1 or more (got {value})", field)


def check_username(value: str) -> str:
    """3 to 15 characters, no spaces or control characters."""
    _check_length(value, field="username", what="username", low=3, high=15)
    if _NOT_IN_USERNAME.search(value):
        raise _refused("username must not contain spaces or control characters", "username")
    return value


def check_password(value: str) -> str:
    """5 to 15 characters of ``0-9a-zA-Z-_$@``."""
    _check_length(value, field="password", what="password", low=5, high=15)
    if not _PASSWORD.fullmatch(value):
        raise _refused(
            "password may only hold letters, digits and - _ $ @ (Maxmailer's rule)", "password"
        )
    return value


def check_new_user(options: NewUserOptions) -> NewUserOptions:
    """Names of at most :data:`NAME_MAX` characters; limits and trial days of 1 or more."""
    _check_length(options.first_name, field="first_name", what="name", low=0, high=NAME_MAX)
    _check_length(options.last_name, field="last_name", what="last name", low=0, high=NAME_MAX)
    numbers = (
        ("send_limit", "send limit", options.send_limit),
        ("list_limit", "list limit", options.list_limit),
        ("subscriber_limit", "subscriber limit", options.subscriber_limit),
        ("message_size_kb", "message size limit", options.message_size_kb),
        ("attachment_size_kb", "attachment size limit", options.attachment_size_kb),
        ("trial_days", "trial days", options.trial_days),
    )
    for field, what, value in numbers:
        _check_positive(value, field=field, what=what)
    return options


def managed_user(key: str) -> int:
    """The user id an account key names, for a write; the Login ID's own account is refused."""
    if key == SELF_KEY:
        raise _refused(
            "this is the gateway's own Maxmailer account; only the users it manages can be changed",
            "user_id",
        )
    user_id = legacy_number(key)
    if user_id is None:
        raise _refused(f"{key[:40]!r} does not name a Maxmailer user", "user_id")
    return user_id


def check_expiry(expires_at: datetime | None, *, now: datetime) -> datetime | None:
    """An end of subscription, if any, after ``now``."""
    if expires_at is not None and expires_at <= now:
        raise _refused(
            "the end of the subscription (expiresAt) must be in the future", "expires_at"
        )
    return expires_at
