"""Oempro wire format: the envelope, its error codes, and the string-typed records. Pure.

Both response formats go through here: JSON as sent, XML after ``xml.parse_response`` turned it
into the same dicts and lists (with every scalar a string, which the coercions accept anyway).

Quirks handled (contract §3 and §19): ``Success`` as a JSON boolean or XML ``1``/empty;
``ErrorCode`` as 0, a number, a string or an array and ``ErrorText`` as a string, an array or
absent, normalised into (code, text) pairs; an HTML page (or anything that is not the envelope)
with HTTP 200; empty results as ``[]``, ``false``, ``""`` or a missing key; records made of
strings, ``"0000-00-00 00:00:00"`` for never, ``Yes``/``No`` and ``Enabled``/``Disabled`` flags;
total keys that differ by version. Secret columns (password hashes, API keys, SMTP and sync
credentials) are dropped before any record is built.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from functools import partial
from types import MappingProxyType
from typing import Any, TypeVar

from mailgql.platforms import Platform
from mailgql.upstreams._coerce import opt_int, opt_str, req_int, req_str, to_bool
from mailgql.upstreams._wire import bad_answer, read_record, server_failed
from mailgql.upstreams.errors import UpstreamBadResponse, UpstreamNotFound
from mailgql.upstreams.oempro.error_codes import UNKNOWN_COMMAND, LegacyError, error_for
from mailgql.upstreams.oempro.records import (
    Admin,
    BounceType,
    Campaign,
    CampaignStatistics,
    CampaignStatus,
    Client,
    CustomField,
    Email,
    MailingList,
    Page,
    Segment,
    SegmentRule,
    Subscriber,
    SubscribeResult,
    SubscriptionStatus,
    User,
    UserGroup,
)
from mailgql.upstreams.oempro.xml import parse_response

__all__ = [
    "OemproUnknownCommand",
    "decode_envelope",
    "decode_listing",
    "decode_record",
    "drop_secrets",
    "is_secret_column",
    "legacy_errors",
    "new_id",
    "parse_admin",
    "parse_campaign",
    "parse_client",
    "parse_custom_field",
    "parse_email",
    "parse_list",
    "parse_login",
    "parse_segment",
    "parse_subscribe_result",
    "parse_subscriber",
    "parse_user",
    "parse_user_group",
    "server_time",
]

_PLATFORM = Platform.OEMPRO
R = TypeVar("R")


class OemproUnknownCommand(UpstreamBadResponse):
    """The server has no such command (a PHP fatal error page on 4.x, code 100003 on 5.9.3+)."""


_bad = partial(bad_answer, _PLATFORM)


# -- the envelope -------------------------------------------------------------------------------

# What PHP prints when api.php has no handler for a command: "Call to undefined method API::X()".
_UNDEFINED_METHOD = re.compile(rb"call to undefined (method|function)", re.IGNORECASE)


def _parse(body: bytes, *, xml: bool) -> dict[str, Any] | None:
    try:
        payload: Any = parse_response(body) if xml else json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: nesting deeper than the parser goes is no answer we can read either.
        return None
    return payload if isinstance(payload, dict) else None


def _succeeded(value: Any) -> bool:
    # JSON says true; XML prints PHP's true as "1" and false as an empty element.
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in {"1", "true"}


def decode_envelope(status: int, body: bytes, *, command: str, xml: bool = False) -> dict[str, Any]:
    """The payload of a success envelope; raise the mapped upstream error for anything else.

    Oempro answers HTTP 200 whatever happened, so only the body decides. A body that is not the
    envelope is ``UpstreamBadResponse`` (``OemproUnknownCommand`` when it says the command does
    not exist), or ``UpstreamUnavailable`` with a 5xx status.
    """
    payload = _parse(body, xml=xml)
    if payload is None or "Success" not in payload:
        if status >= 500:
            raise server_failed(_PLATFORM, command, status, legacy_code=status)
        if _UNDEFINED_METHOD.search(body) or not body.strip():
            raise OemproUnknownCommand(
                f"Oempro has no command {command} (the server is older than the command)",
                platform=_PLATFORM,
                operation=command,
                http_status=status,
            )
        what = "XML" if xml else "JSON"
        problem = "a body that is not the response envelope" if payload is not None else None
        raise _bad(command, problem or f"a body that is not {what} (HTTP {status})", status)
    if _succeeded(payload["Success"]):
        if status >= 400:
            raise _bad(command, f"a success envelope with HTTP {status}", status)
        return payload
    errors = legacy_errors(payload)
    if errors and errors[0].code == UNKNOWN_COMMAND:
        raise OemproUnknownCommand(
            f"Oempro has no command {command}",
            platform=_PLATFORM,
            operation=command,
            legacy_code=UNKNOWN_COMMAND,
            http_status=status,
        )
    errors, field = _custom_field_detail(payload, errors)
    raise error_for(command, errors, http_status=status, field=field)


def _code(value: Any) -> int | str | None:
    """One error code; None for "no error" (0, empty)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value) or None
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit():
        return int(text) or None
    # 5.x sometimes puts a parameter name or a sentence here: keep it, opaque.
    return text


def _items(value: Any) -> list[Any]:
    """A PHP array as a list: a JSON array, an XML ``node_N`` list, or a dict with index keys."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        if all(str(key).isdigit() for key in value):
            return [value[key] for key in sorted(value, key=lambda k: int(k))]
        return list(value.values())
    return [value]


def legacy_errors(payload: Mapping[str, Any]) -> list[LegacyError]:
    """Every (code, text) pair of an error envelope, in order.

    ``ErrorText`` pairs with ``ErrorCode`` by position when both are arrays; a single string is
    the text of the first code. 5.9.3's hard failures list ``Errors: [{Code, Message}]``.
    """
    codes = [c for c in (_code(v) for v in _items(payload.get("ErrorCode"))) if c is not None]
    raw_texts = payload.get("ErrorText")
    texts: list[str | None]
    if isinstance(raw_texts, list | dict):
        texts = [opt_str(t) if isinstance(t, str | int) else None for t in _items(raw_texts)]
    elif isinstance(raw_texts, str) and raw_texts.strip():
        texts = [raw_texts.strip()]
    else:
        texts = []
    pairs = [
        LegacyError(code, texts[i] if i < len(texts) else None) for i, code in enumerate(codes)
    ]
    if pairs:
        return pairs
    extra = payload.get("Errors")
    for item in _items(extra) if extra else []:
        if isinstance(item, dict):
            code = _code(item.get("Code"))
            if code is not None:
                message = item.get("Message")
                pairs.append(LegacyError(code, message if isinstance(message, str) else None))
    return pairs


def _custom_field_detail(
    payload: Mapping[str, Any], errors: list[LegacyError]
) -> tuple[list[LegacyError], str | None]:
    """The custom field an error is about, with its title and description added to the text.

    ``Subscriber.Subscribe`` names it in ``ErrorCustomFieldID``; for ``Subscriber.Update`` a
    client library reads the plural ``ErrorCustomFieldIDs``.
    """
    ids = _items(payload.get("ErrorCustomFieldID") or payload.get("ErrorCustomFieldIDs") or [])
    titles = _items(
        payload.get("ErrorCustomFieldTitle") or payload.get("ErrorCustomFieldTitles") or []
    )
    descriptions = _items(
        payload.get("ErrorCustomFieldDescription")
        or payload.get("ErrorCustomFieldDescriptions")
        or []
    )
    field_id = opt_int(ids[0]) if ids and isinstance(ids[0], str | int) else None
    if field_id is None or not errors:
        return errors, None
    detail = ": ".join(str(p) for p in (titles[:1] + descriptions[:1]) if isinstance(p, str) and p)
    first = errors[0]
    if detail:
        text = f"{first.text} ({detail})" if first.text else detail
        errors = [LegacyError(first.code, text), *errors[1:]]
    return errors, f"CustomField{field_id}"


# -- payload parts ------------------------------------------------------------------------------


def _empty(value: Any) -> bool:
    # "none" is [], false, "" (XML), {} or a missing key, depending on command and version.
    return value is None or value is False or value == "" or value == [] or value == {}


def decode_record(
    payload: Mapping[str, Any], key: str, *, parse: Callable[[dict[str, Any]], R], command: str
) -> R:
    """The one record under ``key``; ``UpstreamNotFound`` when it is empty or missing."""
    value = payload.get(key)
    if _empty(value):
        raise UpstreamNotFound(
            f"Oempro has no such record for {command}", platform=_PLATFORM, operation=command
        )
    return read_record(value, parse, platform=_PLATFORM, operation=command, what=f"a {key}")


def decode_listing(
    payload: Mapping[str, Any],
    key: str,
    *,
    parse: Callable[[dict[str, Any]], R],
    command: str,
    totals: Iterable[str] = (),
    offset: int | None = None,
) -> Page[R]:
    """The records under ``key`` and the first total key present.

    ``offset`` is given for the listings the API pages; an unpaged listing (no ``offset``)
    without a total key is as long as what it holds, a paged one has an unknown total.
    """
    value = payload.get(key)
    rows = [] if _empty(value) else _items(value)
    records = [
        read_record(raw, parse, platform=_PLATFORM, operation=command, what=f"{key} record {index}")
        for index, raw in enumerate(rows)
    ]
    total: int | None = None
    try:
        for name in totals:
            if not _empty(payload.get(name)):
                total = req_int(payload[name])
                break
    except ValueError:
        raise _bad(command, f"an unreadable total for {key}") from None
    if total is None and offset is None:
        total = len(records)
    return Page(items=tuple(records), offset=offset or 0, total=total)


def new_id(payload: Mapping[str, Any], key: str, *, command: str) -> int:
    """The id a create command answers with (a JSON number or a string)."""
    try:
        return req_int(payload[key])
    except (KeyError, ValueError):
        raise _bad(command, f"no readable {key}") from None


# -- coercions ----------------------------------------------------------------------------------

_ZERO_DATES = {"0000-00-00 00:00:00", "0000-00-00"}


def server_time(value: Any) -> datetime | None:
    """A ``YYYY-MM-DD HH:MM:SS`` column as an aware datetime; the zero date means never.

    The column holds the server's local wall time and the API never says which zone that is.
    We read it as UTC, which is what most installs run MySQL and PHP in; on a server set to
    another zone, the instants are off by that zone's offset.
    """
    text = opt_str(value)
    if text is None or text.strip() in _ZERO_DATES:
        return None
    text = text.strip()
    try:
        if len(text) == 10:
            return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        raise ValueError(f"expected YYYY-MM-DD HH:MM:SS, got {text!r}") from None


def _opt_id(value: Any) -> int | None:
    """A reference column: 0 (or empty) means none."""
    number = opt_int(value)
    return number if number else None


def _opt_float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    if not text:
        return None
    return float(text)


def _flag(value: Any, default: bool = False) -> bool:
    return default if value is None else to_bool(value)


def _text(raw: Mapping[str, Any], key: str) -> str | None:
    value = raw.get(key)
    return opt_str(value) if isinstance(value, str | int | float) else None


def _choice(enum_values: Mapping[str, R], value: Any, what: str) -> R:
    key = str(value or "").strip().lower()
    if key not in enum_values:
        raise ValueError(f"unknown {what} {value!r}")
    return enum_values[key]


_STATUSES: Mapping[str, SubscriptionStatus] = {
    **{s.value.lower(): s for s in SubscriptionStatus},
    # Octeth's own 2011 plugin compares with this spelling of the pending state.
    "confirmation pending": SubscriptionStatus.OPT_IN_PENDING,
}
_BOUNCES: Mapping[str, BounceType] = {
    **{b.value.lower(): b for b in BounceType},
    "": BounceType.NOT_BOUNCED,
}
_CAMPAIGN_STATUSES: Mapping[str, CampaignStatus] = {s.value.lower(): s for s in CampaignStatus}


# -- secrets ------------------------------------------------------------------------------------

_SECRET_NAMES = frozenset(
    {"password", "apikey", "previewmyemailapikey", "clientpassword", "adminapikey"}
)
_SECRET_PREFIXES = ("sync", "sendmethodsmtp", "2fa_", "importmysql")
_SECRET_WORDS = ("password", "apikey", "secret", "token")


def is_secret_column(name: str) -> bool:
    """Whether a column holds a credential: hashes, API keys, SMTP, sync and 2FA settings."""
    lowered = name.lower()
    return (
        lowered in _SECRET_NAMES
        or lowered.startswith(_SECRET_PREFIXES)
        or any(word in lowered for word in _SECRET_WORDS)
    )


def drop_secrets(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The row without its credential columns (parsers also read only the columns they name)."""
    return {key: value for key, value in raw.items() if not is_secret_column(str(key))}


# -- records ------------------------------------------------------------------------------------


def parse_user(raw: Mapping[str, Any]) -> User:
    """A user row (``Users.Get``, ``User.Get``, ``UserInfo`` of ``User.Login``)."""
    raw = drop_secrets(raw)
    return User(
        user_id=req_int(raw["UserID"]),
        group_id=_opt_id(raw.get("RelUserGroupID")),
        username=req_str(raw["Username"]),
        email=_text(raw, "EmailAddress"),
        first_name=_text(raw, "FirstName"),
        last_name=_text(raw, "LastName"),
        company_name=_text(raw, "CompanyName"),
        website=_text(raw, "Website"),
        street=_text(raw, "Street"),
        city=_text(raw, "City"),
        state=_text(raw, "State"),
        zip_code=_text(raw, "Zip"),
        country=_text(raw, "Country"),
        phone=_text(raw, "Phone"),
        fax=_text(raw, "Fax"),
        timezone=_text(raw, "TimeZone"),
        language=_text(raw, "Language"),
        reputation=_text(raw, "ReputationLevel"),
        # The seed's UserInfo has no AccountStatus: a user that could log in is enabled.
        enabled=_flag(raw.get("AccountStatus"), default=True),
        user_since=server_time(raw.get("UserSince")),
        last_activity_at=server_time(raw.get("LastActivityDateTime")),
        available_credits=opt_int(raw.get("AvailableCredits")),
    )


def parse_admin(raw: Mapping[str, Any]) -> Admin:
    """The ``AdminInfo`` of ``Admin.Login``."""
    raw = drop_secrets(raw)
    return Admin(
        admin_id=req_int(raw["AdminID"]),
        name=_text(raw, "Name"),
        email=_text(raw, "EmailAddress"),
        username=req_str(raw["Username"]),
    )


def parse_client(raw: Mapping[str, Any]) -> Client:
    """A client row (``Clients.Get``; 5.x ``ClientInfo``)."""
    raw = drop_secrets(raw)
    return Client(
        client_id=req_int(raw["ClientID"]),
        owner_user_id=_opt_id(raw.get("RelOwnerUserID")),
        name=_text(raw, "ClientName"),
        username=req_str(raw["ClientUsername"]),
        email=_text(raw, "ClientEmailAddress"),
        enabled=_flag(raw.get("ClientAccountStatus"), default=True),
    )


def parse_login(
    payload: Mapping[str, Any], *, command: str
) -> tuple[str, User | Admin | Client | None]:
    """The session id and the account a login describes (``UserInfo``/``AdminInfo``/none)."""
    session = payload.get("SessionID")
    if not isinstance(session, str) or not session.strip():
        raise _bad(command, "a success envelope without a SessionID")
    account: User | Admin | Client | None = None
    if not _empty(payload.get("UserInfo")):
        account = decode_record(payload, "UserInfo", parse=parse_user, command=command)
    elif not _empty(payload.get("AdminInfo")):
        account = decode_record(payload, "AdminInfo", parse=parse_admin, command=command)
    elif not _empty(payload.get("ClientInfo")):
        account = decode_record(payload, "ClientInfo", parse=parse_client, command=command)
    return session.strip(), account


def parse_user_group(raw: Mapping[str, Any]) -> UserGroup:
    """A user group row; its ``SendMethodSMTP*`` settings are dropped."""
    raw = drop_secrets(raw)
    permissions = _text(raw, "Permissions") or ""
    return UserGroup(
        group_id=req_int(raw["UserGroupID"]),
        name=req_str(raw["GroupName"]),
        permissions=tuple(p.strip() for p in permissions.split(",") if p.strip()),
        limit_subscribers=opt_int(raw.get("LimitSubscribers")),
        limit_lists=opt_int(raw.get("LimitLists")),
        limit_campaign_send_per_period=opt_int(raw.get("LimitCampaignSendPerPeriod")),
        limit_email_send_per_period=opt_int(raw.get("LimitEmailSendPerPeriod")),
        threshold_import=opt_int(raw.get("ThresholdImport")),
        threshold_email_send=opt_int(raw.get("ThresholdEmailSend")),
        trial_group=_flag(raw.get("TrialGroup")),
        trial_expire_seconds=opt_int(raw.get("TrialExpireSeconds")),
        payment_system=_flag(raw.get("PaymentSystem")),
        send_method=_text(raw, "SendMethod"),
    )


def parse_list(raw: Mapping[str, Any]) -> MailingList:
    """A list row; its ``Sync*`` settings (database credentials) are dropped."""
    raw = drop_secrets(raw)
    return MailingList(
        list_id=req_int(raw["ListID"]),
        owner_user_id=_opt_id(raw.get("RelOwnerUserID")),
        name=req_str(raw["Name"]),
        created_at=server_time(raw.get("CreatedOn")),
        opt_in_mode=_text(raw, "OptInMode"),
        opt_in_confirmation_email_id=_opt_id(raw.get("RelOptInConfirmationEmailID")),
        opt_out_scope=_text(raw, "OptOutScope"),
        opt_out_add_to_suppression_list=_flag(raw.get("OptOutAddToSuppressionList")),
        send_service_integration_failed_notification=_flag(
            raw.get("SendServiceIntegrationFailedNotification")
        ),
        hide_in_subscriber_area=_flag(raw.get("HideInSubscriberArea")),
        subscription_confirmation_pending_page_url=_text(
            raw, "SubscriptionConfirmationPendingPageURL"
        ),
        subscription_confirmed_page_url=_text(raw, "SubscriptionConfirmedPageURL"),
        unsubscription_confirmed_page_url=_text(raw, "UnsubscriptionConfirmedPageURL"),
        subscriber_count=opt_int(raw.get("SubscriberCount")),
    )


def parse_custom_field(raw: Mapping[str, Any]) -> CustomField:
    """A custom field row (``CustomFields.Get``)."""
    raw = drop_secrets(raw)
    return CustomField(
        field_id=req_int(raw["CustomFieldID"]),
        list_id=_opt_id(raw.get("RelListID")),
        name=req_str(raw["FieldName"]),
        field_type=_text(raw, "FieldType"),
        default_value=_text(raw, "FieldDefaultValue"),
        options=_text(raw, "FieldOptions"),
        validation_method=_text(raw, "ValidationMethod"),
        validation_rule=_text(raw, "ValidationRule"),
        required=_flag(raw.get("IsRequired")),
        unique=_flag(raw.get("IsUnique")),
        visibility=_text(raw, "Visibility"),
        is_global=_flag(raw.get("IsGlobal")),
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
            text = ",".join(str(v) for v in _items(value))
        else:
            text = "" if value is None or value is False else str(value)
        values[int(match.group(1))] = text
    return MappingProxyType(values)


def parse_subscriber(raw: Mapping[str, Any], *, list_id: int) -> Subscriber:
    """A subscriber row of one list, with its ``CustomField<N>`` values."""
    raw = drop_secrets(raw)
    return Subscriber(
        subscriber_id=req_int(raw["SubscriberID"]),
        list_id=list_id,
        email=req_str(raw["EmailAddress"]),
        status=_choice(_STATUSES, raw.get("SubscriptionStatus"), "subscription status"),
        bounce_type=_choice(_BOUNCES, raw.get("BounceType"), "bounce type"),
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
        if isinstance(nested, dict) and not _empty(nested.get("SubscriptionStatus")):
            status = _choice(_STATUSES, nested["SubscriptionStatus"], "subscription status")
        subscriber_id = req_int(
            payload.get("SubscriberID")
            or (nested.get("SubscriberID") if isinstance(nested, dict) else None)
        )
    except ValueError:
        raise _bad(command, "a subscription holding a value of the wrong type") from None
    return SubscribeResult(
        subscriber_id=subscriber_id,
        status=status,
        redirect_url=_text(payload, "RedirectURL"),
    )


_STAT_COLUMNS = {
    "total_recipients": "TotalRecipients",
    "total_sent": "TotalSent",
    "total_failed": "TotalFailed",
    "total_opens": "TotalOpens",
    "unique_opens": "UniqueOpens",
    "total_clicks": "TotalClicks",
    "unique_clicks": "UniqueClicks",
    "total_forwards": "TotalForwards",
    "unique_forwards": "UniqueForwards",
    "total_views_on_browser": "TotalViewsOnBrowser",
    "unique_views_on_browser": "UniqueViewsOnBrowser",
    "total_unsubscriptions": "TotalUnsubscriptions",
    "total_hard_bounces": "TotalHardBounces",
    "total_soft_bounces": "TotalSoftBounces",
}
"""The counts of ``CampaignStatistics``, each with the column it is read from."""


def _statistics(raw: Mapping[str, Any]) -> CampaignStatistics:
    return CampaignStatistics(
        **{field: opt_int(raw.get(column)) for field, column in _STAT_COLUMNS.items()},
        hard_bounce_ratio=_opt_float(raw.get("HardBounceRatio")),
        soft_bounce_ratio=_opt_float(raw.get("SoftBounceRatio")),
    )


def parse_campaign(raw: Mapping[str, Any]) -> Campaign:
    """A campaign row with every statistics column (``Campaigns.Get``, ``Campaign.Get``)."""
    raw = drop_secrets(raw)
    domains = _text(raw, "GoogleAnalyticsDomains") or ""
    return Campaign(
        campaign_id=req_int(raw["CampaignID"]),
        owner_user_id=_opt_id(raw.get("RelOwnerUserID")),
        name=req_str(raw["CampaignName"]),
        status=_choice(_CAMPAIGN_STATUSES, raw.get("CampaignStatus"), "campaign status"),
        email_id=_opt_id(raw.get("RelEmailID")),
        schedule_type=_text(raw, "ScheduleType"),
        send_date=_text(raw, "SendDate"),
        send_time=_text(raw, "SendTime"),
        send_timezone=_text(raw, "SendTimeZone"),
        schedule_rec_days_of_week=_text(raw, "ScheduleRecDaysOfWeek"),
        schedule_rec_days_of_month=_text(raw, "ScheduleRecDaysOfMonth"),
        schedule_rec_months=_text(raw, "ScheduleRecMonths"),
        schedule_rec_hours=_text(raw, "ScheduleRecHours"),
        schedule_rec_minutes=_text(raw, "ScheduleRecMinutes"),
        schedule_rec_send_max_instance=opt_int(raw.get("ScheduleRecSendMaxInstance")),
        schedule_rec_sent_instances=opt_int(raw.get("ScheduleRecSentInstances")),
        started_at=server_time(raw.get("SendProcessStartedOn")),
        finished_at=server_time(raw.get("SendProcessFinishedOn")),
        statistics=_statistics(raw),
        benchmark_emails_per_second=_opt_float(raw.get("BenchmarkEmailsPerSecond")),
        approval_user_explanation=_text(raw, "ApprovalUserExplanation"),
        google_analytics_domains=tuple(d.strip() for d in domains.splitlines() if d.strip()),
        publish_on_rss=_flag(raw.get("PublishOnRSS")),
        last_activity_at=server_time(raw.get("LastActivityDateTime")),
        created_at=server_time(raw.get("CreateDateTime")),
    )


def parse_email(raw: Mapping[str, Any]) -> Email:
    """An email content record (``Email.Get``'s ``EmailInformation``, ``Emails.Get`` rows)."""
    raw = drop_secrets(raw)
    return Email(
        email_id=req_int(raw["EmailID"]),
        name=_text(raw, "EmailName"),
        subject=_text(raw, "Subject"),
        from_name=_text(raw, "FromName"),
        from_email=_text(raw, "FromEmail"),
        reply_to_name=_text(raw, "ReplyToName"),
        reply_to_email=_text(raw, "ReplyToEmail"),
        mode=_text(raw, "Mode"),
        html_content=_text(raw, "HTMLContent"),
        plain_content=_text(raw, "PlainContent"),
        fetch_url=_text(raw, "FetchURL"),
        template_id=_opt_id(raw.get("RelTemplateID")),
        image_embedding=_flag(raw.get("ImageEmbedding")),
    )


def _rules(value: Any) -> tuple[SegmentRule, ...]:
    if _empty(value):
        return ()
    if isinstance(value, str):
        raise ValueError("segment rules as text are not readable")
    rules: list[SegmentRule] = []
    for item in _items(value):
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
        list_id=_opt_id(raw.get("RelListID")),
        name=req_str(raw["SegmentName"]),
        operator=(_text(raw, "SegmentOperator") or "and").lower(),
        rules=_rules(raw.get("SegmentRules", raw.get("Rules"))),
        subscriber_count=opt_int(raw.get("SubscriberCount")),
    )
