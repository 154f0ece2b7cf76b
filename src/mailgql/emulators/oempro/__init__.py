"""Emulator of Oempro 4.x's ``api.php`` (contract: ``legacy-apis/oempro.md``)."""

from mailgql.emulators.oempro.credentials import (
    OEMPRO_ADMIN_PASSWORD,
    OEMPRO_ADMIN_USERNAME,
    OEMPRO_CLIENT_PASSWORD,
    OEMPRO_CLIENT_USERNAME,
    OEMPRO_USER_API_KEY,
    OEMPRO_USER_PASSWORD,
    OEMPRO_USER_USERNAME,
)
from mailgql.emulators.oempro.emulator import OemproEmulator

__all__ = [
    "OEMPRO_ADMIN_PASSWORD",
    "OEMPRO_ADMIN_USERNAME",
    "OEMPRO_CLIENT_PASSWORD",
    "OEMPRO_CLIENT_USERNAME",
    "OEMPRO_USER_API_KEY",
    "OEMPRO_USER_PASSWORD",
    "OEMPRO_USER_USERNAME",
    "OemproEmulator",
]
