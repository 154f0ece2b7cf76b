"""Whole answers kept for repeated queries: what is kept, what is not, and the eviction of every
answer that showed what a write changed (its tags), and of no other."""

from __future__ import annotations

import pytest

from mailgql.cache.backend import Answer
from mailgql.cache.memory import MemoryBackend
from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.v2_helpers import ACCOUNT, EMPTY_ACCOUNT, gid
from tests.telemetry.scrape import Scrape

V2 = Platform.V2REST
GRJ = "application/graphql-response+json"
JSON = "application/json"
ANSWERS = {"cache_ttl": 30, "cache_responses": True}
INHERITED = """query Inherited($id: ID!) { node(id: $id) { ... on Account {
  username inheritedLists { totalCount nodes { id name } } } } }"""
INHERIT = """mutation Inherit($input: InheritListsInput!) {
  inheritLists(input: $input) { account { username } userErrors { code message } } }"""


async def test_a_repeated_query_is_answered_without_executing_it(emulators):
    async with open_gateway(emulators, **ANSWERS) as gateway:
        variables = {"id": gid("Account", ACCOUNT)}
        first = await gateway.client.post(
            "/graphql", json={"query": INHERITED, "variables": variables}, headers={"Accept": GRJ}
        )
        calls = await gateway.calls(V2)
        again = await gateway.client.post(
            "/graphql", json={"query": INHERITED, "variables": variables}, headers={"Accept": JSON}
        )
        assert again.status_code == 200
        assert again.content == first.content
        assert again.headers["content-type"] == f"{JSON}; charset=utf-8"  # by this request's Accept
        assert await gateway.calls(V2) == calls

        # the same document over GET is the same operation
        got = await gateway.client.get(
            "/graphql",
            params={"query": INHERITED, "variables": f'{{"id": "{variables["id"]}"}}'},
            headers={"Accept": GRJ},
        )
        assert got.content == first.content
        assert await gateway.calls(V2) == calls


async def test_other_variables_are_another_operation(emulators):
    async with open_gateway(emulators, **ANSWERS) as gateway:
        one = await gateway.query(INHERITED, {"id": gid("Account", ACCOUNT)})
        calls = await gateway.calls(V2)
        other = await gateway.query(INHERITED, {"id": gid("Account", EMPTY_ACCOUNT)})
        assert other != one
        assert await gateway.calls(V2) > calls


async def test_a_write_evicts_the_answers_that_showed_what_it_changed_and_no_other(emulators):
    async with open_gateway(emulators, **ANSWERS) as gateway:
        changed = {"id": gid("Account", EMPTY_ACCOUNT)}
        untouched = {"id": gid("Account", ACCOUNT)}
        before = await gateway.query(INHERITED, changed)
        kept = await gateway.query(INHERITED, untouched)
        assert before["node"]["inheritedLists"]["totalCount"] == 0

        payload = await gateway.query(
            INHERIT, {"input": {"accountId": changed["id"], "listIds": ["7601"]}}
        )
        assert payload["inheritLists"]["userErrors"] == []
        await gateway.reset_calls()

        after = await gateway.query(INHERITED, changed)
        assert after["node"]["inheritedLists"]["totalCount"] == 1
        assert [n["name"] for n in after["node"]["inheritedLists"]["nodes"]] != []
        # executed again: its inherited lists were read anew (the listing is still held)
        assert await gateway.counts(V2) == {"GET /Users/InheritLists": 1}

        await gateway.reset_calls()
        assert await gateway.query(INHERITED, untouched) == kept
        assert await gateway.calls(V2) == 0  # that answer showed nothing the write changed


async def test_a_mutation_is_never_answered_from_the_cache(emulators):
    async with open_gateway(emulators, **ANSWERS) as gateway:
        variables = {"input": {"accountId": gid("Account", ACCOUNT), "listIds": ["7601"]}}
        for attempt in (1, 2):
            payload = await gateway.query(INHERIT, variables)
            assert payload["inheritLists"]["userErrors"] == []
            assert (await gateway.counts(V2))["PUT /Users/InheritLists"] == attempt


async def test_an_answer_with_errors_is_not_kept(emulators):
    async with open_gateway(emulators, **ANSWERS) as gateway:
        await gateway.fault(
            platform="v2rest",
            kind="status",
            status=503,
            endpoint="GET /Users/InheritLists",
            count=None,
        )
        failed = await gateway.result(INHERITED, {"id": gid("Account", ACCOUNT)})
        assert failed["errors"]
        await gateway.emulator.delete("/_emulator/faults")

        answered = await gateway.query(INHERITED, {"id": gid("Account", ACCOUNT)})
        assert answered["node"]["inheritedLists"]["totalCount"] == 2


@pytest.mark.parametrize("header", ["no-cache", "no-store", "max-age=0, no-cache"])
async def test_cache_control_executes_the_query_again(emulators, header):
    async with open_gateway(emulators, **ANSWERS) as gateway:
        variables = {"id": gid("Account", ACCOUNT)}
        await gateway.query(INHERITED, variables)
        calls = await gateway.calls(V2)
        response = await gateway.client.post(
            "/graphql",
            json={"query": INHERITED, "variables": variables},
            headers={"Cache-Control": header},
        )
        assert "errors" not in response.json()
        assert await gateway.calls(V2) == 2 * calls


async def test_with_answers_off_every_request_executes(emulators):
    async with open_gateway(emulators, cache_ttl=30, cache_responses=False) as gateway:
        variables = {"id": gid("Account", ACCOUNT)}
        await gateway.query(INHERITED, variables)
        await gateway.reset_calls()
        await gateway.fault(
            platform="v2rest",
            kind="status",
            status=503,
            endpoint="GET /Users/SubAccounts",
            count=None,
        )
        # executed again, from the reads kept: the fault is never reached
        assert (await gateway.query(INHERITED, variables))["node"]["username"] == ACCOUNT
        assert await gateway.calls(V2) == 0


BIG = """query Big { accounts(platform: V2REST, first: 50) { nodes {
  id username name email timezone createdAt inheritedLists { totalCount nodes { id name } } } } }"""


@pytest.mark.parametrize(("max_bytes", "kept"), [(1_000_000, True), (1_000, False)])
async def test_an_answer_over_the_size_limit_is_built_again_each_time(emulators, max_bytes, kept):
    async with open_gateway(emulators, **ANSWERS, cache_answer_max_bytes=max_bytes) as gateway:
        first = await gateway.client.post("/graphql", json={"query": BIG})
        assert 1_000 < len(first.content) < 1_000_000
        scrape = await Scrape(gateway).start()
        again = await gateway.client.post("/graphql", json={"query": BIG})
        await scrape.stop()
        assert again.content == first.content
        cached = scrape.delta("mailgql_requests_total", operation="Big", outcome="cached")
        executed = scrape.delta("mailgql_requests_total", operation="Big", outcome="success")
        assert (cached, executed) == ((1, 0) if kept else (0, 1))


async def test_answers_in_memory_stay_within_their_byte_budget() -> None:
    backend = MemoryBackend(max_entries=100, max_response_bytes=10_000)
    for index in range(5):
        assert await backend.store_response(
            f"a{index}", Answer(b"x" * 3_000, 30, tags=(), generations={})
        )
    assert backend.response_bytes == 9_000
    assert [await backend.response(f"a{i}") is not None for i in range(5)] == [
        False,
        False,
        True,
        True,
        True,
    ]
    # one answer larger than all the room there is is not kept, and pushes the others out
    assert not await backend.store_response(
        "huge", Answer(b"x" * 20_000, 30, tags=(), generations={})
    )
    assert await backend.response("huge") is None
