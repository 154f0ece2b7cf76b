"""List integration (contract §16) — user scope: web-service hooks and form code.

``ListIntegration.TestURL`` never calls the URL it is given (the emulator makes no request of
its own): it answers from the contract's codes alone, 1 when no URL is sent, success otherwise.
Form code comes as an array of HTML-escaped lines, as the 5.x documentation shows it. A list
the caller does not own reads as code 1 for the form commands (the only code documented).
"""

from __future__ import annotations

import functools
import html
import re

from mailgql.emulators.oempro.commands._base import (
    USER,
    Call,
    CommandTable,
    absent,
    delete_listed,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.records import CustomField, SubscriberList, owned_by
from mailgql.emulators.oempro.records.automation import IntegrationHook

__all__ = ["COMMANDS", "EVENTS"]

COMMANDS = CommandTable()

EVENTS = ("subscription", "unsubscription")
_FORM_ACTION = "https://oempro.example/subscribe.php"
_OPT_OUT_ACTION = "https://oempro.example/unsubscribe.php"
_OPTION = re.compile(r"\[\[(.*?)\]\|\|\[(.*?)\]\]")
_LIST_MISSING = ("SubscriberListID", 1, "Subscriber list id is missing")


def _event(call: Call) -> str | None:
    value = (call.params.filled("Event") or "").lower()
    return value if value in EVENTS else None


@COMMANDS.register("ListIntegration.AddURL", USER)
def add_url(call: Call) -> Outcome:
    """``ListIntegration.AddURL``: 1 list id, 2 URL, 3 event missing; 4 invalid list."""
    p = call.params
    errors = absent(p, (_LIST_MISSING, ("URL", 2, "URL is missing")))
    if _event(call) is None:
        errors.append((3, "Event is missing"))
    if errors:
        return fail(*errors)
    lst = call.owned(call.state.owned_list, "SubscriberListID", (4, "Invalid subscriber list id"))
    hook_id = call.state.next_id("integration")
    call.state.list_side.hooks[hook_id] = IntegrationHook.in_list(
        hook_id, lst, EventType=_event(call) or "", ServiceURL=p.filled("URL") or ""
    )
    return ok(WebServiceIntegrationID=hook_id)


@COMMANDS.register("ListIntegration.GetURLs", USER)
@requires(_LIST_MISSING)
def get_urls(call: Call) -> Outcome:
    """``ListIntegration.GetURLs``: a list's hooks for one event; another user's list has none
    (and no event is every event)."""
    lst = call.state.owned_list(call.user.id, call.params.integer("SubscriberListID"))
    if lst is None:
        return ok(URLs=[])
    event = _event(call)
    events = (event,) if event is not None else EVENTS
    rows = [h for e in events for h in call.state.list_side.hooks_of(lst.id, e)]
    return ok(URLs=[h.row() for h in sorted(rows, key=lambda h: h.id)])


@COMMANDS.register("ListIntegration.DeleteURLs", USER)
def delete_urls(call: Call) -> Outcome:
    """``ListIntegration.DeleteURLs``: a comma list of hook ids; others' hooks are left."""
    hooks = call.state.list_side.hooks
    owned = functools.partial(owned_by, hooks, call.user.id)
    return delete_listed(call, "URLs", "Integration URL ids are missing", owned, hooks.pop)


@COMMANDS.register("ListIntegration.TestURL", USER)
@requires(("URL", 1, "URL is missing"))
def test_url(call: Call) -> Outcome:
    """``ListIntegration.TestURL``: 1 when no URL is sent; the URL itself is never called."""
    return ok()


def _field_line(custom: CustomField) -> list[str]:
    name = f"FormValue_CustomField{custom.id}"
    label = f'<label for="{name}">{html.escape(custom["FieldName"])}</label>'
    options = [value for _, value in _OPTION.findall(custom["FieldOptions"])]
    if options:
        items = "".join(
            f'<option value="{html.escape(o)}">{html.escape(o)}</option>' for o in options
        )
        return [label, f'<select name="{name}" id="{name}">{items}</select>']
    return [label, f'<input type="text" name="{name}" id="{name}" value="">']


def _form_start(action: str, lst: SubscriberList, command: str) -> list[str]:
    """A form's first lines: where it posts, the list and command it sends, the address."""
    return [
        f'<form action="{action}" method="post">',
        f'<input type="hidden" name="FormValue_ListID" value="{lst.id}">',
        f'<input type="hidden" name="FormValue_Command" value="{command}">',
        '<label for="FormValue_Email">Email address</label>',
        '<input type="text" name="FormValue_Email" id="FormValue_Email" value="">',
    ]


def _escaped(lines: list[str]) -> list[str]:
    return [html.escape(line, quote=True) for line in lines]


@COMMANDS.register("ListIntegration.GenerateSubscriptionFormHTMLCode", USER)
@requires(_LIST_MISSING)
def subscription_form(call: Call) -> Outcome:
    """``ListIntegration.GenerateSubscriptionFormHTMLCode`` with the ``CustomFields`` asked."""
    lst = call.owned(
        call.state.owned_list, "SubscriberListID", (1, "Subscriber list id is missing")
    )
    wanted = call.params.ids("CustomFields")
    fields = [f for f in call.state.fields_of(lst.id) if f.id in wanted]
    lines = _form_start(_FORM_ACTION, lst, "Subscriber.Subscribe")
    for custom in fields:
        lines += _field_line(custom)
    lines += ['<input type="submit" value="Subscribe">', "</form>"]
    return ok(HTMLCode=_escaped(lines))


@COMMANDS.register("ListIntegration.GenerateUnsubscriptionFormHTMLCode", USER)
@requires(_LIST_MISSING)
def unsubscription_form(call: Call) -> Outcome:
    """``ListIntegration.GenerateUnsubscriptionFormHTMLCode``."""
    lst = call.owned(
        call.state.owned_list, "SubscriberListID", (1, "Subscriber list id is missing")
    )
    lines = _form_start(_OPT_OUT_ACTION, lst, "Subscriber.Unsubscribe")
    lines += ['<input type="submit" value="Unsubscribe">', "</form>"]
    return ok(HTMLCode=_escaped(lines))
