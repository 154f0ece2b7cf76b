"""Subscribe an address to a list, or unsubscribe it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

import strawberry

from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_graph
from mailgql.graph.list_subscriptions import ListSubscription, resolve_list
from mailgql.graph.mutations._run import Input, input_paths, input_type, mutation, optional
from mailgql.graph.mutations.payloads import ListSubscriptionPayload
from mailgql.graph.platforms import PlatformGraph
from mailgql.graph.platforms.base import NewSubscription
from mailgql.graph.platforms.maxmailer import writes as maxmailer_writes
from mailgql.graph.validation import check_email

__all__ = ["OEMPRO_INPUT_PATHS", "SubscribeInput", "SubscriptionMutation", "UnsubscribeInput"]

_LIST = (
    "The list: a MailingList global ID, (Maxmailer) the list's name as configured in "
    "MAILGQL_MAXMAILER_LIST_KEYS, or (Oempro) the plain list id."
)

OEMPRO_INPUT_PATHS = input_paths(
    {
        "ListID": "listId",
        "EmailAddress": "email",
        "name": "name",
        "expires_at": "expiresAt",
    }
)
_LIST_FIELD = OEMPRO_INPUT_PATHS["ListID"]
"""Oempro's parameter names in a subscription refusal, as input paths."""
_INPUT_PATHS = {**maxmailer_writes.INPUT_PATHS, **OEMPRO_INPUT_PATHS}


@strawberry.input
class _InList:
    """What both subscription inputs start with: the list and the address."""

    list_id: strawberry.ID = strawberry.field(description=_LIST)
    email: str = strawberry.field(description="The address (syntax is checked).")


@input_type
class SubscribeInput(_InList):
    """Add an address to a list."""

    name: str | None = optional(
        "The subscriber's name. Oempro: stored in the custom field named in "
        "MAILGQL_OEMPRO_NAME_FIELD (refused without that setting)."
    )
    expires_at: datetime | None = optional(
        "End the subscription then (must be in the future); null: it does not end. "
        "Maxmailer only: Oempro subscriptions do not expire (refused there)."
    )


@input_type
class UnsubscribeInput(_InList):
    """Remove an address from a list."""


def _in_list(
    info: Info,
    input: _InList,
    write: Callable[[PlatformGraph, str, str], Awaitable[ListSubscription | None]],
) -> Awaitable[ListSubscriptionPayload]:
    """The payload of a change to an address in a list: ``write`` gets the list's platform, the
    list's legacy key and the checked address."""

    async def change() -> ListSubscription | None:
        target = resolve_list(info, input.list_id, field=_LIST_FIELD)
        email = check_email(input.email, field=("input", "email"))
        return await write(platform_graph(info, target.platform), target.key, email)

    return ListSubscriptionPayload.run(change, input_paths=_INPUT_PATHS)


@strawberry.type
class SubscriptionMutation:
    """Mutations on list subscriptions."""

    @mutation
    async def subscribe(self, info: Info, input: Input[SubscribeInput]) -> ListSubscriptionPayload:
        """Subscribe an address to a list (Maxmailer: the list's subscribe action; Oempro:
        Subscriber.Subscribe, then Subscriber.Get and List.Get to show the result). An address
        that unsubscribed or whose subscription ended is subscribed anew. Oempro refuses an
        address already in the list, and a list with double opt-in holds the address as inactive
        until it confirms."""
        name = (input.name or "").strip() or None
        return await _in_list(
            info,
            input,
            lambda on, key, email: on.subscribe(
                info, key, NewSubscription(email, name, input.expires_at)
            ),
        )

    @mutation
    async def unsubscribe(
        self, info: Info, input: Input[UnsubscribeInput]
    ) -> ListSubscriptionPayload:
        """Unsubscribe an address from a list (Maxmailer: the list's unsubscribe action; Oempro:
        Subscriber.Unsubscribe, which also unsubscribes it from the owner's other lists when the
        list's opt-out scope says so). The payload shows the address as the list now holds it;
        an address already unsubscribed is refused."""
        return await _in_list(
            info, input, lambda on, key, email: on.unsubscribe(info, key, email=email)
        )
