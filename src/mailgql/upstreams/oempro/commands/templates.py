"""Commands about design templates (contract §14, ``Email.Template.*``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mailgql.upstreams.oempro.commands import value_forms
from mailgql.upstreams.oempro.commands._base import Command, Form, created, listing, record, write
from mailgql.upstreams.oempro.commands._form import ids
from mailgql.upstreams.oempro.content_records import EmailTemplate, TemplateValues
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


def create_template(values: TemplateValues) -> Command[int]:
    """``Email.Template.Create``; the new template's id (a user's own template). The name is
    always sent: empty when not given."""
    form = value_forms.template_form(replace(values, name=values.name or ""))
    return created("Email.Template.Create", form, "TemplateID")


def update_template(template_id: int, values: TemplateValues) -> Command[None]:
    """``Email.Template.Update``: change only what is given."""
    form: Form = [("TemplateID", str(template_id)), *value_forms.template_form(values)]
    return write("Email.Template.Update", form)


def delete_templates(template_ids: Sequence[int]) -> Command[None]:
    """``Email.Template.Delete``: a comma list ``Templates``."""
    return write("Email.Template.Delete", [("Templates", ids(template_ids))])
