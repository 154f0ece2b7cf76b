"""Oempro's list records: lists, their custom fields, subscribers and segments.

Quirks handled (contract §3 and §19): a subscriber's ``CustomField<N>`` columns, a multi-value
one as an array; ``Confirmation Pending`` for ``Opt-In Pending`` and an empty ``BounceType`` for
not bounced; a subscription's id at the top or in a nested ``Subscriber``; segment rules under
``SegmentRules`` or ``Rules``. A list's ``Sync*`` settings (database credentials) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from mailgql.upstreams._coerce import opt_int, opt_str, req_int, req_str
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
from mailgql.upstreams.oempro.wire.columns import (
    choice,
    drop_secrets,
    empty,
    flag,
    items,
    opt_id,
    server_time,
    text,
)
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
    raw = drop_secrets(raw)
    return MailingList(
        list_id=req_int(raw["ListID"]),
        owner_user_id=opt_id(raw.get("RelOwnerUserID")),
        name=req_str(raw["Name"]),
        created_at=server_time(raw.get("CreatedOn")),
        opt_in_mode=text(raw, "OptInMode"),
        opt_in_confirmation_email_id=opt_id(raw.get("RelOptInConfirmationEmailID")),
        opt_out_scope=text(raw, "OptOutScope"),
        opt_out_add_to_suppression_list=flag(raw.get("OptOutAddToSuppressionList")),
        send_service_integration_failed_notification=flag(
            raw.get("SendServiceIntegrationFailedNotification")
        ),
        hide_in_subscriber_area=flag(raw.get("HideInSubscriberArea")),
        subscription_confirmation_pending_page_url=text(
            raw, "SubscriptionConfirmationPendingPageURL"
        ),
        subscription_confirmed_page_url=text(raw, "SubscriptionConfirmedPageURL"),
        unsubscription_confirmed_page_url=text(raw, "UnsubscriptionConfirmedPageURL"),
        subscriber_count=opt_int(raw.get("SubscriberCount")),
    )


def parse_custom_field(raw: Mapping[str, Any]) -> CustomField:
    """A custom field row (``CustomFields.Get``)."""
    raw = drop_secrets(raw)
    return CustomField(
        field_id=req_int(raw["CustomFieldID"]),
        list_id=opt_id(raw.get("RelListID")),
        name=req_str(raw["FieldName"]),
        field_type=text(raw, "FieldType"),
        default_value=text(raw, "FieldDefaultValue"),
        options=text(raw, "FieldOptions"),
        validation_method=text(raw, "ValidationMethod"),
        validation_rule=text(raw, "ValidationRule"),
        required=flag(raw.get("IsRequired")),
        unique=flag(raw.get("IsUnique")),
        visibility=text(raw, "Visibility"),
        is_global=flag(raw.get("IsGlobal")),
    )


_CUSTOM_FIELD = re.compile(r"CustomField(\d+)\Z", re.IGNORECASE)


def _custom_values(raw: Mapping[str, Any]) -> Mapping[int, str]:
    values: dict[int, str] = {}
    for key, value in raw.items():
        match = _CUSTOM_FIELD.match(str(key))
        if match is None:
            continue
        if isinstance(value, list | dict):
            # A multi-value field (checkboxes) as an array: stored joined, as the web UI does.
            joined = ",".join(str(v) for v in items(value))
        else:
            joined = "" if value is None or value is False else str(value)
        values[int(match.group(1))] = joined
    return MappingProxyType(values)


def parse_subscriber(raw: Mapping[str, Any], *, list_id: int) -> Subscriber:
    """A subscriber row of one list, with its ``CustomField<N>`` values."""
    raw = drop_secrets(raw)
    return Subscriber(
        subscriber_id=req_int(raw["SubscriberID"]),
        list_id=list_id,
        email=req_str(raw["EmailAddress"]),
        status=choice(_STATUSES, raw.get("SubscriptionStatus"), "subscription status"),
        bounce_type=choice(_BOUNCES, raw.get("BounceType"), "bounce type"),
        subscribed_at=server_time(raw.get("SubscriptionDate")),
        unsubscribed_at=server_time(raw.get("UnsubscriptionDate")),
        opted_in_at=server_time(raw.get("OptInDate")),
        custom_fields=_custom_values(raw),
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
    raw = drop_secrets(raw)
    return Segment(
        segment_id=req_int(raw["SegmentID"]),
        list_id=opt_id(raw.get("RelListID")),
        name=req_str(raw["SegmentName"]),
        operator=(text(raw, "SegmentOperator") or "and").lower(),
        rules=_rules(raw.get("SegmentRules", raw.get("Rules"))),
        subscriber_count=opt_int(raw.get("SubscriberCount")),
    )
