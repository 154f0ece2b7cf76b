"""Maxmailer wire format: the envelope, PHP-printed records, and the quirks. Pure functions.

- Every answer is HTTP 200; failure is ``{"error": true, "errno": N, "message": "..."}``.
- Success is the function's own object or array, unwrapped.
- Every scalar is a string; ``0`` in a limit field means unlimited (None here); Unix seconds
  ``"0"`` mean never; ``limit_reset`` is ``dd/mm/yyyy``.
- ListUsers is an object keyed by user id (PHP prints an empty array as ``[]``).
- The vendor spells ``usertType``, ``max_suscribers``, ``Refered``, and GetUser's period
  ``on_time`` in one page; both spellings of the period are read.
- ``smtp_user``, ``smtp_pass`` and any password are dropped here, before anything is parsed.
- CreateUser reads a limit of ``0`` as unlimited, and a licence may refuse that (2009, 2013,
  2015-2017, 2019): a limit or flag the caller did not set is left out of the request, so the
  platform applies its own default.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import partial
from typing import Any, TypeVar

from mailgql.platforms import Platform
from mailgql.upstreams._coerce import opt_int, opt_str, req_int, req_str, to_bool, unix_time
from mailgql.upstreams._wire import bad_answer, server_failed
from mailgql.upstreams.maxmailer.error_codes import error_for
from mailgql.upstreams.maxmailer.records import (
    CAMPAIGN_STATES,
    SEND_PERIODS,
    UNLIMITED,
    USER_TYPES,
    Campaign,
    CampaignState,
    CampaignSummary,
    LimitAsked,
    Limits,
    NewUserOptions,
    Permissions,
    SendPeriod,
    Subscription,
    Usage,
    User,
    UserDetail,
    UserType,
)

__all__ = [
    "SECRET_FIELDS",
    "decode_answer",
    "drop_secrets",
    "parse_campaign",
    "parse_campaign_listing",
    "parse_created_user_id",
    "parse_credit",
    "parse_status",
    "parse_subscription",
    "parse_user",
    "parse_user_detail",
    "parse_user_listing",
    "new_user_form",
    "to_date",
    "to_limit",
    "to_period",
    "unix_seconds",
]

_PLATFORM = Platform.MAXMAILER
R = TypeVar("R")
L = TypeVar("L")

SECRET_FIELDS = frozenset({"smtp_user", "smtp_pass", "password", "login_id", "apikey"})
"""Fields a legacy answer may carry that must never leave the adapter."""

_PERIOD_SPELLINGS: dict[str, SendPeriod] = {p: p for p in SEND_PERIODS} | {"on_time": "one_time"}
_USER_TYPES: dict[str, UserType] = {t: t for t in USER_TYPES}
_CAMPAIGN_STATES: dict[str, CampaignState] = {s: s for s in CAMPAIGN_STATES}

_bad = partial(bad_answer, _PLATFORM)


def decode_answer(status: int, body: bytes, *, operation: str) -> Any:
    """The JSON answer of a call; raise the mapped upstream error for a failure.

    The legacy server answers 200 even for errors, so the body decides. A 5xx is the server
    failing; any other status means we did not reach ``api.php`` (a wrong URL or a redirect).
    """
    try:
        payload = json.loads(body)
        readable = True
    except (ValueError, UnicodeDecodeError):
        payload, readable = None, False
    if isinstance(payload, dict) and payload.get("error") not in (None, False, 0, "0", ""):
        try:
            errno = req_int(payload.get("errno"))
        except ValueError:
            raise _bad(operation, "an error without a numeric errno", status) from None
        message = payload.get("message")
        raise error_for(
            errno,
            message if isinstance(message, str) else None,
            operation=operation,
            http_status=status,
        )
    if status >= 500:
        raise server_failed(_PLATFORM, operation, status)
    if not 200 <= status < 300:
        raise _bad(operation, f"HTTP {status}; check MAILGQL_MAXMAILER_URL", status)
    if not readable:
        raise _bad(operation, f"a body that is not JSON (HTTP {status})", status)
    return payload


def drop_secrets(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a legacy record without its credentials."""
    return {k: v for k, v in raw.items() if k.lower() not in SECRET_FIELDS}


def to_limit(value: Any) -> int | None:
    """A limit: ``"0"`` (or blank) is unlimited, which is None."""
    number = opt_int(value)
    return None if number is None or number == 0 else number


def to_date(value: Any) -> date | None:
    """A ``dd/mm/yyyy`` date; blank or ``00/00/0000`` is None."""
    text = opt_str(value)
    if text is None or text.strip("0/ ") == "":
        return None
    day, month, year = text.strip().split("/")
    return date(int(year), int(month), int(day))


def to_period(value: Any) -> SendPeriod:
    """A send period, in either of the vendor's spellings of one-time."""
    return _spelled(value, _PERIOD_SPELLINGS, "send period")


def _spelled(value: Any, spellings: Mapping[str, L], what: str) -> L:
    text = req_str(value).strip().lower()
    if text not in spellings:
        raise ValueError(f"unknown {what} {value!r}")
    return spellings[text]


def _parse(raw: Any, parse: Callable[[dict[str, Any]], R], *, operation: str, what: str) -> R:
    if not isinstance(raw, dict):
        raise _bad(operation, f"{what} that is not an object")
    try:
        return parse(drop_secrets(raw))
    except (ValueError, KeyError, TypeError) as exc:
        raise _bad(operation, f"an unreadable {what} ({exc})") from None


def _user(raw: dict[str, Any], user_id: int) -> User:
    user_type = _spelled(raw.get("usertType", raw.get("userType")), _USER_TYPES, "user type")
    max_users = opt_int(raw.get("max_users"))
    return User(
        user_id=user_id,
        username=req_str(raw["uname"]),
        first_name=opt_str(raw.get("name")),
        last_name=opt_str(raw.get("lastname")),
        email=opt_str(raw.get("email")),
        user_type=user_type,
        parent_id=opt_int(raw.get("parent_id")) or None,
        active=req_str(raw.get("status", "active")).strip().lower() == "active",
        suspended_at=unix_time(raw.get("susp_date")),
        created_at=unix_time(raw.get("dateCreated")),
        last_login_at=unix_time(raw.get("lastLogin")),
        trial_days=to_limit(raw.get("trial")),
        limits=Limits(
            send_limit=to_limit(raw.get("max_sends")),
            send_period=to_period(raw.get("max_sends_period")),
            list_limit=to_limit(raw.get("max_list")),
            subscriber_limit=to_limit(raw.get("max_suscribers")),
            message_size_kb=to_limit(raw.get("max_message_size")),
            attachment_size_kb=to_limit(raw.get("attach_max_size")),
            user_limit=to_limit(max_users) if user_type == "reseller" else None,
        ),
        permissions=Permissions(
            attachments=to_bool(raw.get("allow_attach", "0")),
            bounce_handling=to_bool(raw.get("allow_bounce", "0")),
            forms=to_bool(raw.get("allow_forms", "0")),
            api=to_bool(raw.get("allow_api", "0")),
            embedded_images=to_bool(raw.get("allow_embedded", "0")),
            custom_smtp=to_bool(raw.get("smtp", "0")),
            smtp_host=opt_str(raw.get("smtp_host")),
        ),
    )


def parse_user(raw: Any, user_id: int, *, operation: str = "GetUser") -> User:
    """One account row; the wire's row carries no id, so the caller passes it."""
    return _parse(raw, lambda r: _user(r, user_id), operation=operation, what="user record")


def parse_user_listing(payload: Any, *, operation: str = "ListUsers") -> list[User]:
    """ListUsers: an object keyed by user id, in id order; ``{}`` or ``[]`` when empty."""
    if payload == [] or payload == {}:
        return []
    if not isinstance(payload, dict):
        raise _bad(operation, "a listing that is not an object keyed by user id")
    users: list[User] = []
    for key, raw in payload.items():
        try:
            user_id = req_int(key)
        except ValueError:
            raise _bad(operation, f"a listing keyed by {key!r}, not by user id") from None
        users.append(parse_user(raw, user_id, operation=operation))
    return sorted(users, key=lambda u: u.user_id)


def parse_user_detail(payload: Any, user_id: int, *, operation: str = "GetUser") -> UserDetail:
    """GetUser: the account row plus its usage fields."""

    def parse(raw: dict[str, Any]) -> UserDetail:
        user = _user(raw, user_id)
        available = req_int(raw["available_sends"])
        return UserDetail(
            user=user,
            usage=Usage(
                # Maxmailer prints 0 available sends for an account without a send limit.
                sends_available=None if user.limits.send_limit is None else available,
                sent_this_period=req_int(raw["email_sent_in_period"]),
                subscribers=req_int(raw["current_subscribers"]),
                reset_date=to_date(raw.get("limit_reset")),
            ),
        )

    return _parse(payload, parse, operation=operation, what="user record")


def _summary(raw: dict[str, Any]) -> CampaignSummary:
    return CampaignSummary(
        message_id=req_int(raw["MessageID"]),
        subject=opt_str(raw.get("Subject")),
        started_at=unix_time(raw.get("DateStart")),
        finished_at=unix_time(raw.get("DateEnd")),
    )


def parse_campaign_listing(payload: Any, *, operation: str = "ListCamps") -> list[CampaignSummary]:
    """ListCamps: an array of summaries (PHP prints none as ``[]``; ``{}`` is read as none)."""
    if payload == [] or payload == {}:
        return []
    items = list(payload.values()) if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise _bad(operation, "a campaign listing that is not an array")
    found = [_parse(raw, _summary, operation=operation, what="campaign") for raw in items]
    return sorted(found, key=lambda c: c.message_id)


def parse_campaign(payload: Any, message_id: int, *, operation: str = "GetCamp") -> Campaign:
    """GetCamp: the campaign with its report; the answer does not repeat the id."""

    def parse(raw: dict[str, Any]) -> Campaign:
        reads_total = req_int(raw["ReadsTotal"])
        referred_reads = req_int(raw.get("ReferReads", "0"))
        return Campaign(
            message_id=message_id,
            state=_spelled(raw["Status"], _CAMPAIGN_STATES, "campaign status"),
            subject=opt_str(raw.get("Subject")),
            sender=opt_str(raw.get("From")),
            started_at=unix_time(raw.get("DateStart")),
            finished_at=unix_time(raw.get("DateEnd")),
            subscribers=req_int(raw["Subscribers"]),
            sent=req_int(raw["Sent"]),
            left=req_int(raw["Left"]),
            failed=req_int(raw["Failed"]),
            bounced=req_int(raw["Bounced"]),
            reads_unique=req_int(raw["ReadsUnique"]),
            reads_total=reads_total,
            unsubscribed=req_int(raw["Unsubscribed"]),
            referred=req_int(raw.get("Refered", raw.get("Referred", "0"))),
            referred_reads=referred_reads,
            total_reads=req_int(raw.get("TotalReads", reads_total + referred_reads)),
            new_subscribers=req_int(raw.get("NewSubscribers", "0")),
        )

    return _parse(payload, parse, operation=operation, what="campaign")


def parse_status(payload: Any, expected: str, *, operation: str) -> str:
    """A write's ``{"status": "..."}``; another status is an answer we cannot trust."""
    if not isinstance(payload, dict) or not isinstance(payload.get("status"), str):
        raise _bad(operation, "an answer without a status")
    status = str(payload["status"])
    if status.strip().lower() != expected.lower():
        raise _bad(operation, f"the status {status!r} instead of {expected!r}")
    return status


def _status_and_number(payload: Any, expected: str, key: str, *, operation: str) -> int:
    parse_status(payload, expected, operation=operation)
    try:
        return req_int(payload[key])
    except (KeyError, ValueError):
        raise _bad(operation, f"no numeric {key}") from None


def parse_created_user_id(payload: Any, *, operation: str = "CreateUser") -> int:
    """CreateUser: ``{"status": "User created", "user_ID": "<id>"}``."""
    return _status_and_number(payload, "User created", "user_ID", operation=operation)


def parse_credit(payload: Any, *, operation: str = "AddCredit") -> int:
    """AddCredit: ``{"status": "Credit added", "available_sends": "<n>"}``."""
    return _status_and_number(payload, "Credit added", "available_sends", operation=operation)


def parse_subscription(payload: Any, *, operation: str = "status") -> Subscription:
    """The subscription API's ``status`` answer."""

    def parse(raw: dict[str, Any]) -> Subscription:
        return Subscription(
            email=req_str(raw["email"]),
            name=opt_str(raw.get("name")),
            subscribed_at=unix_time(raw.get("creation_date")),
            expires_at=unix_time(raw.get("unsus_date")),
            active=to_bool(raw.get("active", "0")),
        )

    return _parse(payload, parse, operation=operation, what="subscription")


def unix_seconds(moment: datetime) -> int:
    """Unix seconds of an aware datetime (for ``unsus_date``)."""
    return int(moment.timestamp())


def new_user_form(
    *, username: str, password: str, email: str, options: NewUserOptions
) -> dict[str, str]:
    """CreateUser's parameters: only what was set, ``UNLIMITED`` as ``0``."""
    period = options.send_period
    optional = {
        "name": options.first_name or None,
        "lastname": options.last_name or None,
        "max_sends": _wire_limit(options.send_limit),
        "max_list": _wire_limit(options.list_limit),
        "max_suscribers": _wire_limit(options.subscriber_limit),
        "max_message_size": _wire_limit(options.message_size_kb),
        "max_sends_type": None if period is None else str(SEND_PERIODS.index(period)),
        "attach_max_size": _wire_number(options.attachment_size_kb),
        "allow_attach": _wire_flag(options.attachments),
        "allow_bounce": _wire_flag(options.bounce_handling),
        "allow_forms": _wire_flag(options.forms),
        "allow_api": _wire_flag(options.api),
        "allow_embedded": _wire_flag(options.embedded_images),
        "trial": _wire_number(options.trial_days),
        "is_demo": "1" if options.demo else None,
    }
    form = {"username": username, "password": password, "email": email}
    form.update((name, value) for name, value in optional.items() if value is not None)
    return form


def _wire_limit(limit: LimitAsked) -> str | None:
    return "0" if limit == UNLIMITED else _wire_number(limit)


def _wire_number(value: int | None) -> str | None:
    return None if value is None else str(value)


def _wire_flag(flag: bool | None) -> str | None:
    return None if flag is None else "1" if flag else "0"
