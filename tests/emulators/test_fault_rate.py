"""Faults armed with a rate: a seeded fraction of the matching requests takes them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from mailgql.emulators import Emulators, build_emulators
from mailgql.emulators.faults import Fault, Faults


async def taken(faults: Faults, n: int) -> list[bool]:
    """Which of ``n`` requests to one v2 endpoint got an injected answer."""
    return [
        await faults.intercept("v2rest", "GET /Users/SubAccounts") is not None for _ in range(n)
    ]


async def test_a_rate_injects_a_seeded_fraction_of_the_matching_requests() -> None:
    first, second = Faults(), Faults()
    for faults in (first, second):
        faults.arm(Fault(platform="v2rest", kind="status", remaining=None, rate=0.05, seed=7))
    seen = await taken(first, 4000)
    assert 150 <= sum(seen) <= 250
    assert await taken(second, 4000) == seen
    assert first.armed()[0].injected == sum(seen)


async def test_a_passed_over_request_does_not_use_up_the_count() -> None:
    faults = Faults()
    faults.arm(Fault(platform="v2rest", kind="status", remaining=3, rate=0.5, seed=1))
    assert sum(await taken(faults, 200)) == 3
    assert not faults.armed()


async def test_rate_one_and_zero_are_every_and_no_request() -> None:
    faults = Faults()
    faults.arm(Fault(platform="v2rest", kind="status", remaining=None, rate=0.0))
    assert not any(await taken(faults, 50))
    faults.clear()
    faults.arm(Fault(platform="v2rest", kind="status", remaining=None))
    assert all(await taken(faults, 50))
    with pytest.raises(ValueError, match="rate"):
        Fault(platform="v2rest", kind="status", rate=1.5)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    emulators: Emulators = build_emulators(seed=1, size="small")
    transport = httpx.ASGITransport(app=emulators.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as http:
        yield http


@pytest.mark.parametrize("rate", [-0.1, 1.01, "half", True])
async def test_the_control_route_refuses_a_bad_rate(
    client: httpx.AsyncClient, rate: object
) -> None:
    spec = {"platform": "v2rest", "kind": "status", "rate": rate}
    response = await client.post("/_emulator/faults", json=spec)
    assert response.status_code == 400
    assert "rate" in response.json()["error"]


async def test_the_control_route_arms_a_rate_and_shows_what_it_injected(
    client: httpx.AsyncClient,
) -> None:
    spec = {"platform": "v2rest", "kind": "status", "count": None, "rate": 0.25, "seed": 3}
    assert (await client.post("/_emulator/faults", json=spec)).status_code == 200
    bad = await client.post("/_emulator/faults", json={**spec, "seed": "x"})
    assert bad.status_code == 400
    statuses = [
        (await client.get("/v2rest/v2.0/Users/SubAccounts")).status_code for _ in range(200)
    ]
    armed = (await client.get("/_emulator/faults")).json()["faults"]
    assert armed[0]["rate"] == 0.25
    assert armed[0]["injected"] == statuses.count(503)
    assert 25 <= statuses.count(503) <= 75
