"""Campaign tag mutations (Oempro): create, rename and delete tags; tag and untag campaigns."""

from __future__ import annotations

import strawberry

from mailgql.data.oempro.tags import MAX_TAGGED
from mailgql.graph.campaign_tags import CampaignTag
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, UserError
from mailgql.graph.mutations._oempro import deleting, oempro, plain_id
from mailgql.graph.mutations._run import Change, Input
from mailgql.graph.mutations.payloads import Payload, changed, deleted, refused
from mailgql.platforms import Platform

__all__ = [
    "CampaignTagPayload",
    "CreateCampaignTagInput",
    "DeleteCampaignTagInput",
    "DeleteCampaignTagPayload",
    "RenameCampaignTagInput",
    "TagCampaignsInput",
    "TagCampaignsPayload",
    "TagMutation",
    "UntagCampaignsInput",
]

_P = Platform.OEMPRO
_TAG = "The tag: a CampaignTag global ID or the plain Oempro tag id."
_TAG_FIELD = ("input", "tagId")
_NAME = (
    "The tag's name: not blank, unique among the user's tags, without `,` `<` `>` or `\"` "
    "(Oempro refuses those: legacyCode 1 missing, 2 taken, 3 characters, 4 blanks only); at "
    "most 255 characters."
)
_PATHS: dict[str, tuple[str, ...]] = {
    "Tag": ("input", "name"),
    "TagID": _TAG_FIELD,
    "Tags": _TAG_FIELD,
    "CampaignIDs": ("input", "campaignIds"),
}


@strawberry.input(description="A new campaign tag (Oempro).")
class CreateCampaignTagInput:
    """A new campaign tag."""

    name: str = strawberry.field(description=_NAME)


@strawberry.input(description="A new name for a campaign tag (Oempro).")
class RenameCampaignTagInput:
    """Rename a campaign tag."""

    tag_id: strawberry.ID = strawberry.field(description=_TAG)
    name: str = strawberry.field(description=_NAME)


@strawberry.input(description="Delete a campaign tag (Oempro); its campaigns lose it.")
class DeleteCampaignTagInput:
    """Delete a campaign tag."""

    tag_id: strawberry.ID = strawberry.field(description=_TAG)


@strawberry.input(description="A tag and the campaigns to put it on (Oempro).")
class TagCampaignsInput:
    """A tag and campaigns."""

    tag_id: strawberry.ID = strawberry.field(description=_TAG)
    campaign_ids: list[strawberry.ID] = strawberry.field(
        description=f"The campaigns: Campaign global IDs or plain Oempro campaign ids; 1 to "
        f"{MAX_TAGGED}."
    )


@strawberry.input(description="A tag and the campaigns to take it off (Oempro).")
class UntagCampaignsInput(TagCampaignsInput):
    """A tag and campaigns to take it off."""


@strawberry.type(description="The campaign tag a mutation created or renamed, or why it did not.")
class CampaignTagPayload(Payload[CampaignTag]):
    """The campaign tag a mutation created or renamed, or why it did not."""

    tag: CampaignTag | None = changed("tag")
    user_errors: list[UserError] = refused("change")


@strawberry.type(description="The campaign tag a mutation deleted, or why it did not.")
class DeleteCampaignTagPayload(Payload[strawberry.ID]):
    """The campaign tag a mutation deleted, or why it did not."""

    deleted_tag_id: strawberry.ID | None = deleted("tag")
    user_errors: list[UserError] = refused("deletion")


@strawberry.type(description="The campaigns a mutation tagged or untagged, or why it did not.")
class TagCampaignsPayload(Payload[list[Campaign]]):
    """The campaigns a mutation tagged or untagged, or why it did not."""

    campaigns: list[Campaign] | None = strawberry.field(
        default=None,
        description="The campaigns named, as they are after the change (their `tags` show "
        "it); null if refused.",
    )
    user_errors: list[UserError] = refused("change")


def _tag_id(info: Info, value: str) -> int:
    return plain_id(info, value, expect="CampaignTag", field=_TAG_FIELD)


def _campaign_ids(info: Info, values: list[strawberry.ID]) -> list[int]:
    if not values or len(values) > MAX_TAGGED:
        raise BadUserInput(
            f"name 1 to {MAX_TAGGED} campaigns", field=("input", "campaignIds"), platform=_P
        )
    return [
        plain_id(info, value, expect="Campaign", field=("input", "campaignIds", str(index)))
        for index, value in enumerate(values)
    ]


def _tagging(info: Info, input: TagCampaignsInput, *, on: bool) -> Change[list[Campaign]]:
    """The change that puts the input's tag on its campaigns (``on``) or takes it off them."""

    async def change() -> list[Campaign]:
        tag_id = _tag_id(info, input.tag_id)
        ids = _campaign_ids(info, input.campaign_ids)
        return await oempro(info).tag_campaigns(info, tag_id, ids, on=on)

    return change


@strawberry.type
class TagMutation:
    """Mutations on campaign tags."""

    @strawberry.mutation(
        description="Create a campaign tag (Oempro: Tag.Create, then Tags.Get to read it back)."
    )
    async def create_campaign_tag(
        self, info: Info, input: Input[CreateCampaignTagInput]
    ) -> CampaignTagPayload:
        """Create a campaign tag."""

        async def change() -> CampaignTag:
            return await oempro(info).create_tag(info, input.name)

        return await CampaignTagPayload.run(change, input_paths=_PATHS)

    @strawberry.mutation(
        description="Rename a campaign tag (Oempro: Tags.Get to check it, Tag.Update, then "
        "Tags.Get to read it back)."
    )
    async def rename_campaign_tag(
        self, info: Info, input: Input[RenameCampaignTagInput]
    ) -> CampaignTagPayload:
        """Rename a campaign tag."""

        async def change() -> CampaignTag:
            tag_id = _tag_id(info, input.tag_id)
            return await oempro(info).rename_tag(info, tag_id, input.name)

        return await CampaignTagPayload.run(change, input_paths=_PATHS)

    @strawberry.mutation(
        description="Delete a campaign tag; the campaigns it labelled lose it (Oempro: Tags.Get "
        "to check it exists, then Tags.Delete). Cannot be undone."
    )
    async def delete_campaign_tag(
        self, info: Info, input: Input[DeleteCampaignTagInput]
    ) -> DeleteCampaignTagPayload:
        """Delete a campaign tag."""

        change = deleting(
            info,
            input.tag_id,
            lambda tag_id: oempro(info).delete_tag(info, tag_id),
            expect="CampaignTag",
            field=_TAG_FIELD,
        )
        return await DeleteCampaignTagPayload.run(change, input_paths=_PATHS)

    @strawberry.mutation(
        description="Put a tag on campaigns (Oempro: Tags.Get and the campaign listing to check "
        "them, Tag.AssignToCampaigns, then Campaign.Get of each). A campaign that has it "
        "already keeps it."
    )
    async def tag_campaigns(
        self, info: Info, input: Input[TagCampaignsInput]
    ) -> TagCampaignsPayload:
        """Put a tag on campaigns."""

        return await TagCampaignsPayload.run(_tagging(info, input, on=True), input_paths=_PATHS)

    @strawberry.mutation(
        description="Take a tag off campaigns (Oempro: Tags.Get and the campaign listing to "
        "check them, Tag.UnassignFromCampaigns, then Campaign.Get of each). A campaign without "
        "it is left as it is."
    )
    async def untag_campaigns(
        self, info: Info, input: Input[UntagCampaignsInput]
    ) -> TagCampaignsPayload:
        """Take a tag off campaigns."""

        return await TagCampaignsPayload.run(_tagging(info, input, on=False), input_paths=_PATHS)
