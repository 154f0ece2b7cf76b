"""Error tables of the list machinery's commands (contract §7, §9, §10, §11, §16).

Merged into :data:`~mailgql.upstreams.oempro.error_codes.COMMAND_ERRORS`; each entry maps a
command's documented codes onto the shared upstream errors, and names the parameter at fault.
"""

from __future__ import annotations

from collections.abc import Mapping

from mailgql.upstreams import errors
from mailgql.upstreams.errors import UpstreamError

__all__ = ["LIST_SIDE_ERRORS"]

_INPUT = errors.UpstreamInvalidInput
_GONE = errors.UpstreamNotFound
_DENY = errors.UpstreamForbidden
_NO = errors.UpstreamRefused

_Rule = tuple[type[UpstreamError], str | None]

_FIELD_SETTINGS: Mapping[int, _Rule] = {
    2: (_INPUT, "FieldName"),
    3: (_INPUT, "FieldType"),
    4: (_INPUT, "ValidationRule"),
    1000: (_INPUT, "MergeTagAlias"),
    1001: (_INPUT, "MergeTagAlias"),
}
_COPY: Mapping[int, _Rule] = {
    1: (_INPUT, "SourceListID"),
    2: (_INPUT, "TargetListID"),
    3: (_GONE, "SourceListID"),
    4: (_GONE, "TargetListID"),
}
_COPY_EITHER: Mapping[int, _Rule] = {
    1: (_INPUT, "SourceListID"),
    2: (_INPUT, "TargetListID"),
    # Either list is not the caller's: the answer does not say which.
    4: (_GONE, None),
}
_RESPONDER_SETTINGS: Mapping[int, _Rule] = {
    2: (_INPUT, "AutoResponderName"),
    3: (_INPUT, "AutoResponderTriggerType"),
    4: (_INPUT, "AutoResponderTriggerValue"),
    5: (_INPUT, "TriggerTime"),
    6: (_INPUT, "AutoResponderTriggerType"),
    7: (_INPUT, "TriggerTimeType"),
    8: (_INPUT, "EmailID"),
    9: (_GONE, "EmailID"),
}

LIST_SIDE_ERRORS: Mapping[str, Mapping[int, _Rule]] = {
    "CustomField.Create": {
        1: (_INPUT, "SubscriberListID"),
        **_FIELD_SETTINGS,
        5: (_INPUT, "PresetName"),
        7: (_INPUT, "FieldType"),
        8: (_GONE, "SubscriberListID"),
    },
    "CustomField.Update": {
        1: (_INPUT, "CustomFieldID"),
        **_FIELD_SETTINGS,
        6: (_GONE, "CustomFieldID"),
        7: (_INPUT, "FieldType"),
        8: (_INPUT, "ValidationMethod"),
        9: (_INPUT, "Visibility"),
        10: (_INPUT, "IsRequired"),
        11: (_INPUT, "IsUnique"),
        12: (_INPUT, "IsGlobal"),
        13: (_INPUT, "SubscriberListID"),
        14: (_INPUT, "SubscriberListID"),
    },
    "CustomFields.Delete": {1: (_INPUT, "CustomFields")},
    "CustomFields.Copy": _COPY,
    "AutoResponders.Get": {1: (_INPUT, "SubscriberListID"), 2: (_GONE, "SubscriberListID")},
    "AutoResponder.Get": {1: (_INPUT, "AutoResponderID"), 5: (_GONE, "AutoResponderID")},
    "AutoResponder.Create": {1: (_INPUT, "SubscriberListID"), **_RESPONDER_SETTINGS},
    "AutoResponder.Update": {
        **_RESPONDER_SETTINGS,
        1: (_INPUT, "AutoResponderID"),
        5: (_GONE, "AutoResponderID"),
    },
    "AutoResponders.Delete": {1: (_INPUT, "AutoResponders")},
    "AutoResponders.Copy": _COPY_EITHER,
    "ListIntegration.AddURL": {
        1: (_INPUT, "SubscriberListID"),
        2: (_INPUT, "URL"),
        3: (_INPUT, "Event"),
        4: (_GONE, "SubscriberListID"),
    },
    "ListIntegration.GetURLs": {1: (_INPUT, "SubscriberListID")},
    "ListIntegration.DeleteURLs": {1: (_INPUT, "URLs")},
    # Any other code is the probe's failure (an UpstreamRefused that keeps the code).
    "ListIntegration.TestURL": {1: (_INPUT, "URL")},
    "ListIntegration.GenerateSubscriptionFormHTMLCode": {1: (_INPUT, "SubscriberListID")},
    "ListIntegration.GenerateUnsubscriptionFormHTMLCode": {1: (_INPUT, "SubscriberListID")},
    "Subscribers.Delete": {
        1: (_INPUT, "Subscribers"),
        2: (_INPUT, "SubscriberListID"),
        5: (_GONE, "SubscriberListID"),
    },
    "Subscribers.Import": {
        1: (_INPUT, "ImportType"),
        2: (_INPUT, "ImportData"),
        3: (_INPUT, "ImportStep"),
        4: (_GONE, "ListID"),
        5: (_INPUT, "ImportData"),
        6: (_INPUT, "ImportID"),
        7: (_INPUT, "MappedFields"),
        8: (_INPUT, "MappedFields"),
        **dict.fromkeys(range(9, 17), (_INPUT, None)),
        17: (_INPUT, "ImportType"),
        18: (_INPUT, "ImportData"),
    },
    "Subscriber.OptIn": {
        1: (_INPUT, "ListID"),
        2: (_INPUT, "SubscriberID"),
        3: (_INPUT, "Mode"),
        4: (_GONE, "ListID"),
        5: (_DENY, "ListID"),
        6: (_GONE, "SubscriberID"),
        7: (_INPUT, "Mode"),
        8: (_INPUT, "SubscriberID"),
    },
    # The subscriber's own login: its refusals are about the subscriber, not the gateway.
    "Subscriber.Login": {
        1: (_INPUT, "ListID"),
        2: (_INPUT, "SubscriberID"),
        3: (_INPUT, "EmailAddress"),
        4: (_INPUT, "EmailAddress"),
        5: (_GONE, "ListID"),
        6: (_DENY, "ListID"),
        7: (_INPUT, "EmailAddress"),
        8: (_GONE, "SubscriberID"),
    },
    "Subscriber.GetLists": {1: (_NO, None), 2: (_NO, None), 3: (_GONE, "SubscriberID")},
    "Segment.Update": {
        1: (_INPUT, "SegmentID"),
        2: (_INPUT, "SegmentName"),
        3: (_INPUT, "SegmentOperator"),
        4: (_GONE, "SegmentID"),
        5: (_INPUT, "SegmentOperator"),
        6: (_GONE, "SegmentID"),
    },
    "Segments.Copy": _COPY_EITHER,
}
"""Every list-machinery command the adapter sends, with its documented codes."""
