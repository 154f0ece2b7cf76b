"""Design template mutations (Oempro): create, update and delete a user's own templates."""

from __future__ import annotations

import strawberry

from mailgql.data.oempro.templates import TemplateValues
from mailgql.graph.context import Info
from mailgql.graph.emails import EmailTemplate
from mailgql.graph.errors import UserError
from mailgql.graph.mutations._oempro import deleting, oempro, plain_id
from mailgql.graph.mutations._run import Input, optional
from mailgql.graph.mutations.payloads import Payload, changed, deleted, refused
from mailgql.platforms import Platform

__all__ = [
    "CreateEmailTemplateInput",
    "DeleteEmailTemplateInput",
    "DeleteEmailTemplatePayload",
    "EmailTemplatePayload",
    "TemplateMutation",
    "UpdateEmailTemplateInput",
]

_P = Platform.OEMPRO
_TEMPLATE = "The template: an EmailTemplate global ID or the plain Oempro template id."
_TEMPLATE_FIELD = ("input", "templateId")
_PATHS: dict[str, tuple[str, ...]] = {
    "TemplateID": _TEMPLATE_FIELD,
    "Templates": _TEMPLATE_FIELD,
    "TemplateName": ("input", "name"),
    "TemplateHTMLContent": ("input", "htmlContent"),
}
_CREATE_PATHS = {k: v for k, v in _PATHS.items() if v != _TEMPLATE_FIELD}


@strawberry.input(description="The parts of a template; each left out stays as it is.")
class _TemplateValues:
    """The parts of a template."""

    description: str | None = optional("What it looks like, in words.")
    subject: str | None = optional("The subject emails start with.")
    html_content: str | None = optional("The HTML body (at most 1 MB of UTF-8).")
    plain_content: str | None = optional("The text body (at most 1 MB of UTF-8).")
    thumbnail_path: str | None = optional("Where its preview image is.")


@strawberry.input(
    description="A new design template of the login's user (Oempro); it needs a body "
    "(`htmlContent` or `plainContent`)."
)
class CreateEmailTemplateInput(_TemplateValues):
    """A new design template."""

    name: str = strawberry.field(description="Its name (not blank).")


@strawberry.input(description="Change a design template (Oempro): only the parts given.")
class UpdateEmailTemplateInput(_TemplateValues):
    """Change a design template."""

    template_id: strawberry.ID = strawberry.field(description=_TEMPLATE)
    name: str | None = optional("A new name (not blank).")


@strawberry.input(description="Delete a design template (Oempro).")
class DeleteEmailTemplateInput:
    """Delete a design template."""

    template_id: strawberry.ID = strawberry.field(description=_TEMPLATE)


@strawberry.type(description="The template a mutation created or changed, or why it did not.")
class EmailTemplatePayload(Payload[EmailTemplate]):
    """The template a mutation created or changed, or why it did not."""

    template: EmailTemplate | None = changed("template")
    user_errors: list[UserError] = refused("change")


@strawberry.type(description="The template a mutation deleted, or why it did not.")
class DeleteEmailTemplatePayload(Payload[strawberry.ID]):
    """The template a mutation deleted, or why it did not."""

    deleted_template_id: strawberry.ID | None = deleted("template")
    user_errors: list[UserError] = refused("deletion")


def _template_id(info: Info, value: str) -> int:
    return plain_id(info, value, expect="EmailTemplate", field=_TEMPLATE_FIELD)


def _values(given: _TemplateValues, name: str | None) -> TemplateValues:
    return TemplateValues(
        name=name,
        description=given.description,
        subject=given.subject,
        html=given.html_content,
        plain=given.plain_content,
        thumbnail_path=given.thumbnail_path,
    )


@strawberry.type
class TemplateMutation:
    """Mutations on design templates."""

    @strawberry.mutation(
        description="Create a design template of the login's user (Oempro: "
        "Email.Template.Create, then Email.Template.Get)."
    )
    async def create_email_template(
        self, info: Info, input: Input[CreateEmailTemplateInput]
    ) -> EmailTemplatePayload:
        """Create a design template."""

        async def change() -> EmailTemplate:
            return await oempro(info).create_template(info, _values(input, input.name))

        return await EmailTemplatePayload.run(change, input_paths=_CREATE_PATHS)

    @strawberry.mutation(
        description="Change a design template: only the parts given (Oempro: "
        "Email.Template.Update, then Email.Template.Get). A global template is the "
        "administrator's: a user login gets NOT_FOUND for it."
    )
    async def update_email_template(
        self, info: Info, input: Input[UpdateEmailTemplateInput]
    ) -> EmailTemplatePayload:
        """Change a design template."""

        async def change() -> EmailTemplate:
            template_id = _template_id(info, input.template_id)
            return await oempro(info).update_template(info, template_id, _values(input, input.name))

        return await EmailTemplatePayload.run(change, input_paths=_PATHS)

    @strawberry.mutation(
        description="Delete a design template (Oempro: Email.Template.Get to check it, then "
        "Email.Template.Delete). A global template may be deleted by the administrator only "
        "(FORBIDDEN otherwise). Cannot be undone."
    )
    async def delete_email_template(
        self, info: Info, input: Input[DeleteEmailTemplateInput]
    ) -> DeleteEmailTemplatePayload:
        """Delete a design template."""

        change = deleting(
            info,
            input.template_id,
            lambda template_id: oempro(info).delete_template(info, template_id),
            expect="EmailTemplate",
            field=_TEMPLATE_FIELD,
        )
        return await DeleteEmailTemplatePayload.run(change, input_paths=_PATHS)
