"""Subscribe an address to a list, or unsubscribe it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_graph
from mailgql.graph.list_subscriptions import ListSubscription, resolve_list
from mailgql.graph.mutations._run import INPUT, subscription_payload
from mailgql.graph.mutations.payloads import ListSubscriptionPayload
from mailgql.graph.platforms.maxmailer import writes as maxmailer_writes
from mailgql.graph.validation import check_email

__all__ = ["OEMPRO_INPUT_PATHS", "SubscribeInput", "SubscriptionMutation", "UnsubscribeInput"]

_LIST = (
    "The list: a MailingList global ID, (Maxmailer) the list's name as configured in "
    "MAILGQL_MAXMAILER_LIST_KEYS, or (Oempro) the plain list id."
)
_LIST_FIELD = ("input", "listId")

OEMPRO_INPUT_PATHS: dict[str, tuple[str, ...]] = {
    "ListID": _LIST_FIELD,
    "EmailAddress": ("input", "email"),
    "name": ("input", "name"),
    "expires_at": ("input", "expiresAt"),
}
"""Oempro's parameter names in a subscription refusal, as input paths."""
_INPUT_PATHS = {**maxmailer_writes.INPUT_PATHS, **OEMPRO_INPUT_PATHS}


@strawberry.input(description="Add an address to a list.")
class SubscribeInput:
    """Add an address to a list."""

    list_id: strawberry.ID = strawberry.field(description=_LIST)
    email: str = strawberry.field(description="The address (syntax is checked).")
    name: str | None = strawberry.field(
        default=None,
        description="The subscriber's name. Oempro: stored in the custom field named in "
        "MAILGQL_OEMPRO_NAME_FIELD (refused without that setting).",
    )
    expires_at: datetime | None = strawberry.field(
        default=None,
        description="End the subscription then (must be in the future); null: it does not end. "
        "Maxmailer only: Oempro subscriptions do not expire (refused there).",
    )


@strawberry.input(description="Remove an address from a list.")
class UnsubscribeInput:
    """Remove an address from a list."""

    list_id: strawberry.ID = strawberry.field(description=_LIST)
    email: str = strawberry.field(description="The address (syntax is checked).")


@strawberry.type
class SubscriptionMutation:
    """Mutations on list subscriptions."""

    @strawberry.mutation(
        description="Subscribe an address to a list (Maxmailer: the list's subscribe action; "
        "Oempro: Subscriber.Subscribe, then Subscriber.Get and List.Get to show the result). "
        "An address that unsubscribed or whose subscription ended is subscribed anew. Oempro "
        "refuses an address already in the list, and a list with double opt-in holds the "
        "address as inactive until it confirms."
    )
    async def subscribe(
        self, info: Info, input: Annotated[SubscribeInput, INPUT]
    ) -> ListSubscriptionPayload:
        """Subscribe an address."""

        async def change() -> ListSubscription | None:
            target = resolve_list(info, input.list_id, field=_LIST_FIELD)
            email = check_email(input.email, field=("input", "email"))
            name = (input.name or "").strip() or None
            return await platform_graph(info, target.platform).subscribe(
                info, target.key, email=email, name=name, expires_at=input.expires_at
            )

        return await subscription_payload(change, input_paths=_INPUT_PATHS)

    @strawberry.mutation(
        description="Unsubscribe an address from a list (Maxmailer: the list's unsubscribe "
        "action; Oempro: Subscriber.Unsubscribe, which also unsubscribes it from the owner's "
        "other lists when the list's opt-out scope says so). The payload shows the address as "
        "the list now holds it; an address already unsubscribed is refused."
    )
    async def unsubscribe(
        self, info: Info, input: Annotated[UnsubscribeInput, INPUT]
    ) -> ListSubscriptionPayload:
        """Unsubscribe an address."""

        async def change() -> ListSubscription | None:
            target = resolve_list(info, input.list_id, field=_LIST_FIELD)
            email = check_email(input.email, field=("input", "email"))
            return await platform_graph(info, target.platform).unsubscribe(
                info, target.key, email=email
            )

        return await subscription_payload(change, input_paths=_INPUT_PATHS)
