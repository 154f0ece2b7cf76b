"""List integration mutations (Oempro): add and delete a list's web-service hooks, and have
Oempro probe a URL before it becomes one."""

from __future__ import annotations

from typing import Self

import strawberry

from mailgql.data.oempro import OemproData
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, UserError
from mailgql.graph.list_integration import ListHook, ListHookEvent
from mailgql.graph.mutations._oempro import OemproListInput, on_list, on_list_part
from mailgql.graph.mutations._run import (
    Input,
    RefusedFirst,
    attempt,
    input_paths,
    input_type,
    mutation,
)
from mailgql.graph.mutations.payloads import (
    DeleteListHookPayload,
    ListHookPayload,
)
from mailgql.graph.platforms.oempro import OemproGraph
from mailgql.graph.platforms.oempro.list_integration import hook_event, to_hook
from mailgql.graph.validation import check_not_blank, plain_legacy_id

__all__ = [
    "AddListHookInput",
    "DeleteListHookInput",
    "ListHookMutation",
    "TestListHookUrlInput",
    "TestListHookUrlPayload",
]

_PATHS = input_paths(
    {
        "SubscriberListID": "listId",
        "URL": "url",
        "Event": "event",
        "URLs": "hookId",
    }
)
_HOOK_ID = _PATHS["URLs"]
_URL = _PATHS["URL"]


@input_type
class AddListHookInput(OemproListInput):
    """A URL a list calls on one of its events (Oempro)."""

    event: ListHookEvent = strawberry.field(description="When the list calls it.")
    url: str = strawberry.field(description="The URL called: `http://` or `https://`.")


@input_type
class DeleteListHookInput(OemproListInput):
    """Delete a web-service hook of a list (Oempro)."""

    hook_id: strawberry.ID = strawberry.field(
        description="The hook: its `legacyId` (Oempro `WebServiceIntegrationID`) in this list."
    )


@input_type
class TestListHookUrlInput:
    """A URL for Oempro to call once, to see whether it answers."""

    url: str = strawberry.field(description="The URL to probe: `http://` or `https://`.")


@strawberry.type(description="What Oempro's probe of a URL found.")
class TestListHookUrlPayload(RefusedFirst):
    """What Oempro's probe of a URL found."""

    url: str | None = strawberry.field(
        description="The URL probed (as given, trimmed); null when the input was refused "
        "before it was read."
    )
    reachable: bool | None = strawberry.field(
        description="True: Oempro called the URL and it answered. False: Oempro called it and "
        "it failed (the reason is in `userErrors`, with Oempro's code). Null: it was not probed "
        "(the URL was refused first)."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why the URL was refused or the probe failed; empty when it answered."
    )

    @classmethod
    def refused_first(cls, errors: list[UserError]) -> Self:
        """A refusal made before the probe (an input rule): nothing was probed."""
        return cls(url=None, reachable=None, user_errors=errors)


def _hook_id(value: str) -> int:
    number = plain_legacy_id(value.strip(), field=_HOOK_ID, what="hook")
    if number is None:
        raise BadUserInput(f"{value[:40]!r} is not a hook id", field=_HOOK_ID)
    return number


def _url(value: str) -> str:
    url = check_not_blank(value, field=_URL, what="url")
    if not url.lower().startswith(("http://", "https://")) or any(c.isspace() for c in url):
        raise BadUserInput(f"{url[:60]!r} is not an http:// or https:// URL", field=_URL)
    return url


@strawberry.type
class ListHookMutation:
    """Mutations on list integration hooks."""

    @mutation
    async def add_list_hook(self, info: Info, input: Input[AddListHookInput]) -> ListHookPayload:
        """Have a list call a URL when an address subscribes or unsubscribes (Oempro:
        ListIntegration.AddURL, then ListIntegration.GetURLs of that event)."""

        async def write(_: OemproGraph, target: int) -> ListHook:
            data = info.context.oempro()
            word = hook_event(input.event)
            hook_id = await data.add_hook(target, word, _url(input.url))
            found = next((h for h in await data.hooks(target, word) if h.hook_id == hook_id), None)
            if found is None:
                raise BadUserInput(f"Oempro list {target} does not show its new hook")
            return to_hook(found)

        return await ListHookPayload.run(on_list(info, input.list_id, write), input_paths=_PATHS)

    @mutation
    async def delete_list_hook(
        self, info: Info, input: Input[DeleteListHookInput]
    ) -> DeleteListHookPayload:
        """Stop a list calling a URL (Oempro: ListIntegration.GetURLs to find the hook, then
        ListIntegration.DeleteURLs)."""

        change = on_list_part(
            info, input.list_id, lambda: _hook_id(input.hook_id), OemproData.delete_hook
        )
        return await DeleteListHookPayload.run(change, input_paths=_PATHS)

    @mutation
    async def test_list_hook_url(
        self, info: Info, input: Input[TestListHookUrlInput]
    ) -> TestListHookUrlPayload:
        """Have Oempro call a URL once and say whether it answered, before it becomes a hook
        (Oempro: ListIntegration.TestURL). Changes nothing."""
        url = input.url.strip()
        probed = False

        async def change() -> None:
            nonlocal probed
            data = info.context.oempro()
            checked = _url(input.url)
            probed = True
            await data.probe_hook_url(checked)

        _, errors = await attempt(change, input_paths=_PATHS)
        if not errors:
            return TestListHookUrlPayload(url=url, reachable=True, user_errors=[])
        # Refused before the probe (by us, or by Oempro as a bad URL): nothing was called.
        refused_first = not probed or any(e.code == "BAD_USER_INPUT" for e in errors)
        return TestListHookUrlPayload(
            url=url, reachable=None if refused_first else False, user_errors=errors
        )
