"""Commands about design templates (contract §14, ``Email.Template.*``)."""

from __future__ import annotations

from collections.abc import Sequence

from mailgql.upstreams.oempro.commands._base import Command, Form, created, listing, record, write
from mailgql.upstreams.oempro.commands._form import given, ids
from mailgql.upstreams.oempro.content_records import EmailTemplate
from mailgql.upstreams.oempro.records import Page
from mailgql.upstreams.oempro.wire import content as wire_content

__all__ = [
    "create_template",
    "delete_templates",
    "get_template",
    "get_templates",
    "update_template",
]


def get_templates(*, as_user: int | None = None) -> Command[Page[EmailTemplate]]:
    """``Email.Templates.Get``: the templates the session sees (its own and the global ones),
    unpaged."""
    return listing(
        "Email.Templates.Get",
        [],
        "Templates",
        wire_content.parse_email_template,
        totals=("TotalTemplateCount", "TotalTemplates"),
        as_user=as_user,
    )


def get_template(template_id: int, *, as_user: int | None = None) -> Command[EmailTemplate]:
    """``Email.Template.Get``: one template under ``Template``."""
    form: Form = [("TemplateID", str(template_id))]
    return record(
        "Email.Template.Get", form, "Template", wire_content.parse_email_template, as_user=as_user
    )


def _values(
    form: Form,
    *,
    name: str | None,
    description: str | None,
    subject: str | None,
    html_content: str | None,
    plain_content: str | None,
    thumbnail_path: str | None,
) -> Form:
    given(form, "TemplateName", name)
    given(form, "TemplateDescription", description)
    given(form, "TemplateSubject", subject)
    given(form, "TemplateHTMLContent", html_content)
    given(form, "TemplatePlainContent", plain_content)
    given(form, "TemplateThumbnailPath", thumbnail_path)
    return form


def create_template(
    name: str,
    *,
    description: str | None = None,
    subject: str | None = None,
    html_content: str | None = None,
    plain_content: str | None = None,
    thumbnail_path: str | None = None,
) -> Command[int]:
    """``Email.Template.Create``; the new template's id (a user's own template)."""
    form = _values(
        [],
        name=name,
        description=description,
        subject=subject,
        html_content=html_content,
        plain_content=plain_content,
        thumbnail_path=thumbnail_path,
    )
    return created("Email.Template.Create", form, "TemplateID")


def update_template(
    template_id: int,
    *,
    name: str | None = None,
    description: str | None = None,
    subject: str | None = None,
    html_content: str | None = None,
    plain_content: str | None = None,
    thumbnail_path: str | None = None,
) -> Command[None]:
    """``Email.Template.Update``: change only what is given."""
    form = _values(
        [("TemplateID", str(template_id))],
        name=name,
        description=description,
        subject=subject,
        html_content=html_content,
        plain_content=plain_content,
        thumbnail_path=thumbnail_path,
    )
    return write("Email.Template.Update", form)


def delete_templates(template_ids: Sequence[int]) -> Command[None]:
    """``Email.Template.Delete``: a comma list ``Templates``."""
    return write("Email.Template.Delete", [("Templates", ids(template_ids))])
