"""Subscriber lists and their custom fields (contract §6, §10) — user scope."""

from __future__ import annotations

import functools

from mailgql.emulators.oempro.commands._base import (
    USER,
    Call,
    CommandTable,
    delete_listed,
    listing,
    order_rows,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.params import is_number
from mailgql.emulators.oempro.records import ZERO_DATE, SubscriberList

__all__ = ["COMMANDS", "new_list"]

COMMANDS = CommandTable()

_FRESH_LIST = {
    "OptInMode": "Single",
    "RelOptInConfirmationEmailID": "0",
    "OptOutScope": "This list",
    "OptOutAddToSuppressionList": "No",
    "SendServiceIntegrationFailedNotification": "false",
    "HideInSubscriberArea": "false",
    "SyncStatus": "Disabled",
    "SyncLastDateTime": ZERO_DATE,
}
"""The settings the web UI gives a fresh list."""
_LIST_ID_MISSING = ("SubscriberListID", 1, "Subscriber list id is missing")


def new_list(call: Call, name: str) -> SubscriberList:
    """A list with the defaults the web UI uses for a fresh list."""
    list_id = call.state.next_id("list")
    lst = SubscriberList(
        _FRESH_LIST,
        ListID=str(list_id),
        RelOwnerUserID=str(call.user.id),
        Name=name,
        CreatedOn=call.now,
    )
    call.state.lists[list_id] = lst
    call.state.subscribers[list_id] = {}
    return lst


@COMMANDS.register("List.Create", USER)
@requires(("SubscriberListName", 1, "Subscriber list name is missing"))
def list_create(call: Call) -> Outcome:
    """``List.Create``: 1 name missing, 2 name taken, 3 list quota of the user group reached."""
    name = call.params.filled("SubscriberListName") or ""
    owned = call.state.lists_of(call.user.id)
    if any(lst["Name"].lower() == name.lower() for lst in owned):
        return fail((2, "A subscriber list with this name already exists"))
    group = call.state.groups.get(call.user.number("RelUserGroupID"))
    limit = group.number("LimitLists") if group else 0
    if limit > 0 and len(owned) >= limit:
        return fail((3, "Subscriber list limit of your user group has been exceeded"))
    return ok(ListID=new_list(call, name).id)


@COMMANDS.register("Lists.Get", USER)
def lists_get(call: Call) -> Outcome:
    """``Lists.Get``: every list, unpaged; no list at all reads ``"Lists": false``."""
    rows = order_rows(call.state.lists_of(call.user.id), call.params, default="ListID")
    return ok(Lists=[lst.row() for lst in rows] or False, TotalListCount=len(rows))


@COMMANDS.register("List.Get", USER)
@requires(("ListID", 1, "List id is missing"))
def list_get(call: Call) -> Outcome:
    """``List.Get``: a list unknown to the caller is ``Success`` with ``"List": []``."""
    lst = call.state.owned_list(call.user.id, call.params.integer("ListID"))
    return ok(List=lst.row() if lst else [])


_CHOICES: tuple[tuple[str, str, tuple[str, ...], int, str], ...] = (
    ("OptInMode", "OptInMode", ("Single", "Double"), 3, "Invalid opt-in mode"),
    ("OptOutScope", "OptOutScope", ("This list", "All lists"), 4, "Invalid opt-out scope"),
    (
        "SendServiceIntegrationFailedNotification",
        "SendServiceIntegrationFailedNotification",
        ("true", "false"),
        5,
        "Invalid service integration failure notification value",
    ),
    ("HideInSubscriberArea", "HideInSubscriberArea", ("true", "false"), 6, "Invalid setting"),
    (
        "OptOutAddToSuppressionList",
        "OptOutAddToSuppressionList",
        ("Yes", "No"),
        6,
        "Invalid setting",
    ),
)
"""``(parameter, column, allowed values, error code, text)`` for the enumerated settings."""

_TEXTS = (
    ("Name", "Name"),
    ("SubscriptionConfirmationPendingPageURL", "SubscriptionConfirmationPendingPageURL"),
    ("SubscriptionConfirmedPageURL", "SubscriptionConfirmedPageURL"),
    ("UnsubscriptionConfirmedPageURL", "UnsubscriptionConfirmedPageURL"),
)


@COMMANDS.register("List.Update", USER)
@requires(_LIST_ID_MISSING)
def list_update(call: Call) -> Outcome:
    """``List.Update``: validate every given setting first, then apply them all."""
    p = call.params
    lst = call.owned(call.state.owned_list, "SubscriberListID", (2, "Invalid subscriber list id"))
    changes: dict[str, str] = {}
    for param, column, allowed, code, text in _CHOICES:
        value = p.filled(param)
        if value is None:
            continue
        match = next((a for a in allowed if a.lower() == value.lower()), None)
        if match is None:
            return fail((code, text))
        changes[column] = match
    confirmation = p.filled("OptInConfirmationEmailID")
    if confirmation is not None:
        if not is_number(confirmation):
            return fail((7, "Opt-in confirmation email id is missing"))
        changes["RelOptInConfirmationEmailID"] = confirmation
    mode = changes.get("OptInMode", lst["OptInMode"])
    email_id = changes.get("RelOptInConfirmationEmailID", lst["RelOptInConfirmationEmailID"])
    if mode == "Double" and email_id in {"", "0"}:
        return fail((7, "Opt-in confirmation email id is missing"))
    for param, column in _TEXTS:
        value = p.filled(param)
        if value is not None:
            changes[column] = value
    lst.cols.update(changes)
    return ok()


@COMMANDS.register("Lists.Delete", USER)
def lists_delete(call: Call) -> Outcome:
    """``Lists.Delete``: a comma list of ids; lists of other users are left alone."""
    owned = functools.partial(call.state.owned_list, call.user.id)
    return delete_listed(
        call, "Lists", "Subscriber list ids are missing", owned, call.state.delete_list
    )


@COMMANDS.register("CustomFields.Get", USER)
@requires(_LIST_ID_MISSING)
def custom_fields_get(call: Call) -> Outcome:
    """``CustomFields.Get``: a list's fields, unpaged, totalled as ``TotalCustomFields``."""
    lst = call.owned(call.state.owned_list, "SubscriberListID", (2, "Invalid subscriber list id"))
    fields = call.state.fields_of(lst.id)
    return listing(
        call, fields, default="CustomFieldID", key="CustomFields", total="TotalCustomFields"
    )
