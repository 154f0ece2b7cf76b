"""Design template mutations (Oempro): create, update and delete a user's own templates."""

from __future__ import annotations

import strawberry

from mailgql.data.oempro.templates import TemplateValues
from mailgql.graph.context import Info
from mailgql.graph.emails import EmailTemplate
from mailgql.graph.mutations._oempro import Numbered, oempro
from mailgql.graph.mutations._run import Input, input_paths, input_type, mutation, optional
from mailgql.graph.mutations.payloads import (
    DeleteEmailTemplatePayload,
    EmailTemplatePayload,
)
from mailgql.platforms import Platform

__all__ = [
    "CreateEmailTemplateInput",
    "DeleteEmailTemplateInput",
    "TemplateMutation",
    "UpdateEmailTemplateInput",
]

_P = Platform.OEMPRO
_TEMPLATE = "The template: an EmailTemplate global ID or the plain Oempro template id."
_PATHS = input_paths(
    {
        "TemplateID": "templateId",
        "Templates": "templateId",
        "TemplateName": "name",
        "TemplateHTMLContent": "htmlContent",
    }
)
_TEMPLATES = Numbered("EmailTemplate", _PATHS["TemplateID"])
_CREATE_PATHS = _TEMPLATES.unnamed_in(_PATHS)


@input_type
class _TemplateValues:
    """The parts of a template; each left out stays as it is."""

    description: str | None = optional("What it looks like, in words.")
    subject: str | None = optional("The subject emails start with.")
    html_content: str | None = optional("The HTML body (at most 1 MB of UTF-8).")
    plain_content: str | None = optional("The text body (at most 1 MB of UTF-8).")
    thumbnail_path: str | None = optional("Where its preview image is.")


@input_type
class CreateEmailTemplateInput(_TemplateValues):
    """A new design template of the login's user (Oempro); it needs a body (`htmlContent` or
    `plainContent`)."""

    name: str = strawberry.field(description="Its name (not blank).")


@input_type
class UpdateEmailTemplateInput(_TemplateValues):
    """Change a design template (Oempro): only the parts given."""

    template_id: strawberry.ID = strawberry.field(description=_TEMPLATE)
    name: str | None = optional("A new name (not blank).")


@input_type
class DeleteEmailTemplateInput:
    """Delete a design template (Oempro)."""

    template_id: strawberry.ID = strawberry.field(description=_TEMPLATE)


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

    @mutation
    async def create_email_template(
        self, info: Info, input: Input[CreateEmailTemplateInput]
    ) -> EmailTemplatePayload:
        """Create a design template of the login's user (Oempro: Email.Template.Create, then
        Email.Template.Get)."""

        async def change() -> EmailTemplate:
            return await oempro(info).create_template(info, _values(input, input.name))

        return await EmailTemplatePayload.run(change, input_paths=_CREATE_PATHS)

    @mutation
    async def update_email_template(
        self, info: Info, input: Input[UpdateEmailTemplateInput]
    ) -> EmailTemplatePayload:
        """Change a design template: only the parts given (Oempro: Email.Template.Update, then
        Email.Template.Get). A global template is the administrator's: a user login gets
        NOT_FOUND for it."""

        async def change() -> EmailTemplate:
            template_id = _TEMPLATES.number(info, input.template_id)
            return await oempro(info).update_template(info, template_id, _values(input, input.name))

        return await EmailTemplatePayload.run(change, input_paths=_PATHS)

    @mutation
    async def delete_email_template(
        self, info: Info, input: Input[DeleteEmailTemplateInput]
    ) -> DeleteEmailTemplatePayload:
        """Delete a design template (Oempro: Email.Template.Get to check it, then
        Email.Template.Delete). A global template may be deleted by the administrator only
        (FORBIDDEN otherwise). Cannot be undone."""

        change = _TEMPLATES.deleting(
            info,
            input.template_id,
            lambda template_id: oempro(info).delete_template(info, template_id),
        )
        return await DeleteEmailTemplatePayload.run(change, input_paths=_PATHS)
