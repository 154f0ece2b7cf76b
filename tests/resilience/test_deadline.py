"""One deadline per operation (MAILGQL_REQUEST_DEADLINE): every call, retry and backoff fits
within it; a fan-out answers with the platforms that made it and a timeout for the one that did
not; past the deadline a call fails at once, sending nothing."""

from __future__ import annotations

import asyncio

import pytest

from mailgql.graph.errors import extensions_for
from mailgql.settings import Settings
from mailgql.upstreams.errors import Outcome, UpstreamTimeout
from mailgql.upstreams.scope import DeadlineReached, call_scope
from tests.conftest import open_gateway
from tests.resilience.conftest import FakeClock, FakeSleep, jitter_from
from tests.upstreams.test_http_plumbing import (
    GatedTransport,
    ScriptedTransport,
    http_config,
    upstream,
)

DEADLINE = 0.5
"""Seconds: short, so that a hung platform is given up on quickly; the tests time nothing."""


@pytest.mark.parametrize(
    ("field", "slow", "fault", "others"),
    [
        ("accounts", "oempro", {"kind": "hang"}, {"V2REST", "MAXMAILER"}),
        ("campaigns", "maxmailer", {"kind": "latency", "latency_ms": 20_000}, {"OEMPRO"}),
    ],
)
async def test_a_slow_platform_leaves_the_others_answers_and_its_timeout(
    emulators, field, slow, fault, others
):
    async with open_gateway(emulators, request_deadline=DEADLINE) as gateway:
        await gateway.fault(platform=slow, count=None, **fault)
        try:
            # The platform's own timeout (MAILGQL_UPSTREAM_TIMEOUT, 10 s) is far off: only the
            # request's deadline can end the wait within this bound.
            async with asyncio.timeout(5):
                body = await gateway.result(f"{{ {field}(first: 100) {{ nodes {{ platform }} }} }}")
        finally:
            await gateway.emulator.delete("/_emulator/faults")
    assert {node["platform"] for node in body["data"][field]["nodes"]} == others
    [error] = body["errors"]
    assert error["path"] == [field]
    assert error["extensions"]["code"] == "UPSTREAM_TIMEOUT"
    assert error["extensions"]["platform"] == slow.upper()
    assert "request deadline was reached" in error["message"]


async def test_past_the_deadline_a_call_fails_at_once_and_sends_nothing(closing):
    transport = ScriptedTransport(200)
    http = upstream(transport, http_config(), closing)
    clock = FakeClock()
    with call_scope(seconds=DEADLINE, max_calls=None, clock=clock):
        clock.advance(DEADLINE)
        with pytest.raises(UpstreamTimeout) as read:
            await http.send("GET", "/r", operation="GET /Users/SubAccounts", read=True)
        with pytest.raises(UpstreamTimeout) as write:
            await http.send("PUT", "/r", operation="PUT /Users/SubAccounts", read=False)
    assert transport.requests == []
    assert isinstance(read.value, DeadlineReached)
    assert "request deadline was reached" in read.value.message
    assert extensions_for(read.value) == {"code": "UPSTREAM_TIMEOUT", "platform": "V2REST"}
    assert read.value.outcome is None
    assert write.value.outcome is Outcome.NOT_APPLIED  # never sent: safe to send again


async def test_a_write_cut_by_the_deadline_in_flight_has_an_unknown_outcome(closing):
    transport = GatedTransport(wanted_in_flight=1)  # holds the request: it never answers
    http = upstream(transport, http_config(), closing)
    with call_scope(seconds=0.05, max_calls=None):
        async with asyncio.timeout(5):
            with pytest.raises(DeadlineReached) as cut:
                await http.send("PUT", "/r", operation="PUT /Users/SubAccounts", read=False)
    assert transport.served == 0
    assert cut.value.sent
    assert cut.value.outcome is Outcome.UNKNOWN  # it may have landed
    assert http.health.in_flight == 0
    assert http.health.last_error is cut.value


async def test_no_retry_starts_that_the_deadline_leaves_no_time_for(monkeypatch, closing):
    clock = FakeClock()
    sleep = FakeSleep(clock)
    monkeypatch.setattr(asyncio, "sleep", sleep)
    transport = ScriptedTransport(503)
    http = upstream(transport, http_config(read_retries=3, retry_backoff=0.4), closing)
    http.jitter = lambda: 1.0
    with call_scope(seconds=1.0, max_calls=None, clock=clock):
        response = await http.send("GET", "/r", operation="GET /r", read=True)
    # 0.4 s fits in the 1 s left; the next wait (0.8 s) does not fit in the 0.6 s then left,
    # so the last 5xx comes back as it would after the last try.
    assert sleep.waits == [0.4]
    assert len(transport.requests) == 2
    assert response.status_code == 503


async def test_the_backoff_is_jittered(monkeypatch, closing):
    sleep = FakeSleep()
    monkeypatch.setattr(asyncio, "sleep", sleep)
    transport = ScriptedTransport(503)
    http = upstream(transport, http_config(read_retries=2, retry_backoff=0.25), closing)
    http.jitter = jitter_from([0.0, 0.5])
    await http.send("GET", "/r", operation="GET /r", read=True)
    # Each wait is drawn in [half, all) of the doubling backoff (0.25, then 0.5).
    assert sleep.waits == [0.125, 0.375]


def test_the_deadline_is_a_setting_with_a_safe_default():
    assert Settings().request_deadline == 15.0
    assert Settings(request_deadline=0.5).request_deadline == 0.5


async def test_a_request_has_its_own_deadline_each_time(emulators):
    async with open_gateway(emulators, request_deadline=DEADLINE) as gateway:
        await gateway.fault(platform="oempro", kind="hang", count=1)
        try:
            async with asyncio.timeout(5):
                first = await gateway.result("{ accounts(first: 100) { nodes { platform } } }")
        finally:
            await gateway.emulator.delete("/_emulator/faults")
        second = await gateway.query("{ accounts(first: 100) { nodes { platform } } }")
    assert [e["extensions"]["code"] for e in first["errors"]] == ["UPSTREAM_TIMEOUT"]
    assert {n["platform"] for n in second["accounts"]["nodes"]} == {"V2REST", "MAXMAILER", "OEMPRO"}
