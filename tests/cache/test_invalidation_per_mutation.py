"""Every mutation forgets exactly what it made stale, in the reads kept across requests and in
the answers kept to repeated queries.

For each mutation on each platform that has it: a read that shows what the mutation changes is
answered, then answered again from the caches without any upstream call; the mutation runs;
the read then shows the change, and what reached the platform meanwhile is the write and one
more read of each thing it made stale, nothing else. Each case runs with whole answers kept and
with only the upstream reads kept, and with the caches in the process and in Redis.
"""

from __future__ import annotations

import graphql
import pytest

from mailgql.emulators import Emulators
from tests.cache.cases_oempro import OEMPRO_CASES
from tests.cache.cases_oempro_admin import OEMPRO_ADMIN_CASES
from tests.cache.cases_oempro_content import OEMPRO_CONTENT_CASES
from tests.cache.cases_oempro_lists import OEMPRO_LIST_CASES
from tests.cache.cases_v2_maxmailer import MAXMAILER_CASES, V2_CASES
from tests.cache.invalidation import Case, unchanged
from tests.conftest import gateway_schema, open_gateway

CASES = [*V2_CASES, *MAXMAILER_CASES, *OEMPRO_CASES, *OEMPRO_LIST_CASES, *OEMPRO_CONTENT_CASES]
CASES += OEMPRO_ADMIN_CASES


def test_every_mutation_of_the_schema_has_a_case() -> None:
    schema = graphql.build_schema(gateway_schema().as_str())
    assert schema.mutation_type is not None
    assert {case.mutation for case in CASES} == set(schema.mutation_type.fields)


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> dict[str, str]:
    """Where the caches live: in the process, or in Redis (found through its index)."""
    if request.param == "memory":
        return {}
    return {"redis_url": request.getfixturevalue("redis_url")}


@pytest.mark.parametrize("cache_responses", [True, False], ids=["answers-kept", "reads-kept"])
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_a_mutation_invalidates_what_it_made_stale(
    emulators: Emulators, case: Case, cache_responses: bool, store: dict[str, str]
) -> None:
    variables = case.variables(emulators)
    change = case.input(emulators)
    async with open_gateway(
        emulators, cache_ttl=30, cache_responses=cache_responses, **store, **case.settings
    ) as gateway:
        before = await gateway.query(case.read, variables)
        upstream = await gateway.calls()
        assert await gateway.query(case.read, variables) == before
        assert await gateway.calls() == upstream, "the repeated read went upstream"

        await gateway.reset_calls()
        payload = await gateway.query(case.document, {"input": change})
        assert payload[case.mutation]["userErrors"] == []
        body = await gateway.result(case.read, variables)
        calls = await gateway.counts(case.platform)
        assert await gateway.calls() == sum(calls.values()), "another platform was called"

    assert tuple(e["extensions"]["code"] for e in body.get("errors", [])) == case.errors
    after = body["data"]
    shown = case.show(before)
    assert case.show(after) == case.expect(shown)
    if case.expect is not unchanged:
        assert case.show(after) != shown
    assert calls == case.upstream
