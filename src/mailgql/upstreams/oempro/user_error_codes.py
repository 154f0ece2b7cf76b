"""Error codes of the commands on a user's own data: lists and subscribers (contract §6, §7, §9),
segments, custom fields, auto responders, list integration and imports (§10, §11, §16),
campaigns and emails (§8, §14), tags, templates and media (§13, §14); one table per command.
``error_codes.COMMAND_ERRORS`` takes them in; each entry maps a command's documented codes onto
the shared upstream errors, and names the parameter at fault.
"""

from __future__ import annotations

from collections.abc import Mapping

from mailgql.upstreams.oempro.error_rules import DENY, GONE, INPUT, NO, Entry, one_record

__all__ = ["CONTENT_ERRORS", "USER_SIDE_ERRORS"]

_FIELD_SETTINGS: Mapping[int, Entry] = {
    2: "FieldName",
    3: "FieldType",
    4: "ValidationRule",
    1000: "MergeTagAlias",
    1001: "MergeTagAlias",
}
_COPY: Mapping[int, Entry] = {
    1: "SourceListID",
    2: "TargetListID",
    3: (GONE, "SourceListID"),
    4: (GONE, "TargetListID"),
}
_COPY_EITHER: Mapping[int, Entry] = {
    1: "SourceListID",
    2: "TargetListID",
    # Either list is not the caller's: the answer does not say which.
    4: (GONE, None),
}
_RESPONDER_SETTINGS: Mapping[int, Entry] = {
    2: "AutoResponderName",
    3: "AutoResponderTriggerType",
    4: "AutoResponderTriggerValue",
    5: "TriggerTime",
    6: "AutoResponderTriggerType",
    7: "TriggerTimeType",
    8: "EmailID",
    9: (GONE, "EmailID"),
}

_TAG_ASSIGNMENT: Mapping[int, Entry] = {1: "TagID", 2: "CampaignIDs"}

CONTENT_ERRORS: Mapping[str, Mapping[int, Entry]] = {
    "Tags.Get": {},
    "Tag.Create": {
        1: "Tag",
        # The user has a tag of that name already: the client picks another.
        2: "Tag",
        3: "Tag",
        4: "Tag",
    },
    "Tag.Update": {
        1: (GONE, "TagID"),
        2: "Tag",
        3: "Tag",
        4: "Tag",
    },
    "Tags.Delete": {1: "Tags"},
    "Tag.AssignToCampaigns": _TAG_ASSIGNMENT,
    "Tag.UnassignFromCampaigns": _TAG_ASSIGNMENT,
    "Campaigns.Archive.GetURL": one_record("TagID"),
    "Email.Duplicate": one_record("EmailID"),
    "Email.EmailPreview": {
        1: "EmailID",
        2: "EmailAddress",
        3: (GONE, "EmailID"),
        4: "EmailAddress",
        5: "ListID",
        6: (GONE, "ListID"),
        7: (GONE, "CampaignID"),
    },
    "Email.SpamTest": {1: "EmailID", 2: (GONE, "EmailID"), 3: "EmailID"},
    "Email.PersonalizationTags": {1: "Scope", 2: "ListID"},
    "Email.Templates.Get": {},
    "Email.Template.Get": one_record("TemplateID"),
    "Email.Template.Create": {
        1: "TemplateName",
        2: "TemplateHTMLContent",
        3: "RelOwnerUserID",
    },
    "Email.Template.Update": {
        1: "TemplateID",
        2: (GONE, "TemplateID"),
        3: "TemplateName",
    },
    "Email.Template.Delete": {1: "Templates"},
    "Media.Upload": {
        1: "MediaData",
        2: "MediaType",
        3: "MediaSize",
        # The server's size limit: the client sends a smaller file.
        4: "MediaData",
        5: "MediaName",
    },
    "Media.Browse": {},
    "Media.Retrieve": one_record("MediaID"),
    "Media.Delete": one_record("MediaID"),
    "Attachment.Delete": {1: "AttachmentID"},
}
"""Every content command the adapter sends (tags, the archive, emails, templates, media)."""

USER_SIDE_ERRORS: Mapping[str, Mapping[int, Entry]] = {
    # lists, subscribers, segments, campaigns, emails
    "Lists.Get": {},
    "List.Get": {1: "ListID"},
    "List.Create": {
        1: "SubscriberListName",
        2: "SubscriberListName",
        # The plan's list quota: these credentials may not create more.
        3: (DENY, None),
    },
    "List.Update": {
        1: "SubscriberListID",
        2: (GONE, "SubscriberListID"),
        3: "OptInMode",
        4: "OptOutScope",
        5: "SendServiceIntegrationFailedNotification",
        6: "HideInSubscriberArea",
        7: "OptInConfirmationEmailID",
        8: (INPUT, None),
        9: (INPUT, None),
        10: "OptOutAddToSuppressionList",
        11: (INPUT, None),
    },
    "Lists.Delete": {1: "Lists"},
    "CustomFields.Get": one_record("SubscriberListID"),
    "Subscriber.Subscribe": {
        1: "ListID",
        2: "EmailAddress",
        3: "IPAddress",
        4: (GONE, "ListID"),
        5: "EmailAddress",
        6: (INPUT, None),
        7: (INPUT, None),
        8: (INPUT, None),
        9: "EmailAddress",
        10: (NO, None),
        # The list's owner is disabled or gone: the list takes no subscriptions.
        11: (DENY, "ListID"),
        101: (NO, None),
    },
    "Subscriber.Unsubscribe": {
        1: "ListID",
        2: "IPAddress",
        3: "EmailAddress",
        4: (GONE, "ListID"),
        5: (DENY, "ListID"),
        6: "EmailAddress",
        7: (GONE, "EmailAddress"),
        8: "CampaignID",
        9: "EmailAddress",
        10: "EmailID",
        11: (INPUT, None),
    },
    "Subscriber.Get": {
        1: "EmailAddress",
        2: "ListID",
        3: (GONE, "EmailAddress"),
        4: (GONE, "ListID"),
    },
    "Subscribers.Get": {
        1: "SubscriberListID",
        2: "SubscriberSegment",
        3: (GONE, "SubscriberListID"),
    },
    "Subscriber.Update": {
        1: "SubscriberID",
        2: "SubscriberListID",
        3: "EmailAddress",
        4: "EmailAddress",
        5: (GONE, "SubscriberListID"),
        6: (GONE, "SubscriberID"),
        7: "EmailAddress",
        8: (INPUT, None),
        9: (INPUT, None),
        10: (INPUT, None),
    },
    "Campaigns.Get": {1: (NO, None)},
    "Campaign.Get": {1: "CampaignID", 2: "CampaignID", 3: (GONE, None)},
    "Campaign.Create": {1: "CampaignName"},
    "Campaign.Update": {
        1: "CampaignID",
        2: (GONE, "CampaignID"),
        3: "CampaignStatus",
        4: "RelEmailID",
        5: "ScheduleType",
        6: "SendDate",
        7: "SendTime",
        8: "ScheduleRecDaysOfMonth",
        9: "ScheduleRecMonths",
        10: "ScheduleRecHours",
        11: "ScheduleRecMinutes",
        12: "ScheduleRecSendMaxInstance",
        13: "SendTimeZone",
        **dict.fromkeys(range(14, 26), (INPUT, None)),
    },
    "Campaigns.Delete": {1: "Campaigns"},
    "Email.Create": {},
    "Email.Update": {
        1: "EmailID",
        2: "FetchURL",
        3: (GONE, "EmailID"),
        4: "RelTemplateID",
        5: "Mode",
        6: "FromEmail",
        7: "ReplyToEmail",
        8: "HTMLContent",
        9: "ValidateScope",
        10: "ValidateScope",
        11: "HTMLContent",
        12: "PlainContent",
        13: "HTMLContent",
        14: "PlainContent",
        15: "HTMLContent",
        16: "PlainContent",
    },
    "Email.Get": one_record("EmailID"),
    "Email.Delete": {1: "EmailID"},
    "Emails.Get": {},
    "Segment.Get": {1: "SubscriberListID"},
    "Segment.Create": {
        1: "SubscriberListID",
        2: "SegmentName",
        3: "SegmentOperator",
        4: (GONE, "SubscriberListID"),
    },
    "Segments.Delete": {1: "Segments"},
    # the list machinery
    "CustomField.Create": {
        1: "SubscriberListID",
        **_FIELD_SETTINGS,
        5: "PresetName",
        7: "FieldType",
        8: (GONE, "SubscriberListID"),
    },
    "CustomField.Update": {
        1: "CustomFieldID",
        **_FIELD_SETTINGS,
        6: (GONE, "CustomFieldID"),
        7: "FieldType",
        8: "ValidationMethod",
        9: "Visibility",
        10: "IsRequired",
        11: "IsUnique",
        12: "IsGlobal",
        13: "SubscriberListID",
        14: "SubscriberListID",
    },
    "CustomFields.Delete": {1: "CustomFields"},
    "CustomFields.Copy": _COPY,
    "AutoResponders.Get": one_record("SubscriberListID"),
    "AutoResponder.Get": {1: "AutoResponderID", 5: (GONE, "AutoResponderID")},
    "AutoResponder.Create": {1: "SubscriberListID", **_RESPONDER_SETTINGS},
    "AutoResponder.Update": {
        **_RESPONDER_SETTINGS,
        1: "AutoResponderID",
        5: (GONE, "AutoResponderID"),
    },
    "AutoResponders.Delete": {1: "AutoResponders"},
    "AutoResponders.Copy": _COPY_EITHER,
    "ListIntegration.AddURL": {
        1: "SubscriberListID",
        2: "URL",
        3: "Event",
        4: (GONE, "SubscriberListID"),
    },
    "ListIntegration.GetURLs": {1: "SubscriberListID"},
    "ListIntegration.DeleteURLs": {1: "URLs"},
    # Any other code is the probe's failure (an UpstreamRefused that keeps the code).
    "ListIntegration.TestURL": {1: "URL"},
    "ListIntegration.GenerateSubscriptionFormHTMLCode": {1: "SubscriberListID"},
    "ListIntegration.GenerateUnsubscriptionFormHTMLCode": {1: "SubscriberListID"},
    "Subscribers.Delete": {
        1: "Subscribers",
        2: "SubscriberListID",
        5: (GONE, "SubscriberListID"),
    },
    "Subscribers.Import": {
        1: "ImportType",
        2: "ImportData",
        3: "ImportStep",
        4: (GONE, "ListID"),
        5: "ImportData",
        6: "ImportID",
        7: "MappedFields",
        8: "MappedFields",
        **dict.fromkeys(range(9, 17), (INPUT, None)),
        17: "ImportType",
        18: "ImportData",
    },
    "Subscriber.OptIn": {
        1: "ListID",
        2: "SubscriberID",
        3: "Mode",
        4: (GONE, "ListID"),
        5: (DENY, "ListID"),
        6: (GONE, "SubscriberID"),
        7: "Mode",
        8: "SubscriberID",
    },
    # The subscriber's own login: its refusals are about the subscriber, not the gateway.
    "Subscriber.Login": {
        1: "ListID",
        2: "SubscriberID",
        3: "EmailAddress",
        4: "EmailAddress",
        5: (GONE, "ListID"),
        6: (DENY, "ListID"),
        7: "EmailAddress",
        8: (GONE, "SubscriberID"),
    },
    "Subscriber.GetLists": {1: (NO, None), 2: (NO, None), 3: (GONE, "SubscriberID")},
    "Segment.Update": {
        1: "SegmentID",
        2: "SegmentName",
        3: "SegmentOperator",
        4: (GONE, "SegmentID"),
        5: "SegmentOperator",
        6: (GONE, "SegmentID"),
    },
    "Segments.Copy": _COPY_EITHER,
    **CONTENT_ERRORS,
}
"""Every command on a user's own data the adapter sends, with its documented codes."""
