"""Mailing lists, and the subscribers of lists whose platform lists them (Oempro).

A platform that reports a list's counts with the list passes them when it builds the list (v2
REST): such a count is the field's value as it is (:func:`~mailgql.graph.resolution.known_value`),
with no call and no coroutine. One whose counts cost calls of their own (Oempro: one
``Subscribers.Get`` per count) answers them in its part of the graph, asked only for the counts
a document selects and the list did not come with.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from mailgql.graph.auto_responders import AutoResponder
from mailgql.graph.context import Info
from mailgql.graph.custom_fields import CustomField, CustomFieldKind
from mailgql.graph.dispatch import platform_graph
from mailgql.graph.enum_values import described
from mailgql.graph.list_integration import ListHook, ListHookEvent
from mailgql.graph.node import Node
from mailgql.graph.pagination import After, Connection, First, Window
from mailgql.graph.resolution import known_value
from mailgql.platforms import Platform

if TYPE_CHECKING:
    from mailgql.graph.segments import Segment

__all__ = [
    "BounceType",
    "ListCount",
    "MailingList",
    "Subscriber",
    "SubscriberField",
    "SubscriberStatus",
    "SubscriptionStatus",
]


class ListCount(enum.Enum):
    """Which of a list's counts a resolver asks for."""

    SUBSCRIBED = "subscribed"
    UNSUBSCRIBED = "unsubscribed"
    BOUNCED = "bounced"


@strawberry.enum(description="Which subscribers of a list to return.")
class SubscriberStatus(enum.Enum):
    """Which subscribers of a list to return."""

    ACTIVE = described(
        "active", description="Subscribed and not hard-bounced: those a campaign reaches."
    )
    UNSUBSCRIBED = described("unsubscribed", description="Unsubscribed.")
    SOFT_BOUNCED = described("soft_bounced", description="Soft-bounced.")
    HARD_BOUNCED = described("hard_bounced", description="Hard-bounced.")
    OPT_IN_PENDING = described("opt_in_pending", description="Waiting to confirm a double opt-in.")
    SUPPRESSED = described("suppressed", description="On the list owner's suppression list.")


@strawberry.enum(description="Where a subscriber stands with its list.")
class SubscriptionStatus(enum.Enum):
    """Where a subscriber stands with its list."""

    SUBSCRIBED = described("subscribed", description="Receives the list's mail.")
    OPT_IN_PENDING = described(
        "opt_in_pending", description="Asked to subscribe; the double opt-in is not confirmed yet."
    )
    OPT_OUT_PENDING = described(
        "opt_out_pending", description="Asked to leave; the opt-out is not confirmed yet."
    )
    UNSUBSCRIBED = described(
        "unsubscribed", description="Left the list; receives no more of its mail."
    )


@strawberry.enum(description="Whether mail to a subscriber bounced, and how.")
class BounceType(enum.Enum):
    """Whether mail to a subscriber bounced, and how."""

    NOT_BOUNCED = described("not_bounced", description="No bounce recorded.")
    SOFT = described(
        "soft", description="A temporary failure (full mailbox, server down); mail still goes."
    )
    HARD = described(
        "hard", description="A permanent failure (no such address); mail no longer goes."
    )


@strawberry.type(description="A mailing list (subscriber list) on one platform.")
class MailingList(Node):
    """A mailing list on one platform."""

    platform: Platform = strawberry.field(description="The platform the list lives on.")
    legacy_id: str = strawberry.field(description="The list's own id on its platform.")
    name: str = strawberry.field(description="The list's name.")
    description: str | None = strawberry.field(
        default=None, description="Longer name or description, where the platform keeps one."
    )
    owner_name: str | None = strawberry.field(default=None, description="Sender name of the list.")
    owner_email: str | None = strawberry.field(default=None, description="Sender address.")
    reply_to_email: str | None = strawberry.field(default=None, description="Reply-to address.")
    company_name: str | None = strawberry.field(default=None, description="Company in the footer.")
    deleted: bool | None = strawberry.field(
        default=None, description="The list is deleted (v2 REST keeps deleted lists visible)."
    )
    created_at: datetime | None = strawberry.field(
        default=None, description="When the list was created (Oempro); null where not reported."
    )
    double_opt_in: bool | None = strawberry.field(
        default=None,
        description="New subscribers must confirm by e-mail (Oempro `OptInMode` Double); null "
        "where not reported.",
    )
    subscriber_count: strawberry.Private[int | None] = None
    unsubscribed_count: strawberry.Private[int | None] = None
    bounced_count: strawberry.Private[int | None] = None
    _record: strawberry.Private[object] = None
    """What the platform's part of the graph built the list from, for its relations."""

    async def _count(self, info: Info, which: ListCount, known: int | None) -> int | None:
        return await platform_graph(info, self.platform).list_count(info, self, which, known)

    def _oempro_only(self, info: Info) -> bool:
        """Whether the list is Oempro's, the one platform whose lists have the parts asked for
        (PLATFORM_NOT_CONFIGURED first when the list's platform is not configured)."""
        platform_graph(info, self.platform)
        return self.platform is Platform.OEMPRO

    @strawberry.field(
        name="subscriberCount",
        metadata=known_value("subscriber_count"),
        description="Subscribed addresses (Oempro: active ones, subscribed and not "
        "hard-bounced); null when the platform does not say. Oempro: one Subscribers.Get call "
        "per list, made only when asked, and none beside the first page of `subscribers` in "
        "that status. Null, with an error at its path, when the platform fails to answer it.",
    )
    async def resolve_subscriber_count(self, info: Info) -> int | None:
        """Subscribed addresses."""
        return await self._count(info, ListCount.SUBSCRIBED, self.subscriber_count)

    @strawberry.field(
        name="unsubscribedCount",
        metadata=known_value("unsubscribed_count"),
        description="Unsubscribed addresses; null when the platform does not say. Oempro: one "
        "Subscribers.Get call per list, made only when asked, and none beside the first page "
        "of `subscribers` in that status. Null, with an error at its path, when the platform "
        "fails to answer it.",
    )
    async def resolve_unsubscribed_count(self, info: Info) -> int | None:
        """Unsubscribed addresses."""
        return await self._count(info, ListCount.UNSUBSCRIBED, self.unsubscribed_count)

    @strawberry.field(
        name="bouncedCount",
        metadata=known_value("bounced_count"),
        description="Bounced addresses (Oempro: hard-bounced); null when the platform does not "
        "say. Oempro: one Subscribers.Get call per list, made only when asked, and none beside "
        "the first page of `subscribers` in that status. Null, with an error at its path, when "
        "the platform fails to answer it.",
    )
    async def resolve_bounced_count(self, info: Info) -> int | None:
        """Bounced addresses."""
        return await self._count(info, ListCount.BOUNCED, self.bounced_count)

    @strawberry.field(
        description="The list's subscribers in one status, oldest first (Oempro: one "
        "Subscribers.Get call per page). Null where the platform does not list subscribers "
        "(v2 REST, Maxmailer), and, with an error at its path, when the platform fails to "
        "answer it."
    )
    async def subscribers(
        self,
        info: Info,
        status: Annotated[
            SubscriberStatus,
            strawberry.argument(description="Which subscribers; default ACTIVE."),
        ] = SubscriberStatus.ACTIVE,
        first: First = 50,
        after: After = None,
    ) -> Connection[Subscriber] | None:
        """The list's subscribers in one status."""
        return await platform_graph(info, self.platform).list_subscribers(
            info, self, status, Window.asked(info, first, after)
        )

    @strawberry.field(
        description="The segments defined in this list (Oempro: one Segment.Get call per list, "
        "the whole listing at once). Null where segments do not belong to one list (v2 REST) "
        "or do not exist (Maxmailer), and, with an error at its path, when the platform fails "
        "to answer it."
    )
    async def segments(
        self,
        info: Info,
        first: First = 50,
        after: After = None,
    ) -> Connection[Annotated[Segment, strawberry.lazy("mailgql.graph.segments")]] | None:
        """The segments defined in this list."""
        return await platform_graph(info, self.platform).list_segments(
            info, self, Window.asked(info, first, after)
        )

    @strawberry.field(
        description="The list's custom fields (Oempro: one CustomFields.Get call per list, the "
        "whole listing at once, shared with every subscriber's `fields`). Null where lists have "
        "no custom fields of their own (v2 REST, Maxmailer), and, with an error at its path, "
        "when the platform fails to answer it."
    )
    async def custom_fields(
        self, info: Info, first: First = 50, after: After = None
    ) -> Connection[CustomField] | None:
        """The list's custom fields."""
        if not self._oempro_only(info):
            return None
        # Imported here: Oempro's part of the graph builds lists.
        from mailgql.graph.platforms.oempro.custom_fields import list_custom_fields

        return await list_custom_fields(info, self, Window.asked(info, first, after))

    @strawberry.field(
        description="The list's auto responders with their trigger, delay and statistics "
        "(Oempro: one AutoResponders.Get call per list, the whole listing at once). Null where "
        "lists send none of their own (v2 REST, Maxmailer), and, with an error at its path, "
        "when the platform fails to answer it."
    )
    async def auto_responders(
        self, info: Info, first: First = 50, after: After = None
    ) -> Connection[AutoResponder] | None:
        """The list's auto responders."""
        if not self._oempro_only(info):
            return None
        from mailgql.graph.platforms.oempro.auto_responders import list_auto_responders

        return await list_auto_responders(info, self, Window.asked(info, first, after))

    @strawberry.field(
        description="The URLs the list calls when an address subscribes or unsubscribes (Oempro "
        "list integration: one ListIntegration.GetURLs call per event asked, both when `event` "
        "is omitted). Null where lists call none (v2 REST, Maxmailer), and, with an error at "
        "its path, when the platform fails to answer it."
    )
    async def hooks(
        self,
        info: Info,
        event: Annotated[
            ListHookEvent | None,
            strawberry.argument(description="Only the hooks of this event; both when omitted."),
        ] = None,
    ) -> list[ListHook] | None:
        """The list's web-service hooks."""
        if not self._oempro_only(info):
            return None
        from mailgql.graph.platforms.oempro.list_integration import list_hooks

        return await list_hooks(info, self, event)

    @strawberry.field(
        description="HTML of a sign-up form for the list, with the custom fields asked for "
        "(Oempro: one ListIntegration.GenerateSubscriptionFormHTMLCode call). Null where the "
        "platform makes no forms (v2 REST, Maxmailer), and, with an error at its path, when it "
        "fails to answer."
    )
    async def subscription_form_html(
        self,
        info: Info,
        custom_field_ids: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(
                description="The custom fields on the form: their `legacyId`s (at most 100); "
                "none when omitted."
            ),
        ] = None,
    ) -> str | None:
        """The list's sign-up form."""
        if not self._oempro_only(info):
            return None
        from mailgql.graph.platforms.oempro.list_integration import list_form_code

        return await list_form_code(info, self, subscribe=True, field_ids=custom_field_ids or [])

    @strawberry.field(
        description="HTML of an opt-out form for the list (Oempro: one "
        "ListIntegration.GenerateUnsubscriptionFormHTMLCode call). Null where the platform "
        "makes no forms, and, with an error at its path, when it fails to answer."
    )
    async def unsubscription_form_html(self, info: Info) -> str | None:
        """The list's opt-out form."""
        if not self._oempro_only(info):
            return None
        from mailgql.graph.platforms.oempro.list_integration import list_form_code

        return await list_form_code(info, self, subscribe=False)


@strawberry.type(description="One custom field value of a subscriber, with the field's name.")
class SubscriberField:
    """One custom field value of a subscriber."""

    field_id: str = strawberry.field(
        description="The field's own id on its platform (Oempro `CustomFieldID`)."
    )
    name: str = strawberry.field(description="The field's name, e.g. `First name`.")
    type: str | None = strawberry.field(
        default=None,
        description="The platform's kind of field, e.g. Oempro `Single line` or `Drop down`.",
    )
    value: str | None = strawberry.field(
        default=None,
        description="The value as stored (several choices of a checkbox field joined by "
        "commas); null when the subscriber gave none.",
    )
    kind: CustomFieldKind | None = strawberry.field(
        default=None,
        description="What kind of value the field holds; null where the platform does not say "
        "or names a kind this gateway does not know.",
    )
    values: list[str] = strawberry.field(
        default_factory=list,
        description="The value typed by the field's kind: every chosen option of a checkbox "
        "field, one item for any other kind, empty when the subscriber gave none.",
    )


@strawberry.type(description="An address in one list, with its status and custom field values.")
class Subscriber:
    """An address in one list."""

    legacy_id: str = strawberry.field(
        description="The subscriber's own id on its platform (Oempro: unique within its list)."
    )
    email: str = strawberry.field(description="The subscribed address.")
    subscription_status: SubscriptionStatus = strawberry.field(
        description="Where the address stands with the list."
    )
    bounce_type: BounceType = strawberry.field(description="Whether mail to it bounced.")
    active: bool = strawberry.field(
        description="Receives campaigns: subscribed and not hard-bounced."
    )
    subscribed_at: datetime | None = strawberry.field(
        default=None, description="When it (last) subscribed."
    )
    unsubscribed_at: datetime | None = strawberry.field(
        default=None, description="When it unsubscribed; null while subscribed."
    )
    opted_in_at: datetime | None = strawberry.field(
        default=None, description="When it confirmed its subscription; null while pending."
    )
    list_: MailingList = strawberry.field(name="list", description="The list.")
    _values: strawberry.Private[Mapping[int, str]]
    """Custom field values by field id."""
    _record: strawberry.Private[object] = None
    """What the platform's part of the graph built the subscriber from, for its relations."""

    @strawberry.field(
        description="The subscriber's name: Oempro keeps none of its own, so this is the value "
        "of the custom field named in MAILGQL_OEMPRO_NAME_FIELD (null without that setting). "
        "Costs one CustomFields.Get call per list when the setting names the field by name. "
        "Null, with an error at its path, when the platform fails to answer it."
    )
    async def name(self, info: Info) -> str | None:
        """The subscriber's name."""
        return await platform_graph(info, self.list_.platform).subscriber_name(info, self)

    @strawberry.field(
        description="The lists of the list's owner this address is subscribed to, as the "
        "subscriber area shows them (Oempro: Subscriber.Login as the subscriber, with the MD5 "
        "of its id and address, then Subscriber.GetLists: two calls per subscriber; lists "
        "hidden from the subscriber area are left out). Null where the platform has no "
        "subscriber area (v2 REST, Maxmailer), and, with an error at its path, when it fails "
        "to answer."
    )
    async def subscribed_lists(self, info: Info) -> list[MailingList] | None:
        """The lists this address is subscribed to."""
        platform_graph(info, self.list_.platform)
        if self.list_.platform is not Platform.OEMPRO:
            return None
        from mailgql.graph.platforms.oempro.list_integration import subscribed_lists

        return await subscribed_lists(info, self)

    @strawberry.field(
        description="Every custom field of the list with this subscriber's value, in field "
        "order. Oempro: one CustomFields.Get call per list per request. Null, with an error at "
        "its path, when the platform fails to answer it."
    )
    async def fields(self, info: Info) -> list[SubscriberField] | None:
        """The subscriber's custom field values."""
        return await platform_graph(info, self.list_.platform).subscriber_fields(info, self)
