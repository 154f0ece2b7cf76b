"""Email record mutations (Oempro): create, update, delete and copy emails; send a test."""

from __future__ import annotations

import enum

import strawberry

from mailgql.data.oempro.emails import EmailFields, ValidateScope
from mailgql.graph.context import Info
from mailgql.graph.emails import Email
from mailgql.graph.errors import UserError
from mailgql.graph.mutations._oempro import LIST_ID, deleting, list_id, oempro, plain_id
from mailgql.graph.mutations._run import Input, optional
from mailgql.graph.mutations.payloads import Payload, changed, deleted, refused
from mailgql.graph.validation import check_email
from mailgql.platforms import Platform

__all__ = [
    "CreateEmailInput",
    "DeleteEmailInput",
    "DeleteEmailPayload",
    "DuplicateEmailInput",
    "EmailMode",
    "EmailMutation",
    "EmailPayload",
    "EmailPurpose",
    "SendTestEmailInput",
    "UpdateEmailInput",
]

_P = Platform.OEMPRO
_EMAIL = "The email: an Email global ID or the plain Oempro email id."
_EMAIL_FIELD = ("input", "emailId")

_PATHS: dict[str, tuple[str, ...]] = {
    "EmailID": _EMAIL_FIELD,
    "ValidateScope": ("input", "purpose"),
    "Mode": ("input", "mode"),
    "FetchURL": ("input", "fetchUrl"),
    "RelTemplateID": ("input", "templateId"),
    "FromEmail": ("input", "fromEmail"),
    "ReplyToEmail": ("input", "replyToEmail"),
    "HTMLContent": ("input", "htmlContent"),
    "PlainContent": ("input", "plainContent"),
    "EmailAddress": ("input", "to"),
    "ListID": ("input", "listId"),
    "CampaignID": ("input", "campaignId"),
}
_CREATE_PATHS = {k: v for k, v in _PATHS.items() if v != _EMAIL_FIELD}
"""createEmail has no emailId: a refusal naming the email it made points nowhere."""


@strawberry.enum(description="What an email is for: it decides the links its content must hold.")
class EmailPurpose(enum.Enum):
    """What an email is for."""

    CAMPAIGN = strawberry.enum_value(
        "Campaign", description="A campaign: each body needs `%Link:Unsubscribe%`."
    )
    AUTO_RESPONDER = strawberry.enum_value(
        "AutoResponder", description="An auto responder: each body needs `%Link:Unsubscribe%`."
    )
    OPT_IN = strawberry.enum_value(
        "OptIn",
        description="An opt-in confirmation: each body needs `%Link:Confirm%` and `%Link:Reject%`.",
    )


@strawberry.enum(description="How an email's content is made.")
class EmailMode(enum.Enum):
    """How an email's content is made."""

    EMPTY = strawberry.enum_value("Empty", description="Written in `htmlContent`/`plainContent`.")
    TEMPLATE = strawberry.enum_value("Template", description="From the template `templateId`.")
    IMPORT = strawberry.enum_value("Import", description="Fetched from `fetchUrl`.")


_PURPOSES: dict[EmailPurpose, ValidateScope] = {
    EmailPurpose.CAMPAIGN: "Campaign",
    EmailPurpose.AUTO_RESPONDER: "AutoResponder",
    EmailPurpose.OPT_IN: "OptIn",
}
_MODES = {EmailMode.EMPTY: "Empty", EmailMode.TEMPLATE: "Template", EmailMode.IMPORT: "Import"}


@strawberry.input(description="The parts of an email record; each left out stays as it is.")
class _EmailValues:
    """The parts of an email record."""

    purpose: EmailPurpose = strawberry.field(
        default=EmailPurpose.CAMPAIGN,
        description="What the email is for (Oempro `ValidateScope`); CAMPAIGN by default.",
    )
    name: str | None = optional("Its name in the account.")
    subject: str | None = optional("The subject line.")
    from_name: str | None = optional("The sender's name.")
    from_email: str | None = optional("The sender's address (syntax is checked).")
    reply_to_name: str | None = optional("The reply-to name.")
    reply_to_email: str | None = optional("The reply-to address (syntax is checked).")
    html_content: str | None = optional("The HTML body (at most 1 MB of UTF-8).")
    plain_content: str | None = optional("The text body (at most 1 MB of UTF-8).")
    mode: EmailMode | None = optional("How the content is made.")
    fetch_url: str | None = optional("Where IMPORT mode fetches the content.")
    template_id: strawberry.ID | None = optional(
        "The template TEMPLATE mode uses: an EmailTemplate global ID or a plain template id."
    )
    image_embedding: bool | None = optional("Embed images in the message instead of linking.")


@strawberry.input(
    description="A new email record (Oempro). At least one body is needed unless the mode is "
    "IMPORT, and each body must hold the links its purpose needs."
)
class CreateEmailInput(_EmailValues):
    """A new email record."""


@strawberry.input(description="Change an email record (Oempro): only the parts given.")
class UpdateEmailInput(_EmailValues):
    """Change an email record."""

    email_id: strawberry.ID = strawberry.field(description=_EMAIL)


@strawberry.input(description="Delete an email record (Oempro).")
class DeleteEmailInput:
    """Delete an email record."""

    email_id: strawberry.ID = strawberry.field(description=_EMAIL)


@strawberry.input(description="Copy an email record (Oempro), attachments included.")
class DuplicateEmailInput:
    """Copy an email record."""

    email_id: strawberry.ID = strawberry.field(description=_EMAIL)


@strawberry.input(description="Send a test of an email to one address (Oempro).")
class SendTestEmailInput:
    """Send a test of an email."""

    email_id: strawberry.ID = strawberry.field(description=_EMAIL)
    to: str = strawberry.field(description="The address the test goes to.")
    list_id: strawberry.ID | None = optional(
        f"{LIST_ID} Needed when the content holds subscriber merge tags: a subscriber of it "
        "fills them."
    )
    campaign_id: strawberry.ID | None = optional(
        "The campaign the test stands for: a Campaign global ID or a plain campaign id."
    )
    add_header_footer: bool | None = optional(
        "Add the plan's header and footer, as real sends do (Oempro 4.1.18+; default yes)."
    )


@strawberry.type(description="The email record a mutation created or changed, or why it did not.")
class EmailPayload(Payload[Email]):
    """The email record a mutation created or changed, or why it did not."""

    email: Email | None = changed("email")
    user_errors: list[UserError] = refused("change")


@strawberry.type(description="The email record a mutation deleted, or why it did not.")
class DeleteEmailPayload(Payload[strawberry.ID]):
    """The email record a mutation deleted, or why it did not."""

    deleted_email_id: strawberry.ID | None = deleted("email")
    user_errors: list[UserError] = refused("deletion")


def _email_id(info: Info, value: str) -> int:
    return plain_id(info, value, expect="Email", field=_EMAIL_FIELD)


def _values(info: Info, given: _EmailValues) -> EmailFields:
    def address(value: str | None, name: str) -> str | None:
        return None if value is None else check_email(value, field=("input", name))

    template = None
    if given.template_id is not None:
        template = plain_id(
            info, given.template_id, expect="EmailTemplate", field=("input", "templateId")
        )
    return EmailFields(
        name=given.name,
        subject=given.subject,
        from_name=given.from_name,
        from_email=address(given.from_email, "fromEmail"),
        reply_to_name=given.reply_to_name,
        reply_to_email=address(given.reply_to_email, "replyToEmail"),
        html=given.html_content,
        plain=given.plain_content,
        mode=_MODES[given.mode] if given.mode is not None else None,
        fetch_url=given.fetch_url,
        template_id=template,
        image_embedding=given.image_embedding,
    )


@strawberry.type
class EmailMutation:
    """Mutations on email records."""

    @strawberry.mutation(
        description="Create an email record with its content (Oempro: Email.Create, then "
        "Email.Update with the values, then Email.Get). Not atomic on Oempro, which has no "
        "create-with-content: when Email.Update is refused or fails, the blank record is deleted "
        "again (Email.Delete) before the refusal is returned, so nothing is left behind."
    )
    async def create_email(self, info: Info, input: Input[CreateEmailInput]) -> EmailPayload:
        """Create an email record."""

        async def change() -> Email:
            values = _values(info, input)
            return await oempro(info).create_email(info, _PURPOSES[input.purpose], values)

        return await EmailPayload.run(change, input_paths=_CREATE_PATHS)

    @strawberry.mutation(
        description="Change an email record: only the parts given (Oempro: Email.Update, then "
        "Email.Get). Oempro checks every value before it stores any: a refusal changes nothing."
    )
    async def update_email(self, info: Info, input: Input[UpdateEmailInput]) -> EmailPayload:
        """Change an email record."""

        async def change() -> Email:
            email_id = _email_id(info, input.email_id)
            values = _values(info, input)
            return await oempro(info).update_email(info, email_id, _PURPOSES[input.purpose], values)

        return await EmailPayload.run(change, input_paths=_PATHS)

    @strawberry.mutation(
        description="Delete an email record (Oempro: Email.Get to check it exists, then "
        "Email.Delete). A campaign that sends it has no content afterwards. Cannot be undone."
    )
    async def delete_email(self, info: Info, input: Input[DeleteEmailInput]) -> DeleteEmailPayload:
        """Delete an email record."""

        change = deleting(
            info,
            input.email_id,
            lambda email_id: oempro(info).delete_email(info, email_id),
            expect="Email",
            field=_EMAIL_FIELD,
        )
        return await DeleteEmailPayload.run(change, input_paths=_PATHS)

    @strawberry.mutation(
        description="Copy an email record, attachments included (Oempro: Email.Duplicate, then "
        "Email.Get of the copy); the copy's name ends in `(copy)`."
    )
    async def duplicate_email(self, info: Info, input: Input[DuplicateEmailInput]) -> EmailPayload:
        """Copy an email record."""

        async def change() -> Email:
            return await oempro(info).duplicate_email(info, _email_id(info, input.email_id))

        return await EmailPayload.run(change, input_paths=_PATHS)

    @strawberry.mutation(
        description="Send a test of an email to one address (Oempro: Email.EmailPreview, then "
        "Email.Get); the payload's email is the one sent. Each call sends one more message."
    )
    async def send_test_email(self, info: Info, input: Input[SendTestEmailInput]) -> EmailPayload:
        """Send a test of an email."""

        async def change() -> Email:
            email_id = _email_id(info, input.email_id)
            address = check_email(input.to, field=("input", "to"))
            target = None
            if input.list_id is not None:
                target = list_id(info, input.list_id, field=("input", "listId"))
            campaign = None
            if input.campaign_id is not None:
                campaign = plain_id(
                    info, input.campaign_id, expect="Campaign", field=("input", "campaignId")
                )
            return await oempro(info).send_test_email(
                info,
                email_id,
                address,
                list_id=target,
                campaign_id=campaign,
                add_header_footer=input.add_header_footer,
            )

        return await EmailPayload.run(change, input_paths=_PATHS)
