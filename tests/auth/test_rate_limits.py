"""Rate limits: a token bucket per key (per client address when open), checked after
authentication and before the answer cache; past it, 429 with ``Retry-After`` and
``RATE_LIMITED``. In memory (an injected clock, never a sleep) and in Redis, where several
gateways share each key's budget."""

from __future__ import annotations

import pytest
from httpx_ws import WebSocketDisconnect, aconnect_ws

from mailgql.auth.rate import MemoryRateLimiter, RedisRateLimiter, retry_after
from tests.auth.conftest import FakeClock, bearer, make_key, open_secured, post

ME = "{ me(platform: V2REST) { username } }"


def assert_limited(response, seconds: int) -> None:
    """A 429 asking to retry in ``seconds``, with its one error."""
    assert response.status_code == 429, response.text
    assert response.headers["retry-after"] == str(seconds)
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "RATE_LIMITED"


async def test_past_the_burst_a_key_waits_for_its_bucket_to_refill(emulators):
    clock = FakeClock()
    key = make_key("reader")
    limiter = MemoryRateLimiter(0.5, 2, clock=clock)
    async with open_secured(emulators, key, rate_limiter=limiter) as gateway:
        assert (await post(gateway, ME, key)).status_code == 200
        assert (await post(gateway, ME, key)).status_code == 200
        await gateway.reset_calls()
        assert_limited(await post(gateway, ME, key), 2)  # one token in 2 s
        assert await gateway.calls() == 0
        clock.advance(1)
        assert_limited(await post(gateway, ME, key), 1)
        clock.advance(1)
        assert (await post(gateway, ME, key)).status_code == 200


async def test_each_key_has_its_own_budget(emulators):
    clock = FakeClock()
    a, b = make_key("reader"), make_key("reader")
    async with open_secured(
        emulators, a, b, rate_limiter=MemoryRateLimiter(1, 1, clock=clock)
    ) as gateway:
        assert (await post(gateway, ME, a)).status_code == 200
        assert_limited(await post(gateway, ME, a), 1)
        assert (await post(gateway, ME, b)).status_code == 200


async def test_a_kept_answer_is_limited_too(emulators):
    key = make_key("reader")
    limiter = MemoryRateLimiter(1, 2, clock=FakeClock())
    async with open_secured(emulators, key, rate_limiter=limiter, cache_ttl=30) as gateway:
        assert (await post(gateway, ME, key)).status_code == 200
        assert (await post(gateway, ME, key)).status_code == 200  # the kept answer
        assert_limited(await post(gateway, ME, key), 1)


async def test_authentication_comes_first_a_refused_request_takes_no_token(emulators):
    key = make_key("reader")
    limiter = MemoryRateLimiter(1, 1, clock=FakeClock())
    async with open_secured(emulators, key, rate_limiter=limiter) as gateway:
        for _ in range(3):
            assert (await post(gateway, ME)).status_code == 401
            assert (await post(gateway, ME, make_key("reader"))).status_code == 401
        assert (await post(gateway, ME, key)).status_code == 200


async def test_an_open_gateway_limits_each_client_address(emulators):
    limiter = MemoryRateLimiter(1, 1, clock=FakeClock())
    async with (
        open_secured(emulators, rate_limiter=limiter, client_address=("10.0.0.1", 1)) as one,
        open_secured(emulators, rate_limiter=limiter, client_address=("10.0.0.2", 1)) as two,
    ):
        assert (await post(one, ME)).status_code == 200
        assert_limited(await post(one, ME), 1)
        assert (await post(two, ME)).status_code == 200


async def test_the_settings_turn_limits_on_and_off(emulators):
    key = make_key("reader")
    async with open_secured(emulators, key, rate_limit=0.001, rate_burst=1) as gateway:
        assert (await post(gateway, ME, key)).status_code == 200
        response = await post(gateway, ME, key)
        assert response.status_code == 429
        assert int(response.headers["retry-after"]) >= 900
    async with open_secured(emulators, key, rate_limit=0) as gateway:
        for _ in range(5):
            assert (await post(gateway, ME, key)).status_code == 200


@pytest.mark.parametrize(("wait", "header"), [(0.001, 1), (0.5, 1), (1.0, 1), (1.01, 2), (4, 4)])
def test_retry_after_is_whole_seconds_at_least_one(wait, header):
    assert retry_after(wait) == header


def test_the_settings_have_safe_defaults():
    from mailgql.settings import Settings

    settings = Settings()
    assert settings.rate_limit > 0
    assert settings.rate_burst >= settings.rate_limit


# -- Redis ---------------------------------------------------------------------------------------


async def test_two_gateways_sharing_redis_share_each_keys_budget(emulators, redis_url):
    key = make_key("reader")
    # A refill of one token in 1000 s: nothing comes back while the test runs.
    settings = {"redis_url": redis_url, "rate_limit": 0.001, "rate_burst": 3}
    async with (
        open_secured(emulators, key, **settings) as one,
        open_secured(emulators, key, **settings) as two,
    ):
        assert (await post(one, ME, key)).status_code == 200
        assert (await post(two, ME, key)).status_code == 200
        assert (await post(one, ME, key)).status_code == 200
        assert (await post(two, ME, key)).status_code == 429
        assert (await post(one, ME, key)).status_code == 429
        other = make_key("reader")
    async with open_secured(emulators, other, **settings) as three:
        assert (await post(three, ME, other)).status_code == 200


async def test_the_redis_bucket_refills_with_the_clock(redis_url):
    clock = FakeClock()
    one = RedisRateLimiter(redis_url, 2, 2, clock=clock)
    two = RedisRateLimiter(redis_url, 2, 2, clock=clock)
    try:
        assert await one.take("key:a") == 0
        assert await two.take("key:a") == 0
        assert await one.take("key:a") == pytest.approx(0.5)
        clock.advance(0.25)
        assert await two.take("key:a") == pytest.approx(0.25)
        clock.advance(0.25)
        assert await two.take("key:a") == 0
        assert await one.take("key:b") == 0
        clock.advance(100)  # refilled up to the burst, never beyond
        assert [await one.take("key:a") for _ in range(3)][:2] == [0, 0]
    finally:
        await one.aclose()
        await two.aclose()


async def test_a_redis_that_does_not_answer_lets_requests_through(caplog):
    limiter = RedisRateLimiter("redis://127.0.0.1:1/0", 1, 1, clock=FakeClock())
    try:
        assert await limiter.take("key:a") == 0
        assert await limiter.take("key:a") == 0
    finally:
        await limiter.aclose()
    assert "rate limit store failed" in caplog.text


async def test_a_websocket_takes_a_token_when_it_is_admitted(emulators):
    key = make_key("reader")
    limiter = MemoryRateLimiter(1, 1, clock=FakeClock())
    async with open_secured(emulators, key, rate_limiter=limiter) as gateway:
        codes = []
        for _ in range(2):
            async with aconnect_ws(
                "/graphql", gateway.client, subprotocols=["graphql-transport-ws"]
            ) as ws:
                await ws.send_json({"type": "connection_init", "payload": bearer(key)})
                try:
                    codes.append((await ws.receive_json())["type"])
                except WebSocketDisconnect as closed:
                    codes.append(closed.code)
        assert codes == ["connection_ack", 4403]
        assert_limited(await post(gateway, ME, key), 1)
