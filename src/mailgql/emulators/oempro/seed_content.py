"""Seed the content side: campaign tags (and what they label), design templates, media files
and the attachments of the first campaign's email.

Deterministic without drawing from the seed's random source, so adding content leaves every
other seeded row as it was.
"""

from __future__ import annotations

import base64

from mailgql.emulators.oempro.records import User
from mailgql.emulators.oempro.records.content import Attachment, Media, Tag, Template
from mailgql.emulators.oempro.seed_context import SeedContext

__all__ = ["MEDIA_FILES", "TAG_NAMES", "TEMPLATE_NAMES", "seed_content"]

TAG_NAMES = ("Newsletter", "Promotions", "Product news", "Seasonal", "Unused")
"""The demo user's tags; the last labels no campaign."""


TEMPLATE_NAMES = ("Simple announcement", "Monthly digest", "Trail report")
"""The templates: two global ones (the administrator's, for every user), then the demo user's."""


def seed_content(ctx: SeedContext, owner: User) -> None:
    """Tags of ``owner`` (each campaign carries one or two; every third none) and templates."""
    _seed_tags(ctx, owner)
    _seed_templates(ctx, owner)
    _seed_media(ctx, owner)
    _seed_attachments(ctx, owner)


MEDIA_FILES = (
    ("logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"logo" * 40),
    ("header.jpg", "image/jpeg", b"\xff\xd8\xff\xe0" + b"header" * 60),
    ("price-list.pdf", "application/pdf", b"%PDF-1.4\n" + b"prices" * 30),
)
"""The demo user's media library: name, type and bytes."""


def _seed_media(ctx: SeedContext, owner: User) -> None:
    for name, mime, data in MEDIA_FILES:
        media_id = ctx.state.next_id("media")
        ctx.state.content.media[media_id] = Media(
            MediaID=str(media_id),
            RelOwnerUserID=str(owner.id),
            MediaName=name,
            MediaType=mime,
            MediaSize=str(len(data)),
            MediaData=base64.b64encode(data).decode("ascii"),
            UploadDateTime=ctx.stamp(30 + media_id),
        )


def _seed_attachments(ctx: SeedContext, owner: User) -> None:
    campaigns = sorted(c.id for c in ctx.state.campaigns.values() if c.owner_id == owner.id)
    email_id = ctx.state.campaigns[campaigns[0]].number("RelEmailID") if campaigns else 0
    if not email_id:
        return
    for name, mime, size in (
        ("terms.pdf", "application/pdf", "48213"),
        ("map.png", "image/png", "10244"),
    ):
        attachment_id = ctx.state.next_id("attachment")
        ctx.state.content.attachments[attachment_id] = Attachment(
            AttachmentID=str(attachment_id),
            RelOwnerUserID=str(owner.id),
            RelEmailID=str(email_id),
            FileName=name,
            FileMimeType=mime,
            FileSize=size,
        )


def _seed_templates(ctx: SeedContext, owner: User) -> None:
    owners = (0, 0, owner.id)
    for name, owner_id in zip(TEMPLATE_NAMES, owners, strict=True):
        template_id = ctx.state.next_id("template")
        slug = name.lower().replace(" ", "-")
        ctx.state.content.templates[template_id] = Template(
            TemplateID=str(template_id),
            RelOwnerUserID=str(owner_id),
            TemplateName=name,
            TemplateDescription=f"{name}: one column, a header image and a footer.",
            TemplateSubject=f"{name} from %User:CompanyName%",
            TemplateHTMLContent=(
                f"<html><body><h1>{name}</h1><p>%Subscriber:EmailAddress%</p>"
                '<p><a href="%Link:Unsubscribe%">Unsubscribe</a></p></body></html>'
            ),
            TemplatePlainContent=f"{name}\n\nUnsubscribe: %Link:Unsubscribe%\n",
            TemplateThumbnailPath=f"/templates/{slug}.png",
        )


def _seed_tags(ctx: SeedContext, owner: User) -> None:
    content = ctx.state.content
    tags: list[Tag] = []
    for name in TAG_NAMES:
        tag_id = ctx.state.next_id("tag")
        tag = Tag(TagID=str(tag_id), RelOwnerUserID=str(owner.id), Tag=name)
        content.tags[tag_id] = tag
        tags.append(tag)
    campaigns = sorted(c.id for c in ctx.state.campaigns.values() if c.owner_id == owner.id)
    labelling = tags[:-1]
    for index, campaign_id in enumerate(campaigns):
        if index % 3 == 2:
            continue
        labelling[index % len(labelling)].campaign_ids.append(campaign_id)
        if index % 2 == 0:
            labelling[(index + 1) % len(labelling)].campaign_ids.append(campaign_id)
