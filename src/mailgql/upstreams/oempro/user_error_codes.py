"""Error codes of the commands on a user's own data: lists and subscribers (contract §6, §7, §9),
segments, custom fields, auto responders, list integration and imports (§10, §11, §16),
campaigns and emails (§8, §14), tags, templates and media (§13, §14); one table per command.
``error_codes.COMMAND_ERRORS`` takes them in; each entry maps a command's documented codes onto
the shared upstream errors, and names the parameter at fault.
"""

from __future__ import annotations

from collections.abc import Mapping

from mailgql.upstreams.oempro.error_rules import DENY, GONE, INPUT, NO, Rule, one_record

__all__ = ["CONTENT_ERRORS", "USER_SIDE_ERRORS"]

_FIELD_SETTINGS: Mapping[int, Rule] = {
    2: (INPUT, "FieldName"),
    3: (INPUT, "FieldType"),
    4: (INPUT, "ValidationRule"),
    1000: (INPUT, "MergeTagAlias"),
    1001: (INPUT, "MergeTagAlias"),
}
_COPY: Mapping[int, Rule] = {
    1: (INPUT, "SourceListID"),
    2: (INPUT, "TargetListID"),
    3: (GONE, "SourceListID"),
    4: (GONE, "TargetListID"),
}
_COPY_EITHER: Mapping[int, Rule] = {
    1: (INPUT, "SourceListID"),
    2: (INPUT, "TargetListID"),
    # Either list is not the caller's: the answer does not say which.
    4: (GONE, None),
}
_RESPONDER_SETTINGS: Mapping[int, Rule] = {
    2: (INPUT, "AutoResponderName"),
    3: (INPUT, "AutoResponderTriggerType"),
    4: (INPUT, "AutoResponderTriggerValue"),
    5: (INPUT, "TriggerTime"),
    6: (INPUT, "AutoResponderTriggerType"),
    7: (INPUT, "TriggerTimeType"),
    8: (INPUT, "EmailID"),
    9: (GONE, "EmailID"),
}

_TAG_ASSIGNMENT: Mapping[int, Rule] = {1: (INPUT, "TagID"), 2: (INPUT, "CampaignIDs")}

CONTENT_ERRORS: Mapping[str, Mapping[int, Rule]] = {
    "Tags.Get": {},
    "Tag.Create": {
        1: (INPUT, "Tag"),
        # The user has a tag of that name already: the client picks another.
        2: (INPUT, "Tag"),
        3: (INPUT, "Tag"),
        4: (INPUT, "Tag"),
    },
    "Tag.Update": {
        1: (GONE, "TagID"),
        2: (INPUT, "Tag"),
        3: (INPUT, "Tag"),
        4: (INPUT, "Tag"),
    },
    "Tags.Delete": {1: (INPUT, "Tags")},
    "Tag.AssignToCampaigns": _TAG_ASSIGNMENT,
    "Tag.UnassignFromCampaigns": _TAG_ASSIGNMENT,
    "Campaigns.Archive.GetURL": one_record("TagID"),
    "Email.Duplicate": one_record("EmailID"),
    "Email.EmailPreview": {
        1: (INPUT, "EmailID"),
        2: (INPUT, "EmailAddress"),
        3: (GONE, "EmailID"),
        4: (INPUT, "EmailAddress"),
        5: (INPUT, "ListID"),
        6: (GONE, "ListID"),
        7: (GONE, "CampaignID"),
    },
    "Email.SpamTest": {1: (INPUT, "EmailID"), 2: (GONE, "EmailID"), 3: (INPUT, "EmailID")},
    "Email.PersonalizationTags": {1: (INPUT, "Scope"), 2: (INPUT, "ListID")},
    "Email.Templates.Get": {},
    "Email.Template.Get": one_record("TemplateID"),
    "Email.Template.Create": {
        1: (INPUT, "TemplateName"),
        2: (INPUT, "TemplateHTMLContent"),
        3: (INPUT, "RelOwnerUserID"),
    },
    "Email.Template.Update": {
        1: (INPUT, "TemplateID"),
        2: (GONE, "TemplateID"),
        3: (INPUT, "TemplateName"),
    },
    "Email.Template.Delete": {1: (INPUT, "Templates")},
    "Media.Upload": {
        1: (INPUT, "MediaData"),
        2: (INPUT, "MediaType"),
        3: (INPUT, "MediaSize"),
        # The server's size limit: the client sends a smaller file.
        4: (INPUT, "MediaData"),
        5: (INPUT, "MediaName"),
    },
    "Media.Browse": {},
    "Media.Retrieve": one_record("MediaID"),
    "Media.Delete": one_record("MediaID"),
    "Attachment.Delete": {1: (INPUT, "AttachmentID")},
}
"""Every content command the adapter sends (tags, the archive, emails, templates, media)."""

USER_SIDE_ERRORS: Mapping[str, Mapping[int, Rule]] = {
    # lists, subscribers, segments, campaigns, emails
    "Lists.Get": {},
    "List.Get": {1: (INPUT, "ListID")},
    "List.Create": {
        1: (INPUT, "SubscriberListName"),
        2: (INPUT, "SubscriberListName"),
        # The plan's list quota: these credentials may not create more.
        3: (DENY, None),
    },
    "List.Update": {
        1: (INPUT, "SubscriberListID"),
        2: (GONE, "SubscriberListID"),
        3: (INPUT, "OptInMode"),
        4: (INPUT, "OptOutScope"),
        5: (INPUT, "SendServiceIntegrationFailedNotification"),
        6: (INPUT, "HideInSubscriberArea"),
        7: (INPUT, "OptInConfirmationEmailID"),
        8: (INPUT, None),
        9: (INPUT, None),
        10: (INPUT, "OptOutAddToSuppressionList"),
        11: (INPUT, None),
    },
    "Lists.Delete": {1: (INPUT, "Lists")},
    "CustomFields.Get": one_record("SubscriberListID"),
    "Subscriber.Subscribe": {
        1: (INPUT, "ListID"),
        2: (INPUT, "EmailAddress"),
        3: (INPUT, "IPAddress"),
        4: (GONE, "ListID"),
        5: (INPUT, "EmailAddress"),
        6: (INPUT, None),
        7: (INPUT, None),
        8: (INPUT, None),
        9: (INPUT, "EmailAddress"),
        10: (NO, None),
        # The list's owner is disabled or gone: the list takes no subscriptions.
        11: (DENY, "ListID"),
        101: (NO, None),
    },
    "Subscriber.Unsubscribe": {
        1: (INPUT, "ListID"),
        2: (INPUT, "IPAddress"),
        3: (INPUT, "EmailAddress"),
        4: (GONE, "ListID"),
        5: (DENY, "ListID"),
        6: (INPUT, "EmailAddress"),
        7: (GONE, "EmailAddress"),
        8: (INPUT, "CampaignID"),
        9: (INPUT, "EmailAddress"),
        10: (INPUT, "EmailID"),
        11: (INPUT, None),
    },
    "Subscriber.Get": {
        1: (INPUT, "EmailAddress"),
        2: (INPUT, "ListID"),
        3: (GONE, "EmailAddress"),
        4: (GONE, "ListID"),
    },
    "Subscribers.Get": {
        1: (INPUT, "SubscriberListID"),
        2: (INPUT, "SubscriberSegment"),
        3: (GONE, "SubscriberListID"),
    },
    "Subscriber.Update": {
        1: (INPUT, "SubscriberID"),
        2: (INPUT, "SubscriberListID"),
        3: (INPUT, "EmailAddress"),
        4: (INPUT, "EmailAddress"),
        5: (GONE, "SubscriberListID"),
        6: (GONE, "SubscriberID"),
        7: (INPUT, "EmailAddress"),
        8: (INPUT, None),
        9: (INPUT, None),
        10: (INPUT, None),
    },
    "Campaigns.Get": {1: (NO, None)},
    "Campaign.Get": {1: (INPUT, "CampaignID"), 2: (INPUT, "CampaignID"), 3: (GONE, None)},
    "Campaign.Create": {1: (INPUT, "CampaignName")},
    "Campaign.Update": {
        1: (INPUT, "CampaignID"),
        2: (GONE, "CampaignID"),
        3: (INPUT, "CampaignStatus"),
        4: (INPUT, "RelEmailID"),
        5: (INPUT, "ScheduleType"),
        6: (INPUT, "SendDate"),
        7: (INPUT, "SendTime"),
        8: (INPUT, "ScheduleRecDaysOfMonth"),
        9: (INPUT, "ScheduleRecMonths"),
        10: (INPUT, "ScheduleRecHours"),
        11: (INPUT, "ScheduleRecMinutes"),
        12: (INPUT, "ScheduleRecSendMaxInstance"),
        13: (INPUT, "SendTimeZone"),
        **dict.fromkeys(range(14, 26), (INPUT, None)),
    },
    "Campaigns.Delete": {1: (INPUT, "Campaigns")},
    "Email.Create": {},
    "Email.Update": {
        1: (INPUT, "EmailID"),
        2: (INPUT, "FetchURL"),
        3: (GONE, "EmailID"),
        4: (INPUT, "RelTemplateID"),
        5: (INPUT, "Mode"),
        6: (INPUT, "FromEmail"),
        7: (INPUT, "ReplyToEmail"),
        8: (INPUT, "HTMLContent"),
        9: (INPUT, "ValidateScope"),
        10: (INPUT, "ValidateScope"),
        11: (INPUT, "HTMLContent"),
        12: (INPUT, "PlainContent"),
        13: (INPUT, "HTMLContent"),
        14: (INPUT, "PlainContent"),
        15: (INPUT, "HTMLContent"),
        16: (INPUT, "PlainContent"),
    },
    "Email.Get": one_record("EmailID"),
    "Email.Delete": {1: (INPUT, "EmailID")},
    "Emails.Get": {},
    "Segment.Get": {1: (INPUT, "SubscriberListID")},
    "Segment.Create": {
        1: (INPUT, "SubscriberListID"),
        2: (INPUT, "SegmentName"),
        3: (INPUT, "SegmentOperator"),
        4: (GONE, "SubscriberListID"),
    },
    "Segments.Delete": {1: (INPUT, "Segments")},
    # the list machinery
    "CustomField.Create": {
        1: (INPUT, "SubscriberListID"),
        **_FIELD_SETTINGS,
        5: (INPUT, "PresetName"),
        7: (INPUT, "FieldType"),
        8: (GONE, "SubscriberListID"),
    },
    "CustomField.Update": {
        1: (INPUT, "CustomFieldID"),
        **_FIELD_SETTINGS,
        6: (GONE, "CustomFieldID"),
        7: (INPUT, "FieldType"),
        8: (INPUT, "ValidationMethod"),
        9: (INPUT, "Visibility"),
        10: (INPUT, "IsRequired"),
        11: (INPUT, "IsUnique"),
        12: (INPUT, "IsGlobal"),
        13: (INPUT, "SubscriberListID"),
        14: (INPUT, "SubscriberListID"),
    },
    "CustomFields.Delete": {1: (INPUT, "CustomFields")},
    "CustomFields.Copy": _COPY,
    "AutoResponders.Get": one_record("SubscriberListID"),
    "AutoResponder.Get": {1: (INPUT, "AutoResponderID"), 5: (GONE, "AutoResponderID")},
    "AutoResponder.Create": {1: (INPUT, "SubscriberListID"), **_RESPONDER_SETTINGS},
    "AutoResponder.Update": {
        **_RESPONDER_SETTINGS,
        1: (INPUT, "AutoResponderID"),
        5: (GONE, "AutoResponderID"),
    },
    "AutoResponders.Delete": {1: (INPUT, "AutoResponders")},
    "AutoResponders.Copy": _COPY_EITHER,
    "ListIntegration.AddURL": {
        1: (INPUT, "SubscriberListID"),
        2: (INPUT, "URL"),
        3: (INPUT, "Event"),
        4: (GONE, "SubscriberListID"),
    },
    "ListIntegration.GetURLs": {1: (INPUT, "SubscriberListID")},
    "ListIntegration.DeleteURLs": {1: (INPUT, "URLs")},
    # Any other code is the probe's failure (an UpstreamRefused that keeps the code).
    "ListIntegration.TestURL": {1: (INPUT, "URL")},
    "ListIntegration.GenerateSubscriptionFormHTMLCode": {1: (INPUT, "SubscriberListID")},
    "ListIntegration.GenerateUnsubscriptionFormHTMLCode": {1: (INPUT, "SubscriberListID")},
    "Subscribers.Delete": {
        1: (INPUT, "Subscribers"),
        2: (INPUT, "SubscriberListID"),
        5: (GONE, "SubscriberListID"),
    },
    "Subscribers.Import": {
        1: (INPUT, "ImportType"),
        2: (INPUT, "ImportData"),
        3: (INPUT, "ImportStep"),
        4: (GONE, "ListID"),
        5: (INPUT, "ImportData"),
        6: (INPUT, "ImportID"),
        7: (INPUT, "MappedFields"),
        8: (INPUT, "MappedFields"),
        **dict.fromkeys(range(9, 17), (INPUT, None)),
        17: (INPUT, "ImportType"),
        18: (INPUT, "ImportData"),
    },
    "Subscriber.OptIn": {
        1: (INPUT, "ListID"),
        2: (INPUT, "SubscriberID"),
        3: (INPUT, "Mode"),
        4: (GONE, "ListID"),
        5: (DENY, "ListID"),
        6: (GONE, "SubscriberID"),
        7: (INPUT, "Mode"),
        8: (INPUT, "SubscriberID"),
    },
    # The subscriber's own login: its refusals are about the subscriber, not the gateway.
    "Subscriber.Login": {
        1: (INPUT, "ListID"),
        2: (INPUT, "SubscriberID"),
        3: (INPUT, "EmailAddress"),
        4: (INPUT, "EmailAddress"),
        5: (GONE, "ListID"),
        6: (DENY, "ListID"),
        7: (INPUT, "EmailAddress"),
        8: (GONE, "SubscriberID"),
    },
    "Subscriber.GetLists": {1: (NO, None), 2: (NO, None), 3: (GONE, "SubscriberID")},
    "Segment.Update": {
        1: (INPUT, "SegmentID"),
        2: (INPUT, "SegmentName"),
        3: (INPUT, "SegmentOperator"),
        4: (GONE, "SegmentID"),
        5: (INPUT, "SegmentOperator"),
        6: (GONE, "SegmentID"),
    },
    "Segments.Copy": _COPY_EITHER,
    **CONTENT_ERRORS,
}
"""Every command on a user's own data the adapter sends, with its documented codes."""
