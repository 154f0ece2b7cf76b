"""A circuit breaker per platform client: consecutive failures open it, then calls fail at once
without reaching the platform for a cool-down (an injected clock: nothing sleeps), then one
probe decides. Refusals are answers and never count; writes are refused too while it is open."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest

from mailgql.platforms import Platform
from mailgql.upstreams.breaker import BreakerState, CircuitBreaker, CircuitOpen
from tests.conftest import Gateway
from tests.graph.v2_helpers import ACCOUNT, gid
from tests.resilience.conftest import FakeClock, open_clocked_gateway, statuses

FAILURES = 3
COOLDOWN = 30.0
LISTING = "{ accounts(platform: V2REST) { nodes { username } } }"
"""One v2 call (GET /Users/SubAccounts)."""


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def gateway(emulators, clock) -> AsyncIterator[Gateway]:
    """A gateway whose circuits open after 3 failures, for 30 s of ``clock``; reads are tried
    once, so each failing query is one failure."""
    async with open_clocked_gateway(
        emulators,
        clock,
        breaker_failures=FAILURES,
        breaker_cooldown=COOLDOWN,
        read_retries=0,
    ) as gw:
        yield gw


def codes(body: dict) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors") or []]


async def open_v2_circuit(gateway: Gateway) -> None:
    """Fail the v2 listing 3 times in a row (the fault stays armed)."""
    await gateway.fault(platform="v2rest", kind="status", status=503, count=None)
    for _ in range(FAILURES):
        assert codes(await gateway.result(LISTING)) == ["UPSTREAM_UNAVAILABLE"]
    assert await gateway.calls(Platform.V2REST) == FAILURES


async def test_consecutive_failures_open_the_circuit_and_calls_fail_without_being_sent(gateway):
    await open_v2_circuit(gateway)
    body = await gateway.result(LISTING)
    [error] = body["errors"]
    assert error["extensions"] == {"code": "UPSTREAM_UNAVAILABLE", "platform": "V2REST"}
    assert "circuit open" in error["message"]
    assert await gateway.calls(Platform.V2REST) == FAILURES  # nothing reached the platform
    found = await statuses(gateway)
    assert found["V2REST"]["breaker"] == "OPEN"
    assert (found["MAXMAILER"]["breaker"], found["OEMPRO"]["breaker"]) == ("CLOSED", "CLOSED")
    # The other platforms still answer a fan-out.
    mixed = await gateway.result("{ accounts(first: 100) { nodes { platform } } }")
    assert {n["platform"] for n in mixed["data"]["accounts"]["nodes"]} == {"MAXMAILER", "OEMPRO"}
    assert codes(mixed) == ["UPSTREAM_UNAVAILABLE"]
    assert await gateway.calls(Platform.V2REST) == FAILURES


async def test_after_the_cool_down_a_successful_probe_closes_the_circuit(gateway, clock):
    await open_v2_circuit(gateway)
    await gateway.emulator.delete("/_emulator/faults")  # the platform is well again
    clock.advance(COOLDOWN - 1)
    assert codes(await gateway.result(LISTING)) == ["UPSTREAM_UNAVAILABLE"]
    assert await gateway.calls(Platform.V2REST) == FAILURES
    clock.advance(1)
    assert (await statuses(gateway))["V2REST"]["breaker"] == "HALF_OPEN"
    data = await gateway.query(LISTING)
    assert data["accounts"]["nodes"]
    assert await gateway.calls(Platform.V2REST) == FAILURES + 1  # the probe
    assert (await statuses(gateway))["V2REST"]["breaker"] == "CLOSED"
    await gateway.query(LISTING)
    assert await gateway.calls(Platform.V2REST) == FAILURES + 2


async def test_a_failed_probe_opens_the_circuit_again(gateway, clock):
    await open_v2_circuit(gateway)
    clock.advance(COOLDOWN)
    assert codes(await gateway.result(LISTING)) == ["UPSTREAM_UNAVAILABLE"]
    assert await gateway.calls(Platform.V2REST) == FAILURES + 1  # the probe, which failed
    body = await gateway.result(LISTING)
    assert "circuit open" in body["errors"][0]["message"]
    assert await gateway.calls(Platform.V2REST) == FAILURES + 1
    assert (await statuses(gateway))["V2REST"]["breaker"] == "OPEN"


async def test_writes_are_refused_while_the_circuit_is_open(gateway):
    await open_v2_circuit(gateway)
    body = await gateway.result(
        "mutation($input: SetAccountStatusInput!) { setAccountStatus(input: $input) "
        "{ account { status } userErrors { code } } }",
        {"input": {"accountId": gid("Account", ACCOUNT), "active": False}},
    )
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
    assert error["extensions"]["outcome"] == "NOT_APPLIED"  # nothing was sent
    assert "circuit open" in error["message"]
    assert await gateway.calls(Platform.V2REST) == FAILURES


async def test_answers_that_cannot_be_read_open_the_circuit(gateway):
    await gateway.fault(
        platform="maxmailer", kind="status", status=200, body="<html>oops</html>", count=None
    )
    listing = "{ accounts(platform: MAXMAILER) { nodes { username } } }"
    for _ in range(FAILURES):
        assert codes(await gateway.result(listing)) == ["UPSTREAM_BAD_RESPONSE"]
    body = await gateway.result(listing)
    assert codes(body) == ["UPSTREAM_UNAVAILABLE"]
    assert "circuit open" in body["errors"][0]["message"]
    assert await gateway.calls(Platform.MAXMAILER) == FAILURES


async def test_refusals_never_open_the_circuit(gateway):
    blocked = json.dumps({"status": False, "code": 403, "message": "Access to this API is blocked"})
    await gateway.fault(platform="v2rest", kind="status", status=403, body=blocked, count=5)
    for _ in range(5):
        assert codes(await gateway.result(LISTING)) == ["FORBIDDEN"]
    assert (await gateway.query(LISTING))["accounts"]["nodes"]
    assert await gateway.calls(Platform.V2REST) == 6
    assert (await statuses(gateway))["V2REST"]["breaker"] == "CLOSED"


async def test_a_success_resets_the_count_of_failures(gateway):
    await gateway.fault(platform="v2rest", kind="status", status=503, count=FAILURES - 1)
    for _ in range(FAILURES - 1):
        assert codes(await gateway.result(LISTING)) == ["UPSTREAM_UNAVAILABLE"]
    await gateway.query(LISTING)
    await gateway.fault(platform="v2rest", kind="status", status=503, count=FAILURES - 1)
    for _ in range(FAILURES - 1):
        assert codes(await gateway.result(LISTING)) == ["UPSTREAM_UNAVAILABLE"]
    await gateway.query(LISTING)
    assert await gateway.calls(Platform.V2REST) == 2 * FAILURES


def test_a_half_open_circuit_lets_one_probe_through_at_a_time():
    clock = FakeClock()
    breaker = CircuitBreaker(Platform.OEMPRO, failures=2, cooldown=10, clock=clock)
    for _ in range(2):
        assert breaker.admit("Lists.Get") is False
        breaker.failed(probe=False)
    assert breaker.state is BreakerState.OPEN
    with pytest.raises(CircuitOpen):
        breaker.admit("Lists.Get")
    clock.advance(10)
    assert breaker.state is BreakerState.HALF_OPEN
    assert breaker.admit("Lists.Get") is True  # the probe
    with pytest.raises(CircuitOpen):
        breaker.admit("Lists.Get")  # the others wait for its verdict
    breaker.released(probe=True)  # no verdict (the request's deadline, say): the next probes
    assert breaker.admit("Lists.Get") is True
    breaker.succeeded(probe=True)
    assert breaker.state is BreakerState.CLOSED
    assert breaker.admit("Lists.Get") is False


def test_a_breaker_with_no_failure_limit_never_opens():
    breaker = CircuitBreaker(Platform.V2REST, failures=0, cooldown=10, clock=FakeClock())
    for _ in range(100):
        breaker.admit("GET /r")
        breaker.failed(probe=False)
    assert breaker.state is BreakerState.CLOSED
