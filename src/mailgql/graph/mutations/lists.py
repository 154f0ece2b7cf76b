"""List and subscriber mutations (Oempro): create, change and delete lists; edit a subscriber."""

from __future__ import annotations

import strawberry

from mailgql.data.oempro import ListSettings
from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_graph
from mailgql.graph.errors import BadUserInput
from mailgql.graph.lists import MailingList, Subscriber
from mailgql.graph.mutations._oempro import OemproListInput, on_list
from mailgql.graph.mutations._run import (
    Input,
    InputPaths,
    input_paths,
    input_type,
    mutation,
    optional,
)
from mailgql.graph.mutations.payloads import (
    DeleteListPayload,
    MailingListPayload,
    SubscriberPayload,
)
from mailgql.graph.platforms.oempro import OemproGraph
from mailgql.graph.validation import MAX_IDS, check_email, check_not_blank, plain_legacy_id
from mailgql.platforms import Platform

__all__ = [
    "CreateListInput",
    "DeleteListInput",
    "ListMutation",
    "SubscriberFieldInput",
    "UpdateListInput",
    "UpdateSubscriberInput",
]

_LIST_PATHS = input_paths(
    {
        "SubscriberListName": "name",
        "SubscriberListID": "listId",
        "Lists": "listId",
        "Name": "name",
        "OptInMode": "doubleOptIn",
        "OptInConfirmationEmailID": "optInConfirmationEmailId",
        "OptOutScope": "unsubscribeFromAllLists",
        "OptOutAddToSuppressionList": "suppressUnsubscribed",
        "HideInSubscriberArea": "hideInSubscriberArea",
    }
)
_SUBSCRIBER_PATHS = input_paths(
    {
        "SubscriberListID": "listId",
        "ListID": "listId",
        "SubscriberID": "email",
        "EmailAddress": "newEmail",
    }
)


def _subscriber_paths(input: UpdateSubscriberInput) -> InputPaths:
    """Refusal paths of updateSubscriber: the facade names a field it does not know by its
    place in the input (``fields[<index>]``)."""
    named = {
        f"fields[{index}]": ("input", "fields", str(index), "name")
        for index in range(len(input.fields or []))
    }
    return {**_SUBSCRIBER_PATHS, **named}


@input_type
class CreateListInput:
    """A new, empty list (Oempro)."""

    platform: Platform = strawberry.field(description="Where to create it: OEMPRO only.")
    name: str = strawberry.field(
        description="The list's name: not blank, and not the name of another of the login's "
        "lists. The user group's list limit applies (refused as FORBIDDEN when reached)."
    )


@input_type
class UpdateListInput(OemproListInput):
    """Change a list's settings (Oempro); an omitted or null field is left as it is, and at
    least one must be given."""

    name: str | None = optional("A new name (not blank).")
    double_opt_in: bool | None = optional(
        "true: new subscribers confirm by e-mail (needs a confirmation email, "
        "here or already set); false: single opt-in."
    )
    opt_in_confirmation_email_id: strawberry.ID | None = optional(
        "The Oempro email record (plain id) sent to confirm a double opt-in."
    )
    unsubscribe_from_all_lists: bool | None = optional(
        "true: unsubscribing from this list unsubscribes from all the owner's lists."
    )
    suppress_unsubscribed: bool | None = optional(
        "true: an unsubscribed address joins the suppression list."
    )
    hide_in_subscriber_area: bool | None = optional(
        "true: subscribers do not see this list in their area."
    )
    subscription_pending_page_url: str | None = optional(
        "Where a subscriber lands while a confirmation is pending."
    )
    subscription_confirmed_page_url: str | None = optional(
        "Where a subscriber lands once subscribed."
    )


@input_type
class DeleteListInput(OemproListInput):
    """Delete a list with its subscribers and segments (Oempro)."""


@input_type
class SubscriberFieldInput:
    """A custom field value to set."""

    name: str = strawberry.field(
        description="The field: its name (e.g. `City`, case-insensitive) or its id "
        "(`CustomField12` or `12`)."
    )
    value: str = strawberry.field(
        description="The value; the field's own rules apply (required, unique, validation)."
    )


@input_type
class UpdateSubscriberInput(OemproListInput):
    """Change a subscriber's address or custom field values (Oempro); give at least one of
    `newEmail` and `fields`."""

    email: str = strawberry.field(description="The subscriber's current address.")
    new_email: str | None = optional(
        "A new address (syntax is checked; no other subscriber of the list may have it)."
    )
    fields: list[SubscriberFieldInput] | None = optional(
        f"Custom field values to set: at most {MAX_IDS}."
    )


def _settings(input: UpdateListInput) -> ListSettings:
    name = None
    if input.name is not None:
        name = check_not_blank(input.name, field=("input", "name"), what="name")
    email_id = None
    if input.opt_in_confirmation_email_id is not None:
        path = ("input", "optInConfirmationEmailId")
        text = input.opt_in_confirmation_email_id.strip()
        email_id = plain_legacy_id(text, field=path, what="email")
        if email_id is None:
            raise BadUserInput(
                "optInConfirmationEmailId must be a plain Oempro email id (digits)", field=path
            )
    settings = ListSettings(
        name=name,
        double_opt_in=input.double_opt_in,
        opt_in_confirmation_email_id=email_id,
        unsubscribe_from_all_lists=input.unsubscribe_from_all_lists,
        suppress_unsubscribed=input.suppress_unsubscribed,
        hide_in_subscriber_area=input.hide_in_subscriber_area,
        subscription_pending_page_url=input.subscription_pending_page_url,
        subscription_confirmed_page_url=input.subscription_confirmed_page_url,
    )
    if settings.empty():
        raise BadUserInput("give at least one setting to change", field=("input",))
    return settings


def _subscriber_change(
    input: UpdateSubscriberInput,
) -> tuple[str, str | None, list[tuple[str, str]]]:
    """The current address, the new one and the field values updateSubscriber asks for."""
    email = check_email(input.email, field=("input", "email"))
    new_email = None
    if input.new_email is not None:
        new_email = check_email(input.new_email, field=("input", "newEmail"))
    values = [(f.name, f.value) for f in input.fields or []]
    if len(values) > MAX_IDS:
        raise BadUserInput(f"give at most {MAX_IDS} fields per call", field=("input", "fields"))
    if new_email is None and not values:
        raise BadUserInput("give newEmail or fields to change", field=("input",))
    return email, new_email, values


@strawberry.type
class ListMutation:
    """Mutations on lists and their subscribers."""

    @mutation
    async def create_list(self, info: Info, input: Input[CreateListInput]) -> MailingListPayload:
        """Create an empty list (Oempro: List.Create, then List.Get). Single opt-in by default;
        change its settings with `updateList`."""

        async def change() -> MailingList:
            name = check_not_blank(input.name, field=("input", "name"), what="name")
            return await platform_graph(info, input.platform).create_list(info, name)

        return await MailingListPayload.run(change, input_paths=_LIST_PATHS)

    @mutation
    async def update_list(self, info: Info, input: Input[UpdateListInput]) -> MailingListPayload:
        """Change a list's settings (Oempro: List.Update with the given settings only, then
        List.Get)."""
        change = on_list(
            info, input.list_id, lambda on, target: on.update_list(info, target, _settings(input))
        )
        return await MailingListPayload.run(change, input_paths=_LIST_PATHS)

    @mutation
    async def delete_list(self, info: Info, input: Input[DeleteListInput]) -> DeleteListPayload:
        """Delete a list with its subscribers, custom fields and segments (Oempro: List.Get to
        check it exists, then Lists.Delete). Cannot be undone."""
        change = on_list(info, input.list_id, lambda on, target: on.delete_list(info, target))
        return await DeleteListPayload.run(change, input_paths=_LIST_PATHS)

    @mutation
    async def update_subscriber(
        self, info: Info, input: Input[UpdateSubscriberInput]
    ) -> SubscriberPayload:
        """Change a subscriber's address or custom field values (Oempro: Subscriber.Get and
        List.Get to find it, CustomFields.Get to name the fields, then Subscriber.Update and
        Subscriber.Get). Its subscription status is not changed here: use `subscribe` and
        `unsubscribe`."""

        async def write(on: OemproGraph, target: int) -> Subscriber:
            email, new_email, values = _subscriber_change(input)
            return await on.update_subscriber(
                info, target, email, new_email=new_email, values=values
            )

        change = on_list(info, input.list_id, write)
        return await SubscriberPayload.run(change, input_paths=_subscriber_paths(input))
