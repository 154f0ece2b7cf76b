"""The v2 REST wire format on canned bodies: every quirk of the contract, with no server.

The sample bodies are the vendor's own (``seeds/v2-rest-api-users.txt``), typos included.
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
    UpstreamUnauthenticated,
    UpstreamUnavailable,
)
from mailgql.upstreams.v2rest import (
    MailingList,
    Newsletter,
    SegmentGroup,
    SegmentRule,
    SubAccount,
)
from mailgql.upstreams.v2rest.wire import (
    decode_envelope,
    decode_records,
    parse_mailing_list,
    parse_newsletter,
    parse_segment,
    parse_sub_account,
    success_message,
)

CREDENTIALS = "You have attempted to execute a API call with incorrect credentials! Access denied!"

# --- the vendor's sample bodies, verbatim --------------------------------------------------------

SUB_ACCOUNTS_200 = """
{
 "status": true,
 "code": 200,
 "data": [{
  "groupid": "249",
  "username": "sub_account5988",
  "status": "1",
  "fullname": "sub_account5988",
  "ownerEmail": "sub_account@email.com",
  "phone": "",
  "usertimezone": "Europe/Skopje",
  "createdate": "1616760620",
  "lastloggedin": "1616744533"
 }, {
  "groupid": "250",
  "username": "sub_account_filip",
  "status": "1",
  "fullname": "Filip",
  "ownerEmail": "example@email.com",
  "phone": "",
  "usertimezone": "Europe/Skopje",
  "createdate": "1616760620",
  "lastloggedin": "1616744533"
 }]
}
"""

CREDENTIALS_401 = """
{
   "status": false,
   "code": 401,
   "message": "You have attempted to execute a API call with incorrect credentials! Access denied!"
}
"""

# "code":201 is not followed by a comma in the vendor's samples of three writes.
CREATED_201_NO_COMMA = """
{
   "status":true,
   "code":201
   "data":{
      "message":"New sub account created successfully."
    }
}
"""

INHERIT_LISTS_200_NO_COMMA = """
{

   "status":true,
   "code":200
   "data":{
      "message":"Inherit successful."
    }
}
"""

INHERIT_SEGMENTS_201_NO_COMMA = """
{

   "status":true,
   "code":201
   "data":{
      "message":"Inherit successful."
    }
}
"""

OWNER_EMAIL_EMPTY_400 = """
{
 "status":false,
 "code":400,
 "message":"Parameter ownerEmail is empty."
}
"""

STATUS_UPDATED_200 = """
{
   "status":true,
   "code":200,
   "data":{
      "message":"Sub account has been updated"
   }
}
"""

ACCOUNT_NAME_EMPTY_400 = """
{
   "status":false,
   "code":400,
   "message":"Parameter accountName is empty"
}
"""

# The second record's "replytoemail" string is never closed in the vendor's sample.
INHERITED_LISTS_200_UNTERMINATED = """
{
  "status": true,
  "code": 200,
  "data": [{
    "listid": "7608",
    "listName": "Test_Case_List_Denmark_11815114",
    "descriptiveName": "Description 1",
    "ownername": "Denis Green",
    "owneremail": "some@ownerDK.com",
    "replytoemail": "some@ownerDK.com",
    "companyname": "",
    "companyemail": "",
    "companyaddress": "",
    "companyphone": "",
    "subscribecount": "0",
    "unsubscribecount": "0",
    "bouncecount": "0",
    "deleted": "0",
    "smssubscribecount": "0",
    "sms_prefix": ""
  }, {
    "listid": "7609",
    "listName": "Test_Case_List_Denmark_81059802",
    "descriptiveName": "Description 2",
    "ownername": "Denis Bank",
    "owneremail": "some2@ownerDK.com",
    "replytoemail": "some2@ownerDK.com,
    "companyname": "",
    "companyemail": "",
    "companyaddress": "",
    "companyphone": "",
    "subscribecount": "0",
    "unsubscribecount": "0",
    "bouncecount": "0",
    "deleted": "0",
    "smssubscribecount": "0",
    "sms_prefix": ""
  }]
}
"""

NOT_YOUR_ACCOUNT_401 = """
{
   "status": false,
   "code": 401,
   "message": "Specified account is not your sub account."
}
"""

# The same refusal as the vendor writes it on two other endpoints: no final period.
NOT_YOUR_ACCOUNT_401_NO_PERIOD = """
{
 "status":false,
 "code":401,
 "message":"Specified account is not your sub account"
}
"""

LIST_DELETED_200 = """
{
   "status":true,
   "code":200,
   "data":{
      "message":"Inherited list has been deleted."
    }
}
"""

NOT_OWNER_403 = """
{
   "status":false,
   "code":403,
   "message":"This user is not owner of the list"
}
"""

INHERITED_SEGMENTS_200 = """
{
 "status":true,
 "code":200,
 "data":[
  {
    "segmentid":1,
    "segmentname":"Test GetStatidsBySegment",
    "createdate":1580307521,
    "updatedate":1580307521,
    "usedlists":[
      9
    ],
    "otmrule":0,
    "wtrrule":0,
    "searchinfo":{
      "Lists":[
        [
          9
        ]
      ],
      "Rules":[
        [
          {
            "type":"group",
            "rules":[
              {
                "type":"rule",
                "connector":"and",
                "rules":{
                  "ruleName":"email",
                  "ruleOperator":"like",
                  "ruleValues":[
                    "toni"
                  ]
                }
              }
            ],
            "connector":"and"
          }
        ]
      ],
      "Operators":null
    }
  }
 ]
}
"""

ACCOUNT_NAME_EMPTY_PERIOD_400 = """
{
 "status":false,
 "code":400,
 "message":"Parameter accountName is empty."
}
"""

SEGMENT_DELETED_200 = """
{
   "status":true,
   "code":200,
   "data":{
      "message":"Inherited segment has been deleted."
    }
}
"""

ONLY_INHERITED_SEGMENTS_403 = """
{
   "status":false,
   "code":403,
   "message":"Only inherit segments can be deleted."
}
"""

INHERITED_NEWSLETTERS_200 = """
{
   "status":true,
   "code":200,
   "data":[
      {
         "newsletterid":"1",
         "name":"Newsletter name",
         "subject":"Newsletter subject",
         "createdate":"1613119186",
         "active":"1",
         "updatedate":"1616410086",
         "selectedlists":[
            "6"
         ],
         "selectedsegments":[

         ],
         "url":"https://app.marketingplatform.com/display.php?N=1&T=933c3640325"
      },
      {
         "newsletterid":"2",
         "name":"Newsletter name 2",
         "subject":"Newsletter subjects 2",
         "createdate":"1613119194",
         "active":"1",
         "updatedate":"1613120415",
         "selectedlists":[
            "6"
         ],
         "selectedsegments":[

         ],
         "url":"https://app.marketingplatform.com/display.php?N=2&T=933c3640325"
      }
   ]
}
"""

NEWSLETTER_INHERITED_201_NO_COMMA = INHERIT_SEGMENTS_201_NO_COMMA

CAMPAIGN_DELETED_200 = """
{
   "status":true,
   "code":200,
   "data":{
      "message":"Inherited campaign has been deleted."
    }
}
"""

MISSING_PARAMETER_400 = """
{
   "status":false,
   "code":400,
   "message":"Missing required parameter."
}
"""

HTML_PAGE = (
    "<html><head><title>500 Internal Server Error</title></head><body>"
    "<b>Fatal error</b>: Allowed memory size exhausted in <b>/var/www/app/api.php</b>"
    "</body></html>"
)

SUB_ACCOUNTS = "GET /Users/SubAccounts"
INHERIT_LISTS = "GET /Users/InheritLists"
INHERIT_SEGMENTS = "GET /Users/InheritSegments"
INHERIT_NEWSLETTERS = "GET /Users/InheritNewsletters"


def at(seconds: int) -> datetime:
    """Unix seconds as the UTC datetime the adapter gives."""
    return datetime.fromtimestamp(seconds, tz=UTC)


def decode(status: int, body: str | bytes, operation: str = SUB_ACCOUNTS) -> Any:
    """Decode a canned answer the way the client does."""
    raw = body.encode() if isinstance(body, str) else body
    return decode_envelope(status, raw, operation=operation)


def failure(status: int, body: str | bytes, operation: str = SUB_ACCOUNTS) -> UpstreamError:
    """The error a canned answer raises (failing the test if it raises none)."""
    with pytest.raises(UpstreamError) as caught:
        decode(status, body, operation)
    return caught.value


def assert_no_body(error: UpstreamError, body: str | bytes) -> None:
    """Neither str() nor repr() of the error carries the raw body, or any piece of its syntax."""
    text = body.decode(errors="replace") if isinstance(body, bytes) else body
    for shown in (str(error), repr(error)):
        assert text.strip() not in shown
        for fragment in ('"status"', '"code"', '"data"', "<html", "<b>", "{", "}"):
            assert fragment not in shown


def records(body: str, parse: Any, operation: str) -> list[Any]:
    """The parsed records of a canned listing."""
    return decode_records(decode(200, body, operation), parse, operation=operation)


def envelope(data: Any, code: int = 200) -> str:
    """A well-formed success envelope around ``data``."""
    return json.dumps({"status": True, "code": code, "data": data})


# --- the vendor's samples -------------------------------------------------------------------------


def test_vendor_sub_account_sample_reads_strings_as_ids_flags_and_times():
    accounts = records(SUB_ACCOUNTS_200, parse_sub_account, SUB_ACCOUNTS)
    assert accounts == [
        SubAccount(
            group_id=249,
            username="sub_account5988",
            active=True,
            full_name="sub_account5988",
            owner_email="sub_account@email.com",
            phone=None,
            timezone="Europe/Skopje",
            created_at=datetime(2021, 3, 26, 12, 10, 20, tzinfo=UTC),
            last_login_at=datetime(2021, 3, 26, 7, 42, 13, tzinfo=UTC),
        ),
        SubAccount(
            group_id=250,
            username="sub_account_filip",
            active=True,
            full_name="Filip",
            owner_email="example@email.com",
            phone=None,
            timezone="Europe/Skopje",
            created_at=at(1616760620),
            last_login_at=at(1616744533),
        ),
    ]


def test_vendor_segment_sample_reads_json_numbers_and_the_rule_tree():
    (segment,) = records(INHERITED_SEGMENTS_200, parse_segment, INHERIT_SEGMENTS)
    assert segment.segment_id == 1
    assert segment.name == "Test GetStatidsBySegment"
    assert segment.created_at == datetime(2020, 1, 29, 14, 18, 41, tzinfo=UTC)
    assert segment.updated_at == segment.created_at
    assert segment.used_list_ids == (9,)
    assert segment.list_groups == ((9,),)
    assert (segment.otm_rule, segment.wtr_rule) == (0, 0)
    assert segment.rule_groups == (
        (
            SegmentGroup(
                connector="and",
                children=(
                    SegmentRule(connector="and", name="email", operator="like", values=("toni",)),
                ),
            ),
        ),
    )


def test_vendor_newsletter_sample_reads_selected_lists_given_as_strings():
    first, second = records(INHERITED_NEWSLETTERS_200, parse_newsletter, INHERIT_NEWSLETTERS)
    assert first == Newsletter(
        newsletter_id=1,
        name="Newsletter name",
        subject="Newsletter subject",
        active=True,
        created_at=at(1613119186),
        updated_at=at(1616410086),
        selected_list_ids=(6,),
        selected_segment_ids=(),
        url="https://app.marketingplatform.com/display.php?N=1&T=933c3640325",
    )
    assert (second.newsletter_id, second.selected_list_ids) == (2, (6,))


@pytest.mark.parametrize(
    ("status", "body", "operation"),
    [
        (201, CREATED_201_NO_COMMA, "POST /Users/SubAccounts"),
        (200, INHERIT_LISTS_200_NO_COMMA, "PUT /Users/InheritLists"),
        (201, INHERIT_SEGMENTS_201_NO_COMMA, "PUT /Users/InheritSegments"),
        (201, NEWSLETTER_INHERITED_201_NO_COMMA, "PUT /Users/InheritNewsletters"),
        (200, INHERITED_LISTS_200_UNTERMINATED, INHERIT_LISTS),
    ],
    ids=["create-201", "inherit-lists-200", "inherit-segments-201", "inherit-newsletter", "lists"],
)
def test_vendor_samples_that_are_not_json_are_a_bad_response(status, body, operation):
    error = failure(status, body, operation)
    assert type(error) is UpstreamBadResponse
    assert error.platform is Platform.V2REST
    assert error.operation == operation
    assert error.http_status == status
    assert "not JSON" in error.message
    assert_no_body(error, body)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (CREATED_201_NO_COMMA, "New sub account created successfully."),
        (INHERIT_SEGMENTS_201_NO_COMMA, "Inherit successful."),
    ],
)
def test_the_same_samples_with_the_comma_restored_succeed_with_201(body, message):
    fixed = body.replace('"code":201', '"code":201,')
    data = decode(201, fixed, "PUT /Users/InheritSegments")
    assert success_message(data, operation="PUT /Users/InheritSegments") == message


def test_the_list_sample_with_its_string_closed_reads_both_lists():
    fixed = INHERITED_LISTS_200_UNTERMINATED.replace('"some2@ownerDK.com,', '"some2@ownerDK.com",')
    first, second = records(fixed, parse_mailing_list, INHERIT_LISTS)
    assert first == MailingList(
        list_id=7608,
        name="Test_Case_List_Denmark_11815114",
        descriptive_name="Description 1",
        owner_name="Denis Green",
        owner_email="some@ownerDK.com",
        reply_to_email="some@ownerDK.com",
        company_name=None,
        company_email=None,
        company_address=None,
        company_phone=None,
        subscribe_count=0,
        unsubscribe_count=0,
        bounce_count=0,
        deleted=False,
        sms_subscribe_count=0,
        sms_prefix=None,
    )
    assert (second.list_id, second.reply_to_email) == (7609, "some2@ownerDK.com")


@pytest.mark.parametrize(
    ("status", "body", "operation", "message"),
    [
        (200, STATUS_UPDATED_200, "PUT /Users/SubAccounts", "Sub account has been updated"),
        (200, LIST_DELETED_200, "DELETE /Users/InheritLists", "Inherited list has been deleted."),
        (
            200,
            SEGMENT_DELETED_200,
            "DELETE /Users/InheritSegments",
            "Inherited segment has been deleted.",
        ),
        (
            200,
            CAMPAIGN_DELETED_200,
            "DELETE /Users/InheritNewsletters",
            "Inherited campaign has been deleted.",
        ),
    ],
)
def test_vendor_write_samples_give_their_message(status, body, operation, message):
    data = decode(status, body, operation)
    assert success_message(data, operation=operation) == message


# --- failures -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "body", "operation", "cls", "legacy"),
    [
        (401, CREDENTIALS_401, SUB_ACCOUNTS, UpstreamUnauthenticated, CREDENTIALS),
        (
            400,
            OWNER_EMAIL_EMPTY_400,
            "POST /Users/SubAccounts",
            UpstreamInvalidInput,
            "Parameter ownerEmail is empty.",
        ),
        (
            400,
            ACCOUNT_NAME_EMPTY_400,
            "PUT /Users/SubAccounts",
            UpstreamInvalidInput,
            "Parameter accountName is empty",
        ),
        (
            401,
            NOT_YOUR_ACCOUNT_401,
            INHERIT_LISTS,
            UpstreamNotFound,
            "Specified account is not your sub account.",
        ),
        (
            401,
            NOT_YOUR_ACCOUNT_401_NO_PERIOD,
            "PUT /Users/InheritLists",
            UpstreamNotFound,
            "Specified account is not your sub account",
        ),
        (
            403,
            NOT_OWNER_403,
            "DELETE /Users/InheritLists",
            UpstreamForbidden,
            "This user is not owner of the list",
        ),
        (401, CREDENTIALS_401, INHERIT_SEGMENTS, UpstreamUnauthenticated, CREDENTIALS),
        (
            400,
            ACCOUNT_NAME_EMPTY_PERIOD_400,
            "PUT /Users/InheritSegments",
            UpstreamInvalidInput,
            "Parameter accountName is empty.",
        ),
        (
            403,
            ONLY_INHERITED_SEGMENTS_403,
            "DELETE /Users/InheritSegments",
            UpstreamForbidden,
            "Only inherit segments can be deleted.",
        ),
        (401, CREDENTIALS_401, INHERIT_NEWSLETTERS, UpstreamUnauthenticated, CREDENTIALS),
        (
            401,
            NOT_YOUR_ACCOUNT_401_NO_PERIOD,
            "PUT /Users/InheritNewsletters",
            UpstreamNotFound,
            "Specified account is not your sub account",
        ),
        (
            400,
            MISSING_PARAMETER_400,
            "DELETE /Users/InheritNewsletters",
            UpstreamInvalidInput,
            "Missing required parameter.",
        ),
    ],
)
def test_vendor_failure_samples_map_to_the_error_tree(status, body, operation, cls, legacy):
    error = failure(status, body, operation)
    assert type(error) is cls
    assert error.platform is Platform.V2REST
    assert error.operation == operation
    assert error.legacy_code == str(status)
    assert error.legacy_message == legacy
    assert error.http_status == status
    assert_no_body(error, body)


def test_bad_credentials_tell_which_settings_to_check():
    error = failure(401, CREDENTIALS_401)
    assert "MAILGQL_V2REST_USERNAME" in str(error)
    assert "MAILGQL_V2REST_TOKEN" in str(error)


def test_refusals_say_the_legacy_message():
    error = failure(403, NOT_OWNER_403, "PUT /Users/InheritLists")
    assert "This user is not owner of the list" in str(error)


@pytest.mark.parametrize(
    ("status", "message", "cls"),
    [
        (401, "Access denied.", UpstreamUnauthenticated),
        (401, "Specified account is not your sub account.", UpstreamNotFound),
        (403, "Forbidden for this token.", UpstreamForbidden),
        (404, "Inherited list not found.", UpstreamNotFound),
        (400, "Account name already exists.", UpstreamInvalidInput),
        (500, "Internal error.", UpstreamUnavailable),
        (502, "Bad gateway.", UpstreamUnavailable),
        (503, "Down for maintenance.", UpstreamUnavailable),
    ],
)
def test_every_failure_status_with_an_envelope(status, message, cls):
    body = json.dumps({"status": False, "code": status, "message": message})
    error = failure(status, body, INHERIT_LISTS)
    assert type(error) is cls
    assert error.platform is Platform.V2REST
    assert error.operation == INHERIT_LISTS
    assert error.legacy_code == str(status)
    assert error.legacy_message == message
    assert error.http_status == status
    assert_no_body(error, body)


@pytest.mark.parametrize("status", [500, 502, 503, 504])
@pytest.mark.parametrize(
    "body", ["Service Unavailable", HTML_PAGE, ""], ids=["text", "html", "empty"]
)
def test_5xx_with_a_body_that_is_not_json_is_unavailable(status, body):
    error = failure(status, body)
    assert type(error) is UpstreamUnavailable
    assert error.platform is Platform.V2REST
    assert error.operation == SUB_ACCOUNTS
    assert error.legacy_code == str(status)
    assert error.http_status == status
    # The body is not a legacy message: it is whatever a proxy or a crashed server sent.
    assert error.legacy_message is None
    if body:
        assert_no_body(error, body)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (401, UpstreamUnauthenticated),
        (403, UpstreamForbidden),
        (404, UpstreamNotFound),
        (400, UpstreamInvalidInput),
    ],
)
def test_4xx_with_a_body_that_is_not_json_still_maps_by_status(status, cls):
    error = failure(status, HTML_PAGE)
    assert type(error) is cls
    assert (error.legacy_code, error.http_status, error.legacy_message) == (
        str(status),
        status,
        None,
    )
    assert_no_body(error, HTML_PAGE)


def test_html_with_http_200_is_a_bad_response():
    error = failure(200, HTML_PAGE)
    assert type(error) is UpstreamBadResponse
    assert (error.platform, error.operation, error.http_status) == (
        Platform.V2REST,
        SUB_ACCOUNTS,
        200,
    )
    assert_no_body(error, HTML_PAGE)


@pytest.mark.parametrize(
    "body",
    [b"", b"   ", b"\x80\x81 not utf-8", b"[]", b'"ok"', b"null", b'{"data": []}', b"42"],
    ids=["empty", "blank", "not-utf8", "array", "string", "null", "no-status", "number"],
)
def test_200_that_is_not_the_envelope_is_a_bad_response(body):
    error = failure(200, body)
    assert type(error) is UpstreamBadResponse
    assert error.http_status == 200
    assert error.operation == SUB_ACCOUNTS


def test_json_nested_deeper_than_the_parser_goes_is_a_bad_response():
    body = "[" * 100_000 + "]" * 100_000
    error = failure(200, body)
    assert type(error) is UpstreamBadResponse


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (200, {"status": False, "code": 200, "message": "Something happened."}),
        (201, {"status": False, "message": "Something happened."}),
        (400, {"status": True, "code": 200, "data": []}),
        (401, {"status": True, "code": 200, "data": {"message": "Inherit successful."}}),
        (503, {"status": True, "code": 200, "data": []}),
        (200, {"status": "true", "code": 200, "data": []}),
    ],
    ids=["false-200", "false-no-code", "true-400", "true-401", "true-503", "status-as-text"],
)
def test_an_envelope_contradicting_its_http_status_is_a_bad_response(status, body):
    error = failure(status, json.dumps(body))
    assert type(error) is UpstreamBadResponse
    assert error.http_status == status
    assert "contradicts" in error.message
    assert_no_body(error, json.dumps(body))


def test_a_failure_envelope_under_http_200_is_the_failure_it_names():
    body = json.dumps(
        {"status": False, "code": 403, "message": "This user is not owner of the list"}
    )
    error = failure(200, body, "PUT /Users/InheritLists")
    assert type(error) is UpstreamForbidden
    assert error.legacy_code == "403"
    assert error.legacy_message == "This user is not owner of the list"
    # The HTTP status reported is the one the server really sent.
    assert error.http_status == 200


def test_any_2xx_with_a_success_envelope_is_a_success():
    assert decode(201, envelope({"message": "Inherit successful."}, code=200)) == {
        "message": "Inherit successful."
    }
    assert decode(200, envelope([], code=201)) == []


@pytest.mark.parametrize(
    "data", [None, [], {"msg": "Inherit successful."}, {"message": 1}, "Inherit successful."]
)
def test_a_write_success_without_a_message_is_a_bad_response(data):
    with pytest.raises(UpstreamBadResponse) as caught:
        success_message(data, operation="PUT /Users/InheritLists")
    assert caught.value.operation == "PUT /Users/InheritLists"
    assert caught.value.platform is Platform.V2REST


# --- loosely typed values -----------------------------------------------------------------------


def sub_account(**changes: Any) -> dict[str, Any]:
    """A sub-account record as the API sends it, with ``changes`` applied (None drops a key)."""
    raw: dict[str, Any] = {
        "groupid": "249",
        "username": "sub_account5988",
        "status": "1",
        "fullname": "sub_account5988",
        "ownerEmail": "sub_account@email.com",
        "phone": "",
        "usertimezone": "Europe/Skopje",
        "createdate": "1616760620",
        "lastloggedin": "1616744533",
    }
    raw.update(changes)
    return {k: v for k, v in raw.items() if v is not None}


def mailing_list(**changes: Any) -> dict[str, Any]:
    """A list record as the API sends it, with ``changes`` applied (None drops a key)."""
    raw: dict[str, Any] = {
        "listid": "7608",
        "listName": "Webshop_Customers",
        "descriptiveName": "Customers",
        "ownername": "Mette Holm",
        "owneremail": "mette@example.com",
        "replytoemail": "reply@example.com",
        "companyname": "Nordlys Media ApS",
        "companyemail": "info@example.com",
        "companyaddress": "Vesterbrogade 12",
        "companyphone": "+45 33 12 45 78",
        "subscribecount": "1200",
        "unsubscribecount": "30",
        "bouncecount": "7",
        "deleted": "0",
        "smssubscribecount": "600",
        "sms_prefix": "+45",
    }
    raw.update(changes)
    return {k: v for k, v in raw.items() if v is not None}


def segment(**changes: Any) -> dict[str, Any]:
    """A segment record as the API sends it, with ``changes`` applied (None drops a key)."""
    raw: dict[str, Any] = {
        "segmentid": 31,
        "segmentname": "Active Danes",
        "createdate": 1580307521,
        "updatedate": 1580307600,
        "usedlists": [7601, 7602],
        "otmrule": 0,
        "wtrrule": 1,
        "searchinfo": {"Lists": [[7601, 7602]], "Rules": [], "Operators": None},
    }
    raw.update(changes)
    return {k: v for k, v in raw.items() if v is not None}


def newsletter(**changes: Any) -> dict[str, Any]:
    """A newsletter record as the API sends it, with ``changes`` applied (None drops a key)."""
    raw: dict[str, Any] = {
        "newsletterid": "501",
        "name": "Spring sale",
        "subject": "Spring sale: 20% off",
        "createdate": "1613119186",
        "active": "1",
        "updatedate": "1616410086",
        "selectedlists": ["7601", "7602"],
        "selectedsegments": [],
        "url": "https://app.example.com/display.php?N=501&T=933c3640325",
    }
    raw.update(changes)
    return {k: v for k, v in raw.items() if v is not None}


def test_sub_account_ids_and_times_given_as_json_numbers_read_too():
    account = parse_sub_account(sub_account(groupid=249, createdate=1616760620, status=1))
    assert (account.group_id, account.created_at, account.active) == (249, at(1616760620), True)


def test_segment_ids_and_times_given_as_strings_read_too():
    read = parse_segment(
        segment(segmentid="31", createdate="1580307521", usedlists=["7601"], otmrule="2")
    )
    assert (read.segment_id, read.created_at, read.used_list_ids, read.otm_rule) == (
        31,
        at(1580307521),
        (7601,),
        2,
    )


@pytest.mark.parametrize("never", ["0", 0, "", None])
def test_unix_time_zero_or_empty_means_never(never):
    account = parse_sub_account(sub_account(lastloggedin=never))
    assert account.last_login_at is None
    assert account.created_at == at(1616760620)
    assert parse_segment(segment(createdate=never)).created_at is None
    assert parse_newsletter(newsletter(updatedate=never)).updated_at is None


@pytest.mark.parametrize(("flag", "active"), [("1", True), ("0", False), (1, True), (0, False)])
def test_status_flags_read_as_booleans(flag, active):
    assert parse_sub_account(sub_account(status=flag)).active is active
    assert parse_newsletter(newsletter(active=flag)).active is active
    assert parse_mailing_list(mailing_list(deleted=flag)).deleted is active


def test_list_counts_given_as_strings_read_as_integers():
    read = parse_mailing_list(mailing_list())
    assert (
        read.list_id,
        read.subscribe_count,
        read.unsubscribe_count,
        read.bounce_count,
        read.sms_subscribe_count,
    ) == (7608, 1200, 30, 7, 600)
    assert read.sms_prefix == "+45"


def test_empty_strings_read_as_missing_values():
    read = parse_mailing_list(mailing_list(companyname="", companyphone="", subscribecount=""))
    assert (read.company_name, read.company_phone, read.subscribe_count) == (None, None, None)
    assert parse_sub_account(sub_account(phone="", fullname="")).phone is None


def test_newsletter_selected_lists_and_segments_read_as_integer_ids():
    read = parse_newsletter(newsletter(selectedlists=[], selectedsegments=["31", 32]))
    assert (read.selected_list_ids, read.selected_segment_ids) == ((), (31, 32))


def test_a_nested_rule_tree_keeps_groups_connectors_and_leaves():
    rules = [
        [
            {
                "type": "group",
                "connector": "and",
                "rules": [
                    {
                        "type": "rule",
                        "connector": "and",
                        "rules": {
                            "ruleName": "email",
                            "ruleOperator": "like",
                            "ruleValues": ["@example.com"],
                        },
                    },
                    {
                        "type": "group",
                        "connector": "or",
                        "rules": [
                            {
                                "type": "rule",
                                "connector": "and",
                                "rules": {
                                    "ruleName": "country",
                                    "ruleOperator": "equalto",
                                    "ruleValues": ["DK", "SE"],
                                },
                            },
                            {
                                "type": "rule",
                                "connector": "OR",
                                "rules": {
                                    "ruleName": "orders",
                                    "ruleOperator": "greaterthan",
                                    "ruleValues": [3],
                                },
                            },
                        ],
                    },
                ],
            }
        ],
        [
            {
                "type": "group",
                "connector": "or",
                # A group holding a single leaf may send it as an object, not an array.
                "rules": {
                    "type": "rule",
                    "connector": "and",
                    "rules": {"ruleName": "city", "ruleOperator": "like", "ruleValues": "Aarhus"},
                },
            }
        ],
    ]
    read = parse_segment(
        segment(searchinfo={"Lists": [[7601], [7602, 7603]], "Rules": rules, "Operators": ["or"]})
    )
    assert read.list_groups == ((7601,), (7602, 7603))
    assert read.rule_groups == (
        (
            SegmentGroup(
                connector="and",
                children=(
                    SegmentRule("and", "email", "like", ("@example.com",)),
                    SegmentGroup(
                        connector="or",
                        children=(
                            SegmentRule("and", "country", "equalto", ("DK", "SE")),
                            SegmentRule("or", "orders", "greaterthan", ("3",)),
                        ),
                    ),
                ),
            ),
        ),
        (
            SegmentGroup(
                connector="or", children=(SegmentRule("and", "city", "like", ("Aarhus",)),)
            ),
        ),
    )


def test_a_segment_without_search_info_has_no_groups():
    read = parse_segment(segment(searchinfo=None))
    assert (read.list_groups, read.rule_groups) == ((), ())


def test_a_listing_with_no_data_is_empty():
    assert records(envelope([]), parse_sub_account, SUB_ACCOUNTS) == []
    assert decode_records(None, parse_sub_account, operation=SUB_ACCOUNTS) == []


# --- unreadable records -------------------------------------------------------------------------

SECRET = "hash$2y$10$KpXzL0Ww"


@pytest.mark.parametrize(
    ("parse", "record", "operation"),
    [
        (parse_sub_account, sub_account(groupid=None), SUB_ACCOUNTS),
        (parse_sub_account, sub_account(username=None), SUB_ACCOUNTS),
        (parse_sub_account, sub_account(username=""), SUB_ACCOUNTS),
        (parse_sub_account, sub_account(groupid=SECRET), SUB_ACCOUNTS),
        (parse_sub_account, sub_account(groupid=True), SUB_ACCOUNTS),
        (parse_sub_account, sub_account(status=SECRET), SUB_ACCOUNTS),
        (parse_sub_account, sub_account(createdate=SECRET), SUB_ACCOUNTS),
        (parse_sub_account, sub_account(createdate="99999999999999999999"), SUB_ACCOUNTS),
        (parse_sub_account, sub_account(lastloggedin=10**14), SUB_ACCOUNTS),
        (parse_sub_account, sub_account(fullname={"password": SECRET}), SUB_ACCOUNTS),
        (parse_mailing_list, mailing_list(listid=None), INHERIT_LISTS),
        (parse_mailing_list, mailing_list(listName=None), INHERIT_LISTS),
        (parse_mailing_list, mailing_list(subscribecount=SECRET), INHERIT_LISTS),
        (parse_mailing_list, mailing_list(deleted=SECRET), INHERIT_LISTS),
        (parse_segment, segment(segmentid=None), INHERIT_SEGMENTS),
        (parse_segment, segment(segmentid=1.5), INHERIT_SEGMENTS),
        (parse_segment, segment(usedlists=SECRET), INHERIT_SEGMENTS),
        (parse_segment, segment(searchinfo=SECRET), INHERIT_SEGMENTS),
        (
            parse_segment,
            segment(searchinfo={"Lists": [], "Rules": [[{"type": SECRET}]]}),
            INHERIT_SEGMENTS,
        ),
        (
            parse_segment,
            segment(searchinfo={"Lists": [], "Rules": [[{"type": "rule", "rules": [SECRET]}]]}),
            INHERIT_SEGMENTS,
        ),
        (
            parse_segment,
            segment(searchinfo={"Lists": [], "Rules": [[{"type": "rule", "rules": {}}]]}),
            INHERIT_SEGMENTS,
        ),
        (
            parse_segment,
            segment(searchinfo={"Lists": [], "Rules": [[{"type": "group", "rules": SECRET}]]}),
            INHERIT_SEGMENTS,
        ),
        (parse_newsletter, newsletter(newsletterid=None), INHERIT_NEWSLETTERS),
        (parse_newsletter, newsletter(name=None), INHERIT_NEWSLETTERS),
        (parse_newsletter, newsletter(selectedlists=SECRET), INHERIT_NEWSLETTERS),
        (parse_newsletter, newsletter(selectedlists=[SECRET]), INHERIT_NEWSLETTERS),
        (parse_newsletter, newsletter(active=SECRET), INHERIT_NEWSLETTERS),
    ],
)
def test_a_record_with_a_missing_or_wrong_field_is_a_bad_response(parse, record, operation):
    good = {
        parse_sub_account: sub_account(),
        parse_mailing_list: mailing_list(),
        parse_segment: segment(),
        parse_newsletter: newsletter(),
    }[parse]
    body = envelope([good, record])
    with pytest.raises(UpstreamBadResponse) as caught:
        records(body, parse, operation)
    error = caught.value
    assert error.platform is Platform.V2REST
    assert error.operation == operation
    assert "record 1" in error.message
    for shown in (str(error), repr(error)):
        assert SECRET not in shown
        assert "$2y$" not in shown
    assert_no_body(error, body)


def test_a_missing_field_is_named_in_the_error():
    with pytest.raises(UpstreamBadResponse) as caught:
        records(envelope([sub_account(groupid=None)]), parse_sub_account, SUB_ACCOUNTS)
    assert "groupid" in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [{"groupid": "249"}, "sub_account5988", 7, True],
    ids=["object", "string", "number", "true"],
)
def test_listing_data_that_is_not_a_list_is_a_bad_response(data):
    with pytest.raises(UpstreamBadResponse) as caught:
        decode_records(data, parse_sub_account, operation=SUB_ACCOUNTS)
    assert caught.value.operation == SUB_ACCOUNTS


@pytest.mark.parametrize("record", ["249", 249, None, [sub_account()]])
def test_a_record_that_is_not_an_object_is_a_bad_response(record):
    with pytest.raises(UpstreamBadResponse) as caught:
        decode_records([sub_account(), record], parse_sub_account, operation=SUB_ACCOUNTS)
    assert "record 1" in caught.value.message
