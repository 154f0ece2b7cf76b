"""``Idempotency-Key`` on mutations: a repeat gets the first answer and reaches no platform; the
key is bound to one request and one caller; everything else about a request is as before."""

from __future__ import annotations

import hashlib

import pytest

from mailgql.cache import MemoryBackend
from tests.auth.conftest import FakeClock, bearer, make_key
from tests.conftest import GRAPHQL_RESPONSE
from tests.idempotency.conftest import ADD_CREDIT, Target, open_door


@pytest.fixture
def target(emulators):
    return Target.pick(emulators)


async def test_a_repeat_gets_the_first_answer_without_reaching_the_platform(emulators, target):
    async with open_door(emulators) as door:
        first = await door.add_credit(target.account_id, 100, "order-1")
        calls = await door.gateway.calls()
        again = await door.add_credit(target.account_id, 100, "order-1")
        assert await door.gateway.calls() == calls
    assert first.status_code == 200
    assert first.json()["data"]["addSendCredit"]["userErrors"] == []
    assert "idempotent-replayed" not in first.headers
    assert (again.status_code, again.content) == (first.status_code, first.content)
    assert again.headers["content-type"] == first.headers["content-type"]
    assert again.headers["idempotent-replayed"] == "true"
    assert target.added == 100


async def test_without_a_key_each_request_is_a_new_write(emulators, target):
    async with open_door(emulators) as door:
        for _ in range(2):
            response = await door.add_credit(target.account_id, 100)
            assert response.json()["data"]["addSendCredit"]["userErrors"] == []
        assert await door.upstream_writes() == 2
    assert target.added == 200


@pytest.mark.parametrize(
    "change",
    [
        {"credits": 5},
        {"operation_name": "AddCredit"},
        {"query": ADD_CREDIT.replace("userErrors { code message }", "userErrors { code }")},
    ],
    ids=["variables", "operation-name", "document"],
)
async def test_the_same_key_with_another_request_is_refused(emulators, target, change):
    async with open_door(emulators) as door:
        await door.add_credit(target.account_id, 100, "order-1")
        calls = await door.gateway.calls()
        credits = change.pop("credits", 100)
        refused = await door.add_credit(target.account_id, credits, "order-1", **change)
        assert await door.gateway.calls() == calls
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Idempotency-Key" in error["message"]
    assert "data" not in refused.json()
    assert target.added == 100


async def test_a_key_on_a_query_is_ignored(emulators, target):
    query = {"query": "{ me(platform: MAXMAILER) { username } }"}
    headers = {"Accept": GRAPHQL_RESPONSE, "Idempotency-Key": "order-1"}
    async with open_door(emulators) as door:
        for expected in (1, 2):
            answer = await door.gateway.client.post("/graphql", json=query, headers=headers)
            assert answer.status_code == 200
            assert "idempotent-replayed" not in answer.headers
            assert await door.gateway.calls() == expected
        # The query left no record: the key is still free for a mutation.
        response = await door.add_credit(target.account_id, 100, "order-1")
    assert response.json()["data"]["addSendCredit"]["userErrors"] == []
    assert target.added == 100


async def test_callers_never_share_a_record(emulators, target):
    async with open_door(emulators) as door, door.client(("10.0.0.2", 1)) as other:
        await door.add_credit(target.account_id, 100, "order-1")
        theirs = await door.add_credit(target.account_id, 100, "order-1", client=other)
        assert "idempotent-replayed" not in theirs.headers
        again = await door.add_credit(target.account_id, 100, "order-1", client=other)
        assert again.headers["idempotent-replayed"] == "true"
        assert await door.upstream_writes() == 2
    assert target.added == 200


async def test_api_keys_never_share_a_record(emulators, target):
    alice, bob = make_key("admin", name="alice"), make_key("admin", name="bob")
    keys = ",".join(k.entry for k in (alice, bob))
    async with open_door(emulators, api_keys=keys) as door:
        for key in (alice, bob, alice):
            response = await door.add_credit(target.account_id, 100, "order-1", headers=bearer(key))
            assert response.json()["data"]["addSendCredit"]["userErrors"] == []
        assert await door.upstream_writes() == 2
    assert target.added == 200


@pytest.mark.parametrize(
    "value",
    ["", "k" * 256, "caf\xe9", "tab\there", ["one", "two"]],
    ids=["empty", "too-long", "not-ascii", "control", "twice"],
)
async def test_a_malformed_key_is_refused_before_anything_runs(emulators, target, value):
    values = value if isinstance(value, list) else [value]
    headers = [("Idempotency-Key", v.encode("latin-1")) for v in values]
    headers.append(("Accept", GRAPHQL_RESPONSE))
    body = {
        "query": ADD_CREDIT,
        "variables": {"input": {"accountId": target.account_id, "credits": 1}},
    }
    async with open_door(emulators) as door:
        refused = await door.gateway.client.post("/graphql", json=body, headers=headers)
        assert await door.gateway.calls() == 0
    assert refused.status_code == 400
    [error] = refused.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Idempotency-Key" in error["message"]


async def test_the_longest_key_is_accepted(emulators, target):
    async with open_door(emulators) as door:
        first = await door.add_credit(target.account_id, 1, "~" * 255)
        again = await door.add_credit(target.account_id, 1, "~" * 255)
    assert first.status_code == 200
    assert again.headers["idempotent-replayed"] == "true"
    assert target.added == 1


async def test_a_request_refused_before_execution_gives_its_key_back(emulators, target):
    invalid = ADD_CREDIT.replace("userErrors {", "noSuchField userErrors {")
    async with open_door(emulators) as door:
        refused = await door.add_credit(target.account_id, 100, "order-1", query=invalid)
        assert refused.status_code == 400
        assert "data" not in refused.json()
        response = await door.add_credit(target.account_id, 100, "order-1")
    assert response.status_code == 200
    assert response.json()["data"]["addSendCredit"]["userErrors"] == []
    assert target.added == 100


async def test_an_answer_with_a_refusal_is_kept_too(emulators):
    monthly = "QWNjb3VudDptYXhtYWlsZXI6Mg=="  # a monthly account: Maxmailer refuses credit
    async with open_door(emulators) as door:
        first = await door.add_credit(monthly, 10, "order-1")
        calls = await door.gateway.calls()
        again = await door.add_credit(monthly, 10, "order-1")
        assert await door.gateway.calls() == calls
    assert first.json()["data"]["addSendCredit"]["userErrors"]
    assert again.content == first.content


async def test_a_persisted_query_and_its_text_are_one_request(emulators, target):
    sha = hashlib.sha256(ADD_CREDIT.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha}}
    variables = {"input": {"accountId": target.account_id, "credits": 100}}
    headers = {"Accept": GRAPHQL_RESPONSE, "Idempotency-Key": "order-1"}
    async with open_door(emulators) as door:
        post = door.gateway.client.post
        body = {"query": ADD_CREDIT, "variables": variables, "extensions": extensions}
        first = await post("/graphql", json=body, headers=headers)
        body = {"variables": variables, "extensions": extensions}
        again = await post("/graphql", json=body, headers=headers)
        assert await door.upstream_writes() == 1
    assert again.headers["idempotent-replayed"] == "true"
    assert again.content == first.content
    assert target.added == 100


async def test_a_kept_answer_lasts_its_window(emulators, target):
    clock = FakeClock()
    store = MemoryBackend(clock=clock)
    async with open_door(emulators, cache_backend=store, idempotency_ttl=3600) as door:
        await door.add_credit(target.account_id, 100, "order-1")
        clock.advance(3599)
        again = await door.add_credit(target.account_id, 100, "order-1")
        assert again.headers["idempotent-replayed"] == "true"
        clock.advance(2)
        later = await door.add_credit(target.account_id, 100, "order-1")
        assert "idempotent-replayed" not in later.headers
        assert await door.upstream_writes() == 2
    assert target.added == 200


async def test_keys_are_off_with_no_window(emulators, target):
    async with open_door(emulators, idempotency_ttl=0) as door:
        for _ in range(2):
            await door.add_credit(target.account_id, 100, "order-1")
    assert target.added == 200


class _Unreachable(MemoryBackend):
    async def claim(self, name: str, record: bytes, ttl: float) -> bytes | None:
        raise ConnectionError("the store does not answer")


async def test_a_mutation_with_a_key_is_not_run_without_the_store(emulators, target):
    async with open_door(emulators, cache_backend=_Unreachable()) as door:
        refused = await door.add_credit(target.account_id, 100, "order-1")
        assert await door.gateway.calls() == 0
        # without a key, nothing needs the store
        done = await door.add_credit(target.account_id, 100)
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "1"
    [error] = refused.json()["errors"]
    assert error["extensions"]["code"] == "IDEMPOTENCY_UNAVAILABLE"
    assert done.json()["data"]["addSendCredit"]["userErrors"] == []
    assert target.added == 100
