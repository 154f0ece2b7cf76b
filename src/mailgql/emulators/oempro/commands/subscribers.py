"""Subscribers (contract §7): public subscribe/unsubscribe, and the user-scope reads and edits."""

from __future__ import annotations

from mailgql.emulators.oempro.commands._base import (
    PUBLIC,
    USER,
    Call,
    CommandTable,
    absent,
    found,
    is_email,
    list_owner_enabled,
    order_rows,
    page_rows,
    public_list,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.field_checks import FieldProblem, field_problem
from mailgql.emulators.oempro.params import is_number
from mailgql.emulators.oempro.records import CustomField, Subscriber
from mailgql.emulators.oempro.segment_rules import STATUS_SEGMENTS, segment_members

__all__ = ["COMMANDS"]

COMMANDS = CommandTable()

_SUBSCRIBE_CODES: dict[FieldProblem, tuple[int, str]] = {
    "empty": (6, "Required custom field is empty"),
    "not unique": (7, "Custom field value must be unique"),
    "invalid": (8, "Custom field value failed validation"),
}
_UPDATE_CODES: dict[FieldProblem, tuple[int, str]] = {
    "empty": (8, "Required custom field is empty"),
    "not unique": (9, "Custom field value must be unique"),
    "invalid": (10, "Custom field value failed validation"),
}


def _custom_values(call: Call, fields: list[CustomField], *, nested: bool) -> dict[int, str]:
    """Values sent for a list's fields: ``CustomField<N>`` (subscribe) or ``Fields[...]``."""
    values: dict[int, str] = {}
    sent = call.params.mapping("Fields") if nested else {}
    for custom in fields:
        key = custom.column.lower()
        if nested:
            if key in sent:
                values[custom.id] = sent[key]
        elif call.params.present(key):
            # Multi-value fields arrive as CustomField<N>[]; stored joined, as the web UI does.
            values[custom.id] = ",".join(call.params.array(key))
    return values


@COMMANDS.register("Subscriber.Subscribe", PUBLIC)
@requires(
    ("ListID", 1, "Subscriber list id is missing"),
    ("EmailAddress", 2, "Email address is missing"),
    ("IPAddress", 3, "IP address is missing"),
)
def subscriber_subscribe(call: Call) -> Outcome:
    """``Subscriber.Subscribe`` (public): codes 1-9 and 11, custom field errors with details."""
    p = call.params
    state = call.state
    lst = call.row(state.lists, "ListID", (4, "Invalid subscriber list id"))
    email = call.address("EmailAddress", (5, "Invalid email address"))
    if not list_owner_enabled(call, lst):
        return fail((11, "Invalid user"))
    existing = state.subscriber_by_email(lst.id, email)
    if existing is not None and existing["SubscriptionStatus"] != "Unsubscribed":
        return fail((9, "Email address already exists in the list"))
    fields = state.fields_of(lst.id)
    values = _custom_values(call, fields, nested=False)
    table = state.subscribers.setdefault(lst.id, {})
    for custom in fields:
        if custom.id not in values:
            continue  # 4.x only checks a required field when its key is sent
        problem = field_problem(
            custom, values[custom.id], table, exclude_id=existing.id if existing else None
        )
        if problem:
            return fail(
                _SUBSCRIBE_CODES[problem],
                ErrorCustomFieldID=custom["CustomFieldID"],
                ErrorCustomFieldTitle=custom["FieldName"],
                ErrorCustomFieldDescription=_describe(custom, problem),
            )
    double = lst["OptInMode"] == "Double"
    sub = existing or Subscriber(SubscriberID=str(state.next_id(f"sub:{lst.id}")))
    sub.cols.update(
        EmailAddress=email,
        BounceType="Not Bounced",
        SubscriptionStatus="Opt-In Pending" if double else "Subscribed",
        SubscriptionDate=call.now,
        SubscriptionIP=p.filled("IPAddress") or "",
        UnsubscriptionDate="0000-00-00 00:00:00",
        UnsubscriptionIP="",
        OptInDate="0000-00-00 00:00:00" if double else call.now,
    )
    for custom in fields:
        sub[custom.column] = values.get(
            custom.id, sub[custom.column] or custom["FieldDefaultValue"]
        )
    table[sub.id] = sub
    page = "SubscriptionConfirmationPendingPageURL" if double else "SubscriptionConfirmedPageURL"
    return ok(
        SubscriberID=sub.id,
        RedirectURL=lst[page],
        Subscriber={
            "SubscriberID": sub["SubscriberID"],
            "EmailAddress": sub["EmailAddress"],
            "SubscriptionStatus": sub["SubscriptionStatus"],
        },
    )


def _describe(custom: CustomField, problem: FieldProblem) -> str:
    if problem == "empty":
        return f"{custom['FieldName']} is required"
    if problem == "not unique":
        return f"{custom['FieldName']} must be unique"
    return f"{custom['FieldName']} must be {custom['ValidationMethod'].lower()}"


@COMMANDS.register("Subscriber.Unsubscribe", PUBLIC)
def subscriber_unsubscribe(call: Call) -> Outcome:
    """``Subscriber.Unsubscribe`` (public): codes 1-10, ``Preview=1`` is a dry run."""
    p = call.params
    errors = absent(
        p,
        (("ListID", 1, "Subscriber list id is missing"), ("IPAddress", 2, "IP address is missing")),
    )
    if p.filled("EmailAddress") is None and p.filled("SubscriberID") is None:
        errors.append((3, "Email address or subscriber id is missing"))
    if errors:
        return fail(*errors)
    state = call.state
    lst = public_list(call, 4, 5)
    email = p.filled("EmailAddress")
    if email is not None and not is_email(email):
        return fail((6, "Invalid email address"))
    if email is not None:
        sub = state.subscriber_by_email(lst.id, email)
    else:
        sub = state.subscribers.get(lst.id, {}).get(p.integer("SubscriberID") or -1)
    if sub is None:
        return fail((7, "Subscriber not found"))
    campaign = None
    if p.filled("CampaignID") is not None:
        campaign = found(
            state.owned_campaign(lst.owner_id, p.integer("CampaignID")), (8, "Invalid campaign id")
        )
    if p.filled("AutoResponderID") not in {None, "0"}:
        return fail((8, "Invalid auto responder id"))
    if p.filled("EmailID") not in {None, "0"} and (
        state.owned_email(lst.owner_id, p.integer("EmailID")) is None
    ):
        return fail((10, "Invalid email id"))
    if sub["SubscriptionStatus"] == "Unsubscribed":
        return fail((9, "Subscriber is already unsubscribed"))
    if p.text("Preview") != "1":
        ip = p.filled("IPAddress") or ""
        targets = state.lists_of(lst.owner_id) if lst["OptOutScope"] == "All lists" else [lst]
        for target in targets:
            other = state.subscriber_by_email(target.id, sub["EmailAddress"])
            if other is not None and other["SubscriptionStatus"] != "Unsubscribed":
                other.cols.update(
                    SubscriptionStatus="Unsubscribed",
                    UnsubscriptionDate=call.now,
                    UnsubscriptionIP=ip,
                )
        if lst["OptOutAddToSuppressionList"] == "Yes":
            state.suppressed.setdefault(lst.owner_id, set()).add(sub["EmailAddress"].lower())
        if campaign is not None:
            campaign["TotalUnsubscriptions"] = str(campaign.number("TotalUnsubscriptions") + 1)
    return ok(RedirectURL=lst["UnsubscriptionConfirmedPageURL"])


@COMMANDS.register("Subscriber.Get", USER)
@requires(
    ("EmailAddress", 1, "Email address is missing"),
    ("ListID", 2, "Subscriber list id is missing"),
)
def subscriber_get(call: Call) -> Outcome:
    """``Subscriber.Get`` (4.1.15+): one subscriber by address; a foreign list reads as 3."""
    lst = call.state.owned_list(call.user.id, call.params.integer("ListID"))
    email = call.params.filled("EmailAddress") or ""
    sub = call.state.subscriber_by_email(lst.id, email) if lst else None
    if lst is None or sub is None:
        return fail((3, "Subscriber does not exist"))
    return ok(SubscriberInformation=sub.row_for(call.state.fields_of(lst.id)))


@COMMANDS.register("Subscribers.Get", USER)
@requires(
    ("SubscriberListID", 1, "Subscriber list id is missing"),
    ("SubscriberSegment", 2, "Subscriber segment is missing"),
)
def subscribers_get(call: Call) -> Outcome:
    """``Subscribers.Get``: a status or segment filter, search, order and page, plus the total."""
    p = call.params
    state = call.state
    lst = call.owned(
        state.owned_list, "SubscriberListID", (3, "Subscriber list does not belong to the user")
    )
    rows = list(state.subscribers.get(lst.id, {}).values())
    segment = (p.filled("SubscriberSegment") or "").lower()
    if segment in STATUS_SEGMENTS:
        suppressed = state.suppressed.get(lst.owner_id, set())
        rows = [s for s in rows if STATUS_SEGMENTS[segment](s, suppressed)]
    elif is_number(segment):
        seg = state.owned_segment(call.user.id, int(segment))
        if seg is None or seg.list_id != lst.id:
            return fail((2, "Invalid subscriber segment"))
        rows = segment_members(seg, rows)
    else:
        return fail((2, "Invalid subscriber segment"))
    fields = state.fields_of(lst.id)
    search_field = p.filled("SearchField")
    keyword = p.filled("SearchKeyword")
    if search_field and keyword:
        column = next(
            (
                c
                for c in (*Subscriber.COLUMNS, *(f.column for f in fields))
                if c.lower() == search_field.lower()
            ),
            None,
        )
        rows = [s for s in rows if column and keyword.lower() in s[column].lower()]
    rows = order_rows(rows, p, default="SubscriberID")
    page = page_rows(rows, p)
    return ok(Subscribers=[s.row_for(fields) for s in page], TotalSubscribers=len(rows))


@COMMANDS.register("Subscriber.Update", USER)
@requires(
    ("SubscriberID", 1, "Subscriber id is missing"),
    ("SubscriberListID", 2, "Subscriber list id is missing"),
    ("EmailAddress", 3, "Email address is missing"),
)
def subscriber_update(call: Call) -> Outcome:
    """``Subscriber.Update``: address and ``Fields[CustomField<N>]`` values, codes 1-10."""
    state = call.state
    email = call.address("EmailAddress", (4, "Invalid email address"))
    lst = call.owned(state.owned_list, "SubscriberListID", (5, "Invalid subscriber list id"))
    table = state.subscribers.setdefault(lst.id, {})
    sub = call.row(table, "SubscriberID", (6, "Invalid subscriber id"))
    other = state.subscriber_by_email(lst.id, email)
    if other is not None and other.id != sub.id:
        return fail((7, "Another subscriber has this email address"))
    fields = state.fields_of(lst.id)
    values = _custom_values(call, fields, nested=True)
    for custom in fields:
        if custom.id not in values:
            continue
        problem = field_problem(custom, values[custom.id], table, exclude_id=sub.id)
        if problem:
            # A client library reads the plural forms for this command.
            return fail(
                _UPDATE_CODES[problem],
                ErrorCustomFieldIDs=[custom["CustomFieldID"]],
                ErrorCustomFieldTitles=[custom["FieldName"]],
                ErrorCustomFieldDescriptions=[_describe(custom, problem)],
            )
    sub["EmailAddress"] = email
    for custom in fields:
        if custom.id in values:
            sub[custom.column] = values[custom.id]
    return ok()


@COMMANDS.register("Subscribers.Delete", USER)
def subscribers_delete(call: Call) -> Outcome:
    """``Subscribers.Delete``: 1 ids missing, 2 list id missing, 5 invalid list."""
    p = call.params
    errors = []
    if not p.ids("Subscribers"):
        errors.append((1, "Subscriber ids are missing"))
    if p.filled("SubscriberListID") is None:
        errors.append((2, "Subscriber list id is missing"))
    if errors:
        return fail(*errors)
    lst = call.owned(call.state.owned_list, "SubscriberListID", (5, "Invalid subscriber list id"))
    table = call.state.subscribers.setdefault(lst.id, {})
    for sub_id in p.ids("Subscribers"):
        table.pop(sub_id, None)
    return ok()
