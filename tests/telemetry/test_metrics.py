"""``/metrics`` after known queries: upstream calls equal to what the emulators received, by
platform and command; requests by operation and outcome; cache hits and misses; loader batches;
circuit state; and who may read the page."""

from __future__ import annotations

from collections import Counter

from mailgql.auth.keys import new_key
from mailgql.auth.roles import Role
from mailgql.platforms import Platform
from tests.conftest import Gateway, open_gateway
from tests.graph.maxmailer_helpers import gid, one_time_user
from tests.telemetry.scrape import Scrape

DASHBOARD = """query Dashboard {
  v2: me(platform: V2REST) {
    subAccounts(first: 3) { nodes { username inheritedSegments { totalCount } } }
  }
  oempro: me(platform: OEMPRO) { lists(first: 3) { nodes { name subscriberCount } } }
  maxmailer: me(platform: MAXMAILER) {
    subAccounts(first: 3) { nodes { username quota { sendsAvailable } } }
  }
}"""
"""One read on each platform: v2 1 + 3 calls, Oempro 1 + 1 + 3 (login, lists, counts),
Maxmailer 1 + 3 (listing, usage per account)."""


async def test_upstream_calls_are_counted_by_platform_and_command_as_the_emulators_saw_them(
    gateway: Gateway,
):
    scrape = await Scrape(gateway).start()
    await gateway.query(DASHBOARD)
    await scrape.stop()
    for platform in Platform:
        received = Counter(await gateway.counts(platform))
        assert received, f"the document calls {platform.value}"
        calls = scrape.by("mailgql_upstream_requests_total", "command", platform=platform.value)
        assert calls == received
        assert scrape.delta(
            "mailgql_upstream_requests_total", platform=platform.value, outcome="ok"
        ) == await gateway.calls(platform)
        timed = scrape.delta(
            "mailgql_upstream_request_duration_seconds_count", platform=platform.value
        )
        assert timed == await gateway.calls(platform)
    assert await gateway.calls() == 4 + 5 + 4
    assert scrape.by("mailgql_upstream_requests_total", "command", platform="v2rest") == {
        "GET /Users/SubAccounts": 1,
        "GET /Users/InheritSegments": 3,
    }


async def test_requests_are_counted_by_operation_and_outcome(gateway: Gateway):
    scrape = await Scrape(gateway).start()
    await gateway.query(DASHBOARD)
    await gateway.query("{ me(platform: V2REST) { username } }")
    invalid = await gateway.result("query Broken { me(platform: V2REST) { nope } }")
    assert invalid["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    await scrape.stop()
    assert scrape.by("mailgql_requests_total", "operation") == {
        "Dashboard": 1,
        "(anonymous)": 1,
        "Broken": 1,
    }
    assert scrape.by("mailgql_requests_total", "outcome") == {"success": 2, "graphql_error": 1}
    assert scrape.delta("mailgql_requests_total", operation="Broken", outcome="graphql_error") == 1
    assert scrape.delta("mailgql_request_duration_seconds_count", operation="Dashboard") == 1


async def test_a_field_error_from_a_failing_platform_counts_as_a_graphql_error(gateway: Gateway):
    await gateway.fault(platform="v2rest", kind="status", status=503, count=None)
    scrape = await Scrape(gateway).start()
    body = await gateway.result("query Accounts { accounts(platform: V2REST) { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
    await scrape.stop()
    assert scrape.by("mailgql_requests_total", "outcome") == {"graphql_error": 1}
    tries = await gateway.calls(Platform.V2REST)
    assert tries == 3  # the read and its two retries, each counted with its outcome
    assert scrape.by("mailgql_upstream_requests_total", "outcome", platform="v2rest") == {
        "server_error": 3
    }


async def test_a_request_without_a_key_counts_as_unauthenticated(emulators):
    key, entry = new_key(Role.ADMIN)
    async with open_gateway(emulators, api_keys=entry.entry) as gateway:
        admin = {"Authorization": f"Bearer {key}"}
        scrape = await Scrape(gateway, admin).start()
        refused = await gateway.post("{ me(platform: V2REST) { username } }")
        assert refused.status_code == 401
        answered = await gateway.client.post(
            "/graphql",
            json={"query": "query Me { me(platform: V2REST) { username } }"},
            headers=admin,
        )
        assert answered.status_code == 200
        await scrape.stop()
    assert (
        scrape.delta("mailgql_requests_total", operation="(unknown)", outcome="unauthenticated")
        == 1
    )
    assert scrape.delta("mailgql_requests_total", operation="Me", outcome="success") == 1
    assert scrape.delta("mailgql_requests_total") == 2


async def test_cache_hits_and_misses_are_counted_by_platform_and_kind(emulators):
    query = "{ me(platform: OEMPRO) { lists(first: 3) { nodes { name subscriberCount } } } }"
    async with open_gateway(emulators, cache_ttl=30, cache_responses=False) as gateway:
        scrape = await Scrape(gateway).start()
        await gateway.query(query)
        await scrape.stop()
        assert scrape.by("mailgql_cache_reads_total", "result", platform="oempro") == {"miss": 4}
        assert scrape.by("mailgql_cache_reads_total", "kind", platform="oempro", result="miss") == {
            "lists": 1,
            "subscriber_counts": 3,
        }
        calls = await gateway.calls()
        scrape = await Scrape(gateway).start()
        await gateway.query(query)
        await scrape.stop()
        assert await gateway.calls() == calls  # every read came from the cache
        assert scrape.by("mailgql_cache_reads_total", "result", platform="oempro") == {"hit": 4}
        assert scrape.delta("mailgql_upstream_requests_total") == 0


async def test_loader_batch_sizes_are_observed_per_loader(gateway: Gateway):
    scrape = await Scrape(gateway).start()
    await gateway.query(DASHBOARD)
    await scrape.stop()
    # One batch of the three accounts' usage, one of the three lists' counts.
    assert scrape.delta("mailgql_loader_batch_size_count", loader="UserByIdLoader") == 1
    assert scrape.delta("mailgql_loader_batch_size_sum", loader="UserByIdLoader") == 3
    assert scrape.delta("mailgql_loader_batch_size_count", loader="SubscriberCountLoader") == 1
    assert scrape.delta("mailgql_loader_batch_size_sum", loader="SubscriberCountLoader") == 3
    assert (
        scrape.delta("mailgql_loader_batch_size_bucket", loader="SubscriberCountLoader", le="2.0")
        == 0
    )
    assert (
        scrape.delta("mailgql_loader_batch_size_bucket", loader="SubscriberCountLoader", le="5.0")
        == 1
    )


async def test_the_breaker_state_and_calls_not_sent_are_exposed(emulators):
    listing = "{ accounts(platform: V2REST) { totalCount } }"
    async with open_gateway(emulators, breaker_failures=2, read_retries=0) as gateway:
        scrape = await Scrape(gateway).start()
        assert (
            scrape.before[("mailgql_upstream_breaker_state", frozenset({("platform", "v2rest")}))]
            == 0
        )
        await gateway.fault(platform="v2rest", kind="status", status=503, count=None)
        for _ in range(3):
            await gateway.result(listing)
        await scrape.stop()
        assert await gateway.calls(Platform.V2REST) == 2  # the third was never sent
    assert (
        scrape.after[("mailgql_upstream_breaker_state", frozenset({("platform", "v2rest")}))] == 2
    )
    assert (
        scrape.delta("mailgql_upstream_breaker_transitions_total", platform="v2rest", state="OPEN")
        == 1
    )
    assert scrape.by("mailgql_upstream_not_sent_total", "reason", platform="v2rest") == {
        "circuit_open": 1
    }
    assert scrape.delta("mailgql_upstream_requests_total", platform="v2rest") == 2


async def test_metrics_need_an_admin_key_when_keys_are_configured(emulators):
    admin, admin_entry = new_key(Role.ADMIN)
    reader, reader_entry = new_key(Role.READER)
    entries = f"{admin_entry.entry},{reader_entry.entry}"
    async with open_gateway(emulators, api_keys=entries) as gateway:
        anonymous = await gateway.client.get("/metrics")
        assert anonymous.status_code == 401
        assert anonymous.headers["www-authenticate"].startswith("Bearer")
        as_reader = await gateway.client.get(
            "/metrics", headers={"Authorization": f"Bearer {reader}"}
        )
        assert as_reader.status_code == 403
        as_admin = await gateway.client.get(
            "/metrics", headers={"Authorization": f"Bearer {admin}"}
        )
        assert as_admin.status_code == 200
        assert "mailgql_requests_total" in as_admin.text


async def test_a_metrics_token_replaces_keys_for_the_scraper(emulators):
    admin, admin_entry = new_key(Role.ADMIN)
    token = "scrape-token-2f6c1d9e"
    async with open_gateway(emulators, api_keys=admin_entry.entry, metrics_token=token) as gateway:
        scraped = await gateway.client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
        assert scraped.status_code == 200
        wrong = await gateway.client.get("/metrics", headers={"Authorization": f"Bearer {admin}"})
        assert wrong.status_code == 401
        assert token not in scraped.text


async def test_metrics_are_open_on_an_open_gateway_and_can_be_turned_off(emulators, gateway):
    assert (await gateway.client.get("/metrics")).status_code == 200
    async with open_gateway(emulators, metrics=False) as closed:
        assert (await closed.client.get("/metrics")).status_code == 404


async def test_no_secret_reaches_the_metrics(gateway: Gateway):
    await gateway.query(DASHBOARD)
    text = (await gateway.client.get("/metrics")).text
    secrets = {s for p in gateway.emulators.platforms.values() for s in p.secrets() if len(s) >= 6}
    assert secrets, "the emulators hold secrets to look for"
    assert [s for s in secrets if s in text] == []


async def test_an_answer_from_the_answer_cache_counts_as_cached_under_its_operation(emulators):
    query = "query Names { me(platform: V2REST) { subAccounts(first: 2) { nodes { username } } } }"
    async with open_gateway(emulators, cache_ttl=30) as gateway:
        scrape = await Scrape(gateway).start()
        first = await gateway.query(query)
        assert await gateway.query(query) == first
        await scrape.stop()
        assert await gateway.calls() == 1
    assert scrape.by("mailgql_requests_total", "outcome", operation="Names") == {
        "success": 1,
        "cached": 1,
    }


async def test_a_replayed_mutation_counts_as_replayed_and_calls_nothing_again(gateway: Gateway):
    account = gid("Account", one_time_user(gateway.emulators).id)  # AddCredit applies to it
    body = {
        "query": "mutation Credit($input: AddSendCreditInput!) { addSendCredit(input: $input) "
        "{ userErrors { code } } }",
        "variables": {"input": {"accountId": account, "credits": 5}},
    }
    headers = {"Idempotency-Key": "telemetry-credit-1"}
    scrape = await Scrape(gateway).start()
    first = await gateway.client.post("/graphql", json=body, headers=headers)
    again = await gateway.client.post("/graphql", json=body, headers=headers)
    await scrape.stop()
    assert first.json() == again.json() == {"data": {"addSendCredit": {"userErrors": []}}}
    assert again.headers["idempotent-replayed"] == "true"
    assert scrape.by("mailgql_requests_total", "outcome", operation="Credit") == {
        "success": 1,
        "replayed": 1,
    }
    assert (await gateway.counts(Platform.MAXMAILER))["AddCredit"] == 1
    assert scrape.delta("mailgql_upstream_requests_total", command="AddCredit", outcome="ok") == 1


async def test_an_open_circuit_whose_cool_down_ended_reads_half_open(emulators):
    from tests.resilience.conftest import FakeClock

    clock = FakeClock()
    state = ("mailgql_upstream_breaker_state", frozenset({("platform", "maxmailer")}))
    async with open_gateway(
        emulators, clock=clock, breaker_failures=1, breaker_cooldown=10, read_retries=0
    ) as gateway:
        await gateway.fault(platform="maxmailer", kind="status", status=503, count=1)
        await gateway.result("{ accounts(platform: MAXMAILER) { totalCount } }")
        scrape = await Scrape(gateway).start()
        assert scrape.before[state] == 2
        clock.advance(10)
        await scrape.stop()
        assert scrape.after[state] == 1  # the next call will probe
        await gateway.query("{ accounts(platform: MAXMAILER) { totalCount } }")
        await scrape.stop()
    assert scrape.after[state] == 0
    assert scrape.by(
        "mailgql_upstream_breaker_transitions_total", "state", platform="maxmailer"
    ) == {
        "HALF_OPEN": 1,
        "CLOSED": 1,
    }
