"""Auto responders of a list (Oempro): e-mails a list sends by itself after a subscriber does
something, with their trigger, delay, statistics and e-mail."""

from __future__ import annotations

import enum

import strawberry

from mailgql.graph.campaigns import sent_rate
from mailgql.graph.context import Info
from mailgql.graph.enum_values import described

__all__ = [
    "AutoResponder",
    "AutoResponderDelay",
    "AutoResponderDelayUnit",
    "AutoResponderEmail",
    "AutoResponderStats",
    "AutoResponderTrigger",
    "AutoResponderTriggerType",
]


@strawberry.enum(description="What a subscriber does that sends an auto responder.")
class AutoResponderTriggerType(enum.Enum):
    """What sends an auto responder (Oempro `AutoResponderTriggerType`)."""

    ON_SUBSCRIPTION = described("OnSubscription", description="Subscribing to the list.")
    ON_LINK_CLICK = described("OnSubscriberLinkClick", description="Clicking the link in `value`.")
    ON_FORWARD_TO_FRIEND = described(
        "OnSubscriberForwardToFriend",
        description="Forwarding the campaign whose id is in `value` to a friend.",
    )
    ON_CAMPAIGN_OPEN = described(
        "OnSubscriberCampaignOpen",
        description="Opening the campaign whose id is in `value` (Oempro 5.x).",
    )
    ON_CAMPAIGN_CONVERSION = described(
        "OnSubscriberCampaignConversion",
        description="Converting on the campaign whose id is in `value` (Oempro 5.x).",
    )
    ON_DATE = described(
        "OnSubscriberDate",
        description="The date held by the custom field named in `value` (Oempro 5.x).",
    )


@strawberry.enum(description="The unit of an auto responder's delay after its trigger.")
class AutoResponderDelayUnit(enum.Enum):
    """The unit of an auto responder's delay (Oempro `TriggerTimeType`)."""

    IMMEDIATELY = described("Immediately", description="No delay.")
    SECONDS = described("Seconds later", description="Seconds.")
    MINUTES = described("Minutes later", description="Minutes.")
    HOURS = described("Hours later", description="Hours.")
    DAYS = described("Days later", description="Days.")
    WEEKS = described("Weeks later", description="Weeks.")
    MONTHS = described("Months later", description="Months.")


@strawberry.type(description="What sends an auto responder.")
class AutoResponderTrigger:
    """What sends an auto responder."""

    type: AutoResponderTriggerType | None = strawberry.field(
        description="The kind of trigger; null for one this gateway does not know "
        "(see `legacyType`)."
    )
    legacy_type: str = strawberry.field(description="The platform's own name of the trigger.")
    value: str | None = strawberry.field(
        description="The link, campaign id or date field the trigger watches; null for "
        "ON_SUBSCRIPTION."
    )


@strawberry.type(description="How long after its trigger an auto responder is sent.")
class AutoResponderDelay:
    """How long after its trigger an auto responder is sent."""

    unit: AutoResponderDelayUnit | None = strawberry.field(
        description="The unit; null for one this gateway does not know."
    )
    amount: int | None = strawberry.field(description="How many units; null when sent immediately.")


@strawberry.type(description="What an auto responder has done so far; null where not reported.")
class AutoResponderStats:
    """What an auto responder has done so far."""

    sent: int | None = strawberry.field(description="E-mails sent.")
    total_opens: int | None = strawberry.field(description="Opens, repeats included.")
    unique_opens: int | None = strawberry.field(description="Recipients who opened.")
    total_clicks: int | None = strawberry.field(description="Clicks, repeats included.")
    unique_clicks: int | None = strawberry.field(description="Recipients who clicked.")
    unsubscribed: int | None = strawberry.field(description="Recipients who unsubscribed.")
    hard_bounced: int | None = strawberry.field(description="Permanent delivery failures.")
    soft_bounced: int | None = strawberry.field(description="Temporary delivery failures.")

    open_rate: float | None = sent_rate(lambda stats: stats.unique_opens, "uniqueOpens")
    click_rate: float | None = sent_rate(lambda stats: stats.unique_clicks, "uniqueClicks")


@strawberry.type(description="The e-mail an auto responder sends (its content record).")
class AutoResponderEmail:
    """The e-mail an auto responder sends."""

    legacy_id: str = strawberry.field(description="The e-mail's own id (Oempro `EmailID`).")
    name: str | None = strawberry.field(description="The e-mail's name in the platform.")
    subject: str | None = strawberry.field(description="Its subject line.")
    from_name: str | None = strawberry.field(description="The sender's name.")
    from_email: str | None = strawberry.field(description="The sender's address.")


@strawberry.type(description="An e-mail a list sends by itself after a trigger (Oempro).")
class AutoResponder:
    """An auto responder of a list."""

    legacy_id: str = strawberry.field(
        description="The auto responder's own id (Oempro `AutoResponderID`)."
    )
    name: str = strawberry.field(description="Its name.")
    trigger: AutoResponderTrigger = strawberry.field(description="What sends it.")
    delay: AutoResponderDelay = strawberry.field(description="How long after the trigger.")
    stats: AutoResponderStats = strawberry.field(description="What it has done so far.")
    email_id: strawberry.Private[int | None] = None
    as_user: strawberry.Private[int | None] = None

    @strawberry.field(
        description="The e-mail it sends: the same look-up as a campaign's subject (one "
        "Email.Get, or one Emails.Get for every e-mail of a request asking two or more). Null "
        "when it has none or the platform no longer shows it, and, with an error at its path, "
        "when the platform fails to answer."
    )
    async def email(self, info: Info) -> AutoResponderEmail | None:
        """The e-mail it sends."""
        record = await info.context.oempro().email(self.email_id, as_user=self.as_user)
        if record is None:
            return None
        return AutoResponderEmail(
            legacy_id=str(record.email_id),
            name=record.name,
            subject=record.subject,
            from_name=record.from_name,
            from_email=record.from_email,
        )
