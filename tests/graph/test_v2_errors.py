"""Bad input from clients and from the v2 upstream: each a typed error, never a crash."""

import json
import socket

import httpx
import pytest

from mailgql.app import create_app
from mailgql.platforms import Platform
from tests.conftest import gateway_settings, open_gateway
from tests.graph.v2_helpers import ACCOUNT, error_codes, gid

LISTING = "{ accounts(platform: V2REST, first: 3) { nodes { username } } }"


async def test_unknown_but_well_formed_id_is_null(gateway):
    data = await gateway.query(f'{{ node(id: "{gid("Account", "nobody")}") {{ id }} }}')
    assert data == {"node": None}


@pytest.mark.parametrize(
    "bad_id",
    ["garbage", "QmFkOg==", gid("Account", "x", "nowhere"), gid("Account", "")],
    ids=["not-base64", "no-platform", "unknown-platform", "empty-key"],
)
async def test_malformed_id_is_bad_user_input(gateway, bad_id):
    body = await gateway.result(f'{{ node(id: "{bad_id}") {{ id }} }}')
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert body["data"] == {"node": None}


async def test_nodes_returns_null_for_missing_and_keeps_order(gateway):
    ids = [gid("Account", ACCOUNT), gid("Account", "nobody"), gid("Account", "demo-admin")]
    data = await gateway.query(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Account { username } } }", {"ids": ids}
    )
    assert [n and n["username"] for n in data["nodes"]] == [ACCOUNT, None, "demo-admin"]


async def test_node_finds_a_list_a_segment_and_a_newsletter_by_id(gateway):
    data = await gateway.query(
        f"""{{ l: node(id: "{gid("MailingList", 7605)}") {{
                 ... on MailingList {{ name platform }} }}
              s: node(id: "{gid("Segment", 31)}") {{ ... on Segment {{ name lists {{ id }} }} }}
              n: node(id: "{gid("Newsletter", 501)}") {{ ... on Newsletter {{ name }} }}
              none: node(id: "{gid("MailingList", 1)}") {{ id }} }}"""
    )
    assert data["l"]["platform"] == "V2REST"
    assert data["l"]["name"]
    assert data["s"]["name"]
    assert data["n"]["name"]
    assert data["none"] is None


@pytest.mark.parametrize("first", [501, -1])
async def test_first_outside_the_limit_is_bad_user_input(gateway, first):
    body = await gateway.result(
        f"{{ accounts(platform: V2REST, first: {first}) {{ nodes {{ username }} }} }}"
    )
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["field"] == ["first"]
    assert await gateway.calls() == 0


async def test_a_cursor_we_did_not_make_is_bad_user_input(gateway):
    body = await gateway.result(
        '{ accounts(platform: V2REST, after: "bm9wZQ==") { nodes { username } } }'
    )
    assert error_codes(body) == ["BAD_USER_INPUT"]


async def test_unconfigured_platform_says_so(emulators):
    async with open_gateway(emulators, v2rest_url=None) as gateway:
        body = await gateway.result(LISTING)
    [error] = body["errors"]
    assert error["extensions"] == {"code": "PLATFORM_NOT_CONFIGURED", "platform": "V2REST"}
    assert "MAILGQL_V2REST_URL" in error["message"]


async def test_wrong_token_is_unauthenticated_without_leaking_it(emulators):
    async with open_gateway(emulators, v2rest_token="wrong-token-123") as gateway:
        body = await gateway.result(LISTING)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["extensions"]["platform"] == "V2REST"
    assert error["extensions"]["legacyCode"] == "401"
    assert "MAILGQL_V2REST_TOKEN" in error["message"]
    assert "wrong-token-123" not in json.dumps(body)


async def test_a_403_answer_is_forbidden(gateway):
    await gateway.fault(
        platform="v2rest",
        kind="status",
        status=403,
        body=json.dumps({"status": False, "code": 403, "message": "Access to this API is blocked"}),
    )
    body = await gateway.result(LISTING)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["extensions"]["legacyMessage"] == "Access to this API is blocked"


async def test_a_5xx_on_a_read_is_retried_then_succeeds(gateway):
    await gateway.fault(platform="v2rest", kind="status", status=502, count=2)
    data = await gateway.query(LISTING)
    assert len(data["accounts"]["nodes"]) == 3
    assert await gateway.calls(Platform.V2REST) == 3  # two failures, the third try answers


async def test_a_lasting_5xx_is_upstream_unavailable(debug_gateway):
    gateway = debug_gateway  # clients see the HTTP status with debug_errors only
    await gateway.fault(platform="v2rest", kind="status", status=503, count=None)
    body = await gateway.result(LISTING)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
    assert error["extensions"]["httpStatus"] == 503
    assert error["path"] == ["accounts"]
    assert await gateway.calls(Platform.V2REST) == 3  # read_retries defaults to 2


async def test_a_body_that_is_not_json_is_a_bad_response(gateway):
    await gateway.fault(platform="v2rest", kind="malformed", count=None)
    body = await gateway.result(LISTING)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_BAD_RESPONSE"
    assert "Fatal error" not in json.dumps(body)  # the raw body never reaches the client


async def test_a_failing_nested_field_reports_where_it_failed(gateway):
    await gateway.fault(
        platform="v2rest", kind="status", status=500, endpoint="GET /Users/InheritLists", count=None
    )
    body = await gateway.result(
        "{ accounts(platform: V2REST, first: 2) { nodes { username "
        "inheritedLists { totalCount } inheritedNewsletters { totalCount } } } }"
    )
    # inheritedLists is nullable: the failure nulls that field alone, the accounts stay
    nodes = body["data"]["accounts"]["nodes"]
    assert len(nodes) == 2
    for node in nodes:
        assert node["username"]
        assert node["inheritedLists"] is None
        assert isinstance(node["inheritedNewsletters"]["totalCount"], int)
    # one error per failed field, each naming the field that failed
    assert error_codes(body) == ["UPSTREAM_UNAVAILABLE"] * 2
    paths = sorted(error["path"] for error in body["errors"])
    assert paths == [["accounts", "nodes", i, "inheritedLists"] for i in range(2)]
    for error in body["errors"]:
        assert error["extensions"]["legacyCode"] == "500"


async def test_fan_out_returns_partial_data_with_an_error_per_failed_platform(gateway):
    await gateway.fault(platform="v2rest", kind="status", status=503, count=None)
    body = await gateway.result("{ accounts { totalCount nodes { username platform } } }")
    assert body["data"]["accounts"]["totalCount"] is None
    v2_errors = [e for e in body["errors"] if e["extensions"].get("platform") == "V2REST"]
    assert len(v2_errors) == 1
    assert v2_errors[0]["path"] == ["accounts"]
    assert all(n["platform"] != "V2REST" for n in body["data"]["accounts"]["nodes"])


@pytest.fixture
def live_settings():
    return {"upstream_timeout": 0.5, "read_retries": 0}


async def test_a_hang_past_the_timeout_is_upstream_timeout(live_gateway):
    await live_gateway.fault(platform="v2rest", kind="hang", hang_seconds=10)
    try:
        body = await live_gateway.result(LISTING)
    finally:
        await live_gateway.emulator.delete("/_emulator/faults")
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_TIMEOUT"
    assert error["extensions"]["platform"] == "V2REST"


async def test_a_platform_that_refuses_connections_is_unavailable(emulators):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # nothing listens on that port any more: the connection is refused
    settings = gateway_settings(emulators, f"http://127.0.0.1:{port}", read_retries=0)
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client,
    ):
        response = await client.post(
            "/graphql",
            json={"query": LISTING},
            headers={"Accept": "application/graphql-response+json"},
        )
    body = response.json()
    assert response.status_code == 200
    assert error_codes(body) == ["UPSTREAM_UNAVAILABLE"]
