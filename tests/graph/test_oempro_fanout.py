"""Oempro next to v2 REST and Maxmailer in the cross-platform roots `accounts` and `campaigns`."""

from __future__ import annotations

from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.maxmailer_helpers import mm_state
from tests.graph.oempro_helpers import ADMIN, demo_user, own_campaigns, state

ACCOUNTS = "{ accounts(first: 500) { totalCount nodes { id platform username } } }"
CAMPAIGNS = "{ campaigns(first: 500) { totalCount nodes { id platform subject status } } }"
ORDER = ["V2REST", "MAXMAILER", "OEMPRO"]
V2_SUB_ACCOUNTS = 12


async def test_accounts_with_no_platform_come_from_all_three(gateway, emulators):
    data = await gateway.query(ACCOUNTS)
    nodes = data["accounts"]["nodes"]
    platforms = [n["platform"] for n in nodes]
    owner = demo_user(emulators).id
    clients = [c for c in state(emulators).clients.values() if c.owner_id == owner]
    assert platforms.count("V2REST") == V2_SUB_ACCOUNTS
    assert platforms.count("MAXMAILER") == len(mm_state(emulators).users)
    assert [n["username"] for n in nodes if n["platform"] == "OEMPRO"] == [
        c["ClientUsername"] for c in sorted(clients, key=lambda c: c.id)
    ]
    assert platforms == sorted(platforms, key=ORDER.index)
    assert data["accounts"]["totalCount"] == len(nodes)
    assert len({n["id"] for n in nodes}) == len(nodes)


async def test_campaigns_with_no_platform_come_from_every_platform_that_has_them(
    gateway, emulators
):
    data = await gateway.query(CAMPAIGNS)
    nodes = data["campaigns"]["nodes"]
    oempro = [n for n in nodes if n["platform"] == "OEMPRO"]
    assert [n["platform"] for n in nodes].count("MAXMAILER") == len(mm_state(emulators).campaigns)
    assert len(oempro) == len(own_campaigns(emulators)) == 10
    assert any(n["subject"] for n in oempro)
    assert [n["platform"] for n in nodes] == sorted((n["platform"] for n in nodes), key=ORDER.index)
    assert data["campaigns"]["totalCount"] == len(nodes)
    # v2 REST exposes no campaigns: it is not even asked.
    assert await gateway.calls(Platform.V2REST) == 0


async def test_paging_crosses_from_maxmailer_into_oempro(gateway, emulators):
    before = V2_SUB_ACCOUNTS + len(mm_state(emulators).users)
    first = await gateway.query(
        "query($n: Int) { accounts(first: $n) { pageInfo { endCursor } } }", {"n": before - 1}
    )
    second = await gateway.query(
        "query($a: String) { accounts(first: 3, after: $a) { pageInfo { hasNextPage } "
        "nodes { platform } } }",
        {"a": first["accounts"]["pageInfo"]["endCursor"]},
    )
    assert [n["platform"] for n in second["accounts"]["nodes"]] == ["MAXMAILER", "OEMPRO", "OEMPRO"]
    assert second["accounts"]["pageInfo"]["hasNextPage"] is True


async def test_an_oempro_5xx_leaves_the_other_two_and_one_oempro_error(gateway, emulators):
    await gateway.fault(platform="oempro", kind="status", status=503, count=None)
    for query, key, others in (
        (ACCOUNTS, "accounts", {"V2REST", "MAXMAILER"}),
        (CAMPAIGNS, "campaigns", {"MAXMAILER"}),
    ):
        body = await gateway.result(query)
        nodes = body["data"][key]["nodes"]
        assert {n["platform"] for n in nodes} == others
        assert body["data"][key]["totalCount"] is None
        [error] = body["errors"]
        assert error["path"] == [key]
        assert error["extensions"]["platform"] == "OEMPRO"
        assert error["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
        assert "httpStatus" not in error["extensions"]  # in the log; to clients with debug_errors


async def test_an_oempro_5xx_after_the_login_is_retried_then_reported_once(gateway):
    await gateway.query("{ me(platform: OEMPRO) { username } }")
    await gateway.fault(platform="oempro", kind="status", status=500, count=None)
    await gateway.reset_calls()
    body = await gateway.result(ACCOUNTS)
    assert len(body["data"]["accounts"]["nodes"]) > V2_SUB_ACCOUNTS
    assert [e["extensions"]["platform"] for e in body["errors"]] == ["OEMPRO"]
    # A read: tried once and retried twice (MAILGQL_READ_RETRIES).
    assert await gateway.counts(Platform.OEMPRO) == {"Clients.Get": 3}


async def test_an_admin_login_lists_users_and_may_not_read_campaigns(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        accounts = await gateway.query(ACCOUNTS)
        body = await gateway.result(CAMPAIGNS)
    oempro = [n for n in accounts["accounts"]["nodes"] if n["platform"] == "OEMPRO"]
    assert len(oempro) == len(state(emulators).users)
    assert {n["platform"] for n in body["data"]["campaigns"]["nodes"]} == {"MAXMAILER"}
    [error] = body["errors"]
    assert (error["extensions"]["code"], error["extensions"]["legacyCode"]) == (
        "FORBIDDEN",
        "99999",
    )


async def test_without_oempro_the_others_answer_and_oempro_says_so(emulators):
    async with open_gateway(emulators, oempro_url=None) as gateway:
        mixed = await gateway.query(ACCOUNTS)
        body = await gateway.result("{ me(platform: OEMPRO) { username } }")
        calls = await gateway.calls(Platform.OEMPRO)
    assert {n["platform"] for n in mixed["accounts"]["nodes"]} == {"V2REST", "MAXMAILER"}
    [error] = body["errors"]
    assert error["extensions"] == {"code": "PLATFORM_NOT_CONFIGURED", "platform": "OEMPRO"}
    assert "MAILGQL_OEMPRO_URL" in error["message"]
    assert calls == 0
