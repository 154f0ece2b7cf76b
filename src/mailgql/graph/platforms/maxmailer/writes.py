"""Maxmailer write inputs in the graph: where a refusal points in the mutation input, and
createSubAccount's input as CreateUser options.

Maxmailer's input rules (username and password, name lengths, positive limits, the Login ID's own
account, subscription ends) are checked by :class:`~mailgql.data.maxmailer.MaxmailerData` before
any call; its refusals and Maxmailer's own name the value at fault in the adapter's terms, which
:data:`INPUT_PATHS` maps onto the input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailgql.graph.errors import BadUserInput
from mailgql.upstreams.maxmailer import (
    UNLIMITED,
    LimitAsked,
    NewUserOptions,
    SendPeriod as MaxmailerPeriod,
)

if TYPE_CHECKING:
    from mailgql.graph.mutations.accounts import CreateSubAccountInput

__all__ = ["INPUT_PATHS", "new_user_options"]

INPUT_PATHS: dict[str, tuple[str, ...]] = {
    "username": ("input", "username"),
    "password": ("input", "password"),
    "email": ("input", "email"),
    "first_name": ("input", "name"),
    "last_name": ("input", "lastName"),
    "send_limit": ("input", "limits", "sendLimit"),
    "list_limit": ("input", "limits", "listLimit"),
    "subscriber_limit": ("input", "limits", "subscriberLimit"),
    "message_size_kb": ("input", "limits", "messageSizeLimitKb"),
    "attachment_size_kb": ("input", "limits", "attachmentSizeLimitKb"),
    "trial_days": ("input", "trialDays"),
    "user_id": ("input", "accountId"),
    "credits": ("input", "credits"),
    "expires_at": ("input", "expiresAt"),
}
"""The mutation input each value the adapter names in a refusal comes from."""

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
    """CreateUser's settings from a createSubAccount input.

    A limit or flag the input leaves null is left out, so Maxmailer applies its own default;
    a limit named in ``unlimited`` is asked for as unlimited (and may not be given a number).
    """
    limits = input.limits
    numbers: dict[str, int | None] = {
        "sendLimit": limits.send_limit if limits else None,
        "listLimit": limits.list_limit if limits else None,
        "subscriberLimit": limits.subscriber_limit if limits else None,
        "messageSizeLimitKb": limits.message_size_limit_kb if limits else None,
        "attachmentSizeLimitKb": limits.attachment_size_limit_kb if limits else None,
    }
    asked: dict[str, LimitAsked] = dict(numbers)
    for limit in (limits.unlimited if limits else None) or []:
        name = _LIMIT_FIELDS[limit.name]
        if numbers[name] is not None:
            raise BadUserInput(
                f"{name} is given a number and is also named in unlimited; choose one",
                field=_UNLIMITED_FIELD,
            )
        asked[name] = UNLIMITED
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
