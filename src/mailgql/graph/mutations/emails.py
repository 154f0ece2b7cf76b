"""Email record mutations (Oempro): create, update, delete and copy emails; send a test."""

from __future__ import annotations

import enum

import strawberry

from mailgql.data.oempro.emails import EmailFields, ValidateScope
from mailgql.graph.context import Info
from mailgql.graph.emails import Email
from mailgql.graph.mutations._oempro import (
    EMAIL_ID,
    LIST_ID,
    Numbered,
    OemproEmailInput,
    list_id,
    oempro,
    plain_id,
)
from mailgql.graph.mutations._run import Input, input_paths, input_type, mutation, optional
from mailgql.graph.mutations.email_content import sender_and_bodies
from mailgql.graph.mutations.payloads import (
    DeleteEmailPayload,
    EmailPayload,
)
from mailgql.graph.validation import check_email
from mailgql.platforms import Platform

__all__ = [
    "CreateEmailInput",
    "DeleteEmailInput",
    "DuplicateEmailInput",
    "EmailMode",
    "EmailMutation",
    "EmailPurpose",
    "SendTestEmailInput",
    "UpdateEmailInput",
]

_P = Platform.OEMPRO

_PATHS = input_paths(
    {
        "EmailID": "emailId",
        "ValidateScope": "purpose",
        "Mode": "mode",
        "FetchURL": "fetchUrl",
        "RelTemplateID": "templateId",
        "FromEmail": "fromEmail",
        "ReplyToEmail": "replyToEmail",
        "HTMLContent": "htmlContent",
        "PlainContent": "plainContent",
        "EmailAddress": "to",
        "ListID": "listId",
        "CampaignID": "campaignId",
    }
)
_EMAILS = Numbered("Email", _PATHS["EmailID"])
_CREATE_PATHS = _EMAILS.unnamed_in(_PATHS)
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


@input_type
class _EmailValues:
    """The parts of an email record; each left out stays as it is."""

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


@input_type
class CreateEmailInput(_EmailValues):
    """A new email record (Oempro). At least one body is needed unless the mode is IMPORT, and
    each body must hold the links its purpose needs."""


@input_type
class UpdateEmailInput(_EmailValues):
    """Change an email record (Oempro): only the parts given."""

    email_id: strawberry.ID = strawberry.field(description=EMAIL_ID)


@input_type
class DeleteEmailInput(OemproEmailInput):
    """Delete an email record (Oempro)."""


@input_type
class DuplicateEmailInput(OemproEmailInput):
    """Copy an email record (Oempro), attachments included."""


@input_type
class SendTestEmailInput(OemproEmailInput):
    """Send a test of an email to one address (Oempro)."""

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


def _values(info: Info, given: _EmailValues) -> EmailFields:
    template = None
    if given.template_id is not None:
        template = plain_id(
            info, given.template_id, expect="EmailTemplate", field=("input", "templateId")
        )
    return EmailFields(
        name=given.name,
        subject=given.subject,
        **sender_and_bodies(given, ("input",)),
        mode=str(given.mode.value) if given.mode is not None else None,
        fetch_url=given.fetch_url,
        template_id=template,
        image_embedding=given.image_embedding,
    )


@strawberry.type
class EmailMutation:
    """Mutations on email records."""

    @mutation
    async def create_email(self, info: Info, input: Input[CreateEmailInput]) -> EmailPayload:
        """Create an email record with its content (Oempro: Email.Create, then Email.Update with
        the values, then Email.Get). Not atomic on Oempro, which has no create-with-content:
        when Email.Update is refused or fails, the blank record is deleted again (Email.Delete)
        before the refusal is returned, so nothing is left behind."""

        async def change() -> Email:
            values = _values(info, input)
            return await oempro(info).create_email(info, _PURPOSES[input.purpose], values)

        return await EmailPayload.run(change, input_paths=_CREATE_PATHS)

    @mutation
    async def update_email(self, info: Info, input: Input[UpdateEmailInput]) -> EmailPayload:
        """Change an email record: only the parts given (Oempro: Email.Update, then Email.Get).
        Oempro checks every value before it stores any: a refusal changes nothing."""

        async def change() -> Email:
            email_id = _EMAILS.number(info, input.email_id)
            values = _values(info, input)
            return await oempro(info).update_email(info, email_id, _PURPOSES[input.purpose], values)

        return await EmailPayload.run(change, input_paths=_PATHS)

    @mutation
    async def delete_email(self, info: Info, input: Input[DeleteEmailInput]) -> DeleteEmailPayload:
        """Delete an email record (Oempro: Email.Get to check it exists, then Email.Delete). A
        campaign that sends it has no content afterwards. Cannot be undone."""

        change = _EMAILS.deleting(
            info, input.email_id, lambda email_id: oempro(info).delete_email(info, email_id)
        )
        return await DeleteEmailPayload.run(change, input_paths=_PATHS)

    @mutation
    async def duplicate_email(self, info: Info, input: Input[DuplicateEmailInput]) -> EmailPayload:
        """Copy an email record, attachments included (Oempro: Email.Duplicate, then Email.Get
        of the copy); the copy's name ends in `(copy)`."""

        async def change() -> Email:
            return await oempro(info).duplicate_email(info, _EMAILS.number(info, input.email_id))

        return await EmailPayload.run(change, input_paths=_PATHS)

    @mutation
    async def send_test_email(self, info: Info, input: Input[SendTestEmailInput]) -> EmailPayload:
        """Send a test of an email to one address (Oempro: Email.EmailPreview, then Email.Get);
        the payload's email is the one sent. Each call sends one more message."""

        async def change() -> Email:
            email_id = _EMAILS.number(info, input.email_id)
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
