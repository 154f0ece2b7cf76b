"""Commands about lists and what hangs off one: custom fields, segments and subscribers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from mailgql.upstreams.oempro import records, wire
from mailgql.upstreams.oempro.commands._base import Command, Form, created, listing, record, write
from mailgql.upstreams.oempro.commands._form import given, ids, ordered, true_false, window, yes_no
from mailgql.upstreams.oempro.records import Page

__all__ = [
    "STATUS_SEGMENTS",
    "create_list",
    "create_segment",
    "delete_lists",
    "delete_segments",
    "get_custom_fields",
    "get_list",
    "get_lists",
    "get_segments",
    "get_subscriber",
    "get_subscribers",
    "subscribe",
    "unsubscribe",
    "update_list",
    "update_subscriber",
]


def get_lists(
    *, order_field: str = "ListID", order_type: str = "ASC", as_user: int | None = None
) -> Command[Page[records.MailingList]]:
    """``Lists.Get``: every list of the user at once (4.x does not page it)."""
    form = ordered(order_field, order_type)
    totals = ("TotalListCount",)
    return listing("Lists.Get", form, "Lists", wire.parse_list, totals=totals, as_user=as_user)


def get_list(list_id: int, *, as_user: int | None = None) -> Command[records.MailingList]:
    """``List.Get``; a list that is not the user's is ``UpstreamNotFound``."""
    form: Form = [("ListID", str(list_id))]
    return record("List.Get", form, "List", wire.parse_list, as_user=as_user)


def create_list(name: str) -> Command[int]:
    """``List.Create``; returns the new list's id."""
    return created("List.Create", [("SubscriberListName", name)], "ListID")


def update_list(
    list_id: int,
    *,
    name: str | None = None,
    opt_in_mode: str | None = None,
    opt_in_confirmation_email_id: int | None = None,
    opt_out_scope: str | None = None,
    opt_out_add_to_suppression_list: bool | None = None,
    send_service_integration_failed_notification: bool | None = None,
    hide_in_subscriber_area: bool | None = None,
    subscription_confirmation_pending_page_url: str | None = None,
    subscription_confirmed_page_url: str | None = None,
) -> Command[None]:
    """``List.Update``: change only the given settings (5.x makes all but the id optional).

    The three flags are spelled as the command reads each: ``Yes``/``No`` and ``true``/``false``.
    """
    form: Form = [("SubscriberListID", str(list_id))]
    given(form, "Name", name)
    given(form, "OptInMode", opt_in_mode)
    given(form, "OptInConfirmationEmailID", opt_in_confirmation_email_id)
    given(form, "OptOutScope", opt_out_scope)
    given(form, "OptOutAddToSuppressionList", opt_out_add_to_suppression_list, yes_no)
    given(
        form,
        "SendServiceIntegrationFailedNotification",
        send_service_integration_failed_notification,
        true_false,
    )
    given(form, "HideInSubscriberArea", hide_in_subscriber_area, true_false)
    given(
        form, "SubscriptionConfirmationPendingPageURL", subscription_confirmation_pending_page_url
    )
    given(form, "SubscriptionConfirmedPageURL", subscription_confirmed_page_url)
    return write("List.Update", form)


def delete_lists(list_ids: Sequence[int]) -> Command[None]:
    """``Lists.Delete``: a comma list of ids."""
    return write("Lists.Delete", [("Lists", ids(list_ids))])


def get_custom_fields(
    list_id: int,
    *,
    order_field: str = "CustomFieldID",
    order_type: str = "ASC",
    as_user: int | None = None,
) -> Command[Page[records.CustomField]]:
    """``CustomFields.Get``: every field of a list (unpaged)."""
    form: Form = [("SubscriberListID", str(list_id)), *ordered(order_field, order_type)]
    totals = ("TotalCustomFields", "TotalFieldCount")
    parse = wire.parse_custom_field
    return listing("CustomFields.Get", form, "CustomFields", parse, totals=totals, as_user=as_user)


def get_segments(
    list_id: int,
    *,
    order_field: str = "SegmentID",
    order_type: str = "ASC",
    as_user: int | None = None,
) -> Command[Page[records.Segment]]:
    """``Segment.Get`` (singular: the 4.x *list* command): every segment of a list."""
    form: Form = [("SubscriberListID", str(list_id)), *ordered(order_field, order_type)]
    totals = ("TotalSegments", "TotalSegmentCount")
    parse = wire.parse_segment
    return listing("Segment.Get", form, "Segments", parse, totals=totals, as_user=as_user)


def create_segment(
    list_id: int, name: str, *, operator: str = "and", rules: Sequence[records.SegmentRule] = ()
) -> Command[int]:
    """``Segment.Create`` with its rules as the parallel ``SegmentRule*[]`` arrays."""
    form: Form = [
        ("SubscriberListID", str(list_id)),
        ("SegmentName", name),
        ("SegmentOperator", operator),
    ]
    for rule in rules:
        form += [
            ("SegmentRuleField[]", rule.field),
            ("SegmentRuleOperator[]", rule.operator),
            ("SegmentRuleFilter[]", rule.filter),
        ]
    return created("Segment.Create", form, "SegmentID")


def delete_segments(segment_ids: Sequence[int]) -> Command[None]:
    """``Segments.Delete``: a comma list of ids."""
    return write("Segments.Delete", [("Segments", ids(segment_ids))])


# -- subscribers --------------------------------------------------------------------------------

STATUS_SEGMENTS = (
    "Active",
    "Suppressed",
    "Unsubscribed",
    "Soft bounced",
    "Hard bounced",
    "Opt-in pending",
)
"""The named ``SubscriberSegment`` values of ``Subscribers.Get`` (a segment id works too)."""


def _subscriber_of(list_id: int) -> Callable[[dict[str, Any]], records.Subscriber]:
    # Subscriber rows do not say their list: the caller's list id goes into the record.
    return lambda raw: wire.parse_subscriber(raw, list_id=list_id)


def subscribe(
    list_id: int,
    email: str,
    *,
    custom_fields: Mapping[int, str | Sequence[str]] | None = None,
    ip_address: str | None = None,
) -> Command[records.SubscribeResult]:
    """``Subscriber.Subscribe`` (public): ``CustomField<N>`` values, several as ``[]``.

    ``ip_address`` is the subscriber's; without it the client sends its configured one.
    """
    form: Form = [("ListID", str(list_id)), ("EmailAddress", email)]
    given(form, "IPAddress", ip_address)
    for field_id, value in (custom_fields or {}).items():
        if isinstance(value, str):
            form.append((f"CustomField{field_id}", value))
        else:
            form += [(f"CustomField{field_id}[]", item) for item in value]
    command = "Subscriber.Subscribe"
    return Command(
        command,
        form,
        decode=lambda data: wire.parse_subscribe_result(data, command=command),
        read=False,
        public=True,
        needs_ip=True,
    )


def _redirect(data: dict[str, Any]) -> str | None:
    redirect = data.get("RedirectURL")
    return redirect if isinstance(redirect, str) and redirect else None


def unsubscribe(
    list_id: int,
    *,
    email: str | None = None,
    subscriber_id: int | None = None,
    campaign_id: int | None = None,
    email_id: int | None = None,
    preview: bool = False,
    ip_address: str | None = None,
) -> Command[str | None]:
    """``Subscriber.Unsubscribe`` (public) by address or id; returns the redirect URL.

    ``preview`` asks for a dry run; ``campaign_id``/``email_id`` credit the unsubscription.
    """
    form: Form = [("ListID", str(list_id))]
    given(form, "IPAddress", ip_address)
    given(form, "EmailAddress", email)
    given(form, "SubscriberID", subscriber_id)
    given(form, "CampaignID", campaign_id)
    given(form, "EmailID", email_id)
    if preview:
        form.append(("Preview", "1"))
    return Command(
        "Subscriber.Unsubscribe", form, decode=_redirect, read=False, public=True, needs_ip=True
    )


def get_subscriber(
    list_id: int, email: str, *, as_user: int | None = None
) -> Command[records.Subscriber]:
    """``Subscriber.Get`` (4.1.15+): one subscriber of a list by address."""
    form: Form = [("ListID", str(list_id)), ("EmailAddress", email)]
    parse = _subscriber_of(list_id)
    return record("Subscriber.Get", form, "SubscriberInformation", parse, as_user=as_user)


def get_subscribers(
    list_id: int,
    *,
    segment: str | int = "Active",
    offset: int = 0,
    limit: int = 100,
    order_field: str = "SubscriberID",
    order_type: str = "ASC",
    search_field: str = "",
    search_keyword: str = "",
    as_user: int | None = None,
) -> Command[Page[records.Subscriber]]:
    """``Subscribers.Get``: a page of one status or segment, with the total.

    ``segment`` is one of :data:`STATUS_SEGMENTS` or a segment id. ``TotalSubscribers``
    counts the whole status, so ``limit=1`` is how a list's subscribers are counted.
    """
    form: Form = [
        ("SubscriberListID", str(list_id)),
        ("SubscriberSegment", str(segment)),
        *ordered(order_field, order_type),
        *window(offset, limit),
        # Empty strings switch the search off.
        ("SearchField", search_field),
        ("SearchKeyword", search_keyword),
    ]
    return listing(
        "Subscribers.Get",
        form,
        "Subscribers",
        _subscriber_of(list_id),
        totals=("TotalSubscribers",),
        as_user=as_user,
        offset=offset,
    )


def update_subscriber(
    list_id: int,
    subscriber_id: int,
    *,
    email: str,
    custom_fields: Mapping[int, str] | None = None,
) -> Command[None]:
    """``Subscriber.Update`` as the list's owner: address and ``Fields[CustomField<N>]``."""
    form: Form = [
        ("SubscriberID", str(subscriber_id)),
        ("SubscriberListID", str(list_id)),
        ("EmailAddress", email),
        ("Access", "admin"),
    ]
    form += [
        (f"Fields[CustomField{field_id}]", value)
        for field_id, value in (custom_fields or {}).items()
    ]
    return write("Subscriber.Update", form)
