"""What the graph promises on every platform alike, checked once and run on each platform.

`me`, `accounts`, `node`, Relay connections, typed errors and partial data behave the same
whichever legacy API answers them; platform-specific behaviour is tested next to each platform.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest

from mailgql.platforms import Platform
from tests.conftest import open_gateway

PLATFORMS = pytest.mark.parametrize("platform", list(Platform), ids=lambda p: p.name)
WITH_CAMPAIGNS = pytest.mark.parametrize(
    "platform", [Platform.MAXMAILER, Platform.OEMPRO], ids=lambda p: p.name
)
ACCOUNT = "id platform username status"


def decoded(global_id: str) -> tuple[str, str, str]:
    """(type, platform, key) of a global ID."""
    type_name, platform, key = base64.b64decode(global_id).decode().split(":", 2)
    return type_name, platform, key


async def page(gateway, field: str, platform: Platform, first: int, after: str | None = None):
    data = await gateway.query(
        f"""query($first: Int, $after: String) {{
              {field}(platform: {platform.name}, first: $first, after: $after) {{
                totalCount
                pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }}
                edges {{ cursor node {{ id platform }} }}
                nodes {{ id platform }}
              }}
            }}""",
        {"first": first, "after": after},
    )
    return data[field]


@PLATFORMS
async def test_me_is_an_account_of_that_platform_and_node_reads_it_back(gateway, platform):
    data = await gateway.query(f"{{ me(platform: {platform.name}) {{ {ACCOUNT} }} }}")
    me = data["me"]
    assert me["platform"] == platform.name
    assert me["username"]
    assert me["status"] in {"ACTIVE", "SUSPENDED", "DISABLED"}
    assert decoded(me["id"])[:2] == ("Account", platform.value)
    again = await gateway.query(
        f'{{ node(id: "{me["id"]}") {{ ... on Account {{ {ACCOUNT} }} }} }}'
    )
    assert again["node"] == me


@PLATFORMS
async def test_accounts_page_through_without_gaps_or_repeats(gateway, platform):
    whole = await page(gateway, "accounts", platform, first=500)
    total = whole["totalCount"]
    assert total == len(whole["nodes"]) > 2
    assert whole["pageInfo"]["hasNextPage"] is False
    seen: list[str] = []
    after = None
    while True:
        part = await page(gateway, "accounts", platform, first=2, after=after)
        assert [e["node"] for e in part["edges"]] == part["nodes"]
        assert len(part["nodes"]) <= 2
        assert part["totalCount"] == total
        assert part["pageInfo"]["hasPreviousPage"] is (after is not None)
        if part["nodes"]:
            assert part["pageInfo"]["startCursor"] == part["edges"][0]["cursor"]
            assert part["pageInfo"]["endCursor"] == part["edges"][-1]["cursor"]
        seen += [n["id"] for n in part["nodes"]]
        if not part["pageInfo"]["hasNextPage"]:
            break
        after = part["pageInfo"]["endCursor"]
    assert seen == [n["id"] for n in whole["nodes"]]
    assert {n["platform"] for n in whole["nodes"]} == {platform.name}


@PLATFORMS
async def test_every_listed_account_reads_back_through_node_and_nodes(gateway, platform):
    listed = (
        await gateway.query(
            f"{{ accounts(platform: {platform.name}, first: 5) {{ nodes {{ {ACCOUNT} }} }} }}"
        )
    )["accounts"]["nodes"]
    ids = [a["id"] for a in listed]
    data = await gateway.query(
        f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on Account {{ {ACCOUNT} }} }} }}",
        {"ids": ids},
    )
    assert data["nodes"] == listed


@PLATFORMS
async def test_a_first_past_the_limit_and_a_foreign_cursor_are_bad_user_input(gateway, platform):
    for arguments in ("first: 501", "first: -1", 'after: "bm90LWEtY3Vyc29y"'):
        body = await gateway.result(
            f"{{ accounts(platform: {platform.name}, {arguments}) {{ totalCount }} }}"
        )
        [error] = body["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT", arguments
        assert error["path"] == ["accounts"]
    assert await gateway.calls() == 0


@WITH_CAMPAIGNS
async def test_campaigns_are_a_connection_of_that_platform(gateway, platform):
    whole = await page(gateway, "campaigns", platform, first=500)
    assert whole["totalCount"] == len(whole["nodes"]) > 0
    assert {n["platform"] for n in whole["nodes"]} == {platform.name}
    assert {decoded(n["id"])[:2] for n in whole["nodes"]} == {("Campaign", platform.value)}
    second = await page(gateway, "campaigns", platform, first=1, after=whole["edges"][0]["cursor"])
    assert second["nodes"] == whole["nodes"][1:2]


@PLATFORMS
async def test_an_unconfigured_platform_is_a_typed_error_and_costs_nothing(emulators, platform):
    unset = {
        Platform.V2REST: {"v2rest_url": None},
        Platform.MAXMAILER: {"maxmailer_url": None},
        Platform.OEMPRO: {"oempro_url": None},
    }[platform]
    async with open_gateway(emulators, **unset) as gateway:
        body = await gateway.result(
            f"{{ me(platform: {platform.name}) {{ id }} "
            f"accounts(platform: {platform.name}) {{ totalCount }} }}"
        )
        assert body["data"] is None or body["data"]["me"] is None
        codes = {(e["extensions"]["code"], e["extensions"]["platform"]) for e in body["errors"]}
        assert codes == {("PLATFORM_NOT_CONFIGURED", platform.name)}
        assert await gateway.calls() == 0
        everywhere = await gateway.query("{ accounts(first: 500) { nodes { platform } } }")
        platforms = {n["platform"] for n in everywhere["accounts"]["nodes"]}
        assert platforms == {p.name for p in Platform} - {platform.name}


@PLATFORMS
async def test_a_failing_platform_nulls_only_its_own_fields(gateway, platform):
    others = [p for p in Platform if p is not platform]
    await gateway.fault(platform=platform.value, kind="status", status=503, count=None)
    body = await gateway.result(
        "{ "
        + " ".join(f"{p.name}: me(platform: {p.name}) {{ platform }}" for p in Platform)
        + " accounts(first: 500) { totalCount nodes { platform } } }"
    )
    data: dict[str, Any] = body["data"]
    for other in others:
        assert data[other.name] == {"platform": other.name}
    assert {n["platform"] for n in data["accounts"]["nodes"]} == {p.name for p in others}
    assert data["accounts"]["totalCount"] is None
    failed = {("accounts",)}
    if platform is Platform.V2REST:
        # the v2 admin is the configured username: `me` needs no call and still answers
        assert data[platform.name] == {"platform": platform.name}
    else:
        assert data[platform.name] is None
        failed.add((platform.name,))
    assert {tuple(e["path"]) for e in body["errors"]} == failed
    for error in body["errors"]:
        assert error["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
        assert error["extensions"]["platform"] == platform.name


@PLATFORMS
async def test_a_malformed_or_foreign_id_is_bad_user_input_before_any_call(gateway, platform):
    campaign_id = base64.b64encode(f"Campaign:{platform.value}:1".encode()).decode()
    for bad in ("not-an-id", base64.b64encode(b"Account:nowhere:1").decode()):
        body = await gateway.result(f'{{ node(id: "{bad}") {{ id }} }}')
        [error] = body["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT", bad
    # an ID of another type where an account is expected
    body = await gateway.result(
        f'mutation {{ setAccountStatus(input: {{ accountId: "{campaign_id}", active: true }}) '
        "{ userErrors { code field } } }"
    )
    [user_error] = body["data"]["setAccountStatus"]["userErrors"]
    assert user_error == {"code": "BAD_USER_INPUT", "field": ["input", "accountId"]}
    assert await gateway.calls() == 0
