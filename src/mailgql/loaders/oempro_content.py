"""Per-request loaders of Oempro's content side: tags, and the tags of a campaign read alone.

- a scope's tags: one ``Tags.Get`` (unpaged on 4.x), read whole;
- a campaign's tags: the rows of ``Campaigns.Get`` carry them (``RetrieveTags``), so a campaign
  from a listing needs no call for them at all. A campaign read by id (``Campaign.Get``, which
  on 4.x cannot return tags) finds its tags in the scope's campaign listing, read through the
  same block loader as every listing of the request: the tags of any number of campaigns cost
  one ``Campaigns.Get`` per 1000 campaigns of the scope, and nothing when a listing of the
  request already read that block;
- a tag's public archive address: one ``Campaigns.Archive.GetURL`` per tag;
- an email's spam score: one ``Email.SpamTest`` per email; merge tags: one
  ``Email.PersonalizationTags`` per set of scopes and lists;
- templates: a scope's, one ``Email.Templates.Get`` (unpaged); one by id, ``Email.Template.Get``;
- the media library: one ``Media.Browse`` per scope; one file, ``Media.Retrieve``;
- an email's attachments: one ``Email.Get`` per email (``Emails.Get`` rows carry none).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from mailgql.loaders._base import GatewayLoader, LoaderGroup, PerKeyLoader
from mailgql.loaders.oempro import CampaignBlockLoader
from mailgql.loaders.oempro_keys import (
    BLOCK,
    CampaignBlock,
    Scope,
    ScopedId,
    by_id,
    in_scope,
    one_by_id,
    whole_listing,
)
from mailgql.upstreams.errors import UpstreamError
from mailgql.upstreams.oempro import Email, OemproClient
from mailgql.upstreams.oempro.content_records import (
    EmailTemplate,
    MediaFile,
    MediaLibrary,
    PersonalizationTag,
    SpamTest,
    Tag,
)

__all__ = [
    "CampaignTagsLoader",
    "ContentLoaders",
    "EmailDetailsLoader",
    "MediaByIdLoader",
    "MediaLibraryLoader",
    "MergeTagsKey",
    "PersonalizationTagsLoader",
    "SpamTestByEmailLoader",
    "TagArchiveUrlLoader",
    "TagsByScopeLoader",
    "TemplateByIdLoader",
    "TemplatesByScopeLoader",
]


class TagsByScopeLoader(PerKeyLoader[Scope, tuple[Tag, ...]]):
    """Every tag of the login or of a user: one ``Tags.Get`` per scope (unpaged)."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(whole_listing(client.get_tags))


class TagArchiveUrlLoader(PerKeyLoader[ScopedId, str | None]):
    """A tag's public archive address: one ``Campaigns.Archive.GetURL`` per tag; None when the
    scope has no such tag."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(one_by_id(client.get_archive_url))


class CampaignTagsLoader(GatewayLoader[ScopedId, tuple[Tag, ...] | None]):
    """The tags of campaigns by id, from their scope's campaign listing (all statuses), read
    block by block until every id asked is found; None for a campaign the listing lacks."""

    def __init__(self, blocks: CampaignBlockLoader) -> None:
        super().__init__()
        self._blocks = blocks

    async def load_batch(
        self, keys: Sequence[ScopedId]
    ) -> Sequence[tuple[Tag, ...] | None | Exception]:
        """Group the ids by scope; read each scope's blocks once."""
        answers: dict[ScopedId, tuple[Tag, ...] | None | Exception] = {}
        scopes: dict[int | None, set[int]] = {}
        for key in keys:
            scopes.setdefault(key.as_user, set()).add(key.id)
        for as_user, wanted in scopes.items():
            try:
                found = await self._scope_tags(as_user, wanted)
            except UpstreamError as exc:
                found = dict.fromkeys(wanted, exc)
            for campaign_id in wanted:
                answers[ScopedId(campaign_id, as_user)] = found.get(campaign_id)
        return [answers[key] for key in keys]

    async def _scope_tags(
        self, as_user: int | None, wanted: set[int]
    ) -> dict[int, tuple[Tag, ...] | None | Exception]:
        found: dict[int, tuple[Tag, ...] | None | Exception] = {}
        number = 0
        while True:
            page = await self._blocks.get(CampaignBlock(None, as_user, number))
            for campaign in page.items:
                if campaign.campaign_id in wanted:
                    found[campaign.campaign_id] = campaign.tags or ()
            number += 1
            ended = len(page.items) < BLOCK or (
                page.total is not None and number * BLOCK >= page.total
            )
            if ended or wanted <= set(found):
                return found


class MergeTagsKey(NamedTuple):
    """Which merge tags: the scopes (sorted) and lists (sorted), read in one scope."""

    scopes: tuple[str, ...]
    list_ids: tuple[int, ...]
    as_user: int | None = None


class SpamTestByEmailLoader(PerKeyLoader[ScopedId, SpamTest]):
    """An email's spam score: one ``Email.SpamTest`` each."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(by_id(client.spam_test))


class PersonalizationTagsLoader(PerKeyLoader[MergeTagsKey, tuple[PersonalizationTag, ...]]):
    """Merge tags: one ``Email.PersonalizationTags`` per set of scopes and lists."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: MergeTagsKey) -> tuple[PersonalizationTag, ...]:
            return await client.personalization_tags(key.scopes, key.list_ids, as_user=key.as_user)

        super().__init__(fetch)


class TemplatesByScopeLoader(PerKeyLoader[Scope, tuple[EmailTemplate, ...]]):
    """The templates a scope sees (its own and the global ones): one ``Email.Templates.Get``."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(whole_listing(client.get_templates))


class TemplateByIdLoader(PerKeyLoader[ScopedId, EmailTemplate | None]):
    """One template: ``Email.Template.Get`` each; None when the scope does not see it."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(one_by_id(client.get_template))


class MediaLibraryLoader(PerKeyLoader[Scope, MediaLibrary]):
    """A scope's media library: one ``Media.Browse`` each."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(in_scope(client.browse_media))


class MediaByIdLoader(PerKeyLoader[ScopedId, MediaFile | None]):
    """One media file: ``Media.Retrieve`` each; None when the scope has none such."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(one_by_id(client.retrieve_media))


class EmailDetailsLoader(PerKeyLoader[ScopedId, Email | None]):
    """One email with its attachments: ``Email.Get`` each (never the listing, whose rows lack
    them); None for an unknown id."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(one_by_id(client.get_email))


@dataclass(frozen=True, slots=True)
class ContentLoaders(LoaderGroup):
    """The content loaders of one request, built beside the facade's other loaders."""

    tags: TagsByScopeLoader
    campaign_tags: CampaignTagsLoader
    tag_archive_urls: TagArchiveUrlLoader
    spam_tests: SpamTestByEmailLoader
    merge_tags: PersonalizationTagsLoader
    templates: TemplatesByScopeLoader
    template_by_id: TemplateByIdLoader
    media: MediaLibraryLoader
    media_by_id: MediaByIdLoader
    email_details: EmailDetailsLoader

    @classmethod
    def build(cls, client: OemproClient, blocks: CampaignBlockLoader) -> ContentLoaders:
        """Fresh loaders over ``client``; campaign tags read through ``blocks``."""
        return cls(
            tags=TagsByScopeLoader(client),
            campaign_tags=CampaignTagsLoader(blocks),
            tag_archive_urls=TagArchiveUrlLoader(client),
            spam_tests=SpamTestByEmailLoader(client),
            merge_tags=PersonalizationTagsLoader(client),
            templates=TemplatesByScopeLoader(client),
            template_by_id=TemplateByIdLoader(client),
            media=MediaLibraryLoader(client),
            media_by_id=MediaByIdLoader(client),
            email_details=EmailDetailsLoader(client),
        )
