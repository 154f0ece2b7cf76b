"""Oempro email records (content objects): read, written, copied, tested.

What costs calls: the scope's emails, one ``Emails.Get`` per request (a campaign's email comes
from it too when two or more are asked, see ``loaders.oempro``); an email's spam score, one
``Email.SpamTest`` each; merge tags, one ``Email.PersonalizationTags`` per set of scopes.

``create_email`` is two calls, ``Email.Create`` then ``Email.Update``: Oempro has no atomic
create-with-content. When the update is refused or fails, the blank record is deleted again
(``Email.Delete``) and the failure raised as it came, so a retry leaves no orphan behind; if
that clean-up fails too, the error says which record is left (``data._undo``). An update that
Oempro refuses changes nothing: it validates every value before it stores any.
"""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

from mailgql.data._undo import undo_on_failure
from mailgql.data.oempro._base import PLATFORM, shown
from mailgql.data.oempro.campaigns import CampaignReads
from mailgql.data.oempro.stale_content import stale_email_content
from mailgql.loaders.oempro_content import MergeTagsKey
from mailgql.loaders.oempro_keys import ScopedId
from mailgql.upstreams.changes import Changes
from mailgql.upstreams.oempro import OemproClient
from mailgql.upstreams.oempro.content_records import PersonalizationTag, SpamTest

__all__ = ["EmailData", "EmailFields", "ValidateScope", "update_email"]

ValidateScope = Literal["Campaign", "AutoResponder", "OptIn"]
"""What an email is for, which decides the links its content must hold."""


@dataclass(frozen=True, slots=True)
class EmailFields(Changes):
    """What ``Email.Update`` may set; None leaves a value as it is."""

    name: str | None = None
    subject: str | None = None
    from_name: str | None = None
    from_email: str | None = None
    reply_to_name: str | None = None
    reply_to_email: str | None = None
    html: str | None = None
    plain: str | None = None
    mode: str | None = None
    fetch_url: str | None = None
    template_id: int | None = None
    image_embedding: bool | None = None


def update_email(
    client: OemproClient, email_id: int, scope: ValidateScope, values: EmailFields
) -> Awaitable[None]:
    """``Email.Update`` with ``values``: each is the command's argument of the same name, but
    for the content (``html_content``, ``plain_content``)."""
    arguments = asdict(values)
    html, plain = arguments.pop("html"), arguments.pop("plain")
    return client.update_email(
        email_id, validate_scope=scope, html_content=html, plain_content=plain, **arguments
    )


class EmailData(CampaignReads):
    """Email records of one scope (``as_user``), and their writes in the login's own session."""

    async def spam_test(self, email_id: int, *, as_user: int | None = None) -> SpamTest:
        """``Email.SpamTest`` of an email (one call per email and request)."""
        return await self._content.spam_tests.get(ScopedId(email_id, as_user))

    async def personalization_tags(
        self, scopes: Sequence[str], list_ids: Sequence[int] = (), *, as_user: int | None = None
    ) -> tuple[PersonalizationTag, ...]:
        """The merge tags of ``scopes`` (and of ``list_ids``' custom fields)."""
        key = MergeTagsKey(tuple(sorted(set(scopes))), tuple(sorted(set(list_ids))), as_user)
        return await self._content.merge_tags.get(key)

    # -- writes -----------------------------------------------------------------------------------

    async def create_email(self, scope: ValidateScope, values: EmailFields) -> int:
        """``Email.Create`` then ``Email.Update`` with ``values``; the new id (see the module
        docstring for what happens when the second call fails)."""
        client = self._client
        async with undo_on_failure(PLATFORM, "createEmail") as undo:
            email_id = await self._write(client.create_email(), stale=stale_email_content(None))

            async def delete_blank() -> None:
                await self._write(
                    client.delete_email(email_id), stale=stale_email_content(email_id)
                )

            undo.add(f"email {email_id}", delete_blank)
            await self._send_update(email_id, scope, values)
        return email_id

    async def update_email(self, email_id: int, scope: ValidateScope, values: EmailFields) -> None:
        """``Email.Update`` with the given values only; with none, Oempro checks the content
        against ``scope`` again (and keeps it as the email's purpose)."""
        await self._send_update(email_id, scope, values)

    async def _send_update(self, email_id: int, scope: ValidateScope, values: EmailFields) -> None:
        call = update_email(self._client, email_id, scope, values)
        await self._write(call, stale=stale_email_content(email_id))

    async def delete_email(self, email_id: int) -> None:
        """``Email.Delete`` of an email the login has; NOT_FOUND (``EmailID``) before any call
        otherwise, since the command passes over an unknown id without a word."""
        shown(await self.email(email_id), "email", email_id, field="EmailID")
        await self._write(self._client.delete_email(email_id), stale=stale_email_content(email_id))

    async def duplicate_email(self, email_id: int) -> int:
        """``Email.Duplicate``; the copy's id."""
        return await self._write(
            self._client.duplicate_email(email_id), stale=stale_email_content(None)
        )

    async def send_test_email(
        self,
        email_id: int,
        address: str,
        *,
        list_id: int | None = None,
        campaign_id: int | None = None,
        add_header_footer: bool | None = None,
    ) -> None:
        """``Email.EmailPreview``: a test of an email to one address. It changes no record."""
        await self._write(
            self._client.send_test_email(
                email_id,
                address,
                list_id=list_id,
                campaign_id=campaign_id,
                add_header_footer=add_header_footer,
            ),
            stale=[],
        )
