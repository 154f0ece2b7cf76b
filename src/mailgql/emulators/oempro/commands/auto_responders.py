"""Auto responders of a list (contract §11) — user scope.

Create checks every setting (codes 1-9); update changes only what it is sent (5.x), with the
same checks and 5 for an unknown id; ``AutoResponder.Get`` answers 5 for an id the caller does
not own. The v4 reference spells ``Immediately`` as ``Immediateky``: both are taken, and
``Immediately`` is stored.
"""

from __future__ import annotations

import functools

from mailgql.emulators.oempro.commands._base import (
    COPY_LISTS,
    USER,
    Call,
    CommandTable,
    chosen,
    copy_lists,
    delete_listed,
    listing,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.params import is_number
from mailgql.emulators.oempro.records import SubscriberList
from mailgql.emulators.oempro.records.automation import AutoResponder

__all__ = ["COMMANDS", "TIME_TYPES", "TRIGGER_TYPES"]

COMMANDS = CommandTable()

TRIGGER_TYPES = (
    "OnSubscription",
    "OnSubscriberLinkClick",
    "OnSubscriberForwardToFriend",
    "OnSubscriberCampaignOpen",
    "OnSubscriberCampaignConversion",
    "OnSubscriberDate",
)
TIME_TYPES = (
    "Immediately",
    "Seconds later",
    "Minutes later",
    "Hours later",
    "Days later",
    "Weeks later",
    "Months later",
)


def _settings(call: Call, current: AutoResponder | None) -> dict[str, str] | Outcome:
    """The columns a Create (``current`` None) or an Update sets, checked."""
    p = call.params
    cols: dict[str, str] = {}
    errors: list[tuple[int, str]] = []
    creating = current is None
    name = p.filled("AutoResponderName")
    if name is not None:
        cols["AutoResponderName"] = name
    elif creating or p.present("AutoResponderName"):
        errors.append((2, "Auto responder name is missing"))
    trigger = p.filled("AutoResponderTriggerType")
    if trigger is None and creating:
        errors.append((3, "Trigger type is missing"))
    time_type = p.filled("TriggerTimeType")
    if time_type is None and creating:
        errors.append((5, "Trigger time is missing"))
    email = p.filled("EmailID")
    if email is None and creating:
        errors.append((8, "Email id is missing"))
    if errors:
        return fail(*errors)
    if trigger is not None:
        cols["AutoResponderTriggerType"] = chosen(
            trigger, TRIGGER_TYPES, (6, "Invalid trigger type")
        )
    value = p.filled("AutoResponderTriggerValue")
    if value is not None:
        cols["AutoResponderTriggerValue"] = value
    now = {**(current.cols if current is not None else {}), **cols}
    kind = now.get("AutoResponderTriggerType", "")
    kept_value = now.get("AutoResponderTriggerValue", "")
    if kind != "OnSubscription" and not kept_value:
        return fail((4, "Trigger value is missing"))
    if kind == "OnSubscription":
        cols["AutoResponderTriggerValue"] = ""
    if time_type is not None:
        spelled = "Immediately" if time_type.lower() == "immediateky" else time_type
        cols["TriggerTimeType"] = chosen(spelled, TIME_TYPES, (7, "Invalid trigger time type"))
    amount = p.filled("TriggerTime")
    if amount is not None:
        if not is_number(amount):
            return fail((5, "Trigger time is missing"))
        cols["TriggerTime"] = str(int(amount))
    now = {**(current.cols if current is not None else {}), **cols}
    if now.get("TriggerTimeType") == "Immediately":
        cols["TriggerTime"] = "0"
    elif not now.get("TriggerTime", "").strip("0"):
        return fail((5, "Trigger time is missing"))
    if email is not None:
        if call.state.owned_email(call.user.id, call.params.integer("EmailID")) is None:
            return fail((9, "Invalid email id"))
        cols["RelEmailID"] = email
    return cols


@COMMANDS.register("AutoResponder.Create", USER)
@requires(("SubscriberListID", 1, "Subscriber list id is missing"))
def auto_responder_create(call: Call) -> Outcome:
    """``AutoResponder.Create``: codes 1-9; a list the caller does not own reads as 1."""
    lst = call.owned(
        call.state.owned_list, "SubscriberListID", (1, "Subscriber list id is missing")
    )
    cols = _settings(call, None)
    if isinstance(cols, Outcome):
        return cols
    responder = new_responder(call, lst, cols)
    return ok(AutoResponderID=responder.id)


def new_responder(call: Call, lst: SubscriberList, cols: dict[str, str]) -> AutoResponder:
    """An auto responder of ``lst`` with ``cols`` and zero counters."""
    responder_id = call.state.next_id("autoresponder")
    zeros = dict.fromkeys(AutoResponder.STAT_COLUMNS, "0")
    responder = AutoResponder.in_list(responder_id, lst, zeros, CreateDateTime=call.now)
    responder.cols.update(cols)
    responder.cols.update(AutoResponderID=str(responder_id), RelListID=str(lst.id))
    call.state.list_side.auto_responders[responder_id] = responder
    return responder


_RESPONDER_ID = ("AutoResponderID", 1, "Auto responder id is missing")


@COMMANDS.register("AutoResponder.Update", USER)
@requires(_RESPONDER_ID)
def auto_responder_update(call: Call) -> Outcome:
    """``AutoResponder.Update``: only the settings sent; 5 for an unknown id."""
    responder = call.owned(
        call.state.list_side.owned_responder, "AutoResponderID", (5, "Invalid auto responder id")
    )
    cols = _settings(call, responder)
    if isinstance(cols, Outcome):
        return cols
    responder.cols.update(cols)
    return ok()


@COMMANDS.register("AutoResponder.Get", USER)
@requires(_RESPONDER_ID)
def auto_responder_get(call: Call) -> Outcome:
    """``AutoResponder.Get``: one auto responder with its counters; 5 for an unknown id."""
    responder = call.owned(
        call.state.list_side.owned_responder, "AutoResponderID", (5, "Invalid auto responder id")
    )
    return ok(AutoResponder=responder.row())


@COMMANDS.register("AutoResponders.Get", USER)
@requires(("SubscriberListID", 1, "Subscriber list id is missing"))
def auto_responders_get(call: Call) -> Outcome:
    """``AutoResponders.Get``: a list's auto responders, unpaged; 2 for a list not owned."""
    lst = call.owned(call.state.owned_list, "SubscriberListID", (2, "Invalid subscriber list id"))
    rows = call.state.list_side.responders_of(lst.id)
    return listing(
        call, rows, default="AutoResponderID", key="AutoResponders", total="TotalResponderCount"
    )


@COMMANDS.register("AutoResponders.Delete", USER)
def auto_responders_delete(call: Call) -> Outcome:
    """``AutoResponders.Delete``: a comma list of ids; others' auto responders are left."""
    tables = call.state.list_side
    owned = functools.partial(tables.owned_responder, call.user.id)
    return delete_listed(
        call, "AutoResponders", "Auto responder ids are missing", owned, tables.auto_responders.pop
    )


@COMMANDS.register("AutoResponders.Copy", USER)
@requires(*COPY_LISTS)
def auto_responders_copy(call: Call) -> Outcome:
    """``AutoResponders.Copy``: 1 source, 2 target missing; 4 a list not owned (either)."""
    source, target = copy_lists(call, (4, "Invalid subscriber list id"))
    for responder in call.state.list_side.responders_of(source.id):
        settings = {
            column: responder[column]
            for column in AutoResponder.COLUMNS
            if column not in AutoResponder.STAT_COLUMNS
        }
        new_responder(call, target, settings)
    return ok()
