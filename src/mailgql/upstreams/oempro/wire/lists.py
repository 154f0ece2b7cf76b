"""Oempro's list records: lists, their custom fields, subscribers and segments.

Quirks handled (contract §3 and §19): a subscriber's ``CustomField<N>`` columns, a multi-value
one as an array; ``Confirmation Pending`` for ``Opt-In Pending`` and an empty ``BounceType`` for
not bounced; a subscription's id at the top or in a nested ``Subscriber``; segment rules under
``SegmentRules`` or ``Rules``. A list's ``Sync*`` settings (database credentials) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from mailgql.upstreams._coerce import opt_str, req_int, req_str
from mailgql.upstreams.oempro.records import (
    BounceType,
    CustomField,
    MailingList,
    Segment,
    SegmentRule,
    Subscriber,
    SubscribeResult,
    SubscriptionStatus,
)
from mailgql.upstreams.oempro.wire.columns import Row, choice, empty, flag, items, text
from mailgql.upstreams.oempro.wire.envelope import unreadable

__all__ = [
    "parse_custom_field",
    "parse_list",
    "parse_segment",
    "parse_subscribe_result",
    "parse_subscriber",
]

_STATUSES: Mapping[str, SubscriptionStatus] = {
    **{s.value.lower(): s for s in SubscriptionStatus},
    # Octeth's own 2011 plugin compares with this spelling of the pending state.
    "confirmation pending": SubscriptionStatus.OPT_IN_PENDING,
}
_BOUNCES: Mapping[str, BounceType] = {
    **{b.value.lower(): b for b in BounceType},
    "": BounceType.NOT_BOUNCED,
}


def parse_list(raw: Mapping[str, Any]) -> MailingList:
    """A list row; its ``Sync*`` settings (database credentials) are dropped."""
    row = Row(raw)
    return MailingList(
        list_id=row.req_int("ListID"),
        owner_user_id=row.ref("RelOwnerUserID"),
        name=row.req_str("Name"),
        created_at=row.time("CreatedOn"),
        opt_in_mode=row.text("OptInMode"),
        opt_in_confirmation_email_id=row.ref("RelOptInConfirmationEmailID"),
        opt_out_scope=row.text("OptOutScope"),
        opt_out_add_to_suppression_list=row.flag("OptOutAddToSuppressionList"),
        send_service_integration_failed_notification=flag(
            row.get("SendServiceIntegrationFailedNotification")
        ),
        hide_in_subscriber_area=row.flag("HideInSubscriberArea"),
        subscription_confirmation_pending_page_url=row.text(
            "SubscriptionConfirmationPendingPageURL"
        ),
        subscription_confirmed_page_url=row.text("SubscriptionConfirmedPageURL"),
        unsubscription_confirmed_page_url=row.text("UnsubscriptionConfirmedPageURL"),
        subscriber_count=row.opt_int("SubscriberCount"),
    )


def parse_custom_field(raw: Mapping[str, Any]) -> CustomField:
    """A custom field row (``CustomFields.Get``)."""
    row = Row(raw)
    return CustomField(
        field_id=row.req_int("CustomFieldID"),
        list_id=row.ref("RelListID"),
        name=row.req_str("FieldName"),
        field_type=row.text("FieldType"),
        default_value=row.text("FieldDefaultValue"),
        options=row.text("FieldOptions"),
        validation_method=row.text("ValidationMethod"),
        validation_rule=row.text("ValidationRule"),
        required=row.flag("IsRequired"),
        unique=row.flag("IsUnique"),
        visibility=row.text("Visibility"),
        is_global=row.flag("IsGlobal"),
    )


_CUSTOM_FIELD = re.compile(r"CustomField(\d+)\Z", re.IGNORECASE)


def _custom_values(row: Row) -> Mapping[int, str]:
    values: dict[int, str] = {}
    for key, value in row.items():
        match = _CUSTOM_FIELD.match(str(key))
        if match is None:
            continue
        if isinstance(value, list | dict):
            # A multi-value field (checkboxes) as an array: stored joined, as the web UI does.
            joined = ",".join(str(v) for v in items(value))
        else:
            joined = "" if value is None or value is False else str(value)
        values[int(match.group(1))] = joined
    # A plain dict, read-only by its type: a record must pickle, to be kept in Redis.
    return values


def parse_subscriber(raw: Mapping[str, Any], *, list_id: int) -> Subscriber:
    """A subscriber row of one list, with its ``CustomField<N>`` values."""
    row = Row(raw)
    return Subscriber(
        subscriber_id=row.req_int("SubscriberID"),
        list_id=list_id,
        email=row.req_str("EmailAddress"),
        status=choice(_STATUSES, row.get("SubscriptionStatus"), "subscription status"),
        bounce_type=choice(_BOUNCES, row.get("BounceType"), "bounce type"),
        subscribed_at=row.time("SubscriptionDate"),
        unsubscribed_at=row.time("UnsubscriptionDate"),
        opted_in_at=row.time("OptInDate"),
        custom_fields=_custom_values(row),
    )


def parse_subscribe_result(payload: Mapping[str, Any], *, command: str) -> SubscribeResult:
    """``SubscriberID``, ``RedirectURL`` and (when present) the new subscriber's status."""
    status: SubscriptionStatus | None = None
    nested = payload.get("Subscriber")
    try:
        if isinstance(nested, dict) and not empty(nested.get("SubscriptionStatus")):
            status = choice(_STATUSES, nested["SubscriptionStatus"], "subscription status")
        subscriber_id = req_int(
            payload.get("SubscriberID")
            or (nested.get("SubscriberID") if isinstance(nested, dict) else None)
        )
    except ValueError:
        raise unreadable(command, "a subscription holding a value of the wrong type") from None
    return SubscribeResult(
        subscriber_id=subscriber_id,
        status=status,
        redirect_url=text(payload, "RedirectURL"),
    )


def _rules(value: Any) -> tuple[SegmentRule, ...]:
    if empty(value):
        return ()
    if isinstance(value, str):
        raise ValueError("segment rules as text are not readable")
    rules: list[SegmentRule] = []
    for item in items(value):
        if not isinstance(item, dict):
            raise ValueError(f"a segment rule that is not an object: {item!r}")
        rules.append(
            SegmentRule(
                field=req_str(item.get("Field")),
                operator=req_str(item.get("Operator")),
                filter=opt_str(item.get("Filter")) or "",
            )
        )
    return tuple(rules)


def parse_segment(raw: Mapping[str, Any]) -> Segment:
    """A segment row (``Segment.Get``), with its rules."""
    row = Row(raw)
    return Segment(
        segment_id=row.req_int("SegmentID"),
        list_id=row.ref("RelListID"),
        name=row.req_str("SegmentName"),
        operator=(row.text("SegmentOperator") or "and").lower(),
        rules=_rules(row.get("SegmentRules", row.get("Rules"))),
        subscriber_count=row.opt_int("SubscriberCount"),
    )
