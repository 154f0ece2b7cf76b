"""Mutation payloads: the changed object and the expected refusals."""

from __future__ import annotations

import strawberry

from mailgql.graph.accounts import Account
from mailgql.graph.errors import UserError

__all__ = ["AccountPayload"]


@strawberry.type(description="The account a mutation changed, or why it did not.")
class AccountPayload:
    """The account a mutation changed, or why it did not."""

    account: Account | None = strawberry.field(
        default=None, description="The account as it is after the change; null if refused."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why the change was refused; empty on success."
    )
