"""Oempro campaign tags in the graph: on the account and on campaigns, their writes, their
refusals with Oempro's codes, and what their reads cost (read from the emulator's counter)."""

from __future__ import annotations

from typing import Any

from mailgql.emulators import Emulators
from mailgql.emulators.oempro.records.content import Tag
from mailgql.emulators.oempro.seed_content import TAG_NAMES
from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import (
    ADMIN,
    USER_ERRORS,
    demo_user,
    gid,
    mutate,
    own_campaigns,
    refusal,
    state,
)

ACCOUNT_TAGS = """{ me(platform: OEMPRO) {
  tags(first: 10) { totalCount nodes { id legacyId name platform } }
  campaigns(first: 50) { nodes { legacyId tags { legacyId name } } } } }"""


def demo_tags(emulators: Emulators) -> list[Tag]:
    return state(emulators).content.tags_of(demo_user(emulators).id)


def tag_named(emulators: Emulators, name: str) -> Tag:
    return next(t for t in demo_tags(emulators) if t["Tag"] == name)


def stored_tags(emulators: Emulators, campaign_id: int) -> list[str]:
    return [t["Tag"] for t in state(emulators).content.tags_of_campaign(campaign_id)]


async def test_the_account_and_its_campaigns_show_their_tags(gateway, emulators):
    data = await gateway.query(ACCOUNT_TAGS)
    tags = data["me"]["tags"]
    assert tags["totalCount"] == len(TAG_NAMES)
    assert [n["name"] for n in tags["nodes"]] == list(TAG_NAMES)
    assert {n["platform"] for n in tags["nodes"]} == {"OEMPRO"}
    first = tags["nodes"][0]
    assert first["id"] == gid("CampaignTag", first["legacyId"])
    shown = {
        n["legacyId"]: [t["name"] for t in n["tags"]] for n in data["me"]["campaigns"]["nodes"]
    }
    assert shown == {str(c.id): stored_tags(emulators, c.id) for c in own_campaigns(emulators)}
    assert any(shown.values())
    assert not all(shown.values())


async def test_a_tag_by_node_and_its_archive_url(gateway, emulators):
    tag = tag_named(emulators, "Product news")
    data = await gateway.query(
        "query($id: ID!) { node(id: $id) { ... on CampaignTag { name archiveUrl } } }",
        {"id": gid("CampaignTag", tag.id)},
    )
    assert data["node"]["name"] == "Product news"
    assert f"TagID={tag.id}" in data["node"]["archiveUrl"]
    missing = await gateway.query(
        "query($id: ID!) { node(id: $id) { id } }", {"id": gid("CampaignTag", 999)}
    )
    assert missing["node"] is None


async def _twenty_five_campaigns(emulators: Emulators) -> list[int]:
    """The demo user has 10 campaigns: add 15 through the graph, each tagged in the database."""
    async with open_gateway(emulators) as gateway:
        for number in range(15):
            await mutate(
                gateway,
                "createCampaign",
                {"platform": "OEMPRO", "name": f"Weekly digest {number}"},
                "userErrors { code }",
            )
        await gateway.reset_calls()
    ids = [c.id for c in own_campaigns(emulators)]
    seasonal = tag_named(emulators, "Seasonal")
    seasonal.campaign_ids.extend(i for i in ids[10:] if i not in seasonal.campaign_ids)
    assert len(ids) == 25
    return ids


async def test_the_tags_of_25_campaigns_cost_a_constant_number_of_calls(emulators):
    """25 campaigns of the listing with their tags: 1 ``User.Login`` + 1 ``Campaigns.Get``
    (rows carry their tags with ``RetrieveTags``); the tags add no call. The same 25 read by id
    (``nodes``) cost 25 ``Campaign.Get`` (4.x reads no campaigns by several ids, and returns no
    tags there) and, for all their tags together, 1 ``Campaigns.Get``."""
    ids = await _twenty_five_campaigns(emulators)
    async with open_gateway(emulators) as gateway:
        listed = await gateway.query(
            "{ campaigns(platform: OEMPRO, first: 25) { nodes { legacyId tags { name } } } }"
        )
        listing_counts = await gateway.counts(Platform.OEMPRO)
        await gateway.reset_calls()
        by_id = await gateway.query(
            "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Campaign { legacyId "
            "tags { name } } } }",
            {"ids": [gid("Campaign", i) for i in ids]},
        )
        node_counts = await gateway.counts(Platform.OEMPRO)
    expected = {str(i): stored_tags(emulators, i) for i in ids}
    assert {
        n["legacyId"]: [t["name"] for t in n["tags"]] for n in listed["campaigns"]["nodes"]
    } == (expected)
    assert {n["legacyId"]: [t["name"] for t in n["tags"]] for n in by_id["nodes"]} == expected
    assert listing_counts == {"User.Login": 1, "Campaigns.Get": 1}
    assert node_counts == {"Campaign.Get": 25, "Campaigns.Get": 1}


TAG = "tag { legacyId name }"


async def test_create_rename_and_delete_a_tag(gateway, emulators):
    created = await mutate(gateway, "createCampaignTag", {"name": "Autumn"}, f"{TAG} {USER_ERRORS}")
    assert created["userErrors"] == []
    tag_id = int(created["tag"]["legacyId"])
    assert state(emulators).content.tags[tag_id]["Tag"] == "Autumn"
    renamed = await mutate(
        gateway,
        "renameCampaignTag",
        {"tagId": gid("CampaignTag", tag_id), "name": "Fall"},
        f"{TAG} {USER_ERRORS}",
    )
    assert renamed["tag"] == {"legacyId": str(tag_id), "name": "Fall"}
    deleted = await mutate(
        gateway, "deleteCampaignTag", {"tagId": str(tag_id)}, f"deletedTagId {USER_ERRORS}"
    )
    assert deleted["deletedTagId"] == gid("CampaignTag", tag_id)
    assert tag_id not in state(emulators).content.tags
    data = await gateway.query("{ me(platform: OEMPRO) { tags { totalCount } } }")
    assert data["me"]["tags"]["totalCount"] == len(TAG_NAMES)


async def test_tag_and_untag_campaigns(gateway, emulators):
    tag = tag_named(emulators, "Unused")
    first, second = own_campaigns(emulators)[:2]
    payload = "campaigns { legacyId tags { name } } " + USER_ERRORS
    tagged = await mutate(
        gateway,
        "tagCampaigns",
        {
            "tagId": gid("CampaignTag", tag.id),
            "campaignIds": [gid("Campaign", first.id), str(second.id)],
        },
        payload,
    )
    assert tagged["userErrors"] == []
    assert [c["legacyId"] for c in tagged["campaigns"]] == [str(first.id), str(second.id)]
    assert all("Unused" in [t["name"] for t in c["tags"]] for c in tagged["campaigns"])
    assert tag.campaign_ids == [first.id, second.id]
    untagged = await mutate(
        gateway, "untagCampaigns", {"tagId": str(tag.id), "campaignIds": [str(first.id)]}, payload
    )
    assert "Unused" not in [t["name"] for t in untagged["campaigns"][0]["tags"]]
    assert tag.campaign_ids == [second.id]


async def _tag_refusal(gateway: Any, name: str, input: dict[str, Any], key: str) -> dict[str, Any]:
    return await mutate(
        gateway,
        name,
        input,
        f"{key} {{ legacyId }} {USER_ERRORS}" if key != "deletedTagId" else f"{key} {USER_ERRORS}",
    )


async def test_oempro_refusals_are_user_errors_with_their_legacy_codes(gateway, emulators):
    seasonal = str(tag_named(emulators, "Seasonal").id)
    name = ["input", "name"]
    for given, legacy in (("", "1"), ("Newsletter", "2"), ("a,b", "3"), ("   ", "4")):
        payload = await _tag_refusal(gateway, "createCampaignTag", {"name": given}, "tag")
        refusal(payload, "tag", "BAD_USER_INPUT", legacy, name)
    for given, legacy in (("", "2"), ("Promotions", "2"), ("<b>", "3"), (" ", "4")):
        payload = await _tag_refusal(
            gateway, "renameCampaignTag", {"tagId": seasonal, "name": given}, "tag"
        )
        refusal(payload, "tag", "BAD_USER_INPUT", legacy, name)
    assert [t["Tag"] for t in demo_tags(emulators)] == list(TAG_NAMES)


async def test_unknown_tags_and_campaigns_are_not_found_before_any_write(gateway, emulators):
    unused = str(tag_named(emulators, "Unused").id)
    await gateway.reset_calls()
    renamed = await _tag_refusal(gateway, "renameCampaignTag", {"tagId": "999", "name": "x"}, "tag")
    refusal(renamed, "tag", "NOT_FOUND", None, ["input", "tagId"])
    deleted = await _tag_refusal(gateway, "deleteCampaignTag", {"tagId": "999"}, "deletedTagId")
    refusal(deleted, "deletedTagId", "NOT_FOUND", None, ["input", "tagId"])
    tagged = await _tag_refusal(
        gateway, "tagCampaigns", {"tagId": unused, "campaignIds": ["1", "9999"]}, "campaigns"
    )
    refusal(tagged, "campaigns", "NOT_FOUND", None, ["input", "campaignIds"])
    counts = await gateway.counts(Platform.OEMPRO)
    assert not {"Tag.Update", "Tags.Delete", "Tag.AssignToCampaigns"} & set(counts)
    empty = await _tag_refusal(
        gateway, "tagCampaigns", {"tagId": unused, "campaignIds": []}, "campaigns"
    )
    refusal(empty, "campaigns", "BAD_USER_INPUT", None, ["input", "campaignIds"])


async def test_a_users_tags_read_through_an_admin_login(emulators):
    async with open_gateway(emulators, **ADMIN) as gateway:
        data = await gateway.query(
            "query($id: ID!) { node(id: $id) { ... on Account { tags { nodes { id name } } } } }",
            {"id": gid("Account", f"user:{demo_user(emulators).id}")},
        )
        counts = await gateway.counts(Platform.OEMPRO)
    nodes = data["node"]["tags"]["nodes"]
    assert [n["name"] for n in nodes] == list(TAG_NAMES)
    assert nodes[0]["id"] == gid(
        "CampaignTag", f"{demo_user(emulators).id}/{demo_tags(emulators)[0].id}"
    )
    assert counts["User.Switch"] == 1
    assert counts["Tags.Get"] == 1
