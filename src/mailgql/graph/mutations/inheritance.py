"""What a v2 sub-account inherits from the admin: lists, segments, newsletters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import strawberry

from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, PlatformNotConfigured
from mailgql.graph.ids import decode_id, legacy_int_id
from mailgql.graph.mutations._run import INPUT, account_payload
from mailgql.graph.mutations.payloads import AccountPayload
from mailgql.graph.sources import v2rest_writes
from mailgql.graph.validation import MAX_IDS, check_ids
from mailgql.platforms import Platform

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


def _v2_sub_account(info: Info, account_id: str) -> str:
    field = ("input", "accountId")
    target = decode_id(account_id, expect="Account", field=field)
    if target.platform is not Platform.V2REST:
        raise BadUserInput(
            f"only v2 REST sub-accounts inherit; this is a {target.platform.label} account",
            field=field,
        )
    if target.platform not in info.context.configured:
        raise PlatformNotConfigured(target.platform)
    return v2rest_writes.sub_account_name(info, target.key, field=field)


def _ids(values: Sequence[str], *, expect: str, field: str, what: str) -> list[int]:
    path = ("input", field)
    check_ids(values, field=path, what=what)
    ids = [legacy_int_id(v, expect=expect, platform=Platform.V2REST, field=path) for v in values]
    return list(dict.fromkeys(ids))


def _id(value: str, *, expect: str, field: str) -> int:
    return legacy_int_id(value, expect=expect, platform=Platform.V2REST, field=("input", field))


@strawberry.type
class InheritanceMutation:
    """Mutations on what v2 sub-accounts inherit."""

    @strawberry.mutation(description="Let a v2 sub-account inherit admin lists.")
    async def inherit_lists(
        self, info: Info, input: Annotated[InheritListsInput, INPUT]
    ) -> AccountPayload:
        """Let a sub-account inherit admin lists."""

        async def change() -> Account:
            name = _v2_sub_account(info, input.account_id)
            ids = _ids(input.list_ids, expect="MailingList", field="listIds", what="list")
            return await v2rest_writes.inherit_lists(info, name, ids)

        return await account_payload(change)

    @strawberry.mutation(description="Take an inherited list away from a v2 sub-account.")
    async def remove_inherited_list(
        self, info: Info, input: Annotated[RemoveInheritedListInput, INPUT]
    ) -> AccountPayload:
        """Take an inherited list away."""

        async def change() -> Account:
            name = _v2_sub_account(info, input.account_id)
            list_id = _id(input.list_id, expect="MailingList", field="listId")
            return await v2rest_writes.remove_inherited_list(info, name, list_id)

        return await account_payload(change)

    @strawberry.mutation(description="Let a v2 sub-account inherit admin segments.")
    async def inherit_segments(
        self, info: Info, input: Annotated[InheritSegmentsInput, INPUT]
    ) -> AccountPayload:
        """Let a sub-account inherit admin segments."""

        async def change() -> Account:
            name = _v2_sub_account(info, input.account_id)
            ids = _ids(input.segment_ids, expect="Segment", field="segmentIds", what="segment")
            return await v2rest_writes.inherit_segments(info, name, ids)

        return await account_payload(change)

    @strawberry.mutation(description="Take an inherited segment away from a v2 sub-account.")
    async def remove_inherited_segment(
        self, info: Info, input: Annotated[RemoveInheritedSegmentInput, INPUT]
    ) -> AccountPayload:
        """Take an inherited segment away."""

        async def change() -> Account:
            name = _v2_sub_account(info, input.account_id)
            segment_id = _id(input.segment_id, expect="Segment", field="segmentId")
            return await v2rest_writes.remove_inherited_segment(info, name, segment_id)

        return await account_payload(change)

    @strawberry.mutation(
        description="Let a v2 sub-account inherit an admin newsletter with its recipients."
    )
    async def inherit_newsletter(
        self, info: Info, input: Annotated[InheritNewsletterInput, INPUT]
    ) -> AccountPayload:
        """Let a sub-account inherit a newsletter."""

        async def change() -> Account:
            name = _v2_sub_account(info, input.account_id)
            newsletter_id = _id(input.newsletter_id, expect="Newsletter", field="newsletterId")
            lists, segments = input.recipient_list_ids, input.recipient_segment_ids
            if (lists is None) == (segments is None):
                raise BadUserInput(
                    "give exactly one of recipientListIds and recipientSegmentIds",
                    field=("input", "recipientListIds"),
                )
            if lists is not None:
                ids = _ids(lists, expect="MailingList", field="recipientListIds", what="list")
                return await v2rest_writes.inherit_newsletter(
                    info, name, newsletter_id, recipients_type="list", recipient_ids=ids
                )
            assert segments is not None
            ids = _ids(segments, expect="Segment", field="recipientSegmentIds", what="segment")
            return await v2rest_writes.inherit_newsletter(
                info, name, newsletter_id, recipients_type="segment", recipient_ids=ids
            )

        return await account_payload(change)

    @strawberry.mutation(description="Take an inherited newsletter away from a v2 sub-account.")
    async def remove_inherited_newsletter(
        self, info: Info, input: Annotated[RemoveInheritedNewsletterInput, INPUT]
    ) -> AccountPayload:
        """Take an inherited newsletter away."""

        async def change() -> Account:
            name = _v2_sub_account(info, input.account_id)
            newsletter_id = _id(input.newsletter_id, expect="Newsletter", field="newsletterId")
            return await v2rest_writes.remove_inherited_newsletter(info, name, newsletter_id)

        return await account_payload(change)
