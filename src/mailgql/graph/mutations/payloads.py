"""Mutation payloads: the changed object and the expected refusals."""

from __future__ import annotations

import strawberry

from mailgql.graph.accounts import Account
from mailgql.graph.errors import UserError
from mailgql.graph.list_subscriptions import ListSubscription

__all__ = ["AccountPayload", "DeleteAccountPayload", "ListSubscriptionPayload"]


@strawberry.type(description="The account a mutation changed, or why it did not.")
class AccountPayload:
    """The account a mutation changed, or why it did not."""

    account: Account | None = strawberry.field(
        default=None, description="The account as it is after the change; null if refused."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why the change was refused; empty on success."
    )


@strawberry.type(description="The account a mutation deleted, or why it did not.")
class DeleteAccountPayload:
    """The account a mutation deleted, or why it did not."""

    deleted_account_id: strawberry.ID | None = strawberry.field(
        default=None, description="The global ID of the deleted account; null if refused."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why the deletion was refused; empty on success."
    )


@strawberry.type(description="A subscription as a mutation left it, or why it was refused.")
class ListSubscriptionPayload:
    """A subscription as a mutation left it, or why it was refused."""

    subscription: ListSubscription | None = strawberry.field(
        default=None,
        description="The address in the list after the change (inactive once unsubscribed); "
        "null if refused, if the platform no longer knows the address, or (Oempro with an "
        "admin login, which may not read lists) if it cannot be read back.",
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why the change was refused; empty on success."
    )
