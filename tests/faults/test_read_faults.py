"""One platform failing under a query across all three: each fault the emulators inject, on each
platform in turn.

For every fault: the failing platform's field is null with a typed error at its path (its code
and platform, nothing of the endpoint or the HTTP status), the other two platforms' data is what
a fault-free gateway answers, and the answer comes within the request's deadline. The breaker
of the failing platform is CLOSED after one failure, OPEN after two; then the platform's field
fails at once with UPSTREAM_UNAVAILABLE and nothing reaches its emulator, while the others keep
answering.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.faults.conftest import (
    ACROSS,
    BREAKER_FAILURES,
    PLATFORM_NAMES,
    READ_ENDPOINT,
    SLOW_MS,
    down_settings,
    open_stage,
    within,
)
from tests.resilience.conftest import statuses

pytestmark = pytest.mark.live

PLATFORMS = list(PLATFORM_NAMES)

FAULTS: dict[str, tuple[dict[str, Any] | None, str]] = {
    "latency": ({"kind": "latency", "latency_ms": SLOW_MS}, "UPSTREAM_TIMEOUT"),
    "status": ({"kind": "status", "status": 503}, "UPSTREAM_UNAVAILABLE"),
    "malformed": ({"kind": "malformed"}, "UPSTREAM_BAD_RESPONSE"),
    "hang": ({"kind": "hang"}, "UPSTREAM_TIMEOUT"),
    "reset": ({"kind": "reset"}, "UPSTREAM_UNAVAILABLE"),
    "down": (None, "UPSTREAM_UNAVAILABLE"),
}
"""Fault name -> the fault armed (None: the platform's URL is a closed port) and the code its
field fails with."""

STATUS_AS_CODE = {"v2rest"}
"""Platforms whose 5xx answer without an envelope of their own is told with the HTTP status as
its legacy code: v2 REST's codes are its HTTP statuses. Oempro's and Maxmailer's are not, so
the status of such an answer goes to the log only."""

TRANSPORT_BOUND = {"hang", "reset", "down"}
"""Faults each upstream transport reports in its own way: tried over both."""

CASES = [
    pytest.param(fault, platform, transport, id=f"{fault}-{platform}-{transport}")
    for fault in FAULTS
    for platform in PLATFORMS
    for transport in (["aiohttp", "httpx"] if fault in TRANSPORT_BOUND else ["aiohttp"])
]

LEAKS = ("http", "/", "503", "api.php", "SubAccounts", "ListUsers", "Clients.Get")
"""What an error must not tell a client: URLs, paths, HTTP statuses, endpoints."""


def assert_typed_failure(
    body: dict[str, Any], platform: str, code: str, **more: str
) -> dict[str, Any]:
    """One error, typed ``code`` for ``platform`` (and ``more`` extensions), at a path in
    ``platform``'s field, and null there; the error."""
    [error] = body["errors"]
    path = error["path"]
    assert path[0] == platform
    value = body["data"]
    for key in path:
        value = value[key]
    assert value is None
    assert error["extensions"] == {"code": code, "platform": PLATFORM_NAMES[platform], **more}
    for leak in LEAKS:
        assert leak not in error["message"], error["message"]
    return error  # type: ignore[no-any-return]


def others(platform: str) -> list[str]:
    """Every platform but ``platform``."""
    return [other for other in PLATFORMS if other != platform]


def assert_others_answered(body: dict[str, Any], platform: str, clean: dict[str, Any]) -> None:
    """Every platform but ``platform`` answered as with no fault at all."""
    for other in others(platform):
        assert body["data"][other] == clean[other]


@pytest.mark.parametrize(("fault", "platform", "transport"), CASES)
async def test_a_failing_platform_nulls_its_field_then_opens_its_circuit(
    emulators, server, clean, fault, platform, transport
):
    spec, code = FAULTS[fault]
    more, refused_more = {}, {}
    if platform in STATUS_AS_CODE and spec is not None and spec["kind"] == "status":
        more["legacyCode"] = str(spec["status"])
    extra: dict[str, Any] = {"upstream_transport": transport}
    if spec is None:
        extra.update(down_settings(emulators, platform))
    async with open_stage(emulators, server, **extra) as stage:
        await stage.warm(*(PLATFORMS if spec is not None else others(platform)))
        if spec is not None:
            await stage.arm(platform, endpoint=READ_ENDPOINT[platform], **spec)

        first = await stage.result(ACROSS)
        assert_typed_failure(first, platform, code, **more)
        assert_others_answered(first, platform, clean)
        breakers = await stage.breakers()
        assert set(breakers.values()) == {"CLOSED"}

        for _ in range(BREAKER_FAILURES - 1):
            again = await stage.result(ACROSS)
            assert_typed_failure(again, platform, code, **more)
            assert_others_answered(again, platform, clean)
        found = await within(statuses(stage.gateway))
        failing = found.pop(PLATFORM_NAMES[platform])
        assert failing["breaker"] == "OPEN"
        assert failing["lastError"]["code"] == code
        assert {entry["breaker"] for entry in found.values()} == {"CLOSED"}

        reached = stage.calls(platform)
        if spec is None:
            assert reached == 0  # a closed port: nothing ever reached the platform
        else:
            # Each failure was a call that reached it (the aiohttp pool sends a GET cut by a
            # reset once more on its own: more calls, still one failure each).
            assert stage.calls(platform, READ_ENDPOINT[platform]) >= BREAKER_FAILURES
        refused = await stage.result(ACROSS)
        error = assert_typed_failure(refused, platform, "UPSTREAM_UNAVAILABLE", **refused_more)
        assert "circuit open" in error["message"]
        assert_others_answered(refused, platform, clean)
        assert stage.calls(platform) == reached  # failed fast: nothing reached the platform
