"""Email records (Oempro): the reusable content (sender, subject, bodies) campaigns send, and
the design templates emails start from.

Only Oempro keeps emails apart from campaigns: on every other platform an account's ``emails``
are empty and a campaign's ``email`` is null. The platform's part of the graph answers them by
being an :class:`EmailGraph`.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import strawberry

from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_part
from mailgql.graph.enum_values import described
from mailgql.graph.media import Attachment
from mailgql.graph.node import Node
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.relations import part_answer, part_page
from mailgql.platforms import Platform

if TYPE_CHECKING:
    from mailgql.graph.accounts import Account
    from mailgql.graph.campaigns import Campaign

__all__ = [
    "Email",
    "EmailGraph",
    "EmailTemplate",
    "account_templates",
    "PersonalizationScope",
    "PersonalizationTag",
    "SpamRule",
    "SpamTest",
    "account_emails",
    "account_personalization_tags",
    "campaign_email",
]


@strawberry.enum(description="Which merge tags to list (Oempro `Email.PersonalizationTags`).")
class PersonalizationScope(enum.Enum):
    """Which merge tags to list."""

    SUBSCRIBER = described(
        "Subscriber", description="A subscriber's columns and the lists' custom fields."
    )
    CAMPAIGN_LINKS = described(
        "CampaignLinks", description="Campaign links (web version, forward to a friend)."
    )
    OPT_LINKS = described("OptLinks", description="Opt-in confirm and reject links.")
    LIST_LINKS = described("ListLinks", description="List links (unsubscribe, subscriber area).")
    ALL_LINKS = described("AllLinks", description="Every kind of link.")
    USER = described("User", description="The sending user's own details.")


@strawberry.type(description="A merge tag an email may hold, replaced when it is sent.")
class PersonalizationTag:
    """A merge tag."""

    tag: str = strawberry.field(description="The tag as written in content, e.g. `%Link:Forward%`.")
    label: str | None = strawberry.field(description="What it stands for, in words.")


@strawberry.type(description="One spam-filter rule an email matched.")
class SpamRule:
    """One spam-filter rule an email matched."""

    rule: str = strawberry.field(description="The rule's name, e.g. `FREE_MONEY`.")
    score: float | None = strawberry.field(description="The points it added.")
    description: str | None = strawberry.field(description="What the rule looks for.")


@strawberry.type(description="How a spam filter scores an email (Oempro `Email.SpamTest`).")
class SpamTest:
    """How a spam filter scores an email."""

    score: float | None = strawberry.field(description="The total score; higher is worse.")
    threshold: float | None = strawberry.field(description="The score from which it is spam.")
    is_spam: bool | None = strawberry.field(description="Whether it reaches the threshold.")
    rules: list[SpamRule] = strawberry.field(description="The rules it matched.")


@strawberry.type(
    description="A design template (Oempro) emails start from: the user's own, or one the "
    "administrator shares with every user (`global`)."
)
class EmailTemplate(Node):
    """A design template."""

    platform: Platform = strawberry.field(description="The platform the template lives on.")
    legacy_id: str = strawberry.field(description="The template's own id (`TemplateID`).")
    name: str = strawberry.field(description="Its name.")
    description: str | None = strawberry.field(description="What it looks like, in words.")
    subject: str | None = strawberry.field(description="The subject emails start with.")
    html_content: str | None = strawberry.field(description="The HTML body.")
    plain_content: str | None = strawberry.field(description="The text body.")
    thumbnail_path: str | None = strawberry.field(description="Where its preview image is.")
    is_global: bool = strawberry.field(
        name="global",
        description="Whether it is the administrator's, shared with every user (only the "
        "administrator may change or delete it).",
    )


class EmailGraph:
    """What a platform with email records answers (Oempro's part of the graph is one)."""

    async def account_emails(
        self, info: Info, account: Account, window: Window
    ) -> Connection[Email]:
        """The email records an account owns."""
        raise NotImplementedError

    async def campaign_email(self, info: Info, campaign: Campaign) -> Email | None:
        """The email record a campaign sends."""
        raise NotImplementedError

    async def email_spam_test(self, info: Info, email: Email) -> SpamTest:
        """An email's spam score."""
        raise NotImplementedError

    async def email_template(self, info: Info, email: Email) -> EmailTemplate | None:
        """The template an email was made from."""
        raise NotImplementedError

    async def email_attachments(self, info: Info, email: Email) -> list[Attachment]:
        """The files attached to an email."""
        raise NotImplementedError

    async def account_templates(
        self, info: Info, account: Account, window: Window
    ) -> Connection[EmailTemplate]:
        """The templates an account sees."""
        raise NotImplementedError

    async def account_personalization_tags(
        self,
        info: Info,
        account: Account,
        scopes: list[PersonalizationScope],
        list_ids: list[strawberry.ID],
    ) -> list[PersonalizationTag]:
        """The merge tags an account's emails may hold."""
        raise NotImplementedError


@strawberry.type(
    description="An email record (Oempro): the sender, subject and bodies a campaign (or an "
    "auto responder, or an opt-in confirmation) sends."
)
class Email(Node):
    """An email record."""

    platform: Platform = strawberry.field(description="The platform the email lives on.")
    legacy_id: str = strawberry.field(description="The email's own id (`EmailID`).")
    name: str | None = strawberry.field(description="Its name in the account (`EmailName`).")
    subject: str | None = strawberry.field(description="The subject line.")
    from_name: str | None = strawberry.field(description="The sender's name.")
    from_email: str | None = strawberry.field(description="The sender's address.")
    reply_to_name: str | None = strawberry.field(description="The reply-to name.")
    reply_to_email: str | None = strawberry.field(description="The reply-to address.")
    mode: str | None = strawberry.field(
        description="How the content was made: Oempro `Empty` (written here), `Template` or "
        "`Import` (fetched from `fetchUrl`)."
    )
    html_content: str | None = strawberry.field(description="The HTML body.")
    plain_content: str | None = strawberry.field(description="The text body.")
    fetch_url: str | None = strawberry.field(description="Where `Import` mode fetches content.")
    image_embedding: bool = strawberry.field(
        description="Whether images are embedded in the message rather than linked."
    )
    _record: strawberry.Private[object] = None
    """What the platform's part of the graph built the email from, for its relations."""

    spam_test: SpamTest | None = part_answer(
        EmailGraph,
        lambda graph: graph.email_spam_test,
        "How a spam filter scores this email (Oempro `Email.SpamTest`, one call per email).",
        "Null, with an error at its path, when the platform refuses (an email without content) "
        "or fails to answer.",
    )
    template: EmailTemplate | None = part_answer(
        EmailGraph,
        lambda graph: graph.email_template,
        "The template the email was made from (Oempro `RelTemplateID`); null for none. The "
        "templates of all emails in a request cost one Email.Templates.Get call together.",
    )

    @strawberry.field(
        description="The files attached to the email (Oempro: free for an email read by id, "
        "which carries them; one Email.Get call per email otherwise). Null, with an error at "
        "its path, when the platform fails to answer it."
    )
    async def attachments(self, info: Info) -> list[Attachment] | None:
        """The files attached to the email."""
        graph = platform_part(info, self.platform, EmailGraph)
        return [] if graph is None else await graph.email_attachments(info, self)


account_emails = part_page(EmailGraph, lambda graph: graph.account_emails)
"""An account's email records; none on a platform without them."""


async def campaign_email(info: Info, campaign: Campaign) -> Email | None:
    """A campaign's email record; null on a platform without them."""
    graph = platform_part(info, campaign.platform, EmailGraph)
    return None if graph is None else await graph.campaign_email(info, campaign)


async def account_personalization_tags(
    info: Info,
    account: Account,
    scopes: list[PersonalizationScope],
    list_ids: list[strawberry.ID],
) -> list[PersonalizationTag]:
    """The merge tags of an account's emails; none on a platform without them."""
    graph = platform_part(info, account.platform, EmailGraph)
    if graph is None:
        return []
    return await graph.account_personalization_tags(info, account, scopes, list_ids)


account_templates = part_page(EmailGraph, lambda graph: graph.account_templates)
"""The templates an account sees; none on a platform without them."""
