"""Error codes of Oempro's account and administrator commands (contract §3 logins, §4 users, §5
the administrator, §12 clients, §15 user groups, §17 settings, §18 themes), one table per command;
``error_codes.COMMAND_ERRORS`` takes them in.

Where the contract lists codes without saying which parameter each is about (user groups,
settings), the parameter named is our reading, the one the emulator follows too.
"""

from __future__ import annotations

from collections.abc import Mapping

from mailgql.upstreams.oempro.error_rules import AUTH, DENY, GONE, INPUT, NO, Rule, one_record

__all__ = ["ADMIN_AREA_ERRORS"]

_LOGIN: Mapping[int, Rule] = {
    1: (AUTH, "Username"),
    2: (AUTH, "Password"),
    3: (AUTH, None),
    4: (AUTH, "Captcha"),
    5: (AUTH, "Captcha"),
    6: (AUTH, "TFACode"),
    101: (AUTH, "TFACode"),
}

_PLAN_VALUES: Mapping[int, Rule] = {
    1: (INPUT, "GroupName"),
    2: (INPUT, "RelThemeID"),
    5: (INPUT, "SubscriberAreaLogoutURL"),
    6: (INPUT, "ForceUnsubscriptionLink"),
    7: (INPUT, "ForceRejectOptLink"),
    8: (INPUT, "Permissions"),
    17: (INPUT, "LimitSubscribers"),
    18: (INPUT, "LimitLists"),
    19: (GONE, "RelThemeID"),
    20: (INPUT, "SendMethod"),
    22: (INPUT, "SendMethod"),
    23: (INPUT, "SendMethodSMTPHost"),
    24: (INPUT, "SendMethodSMTPPort"),
    25: (INPUT, "SendMethodSMTPUsername"),
}
_REMIND: Mapping[int, Rule] = {
    1: (INPUT, "EmailAddress"),
    2: (INPUT, "EmailAddress"),
    3: (GONE, "EmailAddress"),
}
_PERIODS: Mapping[int, Rule] = one_record("UserID")

ADMIN_AREA_ERRORS: Mapping[str, Mapping[int, Rule]] = {
    # logins and who calls
    "User.Login": _LOGIN,
    "Admin.Login": _LOGIN,
    "Client.Login": {1: (AUTH, "Username"), 2: (AUTH, "Password"), 3: (AUTH, None)},
    # The admin's session is fine: these are about the user asked for, not the credentials.
    "User.Switch": {1: (INPUT, "UserID"), 2: (GONE, "UserID"), 3: (INPUT, "PrivilegeType")},
    "Users.Get": {},
    "User.Get": {1: (INPUT, "UserID"), 3: (GONE, "UserID")},
    "User.Update": {
        1: (INPUT, "UserID"),
        2: (DENY, "UserID"),
        5: (GONE, "UserID"),
        6: (INPUT, "EmailAddress"),
    },
    "UserGroup.Get": one_record("UserGroupID"),
    "Clients.Get": {1: (INPUT, "OrderField"), 2: (INPUT, "OrderType")},
    # user groups
    "UserGroups.Get": {},
    "UserGroup.Create": _PLAN_VALUES,
    "UserGroup.Update": {**_PLAN_VALUES, 3: (INPUT, "UserGroupID"), 21: (GONE, "UserGroupID")},
    # The last group: Oempro keeps at least one plan.
    "UserGroup.Delete": {1: (INPUT, "UserGroupID"), 4: (INPUT, "UserGroupID")},
    "UserGroup.Duplicate": one_record("UserGroupID"),
    # users
    "User.Create": {
        1: (INPUT, "RelUserGroupID"),
        2: (INPUT, "EmailAddress"),
        3: (INPUT, "Username"),
        4: (INPUT, "Password"),
        6: (INPUT, "FirstName"),
        8: (INPUT, "TimeZone"),
        9: (INPUT, "Language"),
        10: (INPUT, "EmailAddress"),
        11: (GONE, "RelUserGroupID"),
        12: (INPUT, "Username"),
        13: (INPUT, "EmailAddress"),
        14: (INPUT, "Language"),
        15: (INPUT, "ReputationLevel"),
        # The licence's user limit: no more users may be created at all.
        16: (DENY, None),
    },
    "Users.Delete": {1: (INPUT, "Users")},
    "User.AddCredits": {
        1: (INPUT, "UserID"),
        2: (INPUT, "Credits"),
        3: (GONE, "UserID"),
        4: (INPUT, "Credits"),
    },
    "User.PasswordRemind": _REMIND,
    "User.PasswordReset": one_record("UserID"),
    "User.PaymentPeriods": {**_PERIODS, 3: (INPUT, "PaymentStatus")},
    "User.PaymentPeriods.Update": {
        **_PERIODS,
        3: (INPUT, "LogID"),
        4: (GONE, "LogID"),
        5: (INPUT, "IncludeTax"),
        6: (INPUT, "PaymentStatus"),
    },
    # the administrator
    "Admin.Update": {
        1: (INPUT, "AdminID"),
        2: (INPUT, "Name"),
        3: (INPUT, "Username"),
        4: (INPUT, "EmailAddress"),
        5: (INPUT, "Password"),
        7: (INPUT, "EmailAddress"),
        8: (DENY, "AdminID"),
    },
    "Admin.PasswordRemind": _REMIND,
    "Admin.PasswordReset": one_record("AdminID"),
    # clients
    "Client.Create": {
        1: (INPUT, "ClientName"),
        2: (INPUT, "ClientUsername"),
        3: (INPUT, "ClientPassword"),
        4: (INPUT, "ClientEmailAddress"),
        5: (INPUT, "ClientEmailAddress"),
        6: (INPUT, "ClientUsername"),
        7: (INPUT, "ClientEmailAddress"),
    },
    "Client.Update": {
        1: (INPUT, "ClientName"),
        2: (INPUT, "ClientUsername"),
        4: (INPUT, "ClientEmailAddress"),
        5: (INPUT, "ClientAccountStatus"),
        6: (INPUT, "ClientID"),
        7: (INPUT, "ClientEmailAddress"),
        8: (GONE, "ClientID"),
        9: (INPUT, "ClientUsername"),
        10: (INPUT, "ClientEmailAddress"),
    },
    "Clients.Delete": {1: (INPUT, "Clients")},
    "Client.AssignSubscriberLists": {1: (INPUT, "ClientID"), 2: (INPUT, "SubscriberListIDs")},
    "Client.AssignCampaigns": {1: (INPUT, "ClientID"), 2: (INPUT, "CampaignIDs")},
    "Client.Lists.Get": {},
    "Client.List.Get": one_record("ListID"),
    "Client.Campaigns.Get": {},
    "Client.Campaign.Get": one_record("CampaignID"),
    "Client.PasswordRemind": _REMIND,
    "Client.PasswordReset": one_record("ClientID"),
    # settings
    "Settings.Update": {
        1: (INPUT, "SystemEmailFromEmail"),
        2: (INPUT, "SystemEmailReplyToEmail"),
        3: (INPUT, "AlertRecipientEmail"),
        4: (INPUT, "ReportAbuseEmail"),
        5: (INPUT, "MediaUploadMethod"),
        6: (INPUT, "S3Bucket"),
        7: (INPUT, None),
        8: (INPUT, "SendMethod"),
    },
    # A failed test is an answer, not an error: the client turns code 1 into a SendingTest.
    "Settings.EmailSendingTest": {1: (NO, None), 2: (INPUT, "SendMethod")},
    # themes
    "Themes.Get": {},
    "Theme.Get": one_record("ThemeID"),
    "Theme.Create": {1: (INPUT, "Template"), 2: (INPUT, "ThemeName"), 3: (INPUT, "Template")},
    "Theme.Update": {
        2: (INPUT, "ThemeName"),
        3: (INPUT, "Template"),
        4: (INPUT, "ThemeID"),
        5: (GONE, "ThemeID"),
    },
    "Theme.Delete": {1: (INPUT, "Themes"), 2: (INPUT, "Themes")},
}
"""Every account and administrator command the adapter sends, with its documented codes."""
