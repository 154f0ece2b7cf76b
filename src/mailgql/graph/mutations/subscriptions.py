"""Subscribe an address to a list, or unsubscribe it."""

from __future__ import annotations

from datetime import datetime

import strawberry

from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput
from mailgql.graph.mutations._run import subscription_payload
from mailgql.graph.mutations.payloads import ListSubscriptionPayload
from mailgql.graph.sources import maxmailer_writes
from mailgql.graph.subscriptions import ListSubscription, ListTarget, resolve_list
from mailgql.graph.validation import check_email
from mailgql.platforms import Platform

__all__ = ["SubscribeInput", "SubscriptionMutation", "UnsubscribeInput"]

_LIST = (
    "The list: a MailingList global ID, or (Maxmailer) the list's name as configured in "
    "MAILGQL_MAXMAILER_LIST_KEYS."
)
_LIST_FIELD = ("input", "listId")


@strawberry.input(description="Add an address to a list.")
class SubscribeInput:
    """Add an address to a list."""

    list_id: strawberry.ID = strawberry.field(description=_LIST)
    email: str = strawberry.field(description="The address (syntax is checked).")
    name: str | None = strawberry.field(default=None, description="The subscriber's name.")
    expires_at: datetime | None = strawberry.field(
        default=None,
        description="End the subscription then (must be in the future); null: it does not end.",
    )


@strawberry.input(description="Remove an address from a list.")
class UnsubscribeInput:
    """Remove an address from a list."""

    list_id: strawberry.ID = strawberry.field(description=_LIST)
    email: str = strawberry.field(description="The address (syntax is checked).")


def _target(info: Info, list_id: str) -> ListTarget:
    target = resolve_list(info, list_id, field=_LIST_FIELD)
    if target.platform is not Platform.MAXMAILER:
        raise BadUserInput(
            f"subscriptions on {target.platform.label} are not supported", field=_LIST_FIELD
        )
    return target


@strawberry.type
class SubscriptionMutation:
    """Mutations on list subscriptions."""

    @strawberry.mutation(
        description="Subscribe an address to a list (Maxmailer: the list's subscribe action). "
        "An address that unsubscribed or whose subscription ended is subscribed anew."
    )
    async def subscribe(self, info: Info, input: SubscribeInput) -> ListSubscriptionPayload:
        """Subscribe an address."""

        async def change() -> ListSubscription | None:
            target = _target(info, input.list_id)
            email = check_email(input.email, field=("input", "email"))
            return await maxmailer_writes.subscribe(
                info,
                target.key,
                email=email,
                name=(input.name or "").strip() or None,
                expires_at=input.expires_at,
            )

        return await subscription_payload(change, input_paths=maxmailer_writes.INPUT_PATHS)

    @strawberry.mutation(
        description="Unsubscribe an address from a list (Maxmailer: the list's unsubscribe "
        "action). The payload shows the address as the list now holds it."
    )
    async def unsubscribe(self, info: Info, input: UnsubscribeInput) -> ListSubscriptionPayload:
        """Unsubscribe an address."""

        async def change() -> ListSubscription | None:
            target = _target(info, input.list_id)
            email = check_email(input.email, field=("input", "email"))
            return await maxmailer_writes.unsubscribe(info, target.key, email=email)

        return await subscription_payload(change, input_paths=maxmailer_writes.INPUT_PATHS)
