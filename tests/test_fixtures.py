"""The suite's gateway fixtures share only what no request changes: each gateway starts clean."""

from __future__ import annotations

from mailgql.emulators import Emulators
from tests.conftest import GATEWAY_DOCUMENTS, open_gateway

DOCUMENT = "{ me(platform: V2REST) { username } }"


async def test_every_gateway_starts_with_an_empty_document_cache(emulators: Emulators) -> None:
    async with open_gateway(emulators) as first:
        await first.query(DOCUMENT)
        await first.query(DOCUMENT)
        assert (GATEWAY_DOCUMENTS.stats.parses, GATEWAY_DOCUMENTS.stats.hits) == (1, 1)
    async with open_gateway(emulators) as second:
        assert GATEWAY_DOCUMENTS.stats.entries == 0
        await second.query(DOCUMENT)
        # Parsed again: nothing the first gateway was asked is served to the second.
        assert (GATEWAY_DOCUMENTS.stats.parses, GATEWAY_DOCUMENTS.stats.hits) == (1, 0)
