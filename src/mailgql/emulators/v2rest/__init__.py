"""Emulator of the v2 REST API ("MarketingPlatform" API v2.0), written from its contract."""

from mailgql.emulators.v2rest.emulator import (
    V2REST_ADMIN_TOKEN,
    V2REST_ADMIN_USERNAME,
    V2RestEmulator,
)

__all__ = ["V2REST_ADMIN_TOKEN", "V2REST_ADMIN_USERNAME", "V2RestEmulator"]
