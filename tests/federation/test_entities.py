"""``_entities``: a router's representations answered with the objects ``nodes(ids:)`` gives,
from every platform, batched alike, each failure at its own index."""

from __future__ import annotations

from typing import Any

import pytest

from mailgql.graph.ids import encode_id
from mailgql.platforms import Platform
from tests.conftest import Gateway
from tests.federation.conftest import ENTITIES, NODES, open_subgraph, representations

# (platform, entity type, a document listing a few of them, where the listing's nodes are)
LISTINGS = [
    pytest.param(
        "V2REST",
        "Account",
        "{ accounts(platform: V2REST, first: 3) { nodes { id username platform } } }",
        ("accounts",),
        id="v2rest-Account",
    ),
    pytest.param(
        "V2REST",
        "MailingList",
        "{ me(platform: V2REST) { subAccounts(first: 1) { nodes { "
        "inheritedLists(first: 3) { nodes { id legacyId name platform } } } } } }",
        ("me", "subAccounts", "nodes", 0, "inheritedLists"),
        id="v2rest-MailingList",
    ),
    pytest.param(
        "MAXMAILER",
        "Account",
        "{ accounts(platform: MAXMAILER, first: 3) { nodes { id username platform } } }",
        ("accounts",),
        id="maxmailer-Account",
    ),
    pytest.param(
        "MAXMAILER",
        "Campaign",
        "{ campaigns(platform: MAXMAILER, first: 3) { nodes { id legacyId platform } } }",
        ("campaigns",),
        id="maxmailer-Campaign",
    ),
    pytest.param(
        "MAXMAILER",
        "MailingList",
        "{ me(platform: MAXMAILER) { lists(first: 3) { nodes { id legacyId name platform } } } }",
        ("me", "lists"),
        id="maxmailer-MailingList",
    ),
    pytest.param(
        "OEMPRO",
        "Account",
        "{ accounts(platform: OEMPRO, first: 3) { nodes { id username platform } } }",
        ("accounts",),
        id="oempro-Account",
    ),
    pytest.param(
        "OEMPRO",
        "Campaign",
        "{ campaigns(platform: OEMPRO, first: 3) { nodes { id legacyId platform } } }",
        ("campaigns",),
        id="oempro-Campaign",
    ),
    pytest.param(
        "OEMPRO",
        "MailingList",
        "{ me(platform: OEMPRO) { lists(first: 3) { nodes { id legacyId name platform } } } }",
        ("me", "lists"),
        id="oempro-MailingList",
    ),
]


def _at(data: Any, path: tuple[str | int, ...]) -> list[dict[str, Any]]:
    for step in path:
        data = data[step]
    nodes: list[dict[str, Any]] = data["nodes"]
    return nodes


async def _listed(gateway: Gateway, document: str, path: tuple[str | int, ...]) -> list[Any]:
    return _at(await gateway.query(document), path)


@pytest.mark.parametrize(("platform", "type_name", "document", "path"), LISTINGS)
async def test_entities_are_the_objects_the_graph_lists(
    subgraph, platform, type_name, document, path
):
    listed = await _listed(subgraph, document, path)
    assert len(listed) >= 1
    assert {item["platform"] for item in listed} == {platform}
    ids = [item["id"] for item in listed]

    entities = (await subgraph.query(ENTITIES, representations(type_name, ids)))["_entities"]

    assert entities == [{"__typename": type_name, **item} for item in listed]
    nodes = (await subgraph.query(NODES, {"ids": ids}))["nodes"]
    assert entities == nodes


async def test_one_call_takes_entities_of_every_type_and_platform_in_order(subgraph):
    v2_account = (await _listed(subgraph, LISTINGS[0].values[2], ("accounts",)))[0]
    campaign = (await _listed(subgraph, LISTINGS[6].values[2], ("campaigns",)))[0]
    mm_list = (await _listed(subgraph, LISTINGS[4].values[2], ("me", "lists")))[0]
    asked = [
        {"__typename": "Campaign", "id": campaign["id"]},
        {"__typename": "Account", "id": v2_account["id"]},
        {"__typename": "MailingList", "id": mm_list["id"]},
    ]

    entities = (await subgraph.query(ENTITIES, {"representations": asked}))["_entities"]

    assert entities == [
        {"__typename": "Campaign", **campaign},
        {"__typename": "Account", **v2_account},
        {"__typename": "MailingList", **mm_list},
    ]


async def test_every_platform_s_own_account_is_an_entity(subgraph):
    data = await subgraph.query(
        "{ v2: me(platform: V2REST) { id username } mm: me(platform: MAXMAILER) { id username } "
        "oe: me(platform: OEMPRO) { id username } }"
    )
    mine = [data["v2"], data["mm"], data["oe"]]

    entities = (
        await subgraph.query(ENTITIES, representations("Account", [a["id"] for a in mine]))
    )["_entities"]

    assert [(e["id"], e["username"]) for e in entities] == [(a["id"], a["username"]) for a in mine]


async def test_an_entity_that_does_not_exist_is_null_without_an_error(subgraph):
    gone = [
        encode_id("Account", Platform.V2REST, "no_such_account"),
        encode_id("Campaign", Platform.V2REST, 7),  # v2 REST has no campaigns
        encode_id("Campaign", Platform.MAXMAILER, 999999),
    ]
    body = await subgraph.result(
        ENTITIES,
        {
            "representations": [
                {"__typename": "Account", "id": gone[0]},
                {"__typename": "Campaign", "id": gone[1]},
                {"__typename": "Campaign", "id": gone[2]},
            ]
        },
    )
    assert body == {"data": {"_entities": [None, None, None]}}


# -- batching ------------------------------------------------------------------------------------

BATCHES = [
    pytest.param(
        Platform.V2REST,
        "Account",
        "{ accounts(platform: V2REST, first: 50) { nodes { id } } }",
        ("accounts",),
        {"GET /Users/SubAccounts": 1},
        id="v2rest-Account",
    ),
    pytest.param(
        Platform.MAXMAILER,
        "Account",
        "{ accounts(platform: MAXMAILER, first: 50) { nodes { id } } }",
        ("accounts",),
        {"ListUsers": 1},
        id="maxmailer-Account",
    ),
    pytest.param(
        Platform.MAXMAILER,
        "Campaign",
        "{ campaigns(platform: MAXMAILER, first: 50) { nodes { id } } }",
        ("campaigns",),
        None,
        id="maxmailer-Campaign",
    ),
    pytest.param(
        Platform.OEMPRO,
        "Campaign",
        "{ campaigns(platform: OEMPRO, first: 50) { nodes { id } } }",
        ("campaigns",),
        None,
        id="oempro-Campaign",
    ),
]


@pytest.mark.parametrize(("platform", "type_name", "document", "path", "expected"), BATCHES)
async def test_fifty_entities_cost_what_nodes_costs(
    large_subgraph, platform, type_name, document, path, expected
):
    ids = [item["id"] for item in await _listed(large_subgraph, document, path)]
    assert len(ids) == 50

    await large_subgraph.reset_calls()
    by_nodes = (await large_subgraph.query(NODES, {"ids": ids}))["nodes"]
    nodes_calls = await large_subgraph.counts(platform)
    await large_subgraph.reset_calls()
    by_entities = (await large_subgraph.query(ENTITIES, representations(type_name, ids)))[
        "_entities"
    ]
    entities_calls = await large_subgraph.counts(platform)

    assert by_entities == by_nodes
    assert [e["id"] for e in by_entities] == ids
    assert entities_calls == nodes_calls
    if expected is not None:  # read in one batch: one listing call answers all fifty
        assert entities_calls == expected


# -- failures, each at its own index -----------------------------------------------------------


async def test_a_bad_representation_is_null_with_a_typed_error_at_its_index(subgraph):
    account = (await _listed(subgraph, LISTINGS[2].values[2], ("accounts",)))[0]
    campaign = (await _listed(subgraph, LISTINGS[6].values[2], ("campaigns",)))[0]
    segment_id = encode_id("Segment", Platform.OEMPRO, "1/1:1")
    asked: list[Any] = [
        {"__typename": "Account", "id": account["id"]},  # 0: fine
        {"__typename": "Segment", "id": segment_id},  # 1: a Node, but not an entity
        {"__typename": "Nope", "id": account["id"]},  # 2: no such type
        {"__typename": "Account", "id": campaign["id"]},  # 3: a Campaign's ID
        {"__typename": "Account", "id": "not a mailgql id"},  # 4: not one of our IDs
        {"__typename": "Account"},  # 5: no id
        "Account",  # 6: not an object
        {"__typename": "Campaign", "id": campaign["id"]},  # 7: fine
    ]

    response = await subgraph.post(ENTITIES, {"representations": asked})
    body = response.json()

    assert response.status_code == 200
    entities = body["data"]["_entities"]
    assert entities[0] == {"__typename": "Account", **account}
    assert entities[7] == {"__typename": "Campaign", **campaign}
    assert entities[1:7] == [None] * 6
    errors = {tuple(e["path"]): e for e in body["errors"]}
    assert sorted(errors) == [("_entities", i) for i in range(1, 7)]
    for index, error in errors.items():
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert error["extensions"]["field"][:2] == ["representations", str(index[1])]
    assert "Account, Campaign, MailingList" in errors[("_entities", 1)]["message"]
    assert "'Segment'" in errors[("_entities", 1)]["message"]
    assert "'Nope'" in errors[("_entities", 2)]["message"]
    assert "is the ID of a Campaign, not of a Account" in errors[("_entities", 3)]["message"]
    assert "is not a mailgql ID" in errors[("_entities", 4)]["message"]
    assert errors[("_entities", 5)]["extensions"]["field"] == ["representations", "5", "id"]
    assert "expected an object" in errors[("_entities", 6)]["message"]


async def test_a_failing_platform_nulls_only_its_own_entities(subgraph):
    v2 = (await _listed(subgraph, LISTINGS[0].values[2], ("accounts",)))[0]
    mm = (await _listed(subgraph, LISTINGS[2].values[2], ("accounts",)))[0]
    await subgraph.fault(platform="maxmailer", kind="status", status=503, count=None)

    body = await subgraph.result(
        ENTITIES,
        {
            "representations": [
                {"__typename": "Account", "id": v2["id"]},
                {"__typename": "Account", "id": mm["id"]},
            ]
        },
    )

    assert body["data"]["_entities"] == [{"__typename": "Account", **v2}, None]
    [error] = body["errors"]
    assert error["path"] == ["_entities", 1]
    assert error["extensions"]["platform"] == "MAXMAILER"
    assert error["extensions"]["code"].startswith("UPSTREAM_")


async def test_an_unconfigured_platform_s_entity_is_platform_not_configured(emulators):
    async with open_subgraph(emulators, oempro_url=None) as subgraph:
        v2 = (await _listed(subgraph, LISTINGS[0].values[2], ("accounts",)))[0]
        oempro_campaign = encode_id("Campaign", Platform.OEMPRO, "1/1")
        body = await subgraph.result(
            ENTITIES,
            {
                "representations": [
                    {"__typename": "Campaign", "id": oempro_campaign},
                    {"__typename": "Account", "id": v2["id"]},
                ]
            },
        )

    assert body["data"]["_entities"] == [None, {"__typename": "Account", **v2}]
    [error] = body["errors"]
    assert error["path"] == ["_entities", 0]
    assert error["extensions"] == {"code": "PLATFORM_NOT_CONFIGURED", "platform": "OEMPRO"}


# -- limits ------------------------------------------------------------------------------------


async def test_more_representations_than_nodes_takes_are_refused_whole(subgraph):
    ids = [encode_id("Account", Platform.MAXMAILER, n) for n in range(1, 102)]

    body = await subgraph.result(ENTITIES, representations("Account", ids))

    assert body["data"] is None
    [error] = body["errors"]
    assert error["path"] == ["_entities"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": ["representations"]}
    assert "at most 100 representations" in error["message"]
    assert await subgraph.calls() == 0


async def test_representations_count_in_the_cost_as_the_ids_of_nodes_do(emulators):
    document = """
      query Entities($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Account { campaigns(first: 50) { nodes { id } } }
        }
      }"""
    nodes_document = """
      query Nodes($ids: [ID!]!) {
        nodes(ids: $ids) { ... on Account { campaigns(first: 50) { nodes { id } } } }
      }"""
    ids = [encode_id("Account", Platform.MAXMAILER, n) for n in range(1, 21)]
    async with open_subgraph(emulators, max_cost=1000) as subgraph:
        refused = await subgraph.result(document, representations("Account", ids))
        by_nodes = await subgraph.result(nodes_document, {"ids": ids})
        calls = await subgraph.calls()

    # 20 representations, each with a page of 50: 20 + 20 × 50
    assert refused == {
        "errors": [
            {
                "message": "the operation's cost is 1020, over the limit of 1000 "
                "(MAILGQL_MAX_COST)",
                "extensions": {
                    "code": "QUERY_TOO_COMPLEX",
                    "measure": "cost",
                    "limit": 1000,
                    "actual": 1020,
                },
            }
        ],
    }
    assert by_nodes["errors"][0]["extensions"]["actual"] == 1020
    assert calls == 0
