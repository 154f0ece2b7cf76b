"""What a v2 sub-account inherits from the admin: lists, segments, newsletters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import strawberry

from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_graph
from mailgql.graph.errors import BadUserInput
from mailgql.graph.ids import decode_id, legacy_int_id
from mailgql.graph.mutations._run import INPUT, account_payload
from mailgql.graph.mutations.payloads import AccountPayload
from mailgql.graph.platforms import PlatformGraph
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

_ACCOUNT = "The sub-account's global ID (v2 REST)."
_ID_NOTE = "a MailingList global ID or the plain legacy list id"


@strawberry.input(description="Let a sub-account inherit admin lists.")
class InheritListsInput:
    """Let a sub-account inherit admin lists."""

    account_id: strawberry.ID = strawberry.field(description=_ACCOUNT)
    list_ids: list[strawberry.ID] = strawberry.field(
        description=f"Lists to inherit: each {_ID_NOTE}; 1 to {MAX_IDS}."
    )


@strawberry.input(description="Take an inherited list away from a sub-account.")
class RemoveInheritedListInput:
    """Take an inherited list away from a sub-account."""

    account_id: strawberry.ID = strawberry.field(description=_ACCOUNT)
    list_id: strawberry.ID = strawberry.field(description=f"The list: {_ID_NOTE}.")


@strawberry.input(description="Let a sub-account inherit admin segments.")
class InheritSegmentsInput:
    """Let a sub-account inherit admin segments."""

    account_id: strawberry.ID = strawberry.field(description=_ACCOUNT)
    segment_ids: list[strawberry.ID] = strawberry.field(
        description=f"Segments: each a Segment global ID or plain legacy id; 1 to {MAX_IDS}."
    )


@strawberry.input(description="Take an inherited segment away from a sub-account.")
class RemoveInheritedSegmentInput:
    """Take an inherited segment away from a sub-account."""

    account_id: strawberry.ID = strawberry.field(description=_ACCOUNT)
    segment_id: strawberry.ID = strawberry.field(
        description="The segment: a Segment global ID or the plain legacy id."
    )


@strawberry.input(
    description="Let a sub-account inherit an admin newsletter, addressed to lists or to "
    "segments (exactly one of the two)."
)
class InheritNewsletterInput:
    """Let a sub-account inherit an admin newsletter with its recipients."""

    account_id: strawberry.ID = strawberry.field(description=_ACCOUNT)
    newsletter_id: strawberry.ID = strawberry.field(
        description="The newsletter: a Newsletter global ID or the plain legacy id. Newsletters "
        "with dynamic content or relation fields cannot be inherited."
    )
    recipient_list_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description=f"Send to these lists (1 to {MAX_IDS}); or give segments."
    )
    recipient_segment_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description=f"Send to these segments (1 to {MAX_IDS}); or give lists."
    )


@strawberry.input(description="Take an inherited newsletter away from a sub-account.")
class RemoveInheritedNewsletterInput:
    """Take an inherited newsletter away from a sub-account."""

    account_id: strawberry.ID = strawberry.field(description=_ACCOUNT)
    newsletter_id: strawberry.ID = strawberry.field(
        description="The newsletter: a Newsletter global ID or the plain legacy id."
    )


def _sub_account(info: Info, account_id: str) -> tuple[PlatformGraph, str]:
    """The platform of the account an input names, and the name it inherits under."""
    target = decode_id(account_id, expect="Account", field=("input", "accountId"))
    platform = platform_graph(info, target.platform)
    return platform, platform.inheriting_account(info, target.key)


def _ids(
    values: Sequence[str], platform: PlatformGraph, *, expect: str, field: str, what: str
) -> list[int]:
    """The legacy ids of objects of the inheriting platform, each once."""
    path = ("input", field)
    check_ids(values, field=path, what=what)
    on = platform.platform
    return list(
        dict.fromkeys(legacy_int_id(v, expect=expect, platform=on, field=path) for v in values)
    )


def _id(value: str, platform: PlatformGraph, *, expect: str, field: str) -> int:
    """The legacy id of one object of the inheriting platform."""
    return legacy_int_id(value, expect=expect, platform=platform.platform, field=("input", field))


@strawberry.type
class InheritanceMutation:
    """Mutations on what v2 sub-accounts inherit."""

    @strawberry.mutation(description="Let a v2 sub-account inherit admin lists.")
    async def inherit_lists(
        self, info: Info, input: Annotated[InheritListsInput, INPUT]
    ) -> AccountPayload:
        """Let a sub-account inherit admin lists."""

        async def change() -> Account:
            platform, name = _sub_account(info, input.account_id)
            ids = _ids(input.list_ids, platform, expect="MailingList", field="listIds", what="list")
            return await platform.inherit_lists(info, name, ids)

        return await account_payload(change)

    @strawberry.mutation(description="Take an inherited list away from a v2 sub-account.")
    async def remove_inherited_list(
        self, info: Info, input: Annotated[RemoveInheritedListInput, INPUT]
    ) -> AccountPayload:
        """Take an inherited list away."""

        async def change() -> Account:
            platform, name = _sub_account(info, input.account_id)
            list_id = _id(input.list_id, platform, expect="MailingList", field="listId")
            return await platform.remove_inherited_list(info, name, list_id)

        return await account_payload(change)

    @strawberry.mutation(description="Let a v2 sub-account inherit admin segments.")
    async def inherit_segments(
        self, info: Info, input: Annotated[InheritSegmentsInput, INPUT]
    ) -> AccountPayload:
        """Let a sub-account inherit admin segments."""

        async def change() -> Account:
            platform, name = _sub_account(info, input.account_id)
            ids = _ids(
                input.segment_ids, platform, expect="Segment", field="segmentIds", what="segment"
            )
            return await platform.inherit_segments(info, name, ids)

        return await account_payload(change)

    @strawberry.mutation(description="Take an inherited segment away from a v2 sub-account.")
    async def remove_inherited_segment(
        self, info: Info, input: Annotated[RemoveInheritedSegmentInput, INPUT]
    ) -> AccountPayload:
        """Take an inherited segment away."""

        async def change() -> Account:
            platform, name = _sub_account(info, input.account_id)
            segment_id = _id(input.segment_id, platform, expect="Segment", field="segmentId")
            return await platform.remove_inherited_segment(info, name, segment_id)

        return await account_payload(change)

    @strawberry.mutation(
        description="Let a v2 sub-account inherit an admin newsletter with its recipients."
    )
    async def inherit_newsletter(
        self, info: Info, input: Annotated[InheritNewsletterInput, INPUT]
    ) -> AccountPayload:
        """Let a sub-account inherit a newsletter."""

        async def change() -> Account:
            platform, name = _sub_account(info, input.account_id)
            newsletter_id = _id(
                input.newsletter_id, platform, expect="Newsletter", field="newsletterId"
            )
            lists, segments = input.recipient_list_ids, input.recipient_segment_ids
            if (lists is None) == (segments is None):
                raise BadUserInput(
                    "give exactly one of recipientListIds and recipientSegmentIds",
                    field=("input", "recipientListIds"),
                )
            if lists is not None:
                ids = _ids(
                    lists, platform, expect="MailingList", field="recipientListIds", what="list"
                )
                return await platform.inherit_newsletter(
                    info, name, newsletter_id, recipients_type="list", recipient_ids=ids
                )
            assert segments is not None
            ids = _ids(
                segments, platform, expect="Segment", field="recipientSegmentIds", what="segment"
            )
            return await platform.inherit_newsletter(
                info, name, newsletter_id, recipients_type="segment", recipient_ids=ids
            )

        return await account_payload(change)

    @strawberry.mutation(description="Take an inherited newsletter away from a v2 sub-account.")
    async def remove_inherited_newsletter(
        self, info: Info, input: Annotated[RemoveInheritedNewsletterInput, INPUT]
    ) -> AccountPayload:
        """Take an inherited newsletter away."""

        async def change() -> Account:
            platform, name = _sub_account(info, input.account_id)
            newsletter_id = _id(
                input.newsletter_id, platform, expect="Newsletter", field="newsletterId"
            )
            return await platform.remove_inherited_newsletter(info, name, newsletter_id)

        return await account_payload(change)
