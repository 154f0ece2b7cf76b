"""How every mutation turns refusals into ``userErrors`` and lets system failures through."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TypeVar

import strawberry

from mailgql.graph.accounts import Account
from mailgql.graph.errors import GraphError, UserError, user_error_from
from mailgql.graph.list_subscriptions import ListSubscription
from mailgql.graph.mutations.payloads import (
    AccountPayload,
    DeleteAccountPayload,
    ListSubscriptionPayload,
)
from mailgql.upstreams.errors import UpstreamError, UpstreamRefused

__all__ = [
    "INPUT",
    "InputPaths",
    "account_payload",
    "attempt",
    "delete_payload",
    "refusal",
    "subscription_payload",
]

T = TypeVar("T")

INPUT = strawberry.argument(description="What to change; the input type describes each field.")
"""The description of every mutation's one ``input`` argument."""

InputPaths = Mapping[str, Sequence[str]]
"""The input path of each value an adapter names in a refusal (``UpstreamError.field``)."""


async def attempt(
    change: Callable[[], Awaitable[T]], *, input_paths: InputPaths | None = None
) -> tuple[T | None, list[UserError]]:
    """Run a change: its result, or None and the refusal as ``userErrors``.

    Transport failures raise, as in :func:`account_payload`.
    """
    try:
        return await change(), []
    except (GraphError, UpstreamRefused) as exc:
        return None, [refusal(exc, input_paths)]


def refusal(error: GraphError | UpstreamRefused, input_paths: InputPaths | None) -> UserError:
    """The ``UserError`` of an expected refusal, its field mapped onto the mutation's input."""
    if input_paths is None or not isinstance(error, UpstreamError):
        return user_error_from(error)
    path = input_paths.get(error.field) if error.field is not None else None
    user_error = user_error_from(error, field=list(path) if path is not None else None)
    if path is None:
        # An adapter's own name for a value is no input path: say nothing rather than mislead.
        user_error.field = None
    return user_error


async def account_payload(
    change: Callable[[], Awaitable[Account]], *, input_paths: InputPaths | None = None
) -> AccountPayload:
    """Run a change; expected refusals become ``userErrors``.

    Transport failures (unavailable, timeout, unreadable answer) are raised: whether the change
    was applied is then unknown, and the client must look before trying again.
    """
    try:
        account = await change()
    except (GraphError, UpstreamRefused) as exc:
        return AccountPayload(account=None, user_errors=[refusal(exc, input_paths)])
    return AccountPayload(account=account, user_errors=[])


async def delete_payload(
    change: Callable[[], Awaitable[strawberry.ID]], *, input_paths: InputPaths | None = None
) -> DeleteAccountPayload:
    """Run a deletion; expected refusals become ``userErrors`` (failures raise, as above)."""
    try:
        deleted = await change()
    except (GraphError, UpstreamRefused) as exc:
        return DeleteAccountPayload(
            deleted_account_id=None, user_errors=[refusal(exc, input_paths)]
        )
    return DeleteAccountPayload(deleted_account_id=deleted, user_errors=[])


async def subscription_payload(
    change: Callable[[], Awaitable[ListSubscription | None]],
    *,
    input_paths: InputPaths | None = None,
) -> ListSubscriptionPayload:
    """Run a subscription change; expected refusals become ``userErrors``."""
    try:
        subscription = await change()
    except (GraphError, UpstreamRefused) as exc:
        return ListSubscriptionPayload(subscription=None, user_errors=[refusal(exc, input_paths)])
    return ListSubscriptionPayload(subscription=subscription, user_errors=[])
