"""Mutation payloads: the changed object (or the deleted object's ID) and the expected refusals.

Every payload has two fields: the result of the change first, then ``userErrors``. Their
descriptions are built here from the same few sentences, so that each payload reads alike in
GraphiQL; :meth:`Payload.run` runs a change and fills either field.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Generic, Self, TypeVar

import strawberry

from mailgql.graph.accounts import Account
from mailgql.graph.campaigns import Campaign
from mailgql.graph.errors import UserError
from mailgql.graph.list_subscriptions import ListSubscription
from mailgql.graph.lists import MailingList, Subscriber
from mailgql.graph.mutations._run import Change, InputPaths, attempt
from mailgql.graph.segments import Segment

__all__ = [
    "AccountPayload",
    "CampaignPayload",
    "DeleteAccountPayload",
    "DeleteCampaignPayload",
    "DeleteListPayload",
    "DeleteSegmentPayload",
    "ListSubscriptionPayload",
    "MailingListPayload",
    "Payload",
    "SegmentPayload",
    "SubscriberPayload",
    "changed",
    "deleted",
    "refused",
]

T = TypeVar("T")


class Payload(Generic[T]):
    """What every payload does: hold a change's result of type ``T``, or why it was refused."""

    @classmethod
    async def run(cls, change: Change[T], *, input_paths: InputPaths | None = None) -> Self:
        """Run a change: its result in the payload's first field, or its refusal in
        ``userErrors`` (transport failures raise: see :func:`attempt`)."""
        result, errors = await attempt(change, input_paths=input_paths)
        # Every subclass is a Strawberry type, hence a dataclass; mypy sees only this mixin.
        first = dataclasses.fields(cls)[0].name  # type: ignore[arg-type]
        fields: dict[str, Any] = {first: result, "user_errors": errors}
        return cls(**fields)


def _about(thing: str, done: str) -> str:
    return f"The {thing} a mutation {done}, or why it did not."


def changed(thing: str, *, name: str | None = None) -> Any:
    """A payload's first field: the ``thing`` as the change left it."""
    return strawberry.field(
        name=name,
        default=None,
        description=f"The {thing} as it is after the change; null if refused.",
    )


def deleted(thing: str) -> Any:
    """A deletion payload's first field: the deleted ``thing``'s global ID."""
    return strawberry.field(
        default=None, description=f"The global ID of the deleted {thing}; null if refused."
    )


def refused(what: str) -> Any:
    """A payload's ``userErrors``: why the ``what`` (change, deletion...) was refused."""
    return strawberry.field(
        default_factory=list, description=f"Why the {what} was refused; empty on success."
    )


@strawberry.type(description=_about("account", "changed"))
class AccountPayload(Payload[Account]):
    """The account a mutation changed, or why it did not."""

    account: Account | None = changed("account")
    user_errors: list[UserError] = refused("change")


@strawberry.type(description=_about("account", "deleted"))
class DeleteAccountPayload(Payload[strawberry.ID]):
    """The account a mutation deleted, or why it did not."""

    deleted_account_id: strawberry.ID | None = deleted("account")
    user_errors: list[UserError] = refused("deletion")


@strawberry.type(description="A subscription as a mutation left it, or why it was refused.")
class ListSubscriptionPayload(Payload[ListSubscription | None]):
    """A subscription as a mutation left it, or why it was refused."""

    subscription: ListSubscription | None = strawberry.field(
        default=None,
        description="The address in the list after the change (inactive once unsubscribed); "
        "null if refused, if the platform no longer knows the address, or (Oempro with an "
        "admin login, which may not read lists) if it cannot be read back.",
    )
    user_errors: list[UserError] = refused("change")


@strawberry.type(description=_about("list", "created or changed"))
class MailingListPayload(Payload[MailingList]):
    """The list a mutation created or changed, or why it did not."""

    list_: MailingList | None = changed("list", name="list")
    user_errors: list[UserError] = refused("change")


@strawberry.type(description=_about("list", "deleted"))
class DeleteListPayload(Payload[strawberry.ID]):
    """The list a mutation deleted, or why it did not."""

    deleted_list_id: strawberry.ID | None = deleted("list")
    user_errors: list[UserError] = refused("deletion")


@strawberry.type(description=_about("subscriber", "changed"))
class SubscriberPayload(Payload[Subscriber]):
    """The subscriber a mutation changed, or why it did not."""

    subscriber: Subscriber | None = changed("subscriber")
    user_errors: list[UserError] = refused("change")


@strawberry.type(description=_about("campaign", "created or changed"))
class CampaignPayload(Payload[Campaign]):
    """The campaign a mutation created or changed, or why it did not."""

    campaign: Campaign | None = changed("campaign")
    user_errors: list[UserError] = refused("change")


@strawberry.type(description=_about("campaign", "deleted"))
class DeleteCampaignPayload(Payload[strawberry.ID]):
    """The campaign a mutation deleted, or why it did not."""

    deleted_campaign_id: strawberry.ID | None = deleted("campaign")
    user_errors: list[UserError] = refused("deletion")


@strawberry.type(description=_about("segment", "created"))
class SegmentPayload(Payload[Segment]):
    """The segment a mutation created, or why it did not."""

    segment: Segment | None = changed("segment")
    user_errors: list[UserError] = refused("change")


@strawberry.type(description=_about("segment", "deleted"))
class DeleteSegmentPayload(Payload[strawberry.ID]):
    """The segment a mutation deleted, or why it did not."""

    deleted_segment_id: strawberry.ID | None = deleted("segment")
    user_errors: list[UserError] = refused("deletion")
