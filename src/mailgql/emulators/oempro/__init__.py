"""Emulator of Oempro 4.x's ``api.php`` (contract: ``legacy-apis/oempro.md``)."""

from mailgql.emulators.oempro import credentials
from mailgql.emulators.oempro.credentials import *  # noqa: F403 - its __all__ is ours too
from mailgql.emulators.oempro.emulator import OemproEmulator

__all__ = ["OemproEmulator", *credentials.__all__]
