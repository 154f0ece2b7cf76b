"""Mutation payloads: the changed object (or the deleted object's ID) and the expected refusals.

Every payload has two fields: the result of the change first, then ``userErrors``. Each is
declared the same short way, with :func:`payload` (its docstring is its description, and it adds
``userErrors``) and :func:`changed`, :func:`deleted` or :func:`result` for the first field, so
that each payload reads alike in GraphiQL; :meth:`Payload.run` runs a change and fills either
field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Generic, Self, TypeVar

import strawberry

from mailgql.graph.accounts import Account
from mailgql.graph.auto_responders import AutoResponder
from mailgql.graph.campaign_tags import CampaignTag
from mailgql.graph.campaigns import Campaign
from mailgql.graph.custom_fields import CustomField
from mailgql.graph.emails import Email, EmailTemplate
from mailgql.graph.errors import UserError
from mailgql.graph.list_integration import ListHook
from mailgql.graph.list_subscriptions import ListSubscription
from mailgql.graph.lists import MailingList, Subscriber
from mailgql.graph.media import MediaFile
from mailgql.graph.mutations._run import Change, InputPaths, attempt, description_of
from mailgql.graph.oempro_admin_types import PaymentPeriod, Theme, UserGroup
from mailgql.graph.segments import Segment

__all__ = [
    "AccountPayload",
    "AutoResponderPayload",
    "CampaignPayload",
    "CampaignTagPayload",
    "CustomFieldPayload",
    "DeleteAccountPayload",
    "DeleteAttachmentPayload",
    "DeleteAutoResponderPayload",
    "DeleteCampaignPayload",
    "DeleteCampaignTagPayload",
    "DeleteCustomFieldPayload",
    "DeleteEmailPayload",
    "DeleteEmailTemplatePayload",
    "DeleteListHookPayload",
    "DeleteListPayload",
    "DeleteMediaPayload",
    "DeleteSegmentPayload",
    "DeleteSubscriberPayload",
    "DeleteThemePayload",
    "DeleteUserGroupPayload",
    "EmailPayload",
    "EmailTemplatePayload",
    "ListHookPayload",
    "ListSubscriptionPayload",
    "MailingListPayload",
    "MediaFilePayload",
    "PasswordResetPayload",
    "Payload",
    "PaymentPeriodPayload",
    "Refusals",
    "SegmentPayload",
    "SettingsPayload",
    "SubscriberPayload",
    "TagCampaignsPayload",
    "ThemePayload",
    "UnsubscribeSubscriberPayload",
    "UserGroupPayload",
    "changed",
    "deleted",
    "deleted_part",
    "payload",
    "refused",
    "result",
]

T = TypeVar("T")
R = TypeVar("R", bound="Refusals")


class Refusals:
    """What every payload ends with: ``userErrors``, the expected refusals (see :func:`payload`)."""

    user_errors: list[UserError]


class Payload(Refusals, Generic[T]):
    """What every payload does: hold a change's result of type ``T``, or why it was refused."""

    @classmethod
    async def run(cls, change: Change[T], *, input_paths: InputPaths | None = None) -> Self:
        """Run a change: its result in the payload's first field, or its refusal in
        ``userErrors`` (transport failures raise: see :func:`attempt`)."""
        result, errors = await attempt(change, input_paths=input_paths)
        # Every subclass is a Strawberry type, hence a dataclass; mypy sees only this mixin.
        first = dataclasses.fields(cls)[0].name  # type: ignore[arg-type]
        fields: dict[str, Any] = {first: result, "user_errors": errors}
        return cls(**fields)


def payload(what: str) -> Callable[[type[R]], type[R]]:
    """Make a class a payload type: the Strawberry type its docstring describes, its own fields
    (the change's result) followed by ``userErrors``, why the ``what`` (change, deletion...)
    was refused."""

    def make(cls: type[R]) -> type[R]:
        cls.__annotations__["user_errors"] = list[UserError]
        cls.user_errors = refused(what)
        return strawberry.type(cls, description=description_of(cls))

    return make


def result(description: str, *, name: str | None = None) -> Any:
    """A payload's first field: the change's result, null when refused."""
    return strawberry.field(name=name, default=None, description=description)


def changed(thing: str, *, name: str | None = None) -> Any:
    """A payload's first field: the ``thing`` as the change left it."""
    return result(f"The {thing} as it is after the change; null if refused.", name=name)


def deleted(thing: str) -> Any:
    """A deletion payload's first field: the deleted ``thing``'s global ID."""
    return result(f"The global ID of the deleted {thing}; null if refused.")


def deleted_part(thing: str) -> Any:
    """A deletion payload's first field: the ``legacyId`` of the deleted ``thing``, a part of a
    list (which has no global ID of its own)."""
    return result(f"The `legacyId` of the deleted {thing}; null if refused.")


def refused(what: str) -> Any:
    """A payload's ``userErrors``: why the ``what`` (change, deletion...) was refused."""
    return strawberry.field(
        default_factory=list, description=f"Why the {what} was refused; empty on success."
    )


@payload("change")
class AccountPayload(Payload[Account]):
    """The account a mutation changed, or why it did not."""

    account: Account | None = changed("account")


@payload("deletion")
class DeleteAccountPayload(Payload[strawberry.ID]):
    """The account a mutation deleted, or why it did not."""

    deleted_account_id: strawberry.ID | None = deleted("account")


@payload("change")
class ListSubscriptionPayload(Payload[ListSubscription | None]):
    """A subscription as a mutation left it, or why it was refused."""

    subscription: ListSubscription | None = result(
        "The address in the list after the change (inactive once unsubscribed); "
        "null if refused, if the platform no longer knows the address, or (Oempro with an "
        "admin login, which may not read lists) if it cannot be read back."
    )


@payload("change")
class MailingListPayload(Payload[MailingList]):
    """The list a mutation created or changed, or why it did not."""

    list_: MailingList | None = changed("list", name="list")


@payload("deletion")
class DeleteListPayload(Payload[strawberry.ID]):
    """The list a mutation deleted, or why it did not."""

    deleted_list_id: strawberry.ID | None = deleted("list")


@payload("change")
class SubscriberPayload(Payload[Subscriber]):
    """The subscriber a mutation changed, or why it did not."""

    subscriber: Subscriber | None = changed("subscriber")


@payload("change")
class CampaignPayload(Payload[Campaign]):
    """The campaign a mutation created or changed, or why it did not."""

    campaign: Campaign | None = changed("campaign")


@payload("deletion")
class DeleteCampaignPayload(Payload[strawberry.ID]):
    """The campaign a mutation deleted, or why it did not."""

    deleted_campaign_id: strawberry.ID | None = deleted("campaign")


@payload("change")
class SegmentPayload(Payload[Segment]):
    """The segment a mutation created, or why it did not."""

    segment: Segment | None = changed("segment")


@payload("deletion")
class DeleteSegmentPayload(Payload[strawberry.ID]):
    """The segment a mutation deleted, or why it did not."""

    deleted_segment_id: strawberry.ID | None = deleted("segment")


@payload("change")
class AutoResponderPayload(Payload[AutoResponder]):
    """The auto responder a mutation created or changed, or why not."""

    auto_responder: AutoResponder | None = changed("auto responder")


@payload("deletion")
class DeleteAutoResponderPayload(Payload[strawberry.ID]):
    """The auto responder a mutation deleted, or why it did not."""

    deleted_auto_responder_id: strawberry.ID | None = deleted_part("auto responder")


@payload("change")
class CustomFieldPayload(Payload[CustomField]):
    """The custom field a mutation created or changed, or why it did not."""

    custom_field: CustomField | None = changed("field")


@payload("deletion")
class DeleteCustomFieldPayload(Payload[strawberry.ID]):
    """The custom field a mutation deleted, or why it did not."""

    deleted_field_id: strawberry.ID | None = deleted_part("field")


@payload("change")
class EmailPayload(Payload[Email]):
    """The email record a mutation created or changed, or why it did not."""

    email: Email | None = changed("email")


@payload("deletion")
class DeleteEmailPayload(Payload[strawberry.ID]):
    """The email record a mutation deleted, or why it did not."""

    deleted_email_id: strawberry.ID | None = deleted("email")


@payload("change")
class ListHookPayload(Payload[ListHook]):
    """The hook a mutation added, or why it did not."""

    hook: ListHook | None = result("The hook as the list now has it; null if refused.")


@payload("deletion")
class DeleteListHookPayload(Payload[strawberry.ID]):
    """The hook a mutation deleted, or why it did not."""

    deleted_hook_id: strawberry.ID | None = deleted_part("hook")


@payload("deletion")
class DeleteSubscriberPayload(Payload[strawberry.ID]):
    """The subscriber a mutation deleted, or why it did not."""

    deleted_subscriber_id: strawberry.ID | None = deleted_part("subscriber")


@payload("change")
class UnsubscribeSubscriberPayload(Payload[strawberry.ID]):
    """The subscriber a mutation unsubscribed, or why it did not."""

    unsubscribed_subscriber_id: strawberry.ID | None = result(
        "The unsubscribed subscriber's `legacyId`; null if refused."
    )


@payload("upload")
class MediaFilePayload(Payload[MediaFile]):
    """The media file a mutation stored, or why it did not."""

    media: MediaFile | None = result("The file as stored; null if refused.")


@payload("deletion")
class DeleteMediaPayload(Payload[strawberry.ID]):
    """The media file a mutation deleted, or why it did not."""

    deleted_media_id: strawberry.ID | None = deleted("file")


@payload("deletion")
class DeleteAttachmentPayload(Payload[strawberry.ID]):
    """The attachment a mutation deleted, or why it did not."""

    deleted_attachment_id: strawberry.ID | None = deleted("attachment")


@payload("change")
class ThemePayload(Payload[Theme]):
    """The theme a mutation created or changed, or why it did not."""

    theme: Theme | None = changed("theme")


@payload("deletion")
class DeleteThemePayload(Payload[strawberry.ID]):
    """The theme a mutation deleted, or why it did not."""

    deleted_theme_id: strawberry.ID | None = deleted("theme")


@payload("change")
class SettingsPayload(Payload[bool]):
    """Whether Oempro took a settings change, or why not."""

    updated: bool | None = result("True when the settings were saved; null if refused.")


@payload("change")
class PaymentPeriodPayload(Payload[PaymentPeriod]):
    """The payment period a mutation changed, or why it did not."""

    payment_period: PaymentPeriod | None = result(
        "The period as Oempro answers after the change; null if refused."
    )


@payload("request")
class PasswordResetPayload(Payload[bool]):
    """Whether Oempro took a password reminder or reset, or why not."""

    sent: bool | None = result("True when Oempro mailed the account; null if refused.")


@payload("change")
class CampaignTagPayload(Payload[CampaignTag]):
    """The campaign tag a mutation created or renamed, or why it did not."""

    tag: CampaignTag | None = changed("tag")


@payload("deletion")
class DeleteCampaignTagPayload(Payload[strawberry.ID]):
    """The campaign tag a mutation deleted, or why it did not."""

    deleted_tag_id: strawberry.ID | None = deleted("tag")


@payload("change")
class TagCampaignsPayload(Payload[list[Campaign]]):
    """The campaigns a mutation tagged or untagged, or why it did not."""

    campaigns: list[Campaign] | None = result(
        "The campaigns named, as they are after the change (their `tags` show it); null if refused."
    )


@payload("change")
class EmailTemplatePayload(Payload[EmailTemplate]):
    """The template a mutation created or changed, or why it did not."""

    template: EmailTemplate | None = changed("template")


@payload("deletion")
class DeleteEmailTemplatePayload(Payload[strawberry.ID]):
    """The template a mutation deleted, or why it did not."""

    deleted_template_id: strawberry.ID | None = deleted("template")


@payload("change")
class UserGroupPayload(Payload[UserGroup]):
    """The plan a mutation created, changed or copied, or why it did not."""

    user_group: UserGroup | None = changed("plan")


@payload("deletion")
class DeleteUserGroupPayload(Payload[strawberry.ID]):
    """The plan a mutation deleted, or why it did not."""

    deleted_user_group_id: strawberry.ID | None = deleted("plan")
