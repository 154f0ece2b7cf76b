"""Campaign tag mutations (Oempro): create, rename and delete tags; tag and untag campaigns."""

from __future__ import annotations

import strawberry

from mailgql.data.oempro.tags import MAX_TAGGED
from mailgql.graph.campaign_tags import CampaignTag
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput
from mailgql.graph.mutations._oempro import Numbered, OemproTagInput, oempro, plain_id
from mailgql.graph.mutations._run import Change, Input, input_paths, input_type, mutation
from mailgql.graph.mutations.payloads import (
    CampaignTagPayload,
    DeleteCampaignTagPayload,
    TagCampaignsPayload,
)
from mailgql.platforms import Platform

__all__ = [
    "CreateCampaignTagInput",
    "DeleteCampaignTagInput",
    "RenameCampaignTagInput",
    "TagCampaignsInput",
    "TagMutation",
    "UntagCampaignsInput",
]

_P = Platform.OEMPRO
_NAME = (
    "The tag's name: not blank, unique among the user's tags, without `,` `<` `>` or `\"` "
    "(Oempro refuses those: legacyCode 1 missing, 2 taken, 3 characters, 4 blanks only); at "
    "most 255 characters."
)
_PATHS = input_paths(
    {
        "Tag": "name",
        "TagID": "tagId",
        "Tags": "tagId",
        "CampaignIDs": "campaignIds",
    }
)
_TAGS = Numbered("CampaignTag", _PATHS["TagID"])


@input_type
class CreateCampaignTagInput:
    """A new campaign tag (Oempro)."""

    name: str = strawberry.field(description=_NAME)


@input_type
class RenameCampaignTagInput(OemproTagInput):
    """A new name for a campaign tag (Oempro)."""

    name: str = strawberry.field(description=_NAME)


@input_type
class DeleteCampaignTagInput(OemproTagInput):
    """Delete a campaign tag (Oempro); its campaigns lose it."""


@input_type
class TagCampaignsInput(OemproTagInput):
    """A tag and the campaigns to put it on (Oempro)."""

    campaign_ids: list[strawberry.ID] = strawberry.field(
        description=f"The campaigns: Campaign global IDs or plain Oempro campaign ids; 1 to "
        f"{MAX_TAGGED}."
    )


@input_type
class UntagCampaignsInput(TagCampaignsInput):
    """A tag and the campaigns to take it off (Oempro)."""


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
        tag_id = _TAGS.number(info, input.tag_id)
        ids = _campaign_ids(info, input.campaign_ids)
        return await oempro(info).tag_campaigns(info, tag_id, ids, on=on)

    return change


@strawberry.type
class TagMutation:
    """Mutations on campaign tags."""

    @mutation
    async def create_campaign_tag(
        self, info: Info, input: Input[CreateCampaignTagInput]
    ) -> CampaignTagPayload:
        """Create a campaign tag (Oempro: Tag.Create, then Tags.Get to read it back)."""

        async def change() -> CampaignTag:
            return await oempro(info).create_tag(info, input.name)

        return await CampaignTagPayload.run(change, input_paths=_PATHS)

    @mutation
    async def rename_campaign_tag(
        self, info: Info, input: Input[RenameCampaignTagInput]
    ) -> CampaignTagPayload:
        """Rename a campaign tag (Oempro: Tags.Get to check it, Tag.Update, then Tags.Get to
        read it back)."""

        async def change() -> CampaignTag:
            tag_id = _TAGS.number(info, input.tag_id)
            return await oempro(info).rename_tag(info, tag_id, input.name)

        return await CampaignTagPayload.run(change, input_paths=_PATHS)

    @mutation
    async def delete_campaign_tag(
        self, info: Info, input: Input[DeleteCampaignTagInput]
    ) -> DeleteCampaignTagPayload:
        """Delete a campaign tag; the campaigns it labelled lose it (Oempro: Tags.Get to check
        it exists, then Tags.Delete). Cannot be undone."""

        change = _TAGS.deleting(
            info, input.tag_id, lambda tag_id: oempro(info).delete_tag(info, tag_id)
        )
        return await DeleteCampaignTagPayload.run(change, input_paths=_PATHS)

    @mutation
    async def tag_campaigns(
        self, info: Info, input: Input[TagCampaignsInput]
    ) -> TagCampaignsPayload:
        """Put a tag on campaigns (Oempro: Tags.Get and the campaign listing to check them,
        Tag.AssignToCampaigns, then Campaign.Get of each). A campaign that has it already keeps
        it."""

        return await TagCampaignsPayload.run(_tagging(info, input, on=True), input_paths=_PATHS)

    @mutation
    async def untag_campaigns(
        self, info: Info, input: Input[UntagCampaignsInput]
    ) -> TagCampaignsPayload:
        """Take a tag off campaigns (Oempro: Tags.Get and the campaign listing to check them,
        Tag.UnassignFromCampaigns, then Campaign.Get of each). A campaign without it is left as
        it is."""

        return await TagCampaignsPayload.run(_tagging(info, input, on=False), input_paths=_PATHS)
