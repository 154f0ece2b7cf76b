"""Error codes of Oempro's account and administrator commands (contract §3 logins, §4 users, §5
the administrator, §12 clients, §15 user groups, §17 settings, §18 themes), one table per command;
``error_codes.COMMAND_ERRORS`` takes them in.

Where the contract lists codes without saying which parameter each is about (user groups,
settings), the parameter named is our reading, the one the emulator follows too.
"""

from __future__ import annotations

from collections.abc import Mapping

from mailgql.upstreams.oempro.error_rules import AUTH, DENY, GONE, INPUT, NO, Entry, one_record

__all__ = ["ADMIN_AREA_ERRORS"]

_LOGIN: Mapping[int, Entry] = {
    1: (AUTH, "Username"),
    2: (AUTH, "Password"),
    3: (AUTH, None),
    4: (AUTH, "Captcha"),
    5: (AUTH, "Captcha"),
    6: (AUTH, "TFACode"),
    101: (AUTH, "TFACode"),
}

_PLAN_VALUES: Mapping[int, Entry] = {
    1: "GroupName",
    2: "RelThemeID",
    5: "SubscriberAreaLogoutURL",
    6: "ForceUnsubscriptionLink",
    7: "ForceRejectOptLink",
    8: "Permissions",
    17: "LimitSubscribers",
    18: "LimitLists",
    19: (GONE, "RelThemeID"),
    20: "SendMethod",
    22: "SendMethod",
    23: "SendMethodSMTPHost",
    24: "SendMethodSMTPPort",
    25: "SendMethodSMTPUsername",
}
_REMIND: Mapping[int, Entry] = {
    1: "EmailAddress",
    2: "EmailAddress",
    3: (GONE, "EmailAddress"),
}
_PERIODS: Mapping[int, Entry] = one_record("UserID")

ADMIN_AREA_ERRORS: Mapping[str, Mapping[int, Entry]] = {
    # logins and who calls
    "User.Login": _LOGIN,
    "Admin.Login": _LOGIN,
    "Client.Login": {1: (AUTH, "Username"), 2: (AUTH, "Password"), 3: (AUTH, None)},
    # The admin's session is fine: these are about the user asked for, not the credentials.
    "User.Switch": {1: "UserID", 2: (GONE, "UserID"), 3: "PrivilegeType"},
    "Users.Get": {},
    "User.Get": {1: "UserID", 3: (GONE, "UserID")},
    "User.Update": {
        1: "UserID",
        2: (DENY, "UserID"),
        5: (GONE, "UserID"),
        6: "EmailAddress",
    },
    "UserGroup.Get": one_record("UserGroupID"),
    "Clients.Get": {1: "OrderField", 2: "OrderType"},
    # user groups
    "UserGroups.Get": {},
    "UserGroup.Create": _PLAN_VALUES,
    "UserGroup.Update": {**_PLAN_VALUES, 3: "UserGroupID", 21: (GONE, "UserGroupID")},
    # The last group: Oempro keeps at least one plan.
    "UserGroup.Delete": {1: "UserGroupID", 4: "UserGroupID"},
    "UserGroup.Duplicate": one_record("UserGroupID"),
    # users
    "User.Create": {
        1: "RelUserGroupID",
        2: "EmailAddress",
        3: "Username",
        4: "Password",
        6: "FirstName",
        8: "TimeZone",
        9: "Language",
        10: "EmailAddress",
        11: (GONE, "RelUserGroupID"),
        12: "Username",
        13: "EmailAddress",
        14: "Language",
        15: "ReputationLevel",
        # The licence's user limit: no more users may be created at all.
        16: (DENY, None),
    },
    "Users.Delete": {1: "Users"},
    "User.AddCredits": {
        1: "UserID",
        2: "Credits",
        3: (GONE, "UserID"),
        4: "Credits",
    },
    "User.PasswordRemind": _REMIND,
    "User.PasswordReset": one_record("UserID"),
    "User.PaymentPeriods": {**_PERIODS, 3: "PaymentStatus"},
    "User.PaymentPeriods.Update": {
        **_PERIODS,
        3: "LogID",
        4: (GONE, "LogID"),
        5: "IncludeTax",
        6: "PaymentStatus",
    },
    # the administrator
    "Admin.Update": {
        1: "AdminID",
        2: "Name",
        3: "Username",
        4: "EmailAddress",
        5: "Password",
        7: "EmailAddress",
        8: (DENY, "AdminID"),
    },
    "Admin.PasswordRemind": _REMIND,
    "Admin.PasswordReset": one_record("AdminID"),
    # clients
    "Client.Create": {
        1: "ClientName",
        2: "ClientUsername",
        3: "ClientPassword",
        4: "ClientEmailAddress",
        5: "ClientEmailAddress",
        6: "ClientUsername",
        7: "ClientEmailAddress",
    },
    "Client.Update": {
        1: "ClientName",
        2: "ClientUsername",
        4: "ClientEmailAddress",
        5: "ClientAccountStatus",
        6: "ClientID",
        7: "ClientEmailAddress",
        8: (GONE, "ClientID"),
        9: "ClientUsername",
        10: "ClientEmailAddress",
    },
    "Clients.Delete": {1: "Clients"},
    "Client.AssignSubscriberLists": {1: "ClientID", 2: "SubscriberListIDs"},
    "Client.AssignCampaigns": {1: "ClientID", 2: "CampaignIDs"},
    "Client.Lists.Get": {},
    "Client.List.Get": one_record("ListID"),
    "Client.Campaigns.Get": {},
    "Client.Campaign.Get": one_record("CampaignID"),
    "Client.PasswordRemind": _REMIND,
    "Client.PasswordReset": one_record("ClientID"),
    # settings
    "Settings.Update": {
        1: "SystemEmailFromEmail",
        2: "SystemEmailReplyToEmail",
        3: "AlertRecipientEmail",
        4: "ReportAbuseEmail",
        5: "MediaUploadMethod",
        6: "S3Bucket",
        7: (INPUT, None),
        8: "SendMethod",
    },
    # A failed test is an answer, not an error: the client turns code 1 into a SendingTest.
    "Settings.EmailSendingTest": {1: (NO, None), 2: "SendMethod"},
    # themes
    "Themes.Get": {},
    "Theme.Get": one_record("ThemeID"),
    "Theme.Create": {1: "Template", 2: "ThemeName", 3: "Template"},
    "Theme.Update": {
        2: "ThemeName",
        3: "Template",
        4: "ThemeID",
        5: (GONE, "ThemeID"),
    },
    "Theme.Delete": {1: "Themes", 2: "Themes"},
}
"""Every account and administrator command the adapter sends, with its documented codes."""
