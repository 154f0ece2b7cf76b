"""The Maxmailer wire format on canned bodies: every quirk of the contract, with no server.

Bodies are printed as PHP prints them: every scalar a string, slashes escaped, HTTP 200 for errors.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from mailgql.platforms import Platform
from mailgql.upstreams.errors import (
    UpstreamBadResponse,
    UpstreamError,
    UpstreamForbidden,
    UpstreamInvalidInput,
    UpstreamNotFound,
    UpstreamRefused,
    UpstreamUnauthenticated,
    UpstreamUnavailable,
)
from mailgql.upstreams.maxmailer import records
from mailgql.upstreams.maxmailer.error_codes import ERRNOS, error_for
from mailgql.upstreams.maxmailer.wire import (
    decode_answer,
    drop_secrets,
    new_user_form,
    parse_campaign,
    parse_campaign_listing,
    parse_created_user_id,
    parse_credit,
    parse_status,
    parse_subscription,
    parse_user_detail,
    parse_user_listing,
    to_date,
    to_limit,
    to_period,
)

SMTP_USER = "mxrelay_9f3a2b1c"
SMTP_PASS = "Smtp$0a1b2c3d4e5f"


def php(payload: Any) -> bytes:
    """JSON as PHP's json_encode prints it (slashes escaped)."""
    return json.dumps(payload, separators=(",", ":")).replace("/", "\\/").encode()


def user_row(**changes: str) -> dict[str, str]:
    """A ListUsers value, SMTP credentials included as the legacy server prints them."""
    row = {
        "uname": "cfernandez",
        "name": "Chloe",
        "lastname": "Fernández",
        "email": "cfernandez@example.org",
        "max_sends": "29800",
        "max_list": "6",
        "max_suscribers": "8600",
        "allow_attach": "0",
        "attach_max_size": "1024",
        "max_message_size": "512",
        "allow_bounce": "1",
        "allow_forms": "1",
        "allow_api": "0",
        "smtp": "1",
        "smtp_host": "mail.relaybox.example",
        "smtp_user": SMTP_USER,
        "smtp_pass": SMTP_PASS,
        "parent_id": "2",
        "lastLogin": "1616744533",
        "dateCreated": "1616760620",
        "susp_date": "0",
        "trial": "0",
        "allow_embedded": "1",
        "status": "active",
        "usertType": "user",
        "max_sends_period": "monthly",
    }
    row.update(changes)
    return row


def usage(**changes: str) -> dict[str, str]:
    """GetUser's additions to the row."""
    extra = {
        "available_sends": "11034",
        "email_sent_in_period": "18766",
        "current_subscribers": "2973",
        "limit_reset": "01/11/2026",
    }
    extra.update(changes)
    return extra


CAMP = {
    "Status": "completed",
    "Subject": "Newsletter de marzo",
    "From": "cfernandez@example.org",
    "DateStart": "1616744533",
    "DateEnd": "1616760620",
    "Subscribers": "5563",
    "Sent": "5489",
    "Left": "0",
    "Failed": "74",
    "Bounced": "151",
    "ReadsUnique": "2152",
    "ReadsTotal": "2260",
    "Unsubscribed": "38",
    "Refered": "30",
    "ReferReads": "55",
    "TotalReads": "2315",
    "NewSubscribers": "24",
}


# -- the envelope -----------------------------------------------------------------------------


def test_success_is_the_functions_own_object_unwrapped():
    assert decode_answer(200, php({"status": "User deleted"}), operation="DeleteUser") == {
        "status": "User deleted"
    }


@pytest.mark.parametrize("flag", [True, 1, "1", "true"])
def test_an_error_answered_with_http_200_is_raised_with_its_errno(flag):
    body = php({"error": flag, "errno": "4002", "message": "Unknow user ID."})
    with pytest.raises(UpstreamNotFound) as caught:
        decode_answer(200, body, operation="GetUser")
    error = caught.value
    assert error.platform is Platform.MAXMAILER
    assert error.legacy_code == "4002"
    assert error.legacy_message == "Unknow user ID."
    assert error.operation == "GetUser"
    assert error.http_status == 200
    assert error.field == "user_id"


@pytest.mark.parametrize("flag", [False, 0, "0", ""])
def test_a_false_error_flag_is_no_error(flag):
    body = php({"error": flag, "status": "Email added"})
    assert decode_answer(200, body, operation="subscribe")["status"] == "Email added"


def test_an_error_without_a_numeric_errno_is_a_bad_response():
    with pytest.raises(UpstreamBadResponse):
        decode_answer(200, php({"error": True, "message": "?"}), operation="GetUser")


def test_a_body_that_is_not_json_is_a_bad_response_without_the_body():
    page = b"<b>Fatal error</b>: Allowed memory size exhausted in /var/www/app/api.php"
    with pytest.raises(UpstreamBadResponse) as caught:
        decode_answer(200, page, operation="ListUsers")
    assert "Fatal error" not in str(caught.value)
    assert "api.php" not in repr(caught.value)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_5xx_is_unavailable(status):
    with pytest.raises(UpstreamUnavailable) as caught:
        decode_answer(status, b"Service Unavailable", operation="ListUsers")
    assert caught.value.http_status == status
    assert caught.value.legacy_code is None


def test_an_error_envelope_under_a_5xx_keeps_its_errno():
    body = php({"error": True, "errno": 1201, "message": "Wrong message ID"})
    with pytest.raises(UpstreamNotFound) as caught:
        decode_answer(500, body, operation="GetCamp")
    assert caught.value.legacy_code == "1201"


@pytest.mark.parametrize("status", [301, 302, 404])
def test_another_status_means_the_url_is_wrong(status):
    with pytest.raises(UpstreamBadResponse) as caught:
        decode_answer(status, b"<html>moved</html>", operation="ListUsers")
    assert "MAILGQL_MAXMAILER_URL" in str(caught.value)


# -- every errno ------------------------------------------------------------------------------

EXPECTED: dict[int, tuple[type[UpstreamError], str | None]] = {
    1001: (UpstreamUnauthenticated, None),
    1002: (UpstreamRefused, None),
    2001: (UpstreamForbidden, None),
    2002: (UpstreamInvalidInput, "username"),
    2003: (UpstreamInvalidInput, "password"),
    2004: (UpstreamInvalidInput, "send_limit"),
    2005: (UpstreamInvalidInput, "message_size_kb"),
    2006: (UpstreamInvalidInput, "list_limit"),
    2007: (UpstreamInvalidInput, "email"),
    2008: (UpstreamInvalidInput, "username"),
    2009: (UpstreamInvalidInput, "subscriber_limit"),
    2010: (UpstreamInvalidInput, "subscriber_limit"),
    2011: (UpstreamInvalidInput, "subscriber_limit"),
    2012: (UpstreamInvalidInput, "subscriber_limit"),
    2013: (UpstreamInvalidInput, "list_limit"),
    2014: (UpstreamInvalidInput, "list_limit"),
    2015: (UpstreamInvalidInput, "list_limit"),
    2016: (UpstreamInvalidInput, "send_limit"),
    2017: (UpstreamInvalidInput, "send_limit"),
    2019: (UpstreamInvalidInput, "subscriber_limit"),
    2020: (UpstreamInvalidInput, "subscriber_limit"),
    2021: (UpstreamInvalidInput, "subscriber_limit"),
    2022: (UpstreamInvalidInput, "subscriber_limit"),
    2023: (UpstreamInvalidInput, "subscriber_limit"),
    2024: (UpstreamInvalidInput, "message_size_kb"),
    2025: (UpstreamForbidden, None),
    3001: (UpstreamForbidden, None),
    3002: (UpstreamNotFound, "user_id"),
    3003: (UpstreamInvalidInput, "user_id"),
    3004: (UpstreamInvalidInput, "credits"),
    4001: (UpstreamForbidden, None),
    4002: (UpstreamNotFound, "user_id"),
    5001: (UpstreamForbidden, None),
    5002: (UpstreamNotFound, "user_id"),
    6001: (UpstreamForbidden, None),
    6002: (UpstreamNotFound, "user_id"),
    7001: (UpstreamForbidden, None),
    7002: (UpstreamNotFound, "user_id"),
    7004: (UpstreamInvalidInput, "password"),
    7005: (UpstreamInvalidInput, "password"),
    7006: (UpstreamInvalidInput, "password"),
    8001: (UpstreamForbidden, None),
    8002: (UpstreamNotFound, "user_id"),
    9001: (UpstreamForbidden, None),
    1101: (UpstreamUnauthenticated, None),
    1102: (UpstreamRefused, None),
    1103: (UpstreamInvalidInput, "email"),
    1104: (UpstreamForbidden, "email"),
    1105: (UpstreamInvalidInput, "email"),
    1106: (UpstreamInvalidInput, "expires_at"),
    1107: (UpstreamNotFound, "email"),
    1108: (UpstreamForbidden, "email"),
    1201: (UpstreamNotFound, "message_id"),
}


def test_the_table_covers_every_errno_of_the_contract():
    assert set(EXPECTED) == set(ERRNOS)


@pytest.mark.parametrize("errno", sorted(EXPECTED))
def test_every_errno_maps_to_its_error_with_legacy_code(errno):
    cls, field = EXPECTED[errno]
    body = php({"error": True, "errno": str(errno), "message": f"message {errno}"})
    with pytest.raises(UpstreamError) as caught:
        decode_answer(200, body, operation="Op")
    error = caught.value
    assert type(error) is cls
    assert error.legacy_code == str(errno)
    assert error.field == field
    assert error.legacy_message == f"message {errno}"


def test_credential_errnos_name_the_setting_to_fix():
    assert (
        "MAILGQL_MAXMAILER_LOGIN_ID" in error_for(1001, "Invalid login ID.", operation="x").message
    )
    assert "MAILGQL_MAXMAILER_LIST_KEYS" in error_for(1101, "Invalid list", operation="x").message


def test_an_unknown_errno_is_a_plain_refusal():
    error = error_for(9999, "Something new", operation="GetUser")
    assert type(error) is UpstreamRefused
    assert error.legacy_code == "9999"
    assert "Something new" in error.message


# -- users ------------------------------------------------------------------------------------


def test_list_users_is_an_object_keyed_by_id_read_in_id_order():
    body = php({"12": user_row(uname="late"), "3": user_row(), "7": user_row(uname="mid")})
    users = parse_user_listing(decode_answer(200, body, operation="ListUsers"))
    assert [(u.user_id, u.username) for u in users] == [(3, "cfernandez"), (7, "mid"), (12, "late")]


@pytest.mark.parametrize("empty", ["{}", "[]"])
def test_an_empty_listing_is_empty_in_either_php_spelling(empty):
    assert parse_user_listing(json.loads(empty)) == []


@pytest.mark.parametrize(
    "payload",
    [[user_row()], {"abc": user_row()}, {"3": "not a row"}, {"3": user_row(uname="")}],
    ids=["list", "key-not-id", "row-not-object", "no-username"],
)
def test_an_unreadable_listing_is_a_bad_response(payload):
    with pytest.raises(UpstreamBadResponse):
        parse_user_listing(payload)


def test_every_scalar_arrives_as_a_string_and_is_coerced():
    [user] = parse_user_listing({"3": user_row()})
    assert user == records.User(
        user_id=3,
        username="cfernandez",
        first_name="Chloe",
        last_name="Fernández",
        email="cfernandez@example.org",
        user_type="user",
        parent_id=2,
        active=True,
        suspended_at=None,
        created_at=datetime(2021, 3, 26, 12, 10, 20, tzinfo=UTC),
        last_login_at=datetime(2021, 3, 26, 7, 42, 13, tzinfo=UTC),
        trial_days=None,
        limits=records.Limits(
            send_limit=29800,
            send_period="monthly",
            list_limit=6,
            subscriber_limit=8600,
            message_size_kb=512,
            attachment_size_kb=1024,
            user_limit=None,
        ),
        permissions=records.Permissions(
            attachments=False,
            bounce_handling=True,
            forms=True,
            api=False,
            embedded_images=True,
            custom_smtp=True,
            smtp_host="mail.relaybox.example",
        ),
    )
    assert user.full_name == "Chloe Fernández"


def test_zero_in_a_limit_field_is_unlimited():
    row = user_row(max_sends="0", max_list="0", max_suscribers="0", max_message_size="0")
    [user] = parse_user_listing({"1": row})
    limits = user.limits
    assert (limits.send_limit, limits.list_limit, limits.subscriber_limit) == (None, None, None)
    assert limits.message_size_kb is None
    assert to_limit("0") is None
    assert to_limit("") is None
    assert to_limit("250") == 250


def test_top_of_the_tree_suspension_and_trial():
    row = user_row(parent_id="0", susp_date="1616760620", status="suspended", trial="15")
    [user] = parse_user_listing({"9": row})
    assert user.parent_id is None
    assert user.active is False
    assert user.suspended_at == datetime(2021, 3, 26, 12, 10, 20, tzinfo=UTC)
    assert user.trial_days == 15


def test_max_users_counts_only_for_user_managers():
    reseller = user_row(usertType="reseller", max_users="6")
    unlimited = user_row(usertType="reseller", max_users="0")
    odd = user_row(max_users="6")
    users = parse_user_listing({"2": reseller, "3": unlimited, "4": odd})
    assert [u.limits.user_limit for u in users] == [6, None, None]
    assert [u.user_type for u in users] == ["reseller", "reseller", "user"]


def test_unknown_user_type_or_period_is_a_bad_response():
    with pytest.raises(UpstreamBadResponse):
        parse_user_listing({"1": user_row(usertType="superuser")})
    with pytest.raises(UpstreamBadResponse):
        parse_user_listing({"1": user_row(max_sends_period="hourly")})


@pytest.mark.parametrize(
    ("wire", "period"),
    [("one_time", "one_time"), ("on_time", "one_time"), ("daily", "daily"), ("Weekly", "weekly")],
)
def test_both_spellings_of_the_one_time_period_are_read(wire, period):
    assert to_period(wire) == period


def test_get_user_adds_usage_with_a_dd_mm_yyyy_reset_date():
    detail = parse_user_detail(user_row() | usage(), 3)
    assert detail.user.user_id == 3
    assert detail.usage == records.Usage(
        sends_available=11034,
        sent_this_period=18766,
        subscribers=2973,
        reset_date=date(2026, 11, 1),
    )


def test_available_sends_of_an_unlimited_account_is_not_a_zero():
    # Maxmailer prints 0 available sends for an account without a send limit.
    detail = parse_user_detail(user_row(max_sends="0") | usage(available_sends="0"), 1)
    assert detail.usage.sends_available is None
    exhausted = parse_user_detail(user_row() | usage(available_sends="0"), 1)
    assert exhausted.usage.sends_available == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [("26/03/2021", date(2021, 3, 26)), ("01/12/2024", date(2024, 12, 1)), ("", None)],
)
def test_dd_mm_yyyy_dates(text, expected):
    assert to_date(text) == expected
    assert to_date("00/00/0000") is None


def test_an_unreadable_reset_date_is_a_bad_response():
    with pytest.raises(UpstreamBadResponse):
        parse_user_detail(user_row() | usage(limit_reset="2021-03-26"), 3)


# -- secrets ----------------------------------------------------------------------------------


def test_secrets_are_dropped_before_parsing():
    row = user_row() | {"password": "Pw_0123456789", "login_id": "abc123", "apikey": "k"}
    assert set(drop_secrets(row)) == set(user_row()) - {"smtp_user", "smtp_pass"}


def test_no_record_has_a_field_for_a_secret():
    for record in (records.User, records.Usage, records.Limits, records.Permissions):
        names = {f.name for f in dataclasses.fields(record)}
        assert not names & {"smtp_user", "smtp_pass", "password", "login_id", "api_key"}


def test_parsed_users_hold_no_secret_value():
    listing = parse_user_listing({"3": user_row()})
    detail = parse_user_detail(user_row() | usage(), 3)
    for text in (repr(listing), repr(detail)):
        assert SMTP_USER not in text
        assert SMTP_PASS not in text


# -- campaigns --------------------------------------------------------------------------------


def test_list_camps_is_an_array_of_summaries():
    payload = [
        {"MessageID": "14", "Subject": "Save the date", "DateStart": "0", "DateEnd": "0"},
        {"MessageID": "13", "Subject": "Hola", "DateStart": "1616744533", "DateEnd": "1616760620"},
    ]
    summaries = parse_campaign_listing(payload)
    assert [s.message_id for s in summaries] == [13, 14]
    assert summaries[0].started_at == datetime(2021, 3, 26, 7, 42, 13, tzinfo=UTC)
    assert summaries[1].started_at is None  # "0": not yet
    assert summaries[1].finished_at is None
    assert parse_campaign_listing([]) == []


def test_get_camp_maps_every_counter_and_keeps_the_vendors_refered():
    campaign = parse_campaign(CAMP, 13)
    assert campaign == records.Campaign(
        message_id=13,
        state="completed",
        subject="Newsletter de marzo",
        sender="cfernandez@example.org",
        started_at=datetime(2021, 3, 26, 7, 42, 13, tzinfo=UTC),
        finished_at=datetime(2021, 3, 26, 12, 10, 20, tzinfo=UTC),
        subscribers=5563,
        sent=5489,
        left=0,
        failed=74,
        bounced=151,
        reads_unique=2152,
        reads_total=2260,
        unsubscribed=38,
        referred=30,
        referred_reads=55,
        total_reads=2315,
        new_subscribers=24,
    )


@pytest.mark.parametrize(
    "state", ["completed", "scheduled", "stopped", "saved", "sending", "restarting"]
)
def test_every_campaign_status_is_read(state):
    assert parse_campaign(CAMP | {"Status": state}, 1).state == state


def test_an_unknown_campaign_status_is_a_bad_response():
    with pytest.raises(UpstreamBadResponse):
        parse_campaign(CAMP | {"Status": "archived"}, 1)


# -- write answers and subscriptions ----------------------------------------------------------


def test_write_answers():
    assert parse_created_user_id({"status": "User created", "user_ID": "22"}) == 22
    assert parse_credit({"status": "Credit added", "available_sends": "5100"}) == 5100
    assert parse_status({"status": "User suspended"}, "User suspended", operation="x")
    with pytest.raises(UpstreamBadResponse):
        parse_status({"status": "Something else"}, "User suspended", operation="SuspendUser")
    with pytest.raises(UpstreamBadResponse):
        parse_created_user_id({"status": "User created"})


def test_a_subscription_status():
    answer = {
        "email": "ana@example.com",
        "name": "Ana",
        "creation_date": "1616744533",
        "unsus_date": "0",
        "active": "1",
    }
    assert parse_subscription(answer) == records.Subscription(
        email="ana@example.com",
        name="Ana",
        subscribed_at=datetime(2021, 3, 26, 7, 42, 13, tzinfo=UTC),
        expires_at=None,
        active=True,
    )
    ended = parse_subscription(answer | {"unsus_date": "1616760620", "active": "0", "name": ""})
    assert ended.active is False
    assert ended.name is None
    assert ended.expires_at == datetime(2021, 3, 26, 12, 10, 20, tzinfo=UTC)


# --- CreateUser's parameters


NEW = {"username": "nuevo", "password": "abcde", "email": "n@example.com"}


def test_a_new_user_form_leaves_out_what_was_not_set():
    # 0 is unlimited on the wire, which a licence refuses: nothing unset may go out as 0
    assert new_user_form(**NEW, options=records.NewUserOptions()) == NEW


def test_a_new_user_form_sends_numbers_unlimited_and_flags_as_set():
    options = records.NewUserOptions(
        first_name="Ana",
        last_name="Ruiz",
        send_limit=500,
        send_period="weekly",
        list_limit=records.UNLIMITED,
        subscriber_limit=2_000,
        message_size_kb=records.UNLIMITED,
        attachment_size_kb=256,
        attachments=False,
        api=True,
        trial_days=30,
        demo=True,
    )
    assert new_user_form(**NEW, options=options) == {
        **NEW,
        "name": "Ana",
        "lastname": "Ruiz",
        "max_sends": "500",
        "max_sends_type": "2",
        "max_list": "0",
        "max_suscribers": "2000",
        "max_message_size": "0",
        "attach_max_size": "256",
        "allow_attach": "0",
        "allow_api": "1",
        "trial": "30",
        "is_demo": "1",
    }
