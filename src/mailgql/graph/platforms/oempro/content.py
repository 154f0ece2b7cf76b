"""Oempro's content side in the graph: campaign tags and email records, read in the session
that owns them, and their writes (each followed by what it changed, read back)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import strawberry

from mailgql.data.oempro import OemproData
from mailgql.data.oempro.campaign_update import CampaignChanges
from mailgql.data.oempro.emails import EmailFields, ValidateScope
from mailgql.data.oempro.templates import TemplateValues
from mailgql.graph.accounts import Account
from mailgql.graph.campaign_tags import CampaignTag, TagGraph
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Info
from mailgql.graph.emails import (
    Email,
    EmailGraph,
    EmailTemplate,
    PersonalizationScope,
    PersonalizationTag,
    SpamTest,
)
from mailgql.graph.errors import BadUserInput, NotFound
from mailgql.graph.ids import legacy_int_id
from mailgql.graph.media import Attachment, MediaFile, MediaGraph
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.platforms.oempro.content_mapping import (
    attachment_key,
    to_attachment,
    to_email,
    to_media,
    to_spam_test,
    to_tag,
    to_template,
)
from mailgql.graph.platforms.oempro.mapping import campaign_from_record, read_of
from mailgql.graph.platforms.oempro.owned import OwnedListing, owner_scope
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import Campaign as CampaignRecord, Email as EmailRecord
from mailgql.upstreams.oempro.content_records import MediaFile as MediaRecord, Tag

__all__ = ["MAX_MERGE_LISTS", "OemproContent", "attachment_key"]

_P = Platform.OEMPRO
R = TypeVar("R")
T = TypeVar("T")

MAX_MERGE_LISTS = 100
"""Lists one ``personalizationTags`` may name."""

_SCOPES = {
    PersonalizationScope.SUBSCRIBER: "Subscriber",
    PersonalizationScope.CAMPAIGN_LINKS: "CampaignLinks",
    PersonalizationScope.OPT_LINKS: "OptLinks",
    PersonalizationScope.LIST_LINKS: "ListLinks",
    PersonalizationScope.ALL_LINKS: "AllLinks",
    PersonalizationScope.USER: "User",
}


def _data(info: Info) -> OemproData:
    return info.context.oempro()


def _shown(found: R | None, what: str, number: int) -> R:
    """A record read back after a write; NOT_FOUND when this login no longer sees it."""
    if found is None:
        raise NotFound(f"Oempro shows no {what} {number} to this login", platform=_P)
    return found


async def _media_files(data: OemproData, as_user: int | None) -> Sequence[MediaRecord]:
    return (await data.media_library(as_user=as_user)).files


_TAGS = OwnedListing("tags", lambda data, as_user: data.tags(as_user=as_user), to_tag)
_EMAILS = OwnedListing("emails", lambda data, as_user: data.all_emails(as_user=as_user), to_email)
_MEDIA = OwnedListing("media", _media_files, to_media)
_TEMPLATES = OwnedListing(
    "templates", lambda data, as_user: data.templates(as_user=as_user), to_template
)


class OemproContent(TagGraph, EmailGraph, MediaGraph):
    """Oempro's campaign tags and email records: on accounts, on campaigns, and their writes."""

    # -- tags -------------------------------------------------------------------------------------

    async def account_tags(
        self, info: Info, account: Account, window: Window
    ) -> Connection[CampaignTag]:
        """A user's tags (one unpaged ``Tags.Get`` in its session), windowed here."""
        return await _TAGS.window(info, account, window)

    async def campaign_tags(self, info: Info, campaign: Campaign) -> list[CampaignTag]:
        """The tags its row carries, or those the scope's listing shows for it."""
        read = read_of(campaign._record, CampaignRecord)
        tags = await _data(info).campaign_tags(read.record, as_user=read.as_user)
        return [to_tag(t, read.as_user) for t in tags]

    async def tag_archive_url(self, info: Info, tag: CampaignTag) -> str | None:
        """``Campaigns.Archive.GetURL`` of the tag, in the session it was read in."""
        read = read_of(tag._record, Tag)
        return await _data(info).tag_archive_url(read.record.tag_id, as_user=read.as_user)

    async def create_tag(self, info: Info, name: str) -> CampaignTag:
        """``Tag.Create``, then the tag from the listing."""
        return await self._fresh_tag(info, await _data(info).create_tag(name))

    async def rename_tag(self, info: Info, tag_id: int, name: str) -> CampaignTag:
        """``Tag.Update``, then the tag read back."""
        await _data(info).rename_tag(tag_id, name)
        return await self._fresh_tag(info, tag_id)

    async def delete_tag(self, info: Info, tag_id: int) -> None:
        """``Tags.Delete`` of a tag the login has."""
        await _data(info).delete_tag(tag_id)

    async def tag_campaigns(
        self, info: Info, tag_id: int, campaign_ids: Sequence[int], *, on: bool
    ) -> list[Campaign]:
        """Put a tag on campaigns (``on``) or take it off; the campaigns read back."""
        data = _data(info)
        await data.tag_campaigns(tag_id, campaign_ids, on=on)
        found = []
        for campaign_id in dict.fromkeys(campaign_ids):
            record = await data.campaign(campaign_id)
            if record is not None:
                found.append(campaign_from_record(record))
        return found

    async def _fresh_tag(self, info: Info, tag_id: int) -> CampaignTag:
        return to_tag(_shown(await _data(info).tag(tag_id), "tag", tag_id))

    # -- emails -----------------------------------------------------------------------------------

    async def account_emails(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Email]:
        """A user's emails (one unpaged ``Emails.Get`` in its session), windowed here."""
        return await _EMAILS.window(info, account, window)

    async def campaign_email(self, info: Info, campaign: Campaign) -> Email | None:
        """The email ``RelEmailID`` names, batched with every campaign's of the request."""
        read = read_of(campaign._record, CampaignRecord)
        email = await _data(info).email(read.record.email_id, as_user=read.as_user)
        return to_email(email, read.as_user) if email is not None else None

    async def email_spam_test(self, info: Info, email: Email) -> SpamTest:
        """``Email.SpamTest`` in the session the email was read in."""
        read = read_of(email._record, EmailRecord)
        found = await _data(info).spam_test(read.record.email_id, as_user=read.as_user)
        return to_spam_test(found)

    async def account_personalization_tags(
        self,
        info: Info,
        account: Account,
        scopes: list[PersonalizationScope],
        list_ids: list[strawberry.ID],
    ) -> list[PersonalizationTag]:
        """``Email.PersonalizationTags`` in the user's session (none for other accounts)."""
        if not scopes:
            raise BadUserInput("give at least one scope", field=("scopes",), platform=_P)
        if len(list_ids) > MAX_MERGE_LISTS:
            raise BadUserInput(
                f"give at most {MAX_MERGE_LISTS} lists", field=("listIds",), platform=_P
            )
        numbers = [
            legacy_int_id(v, expect="MailingList", platform=_P, field=("listIds", str(i)))
            for i, v in enumerate(list_ids)
        ]
        scope = await owner_scope(info, account, "merge tags")
        if scope is None:
            return []
        tags = await _data(info).personalization_tags(
            [_SCOPES[s] for s in scopes], numbers, as_user=scope.as_user
        )
        return [PersonalizationTag(tag=t.tag, label=t.label) for t in tags]

    async def create_email(self, info: Info, scope: ValidateScope, values: EmailFields) -> Email:
        """``Email.Create`` and ``Email.Update`` (undone when the update fails), then the email."""
        return await self._fresh_email(info, await _data(info).create_email(scope, values))

    async def update_email(
        self, info: Info, email_id: int, scope: ValidateScope, values: EmailFields
    ) -> Email:
        """``Email.Update``, then the email read back."""
        await _data(info).update_email(email_id, scope, values)
        return await self._fresh_email(info, email_id)

    async def delete_email(self, info: Info, email_id: int) -> None:
        """``Email.Delete`` of an email the login has."""
        await _data(info).delete_email(email_id)

    async def duplicate_email(self, info: Info, email_id: int) -> Email:
        """``Email.Duplicate``, then the copy."""
        return await self._fresh_email(info, await _data(info).duplicate_email(email_id))

    async def send_test_email(
        self,
        info: Info,
        email_id: int,
        address: str,
        *,
        list_id: int | None,
        campaign_id: int | None,
        add_header_footer: bool | None,
    ) -> Email:
        """``Email.EmailPreview``, then the email that was sent."""
        await _data(info).send_test_email(
            email_id,
            address,
            list_id=list_id,
            campaign_id=campaign_id,
            add_header_footer=add_header_footer,
        )
        return await self._fresh_email(info, email_id)

    # -- media and attachments --------------------------------------------------------------------

    async def account_media(
        self, info: Info, account: Account, window: Window
    ) -> Connection[MediaFile]:
        """A user's library (one ``Media.Browse`` in its session), windowed here."""
        return await _MEDIA.window(info, account, window)

    async def email_attachments(self, info: Info, email: Email) -> list[Attachment]:
        """Those the email carries, else from its ``Email.Get``."""
        read = read_of(email._record, EmailRecord)
        found = await _data(info).attachments(read.record, as_user=read.as_user)
        return [to_attachment(a, read.record.email_id, read.as_user) for a in found]

    async def upload_media(self, info: Info, name: str, mime_type: str, data: str) -> MediaFile:
        """``Media.Upload``, then ``Media.Retrieve`` of the new file."""
        facade = _data(info)
        media_id = await facade.upload_media(name, mime_type, data)
        return to_media(_shown(await facade.media_file(media_id), "media file", media_id))

    async def delete_media(self, info: Info, media_id: int) -> None:
        """``Media.Delete``."""
        await _data(info).delete_media(media_id)

    async def delete_attachment(self, info: Info, email_id: int, attachment_id: int) -> None:
        """``Attachment.Delete`` of an attachment the email holds."""
        await _data(info).delete_attachment(email_id, attachment_id)

    # -- campaigns --------------------------------------------------------------------------------

    async def update_campaign(
        self, info: Info, campaign_id: int, changes: CampaignChanges
    ) -> Campaign:
        """``Campaign.Update`` with the changes given, then ``Campaign.Get``."""
        data = _data(info)
        await data.update_campaign(campaign_id, changes)
        record = _shown(await data.campaign(campaign_id), "campaign", campaign_id)
        return campaign_from_record(record)

    # -- templates --------------------------------------------------------------------------------

    async def email_template(self, info: Info, email: Email) -> EmailTemplate | None:
        """The email's ``RelTemplateID``, from the scope's template listing."""
        read = read_of(email._record, EmailRecord)
        found = await _data(info).listed_template(read.record.template_id, as_user=read.as_user)
        return to_template(found, read.as_user) if found is not None else None

    async def account_templates(
        self, info: Info, account: Account, window: Window
    ) -> Connection[EmailTemplate]:
        """A user's templates (one unpaged ``Email.Templates.Get`` in its session)."""
        return await _TEMPLATES.window(info, account, window)

    async def create_template(self, info: Info, values: TemplateValues) -> EmailTemplate:
        """``Email.Template.Create``, then ``Email.Template.Get``."""
        return await self._fresh_template(info, await _data(info).create_template(values))

    async def update_template(
        self, info: Info, template_id: int, values: TemplateValues
    ) -> EmailTemplate:
        """``Email.Template.Update``, then the template read back."""
        await _data(info).update_template(template_id, values)
        return await self._fresh_template(info, template_id)

    async def delete_template(self, info: Info, template_id: int) -> None:
        """``Email.Template.Delete`` of a template the login may change."""
        await _data(info).delete_template(template_id)

    async def _fresh_template(self, info: Info, template_id: int) -> EmailTemplate:
        return to_template(_shown(await _data(info).template(template_id), "template", template_id))

    async def _fresh_email(self, info: Info, email_id: int) -> Email:
        return to_email(_shown(await _data(info).email(email_id), "email", email_id))
