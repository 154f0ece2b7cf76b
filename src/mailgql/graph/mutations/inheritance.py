"""What a v2 sub-account inherits from the admin: lists, segments, newsletters."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import strawberry

from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput
from mailgql.graph.ids import legacy_int_id
from mailgql.graph.mutations._run import Input, input_type, mutation, optional
from mailgql.graph.mutations.accounts import on_account
from mailgql.graph.mutations.payloads import AccountPayload
from mailgql.graph.platforms import PlatformGraph
from mailgql.graph.platforms.base import Recipients
from mailgql.graph.validation import MAX_IDS, check_ids

__all__ = [
    "InheritListsInput",
    "InheritNewsletterInput",
    "InheritSegmentsInput",
    "InheritanceMutation",
    "RemoveInheritedListInput",
    "RemoveInheritedNewsletterInput",
    "RemoveInheritedSegmentInput",
]

V = TypeVar("V")

_ACCOUNT = "The sub-account's global ID (v2 REST)."
_ID_NOTE = "a MailingList global ID or the plain legacy list id"
_NEWSLETTER = "The newsletter: a Newsletter global ID or the plain legacy id."


@strawberry.input
class _OnSubAccount:
    """What every inheritance input starts with: the sub-account."""

    account_id: strawberry.ID = strawberry.field(description=_ACCOUNT)


@input_type
class InheritListsInput(_OnSubAccount):
    """Let a sub-account inherit admin lists."""

    list_ids: list[strawberry.ID] = strawberry.field(
        description=f"Lists to inherit: each {_ID_NOTE}; 1 to {MAX_IDS}."
    )


@input_type
class RemoveInheritedListInput(_OnSubAccount):
    """Take an inherited list away from a sub-account."""

    list_id: strawberry.ID = strawberry.field(description=f"The list: {_ID_NOTE}.")


@input_type
class InheritSegmentsInput(_OnSubAccount):
    """Let a sub-account inherit admin segments."""

    segment_ids: list[strawberry.ID] = strawberry.field(
        description=f"Segments: each a Segment global ID or plain legacy id; 1 to {MAX_IDS}."
    )


@input_type
class RemoveInheritedSegmentInput(_OnSubAccount):
    """Take an inherited segment away from a sub-account."""

    segment_id: strawberry.ID = strawberry.field(
        description="The segment: a Segment global ID or the plain legacy id."
    )


@input_type
class InheritNewsletterInput(_OnSubAccount):
    """Let a sub-account inherit an admin newsletter, addressed to lists or to segments (exactly
    one of the two)."""

    newsletter_id: strawberry.ID = strawberry.field(
        description=f"{_NEWSLETTER} Newsletters with dynamic content or relation fields cannot "
        "be inherited."
    )
    recipient_list_ids: list[strawberry.ID] | None = optional(
        f"Send to these lists (1 to {MAX_IDS}); or give segments."
    )
    recipient_segment_ids: list[strawberry.ID] | None = optional(
        f"Send to these segments (1 to {MAX_IDS}); or give lists."
    )


@input_type
class RemoveInheritedNewsletterInput(_OnSubAccount):
    """Take an inherited newsletter away from a sub-account."""

    newsletter_id: strawberry.ID = strawberry.field(description=_NEWSLETTER)


@dataclass(frozen=True, slots=True)
class _Inherited:
    """One kind of thing a sub-account inherits, as the inputs name it."""

    expect: str
    """The global ID type of the kind."""
    what: str
    """The kind in a refusal's words."""

    def ids(self, values: Sequence[str], on: PlatformGraph, *, field: str) -> list[int]:
        """The legacy ids of objects of the inheriting platform, each once."""
        path = ("input", field)
        check_ids(values, field=path, what=self.what)
        return list(dict.fromkeys(self.id(v, on, field=field) for v in values))

    def id(self, value: str, on: PlatformGraph, *, field: str) -> int:
        """The legacy id of one object of the inheriting platform."""
        return legacy_int_id(
            value, expect=self.expect, platform=on.platform, field=("input", field)
        )

    def each(self, values: Sequence[str], field: str) -> Callable[[PlatformGraph], list[int]]:
        """:meth:`ids` of ``values`` (the input field ``field``), once the platform is known."""
        return lambda on: self.ids(values, on, field=field)

    def one(self, value: str, field: str) -> Callable[[PlatformGraph], int]:
        """:meth:`id` of ``value`` (the input field ``field``), once the platform is known."""
        return lambda on: self.id(value, on, field=field)


_LISTS = _Inherited("MailingList", "list")
_SEGMENTS = _Inherited("Segment", "segment")
_NEWSLETTERS = _Inherited("Newsletter", "newsletter")


def _inheritance(
    info: Info, account_id: str, write: Callable[[PlatformGraph, str], Awaitable[Account]]
) -> Awaitable[AccountPayload]:
    """The payload of a change to what a sub-account inherits: ``write`` gets the account's
    platform and the name the account inherits under."""

    return AccountPayload.run(
        on_account(info, account_id, lambda on, key: write(on, on.inheriting_account(info, key)))
    )


def _inheriting(
    info: Info,
    account_id: str,
    method: Callable[[PlatformGraph], Callable[[Info, str, V], Awaitable[Account]]],
    value: Callable[[PlatformGraph], V],
) -> Awaitable[AccountPayload]:
    """:func:`_inheritance` of one write: the account platform's ``method`` (the one of
    :class:`PlatformGraph` for that change), given ``value`` as that platform reads it."""
    return _inheritance(info, account_id, lambda on, name: method(on)(info, name, value(on)))


def _recipients(input: InheritNewsletterInput, on: PlatformGraph) -> Recipients:
    """How an inherited newsletter is addressed: exactly one of lists and segments."""
    lists, segments = input.recipient_list_ids, input.recipient_segment_ids
    if (lists is None) == (segments is None):
        raise BadUserInput(
            "give exactly one of recipientListIds and recipientSegmentIds",
            field=("input", "recipientListIds"),
        )
    if lists is not None:
        return Recipients("list", _LISTS.ids(lists, on, field="recipientListIds"))
    assert segments is not None
    return Recipients("segment", _SEGMENTS.ids(segments, on, field="recipientSegmentIds"))


@strawberry.type
class InheritanceMutation:
    """Mutations on what v2 sub-accounts inherit."""

    @mutation
    async def inherit_lists(self, info: Info, input: Input[InheritListsInput]) -> AccountPayload:
        """Let a v2 sub-account inherit admin lists."""
        ids = _LISTS.each(input.list_ids, "listIds")
        return await _inheriting(info, input.account_id, lambda on: on.inherit_lists, ids)

    @mutation
    async def remove_inherited_list(
        self, info: Info, input: Input[RemoveInheritedListInput]
    ) -> AccountPayload:
        """Take an inherited list away from a v2 sub-account."""
        id_ = _LISTS.one(input.list_id, "listId")
        return await _inheriting(info, input.account_id, lambda on: on.remove_inherited_list, id_)

    @mutation
    async def inherit_segments(
        self, info: Info, input: Input[InheritSegmentsInput]
    ) -> AccountPayload:
        """Let a v2 sub-account inherit admin segments."""
        ids = _SEGMENTS.each(input.segment_ids, "segmentIds")
        return await _inheriting(info, input.account_id, lambda on: on.inherit_segments, ids)

    @mutation
    async def remove_inherited_segment(
        self, info: Info, input: Input[RemoveInheritedSegmentInput]
    ) -> AccountPayload:
        """Take an inherited segment away from a v2 sub-account."""
        id_ = _SEGMENTS.one(input.segment_id, "segmentId")
        return await _inheriting(
            info, input.account_id, lambda on: on.remove_inherited_segment, id_
        )

    @mutation
    async def inherit_newsletter(
        self, info: Info, input: Input[InheritNewsletterInput]
    ) -> AccountPayload:
        """Let a v2 sub-account inherit an admin newsletter with its recipients."""

        async def write(on: PlatformGraph, name: str) -> Account:
            newsletter_id = _NEWSLETTERS.id(input.newsletter_id, on, field="newsletterId")
            return await on.inherit_newsletter(info, name, newsletter_id, _recipients(input, on))

        return await _inheritance(info, input.account_id, write)

    @mutation
    async def remove_inherited_newsletter(
        self, info: Info, input: Input[RemoveInheritedNewsletterInput]
    ) -> AccountPayload:
        """Take an inherited newsletter away from a v2 sub-account."""
        id_ = _NEWSLETTERS.one(input.newsletter_id, "newsletterId")
        return await _inheriting(
            info, input.account_id, lambda on: on.remove_inherited_newsletter, id_
        )
