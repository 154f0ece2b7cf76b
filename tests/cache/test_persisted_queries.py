"""Automatic Persisted Queries over POST and GET: an unknown hash, then the text registered,
then the hash alone; malformed and mismatched hashes."""

from __future__ import annotations

import hashlib
import json

import pytest

from mailgql.platforms import Platform
from tests.conftest import open_gateway

GRJ = "application/graphql-response+json"
QUERY = "{ me(platform: V2REST) { subAccounts(first: 2) { nodes { username } } } }"
SHA = hashlib.sha256(QUERY.encode()).hexdigest()
PERSISTED = {"persistedQuery": {"version": 1, "sha256Hash": SHA}}


@pytest.mark.parametrize("media", [GRJ, "application/json"])
async def test_an_unknown_hash_then_the_text_then_the_hash_alone(emulators, media):
    async with open_gateway(emulators) as gateway:
        miss = await gateway.client.post(
            "/graphql", json={"extensions": PERSISTED}, headers={"Accept": media}
        )
        assert miss.status_code == 200
        [error] = miss.json()["errors"]
        assert error["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
        assert "data" not in miss.json()
        assert await gateway.calls(Platform.V2REST) == 0

        registered = await gateway.client.post(
            "/graphql", json={"query": QUERY, "extensions": PERSISTED}, headers={"Accept": media}
        )
        expected = registered.json()
        assert len(expected["data"]["me"]["subAccounts"]["nodes"]) == 2

        by_post = await gateway.client.post(
            "/graphql", json={"extensions": PERSISTED}, headers={"Accept": media}
        )
        by_get = await gateway.client.get(
            "/graphql", params={"extensions": json.dumps(PERSISTED)}, headers={"Accept": media}
        )
        assert by_post.json() == expected
        assert by_get.json() == expected


async def test_a_hash_that_is_not_the_texts_is_refused(emulators):
    async with open_gateway(emulators) as gateway:
        wrong = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
        response = await gateway.client.post(
            "/graphql", json={"query": QUERY, "extensions": wrong}, headers={"Accept": GRJ}
        )
        assert response.status_code == 400
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "SHA-256" in error["message"]
        # nothing was registered under the wrong hash
        again = await gateway.client.post(
            "/graphql", json={"extensions": wrong}, headers={"Accept": GRJ}
        )
        assert again.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
        assert await gateway.calls(Platform.V2REST) == 0


@pytest.mark.parametrize(
    "extension",
    [
        {"version": 2, "sha256Hash": SHA},
        {"version": 1, "sha256Hash": "not-a-hash"},
        {"version": 1},
        "a string",
    ],
)
async def test_a_malformed_persisted_query_is_a_bad_request(emulators, extension):
    async with open_gateway(emulators) as gateway:
        response = await gateway.client.post(
            "/graphql",
            json={"extensions": {"persistedQuery": extension}},
            headers={"Accept": GRJ},
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_persisted_mutation_is_still_refused_over_get(emulators):
    mutation = 'mutation { deleteSegment(input: {id: "x"}) { userErrors { code } } }'
    sha = hashlib.sha256(mutation.encode()).hexdigest()
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": sha}}
    async with open_gateway(emulators) as gateway:
        # registered with a POST that runs it (the id is no segment: a user error, no write)
        await gateway.client.post("/graphql", json={"query": mutation, "extensions": persisted})
        response = await gateway.client.get(
            "/graphql", params={"extensions": json.dumps(persisted)}, headers={"Accept": GRJ}
        )
        assert response.status_code == 405
        assert response.headers["allow"] == "POST"


async def test_a_known_hash_is_answered_from_the_kept_answer(emulators):
    async with open_gateway(emulators, cache_ttl=30) as gateway:
        await gateway.client.post("/graphql", json={"query": QUERY, "extensions": PERSISTED})
        calls = await gateway.calls(Platform.V2REST)
        response = await gateway.client.get(
            "/graphql", params={"extensions": json.dumps(PERSISTED)}, headers={"Accept": GRJ}
        )
        assert len(response.json()["data"]["me"]["subAccounts"]["nodes"]) == 2
        assert await gateway.calls(Platform.V2REST) == calls
