"""Oempro error codes mapped onto the shared upstream errors, one table per command.

Per-command codes are small integers that mean different things in different commands (4 is
"invalid list" in one and "invalid email" in another), so every command has its own table.
The auth layer's codes (99998, 99999, 99997) and 5.9.3's hard failures (100000-100005) mean the
same everywhere. A code no table knows is an ``UpstreamRefused`` that keeps the code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mailgql.platforms import Platform
from mailgql.upstreams import errors
from mailgql.upstreams.errors import UpstreamError
from mailgql.upstreams.oempro.admin_error_codes import ADMIN_AREA_ERRORS
from mailgql.upstreams.oempro.content_error_codes import CONTENT_ERRORS
from mailgql.upstreams.oempro.list_side_errors import LIST_SIDE_ERRORS

__all__ = [
    "COMMAND_ERRORS",
    "NO_PRIVILEGES",
    "SESSION_EXPIRED",
    "UNKNOWN_COMMAND",
    "LegacyError",
    "Rule",
    "error_for",
]

_PLATFORM = Platform.OEMPRO

SESSION_EXPIRED = 99998
"""Authentication failure or session expired (also: an invalid API key)."""
NO_PRIVILEGES = 99999
"""Not enough privileges: wrong scope, or the user group lacks the permission."""
UNKNOWN_COMMAND = 100003
"""5.9.3+: no such command (older servers print a PHP fatal error page instead)."""


@dataclass(frozen=True, slots=True)
class LegacyError:
    """One (code, text) pair of an error envelope; 5.x may put a word where a number goes."""

    code: int | str
    text: str | None


Rule = tuple[type[UpstreamError], str | None]
"""The error class for a code, and the request parameter it is about (if one)."""

_INPUT = errors.UpstreamInvalidInput
_GONE = errors.UpstreamNotFound
_AUTH = errors.UpstreamUnauthenticated
_DENY = errors.UpstreamForbidden
_NO = errors.UpstreamRefused

_LOGIN: Mapping[int, Rule] = {
    1: (_AUTH, "Username"),
    2: (_AUTH, "Password"),
    3: (_AUTH, None),
    4: (_AUTH, "Captcha"),
    5: (_AUTH, "Captcha"),
    6: (_AUTH, "TFACode"),
    101: (_AUTH, "TFACode"),
}

COMMAND_ERRORS: Mapping[str, Mapping[int, Rule]] = {
    "User.Login": _LOGIN,
    "Admin.Login": _LOGIN,
    "Client.Login": {1: (_AUTH, "Username"), 2: (_AUTH, "Password"), 3: (_AUTH, None)},
    # The admin's session is fine: these are about the user asked for, not the credentials.
    "User.Switch": {1: (_INPUT, "UserID"), 2: (_GONE, "UserID"), 3: (_INPUT, "PrivilegeType")},
    "Users.Get": {},
    "User.Get": {1: (_INPUT, "UserID"), 3: (_GONE, "UserID")},
    "User.Update": {
        1: (_INPUT, "UserID"),
        2: (_DENY, "UserID"),
        5: (_GONE, "UserID"),
        6: (_INPUT, "EmailAddress"),
    },
    "UserGroup.Get": {1: (_INPUT, "UserGroupID"), 2: (_GONE, "UserGroupID")},
    "Lists.Get": {},
    "List.Get": {1: (_INPUT, "ListID")},
    "List.Create": {
        1: (_INPUT, "SubscriberListName"),
        2: (_INPUT, "SubscriberListName"),
        # The plan's list quota: these credentials may not create more.
        3: (_DENY, None),
    },
    "List.Update": {
        1: (_INPUT, "SubscriberListID"),
        2: (_GONE, "SubscriberListID"),
        3: (_INPUT, "OptInMode"),
        4: (_INPUT, "OptOutScope"),
        5: (_INPUT, "SendServiceIntegrationFailedNotification"),
        6: (_INPUT, "HideInSubscriberArea"),
        7: (_INPUT, "OptInConfirmationEmailID"),
        8: (_INPUT, None),
        9: (_INPUT, None),
        10: (_INPUT, "OptOutAddToSuppressionList"),
        11: (_INPUT, None),
    },
    "Lists.Delete": {1: (_INPUT, "Lists")},
    "CustomFields.Get": {1: (_INPUT, "SubscriberListID"), 2: (_GONE, "SubscriberListID")},
    "Subscriber.Subscribe": {
        1: (_INPUT, "ListID"),
        2: (_INPUT, "EmailAddress"),
        3: (_INPUT, "IPAddress"),
        4: (_GONE, "ListID"),
        5: (_INPUT, "EmailAddress"),
        6: (_INPUT, None),
        7: (_INPUT, None),
        8: (_INPUT, None),
        9: (_INPUT, "EmailAddress"),
        10: (_NO, None),
        # The list's owner is disabled or gone: the list takes no subscriptions.
        11: (_DENY, "ListID"),
        101: (_NO, None),
    },
    "Subscriber.Unsubscribe": {
        1: (_INPUT, "ListID"),
        2: (_INPUT, "IPAddress"),
        3: (_INPUT, "EmailAddress"),
        4: (_GONE, "ListID"),
        5: (_DENY, "ListID"),
        6: (_INPUT, "EmailAddress"),
        7: (_GONE, "EmailAddress"),
        8: (_INPUT, "CampaignID"),
        9: (_INPUT, "EmailAddress"),
        10: (_INPUT, "EmailID"),
        11: (_INPUT, None),
    },
    "Subscriber.Get": {
        1: (_INPUT, "EmailAddress"),
        2: (_INPUT, "ListID"),
        3: (_GONE, "EmailAddress"),
        4: (_GONE, "ListID"),
    },
    "Subscribers.Get": {
        1: (_INPUT, "SubscriberListID"),
        2: (_INPUT, "SubscriberSegment"),
        3: (_GONE, "SubscriberListID"),
    },
    "Subscriber.Update": {
        1: (_INPUT, "SubscriberID"),
        2: (_INPUT, "SubscriberListID"),
        3: (_INPUT, "EmailAddress"),
        4: (_INPUT, "EmailAddress"),
        5: (_GONE, "SubscriberListID"),
        6: (_GONE, "SubscriberID"),
        7: (_INPUT, "EmailAddress"),
        8: (_INPUT, None),
        9: (_INPUT, None),
        10: (_INPUT, None),
    },
    "Campaigns.Get": {1: (_NO, None)},
    "Campaign.Get": {1: (_INPUT, "CampaignID"), 2: (_INPUT, "CampaignID"), 3: (_GONE, None)},
    "Campaign.Create": {1: (_INPUT, "CampaignName")},
    "Campaign.Update": {
        1: (_INPUT, "CampaignID"),
        2: (_GONE, "CampaignID"),
        3: (_INPUT, "CampaignStatus"),
        4: (_INPUT, "RelEmailID"),
        5: (_INPUT, "ScheduleType"),
        6: (_INPUT, "SendDate"),
        7: (_INPUT, "SendTime"),
        8: (_INPUT, "ScheduleRecDaysOfMonth"),
        9: (_INPUT, "ScheduleRecMonths"),
        10: (_INPUT, "ScheduleRecHours"),
        11: (_INPUT, "ScheduleRecMinutes"),
        12: (_INPUT, "ScheduleRecSendMaxInstance"),
        13: (_INPUT, "SendTimeZone"),
        **dict.fromkeys(range(14, 26), (_INPUT, None)),
    },
    "Campaigns.Delete": {1: (_INPUT, "Campaigns")},
    "Email.Create": {},
    "Email.Update": {
        1: (_INPUT, "EmailID"),
        2: (_INPUT, "FetchURL"),
        3: (_GONE, "EmailID"),
        4: (_INPUT, "RelTemplateID"),
        5: (_INPUT, "Mode"),
        6: (_INPUT, "FromEmail"),
        7: (_INPUT, "ReplyToEmail"),
        8: (_INPUT, "HTMLContent"),
        9: (_INPUT, "ValidateScope"),
        10: (_INPUT, "ValidateScope"),
        11: (_INPUT, "HTMLContent"),
        12: (_INPUT, "PlainContent"),
        13: (_INPUT, "HTMLContent"),
        14: (_INPUT, "PlainContent"),
        15: (_INPUT, "HTMLContent"),
        16: (_INPUT, "PlainContent"),
    },
    "Email.Get": {1: (_INPUT, "EmailID"), 2: (_GONE, "EmailID")},
    "Email.Delete": {1: (_INPUT, "EmailID")},
    "Emails.Get": {},
    "Segment.Get": {1: (_INPUT, "SubscriberListID")},
    "Segment.Create": {
        1: (_INPUT, "SubscriberListID"),
        2: (_INPUT, "SegmentName"),
        3: (_INPUT, "SegmentOperator"),
        4: (_GONE, "SubscriberListID"),
    },
    "Segments.Delete": {1: (_INPUT, "Segments")},
    "Clients.Get": {1: (_INPUT, "OrderField"), 2: (_INPUT, "OrderType")},
    **LIST_SIDE_ERRORS,
    **CONTENT_ERRORS,
    **ADMIN_AREA_ERRORS,
}
"""Every command the adapter sends, with its documented codes (contract §2-§15)."""

# Meaning shared by every command. 100000-100003 say the request could not be handled as a
# command at all (bad body, unknown command, missing handler): an answer we cannot use.
# 100004-100005 are failures inside the server.
_SHARED: Mapping[int, Rule] = {
    SESSION_EXPIRED: (_AUTH, None),
    NO_PRIVILEGES: (_DENY, None),
    99997: (_NO, None),
    100000: (errors.UpstreamBadResponse, None),
    100001: (errors.UpstreamBadResponse, None),
    100002: (errors.UpstreamBadResponse, None),
    UNKNOWN_COMMAND: (errors.UpstreamBadResponse, None),
    100004: (_NO, None),
    100005: (_NO, None),
}

_CREDENTIAL_HINT = (
    "check MAILGQL_OEMPRO_USERNAME and MAILGQL_OEMPRO_PASSWORD (or MAILGQL_OEMPRO_API_KEY)"
)


def _rule(command: str, code: int | str) -> Rule:
    if isinstance(code, str):
        return (_NO, None)
    shared = _SHARED.get(code)
    if shared is not None:
        return shared
    return COMMAND_ERRORS.get(command, {}).get(code, (_NO, None))


def _summary(command: str, found: Sequence[LegacyError], cls: type[UpstreamError]) -> str:
    first = found[0]
    if first.code == SESSION_EXPIRED:
        return f"Oempro rejected the gateway's session or API key on {command}; {_CREDENTIAL_HINT}"
    if first.code == NO_PRIVILEGES:
        return f"Oempro: the gateway's login may not call {command} (not enough privileges)"
    if command.endswith(".Login") and cls is _AUTH:
        reason = "the CAPTCHA check" if first.code in (4, 5) else "the credentials"
        return f"Oempro refused {command} because of {reason}; {_CREDENTIAL_HINT}"
    codes = ", ".join(str(e.code) for e in found)
    texts = "; ".join(e.text for e in found if e.text)
    label = "code" if len(found) == 1 else "codes"
    return f"Oempro refused {command} ({label} {codes})" + (f": {texts}" if texts else "")


def error_for(
    command: str,
    errors: Sequence[LegacyError],
    *,
    http_status: int | None = None,
    field: str | None = None,
) -> UpstreamError:
    """The upstream error for an error envelope; the first code decides the class.

    ``field`` overrides the table's parameter (a custom field named by the answer itself).
    """
    if not errors:
        return _NO(
            f"Oempro refused {command} without an error code",
            platform=_PLATFORM,
            operation=command,
            http_status=http_status,
        )
    cls, table_field = _rule(command, errors[0].code)
    texts = [e.text for e in errors if e.text]
    return cls(
        _summary(command, errors, cls),
        platform=_PLATFORM,
        operation=command,
        legacy_code=errors[0].code,
        legacy_message="; ".join(texts) or None,
        http_status=http_status,
        field=field or table_field,
    )
