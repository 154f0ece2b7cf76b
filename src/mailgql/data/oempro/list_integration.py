"""Oempro list integration: the web-service hooks a list calls, its form code, and the probe
of a hook's URL.

What costs calls: a list's hooks, one ``ListIntegration.GetURLs`` per list and event per
request; its sign-up or opt-out form code, one ``ListIntegration.Generate…FormHTMLCode`` per
list, kind and set of fields.

A hook delete reads the list's hooks first: ``ListIntegration.DeleteURLs`` says nothing about
ids it did not find, so an id the list lacks is NOT_FOUND (``URLs``) before any write. Probing a
URL (``ListIntegration.TestURL``) changes nothing: it is sent once as a write (the server makes
a request of its own) and makes nothing stale.
"""

from __future__ import annotations

from collections.abc import Sequence

from mailgql.data._facade import Stale
from mailgql.data.oempro._base import not_shown
from mailgql.data.oempro.lists import ListReads
from mailgql.loaders.oempro_lists import FormCode, HookListing
from mailgql.upstreams.oempro.commands.list_integration import (
    add_hook,
    delete_hooks,
    probe_hook_url,
)
from mailgql.upstreams.oempro.list_records import HookEvent, IntegrationHook

__all__ = ["HOOK_EVENTS", "ListIntegrationData", "stale_hooks"]

HOOK_EVENTS: tuple[HookEvent, ...] = ("subscription", "unsubscription")
"""The events a hook is called on."""


def stale_hooks(list_id: int) -> list[Stale]:
    """A list's hooks changed: its hook listings (both events)."""
    return [Stale("list_hooks", (list_id,))]


class ListIntegrationData(ListReads):
    """Hooks and form code of lists."""

    async def hooks(
        self, list_id: int, event: HookEvent, *, as_user: int | None = None
    ) -> tuple[IntegrationHook, ...]:
        """A list's hooks for one event (read once per request)."""
        return await self._list_side.hooks.get(HookListing(list_id, event, as_user))

    async def form_code(
        self,
        list_id: int,
        *,
        subscribe: bool,
        field_ids: Sequence[int] = (),
        as_user: int | None = None,
    ) -> str:
        """A list's sign-up form (with the given custom fields) or opt-out form, as HTML."""
        key = FormCode(list_id, subscribe, tuple(sorted(set(field_ids))), as_user)
        return await self._list_side.form_code.get(key)

    async def add_hook(self, list_id: int, event: HookEvent, url: str) -> int:
        """``ListIntegration.AddURL``; the new hook's id."""
        return await self._write(
            self._client.send(add_hook(list_id, event, url)), stale=stale_hooks(list_id)
        )

    async def delete_hook(self, list_id: int, hook_id: int) -> IntegrationHook:
        """``ListIntegration.DeleteURLs`` of a hook of the list; the hook as it was."""
        for event in HOOK_EVENTS:
            found = next(
                (h for h in await self.hooks(list_id, event) if h.hook_id == hook_id), None
            )
            if found is not None:
                await self._write(
                    self._client.send(delete_hooks([hook_id])), stale=stale_hooks(list_id)
                )
                return found
        raise not_shown("hook", hook_id, field="URLs")

    async def probe_hook_url(self, url: str) -> None:
        """``ListIntegration.TestURL``: the server calls the URL; a refusal says it failed."""
        await self._write(self._client.send(probe_hook_url(url)), stale=())
