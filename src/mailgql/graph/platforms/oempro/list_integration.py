"""Oempro list integration in the graph: a list's hooks and form code."""

from __future__ import annotations

from collections.abc import Sequence

from mailgql.data.oempro import OemproData
from mailgql.data.oempro.list_integration import HOOK_EVENTS
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput
from mailgql.graph.list_integration import ListHook, ListHookEvent
from mailgql.graph.lists import MailingList, Subscriber
from mailgql.graph.platforms.oempro.mapping import read_of, to_list
from mailgql.graph.validation import MAX_IDS, plain_legacy_id
from mailgql.upstreams.oempro import MailingList as ListRecord, Subscriber as SubscriberRecord
from mailgql.upstreams.oempro.list_records import HookEvent, IntegrationHook

__all__ = ["hook_event", "list_form_code", "list_hooks", "subscribed_lists", "to_hook"]

_FIELD_IDS = ("customFieldIds",)

_EVENTS: dict[ListHookEvent, HookEvent] = {
    ListHookEvent.SUBSCRIPTION: "subscription",
    ListHookEvent.UNSUBSCRIPTION: "unsubscription",
}


def _data(info: Info) -> OemproData:
    return info.context.oempro()


def hook_event(event: ListHookEvent) -> HookEvent:
    """The word ``ListIntegration`` uses for an event."""
    return _EVENTS[event]


def to_hook(record: IntegrationHook) -> ListHook:
    """A hook row as a ListHook."""
    event = next(e for e, word in _EVENTS.items() if word == record.event)
    return ListHook(legacy_id=str(record.hook_id), event=event, url=record.url)


async def list_hooks(
    info: Info, mailing_list: MailingList, event: ListHookEvent | None
) -> list[ListHook]:
    """The list's hooks for one event, or for both (one ``ListIntegration.GetURLs`` each)."""
    read = read_of(mailing_list._record, ListRecord)
    data = _data(info)
    events = (
        HOOK_EVENTS if event is None else (next(e for e in HOOK_EVENTS if e == _EVENTS[event]),)
    )
    out: list[ListHook] = []
    for word in events:
        found = await data.hooks(read.record.list_id, word, as_user=read.as_user)
        out.extend(to_hook(h) for h in found)
    return out


def _field_ids(values: Sequence[str]) -> list[int]:
    """Custom field ids as a form's argument gives them: at most MAX_IDS plain ids."""
    if len(values) > MAX_IDS:
        raise BadUserInput(f"give at most {MAX_IDS} custom fields", field=_FIELD_IDS)
    out = []
    for index, value in enumerate(values):
        path = (*_FIELD_IDS, str(index))
        number = plain_legacy_id(value.strip(), field=path, what="custom field")
        if number is None:
            raise BadUserInput(f"{value[:40]!r} is not a custom field id", field=path)
        out.append(number)
    return out


async def list_form_code(
    info: Info, mailing_list: MailingList, *, subscribe: bool, field_ids: Sequence[str] = ()
) -> str:
    """The list's sign-up form (with the custom fields given by ``legacyId``) or opt-out form,
    as HTML."""
    ids = _field_ids(field_ids)
    read = read_of(mailing_list._record, ListRecord)
    return await _data(info).form_code(
        read.record.list_id, subscribe=subscribe, field_ids=ids, as_user=read.as_user
    )


async def subscribed_lists(info: Info, subscriber: Subscriber) -> list[MailingList]:
    """The lists the subscriber area shows a subscriber, read in the scope its list was."""
    read = read_of(subscriber._record, SubscriberRecord)
    records = await _data(info).subscribed_lists(read.record)
    return [to_list(r, read.as_user) for r in records]
