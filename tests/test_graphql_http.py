"""``/graphql`` speaks GraphQL over HTTP: every MUST and SHOULD of the specification, and the
``graphql-http`` server audits, checked against the real app."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from mailgql.app import ASSETS_URL
from mailgql.graphql_http import MAX_BODY_BYTES
from tests.conftest import Gateway
from tests.graph.v2_helpers import ACCOUNT, gid

GRJ = "application/graphql-response+json"
JSON = "application/json"
TYPENAME = '{"query": "{ __typename }"}'
NO_FIELD = "{ thisFieldDoesNotExist }"
DEACTIVATE = (
    "mutation($input: SetAccountStatusInput!)"
    " { setAccountStatus(input: $input) { userErrors { code } } }"
)
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


async def send(
    gateway: Gateway,
    method: str = "POST",
    *,
    body: str | bytes | dict[str, Any] | None = None,
    params: dict[str, str] | None = None,
    accept: str | None = GRJ,
    content_type: str | None = JSON,
) -> httpx.Response:
    """One request to /graphql; ``accept=None`` or ``content_type=None`` leaves that header out.

    ``content_type`` goes with every method but GET, even with no body (audit A5BF sends one).
    """
    content = json.dumps(body) if isinstance(body, dict) else body
    headers = {} if content_type is None or method == "GET" else {"Content-Type": content_type}
    request = gateway.client.build_request(
        method, "/graphql", params=params, content=content, headers=headers
    )
    # httpx sends "Accept: */*" unless told otherwise; a test of "no Accept" must drop it.
    del request.headers["accept"]
    if accept is not None:
        request.headers["accept"] = accept
    return await gateway.client.send(request)


def media_of(response: httpx.Response) -> str:
    """The response's media type, without parameters."""
    return response.headers["content-type"].split(";")[0].strip()


def body_of(response: httpx.Response) -> dict[str, Any]:
    """The response body, decoded strictly as UTF-8 JSON."""
    decoded: dict[str, Any] = json.loads(response.content.decode("utf-8"))
    return decoded


def assert_request_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """A GraphQL response with errors, no data, each error carrying ``extensions.code``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].endswith("; charset=utf-8")
    body = body_of(response)
    assert "data" not in body
    assert body["errors"]
    for error in body["errors"]:
        assert isinstance(error["message"], str)
        assert error["message"]
        assert error["extensions"]["code"] == code
    return body


def assert_executed(response: httpx.Response, media: str) -> dict[str, Any]:
    """A 200 in the given media type whose body holds ``data``."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == f"{media}; charset=utf-8"
    body = body_of(response)
    assert "data" in body
    return body


# -- POST ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json",
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        'application/json; charset="utf-8"',
        "Application/JSON",
    ],
)
async def test_post_with_application_json_executes(gateway, content_type):
    response = await send(gateway, body=TYPENAME, content_type=content_type)

    assert body_of(response) == {"data": {"__typename": "Query"}}
    assert response.status_code == 200


async def test_request_and_response_are_utf8_both_ways(gateway):
    # A list created with a name sent as raw UTF-8 comes back by that name, as raw UTF-8.
    value = "Grüße 🏃 κόσμε"
    body: dict[str, Any] = {
        "query": "mutation($n: String!) { createList(input: {platform: OEMPRO, name: $n}) "
        "{ list { name } } }",
        "variables": {"n": value},
    }

    response = await send(gateway, body=json.dumps(body, ensure_ascii=False).encode("utf-8"))

    assert response.status_code == 200
    assert response.headers["content-type"] == f"{GRJ}; charset=utf-8"
    assert value.encode("utf-8") in response.content
    assert body_of(response) == {"data": {"createList": {"list": {"name": value}}}}


async def test_post_body_is_read_as_utf8_when_no_charset_is_given(gateway):
    # Spec: with no charset the server MUST assume UTF-8, so a UTF-16 body is not JSON to it.
    response = await send(gateway, body=TYPENAME.encode("utf-16"))

    assert_request_error(response, 400, "BAD_USER_INPUT")


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/graphql",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/graphql-response+json",
        "application/json; charset=iso-8859-1",
        "application/json; charset=utf-16",
    ],
)
async def test_post_of_another_media_type_or_charset_is_415(gateway, content_type):
    response = await send(gateway, body=TYPENAME, content_type=content_type)

    assert_request_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")


async def test_unknown_body_properties_are_ignored(gateway):
    body = {"query": "{ __typename }", "documentId": "abc", "batch": [1, 2]}

    response = await send(gateway, body=body)

    assert assert_executed(response, GRJ) == {"data": {"__typename": "Query"}}


async def test_a_body_over_the_limit_is_413(gateway):
    padding = " " * (MAX_BODY_BYTES + 1)

    response = await send(gateway, body='{"query": "{ __typename }"' + padding + "}")

    assert_request_error(response, 413, "PAYLOAD_TOO_LARGE")


# -- GET -------------------------------------------------------------------------------------------


async def test_get_runs_a_query_from_the_query_string(gateway):
    params = {
        "query": "query Pick($name: String!) { __type(name: $name) { name } }",
        "variables": json.dumps({"name": "Account"}),
        "operationName": "Pick",
        "extensions": json.dumps({"persistedQuery": None, "trace": True}),
    }

    response = await send(gateway, "GET", params=params)

    assert assert_executed(response, GRJ) == {"data": {"__type": {"name": "Account"}}}


async def test_get_with_an_empty_operation_name_means_none(gateway):
    params = {"query": "query Only { __typename }", "operationName": ""}

    response = await send(gateway, "GET", params=params)

    assert assert_executed(response, GRJ) == {"data": {"__typename": "Query"}}


async def test_get_operation_name_null_is_an_operation_called_null(gateway):
    # Spec: in a URL, operationName=null names an operation "null"; it is no JSON null.
    params = {"query": "query null { a: __typename } query other { b: __typename }"}
    params["operationName"] = "null"

    response = await send(gateway, "GET", params=params)

    assert assert_executed(response, GRJ) == {"data": {"a": "Query"}}


@pytest.mark.parametrize("accept", [GRJ, JSON, None])
async def test_mutation_over_get_is_405_allow_post_and_never_runs(gateway, accept):
    params = {"query": DEACTIVATE}
    params["variables"] = json.dumps(
        {"input": {"accountId": gid("Account", ACCOUNT), "active": False}}
    )

    response = await send(gateway, "GET", params=params, accept=accept)

    assert_request_error(response, 405, "METHOD_NOT_ALLOWED")
    assert response.headers["allow"] == "POST"
    assert await gateway.calls() == 0


@pytest.mark.parametrize(
    ("query", "operation_name"),
    [
        pytest.param("mutation { __typename }", None, id="anonymous"),
        pytest.param(
            "query Q { __typename } mutation M { __typename }", "M", id="named-by-operationName"
        ),
        pytest.param("mutation { noSuchMutation }", None, id="invalid-mutation"),
    ],
)
async def test_every_mutation_over_get_is_405(gateway, query, operation_name):
    params = {"query": query}
    if operation_name is not None:
        params["operationName"] = operation_name

    response = await send(gateway, "GET", params=params)

    assert_request_error(response, 405, "METHOD_NOT_ALLOWED")
    assert response.headers["allow"] == "POST"


async def test_get_may_pick_the_query_out_of_a_document_holding_a_mutation(gateway):
    params = {"query": "query Q { __typename } mutation M { __typename }", "operationName": "Q"}

    response = await send(gateway, "GET", params=params)

    assert assert_executed(response, GRJ) == {"data": {"__typename": "Query"}}


async def test_the_same_url_runs_mutations_over_post(gateway):
    variables = {"input": {"accountId": gid("Account", ACCOUNT), "active": False}}

    response = await send(gateway, body={"query": DEACTIVATE, "variables": variables})

    body = assert_executed(response, GRJ)
    assert body == {"data": {"setAccountStatus": {"userErrors": []}}}
    assert await gateway.calls() > 0


@pytest.mark.parametrize(
    "params",
    [
        pytest.param(
            {"query": "{ __typename }", "variables": "{not json"}, id="variables-not-json"
        ),
        pytest.param({"query": "{ __typename }", "variables": "[1]"}, id="variables-array"),
        pytest.param({"query": "{ __typename }", "variables": '"text"'}, id="variables-string"),
        pytest.param(
            {"query": "{ __typename }", "extensions": "{not json"}, id="extensions-not-json"
        ),
        pytest.param({"query": "{ __typename }", "extensions": "7"}, id="extensions-number"),
        pytest.param({}, id="no-query"),
    ],
)
@pytest.mark.parametrize("accept", [GRJ, JSON])
async def test_malformed_get_is_400_whatever_the_media_type(gateway, params, accept):
    response = await send(gateway, "GET", params=params, accept=accept)

    assert_request_error(response, 400, "BAD_USER_INPUT")
    assert media_of(response) == accept


# -- other methods ---------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("accept", [GRJ, JSON, "text/plain"])
async def test_other_methods_are_405_with_allow(gateway, method, accept):
    response = await send(gateway, method, body=TYPENAME, accept=accept)

    assert_request_error(response, 405, "METHOD_NOT_ALLOWED")
    assert response.headers["allow"] == "GET, POST"


async def test_head_is_405_with_allow(gateway):
    response = await send(gateway, "HEAD", params={"query": "{ __typename }"})

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert response.content == b""


# -- Accept ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        pytest.param(None, JSON, id="no-accept"),
        pytest.param(GRJ, GRJ, id="graphql-response-json"),
        pytest.param(JSON, JSON, id="json"),
        pytest.param("*/*", JSON, id="any"),
        pytest.param("application/*", JSON, id="any-application"),
        pytest.param(f"{GRJ}, {JSON};q=0.9", GRJ, id="recommended-header"),
        pytest.param(f"{GRJ}; charset=utf-8, {JSON}; charset=utf-8", GRJ, id="both-with-charset"),
        pytest.param(f"{JSON}, {GRJ}", GRJ, id="both-equal-q-newer-wins"),
        pytest.param(f"{JSON}, {GRJ};q=0.9", JSON, id="json-preferred-by-q"),
        pytest.param(f"{GRJ};q=0.5, {JSON};q=0.9", JSON, id="json-higher-q"),
        pytest.param(f"{JSON};q=0.1, {GRJ};q=0.2", GRJ, id="low-q-values"),
        pytest.param(f"{GRJ}, */*;q=0.1", GRJ, id="named-beats-wildcard"),
        pytest.param(f"{JSON}, */*", JSON, id="named-json-beats-wildcard"),
        pytest.param(f"{GRJ};q=0, */*", JSON, id="excluded-graphql-response-json"),
        pytest.param(f"{JSON};q=0, */*", GRJ, id="excluded-json"),
        pytest.param(f"{JSON}; charset=utf-16, {GRJ};q=0.5", GRJ, id="other-charset-skipped"),
        pytest.param("APPLICATION/GRAPHQL-RESPONSE+JSON", GRJ, id="case-insensitive"),
        pytest.param("text/html, */*;q=0.1", JSON, id="html-first-then-any"),
    ],
)
async def test_response_media_type_follows_accept(gateway, accept, media):
    response = await send(gateway, body=TYPENAME, accept=accept)

    assert assert_executed(response, media) == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize(
    "accept",
    [
        "text/html",
        "text/plain",
        "application/xml",
        "image/*",
        f"{JSON};q=0",
        f"{GRJ};q=0, {JSON};q=0",
        f"{JSON}; charset=iso-8859-1",
        "application/graphql+json",
    ],
)
async def test_unacceptable_accept_is_406_and_nothing_runs(gateway, accept):
    variables = {"input": {"accountId": gid("Account", ACCOUNT), "active": False}}

    response = await send(
        gateway, body={"query": DEACTIVATE, "variables": variables}, accept=accept
    )

    assert_request_error(response, 406, "NOT_ACCEPTABLE")
    assert media_of(response) == JSON
    assert await gateway.calls() == 0


@pytest.mark.parametrize("accept", [GRJ, JSON, "*/*", None])
@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_every_response_states_charset_utf8(gateway, accept, method):
    params = {"query": "{ __typename }"} if method == "GET" else None
    body = TYPENAME if method == "POST" else None

    response = await send(gateway, method, params=params, body=body, accept=accept)

    assert response.status_code == 200
    assert response.headers["content-type"].endswith("; charset=utf-8")


# -- status codes ----------------------------------------------------------------------------------

MALFORMED = [
    pytest.param('{"query": "{ __typename }"', id="invalid-json"),
    pytest.param("NONSENSE", id="not-json"),
    pytest.param("", id="empty-body"),
    pytest.param('[{"query": "{ __typename }"}]', id="body-is-an-array"),
    pytest.param('"{ __typename }"', id="body-is-a-string"),
    pytest.param('{"qeury": "{ __typename }"}', id="missing-query"),
    pytest.param('{"query": null}', id="null-query"),
    pytest.param('{"query": {"obj": "ect"}}', id="object-query"),
    pytest.param('{"query": 0}', id="number-query"),
    pytest.param('{"query": false}', id="boolean-query"),
    pytest.param('{"query": ["{ __typename }"]}', id="array-query"),
    pytest.param('{"query": "{ __typename }", "variables": "{}"}', id="string-variables"),
    pytest.param('{"query": "{ __typename }", "variables": 0}', id="number-variables"),
    pytest.param('{"query": "{ __typename }", "variables": false}', id="boolean-variables"),
    pytest.param('{"query": "{ __typename }", "variables": [7]}', id="array-variables"),
    pytest.param('{"query": "{ __typename }", "operationName": {"a": 1}}', id="object-opname"),
    pytest.param('{"query": "{ __typename }", "operationName": 0}', id="number-opname"),
    pytest.param('{"query": "{ __typename }", "operationName": true}', id="boolean-opname"),
    pytest.param('{"query": "{ __typename }", "operationName": ["a"]}', id="array-opname"),
    pytest.param('{"query": "{ __typename }", "extensions": "x"}', id="string-extensions"),
    pytest.param('{"query": "{ __typename }", "extensions": 0}', id="number-extensions"),
    pytest.param('{"query": "{ __typename }", "extensions": false}', id="boolean-extensions"),
    pytest.param('{"query": "{ __typename }", "extensions": [1]}', id="array-extensions"),
]


@pytest.mark.parametrize("body", MALFORMED)
@pytest.mark.parametrize("accept", [GRJ, JSON])
async def test_a_request_that_is_not_well_formed_is_400(gateway, body, accept):
    response = await send(gateway, body=body, accept=accept)

    assert_request_error(response, 400, "BAD_USER_INPUT")
    assert media_of(response) == accept


REFUSED = [
    pytest.param({"query": "{"}, "GRAPHQL_PARSE_FAILED", id="parse-error"),
    pytest.param({"query": ""}, "GRAPHQL_PARSE_FAILED", id="empty-document"),
    pytest.param({"query": NO_FIELD}, "GRAPHQL_VALIDATION_FAILED", id="validation-error"),
    pytest.param(
        {"query": "{ __typename } { __typename }"}, "GRAPHQL_VALIDATION_FAILED", id="two-anonymous"
    ),
    pytest.param(
        {"query": "query($id: ID!) { node(id: $id) { id } }", "variables": {"id": None}},
        "BAD_USER_INPUT",
        id="variable-coercion",
    ),
    pytest.param(
        {"query": "query($n: Int!) { accounts(first: $n) { totalCount } }", "variables": {}},
        "BAD_USER_INPUT",
        id="variable-missing",
    ),
    pytest.param(
        {"query": "query A { a: __typename } query B { b: __typename }"},
        "BAD_USER_INPUT",
        id="several-operations-no-operationName",
    ),
    pytest.param(
        {"query": "query A { __typename }", "operationName": "B"},
        "BAD_USER_INPUT",
        id="unknown-operationName",
    ),
    pytest.param(
        {"query": "query A { __typename }", "operationName": ""},
        "BAD_USER_INPUT",
        id="empty-operationName-in-json",
    ),
]


@pytest.mark.parametrize(("body", "code"), REFUSED)
async def test_graphql_refusal_is_400_with_graphql_response_json(gateway, body, code):
    response = await send(gateway, body=body, accept=GRJ)

    assert_request_error(response, 400, code)
    assert media_of(response) == GRJ
    assert await gateway.calls() == 0


@pytest.mark.parametrize(("body", "code"), REFUSED)
async def test_graphql_refusal_is_200_with_application_json(gateway, body, code):
    response = await send(gateway, body=body, accept=JSON)

    assert_request_error(response, 200, code)
    assert media_of(response) == JSON
    assert await gateway.calls() == 0


async def test_parse_and_validation_errors_point_at_the_document(gateway):
    response = await send(gateway, body={"query": "{\n  thisFieldDoesNotExist\n}"})

    [error] = assert_request_error(response, 400, "GRAPHQL_VALIDATION_FAILED")["errors"]
    assert "thisFieldDoesNotExist" in error["message"]
    assert error["locations"] == [{"line": 2, "column": 3}]


@pytest.mark.parametrize("accept", [GRJ, JSON])
@pytest.mark.parametrize("parameter", ["variables", "operationName", "extensions"])
async def test_null_optional_parameters_are_as_if_absent(gateway, accept, parameter):
    response = await send(gateway, body={"query": "{ __typename }", parameter: None}, accept=accept)

    assert assert_executed(response, accept) == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize("accept", [GRJ, JSON])
async def test_field_error_is_200_with_data_and_errors(gateway, accept):
    response = await send(gateway, body={"query": '{ node(id: "garbage") { id } }'}, accept=accept)

    body = assert_executed(response, accept)
    assert body["data"] == {"node": None}
    [error] = body["errors"]
    assert error["path"] == ["node"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("accept", [GRJ, JSON])
async def test_failed_non_null_root_field_is_200_with_data_null(gateway, accept):
    query = "{ accounts(platform: V2REST, first: 501) { totalCount } }"

    response = await send(gateway, body={"query": query}, accept=accept)

    body = assert_executed(response, accept)
    assert body["data"] is None
    assert [e["path"] for e in body["errors"]] == [["accounts"]]


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_operation_name_selects_one_operation(gateway, method):
    document = "query A { a: __typename } query B { b: __typename }"
    params = {"query": document, "operationName": "B"} if method == "GET" else None
    body = {"query": document, "operationName": "B"} if method == "POST" else None

    response = await send(gateway, method, params=params, body=body)

    assert assert_executed(response, GRJ) == {"data": {"b": "Query"}}


# -- GraphiQL --------------------------------------------------------------------------------------


async def test_browser_get_without_query_serves_graphiql_with_local_assets_only(gateway):
    response = await send(gateway, "GET", accept=BROWSER_ACCEPT)

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = response.text
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    # "data:" URLs (the empty favicon) carry their content inline and fetch nothing.
    assets = [url for url in urls if not url.startswith("data:")]
    assert len(assets) >= 2
    assert all(url.startswith(f"{ASSETS_URL}/") for url in assets), urls
    assert "http://" not in page
    assert "https://" not in page
    for url in assets:
        asset = await gateway.client.get(url)
        assert asset.status_code == 200, url
        assert asset.content


async def test_browser_get_with_a_query_runs_it(gateway):
    response = await send(gateway, "GET", params={"query": "{ __typename }"}, accept=BROWSER_ACCEPT)

    assert assert_executed(response, JSON) == {"data": {"__typename": "Query"}}


async def test_post_asking_for_html_is_not_given_graphiql(gateway):
    response = await send(gateway, body=TYPENAME, accept="text/html")

    assert_request_error(response, 406, "NOT_ACCEPTABLE")


# -- over real HTTP --------------------------------------------------------------------------------


@pytest.mark.live
async def test_the_contract_holds_over_real_http(live_gateway):
    executed = await send(live_gateway, body=TYPENAME)
    assert assert_executed(executed, GRJ) == {"data": {"__typename": "Query"}}

    legacy = await send(live_gateway, body={"query": "{"}, accept=JSON)
    assert_request_error(legacy, 200, "GRAPHQL_PARSE_FAILED")

    broken = await send(live_gateway, body="NONSENSE")
    assert_request_error(broken, 400, "BAD_USER_INPUT")

    mutation = await send(live_gateway, "GET", params={"query": "mutation { __typename }"})
    assert_request_error(mutation, 405, "METHOD_NOT_ALLOWED")
    assert mutation.headers["allow"] == "POST"

    refused = await send(live_gateway, body=TYPENAME, accept="text/plain")
    assert_request_error(refused, 406, "NOT_ACCEPTABLE")

    put = await send(live_gateway, "PUT", body=TYPENAME)
    assert_request_error(put, 405, "METHOD_NOT_ALLOWED")
    assert put.headers["allow"] == "GET, POST"


# -- the graphql-http server audits ----------------------------------------------------------------


@dataclass(frozen=True)
class Audit:
    """One audit of ``graphql-http``'s ``serverAudits``: the request it sends, what it expects."""

    id: str
    title: str
    body: str | None = TYPENAME
    accept: str | None = "*/*"  # what fetch() sends when the audit names no Accept
    content_type: str | None = JSON
    method: str = "POST"
    params: dict[str, str] = field(default_factory=dict)
    status: tuple[int, ...] = (200,)
    media: str | None = None
    no_errors: bool = False
    no_data: bool = False


def _statuses(*ranges: tuple[int, int]) -> tuple[int, ...]:
    return tuple(code for low, high in ranges for code in range(low, high + 1))


CLIENT_4XX = _statuses((400, 499))
ERROR_4XX_5XX = _statuses((400, 599))
VARIABLES_QUERY = "query Type($name: String!) { __type(name: $name) { name } }"
VARIABLES_BODY = json.dumps({"query": VARIABLES_QUERY, "variables": {"name": "sometype"}})
INVALID = [("object", {"obj": "ect"}), ("number", 0), ("boolean", False), ("array", ["array"])]
INVALID_MAP = [("string", "string"), ("number", 0), ("boolean", False), ("array", ["array"])]
NOT_JSON = '{ "not a JSON'
# As the audits send it: the unused variable fails validation before coercion is reached.
COERCION = {"query": "query CoerceFailure($id: ID!) { __typename }", "variables": {"id": None}}
VALIDATION_BODY = json.dumps({"query": "{ 8f31403dfe404bccbb0e835f2629c6a7 }"})

# serverAudits() of graphql-http 1.23.1, in its order.
SERVER_AUDIT_IDS = """
22EB 4655 47DE 80D8 82A3 BF61 78D5 2C94 5A70 9C48 9ABE 03D4 A5BF 423L LKJ0 LKJ1 LKJ2 LKJ3 34A2 13EE
6C00 6C01 6C02 6C03 8161 B8B3 94B0 0220 94B1 0221 94B2 0222 4760 4761 4762 4763 2EA1 28B9 D6D5 6A70
58B0 58B1 58B2 58B3 428F 1B7A B6DC BCF8 B7N8 8764 3E3A 572B FDE2 7B9B 865D 556A D586 51FE 74FF 5E5B
86EE
"""

AUDITS = [
    Audit(
        "22EB",
        f"SHOULD accept {GRJ} and match the content-type",
        accept=GRJ,
        media=GRJ,
    ),
    Audit("4655", f"MUST accept {JSON} and match the content-type", accept=JSON, media=JSON),
    Audit("47DE", f"SHOULD accept */* and use {JSON} for the content-type", media=JSON),
    Audit(
        "80D8",
        f"SHOULD assume {JSON} content-type when accept is missing",
        accept=None,
        media=JSON,
    ),
    Audit("82A3", "MUST use utf-8 encoding when responding", accept=None),
    Audit(
        "BF61",
        "MUST accept utf-8 encoded request",
        content_type=f"{JSON}; charset=utf-8",
        body=json.dumps({"query": '{ __type(name: "Run🏃Swim🏊") { name } }'}, ensure_ascii=False),
    ),
    Audit("78D5", "MUST assume utf-8 in request if encoding is unspecified"),
    Audit("2C94", "MUST accept POST requests"),
    Audit(
        "5A70",
        "MAY accept application/x-www-form-urlencoded formatted GET requests",
        method="GET",
        body=None,
        params={"query": "{ __typename }"},
    ),
    Audit(
        "9C48",
        "MAY NOT allow executing mutations on GET requests",
        method="GET",
        body=None,
        accept=GRJ,
        params={"query": "mutation { __typename }"},
        status=CLIENT_4XX,
    ),
    Audit(
        "9ABE",
        "SHOULD respond with 4xx status code if content-type is not supplied on POST requests",
        content_type=None,
        status=CLIENT_4XX,
    ),
    Audit("03D4", f"MUST accept {JSON} POST requests"),
    Audit(
        "A5BF",
        "MAY use 400 status code when request body is missing on POST",
        body=None,
        status=(400,),
    ),
    Audit(
        "423L",
        "MAY use 400 status code on missing {query} parameter",
        accept=GRJ,
        body=json.dumps({"notquery": "{ __typename }"}),
        status=(400,),
    ),
    *[
        Audit(
            f"LKJ{i}",
            f"MAY use 400 status code on {kind} {{query}} parameter",
            body=json.dumps({"query": value}),
            status=(400,),
        )
        for i, (kind, value) in enumerate(INVALID)
    ],
    Audit(
        "34A2",
        f"SHOULD allow string {{query}} parameter when accepting {GRJ}",
        accept=GRJ,
    ),
    Audit(
        "13EE",
        f"MUST allow string {{query}} parameter when accepting {JSON}",
        accept=JSON,
        no_errors=True,
    ),
    *[
        Audit(
            f"6C0{i}",
            f"MAY use 400 status code on {kind} {{operationName}} parameter",
            body=json.dumps({"operationName": value, "query": "{ __typename }"}),
            status=(400,),
        )
        for i, (kind, value) in enumerate(INVALID)
    ],
    Audit(
        "8161",
        f"SHOULD allow string {{operationName}} parameter when accepting {GRJ}",
        accept=GRJ,
        body=json.dumps({"operationName": "Query", "query": "query Query { __typename }"}),
    ),
    Audit(
        "B8B3",
        f"MUST allow string {{operationName}} parameter when accepting {JSON}",
        accept=JSON,
        body=json.dumps({"operationName": "Query", "query": "query Query { __typename }"}),
        no_errors=True,
    ),
    *[
        audit
        for i, parameter in enumerate(["variables", "operationName", "extensions"])
        for audit in (
            Audit(
                f"94B{i}",
                f"SHOULD allow null {{{parameter}}} parameter when accepting {GRJ}",
                accept=GRJ,
                body=json.dumps({"query": "{ __typename }", parameter: None}),
                no_errors=True,
            ),
            Audit(
                f"022{i}",
                f"MUST allow null {{{parameter}}} parameter when accepting {JSON}",
                accept=JSON,
                body=json.dumps({"query": "{ __typename }", parameter: None}),
                no_errors=True,
            ),
        )
    ],
    *[
        Audit(
            f"476{i}",
            f"MAY use 400 status code on {kind} {{variables}} parameter",
            body=json.dumps({"query": "{ __typename }", "variables": value}),
            status=(400,),
        )
        for i, (kind, value) in enumerate(INVALID_MAP)
    ],
    Audit(
        "2EA1",
        f"SHOULD allow map {{variables}} parameter when accepting {GRJ}",
        accept=GRJ,
        body=VARIABLES_BODY,
    ),
    Audit(
        "28B9",
        f"MUST allow map {{variables}} parameter when accepting {JSON}",
        accept=JSON,
        body=VARIABLES_BODY,
        no_errors=True,
    ),
    Audit(
        "D6D5",
        f"MAY allow URL-encoded JSON string {{variables}} parameter in GETs when accepting {GRJ}",
        method="GET",
        body=None,
        accept=GRJ,
        params={"query": VARIABLES_QUERY, "variables": json.dumps({"name": "sometype"})},
        no_errors=True,
    ),
    Audit(
        "6A70",
        f"MAY allow URL-encoded JSON string {{variables}} parameter in GETs when accepting {JSON}",
        method="GET",
        body=None,
        accept=JSON,
        params={"query": VARIABLES_QUERY, "variables": json.dumps({"name": "sometype"})},
        no_errors=True,
    ),
    *[
        Audit(
            f"58B{i}",
            f"MAY use 400 status code on {kind} {{extensions}} parameter",
            body=json.dumps({"query": "{ __typename }", "extensions": value}),
            status=(400,),
        )
        for i, (kind, value) in enumerate(INVALID_MAP)
    ],
    Audit(
        "428F",
        f"SHOULD allow map {{extensions}} parameter when accepting {GRJ}",
        accept=GRJ,
        body=json.dumps({"query": "{ __typename }", "extensions": {"some": "value"}}),
    ),
    Audit(
        "1B7A",
        f"MUST allow map {{extensions}} parameter when accepting {JSON}",
        accept=JSON,
        body=json.dumps({"query": "{ __typename }", "extensions": {"some": "value"}}),
        no_errors=True,
    ),
    Audit(
        "B6DC",
        f"MAY use 2xx, 4xx, or 5xx status codes on JSON parsing failure when accepting {JSON}",
        accept=JSON,
        body=NOT_JSON,
        status=_statuses((200, 299), (400, 599)),
    ),
    Audit(
        "BCF8",
        f"SHOULD use 400 status code on JSON parsing failure when accepting {JSON}",
        accept=JSON,
        body=NOT_JSON,
        status=(400,),
    ),
    Audit(
        "B7N8",
        f"SHOULD use 400 status code on JSON parsing failure when accepting {GRJ}",
        accept=GRJ,
        body=NOT_JSON,
        status=(400,),
    ),
    Audit(
        "8764",
        "MAY use 4xx or 5xx status codes if parameters are invalid",
        body=json.dumps({"qeury": "{ __typename }"}),
        status=ERROR_4XX_5XX,
    ),
    Audit(
        "3E3A",
        "MAY use 400 status code if parameters are invalid",
        body=json.dumps({"qeury": "{ __typename }"}),
        status=(400,),
    ),
    Audit(
        "572B",
        f"SHOULD use 200 status code on document parsing failure when accepting {JSON}",
        accept=JSON,
        body=json.dumps({"query": "{"}),
    ),
    Audit(
        "FDE2",
        f"SHOULD use 200 status code on document validation failure when accepting {JSON}",
        accept=JSON,
        body=VALIDATION_BODY,
    ),
    Audit(
        "7B9B",
        f"SHOULD use a status code of 200 on variable coercion failure when accepting {JSON}",
        accept=JSON,
        body=json.dumps(COERCION),
    ),
    Audit(
        "865D",
        f"SHOULD use 4xx or 5xx status codes on document parsing failure when accepting {GRJ}",
        accept=GRJ,
        body=json.dumps({"query": "{"}),
        status=ERROR_4XX_5XX,
    ),
    Audit(
        "556A",
        f"SHOULD use 400 status code on document parsing failure when accepting {GRJ}",
        accept=GRJ,
        body=json.dumps({"query": "{"}),
        status=(400,),
    ),
    Audit(
        "D586",
        f"SHOULD not contain the data entry on document parsing failure when accepting {GRJ}",
        accept=GRJ,
        body=json.dumps({"query": "{"}),
        status=ERROR_4XX_5XX,
        no_data=True,
    ),
    Audit(
        "51FE",
        f"SHOULD use 4xx or 5xx status codes on document validation failure when accepting {GRJ}",
        accept=GRJ,
        body=VALIDATION_BODY,
        status=ERROR_4XX_5XX,
    ),
    Audit(
        "74FF",
        f"SHOULD use 400 status code on document validation failure when accepting {GRJ}",
        accept=GRJ,
        body=VALIDATION_BODY,
        status=(400,),
    ),
    Audit(
        "5E5B",
        f"SHOULD not contain the data entry on document validation failure when accepting {GRJ}",
        accept=GRJ,
        body=VALIDATION_BODY,
        status=ERROR_4XX_5XX,
        no_data=True,
    ),
    Audit(
        "86EE",
        f"SHOULD use a status code of 400 on variable coercion failure when accepting {GRJ}",
        accept=GRJ,
        body=json.dumps(COERCION),
        status=(400,),
    ),
]


def _audit_id(audit: Audit) -> str:
    return f"{audit.id}-" + re.sub(r"[^a-z0-9]+", "-", audit.title.lower()).strip("-")


def test_every_server_audit_is_ported_once_in_order():
    assert [audit.id for audit in AUDITS] == SERVER_AUDIT_IDS.split()


@pytest.mark.parametrize("audit", [pytest.param(a, id=_audit_id(a)) for a in AUDITS])
async def test_graphql_http_server_audit(gateway, audit):
    response = await send(
        gateway,
        audit.method,
        body=audit.body,
        params=audit.params or None,
        accept=audit.accept,
        content_type=audit.content_type,
    )

    assert response.status_code in audit.status, (audit.title, response.status_code, response.text)
    body = body_of(response)  # 82A3 and every other: the body decodes as UTF-8 JSON
    if audit.media is not None:
        assert media_of(response) == audit.media, audit.title
    if audit.no_errors:
        assert "errors" not in body, (audit.title, body)
    if audit.no_data:
        assert "data" not in body, (audit.title, body)
