"""A cap on the upstream calls of one operation (MAILGQL_MAX_UPSTREAM_CALLS): past it, each field
that needs a call is null with CALL_BUDGET_EXCEEDED, and what was read comes back."""

from __future__ import annotations

import pytest

from mailgql.platforms import Platform
from mailgql.upstreams.errors import Outcome
from mailgql.upstreams.scope import CallBudgetExceeded, call_scope
from tests.conftest import open_gateway
from tests.resilience.conftest import FakeSleep
from tests.upstreams.test_http_plumbing import ScriptedTransport, http_config, upstream

CAP = 5
NESTED = """{ me(platform: V2REST) { subAccounts(first: 8) { nodes { username
  inheritedLists(first: 5) { totalCount } } } } }"""
"""1 call for the page of 8 sub-accounts, then 1 per sub-account: 9 in all."""


async def test_past_the_cap_fields_are_null_with_an_error_and_the_rest_comes_back(emulators):
    async with open_gateway(emulators, max_upstream_calls=CAP) as gateway:
        body = await gateway.result(NESTED)
        calls = await gateway.calls()
    assert calls == CAP
    nodes = body["data"]["me"]["subAccounts"]["nodes"]
    assert len(nodes) == 8
    assert all(node["username"] for node in nodes)
    read = [n for n in nodes if n["inheritedLists"] is not None]
    assert len(read) == CAP - 1
    errors = body["errors"]
    assert len(errors) == 8 - (CAP - 1)
    for error in errors:
        assert error["extensions"] == {
            "code": "CALL_BUDGET_EXCEEDED",
            "platform": "V2REST",
            "limit": CAP,
        }
        assert error["path"][-1] == "inheritedLists"
        assert f"limit of {CAP} upstream calls" in error["message"]


async def test_each_operation_has_its_own_budget(emulators):
    async with open_gateway(emulators, max_upstream_calls=CAP) as gateway:
        for _ in range(3):
            await gateway.reset_calls()
            body = await gateway.result(NESTED)
            assert len(body["errors"]) == 8 - (CAP - 1)
            assert await gateway.calls() == CAP


async def test_the_default_cap_leaves_ordinary_queries_alone(gateway):
    data = await gateway.query(NESTED)
    assert all(n["inheritedLists"] is not None for n in data["me"]["subAccounts"]["nodes"])
    assert await gateway.calls(Platform.V2REST) == 9


async def test_retries_count_against_the_budget(monkeypatch, closing):
    monkeypatch.setattr("asyncio.sleep", FakeSleep())
    transport = ScriptedTransport(503)
    http = upstream(transport, http_config(read_retries=5), closing)
    with call_scope(seconds=None, max_calls=3):
        response = await http.send("GET", "/r", operation="GET /r", read=True)
        assert response.status_code == 503  # the last try's answer, as after the last retry
        with pytest.raises(CallBudgetExceeded) as refused:
            await http.send("PUT", "/r", operation="PUT /r", read=False)
    assert len(transport.requests) == 3
    assert refused.value.outcome is Outcome.NOT_APPLIED
