"""Error codes of Oempro's administrator commands (contract §4 users, §5 the administrator, §12
clients, §15 user groups, §17 settings, §18 themes), one table per command;
``error_codes.COMMAND_ERRORS`` takes them in.

Where the contract lists codes without saying which parameter each is about (user groups,
settings), the parameter named is our reading, the one the emulator follows too.
"""

from __future__ import annotations

from collections.abc import Mapping

from mailgql.upstreams import errors
from mailgql.upstreams.errors import UpstreamError

__all__ = ["ADMIN_AREA_ERRORS"]

_INPUT = errors.UpstreamInvalidInput
_GONE = errors.UpstreamNotFound
_DENY = errors.UpstreamForbidden
_NO = errors.UpstreamRefused

_Rule = tuple[type[UpstreamError], str | None]

_PLAN_VALUES: Mapping[int, _Rule] = {
    1: (_INPUT, "GroupName"),
    2: (_INPUT, "RelThemeID"),
    5: (_INPUT, "SubscriberAreaLogoutURL"),
    6: (_INPUT, "ForceUnsubscriptionLink"),
    7: (_INPUT, "ForceRejectOptLink"),
    8: (_INPUT, "Permissions"),
    17: (_INPUT, "LimitSubscribers"),
    18: (_INPUT, "LimitLists"),
    19: (_GONE, "RelThemeID"),
    20: (_INPUT, "SendMethod"),
    22: (_INPUT, "SendMethod"),
    23: (_INPUT, "SendMethodSMTPHost"),
    24: (_INPUT, "SendMethodSMTPPort"),
    25: (_INPUT, "SendMethodSMTPUsername"),
}
_REMIND: Mapping[int, _Rule] = {
    1: (_INPUT, "EmailAddress"),
    2: (_INPUT, "EmailAddress"),
    3: (_GONE, "EmailAddress"),
}
_PERIODS: Mapping[int, _Rule] = {1: (_INPUT, "UserID"), 2: (_GONE, "UserID")}

ADMIN_AREA_ERRORS: Mapping[str, Mapping[int, _Rule]] = {
    # user groups
    "UserGroups.Get": {},
    "UserGroup.Create": _PLAN_VALUES,
    "UserGroup.Update": {**_PLAN_VALUES, 3: (_INPUT, "UserGroupID"), 21: (_GONE, "UserGroupID")},
    # The last group: Oempro keeps at least one plan.
    "UserGroup.Delete": {1: (_INPUT, "UserGroupID"), 4: (_INPUT, "UserGroupID")},
    "UserGroup.Duplicate": {1: (_INPUT, "UserGroupID"), 2: (_GONE, "UserGroupID")},
    # users
    "User.Create": {
        1: (_INPUT, "RelUserGroupID"),
        2: (_INPUT, "EmailAddress"),
        3: (_INPUT, "Username"),
        4: (_INPUT, "Password"),
        6: (_INPUT, "FirstName"),
        8: (_INPUT, "TimeZone"),
        9: (_INPUT, "Language"),
        10: (_INPUT, "EmailAddress"),
        11: (_GONE, "RelUserGroupID"),
        12: (_INPUT, "Username"),
        13: (_INPUT, "EmailAddress"),
        14: (_INPUT, "Language"),
        15: (_INPUT, "ReputationLevel"),
        # The licence's user limit: no more users may be created at all.
        16: (_DENY, None),
    },
    "Users.Delete": {1: (_INPUT, "Users")},
    "User.AddCredits": {
        1: (_INPUT, "UserID"),
        2: (_INPUT, "Credits"),
        3: (_GONE, "UserID"),
        4: (_INPUT, "Credits"),
    },
    "User.PasswordRemind": _REMIND,
    "User.PasswordReset": {1: (_INPUT, "UserID"), 2: (_GONE, "UserID")},
    "User.PaymentPeriods": {**_PERIODS, 3: (_INPUT, "PaymentStatus")},
    "User.PaymentPeriods.Update": {
        **_PERIODS,
        3: (_INPUT, "LogID"),
        4: (_GONE, "LogID"),
        5: (_INPUT, "IncludeTax"),
        6: (_INPUT, "PaymentStatus"),
    },
    # the administrator
    "Admin.Update": {
        1: (_INPUT, "AdminID"),
        2: (_INPUT, "Name"),
        3: (_INPUT, "Username"),
        4: (_INPUT, "EmailAddress"),
        5: (_INPUT, "Password"),
        7: (_INPUT, "EmailAddress"),
        8: (_DENY, "AdminID"),
    },
    "Admin.PasswordRemind": _REMIND,
    "Admin.PasswordReset": {1: (_INPUT, "AdminID"), 2: (_GONE, "AdminID")},
    # clients
    "Client.Create": {
        1: (_INPUT, "ClientName"),
        2: (_INPUT, "ClientUsername"),
        3: (_INPUT, "ClientPassword"),
        4: (_INPUT, "ClientEmailAddress"),
        5: (_INPUT, "ClientEmailAddress"),
        6: (_INPUT, "ClientUsername"),
        7: (_INPUT, "ClientEmailAddress"),
    },
    "Client.Update": {
        1: (_INPUT, "ClientName"),
        2: (_INPUT, "ClientUsername"),
        4: (_INPUT, "ClientEmailAddress"),
        5: (_INPUT, "ClientAccountStatus"),
        6: (_INPUT, "ClientID"),
        7: (_INPUT, "ClientEmailAddress"),
        8: (_GONE, "ClientID"),
        9: (_INPUT, "ClientUsername"),
        10: (_INPUT, "ClientEmailAddress"),
    },
    "Clients.Delete": {1: (_INPUT, "Clients")},
    "Client.AssignSubscriberLists": {1: (_INPUT, "ClientID"), 2: (_INPUT, "SubscriberListIDs")},
    "Client.AssignCampaigns": {1: (_INPUT, "ClientID"), 2: (_INPUT, "CampaignIDs")},
    "Client.Lists.Get": {},
    "Client.List.Get": {1: (_INPUT, "ListID"), 2: (_GONE, "ListID")},
    "Client.Campaigns.Get": {},
    "Client.Campaign.Get": {1: (_INPUT, "CampaignID"), 2: (_GONE, "CampaignID")},
    "Client.PasswordRemind": _REMIND,
    "Client.PasswordReset": {1: (_INPUT, "ClientID"), 2: (_GONE, "ClientID")},
    # settings
    "Settings.Update": {
        1: (_INPUT, "SystemEmailFromEmail"),
        2: (_INPUT, "SystemEmailReplyToEmail"),
        3: (_INPUT, "AlertRecipientEmail"),
        4: (_INPUT, "ReportAbuseEmail"),
        5: (_INPUT, "MediaUploadMethod"),
        6: (_INPUT, "S3Bucket"),
        7: (_INPUT, None),
        8: (_INPUT, "SendMethod"),
    },
    # A failed test is an answer, not an error: the client turns code 1 into a SendingTest.
    "Settings.EmailSendingTest": {1: (_NO, None), 2: (_INPUT, "SendMethod")},
    # themes
    "Themes.Get": {},
    "Theme.Get": {1: (_INPUT, "ThemeID"), 2: (_GONE, "ThemeID")},
    "Theme.Create": {1: (_INPUT, "Template"), 2: (_INPUT, "ThemeName"), 3: (_INPUT, "Template")},
    "Theme.Update": {
        2: (_INPUT, "ThemeName"),
        3: (_INPUT, "Template"),
        4: (_INPUT, "ThemeID"),
        5: (_GONE, "ThemeID"),
    },
    "Theme.Delete": {1: (_INPUT, "Themes"), 2: (_INPUT, "Themes")},
}
"""Every administrator command the adapter sends, with its documented codes."""
