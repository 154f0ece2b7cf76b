"""Design templates (contract §14, ``Email.Template.*``) — user and admin scope.

A user sees its own templates and the administrator's global ones (``RelOwnerUserID`` 0) and
changes only its own; the administrator sees and changes all, creating global ones unless it
names an owner. Codes are our reading of the "small 1-3 sets" the contract records: create 1 name
missing, 2 no content (neither body), 3 invalid owner; get and update 1 id missing, 2 not found,
update 3 blank name; delete 1 ids missing.
"""

from __future__ import annotations

from mailgql.emulators.oempro.commands._base import (
    ADMIN,
    USER,
    Call,
    CommandTable,
    found,
    listing,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.records import User
from mailgql.emulators.oempro.records.content import Template

__all__ = ["COMMANDS"]

_BOTH = USER | ADMIN

COMMANDS = CommandTable()

_TEXT = Template.COLUMNS[2:]
"""Every column but the template's id and its owner's."""
_ID = ("TemplateID", 1, "Template id is missing")


def _user_id(call: Call) -> int | None:
    """The calling user's id; None for the administrator."""
    return call.principal.id if isinstance(call.principal, User) else None


def _visible(call: Call, template: Template) -> bool:
    user_id = _user_id(call)
    return user_id is None or template.owner_id in (0, user_id)


def _changeable(call: Call, template_id: int | None) -> Template | None:
    found = call.state.content.templates.get(template_id) if template_id is not None else None
    if found is None:
        return None
    user_id = _user_id(call)
    return found if user_id is None or found.owner_id == user_id else None


@COMMANDS.register("Email.Templates.Get", _BOTH)
def templates_get(call: Call) -> Outcome:
    """``Email.Templates.Get``: the templates the caller sees (admin: ``UserID`` filters)."""
    rows = [t for t in call.state.content.templates.values() if _visible(call, t)]
    wanted = call.params.integer("UserID")
    if _user_id(call) is None and wanted is not None:
        rows = [t for t in rows if t.owner_id in (0, wanted)]
    return listing(call, rows, default="TemplateID", key="Templates", total="TotalTemplateCount")


@COMMANDS.register("Email.Template.Get", _BOTH)
@requires(_ID)
def template_get(call: Call) -> Outcome:
    """``Email.Template.Get``: one template under ``Template``; 2 when not seen."""
    found = call.state.content.templates.get(call.params.integer("TemplateID") or 0)
    if found is None or not _visible(call, found):
        return fail((2, "Template not found"))
    return ok(Template=found.row())


@COMMANDS.register("Email.Template.Create", _BOTH)
@requires(("TemplateName", 1, "Template name is missing"))
def template_create(call: Call) -> Outcome:
    """``Email.Template.Create``: 1 name missing, 2 no content, 3 invalid owner (admin)."""
    p = call.params
    if not (p.filled("TemplateHTMLContent") or p.filled("TemplatePlainContent")):
        return fail((2, "Template content is missing"))
    owner = _user_id(call)
    if owner is None:
        owner = p.integer("RelOwnerUserID") or 0
        if owner and owner not in call.state.users:
            return fail((3, "Invalid owner user id"))
    template_id = call.state.next_id("template")
    template = Template(TemplateID=str(template_id), RelOwnerUserID=str(owner))
    for column in _TEXT:
        template[column] = p.text(column) or ""
    template["TemplateName"] = p.filled("TemplateName") or ""
    call.state.content.templates[template_id] = template
    return ok(TemplateID=template_id)


@COMMANDS.register("Email.Template.Update", _BOTH)
@requires(_ID)
def template_update(call: Call) -> Outcome:
    """``Email.Template.Update``: 1 id missing, 2 not found (or not the caller's), 3 blank name."""
    p = call.params
    template = found(_changeable(call, p.integer("TemplateID")), (2, "Template not found"))
    if p.present("TemplateName") and not p.filled("TemplateName"):
        return fail((3, "Template name is empty"))
    for column in _TEXT:
        if p.present(column):
            template[column] = p.text(column) or ""
    return ok()


@COMMANDS.register("Email.Template.Delete", _BOTH)
def template_delete(call: Call) -> Outcome:
    """``Email.Template.Delete``: a comma list ``Templates``; others' are left alone."""
    ids = call.params.ids("Templates")
    if not ids:
        return fail((1, "Template ids are missing"))
    for template_id in ids:
        if _changeable(call, template_id) is not None:
            del call.state.content.templates[template_id]
    return ok()
