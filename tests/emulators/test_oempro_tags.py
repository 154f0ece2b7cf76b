"""Oempro emulator: campaign tags (contract §13) and a tag's archive URL, in JSON and XML."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from mailgql.emulators import Emulators
from mailgql.emulators.oempro.seed_content import TAG_NAMES
from tests.emulators.test_oempro_support import OemproApi, failed, open_api


@pytest.fixture
async def api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    async with open_api(emulators) as api:
        yield api


async def tags(api: OemproApi) -> dict[str, str]:
    body = await api.as_user("Tags.Get")
    assert body["Success"] is True
    assert body["TotalTagCount"] == len(body["Tags"])
    return {row["Tag"]: row["TagID"] for row in body["Tags"]}


async def tagged(api: OemproApi, **params: Any) -> dict[str, list[str]]:
    """Campaign id -> its tag names, from ``Campaigns.Get`` with ``RetrieveTags``."""
    body = await api.as_user(
        "Campaigns.Get",
        CampaignStatus="All",
        OrderField="CampaignID",
        OrderType="ASC",
        RecordsFrom=0,
        RecordsPerRequest=100,
        RetrieveTags="true",
        **params,
    )
    return {row["CampaignID"]: [t["Tag"] for t in row["Tags"]] for row in body["Campaigns"]}


async def test_tags_get_lists_the_users_tags_unpaged(api: OemproApi) -> None:
    body = await api.as_user("Tags.Get")
    assert [row["Tag"] for row in body["Tags"]] == list(TAG_NAMES)
    assert all(isinstance(row["TagID"], str) for row in body["Tags"])
    assert body["TotalTagCount"] == len(TAG_NAMES)
    other = await api.call("Tags.Get", SessionID=await api.switch("bluepeak"))
    assert other["Tags"] == []
    assert other["TotalTagCount"] == 0


async def test_campaign_rows_carry_their_tags_and_filter_by_tag(api: OemproApi) -> None:
    ids = await tags(api)
    rows = await tagged(api)
    assert any(rows.values())
    assert any(not names for names in rows.values())
    newsletter = [cid for cid, names in rows.items() if "Newsletter" in names]
    filtered = await tagged(api, Tags=ids["Newsletter"])
    assert list(filtered) == newsletter
    assert await tagged(api, Tags=ids["Unused"]) == {}


async def test_tag_create_and_its_codes(api: OemproApi) -> None:
    created = await api.as_user("Tag.Create", Tag="  Autumn  ")
    assert created["Success"] is True
    assert isinstance(created["TagID"], int)
    assert (await tags(api))["Autumn"] == str(created["TagID"])
    assert failed(await api.as_user("Tag.Create"), 1)
    assert failed(await api.as_user("Tag.Create", Tag=""), 1)
    assert failed(await api.as_user("Tag.Create", Tag="autumn"), 2)
    assert failed(await api.as_user("Tag.Create", Tag="a,b"), 3)
    assert failed(await api.as_user("Tag.Create", Tag="   "), 4)


async def test_tag_update_and_its_codes(api: OemproApi) -> None:
    ids = await tags(api)
    body = await api.as_user("Tag.Update", TagID=ids["Seasonal"], Tag="Holidays")
    assert body["Success"] is True
    assert "Holidays" in await tags(api)
    assert failed(await api.as_user("Tag.Update", Tag="x"), 1)
    assert failed(await api.as_user("Tag.Update", TagID=9999, Tag="x"), 1)
    assert failed(await api.as_user("Tag.Update", TagID=ids["Seasonal"]), 2)
    assert failed(await api.as_user("Tag.Update", TagID=ids["Seasonal"], Tag="Newsletter"), 2)
    assert failed(await api.as_user("Tag.Update", TagID=ids["Seasonal"], Tag="<b>"), 3)
    assert failed(await api.as_user("Tag.Update", TagID=ids["Seasonal"], Tag=" "), 4)


async def test_tags_delete(api: OemproApi) -> None:
    ids = await tags(api)
    body = await api.as_user("Tags.Delete", Tags=f"{ids['Unused']},{ids['Seasonal']},999")
    assert body["Success"] is True
    assert set(await tags(api)) == set(TAG_NAMES) - {"Unused", "Seasonal"}
    assert failed(await api.as_user("Tags.Delete"), 1)


async def test_assign_and_unassign_and_their_codes(api: OemproApi) -> None:
    ids = await tags(api)
    done = await api.as_user("Tag.AssignToCampaigns", TagID=ids["Unused"], CampaignIDs="1,2,999")
    assert done["Success"] is True
    rows = await tagged(api)
    assert "Unused" in rows["1"]
    assert "Unused" in rows["2"]
    undone = await api.as_user("Tag.UnassignFromCampaigns", TagID=ids["Unused"], CampaignIDs="1")
    assert undone["Success"] is True
    rows = await tagged(api)
    assert "Unused" not in rows["1"]
    assert "Unused" in rows["2"]
    for command in ("Tag.AssignToCampaigns", "Tag.UnassignFromCampaigns"):
        assert failed(await api.as_user(command, CampaignIDs="1"), 1)
        assert failed(await api.as_user(command, TagID=999, CampaignIDs="1"), 1)
        assert failed(await api.as_user(command, TagID=ids["Unused"]), 2)
        assert failed(await api.as_user(command), 1, 2)


async def test_archive_url_of_a_tag(api: OemproApi) -> None:
    ids = await tags(api)
    body = await api.as_user("Campaigns.Archive.GetURL", TagID=ids["Product news"])
    assert body["Success"] is True
    assert f"TagID={ids['Product news']}" in body["URL"]
    assert failed(await api.as_user("Campaigns.Archive.GetURL"), 1)
    assert failed(await api.as_user("Campaigns.Archive.GetURL", TagID=999), 2)


async def test_tags_answer_xml_and_need_a_user_session(api: OemproApi) -> None:
    session = await api.login()
    response = await api.raw("Tags.Get", SessionID=session, ResponseFormat="XML")
    assert response.status_code == 200
    assert "<Tags>" in response.text
    assert "<node_0>" in response.text
    assert "<Tag><![CDATA[Newsletter]]></Tag>" in response.text
    refused = await api.raw("Tag.Create", SessionID=session, ResponseFormat="XML")
    assert "<Success></Success>" in refused.text
    assert "<node_0><![CDATA[1]]>" in refused.text
    admin = await api.as_admin("Tags.Get")
    assert admin["ErrorCode"] == 99999


def test_every_tag_command_has_a_handler() -> None:
    from mailgql.emulators.oempro.commands import COMMANDS

    names = {command.name for command in COMMANDS.values()}
    assert names >= {
        *("Tags.Get", "Tag.Create", "Tag.Update", "Tags.Delete"),
        *("Tag.AssignToCampaigns", "Tag.UnassignFromCampaigns", "Campaigns.Archive.GetURL"),
    }
