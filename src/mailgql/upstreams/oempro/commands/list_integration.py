"""List integration (contract §16): web-service hooks and the form code of a list.

``ListIntegration.TestURL`` asks the server to call a URL once and say whether it answered; it
is sent as a write (never repeated on a lost answer), since the server makes a request of its
own.
"""

from __future__ import annotations

from collections.abc import Sequence

from mailgql.upstreams.oempro.commands._base import Command, Form, created, listing, write
from mailgql.upstreams.oempro.commands._form import ids
from mailgql.upstreams.oempro.list_records import HookEvent, IntegrationHook
from mailgql.upstreams.oempro.records import Page
from mailgql.upstreams.oempro.wire.list_side import parse_form_code, parse_hook

__all__ = [
    "add_hook",
    "delete_hooks",
    "get_hooks",
    "probe_hook_url",
    "subscription_form",
    "unsubscription_form",
]


def get_hooks(
    list_id: int, event: HookEvent, *, as_user: int | None = None
) -> Command[Page[IntegrationHook]]:
    """``ListIntegration.GetURLs``: the hooks of one list for one event (unpaged)."""
    form: Form = [("SubscriberListID", str(list_id)), ("Event", event)]
    return listing("ListIntegration.GetURLs", form, "URLs", parse_hook, totals=(), as_user=as_user)


def add_hook(list_id: int, event: HookEvent, url: str) -> Command[int]:
    """``ListIntegration.AddURL``; the new hook's id."""
    form: Form = [("SubscriberListID", str(list_id)), ("Event", event), ("URL", url)]
    return created("ListIntegration.AddURL", form, "WebServiceIntegrationID")


def delete_hooks(hook_ids: Sequence[int]) -> Command[None]:
    """``ListIntegration.DeleteURLs``: a comma list of hook ids."""
    return write("ListIntegration.DeleteURLs", [("URLs", ids(hook_ids))])


def probe_hook_url(url: str) -> Command[None]:
    """``ListIntegration.TestURL``: the server probes the URL; a refusal says it failed."""
    return write("ListIntegration.TestURL", [("URL", url)])


def _form_code(name: str, form: Form, as_user: int | None) -> Command[str]:
    return Command(
        name,
        form,
        decode=lambda data: parse_form_code(data, command=name),
        read=True,
        as_user=as_user,
    )


def subscription_form(
    list_id: int, custom_field_ids: Sequence[int] = (), *, as_user: int | None = None
) -> Command[str]:
    """``ListIntegration.GenerateSubscriptionFormHTMLCode`` with the given fields on it."""
    form: Form = [("SubscriberListID", str(list_id))]
    if custom_field_ids:
        form.append(("CustomFields", ids(custom_field_ids)))
    return _form_code("ListIntegration.GenerateSubscriptionFormHTMLCode", form, as_user)


def unsubscription_form(list_id: int, *, as_user: int | None = None) -> Command[str]:
    """``ListIntegration.GenerateUnsubscriptionFormHTMLCode``."""
    form: Form = [("SubscriberListID", str(list_id))]
    return _form_code("ListIntegration.GenerateUnsubscriptionFormHTMLCode", form, as_user)
