"""Oempro design templates: read (the scope's own and the administrator's global ones) and
written (a user's own).

What costs calls: a scope's templates, one ``Email.Templates.Get`` per request (an email's
template is found in it, so the templates of any number of emails cost that one call); a
template by id, one ``Email.Template.Get``. ``Email.Template.Delete`` passes over ids it does
not know (or may not change): the template is read first, and NOT_FOUND (``Templates``) when
the login has none such.
"""

from __future__ import annotations

from mailgql.data.oempro._base import PLATFORM, shown
from mailgql.data.oempro.sessions import AccountReads
from mailgql.data.oempro.stale_content import stale_templates
from mailgql.loaders.oempro_keys import Scope, ScopedId
from mailgql.upstreams.errors import UpstreamForbidden
from mailgql.upstreams.oempro.content_records import EmailTemplate, TemplateValues

__all__ = ["TemplateData", "TemplateValues"]


class TemplateData(AccountReads):
    """Templates of one scope (``as_user``), and their writes in the login's own session."""

    async def templates(self, *, as_user: int | None = None) -> tuple[EmailTemplate, ...]:
        """Every template the scope sees (one ``Email.Templates.Get`` per request)."""
        return await self._content.templates.get(Scope(as_user))

    async def template(
        self, template_id: int, *, as_user: int | None = None
    ) -> EmailTemplate | None:
        """One template by id (``Email.Template.Get``); None when the scope does not see it."""
        return await self._content.template_by_id.get(ScopedId(template_id, as_user))

    async def listed_template(
        self, template_id: int | None, *, as_user: int | None = None
    ) -> EmailTemplate | None:
        """A template from the scope's listing (an email's, say); None for none or unknown."""
        if template_id is None:
            return None
        listed = await self.templates(as_user=as_user)
        return next((t for t in listed if t.template_id == template_id), None)

    async def create_template(self, values: TemplateValues) -> int:
        """``Email.Template.Create``; the new template's id."""
        call = self._client.create_template(values)
        return await self._write(call, stale=stale_templates(None))

    async def update_template(self, template_id: int, values: TemplateValues) -> None:
        """``Email.Template.Update`` with the given values only."""
        call = self._client.update_template(template_id, values)
        await self._write(call, stale=stale_templates(template_id))

    async def delete_template(self, template_id: int) -> None:
        """``Email.Template.Delete`` of a template the login has and may change: NOT_FOUND
        (``Templates``) for one it does not see, FORBIDDEN for a global one unless the login is
        the administrator, both before any write."""
        found = shown(await self.template(template_id), "template", template_id, field="Templates")
        if found.owner_user_id is None and (await self.caller()).kind != "admin":
            raise UpstreamForbidden(
                f"Oempro template {template_id} is the administrator's, shared with every user: "
                "only the administrator may delete it",
                platform=PLATFORM,
                field="Templates",
            )
        await self._write(
            self._client.delete_templates([template_id]), stale=stale_templates(template_id)
        )
