"""The cache's settings: the kinds a TTL may name, and what the README promises of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mailgql.cache import cache_control
from mailgql.data import build_data
from mailgql.platforms import Platform
from mailgql.settings import Settings, SettingsError
from mailgql.upstreams.clients import UpstreamClients
from tests.conftest import gateway_settings, open_gateway

README = Path(__file__).parents[2] / "README.md"


async def test_the_readme_lists_every_kind_of_record_the_platforms_read(emulators):
    settings = gateway_settings(emulators, "http://emulators")
    clients = UpstreamClients.open(settings)
    try:
        kinds = build_data(clients, settings).kinds()
    finally:
        await clients.aclose()
    text = README.read_text(encoding="utf-8")
    for platform in Platform:
        row = re.search(rf"^\| `{platform.value}` \| (.+) \|$", text, re.MULTILINE)
        assert row is not None, platform
        listed = set(re.findall(r"`([a-z_]+)`", row.group(1)))
        assert listed == set(kinds[platform]), platform


async def test_a_ttl_for_an_unknown_kind_stops_start_up(emulators):
    with pytest.raises(SettingsError, match="MAILGQL_CACHE_KIND_TTL.*v2rest.inherited_list"):
        async with open_gateway(emulators, cache_kind_ttl={"v2rest.inherited_list": 5}):
            pass


@pytest.mark.parametrize(
    "value",
    ['{"nowhere.lists": 5}', '{"oempro.lists": -1}', '{"oempro.lists": "soon"}', "[1]", "{"],
)
def test_a_malformed_kind_ttl_is_a_settings_error(value, monkeypatch):
    monkeypatch.setenv("MAILGQL_CACHE_KIND_TTL", value)
    with pytest.raises(ValueError, match="cache_kind_ttl"):
        Settings()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, (True, True)),
        ("max-age=60", (True, True)),
        ("no-cache", (False, True)),
        ("No-Cache, max-age=0", (False, True)),
        ("no-store", (False, False)),
        ("private, no-store", (False, False)),
    ],
)
def test_cache_control_says_whether_to_use_and_to_keep(header, expected):
    assert cache_control(header) == expected
