"""Per-request loaders of what an Oempro list does by itself: auto responders, web-service
hooks and form code.

- a list's auto responders: one ``AutoResponders.Get`` per list (unpaged), whatever number of
  auto responders, emails or statistics a document asks of it; twenty lists cost twenty calls;
- a list's hooks for one event: one ``ListIntegration.GetURLs`` per list and event;
- a list's form code: one ``ListIntegration.Generate…FormHTMLCode`` per list, kind and set of
  custom fields on the form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from mailgql.loaders._base import LoaderGroup, PerKeyLoader, missing_as_none
from mailgql.loaders.oempro_keys import ScopedId
from mailgql.upstreams.oempro import OemproClient
from mailgql.upstreams.oempro.commands.auto_responders import (
    get_auto_responder,
    get_auto_responders,
)
from mailgql.upstreams.oempro.commands.list_integration import (
    get_hooks,
    subscription_form,
    unsubscription_form,
)
from mailgql.upstreams.oempro.commands.subscriber_area import subscriber_lists, subscriber_login
from mailgql.upstreams.oempro.list_records import AutoResponder, HookEvent, IntegrationHook
from mailgql.upstreams.oempro.records import MailingList

__all__ = [
    "AutoResponderByIdLoader",
    "AutoRespondersByListLoader",
    "FormCode",
    "FormCodeLoader",
    "HookListing",
    "HooksByListLoader",
    "ListSideLoaders",
    "SubscribedListsLoader",
    "SubscriberLogin",
]


class HookListing(NamedTuple):
    """One list's hooks for one event, read in one scope."""

    list_id: int
    event: HookEvent
    as_user: int | None = None


class FormCode(NamedTuple):
    """One list's sign-up (``subscribe``) or opt-out form code, with the fields on a sign-up
    form (sorted ids), read in one scope."""

    list_id: int
    subscribe: bool
    field_ids: tuple[int, ...]
    as_user: int | None = None


class AutoRespondersByListLoader(PerKeyLoader[ScopedId, tuple[AutoResponder, ...]]):
    """Every auto responder of a list with its counters: one ``AutoResponders.Get`` per list."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: ScopedId) -> tuple[AutoResponder, ...]:
            page = await client.send(get_auto_responders(key.id, as_user=key.as_user))
            return page.items

        super().__init__(fetch)


class AutoResponderByIdLoader(PerKeyLoader[ScopedId, AutoResponder | None]):
    """One auto responder with its statistics: ``AutoResponder.Get`` each; None when the scope
    has no such auto responder."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: ScopedId) -> AutoResponder:
            return await client.send(get_auto_responder(key.id, as_user=key.as_user))

        super().__init__(missing_as_none(fetch))


class HooksByListLoader(PerKeyLoader[HookListing, tuple[IntegrationHook, ...]]):
    """A list's hooks for one event: one ``ListIntegration.GetURLs`` each."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: HookListing) -> tuple[IntegrationHook, ...]:
            page = await client.send(get_hooks(key.list_id, key.event, as_user=key.as_user))
            return page.items

        super().__init__(fetch)


class FormCodeLoader(PerKeyLoader[FormCode, str]):
    """A list's form code: one ``ListIntegration.Generate…FormHTMLCode`` each."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: FormCode) -> str:
            if key.subscribe:
                command = subscription_form(key.list_id, key.field_ids, as_user=key.as_user)
            else:
                command = unsubscription_form(key.list_id, as_user=key.as_user)
            return await client.send(command)

        super().__init__(fetch)


class SubscriberLogin(NamedTuple):
    """A subscriber as ``Subscriber.Login`` names it: its list, its id and its address."""

    list_id: int
    subscriber_id: int
    email: str


class SubscribedListsLoader(PerKeyLoader[SubscriberLogin, tuple[MailingList, ...]]):
    """The lists a subscriber is subscribed to: ``Subscriber.Login`` then
    ``Subscriber.GetLists`` in its session, two calls per subscriber (no command reads several
    subscribers' lists, and a subscriber session sees only its own)."""

    def __init__(self, client: OemproClient) -> None:
        async def fetch(key: SubscriberLogin) -> tuple[MailingList, ...]:
            session = await client.send(subscriber_login(key.list_id, key.subscriber_id, key.email))
            return (await client.send(subscriber_lists(session))).items

        super().__init__(fetch)


@dataclass(frozen=True, slots=True)
class ListSideLoaders(LoaderGroup):
    """The list-side loaders of one request, built beside the facade's other loaders."""

    auto_responders: AutoRespondersByListLoader
    auto_responder_by_id: AutoResponderByIdLoader
    hooks: HooksByListLoader
    form_code: FormCodeLoader
    subscribed_lists: SubscribedListsLoader

    renamed: ClassVar[Mapping[str, str]] = {"hooks": "list_hooks", "form_code": "list_form_code"}
    """The hooks and the form code are the list's, to their invalidations."""

    @classmethod
    def build(cls, client: OemproClient) -> ListSideLoaders:
        """Fresh loaders over ``client``."""
        return cls(
            auto_responders=AutoRespondersByListLoader(client),
            auto_responder_by_id=AutoResponderByIdLoader(client),
            hooks=HooksByListLoader(client),
            form_code=FormCodeLoader(client),
            subscribed_lists=SubscribedListsLoader(client),
        )
