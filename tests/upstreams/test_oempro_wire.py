"""The Oempro wire format on canned bodies, JSON and XML: every quirk of contract §3 and §19.

The XML login answer is the vendor's own example (``seeds/oempro-api-overview.txt``); its
``Password`` is the MD5 of ``admin``, which must never reach a record.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
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
from mailgql.upstreams.oempro import (
    Admin,
    BounceType,
    CampaignStatus,
    SubscriptionStatus,
    User,
)
from mailgql.upstreams.oempro.error_codes import COMMAND_ERRORS, LegacyError, error_for
from mailgql.upstreams.oempro.wire import (
    OemproUnknownCommand,
    decode_envelope,
    decode_listing,
    decode_record,
    legacy_errors,
    new_id,
    parse_campaign,
    parse_client,
    parse_custom_field,
    parse_email,
    parse_list,
    parse_login,
    parse_segment,
    parse_subscribe_result,
    parse_subscriber,
    parse_user,
    parse_user_group,
    server_time,
)
from mailgql.upstreams.oempro.xml import parse_response

SEED_HASH = "21232f297a57a5a743894a0e4a801fc3"
"""MD5 of "admin": the password hash in the vendor's login example."""
API_KEY = "7F3A-91C2-4D8E-B605"
PREVIEW_KEY = "pme-0f9e8d7c6b5a"
SMTP_PASSWORD = "Starter-SMTP-9f8e7d6c"
SYNC_PASSWORD = "CrmSync-a1b2c3d4e5"
CLIENT_HASH = "5f4dcc3b5aa765d61d8327deb882cf99"
TFA_SECRET = "JBSWY3DPEHPK3PXP"

# --- the vendor's example, verbatim ------------------------------------------------------------

SEED_LOGIN_XML = b"""<?xml version="1.0" encoding="utf-8"?>
<response>
    <Success><![CDATA[1]]></Success>
    <ErrorCode><![CDATA[0]]></ErrorCode>
    <ErrorText></ErrorText>
    <SessionID><![CDATA[08be000c325a0cc466d85032bf9c9573]]></SessionID>
    <UserInfo>
        <UserID><![CDATA[1]]></UserID>
        <RelUserGroupID><![CDATA[1]]></RelUserGroupID>
        <EmailAddress><![CDATA[[email protected]]]></EmailAddress>
        <Username><![CDATA[admin]]></Username>
        <Password><![CDATA[21232f297a57a5a743894a0e4a801fc3]]></Password>
    </UserInfo>
</response>
"""

SEED_ERROR_XML = b"""<?xml version="1.0" encoding="utf-8"?>
<response>
    <Success></Success>
    <ErrorCode/>
    <ErrorText/>
</response>
"""

# --- canned rows, as a 4.x server prints them (every column a string) ---------------------------

USER_ROW: dict[str, Any] = {
    "UserID": "7",
    "RelUserGroupID": "2",
    "EmailAddress": "nora@northwind.example",
    "Username": "northwind",
    "Password": SEED_HASH,
    "ReputationLevel": "Trusted",
    "UserSince": "2022-05-04 09:42:02",
    "FirstName": "Nora",
    "LastName": "Lindqvist",
    "CompanyName": "Northwind Outfitters",
    "Website": "",
    "Street": "",
    "City": "Stockholm",
    "State": "",
    "Zip": "",
    "Country": "SE",
    "Phone": "+46 8 916 7894",
    "Fax": "",
    "TimeZone": "Europe/Stockholm",
    "SignUpIPAddress": "203.0.113.185",
    "APIKey": API_KEY,
    "Language": "en",
    "LastActivityDateTime": "0000-00-00 00:00:00",
    "PreviewMyEmailAccount": "northwind@previewmyemail.example",
    "PreviewMyEmailAPIKey": PREVIEW_KEY,
    "AccountStatus": "Disabled",
    "AvailableCredits": "2500",
}

LIST_ROW: dict[str, Any] = {
    "ListID": "3",
    "RelOwnerUserID": "1",
    "Name": "Spring sale 2024",
    "CreatedOn": "2023-08-05 23:59:02",
    "OptInMode": "Double",
    "RelOptInConfirmationEmailID": "0",
    "OptOutScope": "This list",
    "OptOutAddToSuppressionList": "Yes",
    "SendServiceIntegrationFailedNotification": "false",
    "SubscriptionConfirmationPendingPageURL": "https://example.com/pending",
    "SubscriptionConfirmedPageURL": "",
    "UnsubscriptionConfirmedPageURL": "",
    "HideInSubscriberArea": "true",
    "SyncStatus": "Enabled",
    "SyncMySQLHost": "crm-db.internal.example",
    "SyncMySQLUsername": "crm_sync",
    "SyncMySQLPassword": SYNC_PASSWORD,
    "SyncLastDateTime": "2024-06-02 10:00:00",
}

SUBSCRIBER_ROW: dict[str, Any] = {
    "SubscriberID": "12",
    "EmailAddress": "ava@example.net",
    "BounceType": "Not Bounced",
    "SubscriptionStatus": "Subscribed",
    "SubscriptionDate": "2023-01-10 12:37:42",
    "SubscriptionIP": "198.51.100.7",
    "UnsubscriptionDate": "0000-00-00 00:00:00",
    "UnsubscriptionIP": "",
    "OptInDate": "2023-01-10 12:37:42",
    "CustomField1": "Ava",
    "CustomField4": "110000",
    "CustomField9": "",
}

CAMPAIGN_ROW: dict[str, Any] = {
    "CampaignID": "1",
    "RelOwnerUserID": "1",
    "CampaignStatus": "Sent",
    "CampaignName": "May newsletter",
    "RelEmailID": "4",
    "ScheduleType": "Immediate",
    "SendDate": "",
    "SendTime": "",
    "SendTimeZone": "",
    "ScheduleRecSentInstances": "0",
    "SendProcessStartedOn": "2024-05-04 01:14:24",
    "SendProcessFinishedOn": "2024-05-04 02:46:24",
    "TotalRecipients": "47",
    "TotalSent": "46",
    "TotalFailed": "1",
    "TotalOpens": "10",
    "UniqueOpens": "8",
    "TotalClicks": "3",
    "UniqueClicks": "2",
    "TotalForwards": "1",
    "UniqueForwards": "1",
    "TotalViewsOnBrowser": "4",
    "UniqueViewsOnBrowser": "3",
    "TotalUnsubscriptions": "2",
    "TotalHardBounces": "1",
    "TotalSoftBounces": "0",
    "BenchmarkEmailsPerSecond": "11.13",
    "GoogleAnalyticsDomains": "www.example.com\nshop.example.com",
    "PublishOnRSS": "Enabled",
    "LastActivityDateTime": "2024-05-04 02:46:24",
    "CreateDateTime": "2024-05-01 01:14:24",
}


def envelope(**payload: Any) -> bytes:
    """A JSON success envelope, as ``json_encode`` prints it."""
    return json.dumps({"Success": True, "ErrorCode": 0, "ErrorText": "", **payload}).encode()


def failure(codes: Any, texts: Any = None, **extra: Any) -> bytes:
    """A JSON error envelope; ``texts`` None leaves ``ErrorText`` out."""
    body: dict[str, Any] = {"Success": False, "ErrorCode": codes, **extra}
    if texts is not None:
        body["ErrorText"] = texts
    return json.dumps(body).encode()


def raised(body: bytes, command: str, *, status: int = 200, xml: bool = False) -> UpstreamError:
    with pytest.raises(UpstreamError) as caught:
        decode_envelope(status, body, command=command, xml=xml)
    return caught.value


# --- §3.1 the envelope ------------------------------------------------------------------------


def test_success_envelope_returns_the_flat_payload() -> None:
    payload = decode_envelope(200, envelope(ListID=12), command="List.Create")
    assert payload["ListID"] == 12
    assert new_id(payload, "ListID", command="List.Create") == 12


def test_new_ids_arrive_as_numbers_or_strings() -> None:
    assert new_id({"CampaignID": "31"}, "CampaignID", command="Campaign.Create") == 31
    with pytest.raises(UpstreamBadResponse):
        new_id({}, "CampaignID", command="Campaign.Create")


@pytest.mark.parametrize(
    ("codes", "texts", "expected"),
    [
        pytest.param(3, "Invalid login information", [(3, "Invalid login information")], id="num"),
        pytest.param("3", None, [(3, None)], id="numeric-string-no-text"),
        pytest.param([1], ["List id is missing"], [(1, "List id is missing")], id="array"),
        pytest.param(
            [1, 3],
            ["List id is missing", "Invalid opt-in mode"],
            [(1, "List id is missing"), (3, "Invalid opt-in mode")],
            id="parallel-arrays",
        ),
        pytest.param([1, 2], "Both missing", [(1, "Both missing"), (2, None)], id="one-string"),
        pytest.param([6, 7], None, [(6, None), (7, None)], id="text-absent"),
        pytest.param(["5", "9"], ["a", ""], [(5, "a"), (9, None)], id="string-codes"),
        pytest.param("autoresponderid", None, [("autoresponderid", None)], id="5x-word"),
        pytest.param(0, "", [], id="zero-is-no-error"),
    ],
)
def test_error_codes_normalise_into_pairs(codes: Any, texts: Any, expected: list[Any]) -> None:
    body: dict[str, Any] = {"Success": False, "ErrorCode": codes}
    if texts is not None:
        body["ErrorText"] = texts
    assert legacy_errors(body) == [LegacyError(code, text) for code, text in expected]


def test_hard_failures_list_their_codes_under_errors() -> None:
    body = {"Success": False, "Errors": [{"Code": 100005, "Message": "Unhandled exception"}]}
    assert legacy_errors(body) == [LegacyError(100005, "Unhandled exception")]
    error = raised(json.dumps(body).encode(), "Lists.Get", status=500)
    assert isinstance(error, UpstreamRefused)
    assert error.legacy_code == "100005"


def test_several_codes_raise_the_first_and_name_them_all() -> None:
    error = raised(failure([1, 3], ["List id is missing", "Invalid opt-in mode"]), "List.Update")
    assert isinstance(error, UpstreamInvalidInput)
    assert error.legacy_code == "1"
    assert error.field == "SubscriberListID"
    assert "codes 1, 3" in error.message
    assert error.legacy_message == "List id is missing; Invalid opt-in mode"
    assert error.platform is Platform.OEMPRO
    assert error.operation == "List.Update"


def test_an_error_without_any_code_is_still_a_refusal() -> None:
    error = raised(failure([]), "Lists.Get")
    assert type(error) is UpstreamRefused
    assert error.legacy_code is None


def test_a_non_numeric_code_is_kept_as_an_opaque_legacy_code() -> None:
    error = raised(failure("NOT AVAILABLE IN DEMO MODE"), "List.Create")
    assert type(error) is UpstreamRefused
    assert error.legacy_code == "NOT AVAILABLE IN DEMO MODE"


# --- §3.5 and §19.4: codes every command shares -------------------------------------------------


def test_99998_is_unauthenticated_and_99999_is_forbidden() -> None:
    expired = raised(failure(99998, "Authentication failure or session expired"), "Lists.Get")
    assert isinstance(expired, UpstreamUnauthenticated)
    assert expired.legacy_code == "99998"
    assert "MAILGQL_OEMPRO_USERNAME" in expired.message
    denied = raised(failure(99999, "Not enough privileges"), "Users.Get")
    assert isinstance(denied, UpstreamForbidden)
    assert not isinstance(denied, UpstreamUnauthenticated)
    assert denied.legacy_code == "99999"


def test_99997_is_an_upstream_error() -> None:
    error = raised(failure([99997]), "Users.Get")
    assert type(error) is UpstreamRefused
    assert error.legacy_code == "99997"


# --- §19.10: codes mean different things per command ------------------------------------------


@pytest.mark.parametrize(
    ("command", "code", "expected", "field"),
    [
        ("Subscriber.Subscribe", 4, UpstreamNotFound, "ListID"),
        ("Email.Update", 4, UpstreamInvalidInput, "RelTemplateID"),
        ("Campaign.Update", 4, UpstreamInvalidInput, "RelEmailID"),
        ("Subscriber.Get", 3, UpstreamNotFound, "EmailAddress"),
        ("Subscriber.Subscribe", 3, UpstreamInvalidInput, "IPAddress"),
        ("User.Login", 3, UpstreamUnauthenticated, None),
        ("User.Update", 2, UpstreamForbidden, "UserID"),
        ("List.Create", 3, UpstreamForbidden, None),
        ("Subscriber.Subscribe", 9, UpstreamInvalidInput, "EmailAddress"),
        ("Subscriber.Unsubscribe", 7, UpstreamNotFound, "EmailAddress"),
        ("Subscriber.Unsubscribe", 9, UpstreamInvalidInput, "EmailAddress"),
        ("Subscriber.Subscribe", 10, UpstreamRefused, None),
    ],
)
def test_codes_map_per_command(
    command: str, code: int, expected: type[UpstreamError], field: str | None
) -> None:
    error = raised(failure([code], ["text"]), command)
    assert type(error) is expected
    assert error.legacy_code == str(code)
    assert error.field == field


def test_every_command_table_maps_only_to_the_shared_error_tree() -> None:
    for command, table in COMMAND_ERRORS.items():
        for code, (cls, _) in table.items():
            error = error_for(command, [LegacyError(code, None)])
            assert isinstance(error, cls)
            assert error.legacy_code == str(code)


def test_an_unknown_code_is_a_refusal_that_keeps_the_code() -> None:
    error = raised(failure([77], ["Something new"]), "Lists.Delete")
    assert type(error) is UpstreamRefused
    assert error.legacy_code == "77"
    assert error.legacy_message == "Something new"


# --- §19.5: the CAPTCHA trap --------------------------------------------------------------------


def test_captcha_refusal_is_unauthenticated_and_says_why() -> None:
    error = raised(failure([4], ["Image verification is missing or invalid"]), "User.Login")
    assert isinstance(error, UpstreamUnauthenticated)
    assert error.legacy_code == "4"
    assert "CAPTCHA" in error.message


# --- custom field details (Subscribe: singular keys, Update: plural) -----------------------------


def test_subscribe_custom_field_error_names_the_field() -> None:
    body = failure(
        [6],
        ["Required custom field is empty"],
        ErrorCustomFieldID="3",
        ErrorCustomFieldTitle="First name",
        ErrorCustomFieldDescription="First name is required",
    )
    error = raised(body, "Subscriber.Subscribe")
    assert isinstance(error, UpstreamInvalidInput)
    assert error.field == "CustomField3"
    assert "First name is required" in error.message


def test_update_custom_field_error_reads_the_plural_keys() -> None:
    body = failure(
        [9],
        ["Custom field value must be unique"],
        ErrorCustomFieldIDs=["4"],
        ErrorCustomFieldTitles=["Member number"],
        ErrorCustomFieldDescriptions=["Member number must be unique"],
    )
    error = raised(body, "Subscriber.Update")
    assert isinstance(error, UpstreamInvalidInput)
    assert error.field == "CustomField4"
    assert error.legacy_code == "9"


# --- §1 / §19.3: bodies that are not the envelope ------------------------------------------------

FATAL_PAGE = (
    b"<html><head><title>Oempro</title></head><body>\n<br />\n<b>Fatal error</b>:  Call to "
    b"undefined method API::Subscriber.Get() in <b>/var/www/oempro/api.php</b> on line "
    b"<b>87</b><br />\n</body></html>\n"
)


@pytest.mark.parametrize("xml", [False, True], ids=["json", "xml"])
def test_an_html_page_with_200_is_a_bad_response(xml: bool) -> None:
    page = b"<html><body><b>Warning</b>: mysql_connect(): Too many connections</body></html>"
    error = raised(page, "Lists.Get", xml=xml)
    assert type(error) is UpstreamBadResponse
    assert error.http_status == 200


@pytest.mark.parametrize("xml", [False, True], ids=["json", "xml"])
def test_the_php_fatal_page_for_an_unknown_command_says_so(xml: bool) -> None:
    error = raised(FATAL_PAGE, "Subscriber.Get", xml=xml)
    assert isinstance(error, OemproUnknownCommand)
    assert isinstance(error, UpstreamBadResponse)


def test_code_100003_and_an_empty_body_are_unknown_commands_too() -> None:
    assert isinstance(raised(failure(100003), "Subscriber.Get", status=400), OemproUnknownCommand)
    assert isinstance(raised(b"  ", "Subscriber.Get"), OemproUnknownCommand)


def test_json_that_is_not_the_envelope_is_a_bad_response() -> None:
    assert type(raised(b'{"ok": true}', "Lists.Get")) is UpstreamBadResponse
    assert type(raised(b"[1, 2]", "Lists.Get")) is UpstreamBadResponse
    assert type(raised(b"[" * 100_000, "Lists.Get")) is UpstreamBadResponse


@pytest.mark.parametrize("body", [b"<h1>502 Bad Gateway</h1>", b"", FATAL_PAGE])
def test_a_5xx_answer_that_is_not_the_envelope_is_unavailable(body: bytes) -> None:
    error = raised(body, "Subscriber.Get", status=502)
    assert type(error) is UpstreamUnavailable
    assert error.http_status == 502


def test_a_success_envelope_with_an_error_status_is_a_bad_response() -> None:
    assert type(raised(envelope(), "Lists.Get", status=400)) is UpstreamBadResponse


# --- §3.2 XML ----------------------------------------------------------------------------------


def test_the_seed_login_example_reads_in_xml() -> None:
    payload = decode_envelope(200, SEED_LOGIN_XML, command="User.Login", xml=True)
    session, account = parse_login(payload, command="User.Login")
    assert session == "08be000c325a0cc466d85032bf9c9573"
    assert isinstance(account, User)
    assert account.user_id == 1
    assert account.group_id == 1
    assert account.username == "admin"
    assert account.email == "[email protected]"
    assert account.enabled is True
    assert SEED_HASH not in repr(account)


def test_the_seed_error_example_is_a_refusal_without_code() -> None:
    error = raised(SEED_ERROR_XML, "User.Login", xml=True)
    assert type(error) is UpstreamRefused
    assert error.legacy_code is None


def test_xml_cdata_booleans_nesting_and_node_arrays() -> None:
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<response>
    <Success><![CDATA[1]]></Success>
    <ErrorCode><![CDATA[0]]></ErrorCode>
    <Flag></Flag>
    <Text><![CDATA[a <b>bold</b> & "quoted" ]]]]><![CDATA[> text]]></Text>
    <Nested><Inner><Leaf><![CDATA[x]]></Leaf></Inner></Nested>
    <Items>
        <node_1><![CDATA[second]]></node_1>
        <node_0><![CDATA[first]]></node_0>
    </Items>
</response>
"""
    payload = parse_response(body)
    assert payload["Success"] == "1"
    assert payload["Flag"] == ""
    assert payload["Text"] == 'a <b>bold</b> & "quoted" ]]> text'
    assert payload["Nested"] == {"Inner": {"Leaf": "x"}}
    assert payload["Items"] == ["first", "second"]


def test_an_xml_error_envelope_carries_node_arrays() -> None:
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<response>
    <Success></Success>
    <ErrorCode>
        <node_0><![CDATA[1]]></node_0>
        <node_1><![CDATA[3]]></node_1>
    </ErrorCode>
    <ErrorText>
        <node_0><![CDATA[List id is missing]]></node_0>
        <node_1><![CDATA[Invalid opt-in mode]]></node_1>
    </ErrorText>
</response>
"""
    error = raised(body, "List.Update", xml=True)
    assert isinstance(error, UpstreamInvalidInput)
    assert error.legacy_code == "1"
    assert error.legacy_message == "List id is missing; Invalid opt-in mode"


def test_an_xml_bare_auth_code_reads_like_json() -> None:
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<response><Success></Success><ErrorCode><![CDATA[99998]]></ErrorCode>
<ErrorText><![CDATA[Authentication failure or session expired]]></ErrorText></response>"""
    assert isinstance(raised(body, "Lists.Get", xml=True), UpstreamUnauthenticated)


def _as_xml(tag: str, value: Any, depth: int = 1) -> str:
    """The PHP XML printer, for turning the canned JSON rows into XML bodies here."""
    if isinstance(value, dict):
        inner = "".join(_as_xml(k, v, depth + 1) for k, v in value.items())
        return f"<{tag}>{inner}</{tag}>"
    if isinstance(value, list):
        inner = "".join(_as_xml(f"node_{i}", v, depth + 1) for i, v in enumerate(value))
        return f"<{tag}>{inner}</{tag}>"
    text = "1" if value is True else "" if value in (False, None) else str(value)
    return f"<{tag}><![CDATA[{text}]]></{tag}>" if text else f"<{tag}></{tag}>"


def xml_envelope(**payload: Any) -> bytes:
    body = {"Success": True, "ErrorCode": 0, "ErrorText": "", **payload}
    inner = "".join(_as_xml(k, v) for k, v in body.items())
    return f'<?xml version="1.0" encoding="utf-8"?>\n<response>{inner}</response>'.encode()


@pytest.mark.parametrize(
    ("key", "rows", "parse", "totals"),
    [
        ("Users", [USER_ROW], parse_user, ("TotalUsers",)),
        ("Lists", [LIST_ROW], parse_list, ("TotalListCount",)),
        ("Campaigns", [CAMPAIGN_ROW], parse_campaign, ("TotalCampaigns",)),
        (
            "Subscribers",
            [SUBSCRIBER_ROW],
            lambda raw: parse_subscriber(raw, list_id=3),
            ("TotalSubscribers",),
        ),
    ],
)
def test_json_and_xml_decode_to_the_same_records(
    key: str, rows: list[dict[str, Any]], parse: Any, totals: tuple[str, ...]
) -> None:
    extra = {key: rows, totals[0]: 41}
    from_json = decode_envelope(200, envelope(**extra), command=key)
    from_xml = decode_envelope(200, xml_envelope(**extra), command=key, xml=True)
    json_page = decode_listing(from_json, key, parse=parse, command=key, totals=totals, offset=0)
    xml_page = decode_listing(from_xml, key, parse=parse, command=key, totals=totals, offset=0)
    assert json_page == xml_page
    assert json_page.total == 41
    assert len(json_page.items) == 1


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><response>&b;</response>',
            id="entity-expansion",
        ),
        pytest.param(
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<response><Success>&x;</Success></response>",
            id="external-entity",
        ),
        pytest.param(b"<response><Success>1</Success>", id="not-well-formed"),
        pytest.param(b"<other><Success>1</Success></other>", id="wrong-root"),
    ],
)
def test_unsafe_or_broken_xml_is_a_bad_response(body: bytes) -> None:
    assert type(raised(body, "Lists.Get", xml=True)) is UpstreamBadResponse


# --- §19.2 coercions and §3.1 value types ---------------------------------------------------------


def test_server_times_read_as_utc_and_the_zero_date_as_never() -> None:
    assert server_time("2024-05-04 01:14:24") == datetime(2024, 5, 4, 1, 14, 24, tzinfo=UTC)
    assert server_time("2024-05-04") == datetime(2024, 5, 4, tzinfo=UTC)
    assert server_time("0000-00-00 00:00:00") is None
    assert server_time("0000-00-00") is None
    assert server_time("") is None
    assert server_time(None) is None
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        server_time("04/05/2024")


def test_a_user_row_is_coerced_and_loses_its_secrets() -> None:
    user = parse_user(USER_ROW)
    assert user.user_id == 7
    assert user.group_id == 2
    assert user.enabled is False
    assert user.available_credits == 2500
    assert user.user_since == datetime(2022, 5, 4, 9, 42, 2, tzinfo=UTC)
    assert user.last_activity_at is None
    assert user.website is None
    assert user.reputation == "Trusted"
    text = repr(user)
    for secret in (SEED_HASH, API_KEY, PREVIEW_KEY):
        assert secret not in text


def test_records_have_no_field_that_could_hold_a_secret() -> None:
    from dataclasses import fields

    from mailgql.upstreams.oempro import records

    for name in records.__all__:
        cls = getattr(records, name)
        if not hasattr(cls, "__dataclass_fields__"):
            continue
        for field in fields(cls):
            lowered = field.name.lower()
            assert "password" not in lowered, (name, field.name)
            assert "api_key" not in lowered, (name, field.name)
            assert not lowered.startswith(("sync", "smtp")), (name, field.name)


def test_the_admin_login_loses_its_hash_and_2fa_secrets() -> None:
    payload = decode_envelope(
        200,
        envelope(
            SessionID="a" * 32,
            AdminInfo={
                "AdminID": "1",
                "Name": "Site Administrator",
                "EmailAddress": "admin@example.com",
                "Username": "admin",
                "Password": SEED_HASH,
                "2FA_SecretKey": TFA_SECRET,
                "2FA_RecoveryKey": "recover-me",
            },
        ),
        command="Admin.Login",
    )
    _, account = parse_login(payload, command="Admin.Login")
    assert isinstance(account, Admin)
    assert account.username == "admin"
    for secret in (SEED_HASH, TFA_SECRET, "recover-me"):
        assert secret not in repr(account)


def test_a_login_without_a_session_is_a_bad_response() -> None:
    payload = decode_envelope(200, envelope(UserInfo=USER_ROW), command="User.Login")
    with pytest.raises(UpstreamBadResponse):
        parse_login(payload, command="User.Login")


def test_a_list_row_loses_its_sync_credentials() -> None:
    lst = parse_list(LIST_ROW)
    assert lst.list_id == 3
    assert lst.opt_in_confirmation_email_id is None
    assert lst.opt_out_add_to_suppression_list is True
    assert lst.send_service_integration_failed_notification is False
    assert lst.hide_in_subscriber_area is True
    assert lst.created_at == datetime(2023, 8, 5, 23, 59, 2, tzinfo=UTC)
    assert lst.subscriber_count is None
    for secret in (SYNC_PASSWORD, "crm_sync", "crm-db.internal.example"):
        assert secret not in repr(lst)


def test_a_user_group_loses_its_smtp_credentials() -> None:
    group = parse_user_group(
        {
            "UserGroupID": "1",
            "GroupName": "Starter",
            "Permissions": "Lists.Get,Campaigns.Get, Subscribers.Get",
            "LimitSubscribers": "2500",
            "LimitLists": "3",
            "LimitCampaignSendPerPeriod": "10",
            "LimitEmailSendPerPeriod": "0",
            "TrialGroup": "No",
            "PaymentSystem": "Disabled",
            "SendMethod": "SMTP",
            "SendMethodSMTPHost": "smtp.relay.example",
            "SendMethodSMTPUsername": "starter-relay",
            "SendMethodSMTPPassword": SMTP_PASSWORD,
        }
    )
    assert group.permissions == ("Lists.Get", "Campaigns.Get", "Subscribers.Get")
    assert group.limit_lists == 3
    assert group.limit_email_send_per_period == 0
    assert group.trial_group is False
    assert group.payment_system is False
    for secret in (SMTP_PASSWORD, "starter-relay"):
        assert secret not in repr(group)
    # The server is a setting of the plan, its login a credential.
    assert group.sending is not None
    assert (group.sending.method, group.sending.smtp_host) == ("SMTP", "smtp.relay.example")


def test_a_client_row_loses_its_password() -> None:
    client = parse_client(
        {
            "ClientID": "2",
            "RelOwnerUserID": "1",
            "ClientName": "Summit Retail",
            "ClientUsername": "summit-retail",
            "ClientPassword": CLIENT_HASH,
            "ClientEmailAddress": "summit@clients.example",
            "ClientAccountStatus": "Disabled",
        }
    )
    assert client.enabled is False
    assert client.username == "summit-retail"
    assert CLIENT_HASH not in repr(client)


def test_a_subscriber_keeps_its_custom_field_values_by_id() -> None:
    sub = parse_subscriber(SUBSCRIBER_ROW, list_id=3)
    assert sub.subscriber_id == 12
    assert sub.list_id == 3
    assert dict(sub.custom_fields) == {1: "Ava", 4: "110000", 9: ""}
    assert sub.status is SubscriptionStatus.SUBSCRIBED
    assert sub.bounce_type is BounceType.NOT_BOUNCED
    assert sub.active is True
    assert sub.unsubscribed_at is None


@pytest.mark.parametrize("spelling", ["Opt-In Pending", "Confirmation Pending", "opt-in pending"])
def test_both_spellings_of_the_pending_status(spelling: str) -> None:
    sub = parse_subscriber({**SUBSCRIBER_ROW, "SubscriptionStatus": spelling}, list_id=3)
    assert sub.status is SubscriptionStatus.OPT_IN_PENDING
    assert sub.active is False


def test_a_hard_bounced_subscriber_is_not_active() -> None:
    sub = parse_subscriber({**SUBSCRIBER_ROW, "BounceType": "Hard"}, list_id=3)
    assert sub.bounce_type is BounceType.HARD
    assert sub.active is False


def test_a_campaign_keeps_every_statistics_column_and_no_subject() -> None:
    campaign = parse_campaign({**CAMPAIGN_ROW, "HardBounceRatio": "2.17"})
    assert campaign.status is CampaignStatus.SENT
    assert campaign.email_id == 4
    stats = campaign.statistics
    assert (stats.total_recipients, stats.total_sent, stats.total_failed) == (47, 46, 1)
    assert (stats.total_opens, stats.unique_opens) == (10, 8)
    assert (stats.total_clicks, stats.unique_clicks) == (3, 2)
    assert (stats.total_forwards, stats.unique_forwards) == (1, 1)
    assert (stats.total_views_on_browser, stats.unique_views_on_browser) == (4, 3)
    assert stats.total_unsubscriptions == 2
    assert (stats.total_hard_bounces, stats.total_soft_bounces) == (1, 0)
    assert stats.hard_bounce_ratio == pytest.approx(2.17)
    assert stats.soft_bounce_ratio is None
    assert campaign.started_at == datetime(2024, 5, 4, 1, 14, 24, tzinfo=UTC)
    assert campaign.google_analytics_domains == ("www.example.com", "shop.example.com")
    assert campaign.publish_on_rss is True
    assert campaign.send_date is None
    assert not hasattr(campaign, "subject")


def test_a_draft_without_email_has_no_email_id() -> None:
    campaign = parse_campaign({**CAMPAIGN_ROW, "RelEmailID": "0", "CampaignStatus": "Draft"})
    assert campaign.email_id is None
    assert campaign.status is CampaignStatus.DRAFT


def test_an_unknown_campaign_status_makes_the_row_unreadable() -> None:
    payload = {"Campaign": {**CAMPAIGN_ROW, "CampaignStatus": "Exploded"}}
    with pytest.raises(UpstreamBadResponse) as caught:
        decode_record(payload, "Campaign", parse=parse_campaign, command="Campaign.Get")
    assert "Exploded" not in caught.value.message


def test_an_email_record_carries_the_subject() -> None:
    email = parse_email(
        {
            "EmailID": "4",
            "EmailName": "May newsletter",
            "Subject": "Fresh trails",
            "FromEmail": "news@example.com",
            "RelTemplateID": "0",
            "ImageEmbedding": "Enabled",
        }
    )
    assert email.subject == "Fresh trails"
    assert email.template_id is None
    assert email.image_embedding is True


def test_a_segment_keeps_its_rules() -> None:
    segment = parse_segment(
        {
            "SegmentID": "2",
            "RelListID": "1",
            "SegmentName": "A-names or Lisbon",
            "SegmentOperator": "OR",
            "SegmentRules": [
                {"Field": "CustomField1", "Operator": "Begins with", "Filter": "A"},
                {"Field": "CustomField3", "Operator": "Is", "Filter": "Lisbon"},
            ],
        }
    )
    assert segment.operator == "or"
    assert [(r.field, r.operator, r.filter) for r in segment.rules] == [
        ("CustomField1", "Begins with", "A"),
        ("CustomField3", "Is", "Lisbon"),
    ]


def test_a_custom_field_row_reads_its_flags() -> None:
    field = parse_custom_field(
        {
            "CustomFieldID": "4",
            "RelListID": "1",
            "FieldName": "Member number",
            "FieldType": "Single line",
            "ValidationMethod": "Numbers",
            "IsRequired": "No",
            "IsUnique": "Yes",
            "IsGlobal": "No",
        }
    )
    assert (field.required, field.unique, field.is_global) == (False, True, False)


def test_the_subscribe_answer_reads_both_shapes() -> None:
    nested = parse_subscribe_result(
        {
            "SubscriberID": 25,
            "RedirectURL": "https://example.com/thanks",
            "Subscriber": {"SubscriberID": "25", "SubscriptionStatus": "Confirmation Pending"},
        },
        command="Subscriber.Subscribe",
    )
    assert nested.subscriber_id == 25
    assert nested.status is SubscriptionStatus.OPT_IN_PENDING
    flat = parse_subscribe_result({"SubscriberID": "26"}, command="Subscriber.Subscribe")
    assert (flat.subscriber_id, flat.status, flat.redirect_url) == (26, None, None)


# --- §19.11, §19.12, §19.15: listings, empty results, total keys ---------------------------------


@pytest.mark.parametrize("empty", [[], False, "", {}, None], ids=repr)
def test_an_empty_listing_may_be_any_kind_of_nothing(empty: Any) -> None:
    payload = {"Lists": empty, "TotalListCount": 0} if empty is not None else {}
    page = decode_listing(payload, "Lists", parse=parse_list, command="Lists.Get")
    assert page.items == ()
    assert page.total == 0


@pytest.mark.parametrize("empty", [[], False, "", {}, None], ids=repr)
def test_an_empty_record_is_not_found(empty: Any) -> None:
    payload = {"Campaign": empty} if empty is not None else {}
    with pytest.raises(UpstreamNotFound) as caught:
        decode_record(payload, "Campaign", parse=parse_campaign, command="Campaign.Get")
    assert caught.value.operation == "Campaign.Get"


def test_an_unpaged_listing_without_a_total_counts_its_rows() -> None:
    page = decode_listing({"Lists": [LIST_ROW]}, "Lists", parse=parse_list, command="Lists.Get")
    assert page.total == 1


def test_a_paged_listing_without_a_total_has_an_unknown_total() -> None:
    payload = {"Subscribers": [SUBSCRIBER_ROW]}
    page = decode_listing(
        payload,
        "Subscribers",
        parse=lambda raw: parse_subscriber(raw, list_id=1),
        command="Subscribers.Get",
        totals=("TotalSubscribers",),
        offset=20,
    )
    assert page.total is None
    assert page.offset == 20


@pytest.mark.parametrize("key", ["TotalCustomFields", "TotalFieldCount"])
def test_custom_field_totals_are_read_under_either_key(key: str) -> None:
    row = {"CustomFieldID": "1", "FieldName": "First name"}
    payload = {"CustomFields": [row], key: "5"}
    page = decode_listing(
        payload,
        "CustomFields",
        parse=parse_custom_field,
        command="CustomFields.Get",
        totals=("TotalCustomFields", "TotalFieldCount"),
    )
    assert page.total == 5


@pytest.mark.parametrize("key", ["TotalSegments", "TotalSegmentCount"])
def test_segment_totals_are_read_under_either_key(key: str) -> None:
    payload = {"Segments": [{"SegmentID": "1", "SegmentName": "All"}], key: 1}
    page = decode_listing(
        payload,
        "Segments",
        parse=parse_segment,
        command="Segment.Get",
        totals=("TotalSegments", "TotalSegmentCount"),
    )
    assert page.total == 1


def test_a_listing_printed_as_an_object_with_index_keys_is_a_list() -> None:
    payload = {"Lists": {"1": {**LIST_ROW, "ListID": "9"}, "0": LIST_ROW}}
    page = decode_listing(payload, "Lists", parse=parse_list, command="Lists.Get")
    assert [lst.list_id for lst in page.items] == [3, 9]


def test_an_unreadable_row_fails_the_answer_without_quoting_values() -> None:
    payload = {"Users": [{**USER_ROW, "UserID": "seven"}]}
    with pytest.raises(UpstreamBadResponse) as caught:
        decode_listing(payload, "Users", parse=parse_user, command="Users.Get")
    assert "seven" not in caught.value.message
    with pytest.raises(UpstreamBadResponse, match="without 'Username'"):
        decode_listing({"Users": [{"UserID": "1"}]}, "Users", parse=parse_user, command="Users.Get")
