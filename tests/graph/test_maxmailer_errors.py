"""Maxmailer failures through the graph, and Maxmailer next to the others in mixed reads."""

from __future__ import annotations

import json

import pytest

from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.maxmailer_helpers import ADMIN_LOGIN, mm_state
from tests.graph.oempro_helpers import own_campaigns

LISTING = "{ accounts(platform: MAXMAILER, first: 3) { nodes { username } } }"
MIXED = "{ accounts(first: 500) { totalCount nodes { platform username } } }"


OEMPRO_CLIENTS = 3  # the demo user's clients: its accounts with a user login


async def test_accounts_with_no_platform_returns_every_platform(gateway, emulators):
    data = await gateway.query(MIXED)
    nodes = data["accounts"]["nodes"]
    platforms = [n["platform"] for n in nodes]
    maxmailer_users = len(mm_state(emulators).users)
    assert platforms.count("MAXMAILER") == maxmailer_users
    assert platforms.count("V2REST") == 12
    assert platforms.count("OEMPRO") == OEMPRO_CLIENTS
    # platform order: v2 REST first, then Maxmailer, then Oempro
    assert platforms == sorted(platforms, key=["V2REST", "MAXMAILER", "OEMPRO"].index)
    assert data["accounts"]["totalCount"] == 12 + maxmailer_users + OEMPRO_CLIENTS


async def test_mixed_paging_crosses_from_v2_into_maxmailer(gateway):
    first = await gateway.query(
        "{ accounts(first: 10) { pageInfo { endCursor } nodes { platform } } }"
    )
    cursor = first["accounts"]["pageInfo"]["endCursor"]
    second = await gateway.query(
        "query($after: String) { accounts(first: 5, after: $after) { nodes { platform } } }",
        {"after": cursor},
    )
    assert [n["platform"] for n in second["accounts"]["nodes"]] == ["V2REST"] * 2 + [
        "MAXMAILER"
    ] * 3


async def test_a_maxmailer_5xx_leaves_the_others_and_one_maxmailer_error(gateway):
    await gateway.fault(platform="maxmailer", kind="status", status=503, count=None)
    body = await gateway.result(MIXED)
    nodes = body["data"]["accounts"]["nodes"]
    assert len(nodes) == 12 + OEMPRO_CLIENTS
    assert {n["platform"] for n in nodes} == {"V2REST", "OEMPRO"}
    assert body["data"]["accounts"]["totalCount"] is None
    maxmailer_errors = [e for e in body["errors"] if e["extensions"].get("platform") == "MAXMAILER"]
    assert len(maxmailer_errors) == 1
    [error] = maxmailer_errors
    assert error["path"] == ["accounts"]
    assert error["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
    assert "httpStatus" not in error["extensions"]  # in the log; to clients with debug_errors
    assert [e["extensions"]["platform"] for e in body["errors"]] == ["MAXMAILER"]


async def test_campaigns_with_no_platform_come_from_maxmailer_and_oempro(gateway, emulators):
    data = await gateway.query("{ campaigns(first: 500) { totalCount nodes { platform } } }")
    platforms = [n["platform"] for n in data["campaigns"]["nodes"]]
    oempro_own = own_campaigns(emulators)
    assert platforms.count("MAXMAILER") == len(mm_state(emulators).campaigns)
    assert platforms.count("OEMPRO") == len(oempro_own)
    assert data["campaigns"]["totalCount"] == len(platforms)
    assert await gateway.calls(Platform.V2REST) == 0  # v2 exposes no campaigns


async def test_a_5xx_on_a_read_is_retried_then_succeeds(gateway):
    await gateway.fault(platform="maxmailer", kind="status", status=502, count=2)
    data = await gateway.query(LISTING)
    assert len(data["accounts"]["nodes"]) == 3
    assert await gateway.counts(Platform.MAXMAILER) == {"ListUsers": 3}


async def test_a_php_error_page_is_a_bad_response_that_stays_inside(gateway):
    await gateway.fault(platform="maxmailer", kind="malformed", count=None)
    body = await gateway.result(LISTING)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_BAD_RESPONSE"
    assert error["extensions"]["platform"] == "MAXMAILER"
    assert "Fatal error" not in json.dumps(body)


async def test_an_error_envelope_carries_the_errno_as_legacy_code(gateway):
    await gateway.fault(
        platform="maxmailer",
        kind="status",
        status=200,
        endpoint="ListUsers",
        body=json.dumps({"error": True, "errno": 9001, "message": "not allowed"}),
    )
    body = await gateway.result(LISTING)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["extensions"]["legacyCode"] == "9001"
    assert error["extensions"]["legacyMessage"] == "not allowed"
    assert "operation" not in error["extensions"]  # in the log; to clients with debug_errors


async def test_a_wrong_login_id_is_unauthenticated_without_leaking_it(emulators):
    wrong = "f" * 32
    async with open_gateway(emulators, maxmailer_login_id=wrong) as gateway:
        body = await gateway.result(LISTING)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["extensions"]["legacyCode"] == "1001"
    assert "MAILGQL_MAXMAILER_LOGIN_ID" in error["message"]
    assert wrong not in json.dumps(body)
    assert ADMIN_LOGIN not in json.dumps(body)


async def test_an_unconfigured_maxmailer_says_so(emulators):
    async with open_gateway(emulators, maxmailer_url=None) as gateway:
        body = await gateway.result(LISTING)
        mixed = await gateway.query(MIXED)
    [error] = body["errors"]
    assert error["extensions"] == {"code": "PLATFORM_NOT_CONFIGURED", "platform": "MAXMAILER"}
    assert "MAILGQL_MAXMAILER_URL" in error["message"]
    assert {n["platform"] for n in mixed["accounts"]["nodes"]} == {"V2REST", "OEMPRO"}


@pytest.fixture
def live_settings():
    return {"upstream_timeout": 2.0, "read_retries": 0}


async def test_mixed_accounts_and_a_maxmailer_failure_over_real_http(live_gateway):
    data = await live_gateway.query(MIXED)
    assert {n["platform"] for n in data["accounts"]["nodes"]} == {"V2REST", "MAXMAILER", "OEMPRO"}
    await live_gateway.fault(platform="maxmailer", kind="status", status=500, count=None)
    body = await live_gateway.result(MIXED)
    assert {n["platform"] for n in body["data"]["accounts"]["nodes"]} == {"V2REST", "OEMPRO"}
    [error] = body["errors"]
    assert (error["path"], error["extensions"]["platform"]) == (["accounts"], "MAXMAILER")
